"""Parse a paper list into the document model: markdown-it tokens first, raw lines where
HTML blocks need them, then layout inference and the month → category → entry tree."""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field, replace

from paperlint.model import Category, Details, Document, Entry, Field, Heading, Layout, Link, Month
from paperlint.parse import entries as found_entries
from paperlint.parse.dates import MonthFormats, file_month
from paperlint.parse.details import scan_details
from paperlint.parse.incremental import (
    L,
    Revision,
    Window,
    line_of,
    moved,
    remember_walk,
    rewalk_windows,
    walk_of,
    within,
)
from paperlint.parse.labels import Vocabulary
from paperlint.parse.layout import infer_layout, looks_like_month
from paperlint.parse.markdown import Blocks, Paragraph, walk
from paperlint.source import Source
from paperlint.syntax import ARXIV_ID_RE, ARXIV_URL_RE

# [tag] in a metadata line: not a link's text, not escaped, not empty.
_TAG_RE = re.compile(r"(?<!\\)\[([^\[\]()\n]{1,80})\](?!\()")

__all__ = ["ParseOptions", "Revision", "Vocabulary", "parse"]


@dataclass(frozen=True)
class ParseOptions:
    """What the parser needs to know beyond the text: labels, and the layout to use.

    ``layout`` None infers every level from the file; otherwise the levels named in
    ``infer`` are still inferred and the others are taken as configured.
    """

    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary(frozenset(), {}))
    layout: Layout | None = None
    infer: tuple[str, ...] = ()
    # "auto" (headings with fields, else bullets, paragraphs and table rows), or one kind.
    entry_kind: str = "auto"
    months: MonthFormats = field(default_factory=MonthFormats)


def parse(
    source: Source, options: ParseOptions | None = None, since: Revision | None = None
) -> Document:
    """The document of ``source``; ``since`` says which document it is an edit of, so
    that only the sections the edits touched are parsed again."""
    options = options or ParseOptions()
    lines = source.lines
    rewalked = rewalk_windows(since, source, options.vocabulary) if since is not None else None
    if rewalked is not None and since is not None:
        blocks, windows = rewalked
        spliced = _splice(since.document, source, blocks, windows, options)
        if spliced is not None:
            return spliced
    else:
        blocks = walk(source.text, lines, options.vocabulary)
    headings = _headings(blocks, lines)
    layout = options.layout
    if layout is None or options.infer:
        inferred = infer_layout(headings, options.months)
        layout = (
            replace(layout, **{name: getattr(inferred, name) for name in options.infer})
            if layout is not None
            else inferred
        )
    document = Document(
        path=source.path,
        source=source,
        layout=layout,
        headings=headings,
        links=blocks.links,
        html_blocks=blocks.html_blocks,
        code_ranges=blocks.code_ranges,
        fields=blocks.fields,
    )
    remember_walk(document, blocks)
    if rewalked is not None and since is not None:
        _scan_details_again(document, since.document, rewalked[1])
    else:
        _scan_all_details(document)
    kind = options.entry_kind
    if kind == "none":  # configured as no paper list
        return document
    if kind in ("auto", "heading"):
        _build_tree(document, blocks, options)
    if kind != "heading" and not document.entries():
        document.months.clear()
        for heading in headings:
            heading.kind = "other"
        _build_flat(document, blocks, options)
    return document


