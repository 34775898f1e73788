"""Link rules (PL501–PL508): table of contents, links, arXiv ids, duplicate papers."""

from __future__ import annotations

import bisect
import difflib
import functools
import os
import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from paperlint.model import Document, Entry, Heading, Link
from paperlint.parse.markdown import markdown
from paperlint.problem import Edit, Fix, Fixability, Severity, Violation
from paperlint.rules.base import Context, Option, register
from paperlint.slug import Slugger, heading_content, rendered_text
from paperlint.syntax import ARXIV_ID_RE, ARXIV_URL_RE, ATX_HEADING_RE
from paperlint.text import mask_code_spans

# -- shared facts -----------------------------------------------------------------------

_LIST_ITEM_RE = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# Where the metadata written after a title starts: `[tag]`, \[[paper](...)\], [[x](...)], [x](.
_METADATA_RE = re.compile(r"`\[|\\\[|\[\[|\[[^\[\]\n]{0,200}\]\(")
_ESCAPED_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,31}:")
_HTML_ID_RE = re.compile(r"""\b(?:id|name)\s{0,8}=\s{0,8}["']([^"'<>\n]{1,300})["']""")
_MONTH_RE = re.compile(r"(\d{4})[-./]?(\d{1,2})")
_DATE_TAG_RE = re.compile(r"(\d{4})\.(\d{1,2})")
_HEADING_TAG_RE = re.compile(r"\[(\d{4})\.(\d{1,2})\]")
# A host written without a scheme: `www.x`, or `name.tld/...` with a web top-level domain.
_HOST_RE = re.compile(
    r"(?:www\.[^/\s]+|(?:[A-Za-z0-9-]{1,63}\.){1,8}"
    r"(?:com|org|net|edu|gov|io|ai|dev|app|co|cn|uk|de|fr|jp|kr|me|info|xyz|tv|cc|ly|so|site)"
    r")(?:[/?#:].*)?",
    re.IGNORECASE | re.DOTALL,  # `.*` then always reaches the end: no backtracking on "\n"
)


# Runs of characters that are not letters or digits (`\w` is str.isalnum() plus "_").
_NOT_ALNUM_RE = re.compile(r"[\W_]+")


def loose_key(text: str) -> str:
    """Letters and digits only, case-folded: how a ToC anchor and a slug match loosely."""
    return _NOT_ALNUM_RE.sub("", text.casefold())


def title_key(title: str) -> str:
    """A title with metadata and list numbering (``1.``, ``[3]``) cut, and case,
    whitespace (NBSP too), emphasis and punctuation folded."""
    plain = _TITLE_NUMBER_RE.sub("", plain_title(title), count=1)
    return _NOT_ALNUM_RE.sub(" ", plain.casefold()).strip()


_TITLE_NUMBER_RE = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s+")


def plain_title(title: str) -> str:
    """The title before any metadata written on the heading line (tags, paper links)."""
    match = _METADATA_RE.search(title)
    return (title[: match.start()] if match else title).strip()


def _list_item(line: str) -> re.Match[str] | None:
    return _LIST_ITEM_RE.match(line)


def _title_column(heading: Heading) -> int:
    stripped = heading.raw.lstrip(" #")
    return len(heading.raw) - len(stripped) + 1 if stripped else 1


def _destination(line: str, start: int) -> tuple[int, int, bool]:
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


def _locate(lines: list[str], link: Link) -> tuple[int, int] | None:
    """0-based (start, end) columns of a link's raw destination on its line, if found."""
    if not 0 < link.line <= len(lines):
        return None
    line = lines[link.line - 1]
    search = max(link.column - 1, 0)
    for _ in range(8):
        found = line.find("](", search)
        if found < 0:
            return None
        first, end, _closed = _destination(line, found + 2)
        raw = _ESCAPED_RE.sub(r"\1", line[first:end])
        if markdown().normalizeLink(raw) == link.url or raw == link.url:
            return first, end
        search = found + 2
    return None


def _code_lines(document: Document) -> set[int]:
    return document.code_lines()


# -- anchors ----------------------------------------------------------------------------


@dataclass
class _Anchors:
    slugs: list[str]  # parallel to document.headings
    exact: set[str]  # heading slugs and HTML id/name attributes
    loose: dict[str, list[int]]  # loose key -> heading indexes


