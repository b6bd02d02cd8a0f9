"""Shared helpers for the benchmarks: a scratch project, a real `mlflow server`, timing."""
import json, os, socket, statistics, subprocess, sys, tempfile, time, urllib.request
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent
WORK = Path(__file__).resolve().parent / '.work'


def scratch(name: str) -> Path:
    "A fresh project root for one benchmark; the store goes in its .mlops/."
    WORK.mkdir(exist_ok=True)
    d = Path(tempfile.mkdtemp(prefix=f'{name}-', dir=WORK))
    os.environ['MLOPS_NB_ROOT'] = str(d)
    os.environ.pop('MLFLOW_TRACKING_URI', None)
    return d


@contextmanager
def mlflow_server():
    "A real `mlflow server` on 127.0.0.1 with a SQLite store; yields its URL."
    d = Path(tempfile.mkdtemp(prefix='server-', dir=WORK if WORK.exists() else None))
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]
    proc = subprocess.Popen([str(BIN / 'mlflow'), 'server', '--host', '127.0.0.1', '--port', str(port), '--workers', '1',
                             '--backend-store-uri', f"sqlite:///{d / 'server.db'}", '--artifacts-destination', str(d / 'art')],
                            stdout=open(d / 'log', 'w'), stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, 'MLFLOW_SERVER_ENABLE_JOB_EXECUTION': 'false'})
    url = f'http://127.0.0.1:{port}'
    try:
        for _ in range(600):
            try: urllib.request.urlopen(url + '/health', timeout=1); break
            except Exception: time.sleep(0.2)
        yield url
    finally:
        os.killpg(proc.pid, 15); proc.wait(20)


def median_ms(xs): return 1000 * statistics.median(xs)


def emit(**result):
    "Print one benchmark's result as JSON on the last line of stdout."
    print(json.dumps(result))
