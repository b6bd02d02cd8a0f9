"""Benchmark (issue 15): a window of 1,000,000 x 20 rows against a 100,000-row reference.

(1) `mn.monitor('bench/1', current)` with the reference stored (saved as `mn.validate` saves it: the reference rows'
profile, the model's predictions and calibration), which reads the profile, has the model predict on the window (a
pipeline: 14 number columns as they are, 6 text columns ordinal-encoded, then logistic regression), tests every column
and the predictions, estimates the accuracy and records the window as an MLflow run, against Evidently's
`Report([DataDriftPreset()])` on the same reference and window (read from the same Parquet files, timed from
`Report.run` to its result, in Evidently's own environment `.venv-evidently`, never in mlops_nb's). Evidently's
preset chooses Wasserstein (normed) for the number columns and Jensen-Shannon for the text and few-valued ones at
this size, as `monitor.drift` does; the per-column verdicts must agree. Ours is the median of 3 after a warm-up.
(2) The peak memory of the same `mn.monitor` call above what was allocated before it (tracemalloc: numpy and pandas
report their buffers to it), against the window's own size in memory (`DataFrame.memory_usage(deep=True)`).

Ours is timed twice: with the model's predictions and probabilities given (as a serving system logs them; Evidently's
preset predicts nothing either) and with the model predicting on the window; the ratio is on the first, the second is
stated. Drift is made on purpose in 7 of the 20 columns (shifted, rescaled, reweighted, a new category): 6 well away from the
thresholds, and one (c4, shares 0.52/0.48 for 0.5/0.5) deliberately below them, so that both tools see the same columns
drift and the same one stay."""
import json, statistics, subprocess, sys, tempfile, time, tracemalloc
from pathlib import Path

N_REF, N_CUR = 100_000, 1_000_000
NUMS, CATS = [f'n{i}' for i in range(14)], [f'c{i}' for i in range(6)]
EVIDENTLY = Path(__file__).resolve().parent.parent / '.venv-evidently' / 'bin' / 'python'
METHODS = {'Wasserstein distance (normed)': 'wasserstein', 'Jensen-Shannon distance': 'jensenshannon', 'K-S p_value': 'ks',
           'chi-square p_value': 'chisquare', 'Z-test p_value': 'z'}
P_VALUE = ('ks', 'chisquare', 'z')


def frame(n: int, drift: bool, seed: int):
    "`n` rows of 14 number columns and 6 text ones (pandas categories); with `drift`, 7 columns changed on purpose."
    import numpy as np, pandas as pd
    rng = np.random.default_rng(seed)
    d = drift
    cols = dict(n0=rng.normal(0.3 if d else 0, 1, n), n1=rng.normal(0, 1, n), n2=rng.lognormal(0, 0.5, n),
                n3=rng.exponential(1.5 if d else 1, n), n4=rng.uniform(0, 10, n), n5=rng.normal(5, 2, n),
                n6=rng.integers(0, 100, n).astype(float), n7=rng.normal(0, 1.5 if d else 1, n),
                n8=rng.choice([0.0, 1.0, 2.0], n, p=[0.2, 0.3, 0.5] if d else [0.5, 0.3, 0.2]), n9=rng.choice([0.0, 1.0], n),
                n10=rng.normal(10, 3, n), n11=rng.gamma(2, 2, n), n12=np.where(rng.random(n) < 0.05, np.nan, rng.normal(0, 1, n)),
                n13=rng.standard_t(5, n))
    zipf = 1 / np.arange(1, 201); zipf /= zipf.sum()
    ten = np.r_[np.full(5, 0.04), np.full(5, 0.16)] if d else np.r_[np.full(5, 0.16), np.full(5, 0.04)]
    cats = dict(c0=rng.choice([f'a{i}' for i in range(5)], n), c1=rng.choice([f'b{i}' for i in range(10)], n, p=ten),
                c2=rng.choice(['x', 'y', 'z', 'new'], n, p=[0.25, 0.25, 0.2, 0.3]) if d else rng.choice(['x', 'y', 'z'], n, p=[0.4, 0.35, 0.25]),
                c3=rng.choice([f'd{i}' for i in range(50)], n), c4=rng.choice(['p', 'q'], n, p=[0.52, 0.48] if d else [0.5, 0.5]),
                c5=rng.choice([f'e{i}' for i in range(200)], n, p=zipf))
    df = pd.DataFrame(cols)
    for k, v in cats.items(): df[k] = pd.Categorical(v)
    return df


def evidently_side(folder: str):
    "Run in .venv-evidently: DataDriftPreset on the Parquet files; its time and per-column (method, score, threshold) as JSON."
    import pandas as pd
    from evidently import Report, Dataset, DataDefinition
    from evidently.presets import DataDriftPreset
    ref, cur = pd.read_parquet(f'{folder}/reference.parquet'), pd.read_parquet(f'{folder}/current.parquet')
    dd = DataDefinition(numerical_columns=NUMS, categorical_columns=CATS)
    t = time.perf_counter()
    snap = Report([DataDriftPreset()]).run(Dataset.from_pandas(cur, data_definition=dd), Dataset.from_pandas(ref, data_definition=dd))
    out = {m['config']['column']: (METHODS.get(m['config']['method'], m['config']['method']), m['value'], m['config']['threshold'])
           for m in snap.dict()['metrics'] if m['config'].get('type', '').endswith('ValueDrift')}
    seconds = time.perf_counter() - t
    print(json.dumps(dict(seconds=seconds, columns=out)))


