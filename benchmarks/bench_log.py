"""Benchmark 2: 1,000 `mn.log` calls in a tracked cell vs 1,000 synchronous `mlflow.log_metric`
calls, against the embedded SQLite store and against a real local `mlflow server`. Per-call time is
what the cell waits for; the rest (start, capture, and shipping the batch until every point is stored) is reported
beside it, and all 1,000 points are checked in the store afterwards."""
import io, statistics, time
from contextlib import redirect_stdout
from common import emit, mlflow_server, scratch

N = 1000

def ours(shell, uri):
    import mlflow
    shell.run_cell(f'%mlops config --session --tracking-uri {uri or "default"}')
    with redirect_stdout(io.StringIO()):
        t = time.perf_counter()
        res = shell.run_cell('%%track --no-autolog\n_t0 = time.perf_counter()\nfor _i in range(1000): mn.log(loss=_i)\n_t1 = time.perf_counter()')
        assert res.success, res.error_in_exec
        ns, run = shell.user_ns, shell.user_ns['mn'].last_run()
        while run.undelivered: time.sleep(0.005)       # a cell waits at most 0.5 s for a server: the rest is delivered in the background
        cell = time.perf_counter() - t
    per_call = (ns['_t1'] - ns['_t0']) / N
    drain = cell - (ns['_t1'] - ns['_t0'])          # everything the cell took besides the loop: start, capture, final drain
    pts = mlflow.MlflowClient(run.settings.resolved_tracking_uri).get_metric_history(run.id, 'loss')
    assert sorted(m.step for m in pts) == list(range(N)), len(pts)
    return per_call, drain

def anchor(uri):
    import mlflow
    mlflow.set_tracking_uri(uri)
    with mlflow.start_run() as r:
        t0 = time.perf_counter()
        for i in range(N): mlflow.log_metric('loss', i, step=i)
        t1 = time.perf_counter()
    assert len(mlflow.MlflowClient(uri).get_metric_history(r.info.run_id, 'loss')) == N
    return (t1 - t0) / N

def main():
    from IPython.core.interactiveshell import InteractiveShell
    root = scratch('log')
    shell = InteractiveShell.instance()
    shell.run_cell('%load_ext mlops_nb\nimport time, mlops_nb as mn')
    shell.run_cell('%mlops config --session --display none')
    sqlite = f"sqlite:///{root / '.mlops' / 'mlflow.db'}"
    ours(shell, None)                                   # warm-up: imports, store creation
    rows = []
    for label, uri in (('SQLite', sqlite), ('mlflow server', None)):
        with (mlflow_server() if uri is None else _same(uri)) as u:
            ours(shell, u); anchor(u)                   # warm-up against this store
            o = [ours(shell, u) for _ in range(3)]
            a = [anchor(u) for _ in range(3)]
            per, drain = statistics.median(x[0] for x in o), statistics.median(x[1] for x in o)
            base = statistics.median(a)
            rows.append(dict(name=f'1,000 mn.log calls, {label}', ours=f'{per * 1e6:.1f} us/call (+{drain * 1000:.0f} ms for the rest of the cell: start, capture, final drain)',
                             anchor=f'mlflow.log_metric: {base * 1e6:.0f} us/call', ratio=f'{base / per:.0f}x faster per call',
                             target='>= 20x, all 1,000 points stored', ok=base / per >= 20,
                             total_ratio=f'{base * N / (per * N + drain):.1f}x including the drain'))
    for r in rows: emit(**r)

class _same:
    def __init__(self, u): self.u = u
    def __enter__(self): return self.u
    def __exit__(self, *a): pass

if __name__ == '__main__': main()
