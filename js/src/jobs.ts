/**
 * The Jobs section: each job's schedule, next run and last run, Run now / Pause / Resume, its history when expanded,
 * and a notification when a job run that was running (or was started here) ends.
 */
import { Notification } from '@jupyterlab/apputils';
import { oneLine, type Api } from './api';
import { fill, h, linkButton } from './dom';
import { badge, duration, failed, relative, when } from './format';
import { errorLine, guarded, type ISection, type ISectionContext } from './section';
import type { IJob, IJobAction, IJobRun, IJobs, IScheduler } from './types';

const HISTORY = 20;

/** A job's last run as seen by one poll. */
export interface ISeen {
  run_id: string | null;
  status: string | null;
}

/** A job run that ended between two polls (`run` is null when a newer run already replaced it). */
export interface IEnded {
  job: string;
  run: IJobRun | null;
  fromPanel: boolean;
}

/** A run started from the panel: the job's last run id when Run now was clicked, and when. */
export interface IStarted {
  before: string | null;
  at: number;
}

/** How long a run started from the panel may take to show up before it is no longer waited for. */
const SHOW_UP = 120_000;

/**
 * What ended since the last poll: a last run seen running that is not anymore, and a run started from the panel
 * that came and went between two polls. Runs reported, and runs that never showed up, leave `started`.
 */
export function ended(before: Map<string, ISeen>, jobs: IJob[], started: Map<string, IStarted>, now = Date.now()): IEnded[] {
  const out: IEnded[] = [];
  for (const j of jobs) {
    const prev = before.get(j.name), last = j.last, mine = started.get(j.name);
    if (mine && (last?.run_id ?? null) === mine.before && now - mine.at > SHOW_UP) started.delete(j.name);
    if (!last) continue;
    const wasRunning = prev?.status === 'running', same = last.run_id === prev?.run_id, done = last.status !== 'running';
    if (wasRunning && !same) out.push({ job: j.name, run: null, fromPanel: false });
    const mineDone = !!mine && last.run_id !== mine.before && done && !same;
    if (!((wasRunning && same && done) || mineDone)) continue;
    out.push({ job: j.name, run: last, fromPanel: !!mine });
    started.delete(j.name);
  }
  for (const name of [...started.keys()]) if (!jobs.some(j => j.name === name)) started.delete(name);
  return out;
}

/** Tell the person: success, or an error for failed / killed / timeout, with the output notebook one click away. */
function notify(e: IEnded, open: (path: string) => void): void {
  const r = e.run, who = e.fromPanel ? 'the run you started' : 'run';
  if (!r) return void Notification.info(`job ${e.job}: a run ended`, { autoClose: 5000 });
  const actions = r.output ? [{ label: 'Open output', callback: () => open(r.output!) }] : [];
  const text = `job ${e.job}: ${who} ${r.status}${r.duration !== null ? ` after ${duration(r.duration)}` : ''}`;
  if (failed(r.status)) Notification.error(r.error ? `${text}: ${r.error.split('\n')[0]}` : text, { autoClose: false, actions });
  else Notification.success(text, { autoClose: 5000, actions });
}

/** A job run in a job's history. */
function historyRow(r: IJobRun, open: (path: string) => void): HTMLElement {
  const out = r.output;
  return h('div', { class: 'mlops-row mlops-jobrun' },
    h('div', { class: 'mlops-line' }, badge(r.status, 'job'), h('span', {}, r.trigger), h('span', { title: when(r.start) }, relative(r.start)),
      h('span', { class: 'mlops-dim' }, duration(r.duration)), h('span', { class: 'mlops-spacer' }),
      out ? linkButton('output', () => open(out), out) : null),
    r.error ? h('div', { class: 'mlops-error-text', title: r.error }, r.error.split('\n')[0]) : null);
}

export function schedulerLine(s: IScheduler): HTMLElement {
  return s.running
    ? h('div', { class: 'mlops-dim' }, `scheduler running${s.pid ? ` (pid ${s.pid})` : ''}`)
    : h('div', { class: 'mlops-warning' }, 'scheduler not running: schedules do not fire (start `mlops-nb scheduler`)');
}

class JobsSection implements ISection {
  readonly id = 'jobs';
  readonly title = 'Jobs';
  private api: Api | null = null;
  private ctx: ISectionContext | null = null;
  private error = errorLine();
  private body = h('div', { class: 'mlops-view mlops-jobs' });
  private data: IJobs | null = null;
  private seen = new Map<string, ISeen>();
  private started = new Map<string, IStarted>();
  private expanded = new Set<string>();
  private history = new Map<string, IJobRun[]>();
  private pending = new Set<string>();

  render(container: HTMLElement, api: Api, ctx: ISectionContext): void {
    [this.api, this.ctx] = [api, ctx];
    container.append(this.error, this.body);
  }

