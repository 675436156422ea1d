"""The package's architecture as a test: no import cycle, and no arrow that runs back up.

Every import counts, including those inside functions (a lazy import is still a dependency), except those
under `if TYPE_CHECKING:`. The layers are the README's map of the code ("代码地图"): a package may import only
the packages listed for it there, so the map and the tree cannot drift apart.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "reviewtools"

README = PACKAGE.parent / "README.md"
_NAME = re.compile(r"`([a-z_]+)/?`")


@cache
def allowed() -> dict[str, set[str]]:
    """The README's map of the code: each part → the parts it may import (the bottom two rows: anyone may)."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## 代码地图"):].split("\n## ")[0]
    rows = [line.split("|")[1:-1] for line in table.splitlines() if line.startswith("| `")]
    out = {name: set(_NAME.findall(row[2])) for row in rows for name in _NAME.findall(row[0])}
    bottom = {"__init__"} | {name for row in rows[:2] for name in _NAME.findall(row[0])}  # __init__: the version
    return {name: deps | bottom for name, deps in out.items()} | {"__init__": bottom}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _runtime_nodes(tree: ast.AST):
    """Every node but those under `if TYPE_CHECKING:` (annotations only, never imported at run time)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            yield from (n for child in node.orelse for n in _runtime_nodes(child))
            continue
        yield node
        yield from _runtime_nodes(node)


def _imports(name: str, path: Path) -> set[str]:
    """The package's modules that `name` imports (a submodule named in `from pkg import sub` counts as itself)."""
    known = modules()
    is_pkg = path.name == "__init__.py"
    out = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in known else mod for a in node.names]
        else:
            continue
        out |= {t for t in targets if t in known and t != name}
    return out


@cache
def graph() -> dict[str, set[str]]:
    return {name: _imports(name, path) for name, path in modules().items()}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    g, index, low, stack, on, out = graph(), {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    assert _cycles() == []


def test_the_map_and_the_tree_agree():
    assert {_part(m) for m in modules()} == set(allowed())


def test_imports_follow_the_map():
    wrong = sorted(f"{a} → {b}" for a, deps in graph().items() for b in deps
                   if _part(b) != _part(a) and _part(b) not in allowed()[_part(a)])
    assert wrong == []


def test_checks_never_import_each_other():
    wrong = sorted(f"{a} → {b}" for a, deps in graph().items() if a.startswith("reviewtools.checks.")
                   for b in deps if b.startswith("reviewtools.checks"))
    assert wrong == []


def test_writers_never_import_the_registry_or_a_check():
    wrong = sorted(f"{a} → {b}" for a, deps in graph().items() if _part(a) == "report"
                   for b in deps if _part(b) in ("registry", "checks"))
    assert wrong == []


def test_no_module_over_400_lines():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_importing_the_cli_changes_nothing_in_click():
    import subprocess
    import sys

    code = ("import click, click.exceptions as e; before = e.UsageError.show; import reviewtools.cli; "
            "assert e.UsageError.show is before, 'importing reviewtools.cli patched click'")
    subprocess.run([sys.executable, "-c", code], check=True)