def setup(ref):
    "Register the model and keep its reference as `mn.validate` does; the version."
    import mlops_nb as mn
    from sklearn.compose import make_column_transformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.impute import SimpleImputer
    from sklearn.preprocessing import OrdinalEncoder, StandardScaler
    from mlops_nb.monitor.reference import keep_reference
    from mlops_nb.registry.versions import registry_client
    y = (ref.n0 + ref.n1 + (ref.c2 == 'x') > 0.5).astype(int)
    enc = OrdinalEncoder(handle_unknown='use_encoded_value', unknown_value=-1)
    model = make_pipeline(make_column_transformer((make_pipeline(SimpleImputer(), StandardScaler()), NUMS), (enc, CATS)), LogisticRegression(max_iter=500))
    model.fit(ref, y)
    v = mn.register(model, 'bench', X_example=ref.head(20), reference=ref)
    keep_reference(registry_client(), v, model, ref, y)
    return v


def ours(cur, pred=None, proba=None):
    "One `mn.monitor` of the window (the model predicting, or its predictions given), recorded: (seconds, window)."
    import mlops_nb as mn
    t = time.perf_counter()
    w = mn.monitor('bench/1', cur, pred=pred, proba=proba)
    return time.perf_counter() - t, w


def peak_memory(cur) -> int:
    from mlops_nb.monitor.window import monitor
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    monitor('bench/1', cur, record=False)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak


def verdicts(w, theirs: dict) -> tuple[int, list]:
    "How many columns both test the same way, and the columns whose verdicts differ."
    same, differ = 0, []
    for c, (method, score, thr) in theirs.items():
        mine = w.report['columns'][c]
        drifted = score < thr if method in P_VALUE else score >= thr
        if mine['test'] == method: same += 1
        if bool(mine['drifted']) != bool(drifted): differ.append(f"{c} ({mine['test']} {mine['score']:.3g} vs {method} {score:.3g})")
    return same, differ


def main():
    from common import scratch
    scratch('monitor')
    ref, cur = frame(N_REF, False, 0), frame(N_CUR, True, 1)
    folder = tempfile.mkdtemp(prefix='monitor-data-')
    ref.to_parquet(f'{folder}/reference.parquet'); cur.to_parquet(f'{folder}/current.parquet')
    setup(ref)
    from mlops_nb.monitor.window import monitor
    monitor('bench/1', cur.head(10_000), record=False)                          # warm-up: imports, the model's first load
    import mlflow.sklearn
    model = mlflow.sklearn.load_model('models:/bench/1')
    pred, proba = model.predict(cur), model.predict_proba(cur)                  # as a serving system logs them
    given = [ours(cur, pred, proba) for _ in range(3)]
    full = [ours(cur) for _ in range(3)]
    mo, mf, w = statistics.median(t for t, _ in given), statistics.median(t for t, _ in full), given[-1][1]
    assert w.report['columns'] == full[-1][1].report['columns'] and w.report['prediction'] == full[-1][1].report['prediction']
    p = subprocess.run([str(EVIDENTLY), __file__, '--evidently', folder], capture_output=True, text=True)
    if p.returncode: sys.exit(f'the Evidently side failed:\n{p.stderr[-3000:]}')
    theirs = json.loads(p.stdout.strip().splitlines()[-1])
    same, differ = verdicts(w, theirs['columns'])
    ratio = theirs['seconds'] / mo
    k = len(w.drifted)
    emit(name=f'Drift of 1,000,000 x 20 rows (14 number, 6 text) against a 100,000-row reference, {k} columns drifted',
         ours=f'mn.monitor (profile stored; tests 20 columns and the predictions, estimates accuracy, F1, ROC AUC, records): {mo:.2f} s with the '
              f'predictions given as a serving log has them, {mf:.2f} s with the model predicting',
         anchor=f"Evidently 0.7.23 Report([DataDriftPreset()]): {theirs['seconds']:.1f} s; same test on {same} of 20 columns, "
                f"verdicts {'agree on all' if not differ else 'differ on ' + ', '.join(differ)}",
         ratio=f'{ratio:.0f}x faster ({theirs["seconds"] / mf:.0f}x with the model predicting)', target='>= 20x faster, per-column verdicts agree',
         ok=ratio >= 20 and not differ)
    size = int(cur.memory_usage(deep=True).sum())
    peak = peak_memory(cur)
    emit(name='Peak memory of mn.monitor (the model predicting, 100,000 rows at a time) above what it started with (tracemalloc)',
         ours=f'{peak / 2**20:.0f} MB', anchor=f'the window itself: {size / 2**20:.0f} MB', ratio=f'{peak / size:.2f}x the window',
         target='under 2x the window', ok=peak < 2 * size)


def emit(**row):
    print(json.dumps(row), flush=True)


if __name__ == '__main__':
    if sys.argv[1:2] == ['--evidently']: evidently_side(sys.argv[2])
    else: main()
