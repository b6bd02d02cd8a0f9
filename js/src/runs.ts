/** The Runs section: the project's runs, newest first, filtered and paged; a run's detail; runs compared. */
import type { Api } from './api';
import { sparkline } from './charts';
import { CompareView } from './compare';
import { fill, h, linkButton } from './dom';
import { badge, duration, num, relative, when } from './format';
import { RunDetailView } from './rundetail';
import { errorLine, guarded, type ISection, type ISectionContext, type IView } from './section';
import type { IRunPage, IRunRow } from './types';

const PAGE = 50, MAX_LIMIT = 200, DEBOUNCE = 400;
const STATUSES = ['RUNNING', 'FINISHED', 'FAILED', 'KILLED'];

/** The filters a person set. */
interface IFilters {
  experiment: string;
  status: string;
  q: string;
}

/** One run as a row of the list. */
function runRow(r: IRunRow, picked: boolean, onPick: (on: boolean) => void, onOpen: () => void): HTMLElement {
  const box = h('input', { type: 'checkbox', class: 'mlops-pick', title: 'pick for Compare', 'aria-label': `pick ${r.name || r.run_id}` });
  box.checked = picked;
  box.addEventListener('click', e => e.stopPropagation());
  box.addEventListener('change', () => onPick(box.checked));
  const metric = r.key_metric ? h('span', { class: 'mlops-metric', title: r.key_metric.key }, `${r.key_metric.key}=${num(r.key_metric.value)}`) : null;
  const late = r.delivered ? null : h('span', { class: 'mlops-undelivered', title: r.note || '' }, 'not delivered yet', r.note ? `: ${r.note}` : '');
  return h('div', { class: 'mlops-row mlops-run', role: 'button', tabindex: 0, 'data-run-id': r.run_id, onclick: onOpen,
    onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && onOpen() },
    h('div', { class: 'mlops-line mlops-nowrap' }, box, badge(r.status),
      h('span', { class: 'mlops-namebox' }, h('span', { class: 'mlops-name', title: r.run_id }, r.name || r.run_id), sparkline(r.sparkline))),
    h('div', { class: 'mlops-line mlops-dim' }, metric, r.experiment || '', h('span', { title: when(r.start) }, relative(r.start)),
      duration(r.duration)), late);
}

/** A `<select>` with an "all" choice first. */
function choice(all: string, values: string[], value: string, onchange: (v: string) => void): HTMLSelectElement {
  const sel = h('select', { class: 'mlops-select', 'aria-label': all }, h('option', { value: '' }, all),
    ...values.map(v => h('option', { value: v }, v)));
  sel.value = values.includes(value) ? value : '';
  sel.addEventListener('change', () => onchange(sel.value));
  return sel;
}

/** The list of runs with its filters, Load more, and the Compare bar. */
class RunList implements IView {
  readonly el = h('div', { class: 'mlops-view mlops-runs' });
  private filters: IFilters = { experiment: '', status: '', q: '' };
  private limit = PAGE;
  private page: IRunPage | null = null;
  private extra: IRunRow[] = [];
  private extraToken: string | null = null;
  private picked = new Set<string>();
  private error = errorLine();
  private warning = h('div', { class: 'mlops-warning', hidden: true });
  private experimentBox = h('span');
  private rows = h('div', { class: 'mlops-rows' });
  private footer = h('div', { class: 'mlops-footer' });
  private debounce = 0;

  constructor(
    private api: Api,
    private ctx: ISectionContext,
    private open: (id: string) => void,
    private compare: (ids: string[]) => void
  ) {
    const text = h('input', { type: 'search', class: 'mlops-search', placeholder: 'name contains…', 'aria-label': 'filter by name' });
    text.addEventListener('input', () => {
      window.clearTimeout(this.debounce);
      this.debounce = window.setTimeout(() => this.setFilter({ q: text.value.trim() }), DEBOUNCE);
    });
    const status = choice('any status', STATUSES, '', v => this.setFilter({ status: v }));
    this.el.append(h('div', { class: 'mlops-filters' }, this.experimentBox, status, text), this.error, this.warning, this.rows, this.footer);
  }

  async refresh(): Promise<boolean> {
    return guarded(this.error, async () => {
      const { data, changed } = await this.api.get<IRunPage>('runs', { ...this.filters, limit: this.limit });
      if (changed || !this.page) (this.page = data), this.draw();
      return changed;
    });
  }

