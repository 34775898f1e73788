"""``--format json``: a list of problem objects, the stable machine-readable output.

Each object has exactly these keys (a public contract; new keys may be added, none removed):

- ``path``: the file as given on the command line (``-`` or ``--stdin-filename`` for stdin);
- ``line``, ``column``: 1-based start, columns counted in characters (code points);
- ``end_line``, ``end_column``: 1-based end (exclusive column), or null when unknown;
- ``code`` (``PL401``), ``name`` (``label-spacing``), ``severity`` (``error``|``warning``);
- ``message``: what is wrong and what to do;
- ``fixable``: whether ``paperlint fix`` would fix it (unsafe fixes count only with
  ``--unsafe-fixes``);
- ``fix``: null, or ``{"description", "safety": "safe"|"unsafe", "edits"}``, where each edit
  is ``{"start": {"line", "column"}, "end": {"line", "column"}, "replacement"}``: replace the
  text from start up to (not including) end, positions as above in the LF-normalised text.

The list is sorted by path, line, column and code.
"""

from __future__ import annotations

import json
from typing import Any

from paperlint.checker import FileResult
from paperlint.problem import Fix, Problem
from paperlint.report import ReportOptions, is_fixable
from paperlint.source import Source


def problem_object(problem: Problem, source: Source | None, options: ReportOptions) -> Any:
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "end_line": problem.end_line,
        "end_column": problem.end_column,
        "code": problem.code,
        "name": problem.name,
        "severity": problem.severity.value,
        "message": problem.message,
        "fixable": is_fixable(problem, options),
        "fix": fix_object(problem.fix, source),
    }


def fix_object(fix: Fix | None, source: Source | None) -> Any:
    if fix is None or source is None:
        return None
    edits = []
    for edit in sorted(fix.edits):
        start_line, start_column = source.position(edit.start)
        end_line, end_column = source.position(edit.end)
        edits.append(
            {
                "start": {"line": start_line, "column": start_column},
                "end": {"line": end_line, "column": end_column},
                "replacement": edit.replacement,
            }
        )
    return {
        "description": fix.description,
        "safety": "safe" if fix.safe else "unsafe",
        "edits": edits,
    }


def render(results: list[FileResult], options: ReportOptions) -> str:
    objects = [
        problem_object(problem, result.source, options)
        for result in sorted(results, key=lambda r: r.path)
        for problem in sorted(result.problems, key=lambda p: p.sort_key())
    ]
    return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"
