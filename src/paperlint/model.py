"""The document model of a paper list and its JSON form (docs/model.md).

``Document.to_json()`` returns the instance the schema validates and ``paperlint export``
prints, together with a source map from JSON pointers to (line, column), so that every
schema error can be reported where the user wrote the value.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from paperlint.source import Source

Json = dict[str, Any]
SourceMap = dict[str, tuple[int, int]]
T = TypeVar("T")


@dataclass(frozen=True)
class Layout:
    """Heading levels (1-6) of months, categories and entries; ``None`` when absent."""

    month: int | None
    category: int | None
    entry: int | None

    def to_json(self) -> Json:
        return {"month": self.month, "category": self.category, "entry": self.entry}


@dataclass
class Heading:
    level: int
    text: str  # inline source, whitespace folded
    line: int
    raw: str  # the source line as written
    # Last line of its section: the line before the next heading of the same or a higher
    # level (so an entry's section includes any sub-headings inside it).
    end_line: int
    # Whether bullets with field labels stand directly under it (before any other heading).
    has_fields: bool = False
    kind: str = "other"  # "month", "category", "entry" or "other"

    @property
    def column(self) -> int:
        """1-based column of its first `#` (or first character for a setext heading)."""
        return len(self.raw) - len(self.raw.lstrip(" ")) + 1

    @property
    def end_column(self) -> int:
        """Column just past its last non-blank character on ``line`` (exclusive)."""
        return max(len(self.raw.rstrip()) + 1, self.column)


@dataclass
class Link:
    """A link as markdown-it reads it, placed on the line of its ``](`` (or ``<``)."""

    text: str
    url: str
    line: int
    column: int  # of its `[` (1 when its text starts on an earlier line) or autolink `<`
    end_column: int  # just past its `)` or `>` on ``line`` (exclusive); the line's end if unclosed
    # 1-based columns [start, end) of the destination as written on ``line`` (angle brackets
    # excluded); None when the source does not spell ``url`` there (a reference link).
    destination: tuple[int, int] | None = None


@dataclass
class Field:
    """One labelled bullet (`` `Label:` value``) as written and as understood."""

    label: str  # canonical label (aliases resolved)
    written: str  # the label as written, without markup or colon
    value: str  # folded text; nested bullets joined by newlines
    line: int
    column: int  # of the label markup
    markup: str  # the label markup as written, colons included (`` `Label：` ``)
    style: str  # "code", "code-colon-outside", "bold" or "plain"
    colon: str  # ":", "：" or "" as written
    spacing: str | None  # whitespace between label and a value on the same line; None if none
    end_line: int  # last line of the bullet
    # Column just past the label markup on ``line`` (exclusive; a table cell: past its text).
    markup_end: int


@dataclass
class Details:
    """A ``<details>`` block found on the raw lines of an entry."""

    line: int
    column: int
    end_line: int
    closed: bool
    summary: str | None = None
    summary_line: int | None = None
    summary_column: int | None = None
    close_line: int | None = None
    close_column: int | None = None
    fields: list[Field] = field(default_factory=list)


@dataclass
class Entry:
    title: str
    heading: Heading
    month: str | None
    category: str | None
    fields: list[Field] = field(default_factory=list)
    details: list[Details] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    arxiv: list[str] = field(default_factory=list)
    # "heading", "bullet", "paragraph" or "table": what the entry is written as. Entries of
    # the other kinds carry a stand-in heading (level 0, not among the document's headings)
    # that gives their title, first line and extent.
    kind: str = "heading"

    @property
    def line(self) -> int:
        return self.heading.line

    @property
    def end_line(self) -> int:
        return self.heading.end_line

    def field_values(self) -> dict[str, str]:
        """Label → value; the first occurrence wins (a repeated label is PL204)."""
        values: dict[str, str] = {}
        for item in self.fields:
            values.setdefault(item.label, item.value)
        return values

    def keypoints(self) -> list[str]:
        """The first ``Keypoints`` value, split (as ``field_values`` would give it)."""
        value = next((f.value for f in self.fields if f.label == "Keypoints"), None)
        return list(_split_keypoints(value)) if value else []


@dataclass
class Category:
    name: str | None
    heading: Heading | None
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Month:
    month: str | None
    heading: Heading | None
    categories: list[Category] = field(default_factory=list)


@dataclass
class HtmlBlock:
    line: int
    end_line: int  # last line (inclusive)
    content: str


@dataclass
class Document:
    path: str
    source: Source
    layout: Layout
    headings: list[Heading] = field(default_factory=list)
    months: list[Month] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    html_blocks: list[HtmlBlock] = field(default_factory=list)
    # 1-based inclusive line ranges of fenced and indented code: no rule looks inside.
    code_ranges: list[tuple[int, int]] = field(default_factory=list)
    # Every labelled bullet of the file, in order, including those outside any entry.
    fields: list[Field] = field(default_factory=list)
    # Every <details> block of the file, in order, including those outside any entry.
    details: list[Details] = field(default_factory=list)
    # (line, column) of each </details> that closes no open block.
    stray_closes: list[tuple[int, int]] = field(default_factory=list)
    _derived: dict[Callable[[Any], Any], Any] = field(
        default_factory=dict, repr=False, compare=False
    )

    def derived(self, build: Callable[[Document], T]) -> T:
        """``build(self)``, computed once per document: several rules share one line scan,
        one set of heading anchors, one paper index. Dies with the document."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return cast(T, self._derived[build])

    def entries(self) -> list[Entry]:
        return [e for m in self.months for c in m.categories for e in c.entries]

    @property
    def is_paper_list(self) -> bool:
        """Whether the file holds paper entries: the entry and field rules apply only then
        (a README index or a contributing guide is Markdown, not a paper list)."""
        return any(c.entries for m in self.months for c in m.categories)

    def code_lines(self) -> set[int]:
        return {n for start, end in self.code_ranges for n in range(start, end + 1)}

    def to_json(self) -> tuple[Json, SourceMap]:
        """The schema instance and its source map (JSON pointer → (line, column)).

        Built once per document (the validator and the fix guard both read it); callers
        must not modify what they get.
        """
        return self.derived(_build_json)


@functools.lru_cache(maxsize=1 << 15)
def _split_keypoints(value: str) -> tuple[str, ...]:
    """Remembered: the language server builds the JSON of every entry at each edit."""
    from paperlint.text import split_keypoints

    return tuple(split_keypoints(value))


def _build_json(document: Document) -> tuple[Json, SourceMap]:
    return _assemble_json(document, None, {})


# An entry's JSON and its part of the source map (pointers relative to the entry's).
_EntryJson = tuple[Json, list[tuple[str, tuple[int, int]]]]


def _no_entry_json(document: Document) -> dict[tuple[Any, ...], _EntryJson]:
    return {}


def _no_entry_parts(document: Document) -> list[_EntryJson]:
    return []


def build_json_reusing(document: Document, before: Document | None) -> None:
    """Build ``document.to_json()`` taking each entry's JSON from ``before`` (a previous
    version of the document) where all it is built from is the same: the language
    server re-checks a list at every keystroke, and most entries did not change. The
    reused JSON is the same object, so a later step can tell it unchanged by identity."""
    if _build_json in document._derived:
        return
    if before is not None:
        spliced = _splice_json(document, before)
        if spliced is not None:
            document._derived[_build_json] = spliced
            return
    kept = document.derived(_no_entry_json)
    reuse = _entry_json_by_key(before) if before is not None else {}
    document._derived[_build_json] = _assemble_json(document, reuse, kept)


def _entry_json_by_key(document: Document) -> dict[tuple[Any, ...], _EntryJson]:
    """Each entry's JSON in ``document``, by its ``_entry_key``."""
    kept = document.derived(_no_entry_json)
    parts = document.derived(_no_entry_parts)
    if not kept and parts:  # spliced (``_splice_json``): keyed now
        kept.update(zip(map(_entry_key, document.entries()), parts, strict=True))
    return kept


def _splice_json(document: Document, before: Document) -> tuple[Json, SourceMap] | None:
    """``before``'s JSON and source map with the entries that are not ``before``'s very
    objects built again; None unless the rest is the same (months and categories, each
    holding as many entries on the same lines) and few entries differ.

    The parser shares an unchanged entry between two versions of a document when it
    did not move (``parse._splice``); then no other entry's JSON needs looking at, and
    the source map is copied whole (in C) rather than filled key by key."""
    built = before._derived.get(_build_json)
    before_parts = before.derived(_no_entry_parts)
    if (
        built is None
        or not before_parts
        or document.path != before.path
        or document.layout != before.layout
        or len(document.months) != len(before.months)
    ):
        return None
    # (index in document order, month, category, entry) of each entry not ``before``'s
    changed: list[tuple[int, int, int, int]] = []
    count = 0
    for mi, (month, old_month) in enumerate(zip(document.months, before.months, strict=True)):
        if (
            month.month != old_month.month
            or _line(month.heading) != _line(old_month.heading)
            or len(month.categories) != len(old_month.categories)
        ):
            return None
        for ci, (category, old_category) in enumerate(
            zip(month.categories, old_month.categories, strict=True)
        ):
            entries, old_entries = category.entries, old_category.entries
            if (
                category.name != old_category.name
                or _line(category.heading) != _line(old_category.heading)
                or len(entries) != len(old_entries)
            ):
                return None
            if not all(map(operator.is_, entries, old_entries)):
                changed += [
                    (count + ei, mi, ci, ei)
                    for ei, (entry, old) in enumerate(zip(entries, old_entries, strict=True))
                    if entry is not old
                ]
                if 2 * len(changed) > len(before_parts):
                    return None
            count += len(entries)
    if count != len(before_parts):
        return None
    instance, smap = built
    months: list[Json] = list(instance["months"])
    instance = {**instance, "months": months}
    smap = dict(smap)
    parts = list(before_parts)
    copied: set[tuple[int, int]] = set()
    for index, mi, ci, ei in changed:
        entry = document.months[mi].categories[ci].entries[ei]
        old = before.months[mi].categories[ci].entries[ei]
        old_part = before_parts[index]
        part = old_part if _entry_key(entry) == _entry_key(old) else _entry_part(entry)
        parts[index] = part
        if (mi, -1) not in copied:
            copied.add((mi, -1))
            months[mi] = {**months[mi], "categories": list(months[mi]["categories"])}
        categories = months[mi]["categories"]
        if (mi, ci) not in copied:
            copied.add((mi, ci))
            categories[ci] = {**categories[ci], "entries": list(categories[ci]["entries"])}
        categories[ci]["entries"][ei] = part[0]
        if part is not old_part:
            pointer = f"/months/{mi}/categories/{ci}/entries/{ei}"
            for suffix, _ in old_part[1]:
                del smap[pointer + suffix]
            for suffix, position in part[1]:
                smap[pointer + suffix] = position
    document._derived[_no_entry_parts] = parts
    return instance, smap


def _line(heading: Heading | None) -> int | None:
    return heading.line if heading is not None else None


def _entry_part(entry: Entry) -> _EntryJson:
    local: SourceMap = {}
    return _entry_json(entry, "", local), list(local.items())


def _entry_key(entry: Entry) -> tuple[Any, ...]:
    """Everything ``_entry_json`` reads of an entry (so equal keys give equal JSON)."""
    return (
        entry.title,
        entry.line,
        entry.month,
        entry.category,
        tuple((f.label, f.value, f.line, f.column) for f in entry.fields),
        tuple(
            (
                d.summary,
                d.closed,
                d.line,
                d.column,
                d.end_line,
                d.summary_line,
                d.summary_column,
                tuple((f.label, f.value, f.line, f.column) for f in d.fields),
            )
            for d in entry.details
        ),
        tuple(entry.tags),
        tuple((k.text, k.url, k.line, k.column) for k in entry.links),
        tuple(entry.arxiv),
    )


def _assemble_json(
    document: Document,
    reuse: dict[tuple[Any, ...], _EntryJson] | None,
    kept: dict[tuple[Any, ...], _EntryJson],
) -> tuple[Json, SourceMap]:
    """The JSON and source map; with ``reuse`` (entry key → JSON), entries found there are
    taken from it, and every entry's JSON is put in ``kept`` (and, in document order, in
    the document's parts) for the next version."""
    smap: SourceMap = {"": (1, 1)}
    parts = document.derived(_no_entry_parts) if reuse is not None else []
    months: list[Json] = []
    for mi, month in enumerate(document.months):
        mp = f"/months/{mi}"
        mline = month.heading.line if month.heading else 1
        smap[mp] = smap[mp + "/month"] = smap[mp + "/categories"] = (mline, 1)
        categories: list[Json] = []
        for ci, category in enumerate(month.categories):
            cp = f"{mp}/categories/{ci}"
            cline = category.heading.line if category.heading else mline
            smap[cp] = smap[cp + "/name"] = smap[cp + "/entries"] = (cline, 1)
            if reuse is None:
                entries = [
                    _entry_json(entry, f"{cp}/entries/{ei}", smap)
                    for ei, entry in enumerate(category.entries)
                ]
            else:
                entries = []
                for ei, entry in enumerate(category.entries):
                    key = _entry_key(entry)
                    found = reuse.get(key)
                    if found is None:
                        found = _entry_part(entry)
                    kept[key] = found
                    parts.append(found)
                    pointer = f"{cp}/entries/{ei}"
                    for suffix, position in found[1]:
                        smap[pointer + suffix] = position
                    entries.append(found[0])
            categories.append(
                {
                    "name": category.name,
                    "line": category.heading.line if category.heading else None,
                    "entries": entries,
                }
            )
        months.append(
            {
                "month": month.month,
                "line": month.heading.line if month.heading else None,
                "categories": categories,
            }
        )
    smap["/months"] = (1, 1)
    instance = {"path": document.path, "layout": document.layout.to_json(), "months": months}
    return instance, smap


def _fields_json(fields: list[Field], pointer: str, smap: SourceMap) -> Json:
    values: Json = {}
    for item in fields:
        if item.label in values:
            continue
        key = item.label.replace("~", "~0").replace("/", "~1")
        smap[f"{pointer}/{key}"] = (item.line, item.column)
        values[item.label] = item.value
    return values


def _entry_json(entry: Entry, pointer: str, smap: SourceMap) -> Json:
    position = (entry.line, 1)
    for key in ("", "/title", "/fields", "/labels", "/keypoints", "/tags", "/links", "/arxiv"):
        smap[pointer + key] = position
    for li, item in enumerate(entry.fields):
        smap[f"{pointer}/labels/{li}"] = (item.line, item.column)
    details: list[Json] = []
    for di, block in enumerate(entry.details):
        dp = f"{pointer}/details/{di}"
        smap[dp] = smap[dp + "/closed"] = smap[dp + "/fields"] = (block.line, block.column)
        smap[dp + "/summary"] = (
            (block.summary_line, block.summary_column or 1)
            if block.summary_line
            else (block.line, block.column)
        )
        details.append(
            {
                "summary": block.summary,
                "closed": block.closed,
                "line": block.line,
                "end_line": block.end_line,
                "fields": _fields_json(block.fields, dp + "/fields", smap),
            }
        )
    for li, link in enumerate(entry.links):
        smap[f"{pointer}/links/{li}"] = (link.line, link.column)
    return {
        "title": entry.title,
        "line": entry.line,
        "month": entry.month,
        "category": entry.category,
        "fields": _fields_json(entry.fields, pointer + "/fields", smap),
        "labels": [item.label for item in entry.fields],
        "keypoints": entry.keypoints(),
        "details": details,
        "tags": list(entry.tags),
        "links": [{"text": link.text, "url": link.url} for link in entry.links],
        "arxiv": list(entry.arxiv),
    }
