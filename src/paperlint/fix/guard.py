"""The nothing-is-lost guard: refuse a fixed file whose JSON document lost something the
applied fixes did not declare.

Nothing is lost: the documents before and after are compared as JSON without their
``line``/``end_line`` keys (deleting a blank line moves every later line), with each entry
and details block also listing ``all_fields`` (every field in order, since ``fields`` keeps
only the first of a repeated label), after the projections that the applied fixes'
``Fix.changes`` name (``paperlint.problem.Change``):

``keypoints``  ``Keypoints`` field values (entry or details) may change (separators); the
               split ``keypoints`` list must still be the same.
``url``        link targets may change: ``links[].url`` is ignored, and inside every
               string a Markdown link target ``](…)`` or a bare ``http(s)://``/``www.`` URL
               is masked. ``arxiv`` ids are still compared.
``links``      in-page links (``#…``) may change, appear or disappear: ``links`` items whose
               URL starts with ``#`` are ignored, and ``[…](#…)`` inside strings is masked;
               and an entry may gain links (those before stay, in order).
``tags``       an entry may gain tags; ``arxiv``: it may gain arXiv ids (same meaning).
``title``      an entry's title may shrink to a part of itself (metadata moved out of the
               heading); entries are paired by position, so their number must not change.
``details``    a details block's ``closed`` and ``summary`` may change.
``fields``     fields may appear (a details body starts rendering, an HTML block stops
               swallowing bullets): keys and labels only the entry after has are ignored;
               every field value before must survive unchanged. If an HTML block swallowed
               headings too, the ``structure`` test below applies.
``structure``  headings may appear (``#Title`` → ``# Title``): if the documents still
               differ, every title, field, details block, link, tag and arXiv id before
               must still be somewhere after (months, categories, layout may change).

Any other difference refuses the file; the caller prints the diff of the two documents.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from paperlint.model import Document, Entry, Field
from paperlint.problem import Change

Json = Any


_MARKDOWN_TARGET_RE = re.compile(r"\]\([^()\s]{0,4096}\)")
_BARE_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]{0,4096}")
_ANCHOR_LINK_RE = re.compile(r"\[[^\[\]\n]{0,4096}\]\(#[^()\s]{0,4096}\)")
_GAINABLE = ("tags", "links", "arxiv")  # JSON keys, and the changes that allow gaining


def _map_strings(value: Json, change: Callable[[str], str]) -> Json:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: _map_strings(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_strings(v, change) for v in value]
    return value


def _entries(document: Json) -> list[Json]:
    return [e for m in document["months"] for c in m["categories"] for e in c["entries"]]


def _blocks(entry: Json) -> list[Json]:
    """The entry and its details blocks: everything that has a ``fields`` mapping."""
    return [entry, *entry.get("details", [])]


ALL_FIELDS = "all_fields"
_LINE_KEYS = frozenset({"line", "end_line"})


def _document_json(document: Document) -> Json:
    """The JSON document without its ``line``/``end_line`` keys, plus every field of each
    entry and details block in order.

    Built from the model, not from ``Document.to_json()``: the document before the fixes
    needs no schema, so its source map would be built for nothing. ``fields`` keeps only
    the first of a repeated label (PL204), so a fix that changed the second ``Method:``
    would be invisible there; ``all_fields`` sees it.
    """
    months = [
        {
            "month": month.month,
            "categories": [
                {"name": category.name, "entries": [_entry(e) for e in category.entries]}
                for category in month.categories
            ],
        }
        for month in document.months
    ]
    return {"path": document.path, "layout": document.layout.to_json(), "months": months}


def _entry(entry: Entry) -> Json:
    """``model``'s JSON of an entry without its lines, and with ``all_fields``."""
    return {
        "title": entry.title,
        "month": entry.month,
        "category": entry.category,
        "fields": _fields(entry.fields),
        "labels": [item.label for item in entry.fields],
        "keypoints": entry.keypoints(),
        "details": [
            {
                "summary": block.summary,
                "closed": block.closed,
                "fields": _fields(block.fields),
                ALL_FIELDS: [[f.label, f.value] for f in block.fields],
            }
            for block in entry.details
        ],
        "tags": list(entry.tags),
        "links": [{"text": link.text, "url": link.url} for link in entry.links],
        "arxiv": list(entry.arxiv),
        ALL_FIELDS: [[f.label, f.value] for f in entry.fields],
    }


def _fields(fields: list[Field]) -> Json:
    """Label -> value, the first of a repeated label winning (as in the model's JSON); a
    label named like a line key is left out with the lines (``all_fields`` keeps it)."""
    values: Json = {}
    for item in fields:
        if item.label not in _LINE_KEYS:
            values.setdefault(item.label, item.value)
    return values


def _content(document: Document) -> tuple[Any, ...]:
    """What ``_document_json`` holds, as tuples: equal when the JSON documents are."""
    return (
        document.path,
        document.layout,
        [
            (
                month.month,
                [(c.name, [_entry_content(e) for e in c.entries]) for c in month.categories],
            )
            for month in document.months
        ],
    )


