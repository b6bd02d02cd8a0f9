"""The run widget in a real JupyterLab, in headless Chromium: its curve grows while the cell runs."""
import os, shutil, subprocess, time
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
    token, runtime = 'lab-token', tmp_path / 'runtime'
    proc = subprocess.Popen([str(BIN / 'jupyter-lab'), '--ServerApp.ip=127.0.0.1', '--ServerApp.port=0', '--ServerApp.port_retries=0',
                             f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={project}', '--no-browser']
                            + (['--allow-root'] if os.geteuid() == 0 else []),
                            stdout=open(tmp_path / 'lab.log', 'w'), stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, 'JUPYTER_RUNTIME_DIR': str(runtime)})
    try:
        url = f'http://127.0.0.1:{jupyter_port(runtime, proc)}'
        wait_http(f'{url}/api/status', timeout=90, proc=proc)
        yield url, token
    finally: stop(proc)


def kernel_idle(url, token) -> bool:
    "Whether the server has a kernel (the notebook's) that has started and is idle."
    import json, urllib.request
    with urllib.request.urlopen(f'{url}/api/kernels?token={token}', timeout=10) as r:
        return any(k.get('execution_state') == 'idle' for k in json.load(r))


POINTS = "() => { const p = document.querySelector('.jp-OutputArea svg polyline'); return p ? p.getAttribute('points').split(' ').length : 0 }"
STATUS = "() => { const s = document.querySelector('.jp-OutputArea .widget-html span'); return s ? s.textContent : '' }"
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
            deadline = time.time() + 120
            while time.time() < deadline:
                seen.append((page.evaluate(RUNNING), page.evaluate(POINTS), page.evaluate(STATUS)))
                if seen[-1][2] == 'FINISHED': break
                time.sleep(0.3)
            page.screenshot(path=str(tmp_path / 'lab.png'))
        finally: browser.close()
    while_running = [n for running, n, status in seen if running and status == 'RUNNING' and n > 0]
    assert len({n for n in while_running if n < 40}) >= 3, seen    # the curve was redrawn with more points, repeatedly, mid-cell
    assert while_running == sorted(while_running), seen             # and only ever grew
    assert seen[-1][1:] == (40, 'FINISHED'), seen               # and shows every point once the run ended
