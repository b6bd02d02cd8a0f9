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


JOB_TOKEN = 'hf_PLANTEDjobOUTPUTtoken1234567890abcdef'
JOB_ENV = 'PLANTED-job-env-secret-9d2'


def test_jobs_keep_no_secret_and_refuse_literal_ones(project):
    "A job's stores, output notebook, log and MLflow artifacts hold no secret; a notebook or a parameter that holds one is refused."
    import subprocess
    from conftest import BIN
    def cli(*args, check):
        p = subprocess.run([str(BIN / 'mlops-nb'), *map(str, args)], capture_output=True, text=True, timeout=300,
                           env={**__import__('os').environ, 'MY_SERVICE_TOKEN': JOB_ENV})
        assert p.returncode == check, (args, p.stdout, p.stderr)
        return p
    nb = write_notebook(project / 'job.ipynb', [('parameters', 'n = 1\nnote = ""'), 'import os',
                                                 'print("made hf_" + "PLANTEDjobOUTPUTtoken1234567890abcdef")',
                                                 'raise ValueError("login failed with " + os.environ["MY_SERVICE_TOKEN"])'])
    p = cli('promote', nb, 'leaky', '-p', f'note=Bearer {JOB_TOKEN}', '--no-smoke', check=1)       # a token as the value of an innocent name
    assert 'looks like a secret (its value holds a token)' in p.stderr and JOB_TOKEN not in p.stderr
    literal = write_notebook(project / 'literal.ipynb', [('parameters', 'n = 1'), f'client = dict(api_key="{JOB_TOKEN}")'])
    p = cli('promote', literal, 'literal', '--no-smoke', check=1)                                   # a literal secret in a later cell
    assert 'cell 2 of literal.ipynb holds a token (line 1)' in p.stderr and JOB_TOKEN not in p.stderr
    cli('promote', nb, 'leaky', '--no-smoke', check=0)
    p = cli('jobs', 'run', 'leaky', check=1)
    assert 'ValueError: login failed with [REDACTED]' in p.stderr, p.stderr
    recorded = everything_recorded(project)
    assert b'print(\\"made hf_\\"' in recorded or b'made hf_' in recorded                       # the output notebook is there, scrubbed
    for secret in (JOB_TOKEN, JOB_ENV):
        assert secret.encode() not in recorded, secret
