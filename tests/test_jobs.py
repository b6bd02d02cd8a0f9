"""Jobs end to end with real parts: the `mlops-nb` CLI, papermill in subprocesses on a real ipykernel, the
scheduler as its own process (SIGKILLed and SIGTERMed), MLflow's SQLite store, and the exports checked by
Kubernetes' schema and by Airflow itself."""
import json, os, signal, sqlite3, subprocess, time
from pathlib import Path
import psutil, pytest
from conftest import BIN, REPO, write_notebook, mlflow_client, all_runs, Kernel

TRICKY = 'a=b "double" \'single\'\nsecond line, non-ASCII: é ü 日本 ✓ {{ ds }}'


def cli(*args, timeout=300, check=None):
    p = subprocess.run([str(BIN / 'mlops-nb'), *map(str, args)], capture_output=True, text=True, timeout=timeout)
    if check is not None: assert p.returncode == check, (p.returncode, p.stdout, p.stderr)
    return p


def db(project, sql, *args):
    con = sqlite3.connect(project / '.mlops' / 'jobs.db'); con.row_factory = sqlite3.Row
    try: return [dict(r) for r in con.execute(sql, args)]
    finally: con.close()


def job_notebook(project, body='', name='train.ipynb'):
    "A notebook with a parameters cell, a %%track cell, and `mn.log` outside it; it writes what it got to got.json."
    return write_notebook(project / 'nbs' / name, [
        ('parameters', """
            n: int = 3
            text = "default"
            items = [1, 2]
            opts = {"depth": 2}
            rate = 0.5
        """),
        """
            %load_ext mlops_nb
            import json, mlops_nb as mn
            json.dump(dict(n=n, text=text, items=items, opts=opts, rate=rate), open('got.json', 'w', encoding='utf-8'), ensure_ascii=False)
        """,
        """
            %%track -n fit
            mn.log(score=n * rate)
        """,
        "mn.log(outside=1.5)",
        body or "print('done')",
    ])


def test_promote_and_run_record_everything(project):
    nb = job_notebook(project)
    p = cli('promote', nb, 'nightly', '--schedule', '0 2 * * *', '--tz', 'Europe/Paris', '-p', f'text={TRICKY}', '-p', 'items=[1, "a", null]', check=0)
    assert "promoted nbs/train.ipynb as job 'nightly' version 1" in p.stdout and 'smoke run succeeded' in p.stdout
    assert json.loads((project / 'nbs' / 'got.json').read_text(encoding='utf-8'))['text'] == TRICKY      # the smoke run ran it

    nb.write_text(nb.read_text().replace('print(\'done\')', 'raise SystemExit(3)'))   # edited after promoting: the job runs the frozen copy
    (project / 'nbs' / 'got.json').unlink()
    p = cli('jobs', 'run', 'nightly', '-p', 'n=7', check=0)
    assert 'succeeded' in p.stdout
    got = json.loads((project / 'nbs' / 'got.json').read_text(encoding='utf-8'))
    assert got == dict(n=7, text=TRICKY, items=[1, 'a', None], opts={'depth': 2}, rate=0.5)

    smoke, row = db(project, 'SELECT * FROM runs ORDER BY start')
    assert (smoke['trigger'], smoke['status']) == ('smoke', 'succeeded')
    assert (row['status'], row['attempt'], row['trigger'], row['version']) == ('succeeded', 1, 'manual', 1)
    assert json.loads(row['params']) == dict(text=TRICKY, items=[1, 'a', None], n=7)
    assert (project / row['output']).exists() and row['end'] > row['start']

    c = mlflow_client(project)
    job_run = c.get_run(row['mlflow_run'])
    assert job_run.info.status == 'FINISHED' and c.get_experiment(job_run.info.experiment_id).name == 'jobs/nightly'
    assert job_run.data.params['n'] == '7' and job_run.data.params['text'] == TRICKY and job_run.data.params['rate'] == '0.5'  # defaults too
    assert json.loads(job_run.data.tags['mlops_nb.job.param_sources']) == dict(n='override', text='override', items='override', opts='default', rate='default')
    assert abs(job_run.info.start_time - row['start'] * 1000) < 1000                # it starts when the job did, not when MLflow was ready
    assert job_run.data.tags['mlops_nb.job.status'] == 'succeeded' and job_run.data.metrics['duration_s'] > 0
    assert job_run.data.metrics['outside'] == 1.5                                  # mn.log outside %%track: the job's own run
    arts = [a.path for a in c.list_artifacts(job_run.info.run_id, 'job')]
    assert any(a.endswith('.ipynb') for a in arts) and any(a.endswith('.log') for a in arts)
    [child] = [r for r in all_runs(c) if r.data.tags.get('mlflow.parentRunId') == job_run.info.run_id]    # the %%track cell's run
    assert child.info.run_name == 'fit' and child.data.metrics['score'] == 3.5 and child.info.status == 'FINISHED'
    frozen = db(project, 'SELECT frozen FROM jobs')[0]['frozen']
    assert child.data.tags['mlflow.source.name'] == str(project / frozen) and '/v1-' in frozen    # what ran: the frozen copy, by its final name
    [smoke_child] = [r for r in all_runs(c) if r.data.tags.get('mlflow.parentRunId') == smoke['mlflow_run']]
    assert smoke_child.data.tags['mlflow.source.name'] == str(nb)              # the smoke run ran before its copy was named: the source notebook

    p = cli('promote', nb, 'nightly', '--no-smoke', '--schedule', '0 3 * * *', '--tz', 'UTC', check=0)   # promoting again: a new version
    assert 'version 2' in p.stdout
    assert [r['version'] for r in db(project, 'SELECT version FROM jobs ORDER BY version')] == [1, 2]
    show = cli('jobs', 'show', 'nightly', check=0).stdout
    assert 'version 2' in show and 'n: int, default 3' in show and 'next:' in show
    lst = cli('jobs', 'list', check=0).stdout
    assert 'nightly' in lst and 'succeeded' in lst


