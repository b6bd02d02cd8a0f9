"""`mn.monitor` against a real `mlflow server`: a pipeline registered and validated there (its reference kept as the
artifact monitor/reference.json of the version's run, on the server's proxied artifact store), a window with one
column shifted and a new category scanned in a process of its own, then read back with MLflow's own client: the run in
monitor/<model>, its tags and metrics, and monitor.json, checked against SciPy's tests and scikit-learn's accuracy on
the same rows."""
import json, os, subprocess, sys, tempfile, textwrap, uuid
from pathlib import Path

SCRIPT = textwrap.dedent('''
    import json, sys, numpy as np
    from sklearn.compose import make_column_transformer
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    from mlops_nb.registry.versions import register
    from mlops_nb.registry.aliases import promote_model
    from mlops_nb.gates.gate import validate
    from mlops_nb.monitor.window import monitor
    name = sys.argv[1]
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    X['clinic'] = np.random.default_rng(0).choice(['north', 'south'], len(X))
    nums = [c for c in X.columns if c != 'clinic']
    Xtr, Xrest, ytr, yrest = train_test_split(X, y, test_size=0.6, random_state=0)
    Xval, Xnew, yval, ynew = train_test_split(Xrest, yrest, test_size=0.5, random_state=0)
    pipe = make_pipeline(make_column_transformer((StandardScaler(), nums), (OneHotEncoder(handle_unknown='ignore'), ['clinic'])),
                         LogisticRegression()).fit(Xtr, ytr)
    register(pipe, name, X_example=Xtr, reference=Xtr)
    promote_model(name, 1, force=True, reason='first')
    validate(f'{name}@champion', Xval, yval, {'metrics': {'accuracy': {'min': 0.8}}})
    Xw = Xnew.assign(**{'mean radius': Xnew['mean radius'] * 1.3, 'clinic': np.where(np.arange(len(Xnew)) % 4 == 0, 'west', Xnew.clinic)})
    w = monitor(f'{name}@champion', Xw, ynew, alert='drift_share > 0.02')
    Xval.to_parquet(sys.argv[2] + '/val.parquet'); Xw.to_parquet(sys.argv[2] + '/window.parquet')
    np.save(sys.argv[2] + '/y.npy', ynew.to_numpy()); np.save(sys.argv[2] + '/pred.npy', pipe.predict(Xw))
    np.save(sys.argv[2] + '/yval.npy', yval.to_numpy()); np.save(sys.argv[2] + '/predval.npy', pipe.predict(Xval))
    print(json.dumps(dict(run=w.run_id, drifted=w.drifted, alert=w.alert)))
''')


def test_a_window_recorded_on_a_real_mlflow_server_reads_back_with_mlflows_client(project, mlflow_server):
    import numpy as np, pandas as pd
    from mlflow import MlflowClient
    from scipy import stats
    from sklearn.metrics import accuracy_score
    name, d = f'cancer-{uuid.uuid4().hex[:6]}', tempfile.mkdtemp()
    env = {**os.environ, 'MLFLOW_TRACKING_URI': mlflow_server, 'MLOPS_NB_ROOT': str(project), 'MLOPS_NB_SYSTEM_METRICS': '0'}
    p = subprocess.run([sys.executable, '-c', SCRIPT, name, d], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert 'mean radius' in out['drifted'] and 'clinic' in out['drifted'] and out['alert'] is True, out
    c = MlflowClient(mlflow_server)
    run = c.get_run(out['run'])
    assert c.get_experiment(run.info.experiment_id).name == f'monitor/{name}' and run.info.status == 'FINISHED'
    t = run.data.tags
    assert (t['mlops_nb.monitor.model'], t['mlops_nb.monitor.alias'], t['mlops_nb.monitor.version'], t['mlops_nb.monitor.alert']) == \
        (name, 'champion', '1', 'true'), t
    assert t['mlops_nb.monitor.rule'] == 'drift_share > 0.02'
    val, win = pd.read_parquet(f'{d}/val.parquet'), pd.read_parquet(f'{d}/window.parquet')
    y, pred = np.load(f'{d}/y.npy'), np.load(f'{d}/pred.npy')
    m = run.data.metrics
    assert m['drift_score.mean_radius'] == stats.ks_2samp(val['mean radius'], win['mean radius']).pvalue and m['drifted.mean_radius'] == 1.0
    assert abs(m['accuracy'] - accuracy_score(y, pred)) < 1e-12 and m['rows'] == len(win)
    from mlops_nb.monitor.drift import metric_key
    nums = [col for col in val.columns if col != 'clinic']
    ks = {col: float(stats.ks_2samp(val[col], win[col]).pvalue < 0.05) for col in nums}     # SciPy's verdict a number column
    assert {col: m['drifted.' + metric_key(col)] for col in nums} == ks
    assert m['quality.new_categories'] == 1.0 and m['drifted_columns'] == sum(ks.values()) + m['drifted.clinic']
    rep = json.loads(Path(c.download_artifacts(out['run'], 'monitor.json', d)).read_text())
    assert rep['reference']['source'] == 'validation' and rep['reference']['rows'] == len(val)
    assert rep['quality']['new_categories'] == {'clinic': ['west']} and rep['alert']['fired'] is True
    assert len(json.dumps(rep)) < 100_000                                           # kilobytes
    v = c.get_model_version(name, '1')
    ref = json.loads(Path(c.download_artifacts(v.run_id, v.tags['mlops_nb.monitor.reference'], d)).read_text())
    yval, predval = np.load(f'{d}/yval.npy'), np.load(f'{d}/predval.npy')
    assert ref['format'] == 1 and ref['rows'] == len(val) and abs(ref['performance']['accuracy'] - accuracy_score(yval, predval)) < 1e-12
    assert rep['performance']['accuracy']['reference'] == ref['performance']['accuracy']