def _splice(
    old: Document, source: Source, blocks: Blocks, windows: list[Window], options: ParseOptions
) -> Document | None:
    """The document of ``source`` built from ``old``'s where the re-walked ``windows`` left
    it as it was; None when they may not have (the caller builds it whole).

    When the windows hold as many lines as before and the same headings, every heading,
    the layout and the month → category → entry tree are ``old``'s, and so is everything
    outside the windows: only the entries the windows reach are built again (with the
    details blocks on their lines). Typing within a line costs the size of its entry.
    """
    if (
        any(added for _, _, added in windows)
        or len(source.lines) != len(old.source.lines)
        or options.entry_kind not in ("auto", "heading")
        or walk_of(old) is None
    ):
        return None
    entries = old.entries()
    if not entries or entries[0].kind != "heading":  # no tree of heading entries
        return None
    lines = source.lines
    for first, last, _ in windows:
        stop = last + 1
        before = within(old.headings, first, stop)
        inside = Blocks(
            headings=within(blocks.headings, first, stop),
            fields=within(blocks.fields, first, stop),
            items=within(blocks.items, first, stop),
        )
        after = _headings(inside, lines)
        if [_heading_key(h) for h in before] != [_heading_key(h) for h in after]:
            return None
    # The entries the windows reach, and the lines to look at again: theirs and the windows'.
    again: list[int] = []
    for first, last, _ in windows:
        index = max(bisect.bisect_right(entries, first, key=_entry_line) - 1, 0)
        while index < len(entries) and entries[index].line <= last:
            if entries[index].end_line >= first and (not again or again[-1] != index):
                again.append(index)
            index += 1
    spans = sorted(
        [(first, last) for first, last, _ in windows]
        + [(entries[i].line, entries[i].end_line) for i in again]
    )
    ranges: list[tuple[int, int]] = []
    for first, last in spans:
        if ranges and first <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], last))
        else:
            ranges.append((first, last))
    document = Document(
        path=source.path,
        source=source,
        layout=old.layout,
        headings=list(old.headings),
        links=blocks.links,
        html_blocks=blocks.html_blocks,
        code_ranges=blocks.code_ranges,
        fields=blocks.fields,
    )
    heading_lines = [h.line for h in old.headings]
    done = 0
    done_stray = 0
    for first, last in ranges:
        details, stray = _details_on(old, first, last)
        document.details += old.details[done : details.start]
        done = details.stop
        document.stray_closes += old.stray_closes[done_stray : stray.start]
        done_stray = stray.stop
        _scan_details_of(document, first, last, heading_lines)
    document.details += old.details[done:]
    document.stray_closes += old.stray_closes[done_stray:]
    replaced: dict[int, Entry] = {}
    for index in again:
        previous = entries[index]
        entry = Entry(previous.title, previous.heading, previous.month, previous.category)
        stop = entry.end_line + 1
        _attach_entry(
            entry,
            _Inside(
                details=within(document.details, entry.line, stop),
                fields=within(blocks.fields, entry.line, stop),
                paragraphs=within(blocks.paragraphs, entry.line, stop),
                links=within(blocks.links, entry.line, stop),
            ),
        )
        replaced[id(previous)] = entry
    for month in old.months:
        copy = Month(month=month.month, heading=month.heading)
        for category in month.categories:
            kept = list(category.entries)
            if replaced:
                kept = [replaced.get(id(entry), entry) for entry in kept]
            copy.categories.append(Category(category.name, category.heading, kept))
        document.months.append(copy)
    remember_walk(document, blocks)
    return document


def _entry_line(entry: Entry) -> int:
    return entry.line


def _heading_key(heading: Heading) -> tuple[int, str, int, str, bool]:
    return heading.level, heading.text, heading.line, heading.raw, heading.has_fields


def _within_ranges(ranges: list[tuple[int, int]], first: int, last: int) -> list[tuple[int, int]]:
    """The (start, end) line ranges, sorted by start, that share a line with first..last."""
    high = bisect.bisect_right(ranges, (last, sys.maxsize))
    low = high
    while low > 0 and ranges[low - 1][1] >= first:
        low -= 1
    return ranges[low:high]


def _headings(blocks: Blocks, lines: list[str]) -> list[Heading]:
    """Headings with their section ends and whether field bullets stand directly under them."""
    raw = blocks.headings
    last_line = len(lines)
    headings = [
        Heading(level=h.level, text=h.text, line=h.line, raw=lines[h.line - 1], end_line=last_line)
        for h in raw
    ]
    # Section end: the line before the next heading of the same or a higher level.
    open_stack: list[Heading] = []
    for heading in headings:
        while open_stack and open_stack[-1].level >= heading.level:
            open_stack.pop().end_line = heading.line - 1
        open_stack.append(heading)
    starts = [h.line for h in headings]
    # Only a field that is itself a top-level bullet makes its heading an entry: fields
    # nested in a paper's bullet belong to that bullet.
    nested = _nested_lines(blocks)
    for item in blocks.fields:
        if item.line in nested:
            continue
        index = bisect.bisect_right(starts, item.line) - 1
        if index >= 0:
            headings[index].has_fields = True
    return headings


