/** The Status section: models whose last monitoring window alerted, deliveries still pending, runs recovered as KILLED, damaged journals, the scheduler. */
import type { Api } from './api';
import { fill, h } from './dom';
import { badge, relative, when } from './format';
import { schedulerLine } from './jobs';
import { alertRow, windowPage } from './monitor';
import { errorLine, guarded, type ISection } from './section';
import type { IAlert, IStatus } from './types';

function block(title: string, empty: string, items: HTMLElement[]): HTMLElement {
  return h('section', { class: 'mlops-block' }, h('h3', {}, `${title} (${items.length})`),
    items.length ? h('div', {}, ...items) : h('div', { class: 'mlops-empty' }, empty));
}

export function statusView(s: IStatus, page: ((a: IAlert) => string) | null = null): HTMLElement[] {
  const pending = s.pending.map(p => h('div', { class: 'mlops-row' },
    h('div', { class: 'mlops-line' }, badge(p.status), h('span', { class: 'mlops-name', title: p.run_id }, p.name || p.run_id),
      h('span', { class: 'mlops-spacer' }), h('span', { class: 'mlops-dim' }, `${p.pending} pending`)),
    p.owner ? h('div', { class: 'mlops-dim' }, `owner ${p.owner}`) : null,
    p.error ? h('div', { class: 'mlops-error-text', title: p.error }, p.error.split('\n')[0]) : null));
  const recovered = s.recovered.map(r => h('div', { class: 'mlops-row' },
    h('div', { class: 'mlops-line' }, badge('KILLED'), h('span', { class: 'mlops-name', title: r.run_id }, r.name || r.run_id),
      h('span', { class: 'mlops-spacer' }), h('span', { class: 'mlops-dim', title: when(r.end) }, relative(r.end))),
    r.experiment ? h('div', { class: 'mlops-dim' }, r.experiment) : null));
  const damaged = s.damaged.map(d => h('div', { class: 'mlops-row' },
    h('div', { class: 'mlops-path' }, d.file), h('div', { class: 'mlops-error-text' }, d.message)));
  return [
    block('Alerts', "none: no model's last monitoring window alerted", (s.alerts || []).map(a => alertRow(a, page ? page(a) : null))),
    block('Pending deliveries', 'everything delivered', pending),
    block('Recovered runs', 'none: no run was left behind by a dead process', recovered),
    block('Damaged journals', 'none', damaged),
    h('section', { class: 'mlops-block' }, h('h3', {}, 'Scheduler'), schedulerLine(s.scheduler))
  ];
}

class StatusSection implements ISection {
  readonly id = 'status';
  readonly title = 'Status';
  private api: Api | null = null;
  private error = errorLine();
  private body = h('div', { class: 'mlops-view mlops-status' });
  private data: IStatus | null = null;

  render(container: HTMLElement, api: Api): void {
    this.api = api;
    container.append(this.error, this.body);
  }

  async refresh(): Promise<boolean> {
    return guarded(this.error, async () => {
      const { data, changed } = await this.api!.get<IStatus>('status');
      if (changed || !this.data) (this.data = data), fill(this.body, ...statusView(data, a => windowPage(this.api!, a.model, a)));
      return changed;
    });
  }

  reset(): void {
    this.data = null;
    fill(this.body);
  }

  dispose(): void {
    this.api = null;
  }
}

export function statusSection(): ISection {
  return new StatusSection();
}
