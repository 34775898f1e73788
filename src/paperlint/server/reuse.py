"""Keeping the findings of section-local rules between versions of a document.

A rule declared with ``scope="section"`` finds between two ATX headings what those lines
hold, whatever stands elsewhere. So after an edit the server runs such a rule only on the
*window*: the sections the edit touched, widened to whole entries. Its findings before the
window are kept as they were, those after it are moved by the lines and characters the edit
added (where a moved message would name a line, the rule runs whole). An edit that changes
what stands around the window (a heading appears or goes, a month or category is renamed,
the layout changes) is checked whole.

A rule of scope "document" that declares what it ``reads`` keeps its findings (and its
cross-file summary) when that is the same in the window before and after an edit that
added no line; otherwise it runs whole.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from paperlint.model import Document
from paperlint.parse.incremental import Span, within
from paperlint.problem import Edit, Violation
from paperlint.rules.base import viewing
from paperlint.syntax import ATX_HEADING_RE


@dataclass(frozen=True)
class Window:
    """Lines ``first`` to ``old_last`` of the previous version became lines ``first`` to
    ``old_last + lines`` of the new one; every line after them moved by ``lines`` lines and
    ``chars`` characters, every line before them stayed."""

    first: int
    old_last: int
    lines: int
    chars: int

    @property
    def last(self) -> int:
        return self.old_last + self.lines


def findings(document: Document) -> dict[str, list[Violation]]:
    """What each rule found in ``document``, by code: filled by the server's checks, kept
    (``Document.derived``) as long as the document is, read by the next version's check."""
    return document.derived(_no_findings)


def _no_findings(document: Document) -> dict[str, list[Violation]]:
    return {}


def summaries(document: Document) -> dict[str, Any]:
    """What each cross-file rule's ``summarize`` kept of ``document`` (None included), by
    code: kept with the document, as ``findings`` are."""
    return document.derived(_no_summaries)


def _no_summaries(document: Document) -> dict[str, Any]:
    return {}


def window(old: Document, new: Document, span: Span) -> Window | None:
    """Where ``new`` (``old`` with the text ``span`` replaced) must be checked again; None
    when the edit changed what stands around it, and the whole document must be."""
    start, end, length = span
    if old.layout != new.layout or old.is_paper_list != new.is_paper_list:
        return None
    old_text, new_text = old.source.text, new.source.text
    lines = new_text.count("\n", start, start + length) - old_text.count("\n", start, end)
    chars = length - (end - start)
    first = old.source.position(start)[0]
    last = old.source.position(end)[0]
    # The headings outside the edited lines, and every month and category, are the same.
    old_keys, new_keys = _heading_keys(old), _heading_keys(new)
    before = bisect.bisect_left(old_keys, (first,))
    if old_keys[:before] != new_keys[: bisect.bisect_left(new_keys, (first,))]:
        return None
    old_after = old_keys[bisect.bisect_left(old_keys, (last + 1,)) :]
    new_after = new_keys[bisect.bisect_left(new_keys, (last + lines + 1,)) :]
    if lines:
        old_after = [(line + lines, level, kind) for line, level, kind in old_after]
    if old_after != new_after or _outline(old) != _outline(new):
        return None
    heads = _heading_lines(old)
    total = len(old.source.lines)
    # From the section before the edit's first line (an edited heading may end the section
    # above differently) to the end of the section of its last line.
    low = _section_start(heads, first - 1) if first > 1 else 1
    high = _section_end(heads, last, total)

    def before_edit(line: int) -> int:  # a line of ``new`` as the line of ``old`` it was
        return line if line <= last else max(last, line - lines)

    def unmoved(line: int) -> int:
        return line

    versions = ((_extents(old), unmoved), (_extents(new), before_edit))
    while True:  # widen to whole entries (of both versions) and whole sections
        wide_low, wide_high = low, high
        for extents, moved in versions:
            for line, end_line in _overlapping(extents, low, high, moved):
                wide_low = min(wide_low, moved(line))
                wide_high = max(wide_high, moved(end_line))
        wide_low = _section_start(heads, wide_low)
        wide_high = _section_end(heads, wide_high, total)
        if (wide_low, wide_high) == (low, high):
            break
        low, high = wide_low, wide_high
    # Bounded by ATX headings, which end every block on their own line: a rule that walks
    # the lines (a paragraph up and down) stops there, whatever the lines beyond them hold.
    around = [n for n in (low, high + 1) if 1 < n <= total]
    if not all(ATX_HEADING_RE.match(old.source.lines[n - 1]) for n in around):
        return None
    return Window(low, high, lines, chars)


def _heading_keys(document: Document) -> list[tuple[int, int, str]]:
    """(line, level, kind) of every heading, in line order (kept with the document)."""
    return document.derived(_build_heading_keys)


def _heading_lines(document: Document) -> list[int]:
    return document.derived(_build_heading_lines)


def _build_heading_lines(document: Document) -> list[int]:
    return [h.line for h in document.headings]


def _build_heading_keys(document: Document) -> list[tuple[int, int, str]]:
    return [(h.line, h.level, h.kind) for h in document.headings]


def _outline(document: Document) -> list[tuple[int, str, str]]:
    return document.derived(_build_outline)


def _build_outline(document: Document) -> list[tuple[int, str, str]]:
    return [(h.level, h.kind, h.text) for h in document.headings if h.kind != "entry"]


def _section_start(heads: list[int], line: int) -> int:
    index = bisect.bisect_right(heads, line) - 1
    return heads[index] if index >= 0 else 1


