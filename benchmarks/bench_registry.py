"""Benchmark (issue 14): the gate's metric checks, and rollback.

(1) `mn.validate` with metric checks only (accuracy, f1, roc_auc, each with an absolute minimum and a least gain over
the champion: MLflow's `min_absolute_change`, which must be positive, so it cannot say "at most this much worse") on a GradientBoosting model (100 trees) and 10,000 held-out rows of `make_classification`, against
`mlflow.models.evaluate` of candidate and baseline + `mlflow.validate_evaluation_results` with `MetricThreshold`s on the
same metrics, configured as a knowledgeable user would: the default evaluator with model explainability off (no SHAP),
the same rows. Both record what they measured in MLflow (evaluate logs its metrics and plots to a run). Median of 3
interleaved runs after a warm-up of each; the verdicts must agree.
(2) The full gate on 100,000 held-out rows: metrics (accuracy, f1, roc_auc against the champion), data quality against
the version's signature and the training rows' profile (schema, missing, out of range, duplicates), fairness for a sensitive attribute that is not a
model input (`f0 > 0`, a group correlated with a feature; recall, accuracy and selection rate per group, their largest
difference and ratio, demographic parity and equalized odds, 200 bootstrap resamples), latency (1,000 timed
single-row calls and batches) and robustness (3 perturbations), with artifact safety, recorded; against Fairlearn's
`MetricFrame` with the same three metrics and `n_boot=200` alone on the same predictions. One run of each (the anchor
alone takes tens of seconds), after a warm-up of the gate.
(3) Rollback on the embedded store: the time from `mn.rollback(...)` to `mlflow.pyfunc.load_model('models:/NAME@champion')`
having loaded the previous version (checked), median of 5 rollback/promote pairs; each move also writes both versions'
model cards (`cards.card`, a listener of the move)."""
import statistics, time
from common import emit, scratch

GATE = {'accuracy': (0.8, 0.001), 'f1': (0.8, 0.001), 'roc_auc': (0.85, 0.001)}   # metric: (min, at least this much better than the champion)
MLFLOW_NAMES = {'accuracy': 'accuracy_score', 'f1': 'f1_score', 'roc_auc': 'roc_auc'}


def models():
    from sklearn.datasets import make_classification
    from sklearn.ensemble import GradientBoostingClassifier
    X, y = make_classification(n_samples=14_000, n_features=20, n_informative=8, random_state=0)
    import pandas as pd
    X = pd.DataFrame(X, columns=[f'f{i}' for i in range(20)])
    tr, te = slice(0, 4000), slice(4000, None)
    a = GradientBoostingClassifier(n_estimators=100, random_state=0).fit(X[tr], y[tr])
    b = GradientBoostingClassifier(n_estimators=100, max_depth=2, random_state=1).fit(X[tr], y[tr])
    return a, b, X[te].reset_index(drop=True), y[te]


def ours(X, y):
    import mlops_nb as mn
    t = time.perf_counter()
    v = mn.validate('bench/2', X, y, {'metrics': {m: {'min': lo, 'min_delta': d} for m, (lo, d) in GATE.items()}})
    return time.perf_counter() - t, v.passed


def theirs(X, y):
    import mlflow
    from mlflow.models import MetricThreshold
    data = X.assign(label=y)
    cfg = dict(log_model_explainability=False)
    t = time.perf_counter()
    with mlflow.start_run(run_name='evaluate candidate'):
        cand = mlflow.models.evaluate('models:/bench/2', data, targets='label', model_type='classifier', evaluator_config=cfg)
    with mlflow.start_run(run_name='evaluate baseline'):
        base = mlflow.models.evaluate('models:/bench/1', data, targets='label', model_type='classifier', evaluator_config=cfg)
    th = {MLFLOW_NAMES[m]: MetricThreshold(threshold=lo, min_absolute_change=d, greater_is_better=True) for m, (lo, d) in GATE.items()}
    try:
        mlflow.validate_evaluation_results(th, cand, base); passed = True
    except Exception as e:
        if type(e).__name__ != 'ModelValidationFailedException': raise
        passed = False
    return time.perf_counter() - t, passed


FULL = {'metrics': {m: {'min': lo, 'max_regression': 0.05} for m, (lo, _) in GATE.items()},
        'data': {'max_missing': 0.0, 'max_out_of_range': 0.05, 'max_duplicates': 0.0},
        'fairness': {'metrics': ['accuracy', 'recall', 'selection_rate'], 'max_difference': {'recall': 0.1}, 'min_ratio': {'selection_rate': 0.8},
                     'demographic_parity_difference': 0.1, 'equalized_odds_difference': 0.15, 'n_boot': 200, 'seed': 0},
        'latency': {'p99_ms': 50, 'min_rows_per_s': 10_000}, 'robustness': {'max_flip_rate': 0.05, 'noise': 0.01, 'repeats': 3}}


