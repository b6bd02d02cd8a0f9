"""Benchmark 1: added cost of `%load_ext mlops_nb` over a bare IPython start.
Anchor: `import mlflow` in the same harness. Each sample is a fresh process: an IPython shell is
created, then the statement is timed in it."""
import statistics, subprocess, sys
from common import emit

HARNESS = '''
import time
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
t = time.perf_counter(); shell.run_cell({stmt!r}, store_history=False); print(time.perf_counter() - t)
'''

def sample(stmt):
    out = subprocess.run([sys.executable, '-c', HARNESS.format(stmt=stmt)], capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])

def main(n=15):
    ours, anchor, bare = [], [], []
    for _ in range(n):                      # interleaved, so drift affects both alike
        bare.append(sample('pass')); ours.append(sample('%load_ext mlops_nb')); anchor.append(sample('import mlflow'))
    b = statistics.median(bare)
    ours_ms, anchor_ms = 1000 * (statistics.median(ours) - b), 1000 * (statistics.median(anchor) - b)
    emit(name='%load_ext mlops_nb, added to a bare IPython start', ours=f'{ours_ms:.1f} ms',
         anchor=f'import mlflow: {anchor_ms:.0f} ms', ratio=f'{anchor_ms / ours_ms:.0f}x less',
         target='<= 100 ms', ok=ours_ms <= 100, samples=n)

if __name__ == '__main__': main()