  async refresh(): Promise<boolean> {
    return guarded(this.error, async () => {
      const { data, changed } = await this.api!.get<IJobs>('jobs');
      if (this.data) for (const e of ended(this.seen, data.jobs, this.started)) notify(e, p => this.ctx!.openOutput(p));
      this.seen = new Map(data.jobs.map(j => [j.name, { run_id: j.last?.run_id ?? null, status: j.last?.status ?? null }]));
      const more = await this.fetchHistory(data.jobs);
      if (changed || more || !this.data) (this.data = data), this.draw();
      return changed || more;
    });
  }

  busy(): boolean {
    return this.started.size > 0 || !!this.data?.jobs.some(j => j.last?.status === 'running');
  }

  watching(): boolean {
    return this.started.size > 0;
  }

  reset(): void {
    [this.data, this.seen, this.started, this.history] = [null, new Map(), new Map(), new Map()];
    this.expanded.clear();
    fill(this.body);
  }

  dispose(): void {
    this.api = this.ctx = null;
  }

  /** The history of each expanded job; whether any changed. */
  private async fetchHistory(jobs: IJob[]): Promise<boolean> {
    const names = jobs.map(j => j.name).filter(n => this.expanded.has(n));
    const got = await Promise.all(names.map(n => this.api!.get<{ runs: IJobRun[] }>(`jobs/${n}/history`, { n: HISTORY })));
    names.forEach((n, i) => this.history.set(n, got[i].data.runs));
    return got.some(g => g.changed);
  }

  private async act(job: IJob, action: 'run' | 'pause' | 'resume'): Promise<void> {
    this.pending.add(job.name);
    this.draw();
    try {
      const res = await this.api!.post<IJobAction>(`jobs/${job.name}/${action}`);
      if (action === 'run') this.started.set(job.name, { before: job.last?.run_id ?? null, at: Date.now() });
      Notification.info(res.message || `job ${job.name}: ${action}`, { autoClose: 4000 });
    } catch (e) {
      Notification.error(`job ${job.name}: ${oneLine(e)}`, { autoClose: 8000 });
    } finally {
      this.pending.delete(job.name);
      this.ctx!.poke();
    }
  }

  private toggle(name: string): void {
    if (!this.expanded.delete(name)) this.expanded.add(name);
    this.draw();
    this.ctx!.poke();
  }

  private card(j: IJob): HTMLElement {
    const open = this.expanded.has(j.name), busy = this.pending.has(j.name);
    const button = (label: string, action: 'run' | 'pause' | 'resume') =>
      h('button', { class: 'jp-Button mlops-button', type: 'button', disabled: busy, onclick: () => void this.act(j, action) }, label);
    const runs = open ? this.history.get(j.name) : undefined;
    return h('div', { class: 'mlops-row mlops-job', 'data-job': j.name },
      h('div', { class: 'mlops-line' }, h('button', { class: 'mlops-toggle', type: 'button', 'aria-expanded': String(open),
        title: open ? 'hide history' : 'show history', onclick: () => this.toggle(j.name) }, open ? '▾' : '▸'),
        h('span', { class: 'mlops-name' }, j.name), h('span', { class: 'mlops-dim' }, `v${j.version}`), h('span', { class: 'mlops-spacer' }),
        j.paused ? h('span', { class: 'mlops-badge mlops-paused' }, 'paused') : null, j.last ? badge(j.last.status, 'job') : h('span', { class: 'mlops-dim' }, 'never run')),
      h('div', { class: 'mlops-line mlops-dim' }, j.schedule, j.cron ? h('code', { title: j.tz }, j.cron) : null,
        j.next_run && !j.paused ? h('span', { title: when(j.next_run) }, `next ${relative(j.next_run)}`) : null),
      h('div', { class: 'mlops-line' }, button('Run now', 'run'), j.paused ? button('Resume', 'resume') : button('Pause', 'pause'),
        h('span', { class: 'mlops-spacer' }), j.notebook ? linkButton('notebook', () => this.ctx!.open(j.notebook!), j.notebook) : null),
      open ? h('div', { class: 'mlops-history' }, ...(runs ? runs.map(r => historyRow(r, p => this.ctx!.openOutput(p))) : ['loading…']),
        runs && !runs.length ? h('div', { class: 'mlops-empty' }, 'no runs yet') : null) : null);
  }

  private draw(): void {
    if (!this.data) return;
    const jobs = this.data.jobs;
    fill(this.body, schedulerLine(this.data.scheduler), ...jobs.map(j => this.card(j)),
      jobs.length ? null : h('div', { class: 'mlops-empty' }, 'No jobs yet: promote a notebook with `mlops-nb promote`.'));
  }
}

export function jobsSection(): ISection {
  return new JobsSection();
}
