"""The markdown-it-py parser paperlint reads Markdown with, configured in one place.

The parser walks its tokens; the link rules and heading slugs use it to normalize a link
destination and to render a heading's inline text the way the parse did.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore, normalize

# A URL that markdown-it's ``normalizeLink`` returns unchanged: an http(s) URL with a plain
# host of at most 255 characters (labels of at most 63, no port), or an anchor; after the
# host only characters its percent-encoding keeps, and well-formed escapes. Most links of
# a paper list are one of these.
_KEPT = r"(?:[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]|%[0-9A-Fa-f]{2})*"
_PLAIN_URL_RE = re.compile(
    r"https?://(?=[A-Za-z0-9.-]{1,255}(?:[/?#]|\Z))[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*"
    rf"(?:[/?#]{_KEPT})?|#{_KEPT}"
)


class _MarkdownIt(MarkdownIt):
    def normalizeLink(self, url: str) -> str:
        """markdown-it's, without parsing and re-encoding a URL it would leave as it is
        (over a third of the inline parse of a list of links)."""
        if _PLAIN_URL_RE.fullmatch(url):
            return url
        return super().normalizeLink(url)


# One link of an inline block, as the walk reads it: (line offset within the block, link
# text, href, autolink).
LinkFound = tuple[int, str, str, bool]

# What may stand in an inline block whose links are found without markdown-it's inline
# parser (``simple_links``). Each alternative starts with a character no other one starts
# with, and text between matches holds none of `` ` [ ] \ < `` and no ``![``:
_SIMPLE_RE = re.compile(
    # a code span of single backticks on one line (brackets inside are text)
    r"(?P<code>`[^`\n]+`(?!`))"
    # an escaped bracket: text
    r"|\\[\[\]]"
    # an inline link on one line: plain text, and a destination kept as written
    r"|\[(?P<text>[^\[\]`\\<>&!*_\n]*)\]\((?P<href>[^\s()<>\\\"'`&\[\]]+)\)"
    # anything else that can start markup: markdown-it must parse the block
    r"|(?P<other>[`\[\]\\<]|!\[)"
)


def simple_links(content: str) -> list[LinkFound] | None:
    """The links of ``content`` when it is written plainly enough to find them without
    markdown-it's inline parser, else None.

    A paper list's metadata line (`` `[RL]` `[2024.12]` \\[[paper](https://…)\\] ``) is
    such a block, and parsing it inline is most of the inline parse of a list. Plain means:
    brackets only escaped or as inline links whose text holds no markup and whose
    destination markdown-it keeps as written; backticks only as one-line code spans of
    single backticks; no ``<`` (HTML, autolinks) and no image. In such text the only links
    are those, whatever the text around them holds (emphasis, entities, line breaks).
    It is only used where no link reference is defined: ``[RL]`` could name one.
    """
    found: list[LinkFound] = []
    line = counted = 0
    for match in _SIMPLE_RE.finditer(content):
        if match.group("other") is not None:
            return None
        href = match.group("href")
        if href is None:
            continue
        if not _PLAIN_URL_RE.fullmatch(href):
            return None
        start = match.start()
        line += content.count("\n", counted, start)
        counted = start
        found.append((line, match.group("text"), href, False))
    return found


@functools.lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """Plain CommonMark, inline-parsing only what can hold a link.

    GFM tables are on (a table row can be an entry); strikethrough changes nothing the
    model reads. The model keeps each
    block's inline *source* (labels, values, metadata) and needs markdown-it's inline
    tokens only for links; inline parsing is over 40% of the parse of a list whose notes
    are long paragraphs, so blocks that cannot contain a link skip it, and blocks whose
    links ``simple_links`` finds keep them in ``token.meta["links"]`` instead.
    """
    md = _MarkdownIt("commonmark").enable("table")
    md.core.ruler.at("normalize", _normalize_when_needed)
    md.core.ruler.at("inline", _inline_where_links_can_be)
    # ``text_join`` only merges adjacent text children (``_inline_where_links_can_be``
    # makes escapes text); every reader of children concatenates them anyway.
    md.core.ruler.disable("text_join")
    return md


def _normalize_when_needed(state: StateCore) -> None:
    """markdown-it's ``normalize`` (CR and CRLF to LF, NUL to U+FFFD), skipped when there is
    nothing to change: paperlint decodes files to LF without NUL, and the rule otherwise
    rewrites every newline of every piece."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def _inline_where_links_can_be(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, for the blocks where a link can start.

    Every link form — inline, reference, autolink, and a link inside an image or raw
    HTML — starts with ``[`` or ``<``; other blocks get no children. ``parseInline``
    (used for heading slugs) asks for the inline tokens themselves and gets them all.
    """
    md = state.md
    plain = not state.inlineMode and not state.env.get("references")
    for token in state.tokens:
        if token.type == "inline":
            token.children = []
            content = token.content
            if not state.inlineMode and "[" not in content and "<" not in content:
                continue
            if plain and (links := simple_links(content)) is not None:
                token.meta = {"links": links}
                continue
            md.inline.parse(content, md, state.env, token.children)
            for child in token.children:
                if child.type == "text_special":  # an escape or entity: its text
                    child.type = "text"
