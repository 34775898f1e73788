"""Character-level facts (``paperlint.text``) that the parser and the rules rely on."""

from __future__ import annotations

import pytest

from paperlint.text import INVISIBLE_CHARACTERS, fold


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
