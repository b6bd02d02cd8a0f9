/**
 * Polling that is light on the machine: it runs only while the panel is shown and the browser tab is visible, polls
 * at once when shown, and backs off (2 s, 4, 8 ... 60 s) while nothing changes, back to 2 s when something did or
 * while something is running.
 */

/** What one poll found. */
export interface ITick {
  changed: boolean;
  busy: boolean;
}

export interface IPollerOptions {
  min?: number;
  max?: number;
}

export class Poller {
  private readonly min: number;
  private readonly max: number;
  private delay: number;
  private timer: number | null = null;
  private inFlight = false;
  private again = false;
  private shown = false;
  private disposed = false;
  private readonly onVisibility = () => (document.hidden ? this.stop() : this.shown && this.now());

  constructor(
    private tick: () => Promise<ITick>,
    options: IPollerOptions = {}
  ) {
    this.min = options.min ?? 2000;
    this.max = options.max ?? 60000;
    this.delay = this.min;
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** The panel is shown: poll now, then keep polling. */
  show(): void {
    this.shown = true;
    this.now();
  }

  /** The panel is hidden: stop until shown again. */
  hide(): void {
    this.shown = false;
    this.stop();
  }

  /** Poll now (something was clicked, the folder changed), at the fastest pace again. */
  now(): void {
    this.delay = this.min;
    this.stop();
    if (this.inFlight) this.again = true;
    else void this.run();
  }

  /** The current wait between polls, in ms. */
  get interval(): number {
    return this.delay;
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  private get active(): boolean {
    return this.shown && !this.disposed && !document.hidden;
  }

  private stop(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    if (!this.active) return;
    this.inFlight = true;
    let found: ITick = { changed: false, busy: false };
    try {
      found = await this.tick();
    } catch {
      /* the sections show their own errors; back off as if nothing changed */
    } finally {
      this.inFlight = false;
    }
    this.delay = found.changed || found.busy ? this.min : Math.min(this.delay * 2, this.max);
    if (this.again) {
      this.again = false;
      this.now();
    } else this.schedule();
  }

  private schedule(): void {
    this.stop();
    if (this.active) this.timer = window.setTimeout(() => void this.run(), this.delay);
  }
}