  busy(): boolean {
    return this.all().some(r => r.status === 'RUNNING');
  }

  /** The project changed: start again from the first page, nothing picked. */
  reset(): void {
    this.page = null;
    this.limit = PAGE;
    this.extra = [];
    this.picked.clear();
    fill(this.rows);
    fill(this.footer);
  }

  private setFilter(f: Partial<IFilters>): void {
    this.filters = { ...this.filters, ...f };
    this.limit = PAGE;
    this.extra = [];
    this.ctx.poke();
  }

  private all(): IRunRow[] {
    const first = this.page?.runs || [], seen = new Set(first.map(r => r.run_id));
    return [...first, ...this.extra.filter(r => !seen.has(r.run_id))];
  }

  private draw(): void {
    const page = this.page!;
    fill(this.experimentBox, choice('all experiments', page.experiments, this.filters.experiment, v => this.setFilter({ experiment: v })));
    this.warning.hidden = !page.error;
    this.warning.textContent = page.error ? `only the runs not delivered yet: ${page.error}` : '';
    const runs = this.all();
    const pick = (id: string) => (on: boolean) => (on ? this.picked.add(id) : this.picked.delete(id), this.drawFooter());
    fill(this.rows, ...runs.map(r => runRow(r, this.picked.has(r.run_id), pick(r.run_id), () => this.open(r.run_id))),
      runs.length ? null : h('div', { class: 'mlops-empty' }, 'No runs yet: run a cell with %%track, or widen the filters.'));
    this.drawFooter();
  }

  private drawFooter(): void {
    const token = this.extra.length ? this.extraToken : this.page?.next_page_token;
    const ids = [...this.picked];
    const compare = h('button', { class: 'jp-Button mlops-button', type: 'button', disabled: ids.length < 2,
      title: 'pick two or more runs', onclick: () => this.compare(ids) }, `Compare (${ids.length})`);
    fill(this.footer, token ? h('button', { class: 'jp-Button mlops-button', type: 'button', onclick: () => void this.more() }, 'Load more') : null,
      h('span', { class: 'mlops-spacer' }), ids.length ? linkButton('clear', () => (this.picked.clear(), this.draw())) : null, compare);
  }

  /** Load more: a longer first page while that is allowed (one request, still polled), then further pages. */
  private async more(): Promise<void> {
    if (this.limit < MAX_LIMIT && !this.extra.length) {
      this.limit = Math.min(MAX_LIMIT, this.limit + PAGE);
      return this.ctx.poke();
    }
    const token = this.extra.length ? this.extraToken : this.page?.next_page_token;
    await guarded(this.error, async () => {
      const { data } = await this.api.get<IRunPage>('runs', { ...this.filters, limit: PAGE, page_token: token });
      this.extra.push(...data.runs);
      this.extraToken = data.next_page_token;
      this.draw();
      return true;
    });
  }
}

/** The Runs section: the list, or one run's detail, or a comparison; only the one shown is polled. */
class RunsSection implements ISection {
  readonly id = 'runs';
  readonly title = 'Runs';
  private container: HTMLElement | null = null;
  private list: RunList | null = null;
  private view: IView | null = null;

  render(container: HTMLElement, api: Api, ctx: ISectionContext): void {
    this.container = container;
    const back = () => this.show(this.list!, ctx);
    const open = (id: string) => this.show(new RunDetailView(api, ctx, id, back), ctx);
    this.list = new RunList(api, ctx, open, ids => this.show(new CompareView(api, ids, back, open), ctx));
    this.show(this.list, ctx);
  }

  refresh(): Promise<boolean> {
    return this.view ? this.view.refresh() : Promise.resolve(false);
  }

  busy(): boolean {
    return !!this.view?.busy();
  }

  reset(): void {
    this.list?.reset();
    if (this.list && this.view !== this.list) fill(this.container!, this.list.el);
    this.view = this.list;
  }

  dispose(): void {
    this.container = this.list = this.view = null;
  }

  private show(view: IView, ctx: ISectionContext): void {
    this.view = view;
    fill(this.container!, view.el);
    ctx.poke();
  }
}

export function runsSection(): ISection {
  return new RunsSection();
}
