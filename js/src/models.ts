/**
 * The Models section: each registered model with its champion and that version's gate, its other aliases and how many
 * versions, and its last monitoring window; a model opens its windows, its versions (run, lineage, gate, aliases, card) and the history of its aliases, with Promote
 * (a reason always; a version whose gate did not pass only with "force") and Roll back, each confirmed first.
 */
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { oneLine, type Api } from './api';
import { fill, h, linkButton, outLink } from './dom';
import { relative, when } from './format';
import { windowLine, windowPage, windowsBlock } from './monitor';
import { errorLine, guarded, type ISection, type ISectionContext, type IView } from './section';
import type { IGate, IModelDetail, IModelRow, IModels, IModelVersion, IMove, IMoved, IWindow } from './types';

const CHAMPION = 'champion';

/** A gate's verdict as a badge: passed, failed, or "not validated". */
export function verdictBadge(gate: IGate | null): HTMLElement {
  const v = gate?.verdict ?? 'unvalidated';
  return h('span', { class: `mlops-badge mlops-verdict mlops-status-${v}`, title: gate?.summary || (gate ? v : 'never validated') },
    gate ? v : 'not validated');
}

/** `alias v3` chips. */
function aliasChips(aliases: Record<string, number>, skip: string | null = null): HTMLElement[] {
  return Object.entries(aliases).filter(([a]) => a !== skip)
    .map(([a, v]) => h('span', { class: 'mlops-alias', 'data-alias': a }, a, h('b', {}, ` v${v}`)));
}

/** A move in words: "champion v1 → v2", "rolled back", "forced". */
function moveWords(m: IMove): string {
  const what = m.kind === 'rollback' ? 'rolled back' : m.kind === 'forced' ? 'forced' : 'promoted';
  return `${what} ${m.alias} ${m.before !== null ? `v${m.before} → ` : ''}v${m.to}`;
}

/** A model in the list. */
function modelRow(m: IModelRow, open: () => void, page: (w: IWindow) => string): HTMLElement {
  const c = m.champion;
  return h('div', { class: 'mlops-row mlops-model', role: 'button', tabindex: 0, 'data-model': m.name, onclick: open,
    onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && open() },
    h('div', { class: 'mlops-line' }, h('span', { class: 'mlops-name' }, m.name), h('span', { class: 'mlops-spacer' }),
      c ? h('span', { class: 'mlops-champion' }, `${CHAMPION} v${c.version}`) : h('span', { class: 'mlops-dim' }, 'no champion'),
      c ? verdictBadge(c.gate) : null),
    h('div', { class: 'mlops-line mlops-dim' }, ...aliasChips(m.aliases, CHAMPION),
      h('span', {}, `${m.versions} version${m.versions === 1 ? '' : 's'}`),
      m.last_move ? h('span', { title: `${when(m.last_move.when)} by ${m.last_move.who}${m.last_move.reason ? `: ${m.last_move.reason}` : ''}` },
        `${moveWords(m.last_move)} ${relative(m.last_move.when)}`) : null),
    m.monitor ? windowLine(m.monitor, page(m.monitor)) : null);
}

/** The list of models. */
class ModelList implements IView {
  readonly el = h('div', { class: 'mlops-view mlops-models' });
  private error = errorLine();
  private rows = h('div', { class: 'mlops-rows' });
  private data: IModels | null = null;

  constructor(private api: Api, private open: (name: string) => void) {
    this.el.append(this.error, this.rows);
  }

  refresh(): Promise<boolean> {
    return guarded(this.error, async () => {
      const { data, changed } = await this.api.get<IModels>('models');
      if (changed || !this.data) (this.data = data), this.draw();
      return changed;
    });
  }

  busy(): boolean {
    return false;
  }

  reset(): void {
    this.data = null;
    fill(this.rows);
  }

  private draw(): void {
    const ms = this.data!.models;
    fill(this.rows, ...ms.map(m => modelRow(m, () => this.open(m.name), w => windowPage(this.api, m.name, w))),
      ms.length ? null : h('div', { class: 'mlops-empty' }, 'No registered models yet: mn.register(model, "NAME") makes one.'));
  }
}

/** Where a version came from, in one line. */
function lineageLine(v: IModelVersion): HTMLElement | null {
  const l = v.lineage, bits = [l.notebook, l.git_commit ? `git ${l.git_commit.slice(0, 8)}${l.git_dirty === 'True' ? '+' : ''}` : null,
    l.job ? `job ${l.job}` : null, l.data ? `data ${l.data}` : null].filter(Boolean) as string[];
  return bits.length ? h('div', { class: 'mlops-line mlops-dim mlops-lineage', title: bits.join('\n') }, bits.join(' · ')) : null;
}

