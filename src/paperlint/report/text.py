"""The default output: ``path:line:col: CODE [name] message``, then a one-line summary.

Warnings say so (``PL404 [keypoints-separator] warning: …``); errors, the usual case, are
unmarked. A message is always one line: a line break inside it (a schema's ``x-message``
may quote a value that holds one) is shown as ``\\n``.
"""

from __future__ import annotations

import os
from collections import Counter

import click

from paperlint.problem import Problem, Severity
from paperlint.report.base import ReportOptions, clean, display_path, is_fixable
from paperlint.result import UNREADABLE, FileResult

FIXABLE_MARK = "[*]"


def one_line(text: str) -> str:
    return clean(text).replace("\r", "\\r").replace("\n", "\\n")


def line(problem: Problem, options: ReportOptions) -> str:
    mark = f" {FIXABLE_MARK}" if is_fixable(problem, options) else ""
    location = f"{display_path(problem.path)}:{problem.line}:{problem.column}:"
    code = problem.code
    severity = "warning: " if problem.severity is Severity.WARNING else ""
    if options.color:
        location = click.style(location, bold=True)
        colour = "red" if problem.severity is Severity.ERROR else "yellow"
        code = click.style(code, fg=colour, bold=True)
        severity = click.style(severity, fg=colour) if severity else ""
    return f"{location} {code} [{problem.name}]{mark} {severity}{one_line(problem.message)}"


def unsafe_hint() -> str:
    """How to apply the unsafe fixes — inside a pre-commit hook, ``paperlint`` is not on PATH."""
    if os.environ.get("PRE_COMMIT") == "1":
        return "with `--unsafe-fixes` (pre-commit: add `args: [--unsafe-fixes]` to the hook)"
    return "with `paperlint fix --unsafe-fixes`"


def summary(problems: list[Problem], options: ReportOptions) -> str:
    if not problems:
        return "All checks passed."
    fixable = sum(1 for p in problems if is_fixable(p, options))
    unsafe = sum(1 for p in problems if p.fix is not None and not is_fixable(p, options))
    noun = "problem" if len(problems) == 1 else "problems"
    text = f"Found {len(problems)} {noun}"
    notes = []
    if fixable:
        notes.append(f"{fixable} fixable with `paperlint fix`")
    if unsafe:
        more = "more " if fixable else ""
        notes.append(f"{unsafe} {more}fixable {unsafe_hint()}")
    return text + (f" ({'; '.join(notes)})." if notes else ".")


def statistics(problems: list[Problem], options: ReportOptions) -> list[str]:
    counts = Counter((p.code, p.name) for p in problems)
    fixable = {p.code for p in problems if is_fixable(p, options)}
    rows = []
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0][0])):
        mark = f"{FIXABLE_MARK} " if code in fixable else ""
        rows.append(f"{count:>5}\t{code}\t{mark}{name}")
    return rows


def render(results: list[FileResult], options: ReportOptions) -> str:
    problems = [p for r in sorted(results, key=lambda r: r.path) for p in r.problems]
    out: list[str] = []
    if options.statistics:
        out.extend(statistics(problems, options))
    elif options.quiet:  # quiet still says why an input could not be checked
        out.extend(line(p, options) for p in problems if p.code == UNREADABLE)
    else:
        out.extend(line(p, options) for p in problems)
    if not options.quiet or problems:
        out.append(summary(problems, options))
    return "\n".join(out) + "\n" if out else ""
