"""In a real JupyterLab, in headless Chromium: the run widget's curve grows while the cell runs; a saved notebook
reopened without its kernel shows every output's static form and no widget error."""
import os, shutil, subprocess, time
from pathlib import Path
import pytest
from conftest import BIN, jupyter_port, stop, wait_for, wait_http, write_notebook

BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync']


def chromium() -> str:
    path = os.environ.get('CHROMIUM') or shutil.which('chromium') or shutil.which('google-chrome')
    if not path: pytest.fail("this test needs Chromium: apt-get install chromium, or set CHROMIUM=/path/to/chrome")
    return path


@pytest.fixture
def lab(project, tmp_path):
    token, runtime, settings = 'lab-token', tmp_path / 'runtime', tmp_path / 'lab-settings'
    (settings / '@jupyterlab' / 'apputils-extension').mkdir(parents=True)          # no question about news over the outputs
    (settings / '@jupyterlab' / 'apputils-extension' / 'notification.jupyterlab-settings').write_text('{"fetchNews": "false"}')
    proc = subprocess.Popen([str(BIN / 'jupyter-lab'), '--ServerApp.ip=127.0.0.1', '--ServerApp.port=0', '--ServerApp.port_retries=0',
                             f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={project}', '--no-browser']
                            + (['--allow-root'] if os.geteuid() == 0 else []),
                            stdout=open(tmp_path / 'lab.log', 'w'), stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, 'JUPYTER_RUNTIME_DIR': str(runtime), 'JUPYTERLAB_SETTINGS_DIR': str(settings)})
    try:
        url = f'http://127.0.0.1:{jupyter_port(runtime, proc)}'
        wait_http(f'{url}/api/status', timeout=90, proc=proc)
        yield url, token
    finally: stop(proc)


def kernel_idle(url, token) -> bool:
    "Whether the server has a kernel (the notebook's) that has started and is idle (jupyter_server answers 500 while one starts)."
    import json, urllib.error, urllib.request
    try:
        with urllib.request.urlopen(f'{url}/api/kernels?token={token}', timeout=10) as r:
            return any(k.get('execution_state') == 'idle' for k in json.load(r))
    except urllib.error.HTTPError as e:
        if e.code == 500: return False
        raise


SHOWN = "const shown = sel => [...document.querySelectorAll(sel)].find(e => e.getClientRects().length);"   # the first one a person sees
POINTS = "() => { " + SHOWN + " const p = shown('.jp-OutputArea svg:not(.mlops-spark) polyline'); return p ? p.getAttribute('points').split(' ').length : 0 }"
STATUS = "() => { " + SHOWN + " const s = shown('.jp-OutputArea .widget-html span, .jp-OutputArea .mlops-static span'); return s ? s.textContent : '' }"
RUNNING = "() => Array.from(document.querySelectorAll('.jp-InputPrompt')).some(e => e.textContent.includes('[*]'))"


def test_curve_updates_live_while_the_cell_runs(project, lab, tmp_path):
    from playwright.sync_api import sync_playwright
    url, token = lab
    write_notebook(project / 'live.ipynb', ['%load_ext mlops_nb\nimport mlops_nb as mn, time',
                                            '%%track -n live --no-autolog\nfor i in range(40):\n    mn.log(loss=1 / (i + 1))\n    time.sleep(0.15)'])
    seen = []                                                   # (cell still running?, points drawn, status shown)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={'width': 1200, 'height': 900})
            page.goto(f'{url}/lab/tree/live.ipynb?token={token}')
            page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=90_000)
            page.wait_for_selector('.jp-Notebook-ExecutionIndicator, .jp-Toolbar-kernelStatus, .jp-KernelStatus', timeout=90_000)
            wait_for(lambda: kernel_idle(url, token), timeout=90, what="the notebook's kernel is up and idle")
            page.click('.jp-Notebook .jp-Cell >> nth=0')
            page.keyboard.press('Shift+Enter'); page.keyboard.press('Shift+Enter')
            deadline, finished = time.time() + 120, None
            while time.time() < deadline:
                seen.append((page.evaluate(RUNNING), page.evaluate(POINTS), page.evaluate(STATUS)))
                if seen[-1][2] == 'FINISHED':                   # the status and the curve are two updates: give the last a moment
                    finished = finished or time.time()
                    if seen[-1][1] == 40 or time.time() - finished > 5: break
                time.sleep(0.3)
            shot(page, tmp_path, 'run-widget-live.png')
        finally: browser.close()
    while_running = [n for running, n, status in seen if running and status == 'RUNNING' and n > 0]
    assert len({n for n in while_running if n < 40}) >= 3, seen    # the curve was redrawn with more points, repeatedly, mid-cell
    assert while_running == sorted(while_running), seen             # and only ever grew
    assert seen[-1][1:] == (40, 'FINISHED'), seen               # and shows every point once the run ended


