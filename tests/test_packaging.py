"""Every third-party module that src/ imports is declared in pyproject.toml so that a fresh
virtual environment can run the package and type-check it for every supported Python.

mypy reads every version branch (``if sys.version_info >= (3, 11): import tomllib else:
import tomli``), so a module imported only on some Pythons must still be installed for the
type check: the ``test`` extra declares it without an environment marker.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "paperlint"


def _imported_modules() -> set[str]:
    modules: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.partition(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m != "paperlint"}


def _name(requirement: str) -> str:
    return re.split(r"[\s;<>=!~\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared_everywhere() -> set[str]:
    """Distributions installed on every Python by ``pip install -e '.[test]'``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return {_name(r) for r in requirements if ";" not in r}


def test_every_imported_module_is_declared_for_every_python() -> None:
    distributions = packages_distributions()
    declared = _declared_everywhere()
    missing = {
        module: distributions.get(module, [module])
        for module in _imported_modules()
        if not {_name(d) for d in distributions.get(module, [module])} & declared
    }
    assert missing == {}, f"imported by src/ but not declared without a marker: {missing}"


def test_the_scan_sees_the_version_dependent_import() -> None:
    # tomli is imported only on Python 3.10; the scan must still count it.
    assert "tomli" in _imported_modules()
