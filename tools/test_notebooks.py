"""Run the notebooks' tests (what `nbdev_test` runs), each notebook in a fresh Python process of its own, with a
project root of its own (`MLOPS_NB_ROOT`, a new temporary folder, removed after). `nbdev_test` reuses its worker
processes, so the environment variables, MLflow's tracking URI and cached stores, registered backends and settings one
notebook leaves reach the next; here nothing can, so the order and the worker a notebook runs in cannot matter.

    python tools/test_notebooks.py [--fast] [--workers N] [NOTEBOOK ...]

`--fast` skips the cells flagged `#| slow` (the fast tier of `make check`); the default runs every cell."""
import argparse, os, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = """import sys
from pathlib import Path
from nbdev.test import test_nb
ok, _ = test_nb(Path(sys.argv[1]), skip_flags=sys.argv[2].split(), force_flags=sys.argv[3].split(), basepath=sys.argv[4])
sys.exit(0 if ok else 1)
"""


def run_one(nb: Path, skip: str, force: str, timeout: float) -> tuple[Path, bool, float, str]:
    "Test one notebook in a new process; (notebook, passed, seconds, what it printed)."
    home = Path(tempfile.mkdtemp(prefix=f'mlops-nb-test-{nb.stem}-'))
    env = {**os.environ, 'MLOPS_NB_ROOT': str(home), 'IN_TEST': '1', 'PYTHONUNBUFFERED': '1'}
    for k in ('MLFLOW_TRACKING_URI', 'MLFLOW_EXPERIMENT_NAME', 'MLOPS_NB_NOTEBOOK', 'MLOPS_NB_BACKENDS', 'MLOPS_NB_DISPLAY'): env.pop(k, None)
    t = time.monotonic()
    try:
        p = subprocess.run([sys.executable, '-c', CODE, str(nb), skip, force, str(ROOT)], cwd=nb.parent, env=env,
                           capture_output=True, text=True, timeout=timeout)
        ok, out = p.returncode == 0, p.stdout + p.stderr
    except subprocess.TimeoutExpired as e:
        ok, out = False, f"timed out after {timeout:.0f} s\n{(e.stdout or b'')[-3000:]}"
    finally: shutil.rmtree(home, ignore_errors=True)
    return nb, ok, time.monotonic() - t, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('notebooks', nargs='*', help='notebooks to test (default: every notebook in nbs/)')
    ap.add_argument('--fast', action='store_true', help="skip cells flagged '#| slow'")
    ap.add_argument('--workers', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--timeout', type=float, default=900)
    a = ap.parse_args()
    cfg = ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini')
    skip = cfg['DEFAULT'].get('tst_flags', 'notest')
    force = '' if a.fast else 'slow'
    nbs = [Path(n).resolve() for n in a.notebooks] or sorted((ROOT / 'nbs').glob('*.ipynb'))
    # the slowest first, so that two workers finish together
    nbs.sort(key=lambda p: -p.stat().st_size)
    failed, t0 = [], time.monotonic()
    with ThreadPoolExecutor(a.workers) as pool:
        for nb, ok, secs, out in pool.map(lambda n: run_one(n, skip, force, a.timeout), nbs):
            print(f"{'ok  ' if ok else 'FAIL'} {nb.name:<28} {secs:6.1f} s", flush=True)
            if not ok: failed.append(nb.name); print(out[-6000:], file=sys.stderr, flush=True)
    print(f"{len(nbs) - len(failed)} of {len(nbs)} notebooks passed in {time.monotonic() - t0:.0f} s" + (f"; failed: {', '.join(failed)}" if failed else ''))
    sys.exit(1 if failed else 0)


if __name__ == '__main__': main()
