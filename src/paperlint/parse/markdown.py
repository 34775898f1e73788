"""One pass over markdown-it-py's tokens: headings, labelled bullets, links, HTML, code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it.token import Token

from paperlint.commonmark import LinkFound, markdown
from paperlint.model import Field, HtmlBlock, Link
from paperlint.parse.labels import Vocabulary, match_label
from paperlint.syntax import HEADING_LINE_RE, destination_span
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
class Item:
    """A top-level list item: where a bullet entry may stand."""

    line: int
    end_line: int
    marker: str  # "-", "*", "+", "1." ...
    content: str = ""  # inline source of its first paragraph ("" when it has none)


@dataclass
class Row:
    line: int
    cells: list[str]


@dataclass
class Table:
    """A GFM table: header cells and rows, as inline source."""

    line: int
    end_line: int
    header: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    cursor: int = 0  # where the next cell's text is searched for on its line


@dataclass
class Blocks:
    """What the model needs from markdown-it's tokens, in document order (1-based lines)."""

    headings: list[RawHeading] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    html_blocks: list[HtmlBlock] = field(default_factory=list)
    code_ranges: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # Lines of the headings outside any container: no block is open across them, so the
    # text parses the same in pieces cut there (``parse_piece``, ``parse.incremental``).
    top_level: list[int] = field(default_factory=list)
    # The text defines link references, which any part of it may use: it was parsed whole.
    whole: bool = False


# An HTML block made only of <details>/<summary> tags is the frame of a details block, not
# part of the field it happens to be indented under: indentation fixes must not change values.
# A summary's text must hold a non-space: blank text is the whitespace between two tags, and
# one string matched two ways under the ``+`` made fullmatch try 2^n paths.
DETAILS_TAGS_RE = re.compile(
    r"\s*(?:</?(?:details|summary)\b[^<>]{0,200}>"
    r"(?:(?=[^\S\n]*[^<>\s])[^<>\n]{1,500}</summary\s*>)?\s*)+",
    re.IGNORECASE,
)


@dataclass
class _Item:
    """An open list item while walking the tokens."""

    level: int
    line: int
    end_line: int
    seen_block: bool = False
    found: Field | None = None
    parts: list[str] = field(default_factory=list)


class WholeParseNeeded(Exception):
    """A piece defines a link reference: the pieces may not be parsed apart."""


class PieceEndMoved(Exception):
    """The text parsed up to a piece's end does not close every block there."""


# The text is parsed in pieces of about this many characters, each walked and then dropped:
# the tokens of a 100 MB list never exist at once, and time per entry stays flat.
PIECE_SIZE = 128 * 1024


# Where a piece may end: before a line that may be a top-level ATX heading. Only a
# candidate: ``parse_piece`` checks that markdown-it agrees.
def parse_piece(text: str, start: int, end: int) -> list[Token] | None:
    """Tokens of ``text[start:end]`` parsed alone, or None if that would differ from
    parsing the whole text there.

    ``start`` must be where a top-level block begins (0, or a line ``parse_piece`` has
    accepted as ``end``). ``end`` is the start of a line; unless it is the end of the
    text, that line must be a top-level heading when parsed together with the piece —
    then every block of the piece closed before it, whatever follows. Parsing decides a
    line only from the lines up to it, so the piece's tokens are those of the whole
    text, lines counted from the piece's start. A piece that defines a link reference
    raises ``WholeParseNeeded``: other pieces might use it.
    """
    length = len(text)
    if end >= length:
        return _tokens(text[start:])
    newline = text.find("\n", end)
    stop = length if newline < 0 else newline + 1
    tokens = _tokens(text[start:stop])
    heading_line = text.count("\n", start, end)
    if (
        len(tokens) < 3
        or tokens[-3].type != "heading_open"
        or tokens[-3].level != 0
        or tokens[-3].map != [heading_line, heading_line + 1]
    ):
        return None
    del tokens[-3:]
    return tokens


def _tokens(piece: str) -> list[Token]:
    env: dict[str, object] = {}
    tokens = markdown().parse(piece, env)
    if env.get("references"):
        raise WholeParseNeeded
    return tokens


def _next_heading_line(text: str, start: int) -> int:
    """Offset of the first line from ``start`` on that may be a top-level heading (or the
    text's length)."""
    match = HEADING_LINE_RE.search(text, start)
    return match.start() if match else len(text)


