"""Planted secrets (in a variable, in the cell source, in the environment, in papermill parameters):
none of them may appear anywhere in MLflow's store and artifacts or in W&B's offline files."""
from pathlib import Path
from conftest import all_runs, mlflow_client, papermill, write_notebook

VAR_TOKEN = 'hf_PLANTEDvariableTOKEN1234567890abcd'
CELL_TOKEN = 'sk-proj-PLANTEDcellSOURCEtoken1234567890'
ENV_TOKEN = 'PLANTED-env-value-7f3a9c'
PM_TOKEN = 'PLANTED-papermill-password-42'
SECRETS = [VAR_TOKEN, CELL_TOKEN, ENV_TOKEN, PM_TOKEN]


def everything_recorded(root: Path) -> bytes:
    "Every byte under .mlops/: the MLflow database and artifacts, W&B's offline runs, the journal."
    return b''.join(p.read_bytes() for p in (root / '.mlops').rglob('*') if p.is_file())


def test_planted_secrets_never_leave_the_kernel(project):
    nb = write_notebook(project / 'leaky.ipynb', [
        ('parameters', 'db_password = "default"\nmodel = "rf"'),
        f'%load_ext mlops_nb\nimport os, mlops_nb as mn\nhf_token = "{VAR_TOKEN}"\nservice_key = os.environ["MY_SERVICE_TOKEN"]',
        f'''
        %%track -n leaky -p model --no-autolog
        client_config = dict(api_key="{CELL_TOKEN}", endpoint="https://example.com")
        mn.log(loss=0.5)
        mn.log_params(note="token " + hf_token, echo=service_key)
        mn.set_tags(header="Bearer " + os.environ["MY_SERVICE_TOKEN"])
        ''',
        '%%track -n fails --no-autolog\nraise ValueError("could not log in with " + hf_token)',
    ])
    code, out, err = papermill(nb, project / 'out.ipynb', {'db_password': PM_TOKEN},
                               env={'MY_SERVICE_TOKEN': ENV_TOKEN, 'MLOPS_NB_BACKENDS': 'mlflow,wandb', 'WANDB_MODE': None, 'WANDB_API_KEY': None})
    assert code != 0 and 'could not log in' in err                    # the last cell fails, carrying a secret in its message
    runs = {r.info.run_name: r for r in all_runs(mlflow_client(project))}
    leaky = runs['leaky']
    assert leaky.data.params['db_password'] == '[REDACTED]' and leaky.data.params['model'] == 'rf'
    assert leaky.data.params['note'] == 'token [REDACTED]' and leaky.data.params['echo'] == '[REDACTED]'
    assert leaky.data.tags['header'] == 'Bearer [REDACTED]'
    assert runs['fails'].data.tags['mlops_nb.error'] == 'ValueError: could not log in with [REDACTED]'
    recorded = everything_recorded(project)
    assert b'api_key=\\"[REDACTED]\\"' in recorded or b'api_key="[REDACTED]"' in recorded     # the cell and the snapshot were recorded, scrubbed
    for secret in SECRETS:
        assert secret.encode() not in recorded, secret
    assert list((project / '.mlops' / 'wandb').rglob('run-*.wandb'))    # W&B's files were among what was searched


def test_preview_shows_what_would_be_recorded(kernel, project):
    kernel.execute('%load_ext mlops_nb\nimport mlops_nb as mn\nlr = 0.1\napi_token = "tok-PLANTED-123456"')
    content, outs = kernel.execute('%mlops preview -n next -p lr api_token -t team=vision')
    assert content['status'] == 'ok'
    html = outs[-1]['content']['data']['text/html']
    assert '>lr<' in html and '>0.1<' in html and '>team<' in html and 'environment.json' in html
    assert 'tok-PLANTED-123456' not in html and '[REDACTED]' in html
    assert not (project / '.mlops' / 'mlflow.db').exists()                # nothing was recorded
