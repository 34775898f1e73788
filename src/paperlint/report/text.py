"""The default output: ``path:line:col: CODE [name] message``, then a one-line summary."""

from __future__ import annotations

from collections import Counter

import click

from paperlint.checker import FileResult
from paperlint.problem import Problem, Severity
from paperlint.report import ReportOptions

FIXABLE_MARK = "[*]"


def is_fixable(problem: Problem, options: ReportOptions) -> bool:
    return problem.fix is not None and (problem.fix.safe or options.unsafe_fixes)


def line(problem: Problem, options: ReportOptions) -> str:
    mark = f" {FIXABLE_MARK}" if is_fixable(problem, options) else ""
    location = f"{problem.path}:{problem.line}:{problem.column}:"
    code = problem.code
    if options.color:
        location = click.style(location, bold=True)
        colour = "red" if problem.severity is Severity.ERROR else "yellow"
        code = click.style(code, fg=colour, bold=True)
    return f"{location} {code} [{problem.name}]{mark} {problem.message}"


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
        notes.append(f"{unsafe} {more}fixable with `paperlint fix --unsafe-fixes`")
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
    elif not options.quiet:
        out.extend(line(p, options) for p in problems)
    if not options.quiet or problems:
        out.append(summary(problems, options))
    return "\n".join(out) + "\n" if out else ""
