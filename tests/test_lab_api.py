"""The sidebar's REST API in a real Jupyter server (pytest-jupyter) over a real project: runs made by
notebooks run through papermill, a job promoted and run, a model registered, validated and promoted.
Every answer is checked against docs/openapi.yaml."""
import json, os, sys, time
from pathlib import Path
import pytest
from conftest import REPO, papermill, write_notebook, mlflow_client, all_runs, wait_for

pytest_plugins = ['pytest_jupyter.jupyter_server']

TRAIN = [
    ('parameters', 'lr = 0.1'),
    '%load_ext mlops_nb\nimport mlops_nb as mn',
    '%%track -n train -p lr --no-autolog\nfor step in range(6):\n    mn.log(loss=1 / (step + 1) + lr, acc=0.5 + 0.05 * step - lr, step=step)',
]
JOB = [('parameters', 'n = 1'), '%load_ext mlops_nb\nimport mlops_nb as mn', '%%track -n count\nmn.log(n=n)\nassert n < 5, "n too big"']


@pytest.fixture(scope='module')
def lab_root(tmp_path_factory):
    "A Jupyter root holding a project: two notebook runs (papermill) and a job run once."
    root = tmp_path_factory.mktemp('lab').resolve()
    proj = root / 'proj'
    (proj / '.mlops').mkdir(parents=True)
    env = {'MLOPS_NB_ROOT': None, 'MLFLOW_TRACKING_URI': None, 'MLFLOW_EXPERIMENT_NAME': None, 'MLOPS_NB_SYSTEM_METRICS': '0'}
    nb = write_notebook(proj / 'nbs' / 'train.ipynb', TRAIN)
    for lr in (0.1, 0.01):
        code, _, err = papermill(nb, proj / 'nbs' / f'out-{lr}.ipynb', {'lr': lr}, env=env)
        assert code == 0, err
    write_notebook(proj / 'nbs' / 'count.ipynb', JOB)
    cli = [str(Path(sys.executable).parent / 'mlops-nb')]
    import subprocess
    run = lambda *a: subprocess.run(cli + list(a), cwd=proj, capture_output=True, text=True, timeout=600,
                                    env={k: v for k, v in {**os.environ, **env}.items() if v is not None})
    assert run('promote', 'nbs/count.ipynb', 'count', '--schedule', '0 3 * * *', '--no-smoke').returncode == 0
    assert run('jobs', 'run', 'count').returncode == 0
    return root


@pytest.fixture
def jp_root_dir(lab_root): return lab_root


GATE = {'metrics': {'accuracy': {'min': 0.95}}}


