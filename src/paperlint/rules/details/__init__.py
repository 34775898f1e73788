"""Details-block rules (PL301–PL306): ``<details>`` judged on the raw lines of each entry.

The parser finds the blocks (``Document.details``, on raw lines, code excluded); these
checks only judge them and build minimal fixes on the LF-normalised text.

Each rule is a module of this package; this module holds what its rules share.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace

from paperlint.model import Details, Document
from paperlint.problem import Change, Edit, Fix, Violation
from paperlint.rules.base import Context, line_view
from paperlint.syntax import HEADING_LINE_RE, LIST_MARKER, MARKDOWN_BLOCK_RE
from paperlint.text import mask_code_spans

# The content indentation a list marker opens: `-   <details>` puts content at column 5.
LIST_PREFIX_RE = re.compile(rf"[ \t]*(?:{LIST_MARKER}[ \t]+)?")


_LIST_ITEM_RE = re.compile(rf"[ \t]*{LIST_MARKER}(?:[ \t]+|$)")


_SUMMARY_END_RE = re.compile(r"</summary\s*>", re.IGNORECASE)


_HTML_START_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})")


_DETAILS_TAG_RE = re.compile(r"<(?:details|summary)\b", re.IGNORECASE)


_TAG_RE = re.compile(r"<[^<>\n]{0,200}>")


def tag_end(lines: list[str], line: int, column: int) -> int:
    """Column just past the HTML tag the parser found at ``line``, ``column`` (exclusive)."""
    match = _TAG_RE.match(lines[line - 1], column - 1)
    return match.end() + 1 if match else column


def indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def content_indent(line: str, column: int) -> str:
    """Indentation of what follows a ``<details>`` tag at ``column`` of ``line``."""
    prefix = line[: column - 1]
    match = LIST_PREFIX_RE.match(prefix)
    width = match.end() if match else 0
    if width == len(prefix):
        # Only indentation and a list marker before the tag: keep tabs, blank the marker.
        indent = indent_of(prefix)
        return indent + " " * (width - len(indent))
    return " " * width


def expected_indent(block: Details, document: Document, before: int) -> tuple[str, str]:
    """The indentation a block's ``</details>`` on line ``before`` should have, and why.

    That of its ``<summary>`` when the summary starts its own line; else that of the
    ``<details>`` content. The tag must stay an HTML tag where it lands, or the details
    scan (and GitHub) would not see it and the fix would never settle, so: a summary
    indented a code block's depth past the content yields to the content; a list item
    inside the block that would take the tag in as its text puts it at the item's marker;
    and where the tag would be code (right after code, or 4 columns past the text above a
    blank line) it goes at that text's indentation, or at column 1 after code.
    """
    lines = document.source.lines
    content = content_indent(lines[block.line - 1], block.column)
    indent = content
    reason = f"its `<details>` content is at column {len(content) + 1}"
    if block.summary_line is not None and block.summary_line != block.line:
        summary = indent_of(lines[block.summary_line - 1])
        if len(summary) + 1 == block.summary_column and len(summary) < len(content) + 4:
            indent, reason = summary, f"its `<summary>` is at column {len(summary) + 1}"
    first = (block.summary_line or block.line) + 1
    item = _item_taking(lines, first, before - 1, len(indent))
    if item is not None:
        indent = item[1]
        reason += f", but there the tag would belong to the list item of line {item[0]}"
    previous = before - 1
    while previous > block.line and not lines[previous - 1].strip():
        previous -= 1
    if _continues_code(document, previous):
        return "", reason + f", but there the tag would continue the code of line {previous}"
    above = indent_of(lines[previous - 1])
    if previous < before - 1 and len(indent) >= len(above) + 4:
        return above, reason + f", but there the tag would be code after line {previous}"
    return indent, reason


def _item_taking(lines: list[str], first: int, last: int, width: int) -> tuple[int, str] | None:
    """The innermost list item open after line ``last`` whose content a line indented by
    ``width`` would continue: (its line, the indentation of its marker)."""
    limit = width + 1  # items indented this much or more were closed by a later line
    for number in range(last, first - 1, -1):
        line = lines[number - 1]
        indent = indent_of(line)
        if len(indent) == len(line) or len(indent) >= limit:
            continue
        match = _LIST_ITEM_RE.match(line)
        if match and match.end() <= width:
            return number, indent
        limit = len(indent)
        if limit == 0:
            break
    return None


def _continues_code(document: Document, line: int) -> bool:
    """Whether a line right after ``line`` could still be code: ``line`` is in indented
    code, or in a fenced block that no closing fence ends there."""
    ranges = sorted(document.code_ranges)
    index = bisect.bisect_right(ranges, (line, len(document.source.lines) + 1)) - 1
    if index < 0 or not ranges[index][0] <= line <= ranges[index][1]:
        return False
    start, end = ranges[index]
    lines = document.source.lines
    opening = lines[start - 1].lstrip(" \t")
    if not opening.startswith(("```", "~~~")):
        return True
    return not (line == end > start and lines[end - 1].lstrip(" \t").startswith(opening[:3]))


def _summary_end(block: Details, lines: list[str], code: set[int]) -> tuple[int, int] | None:
    """(line, column) of the ``</summary>`` of a block, looking no further than its end."""
    assert block.summary_line is not None
    last = block.close_line or block.end_line
    for number in range(block.summary_line, max(last, block.summary_line) + 1):
        if number in code:
            return None
        line = lines[number - 1]
        if "</" not in line:
            continue
        masked = mask_code_spans(line)
        start = (block.summary_column or 1) if number == block.summary_line else 1
        match = _SUMMARY_END_RE.search(masked, start - 1)
        if match:
            return number, match.start() + 1
    return None


def summary_blank_line_violations(ctx: Context) -> Iterator[Violation]:
    """What PL303 reports; PL307 reads it too, so as not to report a block twice."""
    lines = ctx.lines
    code = ctx.document.code_lines()
    for block in ctx.document.details:
        if block.summary_line is None:
            continue
        end = _summary_end(block, lines, code)
        if end is None or end[0] >= len(lines):
            continue
        number, column = end
        following = lines[number].lstrip(" \t")
        # Blank: fine. HTML (the closing tag, an image): GitHub renders it either way.
        if not following or following.startswith("<"):
            continue
        at = ctx.source.line_end(number)
        yield Violation(
            number,
            column,
            f"no blank line after `</summary>`: GitHub shows line {number + 1} and the "
            "Markdown after it as plain text; add an empty line after this one",
            Fix(
                (Edit(at, at, "\n"),),
                description="add an empty line after `</summary>`",
                # The bullets GitHub showed as text become fields of the model.
                changes=frozenset({Change.FIELDS}),
            ),
            number,
            len(lines[number - 1].rstrip()) + 1,
        )


def html_swallowing_violations(ctx: Context) -> Iterator[Violation]:
    """What PL306 reports; PL307 reads it too, so as not to report a block twice."""
    lines = ctx.lines
    code = ctx.document.code_lines()
    for html in ctx.document.html_blocks:
        if html.end_line <= html.line:
            continue
        head = lines[html.line - 1].lstrip(" \t")
        start = _HTML_START_RE.match(head)
        if start is None or (start.group(2).lower() in ("details", "summary") and not start[1]):
            continue
        for number in range(html.line + 1, html.end_line + 1):
            if number in code:
                break
            raw = lines[number - 1]
            stripped = raw.lstrip(" \t")
            if _DETAILS_TAG_RE.match(stripped):
                break  # from here on the block is a details block: PL303's business
            if not MARKDOWN_BLOCK_RE.match(stripped):
                continue
            at = ctx.source.line_end(number - 1)
            yield Violation(
                number,
                len(raw) - len(stripped) + 1,
                f"the HTML block that starts on line {html.line} runs into this line, so "
                "GitHub renders it as HTML text; add an empty line before it",
                Fix(
                    (Edit(at, at, "\n"),),
                    description="end the HTML block with an empty line",
                    # The bullets GitHub showed as text become fields of the model.
                    changes=frozenset({Change.FIELDS}),
                ),
                number,
                len(raw.rstrip()) + 1,
            )
            break


def details_reads(document: Document) -> tuple[object, ...]:
    """What the details rules (PL301, PL303, PL306) read of some lines, for ``Rule.reads``:
    the blocks but not their fields, code, HTML blocks, stray closes, headings, and the
    lines; a labelled bullet's text only where they read it (in an HTML block, up to the
    line after a ``</summary>``, anywhere once a block is unclosed)."""
    lines = document.source.lines
    first, last = line_view(document)
    code = document.code_lines()
    read = {n for b in document.html_blocks for n in range(b.line, b.end_line + 1)}
    for block in document.details:
        if not block.closed:
            read = set(range(first, last + 1))
            break
        if block.summary_line is not None:
            end = _summary_end(block, lines, code)
            stop = end[0] + 1 if end is not None else block.close_line or block.end_line
            read.update(range(block.summary_line, stop + 1))
    fields = {f.line for f in document.fields}
    return (
        [replace(block, fields=[]) for block in document.details],
        document.code_ranges,
        [(b.line, b.end_line) for b in document.html_blocks],
        document.stray_closes,
        document.headings,
        [lines[n - 1] if n in read or n not in fields else None for n in range(first, last + 1)],
    )


def top_level_start(lines: list[str], line: int) -> int:
    """The nearest line at or above ``line`` that renders the same cut there: a heading at
    column 1 after a blank line (an indented heading may sit in a list item)."""
    while line > 1 and not (HEADING_LINE_RE.match(lines[line - 1]) and not lines[line - 2].strip()):
        line -= 1
    return line
