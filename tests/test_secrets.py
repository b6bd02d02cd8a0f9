"""Planted secrets: none may appear anywhere under `.mlops/` (MLflow's store and artifacts, W&B's offline files, the
journal, the job store, the jobs' notebooks and logs). Tracked cells, in MLflow and W&B: a token in a variable logged as
a param, in the cell's source, in the environment, as a papermill parameter, in an error message, in a tag value, as a
run name, as a tag key (refused). Jobs: a token-valued parameter with an innocent name (refused), a literal token in a
non-parameters cell (refused), a token printed in an output, a token quoted in an exception. A tracking URI's password
(with a raw @, a space or a / in it) in the journal a run keeps while its server is down."""
import json, shutil
from pathlib import Path
from conftest import all_runs, mlflow_client, papermill, write_notebook

VAR_TOKEN = 'hf_PLANTEDvariableTOKEN1234567890abcd'
CELL_TOKEN = 'sk-proj-PLANTEDcellSOURCEtoken1234567890'
ENV_TOKEN = 'PLANTED-env-value-7f3a9c'
PM_TOKEN = 'PLANTED-papermill-password-42'
NAME_TOKEN = 'ghp_PLANTEDrunNAMEtoken1234567890abcdefgh'
SECRETS = [VAR_TOKEN, CELL_TOKEN, ENV_TOKEN, PM_TOKEN, NAME_TOKEN]


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
        f'%%track -n "run {NAME_TOKEN}" --no-autolog\nmn.log(a=1)\n'
        'try: mn.set_tags(**{hf_token: "x"})\nexcept Exception as e: print("refused:", type(e).__name__, e)',
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
    assert 'run [REDACTED]' in runs                                    # a token as the run's name: scrubbed
    refused = ''.join(o.get('text', '') for c in out.cells if 'set_tags(**{hf_token' in c.source for o in c.outputs)
    assert 'refused: ConfigError a tag name holds what looks like a secret (hf_...)' in refused, refused
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


def test_a_tracking_uri_password_stays_out_of_the_journal(project):
    "The server is down, so the run is kept in the journal for later: the URI it keeps has no credentials, in any form."
    import os, subprocess
    from conftest import BIN
    for password in ('PLANTED-pass', 'PLANTED@pass', 'PLANTED pass', 'PLANTED/pass'):
        uri = f'http://alice:{password}@127.0.0.1:9'
        p = subprocess.run([str(BIN / 'python'), '-c', 'import mlops_nb as mn\nwith mn.track(name="offline"): mn.log(x=1)'],
                           cwd=project, capture_output=True, text=True, timeout=120,
                           env={**os.environ, 'MLFLOW_TRACKING_URI': uri, 'MLOPS_NB_ROOT': str(project)})
        assert p.returncode == 0 and 'is unreachable' in p.stderr and 'PLANTED' not in p.stderr, (password, p.stderr)
        [meta] = [json.loads(m.read_text()) for m in (project / '.mlops' / 'journal').glob('*/meta.json')]
        assert meta['tracking_uri'] == 'http://127.0.0.1:9', meta
        assert b'PLANTED' not in everything_recorded(project), password
        for j in (project / '.mlops' / 'journal').iterdir(): shutil.rmtree(j)
