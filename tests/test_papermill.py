"""Real notebooks executed by the papermill CLI on a real kernel, checked through MlflowClient."""
import json, re, subprocess
from pathlib import Path
from conftest import papermill, write_notebook, mlflow_client, all_runs, wait_for

TRAIN = [
    ('parameters', '''
        lr = 0.1
        epochs = 4
        label = "plain"
    '''),
    '%load_ext mlops_nb\nimport mlops_nb as mn\nimport numpy as np\nX = np.arange(12.).reshape(3, 4)',
    '''
    %%track -n train -p epochs -t team=vision --data X --no-autolog
    for epoch in range(epochs):
        mn.log(loss=1 / (epoch + 1), lr=lr)
    mn.log({'val/acc': 0.9}, step=10)
    "done"
    ''',
]


def test_params_metrics_artifacts_and_provenance(project):
    nb = write_notebook(project / 'nbs' / 'train.ipynb', TRAIN)
    code, out, err = papermill(nb, project / 'out.ipynb', {'lr': 0.5, 'label': 'a=b "quoted" ünïcode'})
    assert code == 0, err
    c = mlflow_client(project)
    [run] = all_runs(c)
    # params: -p variables and every papermill-injected parameter, with values as injected
    assert run.data.params == {'epochs': '4', 'lr': '0.5', 'label': 'a=b "quoted" ünïcode'}
    assert run.info.status == 'FINISHED' and run.info.run_name == 'train'
    assert c.get_experiment(run.info.experiment_id).name == 'train'          # named after the notebook
    assert [(m.step, m.value) for m in sorted(c.get_metric_history(run.info.run_id, 'loss'), key=lambda m: m.step)] == \
           [(0, 1.0), (1, 0.5), (2, 1 / 3), (3, 0.25)]
    assert [(m.step, m.value) for m in c.get_metric_history(run.info.run_id, 'val/acc')] == [(10, 0.9)]
    tags = run.data.tags
    assert tags['team'] == 'vision' and tags['mlops_nb.papermill'] == 'true'
    assert (tags['mlops_nb.out_of_order'], tags['mlops_nb.cells_unlike_saved']) == ('false', '0')   # papermill runs it as saved
    assert tags['mlflow.source.name'] == str(nb) and tags['mlops_nb.notebook.found_by'] == 'papermill'
    commit = subprocess.run(['git', '-C', str(project), 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
    assert tags['mlflow.source.git.commit'] == commit and tags['mlops_nb.git.dirty'] == 'false'
    assert 'mlflow==' in tags['mlops_nb.packages'] and tags['mlops_nb.python'].count('.') == 2
    [data] = run.inputs.dataset_inputs                                           # the version of X the run saw
    assert (data.dataset.name, json.loads(data.dataset.profile)['shape'], data.tags[0].value) == ('X', [3, 4], 'training')
    assert len(data.dataset.digest) == 16
    # artifacts: the notebook as saved on disk with outputs stripped (and as the page MLflow's UI shows), the cell, the environment
    arts = {a.path for a in c.list_artifacts(run.info.run_id)} | {a.path for a in c.list_artifacts(run.info.run_id, 'notebook')}
    assert {'cell.py', 'environment.json', 'notebook/train.ipynb'} <= arts
    # the kernel exited before it could make the page: a process of its own makes it
    wait_for(lambda: 'notebook/train.html' in {a.path for a in c.list_artifacts(run.info.run_id, 'notebook')}, timeout=120, what='the page')
    page = Path(c.download_artifacts(run.info.run_id, 'notebook/train.html', str(project / 'dl'))).read_text()
    assert page.startswith('<!DOCTYPE html>') and '<span class="n">epochs</span>' in page
    snap = json.loads(Path(c.download_artifacts(run.info.run_id, 'notebook/train.ipynb', str(project / 'dl'))).read_text())
    assert any('%%track -n train' in ''.join(cell['source']) for cell in snap['cells'])
    assert all(cell.get('outputs', []) == [] for cell in snap['cells'])
    cell = Path(c.download_artifacts(run.info.run_id, 'cell.py', str(project / 'dl'))).read_text()
    assert cell.startswith('for epoch in range(epochs):')
    env = json.loads(Path(c.download_artifacts(run.info.run_id, 'environment.json', str(project / 'dl'))).read_text())
    assert env['git']['commit'] == commit and 'mlflow' in env['packages']


def test_output_notebook_shows_the_run_as_static_html(project):
    nb = write_notebook(project / 'train.ipynb', TRAIN)
    code, out, err = papermill(nb, project / 'out.ipynb')
    assert code == 0, err
    [run] = all_runs(mlflow_client(project))
    outputs = out.cells[2].outputs
    html = [o for o in outputs if o.output_type == 'display_data' and 'text/html' in o.data]
    assert len(html) == 1 and not any('application/vnd.jupyter.widget-view+json' in o.get('data', {}) for o in outputs)
    page = html[0].data['text/html']
    assert 'FINISHED' in page and run.info.run_id in page and '>epochs<' in page and '<svg' in page
    assert '%mlops ui' in page                                     # no UI runs for the store: the page says how to start one
    # the cell's last expression is displayed like any cell's
    assert [o.data['text/plain'] for o in outputs if o.output_type == 'execute_result'] == ["'done'"]


def test_failing_cell_is_failed_keeps_metrics_and_reaches_the_user(project):
    nb = write_notebook(project / 'fails.ipynb', [
        '%load_ext mlops_nb\nimport mlops_nb as mn',
        '''
        %%track -n boom --no-autolog
        mn.log(loss=0.5)
        mn.log(loss=0.25)
        raise ValueError("bad batch 7")
        ''',
        'after = "this cell must not run"',
    ])
    code, out, err = papermill(nb, project / 'out.ipynb')
    assert code != 0 and 'ValueError' in err and 'bad batch 7' in err            # papermill stops at the cell
    [run] = all_runs(mlflow_client(project))
    assert run.info.status == 'FAILED' and run.info.end_time is not None
    assert run.data.tags['mlops_nb.error'] == 'ValueError: bad batch 7'
    assert [m.value for m in mlflow_client(project).get_metric_history(run.info.run_id, 'loss')] == [0.5, 0.25]
    code_cells = [c for c in out.cells if c.cell_type == 'code']
    [error] = [o for o in code_cells[1].outputs if o.output_type == 'error']
    assert (error.ename, error.evalue) == ('ValueError', 'bad batch 7')
    tb = re.sub(r'\x1b\[[0-9;]*m', '', '\n'.join(error.traceback))
    assert 'line 4' in tb and 'raise ValueError("bad batch 7")' in tb                 # the cell's own line numbers
    assert '%%track -n boom --no-autolog' in tb                                       # line 1 is the magic's line
    assert 'run_cell_magic' not in tb and 'mlops_nb' not in tb                        # no frames of ours
    assert code_cells[2].get('execution_count') is None


def test_rerunning_makes_new_runs_and_resume_appends(project):
    nb = write_notebook(project / 'again.ipynb', [
        '%load_ext mlops_nb\nimport mlops_nb as mn',
        '%%track -n same --no-autolog\nmn.log(x=1); mn.log(x=2)',
        '%%track -n same --no-autolog\nmn.log(x=1); mn.log(x=2)',
        'first = mn.runs(n=5).run_id.iloc[-1]',
        '%%track --resume $first --no-autolog\nmn.log(x=3)',
    ])
    code, out, err = papermill(nb, project / 'out.ipynb')
    assert code == 0, err
    c = mlflow_client(project)
    runs = all_runs(c)
    assert len(runs) == 2 and len({r.info.run_id for r in runs}) == 2
    first = runs[-1]
    assert [(m.step, m.value) for m in sorted(c.get_metric_history(first.info.run_id, 'x'), key=lambda m: m.step)] == [(0, 1), (1, 2), (2, 3)]
    assert all(r.info.status == 'FINISHED' for r in runs)
