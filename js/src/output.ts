/**
 * A drive for job runs' output notebooks. They live under `.mlops/`, which Jupyter's contents API hides (404 for hidden
 * paths), so the panel opens them as `mlops-output:<path>`, read-only, from `/mlops-nb/api/output`. Any other path of
 * the drive is the Jupyter root's own file: *Save Notebook As* keeps a document's drive, so a copy saved from an output
 * notebook goes to Jupyter's contents API and stays editable.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { type Contents, Drive, ServerConnection } from '@jupyterlab/services';

export const OUTPUT_DRIVE = 'mlops-output';

export const READ_ONLY = "a job run's output notebook is read-only: File > Save Notebook As… keeps an editable copy";

/** Whether `path` (relative to the Jupyter root) is a job run's output notebook: `.mlops/jobs/<job>/runs/<file>.ipynb`. */
export function isOutput(path: string): boolean {
  return /(^|\/)\.mlops\/jobs\/[^/]+\/runs\/[^/]+\.ipynb$/.test(path);
}

export class OutputDrive extends Drive {
  constructor(serverSettings?: ServerConnection.ISettings) {
    super({ name: OUTPUT_DRIVE, serverSettings });
  }

  /** An output notebook's contents model (never writable), or any other file's from Jupyter. */
  async get(localPath: string, options?: Contents.IFetchOptions): Promise<Contents.IModel> {
    if (!isOutput(localPath)) return super.get(localPath, options);
    const s = this.serverSettings;
    const query = URLExt.objectToQueryString({ file: localPath, content: options?.content === false ? '0' : '1' });
    const resp = await ServerConnection.makeRequest(URLExt.join(s.baseUrl, 'mlops-nb/api/output') + query, {}, s);
    const body = await resp.json().catch(() => ({}));
    if (!resp.ok) throw new ServerConnection.ResponseError(resp, body?.message ?? `HTTP ${resp.status}`);
    return body as Contents.IModel;
  }

  async save(localPath: string, options?: Partial<Contents.IModel>): Promise<Contents.IModel> {
    if (isOutput(localPath)) throw new Error(READ_ONLY);
    return super.save(localPath, options);
  }

  async createCheckpoint(localPath: string): Promise<Contents.ICheckpointModel> {
    if (isOutput(localPath)) throw new Error(READ_ONLY);
    return super.createCheckpoint(localPath);
  }

  async listCheckpoints(localPath: string): Promise<Contents.ICheckpointModel[]> {
    return isOutput(localPath) ? [] : super.listCheckpoints(localPath);
  }
}
