"""The wheel carries the sidebar: its prebuilt bundle where JupyterLab finds labextensions, and the config that turns the
server extension on, so `pip install mlops_nb[lab]` needs no Node."""
import json, subprocess, sys, zipfile
from conftest import REPO


def test_wheel_installs_the_prebuilt_sidebar_and_enables_its_server_extension(tmp_path):
    p = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '-q', '--no-deps', '--no-build-isolation', '-w', str(tmp_path), str(REPO)],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    [whl] = tmp_path.glob('mlops_nb-*.whl')
    with zipfile.ZipFile(whl) as z:
        names = z.namelist()
        data = next(n.split('/data/')[0] + '/data/' for n in names if '.data/data/' in n)
        ext = data + 'share/jupyter/labextensions/mlops-nb-lab/'
        meta = json.loads(z.read(ext + 'package.json'))
        built = sorted(n[len(ext):] for n in names if n.startswith(ext + 'static/'))
        config = json.loads(z.read(data + 'etc/jupyter/jupyter_server_config.d/mlops_nb.json'))
    assert meta['name'] == 'mlops-nb-lab' and meta['jupyterlab']['_build']['load'].startswith('static/remoteEntry.')
    assert meta['jupyterlab']['_build']['load'] in built                  # the entry point JupyterLab loads is in the wheel
    committed = sorted(f"static/{f.name}" for f in (REPO / 'mlops_nb' / 'labextension' / 'static').iterdir())
    assert built == committed
    assert config == {'ServerApp': {'jpserver_extensions': {'mlops_nb.lab.server': True}}}
