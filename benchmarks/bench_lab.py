"""Benchmark (issue 13): the sidebar's runs endpoint over a store of 10,000 runs, and the Jupyter server's idle cost.

(1) The first page (50 runs) from `GET /mlops-nb/api/runs` of a real Jupyter server with the extension, each request a
fresh read (the store's file is touched before it, so the answer cannot come from the cache), against
`MlflowClient().search_runs(max_results=50)` on the same store in this process (warm client); medians of 15 interleaved
samples. Ours also reads each row's sparkline (its key metric's history, 20 points) and answers over HTTP. The time of a
poll that finds nothing new (304) is reported beside it.
(2) The Jupyter server's CPU over 60 s with JupyterLab open in Chromium and the panel showing, nothing changing, against
the same 60 s with the panel hidden (the file browser showing)."""
import json, os, statistics, subprocess, sys, time, urllib.request
from common import BIN, emit, scratch

RUNS, POINTS = 10_000, 20

def fill(root):
    """10,000 finished runs in 10 experiments, each with a param, two metrics (the key one with 20 points) and our tags.

    One run an experiment is made through MlflowClient; the rest are copies of its rows in MLflow's own tables with
    new ids, names and times (making 10,000 runs one call at a time takes ~10 minutes on 2 cores)."""
    import sqlite3, uuid
    from mlflow import MlflowClient
    from mlflow.entities import Metric, Param, RunTag
    db = root / '.mlops' / 'mlflow.db'
    c = MlflowClient(f"sqlite:///{db}")
    eids = [c.create_experiment(f'exp-{k}') for k in range(10)]
    t0 = int(time.time() * 1000) - RUNS * 1000
    for k, eid in enumerate(eids):
        rid = c.create_run(eid, start_time=t0 + k * 1000, run_name=f'run-{k}').info.run_id
        c.log_batch(rid, metrics=[Metric('loss', 1 / (s + 1), t0 + s, s) for s in range(POINTS)] + [Metric('acc', 0.9, t0, 0)],
                    params=[Param('lr', str(k / 1000))], tags=[RunTag('mlops_nb.params', 'lr'), RunTag('mlops_nb.metrics', 'loss')])
        c.set_terminated(rid, 'FINISHED', t0 + k * 1000 + 500)
    con = sqlite3.connect(db); con.row_factory = sqlite3.Row
    templates = {r['experiment_id']: dict(r) for r in con.execute('SELECT * FROM runs')}
    children = {t: [dict(r) for r in con.execute(f'SELECT * FROM {t}')] for t in ('metrics', 'latest_metrics', 'params', 'tags')}
    def insert(table, rows):
        if rows: con.executemany(f"INSERT INTO {table} ({', '.join(rows[0])}) VALUES ({', '.join('?' * len(rows[0]))})", [tuple(r.values()) for r in rows])
    new = {t: [] for t in children}; runs = []
    for i in range(10, RUNS):
        tpl, rid = templates[int(eids[i % 10])] if int(eids[i % 10]) in templates else templates[str(eids[i % 10])], uuid.uuid4().hex
        runs.append({**tpl, 'run_uuid': rid, 'name': f'run-{i}', 'start_time': t0 + i * 1000, 'end_time': t0 + i * 1000 + 500,
                     'artifact_uri': tpl['artifact_uri'].replace(tpl['run_uuid'], rid)})
        for t, rows in children.items():
            new[t] += [{**r, 'run_uuid': rid, **({'value': r['value'] + i / RUNS} if t in ('metrics', 'latest_metrics') and r['key'] == 'loss' else {}),
                        **({'value': f'run-{i}'} if t == 'tags' and r['key'] == 'mlflow.runName' else {})}
                       for r in rows if r['run_uuid'] == tpl['run_uuid']]
    insert('runs', runs)
    for t, rows in new.items(): insert(t, rows)
    con.commit(); con.close()
    assert len(c.search_runs(eids, max_results=50000)) == RUNS
    return c, eids