def anchors(document: Document) -> _Anchors:
    """Every heading's GitHub anchor (and HTML ids), built once per document."""
    return document.derived(_build_anchors)


def _build_anchors(document: Document) -> _Anchors:
    slugger = Slugger()
    slugs = [slugger.slug(rendered_text(heading_content(h.raw, h.text))) for h in document.headings]
    exact = set(slugs)
    if "id=" in document.source.text or "name=" in document.source.text:
        exact.update(m.group(1) for m in _HTML_ID_RE.finditer(document.source.text))
    loose: dict[str, list[int]] = {}
    for index, value in enumerate(slugs):
        loose.setdefault(loose_key(value), []).append(index)
    return _Anchors(slugs, exact, loose)


def resolves(target: str, found: _Anchors) -> bool:
    """Whether GitHub scrolls to something for the (decoded) fragment ``target``.

    GitHub's page script lowercases the fragment and looks for the element whose id is
    ``user-content-`` plus that, so any casing of a heading's anchor works. An HTML
    ``id``/``name`` written in the file is also accepted exactly as written.
    """
    return target in found.exact or target.lower() in found.exact


def _anchor_links(document: Document) -> Iterator[Link]:
    return (link for link in document.links if link.url.startswith("#"))


@register(
    "PL501",
    "toc-anchor-unresolved",
    "a `(#anchor)` link that no heading's GitHub anchor matches",
    fix=Fixability.SAFE,
)
def check_toc_anchor(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Checks that every `[text](#anchor)` link points at a heading's GitHub anchor: the
    heading's rendered text lowercased, punctuation and emoji removed, spaces turned into
    `-`, with `-1`, `-2` … added to repeated headings. Case does not matter: GitHub
    lowercases the fragment before it looks for the heading, so `#TransformerFAM` finds
    `#transformerfam`.

    ## Why is this bad?
    A link to an anchor that no heading has does nothing on GitHub: the table of contents
    looks fine but its entries lead nowhere.

    ## Example
    ```markdown
    # PaperList
    - [TransformerFAM](#TransformerFAM_Feedback_attention)
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    - [TransformerFAM](#transformerfam-feedback-attention)
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    Safe, and offered only when exactly one heading matches the anchor once case, spaces,
    no-break spaces and punctuation are ignored: the fix writes that heading's anchor. A
    link that already works is never reported, so never rewritten.
    """
    document = ctx.document
    found = anchors(document)
    lines = ctx.lines
    for link in _anchor_links(document):
        target = unquote(link.url[1:])
        if not target or resolves(target, found):
            continue
        span = _locate(lines, link)
        line, column = link.line, (span[0] + 1 if span else link.column)
        candidates = found.loose.get(loose_key(target), [])
        if len(candidates) == 1:
            heading = document.headings[candidates[0]]
            anchor = found.slugs[candidates[0]]
            nbsp = " (its no-break spaces are dropped)" if "\u00a0" in heading.raw else ""
            message = (
                f"anchor `#{target}` matches no heading; the heading `{heading.text}` "
                f"(line {heading.line}) has the anchor `#{anchor}`{nbsp} — link to that"
            )
            fix = None
            if span is not None:
                start = ctx.source.offset(line, span[0] + 1)
                end = ctx.source.offset(line, span[1] + 1)
                fix = Fix((Edit(start, end, f"#{anchor}"),), True, f"link to `#{anchor}`")
            yield Violation(line, column, message, fix)
        else:
            why = "several headings match it loosely" if candidates else "no heading matches"
            yield Violation(
                line,
                column,
                f"anchor `#{target}` matches no heading's GitHub anchor ({why}); link to "
                "the heading's anchor: its text lowercased, punctuation removed, spaces as `-`",
            )


# -- table of contents ------------------------------------------------------------------


@dataclass
class _Toc:
    first: int  # first line of the list block
    last: int  # last line of the list block
    items: dict[int, int]  # entry index -> line of its ToC item


def _entry_resolver(document: Document, found: _Anchors) -> dict[str, int]:
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
    for link in _anchor_links(document):
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


