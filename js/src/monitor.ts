/**
 * A model's monitoring windows (`mn.monitor`, one run of the experiment monitor/<model> each) as the sidebar shows them: the
 * last window in a model's row (an alert badge, the drift share, the performance measured or estimated against the
 * reference's, links to the window's report and to its run in MLflow's UI), the past windows in a model's detail, and the alerts in Status.
 */
import { sparkline } from './charts';
import { h, outLink } from './dom';
import { num, relative, when } from './format';
import type { Api } from './api';
import type { IAlert, IWindow } from './types';

/** The URL of a window's report page (served by the extension, opened in a browser tab). */
export function windowPage(api: Api, model: string, w: IWindow): string {
  return api.url(`models/${model}/windows/${w.run_id}`);
}

/** The window's verdict as a badge: "alert" when its rule fired, else "no alert". */
export function alertBadge(w: IWindow): HTMLElement {
  return h('span', { class: `mlops-badge mlops-monitor-badge mlops-status-${w.alert ? 'failed' : 'finished'}`,
    title: w.rule ? `rule: ${w.rule}` : 'no alert rule' }, w.alert ? 'alert' : 'no alert');
}

/** "drift 40% (2 columns)". */
function driftWords(w: IWindow): string {
  if (w.drift_share === null) return 'drift not measured';
  const cols = w.drifted_columns !== null ? ` (${w.drifted_columns} column${w.drifted_columns === 1 ? '' : 's'})` : '';
  return `drift ${Math.round(w.drift_share * 100)}%${cols}`;
}

/** "accuracy 0.81 (ref 0.95)", or "est. accuracy 0.9 (ref 0.95)" for an estimate made without labels. */
function perfWords(w: IWindow): string | null {
  const p = w.performance;
  if (!p) return null;
  return `${p.estimated ? 'est. ' : ''}${p.metric} ${num(p.value)}${p.reference !== null ? ` (ref ${num(p.reference)})` : ''}`;
}

/** A link to the window's run in MLflow's UI (while one runs) that does not open the row it sits in. */
function runLink(w: IWindow, label: string): HTMLElement | null {
  if (!w.run_url) return null;
  const a = outLink(label, w.run_url);
  a.addEventListener('click', (e: Event) => e.stopPropagation());
  return a;
}

/** The last window in one line, for a model's row; `page` is the URL of its report's page. */
export function windowLine(w: IWindow, page: string | null = null): HTMLElement {
  const perf = perfWords(w);
  return h('div', { class: 'mlops-line mlops-dim mlops-window', 'data-alert': w.alert ? 'true' : 'false',
    title: `last monitoring window: ${when(w.when)}${w.version !== null ? `, against v${w.version}` : ''}${w.rows !== null ? `, ${w.rows} rows` : ''}` },
    alertBadge(w), h('span', { class: 'mlops-drift' }, driftWords(w)), perf ? h('span', { class: 'mlops-perf' }, perf) : null,
    h('span', { class: 'mlops-spacer' }), h('span', {}, relative(w.when)), pageLink(page), runLink(w, 'run'));
}

/** A link to the window's report (its distributions side by side) in a browser tab. */
function pageLink(page: string | null): HTMLElement | null {
  if (!page) return null;
  const a = outLink('report', page);
  a.classList.add('mlops-report');
  a.addEventListener('click', (e: Event) => e.stopPropagation());
  return a;
}

/** A model's past windows: the last in full, the drift share of each as a sparkline; `page(w)` the URL of a window's report. */
export function windowsBlock(ws: IWindow[], page: (w: IWindow) => string): HTMLElement {
  const last = ws[ws.length - 1];
  const alerts = ws.filter(w => w.alert).length;
  return h('section', { class: 'mlops-block mlops-monitoring' }, h('h3', {}, `Monitoring (${ws.length} window${ws.length === 1 ? '' : 's'})`),
    last ? windowLine(last, page(last)) : h('div', { class: 'mlops-empty' }, 'never monitored: mn.monitor("NAME@champion", rows) scans a window'),
    ws.length > 1 ? h('div', { class: 'mlops-line mlops-dim', title: 'drift share of each window, oldest first' }, 'drift share',
      sparkline(ws.map(w => w.drift_share), 120, 18), `${alerts} alert${alerts === 1 ? '' : 's'}`) : null,
    last?.drifted.length ? h('div', { class: 'mlops-dim mlops-drifted', title: last.drifted.join('\n') }, `drifted: ${last.drifted.join(', ')}`) : null,
    last?.rule ? h('div', { class: 'mlops-dim' }, `rule: ${last.rule}`) : null,
    last?.retrain ? h('div', { class: 'mlops-dim' }, `retraining job run ${last.retrain}`) : null);
}

/** A model whose last window alerted, for Status; `page` the URL of its report. */
export function alertRow(a: IAlert, page: string | null = null): HTMLElement {
  const perf = perfWords(a);
  return h('div', { class: 'mlops-row mlops-alert-row', 'data-model': a.model },
    h('div', { class: 'mlops-line' }, alertBadge(a), h('span', { class: 'mlops-name' }, a.model),
      a.version !== null ? h('span', { class: 'mlops-dim' }, a.alias ? `${a.alias} v${a.version}` : `v${a.version}`) : null,
      h('span', { class: 'mlops-spacer' }), h('span', { class: 'mlops-dim', title: when(a.when) }, relative(a.when))),
    h('div', { class: 'mlops-line mlops-dim' }, driftWords(a), perf, pageLink(page), runLink(a, 'run')),
    a.drifted.length ? h('div', { class: 'mlops-dim mlops-drifted', title: a.drifted.join('\n') }, `drifted: ${a.drifted.join(', ')}`) : null,
    a.rule ? h('div', { class: 'mlops-dim' }, `rule: ${a.rule}${a.retrain ? `; retraining job run ${a.retrain}` : ''}`) : null);
}
