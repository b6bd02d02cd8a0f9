"""Fixtures for integration tests: real notebooks through papermill on a real ipykernel, a real
kernel driven with jupyter_client, a real `mlflow server` and a real Jupyter server on 127.0.0.1."""
import json, os, subprocess, sys, textwrap, time, urllib.request
from pathlib import Path
import nbformat, pytest

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent


def wait_for(condition, timeout=60, proc=None, what='the condition'):
    "Wait until `condition()` is true (returning its value); fail early if `proc` died, or after `timeout` seconds."
    end = time.time() + timeout
    while time.time() < end:
        if (value := condition()): return value
        if proc is not None and proc.poll() is not None: raise RuntimeError(f"{proc.args[:3]} exited with {proc.returncode} before {what}")
        time.sleep(0.1)
    raise TimeoutError(what)


def port_in_log(log: Path, pattern: str, proc, timeout=120) -> int:
    "The port a server bound to port 0 says it listens on, read from its log (the OS picked it: no pick-then-bind race)."
    import re
    def found():
        m = re.search(pattern, log.read_text(errors='replace')) if log.exists() else None
        return int(m.group(1)) if m else None
    return wait_for(found, timeout, proc, f"{log.name} names its port")


def jupyter_port(runtime: Path, proc, timeout=90) -> int:
    "The port a Jupyter server started with `--ServerApp.port=0` bound, from the file it writes in its runtime dir."
    def found():
        f = runtime / f'jpserver-{proc.pid}.json'
        try: return json.loads(f.read_text())['port'] if f.exists() else None
        except ValueError: return None                     # being written
    return wait_for(found, timeout, proc, 'the Jupyter server writes its port')


def wait_http(url, timeout=60, proc=None):
    "Wait until `url` answers (any HTTP status); fail early if `proc` died."
    end = time.time() + timeout
    while time.time() < end:
        if proc is not None and proc.poll() is not None: raise RuntimeError(f"{proc.args[:3]} exited with {proc.returncode}")
        try: urllib.request.urlopen(url, timeout=2); return
        except urllib.error.HTTPError: return
        except Exception: time.sleep(0.2)
    raise TimeoutError(url)


def stop(proc):
    "Stop a server started in its own process group, with all its children."
    if proc.poll() is None:
        try: os.killpg(proc.pid, 15); proc.wait(10)
        except Exception: os.killpg(proc.pid, 9); proc.wait(10)


def write_notebook(path: Path, cells) -> Path:
    """A notebook from `cells`: strings are code cells; `('parameters', src)` is a code cell tagged
    parameters; `('md', text)` a markdown cell."""
    nb = nbformat.v4.new_notebook()
    nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}
    for c in cells:
        if isinstance(c, tuple) and c[0] == 'md': nb.cells.append(nbformat.v4.new_markdown_cell(c[1]))
        elif isinstance(c, tuple):
            cell = nbformat.v4.new_code_cell(textwrap.dedent(c[1]).strip()); cell.metadata['tags'] = [c[0]]
            nb.cells.append(cell)
        else: nb.cells.append(nbformat.v4.new_code_cell(textwrap.dedent(c).strip()))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    "An empty project (a git checkout with one commit) whose store is `.mlops/` under it."
    root = tmp_path / 'proj'
    root.mkdir()
    for k in ('MLFLOW_TRACKING_URI', 'MLFLOW_EXPERIMENT_NAME', 'MLOPS_NB_NOTEBOOK', 'MLOPS_NB_DISPLAY', 'JPY_SESSION_NAME'):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv('MLOPS_NB_ROOT', str(root))
    git = ['git', '-C', str(root), '-c', 'user.name=t', '-c', 'user.email=t@example.com']
    subprocess.run(['git', 'init', '-q', str(root)], check=True)
    (root / '.gitignore').write_text('.mlops/\n')
    subprocess.run(git + ['add', '.'], check=True); subprocess.run(git + ['commit', '-qm', 'init'], check=True)
    return root


