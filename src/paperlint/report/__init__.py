"""Output formats: each turns the results of a run into text.

``formats()`` maps a format name to its renderer; ``FORMAT_NAMES`` (the same names, without
importing anything heavy) feeds ``click.Choice`` for ``--format``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from paperlint.checker import FileResult
    from paperlint.problem import Problem

FORMAT_NAMES = ("text", "json", "sarif", "github", "junit")
INFORMATION_URI = "https://github.com/paperlint/paperlint"


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    unsafe_fixes: bool = False


Render = Callable[["list[FileResult]", ReportOptions], str]


def formats() -> dict[str, Render]:
    """Format name → renderer (imported lazily: most runs use one format)."""
    from paperlint.report import github, junit, sarif, text
    from paperlint.report import json as json_format

    return {
        "text": text.render,
        "json": json_format.render,
        "sarif": sarif.render,
        "github": github.render,
        "junit": junit.render,
    }


def problems_of(results: list[FileResult]) -> list[Problem]:
    """Every problem of a run in a stable order: by path, line, column, code."""
    return sorted((p for r in results for p in r.problems), key=lambda p: p.sort_key())


def relative_path(path: str) -> str:
    """A path as CI systems want it: relative to the working folder, with forward slashes.

    Paths outside the working folder (or on another drive) stay absolute.
    """
    if path == "-" or not path:
        return path
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        relative = absolute
    if relative == ".." or relative.startswith(".." + os.sep):
        relative = absolute
    return relative.replace(os.sep, "/")


def is_fixable(problem: Problem, options: ReportOptions) -> bool:
    """Whether ``paperlint fix`` (with ``--unsafe-fixes`` when asked) would fix it."""
    return problem.fix is not None and (problem.fix.safe or options.unsafe_fixes)