BAD = [
    ([], "has no cell tagged 'parameters': tag the cell of defaults 'parameters'"),
    ([('parameters', 'n = 1\nfor i in range(2): pass')], "line 2 is not an assignment"),
    ([('parameters', 'n = (1')], "is not valid Python: line 1"),
]


@pytest.mark.parametrize('cells,message', BAD)
def test_bad_notebooks_are_one_line_errors(project, cells, message):
    nb = write_notebook(project / 'bad.ipynb', [*cells, 'print(1)'])
    p = cli('promote', nb, 'job1', check=1)
    assert message in p.stderr and p.stderr.count('\n') == 1, p.stderr
    assert not (project / '.mlops' / 'jobs').exists()


def test_bad_input_is_one_line_and_writes_nothing(project):
    nb = write_notebook(project / 'ok.ipynb', [('parameters', 'n = 1\nname = "x"'), 'print(n, name)'])
    (project / 'broken.ipynb').write_text('{"cells": [ {"cell_type": "code",')
    cases = [
        (['promote', nb, 'a/b'], "job name 'a/b' is not allowed"),
        (['promote', nb, '..'], "job name '..' is not allowed"),
        (['promote', nb, 'j', '-p', 'n=abc'], "parameter 'n' expects int, got 'abc'"),
        (['promote', nb, 'j', '-p', 'epochs=3'], "unknown parameter 'epochs': the parameters cell defines n, name"),
        (['promote', nb, 'j', '--schedule', '0 25 * * *'], "invalid cron expression '0 25 * * *'"),
        (['promote', nb, 'j', '--schedule', '0 2 * * *', '--tz', 'Mars/Olympus'], "unknown time zone 'Mars/Olympus'"),
        (['promote', project / 'broken.ipynb', 'j'], 'is not a notebook: not valid JSON (line 1'),
        (['promote', project / 'missing.ipynb', 'j'], 'no notebook at'),
        (['jobs', 'run', 'nope'], "no job 'nope'"),
    ]
    for args, message in cases:
        p = cli(*args, check=1)
        assert message in p.stderr and p.stderr.count('\n') == 1 and p.stderr.startswith('mlops-nb: error: '), (args, p.stderr)
    assert not (project / '.mlops' / 'jobs').exists() and not db(project, 'SELECT * FROM jobs')
    p = cli('jobs', 'run', 'x/y', check=1)
    assert "not allowed" in p.stderr

    untagged = write_notebook(project / 'untagged.ipynb', ['import os', 'n = 2\nname = "z"', 'print(n, name)'])
    p = cli('promote', untagged, 'tagged', '--tag-parameters', '--no-smoke', '-p', 'n=5', check=0)
    assert json.loads(untagged.read_text())['cells'][1]['metadata']['tags'] == ['parameters']