/** One model in full: its versions and the history of its aliases. */
class ModelDetailView implements IView {
  readonly el = h('div', { class: 'mlops-view mlops-model-detail' });
  private error = errorLine();
  private body = h('div', { class: 'mlops-view' });
  private data: IModelDetail | null = null;
  private form: number | null = null;          // the version whose Promote form is open
  private back: string | null = null;          // the alias whose Roll back form is open
  private pending = false;

  constructor(private api: Api, private ctx: ISectionContext, readonly name: string, back: () => void) {
    this.el.append(h('div', { class: 'mlops-head' }, h('button', { class: 'jp-Button mlops-button', type: 'button', onclick: back }, '‹ Back'),
      h('span', { class: 'mlops-name' }, name)), this.error, this.body);
  }

  refresh(): Promise<boolean> {
    return guarded(this.error, async () => {
      const { data, changed } = await this.api.get<IModelDetail>(`models/${this.name}`);
      if (changed || !this.data) (this.data = data), this.draw();
      return changed;
    });
  }

  busy(): boolean {
    return this.pending;
  }

  private draw(): void {
    const d = this.data!;
    const rollbacks = Object.entries(d.aliases).map(([a, v]) => h('span', { class: 'mlops-alias', 'data-alias': a }, a, h('b', {}, ` v${v}`),
      h('button', { class: 'jp-Button mlops-button mlops-rollback', type: 'button', disabled: this.pending, title: `move ${a} back to its previous holder`,
        onclick: () => ((this.back = this.back === a ? null : a), this.draw()) }, 'Roll back…')));
    fill(this.body, d.description ? h('div', { class: 'mlops-dim' }, d.description) : null,
      this.pending ? h('div', { class: 'mlops-dim mlops-moving', role: 'status' }, 'moving the alias (and writing the model cards)…') : null,
      h('div', { class: 'mlops-line' }, ...(rollbacks.length ? rollbacks : [h('span', { class: 'mlops-dim' }, 'no aliases yet')])),
      this.back !== null && this.back in d.aliases ? this.rollbackForm(this.back, d.aliases[this.back]) : null,
      d.windows ? windowsBlock(d.windows, w => windowPage(this.api, this.name, w)) : null,
      h('section', { class: 'mlops-block' }, h('h3', {}, `Versions (${d.versions.length})`), ...d.versions.map(v => this.versionRow(v))),
      h('section', { class: 'mlops-block' }, h('h3', {}, `History (${d.history.length})`),
        ...d.history.map(m => h('div', { class: 'mlops-row mlops-move', 'data-kind': m.kind },
          h('div', { class: 'mlops-line' }, h('span', { class: `mlops-badge mlops-kind mlops-kind-${m.kind}` }, m.kind),
            h('span', {}, `${m.alias} ${m.before !== null ? `v${m.before} → ` : ''}v${m.to}`), h('span', { class: 'mlops-spacer' }),
            h('span', { class: 'mlops-dim', title: when(m.when) }, `${m.who}, ${relative(m.when)}`)),
          m.reason ? h('div', { class: 'mlops-dim mlops-reason' }, m.reason) : null)),
        d.history.length ? null : h('div', { class: 'mlops-empty' }, 'no moves yet')));
  }

  private versionRow(v: IModelVersion): HTMLElement {
    const run = v.run_url ? outLink(v.run_name || 'run', v.run_url) : v.run_name ? h('span', { title: v.run_id || '' }, v.run_name) : null;
    const card = v.card ? outLink('card', this.api.url(`models/${this.name}/${v.version}/card`)) : null;
    return h('div', { class: 'mlops-row mlops-version', 'data-version': v.version },
      h('div', { class: 'mlops-line' }, h('span', { class: 'mlops-name' }, `v${v.version}`), ...v.aliases.map(a => h('span', { class: 'mlops-alias' }, a)),
        verdictBadge(v.gate), h('span', { class: 'mlops-spacer' }), card,
        h('button', { class: 'jp-Button mlops-button mlops-promote', type: 'button', disabled: this.pending,
          onclick: () => ((this.form = this.form === v.version ? null : v.version), this.draw()) }, 'Promote…')),
      h('div', { class: 'mlops-line mlops-dim' }, h('span', { title: when(v.created) }, `registered ${relative(v.created)}`), run),
      v.gate?.summary ? h('div', { class: v.gate.verdict === 'passed' ? 'mlops-dim' : 'mlops-error-text' }, `gate: ${v.gate.summary}`) : null,
      lineageLine(v), this.form === v.version ? this.promoteForm(v) : null);
  }