def server(root):
    "A Jupyter server (JupyterLab, the extension on) rooted at the project; (process, base URL, token)."
    run, token = root / 'runtime', 'bench-token'
    env = {k: v for k, v in os.environ.items() if k != 'MLOPS_NB_ROOT'}
    env.update(JUPYTER_RUNTIME_DIR=str(run), JUPYTER_CONFIG_DIR=str(root / 'jcfg'), MLOPS_NB_SYSTEM_METRICS='0')
    proc = subprocess.Popen([str(BIN / 'jupyter-lab'), '--no-browser', '--allow-root', '--ServerApp.ip=127.0.0.1', '--ServerApp.port=0',
                             f'--ServerApp.token={token}', f'--ServerApp.root_dir={root}', f'--LabApp.workspaces_dir={root / "ws"}'],
                            stdout=open(root / 'lab.log', 'w'), stderr=subprocess.STDOUT, env=env, start_new_session=True)
    for _ in range(600):
        files = list(run.glob('jpserver-*.json')) if run.exists() else []
        if files:
            try: return proc, f"http://127.0.0.1:{json.loads(files[0].read_text())['port']}/", token
            except ValueError: pass
        time.sleep(0.1)
    raise SystemExit('the Jupyter server did not start')

def get(url, token, etag=None):
    req = urllib.request.Request(url, headers={'Authorization': f'token {token}', **({'If-None-Match': etag} if etag else {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as r: return r.status, r.headers.get('ETag'), r.read()
    except urllib.error.HTTPError as e: return e.code, e.headers.get('ETag'), b''

def endpoint(root, base, token, client, eids):
    db, url = root / '.mlops' / 'mlflow.db', base + 'mlops-nb/api/runs?path=&limit=50'
    get(url, token)                                             # MLflow warm in the server
    ours, anchor, polls = [], [], []
    for _ in range(15):
        os.utime(db)                                            # a new store version: the answer is read, not cached
        t = time.perf_counter(); code, etag, body = get(url, token); ours.append(time.perf_counter() - t)
        assert code == 200 and len(json.loads(body)['runs']) == 50 and json.loads(body)['runs'][0]['sparkline']
        t = time.perf_counter(); found = client.search_runs(eids, max_results=50, order_by=['attributes.start_time DESC']); anchor.append(time.perf_counter() - t)
        assert [r['run_id'] for r in json.loads(body)['runs']] == [r.info.run_id for r in found]
        t = time.perf_counter(); code, _, _ = get(url, token, etag); polls.append(time.perf_counter() - t)
        assert code == 304
    return statistics.median(ours), statistics.median(anchor), statistics.median(polls)

def cpu(proc):
    import psutil
    p = psutil.Process(proc.pid)
    return sum(p.cpu_times()[:2]) + sum(sum(c.cpu_times()[:2]) for c in p.children(recursive=True))

def idle(base, token, proc, seconds=60):
    "CPU % of one core the server used over `seconds` with the panel showing, then with it hidden."
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path='/usr/bin/chromium', args=['--no-sandbox'])
        page = b.new_page(viewport={'width': 1400, 'height': 900})
        page.goto(f'{base}lab?token={token}')
        page.locator('li[data-id="mlops-nb-panel"]').click(timeout=120_000)
        page.wait_for_timeout(10_000)                           # the first reads, then the back-off
        c0 = cpu(proc); page.wait_for_timeout(seconds * 1000); shown = (cpu(proc) - c0) / seconds * 100
        page.locator('li[data-id="filebrowser"]').click()
        page.wait_for_timeout(5_000)
        c0 = cpu(proc); page.wait_for_timeout(seconds * 1000); hidden = (cpu(proc) - c0) / seconds * 100
        b.close()
    return shown, hidden

def main():
    root = scratch('lab'); (root / '.mlops').mkdir()
    t = time.perf_counter(); client, eids = fill(root); print(f'filled {RUNS} runs in {time.perf_counter() - t:.0f} s', file=sys.stderr)
    proc, base, token = server(root)
    try:
        ours, anchor, poll = endpoint(root, base, token, client, eids)
        shown, hidden = idle(base, token, proc)
    finally:
        os.killpg(proc.pid, 15); proc.wait(30)
    emit(name=f'Sidebar: first page of runs (50 of {RUNS:,}, with sparklines) over HTTP; a poll with nothing new',
         ours=f'{ours * 1000:.0f} ms; 304 in {poll * 1000:.1f} ms', anchor=f'MlflowClient.search_runs(max_results=50): {anchor * 1000:.0f} ms',
         ratio=f'{ours / anchor:.2f}x', target='at most 1.5x', ok=ours / anchor <= 1.5)
    emit(name='Sidebar: Jupyter server CPU over 60 s, JupyterLab open, panel showing, nothing changing',
         ours=f'{shown:.2f}% of a core', anchor=f'panel hidden: {hidden:.2f}%', ratio=f'{shown - hidden:+.2f} points',
         target='under 1% of a core', ok=shown < 1.0)

if __name__ == '__main__': main()
