"""``--format github``: workflow commands that GitHub Actions shows as annotations.

``::error file=README.md,line=12,col=15,title=PL401 label-spacing::message`` — escaped as
the Actions toolkit does (``command.ts``): ``%``, CR and LF in the message; those and ``:``
and ``,`` in property values, which the runner would otherwise read as separators.
"""

from __future__ import annotations

from paperlint.checker import FileResult
from paperlint.problem import Problem, Severity
from paperlint.report import ReportOptions, problems_of, relative_path


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(problem: Problem) -> str:
    level = "error" if problem.severity is Severity.ERROR else "warning"
    properties = [
        ("file", relative_path(problem.path)),
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
    return "".join(command(problem) + "\n" for problem in problems_of(results))
