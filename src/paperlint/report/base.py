"""What every output format shares: the report options, how a path is spelt, which
problems are fixable and which fail the run.

Every format spells a path the same way (``display_path``) and carries only valid Unicode
(``clean``): a file name that is not UTF-8 reaches us with surrogate escapes, which no JSON
or XML parser takes.
"""

from __future__ import annotations

import functools
import os
import re
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from paperlint.problem import Problem
    from paperlint.result import FileResult

INFORMATION_URI = "https://github.com/paperlint/paperlint"


def rule_uri(code: str, name: str) -> str:
    """Where one rule's documentation is: its section of docs/rules.md (GitHub's anchor for
    the heading ``PL101 heading-level-skip``)."""
    return f"{INFORMATION_URI}/blob/main/docs/rules.md#{code.lower()}-{name}"


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    unsafe_fixes: bool = False
    strict: bool = False  # warnings fail the run (JUnit counts them as failures)
    exit_code: int | None = None  # the run's exit status (SARIF invocations)
    seconds: float = 0.0  # how long the run took (JUnit time)


def problems_of(results: list[FileResult]) -> list[Problem]:
    """Every problem of a run in a stable order: by path, line, column, code."""
    return sorted((p for r in results for p in r.problems), key=lambda p: p.sort_key())


def clean(text: str) -> str:
    """``text`` as valid Unicode: each surrogate (an undecodable byte of a file name) → U+FFFD."""
    return _SURROGATE_RE.sub("\ufffd", text)


def relative_path(path: str) -> str:
    """A path as CI systems want it: relative to the working folder, with forward slashes.

    Paths outside the working folder (or on another drive) stay absolute. May hold
    surrogate escapes; ``display_path`` is the printable form.
    """
    if path == "-" or not path:
        return path
    return _relative(path, os.getcwd())


@functools.lru_cache(maxsize=4096)
def _relative(path: str, cwd: str) -> str:
    """``relative_path`` for one working folder (every problem of a file asks again)."""
    absolute = os.path.join(cwd, path)
    absolute = os.path.normpath(absolute)
    try:
        relative = os.path.relpath(absolute, cwd)
    except ValueError:  # another drive on Windows
        relative = absolute
    if relative == ".." or relative.startswith(".." + os.sep):
        relative = absolute
    return relative.replace(os.sep, "/")


def display_path(path: str) -> str:
    """How every format spells a file: ``relative_path``, undecodable bytes as U+FFFD."""
    return clean(relative_path(path))


def file_uri(path: str) -> str:
    """A URI reference for SARIF: percent-encoded, relative to the working folder when the
    file is inside it, else an absolute ``file://`` URI. Undecodable bytes stay the bytes
    they were (``%FF``), so the URI still names the file."""
    shown = relative_path(path)
    raw = os.fsencode(shown)
    if os.path.isabs(shown):
        return "file://" + urllib.parse.quote(raw.replace(b"\\", b"/"), safe="/")
    return urllib.parse.quote(raw, safe="/")


def is_fixable(problem: Problem, options: ReportOptions) -> bool:
    """Whether ``paperlint fix`` (with ``--unsafe-fixes`` when asked) would fix it."""
    # Here, not at the top: `paperlint --version` imports this module for the format names.
    from paperlint.problem import applicable

    return applicable(problem.fix, options.unsafe_fixes)


def fails(problem: Problem, options: ReportOptions) -> bool:
    """Whether the problem makes the run fail: errors, and warnings under ``--strict``."""
    from paperlint.problem import Severity

    return options.strict or problem.severity is Severity.ERROR
