"""Parsing in pieces cut at top-level headings gives exactly the tokens of one whole parse.

Every case is walked twice, in pieces as small as the cutting allows and whole, and the
two walks must be equal: the pieces are a memory and speed measure, never a change of
meaning. The cases are the blocks that can swallow a line starting with ``#``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from helpers import CORPUS_FILES, checker
from paperlint.commonmark import markdown
from paperlint.parse import markdown as md
from paperlint.source import decode
from strategies import mutated_corpus

VOCABULARY = checker().vocabulary
CASES = Path(__file__).parent.parent / "fixtures" / "pieces"


def walks(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[md.Blocks, md.Blocks]:
    """(the walk in pieces of one character and up, the walk of one whole parse)."""
    source = decode(text.encode("utf-8"), "pieces.md")
    whole = md.Blocks()
    md.walk_tokens(markdown().parse(source.text), 0, source.lines, VOCABULARY, whole)
    with monkeypatch.context() as patch:
        patch.setattr(md, "PIECE_SIZE", 1)
        pieces = md.walk(source.text, source.lines, VOCABULARY)
    return pieces, whole


@pytest.mark.parametrize("case", sorted(CASES.glob("*.md")), ids=lambda p: p.stem)
def test_pieces_equal_whole_parse(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pieces, whole = walks(case.read_text("utf-8"), monkeypatch)
    pieces.whole = whole.whole
    assert pieces == whole


@pytest.mark.parametrize(
    ("case", "top_level"),
    [
        # A fence and an HTML block swallow the "#" lines inside them; list items and
        # quotes hold headings that are not top-level.
        ("fence-with-comments", [1, 3, 12]),
        ("unclosed-fence", [1, 3]),
        ("details-swallows-heading", [1, 3, 9]),
        ("unclosed-comment", [1, 3]),
        ("setext-headings", [1, 4, 7, 10]),
        ("nested-headings", [1, 3, 8]),
    ],
)
def test_top_level_headings(
    case: str, top_level: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    pieces, _ = walks((CASES / f"{case}.md").read_text("utf-8"), monkeypatch)
    assert pieces.top_level == top_level


def test_a_reference_definition_makes_a_whole_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (CASES / "reference-definition.md").read_text("utf-8")
    pieces, whole = walks(text, monkeypatch)
    assert pieces.whole
    # The definition comes after the link that uses it: only a whole parse resolves it.
    assert [link.url for link in pieces.links] == ["https://arxiv.org/abs/2404.09173"]
    assert pieces.links == whole.links


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.parent.name + "/" + p.name[:30])
def test_corpus_pieces_equal_whole_parse(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pieces, whole = walks(path.read_text("utf-8"), monkeypatch)
    assert pieces == whole


@settings(max_examples=150)
@given(mutated_corpus(max_mutations=12))
def test_mutated_pieces_equal_whole_parse(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        pieces, whole = walks(text, patch)
    assert pieces == whole
