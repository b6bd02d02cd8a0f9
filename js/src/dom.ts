/** A few lines of DOM building, so the views read like the markup they make. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** An HTML element: `h('div', {class: 'x', onclick: f}, 'text', child)`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element. */
export function svg(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el as SVGElement;
}

/** Replace what `el` holds. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * A `<details>` fold that stays open or closed across redraws: `open` holds the keys of the folds a person opened.
 */
export function fold(key: string, open: Set<string>, summary: string, ...children: Child[]): HTMLDetailsElement {
  const d = h('details', { class: 'mlops-fold', open: open.has(key) }, h('summary', {}, summary), ...children);
  d.addEventListener('toggle', () => (d.open ? open.add(key) : open.delete(key)));
  return d;
}

/** A link-like button. */
export function linkButton(label: string, onclick: () => void, title?: string): HTMLButtonElement {
  return h('button', { class: 'mlops-link', type: 'button', title, onclick: (e: Event) => (e.stopPropagation(), onclick()) }, label);
}

/** A link that opens in a new browser tab. */
export function outLink(label: string, href: string): HTMLAnchorElement {
  return h('a', { class: 'mlops-link', href, target: '_blank', rel: 'noopener noreferrer' }, label);
}