def shot(page, tmp_path, name):
    "A full-page screenshot in the test's folder, and in `MLOPS_NB_SCREENSHOTS` (what `make screenshots` puts in the README)."
    page.screenshot(path=str(tmp_path / name), full_page=True)
    if (where := os.environ.get('MLOPS_NB_SCREENSHOTS')): shutil.copy(tmp_path / name, Path(where) / name)


FRONT_ENDS = {'jupyterlab4': '/lab/tree/', 'notebook7': '/notebooks/'}   # the same server serves both (notebook 7 is installed)


def _open(page, url, token, name, front='jupyterlab4'):
    page.goto(f'{url}{FRONT_ENDS[front]}{name}?token={token}')
    page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=90_000)


EXPLAIN_CELL = ('from sklearn.datasets import load_diabetes\nfrom sklearn.tree import DecisionTreeRegressor\n'
                'X, y = load_diabetes(return_X_y=True, as_frame=True)\nm = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)\n'
                'mn.explain(m, X.iloc[:30], log=False, verbose=False)')


MONITOR_CELL = ('from sklearn.datasets import load_breast_cancer\nfrom sklearn.linear_model import LogisticRegression\n'
                'from mlops_nb.monitor.reference import model_reference\n'
                'X, y = load_breast_cancer(return_X_y=True, as_frame=True)\nclf = LogisticRegression(max_iter=5000).fit(X[:300], y[:300])\n'
                'W = X[400:].assign(**{"mean texture": X["mean texture"][400:] + 8})\n'
                'mn.monitor(model_reference(clf, X[300:400], y[300:400]), W, y[400:], pred=clf.predict(W), proba=clf.predict_proba(W))')


def _run_all(browser, url, token, name, cells, front='jupyterlab4'):
    "A tall page with the notebook `name` open in `front`, its kernel up, and every cell run (Shift+Enter each); the page."
    page = browser.new_page(viewport={'width': 1200, 'height': 1500})
    _open(page, url, token, name, front)
    wait_for(lambda: kernel_idle(url, token), timeout=90, what="the notebook's kernel is up and idle")
    page.click('.jp-Notebook .jp-Cell >> nth=0')
    for _ in cells: page.keyboard.press('Shift+Enter')
    return page


VISIBLE = "sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length).map(e => e.innerText)"