def papermill(nb: Path, out: Path, params: dict | None = None, cwd=None, env=None):
    "Run the papermill CLI on `nb`; returns (exit code, output notebook or None, stderr)."
    args = [str(BIN / 'papermill'), str(nb), str(out), '--log-level', 'WARNING', '-k', 'python3']
    for k, v in (params or {}).items(): args += ['-r' if isinstance(v, str) else '-p', k, str(v)]
    env = {k: v for k, v in {**os.environ, **(env or {})}.items() if v is not None}   # None removes a variable
    p = subprocess.run(args, cwd=cwd or nb.parent, capture_output=True, text=True, timeout=600, env=env)
    return p.returncode, (nbformat.read(out, as_version=4) if out.exists() else None), p.stderr


def mlflow_client(root: Path, uri: str | None = None):
    from mlflow import MlflowClient
    return MlflowClient(uri or f"sqlite:///{root / '.mlops' / 'mlflow.db'}")


def all_runs(client):
    exps = [e.experiment_id for e in client.search_experiments()]
    return client.search_runs(exps, order_by=['attributes.start_time DESC']) if exps else []


class Kernel:
    "A real ipykernel driven with jupyter_client: `execute` returns the reply content and the outputs."
    def __init__(self, km=None, kc=None, cwd=None, env=None):
        from jupyter_client import KernelManager
        if km is None and kc is None:
            km = KernelManager(kernel_name='python3')
            km.start_kernel(cwd=str(cwd) if cwd else None, env={**os.environ, **(env or {})})
        self.km, self.kc = km, kc if kc is not None else km.client()
        self.kc.start_channels(); self.kc.wait_for_ready(timeout=60)

    def execute(self, code, timeout=120):
        outputs = []
        reply = self.kc.execute_interactive(textwrap.dedent(code).strip(), timeout=timeout, output_hook=outputs.append)
        return reply['content'], [m for m in outputs if m['msg_type'] in ('stream', 'display_data', 'execute_result', 'error', 'update_display_data')]

    def value(self, expr):
        "The value of a JSON-able expression in the kernel."
        content, outs = self.execute(f"import json as _j; print(_j.dumps({expr}))")
        assert content['status'] == 'ok', content
        return json.loads(''.join(o['content']['text'] for o in outs if o['msg_type'] == 'stream' and o['content']['name'] == 'stdout'))

    def close(self):
        self.kc.stop_channels()
        if self.km is not None: self.km.shutdown_kernel(now=True)


def journaled(project: Path, n: int) -> bool:
    "Whether a run's journal under `project` holds at least `n` metric records (written and fsynced by the forwarder)."
    for f in (project / '.mlops' / 'journal').glob('*/records.jsonl'):
        try: lines = f.read_text().splitlines()
        except OSError: continue
        if sum(1 for line in lines if _kind(line) == 'm') >= n: return True
    return False


def _kind(line: str):
    "The kind of a journal row ('m' for a metric point), None for a line that is not one (a torn last write)."
    try: return json.loads(line)[1]
    except (ValueError, IndexError, TypeError): return None


def sigkill_mid_run(project, cell: str, env=None, points: int = 1):
    """Run `cell` (which prints "logged" once it has logged `points` metric points, then sleeps) in a fresh kernel, and
    SIGKILL the kernel once the forwarder has journaled them: no atexit or handler runs."""
    import signal
    k = Kernel(cwd=project, env=env)
    try:
        k.execute('%load_ext mlops_nb\nimport mlops_nb as mn, time')
        k.kc.execute(cell)
        while True:
            m = k.kc.get_iopub_msg(timeout=60)
            if m['msg_type'] == 'stream' and 'logged' in m['content']['text']: break
        wait_for(lambda: journaled(project, points), timeout=60, what='the points are journaled')
        os.kill(k.km.provisioner.process.pid, signal.SIGKILL); k.km.provisioner.process.wait(30)
    finally: k.close()


