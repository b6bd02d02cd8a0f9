"""The sidebar in a real JupyterLab, in headless Chromium: a run tracked in a notebook of the same JupyterLab shows up
in the panel as RUNNING and turns FINISHED, is still there after a kernel restart, and opens in full; a job promoted
beforehand runs from the panel's Run now, a notification says it ended, and its output notebook opens from its history; a
model registered and validated beforehand shows its champion, and is promoted (forced past its gate) and rolled back from
the Models section, the store's alias moving each time."""
import json, os, shutil, subprocess, time, urllib.error, urllib.request
from pathlib import Path
import pytest
from conftest import BIN, jupyter_port, mlflow_client, stop, wait_for, wait_http, write_notebook

BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync']
TOKEN = 'panel-token'
JOB = 'retrain'
NOTEBOOK = ['%load_ext mlops_nb\nimport mlops_nb as mn, os, time',
            'for lr in (0.1, 0.03):\n    with mn.track(name=f"baseline-lr{lr}", params={"lr": lr}, autolog=False):\n'
            '        for i in range(20): mn.log(loss=lr + 1 / (i + 1))',
            # runs until the test has seen it live (it writes `stop`), and at least 3 s; never more than 2 min
            '%%track -n live --no-autolog\ni = 0\nwhile i < 1200 and (i < 30 or not os.path.exists("stop")):\n'
            '    mn.log(loss=1 / (i + 1))\n    i += 1\n    time.sleep(0.1)']
JOB_NOTEBOOK = [('parameters', 'n = 5'), '%load_ext mlops_nb\nimport mlops_nb as mn',
                '%%track -n retrain --no-autolog\nfor i in range(n): mn.log(loss=1 / (i + 1))']


def chromium() -> str:
    path = os.environ.get('CHROMIUM') or ('/usr/bin/chromium' if os.path.exists('/usr/bin/chromium') else shutil.which('chromium'))
    if not path: pytest.fail("this test needs Chromium: apt-get install chromium, or set CHROMIUM=/path/to/chrome")
    return path


def shot(page, tmp_path, name):
    "A screenshot in the test's folder, and in `MLOPS_NB_SCREENSHOTS` (what `make screenshots` puts in the README)."
    page.screenshot(path=str(tmp_path / name), full_page=True)
    if (where := os.environ.get('MLOPS_NB_SCREENSHOTS')): shutil.copy(tmp_path / name, Path(where) / name)


def get(url, route):
    "The JSON a GET of the Jupyter server answers (with the token)."
    with urllib.request.urlopen(f"{url}/{route}{'&' if '?' in route else '?'}token={TOKEN}", timeout=10) as r: return json.load(r)


