"""GitHub heading anchors, as ``github-slugger`` (the reference implementation) makes them.

A slug is the heading's *rendered* text, lowercased, with every character of the Unicode
general categories Other_Number, punctuation (except ``-``), Symbol, Control, Private_Use,
Format, Unassigned and Separator (except the ASCII space) removed — unless the character is
Alphabetic (circled and squared letters are symbols that stay) — and each ASCII space turned
into ``-``. Connector punctuation such as ``_`` stays. So emoji vanish, a no-break space
vanishes (it is not turned into ``-``), CJK letters stay, and repeated slugs get ``-1``,
``-2`` … in document order.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from paperlint.commonmark import markdown
from paperlint.syntax import ATX_HEADING_RE
from paperlint.text import fold

_REMOVED_CATEGORIES = frozenset(
    {"No", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "Sc", "Sk", "Sm", "So"}
    | {"Cc", "Co", "Cf", "Cn", "Cs", "Zl", "Zp", "Zs"}
)
# Symbols (category So) that are Alphabetic in Unicode: circled and squared Latin letters.
_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))
# Markdown inline syntax that can make the rendered text differ from the source.
_MARKUP = frozenset("`*_[]<>&\\!~")

# In ASCII text exactly the letters, digits, space, "-" and "_" survive.
_ASCII_REMOVED_RE = re.compile(r"[^a-z0-9 \-_]+")


@functools.lru_cache(maxsize=4096)
def _removed(char: str) -> bool:
    if char in " -_":
        return False
    if unicodedata.category(char) not in _REMOVED_CATEGORIES:
        return False
    point = ord(char)
    return not any(low <= point <= high for low, high in _ALPHABETIC_SYMBOLS)


# Remembered: the language server slugs every heading of a list at each keystroke.
@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """The anchor of one heading's rendered text, before duplicate numbering."""
    lowered = text.lower()
    if lowered.isascii():
        kept = _ASCII_REMOVED_RE.sub("", lowered)
    else:
        kept = "".join(c for c in lowered if not _removed(c))
    return kept.replace(" ", "-")


class Slugger:
    """Numbers repeated slugs as GitHub does: ``a``, ``a-1``, ``a-2`` (never reusing one)."""

    def __init__(self) -> None:
        self._occurrences: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = slug(text)
        result = base
        while result in self._occurrences:
            self._occurrences[base] += 1
            result = f"{base}-{self._occurrences[base]}"
        self._occurrences[result] = 0
        return result


def slugs(texts: Iterable[str]) -> list[str]:
    """The anchors of a document's headings (rendered texts, in document order)."""
    slugger = Slugger()
    return [slugger.slug(text) for text in texts]


@functools.lru_cache(maxsize=1 << 16)
def heading_content(raw: str, folded: str) -> str:
    """The inline source of a heading as markdown-it sees it, from its raw line.

    ``folded`` (the model's whitespace-folded text) is the fallback for headings the raw
    line does not show plainly (setext headings spanning lines, headings in containers);
    the raw line matters because GitHub removes a no-break space but turns a space into
    ``-``, and keeps runs of spaces as runs of ``-``.
    """
    match = ATX_HEADING_RE.match(raw)
    if match is None:
        content = raw.strip()
    else:
        content = raw[match.end() :].rstrip(" \t")
        without = content.rstrip("#")
        if without != content and (not without or without[-1] in " \t"):
            content = without
        content = content.strip()
    return content if fold(content) == folded else folded


@functools.lru_cache(maxsize=1 << 16)
def rendered_text(content: str) -> str:
    """The text GitHub renders for inline Markdown: markup, link syntax and HTML tags gone."""
    if not _MARKUP.intersection(content):
        return content
    tokens = markdown().parseInline(content)
    parts: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
    return "".join(parts)
