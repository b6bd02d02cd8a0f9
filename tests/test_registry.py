"""The registry end to end with real parts: models trained in tracked cells of a real ipykernel, registered, promoted
and rolled back with `%mlops`; a job's notebook (papermill) registering into a real `mlflow server`, and the
`mlops-nb models` CLI on it; each move checked by loading `models:/NAME@champion` with MLflow's own loader."""
import os, subprocess, uuid
from conftest import BIN, mlflow_client, write_notebook

DATA = ('%load_ext mlops_nb\nimport mlops_nb as mn, mlflow\nfrom sklearn.datasets import load_breast_cancer\n'
        'from sklearn.linear_model import LogisticRegression\nX, y = load_breast_cancer(return_X_y=True, as_frame=True)')


def run(k, code):
    "Execute `code`; what it printed and what it showed as text."
    content, outs = k.execute(code, timeout=180)
    assert content['status'] == 'ok', (code, content)
    return ''.join(o['content'].get('text') or o['content'].get('data', {}).get('text/plain', '') for o in outs)


def refused(k, code, says):
    content, _ = k.execute(code)
    assert content['status'] == 'error' and content['ename'] == 'UsageError' and says in content['evalue'], (code, content)


def cli(*args, env=None, check=0):
    p = subprocess.run([str(BIN / 'mlops-nb'), *map(str, args)], capture_output=True, text=True, timeout=300,
                       env={**os.environ, **(env or {})}, cwd=os.environ['MLOPS_NB_ROOT'])     # the project's folder
    assert p.returncode == check, (args, p.returncode, p.stdout, p.stderr)
    if check: assert p.stderr.count('\n') == 1 and p.stderr.startswith('mlops-nb: error: '), p.stderr
    return p.stdout


