"""Markdown and paper-list syntax written once, for the rules, the parser and ``init``.

Every pattern is bounded and anchored where it is used with ``match``, so none can
backtrack on hostile input.
"""

from __future__ import annotations

import re

# A list item's marker (CommonMark): a bullet, or up to nine digits and `.` or `)`. A piece
# of pattern, for the patterns below and the rules' own that need the marker in context.
LIST_MARKER = r"(?:[-*+]|\d{1,9}[.)])"
# An ATX heading's opening `#`s at the very start of a line (no indentation): with ``match``
# on one line, or ``search`` through a whole text.
HEADING_LINE_RE = re.compile(r"^#{1,6}(?:[ \t]|$)", re.MULTILINE)
# An ATX heading line: up to three spaces of indentation, one to six `#`, then a blank or
# the end of the line (CommonMark; `#Title` is a paragraph).
ATX_HEADING_RE = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
# A line that starts a Markdown block other than a paragraph (after its indentation is
# stripped): bullets, ordered items, ATX headings, block quotes, code fences.
MARKDOWN_BLOCK_RE = re.compile(rf"(?:{LIST_MARKER}|#{{1,6}})(?:[ \t]|$)|>|```|~~~")
# The numbering written before a title: `1.`, `2)`, `[3]`, and the blanks after it.
TITLE_NUMBER_RE = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s+")
# A month section as the format writes it: `YYYYMM` with a month from 01 to 12.
MONTH_RE = re.compile(r"[0-9]{4}(?:0[1-9]|1[0-2])")
# An arXiv abs/pdf/html URL: the identifier (new `2404.09173` or old `hep-th/9901001`
# style) in group 1, its version (`v2`) in group 2.
ARXIV_URL_RE = re.compile(
    r"(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/"
    r"(\d{4}\.\d{4,5}|[a-z-]{1,20}(?:\.[A-Z]{2})?/\d{7})(v\d{1,3})?(?:\.pdf)?/?",
    re.IGNORECASE,
)
# A new-style arXiv identifier: its year (`24`) and month (`04`) in groups 1 and 2.
ARXIV_ID_RE = re.compile(r"(\d{2})(\d{2})\.\d{4,5}")

# A line that opens a fenced code block, inside list items and quotes too (``match`` only).
FENCE_OPEN_RE = re.compile(r"[ \t>]*(?:```|~~~)")


# A run of destination characters that neither nest, escape nor end it.
_PLAIN_DESTINATION_RE = re.compile(r"[^ \t\\()]*")


def destination_span(line: str, start: int) -> tuple[int, int, bool]:
    """Span of a link destination that starts at ``start`` (just after ``(``).

    Returns (first, end, closed): the raw destination is ``line[first:end]`` (angle
    brackets excluded) and ``closed`` tells whether ``)`` or a title follows it. Linear.
    """
    index = start
    length = len(line)
    while index < length and line[index] in " \t":
        index += 1
    if index < length and line[index] == "<":
        close = line.find(">", index + 1)
        if close < 0:
            return index, length, False
        return index + 1, close, True
    first = index
    plain = _PLAIN_DESTINATION_RE.match(line, index)
    index = plain.end() if plain else index
    if index < length and line[index] == ")":
        return first, index, True  # the common case, without a loop in Python
    depth = 0
    while index < length:
        char = line[index]
        if char == "\\" and index + 1 < length:
            index += 2
            continue
        if char in " \t":
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return first, index, True
            depth -= 1
        index += 1
    end = index
    while index < length and line[index] in " \t":
        index += 1
    closed = index < length and line[index] in ")\"'("
    return first, end, closed
