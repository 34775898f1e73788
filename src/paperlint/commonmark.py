"""The markdown-it-py parser paperlint reads Markdown with, configured in one place.

The parser walks its tokens; the link rules and heading slugs use it to normalize a link
destination and to render a heading's inline text the way the parse did.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

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


@functools.lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """Plain CommonMark, inline-parsing only what can hold a link.

    GFM tables are on (a table row can be an entry); strikethrough changes nothing the
    model reads. The model keeps each
    block's inline *source* (labels, values, metadata) and needs markdown-it's inline
    tokens only for links; inline parsing is over 40% of the parse of a list whose notes
    are long paragraphs, so blocks that cannot contain a link skip it.
    """
    md = _MarkdownIt("commonmark").enable("table")
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