def test_register_promote_rollback_from_the_notebook(kernel, project):
    k = kernel
    run(k, DATA)
    run(k, '%%track -n lr --no-autolog --data X\nmodel = LogisticRegression(max_iter=3000).fit(X, y)')
    rid = k.value('mn.last_run().id')
    # a later cell: the model variable is found by the tracked cell that named it
    assert run(k, '%mlops register cancer model --example X').strip() == f"registered cancer version 1 from run {rid} (models:/cancer/1)"
    run(k, '%%track -n weak --no-autolog\nweak = LogisticRegression(C=1e-4, max_iter=3000).fit(X, y)')
    assert 'registered cancer version 2' in run(k, '%mlops register cancer weak --example X -d "underfit on purpose"')
    c = mlflow_client(project)
    v1 = c.get_model_version('cancer', '1')
    tags = c.get_run(rid).data.tags
    assert (v1.run_id, v1.tags['mlops_nb.lineage.run'], v1.tags['mlops_nb.lineage.cell']) == (rid, rid, tags['mlops_nb.cell.hash'])
    assert v1.tags['mlops_nb.lineage.git_commit'] == subprocess.run(['git', '-C', str(project), 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
    assert v1.tags['mlops_nb.lineage.data'].startswith('X@'), v1.tags

    refused(k, '%mlops models promote cancer 1', 'has not been validated')
    refused(k, '%mlops models promote cancer 1 --force', 'needs a reason')
    verdict = run(k, "G = {'metrics': {'accuracy': {'min': 0.9}}}\n%mlops validate cancer/1 X y --gate G")
    gate_run = c.get_model_version('cancer', '1').tags['mlops_nb.gate.run']
    assert verdict.splitlines()[0] == f'gate of cancer version 1: passed (run {gate_run})', verdict
    assert run(k, '%mlops models promote cancer 1').strip() == f'cancer@champion moved to version 1 (promote; gate run {gate_run})'
    (project / 'gate.yaml').write_text('metrics:\n  accuracy: {max_regression: 0.0}\n')       # no worse than the champion
    verdict = run(k, '%mlops validate cancer/2 X y --gate gate.yaml')
    assert verdict.splitlines()[0].startswith('gate of cancer version 2 against version 1: failed'), verdict
    refused(k, '%mlops models promote cancer 2', 'failed its latest gate (accuracy')
    refused(k, "B = {'metrics': {'acuracy': {}}}\n%mlops validate cancer/2 X y --gate B", "no metric 'acuracy'")
    assert run(k, '%mlops models promote cancer 2 --force --reason "try the small one"').strip() == \
        'cancer@champion moved from version 1 to version 2 (forced; reason: try the small one)'
    champion = "(mlflow.pyfunc.load_model('models:/cancer@champion').predict(X) == {}.predict(X)).all().item()"
    assert k.value(champion.format('weak')) and not k.value(champion.format('model'))
    assert run(k, '%mlops models rollback cancer --reason "worse recall"').strip() == \
        'cancer@champion moved from version 2 to version 1 (rollback; reason: worse recall)'
    assert k.value(champion.format('model'))
    history = run(k, '%mlops models history cancer')
    assert history.splitlines()[2].split()[3:7] == ['champion', '2', '->', '1'] and 'rollback' in history.splitlines()[2], history
    shown = run(k, '%mlops models show cancer')
    assert shown.splitlines()[2].split()[:3] == ['2', '-', 'failed'] and shown.splitlines()[3].split()[:3] == ['1', 'champion', 'passed'], shown
    refused(k, '%mlops register cancer nosuch', "MODEL 'nosuch': NameError")
    refused(k, '%mlops register cancer', '%mlops register NAME MODEL')
    refused(k, '%mlops models rollback cancer', 'no previous holder')
    refused(k, '%mlops models promote cancer 5 --force --reason x', 'has no version 5 (versions: 1, 2)')
    assert len(c.search_model_versions("name = 'cancer'")) == 2
    # each version got its card when registered; a move writes both again; the magic shows it as HTML
    assert c.get_model_version('cancer', '2').tags['mlops_nb.card'] == 'model_card/cancer-v2.md'
    content, outs = k.execute('%mlops models card cancer@champion')
    page = next(o['content']['data']['text/html'] for o in outs if 'text/html' in o['content'].get('data', {}))
    assert content['status'] == 'ok' and 'Model card: cancer version 1' in page and 'champion' in page, page[:300]
    refused(k, '%mlops models card nosuch', "no registered model 'nosuch'")
    # a fairness gate for a group that is not a model input, from a notebook variable (tumour size, above or below the median)
    run(k, "import numpy as np\nsize = np.where(X['mean radius'] > X['mean radius'].median(), 'large', 'small')\n"
           "F = {'fairness': {'max_difference': {'accuracy': 0.5}, 'n_boot': 20}}")
    out = run(k, '%mlops validate cancer/1 X y --gate F --sensitive size')
    assert out.startswith('gate of cancer version 1: passed') and 'large' in out and 'small' in out, out
    p = k.value("model.predict(X).tolist()")
    import numpy as np
    from sklearn.datasets import load_breast_cancer
    from sklearn.metrics import accuracy_score
    Xr, yr = load_breast_cancer(return_X_y=True, as_frame=True)
    big, p = (Xr['mean radius'] > Xr['mean radius'].median()).to_numpy(), np.array(p)
    gate = c.get_run(c.get_model_version('cancer', '1').tags['mlops_nb.gate.run']).data.metrics
    assert abs(gate['fair_accuracy_difference'] - abs(accuracy_score(yr[big], p[big]) - accuracy_score(yr[~big], p[~big]))) < 1e-9, gate
    refused(k, '%mlops validate cancer/1 X y --gate F --sensitive nosuch', "COLUMN 'nosuch'")
    # rows of a type the signature does not take (whole numbers where it has doubles): the gate names the column and measures
    # nothing, where MLflow's own pyfunc refuses the same rows
    run(k, "Xi = X.assign(**{'mean area': X['mean area'].round().astype('int64')})\nD = {'data': {}, 'metrics': {'accuracy': {'min': 0.5}}}")
    out = run(k, '%mlops validate cancer/1 Xi y --gate D')
    assert out.startswith('gate of cancer version 1: failed') and 'mean area is int64' in out and 'not measured' in out, out
    content, _ = k.execute("mlflow.pyfunc.load_model('models:/cancer/1').predict(Xi)")
    assert content['status'] == 'error' and 'mean area' in content['evalue'], content


JOB = [('parameters', 'n_estimators = 10'), DATA + '\nfrom sklearn.ensemble import RandomForestClassifier',
       '%%track -n forest --no-autolog\nrf = RandomForestClassifier(n_estimators=n_estimators, random_state=0).fit(X, y)',
       'import os\nv = mn.register(rf, os.environ["MODEL_NAME"], X_example=X)\nprint(v)']


def test_a_job_registers_into_a_real_mlflow_server_and_the_cli_moves_its_aliases(project, mlflow_server):
    name = f'forest-{uuid.uuid4().hex[:6]}'
    env = {'MLFLOW_TRACKING_URI': mlflow_server, 'MODEL_NAME': name, 'MLOPS_NB_SYSTEM_METRICS': '0'}
    write_notebook(project / 'nbs' / 'retrain.ipynb', JOB)
    cli('promote', 'nbs/retrain.ipynb', 'retrain', '--no-smoke', env=env)
    cli('jobs', 'run', 'retrain', env=env)
    c = mlflow_client(project, mlflow_server)
    from mlops_nb.jobs.store import history
    [job_run] = history('retrain', 1, root=project)
    t = c.get_model_version(name, '1').tags
    assert (t['mlops_nb.lineage.job'], t['mlops_nb.lineage.job_run'], t['mlops_nb.lineage.run_name']) == ('retrain', job_run.id, 'forest'), t
    # version 2: the model an MLflow run logged (as autologging does), registered from the shell by the run's id
    import mlflow
    from sklearn.datasets import load_breast_cancer
    from sklearn.ensemble import RandomForestClassifier
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    before = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(mlflow_server)                      # (set back at the end: later tests share this process)
    with mlflow.start_run(experiment_id=c.create_experiment(f'more-trees-{name}')) as r:
        mlflow.sklearn.log_model(RandomForestClassifier(n_estimators=30, random_state=0).fit(X, y), name='model', input_example=X.head(3),
                                 skops_trusted_types=['sklearn.tree._tree.Tree'])
    assert cli('models', 'register', name, r.info.run_id, env=env).startswith(f'registered {name} version 2 from run {r.info.run_id}')
    assert name in cli('models', env=env)
    cli('models', 'promote', name, '1', env=env, check=1)       # not validated: refused, one line
    cli('models', 'promote', name, '1', '--force', '--reason', 'baseline', env=env)
    cli('models', 'promote', name, '2', '--force', '--reason', 'more trees', env=env)
    trees = lambda: mlflow.sklearn.load_model(f'models:/{name}@champion').n_estimators      # which model the alias serves
    assert trees() == 30 and len(mlflow.pyfunc.load_model(f'models:/{name}@champion').predict(X)) == len(X)
    out = cli('models', 'rollback', name, '--reason', 'drift', env=env)
    assert out.strip() == f'{name}@champion moved from version 2 to version 1 (rollback; reason: drift)'
    assert trees() == 10
    assert [line.split()[3:7] for line in cli('models', 'history', name, env=env).splitlines()[2:]] == \
        [['champion', '2', '->', '1'], ['champion', '1', '->', '2'], ['champion', '(new)', '->', '1']]
    assert any('more trees' in v for v in c.get_registered_model(name).tags.values())   # the history lives in the server's registry
    from huggingface_hub import ModelCard
    card = ModelCard(cli('models', 'card', f'{name}@champion', env=env))        # the card, as Hugging Face's parser reads it
    assert (card.data.mlops_nb['version'], card.data.mlops_nb['aliases'], card.data.library_name) == (1, ['champion'], 'sklearn'), card.data
    assert c.get_model_version(name, '1').tags['mlops_nb.card'] == f'model_card/{name}-v1.md'             # kept in the server's store
    out = cli('models', 'card', f'{name}/2', '--html', project / 'card.html', env=env)
    assert out.startswith(f'wrote {project / "card.html"}') and (project / 'card.html').read_text().startswith('<!DOCTYPE html>')
    cli('models', 'card', f'{name}/7', env=env, check=1)
    cli('models', 'register', name, 'no-such-run', env=env, check=1)
    assert len(c.search_model_versions(f"name = '{name}'")) == 2
    mlflow.set_tracking_uri(before)
