"""``--format json``: a list of problem objects, the stable machine-readable output.

Each object has exactly these keys (a public contract; new keys may be added, none removed):

- ``path``: the file relative to the working folder with forward slashes (absolute when
  outside it), spelt as in every other format; ``-`` or ``--stdin-filename`` for stdin;
- ``line``, ``column``: 1-based start, columns counted in characters (code points);
- ``end_line``, ``end_column``: 1-based end, the column exclusive (just past the last
  character); null only for a file that could not be read (docs/model.md);
- ``code`` (``PL401``), ``name`` (``label-spacing``), ``severity`` (``error``|``warning``);
- ``message``: what is wrong and what to do;
- ``fixable``: whether paperlint has a fix for it, safe or unsafe (``fix.applicability``
  tells which: an unsafe fix is applied only with ``--unsafe-fixes``);
- ``fix``: null, or ``{"description", "applicability": "safe"|"unsafe", "safety", "edits"}``
  (``safety``, the older name of ``applicability``, holds the same value), where each edit
  is ``{"start": {"line", "column"}, "end": {"line", "column"}, "replacement"}``: replace the
  text from start up to (not including) end, positions as above in the LF-normalised text.

The list is sorted by path, line, column and code. Text is valid Unicode: a byte of a file
name that is not UTF-8 is shown as U+FFFD.
"""

from __future__ import annotations

import json
from typing import Any

from paperlint.problem import Fix, Problem
from paperlint.report.base import ReportOptions, clean, display_path
from paperlint.result import FileResult
from paperlint.source import Source


def problem_object(problem: Problem, source: Source | None, options: ReportOptions) -> Any:
    return {
        "path": display_path(problem.path),
        "line": problem.line,
        "column": problem.column,
        "end_line": problem.end_line,
        "end_column": problem.end_column,
        "code": problem.code,
        "name": problem.name,
        "severity": problem.severity.value,
        "message": clean(problem.message),
        "fixable": problem.fix is not None,
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
        "applicability": "safe" if fix.safe else "unsafe",
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
