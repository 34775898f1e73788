"""Character-level facts shared by the parser and the rules: one place for each."""

from __future__ import annotations

import functools
import re

# Characters pasted from PDFs that render as nothing (or as a plain space) but break
# search, slugs and duplicate detection. Mapped to what a fix replaces them with. None is
# ASCII, so an ASCII string (``str.isascii()`` reads a flag) holds none of them.
INVISIBLE_CHARACTERS: dict[str, str] = {
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space
    "\u200b": "",  # zero-width space
    "\u2060": "",  # word joiner
    "\ufeff": "",  # byte order mark inside the text
    "\u200e": "",  # left-to-right mark
    "\u200f": "",  # right-to-left mark
}

INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE_CHARACTERS) + "]")
_ZERO_WIDTH_RE = re.compile(
    "[" + "".join(c for c, r in INVISIBLE_CHARACTERS.items() if not r) + "]"
)

# Separators users put between keypoints: ASCII and CJK (full-width) punctuation.
KEYPOINT_SEPARATORS = (";", ",", "、", "；", "，")
_KEYPOINT_SPLIT_RE = re.compile("[;,、；，]")


def fold(text: str) -> str:
    """Fold whitespace (NBSP included) to single spaces and drop zero-width characters.

    The JSON model holds folded text so that whitespace-only fixes never change it.
    """
    # Rare, and never in ASCII text (a flag Python keeps): cheaper than translating always.
    if not text.isascii() and _ZERO_WIDTH_RE.search(text):
        text = _ZERO_WIDTH_RE.sub("", text)
    return " ".join(text.split())


def split_keypoints(value: str) -> list[str]:
    """Split a Keypoints value on any of the accepted separators, dropping empty parts."""
    return [part for part in (p.strip() for p in _KEYPOINT_SPLIT_RE.split(value)) if part]


def separated_part(value: str) -> str:
    """The value without trailing separators: `a; b;` ends with a terminator, not a mix."""
    return value.rstrip(" \t\n" + "".join(KEYPOINT_SEPARATORS))


def keypoint_separators(value: str) -> list[str]:
    """The distinct separators used between keypoints, in order of first use."""
    return list(dict.fromkeys(separators_between(value)))


@functools.lru_cache(maxsize=1 << 15)
def separators_between(value: str) -> tuple[str, ...]:
    """Every separator between keypoints, in order (remembered: the language server
    counts the separators of every value of a list at each keystroke)."""
    return tuple(c for c in separated_part(value) if c in KEYPOINT_SEPARATORS)


_BACKTICK_RUN_RE = re.compile("`+")


def mask_code_spans(line: str) -> str:
    """Replace inline code spans (backticks included) by spaces, keeping columns.

    Linear in the line length: a run of N backticks opens a span that the next run of
    exactly N backticks closes (CommonMark); an unmatched run is literal text.
    """
    if "`" not in line:
        return line
    if "``" not in line:  # single backticks only (most lines): each pairs with the next
        parts = line.split("`")
        paired = len(parts) - 1 - (len(parts) - 1) % 2  # the backticks that close a span
        pieces: list[str] = []
        for index in range(0, paired, 2):
            pieces += (parts[index], " " * (len(parts[index + 1]) + 2))
        pieces.append("`".join(parts[paired:]))
        return "".join(pieces)
    runs = [(m.start(), m.end() - m.start()) for m in _BACKTICK_RUN_RE.finditer(line)]
    # For each run, the index of the next run of the same length.
    next_same: list[int] = [-1] * len(runs)
    last_seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1]
        next_same[index] = last_seen.get(length, -1)
        last_seen[length] = index
    # The line's pieces, each span blanked (joining a few slices, not every character).
    out: list[str] = []
    done = 0  # the end of the last span
    index = 0
    while index < len(runs):
        closing = next_same[index]
        if closing < 0:
            index += 1
            continue
        start = runs[index][0]
        end = runs[closing][0] + runs[closing][1]
        out += (line[done:start], " " * (end - start))
        done = end
        index = closing + 1
    out.append(line[done:])
    return "".join(out)
