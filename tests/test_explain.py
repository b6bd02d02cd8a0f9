"""SHAP explanations on real scikit-learn (and LightGBM/XGBoost) models trained on datasets scikit-learn ships:
additivity on every algorithm path, pipelines mapped back to their input columns, bad input, and what a
papermill job records and shows."""
import json, warnings
import numpy as np, pandas as pd, pytest
from conftest import papermill, write_notebook, mlflow_client, all_runs
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVC
import mlops_nb as mn
from mlops_nb.explanations.engine import clear_cache

warnings.filterwarnings('ignore', category=FutureWarning)
BC = load_breast_cancer(as_frame=True)
IRIS = load_iris(as_frame=True)


def mixed_frame():
    "Breast cancer with two text columns, for one-hot pipelines."
    X = BC.data.iloc[:, :6].copy()
    X['grade'] = np.where(BC.data['mean radius'] > 14, 'high', np.where(BC.data['mean radius'] > 12, 'mid', 'low'))
    X['site'] = np.random.default_rng(0).choice(['north', 'south', 'east'], len(X))
    return X


def check_additive(e, native):
    "base value + sum of SHAP values == the model's own output for every explained row, within the stated tolerance."
    out = np.asarray(native, dtype=float)[e.rows]
    assert e.additive and e.tolerance <= 1e-4 * max(1, np.abs(out).max())
    assert np.abs(e.base_values + e.values.sum(1) - out).max() <= e.tolerance


@pytest.fixture(autouse=True)
def _store(project):
    "Every test gets its own empty project (no run is open, so nothing is logged unless a test opens one)."
    clear_cache()
    yield


def test_tree_paths_add_up_to_the_models_own_output():
    X, y = BC.data, BC.target
    gb = GradientBoostingClassifier(n_estimators=40, random_state=0).fit(X, y)
    e = mn.explain(gb, X, verbose=False)
    assert (e.algorithm, e.output, e.target, e.shape) == ('TreeExplainer (tree-path-dependent)', 'log-odds', 1, (569, 30))
    check_additive(e, gb.decision_function(X))
    rf = RandomForestClassifier(50, max_depth=6, random_state=0).fit(IRIS.data, IRIS.target)
    e = mn.explain(rf, IRIS.data, target='all', verbose=False)
    assert (e.output, e.labels) == ('probability', [0, 1, 2])
    for c in e.labels: check_additive(e.select(c), rf.predict_proba(IRIS.data)[:, c])
    import lightgbm, xgboost
    for model, margin in ((lightgbm.LGBMClassifier(n_estimators=30, verbose=-1), dict(raw_score=True)),
                          (xgboost.XGBClassifier(n_estimators=30), dict(output_margin=True))):
        model.fit(X, y)
        e = mn.explain(model, X, verbose=False)
        assert e.algorithm.startswith('TreeExplainer') and e.output == 'log-odds'
        check_additive(e, model.predict(X, **margin))


def test_linear_exact_and_permutation_paths_add_up():
    X, y = BC.data, BC.target
    lr = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(X, y)
    e = mn.explain(lr, X, verbose=False)
    assert e.algorithm == 'LinearExplainer' and e.output == 'log-odds'
    check_additive(e, lr.decision_function(X))
    mlp = MLPClassifier((16,), max_iter=3000, random_state=0).fit(IRIS.data, IRIS.target)      # 4 features: exact
    e = mn.explain(mlp, IRIS.data, target=2, verbose=False)
    assert e.algorithm.startswith('ExactExplainer') and e.output == 'probability'
    check_additive(e, mlp.predict_proba(IRIS.data)[:, 2])
    svc = SVC(probability=True, random_state=0).fit(X, y)                                        # 30 features: permutation
    e = mn.explain(svc, X, max_rows=25, verbose=False)
    assert e.algorithm.startswith('permutation SHAP') and len(e.rows) == 25 and 'random sample of 25 of 569' in e.notes[0]
    check_additive(e, svc.predict_proba(X)[:, 1])
    f = lambda A: np.asarray(A, dtype=float) @ np.arange(1., 11.) + np.asarray(A, dtype=float)[:, 0] ** 2   # any function of X
    d = load_diabetes(as_frame=True).data
    e = mn.explain(f, d.iloc[:30], verbose=False)
    assert e.output == 'output' and e.feature_names == list(d.columns)
    check_additive(e, f(d))