def test_failure_keeps_the_output_notebook_retries_and_is_never_a_success(project):
    nb = write_notebook(project / 'fails.ipynb', [('parameters', 'n = 1'), 'x = n + 1', 'raise ValueError(f"bad value {x}")'])
    cli('promote', nb, 'fails', '--no-smoke', '--retries', '1', '--retry-delay', '0.2', check=0)
    p = cli('jobs', 'run', 'fails', check=1)
    line = p.stderr.strip()
    assert line.count('\n') == 0 and 'failed' in line and 'cell 3 raised ValueError: bad value 2' in line, p.stderr
    out = Path(line.rsplit('output notebook with the error: ', 1)[1])
    text = out.read_text()
    assert 'An Exception was encountered' in text and 'bad value 2' in text       # papermill's banner, kept
    rows = db(project, 'SELECT * FROM runs ORDER BY attempt')
    assert [(r['attempt'], r['status']) for r in rows] == [(1, 'failed'), (2, 'failed')]
    assert json.loads(rows[1]['error'])['exception'] == 'ValueError' and json.loads(rows[1]['error'])['cell'] == 3
    c = mlflow_client(project)
    runs = [c.get_run(r['mlflow_run']) for r in rows]
    assert [r.info.status for r in runs] == ['FAILED', 'FAILED']
    assert 'bad value 2' in runs[1].data.tags['mlops_nb.error'] and runs[1].data.tags['mlops_nb.job.status'] == 'failed'


def _papermill_procs(marker):
    return [p for p in psutil.process_iter(['cmdline']) if any(marker in a for a in (p.info['cmdline'] or []))]


def test_timeout_and_a_killed_kernel(project):
    nb = write_notebook(project / 'slow.ipynb', [('parameters', 'secs = 60'), 'import time; time.sleep(secs)'])
    cli('promote', nb, 'slow', '--no-smoke', '--timeout', '4', check=0)
    t = time.time()
    p = cli('jobs', 'run', 'slow', check=1)
    assert time.time() - t < 40 and 'timed-out' in p.stderr and 'timeout of 4 s' in p.stderr
    [row] = db(project, 'SELECT * FROM runs')
    assert row['status'] == 'timed-out' and not psutil.pid_exists(row['child'])
    assert mlflow_client(project).get_run(row['mlflow_run']).info.status == 'FAILED'

    nb = write_notebook(project / 'dies.ipynb', [('parameters', 'n = 1'), 'import os, signal; os.kill(os.getpid(), signal.SIGKILL)'])
    cli('promote', nb, 'dies', '--no-smoke', check=0)
    p = cli('jobs', 'run', 'dies', check=1)
    assert 'failed' in p.stderr and 'the kernel died while running cell 2' in p.stderr, p.stderr
    [row] = db(project, "SELECT * FROM runs WHERE job='dies'")
    assert row['status'] == 'failed' and json.loads(row['error'])['exception'] == 'DeadKernelError'


def _scheduler(project, *args):
    log = open(project / 'scheduler.log', 'a')
    return subprocess.Popen([str(BIN / 'mlops-nb'), 'scheduler', '--poll', '0.5', *args], stdout=log, stderr=subprocess.STDOUT)


def _wait(cond, timeout=60, step=0.1):
    end = time.time() + timeout
    while time.time() < end:
        if (v := cond()): return v
        time.sleep(step)
    raise TimeoutError(cond)


