"""Output formats: each turns the results of a run into text.

``formats()`` maps a format name to its renderer; ``FORMAT_NAMES`` (the same names, without
importing anything heavy) feeds ``click.Choice`` for ``--format``. What the formats share
lives in ``report.base``; its names are re-exported here for the callers of a report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from paperlint.report.base import (
    ReportOptions,
    clean,
    display_path,
    fails,
    file_uri,
    is_fixable,
    problems_of,
    relative_path,
)

if TYPE_CHECKING:
    from paperlint.result import FileResult

__all__ = [
    "FORMAT_NAMES",
    "Render",
    "ReportOptions",
    "clean",
    "display_path",
    "fails",
    "file_uri",
    "formats",
    "is_fixable",
    "problems_of",
    "relative_path",
]

FORMAT_NAMES = ("text", "json", "sarif", "github", "junit")

Render = Callable[["list[FileResult]", ReportOptions], str]


def formats() -> dict[str, Render]:
    """Format name → renderer (imported lazily: most runs use one format)."""
    from paperlint.report import github, junit, sarif, text
    from paperlint.report import json as json_format

    return {
        "text": text.render,
        "json": json_format.render,
        "sarif": sarif.render,
        "github": github.render,
        "junit": junit.render,
    }
