/** The mlops_nb sidebar for JupyterLab 4: runs, jobs and the journal's status of the file browser's project. */
import { ILayoutRestorer, type JupyterFrontEnd, type JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { LabIcon } from '@jupyterlab/ui-components';
import { OUTPUT_DRIVE, OutputDrive } from './output';
import { MlopsPanel } from './panel';
import { SECTIONS } from './sections';

const PANEL_ID = 'mlops-nb-panel';
const OPEN = 'mlops-nb:open';

/** A flask over a rising curve. */
const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" viewBox="0 0 24 24">
<g class="jp-icon3" fill="#616161">
<path d="M9 2h6v2h-1v5.2l5.6 9.4A2 2 0 0 1 17.9 21H6.1a2 2 0 0 1-1.7-2.4L10 9.2V4H9zm3 8.1L9.3 15h5.4z"/>
</g></svg>`;

export const mlopsIcon = new LabIcon({ name: 'mlops-nb:panel', svgstr: ICON_SVG });

function activate(app: JupyterFrontEnd, palette: ICommandPalette | null, restorer: ILayoutRestorer | null,
  browser: IDefaultFileBrowser | null): void {
  const contents = app.serviceManager.contents;
  const path = () => (browser ? contents.localPath(browser.model.path) : '');
  contents.addDrive(new OutputDrive(app.serviceManager.serverSettings));
  const panel = new MlopsPanel({
    settings: app.serviceManager.serverSettings,
    path,
    open: p => void app.commands.execute('docmanager:open', { path: p }),
    openOutput: p => void app.commands.execute('docmanager:open', { path: `${OUTPUT_DRIVE}:${p}` }),
    sections: SECTIONS
  });
  panel.id = PANEL_ID;
  panel.title.icon = mlopsIcon;
  panel.title.caption = 'mlops_nb: runs, jobs, status';
  browser?.model.pathChanged.connect(() => panel.pathChanged());
  app.shell.add(panel, 'left', { rank: 600 });
  restorer?.add(panel, PANEL_ID);
  app.commands.addCommand(OPEN, {
    label: 'mlops_nb: Open panel',
    caption: 'Show the mlops_nb sidebar',
    icon: mlopsIcon,
    execute: () => app.shell.activateById(PANEL_ID)
  });
  palette?.addItem({ command: OPEN, category: 'mlops_nb' });
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'mlops-nb-lab:plugin',
  description: 'The mlops_nb sidebar: runs, jobs and status.',
  autoStart: true,
  optional: [ICommandPalette, ILayoutRestorer, IDefaultFileBrowser],
  activate
};

export default plugin;