def _nested_lines(blocks: Blocks) -> set[int]:
    """Lines of fields nested in a top-level bullet that is not a field itself."""
    field_lines = {item.line for item in blocks.fields}
    nested: set[int] = set()
    holders = [item for item in blocks.items if item.line not in field_lines and item.content]
    if not holders:
        return nested
    starts = [item.line for item in holders]
    for item in blocks.fields:
        index = bisect.bisect_right(starts, item.line) - 1
        if index >= 0 and holders[index].line < item.line <= holders[index].end_line:
            nested.add(item.line)
    return nested


def _scan_all_details(document: Document) -> None:
    """Scan each stretch between two headings (and the preamble) for details blocks."""
    lines = document.source.lines
    bounds = [h.line for h in document.headings]
    _scan_details_between(document, 1, len(lines), bounds, document.code_lines())


def _scan_details_again(document: Document, old: Document, windows: list[Window]) -> None:
    """``_scan_all_details``, with the details blocks outside the re-walked ``windows``
    taken from ``old`` (moved by the lines the windows before them added): a block lies
    in the stretch between two headings, and the windows are bounded by headings."""
    heading_lines = [h.line for h in document.headings]
    shift = 0
    done = 1  # the first line of ``old`` not looked at yet
    for first, last, added in windows:
        _moved_details(old, done, first - shift - 1, shift, document)
        _scan_details_of(document, first, last, heading_lines)
        shift += added
        done = last - shift + 1
    _moved_details(old, done, len(old.source.lines), shift, document)


def _scan_details_of(document: Document, first: int, last: int, heading_lines: list[int]) -> None:
    """``_scan_details_between`` lines ``first`` and ``last``, given every heading's line."""
    code_lines = {
        n
        for start, end in _within_ranges(document.code_ranges, first, last)
        for n in range(max(start, first), min(end, last) + 1)
    }
    bounds = heading_lines[
        bisect.bisect_left(heading_lines, first) : bisect.bisect_right(heading_lines, last)
    ]
    _scan_details_between(document, first, last, bounds, code_lines)


def _moved_details(old: Document, first: int, last: int, shift: int, document: Document) -> None:
    """Copies of ``old``'s details blocks and stray closing tags on lines ``first`` to
    ``last``, ``shift`` lines later, without the fields ``old``'s entries gave them."""
    if last < first:
        return
    details, stray = _details_on(old, first, last)
    for block in old.details[details]:
        copied = moved(block, shift, "line", "end_line")
        copied.fields = []
        if block.summary_line is not None:
            copied.summary_line = block.summary_line + shift
        if block.close_line is not None:
            copied.close_line = block.close_line + shift
        document.details.append(copied)
    document.stray_closes += [(line + shift, column) for line, column in old.stray_closes[stray]]


def _details_on(old: Document, first: int, last: int) -> tuple[slice, slice]:
    """Where ``old``'s details blocks and stray closing tags on lines ``first`` to
    ``last`` stand in its lists (both in line order)."""
    details = slice(
        bisect.bisect_left(old.details, first, key=line_of),
        bisect.bisect_right(old.details, last, key=line_of),
    )
    stray = slice(
        bisect.bisect_left(old.stray_closes, (first, 0)),
        bisect.bisect_left(old.stray_closes, (last + 1, 0)),
    )
    return details, stray


def _scan_details_between(
    document: Document, first: int, last: int, heading_lines: list[int], code_lines: set[int]
) -> None:
    """Scan the stretches between two headings from line ``first`` (1 or a heading's) to
    ``last`` (the line before a heading, or the last line), ``heading_lines`` those there."""
    lines = document.source.lines
    for bound in [*heading_lines, last + 1]:
        if bound > first:
            blocks, stray = scan_details(lines, first, bound - 1, code_lines)
            document.details.extend(blocks)
            document.stray_closes.extend(stray)
        first = bound + 1 if bound <= len(lines) else bound


