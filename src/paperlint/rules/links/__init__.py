"""Link rules (PL501–PL508): table of contents, links, arXiv ids, duplicate papers.

Each rule is a module of this package; this module holds what its rules share.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from paperlint.model import Document, Entry, Heading, Link
from paperlint.rules.base import line_view
from paperlint.slug import Slugger, heading_content, rendered_text
from paperlint.syntax import ARXIV_URL_RE, TITLE_NUMBER_RE

# Where the metadata written after a title starts: `[tag]`, \[[paper](...)\], [[x](...)], [x](.
_METADATA_RE = re.compile(r"`\[|\\\[|\[\[|\[[^\[\]\n]{0,200}\]\(")


_HTML_ID_RE = re.compile(r"""\b(?:id|name)\s{0,8}=\s{0,8}["']([^"'<>\n]{1,300})["']""")


# A host written without a scheme: `www.x`, or `name.tld/...` with a web top-level domain.
HOST_RE = re.compile(
    r"(?:www\.[^/\s]+|(?:[A-Za-z0-9-]{1,63}\.){1,8}"
    r"(?:com|org|net|edu|gov|io|ai|dev|app|co|cn|uk|de|fr|jp|kr|me|info|xyz|tv|cc|ly|so|site)"
    r")(?:[/?#:].*)?",
    re.IGNORECASE | re.DOTALL,  # `.*` then always reaches the end: no backtracking on "\n"
)


# Runs of characters that are not letters or digits (`\w` is str.isalnum() plus "_").
_NOT_ALNUM_RE = re.compile(r"[\W_]+")


# Remembered (pure functions of a string): the language server indexes every heading and
# title of a list again at each keystroke, and almost all of them are unchanged.
@functools.lru_cache(maxsize=1 << 16)
def loose_key(text: str) -> str:
    """Letters and digits only, case-folded: how a ToC anchor and a slug match loosely."""
    return _NOT_ALNUM_RE.sub("", text.casefold())


@functools.lru_cache(maxsize=1 << 16)
def title_key(title: str) -> str:
    """A title with metadata and list numbering (``1.``, ``[3]``) cut, and case,
    whitespace (NBSP too), emphasis and punctuation folded."""
    plain = TITLE_NUMBER_RE.sub("", plain_title(title), count=1)
    return _NOT_ALNUM_RE.sub(" ", plain.casefold()).strip()


@functools.lru_cache(maxsize=1 << 16)
def plain_title(title: str) -> str:
    """The title before any metadata written on the heading line (tags, paper links)."""
    match = _METADATA_RE.search(title)
    return (title[: match.start()] if match else title).strip()


def title_column(heading: Heading) -> int:
    stripped = heading.raw.lstrip(" #")
    return len(heading.raw) - len(stripped) + 1 if stripped else 1


def code_line_numbers(document: Document) -> set[int]:
    return document.code_lines()


@dataclass
class Anchors:
    slugs: list[str]  # parallel to document.headings
    exact: set[str]  # heading slugs and HTML id/name attributes
    loose: dict[str, list[int]]  # loose key -> heading indexes


def anchors(document: Document) -> Anchors:
    """Every heading's GitHub anchor (and HTML ids), built once per document."""
    return document.derived(_build_anchors)


def _build_anchors(document: Document) -> Anchors:
    slugger = Slugger()
    slugs = [slugger.slug(rendered_text(heading_content(h.raw, h.text))) for h in document.headings]
    exact = set(slugs)
    if "id=" in document.source.text or "name=" in document.source.text:
        exact.update(m.group(1) for m in _HTML_ID_RE.finditer(document.source.text))
    loose: dict[str, list[int]] = {}
    for index, value in enumerate(slugs):
        loose.setdefault(loose_key(value), []).append(index)
    return Anchors(slugs, exact, loose)


def anchor_reads(document: Document) -> tuple[list[Heading], list[Link], list[str]]:
    """What the anchors and the links to them are made of, for ``Rule.reads``: the
    headings, the ``#`` links, and the HTML ids and names written on the lines looked at."""
    first, last = line_view(document)
    source = document.source
    text = source.text[source.offset(first) : source.line_end(last)] if first <= last else ""
    ids = _HTML_ID_RE.findall(text) if "id=" in text or "name=" in text else []
    return list(document.headings), list(anchor_links(document)), ids


def anchor_links(document: Document) -> Iterator[Link]:
    return (link for link in document.links if link.url.startswith("#"))


def links_on_headings(document: Document) -> dict[int, list[Link]]:
    """Links on entry heading lines (metadata written into the heading), by line."""
    lines = {entry.line for entry in document.entries()}
    found: dict[int, list[Link]] = {}
    for link in document.links:
        if link.line in lines:
            found.setdefault(link.line, []).append(link)
    return found


def arxiv_links(entry: Entry, heading_links: dict[int, list[Link]]) -> Iterator[tuple[str, Link]]:
    """(id without version, link) of the entry's arXiv links, heading line included."""
    for link in (*heading_links.get(entry.line, ()), *entry.links):
        identifier = _arxiv_id(link.url)
        if identifier is not None:
            yield identifier, link


@functools.lru_cache(maxsize=1 << 16)
def _arxiv_id(url: str) -> str | None:
    match = ARXIV_URL_RE.search(url)
    return match.group(1) if match else None
