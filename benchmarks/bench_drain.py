"""Issue 3, benchmark 2 (split in issue 11): 10,000 points logged at once in a `%%track` cell against a real local
`mlflow server`: the time from the last `mn.log` until the cell returns (the journal is durable; a server that is slow
gets the rest in the background), and until every point is in the server. Anchor: MLflow's own async logging
(`log_metric(..., synchronous=False)`), timed from the last call to `mlflow.flush_async_logging()` returning."""
import io, statistics, time
from contextlib import redirect_stdout
from common import emit, mlflow_server, scratch

N = 10_000

def ours(shell):
    import mlflow
    with redirect_stdout(io.StringIO()):
        res = shell.run_cell(f'%%track --no-autolog\nfor _i in range({N}): mn.log(loss=_i)\n_t1 = time.perf_counter()')
        end = time.perf_counter()
    assert res.success, res.error_in_exec
    run = shell.user_ns['mn'].last_run()
    while run.undelivered: time.sleep(0.005)                   # the forwarder delivers the rest in the background
    stored = time.perf_counter()
    assert len(mlflow.MlflowClient(run.settings.resolved_tracking_uri).get_metric_history(run.id, 'loss')) == N
    return end - shell.user_ns['_t1'], stored - shell.user_ns['_t1']

def anchor(uri):
    import mlflow
    mlflow.set_tracking_uri(uri)
    with mlflow.start_run() as r:
        for i in range(N): mlflow.log_metric('loss', i, step=i, synchronous=False)
        t = time.perf_counter(); mlflow.flush_async_logging(); dt = time.perf_counter() - t
    assert len(mlflow.MlflowClient(uri).get_metric_history(r.info.run_id, 'loss')) == N
    return dt

def main():
    from IPython.core.interactiveshell import InteractiveShell
    scratch('drain')
    shell = InteractiveShell.instance()
    shell.run_cell('%load_ext mlops_nb\nimport time, mlops_nb as mn\n%mlops config --session --display none')
    with mlflow_server() as url:
        shell.run_cell(f'%mlops config --session --tracking-uri {url}')
        ours(shell); anchor(url)                                   # warm-up
        runs = [ours(shell) for _ in range(5)]
        o, stored = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        a = statistics.median(anchor(url) for _ in range(3))
    emit(name='end-of-cell drain of 10,000 points, mlflow server', ours=f'cell returns after {o:.2f} s; every point stored after {stored:.2f} s',
         anchor=f'MLflow async queue flush: {a:.2f} s', ratio=f'{a / stored:.1f}x faster to stored', target='cell returns <= 1 s', ok=o <= 1.0)

if __name__ == '__main__': main()