def register_models(project):
    """A registered model: logistic regressions on scikit-learn's breast cancer data, a good one (v1, passes a small gate,
    champion) and a weak one (v2, fails it)."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    import mlops_nb as mn
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0)
    for C in (1.0, 1e-5): mn.register(LogisticRegression(C=C, max_iter=5000).fit(Xtr, ytr), 'cancer', X_example=Xtr)
    assert [mn.validate('cancer', Xte, yte, gate={'metrics': {'accuracy': {'min': 0.95}}}, version=v).passed for v in (1, 2)] == [True, False]
    mn.promote_model('cancer', 1, reason='first')


def champion(project) -> int:
    return int(mlflow_client(project).get_model_version_by_alias('cancer', 'champion').version)


@pytest.fixture
def lab(project, tmp_path):
    """JupyterLab rooted in the project, with a job promoted there beforehand; its config, runtime, settings and
    workspaces in temp dirs, MLOPS_NB_ROOT unset (the server finds the project by itself) and no system metrics."""
    env = {k: v for k, v in os.environ.items() if k != 'MLOPS_NB_ROOT'}
    dirs = {k: tmp_path / k for k in ('config', 'runtime', 'settings', 'workspaces')}
    for d in dirs.values(): d.mkdir()
    env.update(MLOPS_NB_SYSTEM_METRICS='0', JUPYTER_CONFIG_DIR=str(dirs['config']), JUPYTER_RUNTIME_DIR=str(dirs['runtime']),
               JUPYTERLAB_SETTINGS_DIR=str(dirs['settings']))
    (dirs['settings'] / '@jupyterlab' / 'apputils-extension').mkdir(parents=True)          # no question about news
    (dirs['settings'] / '@jupyterlab' / 'apputils-extension' / 'notification.jupyterlab-settings').write_text('{"fetchNews": "false"}')
    write_notebook(project / 'live.ipynb', NOTEBOOK)
    write_notebook(project / 'nbs' / f'{JOB}.ipynb', JOB_NOTEBOOK)
    p = subprocess.run([str(BIN / 'mlops-nb'), 'promote', f'nbs/{JOB}.ipynb', JOB, '--schedule', '0 2 * * *', '--no-smoke'], cwd=project, env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    register_models(project)                                   # in this process: MLOPS_NB_ROOT is the project's
    log = tmp_path / 'lab.log'
    proc = subprocess.Popen([str(BIN / 'jupyter-lab'), '--ServerApp.ip=127.0.0.1', '--ServerApp.port=0', '--ServerApp.port_retries=0',
                             f'--IdentityProvider.token={TOKEN}', f'--ServerApp.root_dir={project}', f"--LabApp.workspaces_dir={dirs['workspaces']}",
                             '--no-browser'] + (['--allow-root'] if os.geteuid() == 0 else []),
                            cwd=project, stdout=open(log, 'w'), stderr=subprocess.STDOUT, start_new_session=True, env=env)
    try:
        url = f"http://127.0.0.1:{jupyter_port(dirs['runtime'], proc)}"
        wait_http(f'{url}/api/status', timeout=90, proc=proc)
        # the server extension is enabled by the venv's sys-prefix config, read although JUPYTER_CONFIG_DIR is isolated
        assert not list(dirs['config'].rglob('*.json')) and 'mlops_nb: the sidebar' in log.read_text(), log.read_text()[-2000:]
        assert get(url, 'mlops-nb/api/project')['name'] == project.name
        yield url, proc
    finally: stop(proc)


def kernel(url):
    "The server's one kernel (the notebook's), or None (also while one starts: jupyter_server answers 500 then)."
    try: ks = get(url, 'api/kernels')
    except urllib.error.HTTPError as e:
        if e.code == 500: return None
        raise
    return ks[0] if len(ks) == 1 else None


def kernel_pids(server) -> set:
    "The pids of the kernel processes under the Jupyter server (a restarted kernel is a new process)."
    import psutil
    def kernel_cmd(p):
        try: return 'ipykernel' in ' '.join(p.cmdline())
        except psutil.Error: return False
    return {p.pid for p in psutil.Process(server.pid).children(recursive=True) if kernel_cmd(p)}


def run_row(panel, name):
    return panel.locator(f'.mlops-run:has(.mlops-name:text-is("{name}"))')


def parsed(path: Path):
    "The notebook at `path` once it is there and whole (the server may have created it and not yet written it), else None."
    try: return json.loads(path.read_text())
    except (OSError, ValueError): return None


def test_panel_shows_live_runs_and_runs_jobs(project, lab, tmp_path):
    from playwright.sync_api import sync_playwright, expect
    url, server = lab
    errors, times, t0 = [], {}, time.time()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={'width': 1280, 'height': 800})
            page.on('console', lambda m: m.type == 'error' and errors.append(f"{m.text} @ {m.location.get('url')}"))
            page.on('pageerror', lambda e: errors.append(f'pageerror: {e}'))
            page.goto(f'{url}/lab/tree/live.ipynb?token={TOKEN}')
            expect(page.locator('.jp-Notebook .jp-Cell').first).to_be_visible(timeout=90_000)
            wait_for(lambda: (k := kernel(url)) and k['execution_state'] == 'idle', timeout=90, what="the notebook's kernel is up and idle")

            # the panel, from its icon in the left bar: Runs first, nothing yet
            page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="mlops-nb-panel"]').click()
            panel = page.locator('#mlops-nb-panel')
            expect(panel.locator('.mlops-tab.mlops-active')).to_have_text('Runs', timeout=30_000)
            expect(panel.locator('.mlops-project-name')).to_have_text(project.name, timeout=30_000)

            # three cells: the extension, two quick runs, and a live run that lasts until the test has seen it
            page.locator('.jp-Notebook .jp-Cell').first.click()
            for _ in NOTEBOOK: page.keyboard.press('Shift+Enter')
            live = run_row(panel, 'live')
            expect(live.locator('.mlops-badge')).to_have_text('running', timeout=120_000)
            times['run seen live'] = time.time() - t0
            expect(live.locator('.mlops-spark')).to_be_visible(timeout=60_000)      # its curve so far
            expect(run_row(panel, 'baseline-lr0.1').locator('.mlops-badge')).to_have_text('finished')
            assert page.locator('.jp-InputPrompt:has-text("[*]")').count() == 1       # the cell is still running
            page.locator('.jp-Notebook .jp-Cell').nth(2).scroll_into_view_if_needed()
            shot(page, tmp_path, 'panel-runs.png')
            (project / 'stop').touch()
            expect(live.locator('.mlops-badge')).to_have_text('finished', timeout=60_000)
            expect(page.locator('.jp-InputPrompt:has-text("[*]")')).to_have_count(0, timeout=30_000)
            times['run finished'] = time.time() - t0

            # restart the kernel from the Kernel menu, confirm; the run is still in the panel, opened again from the palette
            before = kernel_pids(server)
            assert len(before) == 1, before
            page.locator('.lm-MenuBar-itemLabel:text-is("Kernel")').click()
            page.locator('.lm-Menu-itemLabel:text-is("Restart Kernel…")').click()
            page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept').click()
            expect(page.locator('.jp-Dialog')).to_have_count(0, timeout=30_000)
            wait_for(lambda: (now := kernel_pids(server)) and not now & before and (k := kernel(url)) and k['execution_state'] == 'idle',
                     timeout=90, what='the kernel restarted (a new process) and idle')
            expect(page.locator('#jp-main-statusbar')).to_contain_text('Python 3 (ipykernel) | Idle', timeout=60_000)   # and the notebook knows
            page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="mlops-nb-panel"]').click()   # closes the panel
            expect(panel).to_be_hidden(timeout=10_000)
            page.keyboard.press('Control+Shift+C')
            page.locator('.lm-CommandPalette-input').fill('mlops_nb: Open panel')
            page.locator('.lm-CommandPalette-item:has-text("mlops_nb: Open panel")').click()
            expect(panel).to_be_visible(timeout=10_000)
            expect(live.locator('.mlops-badge')).to_have_text('finished', timeout=30_000)
            expect(panel.locator('.mlops-error:visible')).to_have_count(0)

            # the run in full: its metric and the link to its notebook
            live.locator('.mlops-name').click()
            detail = panel.locator('.mlops-detail')
            expect(detail.locator('.mlops-head .mlops-name')).to_have_text('live', timeout=30_000)
            expect(detail.locator('.mlops-metric-block .mlops-key:text-is("loss")')).to_be_visible()
            expect(detail.locator('.mlops-metric-block .mlops-curve')).to_be_visible()
            expect(detail.locator('button.mlops-link:text-is("Open notebook")')).to_have_attribute('title', 'live.ipynb')
            shot(page, tmp_path, 'panel-run-detail.png')
            detail.locator('button:has-text("Back")').click()

            # the job: Run now, the notification that it ended, the run in its history, its output notebook opened
            panel.locator('.mlops-tab[data-section="jobs"]').click()
            job = panel.locator(f'.mlops-job[data-job="{JOB}"]')
            expect(job.locator('.mlops-line').first).to_contain_text('never run', timeout=30_000)
            job.locator('.mlops-toggle').click()
            expect(job.locator('.mlops-history')).to_contain_text('no runs yet', timeout=30_000)
            job.locator('button:text-is("Run now")').click()
            toasts = page.locator('.Toastify__toast')
            expect(toasts.filter(has_text=f'job {JOB} started')).to_be_visible(timeout=30_000)
            expect(toasts.filter(has_text=f'job {JOB}: the run you started succeeded')).to_be_visible(timeout=300_000)
            times['job ended'] = time.time() - t0
            history = job.locator('.mlops-jobrun')
            expect(history).to_have_count(1, timeout=30_000)
            expect(history.locator('.mlops-badge')).to_have_text('succeeded')
            expect(history).to_contain_text('lab')
            output = history.locator('button.mlops-link:text-is("output")')
            expect(output).to_be_visible()
            settled(page, toasts.last)
            shot(page, tmp_path, 'panel-jobs.png')
            assert not extension_errors(errors), errors

            models_from_the_panel(page, panel, project, tmp_path)
            times['models moved'] = time.time() - t0
            monitoring_from_the_panel(page, panel, project, tmp_path)
            times['windows seen'] = time.time() - t0
            panel.locator('.mlops-tab[data-section="jobs"]').click()

            path = output.get_attribute('title')
            assert path.startswith(f'.mlops/jobs/{JOB}/runs/') and path.endswith('.ipynb') and (project / path).is_file(), path
            output.click()
            # under `.mlops/`, which Jupyter's contents API hides: it opens read-only from the sidebar's own drive
            current = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel')
            expect(current).to_have_text(Path(path).name, timeout=60_000)
            cells = page.locator('.jp-NotebookPanel:visible .jp-Cell')
            expect(cells.first).to_be_visible(timeout=60_000)
            expect(cells.filter(has_text='for i in range(n)')).to_have_count(1)
            expect(cells.filter(has_text='for i in range(n)').locator('.jp-OutputArea-output')).to_contain_text('FINISHED')  # what it recorded
            times['output opened'] = time.time() - t0
            # read-only, the record of what ran: Save As keeps an editable copy in the Jupyter root, the output untouched
            before = (project / path).stat().st_mtime_ns
            page.locator('.lm-MenuBar-itemLabel:text-is("File")').click()
            page.locator('.lm-Menu-itemLabel:text-is("Save Notebook As…")').click()
            page.locator('.jp-Dialog input').fill('copy-of-output.ipynb')
            page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept').click()
            copy = wait_for(lambda: parsed(project / 'copy-of-output.ipynb'), timeout=30, what='the copy saved (whole)')
            assert [''.join(c['source']) for c in copy['cells']] == [''.join(c['source']) for c in json.loads((project / path).read_text())['cells']]
            assert (project / path).stat().st_mtime_ns == before
            expect(current).to_have_text('copy-of-output.ipynb', timeout=30_000)
        finally: browser.close()
    assert not extension_errors(errors), errors
    print(f"timings (s): {', '.join(f'{k} {v:.0f}' for k, v in times.items())}; console errors not from the extension: {errors}")


def extension_errors(errors):
    "The console errors that come from the sidebar or its API."
    return [e for e in errors if 'mlops' in e.lower()]


def settled(page, toast, timeout=5):
    "Wait (a little, never failing) for a notification to have slid fully into the window, for the screenshot."
    width = page.viewport_size['width']
    try: wait_for(lambda: (b := toast.bounding_box(timeout=1000)) and b['x'] + b['width'] <= width, timeout=timeout)
    except Exception: pass


def models_from_the_panel(page, panel, project, tmp_path):
    "The Models section: the model and its champion; v2 (its gate failed) promoted only when forced with a reason; rolled back."
    from playwright.sync_api import expect
    panel.locator('.mlops-tab[data-section="models"]').click()
    row = panel.locator('.mlops-model[data-model="cancer"]')
    expect(row.locator('.mlops-champion')).to_have_text('champion v1', timeout=30_000)
    expect(row.locator('.mlops-verdict')).to_have_text('passed')
    expect(row).to_contain_text('2 versions')
    row.click()
    v2 = panel.locator('.mlops-version[data-version="2"]')
    expect(v2.locator('.mlops-verdict')).to_have_text('failed', timeout=30_000)
    expect(panel.locator('.mlops-version[data-version="1"] .mlops-verdict')).to_have_text('passed')
    expect(panel.locator('.mlops-version[data-version="1"] a.mlops-link:text-is("card")')).to_be_visible()
    v2.locator('button.mlops-promote').click()
    form, go = v2.locator('.mlops-form'), v2.locator('button.mlops-confirm')
    expect(form).to_contain_text('gate failed: accuracy')
    form.locator('.mlops-reason-input').fill('the weak one, on purpose')
    expect(go).to_be_disabled()                                  # a failed gate: not without force
    form.locator('.mlops-force').check()
    expect(go).to_be_enabled()
    go.click()
    dialog = page.locator('.jp-Dialog')
    expect(dialog).to_contain_text('champion: v1 → v2 (forced')
    dialog.locator('.jp-Dialog-button.jp-mod-accept').click()
    toasts = page.locator('.Toastify__toast')
    expect(toasts.filter(has_text='promoted: cancer@champion: version 2 (was 1), forced')).to_be_visible(timeout=120_000)
    assert champion(project) == 2                                # in the store, as MLflow's client reads it
    moves = panel.locator('.mlops-move')
    expect(moves).to_have_count(2, timeout=30_000)
    expect(moves.first).to_contain_text('forced')
    expect(moves.first).to_contain_text('the weak one, on purpose')
    expect(v2.locator('.mlops-alias:text-is("champion")')).to_be_visible()
    settled(page, toasts.last)
    shot(page, tmp_path, 'models-section.png')
    panel.locator('.mlops-alias[data-alias="champion"] button.mlops-rollback').click()
    back = panel.locator('.mlops-rollback-form')
    back.locator('.mlops-reason-input').fill('too weak')
    back.locator('button.mlops-confirm').click()
    expect(dialog).to_contain_text('moves back from v2')
    dialog.locator('.jp-Dialog-button.jp-mod-accept').click()
    expect(toasts.filter(has_text='rolled back: cancer@champion: version 1 (was 2)')).to_be_visible(timeout=120_000)
    assert champion(project) == 1
    expect(moves).to_have_count(3, timeout=30_000)
    expect(moves.first).to_contain_text('too weak')
    panel.locator('.mlops-model-detail .mlops-head button:text-is("‹ Back")').click()
    expect(row.locator('.mlops-champion')).to_have_text('champion v1', timeout=30_000)
    expect(row).to_contain_text('rolled back champion v2 → v1')


def monitoring_from_the_panel(page, panel, project, tmp_path):
    """Two windows of cancer@champion recorded by `mn.monitor` (the test rows, then three columns shifted under a rule that
    fires): the Models section shows the last one's alert badge, drift share and accuracy, and the model's detail its windows
    and a link to the window's report page; Status lists the alert; screenshots monitor-section.png and monitor-report.png."""
    from playwright.sync_api import expect
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split
    import mlops_nb as mn
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    _, Xte, _, yte = train_test_split(X, y, test_size=0.3, random_state=0)
    steady = mn.monitor('cancer@champion', Xte, yte)
    shifted = Xte.assign(**{c: Xte[c] + X[c].std() for c in ('mean radius', 'mean texture', 'worst area')})
    alerted = mn.monitor('cancer@champion', shifted, yte, alert='drift_share > 0.05 or accuracy < 0.5')
    assert (steady.alert, alerted.alert) == (None, True)
    run = mlflow_client(project).get_run(alerted.run_id)                      # as MLflow's client reads the window
    share, acc = run.data.metrics['drift_share'], run.data.metrics['accuracy']
    panel.locator('.mlops-tab[data-section="models"]').click()
    line = panel.locator('.mlops-model[data-model="cancer"] .mlops-window')
    expect(line.locator('.mlops-monitor-badge')).to_have_text('alert', timeout=60_000)
    expect(line.locator('.mlops-drift')).to_have_text(f"drift {round(share * 100)}% ({len(alerted.drifted)} columns)")
    expect(line.locator('.mlops-perf')).to_contain_text(f"accuracy {acc:.4g} (ref ")
    panel.locator('.mlops-model[data-model="cancer"] .mlops-name').click()
    block = panel.locator('.mlops-monitoring')
    expect(block.locator('h3')).to_have_text('Monitoring (2 windows)', timeout=30_000)
    expect(block).to_contain_text('rule: drift_share > 0.05 or accuracy < 0.5')
    expect(block.locator('.mlops-spark')).to_be_visible()
    shot(page, tmp_path, 'monitor-section.png')
    with page.expect_popup() as opened: block.locator('a.mlops-report').click()      # the window's report in a tab of its own
    report = opened.value
    expect(report.locator('.mlops-columns tr[data-column="mean texture"]')).to_contain_text('drifted', timeout=30_000)
    expect(report.locator('svg.mlops-timeline circle')).to_have_count(2)
    shot(report, tmp_path, 'monitor-report.png')
    report.close()
    panel.locator('.mlops-model-detail .mlops-head button:text-is("‹ Back")').click()
    panel.locator('.mlops-tab[data-section="status"]').click()
    alert = panel.locator('.mlops-alert-row[data-model="cancer"]')
    expect(alert).to_contain_text('champion v1', timeout=30_000)
    expect(alert).to_contain_text(f"drift {round(share * 100)}%")
