"""Build the JupyterLab extension (js/ -> mlops_nb/labextension/) and tell when its committed bundle is stale.

`python tools/labext.py build` installs js/'s locked dependencies and makes the production bundle, then writes the
hash of the sources it was built from to mlops_nb/labextension/sources.sha256; `hash` prints that hash for the sources
as they are now; `check` fails (exit 1, one line) when the bundle was built from other sources, or its hash is missing."""
import argparse, hashlib, os, shutil, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / 'js'
BUNDLE = ROOT / 'mlops_nb' / 'labextension'
STAMP = BUNDLE / 'sources.sha256'
FILES = ('package.json', 'yarn.lock', 'tsconfig.json', '.yarnrc.yml')
TREES = ('src', 'style')
STALE = "the lab extension's sources changed since its bundle was built: run make labext"


def sources() -> list[Path]:
    "The files the bundle is built from, sorted by their path relative to the repository."
    found = [JS / f for f in FILES] + [p for t in TREES for p in (JS / t).rglob('*') if p.is_file()]
    return sorted(found, key=lambda p: p.relative_to(ROOT).as_posix())


def source_hash() -> str:
    "sha256 over each source's relative path, size and bytes, in path order."
    h = hashlib.sha256()
    for p in sources():
        data = p.read_bytes() if p.exists() else b''
        h.update(f"{p.relative_to(ROOT).as_posix()}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def venv_env() -> dict:
    "The environment with the venv's bin first on PATH (its jlpm, node tools and jupyter-builder)."
    bins = [str(Path(sys.executable).parent), str(ROOT / '.venv' / 'bin')]
    return {**os.environ, 'PATH': os.pathsep.join(bins + [os.environ.get('PATH', '')])}


def build() -> int:
    "Install the locked dependencies, build the production bundle, record the sources' hash."
    env = venv_env()
    jlpm = shutil.which('jlpm', path=env['PATH'])
    if not jlpm: sys.exit("labext: jlpm not found: install the dev environment first (make venv)")
    for args in (['install', '--immutable'], ['build:prod']):
        subprocess.run([jlpm, *args], cwd=JS, env=env, check=True)
    STAMP.write_text(source_hash() + '\n', encoding='utf-8')
    size = sum(p.stat().st_size for p in BUNDLE.rglob('*') if p.is_file())
    print(f"labext: built {BUNDLE.relative_to(ROOT)} ({size / 1024:.0f} KB)")
    return 0


def check() -> int:
    "0 when the bundle's recorded hash is the sources' hash, else 1 with one line saying what to do."
    recorded = STAMP.read_text(encoding='utf-8').strip() if STAMP.exists() else None
    if recorded == source_hash(): return 0
    print(STALE, file=sys.stderr)
    return 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('command', choices=['build', 'hash', 'check'], help="build the bundle, print the sources' hash, or check the bundle")
    cmd = parser.parse_args(argv).command
    if cmd == 'hash': return print(source_hash()) or 0
    return build() if cmd == 'build' else check()


if __name__ == '__main__': sys.exit(main())
