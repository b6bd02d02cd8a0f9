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


RUNNER = textwrap.dedent('''
    import os, sys, time
    go = sys.argv[1]
    while not os.path.exists(go): time.sleep(0.005)       # every process starts its first run at the same moment
    import mlops_nb as mn
    with mn.track(name=f"p{os.getpid()}", experiment='crowd', autolog=False):
        for i in range(20): mn.log(x=i)
''')


def test_processes_starting_at_once_in_a_fresh_project_store_every_run_and_point(project, tmp_path):
    "8 processes start their first runs at the same moment in a fresh project, three times: every run and every point is stored."
    import os
    from conftest import mlflow_client, all_runs
    for trial in range(3):
        root = tmp_path / f'trial{trial}'; root.mkdir()
        go = tmp_path / f'go{trial}'
        env = {**os.environ, 'MLOPS_NB_ROOT': str(root)}
        procs = [subprocess.Popen([sys.executable, '-c', RUNNER, str(go)], env=env, stderr=subprocess.PIPE, text=True) for _ in range(8)]
        go.write_text('go')
        errors = [p.communicate(timeout=300)[1] for p in procs]
        assert all(p.returncode == 0 for p in procs), [e[-1500:] for e in errors if e]
        c = mlflow_client(root)
        runs = all_runs(c)
        assert len(runs) == 8 and all(r.info.status == 'FINISHED' for r in runs), (trial, len(runs))
        assert sum(len(c.get_metric_history(r.info.run_id, 'x')) for r in runs) == 160, trial


def test_a_store_removed_while_the_process_runs_is_created_again(project):
    "`rm -rf .mlops` with a kernel open: the next run creates a new store and lands in it (MLflow's open connections are dropped)."
    code = textwrap.dedent('''
        import os, shutil, mlops_nb as mn
        with mn.track(experiment='a', autolog=False): mn.log(x=1)
        shutil.rmtree(os.path.join(os.environ['MLOPS_NB_ROOT'], '.mlops'))
        with mn.track(experiment='b', autolog=False) as run: mn.log(x=2)
        print(run.status, run.undelivered)
    ''')
    p = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and p.stdout.split('\n')[0] == 'FINISHED 0', (p.stdout, p.stderr[-2000:])
    [run] = mn_runs(project)
    assert {k: v for k, v in run.data.metrics.items() if not k.startswith('system/')} == {'x': 2.0}


def test_a_setting_saved_elsewhere_reaches_an_open_process_at_its_next_run(project):
    "`mlops-nb config -e shared` in a terminal while a process is open: that process's next run goes to the experiment it saved."
    from conftest import BIN, mlflow_client, all_runs
    code = textwrap.dedent(f'''
        import subprocess, mlops_nb as mn
        with mn.track(autolog=False): mn.log(x=1)
        subprocess.run([{str(BIN / 'mlops-nb')!r}, 'config', '-e', 'shared'], check=True, capture_output=True)
        with mn.track(autolog=False) as run: mn.log(x=2)
        print(run.experiment)
    ''')
    p = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and p.stdout.strip() == 'shared', (p.stdout, p.stderr[-2000:])
    c = mlflow_client(project)
    assert sorted(c.get_experiment(r.info.experiment_id).name for r in all_runs(c)) == ['Default', 'shared']
