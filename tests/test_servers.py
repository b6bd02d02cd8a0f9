"""Against real servers on 127.0.0.1: an `mlflow server`, and a Jupyter server whose sessions API names the notebook."""
import json, os, subprocess, time, urllib.request
import pytest
from conftest import BIN, Kernel, all_runs, jupyter_port, mlflow_client, papermill, start_mlflow_server, stop, wait_for, wait_http, write_notebook


def test_notebook_tracked_into_a_real_mlflow_server(project, mlflow_server):
    nb = write_notebook(project / 'remote.ipynb', [
        ('parameters', 'alpha = 1.0'),
        '%load_ext mlops_nb\nimport mlops_nb as mn',
        '%%track -n remote --no-autolog\nfor i in range(300): mn.log(loss=1 / (i + 1), alpha=alpha)',
    ])
    code, out, err = papermill(nb, project / 'out.ipynb', {'alpha': 0.25}, env={'MLFLOW_TRACKING_URI': mlflow_server})
    assert code == 0, err
    assert not (project / '.mlops' / 'mlflow.db').exists()                            # nothing went to the embedded store
    c = mlflow_client(project, mlflow_server)
    [run] = [r for r in all_runs(c) if r.data.tags.get('mlflow.source.name') == str(nb)]
    assert run.info.status == 'FINISHED' and run.data.params == {'alpha': '0.25'}
    assert sorted(m.step for m in c.get_metric_history(run.info.run_id, 'loss')) == list(range(300))
    assert 'notebook/remote.ipynb' in {a.path for a in c.list_artifacts(run.info.run_id, 'notebook')}
    page = next(o.data['text/html'] for o in out.cells[-1].outputs if 'text/html' in o.get('data', {}))
    assert f'{mlflow_server}/#/experiments/{run.info.experiment_id}/runs/{run.info.run_id}' in page


def test_config_points_the_kernel_at_a_server(kernel, project, mlflow_server):
    kernel.execute('%load_ext mlops_nb\nimport mlops_nb as mn')
    content, _ = kernel.execute(f'%mlops config --tracking-uri {mlflow_server}')
    assert content['status'] == 'ok'
    assert json.loads((project / '.mlops' / 'config.json').read_text())['tracking_uri'] == mlflow_server
    content, _ = kernel.execute('%%track -n via-config --no-autolog\nmn.log(x=2)')
    assert content['status'] == 'ok'
    wait_for(lambda: kernel.value('mn.last_run().undelivered') == 0, what='the run delivered (a cell waits at most 0.5 s for a server)')
    c = mlflow_client(project, mlflow_server)
    [run] = [r for r in all_runs(c) if r.info.run_name == 'via-config']
    assert {k: v for k, v in run.data.metrics.items() if not k.startswith('system/')} == {'x': 2.0}
    df = kernel.value("mn.runs(all_experiments=True, n=50).name.tolist()")
    assert 'via-config' in df


