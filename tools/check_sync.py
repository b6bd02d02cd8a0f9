"""Fail when the committed library, README or notebooks are not what the notebooks give:
`nbdev_export` must change nothing in mlops_nb/, `nbdev_clean` nothing in nbs/, and README.md must
match nbs/index.ipynb. Run from the repository root with the project's virtualenv."""
import hashlib, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

def snapshot(folder: Path, pattern: str) -> dict:
    return {p.relative_to(ROOT): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob(pattern)) if '__pycache__' not in p.parts and '.ipynb_checkpoints' not in p.parts}

def changed(folder, pattern, cmd) -> list:
    before = snapshot(folder, pattern)
    subprocess.run([str(BIN/cmd)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    after = snapshot(folder, pattern)
    return sorted(str(p) for p in before.keys() | after.keys() if before.get(p) != after.get(p))

problems = []
if (lib := changed(ROOT/'mlops_nb', '*.py', 'nbdev_export')):
    problems.append(f"nbdev_export changed {', '.join(lib)}: the library was edited by hand or not exported; "
                    "edit nbs/, run `make export`, commit both")
if (nbs := changed(ROOT/'nbs', '*.ipynb', 'nbdev_clean')):
    problems.append(f"nbdev_clean changed {', '.join(nbs)}: commit cleaned notebooks (`make export` cleans them)")
sys.path.insert(0, str(ROOT/'tools'))
import readme
if not (ROOT/'README.md').exists() or (ROOT/'README.md').read_text() != readme.render():
    problems.append("README.md is out of date with nbs/index.ipynb: run `make readme` and commit it")
for p in problems: print(f"check_sync: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
