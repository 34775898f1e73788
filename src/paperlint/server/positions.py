"""Columns as the editor counts them: UTF-16 code units by default, or UTF-8 bytes or
code points when the client and server agreed on that (``positionEncoding``).

paperlint counts columns in code points; an astral character (an emoji, a rare CJK
ideograph) is one code point but two UTF-16 units, so every position crossing the
protocol goes through here. Positions the client sends that fall outside the text (past
a line's end, inside a surrogate pair, past the last line) are clamped, as the protocol
asks, and reported as ``clamped`` so that the server can log them.
"""

from __future__ import annotations

from dataclasses import dataclass

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """The length of ``text`` in the units of ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def to_units(line: str, column: int, encoding: str) -> int:
    """The position of code-point ``column`` (0-based) of ``line`` in client units."""
    return units(line[:column], encoding)


@dataclass(frozen=True)
class Column:
    """A client column converted to code points; ``clamped`` when it was not valid."""

    index: int
    clamped: bool = False


def from_units(line: str, character: int, encoding: str) -> Column:
    """The code-point index of client column ``character`` of ``line``.

    Past the line's end gives the line's end; inside a character (the second unit of a
    surrogate pair, a byte inside a UTF-8 sequence) gives the start of that character.
    """
    if character < 0:
        return Column(0, True)
    if encoding == UTF32 or line.isascii():
        return Column(min(character, len(line)), character > len(line))
    counted = 0
    for index, char in enumerate(line):
        if counted == character:
            return Column(index)
        width = _width(char, encoding)
        if counted + width > character:
            return Column(index, True)
        counted += width
    return Column(len(line), character != counted)


def _width(char: str, encoding: str) -> int:
    code = ord(char)
    if encoding == UTF8:
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 2 if code >= 0x10000 else 1