@pytest.mark.parametrize('front', list(FRONT_ENDS))
def test_reopened_notebook_shows_static_outputs_and_no_widget_error(project, lab, tmp_path, front):
    """In JupyterLab 4 and in Notebook 7: run a tracked cell, `%mlops runs`, an explanation and a monitoring window; while the kernel lives
    each output shows once (widgets live, the ended run static); save; shut the kernel down; reload: every output shows
    its static form (the run with its curve, the runs table, the explanation, the window) and "model not found" is nowhere."""
    import json, urllib.request
    from playwright.sync_api import sync_playwright
    url, token = lab
    cells = ['%load_ext mlops_nb\nimport mlops_nb as mn',
             '%%track -n kept-run --no-autolog\nfor i in range(20): mn.log(loss=1 / (i + 1))',
             '%mlops runs',
             EXPLAIN_CELL, MONITOR_CELL]
    nb = write_notebook(project / f'kept-{front}.ipynb', cells)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=BROWSER_ARGS)
        try:
            page = _run_all(browser, url, token, nb.name, cells, front)
            wait_for(lambda: page.evaluate("() => document.querySelectorAll('.jp-OutputArea .mlops-static').length") == 4
                     and not page.evaluate(RUNNING) and page.evaluate(VISIBLE, '.jp-OutputArea .mlops-live'), timeout=180,
                     what='the three outputs and their widgets')
            live = page.evaluate(VISIBLE, '.jp-OutputArea .mlops-live')
            static = page.evaluate(VISIBLE, '.jp-OutputArea .mlops-static')
            assert len(live) == 3 and len(static) == 1 and 'kept-run' in static[0] and 'FINISHED' in static[0], (live, static)   # the run ended: static
            assert any('Global' in t for t in live) and any('kept-run' in t for t in live)   # live: the explanation's tabs and the runs table
            shot(page, tmp_path, 'live-outputs.png' if front == 'jupyterlab4' else f'live-outputs-{front}.png')
            page.keyboard.press('Control+s')
            wait_for(lambda: nb.read_text().count('class=\\"mlops-static') == 4, timeout=60, what='the notebook saved')
            req = urllib.request.Request(f'{url}/api/kernels?token={token}')
            for k in json.load(urllib.request.urlopen(req, timeout=10)):
                urllib.request.urlopen(urllib.request.Request(f"{url}/api/kernels/{k['id']}?token={token}", method='DELETE'), timeout=30)
            page.reload()
            page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=90_000)
            wait_for(lambda: len(page.evaluate(VISIBLE, '.jp-OutputArea .mlops-static')) == 4, timeout=60, what='the static outputs')
            time.sleep(3)                                        # the widget manager has given up on the models by now
            shown, body = page.evaluate(VISIBLE, '.jp-OutputArea .mlops-static'), page.evaluate('() => document.body.innerText')
            shot(page, tmp_path, 'reopened-without-kernel.png' if front == 'jupyterlab4' else f'reopened-{front}.png')
        finally: browser.close()
    assert 'kept-run' in shown[0] and 'FINISHED' in shown[0], shown[0]                       # the run, as it ended
    assert 'kept-run' in shown[1] and '1 runs' in shown[1] and 'duration' in shown[1], shown[1]   # the runs table
    assert 'DecisionTreeRegressor: SHAP values of' in shown[2], shown[2]                     # the explanation
    assert 'monitor a reference profile' in shown[3] and 'mean texture' in shown[3] and 'drifted' in shown[3], shown[3]   # the window
    assert 'model not found' not in body and 'Error displaying widget' not in body and 'Loading widget' not in body and 'kept-run' in body


