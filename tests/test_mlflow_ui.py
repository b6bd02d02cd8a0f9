"""`%mlops ui` in a kernel that a real Jupyter server (with jupyter-server-proxy, under a base URL) runs: the link goes
through the server's proxy, MLflow's UI and API answer there, a public host is let through with `--allow-host`,
Chromium draws the run's page and the notebook's HTML page through the proxy, and nothing is left running."""
import json, os, re, shutil, subprocess, urllib.error, urllib.request
import psutil, pytest
from conftest import BIN, Kernel, jupyter_port, mlflow_client, stop, wait_for, wait_http, write_notebook

TOKEN, BASE = 'ui-token', '/user/al/'
_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def jupyter(project, tmp_path):
    "A Jupyter server under `BASE` with jupyter-server-proxy, reachable from other hosts (as behind JupyterHub)."
    pytest.importorskip('jupyter_server_proxy')
    runtime = tmp_path / 'runtime'
    proc = subprocess.Popen([str(BIN / 'jupyter-server'), '--ServerApp.ip=127.0.0.1', '--ServerApp.port=0', '--ServerApp.port_retries=0',
                             f'--IdentityProvider.token={TOKEN}', f'--ServerApp.base_url={BASE}', '--ServerApp.allow_remote_access=True',
                             f'--ServerApp.root_dir={project}', '--no-browser', '--ServerApp.jpserver_extensions={"jupyter_server_proxy": True}']
                            + (['--allow-root'] if os.geteuid() == 0 else []),
                            stdout=open(tmp_path / 'server.log', 'w'), stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, 'JUPYTER_RUNTIME_DIR': str(runtime)})
    try:
        url = f'http://127.0.0.1:{jupyter_port(runtime, proc)}'
        wait_http(f'{url}{BASE}api/status', timeout=60, proc=proc)
        yield url, runtime
    finally: stop(proc)


def fetch(url, method='GET', body=None, headers=None):
    req = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None,
                                 headers={'Authorization': f'token {TOKEN}', 'Content-Type': 'application/json', **(headers or {})})
    try:
        with _http.open(req, timeout=30) as r: return r.status, r.read().decode()
    except urllib.error.HTTPError as e: return e.code, e.read().decode(errors='replace')


