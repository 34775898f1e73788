"""Link rules (PL501–PL508): table of contents, links, arXiv ids, duplicate papers.

Each rule is a module of this package; this module holds what its rules share.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from paperlint.model import Document, Entry, Heading, Link
from paperlint.parse.markdown import markdown
from paperlint.problem import Violation
from paperlint.slug import Slugger, heading_content, rendered_text
from paperlint.syntax import ARXIV_URL_RE

# Where the metadata written after a title starts: `[tag]`, \[[paper](...)\], [[x](...)], [x](.
_METADATA_RE = re.compile(r"`\[|\\\[|\[\[|\[[^\[\]\n]{0,200}\]\(")


_ESCAPED_RE = re.compile(r"\\([!-/:-@\[-`{-~])")


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


def loose_key(text: str) -> str:
    """Letters and digits only, case-folded: how a ToC anchor and a slug match loosely."""
    return _NOT_ALNUM_RE.sub("", text.casefold())


def title_key(title: str) -> str:
    """A title with metadata and list numbering (``1.``, ``[3]``) cut, and case,
    whitespace (NBSP too), emphasis and punctuation folded."""
    plain = _TITLE_NUMBER_RE.sub("", plain_title(title), count=1)
    return _NOT_ALNUM_RE.sub(" ", plain.casefold()).strip()


_TITLE_NUMBER_RE = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s+")


def plain_title(title: str) -> str:
    """The title before any metadata written on the heading line (tags, paper links)."""
    match = _METADATA_RE.search(title)
    return (title[: match.start()] if match else title).strip()


def title_column(heading: Heading) -> int:
    stripped = heading.raw.lstrip(" #")
    return len(heading.raw) - len(stripped) + 1 if stripped else 1


# A run of destination characters that neither nest, escape nor end it.
_PLAIN_DESTINATION_RE = re.compile(r"[^ \t\\()]*")


def destination_span(line: str, start: int) -> tuple[int, int, bool]:
    """Span of a link destination that starts at ``start`` (just after ``(``).

    Returns (first, end, closed): the raw destination is ``line[first:end]`` (angle
    brackets excluded) and ``closed`` tells whether ``)`` or a title follows it. Linear.
    """
    index = start
    length = len(line)
    while index < length and line[index] in " \t":
        index += 1
    if index < length and line[index] == "<":
        close = line.find(">", index + 1)
        if close < 0:
            return index, length, False
        return index + 1, close, True
    first = index
    plain = _PLAIN_DESTINATION_RE.match(line, index)
    index = plain.end() if plain else index
    if index < length and line[index] == ")":
        return first, index, True  # the common case, without a loop in Python
    depth = 0
    while index < length:
        char = line[index]
        if char == "\\" and index + 1 < length:
            index += 2
            continue
        if char in " \t":
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return first, index, True
            depth -= 1
        index += 1
    end = index
    while index < length and line[index] in " \t":
        index += 1
    closed = index < length and line[index] in ")\"'("
    return first, end, closed


def locate(lines: list[str], link: Link) -> tuple[int, int] | None:
    """0-based (start, end) columns of a link's raw destination on its line, if found."""
    if not 0 < link.line <= len(lines):
        return None
    line = lines[link.line - 1]
    search = max(link.column - 1, 0)
    for _ in range(8):
        found = line.find("](", search)
        if found < 0:
            return None
        first, end, _closed = destination_span(line, found + 2)
        raw = _ESCAPED_RE.sub(r"\1", line[first:end])
        if markdown().normalizeLink(raw) == link.url or raw == link.url:
            return first, end
        search = found + 2
    return None


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
        match = ARXIV_URL_RE.search(link.url)
        if match:
            yield match.group(1), link


@dataclass(frozen=True)
class PaperRef:
    """One entry in the compact per-file index that cross-file duplicate checks use."""

    title_key: str
    arxiv: tuple[str, ...]  # ids without version
    line: int
    column: int
    title: str  # as displayed in messages

    def match_keys(self) -> list[str]:
        return ([f"t:{self.title_key}"] if self.title_key else []) + [f"a:{a}" for a in self.arxiv]


def paper_index(document: Document) -> list[PaperRef]:
    """The papers of one document, small enough to send between processes."""
    return document.derived(_build_paper_index)


def _build_paper_index(document: Document) -> list[PaperRef]:
    refs = []
    heading_links = links_on_headings(document)
    for entry in document.entries():
        ids = tuple(
            dict.fromkeys(identifier for identifier, _ in arxiv_links(entry, heading_links))
        )
        refs.append(
            PaperRef(
                title_key(entry.title),
                ids,
                entry.line,
                title_column(entry.heading),
                plain_title(entry.title),
            )
        )
    return refs


def duplicate_message(
    ref: PaperRef, other: PaperRef, key: str, where: str, other_file: bool = False
) -> str:
    """Two entries that share an arXiv id under different titles are one wrong link far
    more often than one paper listed twice: say so, and do not advise deleting one."""
    if key.startswith("a:") and not _same_title(ref.title_key, other.title_key):
        return (
            f"entry `{ref.title}` links arXiv {key[2:]}, as does `{other.title}` at {where}, "
            "under another title: one of the two links is probably wrong; check which paper "
            "that id is"
        )
    listed = "is also listed in another file" if other_file else "is listed twice"
    return (
        f"paper `{ref.title}` {listed} ({_reason(key)}): also at {where} "
        f"(`{other.title}`); keep one entry"
    )


def _same_title(one: str, other: str) -> bool:
    """Titles of one paper: equal, one the other without its short name (``CineMaster: A
    3D-Aware …``), or the same words but a few letters (``Self-Similar``/``Self-Similarity``)."""
    if not one or not other or one == other:
        return True
    if one.endswith(other) or other.endswith(one):
        return True
    return difflib.SequenceMatcher(None, one, other).ratio() >= 0.85


def _reason(key: str) -> str:
    return "same title" if key.startswith("t:") else f"same arXiv id {key[2:]}"


class _HasPapers(Protocol):
    path: str
    papers: list[PaperRef]


def cross_file_duplicates(results: Sequence[_HasPapers]) -> Iterator[tuple[str, str, Violation]]:
    """PL508 across files: in each file, each paper that another file also lists."""
    # key -> {file index -> first ref in that file}, files in run order.
    where: dict[str, dict[int, PaperRef]] = {}
    for number, result in enumerate(results):
        for ref in result.papers:
            for key in ref.match_keys():
                where.setdefault(key, {}).setdefault(number, ref)
    for number, result in enumerate(results):
        seen: set[str] = set()
        for ref in result.papers:
            keys = ref.match_keys()
            if any(key in seen for key in keys):
                continue  # a duplicate within the file: reported by the per-file check
            seen.update(keys)
            best: tuple[int, int, str, PaperRef] | None = None
            for key in keys:
                for other_number, other in where[key].items():
                    if other_number != number:
                        candidate = (other_number, other.line, key, other)
                        if best is None or candidate[:2] < best[:2]:
                            best = candidate
                        break
            if best is None:
                continue
            other_number, _, key, other = best
            yield (
                result.path,
                "PL508",
                Violation(
                    ref.line,
                    ref.column,
                    duplicate_message(
                        ref, other, key, f"{results[other_number].path}:{other.line}", True
                    ),
                ),
            )
