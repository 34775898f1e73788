"""Problems as LSP diagnostics: the same code, message, severity and position as ``check``."""

from __future__ import annotations

from lsprotocol import types

from paperlint.checker import ended
from paperlint.problem import Problem, Severity
from paperlint.report.base import rule_uri
from paperlint.rules import registered_codes
from paperlint.server.positions import to_units
from paperlint.source import Source
from paperlint.suppress import UNUSED

SOURCE = "paperlint"


def problem_range(problem: Problem, source: Source, encoding: str) -> types.Range:
    """From the problem's line and column to its end (every problem ``check`` reports
    has one; ``ended`` gives it the end ``check`` would give)."""
    problem = ended(problem, source)
    assert problem.end_line is not None and problem.end_column is not None
    start = _position(source, problem.line, problem.column, encoding)
    end = _position(source, problem.end_line, problem.end_column, encoding)
    if (end.line, end.character) < (start.line, start.character):
        end = start
    return types.Range(start, end)


def _line(source: Source, number: int) -> str:
    return source.lines[number - 1] if 1 <= number <= len(source.lines) else ""


def _position(source: Source, line: int, column: int, encoding: str) -> types.Position:
    """1-based line and code-point column → 0-based line and client units, inside the text."""
    if line > len(source.lines):
        last = len(source.lines)
        return types.Position(last - 1, to_units(source.lines[-1], len(source.lines[-1]), encoding))
    text = _line(source, max(line, 1))
    column = min(max(column, 1), len(text) + 1)
    return types.Position(max(line, 1) - 1, to_units(text, column - 1, encoding))


def diagnostic(problem: Problem, source: Source, encoding: str) -> types.Diagnostic:
    severity = (
        types.DiagnosticSeverity.Error
        if problem.severity is Severity.ERROR
        else types.DiagnosticSeverity.Warning
    )
    return types.Diagnostic(
        range=problem_range(problem, source, encoding),
        message=problem.message,
        severity=severity,
        code=problem.code,
        # A code only the user's schema defines has no section there.
        code_description=(
            types.CodeDescription(href=rule_uri(problem.code, problem.name))
            if problem.code in registered_codes()
            else None
        ),
        source=SOURCE,
        tags=[types.DiagnosticTag.Unnecessary] if problem.code == UNUSED else None,
        data={"name": problem.name, "fixable": problem.fix is not None},
    )


def diagnostics(problems: list[Problem], source: Source, encoding: str) -> list[types.Diagnostic]:
    return [diagnostic(problem, source, encoding) for problem in problems]
