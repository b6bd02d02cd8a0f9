/** The records of the REST API (docs/openapi.yaml), as the panel reads them. */

/** Milliseconds since the epoch, or null. */
export type Millis = number | null;

export interface IProject {
  root: string;
  name: string;
  tracking_uri: string;
  backend: string;
  ui_url: string | null;
  has_store: boolean;
}

export interface IRunRow {
  run_id: string;
  name: string | null;
  experiment: string | null;
  status: string;
  start: Millis;
  end: Millis;
  duration: number | null;
  key_metric: { key: string; value: number | null } | null;
  sparkline?: (number | null)[] | null;
  delivered: boolean;
  note?: string;
  url: string | null;
}

export interface IRunPage {
  runs: IRunRow[];
  next_page_token: string | null;
  experiments: string[];
  error?: string;
}

/** [step, value] */
export type Point = [number | null, number | null];

export interface IRunDetail {
  run_id: string;
  name: string | null;
  experiment: string | null;
  status: string;
  start: Millis;
  end: Millis;
  duration: number | null;
  params: Record<string, string>;
  user_params: string[];
  metrics: Record<string, number | null>;
  user_metrics?: string[];
  history: Record<string, Point[]>;
  tags: Record<string, string>;
  artifacts: { path: string; size: number | null }[];
  notebook: { path: string | null; source: string } | null;
  job?: string | null;
  delivered?: boolean;
  url: string | null;
}

export interface IComparison {
  runs: { run_id: string; name: string | null }[];
  params: { key: string; values: (string | null)[]; differs: boolean }[];
  metrics: {
    key: string;
    values: (number | null)[];
    differs: boolean;
    direction: 'lower' | 'higher' | null;
    best: number[];
  }[];
  curves: Record<string, Point[][]>;
}

export interface IJobRun {
  run_id: string;
  status: string;
  trigger: string;
  attempt?: number;
  start: Millis;
  end: Millis;
  duration: number | null;
  output: string | null;
  error: string | null;
  mlflow_run: string | null;
}

export interface IScheduler {
  running: boolean;
  pid: number | null;
}

export interface IJob {
  name: string;
  version: number;
  notebook: string | null;
  cron: string | null;
  tz: string;
  schedule: string;
  next_run: Millis;
  paused: boolean;
  last: IJobRun | null;
}

export interface IJobs {
  jobs: IJob[];
  scheduler: IScheduler;
}

export interface IJobAction {
  job: IJob;
  message: string;
  pid?: number;
}

export interface IStatus {
  pending: { run_id: string; name?: string | null; status: string; pending: number; owner?: string; error?: string }[];
  recovered: { run_id: string; name?: string | null; experiment?: string | null; end?: Millis }[];
  damaged: { file: string; message: string }[];
  scheduler: IScheduler;
  alerts: IAlert[];
}

/** A monitoring window: one finished run of the experiment monitor/<model>. */
export interface IWindow {
  run_id: string;
  run_url: string | null;
  when: Millis;
  version: number | null;
  alias: string | null;
  rows: number | null;
  drift_share: number | null;
  drifted_columns: number | null;
  prediction_drifted: boolean;
  performance: { metric: string; value: number | null; reference: number | null; estimated: boolean } | null;
  alert: boolean;
  rule: string | null;
  retrain: string | null;
  drifted: string[];
}

/** A model whose last window alerted. */
export interface IAlert extends IWindow {
  model: string;
}

/** A version's latest gate (null: never validated). */
export interface IGate {
  verdict: 'passed' | 'failed';
  summary: string | null;
  run_id: string | null;
}

/** One recorded move of an alias. */
export interface IMove {
  alias: string;
  to: number;
  before: number | null;
  kind: 'promote' | 'forced' | 'rollback';
  who: string;
  when: Millis;
  reason: string;
  verdict: string | null;
}

export interface IModelRow {
  name: string;
  newest: number | null;
  versions: number;
  aliases: Record<string, number>;
  champion: { version: number; gate: IGate | null } | null;
  last_move: IMove | null;
  description: string;
  updated: Millis;
  monitor?: IWindow | null;
}

export interface IModels {
  models: IModelRow[];
}

export interface IModelVersion {
  version: number;
  created: Millis;
  run_id: string | null;
  run_name: string | null;
  run_url: string | null;
  lineage: Record<string, string>;
  gate: IGate | null;
  aliases: string[];
  card: boolean;
  description: string;
}

export interface IModelDetail {
  name: string;
  description: string;
  aliases: Record<string, number>;
  versions: IModelVersion[];
  history: IMove[];
  windows?: IWindow[];
}

export interface IMoved {
  move: IMove;
  message: string;
}
