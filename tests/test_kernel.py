"""A real ipykernel driven with jupyter_client: bad input, interrupts, help, imports, settings."""
import json, re, time
from conftest import mlflow_client, all_runs

HEAVY = ['mlflow', 'pandas', 'sklearn', 'shap', 'wandb', 'matplotlib', 'ipywidgets']


def test_load_ext_imports_nothing_heavy_itself_and_warms_mlflow_in_the_background(kernel, project):
    "`%load_ext` imports none of the heavy libraries in the cell; after it, a background thread imports MLflow and opens the store."
    content, _ = kernel.execute('%load_ext mlops_nb\nimport sys, threading\nfrom mlops_nb.tracking import api\nduring = len(api.WARM_UPS)')
    assert content['status'] == 'ok' and kernel.value('during') == 0                # not during the loading cell (see the next test)
    assert kernel.value('[len(api.WARM_UPS), api.WARM_UPS[0].name]') == [1, 'mlops_nb-warm-up']   # started when that cell ended
    assert kernel.value(f"[m for m in {HEAVY[2:]!r} if m in sys.modules]") == []       # never: only what MLflow needs is warmed
    assert kernel.value('api.WARM_UPS[0].join(120) is None and not api.WARM_UPS[0].is_alive() and "mlflow" in sys.modules')
    assert (project / '.mlops' / 'mlflow.db').exists()                              # the store is made before the first run needs it


def test_mlflow_imported_in_the_loading_cell_and_right_after_it_works(kernel, project):
    "The person's own `import mlflow` in the cell that loads the extension (the warm-up waits for that cell), and in the next one (which waits for the warm-up)."
    content, outs = kernel.execute('%load_ext mlops_nb\nimport mlflow\nfrom mlflow.tracking import MlflowClient\nmlflow.start_run; print("one")')
    assert content['status'] == 'ok', outs
    content, outs = kernel.execute('import mlflow.sklearn\nfrom mlflow.tracking.fluent import _get_experiment_id\nprint("two")')
    assert content['status'] == 'ok', outs


def test_bad_arguments_are_one_line_usage_errors_and_open_no_run(kernel, project):
    kernel.execute('%load_ext mlops_nb\nimport mlops_nb as mn\nlr = 0.1')
    cases = {
        '--bogus': 'unrecognized arguments: --bogus',
        '-p lr missing_var': "-p missing_var: there is no variable named 'missing_var'",
        '-t team': "-t takes KEY=VALUE; got 'team'",
        '-n "unclosed': 'cannot parse',
        '--resume 0123abcd': "no run '0123abcd'",
    }
    for line, message in cases.items():
        content, outs = kernel.execute(f'%%track {line}\nran = True')
        assert content['status'] == 'error' and content['ename'] == 'UsageError', (line, content)
        assert message in content['evalue'] and '\n' not in content['evalue'], (line, content['evalue'])
        assert kernel.value("'ran' in globals()") is False                       # the cell body did not run
    # an unreachable server: the cell runs all the same, with one warning line; the run is kept here under a local id
    content, _ = kernel.execute('%env MLFLOW_TRACKING_URI=http://127.0.0.1:9\n')
    content, outs = kernel.execute('%%track -p lr --no-autolog\nran = True')
    assert content['status'] == 'ok' and kernel.value("ran") is True, content
    said = [line for o in outs if o['msg_type'] == 'stream' for line in o['content']['text'].splitlines() if 'mlops_nb:' in line]
    assert len(said) == 1 and 'MLflow tracking server http://127.0.0.1:9 is unreachable' in said[0] and '%mlops status' in said[0], said
    assert kernel.value("mn.last_run().id.startswith('local-') and mn.last_run().status") == 'FINISHED'
    kernel.execute('%env MLFLOW_TRACKING_URI=')
    assert not (project / '.mlops' / 'mlflow.db').exists() or all_runs(mlflow_client(project)) == []
    # bad %mlops input too
    for line, message in {'frobnicate': "unknown subcommand 'frobnicate'", 'runs -n 0': '-n must be at least 1',
                          'config --tracking-uri ftp://x': "scheme 'ftp' is not a tracking URI", 'runs -e nope': "no experiment named 'nope'"}.items():
        content, _ = kernel.execute(f'%mlops {line}')
        assert content['ename'] == 'UsageError' and message in content['evalue'], (line, content)
    assert not (project / '.mlops' / 'config.json').exists()                      # the refused config wrote nothing


