"""Benchmark (issue 15, 3): a Prometheus scrape of 50 models x 20 features.

The embedded store holds 50 `monitor/<model>` experiments of 3 windows each (the newest one counts), as `mn.monitor`
records them: per feature `drift_score.<f>` and `drifted.<f>`, the drift share, prediction drift, measured, estimated
and reference performance, data quality, and the monitor tags; jobs.db holds 200 runs of 5 jobs. A scrape is an HTTP
GET of /metrics from `serve_metrics` (prometheus_client's server) with the reading cache off (ttl=0), so each scrape
reads the stores; median of 30 after a warm-up, each parsed by prometheus_client's parser and checked for the
50 x 20 drift scores. Anchor: the same scrape with the windows read through MLflow's client (`search_runs` a model),
as a tracking server is read."""
import statistics, time, urllib.request
from common import emit, scratch

MODELS, FEATURES, WINDOWS = 50, 20, 3


def fill(root):
    from mlflow import MlflowClient
    from mlflow.entities import Metric, RunTag
    from mlops_nb.core.settings import load_settings
    from mlops_nb.jobs.store import store
    c = MlflowClient(load_settings(root).resolved_tracking_uri)
    t0 = int(time.time() * 1000) - 3_600_000
    for m in range(MODELS):
        e = c.create_experiment(f'monitor/model{m}')
        for w in range(WINDOWS):
            r = c.create_run(e, run_name=f'window {w}', start_time=t0 + w * 60_000)
            vals = {**{f'drift_score.f{i}': (i + w) / 100 for i in range(FEATURES)}, **{f'drifted.f{i}': i % 2 for i in range(FEATURES)},
                    'rows': 10_000, 'drift_share': 0.5, 'drifted_columns': 10, 'prediction_drift': 0.1, 'prediction_drifted': 0,
                    'accuracy': 0.9, 'f1': 0.88, 'estimated.accuracy': 0.91, 'reference.accuracy': 0.93,
                    'quality.missing_share': 0.01, 'quality.out_of_range_share': 0.0, 'quality.new_categories': 0}
            tags = dict(model=f'model{m}', alias='champion', version=str(w + 1), alert='false', rule='drift_share > 0.3', retrain='')
            c.log_batch(r.info.run_id, metrics=[Metric(k, v, t0, 0) for k, v in vals.items()],
                        tags=[RunTag(f'mlops_nb.monitor.{k}', v) for k, v in tags.items()])
            c.set_terminated(r.info.run_id)
    with store(root) as con:
        con.executemany("INSERT INTO runs(id, job, version, params, trigger, start, end, status, attempt) VALUES (?, ?, 1, '{}', 'cron', ?, ?, ?, 1)",
                        [(f'r{i}', f'job{i % 5}', 1000.0 + i, 1030.0 + i, ('succeeded', 'failed')[i % 7 == 0]) for i in range(200)])


def scrape(url):
    from prometheus_client.parser import text_string_to_metric_families
    t = time.perf_counter()
    text = urllib.request.urlopen(url, timeout=30).read().decode()
    dt = time.perf_counter() - t
    fams = {f.name: f for f in text_string_to_metric_families(text)}
    assert len(fams['mlops_nb_drift_score'].samples) == MODELS * FEATURES, len(fams['mlops_nb_drift_score'].samples)
    return dt


def timed(collector_read, n):
    from mlops_nb.monitor import prometheus as P
    srv, _ = P.serve_metrics(port=0, ttl=0)
    url = f'http://127.0.0.1:{srv.server_port}/metrics'
    try:
        original = P.read_windows
        P.read_windows = collector_read or original
        scrape(url)
        return [scrape(url) for _ in range(n)]
    finally:
        P.read_windows = original
        srv.shutdown(); srv.server_close()


def main():
    root = scratch('prometheus')
    fill(root)
    from mlflow import MlflowClient
    from mlops_nb.monitor.prometheus import client_windows
    ours = timed(None, 30)
    anchor = timed(lambda s: client_windows(MlflowClient(s.resolved_tracking_uri)), 5)
    o, a = 1000 * statistics.median(ours), 1000 * statistics.median(anchor)
    emit(name=f'Prometheus scrape of {MODELS} models x {FEATURES} features (3 windows each) and 200 job runs, read at scrape time, embedded store (issue 15)',
         ours=f'{o:.1f} ms (median of 30)', anchor=f'windows read through MlflowClient.search_runs, a query a model: {a:.0f} ms (median of 5)',
         ratio=f'{a / o:.1f}x faster', target='under 50 ms', ok=o < 50)


if __name__ == '__main__': main()
