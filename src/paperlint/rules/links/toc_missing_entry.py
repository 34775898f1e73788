"""PL502 toc-missing-entry: the file has a table of contents and an entry is not in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from paperlint.model import Document, Entry, Link
from paperlint.problem import Edit, Fix, FixAvailability, Violation
from paperlint.rules.base import Context, line_view, rule
from paperlint.rules.links import (
    Anchors,
    anchor_links,
    anchor_reads,
    anchors,
    loose_key,
    plain_title,
    title_column,
)
from paperlint.syntax import LIST_MARKER

_LIST_ITEM_RE = re.compile(rf"([ \t]*)({LIST_MARKER})(?:[ \t]|$)")


def _list_item(line: str) -> re.Match[str] | None:
    return _LIST_ITEM_RE.match(line)


@dataclass
class _Toc:
    first: int  # first line of the list block
    last: int  # last line of the list block
    items: dict[int, int]  # entry index -> line of its ToC item


def _entry_resolver(document: Document, found: Anchors) -> dict[str, int]:
    """Keys (exact anchor, loose anchor, loose plain title) -> entry index."""
    heading_index = {id(h): i for i, h in enumerate(document.headings)}
    keys: dict[str, int] = {}
    loose_seen: dict[str, int] = {}
    for number, entry in enumerate(document.entries()):
        if entry.kind != "heading":
            continue  # no anchor: a table of contents links headings
        index = heading_index[id(entry.heading)]
        keys.setdefault("=" + found.slugs[index], number)
        for key in {loose_key(found.slugs[index]), loose_key(plain_title(entry.title))}:
            if key:
                loose_seen[key] = loose_seen.get(key, 0) + 1
                keys.setdefault("~" + key, number)
    # A loose key that two entries share resolves to neither.
    for key, count in loose_seen.items():
        if count > 1:
            keys.pop("~" + key, None)
    return keys


def _resolve(link: Link, keys: dict[str, int]) -> int | None:
    target = unquote(link.url[1:])
    exact = "=" + target.lower()  # GitHub ignores the fragment's case (see ``resolves``)
    for key in (exact, "~" + loose_key(target), "~" + loose_key(plain_title(link.text))):
        if key in keys and key != "~":
            return keys[key]
    return None


def _tocs(document: Document, keys: dict[str, int]) -> list[_Toc]:
    """List blocks holding at least two links that resolve to entries."""
    lines = document.source.lines
    heading_lines = {h.line for h in document.headings}
    blocks: list[_Toc] = []
    current: _Toc | None = None
    for link in anchor_links(document):
        if link.line in heading_lines:
            continue
        if current is None or link.line > current.last:
            if _list_item(lines[link.line - 1]) is None:
                continue
            last = link.line
            while (
                last < len(lines)
                and lines[last].strip()
                and (_list_item(lines[last]) or lines[last][:1] in " \t")
            ):
                last += 1
            current = _Toc(link.line, last, {})
            blocks.append(current)
        number = _resolve(link, keys)
        if number is not None:
            current.items.setdefault(number, link.line)
    for block in blocks:
        _add_malformed_items(block, lines, keys)
    return [block for block in blocks if len(block.items) >= 2]


# `[Title](#` on a ToC line that markdown-it did not make a link (an anchor with spaces):
# the entry is in the table of contents, only its link is broken (PL504 reports that).
_RAW_TOC_ITEM_RE = re.compile(r"\[([^\[\]\n]{1,300})\]\(#")


def _add_malformed_items(block: _Toc, lines: list[str], keys: dict[str, int]) -> None:
    for number in range(block.first, block.last + 1):
        line = lines[number - 1]
        if "](#" not in line:
            continue
        for match in _RAW_TOC_ITEM_RE.finditer(line):
            key = "~" + loose_key(plain_title(match.group(1)))
            if key != "~" and key in keys:
                block.items.setdefault(keys[key], number)


@dataclass(frozen=True)
class _Insertion:
    """Where new ToC items go: after or before the item at ``line``, written with
    ``indent`` and ``marker``."""

    line: int
    after: bool
    indent: str
    marker: str


@dataclass(frozen=True)
class _Section:
    """A ToC item that links to a category heading, and the lines of the items under it."""

    heading: int  # index into document.headings
    line: int
    end: int  # its last line (its own line when nothing is nested under it)


def _item_style(line: str) -> tuple[str, str]:
    match = _list_item(line)
    return (match.group(1), match.group(2)) if match else ("", "-")


def _insertion_point(number: int, toc: _Toc, count: int, lines: list[str]) -> _Insertion:
    """After the item of the previous entry, else before the next, in its style."""
    for previous in range(number - 1, -1, -1):
        if previous in toc.items:
            line = toc.items[previous]
            return _Insertion(line, True, *_item_style(lines[line - 1]))
    for following in range(number + 1, count):
        if following in toc.items:
            line = toc.items[following]
            return _Insertion(line, False, *_item_style(lines[line - 1]))
    return _Insertion(toc.last, True, *_item_style(lines[toc.last - 1]))


def _toc_sections(document: Document, toc: _Toc, found: Anchors) -> list[_Section]:
    """The ToC's items that link to category headings, with the items nested under them."""
    lines = document.source.lines
    by_slug = {slug: index for index, slug in enumerate(found.slugs)}
    sections: list[_Section] = []
    for link in anchor_links(document):
        if not toc.first <= link.line <= toc.last or (sections and sections[-1].line == link.line):
            continue
        match = _list_item(lines[link.line - 1])
        if match is None:
            continue
        target = unquote(link.url[1:])
        index = by_slug.get(target.lower())
        if index is None:
            candidates = found.loose.get(loose_key(target), [])
            index = candidates[0] if len(candidates) == 1 else None
        if index is None or document.headings[index].kind != "category":
            continue
        width = len(match.group(1))
        end = link.line
        while end < toc.last and _indentation(lines[end]) > width:
            end += 1
        sections.append(_Section(index, link.line, end))
    return sections


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip())


