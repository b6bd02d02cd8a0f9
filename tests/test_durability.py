"""The loss bound of a hard kill, at any logging rate: SIGKILL at a random moment in a tight `mn.log` loop, on the
embedded store, loses at most the points logged in the last quarter second (README, "Durability")."""
import json, os, random, shutil, signal, struct, subprocess, time
from conftest import BIN

BOUND = 0.25   # seconds of logging a hard kill may lose, as the README states

# The loop publishes how many points it has logged in a shared page after each one, so the test knows exactly what
# was logged when the kill came, whatever the scheduler did to the process.
LOOP = '''
import mmap, struct, sys, time
import mlops_nb as mn
rate = float(sys.argv[1])
with open(sys.argv[2], 'r+b') as f: shared = mmap.mmap(f.fileno(), 8)
with mn.track(name='tight', autolog=False):
    print('go', flush=True)
    t0, i = time.perf_counter(), 0
    while True:
        struct.pack_into('q', shared, 0, i + 1)          # counted before it is logged: a kill between the two is a loss
        mn.log(x=i); i += 1
        if rate and not i % 100:
            while time.perf_counter() - t0 < i / rate: pass
'''


def kill_mid_loop(project, rate: float, after: float):
    "Run the loop at `rate` points/s (0: flat out), SIGKILL it `after` seconds in; (points logged, steps journaled in order)."
    counter = project / 'counter'
    counter.write_bytes(b'\0' * 8)
    p = subprocess.Popen([str(BIN / 'python'), '-c', LOOP, str(rate), str(counter)], cwd=project, stdout=subprocess.PIPE,
                         text=True, env={**os.environ, 'MLOPS_NB_ROOT': str(project)})
    try:
        assert p.stdout.readline().strip() == 'go'
        time.sleep(after)
        os.kill(p.pid, signal.SIGKILL)
    finally: p.wait(30)
    logged = struct.unpack('q', counter.read_bytes())[0]
    points = []
    for f in project.glob('.mlops/journal/*/records.jsonl'):
        for line in f.read_bytes().splitlines():
            try: row = json.loads(line)
            except ValueError: continue                   # the torn last line of the write the kill cut short
            if row[1] == 'm' and row[2] == 'x': points.append((row[5], row[4]))     # the loop's points (not the system samples)
    return logged, sorted(points)


def test_a_hard_kill_loses_at_most_a_quarter_second_at_any_rate(project):
    rng = random.Random()
    for rate in (1_000, 100_000, 0):                     # a training loop, the rate, and a tight loop flat out
        for _ in range(2):
            logged, points = kill_mid_loop(project, rate, rng.uniform(1.0, 3.0))
            steps = [s for s, _ in points]
            assert steps == list(range(len(steps))), 'the journal holds every point up to its last, once, in order'
            span = (points[-1][1] - points[0][1]) / 1000
            per_s = len(points) / span                          # the rate the loop reached
            lost = logged - len(points)
            print(f"{per_s:,.0f} points/s: a kill lost {lost:,} points = {lost / per_s:.3f} s of logging")
            assert 0 <= lost <= BOUND * per_s, f"at {per_s:,.0f} points/s a kill lost {lost:,} points = {lost / per_s:.3f} s of logging"
            for j in project.glob('.mlops/journal/*'): shutil.rmtree(j)