@register(
    "PL502",
    "toc-missing-entry",
    "the file has a table of contents and an entry is not in it",
    fix=Fixability.UNSAFE,
)
def check_toc_missing(ctx: Context) -> Iterator[Violation]:
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
                _title_column(entry.heading),
                f"entry `{plain_title(entry.title)}` is not in the table of contents "
                f"(line {main.first}); add `- [{plain_title(entry.title)}]"
                f"(#{found.slugs[heading_index[id(entry.heading)]]})`",
                fix if position == 0 else None,
            )


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


def _toc_sections(document: Document, toc: _Toc, found: _Anchors) -> list[_Section]:
    """The ToC's items that link to category headings, with the items nested under them."""
    lines = document.source.lines
    by_slug = {slug: index for index, slug in enumerate(found.slugs)}
    sections: list[_Section] = []
    for link in _anchor_links(document):
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
    found: _Anchors,
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
    )


# -- link syntax ------------------------------------------------------------------------


def _escaped(line: str, index: int) -> bool:
    backslashes = 0
    while index > 0 and line[index - 1] == "\\":
        backslashes += 1
        index -= 1
    return backslashes % 2 == 1


@register("PL503", "link-empty", "an empty link: `[]`, `[text]()`, `\\[[code]()\\]`")
def check_link_empty(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Finds links with nothing in them: `[]`, `[](url)` and `[text]()` — typically a
    `\\[[code]()\\]` placeholder left for a link that was never filled in.

    ## Why is this bad?
    GitHub renders `[]` as stray brackets and `[text]()` as a link to the page itself:
    the reader clicks and goes nowhere.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2404.09173)\\]\\[[code]()\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2404.09173)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: only the author knows the missing URL, or whether to drop the link.
    """
    document = ctx.document
    lines = ctx.lines
    code = _code_lines(document)
    reported: set[tuple[int, int]] = set()
    for link in document.links:
        if link.url == "" and link.line not in code:
            span = _locate(lines, link)
            column = link.column
            if span is not None:
                column = lines[link.line - 1].rfind("[", 0, span[0]) + 1 or link.column
            reported.add((link.line, column))
            yield Violation(
                link.line,
                column,
                f"link `[{link.text}]()` has no URL: add the URL or remove the link",
            )
    for number, line in enumerate(lines, start=1):
        if "[]" not in line or number in code:
            continue
        masked = mask_code_spans(line)
        index = masked.find("[]")
        while index >= 0:
            if (
                not _escaped(masked, index)
                and not (index > 0 and masked[index - 1] == "!")
                and not (index > 0 and masked[index - 1].isalnum())
                and (number, index + 1) not in reported
            ):
                what = "`[](…)` has no text" if masked[index + 2 : index + 3] == "(" else "`[]`"
                yield Violation(
                    number,
                    index + 1,
                    f"empty link {what}: fill it in or remove it",
                )
            index = masked.find("[]", index + 2)


@register(
    "PL504",
    "link-malformed",
    "a link URL with spaces, without a scheme, or with unbalanced brackets",
)
def check_link_malformed(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Finds links GitHub does not render as intended: a URL with spaces in it
    (`[x](a b)` stays plain text), a web address without a scheme (`[x](www.example.com)`
    becomes a link to a file of that name), and unbalanced `[` or `]` on a line with links:
    a bracket that GitHub shows as text with nothing to pair it with. Brackets are read as
    CommonMark parses them: a link whose text wraps onto the next line is one link, and a
    link between escaped brackets (`\\][[code](…)\\]`, shown as `[code]`) is balanced.

    ## Why is this bad?
    The link silently breaks: the reader sees raw Markdown, or lands on a 404 page.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](arxiv.org/abs/2404.09173)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2404.09173)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: the intended URL or bracket is a guess.
    """
    document = ctx.document
    lines = ctx.lines
    code = _code_lines(document)
    for link in document.links:
        if link.line in code or not _HOST_RE.fullmatch(link.url):
            continue
        span = _locate(lines, link)
        yield Violation(
            link.line,
            span[0] + 1 if span else link.column,
            f"link URL `{link.url}` has no scheme, so GitHub treats it as a file path: "
            f"write `https://{link.url}`",
        )
    suspects: list[int] = []
    for number, line in enumerate(lines, start=1):
        if "](" not in line or number in code:
            continue
        if (yield from _scan_line(number, mask_code_spans(line))):
            suspects.append(number)
    yield from _unbalanced_brackets(lines, code, suspects)