def _section_point(
    number: int, toc: _Toc, sections: list[_Section], category: list[int], lines: list[str]
) -> _Insertion | None:
    """In the ToC group of the entry's category: after the item of the previous entry
    listed there, else before the next one, else as the group's last item. None when its
    category has no group in the ToC."""
    own = [section for section in sections if section.heading == category[number]]
    if not own:
        return None

    def listed(section: _Section) -> dict[int, int]:
        return {n: line for n, line in toc.items.items() if section.line < line <= section.end}

    section = max(own, key=lambda candidate: len(listed(candidate)))  # the first on a tie
    items = listed(section)
    earlier = [n for n in items if n < number]
    if earlier:
        line = items[max(earlier)]
        return _Insertion(line, True, *_item_style(lines[line - 1]))
    later = [n for n in items if n > number]
    if later:
        line = items[min(later)]
        return _Insertion(line, False, *_item_style(lines[line - 1]))
    return _Insertion(section.line, True, *_child_style(sections, lines))


def _child_style(sections: list[_Section], lines: list[str]) -> tuple[str, str]:
    """Indent and marker of an item nested under a ToC group, as the ToC writes them."""
    for section in sections:
        for number in range(section.line + 1, section.end + 1):
            match = _list_item(lines[number - 1])
            if match is not None:
                return match.group(1), match.group(2)
    indent, marker = _item_style(lines[sections[0].line - 1])
    return " " * (len(indent) + len(marker) + 1), marker


def _insert_items(
    ctx: Context,
    toc: _Toc,
    point: _Insertion,
    numbers: list[int],
    entries: list[Entry],
    found: Anchors,
    heading_index: dict[int, int],
) -> Fix:
    lines = ctx.lines
    line = point.line
    items = []
    for number in numbers:
        entry = entries[number]
        title = plain_title(entry.title).replace("[", "\\[").replace("]", "\\]")
        anchor = found.slugs[heading_index[id(entry.heading)]]
        items.append(f"{point.indent}{point.marker} [{title}](#{anchor})")
    text = "".join(item + "\n" for item in items)
    if point.after:
        # Skip the item's own continuation lines (deeper indentation) inside the block.
        width = _indentation(lines[line - 1])
        while line < toc.last and _indentation(lines[line]) > width:
            line += 1
        if line < len(lines):
            offset = ctx.source.offset(line + 1, 1)
        else:
            offset, text = ctx.source.line_end(line), "\n" + text.rstrip("\n")
    else:
        offset = ctx.source.offset(line, 1)
    plural = "s" if len(items) > 1 else ""
    return Fix(
        (Edit(offset, offset, text),),
        False,
        f"add {len(items)} item{plural} to the table of contents",
        reason="the place of the new items in the table of contents is a guess",
    )


