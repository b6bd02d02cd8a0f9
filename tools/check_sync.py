"""Fail when the committed library, README or notebooks are not what the notebooks give: `nbdev_export`
must change nothing in mlops_nb/, `nbdev_clean` nothing in nbs/, and README.md must match
nbs/index.ipynb. Export and clean run on a copy, so the checkout is never changed by checking it."""
import filecmp, shutil, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

def differences(a: Path, b: Path, pattern: str) -> list:
    names = {p.relative_to(a) for p in a.rglob(pattern)} | {p.relative_to(b) for p in b.rglob(pattern)}
    names = {n for n in names if '__pycache__' not in n.parts and '.ipynb_checkpoints' not in n.parts}
    return sorted(str(n) for n in names if not ((a / n).exists() and (b / n).exists() and filecmp.cmp(a / n, b / n, shallow=False)))

problems = []
with tempfile.TemporaryDirectory() as tmp:
    copy = Path(tmp)
    for name in ('nbs', 'mlops_nb'): shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns('__pycache__', '.ipynb_checkpoints'))
    shutil.copy(ROOT / 'settings.ini', copy)
    subprocess.run(['git', 'init', '-q', str(copy)], check=True)          # nbdev wants a repository around the project
    for cmd in ('nbdev_export', 'nbdev_clean'): subprocess.run([str(BIN / cmd)], cwd=copy, check=True, stdout=subprocess.DEVNULL)
    if (lib := differences(ROOT / 'mlops_nb', copy / 'mlops_nb', '*.py')):
        problems.append(f"nbdev_export would change {', '.join(lib)}: the library was edited by hand or not exported; "
                        "edit nbs/, run `make export`, commit both")
    if (nbs := differences(ROOT / 'nbs', copy / 'nbs', '*.ipynb')):
        problems.append(f"nbdev_clean would change {', '.join(nbs)}: commit cleaned notebooks (`make export` cleans them)")
sys.path.insert(0, str(ROOT / 'tools'))
import readme
if not (ROOT / 'README.md').exists() or (ROOT / 'README.md').read_text() != readme.render():
    problems.append("README.md is out of date with nbs/index.ipynb: run `make readme` and commit it")
for p in problems: print(f"check_sync: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
