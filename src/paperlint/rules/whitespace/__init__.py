"""Whitespace rules (PL601–PL605): invisible differences that still matter.

PL601–PL604 share one pass over the lines (``line_scan``), cached for the document being
checked, so a 10,000-entry file is walked once however many of them are enabled.

Each rule is a module of this package; this module holds what its rules share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from paperlint.model import Document
from paperlint.problem import Change, Edit, Fix, Violation
from paperlint.rules.base import line_view
from paperlint.source import Source
from paperlint.syntax import HEADING_LINE_RE, MARKDOWN_BLOCK_RE
from paperlint.text import INVISIBLE_CHARACTERS, INVISIBLE_RE, mask_code_spans

# A setext underline turns the line above into a heading: no hard break there.
_UNDERLINE_RE = re.compile(r"(?:=+|-+)[ \t]*$")


@dataclass
class _Scan:
    trailing: list[Violation] = field(default_factory=list)
    blank: list[Violation] = field(default_factory=list)
    invisible: list[Violation] = field(default_factory=list)
    final: list[Violation] = field(default_factory=list)


def line_scan(document: Document) -> _Scan:
    """The findings of PL601-PL604, from one pass over the lines (``document.derived``)."""
    return document.derived(_scan_lines)


def _scan_lines(document: Document) -> _Scan:
    scan = _Scan()
    source = document.source
    lines = source.lines
    code = document.code_lines()
    # Only HTML blocks of types 1-5 (<pre>, comments, ...) can hold blank lines, and there
    # they are content, so runs of blank lines inside any HTML block are left alone.
    html = {n for b in document.html_blocks for n in range(b.line, b.end_line + 1)}
    # After a final newline, split() leaves an empty string that is not a line.
    count = len(lines) - 1 if source.text.endswith("\n") else len(lines)
    first, last = line_view(document)
    last = min(last, count)
    has_invisible = (
        INVISIBLE_RE.search(source.text, source.offset(first), source.line_end(last)) is not None
        if first <= last
        else False
    )
    run_start = 0  # first line of the current run of blank lines (0: none)
    for index in range(first - 1, last):
        number = index + 1
        line = lines[index]
        if number in code:
            if run_start:
                run_start = _end_run(scan, source, run_start, number)
            continue
        stripped = line.rstrip(" \t")
        if len(stripped) != len(line) and not _hard_break(lines, index, count, stripped, code):
            scan.trailing.append(_trailing(source, number, line, stripped))
        if stripped or number in html:
            if run_start:  # most lines: no run to close
                run_start = _end_run(scan, source, run_start, number)
        elif not run_start:
            run_start = number
        if has_invisible and not stripped.isascii() and INVISIBLE_RE.search(stripped):
            found = _invisible(source, number, line)
            if found is not None:
                scan.invisible.append(found)
    # A run reaching the end of the file is PL604's (extra final newlines).
    scan.final.extend(_final_newline(source))
    return scan


def _end_run(scan: _Scan, source: Source, run_start: int, number: int) -> int:
    """Close a run of blank lines ending before ``number``; report it if it is too long."""
    if run_start and number - run_start > 1:
        first_extra = run_start + 1
        extra = number - first_extra
        scan.blank.append(
            Violation(
                first_extra,
                1,
                f"{extra + 1} blank lines in a row; keep one (delete "
                f"{'this line' if extra == 1 else f'lines {first_extra}-{number - 1}'})",
                Fix(
                    (Edit(source.line_end(run_start), source.line_end(number - 1), ""),),
                    description=f"delete {extra} blank line{'s' if extra > 1 else ''}",
                ),
                number - 1,
                len(source.lines[number - 2]) + 1,
            )
        )
    return 0


def _hard_break(lines: list[str], index: int, count: int, stripped: str, code: set[int]) -> bool:
    """Whether a line's trailing spaces are a Markdown hard break (2+ spaces, then text of
    the same paragraph on the next line)."""
    line = lines[index]
    trailing = line[len(stripped) :]
    if len(trailing) < 2 or "\t" in trailing or not stripped.strip():
        return False
    if HEADING_LINE_RE.match(stripped.lstrip(" \t")) or index + 1 >= count or index + 2 in code:
        return False
    following = lines[index + 1].lstrip(" \t")
    return bool(
        following.strip()
        and not MARKDOWN_BLOCK_RE.match(following)
        and not following.startswith("<")
        and not _UNDERLINE_RE.match(following)
    )


def _trailing(source: Source, number: int, line: str, stripped: str) -> Violation:
    start = source.offset(number, len(stripped) + 1)
    what = "whitespace-only line" if not stripped else "trailing whitespace"
    return Violation(
        number,
        len(stripped) + 1,
        f"{what} ({len(line) - len(stripped)} character"
        f"{'s' if len(line) - len(stripped) > 1 else ''}); remove it",
        Fix((Edit(start, start + len(line) - len(stripped), ""),), description=f"remove {what}"),
        number,
        len(line) + 1,
    )


def _invisible(source: Source, number: int, line: str) -> Violation | None:
    """One violation per line, at its first invisible character; the fix replaces them all."""
    masked = mask_code_spans(line)
    found = [m.start() for m in INVISIBLE_RE.finditer(masked)]
    if not found:  # only inside code spans: their content is shown as written
        return None
    base = source.offset(number)
    # Inside a link target the character is part of the URL: a space there breaks the link.
    targets = _link_targets(masked)
    edits = tuple(
        Edit(base + i, base + i + 1, INVISIBLE_CHARACTERS[line[i]])
        for i in found
        if not any(start <= i < end for start, end in targets)
    )
    # Among the line's leading markers (`####`, `-`, `>`, indentation) a space is syntax:
    # `####<NBSP>Title` becomes a heading. The fix declares that it may change structure,
    # so the nothing-is-lost guard checks that every title and field survives the regrouping.
    leading = _LEAD_RE.match(line)  # always matches (maybe empty)
    lead = leading.end() if leading else 0
    structural = any(e.start - base <= lead for e in edits)
    changes = frozenset({Change.STRUCTURE}) if structural else frozenset()
    first = line[found[0]]
    name = unicodedata.name(first, "invisible character").lower()
    more = f" (and {len(found) - 1} more on this line)" if len(found) > 1 else ""
    todo = "replace it with a plain space" if INVISIBLE_CHARACTERS[first] else "delete it"
    return Violation(
        number,
        found[0] + 1,
        f"invisible character U+{ord(first):04X} ({name}){more}; {todo}",
        Fix(edits, description="replace invisible characters", changes=changes) if edits else None,
        number,
        found[-1] + 2,
    )


# Heading hashes, block quote and list markers, and indentation (NBSP included) at line start.
_LEAD_RE = re.compile(r"^[ \t" + "".join(INVISIBLE_CHARACTERS) + r"#>*+\-.)0-9]{0,40}")


def _link_targets(line: str) -> list[tuple[int, int]]:
    """Column spans (0-based, end exclusive) of ``](target)`` link targets on a line."""
    spans: list[tuple[int, int]] = []
    start = line.find("](")
    while start >= 0:
        end = line.find(")", start + 2)
        if end < 0:
            end = len(line)
        spans.append((start + 2, end))
        start = line.find("](", end)
    return spans


def _final_newline(source: Source) -> Iterator[Violation]:
    text = source.text
    if not text:
        return
    end = len(text)
    if not text.endswith("\n"):
        last = len(source.lines)
        yield Violation(
            last,
            len(source.lines[-1]) + 1,
            "no newline at end of file; add one",
            Fix((Edit(end, end, "\n"),), description="add a final newline"),
            last,
            len(source.lines[-1]) + 1,
        )
        return
    newlines = 0  # at the end (counted, not stripped: the text may be megabytes long)
    while newlines < end and text[end - newlines - 1] == "\n":
        newlines += 1
    extra = newlines - 1
    if extra:
        yield Violation(
            len(source.lines) - 1,
            1,
            f"{extra + 1} newlines at end of file; keep one",
            Fix((Edit(end - extra, end, ""),), description="remove extra final newlines"),
            len(source.lines),
            1,
        )
