/** How times, durations, numbers and statuses are shown. */
import { h } from './dom';

/** A duration in seconds, for a person: "0.4 s", "12 s", "3 min 4 s", "2 h 5 min", "1 d 3 h". */
export function duration(s: number | null | undefined): string {
  if (s === null || s === undefined || !isFinite(s)) return '';
  if (s < 10) return `${Number(s.toFixed(1))} s`;
  const t = Math.round(s);
  if (t < 60) return `${t} s`;
  const [d, hr, m, sec] = [Math.floor(t / 86400), Math.floor(t / 3600) % 24, Math.floor(t / 60) % 60, t % 60];
  if (d) return hr ? `${d} d ${hr} h` : `${d} d`;
  if (hr) return m ? `${hr} h ${m} min` : `${hr} h`;
  return sec ? `${m} min ${sec} s` : `${m} min`;
}

/** A moment relative to now: "just now", "5 min ago", "in 3 h", then a short date. */
export function relative(ms: number | null | undefined, now: number = Date.now()): string {
  if (ms === null || ms === undefined) return '';
  const diff = (now - ms) / 1000, a = Math.abs(diff);
  const say = (n: number, unit: string) => (diff >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`);
  if (a < 10) return diff >= 0 ? 'just now' : 'in a moment';
  if (a < 60) return say(Math.round(a), 's');
  if (a < 3600) return say(Math.round(a / 60), 'min');
  if (a < 86400) return say(Math.round(a / 3600), 'h');
  if (a < 7 * 86400) return say(Math.round(a / 86400), 'd');
  return new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

/** The full local date and time, for tooltips. */
export function when(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : new Date(ms).toLocaleString();
}

/** A metric value, short: integers as they are, else four significant digits (one decimal from 1000 on). */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (!isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(3);
  if (a >= 1000) return String(Number(v.toFixed(1)));
  return String(Number(v.toPrecision(4)));
}

/** A size in bytes: "512 B", "3.2 KB". */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0, v = n;
  while (v >= 1024 && i < units.length - 1) (v /= 1024), i++;
  return i ? `${v.toFixed(1)} ${units[i]}` : `${v} ${units[i]}`;
}

/** A colored status badge (runs: RUNNING/FINISHED/FAILED/KILLED/SCHEDULED; job runs: running/succeeded/failed/...). */
export function badge(status: string | null | undefined, kind: 'run' | 'job' = 'run'): HTMLElement {
  const s = (status || 'unknown').toLowerCase();
  return h('span', { class: `mlops-badge mlops-${kind}-badge mlops-status-${s}`, title: status || '' }, s);
}

/** Whether a job run status is a failure (shown in red, notified as an error). */
export function failed(status: string | null | undefined): boolean {
  return ['failed', 'killed', 'timeout'].includes((status || '').toLowerCase());
}