def tree(pid: int) -> list:
    "The process `pid` and every process under it, as they are now."
    try: return [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    except psutil.Error: return []


def alive(procs) -> list:
    "Those of `procs` still running (a pid reused since is another process: psutil tells them apart by start time)."
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE: out.append(p)
        except psutil.Error: pass
    return out


def descendants() -> set:
    return {p.pid for p in psutil.Process().children(recursive=True)}


def mlflow_processes(project, before: set) -> list:
    "Processes of MLflow (its server, gunicorn, uvicorn, our page maker) run from `project`, or under this one and not in `before`."
    ours, out = descendants() - before, []
    for p in psutil.process_iter(['cmdline', 'cwd']):
        cmd, cwd = ' '.join(p.info['cmdline'] or ()), p.info['cwd'] or ''
        if any(w in cmd for w in ('mlflow', 'gunicorn', 'uvicorn')) and (p.pid in ours or cwd.startswith(str(project))): out.append(p)
    return alive(out)


def ui_tree(project) -> list:
    "The processes of the UI that `.mlops/ui.json` names: the server and its workers."
    return tree(json.loads((project / '.mlops' / 'ui.json').read_text())['pid'])


def shown_link(outs) -> str:
    "The href of the one line `%mlops ui` showed."
    [page] = [o['content']['data']['text/html'] for o in outs if o['msg_type'] == 'execute_result']
    assert page.count('\n') == 0 and page.startswith("<div>MLflow's UI: <a href="), page
    return re.search(r'href="([^"]+)"', page).group(1)


def test_ui_through_the_jupyter_servers_proxy(project, jupyter, tmp_path):
    from jupyter_client import BlockingKernelClient
    url, runtime = jupyter
    before = descendants()                                                                     # (a server other tests share, say)
    write_notebook(project / 'explore.ipynb', ['x = 1'])
    session = json.loads(fetch(f'{url}{BASE}api/sessions', 'POST', {'path': 'explore.ipynb', 'type': 'notebook', 'name': '',
                                                                     'kernel': {'name': 'python3'}})[1])
    kc = BlockingKernelClient(connection_file=str(runtime / f"kernel-{session['kernel']['id']}.json"))
    kc.load_connection_file()
    k, servers = Kernel(kc=kc), []
    try:
        k.execute('%load_ext mlops_nb\nimport mlops_nb as mn')
        content, _ = k.execute('%%track -n behind-a-proxy --no-autolog\nmn.log(acc=0.5)')
        assert content['status'] == 'ok', content
        content, outs = k.execute('%mlops ui', timeout=300)
        assert content['status'] == 'ok', (content, outs)
        link = shown_link(outs)
        servers += ui_tree(project)
        port = int(re.fullmatch(rf'{BASE}proxy/(\d+)/', link).group(1))                      # relative: the server's proxy
        listening = {c.laddr.ip for c in psutil.net_connections('tcp') if c.laddr.port == port and c.status == 'LISTEN'}
        assert listening == {'127.0.0.1'}, listening                                          # the loopback only
        run_id, exp = k.value('[mn.last_run().id, mn.last_run().link["url"]]')
        assert exp.startswith(f'{link}#/experiments/') and exp.endswith(f'/runs/{run_id}')   # the run's link goes there too
        status, page = fetch(f'{url}{link}')
        assert status == 200 and '<title>MLflow</title>' in page
        status, body = fetch(f'{url}{link}ajax-api/2.0/mlflow/runs/get?run_id={run_id}')
        assert status == 200 and json.loads(body)['run']['info']['run_name'] == 'behind-a-proxy'
        public = {'Host': 'hub.example.com', 'Origin': 'https://hub.example.com'}              # what a browser on JupyterHub sends
        assert fetch(f'{url}{link}ajax-api/2.0/mlflow/runs/get?run_id={run_id}', headers=public)[0] == 403   # MLflow's host check
        content, outs = k.execute('%mlops ui --allow-host hub.example.com', timeout=300)
        link = shown_link(outs)
        servers += ui_tree(project)                                                           # a new server, letting the host through
        search = f'{url}{link}ajax-api/2.0/mlflow/runs/search'
        assert fetch(search, 'POST', {'experiment_ids': [exp.split('/experiments/')[1].split('/')[0]]}, headers=public)[0] == 200
        notebook = lambda: {a.path for a in mlflow_client(project).list_artifacts(run_id, 'notebook')}
        wait_for(lambda: 'notebook/explore.html' in notebook(), timeout=120, what="the notebook's page")
        assert notebook() == {'notebook/explore.ipynb', 'notebook/explore.html'}
        browse(f'{url}{link}?token={TOKEN}#{exp.split("#", 1)[1]}', run_id, tmp_path)
        content, outs = k.execute('%mlops ui --stop')
        assert "Stopped MLflow's UI on port" in outs[-1]['content']['data']['text/plain']
        assert fetch(f'{url}{link}health')[0] != 200
        assert len(servers) >= 2 and not alive(servers), alive(servers)                     # each server, and its workers, gone
    finally:
        k.close()
        fetch(f"{url}{BASE}api/sessions/{session['id']}", 'DELETE')                          # the kernel too
        subprocess.run([str(BIN / 'mlops-nb'), 'ui', '--stop'], env={**os.environ, 'MLOPS_NB_ROOT': str(project)}, capture_output=True, timeout=120)
    assert not (project / '.mlops' / 'ui.json').exists()
    left = lambda: mlflow_processes(project, before)
    try: wait_for(lambda: not left(), timeout=60, what='no MLflow process left')             # the page maker ends once its kernel has
    except TimeoutError: pytest.fail(f"left running: {[(p.pid, p.cmdline()) for p in left()]}")


def browse(run_page: str, run_id: str, tmp_path):
    "Chromium draws the run's page through the proxy, and the notebook's HTML page in its artifacts."
    from playwright.sync_api import sync_playwright
    path = os.environ.get('CHROMIUM') or shutil.which('chromium') or shutil.which('google-chrome')
    if not path: pytest.fail("this test needs Chromium: apt-get install chromium, or set CHROMIUM=/path/to/chrome")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=['--no-sandbox', '--disable-gpu', '--no-first-run'])
        try:
            page = browser.new_page(viewport={'width': 1280, 'height': 900})
            page.goto(run_page)
            page.wait_for_function(f'document.title.includes("{run_id}")', timeout=90_000)
            page.get_by_text('behind-a-proxy').first.wait_for(timeout=60_000)
            page.goto(run_page + '/artifacts/notebook/explore.html')
            frame = page.frame_locator('iframe.mlflow-html-iframe')
            frame.locator('.highlight').first.wait_for(timeout=60_000)          # the notebook as a page, its code highlighted
            assert 'x' in frame.locator('.input_area').first.inner_text()
            if (shots := os.environ.get('MLOPS_NB_SCREENSHOTS')): page.screenshot(path=f'{shots}/mlflow-ui-notebook-page.png')
        finally: browser.close()
