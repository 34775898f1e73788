"""Imports run one way: no cycle among paperlint's modules, and the layers stay in order.

The graph is read from the source with ``ast``: module-level and function-level imports
both count (a lazy import still ties two modules together); imports under
``if TYPE_CHECKING:`` do not, since they never run. Importing ``a.b.c`` is an edge to the
module ``a.b.c`` only: the parent package a submodule import initialises is Python's
machinery, not a dependency the code chose.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "paperlint"


def module_names(root: Path) -> dict[str, Path]:
    """Dotted module name → file, for every module of the package at ``root``."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement under ``node``, skipping the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield from _imports(ast.Module(body=[other], type_ignores=[]))
        else:
            yield from _imports(child)


def _target(name: str, modules: dict[str, Path]) -> str | None:
    """The longest prefix of ``name`` that is one of ``modules``."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports at run time."""
    modules = module_names(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for statement in _imports(tree):
            if isinstance(statement, ast.Import):
                wanted = [alias.name for alias in statement.names]
            else:
                base = statement.module or ""
                if statement.level:
                    anchor = package.split(".")[: len(package.split(".")) - statement.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from a import b` imports the module a.b when there is one, else names of a.
                wanted = [f"{base}.{alias.name}" for alias in statement.names]
            for imported in wanted:
                target = _target(imported, modules)
                if target is not None and target != name:
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as ``[a, b, …, a]``, or None when it has none."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path: list[str] = [start]
        on_path = {start}
        stack = [iter(sorted(graph[start]))]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                stack.pop()
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                continue
            if following in on_path:
                return [*path[path.index(following) :], following]
            if following not in done:
                path.append(following)
                on_path.add(following)
                stack.append(iter(sorted(graph.get(following, ()))))
    return None


GRAPH = import_graph(PACKAGE)


def imports_of(prefix: str) -> dict[str, set[str]]:
    """The run-time imports of the module ``prefix`` and of every module under it."""
    return {
        name: targets
        for name, targets in GRAPH.items()
        if name == prefix or name.startswith(prefix + ".")
    }


def under(name: str, *prefixes: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def test_no_import_cycle() -> None:
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_graph_sees_the_package() -> None:
    """The graph is read from the real source (a graph with no edges finds no cycle)."""
    assert "paperlint.result" in GRAPH["paperlint.checker"]
    assert "paperlint.rules.base" in GRAPH["paperlint.rules.structure.broken_heading"]
    assert "paperlint.parallel" in GRAPH["paperlint.checker"]  # a function-level import
    # `from paperlint import rules` is the package paperlint.rules, not paperlint itself
    assert "paperlint.rules" in GRAPH["paperlint.suppress"]


# Above the engine: what runs it (the command line, the fix loop, parallel workers, init).
RUNNERS = ("paperlint.checker", "paperlint.parallel", "paperlint.fix", "paperlint.init")
CLI = ("paperlint.cli", "paperlint.__main__")
ENGINE = (*RUNNERS, *CLI, "paperlint.report", "paperlint.result", "paperlint.suppress")


@pytest.mark.parametrize(
    ("prefix", "forbidden"),
    [
        # Reporters read results; they never run a check.
        ("paperlint.report", (*RUNNERS, *CLI)),
        # The result of a run sits below everything that makes or reads it.
        ("paperlint.result", (*RUNNERS, *CLI, "paperlint.report", "paperlint.rules")),
        # Workers get their Checker handed over; they do not build the engine's layer.
        ("paperlint.parallel", ("paperlint.checker", "paperlint.fix", "paperlint.report", *CLI)),
        # Rules see a document, never the machinery that runs them, parses the text or prints
        # their problems.
        (
            "paperlint.rules",
            (*RUNNERS, *CLI, "paperlint.report", "paperlint.suppress", "paperlint.parse"),
        ),
        # Shared syntax and the configured Markdown parser are leaves: every layer may use them.
        ("paperlint.syntax", ("paperlint.rules", "paperlint.parse", "paperlint.model")),
        ("paperlint.commonmark", ("paperlint.rules", "paperlint.parse", "paperlint.model")),
        ("paperlint.slug", ("paperlint.rules", "paperlint.parse", *ENGINE)),
        ("paperlint.checker", ("paperlint.report", "paperlint.fix", *CLI)),
        # The fix engine collects what it did; paperlint.report.fixes words it.
        ("paperlint.fix", ("paperlint.report", *CLI)),
        # The document and its parser know nothing of the rules or of what runs them.
        ("paperlint.model", ("paperlint.parse", "paperlint.rules", *ENGINE)),
        ("paperlint.parse", ("paperlint.rules", *ENGINE)),
    ],
)
def test_layer_does_not_import(prefix: str, forbidden: tuple[str, ...]) -> None:
    wrong = {
        (name, target)
        for name, targets in imports_of(prefix).items()
        for target in targets
        if under(target, *forbidden)
    }
    assert not wrong, f"{prefix} must not import {forbidden}: {sorted(wrong)}"


def test_only_the_command_line_imports_it() -> None:
    wrong = {
        (name, target)
        for name, targets in GRAPH.items()
        if not under(name, *CLI)
        for target in targets
        if under(target, *CLI)
    }
    assert not wrong, sorted(wrong)


# The registry (paperlint.rules) lists the rules; rules.base is the contract they share.
REGISTRY, CONTRACT = "paperlint.rules", "paperlint.rules.base"
# A family's shared helpers: its package, or a `_shared`/`_common` module in it.
SHARED_MODULES = ("_shared", "_common")


def _family(name: str) -> str | None:
    """``paperlint.rules.links`` for any module of the links family, else None."""
    parts = name.split(".")
    if len(parts) >= 3 and parts[:2] == ["paperlint", "rules"] and name != CONTRACT:
        return ".".join(parts[:3])
    return None


def _is_shared(name: str) -> bool:
    family = _family(name)
    return name == family or (family is not None and name.rpartition(".")[2] in SHARED_MODULES)


def test_rules_import_only_the_contract_and_their_familys_shared_code() -> None:
    """A rule module imports rules.base and its family's shared module, never another rule.

    A family's shared code imports no rule of its own; only the registry imports rules.
    """
    wrong = set()
    for name, targets in imports_of(REGISTRY).items():
        if name in (REGISTRY, CONTRACT):
            continue
        for target in targets:
            if not under(target, REGISTRY) or target == CONTRACT:
                continue
            allowed = _family(target) == _family(name) and _is_shared(target)
            if not allowed:
                wrong.add((name, target))
    assert not wrong, sorted(wrong)


def test_the_contract_imports_no_rule() -> None:
    assert not {t for t in GRAPH[CONTRACT] if under(t, REGISTRY)}


# -- the graph reader itself, on a package written for the test -------------------------


def _package(root: Path, files: dict[str, str]) -> Path:
    package = root / "pkg"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_reader_finds_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg.b import thing\n",
            "b.py": "def thing():\n    from pkg import c\n",
            "c.py": "import pkg.a\n",
        },
    )
    graph = import_graph(package)
    assert graph["pkg.b"] == {"pkg.c"}
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.c", "pkg.a"]


def test_reader_skips_type_checking_imports_only(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg import b\n",
            "b.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from pkg.a import x\n"
                "else:\n    from . import c\n"
            ),
            "c.py": "",
            "sub/__init__.py": "from .d import y\n",
            "sub/d.py": "from ..a import z\n",
        },
    )
    graph = import_graph(package)
    assert graph["pkg.b"] == {"pkg.c"}
    assert graph["pkg.sub"] == {"pkg.sub.d"}
    assert graph["pkg.sub.d"] == {"pkg.a"}
    assert find_cycle(graph) is None
