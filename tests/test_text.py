"""Character-level facts (``paperlint.text``) that the parser and the rules rely on."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paperlint.text import INVISIBLE_CHARACTERS, fold, mask_code_spans


def test_no_invisible_character_is_ascii() -> None:
    # fold() and the PL603 line scan skip ASCII strings on the strength of this.
    assert not any(character.isascii() for character in INVISIBLE_CHARACTERS)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("plain  text\n  on lines", "plain text on lines"),
        ("no\u00a0break", "no break"),
        ("zero\u200bwidth \ufeffmark", "zerowidth mark"),
        ("ascii\tonly ", "ascii only"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def reference_mask(line: str) -> str:
    """The plain form: a run of N backticks opens a span that the next run of exactly N
    closes; the span, backticks included, becomes spaces."""
    runs = [(m.start(), m.end()) for m in re.finditer("`+", line)]
    out = list(line)
    index = 0
    while index < len(runs):
        start, end = runs[index]
        closing = next(
            (j for j in range(index + 1, len(runs)) if runs[j][1] - runs[j][0] == end - start),
            None,
        )
        if closing is None:
            index += 1
            continue
        out[start : runs[closing][1]] = " " * (runs[closing][1] - start)
        index = closing + 1
    return "".join(out)


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("- `Keypoints:` a; b", "-              a; b"),
        ("`a` b `c", "    b `c"),
        ("`a` `` b ` c `` `", " " * 16 + "`"),
        ("``a`b`` c", "        c"),
        ("no code", "no code"),
        ("`", "`"),
    ],
)
def test_mask_code_spans(line: str, masked: str) -> None:
    assert mask_code_spans(line) == masked
    assert len(mask_code_spans(line)) == len(line)


@given(st.text(alphabet="`a ", max_size=30))
def test_mask_code_spans_pairs_runs_as_commonmark(line: str) -> None:
    assert mask_code_spans(line) == reference_mask(line)