@pytest.fixture
def jupyter_server(project, tmp_path):
    "A real Jupyter server rooted at the project, with a token, on 127.0.0.1."
    runtime, token = tmp_path / 'runtime', 'test-token'
    env = {**os.environ, 'JUPYTER_RUNTIME_DIR': str(runtime)}
    proc = subprocess.Popen([str(BIN / 'jupyter-server'), '--ServerApp.ip=127.0.0.1', '--ServerApp.port=0', '--ServerApp.port_retries=0',
                             f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={project}', '--no-browser']
                            + (['--allow-root'] if os.geteuid() == 0 else []),
                            stdout=open(tmp_path / 'server.log', 'w'), stderr=subprocess.STDOUT, start_new_session=True, env=env)
    try:
        url = f'http://127.0.0.1:{jupyter_port(runtime, proc)}'
        wait_http(f'{url}/api/status', timeout=60, proc=proc)
        yield url, token, runtime
    finally: stop(proc)


def api(url, token, path, method='GET', body=None):
    req = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode() if body else None,
                                 headers={'Authorization': f'token {token}', 'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=30) as r: return json.load(r)


def test_notebook_found_through_the_jupyter_sessions_api(project, jupyter_server):
    from jupyter_client import BlockingKernelClient
    url, token, runtime = jupyter_server
    write_notebook(project / 'work' / 'analysis.ipynb', ['x = 1'])
    write_notebook(project / 'work' / 'renamed.ipynb', ['x = 2'])
    session = api(url, token, '/api/sessions', 'POST', {'path': 'work/analysis.ipynb', 'type': 'notebook', 'name': '',
                                                       'kernel': {'name': 'python3'}})
    kc = BlockingKernelClient(connection_file=str(runtime / f"kernel-{session['kernel']['id']}.json"))
    kc.load_connection_file()
    k = Kernel(kc=kc)
    try:
        # the notebook was renamed after the kernel started: only the sessions API knows the new name
        api(url, token, f"/api/sessions/{session['id']}", 'PATCH', {'path': 'work/renamed.ipynb'})
        k.execute('%load_ext mlops_nb\nimport mlops_nb as mn')
        content, outs = k.execute('%%track --no-autolog\nmn.log(a=1)')
        assert content['status'] == 'ok', content
    finally: k.close()
    [run] = all_runs(mlflow_client(project))
    tags = run.data.tags
    assert tags['mlflow.source.name'] == str(project / 'work' / 'renamed.ipynb') and tags['mlops_nb.notebook.found_by'] == 'jupyter'
    c = mlflow_client(project)
    assert 'notebook/renamed.ipynb' in {a.path for a in c.list_artifacts(run.info.run_id, 'notebook')}
    # a notebook front end draws widgets: the run is its static form, then a live widget
    static, live = [o['content']['data'] for o in outs if o['msg_type'] == 'display_data']
    assert 'class="mlops-static' in static['text/html'] and 'application/vnd.jupyter.widget-view+json' in live


def test_server_dying_mid_run_loses_nothing(project, kernel, tmp_path):
    """Kill the real server while the cell runs: the cell still completes, soon, with a one-line warning;
    after the server is back, `mlops-nb sync` delivers every point exactly once and ends the run."""
    db, art, log = tmp_path / 'server.db', tmp_path / 'art', tmp_path / 'server.log'
    proc, url = start_mlflow_server(db, art, log)
    try:
        kernel.execute(f'%load_ext mlops_nb\nimport mlops_nb as mn, time\n%mlops config --session --tracking-uri {url}')
        msg_id = kernel.kc.execute('%%track -n doomed --no-autolog\nmn.log(x=1)\nprint("logged", flush=True)\ntime.sleep(3)\n'
                                   'for i in range(100): mn.log(x=i)\ntime.sleep(1)\nresult = "cell finished"')
        out = []
        while not any('logged' in t for t in out):
            m = kernel.kc.get_iopub_msg(timeout=60)
            if m['msg_type'] == 'stream': out.append(m['content']['text'])
    finally: stop(proc)
    killed = time.time()
    reply = kernel.kc.get_shell_msg(timeout=120)
    waited = time.time() - killed
    assert reply['parent_header']['msg_id'] == msg_id and reply['content']['status'] == 'ok'
    assert waited < 30, waited                                       # bounded, not MLflow's minutes of retries
    while True:
        m = kernel.kc.get_iopub_msg(timeout=10)
        if m['msg_type'] == 'stream': out.append(m['content']['text'])
        if m['msg_type'] == 'status' and m['content']['execution_state'] == 'idle': break
    warning = ''.join(out)
    assert 'mlops_nb: ' in warning and 'not delivered yet' in warning and 'mlops-nb sync' in warning, warning
    assert kernel.value('result') == 'cell finished'
    run_id = kernel.value('mn.last_run().id')
    assert kernel.value('mn.last_run().unended') == ['mlflow']      # the widget and the run say it was not ended there
    kernel.km.shutdown_kernel(now=True)                              # the kernel goes; its journal stays
    proc, _ = start_mlflow_server(db, art, log, port=int(url.rsplit(':', 1)[1]))     # back at the address the journal holds
    try:
        sync = subprocess.run([str(BIN / 'mlops-nb'), 'sync'], cwd=project, capture_output=True, text=True, timeout=120)
        assert sync.returncode == 0, sync.stderr
        assert f'run doomed ({run_id}) left by a process that ended' in sync.stdout, sync.stdout
        c = mlflow_client(project, url)
        points = c.get_metric_history(run_id, 'x')
        assert sorted(m.step for m in points) == list(range(101))     # every point, exactly once
        assert c.get_run(run_id).info.status == 'FINISHED'
        assert not list((project / '.mlops' / 'journal').iterdir())  # delivered: the journal is gone
    finally: stop(proc)


def test_server_down_at_the_start_gets_its_runs_when_it_is_back(project, kernel, tmp_path):
    """The server is down when the cell starts: the cell runs, with one warning line, under a local id that status and
    `%mlops runs` show as not delivered. When the server comes up, the open kernel's forwarder creates the run there,
    once, with its own start time, name, params, tags, every point, its artifact and its end; the run of a process that
    is gone by then is delivered by `mlops-nb sync`, once."""
    db, art, log = tmp_path / 'server.db', tmp_path / 'art', tmp_path / 'server.log'
    proc, url = start_mlflow_server(db, art, log)
    stop(proc)                                                          # an address a server answered at, now down
    port = int(url.rsplit(':', 1)[1])
    text = lambda outs: ''.join(o['content'].get('text', '') for o in outs if o['msg_type'] == 'stream')
    content, outs = kernel.execute(f'%load_ext mlops_nb\nimport mlops_nb as mn\n%mlops config --session --tracking-uri {url}')
    assert content['status'] == 'ok' and 'is unreachable' in text(outs) and 'saved anyway' in text(outs), (content, outs)
    content, outs = kernel.execute('%%track -n offline-run -t team=a --no-autolog\nmn.log_params(lr=0.1)\n'
                                   'for i in range(50): mn.log(loss=1 / (i + 1))\nopen("model.txt", "w").write("m")\nmn.log_artifact("model.txt")')
    assert content['status'] == 'ok', content
    said = [line for line in text(outs).splitlines() if 'mlops_nb:' in line]
    assert len(said) == 1 and 'unreachable' in said[0] and 'is delivered when mlflow is back' in said[0], said
    lid, start, end = kernel.value('[mn.last_run().local_id, mn.last_run().start_time, mn.last_run().end_time]')
    _, outs = kernel.execute('%mlops status')
    shown = text(outs) + ''.join(str(o['content'].get('data', {}).get('text/plain', '')) for o in outs)
    assert lid in shown and 'not in mlflow yet' in shown, shown
    _, outs = kernel.execute('print(mn.runs(all_experiments=True)[["run_id", "status"]].to_dict("records"))')
    assert f"'run_id': '{lid}', 'status': 'FINISHED (not in mlflow yet)'" in text(outs), text(outs)
    script = subprocess.run([str(BIN / 'python'), '-c', 'import mlops_nb as mn\nwith mn.track(name="from-a-script", params={"k": 1}):\n'
                             '    mn.log(x=1.0)'], cwd=project, capture_output=True, text=True, timeout=120,
                            env={**os.environ, 'MLFLOW_TRACKING_URI': url, 'MLOPS_NB_ROOT': str(project)})
    assert script.returncode == 0 and script.stderr.count('is unreachable') == 1, script.stderr
    proc, _ = start_mlflow_server(db, art, log, port=port)            # back at the same address
    try:
        c = mlflow_client(project, url)
        found = lambda name: c.search_runs([e.experiment_id for e in c.search_experiments()], f"attributes.run_name = '{name}'")
        wait_for(lambda: kernel.value('mn.last_run().id') != lid and not kernel.value('mn.last_run().undelivered'), timeout=90,
                 what='the forwarder delivering the run')
        [r] = found('offline-run')                                    # once
        assert r.info.run_id == kernel.value('mn.last_run().id') and r.data.tags['mlops_nb.local_id'] == lid
        assert (r.info.status, r.info.start_time, r.info.end_time) == ('FINISHED', int(start * 1000), int(end * 1000))
        assert r.data.params['lr'] == '0.1' and r.data.tags['team'] == 'a'
        assert [m.value for m in sorted(c.get_metric_history(r.info.run_id, 'loss'), key=lambda m: m.step)] == [1 / (i + 1) for i in range(50)]
        assert 'model.txt' in [a.path for a in c.list_artifacts(r.info.run_id)]
        sync = subprocess.run([str(BIN / 'mlops-nb'), 'sync'], cwd=project, capture_output=True, text=True, timeout=120)
        assert sync.returncode == 0 and 'run from-a-script' in sync.stdout, (sync.stdout, sync.stderr)
        [s] = found('from-a-script')
        assert s.info.status == 'FINISHED' and s.data.params['k'] == '1' and s.data.metrics['x'] == 1.0
        assert not list((project / '.mlops' / 'journal').iterdir())   # both delivered: their journals are gone
        again = subprocess.run([str(BIN / 'mlops-nb'), 'sync'], cwd=project, capture_output=True, text=True, timeout=120)
        assert again.returncode == 0 and len(found('from-a-script')) == 1 and len(found('offline-run')) == 1
    finally: stop(proc)


def test_job_while_the_server_is_down_succeeds_and_is_delivered_whole_later(project, tmp_path):
    """A nightly job runs while its `mlflow server` is down: the job succeeds (its cells each get one warning line), and
    `mlops-nb sync` once the server is back delivers the job's run (params, its output notebook, a metric logged outside
    `%%track`) and the notebook's run as its child, linked by the job run's new id, never by a local id."""
    db, art, log = tmp_path / 'server.db', tmp_path / 'art', tmp_path / 'server.log'
    proc, url = start_mlflow_server(db, art, log)
    stop(proc)
    port = int(url.rsplit(':', 1)[1])
    nb = write_notebook(project / 'nightly.ipynb', [('parameters', 'n = 3'), '%load_ext mlops_nb\nimport mlops_nb as mn',
                                                    '%%track -n fit --no-autolog\nmn.log(score=n * 2)', 'mn.log(outside=1.5)'])
    cli = lambda *a: subprocess.run([str(BIN / 'mlops-nb'), *a], cwd=project, capture_output=True, text=True, timeout=300)
    assert cli('config', '--tracking-uri', url).returncode == 0
    assert cli('promote', str(nb), 'nightly', '--no-smoke').returncode == 0
    ran = cli('jobs', 'run', 'nightly', '-p', 'n=4')
    assert ran.returncode == 0 and 'succeeded' in ran.stdout, (ran.stdout, ran.stderr)
    proc, _ = start_mlflow_server(db, art, log, port=port)
    try:
        sync = cli('sync')
        assert sync.returncode == 0, (sync.stdout, sync.stderr)
        c = mlflow_client(project, url)
        runs = all_runs(c)
        [job] = [r for r in runs if r.data.tags.get('mlops_nb.job') == 'nightly']
        [fit] = [r for r in runs if r.info.run_name == 'fit']
        assert job.info.status == 'FINISHED' and job.data.params['n'] == '4' and job.data.metrics['outside'] == 1.5
        assert job.data.tags['mlops_nb.job.status'] == 'succeeded' and job.data.tags['mlops_nb.local_id'].startswith('local-')
        assert any(a.path.endswith('.ipynb') for a in c.list_artifacts(job.info.run_id, 'job'))
        assert fit.data.tags['mlflow.parentRunId'] == job.info.run_id and fit.data.metrics['score'] == 8.0 and fit.info.status == 'FINISHED'
        assert not any(v.startswith('local-') for r in runs for k, v in r.data.tags.items() if k != 'mlops_nb.local_id')
        assert not list((project / '.mlops' / 'journal').iterdir())
        assert len(all_runs(c)) == 2 and cli('sync').returncode == 0 and len(all_runs(c)) == 2     # once
    finally: stop(proc)
