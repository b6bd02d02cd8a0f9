"""Benchmark 3: overhead of `%%track` on an empty cell beyond MLflow's own start and end of a run
(`mlflow.start_run(); mlflow.end_run()` in a cell), both against the embedded SQLite store, in one
IPython shell, interleaved, after a warm-up."""
import io, statistics, time
from contextlib import redirect_stdout
from common import emit, scratch

def timed(shell, cell):
    with redirect_stdout(io.StringIO()):
        t = time.perf_counter(); res = shell.run_cell(cell); dt = time.perf_counter() - t
    assert res.success, res.error_in_exec
    return dt

def main(n=30):
    from IPython.core.interactiveshell import InteractiveShell
    root = scratch('overhead')
    shell = InteractiveShell.instance()
    shell.run_cell('%load_ext mlops_nb\nimport mlflow, mlops_nb as mn\nimport sklearn.linear_model  # autologging patches what is imported, as in a real notebook')
    shell.run_cell(f"mlflow.set_tracking_uri('sqlite:///{root}/.mlops/mlflow.db')")
    cells = {'track': '%%track\npass', 'track_noauto': '%%track --no-autolog\npass',
             'mlflow': "mlflow.start_run(experiment_id=mlflow.set_experiment('bench').experiment_id)\nmlflow.end_run()"}
    for c in cells.values(): timed(shell, c); timed(shell, c)   # warm-up
    times = {k: [] for k in cells}
    for _ in range(n):
        for k, c in cells.items(): times[k].append(timed(shell, c))
    med = {k: 1000 * statistics.median(v) for k, v in times.items()}
    for k, label in (('track', '%%track on an empty cell'), ('track_noauto', '%%track --no-autolog on an empty cell')):
        over = med[k] - med['mlflow']
        emit(name=label, ours=f"{med[k]:.0f} ms ({over:+.0f} ms over MLflow's)", anchor=f"mlflow start_run+end_run: {med['mlflow']:.0f} ms",
             ratio=f"{med[k] / med['mlflow']:.1f}x MLflow's time", target='<= 150 ms added', ok=over <= 150, samples=n)

if __name__ == '__main__': main()