def _scan_line(number: int, line: str) -> Generator[Violation, None, bool]:
    """Destinations with spaces and unclosed destinations. Linear.

    Returns whether the line's own unescaped brackets fail to pair up: only then can a
    bracket on it be unbalanced, which ``_unbalanced_brackets`` then decides.
    """
    opens = 0
    unbalanced = False
    index = 0
    length = len(line)
    while index < length:
        char = line[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            opens += 1
        elif char == "]":
            if opens:
                opens -= 1
            else:
                unbalanced = True
            if line.startswith("(", index + 1):
                first, end, closed = _destination(line, index + 2)
                if first < end and not closed:
                    if end < length and line[end] in " \t" and line[end:].strip():
                        message = (
                            f"link URL `{line[first:end]} …` contains a space, so GitHub "
                            "shows the raw text: write `%20` (or `-` in an anchor), or wrap "
                            "the URL in `<…>`"
                        )
                    else:
                        message = "link URL is not closed by `)`: add the `)`"
                    yield Violation(number, first + 1, message)
                index = max(end, index + 1)
                continue
        index += 1
    return unbalanced or opens > 0


# Where a paragraph (the unit markdown-it parses inline) cannot continue: a heading is a
# block of its own; a list item or block quote marker starts a new block.
_BLOCK_START_RE = re.compile(r"[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$))")


def _paragraph(lines: list[str], number: int, code: set[int]) -> tuple[int, int]:
    """First and last line of the paragraph (or heading) that holds line ``number``.

    From the raw lines, as CommonMark delimits them: blank lines, code, headings and list
    item or block quote markers end a paragraph; its other lines are continuation lines.
    """
    if ATX_HEADING_RE.match(lines[number - 1]):
        return number, number
    first = number
    while (
        not _BLOCK_START_RE.match(lines[first - 1])
        and first > 1
        and first - 1 not in code
        and lines[first - 2].strip()
        and not ATX_HEADING_RE.match(lines[first - 2])
    ):
        first -= 1
    last = number
    while (
        last < len(lines)
        and last + 1 not in code
        and lines[last].strip()
        and not ATX_HEADING_RE.match(lines[last])
        and not _BLOCK_START_RE.match(lines[last])
    ):
        last += 1
    return first, last


def _note_escaped_bracket(state: StateInline, silent: bool) -> bool:
    """Records ``\\[`` and ``\\]``, which GitHub shows as brackets; consumes nothing."""
    src, found = state.env["brackets"]
    if not silent and state.src is src and src.startswith(("\\[", "\\]"), state.pos):
        found.append((state.pos + 1, src[state.pos + 1], True))
    return False


def _note_literal_bracket(state: StateInline, silent: bool) -> bool:
    """Records a ``[`` or ``]`` that no link, image or code span took: shown as written."""
    src, found = state.env["brackets"]
    char = state.src[state.pos]
    if char not in "[]":
        return False
    if not silent:
        if state.src is src:
            found.append((state.pos, char, False))
        state.pending += char
    state.pos += 1
    return True


@functools.lru_cache(maxsize=1)
def _bracket_parser() -> MarkdownIt:
    """markdown-it's inline parser, noting every bracket it leaves in the rendered text."""
    md = MarkdownIt("commonmark")
    md.inline.ruler.before("escape", "note_escaped_bracket", _note_escaped_bracket)
    md.inline.ruler.push("note_literal_bracket", _note_literal_bracket)
    return md


def _shown_brackets(text: str) -> list[tuple[int, str, bool]]:
    """(offset, bracket, escaped) of each bracket GitHub shows for the inline ``text``."""
    found: list[tuple[int, str, bool]] = []
    md = _bracket_parser()
    md.inline.parse(text, md, {"brackets": (text, found)}, [])
    return sorted(found)


def _unbalanced_brackets(
    lines: list[str], code: set[int], suspects: list[int]
) -> Iterator[Violation]:
    """Brackets GitHub shows unpaired on the suspect lines, judged by markdown-it's parse.

    A bracket that belongs to a link, even one whose text wraps onto the next line, is
    not shown; an escaped bracket is shown and pairs with a literal one (``\\][[code](…)\\]``
    reads `[code]`). What is left unpaired and was not escaped by the author is reported,
    once per line: the first `[`, else the first `]`.
    """
    suspect = set(suspects)
    done = 0
    for number in suspects:
        if number <= done:
            continue
        first, done = _paragraph(lines, number, code)
        starts = [0]
        for line in lines[first - 1 : done - 1]:
            starts.append(starts[-1] + len(line) + 1)
        shown = _shown_brackets("\n".join(lines[first - 1 : done]))
        opens: list[tuple[int, str, bool]] = []
        unpaired: list[tuple[int, str, bool]] = []
        for bracket in shown:
            if bracket[1] == "[":
                opens.append(bracket)
            elif opens:
                opens.pop()
            else:
                unpaired.append(bracket)
        unpaired.extend(opens)
        reported: set[int] = set()
        for offset, char, escaped in sorted(unpaired, key=lambda b: (b[1] != "[", b[0])):
            index = bisect.bisect_right(starts, offset) - 1
            line_number = first + index
            if escaped or line_number in reported or line_number not in suspect:
                continue
            reported.add(line_number)
            other, verb = ("]", "close") if char == "[" else ("[", "open")
            yield Violation(
                line_number,
                offset - starts[index] + 1,
                f"unbalanced `{char}`: {verb} it with `{other}` or write it as `\\{char}` "
                "if it is plain text",
            )


@register("PL505", "relative-link-missing", "a relative link to a file that does not exist")
def check_relative_link(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Checks that every relative link (not `http(s)://`, `mailto:` or `#anchor`) names a file
    or folder that exists, resolved against the folder of the file being checked.

    ## Why is this bad?
    A link to a renamed or deleted file is a 404 on GitHub.

    ## Example
    ```markdown
    # PaperList
    See also [the video list](no-such-folder/VideoGeneration.md).
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    See also [the video list](https://github.com/example/papers/blob/main/VideoGeneration.md).
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: only the author knows where the file went.
    """
    document = ctx.document
    if document.path == "-":
        return
    folder = os.path.dirname(document.path)
    for link in document.links:
        url = link.url
        if not url or url.startswith(("#", "/")) or _SCHEME_RE.match(url):
            continue
        if _HOST_RE.fullmatch(url):
            continue  # PL504 reports it
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])
        if not path or os.path.exists(os.path.join(folder, path)):
            continue
        span = _locate(ctx.lines, link)
        yield Violation(
            link.line,
            span[0] + 1 if span else link.column,
            f"link to `{path}`: no such file next to {os.path.basename(document.path)} "
            f"(looked for {os.path.join(folder, path)}); fix the path or remove the link",
        )


# -- arXiv ------------------------------------------------------------------------------


def canonical_arxiv(url: str) -> str | None:
    """``https://arxiv.org/abs/ID[vN]`` for an arXiv abs/pdf/html URL, else None."""
    match = ARXIV_URL_RE.fullmatch(url)
    if match is None:
        return None
    return f"https://arxiv.org/abs/{match.group(1)}{match.group(2) or ''}"


@register(
    "PL506",
    "arxiv-link-style",
    "an arXiv link that is not the canonical `https://arxiv.org/abs/ID`",
    severity=Severity.WARNING,
    fix=Fixability.UNSAFE,
)
def check_arxiv_style(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Finds arXiv links written as `arxiv.org/pdf/…`, `www.arxiv.org/…` or `http://…` and
    suggests the canonical `https://arxiv.org/abs/ID` (keeping a version such as `v2`).

    ## Why is this bad?
    The abstract page links to every version, the PDF and the HTML; a PDF link downloads a
    file on click, and one list mixing forms is harder to search and deduplicate.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](http://arxiv.org/pdf/2404.09173v1.pdf)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2404.09173v1)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    Unsafe: the link then opens the abstract page instead of the PDF, which an author may
    have chosen on purpose.
    """
    for link in ctx.document.links:
        if "arxiv" not in link.url.lower():
            continue
        canonical = canonical_arxiv(link.url)
        if canonical is None or canonical == link.url:
            continue
        span = _locate(ctx.lines, link)
        fix = None
        if span is not None:
            start = ctx.source.offset(link.line, span[0] + 1)
            end = ctx.source.offset(link.line, span[1] + 1)
            fix = Fix(
                (Edit(start, end, canonical),),
                False,
                f"link to `{canonical}`",
                frozenset({"url"}),
            )
        yield Violation(
            link.line,
            span[0] + 1 if span else link.column,
            f"arXiv link `{link.url}` is not the abstract page: write `{canonical}`",
            fix,
        )


def _months(year: int, month: int) -> int:
    return year * 12 + month - 1


def _expected_month(entry: Entry, dated_by_tags: bool) -> tuple[int, str] | None:
    """The entry's month (as a month count) and how it was stated, if it states one."""
    if entry.month is not None:
        match = _MONTH_RE.fullmatch(entry.month)
        if match and 1 <= int(match.group(2)) <= 12:
            return _months(int(match.group(1)), int(match.group(2))), f"month `{entry.month}`"
        return None
    if not dated_by_tags:
        return None
    for tag in entry.tags:
        match = _DATE_TAG_RE.fullmatch(tag)
        if match and 1 <= int(match.group(2)) <= 12:
            return _months(int(match.group(1)), int(match.group(2))), f"date tag `[{tag}]`"
    match = _HEADING_TAG_RE.search(entry.heading.raw)
    if match and 1 <= int(match.group(2)) <= 12:
        return _months(int(match.group(1)), int(match.group(2))), f"date tag `{match.group(0)}`"
    return None


def _heading_links(document: Document) -> dict[int, list[Link]]:
    """Links on entry heading lines (metadata written into the heading), by line."""
    lines = {entry.line for entry in document.entries()}
    found: dict[int, list[Link]] = {}
    for link in document.links:
        if link.line in lines:
            found.setdefault(link.line, []).append(link)
    return found


def _arxiv_links(entry: Entry, heading_links: dict[int, list[Link]]) -> Iterator[tuple[str, Link]]:
    """(id without version, link) of the entry's arXiv links, heading line included."""
    for link in (*heading_links.get(entry.line, ()), *entry.links):
        match = ARXIV_URL_RE.search(link.url)
        if match:
            yield match.group(1), link


@register(
    "PL507",
    "arxiv-month-mismatch",
    "the arXiv id's YYMM is not the entry's month section or date tag",
    severity=Severity.WARNING,
    options={"tolerance": Option(int, 0, "months the arXiv id may differ from the entry's month")},
)
def check_arxiv_month(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Compares the year and month in an entry's arXiv id (`2404.09173` → 2024-04) with the
    month section the entry stands in, or — in files without month sections — with its
    date tag such as `[2024.4]`. The option `tolerance` allows a difference of that many
    months.

    ## Why is this bad?
    A mismatch usually means a copy-pasted link to another paper, or an entry filed under
    the wrong month.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2312.09173)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2404.09173)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: either the link or the month may be the wrong one.
    """
    document = ctx.document
    tolerance = int(ctx.options.get("tolerance", 0))
    entries = document.entries()
    dated_by_tags = all(entry.month is None for entry in entries)
    heading_links = _heading_links(document)
    for entry in entries:
        expected = _expected_month(entry, dated_by_tags)
        if expected is None:
            continue
        wanted, stated = expected
        seen: set[str] = set()
        for identifier, link in _arxiv_links(entry, heading_links):
            match = ARXIV_ID_RE.fullmatch(identifier)
            if match is None or identifier in seen:
                continue
            seen.add(identifier)
            year, month = 2000 + int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12 or abs(_months(year, month) - wanted) <= tolerance:
                continue
            span = _locate(ctx.lines, link)
            yield Violation(
                link.line,
                span[0] + 1 if span else link.column,
                f"arXiv id {identifier} is from {year}-{month:02d} but the entry's {stated} "
                "says otherwise: check the link and the month",
            )


# -- duplicate papers -------------------------------------------------------------------


@dataclass(frozen=True)
class PaperRef:
    """One entry in the compact per-file index that cross-file duplicate checks use."""

    title_key: str
    arxiv: tuple[str, ...]  # ids without version
    line: int
    column: int
    title: str  # as displayed in messages

    def match_keys(self) -> list[str]:
        return ([f"t:{self.title_key}"] if self.title_key else []) + [f"a:{a}" for a in self.arxiv]


def paper_index(document: Document) -> list[PaperRef]:
    """The papers of one document, small enough to send between processes."""
    return document.derived(_build_paper_index)


def _build_paper_index(document: Document) -> list[PaperRef]:
    refs = []
    heading_links = _heading_links(document)
    for entry in document.entries():
        ids = tuple(
            dict.fromkeys(identifier for identifier, _ in _arxiv_links(entry, heading_links))
        )
        refs.append(
            PaperRef(
                title_key(entry.title),
                ids,
                entry.line,
                _title_column(entry.heading),
                plain_title(entry.title),
            )
        )
    return refs


def _duplicate_message(
    ref: PaperRef, other: PaperRef, key: str, where: str, other_file: bool = False
) -> str:
    """Two entries that share an arXiv id under different titles are one wrong link far
    more often than one paper listed twice: say so, and do not advise deleting one."""
    if key.startswith("a:") and not _same_title(ref.title_key, other.title_key):
        return (
            f"entry `{ref.title}` links arXiv {key[2:]}, as does `{other.title}` at {where}, "
            "under another title: one of the two links is probably wrong; check which paper "
            "that id is"
        )
    listed = "is also listed in another file" if other_file else "is listed twice"
    return (
        f"paper `{ref.title}` {listed} ({_reason(key)}): also at {where} "
        f"(`{other.title}`); keep one entry"
    )


def _same_title(one: str, other: str) -> bool:
    """Titles of one paper: equal, one the other without its short name (``CineMaster: A
    3D-Aware …``), or the same words but a few letters (``Self-Similar``/``Self-Similarity``)."""
    if not one or not other or one == other:
        return True
    if one.endswith(other) or other.endswith(one):
        return True
    return difflib.SequenceMatcher(None, one, other).ratio() >= 0.85


def _reason(key: str) -> str:
    return "same title" if key.startswith("t:") else f"same arXiv id {key[2:]}"


@register(
    "PL508",
    "duplicate-paper",
    "the same paper (normalized title or arXiv id) twice, in a file or across files",
    options={
        "scope": Option(
            str,
            "run",
            '"run": duplicates across all the files of a run; "file": within each file only '
            "(for lists that file one paper under several topics on purpose)",
        )
    },
)
def check_duplicate_paper(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Finds papers listed twice: the same title once case, spaces, no-break spaces and
    punctuation are ignored, or the same arXiv id whatever its version. Within one file, and
    across all the files of one run (each file then names the other).

    ## Why is this bad?
    Duplicates split the notes on one paper between two places, or hide a copy-pasted link
    that points at the wrong paper.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    #### TransformerFAM: feedback attention
    - `Keypoints:` working memory
    - `Objective:` Attend to latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: merging two entries' notes needs the author.
    """
    first: dict[str, PaperRef] = {}
    for ref in paper_index(ctx.document):
        earlier = next(((key, first[key]) for key in ref.match_keys() if key in first), None)
        for key in ref.match_keys():
            first.setdefault(key, ref)
        if earlier is None:
            continue
        key, other = earlier
        yield Violation(
            ref.line, ref.column, _duplicate_message(ref, other, key, f"line {other.line}")
        )


class _HasPapers(Protocol):
    path: str
    papers: list[PaperRef]


def cross_file_duplicates(results: Sequence[_HasPapers]) -> Iterator[tuple[str, str, Violation]]:
    """PL508 across files: in each file, each paper that another file also lists."""
    # key -> {file index -> first ref in that file}, files in run order.
    where: dict[str, dict[int, PaperRef]] = {}
    for number, result in enumerate(results):
        for ref in result.papers:
            for key in ref.match_keys():
                where.setdefault(key, {}).setdefault(number, ref)
    for number, result in enumerate(results):
        seen: set[str] = set()
        for ref in result.papers:
            keys = ref.match_keys()
            if any(key in seen for key in keys):
                continue  # a duplicate within the file: reported by the per-file check
            seen.update(keys)
            best: tuple[int, int, str, PaperRef] | None = None
            for key in keys:
                for other_number, other in where[key].items():
                    if other_number != number:
                        candidate = (other_number, other.line, key, other)
                        if best is None or candidate[:2] < best[:2]:
                            best = candidate
                        break
            if best is None:
                continue
            other_number, _, key, other = best
            yield (
                result.path,
                "PL508",
                Violation(
                    ref.line,
                    ref.column,
                    _duplicate_message(
                        ref, other, key, f"{results[other_number].path}:{other.line}", True
                    ),
                ),
            )