@pytest.fixture
def kernel(project):
    k = Kernel(cwd=project)
    yield k
    k.close()


def start_mlflow_server(db: Path, artifacts: Path, log: Path, port: int = 0):
    """A real `mlflow server` on 127.0.0.1 (its own process group), once it answers: `(process, url)`. With port 0 the OS
    picks a free port and the server's log says which; a server restarted for the same store is given the same port."""
    log.write_text('')
    proc = subprocess.Popen([str(BIN / 'mlflow'), 'server', '--host', '127.0.0.1', '--port', str(port), '--workers', '1',
                             '--backend-store-uri', f"sqlite:///{db}", '--artifacts-destination', str(artifacts)],
                            stdout=open(log, 'a'), stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, 'MLFLOW_SERVER_ENABLE_JOB_EXECUTION': 'false'})
    try:
        port = port or port_in_log(log, r'Uvicorn running on http://127\.0\.0\.1:(\d+)', proc)
        wait_http(f'http://127.0.0.1:{port}/health', timeout=120, proc=proc)
    except BaseException: stop(proc); raise
    return proc, f'http://127.0.0.1:{port}'


@pytest.fixture(scope='session')
def mlflow_server(tmp_path_factory):
    "A real `mlflow server` on 127.0.0.1 with its own SQLite store and proxied artifacts, for the whole session."
    d = tmp_path_factory.mktemp('mlflow_server')
    proc, url = start_mlflow_server(d / 'server.db', d / 'artifacts', d / 'server.log')
    try: yield url
    finally: stop(proc)

def wandb_records(offline_dir: Path) -> list:
    """The records of a W&B offline run, read from its `run-<id>.wandb` file: leveldb-log blocks of
    32 KiB after a 7-byte `:W&B` header, each record a protobuf `Record`."""
    import struct
    from wandb.proto import wandb_internal_pb2 as pb
    [f] = list(Path(offline_dir).glob('run-*.wandb'))
    data, out, pos, buf = f.read_bytes(), [], 7, b''
    assert data[:4] == b':W&B'
    while pos + 7 <= len(data):
        if 32768 - pos % 32768 < 7: pos += 32768 - pos % 32768; continue
        _, n, kind = struct.unpack('<IHB', data[pos:pos + 7]); pos += 7
        if kind == 0: pos += 32768 - pos % 32768 if n == 0 else n; continue
        buf += data[pos:pos + n]; pos += n
        if kind in (1, 4):
            r = pb.Record(); r.ParseFromString(buf); out.append(r); buf = b''
    return out


def wandb_run(root: Path, run_id: str) -> dict:
    "What a W&B offline run holds: run, config, history rows, summary, exit code, files."
    [d] = list((root / '.mlops' / 'wandb' / 'wandb').glob(f'offline-run-*-{run_id}'))
    got = dict(run=None, config={}, history=[], summary={}, exit_code=None, files=sorted(str(p.relative_to(d / 'files')) for p in (d / 'files').rglob('*') if p.is_file()))
    for r in wandb_records(d):
        kind = r.WhichOneof('record_type')
        if kind == 'run':
            got['run'] = r.run
            got['config'].update({i.key: json.loads(i.value_json) for i in r.run.config.update})
        elif kind == 'config': got['config'].update({i.key: json.loads(i.value_json) for i in r.config.update})
        elif kind == 'history': got['history'].append({i.key or '/'.join(i.nested_key): json.loads(i.value_json) for i in r.history.item})
        elif kind == 'summary': got['summary'].update({i.key or '/'.join(i.nested_key): json.loads(i.value_json) for i in r.summary.update})
        elif kind == 'exit': got['exit_code'] = r.exit.exit_code
    got['config'] = {k: (v['value'] if isinstance(v, dict) and 'value' in v else v) for k, v in got['config'].items()}
    return got