def check(ctx: Context) -> Iterator[Violation]:
    """## What it does
    When the file has a table of contents (a list with at least two `[Title](#anchor)` links
    to entries), checks that every entry is in it.

    ## Why is this bad?
    A reader who scans the table of contents never finds the papers left out of it.

    ## Example
    ```markdown
    # PaperList
    - [TransformerFAM: Feedback attention](#transformerfam-feedback-attention)
    - [Mamba: Linear-time sequence modeling](#mamba-linear-time-sequence-modeling)
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    #### Mamba: Linear-time sequence modeling
    - `Keypoints:` state space models; selection
    - `Objective:` Model long sequences in linear time.
    #### RWKV: Reinventing RNNs
    - `Keypoints:` linear attention; recurrence
    - `Objective:` Train like a transformer, infer like an RNN.
    ```

    Use instead:
    ```markdown
    # PaperList
    - [TransformerFAM: Feedback attention](#transformerfam-feedback-attention)
    - [Mamba: Linear-time sequence modeling](#mamba-linear-time-sequence-modeling)
    - [RWKV: Reinventing RNNs](#rwkv-reinventing-rnns)
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    #### Mamba: Linear-time sequence modeling
    - `Keypoints:` state space models; selection
    - `Objective:` Model long sequences in linear time.
    #### RWKV: Reinventing RNNs
    - `Keypoints:` linear attention; recurrence
    - `Objective:` Train like a transformer, infer like an RNN.
    ```

    ## Fix safety
    Unsafe: the fix inserts `- [Title](#anchor)` items, in entry order, next to the items
    of the neighbouring entries. When the table of contents is grouped under items that
    link to the categories, the item goes into the group of the entry's own category (and
    no fix is offered when that category has no group); a table of contents kept in
    another order (or one that leaves entries out on purpose) may want them elsewhere.
    """
    document = ctx.document
    entries = document.entries()
    if len(entries) < 2 or any(entry.kind != "heading" for entry in entries):
        return
    found = anchors(document)
    keys = _entry_resolver(document, found)
    tocs = _tocs(document, keys)
    if not tocs:
        return
    present = {number for toc in tocs for number in toc.items}
    main = max(tocs, key=lambda toc: len(toc.items))
    heading_index = {id(h): i for i, h in enumerate(document.headings)}
    missing = [n for n in range(len(entries)) if n not in present]
    sections = _toc_sections(document, main, found)
    category = [
        heading_index[id(group.heading)] if group.heading is not None else -1
        for month in document.months
        for group in month.categories
        for _ in group.entries
    ]
    grouped = any(section.end > section.line for section in sections)
    groups: dict[_Insertion | None, list[int]] = {}
    for number in missing:
        if grouped:
            point = _section_point(number, main, sections, category, ctx.lines)
        else:
            point = _insertion_point(number, main, len(entries), ctx.lines)
        groups.setdefault(point, []).append(number)
    for point, numbers in groups.items():
        fix = None
        if point is not None:
            fix = _insert_items(ctx, main, point, numbers, entries, found, heading_index)
        for position, number in enumerate(numbers):
            entry = entries[number]
            yield Violation(
                entry.line,
                title_column(entry.heading),
                f"entry `{plain_title(entry.title)}` is not in the table of contents "
                f"(line {main.first}); add `- [{plain_title(entry.title)}]"
                f"(#{found.slugs[heading_index[id(entry.heading)]]})`",
                fix if position == 0 else None,
                entry.line,
                entry.heading.end_column,
            )


def reads(document: Document) -> tuple[object, ...]:
    """The anchors, the entries, and the lines looked at when a table of contents may
    stand there (a ``#`` link on them, or a list going on from above)."""
    first, last = line_view(document)
    lines = document.source.lines
    headings, links, ids = anchor_reads(document)
    # A list block from above goes on into the lines only through an indented first line
    # (the line after ``first``, which stands before the checked sections).
    toc = bool(links) or (first < len(lines) and lines[first][:1] in " \t")
    return (
        headings,
        links,
        ids,
        [(entry.kind, entry.title, entry.heading) for entry in document.entries()],
        lines[first - 1 : last] if toc else None,
    )


RULE = rule(
    check,
    "PL502",
    "toc-missing-entry",
    "the file has a table of contents and an entry is not in it",
    fix=FixAvailability.SOMETIMES,
    reads=reads,
)