def pieces(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[list[Token], int]]:
    """Tokens of ``text[start:end]`` in pieces of about ``PIECE_SIZE``, each with its
    first line counted from ``start``'s.

    ``start`` is where a top-level block begins; ``end`` (default: the text's end) is a
    candidate as for ``parse_piece``. Raises ``PieceEndMoved`` when markdown-it does not
    end a block there.
    """
    stop = len(text) if end is None else end
    first_line = 0
    while start < stop:
        size = PIECE_SIZE
        while True:
            cut = min(_next_heading_line(text, start + size), stop) if start + size < stop else stop
            tokens = parse_piece(text, start, cut)
            if tokens is not None:
                break
            if cut == stop:
                raise PieceEndMoved
            size *= 2  # the candidate was inside a block: a larger piece, at most twice the work
        yield tokens, first_line
        first_line += text.count("\n", start, cut)
        start = cut


def walk(text: str, lines: list[str], vocabulary: Vocabulary) -> Blocks:
    """Collect what the model needs from ``text``, parsed in pieces (whole if it must)."""
    blocks = Blocks()
    try:
        for tokens, first_line in pieces(text):
            walk_tokens(tokens, first_line, lines, vocabulary, blocks)
    except WholeParseNeeded:
        blocks = Blocks(whole=True)
        walk_tokens(markdown().parse(text), 0, lines, vocabulary, blocks)
    return blocks


def walk_tokens(
    tokens: list[Token], shift: int, lines: list[str], vocabulary: Vocabulary, blocks: Blocks
) -> None:
    """Add what ``tokens`` hold to ``blocks``; their lines count from line ``shift + 1``.

    ``tokens`` start and end at the top level (a whole text, or a piece of it).
    """
    items: list[_Item] = []
    # The innermost list item that is a field: everything inside it is its value.
    owner: _Item | None = None
    top_item: Item | None = None
    table: Table | None = None
    index = 0
    count = len(tokens)
    while index < count:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            inline = tokens[index + 1]
            line = token.map[0] + 1 + shift if token.map else 1
            blocks.headings.append(RawHeading(int(token.tag[1]), fold(inline.content), line))
            if token.level == 0:
                blocks.top_level.append(line)
            _collect_links(inline, line, lines, blocks.links)
            index += 3
            continue
        if kind == "list_item_open":
            start, end = token.map if token.map else (0, 0)
            items.append(_Item(token.level, start + 1 + shift, end + shift))
            if token.level == 1:
                top_item = Item(start + 1 + shift, end + shift, token.markup + token.info)
                blocks.items.append(top_item)
        elif kind == "list_item_close":
            if token.level == 1:
                top_item = None
            closed = items.pop()
            if closed is owner:
                _close_field(closed)
                owner = None
            if items:
                items[-1].seen_block = True
        elif kind == "inline":
            line = token.map[0] + 1 + shift if token.map else 1
            start = 0
            if table is not None and line - 1 < len(lines):
                # Cells share a line: each cell's links are searched from where it starts.
                cell_at = lines[line - 1].find(token.content.strip(), table.cursor)
                start = cell_at if cell_at >= 0 and token.content.strip() else table.cursor
                table.cursor = start + len(token.content.strip())
            _collect_links(token, line, lines, blocks.links, start)
            item = items[-1] if items else None
            first_in_item = (
                item is not None and not item.seen_block and token.level == item.level + 2
            )
            if first_in_item and top_item is not None and len(items) == 1:
                top_item.content = token.content
            if table is not None:
                _table_cell(table, tokens[index - 1], token.content, line)
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
        elif kind == "table_open" and token.level == 0 and token.map:
            table = Table(token.map[0] + 1 + shift, token.map[1] + shift)
            blocks.tables.append(table)
        elif kind == "tr_open" and table is not None:
            table.cursor = 0
        elif kind == "table_close" and token.level == 0:
            table = None
        elif kind in ("fence", "code_block"):
            if token.map:
                blocks.code_ranges.append((token.map[0] + 1 + shift, token.map[1] + shift))
            if owner is not None:
                owner.parts.append(fold(token.content))
            if items:
                items[-1].seen_block = True
        elif kind == "html_block":
            if token.map:
                blocks.html_blocks.append(
                    HtmlBlock(token.map[0] + 1 + shift, token.map[1] + shift, token.content)
                )
            if owner is not None and not DETAILS_TAGS_RE.fullmatch(token.content):
                owner.parts.append(fold(token.content))
            if items:
                items[-1].seen_block = True
        index += 1
    while items:
        closed = items.pop()
        if closed is owner:
            _close_field(closed)


def _table_cell(table: Table, opener: Token, content: str, line: int) -> None:
    if opener.type == "th_open":
        table.header.append(fold(content))
    elif opener.type == "td_open":
        if not table.rows or table.rows[-1].line != line:
            table.rows.append(Row(line, []))
        table.rows[-1].cells.append(content.strip())


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
        markup_end=column + len(label.markup),
    )