def test_runs_table_sorts_filters_compares_and_the_explanation_has_three_tabs(project, lab, tmp_path):
    """In the browser: the runs table is one line per run; filtering and sorting redraw it; picking two runs shows their
    comparison; the explanation's Global, Local and Dependence tabs each show their plot."""
    from playwright.sync_api import sync_playwright
    url, token = lab
    cells = ['%load_ext mlops_nb\nimport mlops_nb as mn',
             'for name, lr in (("slow", 0.01), ("fast", 0.3)):\n    with mn.track(name=name, params={"lr": lr}, autolog=False):\n'
             '        for i in range(10): mn.log(loss=lr / (i + 1), val_acc=1 - lr / (i + 1))',
             '%mlops runs',
             EXPLAIN_CELL, MONITOR_CELL]
    write_notebook(project / 'table.ipynb', cells)
    rows = "() => [...document.querySelectorAll('.mlops-live .mlops-runs > div:nth-child(2) tbody tr')].filter(e => e.getClientRects().length).map(e => e.innerText)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=BROWSER_ARGS)
        try:
            page = _run_all(browser, url, token, 'table.ipynb', cells)
            wait_for(lambda: len(page.evaluate(VISIBLE, '.jp-OutputArea .mlops-live')) == 3 and not page.evaluate(RUNNING), timeout=180,
                     what='the runs table, the explanation and the monitoring window')
            first = page.evaluate(rows)
            assert len(first) == 2 and first[0].startswith('FINISHED') and 'fast' in first[0] and 'slow' in first[1], first   # newest first
            head = page.evaluate("() => [...document.querySelectorAll('.mlops-live .mlops-runs > div:nth-child(2) thead th')].map(e => e.innerText)")
            assert head[:4] == ['status', 'name', 'start', 'duration'] and 'loss' in head and 'lr' in head and len(head) <= 12, head
            table = page.locator('.mlops-live:has(.mlops-runs)')
            table.locator('input[placeholder^="filter"]').fill('slow'); table.locator('input[placeholder^="filter"]').press('Enter')
            wait_for(lambda: len(page.evaluate(rows)) == 1, timeout=30, what='the filter')
            assert 'slow' in page.evaluate(rows)[0]
            table.locator('input[placeholder^="filter"]').fill(''); table.locator('input[placeholder^="filter"]').press('Enter')
            table.locator('.widget-dropdown select').select_option(label='loss')
            table.locator('button:has-text("descending")').click()                  # ascending loss: slow (0.001) first
            wait_for(lambda: len(page.evaluate(rows)) == 2 and 'slow' in page.evaluate(rows)[0], timeout=30, what='sorting by loss')
            shot(page, tmp_path, 'runs-table.png')
            picker = table.locator('select[multiple]')
            picker.select_option(index=[0, 1])
            wait_for(lambda: page.evaluate(VISIBLE, '.mlops-live .mlops-compare'), timeout=60, what='the comparison of the two picked runs')
            compared = page.evaluate(VISIBLE, '.mlops-live .mlops-compare')[0]
            assert 'Params that differ' in compared and 'Metrics (final values)' in compared and 'loss ↓' in compared, compared
            page.locator('.mlops-live .mlops-compare').scroll_into_view_if_needed()
            shot(page, tmp_path, 'compare.png')
            tabs = page.locator('.mlops-live .lm-TabBar-tab')
            assert [t.strip() for t in tabs.all_inner_texts()] == ['Global', 'Local', 'Dependence']
            images = "() => [...document.querySelectorAll('.mlops-live .widget-tab img, .mlops-live .jupyter-widget-tab img')].filter(e => e.getClientRects().length && e.naturalWidth > 0).length"
            assert page.evaluate(images) == 2                                        # Global: the bar and the beeswarm
            page.locator('.mlops-live .lm-TabBar').scroll_into_view_if_needed()
            shot(page, tmp_path, 'explanation-global.png')
            drawn = page.evaluate("() => { const ims = [...document.querySelectorAll('.mlops-live .widget-tab img, .mlops-live .jupyter-widget-tab img')]"
                                  ".filter(e => e.getClientRects().length); const tab = ims[0].closest('.widget-tab, .jupyter-widget-tab');"
                                  " return [ims.map(i => [i.clientWidth, i.naturalWidth]), tab.getBoundingClientRect().height] }")
            assert all(abs(2 * shown - natural) <= 2 for shown, natural in drawn[0]), drawn   # shown at the size drawn for: not stretched
            assert drawn[1] < 900, drawn                                              # the Global tab fits one screen
            for name, n in (('Local', 1), ('Dependence', 1)):
                tabs.filter(has_text=name).click()
                wait_for(lambda: page.evaluate(images) == n, timeout=60, what=f'the {name} tab drawn')
                page.locator('.mlops-live .lm-TabBar').scroll_into_view_if_needed()
                shot(page, tmp_path, f'explanation-{name.lower()}.png')
                if name == 'Local':                                                 # the row's value table fits, not cut off at the edge
                    fits = page.evaluate("() => { const t = [...document.querySelectorAll('.mlops-live .widget-html')].find(e => e.getClientRects().length && e.innerText.includes('row 0 of'));"
                                         " const box = t.closest('.widget-tab, .jupyter-widget-tab').getBoundingClientRect(); const r = t.getBoundingClientRect();"
                                         " return [r.right, box.right, t.scrollWidth <= t.clientWidth + 1] }")
                    assert fits[0] <= fits[1] + 1 and fits[2], fits
            assert 'feature' in page.evaluate(VISIBLE, '.mlops-live .widget-tab, .mlops-live .jupyter-widget-tab')[0]
            monitor_widget_in_the_notebook(page, tmp_path)
        finally: browser.close()


def monitor_widget_in_the_notebook(page, tmp_path):
    "The monitoring window's widget: the columns drifted first, 'drifted only' keeps those, a picked column drawn large; monitor-widget.png."
    from playwright.sync_api import expect
    box = page.locator('.mlops-live:has(.mlops-columns)')
    rows = box.locator('.mlops-columns tr[data-column]')
    expect(rows).to_have_count(31, timeout=30_000)                            # 30 columns and the prediction
    expect(box.locator('.mlops-columns tr[data-column="mean texture"]')).to_contain_text('drifted')   # the shifted one
    drifted = box.locator('.mlops-columns tr[data-column]:has-text("drifted")').count()
    box.locator('button:text-is("drifted only")').click()
    expect(rows).to_have_count(drifted, timeout=30_000)
    assert 1 <= drifted < 31, drifted
    pick = box.locator('.widget-dropdown select')
    for col in ('worst area', 'mean texture'):                                # a picked column drawn large, beside the table
        pick.select_option(label=col)
        expect(box.locator(f'.mlops-column[data-column="{col}"] svg.mlops-dist')).to_be_visible(timeout=30_000)
    box.scroll_into_view_if_needed()
    shot(page, tmp_path, 'monitor-widget.png')
