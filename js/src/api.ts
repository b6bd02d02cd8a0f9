/**
 * The REST API client: `<baseUrl>/mlops-nb/api/...`, with the file browser's folder as `path=` on every request,
 * `If-None-Match` with the last ETag of each URL, and errors turned into one line.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** An API error: the server's `{message}`, or one line saying what went wrong. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number = 0
  ) {
    super(message);
  }
}

/** An answer to a GET: the data, and whether it differs from the last answer for the same URL. */
export interface IFetched<T> {
  data: T;
  changed: boolean;
}

type Params = Record<string, string | number | null | undefined>;

interface ICached {
  etag: string | null;
  text: string;
  data: unknown;
}

const MAX_CACHED = 64;

export class Api {
  private cache = new Map<string, ICached>();

  constructor(
    private settings: ServerConnection.ISettings,
    private path: () => string
  ) {}

  /** The URL of a route, with `path=` and the given query parameters (empty ones left out). */
  url(route: string, params: Params = {}): string {
    const query: Record<string, string> = { path: this.path() };
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') query[k] = String(v);
    const base = URLExt.join(this.settings.baseUrl, 'mlops-nb', 'api', ...route.split('/').map(encodeURIComponent));
    return base + '?' + Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  }

  /** GET a route; a 304 or the same body as last time comes back with `changed: false`. */
  async get<T>(route: string, params: Params = {}): Promise<IFetched<T>> {
    const url = this.url(route, params), last = this.cache.get(url);
    const headers: Record<string, string> = last?.etag ? { 'If-None-Match': last.etag } : {};
    const res = await this.request(url, { method: 'GET', headers });
    if (res.status === 304 && last) return { data: last.data as T, changed: false };
    const text = await this.body(res);
    if (last && last.text === text) return { data: last.data as T, changed: false };
    const data = JSON.parse(text) as T;
    this.remember(url, { etag: res.headers.get('ETag'), text, data });
    return { data, changed: true };
  }

  /** POST to a route, `body` as JSON (ServerConnection sends Jupyter's XSRF token). */
  async post<T>(route: string, params: Params = {}, body: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request(this.url(route, params), { method: 'POST', body: JSON.stringify(body) });
    return JSON.parse(await this.body(res)) as T;
  }

  /** Forget every ETag (the project changed). */
  clear(): void {
    this.cache.clear();
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await ServerConnection.makeRequest(url, init, this.settings);
    } catch (e) {
      throw new ApiError('cannot reach the Jupyter server');
    }
  }

  private async body(res: Response): Promise<string> {
    const text = await res.text();
    if (res.ok) return text;
    throw new ApiError(errorMessage(text, res), res.status);
  }

  private remember(url: string, entry: ICached): void {
    this.cache.delete(url);
    this.cache.set(url, entry);
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
  }
}

/** The one line to show for a failed answer: its `{message}`, else the HTTP status. */
export function errorMessage(text: string, res: Response): string {
  try {
    const m = JSON.parse(text)?.message;
    if (typeof m === 'string' && m) return m.split('\n')[0];
  } catch {
    /* not JSON: an HTML error page */
  }
  if (res.status === 404) return 'the mlops_nb server extension is not running (404): restart Jupyter after installing mlops_nb[lab]';
  return `${res.status} ${res.statusText || 'error'}`.trim();
}

/** The one line of any error. */
export function oneLine(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0];
}