def test_interrupt_ends_the_run_killed_with_its_metrics(kernel, project):
    kernel.execute('%load_ext mlops_nb\nimport mlops_nb as mn')
    msg_id = kernel.kc.execute('%%track -n long --no-autolog\nimport time\nmn.log(step_done=1)\nprint("started", flush=True)\ntime.sleep(120)')
    deadline = time.time() + 60
    while time.time() < deadline:                                                 # wait for the cell to be inside sleep()
        msg = kernel.kc.get_iopub_msg(timeout=60)
        if msg['msg_type'] == 'stream' and 'started' in msg['content']['text']: break
    interrupted = int(time.time() * 1000)
    kernel.km.interrupt_kernel()                                                  # inside sleep(), or just before it: KILLED either way
    reply = kernel.kc.get_shell_msg(timeout=60)
    assert reply['parent_header']['msg_id'] == msg_id and reply['content']['ename'] == 'KeyboardInterrupt'
    [run] = all_runs(mlflow_client(project))
    assert run.info.status == 'KILLED' and run.info.end_time is not None and run.data.metrics['step_done'] == 1.0
    rss = mlflow_client(project).get_metric_history(run.info.run_id, 'system/process_memory_rss_megabytes')
    assert len(rss) >= 2 and all(m.value > 0 for m in rss), rss                    # one sample as it started, one as it ended
    assert max(m.timestamp for m in rss) >= interrupted, (rss, interrupted)        # the last one taken by the end, after the interrupt
    assert kernel.value('mn.last_run().status') == 'KILLED'


def test_help_is_real(kernel):
    kernel.execute('%load_ext mlops_nb')
    for query, expected in (('%%track?', ['-p VAR [VAR ...]', '--resume RUN_ID', '--no-autolog']),
                            ('%mlops?', ['%mlops config', '--tracking-uri URI', '%mlops runs', '--filter EXPR'])):
        content, _ = kernel.execute(query)
        text = ''.join(p['data']['text/plain'] for p in content.get('payload', []) if 'data' in p)
        assert all(e in text for e in expected), (query, text[:500])


def test_subcommand_help_is_the_clis(kernel):
    "`%mlops promote?` shows what `mlops-nb promote --help` shows, option for option."
    import subprocess
    from conftest import BIN
    kernel.execute('%load_ext mlops_nb')
    content, outs = kernel.execute('%mlops promote?')
    magic = ''.join(o['content']['text'] for o in outs if o['msg_type'] == 'stream')
    cli = subprocess.run([str(BIN / 'mlops-nb'), 'promote', '--help'], capture_output=True, text=True, check=True).stdout
    assert content['status'] == 'ok' and magic.startswith('usage: %mlops promote'), magic[:300]
    options = lambda text: [' '.join(line.split()) for line in text.split('options:')[1].splitlines() if line.strip().startswith('-')]
    assert options(magic) and set(options(magic)) <= set(options(cli)), (options(magic), options(cli))
    assert '--retry-delay SECONDS' in magic and '--no-smoke' in magic


def test_config_shows_sources_and_saves_for_the_project(kernel, project):
    kernel.execute('%load_ext mlops_nb')
    content, outs = kernel.execute('%mlops config')
    text = outs[-1]['content']['data']['text/plain']
    assert 'sqlite:///' in text and '(embedded)' in text and '[default]' in text
    content, outs = kernel.execute('%mlops config -e churn --autolog off')
    assert content['status'] == 'ok'
    assert (project / '.mlops' / 'config.json').read_text().count('churn') == 1
    kernel.execute('%load_ext mlops_nb\nimport mlops_nb as mn\n')
    kernel.execute('%%track\nmn.log(a=1)')
    [run] = all_runs(mlflow_client(project))
    assert mlflow_client(project).get_experiment(run.info.experiment_id).name == 'churn'


