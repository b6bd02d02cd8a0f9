"Packaging for mlops_nb: every setting lives in settings.ini (nbdev 2 layout)."
from configparser import ConfigParser
import os, shlex
import setuptools

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']
reqs = lambda key: shlex.split(cfg.get(key, ''))
extras = {name: reqs(f'{name}_requirements') for name in ('wandb', 'explain', 'lab', 'registry', 'monitor', 'dev')}
extras['all'] = sorted({r for k in ('wandb', 'explain', 'lab') for r in extras[k]})

def lab_files():
    "The sidebar's prebuilt bundle and the config that turns its server extension on, where Jupyter looks for them."
    out, src = [], 'mlops_nb/labextension'
    for d, _, files in os.walk(src):
        rel = os.path.relpath(d, src)
        out.append((os.path.normpath(os.path.join('share/jupyter/labextensions/mlops-nb-lab', rel)), [os.path.join(d, f) for f in sorted(files)]))
    return out + [('etc/jupyter/jupyter_server_config.d', ['jupyter-config/jupyter_server_config.d/mlops_nb.json'])]

setuptools.setup(
    name=cfg['lib_name'],
    version=cfg['version'],
    description=cfg['description'],
    keywords=cfg['keywords'],
    author=cfg['author'],
    author_email=cfg['author_email'],
    license='Apache-2.0',
    url=cfg['git_url'],
    classifiers=[
        'Development Status :: 3 - Alpha',
        'Intended Audience :: Developers',
        'Intended Audience :: Science/Research',
        'Framework :: Jupyter',
        'Programming Language :: Python :: 3',
    ],
    packages=setuptools.find_packages(include=['mlops_nb', 'mlops_nb.*']),
    include_package_data=True,
    data_files=lab_files(),
    install_requires=reqs('requirements'),
    extras_require=extras,
    python_requires='>=' + cfg['min_python'],
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    zip_safe=False,
    entry_points={
        'console_scripts': cfg.get('console_scripts', '').split(),
        'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"],
    },
)