def full_gate(n=100_000):
    "The full gate on `n` rows, and MetricFrame's bootstrap alone on the same predictions: (seconds, verdict, seconds, checks)."
    import mlops_nb as mn
    from sklearn.datasets import make_classification
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.metrics import accuracy_score, recall_score
    from fairlearn.metrics import MetricFrame, selection_rate
    import pandas as pd
    X, y = make_classification(n_samples=n + 4000, n_features=20, n_informative=8, random_state=2)
    X = pd.DataFrame(X, columns=[f'f{i}' for i in range(20)])
    tr, te = slice(0, 4000), slice(4000, None)
    for depth in (2, 3):
        m = GradientBoostingClassifier(n_estimators=100, max_depth=depth, random_state=0).fit(X[tr], y[tr])
        mn.register(m, 'full', X_example=X[tr].head(50), reference=X[tr])
    mn.promote_model('full', 1, force=True, reason='bench baseline')
    Xte, yte = X[te].reset_index(drop=True), y[te]
    group = pd.Series(['A' if v > 0 else 'B' for v in Xte['f0']], name='f0_positive')
    mn.validate('full/2', Xte.head(2000), yte[:2000], FULL, sensitive=group.head(2000))          # warm-up: imports, first loads
    t = time.perf_counter()
    v = mn.validate('full/2', Xte, yte, FULL, sensitive=group)
    ours = time.perf_counter() - t
    p = m.predict(Xte)
    t = time.perf_counter()
    mf = MetricFrame(metrics=dict(accuracy=accuracy_score, recall=recall_score, selection_rate=selection_rate), y_true=yte, y_pred=p,
                     sensitive_features=group, n_boot=200, ci_quantiles=[0.025, 0.975], random_state=0)
    theirs = time.perf_counter() - t
    assert mf.by_group_ci is not None and len(v.groups) == 10, v.checks      # 5 metrics (equalized odds adds two rates) x 2 groups
    return ours, v, theirs


def rollback_time():
    import mlflow, mlops_nb as mn
    out = []
    for _ in range(5):
        t = time.perf_counter()
        mn.rollback('bench', reason='bench')
        m = mlflow.pyfunc.load_model('models:/bench@champion')
        out.append(time.perf_counter() - t)
        assert m.metadata.model_uuid == mlflow.models.get_model_info('models:/bench/1').model_uuid
        mn.promote_model('bench', 2, force=True, reason='bench')
    return statistics.median(out)


def main():
    scratch('registry')
    import mlops_nb as mn
    a, b, X, y = models()
    for m in (a, b): mn.register(m, 'bench', X_example=X.head(50))
    mn.validate('bench/1', X, y, {'metrics': {'accuracy': {'min': 0.5}}})
    mn.promote_model('bench', 1)
    ours(X, y); theirs(X, y)                                  # warm-up: imports, first loads
    o, t = [], []
    for _ in range(3):
        o.append(ours(X, y)); t.append(theirs(X, y))
    ov, tv = {p for _, p in o}, {p for _, p in t}
    mo, mt = statistics.median(x for x, _ in o), statistics.median(x for x, _ in t)
    emit(name='Gate, metric checks only (accuracy, f1, roc_auc vs the champion), GradientBoosting, 10,000 rows',
         ours=f'{mo:.2f} s, verdict {"passed" if ov == {True} else "failed" if ov == {False} else "mixed"}',
         anchor=f'mlflow.models.evaluate x2 + validate_evaluation_results: {mt:.2f} s, verdict {"passed" if tv == {True} else "failed" if tv == {False} else "mixed"}',
         ratio=f'{mt / mo:.1f}x faster', target='>= 5x faster, same verdict', ok=mt / mo >= 5 and ov == tv and len(ov) == 1)
    o, v, t = full_gate()
    kinds = sorted({ch.kind for ch in v.checks})
    emit(name=f'Full gate ({", ".join(kinds)}; fairness with 200 bootstrap resamples), GradientBoosting, 100,000 rows',
         ours=f'{o:.2f} s, {len(v.checks)} checks, verdict {"passed" if v.passed else "failed"}',
         anchor=f'Fairlearn MetricFrame(n_boot=200) alone on the same predictions: {t:.2f} s',
         ratio=f'{o / t:.2f}x of the anchor', target='within 2x of the anchor', ok=o <= 2 * t)
    mn.promote_model('bench', 2, force=True, reason='bench')
    r = rollback_time()
    emit(name="Rollback: mn.rollback to models:/NAME@champion loading the previous version (embedded store)",
         ours=f'{r * 1000:.0f} ms', anchor='-', ratio='-', target='under 1 s', ok=r < 1.0)


if __name__ == '__main__': main()
