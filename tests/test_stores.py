"""A process is not pinned to the first store it used: the cause of the `make test` flake in nbdev_test (its workers run
one notebook after another, and the tutorial's run failed with "attempt to write a readonly database")."""
import subprocess, sys, textwrap

CODE = textwrap.dedent('''
    import os, shutil, tempfile
    import mlops_nb as mn
    from mlops_nb.core.basics import modified_env
    earlier = tempfile.mkdtemp()
    with modified_env(MLOPS_NB_ROOT=earlier):            # an earlier notebook's test, in a temporary project of its own
        with mn.track(experiment='x', autolog=False): mn.log(a=1)
    shutil.rmtree(earlier)                                # and gone
    print(os.environ.get('MLFLOW_TRACKING_URI'), mn.load_settings().sources['tracking_uri'])
    with mn.track(experiment='tutorial', autolog=False) as run: mn.log(a=1)
    print(run.status, run.undelivered, mn.load_settings().resolved_tracking_uri == 'sqlite:///' + os.environ['MLOPS_NB_ROOT'] + '/.mlops/mlflow.db')
''')


def test_a_run_after_another_projects_run_goes_to_this_project(project):
    "mlflow.set_tracking_uri also sets MLFLOW_TRACKING_URI, which outranks the project's settings: it must not be left set."
    p = subprocess.run([sys.executable, '-c', CODE], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.split('\n')[:2] == ['None default', 'FINISHED 0 True'], p.stdout
    assert len(mn_runs(project)) == 1                     # the second run is in this project's store


def mn_runs(project):
    from conftest import mlflow_client, all_runs
    return all_runs(mlflow_client(project))
