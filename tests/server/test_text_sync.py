"""The server's own copy of a document: edits in client units, line endings, clamping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paperlint.server.documents import OpenDocument, Position, split_lines
from paperlint.server.linting import changed_span
from paperlint.server.positions import UTF8, UTF16, UTF32, from_units, to_units

pytest.importorskip("lsprotocol", reason="needs the server extra")

ENCODINGS = (UTF8, UTF16, UTF32)
TEXT = st.text(alphabet=st.sampled_from(list("ab \n\r\t`-#𝔸é\u2028\x0c")), max_size=40)


def units(text: str, encoding: str) -> int:
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


def lsp_lines(text: str) -> list[str]:
    """Lines as the protocol counts them: only \\n, \\r\\n and \\r end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@given(TEXT)
def test_split_lines_keeps_every_character_and_splits_like_the_protocol(text: str) -> None:
    lines = split_lines(text)
    assert "".join(lines) == text
    assert [line.rstrip("\r\n") for line in lines] == lsp_lines(text)


@given(TEXT, st.data())
def test_an_edit_in_client_units_is_the_same_edit_on_code_points(
    text: str, data: st.DataObject
) -> None:
    encoding = data.draw(st.sampled_from(ENCODINGS))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    if text[start - 1 : start + 1] == "\r\n" or text[end - 1 : end + 1] == "\r\n":
        return  # inside a line ending: not a position
    insert = data.draw(TEXT)

    def position(offset: int) -> Position:
        before = text[:offset]
        line = len(lsp_lines(before)) - 1
        return Position(line, units(lsp_lines(before)[-1], encoding))

    document = OpenDocument.open("u", "p", "markdown", 1, text)
    document.edit(position(start), position(end), insert, encoding)
    assert document.text == text[:start] + insert + text[end:]
    assert document.clamped == []
    assert [line.rstrip("\r\n") for line in document.lines] == lsp_lines(document.text)


def test_positions_outside_the_text_are_clamped_and_remembered() -> None:
    document = OpenDocument.open("u", "p", "markdown", 1, "ab\ncd")
    document.edit(Position(0, 99), Position(7, 0), "X", UTF16)
    assert document.text == "abX"
    assert document.clamped == [Position(0, 99), Position(7, 0)]


def test_a_position_inside_a_surrogate_pair_is_the_start_of_the_character() -> None:
    assert from_units("a𝔸b", 2, UTF16).index == 1
    assert from_units("a𝔸b", 2, UTF16).clamped
    assert from_units("a𝔸b", 3, UTF16).index == 2
    assert to_units("a𝔸b", 2, UTF16) == 3
    assert to_units("a𝔸b", 2, UTF8) == 5
    assert to_units("a𝔸b", 2, UTF32) == 2


@given(TEXT, TEXT)
def test_changed_span_turns_one_text_into_the_other(old: str, new: str) -> None:
    start, end, length = changed_span(old, new)
    assert old[:start] + new[start : start + length] + old[end:] == new
    assert 0 <= start <= end <= len(old)
