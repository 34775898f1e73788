"""``--format github``: workflow commands that GitHub Actions shows as annotations.

``::error file=README.md,line=12,col=15,title=PL401 label-spacing::message`` — escaped as
the Actions toolkit does (``command.ts``): ``%``, CR and LF in the message; those and ``:``
and ``,`` in property values, which the runner would otherwise read as separators.

GitHub shows only the first ten annotations of each kind on a pull request, so a total
line follows them; ``step_summary`` is the Markdown for ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from collections import Counter

from paperlint.problem import Problem, Severity
from paperlint.report.base import ReportOptions, clean, display_path, is_fixable, problems_of
from paperlint.report.text import summary
from paperlint.result import FileResult


def escape_data(text: str) -> str:
    return clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(problem: Problem) -> str:
    level = "error" if problem.severity is Severity.ERROR else "warning"
    properties = [
        ("file", display_path(problem.path)),
        ("line", str(problem.line)),
        ("col", str(problem.column)),
    ]
    if problem.end_line is not None:
        properties.append(("endLine", str(problem.end_line)))
        if problem.end_column is not None:
            properties.append(("endColumn", str(problem.end_column)))
    properties.append(("title", f"{problem.code} {problem.name}"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{level} {rendered}::{escape_data(problem.message)}"


def render(results: list[FileResult], options: ReportOptions) -> str:
    problems = problems_of(results)
    lines = [command(problem) for problem in problems]
    lines.append(summary(problems, options))
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    """Text shown as itself in a Markdown table cell."""
    return "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in clean(text))


def step_summary(results: list[FileResult], options: ReportOptions) -> str:
    """A Markdown report for the job's summary page: the total, a count per rule, the files."""
    problems = problems_of(results)
    out = ["## paperlint", ""]
    checked = len(results)
    files_noun = "file" if checked == 1 else "files"
    if not problems:
        out.append(f"All checks passed ({checked} {files_noun} checked).")
        return "\n".join(out) + "\n"
    out.append(f"{summary(problems, options)} {checked} {files_noun} checked.")
    out += ["", "| Rule | Name | Severity | Count | Fixable |", "|---|---|---|---:|---:|"]
    counts = Counter(p.code for p in problems)
    first = {p.code: p for p in reversed(problems)}
    for code in sorted(counts):
        sample = first[code]
        fixable = sum(1 for p in problems if p.code == code and is_fixable(p, options))
        out.append(
            f"| {code} | `{sample.name}` | {sample.severity.value} | {counts[code]} | {fixable} |"
        )
    per_file = Counter(p.path for p in problems)
    out += ["", "| File | Problems |", "|---|---:|"]
    for path in sorted(per_file):
        out.append(f"| {_cell(display_path(path))} | {per_file[path]} |")
    return "\n".join(out) + "\n"
