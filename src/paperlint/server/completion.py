"""Completing field labels after ``- ` ``: the labels the schema knows."""

from __future__ import annotations

import re

from lsprotocol import types

from paperlint.server.positions import to_units

# A bullet whose label is being typed: "- `Key" with the cursor at the end.
_LABEL_START_RE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+`([^`\s:]*)$")


def label_items(
    line: str, column: int, labels: frozenset[str], encoding: str, line_number: int
) -> list[types.CompletionItem]:
    """Items for the code-point ``column`` of ``line`` (0-based ``line_number``), or none
    when the cursor is not right after an opening backtick of a bullet's label."""
    match = _LABEL_START_RE.match(line[:column])
    if match is None:
        return []
    closing = "" if line[column:].startswith("`") else "` "
    start = types.Position(line_number, to_units(line, match.start(1), encoding))
    end = types.Position(line_number, to_units(line, column, encoding))
    return [
        types.CompletionItem(
            label=label,
            kind=types.CompletionItemKind.Field,
            detail="paperlint field label",
            filter_text=label,
            text_edit=types.TextEdit(types.Range(start, end), f"{label}:{closing}"),
        )
        for label in sorted(labels)
    ]
