"""Fail when the library grows out of the house rules: a module over MAX_MODULE lines, a function over MAX_FUNCTION
lines, or a private name (`_name`) of one mlops_nb module used in another (make it public, or move it).

A private name counts as another module's when it is imported from an mlops_nb module, read off an mlops_nb module
(`jobs._fmt`), or read off any object (`run._drain()`) while it is defined in another mlops_nb module and not in this
one. `self._x` and `cls._x` are the class's own business."""
import ast, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / 'mlops_nb'
MAX_MODULE, MAX_FUNCTION = 400, 45


def is_private(name: str) -> bool:
    "`_name`, not a dunder nor a protocol name that ends with an underscore too (`_repr_html_`)."
    return name.startswith('_') and not name.endswith('_')


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix('').parts
    return '.'.join(parts[:-1] if parts[-1] == '__init__' else parts)


def defined_private(tree) -> set:
    "Private names a module defines: functions, classes, assignments, and attributes it sets on `self`."
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and is_private(n.name): out.add(n.name)
        elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and is_private(n.id): out.add(n.id)
        elif isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) and is_private(n.attr): out.add(n.attr)
        elif isinstance(n, ast.arg) and is_private(n.arg): out.add(n.arg)
    return out


def our_module_aliases(tree, here: str) -> set:
    "Names bound to mlops_nb modules in this module (`from mlops_nb import tracking`, `import mlops_nb.jobs as J`)."
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            out |= {a.asname or a.name.split('.')[0] for a in n.names if a.name.split('.')[0] == 'mlops_nb'}
        elif isinstance(n, ast.ImportFrom) and (n.level or (n.module or '').startswith('mlops_nb')):
            out |= {a.asname or a.name for a in n.names if (ROOT / 'mlops_nb' / a.name).exists() or (LIB / f'{a.name}.py').exists()}
    return out


def problems(path: Path, others: dict) -> list:
    text = path.read_text(encoding='utf-8')
    tree, name, out = ast.parse(text), module_name(path), []
    if (n := len(text.splitlines())) > MAX_MODULE: out.append(f"{path.relative_to(ROOT)}: {n} lines (at most {MAX_MODULE})")
    mine, aliases = defined_private(tree), our_module_aliases(tree, name)
    elsewhere = set().union(*(v for k, v in others.items() if k != name)) - mine
    for n in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(n, 'lineno', 0)}"
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and (size := n.end_lineno - n.lineno + 1) > MAX_FUNCTION:
            out.append(f"{where}: {n.name} is {size} lines (at most {MAX_FUNCTION})")
        if isinstance(n, ast.ImportFrom) and (n.level or (n.module or '').startswith('mlops_nb')):
            out += [f"{where}: imports {a.name}, a private name of {n.module}" for a in n.names if is_private(a.name)]
        if isinstance(n, ast.Attribute) and is_private(n.attr) and not (isinstance(n.value, ast.Name) and n.value.id in ('self', 'cls')):
            if isinstance(n.value, ast.Name) and n.value.id in aliases: out.append(f"{where}: uses {n.value.id}.{n.attr}, a private name of another module")
            elif n.attr in elsewhere: out.append(f"{where}: uses .{n.attr}, a private name defined in another mlops_nb module")
    return out


def main():
    files = [p for p in sorted(LIB.rglob('*.py')) if p.name != '_modidx.py']
    defined = {module_name(p): defined_private(ast.parse(p.read_text(encoding='utf-8'))) for p in files}
    found = [x for p in files for x in problems(p, defined)]
    for x in found: print(f"check_code: {x}", file=sys.stderr)
    sys.exit(1 if found else 0)


if __name__ == '__main__': main()
