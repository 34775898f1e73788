"""The text of each open document as the editor has it, kept by the server itself.

Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as the protocol and paperlint's ``Source``
count them (Python's ``splitlines`` also splits at form feeds and U+2028, which would put
every later position on the wrong line). Edits splice the list of lines, so an edit costs
the lines it touches, not the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperlint.server.positions import from_units

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def split_lines(text: str) -> list[str]:
    """Lines with their endings; the last one has none (it may be empty)."""
    lines = [m.group() for m in _LINE_RE.finditer(text)]
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[-1].endswith(("\n", "\r")):
        lines.append("")
    return lines


def _content(line: str) -> str:
    return line.rstrip("\r\n")


@dataclass(frozen=True)
class Position:
    """0-based line and client-unit character, as the protocol sends them."""

    line: int
    character: int


@dataclass
class OpenDocument:
    uri: str
    path: str
    language: str
    version: int
    lines: list[str] = field(default_factory=list)
    # Positions the client sent that were outside the text, since the last look (logged).
    clamped: list[Position] = field(default_factory=list)

    @classmethod
    def open(cls, uri: str, path: str, language: str, version: int, text: str) -> OpenDocument:
        return cls(uri, path, language, version, split_lines(text))

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def replace_all(self, text: str, version: int) -> None:
        self.lines = split_lines(text)
        self.version = version

    def edit(self, start: Position, end: Position, text: str, encoding: str) -> None:
        """Replace the text between two client positions (clamped into the text)."""
        first, first_col = self._locate(start, encoding)
        last, last_col = self._locate(end, encoding)
        if (last, last_col) < (first, first_col):
            first, first_col, last, last_col = last, last_col, first, first_col
        before = self.lines[first][:first_col]
        after = self.lines[last][last_col:]
        stop = last + 1
        piece = before + text + after
        # A "\r" at the end of the new text and a "\n" at the start of the next line make
        # one line ending: split them together.
        if piece.endswith("\r") and stop < len(self.lines):
            piece += self.lines[stop]
            stop += 1
        if first > 0 and self.lines[first - 1].endswith("\r") and piece.startswith("\n"):
            first -= 1
            piece = self.lines[first] + piece
        replacement = split_lines(piece)
        if stop < len(self.lines) and replacement[-1] == "":
            replacement.pop()  # the piece ended with a line ending: the next line follows
        self.lines[first:stop] = replacement

    def _locate(self, position: Position, encoding: str) -> tuple[int, int]:
        if position.line < 0:
            self.clamped.append(position)
            return 0, 0
        if position.line >= len(self.lines):
            self.clamped.append(position)
            last = len(self.lines) - 1
            return last, len(_content(self.lines[last]))
        column = from_units(_content(self.lines[position.line]), position.character, encoding)
        if column.clamped:
            self.clamped.append(position)
        return position.line, column.index
