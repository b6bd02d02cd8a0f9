/** Small inline SVG charts: a row's sparkline, a metric's curve, and curves of several runs overlaid. */
import { h, svg } from './dom';
import { num } from './format';
import type { Point } from './types';

type XY = [number, number];

/** The points that have both a step and a finite value. */
function clean(points: Point[]): XY[] {
  return points.filter((p): p is XY => p[0] !== null && p[1] !== null && isFinite(p[0]) && isFinite(p[1]));
}

interface IBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function box(series: XY[][]): IBox | null {
  const all = series.flat();
  if (!all.length) return null;
  const xs = all.map(p => p[0]), ys = all.map(p => p[1]);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

/** Where a point lands inside a w×h area with `pad` around it. */
function scaler(b: IBox, w: number, ht: number, pad: number): (p: XY) => XY {
  const mid = (a: number) => a / 2;
  return ([x, y]) => [
    pad + (b.x1 === b.x0 ? mid(w - 2 * pad) : ((x - b.x0) / (b.x1 - b.x0)) * (w - 2 * pad)),
    ht - pad - (b.y1 === b.y0 ? mid(ht - 2 * pad) : ((y - b.y0) / (b.y1 - b.y0)) * (ht - 2 * pad))
  ];
}

/** The `points` attribute of a polyline. */
function polyline(pts: XY[], at: (p: XY) => XY): string {
  return pts.map(p => at(p).map(v => v.toFixed(1)).join(',')).join(' ');
}

/** A tiny sparkline of a row's key metric (nulls are skipped). */
export function sparkline(values: (number | null)[] | null | undefined, w = 60, ht = 16): SVGElement | null {
  const pts = clean((values || []).map((v, i): Point => [i, v]));
  if (pts.length < 2) return null;
  const at = scaler(box([pts])!, w, ht, 1.5);
  return svg('svg', { class: 'mlops-spark', width: w, height: ht, viewBox: `0 0 ${w} ${ht}`, preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    svg('polyline', { points: polyline(pts, at), fill: 'none' }));
}

/** Several curves over the same axes, colored mlops-c0, mlops-c1, ... in order. */
export function curves(series: Point[][], w = 260, ht = 80): SVGElement | null {
  const cleaned = series.map(clean);
  const b = box(cleaned);
  if (!b || !cleaned.some(s => s.length >= 1)) return null;
  const at = scaler(b, w, ht, 4);
  const line = (pts: XY[], i: number) => {
    if (pts.length !== 1) return svg('polyline', { class: `mlops-c${i % 7}`, points: polyline(pts, at), fill: 'none' });
    const [cx, cy] = at(pts[0]);
    return svg('circle', { class: `mlops-c${i % 7}`, r: 2, cx, cy });
  };
  const lines = cleaned.map(line);
  const axis = `y ${num(b.y0)} … ${num(b.y1)}, step ${num(b.x0)} … ${num(b.x1)}`;
  return svg('svg', { class: 'mlops-curve', viewBox: `0 0 ${w} ${ht}`, preserveAspectRatio: 'none', role: 'img' },
    svg('title', {}, axis), svg('rect', { class: 'mlops-curve-frame', x: 0.5, y: 0.5, width: w - 1, height: ht - 1 }), ...lines);
}

/** A metric's curve with its range written under it. */
export function curveFigure(points: Point[] | undefined): HTMLElement | null {
  const pts = clean(points || []);
  if (pts.length < 2) return null;
  const b = box([pts])!;
  return h('figure', { class: 'mlops-figure' }, curves([pts]),
    h('figcaption', {}, `${pts.length} points · ${num(b.y0)} … ${num(b.y1)} · steps ${num(b.x0)}–${num(b.x1)}`));
}

/** A legend: one colored swatch and label per series. */
export function legend(labels: string[]): HTMLElement {
  return h('div', { class: 'mlops-legend' },
    ...labels.map((l, i) => h('span', { class: 'mlops-legend-item' }, h('span', { class: `mlops-swatch mlops-c${i % 7}` }), l)));
}
