"""Issue 5: jobs, each against its anchor in the same run.
1. `mlops-nb jobs run` vs the bare `papermill` CLI on the same small notebook (a parameters cell and two short cells),
   median of 5 interleaved runs each, after one warm-up of both. Ours includes everything a job run does: the store
   rows, the MLflow run (created while the kernel starts), the output notebook and log as artifacts.
   Target: at most 10% or 0.5 s added, whichever is larger.
2. Scheduler dispatch lag: `mlops-nb scheduler` as its own process, a job due every 5 s (cron with seconds), lag = when
   the run was dispatched (its row's start) minus its due time, over 6 runs. Target: at most 1 s."""
import signal, sqlite3, statistics, subprocess, time
from pathlib import Path
import nbformat
from common import BIN, emit, scratch


def notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}
    p = nbformat.v4.new_code_cell('n = 3\nname = "x"'); p.metadata['tags'] = ['parameters']
    nb.cells = [p, nbformat.v4.new_code_cell('import math\nvalue = math.sqrt(n)'), nbformat.v4.new_code_cell('print(name, value)')]
    nbformat.write(nb, path)
    return path


def timed(cmd, cwd):
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - t


def main():
    root = scratch('jobs')
    nb = notebook(root / 'job.ipynb')
    subprocess.run([str(BIN / 'mlops-nb'), 'promote', str(nb), 'bench', '--no-smoke'], cwd=root, check=True, capture_output=True)
    ours_cmd = [str(BIN / 'mlops-nb'), 'jobs', 'run', 'bench', '-p', 'n=5']
    bare_cmd = [str(BIN / 'papermill'), str(nb), str(root / 'bare.ipynb'), '-p', 'n', '5', '--log-level', 'WARNING', '--no-progress-bar', '-k', 'python3']
    timed(ours_cmd, root); timed(bare_cmd, root)
    ours, bare = [], []
    for _ in range(5):
        ours.append(timed(ours_cmd, root)); bare.append(timed(bare_cmd, root))
    o, b = statistics.median(ours), statistics.median(bare)
    added = o - b
    emit(name='mlops-nb jobs run vs bare papermill CLI, same notebook', ours=f'{o:.2f} s (store, MLflow run, artifacts)',
         anchor=f'papermill CLI: {b:.2f} s', ratio=f'+{added:.2f} s ({100 * added / b:+.0f}%)',
         target='<= +10% or +0.5 s, whichever is larger', ok=added <= max(0.1 * b, 0.5))

    subprocess.run([str(BIN / 'mlops-nb'), 'jobs', 'pause', 'bench'], cwd=root, check=True, capture_output=True)
    subprocess.run([str(BIN / 'mlops-nb'), 'promote', str(nb), 'tick', '--no-smoke', '--schedule', '* * * * * */5', '--tz', 'UTC'],
                   cwd=root, check=True, capture_output=True)
    sched = subprocess.Popen([str(BIN / 'mlops-nb'), 'scheduler'], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    con = sqlite3.connect(root / '.mlops' / 'jobs.db')
    try:
        end = time.time() + 120
        while time.time() < end and len(rows := con.execute("SELECT due, start FROM runs WHERE job='tick' AND status!='running'").fetchall()) < 6:
            time.sleep(0.5)
    finally:
        sched.send_signal(signal.SIGTERM); sched.wait(120)
    lags = [s - d for d, s in rows[:6]]
    emit(name='scheduler dispatch lag after the due time (6 runs, every 5 s)', ours=f'median {1000 * statistics.median(lags):.0f} ms, max {1000 * max(lags):.0f} ms',
         anchor='the due time', ratio=f'max {max(lags):.2f} s', target='<= 1 s', ok=len(lags) == 6 and max(lags) <= 1)


if __name__ == '__main__': main()