def test_vscode_notebook_path(kernel, project):
    nb = project / 'eda.ipynb'
    nb.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    kernel.execute(f'%load_ext mlops_nb\nimport mlops_nb as mn\n__vsc_ipynb_file__ = {str(nb)!r}')
    content, outs = kernel.execute('%%track --no-autolog\nmn.log(a=1)')
    assert content['status'] == 'ok'
    [run] = all_runs(mlflow_client(project))
    assert run.data.tags['mlflow.source.name'] == str(nb) and run.data.tags['mlops_nb.notebook.found_by'] == 'vscode'
    assert mlflow_client(project).get_experiment(run.info.experiment_id).name == 'eda'
    # VS Code draws widgets: the run is shown as its static form and a live widget; when it ends, the static summary stays
    static, live = [o['content']['data'] for o in outs if o['msg_type'] == 'display_data']
    assert 'class="mlops-static' in static['text/html'] and 'CONNECTING' in static['text/html'] and set(live) == {'application/vnd.jupyter.widget-view+json', 'text/plain'}
    ended = [o['content']['data'] for o in outs if o['msg_type'] == 'update_display_data']
    assert any('FINISHED' in d.get('text/html', '') for d in ended) and {'text/plain': ''} in ended, ended


def test_recorded_execution_count_is_the_prompts(kernel, project):
    "The run records the execution count the person sees, and a traceback from a tracked cell names that cell."
    kernel.execute('%load_ext mlops_nb\nimport mlops_nb as mn')
    kernel.execute('1 + 1')
    content, outs = kernel.execute('%%track -n counted --no-autolog\nmn.log(a=1)\nraise ValueError("boom")')
    n = content['execution_count']
    [run] = all_runs(mlflow_client(project))
    assert run.data.tags['mlops_nb.execution_count'] == str(n), (run.data.tags['mlops_nb.execution_count'], n)
    [err] = [o for o in outs if o['msg_type'] == 'error']
    plain = [re.sub(r'\x1b\[[0-9;]*m', '', line) for line in err['content']['traceback']]
    assert any(f'Cell In[{n}], line 3' in line for line in plain), plain


def test_sigkilled_kernel_leaves_nothing_running(project):
    "SIGKILL a kernel mid-run: the next %load_ext closes its run as KILLED and delivers what the journal holds."
    from conftest import Kernel, sigkill_mid_run
    sigkill_mid_run(project, '%%track -n doomed --no-autolog\nfor i in range(500): mn.log(loss=1 / (i + 1))\n'
                             'print("logged", flush=True)\ntime.sleep(120)', points=500)
    c = mlflow_client(project)
    [run] = all_runs(c)
    assert run.info.status == 'RUNNING'                                # as the dead kernel left it
    second = Kernel(cwd=project)
    try:
        content, outs = second.execute('%load_ext mlops_nb')
        text = ''.join(o['content'].get('text', '') for o in outs)
        assert f"run doomed ({run.info.run_id}) closed as KILLED (its process had died)" in text, text
    finally: second.close()
    run = c.get_run(run.info.run_id)
    assert run.info.status == 'KILLED' and run.info.end_time is not None
    assert sorted(m.step for m in c.get_metric_history(run.info.run_id, 'loss')) == list(range(500))


def test_provenance_out_of_order_and_edited_cells(project):
    "Cells run out of the notebook's order, or edited after they ran, are tagged on the run and shown by it."
    from conftest import Kernel, write_notebook
    nb = write_notebook(project / 'prov.ipynb', ['%load_ext mlops_nb\nimport mlops_nb as mn', 'a = 1', 'b = a + 1',
                                                '%%track -n prov --no-autolog\nmn.log(b=b)'])
    kernel = Kernel(cwd=project, env={'MLOPS_NB_NOTEBOOK': str(nb)})
    try:
        kernel.execute('%load_ext mlops_nb\nimport mlops_nb as mn')
        kernel.execute('a = 1')
        kernel.execute('b = a + 2')                                   # cell 3, edited before running: unlike the saved notebook
        kernel.execute('b = a + 1')                                   # then as saved
        kernel.execute('a = 1')                                       # cell 2 again, after cell 3: out of order
        content, outs = kernel.execute('%%track -n prov --no-autolog\nmn.log(b=b)')
    finally: kernel.close()
    assert content['status'] == 'ok'
    [run] = all_runs(mlflow_client(project))
    tags = run.data.tags
    assert tags['mlops_nb.out_of_order'] == 'true' and tags['mlops_nb.cells_unlike_saved'] == '1', tags
    assert len(tags['mlops_nb.cell.hash']) == 12
    html = ''.join(o['content']['data'].get('text/html', '') for o in outs if o['msg_type'] in ('display_data', 'update_display_data'))
    assert 'ran out of the notebook' in html and 'differ from the notebook as saved' in html


