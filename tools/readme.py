"""Generate README.md from nbs/index.ipynb (nbdev's own `nbdev_readme` needs Quarto, which cannot be
installed from PyPI). Markdown cells are copied; code cells become fenced blocks unless `#| hide`.
`--check` exits 1 when README.md differs from what the notebook gives."""
import sys
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parent.parent

def render(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    parts = []
    for cell in nbformat.read(nb_path, as_version=4).cells:
        src = cell.source.strip()
        if cell.cell_type == 'markdown': parts.append(src)
        elif cell.cell_type == 'code' and src and '#| hide' not in src:
            code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|'))
            parts.append(f"```python\n{code}\n```")
    return '<!-- generated from nbs/index.ipynb by `make readme`: edit the notebook, not this file -->\n\n' + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = render(), ROOT/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text() != text:
            sys.exit("README.md is out of date with nbs/index.ipynb: run `make readme` and commit it")
    else: readme.write_text(text)
