"""Hover on a diagnostic: the documentation of its rule, as ``paperlint rules CODE``."""

from __future__ import annotations

from lsprotocol import types

from paperlint import rules
from paperlint.problem import Problem
from paperlint.server.diagnostics import problem_range
from paperlint.source import Source


def _contains(span: types.Range, position: types.Position) -> bool:
    start = (span.start.line, span.start.character)
    end = (span.end.line, span.end.character)
    return start <= (position.line, position.character) <= end


def rule_hover(
    problems: list[Problem], source: Source, position: types.Position, encoding: str
) -> types.Hover | None:
    codes: list[str] = []
    for problem in problems:
        if problem.code not in codes and _contains(
            problem_range(problem, source, encoding), position
        ):
            codes.append(problem.code)
    parts = []
    for code in codes:
        try:
            parts.append(rules.documentation(rules.get(code)))
        except rules.UnknownRuleError:  # a code only a user's schema defines
            parts.append(f"# {code}\n\nReported by the configured schema.\n")
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(types.MarkupKind.Markdown, "\n---\n\n".join(parts))
    )
