"""Small helpers shared by the tests: lint a string, get (line, column) of one rule."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from paperlint.checker import Checker
from paperlint.model import Document
from paperlint.problem import Edit, Problem, applicable
from paperlint.settings import Settings
from paperlint.source import decode

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
REFERENCE = CORPUS / "reference" / "README.md__2024-06-04__4534197355.md"
CORPUS_FILES = sorted(CORPUS.glob("*/*.md"))


def checker(settings: Settings | None = None) -> Checker:
    return Checker(settings or Settings())


def parse_text(text: str, settings: Settings | None = None, path: str = "test.md") -> Document:
    return checker(settings).parse(decode(text.encode("utf-8"), path))


def lint(
    text: str | bytes,
    *,
    select: tuple[str, ...] | None = None,
    settings: Settings | None = None,
    path: str = "test.md",
) -> list[Problem]:
    """Every problem paperlint reports for ``text`` (optionally only the selected rules)."""
    base = settings or Settings()
    if select is not None:
        from dataclasses import replace

        base = replace(base, select=select)
    data = text.encode("utf-8") if isinstance(text, str) else text
    run = checker(base)
    return run.check_source(decode(data, path)).problems


def positions(
    text: str | bytes, code: str, settings: Settings | None = None
) -> list[tuple[int, int]]:
    """(line, column) of each problem of rule ``code`` in ``text``."""
    return [(p.line, p.column) for p in lint(text, select=(code,), settings=settings)]


def lines_of(text: str | bytes, code: str, settings: Settings | None = None) -> list[int]:
    return [line for line, _ in positions(text, code, settings)]


def splice(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits to LF-normalised text, last first (for rule tests: no fix engine)."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def fixed(
    data: str | bytes,
    code: str,
    *,
    unsafe: bool = False,
    settings: Settings | None = None,
) -> str:
    """``data`` (LF-normalised) with the fixes of every ``code`` problem spliced in: the
    safe ones, and the unsafe ones too with ``unsafe``."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    edits = {  # a set: one edit may fix several problems (PL301 closing nested blocks)
        edit
        for problem in lint(raw, select=(code,), settings=settings)
        if applicable(problem.fix, unsafe)
        for edit in problem.fix.edits
    }
    return splice(decode(raw, "test.md").text, edits)
