"""MLflow autologging inside tracked cells (and only there), and the Python API without IPython."""
import subprocess, sys, textwrap
from conftest import all_runs, mlflow_client, papermill, write_notebook

FIT = '''
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
X, y = load_iris(return_X_y=True)
'''


def test_autolog_inside_tracked_cells_only(project):
    nb = write_notebook(project / 'auto.ipynb', [
        '%load_ext mlops_nb\nimport mlops_nb as mn', FIT,
        '%%track -n with-autolog\nmodel = LogisticRegression(C=0.5, max_iter=300).fit(X, y)',
        '%%track -n without-autolog --no-autolog\nmodel = LogisticRegression(C=0.25, max_iter=300).fit(X, y)',
        'untracked = LogisticRegression(max_iter=300).fit(X, y)   # outside any tracked cell: no stray run',
    ])
    code, out, err = papermill(nb, project / 'out.ipynb')
    assert code == 0, err
    c = mlflow_client(project)
    runs = {r.info.run_name: r for r in all_runs(c)}
    assert set(runs) == {'with-autolog', 'without-autolog'}
    auto, manual = runs['with-autolog'], runs['without-autolog']
    assert auto.data.params['C'] == '0.5' and 'training_accuracy_score' in auto.data.metrics
    assert c.search_logged_models([auto.info.experiment_id], filter_string=f"source_run_id = '{auto.info.run_id}'")
    assert 'C' not in manual.data.params and not [k for k in manual.data.metrics if not k.startswith('system/')]
    system = {'system/cpu_utilization_percentage', 'system/system_memory_usage_percentage', 'system/process_memory_rss_megabytes'}
    assert system <= set(auto.data.metrics) and 0 < auto.data.metrics['system/process_memory_rss_megabytes']   # sampled while each ran
    # the output notebook keeps the run as the store holds it: what autologging recorded, the system, the artifacts, the model
    shown = ''.join(o.get('data', {}).get('text/html', '') for o in out.cells[2].outputs)
    assert f"{len(auto.data.params)} autologged params" in shown and 'training_accuracy_score' in shown and 'estimator_name' in shown, shown[:3000]
    assert 'CPU %' in shown and 'this process MB' in shown, shown[shown.find('System'):][:2000]
    assert 'estimator.html' in shown and '<b>sklearn</b>' in shown, shown[shown.find('Artifacts'):][:2000]
    assert all(r.info.status == 'FINISHED' for r in runs.values())


def test_python_api_without_ipython(project):
    script = project / 'train.py'
    script.write_text(textwrap.dedent('''
        import sys, mlops_nb as mn
        assert "IPython" not in sys.modules, "importing the API must not load IPython"
        with mn.track(name="script", params={"lr": 0.01}, tags={"kind": "batch"}, autolog=False) as run:
            for i in range(2000):
                mn.log(loss=1 / (i + 1))
            mn.log_params(epochs=3)
        try:
            with mn.track(name="broken", autolog=False):
                mn.log(loss=1.0)
                raise RuntimeError("data missing")
        except RuntimeError as e:
            print("caught:", e)
        print(run.id)
    '''))
    p = subprocess.run([sys.executable, str(script)], cwd=project, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert 'caught: data missing' in p.stdout
    c = mlflow_client(project)
    runs = {r.info.run_name: r for r in all_runs(c)}
    ok, broken = runs['script'], runs['broken']
    assert ok.info.run_id == p.stdout.split()[-1]
    assert (ok.info.status, ok.data.params, ok.data.tags['kind']) == ('FINISHED', {'lr': '0.01', 'epochs': '3'}, 'batch')
    assert len(c.get_metric_history(ok.info.run_id, 'loss')) == 2000
    assert ok.data.tags['mlflow.source.type'] == 'LOCAL' and ok.data.tags['mlflow.source.name'].endswith('train.py')
    assert c.get_experiment(ok.info.experiment_id).name == 'Default'
    assert broken.info.status == 'FAILED' and {k: v for k, v in broken.data.metrics.items() if not k.startswith('system/')} == {'loss': 1.0}
