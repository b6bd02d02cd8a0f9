"""Issue 11: the cost of one `mn.log` call in a loop that logs 100,000 points a second for 3 s (as many as this
machine manages, when fewer), with the journal keeping the loss bound of a hard kill (its own thread every 50 ms, and
`mn.log` itself when that thread falls behind), against the same call in a burst of 1,000 (what `bench_log` measures:
nothing waiting to be journaled). Each call is timed alone; the mean covers the calls that journal, too. Embedded
SQLite store, every point checked in it afterwards. The target is the issue's: within 2x of the per-call time before
issue 11 at this rate (measured by this file on commit 845b202, which journaled only when delivery allowed and could
lose seconds of points to a kill)."""
import statistics, time
from common import emit, scratch

RATE, SECONDS = 100_000, 3.0
BEFORE = 6.4e-6   # s/call: this benchmark on commit 845b202 (before issue 11: no loss bound at this rate), 2026-12-02, same machine

def loop(mn, rate: float, n: int):
    "`n` calls at `rate` per second (busy-waiting between); the mean seconds inside `mn.log`, and the rate reached."
    pc, inside = time.perf_counter, 0.0
    with mn.track(name=f'rate-{rate:.0f}', autolog=False) as run:
        t0 = pc()
        for i in range(n):
            a = pc(); mn.log(x=i); inside += pc() - a
            if rate and not i % 100:
                while pc() - t0 < i / rate: pass
        reached = n / (pc() - t0)
    return inside / n, reached, run

def stored(run, n: int) -> bool:
    import mlflow
    return len(mlflow.MlflowClient(run.settings.resolved_tracking_uri).get_metric_history(run.id, 'x')) == n

def main():
    scratch('rate')
    import mlops_nb as mn
    loop(mn, 0, 1000)                                           # warm-up: imports, store creation
    burst = [loop(mn, 0, 1000)[0] for _ in range(5)]
    per, reached, run = loop(mn, RATE, int(RATE * SECONDS))
    while run.undelivered: time.sleep(0.05)
    assert stored(run, int(RATE * SECONDS))
    base = statistics.median(burst)
    emit(name='mn.log per call at 100,000 points/s for 3 s (durability bound kept), SQLite',
         ours=f'{per * 1e6:.1f} us/call (reached {reached:,.0f} points/s)', anchor=f'the same call in a burst of 1,000: {base * 1e6:.1f} us/call',
         ratio=f'{per / base:.2f}x the burst; {per / BEFORE:.2f}x before issue 11 ({BEFORE * 1e6:.1f} us, no bound)',
         target='<= 2x the per-call time before issue 11', ok=per <= 2 * BEFORE)

if __name__ == '__main__': main()
