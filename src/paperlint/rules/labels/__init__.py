"""Label rules (PL401–PL404): how field labels are written.

Each fix edits only the characters its problem concerns (the blanks after the label, the
colon, the markup delimiters, a separator), so fixes of different rules on one label do
not overlap and the JSON model — canonical labels, folded values — stays the same.

Each rule is a module of this package; this module holds what its rules share.
"""

from __future__ import annotations

from paperlint.model import Field
from paperlint.rules.base import Context


def markup_start(ctx: Context, item: Field) -> int | None:
    """0-based index of the label markup on its line, or None when it is not where stated."""
    raw = ctx.lines[item.line - 1]
    index = item.column - 1
    return index if raw.startswith(item.markup, index) else None


def quote_markup(markup: str) -> str:
    """Markup quoted for a message (code spans need a wider fence)."""
    return f"`` {markup} ``" if "`" in markup else f"`{markup}`"


def closing_delimiter(item: Field) -> tuple[int, int]:
    """(start, end) of the closing delimiter within the markup (code span or bold)."""
    delimiter = "**" if item.style == "bold" else "`"
    end = item.markup.rfind(delimiter) + len(delimiter)
    return end - len(delimiter), end
