"""Links found without markdown-it's inline parser (``commonmark.simple_links``) are the
links markdown-it finds, and a list's metadata line takes that short way."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from helpers import CORPUS_FILES, checker
from paperlint import commonmark
from paperlint.commonmark import LinkFound, markdown, simple_links
from paperlint.parse.markdown import _links_of
from paperlint.source import decode
from strategies import mutated_corpus


def parsed_links(content: str) -> list[LinkFound]:
    """The links markdown-it's own inline parse finds in ``content``."""
    return list(_links_of(markdown().parseInline(content)[0].children))


@pytest.mark.parametrize(
    ("content", "links"),
    [
        (
            "`[DiT]` `[2024.12]` \\[[paper](https://arxiv.org/abs/2412.07919)\\] "
            "\\[[code](https://github.com/lab1/project1)\\]",
            [
                (0, "paper", "https://arxiv.org/abs/2412.07919", False),
                (0, "code", "https://github.com/lab1/project1", False),
            ],
        ),
        ("see `[a](https://x.org)` here", []),
        (
            "**[Paper](https://x.org/a)** and\n[ToC](#top)",
            [
                (0, "Paper", "https://x.org/a", False),
                (1, "ToC", "#top", False),
            ],
        ),
        ("[](https://x.org)", [(0, "", "https://x.org", False)]),
        ("Wow! [a](#b)", [(0, "a", "#b", False)]),
    ],
)
def test_plain_blocks_give_their_links(content: str, links: list[LinkFound]) -> None:
    assert simple_links(content) == links
    assert parsed_links(content) == links


@pytest.mark.parametrize(
    "content",
    [
        "[RL] a shortcut reference, if one is defined",
        "![figure](https://x.org/a.png)",
        "<https://x.org>",
        "[a](https://x.org 'title')",
        "[a](<https://x.org>)",
        "[a *b*](https://x.org)",
        "[a &amp; b](https://x.org)",
        "[a](https://x.org/?q=1&amp;r=2)",
        "[a](https://x.org/a_(b))",
        "[a](https://x.org/é)",
        "[a](javascript:alert(1))",
        "a `` b `` [c](#d)",
        "a `b``c` [d](#e)",
        "it`s [a](#b)",
        "\\\\[a](#b)",
        "[a\nb](#c)",
        "[[a](#b)]",
    ],
)
def test_anything_else_is_left_to_markdown_it(content: str) -> None:
    assert simple_links(content) is None


FRAGMENTS = [
    "[", "]", "(", ")", "`", "``", "\\", "\\[", "\\]", "<", ">", "!", "*", "_", "&", "&amp;",
    "\n", "  \n", " ", "a", "Paper", ":", "https://x.org/p", "http://arxiv.org/abs/1", "#s",
    "[a](https://x.org)", "[b](#c)", "`[RL]`", "\\[[p](https://y.org/q)\\]", "'t'", '"',
]  # fmt: skip


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join))
@example("\\[[a](https://x.org)\\]`[b]`[c](#d)")
@example("`a`[b](#c)`d`")
def test_the_short_way_finds_what_markdown_it_finds(content: str) -> None:
    links = simple_links(content)
    if links is not None:
        assert links == parsed_links(content)


def test_the_short_way_is_taken_for_metadata_lines() -> None:
    """Not a property that holds by accident: on the corpus, most blocks with links are
    plain enough (if this fails, the short way stopped working, not the parse)."""
    blocks = plain = 0
    for path in CORPUS_FILES:
        for token in markdown().parse(path.read_text("utf-8")):
            if token.type == "inline" and "](" in token.content:
                blocks += 1
                plain += "links" in token.meta
    assert blocks > 100
    assert plain > blocks / 2


def walked_links(text: str) -> list[tuple[object, ...]]:
    document = checker().parse(decode(text.encode(), "t.md"))
    return [(k.text, k.url, k.line, k.column, k.end_column, k.destination) for k in document.links]


@given(mutated_corpus())
def test_a_document_has_the_same_links_either_way(text: str) -> None:
    with_short_way = walked_links(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(commonmark, "simple_links", lambda content: None)
        assert walked_links(text) == with_short_way