  /** Promote version `v`: to which alias, why; a version whose gate did not pass needs "force" (and the reason). */
  private promoteForm(v: IModelVersion): HTMLElement {
    const passed = v.gate?.verdict === 'passed';
    const alias = h('input', { class: 'mlops-search mlops-alias-input', value: CHAMPION, 'aria-label': 'alias', size: 10 });
    const reason = h('input', { class: 'mlops-search mlops-reason-input', placeholder: 'reason (recorded)', 'aria-label': 'reason' });
    const force = h('input', { type: 'checkbox', class: 'mlops-force' });
    const go = h('button', { class: 'jp-Button mlops-button mlops-confirm', type: 'button', disabled: true,
      onclick: () => void this.promote(v, alias.value.trim(), reason.value.trim(), !passed && force.checked) }, 'Promote');
    const check = () => (go.disabled = !reason.value.trim() || !alias.value.trim() || (!passed && !force.checked));
    for (const el of [alias, reason, force]) el.addEventListener('input', check);
    force.addEventListener('change', check);
    return h('div', { class: 'mlops-form' },
      h('div', { class: passed ? 'mlops-dim' : 'mlops-warning' }, passed ? `gate passed: ${v.gate!.summary || ''}`
        : v.gate ? `gate failed: ${v.gate.summary || 'see its gate run'}` : 'not validated: run mn.validate first, or force it'),
      h('div', { class: 'mlops-line' }, 'to', alias), reason,
      passed ? null : h('label', { class: 'mlops-line' }, force, 'force (the reason is recorded with the move)'),
      h('div', { class: 'mlops-line' }, go, linkButton('cancel', () => ((this.form = null), this.draw()))));
  }

  private async promote(v: IModelVersion, alias: string, reason: string, force: boolean): Promise<void> {
    const now = this.data?.aliases[alias];
    const ok = await confirm(`Promote ${this.name} v${v.version}`, [`${alias}: ${now !== undefined ? `v${now} → ` : ''}v${v.version}` +
      `${force ? ' (forced: its gate did not pass)' : ''}`, `reason: ${reason}`], force ? 'Force promote' : 'Promote', force);
    if (ok) await this.act('promote', { version: v.version, alias, reason, force });
  }

  /** Roll `alias` back: why (optional, recorded), then confirmed. */
  private rollbackForm(alias: string, now: number): HTMLElement {
    const reason = h('input', { class: 'mlops-search mlops-reason-input', placeholder: 'reason (recorded)', 'aria-label': 'reason' });
    const go = async () => {
      const ok = await confirm(`Roll back ${this.name}@${alias}`, [`${alias} moves back from v${now} to the version that held it before.`,
        `reason: ${reason.value.trim() || '—'}`], 'Roll back', true);
      if (ok) await this.act('rollback', { alias, reason: reason.value.trim() });
    };
    return h('div', { class: 'mlops-form mlops-rollback-form' }, h('div', {}, `Roll back ${alias} (now v${now})`), reason,
      h('div', { class: 'mlops-line' }, h('button', { class: 'jp-Button mlops-button mlops-confirm', type: 'button', onclick: () => void go() }, 'Roll back'),
        linkButton('cancel', () => ((this.back = null), this.draw()))));
  }

  private async act(action: 'promote' | 'rollback', body: Record<string, unknown>): Promise<void> {
    this.pending = true;
    this.draw();
    try {
      const res = await this.api.post<IMoved>(`models/${this.name}/${action}`, {}, body);
      Notification.success(`${res.message}`, { autoClose: 5000 });
      this.form = this.back = null;
    } catch (e) {
      Notification.error(`${this.name}: ${oneLine(e)}`, { autoClose: 10000 });
    } finally {
      this.pending = false;
      this.draw();
      this.ctx.poke();
    }
  }
}

/** Ask before moving an alias: what moves where, and why. */
async function confirm(title: string, lines: string[], label: string, warn: boolean): Promise<boolean> {
  const node = h('div', { class: 'mlops-confirm-text' }, ...lines.map(t => h('div', {}, t)));
  const r = await showDialog({ title, body: new Widget({ node }),
    buttons: [Dialog.cancelButton(), warn ? Dialog.warnButton({ label }) : Dialog.okButton({ label })] });
  return r.button.accept;
}

/** The Models section: the list, or one model; only the one shown is polled. */
class ModelsSection implements ISection {
  readonly id = 'models';
  readonly title = 'Models';
  private container: HTMLElement | null = null;
  private list: ModelList | null = null;
  private view: IView | null = null;

  render(container: HTMLElement, api: Api, ctx: ISectionContext): void {
    this.container = container;
    const back = () => this.show(this.list!, ctx);
    this.list = new ModelList(api, name => this.show(new ModelDetailView(api, ctx, name, back), ctx));
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

export function modelsSection(): ISection {
  return new ModelsSection();
}