def _build_tree(document: Document, blocks: Blocks, options: ParseOptions) -> None:
    layout = document.layout
    headings = document.headings
    entry_lines = [h.line for h in headings if h.level == layout.entry]

    def holds_entries(heading: Heading) -> bool:
        index = bisect.bisect_right(entry_lines, heading.line)
        return index < len(entry_lines) and entry_lines[index] <= heading.end_line

    month: Month | None = None
    category: Category | None = None
    seen_category = False
    for heading in headings:
        level = heading.level
        if level == layout.month:
            category = None
            value = options.months.heading_month(heading.text)
            if value is not None or looks_like_month(heading.text) or holds_entries(heading):
                heading.kind = "month"
                month = Month(month=value or heading.text, heading=heading)
                document.months.append(month)
            else:
                month = None
        elif level == layout.category and (
            month is not None
            or (layout.month is None and (seen_category or holds_entries(heading)))
        ):
            heading.kind = "category"
            seen_category = True
            category = Category(name=heading.text, heading=heading)
            _current_month(document, month).categories.append(category)
        elif level == layout.entry:
            heading.kind = "entry"
            if category is None:
                category = Category(name=None, heading=None)
                _current_month(document, month).categories.append(category)
            category.entries.append(
                Entry(
                    title=entry_title(heading.text),
                    heading=heading,
                    month=month.month if month else None,
                    category=category.name,
                )
            )
        elif layout.category is not None and level < layout.category and level != layout.month:
            # A heading above the categories (a new part of the file) ends the category.
            category = None
    _attach(document, blocks)


_HEADING_NUMBER_RE = re.compile(r"^(?:\[\d{1,4}\]|\d{1,4}[.)])\s+")
_HEADING_LINK_RE = re.compile(r"^\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\([^)]*\)(.*)$")


def entry_title(text: str) -> str:
    """A heading entry's title: without list numbering (``1.``, ``[3]``); a heading that is
    a link (``[Title](url)``) gives the link's text (the link stays in ``links``)."""
    stripped = _HEADING_NUMBER_RE.sub("", text, count=1)
    match = _HEADING_LINK_RE.match(stripped)
    if match is not None:
        stripped = match.group(1) + match.group(2)
    return stripped if stripped.strip() else text


def _build_flat(document: Document, blocks: Blocks, options: ParseOptions) -> None:
    """The tree of a list whose entries are bullets, paragraphs or table rows.

    Months come from month headings at any level (in the configured forms), categories
    from the nearest other heading, and an entry's own date tag or date line wins over
    both; a file named by its date dates the entries that say nothing else.
    """
    kind = options.entry_kind
    field_lines = {item.line for item in blocks.fields}
    candidates: list[found_entries.Found] = []
    if kind in ("auto", "bullet"):
        candidates += found_entries.bullets(blocks, field_lines)
    if kind in ("auto", "paragraph"):
        candidates += found_entries.paragraphs(blocks)
    if kind in ("auto", "table"):
        candidates += found_entries.rows(blocks, document.source.lines)
    accepted = (
        found_entries.accept(candidates)
        if kind == "auto"
        else sorted(candidates, key=lambda entry: entry.line)
    )
    if not accepted:
        return
    lines = document.source.lines
    headings = document.headings
    heading_lines = [h.line for h in headings]
    starts = [entry.line for entry in accepted]
    from_file = file_month(document.path)
    month: Month | None = None
    category: Category | None = None
    section: Heading | None = None
    month_levels: list[int] = []
    category_levels: list[int] = []
    events: list[tuple[int, int, Heading | found_entries.Found]] = [
        *((h.line, 0, h) for h in headings),
        *((e.line, 1, e) for e in accepted),
    ]
    events.sort(key=lambda event: (event[0], event[1]))
    for position, _, event in events:
        if isinstance(event, Heading):
            value = options.months.heading_month(event.text)
            if value is not None:
                event.kind = "month"
                month = Month(month=value, heading=event)
                document.months.append(month)
                month_levels.append(event.level)
                section = None
            else:
                section = event
            category = None
            continue
        if category is None:
            if section is not None:
                section.kind = "category"
                category_levels.append(section.level)
            category = Category(name=section.text if section else None, heading=section)
            _current_month(document, month).categories.append(category)
        end = event.end_line
        if event.kind == "paragraph":
            after = bisect.bisect_right(starts, position)
            stop = starts[after] if after < len(starts) else len(lines) + 1
            following = bisect.bisect_right(heading_lines, position)
            if following < len(heading_lines):
                stop = min(stop, heading_lines[following])
            end = stop - 1
        anchor = Heading(
            level=0,
            text=event.title,
            line=position,
            raw=lines[position - 1] if position - 1 < len(lines) else "",
            end_line=max(end, position),
            kind="entry",
        )
        category.entries.append(
            Entry(
                title=event.title,
                heading=anchor,
                month=event.month or (month.month if month else None) or from_file,
                category=category.name,
                fields=list(event.fields),
                tags=list(event.tags),
                kind=event.kind,
            )
        )
    document.layout = Layout(
        month=_most_common(month_levels), category=_most_common(category_levels), entry=None
    )
    _attach(document, blocks)


