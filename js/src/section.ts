/** What a section of the panel is: one file each, registered in `sections.ts`. */
import { oneLine, type Api } from './api';

/** What the panel gives a section. */
export interface ISectionContext {
  /** The file browser's folder (sent as `path=`). */
  path(): string;
  /** Open a file (relative to the Jupyter root) in JupyterLab. */
  open(path: string): void;
  /** Open a job run's output notebook, read-only. */
  openOutput(path: string): void;
  /** Poll soon: something was clicked or a view changed. */
  poke(): void;
}

export interface ISection {
  readonly id: string;
  readonly title: string;
  /** Build the section's DOM in `container` (once). */
  render(container: HTMLElement, api: Api, ctx: ISectionContext): void;
  /** Fetch what the visible view shows and redraw it; whether anything changed. */
  refresh(): Promise<boolean>;
  /** Something shown is running: poll at the fastest pace. */
  busy?(): boolean;
  /** Keep polling this section even while another one is shown (a run started from the panel has not ended). */
  watching?(): boolean;
  /** The project changed: drop what was shown. */
  reset?(): void;
  dispose(): void;
}

/** One view inside a section (a list, a run's detail, a comparison): only the one shown is polled. */
export interface IView {
  readonly el: HTMLElement;
  refresh(): Promise<boolean>;
  busy(): boolean;
}

/**
 * Run `work`, showing any error as one line in `line` (and clearing it once things work again). Whether what is
 * shown changed: a new error counts, the same error again does not (so a server that is down is polled less).
 */
export async function guarded(line: HTMLElement, work: () => Promise<boolean>): Promise<boolean> {
  const before = line.textContent || '';
  try {
    const changed = await work();
    line.textContent = '';
    line.hidden = true;
    return changed || before !== '';
  } catch (e) {
    const message = oneLine(e);
    line.textContent = message;
    line.hidden = false;
    return message !== before;
  }
}

/** An empty error line for a view. */
export function errorLine(): HTMLElement {
  const el = document.createElement('div');
  el.className = 'mlops-error';
  el.setAttribute('role', 'alert');
  el.hidden = true;
  return el;
}