def test_pipeline_with_one_hot_is_explained_on_its_input_columns():
    X, y = mixed_frame(), BC.target
    ct = ColumnTransformer([('num', StandardScaler(), list(X.columns[:6])), ('cat', OneHotEncoder(), ['grade', 'site'])])
    for final, path, native in ((GradientBoostingClassifier(n_estimators=40, random_state=0), 'TreeExplainer', 'decision_function'),
                                (LogisticRegression(max_iter=2000), 'LinearExplainer', 'decision_function'),
                                (MLPClassifier((8,), max_iter=500, random_state=0), 'ExactExplainer', 'predict_proba')):
        pipe = make_pipeline(ct, final).fit(X, y)
        e = mn.explain(pipe, X, max_rows=60 if path == 'ExactExplainer' else None, verbose=False)
        assert e.algorithm.startswith(path) and e.feature_names == list(X.columns)      # 'grade', not 'cat__grade_high'
        out = getattr(pipe, native)(X)
        check_additive(e, out[:, 1] if out.ndim == 2 else out)
        assert (e.values[:, -2:] != 0).any()                                         # the one-hot columns' values were summed in
    # a step that mixes columns (PCA) cannot be traced: the pipeline is explained model-agnostically, and says so
    from sklearn.decomposition import PCA
    pipe = make_pipeline(StandardScaler(), PCA(5), LogisticRegression(max_iter=2000)).fit(BC.data, y)
    e = mn.explain(pipe, BC.data, max_rows=10, verbose=False)
    assert e.algorithm.startswith('permutation SHAP') and 'mixes its input columns' in e.notes[0]
    check_additive(e, pipe.predict_proba(BC.data)[:, 1])


def test_additivity_failure_is_reported_with_its_cause_and_retried():
    d = load_diabetes()
    X = d.data.copy()
    X[np.random.default_rng(0).random(X.shape) < 0.2] = np.nan
    rf = RandomForestRegressor(20, random_state=0).fit(X, d.target)
    e = mn.explain(rf, X, background=X[:100], verbose=False)      # interventional: SHAP routes the NaNs unlike the model
    first, second = e.notes[0], e.notes[1]
    assert first.startswith('TreeExplainer (interventional): base value + SHAP values miss the model output by up to ')
    assert 'likely cause: X has missing values' in first and first.endswith('retrying with TreeExplainer (tree-path-dependent)')
    assert second.startswith("TreeExplainer (tree-path-dependent) adds up to the model's output")
    assert e.algorithm == 'TreeExplainer (tree-path-dependent)'
    check_additive(e, rf.predict(X))


def test_a_row_that_alone_overruns_the_budget_is_refused_before_it_runs():
    "5,000 features, a model-agnostic explainer: one row is millions of model calls; the budget holds for the first row too."
    import time
    from sklearn.datasets import make_classification
    from sklearn.neighbors import KNeighborsClassifier
    X, y = make_classification(n_samples=300, n_features=5000, n_informative=20, random_state=0)
    knn = KNeighborsClassifier().fit(X, y)
    t = time.perf_counter()
    with pytest.raises(mn.ExplainError, match=r'one row would take about .* on 5,000 features \(1,600,000 model evaluations\), over the 5 s budget'):
        mn.explain(knn, X, budget=5, verbose=False, log=False)
    assert time.perf_counter() - t < 60          # refused after timing a few model calls, not after minutes of the first row


