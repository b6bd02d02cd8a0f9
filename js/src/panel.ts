/** The sidebar panel: the project's head, one tab per section, and the poller that refreshes what is shown. */
import type { ServerConnection } from '@jupyterlab/services';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { Api } from './api';
import { fill, h, outLink } from './dom';
import { Poller, type ITick } from './poller';
import { errorLine, guarded, type ISection, type ISectionContext } from './section';
import type { IProject } from './types';

export interface IPanelOptions {
  settings: ServerConnection.ISettings;
  /** The file browser's folder, relative to the Jupyter root. */
  path: () => string;
  /** Open a file in JupyterLab. */
  open: (path: string) => void;
  /** Open a job run's output notebook (read-only: it is under `.mlops/`, which Jupyter's contents API hides). */
  openOutput: (path: string) => void;
  sections: (() => ISection)[];
}

interface ITab {
  section: ISection;
  el: HTMLElement;
  tab: HTMLButtonElement;
}

const TAB_KEY = 'mlops-nb:tab';

export class MlopsPanel extends Widget {
  private api: Api;
  private poller: Poller;
  private tabs: ITab[] = [];
  private active = 0;
  private project: IProject | null = null;
  private projectStale = true;
  private head = h('div', { class: 'mlops-project' });
  private headError = errorLine();

  constructor(options: IPanelOptions) {
    super();
    this.addClass('mlops-panel');
    this.api = new Api(options.settings, options.path);
    this.poller = new Poller(() => this.tick());
    const ctx: ISectionContext = { path: options.path, open: options.open, openOutput: options.openOutput, poke: () => this.poller.now() };
    const bar = h('div', { class: 'mlops-tabs', role: 'tablist' });
    const bodies = h('div', { class: 'mlops-sections' });
    for (const make of options.sections) this.tabs.push(this.addSection(make(), bar, bodies, ctx));
    const saved = this.tabs.findIndex(t => t.section.id === localStorage.getItem(TAB_KEY));
    this.node.append(this.head, this.headError, bar, bodies);
    this.select(Math.max(saved, 0));
  }

  /** The file browser moved: find the project again, and poll now. */
  pathChanged(): void {
    this.projectStale = true;
    this.poller.now();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.poller.dispose();
    for (const t of this.tabs) t.section.dispose();
    super.dispose();
  }

  protected onAfterShow(_msg: Message): void {
    this.projectStale = true;
    this.poller.show();
  }

  protected onAfterHide(_msg: Message): void {
    this.poller.hide();
  }

  protected onAfterAttach(_msg: Message): void {
    if (this.isVisible) this.poller.show();
  }

  private addSection(section: ISection, bar: HTMLElement, bodies: HTMLElement, ctx: ISectionContext): ITab {
    const i = this.tabs.length;
    const tab = h('button', { class: 'mlops-tab', type: 'button', role: 'tab', 'data-section': section.id, onclick: () => this.select(i) }, section.title);
    const el = h('div', { class: `mlops-section mlops-section-${section.id}`, role: 'tabpanel', hidden: true });
    bar.append(tab);
    bodies.append(el);
    section.render(el, this.api, ctx);
    return { section, el, tab };
  }

  private select(i: number): void {
    this.active = i;
    this.tabs.forEach((t, j) => {
      t.el.hidden = j !== i;
      t.tab.classList.toggle('mlops-active', j === i);
      t.tab.setAttribute('aria-selected', String(j === i));
    });
    localStorage.setItem(TAB_KEY, this.tabs[i].section.id);
    this.poller.now();
  }

  /** One poll: the project when needed, the section shown, and any section still watching a run it started. */
  private async tick(): Promise<ITick> {
    const headChanged = this.projectStale || !this.project?.has_store ? await this.refreshProject() : false;   // "no store yet" until there is one
    const polled = this.tabs.filter((t, j) => j === this.active || t.section.watching?.());
    const changed = await Promise.all(polled.map(t => t.section.refresh()));
    return { changed: headChanged || changed.some(Boolean), busy: polled.some(t => t.section.busy?.()) };
  }

  private async refreshProject(): Promise<boolean> {
    return guarded(this.headError, async () => {
      const { data } = await this.api.get<IProject>('project');
      this.projectStale = false;
      const moved = !!this.project && this.project.root !== data.root;
      if (moved) for (const t of this.tabs) t.section.reset?.();
      this.project = data;
      const where = `project ${data.root || '(the Jupyter root)'} · ${data.backend} · ${data.tracking_uri}`;
      fill(this.head, h('span', { class: 'mlops-project-name', title: where }, data.name), h('span', { class: 'mlops-spacer' }),
        data.has_store ? null : h('span', { class: 'mlops-dim' }, 'no store yet'), data.ui_url ? outLink('MLflow ↗', data.ui_url) : null);
      return moved;
    });
  }
}
