"""One pass over markdown-it-py's tokens: headings, labelled bullets, links, HTML, code."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from paperlint.model import Field, HtmlBlock, Link
from paperlint.parse.labels import Vocabulary, match_label
from paperlint.text import fold


@dataclass
class RawHeading:
    level: int
    text: str
    line: int


@dataclass
class Paragraph:
    """A top-level paragraph (not inside a list): where metadata lines live."""

    line: int
    content: str


@dataclass
class Blocks:
    headings: list[RawHeading] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    html_blocks: list[HtmlBlock] = field(default_factory=list)
    code_ranges: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)


# An HTML block made only of <details>/<summary> tags is the frame of a details block, not
# part of the field it happens to be indented under: indentation fixes must not change values.
DETAILS_TAGS_RE = re.compile(
    r"(?:\s*</?(?:details|summary)\b[^<>]{0,200}>(?:[^<>\n]{0,500}</summary\s*>)?)+\s*",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """Plain CommonMark, inline-parsing only what can hold a link.

    GFM tables and strikethrough change nothing the model reads. The model keeps each
    block's inline *source* (labels, values, metadata) and needs markdown-it's inline
    tokens only for links; inline parsing is over 40% of the parse of a list whose notes
    are long paragraphs, so blocks that cannot contain a link skip it.
    """
    md = MarkdownIt("commonmark")
    md.core.ruler.at("inline", _inline_where_links_can_be)
    return md


def _inline_where_links_can_be(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, for the blocks where a link can start.

    Every link form — inline, reference, autolink, and a link inside an image or raw
    HTML — starts with ``[`` or ``<``; other blocks get no children. ``parseInline``
    (used for heading slugs) asks for the inline tokens themselves and gets them all.
    """
    md = state.md
    for token in state.tokens:
        if token.type == "inline":
            token.children = []
            content = token.content
            if state.inlineMode or "[" in content or "<" in content:
                md.inline.parse(content, md, state.env, token.children)


@dataclass
class _Item:
    """An open list item while walking the tokens."""

    level: int
    line: int
    end_line: int
    seen_block: bool = False
    found: Field | None = None
    parts: list[str] = field(default_factory=list)


def walk(text: str, lines: list[str], vocabulary: Vocabulary) -> Blocks:
    """Collect what the model needs from one parse of ``text``."""
    tokens = markdown().parse(text)
    blocks = Blocks()
    items: list[_Item] = []
    # The innermost list item that is a field: everything inside it is its value.
    owner: _Item | None = None
    index = 0
    count = len(tokens)
    while index < count:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            inline = tokens[index + 1]
            line = token.map[0] + 1 if token.map else 1
            blocks.headings.append(RawHeading(int(token.tag[1]), fold(inline.content), line))
            _collect_links(inline, line, lines, blocks.links)
            index += 3
            continue
        if kind == "list_item_open":
            start, end = token.map if token.map else (0, 0)
            items.append(_Item(token.level, start + 1, end))
        elif kind == "list_item_close":
            closed = items.pop()
            if closed is owner:
                _close_field(closed)
                owner = None
            if items:
                items[-1].seen_block = True
        elif kind == "inline":
            line = token.map[0] + 1 if token.map else 1
            _collect_links(token, line, lines, blocks.links)
            item = items[-1] if items else None
            first_in_item = (
                item is not None and not item.seen_block and token.level == item.level + 2
            )
            if owner is not None:
                owner.parts.append(fold(token.content))
            elif first_in_item and item is not None:
                found = _field(token.content, item, line, lines, vocabulary)
                if found is not None:
                    item.found = found
                    item.parts.append(fold(found.value))
                    owner = item
                    blocks.fields.append(found)
            elif not items and token.level == 1:
                blocks.paragraphs.append(Paragraph(line, token.content))
            if item is not None:
                item.seen_block = True
        elif kind in ("fence", "code_block"):
            if token.map:
                blocks.code_ranges.append((token.map[0] + 1, token.map[1]))
            if owner is not None:
                owner.parts.append(fold(token.content))
            if items:
                items[-1].seen_block = True
        elif kind == "html_block":
            if token.map:
                blocks.html_blocks.append(HtmlBlock(token.map[0] + 1, token.map[1], token.content))
            if owner is not None and not DETAILS_TAGS_RE.fullmatch(token.content):
                owner.parts.append(fold(token.content))
            if items:
                items[-1].seen_block = True
        index += 1
    while items:
        closed = items.pop()
        if closed is owner:
            _close_field(closed)
    return blocks


def _field(
    content: str, item: _Item, line: int, lines: list[str], vocabulary: Vocabulary
) -> Field | None:
    label = match_label(content, vocabulary)
    if label is None:
        return None
    raw = lines[line - 1] if line - 1 < len(lines) else ""
    column = raw.find(label.markup) + 1 or _first_text_column(raw)
    return Field(
        label=vocabulary.resolve(label.written),
        written=label.written,
        value=label.rest,
        line=line,
        column=column,
        markup=label.markup,
        style=label.style,
        colon=label.colon,
        spacing=label.spacing,
        end_line=item.end_line,
    )


def _close_field(item: _Item) -> None:
    if item.found is not None:
        item.found.value = "\n".join(part for part in item.parts if part)


def _first_text_column(raw: str) -> int:
    stripped = raw.lstrip(" \t>-*+0123456789.)")
    return len(raw) - len(stripped) + 1


def _collect_links(inline: Token, line: int, lines: list[str], out: list[Link]) -> None:
    children = inline.children
    # Every link form (inline, reference, autolink) needs "]" or "<": skip the rest cheaply.
    if not children or ("]" not in inline.content and "<" not in inline.content):
        return
    offset = 0
    search_from = 0
    href: str | None = None
    text: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            offset += 1
            search_from = 0
            if href is not None:
                text.append(" ")
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            text = []
        elif kind == "link_close" and href is not None:
            number = line + offset
            raw = lines[number - 1] if number - 1 < len(lines) else ""
            found = raw.find("](", search_from)
            search_from = found + 2 if found >= 0 else search_from
            # The "[" may be on an earlier line (link text across lines): column 1 then.
            column = max(1, raw.rfind("[", 0, found) + 1) if found >= 0 else 1
            out.append(Link(fold("".join(text)), href, number, column))
            href = None
        elif href is not None and kind in ("text", "code_inline"):
            text.append(child.content)
