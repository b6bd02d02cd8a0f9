"""Run the notebooks' tests (what `nbdev_test` runs), each notebook in a new process of its own, with a project root of
its own (`MLOPS_NB_ROOT`, a new temporary folder, removed after), and no system metrics sampled unless the notebook
asks (tests count records exactly). `nbdev_test` reuses its worker processes, so the environment variables, MLflow's
tracking URI and cached stores, registered backends and settings one notebook leaves reach the next; here nothing can,
so the order and the worker a notebook runs in cannot matter.

Each process is forked from this one, which has imported nbdev's test runner and the heavy libraries the notebooks
use but run nothing, so a notebook starts in a fraction of a second with nothing left by another.

    python tools/test_notebooks.py [--fast] [--workers N] [NOTEBOOK ...]

`--fast` skips the cells flagged `#| slow`, and the tutorial (the demo job, which `make demo` runs): the fast tier of
`make check`. The default runs every cell of every notebook."""
import argparse, multiprocessing as mp, os, shutil, sys, tempfile, time
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRELOAD = ('nbdev.test', 'numpy', 'pandas', 'sklearn.base', 'mlflow', 'matplotlib.pyplot', 'nbformat')
SLOW = ('tutorial.ipynb',)      # whole notebooks the fast tier leaves out
CLEAN_ENV = ('MLFLOW_TRACKING_URI', 'MLFLOW_EXPERIMENT_NAME', 'MLOPS_NB_NOTEBOOK', 'MLOPS_NB_BACKENDS', 'MLOPS_NB_DISPLAY', 'MLOPS_NB_ROOT')


def run_one(args) -> tuple[str, bool, float, str]:
    "In a new (forked) process: test one notebook from a project root of its own; (name, passed, seconds, what it printed)."
    nb, skip, force = args
    t, home = time.monotonic(), Path(tempfile.mkdtemp(prefix=f'mlops-nb-test-{Path(nb).stem}-'))
    log = home.with_suffix('.log')
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(fd, 1); os.dup2(fd, 2)
    for k in CLEAN_ENV: os.environ.pop(k, None)
    os.environ.update(MLOPS_NB_ROOT=str(home), IN_TEST='1', MPLBACKEND='agg', MLOPS_NB_SYSTEM_METRICS='0')
    try:
        from nbdev.test import test_nb
        ok, _ = test_nb(Path(nb), skip_flags=skip.split(), force_flags=force.split(), basepath=str(ROOT))
    except BaseException as e: ok = False; print(f"{type(e).__name__}: {e}", flush=True)
    finally:
        sys.stdout.flush(); sys.stderr.flush()
        shutil.rmtree(home, ignore_errors=True)
    out = log.read_text(errors='replace'); log.unlink(missing_ok=True)
    return Path(nb).name, ok, time.monotonic() - t, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('notebooks', nargs='*', help='notebooks to test (default: every notebook in nbs/)')
    ap.add_argument('--fast', action='store_true', help="skip cells flagged '#| slow'")
    ap.add_argument('--workers', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--timeout', type=float, default=900, help='seconds one notebook may take')
    a = ap.parse_args()
    cfg = ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini')
    skip, force = cfg['DEFAULT'].get('tst_flags', 'notest'), '' if a.fast else 'slow'
    nbs = [Path(n).resolve() for n in a.notebooks] or [p for p in sorted((ROOT / 'nbs').glob('*.ipynb')) if not (a.fast and p.name in SLOW)]
    nbs.sort(key=lambda p: -p.stat().st_size)                 # the biggest first, so that the workers finish together
    import importlib, warnings
    warnings.filterwarnings('ignore')
    for m in PRELOAD: importlib.import_module(m)
    os.chdir(ROOT / 'nbs')
    failed, t0 = [], time.monotonic()
    with mp.get_context('fork').Pool(a.workers, maxtasksperchild=1) as pool:
        jobs = [(nb, pool.apply_async(run_one, ((str(nb), skip, force),))) for nb in nbs]
        for nb, job in jobs:
            try: name, ok, secs, out = job.get(timeout=a.timeout)
            except mp.TimeoutError: name, ok, secs, out = nb.name, False, a.timeout, f"timed out after {a.timeout:.0f} s"
            print(f"{'ok  ' if ok else 'FAIL'} {name:<28} {secs:6.1f} s", flush=True)
            if not ok: failed.append(name); print(out[-8000:], file=sys.stderr, flush=True)
        if failed: pool.terminate()
    print(f"{len(nbs) - len(failed)} of {len(nbs)} notebooks passed in {time.monotonic() - t0:.0f} s" + (f"; failed: {', '.join(failed)}" if failed else ''))
    sys.exit(1 if failed else 0)


if __name__ == '__main__': main()
