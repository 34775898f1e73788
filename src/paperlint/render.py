"""What GitHub shows: Markdown rendered by GitHub's own cmark-gfm, and the DOM a browser
builds from that HTML (html5lib, the WHATWG tree construction).

Our parser (markdown-it) knows blocks; only the renderer knows what a reader sees when an
HTML tag, an indentation or a ``$$`` line breaks a list. The rules use ``Rendering`` (the
HTML with source positions, cheap) where their own parse finds a suspect; the fix guard
uses it on the sections that edits touched; ``dom`` (slower) answers the tests' questions
about ``<details>`` elements.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from paperlint.syntax import FENCE_OPEN_RE, LIST_MARKER

if TYPE_CHECKING:
    from collections.abc import Callable
    from xml.etree.ElementTree import Element


EXTENSIONS = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]


@functools.cache
def _renderer() -> Callable[[str], str]:
    """cmark-gfm's renderer, imported on first use: most files never need it.

    As github.com renders Markdown: raw HTML kept (its sanitiser removes attributes and a
    few tags, never text), GFM's extensions, and source positions on every Markdown block.
    It makes the calls of cmarkgfm's ``markdown_to_html_with_extensions``, but looks the
    extensions up once, not on every call (a tenth of the time of a section's rendering).
    """
    from cmarkgfm import cmark  # type: ignore[import-untyped]

    options = int(cmark.Options.CMARK_OPT_UNSAFE | cmark.Options.CMARK_OPT_SOURCEPOS) | int(
        cmark.Options.CMARK_OPT_GITHUB_PRE_LANG
    )
    cmark.core_extensions_ensure_registered()
    extensions = [cmark.find_syntax_extension(name) for name in EXTENSIONS]

    def render(markdown: str) -> str:
        parser = cmark.parser_new(options)
        try:
            for extension in extensions:
                cmark.parser_attach_syntax_extension(parser, extension)
            cmark.parser_feed(parser, markdown)
            root = cmark.parser_finish(parser)
            found = cmark.parser_get_syntax_extensions(parser)
            return cast(str, cmark.render_html(root, options, found))
        finally:
            cmark.parser_free(parser)

    return render


_BLOCK_RE = re.compile(
    r'<([a-z][a-z0-9]{0,10})[^<>]{0,100}? data-sourcepos="(\d+):(\d+)-(\d+):(\d+)"'
)
# ``_blocks_re(("li",))`` with its first line alone as a group, and ``<li`` written out
# so that the search looks for it (not for every ``<``).
_ITEM_START_RE = re.compile(r'<li(?![a-z0-9])[^<>]{0,100}? data-sourcepos="(\d+):\d+-\d+:\d+"')
_PRE_RE = re.compile(r"<pre\b[^<>]*>.*?</pre>", re.DOTALL)
_TAG_RE = re.compile(r"<[^<>]*>")
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# ``\bhref="…"``, written so that the search starts from the literal ``h`` (a leading
# ``\b`` makes the regex engine try every offset: ten times slower on a large list).
_HREF_RE = re.compile(r'h(?<!\wh)ref="([^"<>]*)"')
# A line that starts a bullet or an ordered item, after any indentation and quote markers.
_BULLET = rf"[ \t>]*{LIST_MARKER}[ \t]+\S"
BULLET_RE = re.compile(_BULLET)
# The same, after a line break: the regex engine looks for the line break first (with
# ``^`` and ``re.MULTILINE`` it tries every offset, five times slower).
_BULLET_AFTER_BREAK_RE = re.compile(rf"\n{_BULLET}")
# Containers whose end tag a browser uses to close every element still open inside them.
CONTAINERS = frozenset({"li", "blockquote"})


@dataclass(frozen=True)
class Block:
    """A Markdown block cmark-gfm rendered, with its source lines (1-based, inclusive)."""

    tag: str
    line: int
    column: int
    end_line: int
    end_column: int

    def holds(self, line: int, column: int = 1) -> bool:
        if not self.line <= line <= self.end_line:
            return False
        return line != self.line or column >= self.column


def to_html(markdown: str) -> str:
    """The HTML github.com renders for ``markdown`` (before its sanitiser)."""
    return _renderer()(markdown)


@functools.cache
def _blocks_re(tags: tuple[str, ...]) -> re.Pattern[str]:
    """``_BLOCK_RE`` for these tags only: the same matches as filtering its matches by tag
    (a tag is matched whole, and no match spans a ``<``), without building the others."""
    names = "|".join(re.escape(tag) for tag in tags)
    return re.compile(
        rf'<({names})(?![a-z0-9])[^<>]{{0,100}}? data-sourcepos="(\d+):(\d+)-(\d+):(\d+)"'
    )


@dataclass
class Rendering:
    """One rendering of some Markdown, whose line 1 is line ``first`` of the file."""

    markdown: str
    first: int = 1
    html: str = ""

    def __post_init__(self) -> None:
        self.html = to_html(self.markdown)

    @functools.cached_property
    def _lines(self) -> list[str]:
        return self.markdown.split("\n")

    @functools.cached_property
    def blocks(self) -> list[Block]:
        """Every block, in document order (built on first use: the fix guard needs only
        code blocks and list items, ``_blocks_of``)."""
        return self._blocks(_BLOCK_RE)

    def _blocks_of(self, *tags: str) -> list[Block]:
        """The blocks of these tags, in document order (as ``blocks`` filtered by tag)."""
        if "blocks" in self.__dict__:
            return [b for b in self.blocks if b.tag in tags]
        if not any(f"<{tag}" in self.html for tag in tags):
            return []  # (most sections hold no ``<pre>``)
        return self._blocks(_blocks_re(tags))

    def _blocks(self, pattern: re.Pattern[str]) -> list[Block]:
        blocks: list[Block] = []
        offset = self.first - 1
        for match in pattern.finditer(self.html):
            tag, line, column, end, end_column = match.groups()
            last, last_column = int(end), int(end_column)
            if last_column == 0 and last > int(line):  # "6:0": it ended with line 5
                last -= 1
                last_column = 1 << 30
            blocks.append(Block(tag, int(line) + offset, int(column), last + offset, last_column))
        return blocks

    def source_line(self, number: int) -> str:
        index = number - self.first
        return self._lines[index] if 0 <= index < len(self._lines) else ""

    def code_blocks(self) -> list[tuple[int, int, bool]]:
        """(first line, last line, fenced) of every code block."""
        return list(self._code_blocks)

    @functools.cached_property
    def _code_blocks(self) -> tuple[tuple[int, int, bool], ...]:
        return tuple(
            (b.line, b.end_line, bool(FENCE_OPEN_RE.match(self.source_line(b.line))))
            for b in self._blocks_of("pre")
        )

    def indented_code(self) -> list[tuple[int, int]]:
        """The code blocks made by indentation (never meant, in a paper list)."""
        if "<pre" not in self.html:
            return []  # (most sections: no code block at all)
        return [(first, last) for first, last, fenced in self.code_blocks() if not fenced]

    def item_starts(self) -> set[int]:
        if "blocks" in self.__dict__:
            return {b.line for b in self.blocks if b.tag == "li"}
        offset = self.first - 1
        return {int(line) + offset for line in _ITEM_START_RE.findall(self.html)}

    def innermost(self, line: int, column: int, tags: frozenset[str]) -> Block | None:
        """The innermost block of one of ``tags`` that holds (line, column)."""
        found: Block | None = None
        for block in self.blocks:  # in document order: inner blocks come after outer ones
            if block.line > line:
                break
            if block.tag in tags and block.holds(line, column):
                found = block
        return found

    def stray_bullets(self) -> dict[int, str]:
        """Lines written as a bullet that GitHub does not show as a list item: line →
        ``"code"`` (in an indented code block) or ``"text"`` (paragraph or HTML text)."""
        markdown = self.markdown
        bullets = [m.start() + 1 for m in _BULLET_AFTER_BREAK_RE.finditer(markdown)]
        if BULLET_RE.match(markdown):
            bullets.insert(0, 0)
        if not bullets:
            return {}
        found: dict[int, str] = {}
        starts = self.item_starts()
        number, counted = self.first, 0  # the line number at offset ``counted``
        # What hides a bullet that is no item, found once a section has one (rarely).
        hidden: tuple[set[int], set[int], str] | None = None
        for start in bullets:
            number += markdown.count("\n", counted, start)
            counted = start
            if number in starts:
                continue
            if hidden is None:
                blocks = self.code_blocks()
                code = {n for first, last, _ in blocks for n in range(first, last + 1)}
                fenced = {n for first, last, f in blocks if f for n in range(first, last + 1)}
                comments = "".join(_COMMENT_RE.findall(self.html))  # GitHub shows none of it
                hidden = fenced, code, comments
            fenced, code, comments = hidden
            if number in fenced:
                continue
            end = markdown.find("\n", start)
            text = markdown[start : end if end >= 0 else len(markdown)]
            if comments and text.strip() in comments:
                continue  # hidden in an HTML comment, not shown at all
            found[number] = "code" if number in code else "text"
        return found

    def shown_words(self) -> Counter[str]:
        """Every word GitHub shows outside code blocks (hidden ``<details>`` text too), and
        the words of link targets."""
        return Counter(self.shown_text().split())

    def shown_text(self) -> str:
        """The text of ``shown_words``, whose ``split()`` they are: link targets last."""
        rendered = self.html  # (looking for ``<pre`` is faster than the regex's search)
        outside = _PRE_RE.sub(" ", rendered) if "<pre" in rendered else rendered
        # A URL shown as text that a fix makes a link target stays: count link targets.
        targets = " ".join(_HREF_RE.findall(outside))
        return html.unescape(_TAG_RE.sub(" ", outside) + " " + targets)


# -- the browser's DOM (tests, and the details messages' proofs) ----------------------------


@dataclass
class DetailsElement:
    """A ``<details>`` element of the DOM: the source lines of what it contains."""

    element: Element
    lines: list[int]  # start lines of the Markdown blocks inside, in order
    headings: list[int]  # lines of the headings inside

    @property
    def last_line(self) -> int | None:
        return max(self.lines) if self.lines else None


def dom(markdown: str) -> Element:
    """The tree a browser builds from GitHub's HTML for ``markdown``."""
    import html5lib  # slow to import, and only the tests build a DOM

    return html5lib.parse(to_html(markdown), namespaceHTMLElements=False)


def _position(element: Element) -> tuple[int, int] | None:
    value = element.get("data-sourcepos")
    if not value:
        return None
    start, _, end = value.partition("-")
    first, (last, column) = int(start.partition(":")[0]), map(int, end.split(":"))
    return first, last - 1 if column == 0 and last > first else last  # "6:0": ended at 5


def details_elements(root: Element, first: int = 1) -> list[DetailsElement]:
    """Every ``<details>`` element in document order, with what it holds."""
    found: list[DetailsElement] = []
    for element in root.iter("details"):
        lines: list[int] = []
        headings: list[int] = []
        for inner in element.iter():
            position = _position(inner)
            if position is None:
                continue
            line = position[0] + first - 1
            lines.append(position[1] + first - 1)
            if inner.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                headings.append(line)
        found.append(DetailsElement(element, sorted(lines), headings))
    return found


def shown_text(root: Element) -> str:
    """The text of the DOM outside ``<pre>`` (what a reader reads, code aside)."""
    parts: list[str] = []

    def walk(element: Element) -> None:
        if element.tag == "pre":
            if element.tail:
                parts.append(element.tail)
            return
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
        if element.tail:
            parts.append(element.tail)

    walk(root)
    return " ".join(parts)


__all__ = [
    "BULLET_RE",
    "CONTAINERS",
    "Block",
    "DetailsElement",
    "Rendering",
    "details_elements",
    "dom",
    "shown_text",
    "to_html",
]
