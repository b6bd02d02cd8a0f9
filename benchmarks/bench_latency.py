"""Issue 3, benchmark 1: per-call latency of `mn.log` in a tracked cell (median of 5,000 calls, each
timed alone), against W&B offline `run.log`, MLflow's async `log_metric` and MLflow's synchronous
`log_metric` on SQLite, in the same run."""
import io, os, statistics, time
from contextlib import redirect_stdout
from common import emit, scratch

N = 5000
TIMED = '''
_lat = []
for _i in range({n}):
    _t = time.perf_counter_ns(); {call}; _lat.append(time.perf_counter_ns() - _t)
'''

def median_us(lat): return statistics.median(lat) / 1000

def main():
    from IPython.core.interactiveshell import InteractiveShell
    root = scratch('latency')
    shell = InteractiveShell.instance()
    shell.run_cell('%load_ext mlops_nb\nimport time, mlflow, mlops_nb as mn\n%mlops config --session --display none')
    with redirect_stdout(io.StringIO()):
        shell.run_cell('%%track --no-autolog\n' + TIMED.format(n=100, call='mn.log(loss=_i)'))       # warm-up
        res = shell.run_cell('%%track --no-autolog\n' + TIMED.format(n=N, call='mn.log(loss=_i)'))
    assert res.success, res.error_in_exec
    ours = median_us(shell.user_ns['_lat'])
    ns = {}
    import mlflow, wandb
    mlflow.set_tracking_uri(f"sqlite:///{root}/.mlops/mlflow.db")
    with mlflow.start_run():
        exec(TIMED.format(n=N, call="mlflow.log_metric('loss', _i, step=_i, synchronous=False)"), {'mlflow': mlflow, 'time': time}, ns)
        mlflow_async = median_us(ns['_lat']); mlflow.flush_async_logging()
        exec(TIMED.format(n=500, call="mlflow.log_metric('loss2', _i, step=_i)"), {'mlflow': mlflow, 'time': time}, ns)
        mlflow_sync = median_us(ns['_lat'])
    os.environ['WANDB_SILENT'] = 'true'
    run = wandb.init(mode='offline', dir=str(root), project='bench')
    exec(TIMED.format(n=N, call="run.log({'loss': _i})"), {'run': run, 'time': time}, ns)
    wb = median_us(ns['_lat']); run.finish()
    emit(name='per-call latency of mn.log in a tracked cell (median)', ours=f'{ours:.1f} us',
         anchor=f'W&B offline run.log {wb:.0f} us; MLflow async {mlflow_async:.0f} us; MLflow sync SQLite {mlflow_sync:.0f} us',
         ratio=f'{wb / ours:.0f}x / {mlflow_async / ours:.0f}x / {mlflow_sync / ours:.0f}x faster', target='<= 20 us', ok=ours <= 20)

if __name__ == '__main__': main()