def test_scheduler_sigkilled_mid_job_neither_doubles_nor_skips(project):
    # long enough that its papermill is surely still running when the scheduler is killed, on a loaded machine too
    nb = write_notebook(project / 'tick.ipynb', [('parameters', 'secs = 10'), 'import time; time.sleep(secs)'])
    cli('promote', nb, 'tick', '--schedule', '* * * * * */3', '--tz', 'UTC', '--no-smoke', check=0)   # every 3 s (6th field: seconds)
    s = _scheduler(project)
    first = _wait(lambda: db(project, "SELECT * FROM runs WHERE status='running' AND mlflow_run IS NOT NULL"))[0]   # well under way
    assert psutil.pid_exists(first['child'])
    s.send_signal(signal.SIGKILL); s.wait(10)
    killed_at = time.time()
    assert db(project, 'SELECT status FROM runs WHERE id=?', first['id'])[0]['status'] == 'running'   # left behind, as a crash leaves it

    s = _scheduler(project, '--grace', '30')
    try:
        orphan = _wait(lambda: (r := db(project, 'SELECT * FROM runs WHERE id=?', first['id'])[0])['status'] == 'killed' and r)
        assert 'died while the job was running' in json.loads(orphan['error'])['summary']
        _wait(lambda: not psutil.pid_exists(first['child']) or None, 15)                    # its papermill was stopped
        _wait(lambda: len(db(project, "SELECT * FROM runs WHERE status='succeeded'")) >= 1, 120)
    finally:
        s.send_signal(signal.SIGTERM); s.wait(60)
    rows = db(project, 'SELECT * FROM runs ORDER BY start')
    dues = [r['due'] for r in rows]
    assert len(dues) == len(set(dues)), 'a due time ran twice'
    after = [r for r in rows if r['start'] > killed_at]
    assert sum(r['due'] < killed_at + 1 for r in after) <= 1, 'missed times were run more than once'
    spans = [(r['start'], r['end']) for r in rows if r['id'] != first['id']]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), 'runs of one job overlapped'
    orphan = db(project, 'SELECT * FROM runs WHERE id=?', first['id'])[0]
    assert mlflow_client(project).get_run(orphan['mlflow_run']).info.status == 'KILLED'


def test_sigterm_lets_the_job_finish_or_marks_it_killed(project):
    nb = write_notebook(project / 'tick.ipynb', [('parameters', 'secs = 3'), 'import time; time.sleep(secs)'])
    cli('promote', nb, 'short', '--schedule', '* * * * * */2', '--tz', 'UTC', '--no-smoke', check=0)
    s = _scheduler(project, '--grace', '60')
    run = _wait(lambda: db(project, "SELECT * FROM runs WHERE status='running'"))[0]
    s.send_signal(signal.SIGTERM)
    assert s.wait(60) == 0
    assert db(project, 'SELECT status FROM runs WHERE id=?', run['id'])[0]['status'] == 'succeeded'
    assert not db(project, "SELECT * FROM runs WHERE status='running'")

    cli('jobs', 'pause', 'short', check=0)
    cli('promote', nb, 'long', '--schedule', '* * * * * */2', '--tz', 'UTC', '--no-smoke', '-p', 'secs=60', check=0)
    s = _scheduler(project, '--grace', '0.5')
    run = _wait(lambda: db(project, "SELECT * FROM runs WHERE status='running' AND job='long'"))[0]
    s.send_signal(signal.SIGTERM)
    assert s.wait(60) == 0
    row = db(project, 'SELECT * FROM runs WHERE id=?', run['id'])[0]
    assert row['status'] == 'killed' and not db(project, "SELECT * FROM runs WHERE status='running'")
    assert not db(project, "SELECT * FROM runs WHERE job='short' AND start > ?", run['start'] - 1)   # paused: not run


def test_kubernetes_export_is_valid_against_the_schema(project):
    import kubernetes_validate, yaml
    nb = write_notebook(project / 'k.ipynb', [('parameters', 'text = ""\nn = 1'), 'print(text, n)'])
    cli('promote', nb, 'Nightly_Train', '--schedule', '0 2 * * *', '--tz', 'Europe/Paris', '--retries', '2', '--timeout', '900',
        '--no-smoke', '-p', f'text={TRICKY}', check=0)
    p = cli('jobs', 'export', 'Nightly_Train', '--to', 'kubernetes', '--image', 'ghcr.io/acme/nb:1.0', check=0)
    docs = list(yaml.safe_load_all(Path(p.stdout.split('wrote ', 1)[1].strip()).read_text()))
    for d in docs: kubernetes_validate.validate(d, '1.33', strict=True)
    cm, cj = docs
    spec = cj['spec']
    assert (spec['schedule'], spec['timeZone'], spec['concurrencyPolicy']) == ('0 2 * * *', 'Europe/Paris', 'Forbid')
    assert (spec['jobTemplate']['spec']['backoffLimit'], spec['jobTemplate']['spec']['template']['spec']['activeDeadlineSeconds']) == (2, 900)
    assert yaml.safe_load(cm['data']['params.yaml']) == {'text': TRICKY}
    assert json.loads(cm['data']['notebook.ipynb'])['cells'][0]['metadata']['tags'] == ['parameters']
    assert 'papermill /job/notebook.ipynb' in spec['jobTemplate']['spec']['template']['spec']['containers'][0]['command'][2]
    assert cli('jobs', 'export', 'Nightly_Train', '--to', 'kubernetes', check=1).stderr.count('\n') == 1


