"""Finding ``<details>`` blocks on raw lines.

markdown-it ends an HTML block at the first blank line, so the tokens cannot tell where a
``<details>`` block really closes; GitHub's renderer can. We therefore follow the tags on
the raw lines of each heading section, skipping code fences and code spans.
"""

from __future__ import annotations

import re

from paperlint.model import Details
from paperlint.text import mask_code_spans

_TAG_RE = re.compile(r"<(/?)(details|summary)\b[^<>]{0,200}>", re.IGNORECASE)
_SUMMARY_END_RE = re.compile(r"</summary\s*>", re.IGNORECASE)
_TAG_STRIP_RE = re.compile(r"<[^<>]{0,200}>")


def scan_details(
    lines: list[str], first: int, last: int, code_lines: set[int]
) -> tuple[list[Details], list[tuple[int, int]]]:
    """Details blocks between 1-based lines ``first`` and ``last`` (one heading section).

    Returns the blocks in order of opening and the (line, column) of stray closing tags.
    A block still open at ``last`` is unclosed: GitHub would hide everything after it.
    """
    blocks: list[Details] = []
    stray: list[tuple[int, int]] = []
    stack: list[Details] = []
    for number in range(first, last + 1):
        raw = lines[number - 1]
        if "<" not in raw or number in code_lines:
            continue
        line = mask_code_spans(raw)
        for match in _TAG_RE.finditer(line):
            closing, name = match.group(1), match.group(2).lower()
            column = match.start() + 1
            if name == "details" and not closing:
                block = Details(line=number, column=column, end_line=number, closed=False)
                blocks.append(block)
                stack.append(block)
            elif name == "details":
                if stack:
                    block = stack.pop()
                    block.closed = True
                    block.end_line = block.close_line = number
                    block.close_column = column
                else:
                    stray.append((number, column))
            elif not closing and stack and stack[-1].summary_line is None:
                block = stack[-1]
                block.summary_line, block.summary_column = number, column
                block.summary = _summary_text(raw[match.end() :])
    for block in stack:
        block.end_line = _last_non_blank(lines, block.line, last)
    return blocks, stray


def _summary_text(after: str) -> str:
    end = _SUMMARY_END_RE.search(after)
    text = after[: end.start()] if end else after
    return " ".join(_TAG_STRIP_RE.sub("", text).split())


def _last_non_blank(lines: list[str], first: int, last: int) -> int:
    for number in range(last, first, -1):
        if lines[number - 1].strip():
            return number
    return first
