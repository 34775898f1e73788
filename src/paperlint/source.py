"""Reading a file into text: decoding, line endings, and offsets for edits.

Everything downstream works on LF-normalised text; the original newline style and BOM
are remembered so that ``paperlint fix`` writes the file back the way it found it.
"""

from __future__ import annotations

import bisect
import codecs
import copy
import itertools
import operator
import os
import stat
from dataclasses import dataclass, field
from typing import BinaryIO

# Files larger than this are refused rather than parsed: a paper list is prose, and a
# file of this size is almost certainly generated data or an accident.
MAX_FILE_BYTES = 200 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be read as a paper list; the message is one line for the user."""


@dataclass
class Source:
    """One file's text, LF-normalised, with what is needed to map offsets to lines."""

    path: str
    text: str
    newline: str = "\n"
    bom: bool = False
    # 1-based numbers of lines whose ending differs from ``newline`` (PL605).
    odd_newlines: list[int] = field(default_factory=list)
    lines: list[str] = field(init=False)
    line_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")
        # Each line starts one past the end of the one before: summed in C, not in a loop
        # (the language server builds this for a whole list at every keystroke).
        lengths = map(operator.add, map(len, self.lines[:-1]), itertools.repeat(1))
        self.line_starts = list(itertools.accumulate(lengths, initial=0))

    def offset(self, line: int, column: int = 1) -> int:
        """Offset in ``text`` of a 1-based line and column."""
        return self.line_starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in ``text``."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_end(self, line: int) -> int:
        """Offset just past the last character of a 1-based line (before its newline)."""
        return self.line_starts[line - 1] + len(self.lines[line - 1])

    def encode(self, text: str | None = None) -> bytes:
        """The bytes to write for ``text`` (default: this text) in the file's own style."""
        body = self.text if text is None else text
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        data = body.encode("utf-8")
        return codecs.BOM_UTF8 + data if self.bom else data


def edited(previous: Source, text: str, span: tuple[int, int, int]) -> Source:
    """``previous`` with its characters [start, end) replaced by ``length`` characters, giving
    ``text``: the line tables of the lines the edit did not touch are taken from ``previous``
    (moved by what it added), not rebuilt (the language server edits a list at every keystroke)."""
    start, end, length = span
    first, _ = previous.position(start)
    last, _ = previous.position(end)
    growth = length - (end - start)
    begin = previous.line_starts[first - 1]
    middle = text[begin : previous.line_end(last) + growth].split("\n")
    lengths = map(operator.add, map(len, middle[:-1]), itertools.repeat(1))
    starts = list(itertools.accumulate(lengths, initial=begin))
    source = copy.copy(previous)
    source.text = text
    source.lines = previous.lines[: first - 1] + middle + previous.lines[last:]
    after = previous.line_starts[last:]
    source.line_starts = (
        previous.line_starts[: first - 1]
        + starts
        + (list(map(growth.__add__, after)) if growth else after)
    )
    return source


def decode(data: bytes, path: str) -> Source:
    """Decode bytes as UTF-8 (BOM allowed) and normalise line endings.

    Raises ``InputError`` with a one-line reason for binary, UTF-16 or non-UTF-8 data.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("UTF-16 encoded; paperlint reads UTF-8 (re-save the file as UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary file (NUL byte at offset {nul}); expected UTF-8 Markdown")
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        raise InputError(
            f"not valid UTF-8 (byte 0x{byte:02x} at line {line}, column {column}); "
            "re-save the file as UTF-8"
        ) from None
    text, newline, odd = _normalise_newlines(raw)
    return Source(path=path, text=text, newline=newline, bom=bom, odd_newlines=odd)


def _normalise_newlines(raw: str) -> tuple[str, str, list[int]]:
    """LF-normalise ``raw``; return the majority ending and the lines that differ from it."""
    if "\r" not in raw:
        return raw, "\n", []
    crlf = raw.count("\r\n")
    cr = raw.count("\r") - crlf
    lf = raw.count("\n") - crlf
    counts = {"\r\n": crlf, "\n": lf, "\r": cr}
    # Ties go to LF, the form Git and most editors default to.
    newline = max(("\n", "\r\n", "\r"), key=lambda k: counts[k])
    odd: list[int] = []
    if sum(1 for c in counts.values() if c) > 1:
        line = 1
        i = 0
        n = len(raw)
        while i < n:
            j = raw.find("\r", i)
            k = raw.find("\n", i)
            if j < 0 and k < 0:
                break
            if j >= 0 and (k < 0 or j < k):
                ending = "\r\n" if raw.startswith("\r\n", j) else "\r"
                pos = j
            else:
                ending = "\n"
                pos = k
            if ending != newline:
                odd.append(line)
            line += 1
            i = pos + len(ending)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return text, newline, odd


def read_source(path: str, display: str | None = None) -> Source:
    """Read and decode a file, turning every operating-system failure into ``InputError``."""
    return decode(read_bytes(path), display or path)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file paperlint reads whole: a list, a schema or a configuration.

    Only a regular file of at most ``MAX_FILE_BYTES``, decided from ``stat`` before any
    ``open``: a FIFO would block forever, ``/dev/zero`` would fill the memory. Raises
    ``InputError`` with a one-line reason.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (FIFO, socket or device); refusing to read it")
    _check_size(info.st_size)
    try:
        with open(path, "rb") as handle:
            return _read_at_most(handle, info.st_size)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None


def read_stream(stream: BinaryIO) -> bytes:
    """Standard input, up to the size limit of files (it may be a pipe or a device)."""
    try:
        return _read_at_most(stream)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None


def _read_at_most(stream: BinaryIO, expected: int = 0) -> bytes:
    """Read to the end, but never more than one byte past the limit: a file may grow after
    ``stat``, a stream may never end. ``expected`` sizes the first read."""
    chunks = []
    size = 0
    want = expected + 1
    while size <= MAX_FILE_BYTES:
        chunk = stream.read(min(want, MAX_FILE_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        want = max(2 * want, 1024 * 1024)
    _check_size(size)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        # Past the limit a stream is not read further, so its size is not known.
        shown = f"{size // (1024 * 1024)} MB" if size > MAX_FILE_BYTES + 1 else f"over {limit} MB"
        raise InputError(f"file is {shown}; paperlint reads at most {limit} MB")
