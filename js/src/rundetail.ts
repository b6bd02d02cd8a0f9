/** One run in full: params (the user's first), metrics with their curves, tags, artifacts, and links. */
import type { Api } from './api';
import { curveFigure } from './charts';
import { fill, fold, h, linkButton, outLink } from './dom';
import { badge, bytes, duration, num, relative, when } from './format';
import { errorLine, guarded, type ISectionContext, type IView } from './section';
import type { IRunDetail } from './types';

/** Tags written by mlops_nb and MLflow themselves: folded away. */
const SYSTEM_TAG = /^(mlops_nb|mlflow)\./;

/** A two-column table of key = value. */
function table(rows: [string, Node | string][]): HTMLElement {
  return h('table', { class: 'mlops-kv' },
    h('tbody', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', { title: k }, k), h('td', {}, v)))));
}

/** The run's params: the ones the user named first, in their order; the rest folded under "autologged (N)". */
export function paramsBlock(r: IRunDetail, open: Set<string>): HTMLElement {
  const user = r.user_params.filter(k => k in r.params);
  const rest = Object.keys(r.params).filter(k => !user.includes(k)).sort();
  const rows = (keys: string[]) => keys.map((k): [string, string] => [k, r.params[k]]);
  return h('section', { class: 'mlops-block' }, h('h3', {}, 'Params'),
    user.length ? table(rows(user)) : null,
    rest.length ? fold('params', open, `autologged (${rest.length})`, table(rows(rest))) : null,
    user.length || rest.length ? null : h('div', { class: 'mlops-empty' }, 'none'));
}

/** The run's metrics, last values, each with its curve when it has a history. */
export function metricsBlock(r: IRunDetail): HTMLElement {
  const first = (r.user_metrics || []).filter(k => k in r.metrics);
  const keys = [...first, ...Object.keys(r.metrics).filter(k => !first.includes(k)).sort()];
  return h('section', { class: 'mlops-block' }, h('h3', {}, 'Metrics'),
    ...keys.map(k => h('div', { class: 'mlops-metric-block' },
      h('div', { class: 'mlops-line' }, h('span', { class: 'mlops-key' }, k), h('span', { class: 'mlops-spacer' }), num(r.metrics[k])),
      curveFigure(r.history[k]))),
    keys.length ? null : h('div', { class: 'mlops-empty' }, 'none'));
}

/** Tags: the user's shown, mlops_nb.* and mlflow.* folded. */
export function tagsBlock(r: IRunDetail, open: Set<string>): HTMLElement {
  const keys = Object.keys(r.tags).sort();
  const mine = keys.filter(k => !SYSTEM_TAG.test(k)), system = keys.filter(k => SYSTEM_TAG.test(k));
  const rows = (ks: string[]) => ks.map((k): [string, string] => [k, r.tags[k]]);
  return h('section', { class: 'mlops-block' }, h('h3', {}, 'Tags'),
    mine.length ? table(rows(mine)) : null,
    system.length ? fold('tags', open, `mlops_nb.* and mlflow.* (${system.length})`, table(rows(system))) : null,
    keys.length ? null : h('div', { class: 'mlops-empty' }, 'none'));
}

export function artifactsBlock(r: IRunDetail): HTMLElement {
  return h('section', { class: 'mlops-block' }, h('h3', {}, `Artifacts (${r.artifacts.length})`),
    r.artifacts.length
      ? h('ul', { class: 'mlops-files' }, ...r.artifacts.map(a => h('li', {}, h('span', { class: 'mlops-path' }, a.path), h('span', { class: 'mlops-dim' }, bytes(a.size)))))
      : h('div', { class: 'mlops-empty' }, 'none'));
}

export function backButton(back: () => void): HTMLButtonElement {
  return h('button', { class: 'jp-Button mlops-button', type: 'button', onclick: back }, '← Back');
}

/** The run's head: back, status, name, where it came from, and its links. */
function head(r: IRunDetail, ctx: ISectionContext, back: () => void): HTMLElement {
  const nb = r.notebook?.path;
  return h('div', { class: 'mlops-head' },
    h('div', { class: 'mlops-line' }, backButton(back), badge(r.status), h('span', { class: 'mlops-name', title: r.run_id }, r.name || r.run_id)),
    h('div', { class: 'mlops-line mlops-dim' }, r.experiment || '', h('span', { title: when(r.start) }, relative(r.start)),
      duration(r.duration), r.job ? `job ${r.job}` : null),
    r.delivered === false ? h('div', { class: 'mlops-undelivered' }, 'not delivered yet: only in the journal') : null,
    h('div', { class: 'mlops-line' },
      nb ? linkButton('Open notebook', () => ctx.open(nb), nb) : r.notebook ? h('span', { class: 'mlops-dim', title: r.notebook.source }, 'notebook outside Jupyter') : null,
      r.url ? outLink('MLflow UI ↗', r.url) : null));
}

export class RunDetailView implements IView {
  readonly el = h('div', { class: 'mlops-view mlops-detail' });
  private error = errorLine();
  private body = h('div');
  private run: IRunDetail | null = null;
  private open = new Set<string>();

  constructor(
    private api: Api,
    private ctx: ISectionContext,
    private id: string,
    private back: () => void
  ) {
    fill(this.body, h('div', { class: 'mlops-line' }, backButton(back), h('span', { class: 'mlops-dim' }, 'loading…')));
    this.el.append(this.error, this.body);
  }

  async refresh(): Promise<boolean> {
    return guarded(this.error, async () => {
      const { data, changed } = await this.api.get<IRunDetail>(`runs/${this.id}`);
      if (changed || !this.run) (this.run = data), this.draw();
      return changed;
    });
  }

  busy(): boolean {
    return this.run?.status === 'RUNNING';
  }

  private draw(): void {
    const r = this.run!;
    fill(this.body, head(r, this.ctx, this.back), paramsBlock(r, this.open), metricsBlock(r), tagsBlock(r, this.open), artifactsBlock(r));
  }
}