def _entry_content(entry: Entry) -> tuple[Any, ...]:
    return (
        entry.title,
        entry.month,
        entry.category,
        [(f.label, f.value) for f in entry.fields],
        [(d.summary, d.closed, [(f.label, f.value) for f in d.fields]) for d in entry.details],
        entry.tags,
        [(link.text, link.url) for link in entry.links],
        entry.arxiv,
    )


def _project(document: Json, changes: frozenset[Change]) -> Json:
    """The parts of one document that the declared changes may not touch."""
    anchors = Change.LINKS in changes
    for entry in _entries(document):
        if Change.KEYPOINTS in changes:
            for block in _blocks(entry):
                block["fields"].pop("Keypoints", None)
                block[ALL_FIELDS] = [f for f in block[ALL_FIELDS] if f[0] != "Keypoints"]
        if Change.URL in changes:
            for link in entry["links"]:
                link.pop("url", None)
        if anchors:
            entry["links"] = [
                link for link in entry["links"] if not str(link.get("url", "")).startswith("#")
            ]
        if Change.DETAILS in changes:
            for block in entry["details"]:
                block.pop("closed", None)
                block.pop("summary", None)
    if anchors:
        document = _map_strings(document, lambda s: _ANCHOR_LINK_RE.sub("[…](#…)", s))
    if Change.URL in changes:
        document = _map_strings(
            document, lambda s: _BARE_URL_RE.sub("URL", _MARKDOWN_TARGET_RE.sub("](URL)", s))
        )
    return document


def _relax(old: Json, new: Json, changes: frozenset[Change]) -> None:
    """Make ``new`` equal to ``old`` where it differs only as the changes allow."""
    if Change.FIELDS in changes:
        previous_by_title = {e.get("title"): e for e in _entries(old)}
        for entry in _entries(new):
            previous = previous_by_title.get(entry.get("title"))
            if previous is not None:
                _drop_new_fields(previous, entry)
    olds, news = _entries(old), _entries(new)
    if len(olds) != len(news):
        return
    for previous, entry in zip(olds, news, strict=True):
        title = str(entry.get("title", "")).strip()
        if Change.TITLE in changes and title and title in str(previous.get("title", "")):
            entry["title"] = previous["title"]
        for key in _GAINABLE:
            if Change(key) in changes and _is_subsequence(
                previous.get(key, []), entry.get(key, [])
            ):
                entry[key] = previous.get(key, [])


def _drop_new_fields(previous: Json, entry: Json) -> None:
    """Under ``fields``: forget the fields (and labels) that only the entry after has."""
    for block, old_block in zip(_blocks(entry), _blocks(previous), strict=False):
        if isinstance(block["fields"], dict) and isinstance(old_block["fields"], dict):
            for key in [k for k in block["fields"] if k not in old_block["fields"]]:
                del block["fields"][key]
        if _is_subsequence(old_block[ALL_FIELDS], block[ALL_FIELDS]):
            block[ALL_FIELDS] = old_block[ALL_FIELDS]
    if "labels" in entry and "labels" in previous:
        entry["labels"] = [label for label in entry["labels"] if label in previous["labels"]]
    if not previous.get("keypoints"):
        entry["keypoints"] = previous.get("keypoints", [])


def _atoms(document: Json) -> Counter[str]:
    """Under ``structure``: every title, field, details block, link, tag and arXiv id."""
    atoms: Counter[str] = Counter()
    for entry in _entries(document):
        parts: list[Json] = [["title", entry.get("title")]]
        parts += [["field", item] for item in entry[ALL_FIELDS]]
        parts += [["details", block] for block in entry.get("details", [])]
        parts += [[key, item] for key in _GAINABLE for item in entry.get(key, [])]
        atoms.update(json.dumps(part, sort_keys=True, ensure_ascii=False) for part in parts)
    return atoms


def _is_subsequence(small: list[Json], large: list[Json]) -> bool:
    iterator = iter(large)
    return all(any(item == other for other in iterator) for item in small)


def _pretty(document: Json) -> list[str]:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False).split("\n")


def lost_content(before: Document, after: Document, changes: frozenset[Change]) -> str | None:
    """None when nothing undeclared changed; otherwise a unified diff of the documents."""
    if _content(before) == _content(after):  # most fixes change no content: no JSON needed
        return None
    old = _project(_document_json(before), changes)
    new = _project(_document_json(after), changes)
    _relax(old, new, changes)
    if old == new:
        return None
    # A new heading (or one an HTML block no longer swallows) regroups entries and may
    # change the inferred layout: then every piece of content before must still be
    # somewhere after.
    if changes & {Change.STRUCTURE, Change.FIELDS} and not _atoms(old) - _atoms(new):
        return None
    diff = difflib.unified_diff(
        _pretty(old), _pretty(new), "before fixes", "after fixes", lineterm=""
    )
    return "\n".join(diff) + "\n"