def test_compare_and_runs_table(kernel, project):
    kernel.execute('%load_ext mlops_nb\nimport mlops_nb as mn')
    for name, lr in (('slow', 0.01), ('fast', 0.3)):
        kernel.execute(f'lr = {lr}\n')
        content, _ = kernel.execute(f'%%track -n {name} -p lr --no-autolog\nfor i in range(5): mn.log(loss=lr / (i + 1))')
        assert content['status'] == 'ok'
    content, outs = kernel.execute('%mlops compare slow fast')
    html = outs[-1]['content']['data']['text/html']
    assert '1 params differ, 0 agree' in html and ' slow <code' in html and ' fast <code' in html and html.count('<polyline') == 2
    assert 'loss ↓</td><td style="padding:1px 10px 1px 0;color:#1a7f37;font-weight:700">0.002</td><td style="padding:1px 10px 1px 0;">0.06<' in html
    content, outs = kernel.execute('%mlops compare slow fast --higher loss')        # told otherwise: the other one is best
    assert 'loss ↑</td><td style="padding:1px 10px 1px 0;">0.002</td><td style="padding:1px 10px 1px 0;color:#1a7f37;font-weight:700">0.06<' in outs[-1]['content']['data']['text/html']
    # no widget front end here (a plain kernel client): the runs table is pandas' HTML
    content, outs = kernel.execute('%mlops runs')
    data = outs[-1]['content']['data']
    assert 'text/html' in data and 'application/vnd.jupyter.widget-view+json' not in data and 'slow' in data['text/html']
    # where a notebook front end draws widgets (VS Code here), it is the interactive table, with the HTML beside it
    kernel.execute(f"__vsc_ipynb_file__ = {str(project / 'x.ipynb')!r}")
    content, outs = kernel.execute('%mlops runs --all')
    static, live = outs[-2]['content']['data'], outs[-1]['content']['data']
    assert 'class="mlops-static' in static['text/html'] and 'slow' in static['text/html'] and 'application/vnd.jupyter.widget-view+json' in live
    content, _ = kernel.execute('%mlops compare slow')
    assert content['ename'] == 'UsageError' and 'at least two runs' in content['evalue']


def test_explaining_after_the_run_ended_leaves_its_record_as_it_was(kernel, project):
    "Explained in a later cell, the model's run gets the explanation, and keeps its status, end time and cells tag."
    kernel.execute('%load_ext mlops_nb\nimport mlops_nb as mn\nfrom sklearn.datasets import load_diabetes\n'
                   'from sklearn.tree import DecisionTreeRegressor\nX, y = load_diabetes(return_X_y=True, as_frame=True)')
    content, _ = kernel.execute('%%track -n fit --no-autolog\nm = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)\nmn.log(a=1)')
    assert content['status'] == 'ok', content
    rid, end = kernel.value('[mn.last_run().id, mn.last_run().end_time]')
    c = mlflow_client(project)
    before = c.get_run(rid)
    time.sleep(1.5)
    content, _ = kernel.execute('e = mn.explain(m, X.iloc[:50], verbose=False)')
    assert content['status'] == 'ok' and kernel.value('e.run_id') == rid, content
    kernel.execute('import time\nwhile mn.last_run().undelivered: time.sleep(0.05)')
    after = c.get_run(rid)
    assert (after.info.status, after.info.end_time, after.info.end_time) == ('FINISHED', before.info.end_time, int(end * 1000))
    assert after.data.tags['mlops_nb.cells'] == before.data.tags['mlops_nb.cells'] and json.loads(before.data.tags['mlops_nb.cells'])[0]['n'] == 2
    assert 'shap.bmi' in after.data.metrics and 'shap/values.npz' in [a.path for a in c.list_artifacts(rid, 'shap')]
