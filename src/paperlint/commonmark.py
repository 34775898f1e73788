"""The markdown-it-py parser paperlint reads Markdown with, configured in one place.

The parser walks its tokens; the link rules and heading slugs use it to normalize a link
destination and to render a heading's inline text the way the parse did.
"""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore


@functools.lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """Plain CommonMark, inline-parsing only what can hold a link.

    GFM tables are on (a table row can be an entry); strikethrough changes nothing the
    model reads. The model keeps each
    block's inline *source* (labels, values, metadata) and needs markdown-it's inline
    tokens only for links; inline parsing is over 40% of the parse of a list whose notes
    are long paragraphs, so blocks that cannot contain a link skip it.
    """
    md = MarkdownIt("commonmark").enable("table")
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
