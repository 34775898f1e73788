"""Output formats: each turns the results of a run into text. ``FORMATS`` feeds ``--format``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from paperlint.checker import FileResult


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    unsafe_fixes: bool = False


Render = Callable[[list[FileResult], ReportOptions], str]


def formats() -> dict[str, Render]:
    """Format name → renderer (imported lazily: most runs use one format)."""
    from paperlint.report import text

    return {"text": text.render}


FORMAT_NAMES = ("text", "json", "sarif", "github", "junit")
