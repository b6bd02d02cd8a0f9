"""Monitoring as a job, end to end with real parts: a registered, validated champion; the monitoring job's notebook
(`monitor_job`) promoted with a schedule and run by our scheduler (papermill, a real kernel) on a drifted window; its alert starts the
retraining job in a process of its own (papermill again), which registers and validates a worse model; the gate
refuses it, so the champion stays where it was (MLflow's client reads the alias). Then the shells on the same champion:
`mlops-nb monitor` on the file, `%mlops monitor` in an IPython shell on notebook variables (accuracy checked against
scikit-learn's)."""
import json, subprocess, time
import pandas as pd
from conftest import BIN, mlflow_client, write_notebook

SPLIT = """
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
X, y = load_breast_cancer(return_X_y=True, as_frame=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.5, random_state=0)
Xv, Xw, yv, yw = train_test_split(Xte, yte, test_size=0.5, random_state=0)
"""
GATE = {'metrics': {'accuracy': {'min': 0.9, 'max_regression': 0.0}}}      # no worse than the champion


def retrain_notebook(project):
    "The retraining job: it takes the window's reference, trains (a stump: worse on purpose), registers, validates, tries to promote."
    return write_notebook(project / 'retrain.ipynb', [
        ('parameters', 'monitor_run = ""\nmonitor_model = ""\nmonitor_version: int = 0\ndepth = 1'),
        SPLIT,
        f"""
        import json, mlops_nb as mn
        from mlops_nb.core.basics import MlopsError
        from sklearn.tree import DecisionTreeClassifier
        with mn.track(name='retrain', autolog=False):
            model = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(Xtr, ytr)
            v = mn.register(model, 'cancer', X_example=Xtr, description=f'retrained for window {{monitor_run}} of {{monitor_model}}')
        verdict = mn.validate(f'cancer/{{v.version}}', Xv, yv, {GATE!r})
        try: mn.promote_model('cancer', v.version); outcome = 'promoted'
        except MlopsError as e: outcome = str(e)
        json.dump(dict(run=monitor_run, model=monitor_model, version=monitor_version, new=v.version, passed=verdict.passed, outcome=outcome),
                  open('retrained.json', 'w'))
        """])