def test_budget_sampling_override_and_cache():
    X, y = BC.data, BC.target
    svc = SVC(probability=True, random_state=0).fit(X, y)
    e = mn.explain(svc, X, budget=2, verbose=False)
    assert 4 <= len(e.rows) < 569 and len(set(e.rows)) == len(e.rows)
    assert 'over the 2 s budget (pass max_rows=569 or budget=None to explain every row)' in e.notes[0]
    again = mn.explain(svc, X, budget=2, verbose=False)                     # same model and data: the cached result
    assert again.cached and np.array_equal(again.values, e.values) and again.seconds == e.seconds
    gb = GradientBoostingClassifier(n_estimators=20, random_state=0).fit(X, y)
    big = pd.concat([X] * 10, ignore_index=True)                           # 5,690 rows: cheap for a tree model, all explained
    assert len(mn.explain(gb, big, verbose=False).rows) == len(big)


@pytest.mark.parametrize('call, message', [
    ("mn.explain(gb, X.drop(columns=['mean radius']))", "X lacks columns GradientBoostingClassifier was fitted on: mean radius"),
    ("mn.explain(gb, X.assign(extra=1.0))", "X has columns GradientBoostingClassifier was not fitted on: extra"),
    ("mn.explain(gb, X.iloc[:0])", "X is empty: there are no rows to explain"),
    ("mn.explain(gb, X.to_numpy()[:, :5])", "X has 5 columns; GradientBoostingClassifier was fitted on 30"),
    ("mn.explain(object(), X)", "object has no predict or predict_proba method and is not callable"),
    ("mn.explain(lr, X.assign(**{'mean texture': X['mean texture'].where(X.index % 7 > 0)}))",
     "X has NaNs (82 rows; columns mean texture) and Pipeline cannot take them: impute or drop them first"),
    ("mn.explain(mlp, IRIS.data)", "MLPClassifier has 3 classes (0, 1, 2): choose one with target=CLASS, or target='all'"),
    ("mn.explain(gb, X, algorithm='linear')", "algorithm 'linear' needs a linear model; GradientBoostingClassifier is not one"),
    ("mn.explain(gb, X, target='maybe')", "target 'maybe' is not one of GradientBoostingClassifier's classes: 0, 1"),
])
def test_bad_input_is_one_line(call, message):
    X, y = BC.data, BC.target
    gb = GradientBoostingClassifier(n_estimators=5, random_state=0).fit(X, y)
    lr = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
    mlp = MLPClassifier((4,), max_iter=50, random_state=0).fit(IRIS.data, IRIS.target)
    with pytest.raises(mn.ExplainError) as ex: eval(call, globals(), dict(X=X, gb=gb, lr=lr, mlp=mlp))
    assert message in str(ex.value) and '\n' not in str(ex.value)


EXPLAIN_NB = [
    ('parameters', 'n_estimators = 30'),
    '''
    %load_ext mlops_nb
    import mlops_nb as mn, numpy as np, warnings
    warnings.filterwarnings('ignore', category=FutureWarning)
    from sklearn.datasets import load_breast_cancer
    from sklearn.ensemble import GradientBoostingClassifier
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    ''',
    '''
    %%track -n gb --no-autolog
    model = GradientBoostingClassifier(n_estimators=n_estimators, random_state=0).fit(X, y)
    mn.log(acc=model.score(X, y))
    ''',
    '%mlops explain model X --rows 200',
    '''
    %%track -n pipe --no-autolog
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    from sklearn.linear_model import LogisticRegression
    df = X.iloc[:, :4].assign(grade=np.where(X['mean radius'] > 14, 'high', 'low'))
    pipe = make_pipeline(ColumnTransformer([('num', StandardScaler(), list(df.columns[:4])), ('cat', OneHotEncoder(), ['grade'])]),
                         LogisticRegression(max_iter=1000)).fit(df, y)
    mn.explain(pipe, df)
    ''',
    '%mlops explain model X --algorithm exact',
]