@pytest.fixture(scope='module')
def model(lab_root):
    """A registered model in the project: logistic regressions on scikit-learn's breast cancer data, a good one (v1, passes
    the gate, champion), a weak one (v2, fails it) and the good one again (v3, never validated). Returns their accuracy."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score
    from sklearn.model_selection import train_test_split
    from mlops_nb.core.basics import modified_env
    import mlops_nb as mn
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0)
    good, weak = (LogisticRegression(C=C, max_iter=5000).fit(Xtr, ytr) for C in (1.0, 1e-5))
    with modified_env(MLOPS_NB_ROOT=str(lab_root / 'proj'), MLFLOW_TRACKING_URI=None):
        for m in (good, weak, good): mn.register(m, 'cancer', X_example=Xtr)
        for v in (1, 2): mn.validate('cancer', Xte, yte, gate=GATE, version=v)
        mn.promote_model('cancer', 1, reason='first')
    return [accuracy_score(yte, m.predict(Xte)) for m in (good, weak, good)]


@pytest.fixture
def jp_server_config(): return {'ServerApp': {'jpserver_extensions': {'mlops_nb.lab.server': True}}}


@pytest.fixture(autouse=True)
def no_root_env(monkeypatch):
    for k in ('MLOPS_NB_ROOT', 'MLFLOW_TRACKING_URI', 'MLFLOW_EXPERIMENT_NAME'): monkeypatch.delenv(k, raising=False)


_spec = None
def spec():
    global _spec
    if _spec is None:
        from openapi_core import OpenAPI
        _spec = OpenAPI.from_file_path(str(REPO / 'docs' / 'openapi.yaml'))
    return _spec


async def call(jp_fetch, path, params=None, method='GET', headers=None, status=200, body=None):
    "Fetch `path` under /mlops-nb/api (a POST with `body` as JSON); check the status and the answer against the OpenAPI file; the JSON (None for 304)."
    from tornado.httpclient import HTTPClientError
    from openapi_core.testing import MockRequest, MockResponse
    kw = dict(body=b'' if body is None else json.dumps(body).encode(), allow_nonstandard_methods=True, request_timeout=300) if method == 'POST' else {}   # a model's move writes its cards
    try: r = await jp_fetch('mlops-nb', 'api', *path.strip('/').split('/'), params=params or {}, method=method, headers=headers, **kw)
    except HTTPClientError as e: r = e.response
    assert r.code == status, (r.code, r.body[:300])
    ct = r.headers.get('Content-Type', '').split(';')[0] or None
    spec().validate_response(MockRequest('http://localhost', method.lower(), '/mlops-nb/api' + path, args=params or {}),
                             MockResponse(r.body, status_code=r.code, content_type=ct if r.body else None))
    return (json.loads(r.body) if r.body and ct == 'application/json' else None), r


def champion(lab_root) -> int:
    return int(mlflow_client(lab_root / 'proj').get_model_version_by_alias('cancer', 'champion').version)


async def test_models_list_detail_and_card(jp_fetch, lab_root, model):
    truth = mlflow_client(lab_root / 'proj')
    listed, r = await call(jp_fetch, '/models', {'path': 'proj/nbs'})
    [row] = listed['models']
    assert (row['name'], row['newest'], row['versions']) == ('cancer', 3, len(truth.search_model_versions("name = 'cancer'")))
    assert row['aliases'] == {a: int(v) for a, v in truth.get_registered_model('cancer').aliases.items()} == {'champion': 1}
    assert row['champion']['version'] == 1 and row['champion']['gate']['verdict'] == ('passed' if model[0] >= 0.95 else 'failed') == 'passed'
    assert (row['last_move']['kind'], row['last_move']['to'], row['last_move']['reason']) == ('promote', 1, 'first')
    await call(jp_fetch, '/models', {'path': 'proj', str(time.time_ns()): ''}, headers={'If-None-Match': r.headers['ETag']}, status=304)
    detail, _ = await call(jp_fetch, '/models/cancer', {'path': 'proj'})
    assert [v['version'] for v in detail['versions']] == [3, 2, 1]
    gates = [(v['gate'] or {}).get('verdict') for v in detail['versions']]
    assert gates == [None, 'passed' if model[1] >= 0.95 else 'failed', 'passed'] == [None, 'failed', 'passed']   # scikit-learn's accuracy agrees
    v1 = detail['versions'][-1]
    assert v1['run_id'] == truth.get_model_version('cancer', '1').run_id and v1['run_name'] == truth.get_run(v1['run_id']).info.run_name
    assert v1['aliases'] == ['champion'] and v1['card'] and 'mlops_nb.card' in truth.get_model_version('cancer', '1').tags
    assert [(h['kind'], h['to']) for h in detail['history']] == [('promote', 1)]
    _, page = await call(jp_fetch, '/models/cancer/1/card', {'path': 'proj'})
    assert page.headers['Content-Type'].startswith('text/html') and b'Model card: cancer version 1' in page.body
    assert "script-src" not in page.headers['Content-Security-Policy'] and "default-src 'none'" in page.headers['Content-Security-Policy']
    for route, says in (('/models/nope', "no registered model 'nope' (models: cancer)"), ('/models/cancer/9/card', 'has no version 9')):
        err, _ = await call(jp_fetch, route, {'path': 'proj'}, status=404)
        assert says in err['message'], err


async def test_promote_refused_forced_and_rollback(jp_fetch, lab_root, model):
    assert champion(lab_root) == 1
    for body, status, says in (({'version': 2}, 409, 'failed its latest gate (accuracy'), ({'version': 3}, 409, 'has not been validated'),
                               ({'version': 2, 'force': True}, 409, 'force=True needs a reason'), ({'version': 9}, 404, 'has no version 9'),
                               ({'version': '2'}, 400, 'version must be a version number'), ({'version': 2, 'why': 'x'}, 400, 'not why')):
        err, _ = await call(jp_fetch, '/models/cancer/promote', {'path': 'proj'}, method='POST', body=body, status=status)
        assert set(err) == {'message'} and says in err['message'], (body, err)
    assert champion(lab_root) == 1 and len((await call(jp_fetch, '/models/cancer', {'path': 'proj'}))[0]['history']) == 1   # nothing moved
    out, _ = await call(jp_fetch, '/models/cancer/promote', {'path': 'proj'}, method='POST', body={'version': 2, 'force': True, 'reason': 'try the weak one'})
    assert (out['move']['kind'], out['move']['before'], out['move']['to'], champion(lab_root)) == ('forced', 1, 2, 2)
    row = (await call(jp_fetch, '/models', {'path': 'proj'}))[0]['models'][0]                 # the answer kept before the move is not
    assert row['champion']['version'] == 2 and row['champion']['gate']['verdict'] == 'failed' and row['last_move']['kind'] == 'forced'
    out, _ = await call(jp_fetch, '/models/cancer/rollback', {'path': 'proj'}, method='POST', body={'reason': 'too weak'})
    assert (out['move']['kind'], out['move']['to'], champion(lab_root)) == ('rollback', 1, 1)
    err, _ = await call(jp_fetch, '/models/cancer/rollback', {'path': 'proj'}, method='POST', status=409)
    assert 'no previous holder' in err['message']
    detail, _ = await call(jp_fetch, '/models/cancer', {'path': 'proj'})
    assert [(h['kind'], h['to'], h['reason']) for h in detail['history']] == [('rollback', 1, 'too weak'), ('forced', 2, 'try the weak one'), ('promote', 1, 'first')]


def card_aliases(client, name, version) -> list:
    "The aliases the stored model card of `name` version `version` says it holds."
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = client.download_artifacts(client.get_model_version(name, str(version)).run_id, f'model_card/{name}-v{version}.json', d)
        return json.loads(Path(path).read_text())['aliases']


async def test_moves_in_two_projects_at_once(jp_fetch, lab_root, model):
    "One server, two projects, a move in each at the same time (the server's thread pool): each lands in its own store with its own cards."
    import asyncio
    from sklearn.datasets import load_iris
    from sklearn.tree import DecisionTreeClassifier
    from mlops_nb.core.basics import modified_env
    import mlops_nb as mn
    other = lab_root / 'other'
    (other / '.mlops').mkdir(parents=True)
    X, y = load_iris(return_X_y=True, as_frame=True)
    with modified_env(MLOPS_NB_ROOT=str(other)):
        for depth in (1, 3): mn.register(DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X, y), 'iris', X_example=X)
    assert champion(lab_root) == 1
    ours, theirs = await asyncio.gather(
        call(jp_fetch, '/models/cancer/promote', {'path': 'proj'}, method='POST', body={'version': 3, 'force': True, 'reason': 'not validated, on purpose'}),
        call(jp_fetch, '/models/iris/promote', {'path': 'other'}, method='POST', body={'version': 2, 'force': True, 'reason': 'the deeper tree'}))
    assert (ours[0]['move']['to'], ours[0]['move']['before'], theirs[0]['move']['to'], theirs[0]['move']['before']) == (3, 1, 2, None)
    truth, other_truth = mlflow_client(lab_root / 'proj'), mlflow_client(other)
    assert champion(lab_root) == 3 and int(other_truth.get_model_version_by_alias('iris', 'champion').version) == 2
    assert [m.name for m in truth.search_registered_models()] == ['cancer'] and [m.name for m in other_truth.search_registered_models()] == ['iris']
    assert (card_aliases(truth, 'cancer', 3), card_aliases(truth, 'cancer', 1), card_aliases(other_truth, 'iris', 2)) == (['champion'], [], ['champion'])
    out, _ = await call(jp_fetch, '/models/cancer/rollback', {'path': 'proj'}, method='POST', body={'reason': 'back to the validated one'})
    assert (out['move']['to'], champion(lab_root), card_aliases(truth, 'cancer', 1)) == (1, 1, ['champion'])


async def test_runs_page_detail_and_pagination(jp_fetch, lab_root):
    runs, r = await call(jp_fetch, '/runs', {'path': 'proj/nbs'})
    named = [x for x in runs['runs'] if x['name'] == 'train']
    assert len(named) == 2 and all(x['status'] == 'FINISHED' and x['delivered'] for x in named), runs
    assert 'jobs/count' in runs['experiments'] and 'Default' not in [x['experiment'] for x in named]
    client = mlflow_client(lab_root / 'proj')
    newest = named[0]
    truth = client.get_run(newest['run_id'])
    assert newest['key_metric'] == {'key': 'loss', 'value': truth.data.metrics['loss']}
    assert newest['sparkline'] == [m.value for m in sorted(client.get_metric_history(newest['run_id'], 'loss'), key=lambda m: m.step)]
    assert newest['start'] == truth.info.start_time and newest['end'] == truth.info.end_time
    # pagination: one run a page covers every run once, newest first
    seen, token = [], None
    while True:
        page, _ = await call(jp_fetch, '/runs', {'path': 'proj', 'limit': '1', **({'page_token': token} if token else {})})
        seen += [x['run_id'] for x in page['runs']]
        if not (token := page['next_page_token']): break
    assert seen == [x.info.run_id for x in all_runs(client)]
    detail, _ = await call(jp_fetch, f"/runs/{newest['run_id']}", {'path': 'proj'})
    assert detail['params']['lr'] in ('0.1', '0.01') and detail['user_params'][0] == 'lr'
    assert detail['history']['loss'] == [[m.step, m.value] for m in sorted(client.get_metric_history(newest['run_id'], 'loss'), key=lambda m: m.step)]
    assert detail['notebook']['path'] == 'proj/nbs/train.ipynb' and detail['notebook']['cells'][0]['execution_count'] == 4, detail['notebook']   # parameters, papermill's injected cell, %load_ext, then %%track
    # filters
    failed, _ = await call(jp_fetch, '/runs', {'path': 'proj', 'status': 'FAILED'})
    assert failed['runs'] == []
    found, _ = await call(jp_fetch, '/runs', {'path': 'proj', 'q': 'TRA', 'experiment': named[0]['experiment']})
    assert [x['run_id'] for x in found['runs']] == [x['run_id'] for x in named]


async def test_a_poll_with_nothing_new_is_304_and_a_new_run_is_seen(jp_fetch, lab_root):
    _, r = await call(jp_fetch, '/runs', {'path': 'proj'})
    buster = {'path': 'proj', str(time.time_ns()): ''}                    # JupyterLab's request helper adds one to every URL
    _, r2 = await call(jp_fetch, '/runs', buster, headers={'If-None-Match': r.headers['ETag']}, status=304)
    code, _, err = papermill(lab_root / 'proj/nbs/train.ipynb', lab_root / 'proj/nbs/out-new.ipynb', {'lr': 0.5},
                             env={'MLOPS_NB_ROOT': None, 'MLOPS_NB_SYSTEM_METRICS': '0'})
    assert code == 0, err
    page, r3 = await call(jp_fetch, '/runs', {'path': 'proj'}, headers={'If-None-Match': r.headers['ETag']})
    assert r3.headers['ETag'] != r.headers['ETag'] and page['runs'][0]['name'] == 'train'
    assert dict(mlflow_client(lab_root / 'proj').get_run(page['runs'][0]['run_id']).data.params)['lr'] == '0.5'


async def test_compare(jp_fetch, lab_root):
    page, _ = await call(jp_fetch, '/runs', {'path': 'proj', 'q': 'train'})
    a, b = page['runs'][0]['run_id'], page['runs'][1]['run_id']
    cmp, _ = await call(jp_fetch, '/compare', {'path': 'proj', 'ids': f'{a},{b}'})
    lr = next(p for p in cmp['params'] if p['key'] == 'lr')
    assert lr['differs'] and len(set(lr['values'])) == 2
    loss = next(m for m in cmp['metrics'] if m['key'] == 'loss')
    assert loss['direction'] == 'lower' and loss['best'] == [loss['values'].index(min(loss['values']))]
    assert [len(c) for c in cmp['curves']['loss']] == [6, 6]
    err, _ = await call(jp_fetch, '/compare', {'path': 'proj', 'ids': a}, status=400)
    assert 'from 2 to 20' in err['message']


async def test_jobs_history_and_actions(jp_fetch, lab_root):
    jobs, _ = await call(jp_fetch, '/jobs', {'path': 'proj'})
    [job] = jobs['jobs']
    assert (job['name'], job['cron'], job['schedule'], job['last']['status']) == ('count', '0 3 * * *', 'At 03:00 AM', 'succeeded')
    assert job['last']['output'].startswith('proj/.mlops/jobs/count/') and (lab_root / job['last']['output']).is_file()
    paused, _ = await call(jp_fetch, '/jobs/count/pause', {'path': 'proj'}, method='POST')
    assert paused['job']['paused'] and paused['job']['next_run'] is None
    resumed, _ = await call(jp_fetch, '/jobs/count/resume', {'path': 'proj'}, method='POST')
    assert not resumed['job']['paused']
    started, _ = await call(jp_fetch, '/jobs/count/run', {'path': 'proj'}, method='POST')
    assert started['pid'] > 0
    from mlops_nb.jobs.store import history
    wait_for(lambda: (h := history('count', 1, root=lab_root / 'proj')) and h[0].trigger == 'lab' and h[0].end, 180, what='the run from the panel ends')
    hist, _ = await call(jp_fetch, '/jobs/count/history', {'path': 'proj'})
    assert [r['trigger'] for r in hist['runs']] == ['lab', 'manual'] and hist['runs'][0]['status'] == 'succeeded'
    err, _ = await call(jp_fetch, '/jobs/nope/run', {'path': 'proj'}, method='POST', status=404)
    assert "no job 'nope'" in err['message'], err


async def test_a_job_runs_output_notebook_read_only(jp_fetch, lab_root):
    jobs, _ = await call(jp_fetch, '/jobs', {'path': 'proj'})
    out = jobs['jobs'][0]['last']['output']
    m, _ = await call(jp_fetch, '/output', {'file': out})
    assert (m['type'], m['format'], m['writable'], m['path']) == ('notebook', 'json', False, out)
    on_disk = json.loads((lab_root / out).read_text())
    assert [c['source'] for c in m['content']['cells']] == [''.join(c['source']) if isinstance(c['source'], list) else c['source']
                                                             for c in on_disk['cells']]
    head, _ = await call(jp_fetch, '/output', {'file': out, 'content': '0'})
    assert head['content'] is None and head['size'] == (lab_root / out).stat().st_size
    for bad, status, says in (('proj/nbs/count.ipynb', 400, 'not the output notebook'), ('../' + out, 400, "'..'"),
                              (str(lab_root / out), 400, 'relative'), (out.replace('.ipynb', '-x.ipynb'), 404, 'no output notebook')):
        err, _ = await call(jp_fetch, '/output', {'file': bad}, status=status)
        assert set(err) == {'message'} and says in err['message'], (bad, err)


async def test_status(jp_fetch, lab_root):
    st, _ = await call(jp_fetch, '/status', {'path': 'proj'})
    assert st['pending'] == [] and st['damaged'] == [] and st['scheduler'] == {'running': False, 'pid': None}


async def test_paths_are_confined_and_errors_are_one_message(jp_fetch, lab_root):
    for bad in ('../', '/etc', 'proj/../../x', '~'):
        err, _ = await call(jp_fetch, '/runs', {'path': bad}, status=400)
        assert set(err) == {'message'} and ('relative' in err['message'] or "'..'" in err['message']), err
    err, _ = await call(jp_fetch, '/runs/not..an-id', {'path': 'proj'}, status=400)
    assert 'bad run id' in err['message']
    err, _ = await call(jp_fetch, '/runs/' + 'a' * 32, {'path': 'proj'}, status=404)
    assert 'no run' in err['message']
    err, _ = await call(jp_fetch, '/runs', {'path': 'proj', 'limit': 'lots'}, status=400)
    assert err == {'message': "limit must be a whole number, got 'lots'"}


async def test_without_the_token_403(jp_fetch, jp_http_port, jp_base_url, lab_root, model):
    from tornado.httpclient import AsyncHTTPClient
    base = f'http://localhost:{jp_http_port}{jp_base_url}mlops-nb/api'
    r = await AsyncHTTPClient().fetch(f'{base}/runs?path=proj', raise_error=False)
    assert r.code == 403 and set(json.loads(r.body)) == {'message'}
    r = await AsyncHTTPClient().fetch(f'{base}/jobs/count/pause?path=proj', method='POST', body=b'', raise_error=False)
    assert r.code == 403
    from mlops_nb.jobs.store import get_job
    assert get_job('count', root=lab_root / 'proj').paused is False          # the refused POST changed nothing
    for route in ('models', 'models/cancer', 'models/cancer/1/card'):
        r = await AsyncHTTPClient().fetch(f'{base}/{route}?path=proj', raise_error=False)
        assert r.code == 403, route
    before = champion(lab_root)
    r = await AsyncHTTPClient().fetch(f'{base}/models/cancer/rollback?path=proj', method='POST', body=b'{}', raise_error=False)
    assert r.code == 403 and champion(lab_root) == before                     # the refused POST moved nothing


MON = 'mlops_nb.monitor.'


@pytest.fixture(scope='module')
def windows(lab_root, model):
    """Two monitoring windows of cancer@champion (v1, whose validation kept its reference) recorded by `mn.monitor`: the test rows
    as they are, then with three columns shifted by a standard deviation under an alert rule that fires. The windows, oldest first."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split
    from mlops_nb.core.basics import modified_env
    import mlops_nb as mn
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    _, Xte, _, yte = train_test_split(X, y, test_size=0.3, random_state=0)
    cols = ['mean radius', 'mean texture', 'worst area']
    shifted = Xte.assign(**{c: Xte[c] + X[c].std() for c in cols})
    with modified_env(MLOPS_NB_ROOT=str(lab_root / 'proj'), MLFLOW_TRACKING_URI=None):
        return [mn.monitor('cancer@champion', Xte, yte), mn.monitor('cancer@champion', shifted, yte, alert='drift_share > 0.05 or accuracy < 0.5')]