def _close_field(item: _Item) -> None:
    if item.found is not None:
        item.found.value = "\n".join(part for part in item.parts if part)


def _first_text_column(raw: str) -> int:
    stripped = raw.lstrip(" \t>-*+0123456789.)")
    return len(raw) - len(stripped) + 1


def _collect_links(
    inline: Token, line: int, lines: list[str], out: list[Link], start: int = 0
) -> None:
    # Every link form (inline, reference, autolink) needs "]" or "<": skip the rest cheaply.
    if "]" not in inline.content and "<" not in inline.content:
        return
    found = inline.meta.get("links") if inline.meta else None
    links = found if found is not None else _links_of(inline.children)
    offset = 0
    search_from = start
    for link_offset, text, href, autolink in links:
        if link_offset != offset:  # a line break since the last link: search its line anew
            offset = link_offset
            search_from = 0
        number = line + offset
        raw = lines[number - 1] if number - 1 < len(lines) else ""
        place = _place_autolink if autolink else _place_link
        column, end, destination, search_from = place(raw, search_from, href)
        out.append(Link(fold(text), href, number, column, end, destination))


def _links_of(children: list[Token] | None) -> Iterator[LinkFound]:
    """The links of markdown-it's inline tokens, as ``simple_links`` gives them."""
    offset = 0
    href: str | None = None
    autolink = False
    text: list[str] = []
    for child in children or ():
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            offset += 1
            if href is not None:
                text.append(" ")
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            autolink = child.markup == "autolink"
            text = []
        elif kind == "link_close" and href is not None:
            yield offset, "".join(text), href, autolink
            href = None
        elif href is not None and kind in ("text", "code_inline"):
            text.append(child.content)


_ESCAPED_RE = re.compile(r"\\([!-/:-@\[-`{-~])")

Placed = tuple[int, int, tuple[int, int] | None, int]


def _place_link(raw: str, search_from: int, href: str) -> Placed:
    """(column, end column, destination, where the next link's search starts) of the link
    to ``href`` whose ``](`` is the first on ``raw`` from ``search_from`` that spells it.

    Links come in order, so the first ``](`` is almost always the one; a ``](`` inside a
    code span of the link text is skipped by comparing destinations.
    """
    found = raw.find("](", search_from)
    first_found = found
    while found >= 0:
        first, end, _closed = destination_span(raw, found + 2)
        written = raw[first:end]
        if "\\" in written:
            written = _ESCAPED_RE.sub(r"\1", written)
        if written == href or markdown().normalizeLink(written) == href:
            return _opening(raw, found), _closing(raw, end), (first + 1, end + 1), end
        found = raw.find("](", found + 2)
    if first_found < 0:  # a reference link, or text across lines: the line is all we know
        return 1, len(raw) + 1, None, search_from
    first, end, _closed = destination_span(raw, first_found + 2)
    return _opening(raw, first_found), _closing(raw, end), None, first_found + 2


def _place_autolink(raw: str, search_from: int, href: str) -> Placed:
    found = raw.find("<", search_from)
    close = raw.find(">", found + 1) if found >= 0 else -1
    if close < 0:
        return 1, len(raw) + 1, None, search_from
    return found + 1, close + 2, (found + 2, close + 1), close + 1


def _opening(raw: str, bracket: int) -> int:
    """1-based column of the ``[`` that the ``]`` at ``bracket`` closes, brackets paired
    (``[[pdf]](…)`` opens at the first); 1 when the text starts on an earlier line."""
    depth = 0
    index = bracket
    while index >= 0:
        char = raw[index]
        if char in "[]" and (index == 0 or raw[index - 1] != "\\"):
            depth += 1 if char == "]" else -1
            if depth == 0:
                return index + 1
        index -= 1
    # Unpaired on this line (a bracket in a code span of the text): the nearest `[`.
    return max(1, raw.rfind("[", 0, bracket) + 1)


def _closing(raw: str, index: int) -> int:
    """Column just past the ``)`` that ends a link whose destination ends at ``index``
    (0-based): after an angle bracket and a title if any; the line's end if unclosed."""
    length = len(raw)
    if index < length and raw[index] == ">":
        index += 1
    while index < length and raw[index] in " \t":
        index += 1
    if index < length and raw[index] in "\"'(":
        quote = ")" if raw[index] == "(" else raw[index]
        close = raw.find(quote, index + 1)
        index = close + 1 if close >= 0 else length
        while index < length and raw[index] in " \t":
            index += 1
    return index + 2 if index < length and raw[index] == ")" else length + 1
