/** Runs side by side: params and metrics (differing rows marked, best cells marked), and their curves overlaid. */
import type { Api } from './api';
import { curves, legend } from './charts';
import { fill, h, linkButton } from './dom';
import { num } from './format';
import { backButton } from './rundetail';
import { errorLine, guarded, type IView } from './section';
import type { IComparison } from './types';

type Cell = { text: string; best?: boolean };

/** One table: a header of run names, then one row per key; rows whose values differ are marked. */
function grid(names: HTMLElement[], rows: { key: string; differs: boolean; cells: Cell[] }[], onlyDiffering: boolean): HTMLElement {
  const shown = rows.filter(r => r.differs || !onlyDiffering);
  const td = (c: Cell) => h('td', { class: c.best ? 'mlops-best' : null, title: c.best ? 'best' : null }, c.text, c.best ? ' ★' : '');
  return h('div', { class: 'mlops-scroll' }, h('table', { class: 'mlops-compare' },
    h('thead', {}, h('tr', {}, h('th', {}), ...names.map(n => h('th', {}, n)))),
    h('tbody', {}, ...shown.map(r => h('tr', { class: r.differs ? 'mlops-differs' : null },
      h('th', { title: r.differs ? `${r.key}: differs` : r.key }, r.differs ? '≠ ' : '', r.key), ...r.cells.map(td))),
      shown.length ? null : h('tr', {}, h('td', { class: 'mlops-empty', colspan: names.length + 1 }, onlyDiffering ? 'no differences' : 'none')))));
}

export class CompareView implements IView {
  readonly el = h('div', { class: 'mlops-view mlops-comparison' });
  private error = errorLine();
  private body = h('div');
  private data: IComparison | null = null;
  private onlyDiffering = false;

  constructor(
    private api: Api,
    private ids: string[],
    back: () => void,
    private open: (id: string) => void
  ) {
    const toggle = h('input', { type: 'checkbox' });
    toggle.addEventListener('change', () => ((this.onlyDiffering = toggle.checked), this.draw()));
    this.el.append(h('div', { class: 'mlops-line' }, backButton(back), h('span', { class: 'mlops-name' }, `Comparing ${ids.length} runs`),
      h('span', { class: 'mlops-spacer' }), h('label', { class: 'mlops-dim' }, toggle, ' differing only')), this.error, this.body);
  }

  async refresh(): Promise<boolean> {
    return guarded(this.error, async () => {
      const { data, changed } = await this.api.get<IComparison>('compare', { ids: this.ids.join(',') });
      if (changed || !this.data) (this.data = data), this.draw();
      return changed;
    });
  }

  busy(): boolean {
    return false;
  }

  private draw(): void {
    const c = this.data;
    if (!c) return;
    const label = (i: number) => c.runs[i]?.name || c.runs[i]?.run_id || `run ${i + 1}`;
    const names = () => c.runs.map((r, i) => linkButton(label(i), () => this.open(r.run_id), r.run_id));
    const params = c.params.map(p => ({ key: p.key, differs: p.differs, cells: p.values.map(v => ({ text: v ?? '—' })) }));
    const metrics = c.metrics.map(m => ({ key: m.direction ? `${m.key} ${m.direction === 'lower' ? '↓' : '↑'}` : m.key, differs: m.differs,
      cells: m.values.map((v, i) => ({ text: num(v), best: m.best.includes(i) })) }));
    const charts = Object.entries(c.curves).map(([k, series]) => h('figure', { class: 'mlops-figure' },
      h('figcaption', { class: 'mlops-key' }, k), curves(series), legend(c.runs.map((_, i) => label(i)))));
    fill(this.body,
      h('section', { class: 'mlops-block' }, h('h3', {}, 'Params'), grid(names(), params, this.onlyDiffering)),
      h('section', { class: 'mlops-block' }, h('h3', {}, 'Metrics'), grid(names(), metrics, this.onlyDiffering),
        h('div', { class: 'mlops-dim' }, '↑ higher is better · ↓ lower is better · ★ best')),
      charts.length ? h('section', { class: 'mlops-block' }, h('h3', {}, 'Curves'), ...charts) : null);
  }
}