async def test_monitoring_windows_in_models_and_status(jp_fetch, lab_root, model, windows):
    "The last window of each model, as MLflow's client reads it: in its row of the Models section, its windows in its detail, the alert in Status."
    from mlops_nb.monitor.drift import metric_key
    truth = mlflow_client(lab_root / 'proj')
    steady, alerted = windows
    assert (steady.alert, alerted.alert) == (None, True) and {'mean radius', 'mean texture', 'worst area'} <= set(alerted.drifted)
    last = truth.get_run(alerted.run_id)
    st, _ = await call(jp_fetch, '/status', {'path': 'proj'})
    [a] = st['alerts']
    assert (a['model'], a['run_id'], a['when'], a['version'], a['alias']) == ('cancer', last.info.run_id, last.info.start_time, 1, 'champion')
    m = last.data.metrics
    assert (a['drift_share'], a['drifted_columns'], a['rows']) == (m['drift_share'], len(alerted.drifted), int(m['rows'])) and a['rows'] == 171
    assert a['performance'] == dict(metric='accuracy', value=m['accuracy'], reference=m['reference.accuracy'], estimated=False)
    assert a['performance']['reference'] == pytest.approx(model[0])            # v1's gate rows: scikit-learn's accuracy
    assert a['alert'] is True and a['rule'] == last.data.tags[MON + 'rule'] == 'drift_share > 0.05 or accuracy < 0.5' and a['retrain'] is None
    [row] = (await call(jp_fetch, '/models', {'path': 'proj'}))[0]['models']
    assert (row['monitor']['run_id'], row['monitor']['drift_share'], row['monitor']['alert']) == (last.info.run_id, m['drift_share'], True)
    assert row['monitor'] == {k: v for k, v in a.items() if k != 'model'}             # the same last window beside the champion
    detail, _ = await call(jp_fetch, '/models/cancer', {'path': 'proj'})
    assert [w['run_id'] for w in detail['windows']] == [steady.run_id, alerted.run_id]
    assert [w['drift_share'] for w in detail['windows']] == [truth.get_run(w.run_id).data.metrics['drift_share'] for w in windows] == [0.0, m['drift_share']]
    assert [w['alert'] for w in detail['windows']] == [False, True]
    assert a['drifted'] == sorted(metric_key(c) for c in alerted.drifted) and {'mean_radius', 'mean_texture', 'worst_area'} <= set(a['drifted'])
    _, page = await call(jp_fetch, f"/models/cancer/windows/{alerted.run_id}", {'path': 'proj'})       # its report as a page
    assert page.headers['Content-Type'].startswith('text/html') and "default-src 'none'" in page.headers['Content-Security-Policy']
    assert b'data-column="mean texture"' in page.body and b'monitoring window of cancer@champion (v1)' in page.body
    for route, status, says in ((f"/models/cancer/windows/{'0' * 32}", 404, 'no window'), ('/models/cancer/windows/a..b', 400, 'bad run id'),
                                (f"/models/iris/windows/{alerted.run_id}", 404, "model 'iris' has no monitoring windows")):
        err, _ = await call(jp_fetch, route, {'path': 'proj'}, status=status)
        assert says in err['message'], (route, err)