def test_papermill_job_records_and_shows_the_explanations(project):
    nb = write_notebook(project / 'explain.ipynb', EXPLAIN_NB)
    code, out, err = papermill(nb, project / 'out.ipynb', {'n_estimators': 25})
    assert code == 1 and 'Exception encountered at "In [7]"' in err, err       # the last cell's bad input stops the job
    cell = {c.source.split('\n')[-1]: c for c in out.cells if c.cell_type == 'code'}
    # the job's output notebook shows the global plots as images (no widget manager, no JavaScript)
    html = [o['data']['text/html'] for o in cell['%mlops explain model X --rows 200'].outputs if o['output_type'] in ('execute_result', 'display_data') and 'text/html' in o['data']]
    assert len(html) == 1 and html[0].count('<img') == 2 and 'data:image/png;base64,' in html[0]
    assert 'TreeExplainer (tree-path-dependent)' in html[0] and '200 of 569 rows' in html[0] and 'recorded with run <b>gb</b>' in html[0]
    stdout = ''.join(o.get('text', '') for o in cell['%mlops explain model X --rows 200'].outputs if o['output_type'] == 'stream')
    assert 'mlops_nb explain: GradientBoostingClassifier, 569 rows x 30 features with TreeExplainer' in stdout    # the plan and estimate
    # bad input under papermill: one line, the job stops there
    [bad] = cell['%mlops explain model X --algorithm exact'].outputs
    assert bad['text'] == "UsageError: the exact explainer needs 2**30 model evaluations a row; use 'permutation' or 'auto'\n"
    c = mlflow_client(project)
    runs = {r.info.run_name: r for r in all_runs(c)}
    gb, pipe = runs['gb'], runs['pipe']
    # explained after its cell ended: recorded with the run that made the model, which stays FINISHED
    assert gb.info.status == 'FINISHED'
    assert {a.path for a in c.list_artifacts(gb.info.run_id, 'shap')} == {'shap/values.npz', 'shap/summary.json', 'shap/bar.png', 'shap/beeswarm.png'}
    z = np.load(c.download_artifacts(gb.info.run_id, 'shap/values.npz', str(project / 'dl')))
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    model = GradientBoostingClassifier(n_estimators=25, random_state=0).fit(X, y)        # the same model, refitted here
    assert z['values'].shape == (200, 30, 1) and list(z['feature_names']) == list(X.columns)
    assert np.abs(z['base_values'][:, 0] + z['values'][:, :, 0].sum(1) - model.decision_function(X)[z['rows']]).max() < 1e-4
    summary = json.loads(open(c.download_artifacts(gb.info.run_id, 'shap/summary.json', str(project / 'dl'))).read())
    top = pd.Series(np.abs(z['values'][:, :, 0]).mean(0), index=X.columns).sort_values(ascending=False)
    assert list(summary['top_features']) == list(top.index[:10]) and summary['output'] == 'log-odds'
    assert gb.data.metrics[f"shap.{top.index[0]}"] == pytest.approx(top.iloc[0], rel=1e-5)
    assert gb.data.tags['mlops_nb.explained'].startswith('TreeExplainer (tree-path-dependent), 200 rows')
    png = open(c.download_artifacts(gb.info.run_id, 'shap/beeswarm.png', str(project / 'dl')), 'rb').read()
    assert png.startswith(b'\x89PNG')
    # explained inside its tracked cell: in terms of the input columns
    pz = np.load(c.download_artifacts(pipe.info.run_id, 'shap/values.npz', str(project / 'dl2')))
    assert list(pz['feature_names']) == list(X.columns[:4]) + ['grade'] and pz['values'].shape == (569, 5, 1)
    assert {k for k in pipe.data.metrics if k.startswith('shap.')} == {f'shap.{c}' for c in list(X.columns[:4]) + ['grade']}
