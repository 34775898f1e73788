"""Recognising field labels at the start of a bullet, in every variant of docs/format.md."""

from __future__ import annotations

import re
from typing import NamedTuple

# A label is a short phrase that starts with a letter: `Key Takeaways`, `Method`.
_LABEL_TEXT_RE = re.compile(r"[^\W\d_][\w .&/'’()+\-]{0,59}")
# `Label:` / `Label：` / `Label`: / `Label` — the markup, then any ASCII or full-width colon.
# The label starts and ends with a non-blank and the blanks around the colon are one run each:
# blanks that two parts could share made a failing match cubic in their number.
_CODE_RE = re.compile(
    r"`[ \t]*([^`\n \t](?:[^`\n]{0,58}?[^`\n \t])??)[ \t]*(?:([:：])[ \t]*)?`(?:[ \t]*([:：]))?"
)
# **Label:** / **Label**: / **Label**
_BOLD_RE = re.compile(
    r"\*\*[ \t]*([^*\n \t](?:[^*\n]{0,58}?[^*\n \t])??)[ \t]*(?:([:：])[ \t]*)?\*\*"
    r"(?:[ \t]*([:：]))?"
)
_BLANKS_RE = re.compile(r"[ \t]*")
# Label: (plain text; accepted only for labels the schema knows, to spare ordinary prose)
_PLAIN_RE = re.compile(r"([^\W\d_][\w .&/'’()+\-]{0,40}?)[ \t]*([:：])")


class LabelMatch(NamedTuple):
    """A label found at the start of a bullet (a tuple: the parser makes one per bullet)."""

    written: str  # label text without markup and colon
    markup: str  # the matched markup as written
    style: str  # "code", "code-colon-outside", "bold" or "plain"
    colon: str  # ":" / "：" / "" — the colon as written (inside or outside)
    spacing: str | None  # blanks before a value on the same line; None if the value is not there
    rest: str  # the text after the markup and the blanks


class Vocabulary:
    """Known labels and aliases; resolves what users write to canonical labels."""

    def __init__(self, labels: frozenset[str], aliases: dict[str, str]) -> None:
        self.labels = labels
        self.aliases = dict(aliases)
        self._lookup = {label.lower(): label for label in labels}
        for alias, canonical in aliases.items():
            self._lookup.setdefault(alias.lower(), canonical)

    def resolve(self, written: str) -> str:
        """The canonical label for ``written``: itself when unknown."""
        return self._lookup.get(written.lower(), written)

    def knows(self, written: str) -> bool:
        return written.lower() in self._lookup


def match_label(content: str, vocabulary: Vocabulary) -> LabelMatch | None:
    """Parse a label at the start of a bullet's first line, or return None."""
    if not content:
        return None
    first = content[0]
    if first == "`":
        return _match(_CODE_RE, content, "code", vocabulary)
    if first == "*":
        return _match(_BOLD_RE, content, "bold", vocabulary)
    match = _PLAIN_RE.match(content)
    if match is None or not vocabulary.knows(match.group(1).strip()):
        return None
    return _finish(content, match.end(), match.group(1).strip(), "plain", match.group(2))


def _match(
    pattern: re.Pattern[str], content: str, style: str, vocabulary: Vocabulary
) -> LabelMatch | None:
    match = pattern.match(content)
    if match is None:
        return None
    written, inside, outside = match.group(1), match.group(2), match.group(3)
    if _LABEL_TEXT_RE.fullmatch(written) is None:
        return None
    if not inside and not outside and not vocabulary.knows(written):
        return None
    if outside and not inside and style == "code":
        style = "code-colon-outside"
    return _finish(content, match.end(), written, style, inside or outside or "")


def _finish(content: str, end: int, written: str, style: str, colon: str) -> LabelMatch:
    markup = content[:end]
    blanks = _BLANKS_RE.match(content, end)  # always matches (maybe empty)
    index = blanks.end() if blanks else end
    spacing: str | None = content[end:index]
    if index >= len(content) or content[index] == "\n":
        spacing = None
    return LabelMatch(written, markup, style, colon, spacing, content[index:])