def _section_end(heads: list[int], line: int, total: int) -> int:
    index = bisect.bisect_right(heads, line)
    return heads[index] - 1 if index < len(heads) else total


@dataclass(frozen=True)
class _Extents:
    """The (first, last) lines of a document's entries, sorted, and the greatest last line
    up to each of them: what finds the entries around a line without walking them all."""

    spans: list[tuple[int, int]]
    reach: list[int]


def _extents(document: Document) -> _Extents:
    return document.derived(_build_extents)


def _build_extents(document: Document) -> _Extents:
    spans = sorted((e.line, e.end_line) for e in document.entries())
    reach = []
    furthest = 0
    for _, end_line in spans:
        furthest = max(furthest, end_line)
        reach.append(furthest)
    return _Extents(spans, reach)


def _overlapping(
    extents: _Extents, low: int, high: int, moved: Callable[[int], int]
) -> list[tuple[int, int]]:
    """The extents that share a line with low..high once ``moved`` (a line map that keeps
    the order) is applied to them."""
    spans, reach = extents.spans, extents.reach
    stop = bisect.bisect_right(spans, high, key=lambda span: moved(span[0]))
    found = []
    index = stop - 1
    while index >= 0 and moved(reach[index]) >= low:
        if moved(spans[index][1]) >= low:
            found.append(spans[index])
        index -= 1
    return found


def part(document: Document, first: int, last: int) -> Document:
    """``document`` as a section-local rule sees lines ``first`` to ``last``: only what the
    parser found on those lines (entries in their months and categories), and only those
    lines and the one on either side, the others blank, so a rule scanning the lines
    passes over the rest in no time. Offsets and the text stay the whole document's.

    The parser's lists are in line order (the section-incremental parse relies on it
    too), so what lies on those lines is found by halving, not by walking them all."""
    source = copy.copy(document.source)
    lines = document.source.lines
    around = max(first - 2, 0)
    source.lines = [""] * around + lines[around : last + 1] + [""] * (len(lines) - last - 1)
    months = []
    for month in document.months:
        categories = []
        for category in month.categories:
            entries = within(category.entries, first, last + 1)
            if entries:
                categories.append(replace(category, entries=entries))
        if categories:
            months.append(replace(month, categories=categories))
    return Document(
        path=document.path,
        source=source,
        layout=document.layout,
        headings=within(document.headings, first, last + 1),
        months=months,
        links=within(document.links, first, last + 1),
        html_blocks=within(document.html_blocks, first, last + 1),
        code_ranges=within(document.code_ranges, first, last + 1, _first),
        fields=within(document.fields, first, last + 1),
        details=within(document.details, first, last + 1),
        stray_closes=within(document.stray_closes, first, last + 1, _first),
        _derived=viewing(max(first - 1, 1), min(last + 1, len(lines))),
    )


def _first(pair: tuple[int, int]) -> int:
    return pair[0]


def merge(
    before: list[Violation], fresh: Iterable[Violation], where: Window
) -> list[Violation] | None:
    """A rule's findings in the new version: ``before`` (the previous version's) outside the
    window, moved where the edit moved them, and ``fresh`` (found in the window); None when
    a finding that moved names a line in its message (the rule must run whole)."""
    after = [v for v in before if v.line > where.old_last]
    if where.lines and any(_NAMES_A_LINE_RE.search(v.message) for v in after):
        return None
    kept = [v for v in before if v.line < where.first]
    kept += [v for v in fresh if where.first <= v.line <= where.last]
    kept += [_moved(v, where) for v in after]
    return kept


def unchanged(
    before: list[Violation], old: Document, span: Span, where: Window
) -> list[Violation] | None:
    """A rule's findings in the new version when what it reads is the same as in ``old``
    and the edit ``span`` added no line: ``before``, with the fixes' edits after the span
    moved by the characters it added; None when a finding lies on an edited line, or one
    of its edits overlaps the span (the rule must run whole)."""
    if where.lines:
        return None
    start, end, _ = span
    if not where.chars:
        return before
    first = old.source.position(start)[0]
    last = old.source.position(end)[0]
    kept = []
    for violation in before:
        end_line = violation.end_line if violation.end_line is not None else violation.line
        if violation.line <= last and end_line >= first:
            return None
        fix = violation.fix
        if fix is not None:
            edits = []
            for e in fix.edits:
                if e.end < start or (e.end == start and e.start < start):
                    edits.append(e)
                elif e.start > end or (e.start == end and e.end > end):
                    edits.append(Edit(e.start + where.chars, e.end + where.chars, e.replacement))
                else:
                    return None
            violation = replace(violation, fix=replace(fix, edits=tuple(edits)))
        kept.append(violation)
    return kept


# "line 12", "lines 12-14": a message that names a line cannot simply be moved.
_NAMES_A_LINE_RE = re.compile(r"\blines? \d")


def _moved(violation: Violation, where: Window) -> Violation:
    if not where.lines and not where.chars:
        return violation
    fix = violation.fix
    if fix is not None and where.chars:
        fix = replace(
            fix,
            edits=tuple(
                Edit(e.start + where.chars, e.end + where.chars, e.replacement) for e in fix.edits
            ),
        )
    end_line = violation.end_line
    return replace(
        violation,
        line=violation.line + where.lines,
        end_line=end_line + where.lines if end_line is not None else None,
        fix=fix,
    )


__all__ = ["Window", "findings", "merge", "part", "summaries", "unchanged", "window"]