def _most_common(levels: list[int]) -> int | None:
    return max(set(levels), key=levels.count) if levels else None


def _current_month(document: Document, month: Month | None) -> Month:
    """The month to put a category in; a month-less file gets one ``month: null``."""
    if month is not None:
        return month
    if document.months and document.months[-1].heading is None:
        return document.months[-1]
    orphan = Month(month=None, heading=None)
    document.months.append(orphan)
    return orphan


def _attach(document: Document, blocks: Blocks) -> None:
    """Give each entry the fields, details, metadata and links inside its section."""
    entries = document.entries()
    if not entries:
        return
    starts = [e.line for e in entries]
    ends = [e.end_line for e in entries]
    details = _by_entry(document.details, starts, ends)
    fields = _by_entry(document.fields, starts, ends)
    paragraphs = _by_entry(blocks.paragraphs, starts, ends)
    links = _by_entry(document.links, starts, ends)
    inside = map(_Inside, details, fields, paragraphs, links)
    for entry, found in zip(entries, inside, strict=True):
        _attach_entry(entry, found)


def _by_entry(items: list[L], starts: list[int], ends: list[int]) -> list[list[L]]:
    """``items`` by the entry whose lines hold them (entries start at ``starts`` and end
    at ``ends``); an item in no entry's lines is left out."""
    found: list[list[L]] = [[] for _ in starts]
    for item in items:
        line = item.line
        index = bisect.bisect_right(starts, line) - 1
        if index >= 0 and line <= ends[index]:
            found[index].append(item)
    return found


@dataclass
class _Inside:
    """What the walk found inside one entry's lines, in order."""

    details: list[Details] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def _attach_entry(entry: Entry, inside: _Inside) -> None:
    entry.details.extend(inside.details)
    for item in inside.fields:
        # The innermost block holding the field is the last-opened one that contains it.
        holder = entry.fields
        for block in reversed(entry.details):
            if block.line <= item.line <= block.end_line:
                holder = block.fields
                break
        holder.append(item)
    first_field = min((f.line for f in entry.fields), default=entry.end_line + 1)
    if entry.kind == "heading":
        for paragraph in inside.paragraphs:
            if paragraph.line < first_field:
                entry.tags.extend(
                    m.group(1).strip() for m in _TAG_RE.finditer(paragraph.content.replace("`", ""))
                )
    for link in inside.links:
        # A heading's own links are metadata, except the link a heading entry's title is.
        on_heading = entry.kind == "heading" and link.line == entry.line
        if not on_heading or _HEADING_LINK_RE.match(_HEADING_NUMBER_RE.sub("", entry.heading.text)):
            entry.links.append(link)
    seen: dict[str, None] = {}
    for link in entry.links:
        for match in ARXIV_URL_RE.finditer(link.url):
            if ARXIV_ID_RE.fullmatch(match.group(1)):  # new-style ids only
                seen.setdefault(match.group(1))
    entry.arxiv = list(seen)
