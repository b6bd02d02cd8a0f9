"""Against real servers on 127.0.0.1: an `mlflow server`, and a Jupyter server whose sessions API names the notebook."""
import json, os, subprocess, time, urllib.request
import pytest
from conftest import BIN, Kernel, all_runs, jupyter_port, mlflow_client, papermill, start_mlflow_server, stop, wait_http, write_notebook


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
    c = mlflow_client(project, mlflow_server)
    [run] = [r for r in all_runs(c) if r.info.run_name == 'via-config']
    assert run.data.metrics == {'x': 2.0}
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
    # a notebook front end draws widgets: the run is a live widget (static HTML in the same bundle)
    [shown] = [o for o in outs if o['msg_type'] == 'display_data']
    assert {'application/vnd.jupyter.widget-view+json', 'text/html'} <= set(shown['content']['data'])


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