def test_an_alert_of_the_monitoring_job_retrains_and_the_gate_keeps_the_champion(project, monkeypatch):
    monkeypatch.setenv('MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR', 'false')
    import mlops_nb as mn
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from mlops_nb.jobs.scheduler import Scheduler
    from mlops_nb.jobs.store import get_run, history
    from mlops_nb.monitor.alerts import monitor_job
    ns = {}; exec(SPLIT, ns)
    with mn.track(name='champion', experiment='train', autolog=False):
        champion = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(ns['Xtr'], ns['ytr'])
        mn.register(champion, 'cancer', X_example=ns['Xtr'])
    assert mn.validate('cancer/1', ns['Xv'], ns['yv'], GATE).passed                        # keeps the reference on the validation rows
    mn.promote_model('cancer', 1)
    window = ns['Xw'].copy()
    for c in window.columns[:12]: window[c] = window[c] * 1.5 + window[c].std()            # 12 of 30 columns shifted
    window.assign(target=ns['yw'].values).to_csv(project / 'drifted.csv', index=False)

    mn.promote(retrain_notebook(project), 'retrain', smoke=False, verbose=False)
    nb = monitor_job(project / 'monitor.ipynb', 'cancer@champion', 'drifted.csv', target='target',
                     alert='drift_share > 0.3 or accuracy < 0.85', on_alert='retrain')
    mn.promote(nb, 'watch', schedule='0 * * * *', tz='UTC', smoke=False, verbose=False)      # hourly, run by our scheduler
    s = Scheduler(root=project, verbose=False)
    assert s.tick(now=time.time() + 3600) == 1                                                # an hour later: due once
    s.threads['watch'].join(300)
    [r] = history('watch')
    assert (r.trigger, r.status) == ('schedule', 'succeeded'), r.error

    c = mlflow_client(project)
    [win] = c.search_runs([c.get_experiment_by_name('monitor/cancer').experiment_id])
    tags, rep = win.data.tags, json.loads(open(c.download_artifacts(win.info.run_id, 'monitor.json', str(project))).read())
    assert (tags['mlops_nb.monitor.alert'], tags['mlops_nb.monitor.alias'], tags['mlops_nb.monitor.version']) == ('true', 'champion', '1')
    assert win.data.metrics['drift_share'] > 0.3 and rep['reference']['source'] == 'validation' and rep['alert']['fired']
    job_run = tags['mlops_nb.monitor.retrain']
    assert rep['retrain'] == job_run
    for _ in range(3000):                                       # the retraining job runs in its own process: wait for its end
        if (rr := get_run(job_run)).status != 'running': break
        time.sleep(0.1)
    assert (rr.job, rr.trigger, rr.status) == ('retrain', 'alert', 'succeeded'), rr.error
    assert rr.params == {'monitor_run': win.info.run_id, 'monitor_model': 'cancer@champion', 'monitor_version': 1}
    got = json.loads((project / 'retrained.json').read_text())
    assert (got['run'], got['model'], got['version'], got['new'], got['passed']) == (win.info.run_id, 'cancer@champion', 1, 2, False)
    assert 'failed its latest gate' in got['outcome'], got
    assert int(c.get_model_version_by_alias('cancer', 'champion').version) == 1            # the worse model was not promoted
    v2 = c.get_model_version('cancer', '2')
    assert v2.tags['mlops_nb.gate.verdict'] == 'failed' and win.info.run_id in v2.description
    assert len(pd.read_csv(project / 'drifted.csv')) == rep['window']['rows']
    from mlops_nb.monitor.prometheus import exposition                     # the window as the metrics endpoint reads it
    from prometheus_client.parser import text_string_to_metric_families
    got = {(x.name, tuple(sorted(x.labels.items()))): x.value for f in text_string_to_metric_families(exposition(project)) for x in f.samples}
    ours = (('alias', 'champion'), ('model', 'cancer'))
    assert got['mlops_nb_drift_share', ours] == win.data.metrics['drift_share'] and got['mlops_nb_window_alert', ours] == 1.0
    assert got['mlops_nb_model_performance', (*ours[:1], ('kind', 'measured'), ('metric', 'accuracy'), ours[1])] == win.data.metrics['accuracy']
    assert got['mlops_nb_job_runs_total', (('job', 'retrain'), ('status', 'succeeded'))] == 1.0

    # the shells on the same champion; neither records (--no-record)
    p = subprocess.run([str(BIN / 'mlops-nb'), 'monitor', 'cancer@champion', 'drifted.csv', '--target', 'target', '--alert', 'drift_share > 0.3', '--no-record'],
                       cwd=project, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and 'ALERT: drift_share > 0.3' in p.stdout and 'mean radius' in p.stdout, (p.stdout, p.stderr)
    from IPython.core.error import UsageError
    from IPython.core.interactiveshell import InteractiveShell
    from sklearn.metrics import accuracy_score
    ip = InteractiveShell.instance()
    ip.run_line_magic('load_ext', 'mlops_nb')
    try:
        Xs = ns['Xw'].copy(); Xs['mean radius'] *= 2
        ip.user_ns.update(Xs=Xs, yw=ns['yw'])
        w = ip.run_line_magic('mlops', 'monitor cancer@champion Xs --y yw --no-record')
        assert w.metrics['accuracy'] == accuracy_score(ns['yw'], champion.predict(Xs)) and w.report['columns']['mean radius']['drifted']
        try: ip.run_line_magic('mlops', 'monitor cancer@champion Xs --y yw --alert "acuracy < 0.9"'); raise AssertionError('not refused')
        except UsageError as e: assert "unknown metric 'acuracy' in the alert rule (did you mean 'accuracy'?" in str(e), e
    finally: ip.run_line_magic('unload_ext', 'mlops_nb')
    assert len(c.search_runs([c.get_experiment_by_name('monitor/cancer').experiment_id])) == 1
