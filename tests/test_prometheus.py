"""`mlops-nb metrics` as its own process against a real `mlflow server` (read through MLflow's client) and a real job
run in `.mlops/jobs.db`: scraped over HTTP, parsed by prometheus_client's own parser, every value compared with what
MLflow's client and jobs.db hold; a window recorded after the first scrape is in the next one (read at scrape time)."""
import os, re, signal, sqlite3, subprocess, time, urllib.request, uuid
from conftest import BIN, wait_for, write_notebook


def windows(client, model, values, alert):
    "A monitoring window of `model` recorded as the contract says (experiment monitor/<model>, its tags, FINISHED)."
    from mlflow.entities import Metric, RunTag
    e = client.get_experiment_by_name(f'monitor/{model}')
    e = e.experiment_id if e else client.create_experiment(f'monitor/{model}')
    r = client.create_run(e, run_name='window')
    tags = {'model': model, 'alias': 'champion', 'version': '3', 'alert': alert, 'rule': 'drift_share > 0.3', 'retrain': ''}
    client.log_batch(r.info.run_id, metrics=[Metric(k, v, 0, 0) for k, v in values.items()],
                     tags=[RunTag(f'mlops_nb.monitor.{k}', v) for k, v in tags.items()])
    client.set_terminated(r.info.run_id)
    return r.info.run_id


def scrape(url):
    from prometheus_client.parser import text_string_to_metric_families
    text = urllib.request.urlopen(url, timeout=30).read().decode()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value for f in text_string_to_metric_families(text) for s in f.samples}


def test_metrics_endpoint_serves_what_the_stores_hold(project, mlflow_server):
    from mlflow import MlflowClient
    env = {**os.environ, 'MLFLOW_TRACKING_URI': mlflow_server}
    nb = write_notebook(project / 'train.ipynb', [('parameters', 'n = 1'), 'print(n)'])
    p = subprocess.run([str(BIN / 'mlops-nb'), 'promote', str(nb), 'nightly'], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and 'smoke run succeeded' in p.stdout, (p.stdout, p.stderr)        # a real run in jobs.db
    c = MlflowClient(mlflow_server)
    model = f'm{uuid.uuid4().hex[:8]}'                       # the server is shared by the session: our own model
    first = windows(c, model, {'drift_share': 0.1, 'drift_score.age': 0.02, 'accuracy': 0.91, 'estimated.f1': 0.8, 'rows': 500}, 'false')
    proc = subprocess.Popen([str(BIN / 'mlops-nb'), 'metrics', '--port', '0'], cwd=project, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        line = proc.stdout.readline()
        url = re.search(r'(http://127\.0\.0\.1:\d+/metrics)', line).group(1)
        got, run = scrape(url), c.get_run(first)
        ours = dict(alias='champion', model=model)
        lab = lambda **kw: tuple(sorted({**ours, **kw}.items()))
        assert got['mlops_nb_drift_share', lab()] == run.data.metrics['drift_share']
        assert got['mlops_nb_drift_score', lab(feature='age')] == run.data.metrics['drift_score.age']
        assert got['mlops_nb_model_performance', lab(metric='accuracy', kind='measured')] == run.data.metrics['accuracy']
        assert got['mlops_nb_model_performance', lab(metric='f1', kind='estimated')] == run.data.metrics['estimated.f1']
        assert got['mlops_nb_window_timestamp_seconds', lab()] == run.info.start_time / 1000
        assert (got['mlops_nb_window_alert', lab()], got['mlops_nb_window_model_version', lab()]) == (0.0, 3.0)

        con = sqlite3.connect(project / '.mlops' / 'jobs.db')
        [(status, start, end)] = con.execute("SELECT status, start, end FROM runs WHERE job='nightly'").fetchall()
        con.close()
        assert got['mlops_nb_job_runs_total', (('job', 'nightly'), ('status', status))] == 1.0 and status == 'succeeded'
        assert got['mlops_nb_job_last_status', (('job', 'nightly'), ('status', 'succeeded'))] == 1.0
        assert abs(got['mlops_nb_job_last_duration_seconds', (('job', 'nightly'),)] - (end - start)) < 1e-6
        assert got['mlops_nb_job_last_start_timestamp_seconds', (('job', 'nightly'),)] == start
        assert got['mlops_nb_pending_records', ()] == 0.0

        second = windows(c, model, {'drift_share': 0.6, 'drift_score.age': 0.4}, 'true')   # a newer window: the next scrape has it
        time.sleep(1.1)                                                                     # past the reading shared by scrapes
        got = scrape(url)
        assert got['mlops_nb_drift_share', lab()] == c.get_run(second).data.metrics['drift_share'] == 0.6
        assert got['mlops_nb_window_alert', lab()] == 1.0 and ('mlops_nb_model_performance', lab(metric='accuracy', kind='measured')) not in got
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        wait_for(lambda: proc.poll() is not None, 30, what='mlops-nb metrics stops on SIGTERM')
