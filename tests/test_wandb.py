"""Both backends at once: every run in MLflow and in W&B (offline, no network), with the same semantics."""
import json
from conftest import all_runs, mlflow_client, papermill, wandb_run, write_notebook

NB = [
    ('parameters', 'lr = 0.1'),
    '%load_ext mlops_nb\nimport mlops_nb as mn',
    '%%track -n both -t team=vision --no-autolog\nfor i in range(5): mn.log(loss=1 / (i + 1))\nmn.log(acc=0.9, step=10)',
    '%%track -n broken --no-autolog\nmn.log(loss=0.5)\nraise RuntimeError("nope")',
]


def test_runs_fan_out_to_mlflow_and_wandb_offline(project):
    nb = write_notebook(project / 'fan.ipynb', NB)
    code, out, err = papermill(nb, project / 'out.ipynb', {'lr': 0.3},
                               env={'MLOPS_NB_BACKENDS': 'mlflow,wandb', 'WANDB_MODE': None, 'WANDB_API_KEY': None})
    assert code != 0 and 'nope' in err                                         # the second cell fails, as written
    runs = {r.info.run_name: r for r in all_runs(mlflow_client(project))}
    ok, broken = runs['both'], runs['broken']
    w = wandb_run(project, ok.info.run_id)                                      # the same id in both
    assert (w['run'].display_name, w['run'].project) == ('both', 'fan')
    assert w['config']['lr'] == '0.3' and w['config']['tag/team'] == 'vision'
    assert w['config']['tag/mlflow.source.name'] == str(nb)
    losses = [(row['step/loss'], row['loss']) for row in w['history'] if 'loss' in row]
    assert losses == [(i, 1 / (i + 1)) for i in range(5)]                       # the same steps as in MLflow
    assert [(row['step/acc'], row['acc']) for row in w['history'] if 'acc' in row] == [(10, 0.9)]
    assert w['summary']['mlops_nb.status'] == 'FINISHED' and w['exit_code'] == 0
    assert {'cell.py', 'environment.json', 'notebook/fan.ipynb'} <= set(w['files'])
    b = wandb_run(project, broken.info.run_id)
    assert broken.info.status == 'FAILED' and b['summary']['mlops_nb.status'] == 'FAILED' and b['exit_code'] == 1
    assert b['config']['tag/mlops_nb.error'] == 'RuntimeError: nope'
    assert [row['loss'] for row in b['history'] if 'loss' in row] == [0.5]


def test_sigkilled_kernel_recovered_into_both_backends(project):
    "SIGKILL mid-run with both backends: the next %load_ext ends the run as KILLED in MLflow and in W&B, in the run's own project."
    from conftest import Kernel, sigkill_mid_run, wandb_records
    env = {'MLOPS_NB_BACKENDS': 'mlflow,wandb'}
    sigkill_mid_run(project, '%%track -n doomed -e crashy --no-autolog\nfor i in range(50): mn.log(loss=1 / (i + 1))\n'
                             'print("logged", flush=True)\ntime.sleep(120)', env, points=50)
    second = Kernel(cwd=project, env=env)
    try:
        content, outs = second.execute('%load_ext mlops_nb')
        assert 'closed as KILLED' in ''.join(o['content'].get('text', '') for o in outs)
    finally: second.close()
    [run] = all_runs(mlflow_client(project))
    assert run.info.status == 'KILLED'
    dirs = sorted((project / '.mlops' / 'wandb' / 'wandb').glob(f'offline-run-*-{run.info.run_id}'))
    records = [r for d in dirs for r in wandb_records(d)]
    projects = {r.run.project for r in records if r.WhichOneof('record_type') == 'run'}
    assert projects == {'crashy'}                                           # resumed in its own project, not a new one
    steps = {json.loads(i.value_json) for r in records if r.WhichOneof('record_type') == 'history'
             for i in r.history.item if (i.key or '/'.join(i.nested_key)) == 'step/loss'}
    assert steps == set(range(50))                                          # every point reached W&B
    exits = [r.exit.exit_code for r in records if r.WhichOneof('record_type') == 'exit']
    assert exits == [130]                                                   # ended once, as KILLED