def test_magics_promote_this_notebook_and_list_jobs(project):
    nb = job_notebook(project)
    k = Kernel(cwd=project / 'nbs', env={'MLOPS_NB_NOTEBOOK': str(nb)})
    try:
        content, outs = k.execute('%load_ext mlops_nb\n%mlops promote from-lab --no-smoke --schedule "30 1 * * *" --tz UTC -p n=4')
        assert content['status'] == 'ok', outs
        assert k.value("__import__('mlops_nb').get_job('from-lab').params") == {'n': 4}
        content, outs = k.execute('df = %mlops jobs\nprint(df.job.tolist(), df.schedule.tolist())')
        assert "['from-lab'] ['30 1 * * *']" in str(outs), outs
        content, outs = k.execute('%mlops promote bad/name')
        assert content['status'] == 'error' and content['ename'] == 'UsageError' and "not allowed" in content['evalue']
        content, outs = k.execute('%mlops promote x -p n=abc')
        assert content['status'] == 'error' and "parameter 'n' expects int, got 'abc'" in content['evalue']
    finally: k.close()


AIRFLOW_PY = Path(os.environ.get('MLOPS_NB_AIRFLOW_PYTHON', REPO / '.venv-airflow' / 'bin' / 'python'))


def test_airflow_export_loads_in_dagbag_and_runs_with_dag_test(project, tmp_path):
    assert AIRFLOW_PY.exists(), f"no Airflow test environment at {AIRFLOW_PY}: `make test` builds it (.venv-airflow)"
    got = tmp_path / 'got.json'
    nb = write_notebook(project / 'af.ipynb', [
        ('parameters', f'text = ""\nn = 1\nitems = []\nout = {str(got)!r}'),
        "import json; json.dump(dict(text=text, n=n, items=items), open(out, 'w', encoding='utf-8'), ensure_ascii=False)"])
    cli('promote', nb, 'af_job', '--schedule', '15 4 * * 1-5', '--tz', 'Europe/Paris', '--retries', '2', '--retry-delay', '60',
        '--timeout', '300', '--no-smoke', '-p', f'text={TRICKY}\n', '-p', 'n=7', '-p', 'items=[1, "b"]', check=0)
    dags = tmp_path / 'dags'
    p = cli('jobs', 'export', 'af_job', '--to', 'airflow', '--out', dags / 'af_job_dag.py', '--output-uri', tmp_path / 'out', check=0)
    assert (dags / 'af_job.ipynb').exists() and (dags / 'af_job_dag.py').exists(), p.stdout
    r = subprocess.run([str(AIRFLOW_PY), str(REPO / 'tests' / 'airflow_check.py'), str(dags), 'af_job'], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res['import_errors'] == {}
    assert (res['timezone'], res['max_active_runs'], res['catchup']) == ('Europe/Paris', 1, False)
    assert '15 4 * * 1-5' in res['schedule']
    assert (res['retries'], res['retry_delay'], res['timeout'], res['kernel']) == (2, 60.0, 300.0, 'python3')
    assert res['ok'], (res, r.stderr[-4000:])
    assert json.loads(got.read_text(encoding='utf-8')) == dict(text=TRICKY + '\n', n=7, items=[1, 'b'])   # Jinja left it alone
    assert list((tmp_path / 'out').glob('af_job-*.ipynb'))


def test_promotes_of_one_name_at_once_get_versions_n_and_n_plus_1(project):
    "Two `mlops-nb promote` of one name at the same moment, four times: eight versions, each with its own frozen copy, none lost."
    import hashlib
    nb = write_notebook(project / 'twice.ipynb', [('parameters', 'n = 1'), 'print(n)'])
    for trial in range(4):
        procs = [subprocess.Popen([str(BIN / 'mlops-nb'), 'promote', str(nb), 'twice', '--no-smoke', '-p', f'n={k}'],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in (1, 2)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert all(p.returncode == 0 for p in procs), (trial, outs)
    rows = db(project, "SELECT version, frozen, hash FROM jobs WHERE name='twice' ORDER BY version")
    assert [r['version'] for r in rows] == list(range(1, 9))
    for r in rows:
        data = (project / r['frozen']).read_bytes()                    # every version's notebook is there, and is what it says
        assert hashlib.sha256(data).hexdigest() == r['hash'] and f"v{r['version']}-" in r['frozen']
    assert not list((project / '.mlops' / 'jobs' / 'twice').glob('.staged-*'))
