"""The fix engine (README, "Fixing"): apply the edits of fixable problems, pass after pass, and
refuse any result whose JSON document lost something the applied fixes did not declare.

A pass collects the fixes of a file's problems (safe ones; unsafe ones too with
``--unsafe-fixes``) in problem order and applies those that do not overlap an earlier one;
a fix's edits go in all together or not at all. The text is then checked again and the
next pass picks up what waited, until nothing applicable remains or ``MAX_PASSES`` is hit.

Nothing is lost: the documents before and after are compared as JSON without their
``line``/``end_line`` keys (deleting a blank line moves every later line), with each entry
and details block also listing ``all_fields`` (every field in order, since ``fields`` keeps
only the first of a repeated label), after the projections that the applied fixes'
``Fix.changes`` name (``CHANGE_SCOPES``):

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

import bisect
import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from paperlint.checker import Checker
from paperlint.model import Document
from paperlint.parse import Revision
from paperlint.problem import Edit, Fix, Problem
from paperlint.report import display_path
from paperlint.report.text import unsafe_hint
from paperlint.result import FileResult, InternalError
from paperlint.source import Source
from paperlint.text import INVISIBLE_CHARACTERS

# Each pass re-parses the file; real files settle in two or three. Hitting the bound
# means two fixes undo each other, which is a bug worth reporting, not a reason to hang.
MAX_PASSES = 10

# The names a ``Fix.changes`` may use (their meaning is in the module docstring).
CHANGE_SCOPES = frozenset(
    {"keypoints", "url", "links", "tags", "arxiv", "title", "details", "fields", "structure"}
)

Json = Any


@dataclass(frozen=True)
class Applied:
    """One fix that was applied, for ``--show-fixes``; line/column in the original text."""

    code: str
    name: str
    line: int
    column: int
    description: str
    changes: frozenset[str]
    safe: bool


@dataclass
class FixOutcome:
    """What fixing one file produced; ``result`` holds the problems that remain."""

    original: Source
    fixed: Source
    initial: FileResult  # the problems before any fix (what stays when nothing is written)
    result: FileResult
    applied: list[Applied] = field(default_factory=list)
    passes: int = 0
    exhausted: bool = False  # MAX_PASSES reached with fixes still applicable
    marked: bool = False  # a fix without edits (line endings) asked for a rewrite
    lost: str | None = None  # unified diff of the JSON documents when the guard refused
    # Fixes not applied because GitHub would show the file differently ("PL306 fix at 71
    # not applied: it would turn lines 71–73 into a code block").
    withheld: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether writing the fixed text would change the file."""
        return not self.refused and (self.fixed.text != self.original.text or self.marked)

    @property
    def refused(self) -> bool:
        """Nothing may be written: content would be lost, or a fix never settled (a fix
        that re-applies every pass would leave its edit ``MAX_PASSES`` times)."""
        return self.lost is not None or self.exhausted

    def output(self) -> bytes:
        """The bytes to write: the file's own line endings (majority) and BOM."""
        return self.fixed.encode()


# -- applying edits -----------------------------------------------------------------------


class _Occupied:
    """Closed intervals already taken by edits of this pass (sorted, disjoint)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def clashes(self, start: int, end: int) -> bool:
        # Touching counts as a clash: two insertions at one offset, or an insertion at the
        # edge of a replacement, have no order both fixes agreed on.
        index = bisect.bisect_left(self.starts, start)
        if index > 0 and self.ends[index - 1] >= start:
            return True
        return index < len(self.starts) and self.starts[index] <= end

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def _ordered(fix: Fix, length: int) -> list[Edit] | None:
    """The fix's edits by position, or None if they overlap each other or leave the text."""
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    previous = 0
    for edit in edits:
        if edit.start < previous or edit.end < edit.start or edit.end > length:
            return None
        previous = edit.end
    return edits


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, list[int]]:
    """Apply every fix that does not clash with an earlier one; return the new text and
    the indices of the fixes applied. A fix without edits is always "applied", and so is
    one whose edits are exactly those of a fix applied before it."""
    occupied = _Occupied()
    chosen: list[int] = []
    edits: list[Edit] = []
    taken: set[tuple[Edit, ...]] = set()
    for index, fix in enumerate(fixes):
        ordered = _ordered(fix, len(text))
        if ordered is None:
            continue
        if ordered and tuple(ordered) in taken:
            # Several problems fixed by one edit (PL301 closing nested blocks at one
            # place): the edit goes in once and fixes them all.
            chosen.append(index)
            continue
        if any(occupied.clashes(e.start, e.end) for e in ordered):
            continue
        for edit in ordered:
            occupied.add(edit.start, edit.end)
        edits.extend(ordered)
        taken.add(tuple(ordered))
        chosen.append(index)
    edits.sort(key=lambda e: (e.start, e.end))
    pieces: list[str] = []
    position = 0
    for edit in edits:
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), chosen


# -- suppressions -------------------------------------------------------------------------


def _touches_suppressed(problem: Problem, source: Source, result: FileResult) -> bool:
    """Whether an edit of this problem's fix lies on a line suppressed for its code.

    The problem itself is not suppressed (the checker dropped those), but its fix may
    reach into a suppressed region: a blank-line run ending inside one, say.
    """
    suppressions = result.suppressions
    if suppressions is None or not suppressions.directives or problem.fix is None:
        return False
    for edit in problem.fix.edits:
        first = source.position(edit.start)[0]
        last = source.position(max(edit.start, edit.end - 1))[0]
        if any(suppressions.covers(problem.code, line) for line in range(first, last + 1)):
            return True
    return False


# -- the passes ---------------------------------------------------------------------------


def applicable(problem: Problem, unsafe: bool) -> bool:
    return problem.fix is not None and (problem.fix.safe or unsafe)


def fix_source(
    checker: Checker, source: Source, *, unsafe: bool = False, max_passes: int = MAX_PASSES
) -> FixOutcome:
    """Fix one file's text; never touches the disk.

    The first look at the file skips the schema (its problems carry no fixes; a tenth of
    the time of ``fix`` on a large list): the result is completed, without parsing again,
    when no fix is left to apply or the file is refused.
    """
    result = checker.check_source(source, fixes_only=True)
    complete = False
    before = result.document
    outcome = FixOutcome(source, source, result, result)
    current = source
    history: list[list[tuple[int, int, int]]] = []  # each pass's edits, for original positions
    refused: set[tuple[str, str, str]] = set()  # fixes withheld: never offered again
    while True:
        candidates = [
            p
            for p in result.problems
            if applicable(p, unsafe)
            and not _touches_suppressed(p, current, result)
            and _key(p, current) not in refused
        ]
        if not candidates and not complete and result.document is not None:
            result = checker.check_document(result.document)
            complete = True
            if outcome.passes == 0:
                outcome.initial = result
            continue
        if not candidates:
            break
        if outcome.passes == max_passes:
            outcome.exhausted = True
            break
        outcome.passes += 1
        candidates = [p for p in candidates if _key(p, current) not in refused]
        fixes = [p.fix for p in candidates if p.fix is not None]
        text, chosen = apply_fixes(current.text, fixes)
        while chosen and (broken := _breaks_rendering(current, candidates, chosen)):
            for index, reason in broken.items():
                problem = candidates[index]
                refused.add(_key(problem, current))
                offset = _original_offset(current.offset(problem.line, problem.column), history)
                line = source.position(offset)[0]  # named as in the file the user has
                outcome.withheld.append(
                    f"{problem.code} fix at {line} not applied: it would {reason}"
                )
            candidates = [p for i, p in enumerate(candidates) if i not in broken]
            fixes = [p.fix for p in candidates if p.fix is not None]
            text, chosen = apply_fixes(current.text, fixes)
        marked = any(not fixes[i].edits for i in chosen)
        if not chosen or (text == current.text and not (marked and current.odd_newlines)):
            break
        outcome.marked = outcome.marked or marked
        for i in chosen:
            problem = candidates[i]
            fix = fixes[i]
            offset = _original_offset(current.offset(problem.line, problem.column), history)
            line, column = source.position(offset)
            outcome.applied.append(
                Applied(
                    problem.code,
                    problem.name,
                    line,
                    column,
                    fix.description or problem.message,
                    fix.changes,
                    fix.safe,
                )
            )
        # The file is written in its majority line ending, so the new text has no odd
        # newlines (PL605 is fixed by writing at all).
        previous = result.document
        current = Source(current.path, text, current.newline, current.bom)
        since = None
        edited = {e for i in chosen for e in fixes[i].edits}  # a shared edit once
        spans = sorted((e.start, e.end, len(e.replacement)) for e in edited)
        history.append(spans)
        if previous is not None:
            since = Revision(previous, spans)
        result = checker.check_source(current, since=since)
        complete = True
    if not complete and result.document is not None:  # the loop ended before a re-check
        result = checker.check_document(result.document)
    outcome.fixed = current
    outcome.result = result
    if outcome.applied and before is not None and result.document is not None:
        changes = frozenset().union(*(a.changes for a in outcome.applied))
        outcome.lost = lost_content(before, result.document, changes)
    # The file stays as it was: report all of its problems, the schema's included (the
    # first look, kept as `initial`, skipped the schema).
    initial_is_first_look = outcome.initial.document is before and outcome.passes > 0
    if outcome.refused and before is not None and initial_is_first_look:
        outcome.initial = checker.check_document(before)
    return outcome


def _original_offset(offset: int, history: list[list[tuple[int, int, int]]]) -> int:
    """Where an offset of the text after these passes was before all of them (an offset
    inside a replacement maps to the start of the text it replaced)."""
    for spans in reversed(history):
        delta = 0
        for start, end, length in spans:
            if offset < start + delta:
                break
            if offset < start + delta + length:
                offset = start + delta
                break
            delta += length - (end - start)
        offset -= delta
    return offset


# -- what GitHub shows is kept --------------------------------------------------------------

# A line that may start a top-level ATX heading: sections are rendered apart from there.
_HEADING_START_RE = re.compile(r"^#{1,6}(?:[ \t]|$)", re.MULTILINE)
_WORD_RE = re.compile(r"\w+")
_VISIBLE = str.maketrans(INVISIBLE_CHARACTERS)


def _key(problem: Problem, source: Source) -> tuple[str, str, str]:
    """A fix's identity across passes (its offsets move): rule, line text, what it does."""
    line = source.lines[problem.line - 1] if 0 < problem.line <= len(source.lines) else ""
    description = problem.fix.description if problem.fix is not None else ""
    return problem.code, line, description or problem.message


def _section(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the heading sections around ``text[start:end]`` (whole lines).

    A heading line right after a non-blank line is no boundary: an HTML block above may
    swallow it (and a fix may set it free).
    """
    first = text.rfind("\n", 0, start) + 1  # the line of ``start``, then the lines above
    while first > 0 and not _is_boundary(text, first):
        first = text.rfind("\n#", 0, first - 1) + 1
    position = text.find("\n", end)
    while position >= 0:
        after = _HEADING_START_RE.search(text, position + 1)
        if after is None:
            break
        if _is_boundary(text, after.start()):
            return first, after.start()
        position = after.start()
    return first, len(text)


def _is_boundary(text: str, offset: int) -> bool:
    """Whether the line at ``offset`` is a heading after a blank line (or the first line)."""
    if not _HEADING_START_RE.match(text, offset):
        return False
    above = text.rfind("\n", 0, max(offset - 1, 0)) + 1
    return offset == 0 or not text[above : offset - 1].strip()


def _breaks_rendering(
    source: Source, candidates: Sequence[Problem], chosen: Sequence[int]
) -> dict[int, str]:
    """The chosen fixes that would change what GitHub shows, each with what it would do.

    The fixes are grouped by the heading sections their edits touch; each group is
    rendered before and after all its fixes at once (two renders a section, however many
    fixes it holds). Only a group that changes the rendering is rendered again fix by fix,
    to name the fixes to withhold: none may drop a word shown outside code, nor make a code
    block or a bullet shown as text.
    """
    text = source.text
    groups: list[tuple[int, int, list[int]]] = []  # merged section ranges, in order
    for first, last, index in sorted(
        (*_section(text, edits[0].start, edits[-1].end), index)
        for index in chosen
        if (edits := _edits(candidates[index].fix))
    ):
        if groups and first < groups[-1][1]:
            start, end, members = groups[-1]
            groups[-1] = (start, max(end, last), [*members, index])
        else:
            groups.append((first, last, [index]))
    broken: dict[int, str] = {}
    for first, last, members in groups:
        fixes = [_shifted(candidates[i].fix, first) for i in members]
        if _fix_rendering(source, first, last, fixes) is None:
            continue
        for index, fix in zip(members, fixes, strict=True):
            reason = _fix_rendering(source, first, last, [fix])
            if reason:
                broken[index] = reason
    return broken


def _edits(fix: Fix | None) -> list[Edit]:
    return sorted(fix.edits, key=lambda e: (e.start, e.end)) if fix is not None else []


def _fix_rendering(source: Source, first: int, last: int, fixes: Sequence[Fix]) -> str | None:
    """What ``fixes`` (offsets relative to ``first``) change in how ``text[first:last]``
    renders, if anything."""
    before = source.text[first:last]
    after, applied = apply_fixes(before, fixes)
    edits = sorted({e for i in applied for e in fixes[i].edits})
    return _rendering_change(before, after, source.position(first)[0], edits)


def _words(texts: Iterable[str]) -> Counter[str]:
    """Words as a reader sees them: an invisible character (PL603) joins, not splits."""
    return Counter(_WORD_RE.findall(" ".join(texts).translate(_VISIBLE)))


def _line_offset(text: str, index: int) -> int:
    """Offset of the start of line ``index`` (0-based) of ``text``."""
    offset = 0
    for _ in range(index):
        offset = text.find("\n", offset) + 1
    return offset


def _shifted(fix: Fix | None, offset: int) -> Fix:
    assert fix is not None
    edits = tuple(Edit(e.start - offset, e.end - offset, e.replacement) for e in fix.edits)
    return Fix(edits, fix.safe, fix.description, fix.changes)


def _rendering_change(before: str, after: str, line: int, edits: Sequence[Edit]) -> str | None:
    """What GitHub would show differently once ``edits`` turn ``before`` (whose first line
    is line ``line`` of the file) into ``after``; lines are named as in ``before``."""
    from paperlint.render import Rendering

    def old_line(number: int) -> int:
        offset = _line_offset(after, number - line)
        for edit in sorted(edits, key=lambda e: e.start):
            if offset < edit.start:
                break
            offset -= len(edit.replacement) - (edit.end - edit.start)
        return line + before.count("\n", 0, max(offset, 0))

    removed = [before[e.start : e.end] for e in edits]
    old, new = Rendering(before, line), Rendering(after, line)
    old_code = Counter(
        old.source_line(n).strip() for a, b in old.indented_code() for n in range(a, b + 1)
    )
    for first, last in new.indented_code():
        texts = Counter(new.source_line(n).strip() for n in range(first, last + 1))
        if texts - old_code:
            first, last = old_line(first), old_line(last)
            span = f"line {first}" if first == last else f"lines {first}–{last}"
            return f"turn {span} into a code block"
    old_text = Counter(old.source_line(n).strip() for n, kind in old.stray_bullets().items())
    for number, kind in sorted(new.stray_bullets().items()):
        shown = new.source_line(number).strip()
        if old_text[shown] > 0:
            old_text[shown] -= 1
            continue
        what = "a code block" if kind == "code" else "plain text"
        return f"show the bullet of line {old_line(number)} as {what}"
    was, now = old.shown_words(), new.shown_words()
    if was == now:
        return None
    # Only the tokens that differ: the words of the tokens both show cancel out.
    gone = _words((was - now).elements())
    gone -= _words((now - was).elements())
    gone -= _words(removed)
    if gone:
        words = ", ".join(f"`{w}`" for w in sorted(gone)[:3])
        return f"hide words GitHub shows ({words}) or show them as code"
    return None


# -- nothing is lost ----------------------------------------------------------------------

_MARKDOWN_TARGET_RE = re.compile(r"\]\([^()\s]{0,4096}\)")
_BARE_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]{0,4096}")
_ANCHOR_LINK_RE = re.compile(r"\[[^\[\]\n]{0,4096}\]\(#[^()\s]{0,4096}\)")
_GAINABLE = ("tags", "links", "arxiv")


def _strip_lines(value: Json) -> Json:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in ("line", "end_line")}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


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


def _document_json(document: Document) -> Json:
    """The JSON document, plus every field of each entry and details block in order.

    ``fields`` keeps only the first of a repeated label (PL204), so a fix that changed
    the second ``Method:`` would be invisible there; ``all_fields`` sees it.
    """
    instance = _strip_lines(document.to_json()[0])
    for entry, item in zip(document.entries(), _entries(instance), strict=True):
        item[ALL_FIELDS] = [[f.label, f.value] for f in entry.fields]
        for block, block_item in zip(entry.details, item["details"], strict=True):
            block_item[ALL_FIELDS] = [[f.label, f.value] for f in block.fields]
    return instance


def _project(document: Json, changes: frozenset[str]) -> Json:
    """The parts of one document that the declared changes may not touch."""
    anchors = "links" in changes
    for entry in _entries(document):
        if "keypoints" in changes:
            for block in _blocks(entry):
                block["fields"].pop("Keypoints", None)
                block[ALL_FIELDS] = [f for f in block[ALL_FIELDS] if f[0] != "Keypoints"]
        if "url" in changes:
            for link in entry["links"]:
                link.pop("url", None)
        if anchors:
            entry["links"] = [
                link for link in entry["links"] if not str(link.get("url", "")).startswith("#")
            ]
        if "details" in changes:
            for block in entry["details"]:
                block.pop("closed", None)
                block.pop("summary", None)
    if anchors:
        document = _map_strings(document, lambda s: _ANCHOR_LINK_RE.sub("[…](#…)", s))
    if "url" in changes:
        document = _map_strings(
            document, lambda s: _BARE_URL_RE.sub("URL", _MARKDOWN_TARGET_RE.sub("](URL)", s))
        )
    return document


def _relax(old: Json, new: Json, changes: frozenset[str]) -> None:
    """Make ``new`` equal to ``old`` where it differs only as the changes allow."""
    if "fields" in changes:
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
        if "title" in changes and title and title in str(previous.get("title", "")):
            entry["title"] = previous["title"]
        for key in _GAINABLE:
            if key in changes and _is_subsequence(previous.get(key, []), entry.get(key, [])):
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


def lost_content(before: Document, after: Document, changes: frozenset[str]) -> str | None:
    """None when nothing undeclared changed; otherwise a unified diff of the documents."""
    old = _project(_document_json(before), changes)
    new = _project(_document_json(after), changes)
    _relax(old, new, changes)
    if old == new:
        return None
    # A new heading (or one an HTML block no longer swallows) regroups entries and may
    # change the inferred layout: then every piece of content before must still be
    # somewhere after.
    if changes & {"structure", "fields"} and not _atoms(old) - _atoms(new):
        return None
    diff = difflib.unified_diff(
        _pretty(old), _pretty(new), "before fixes", "after fixes", lineterm=""
    )
    return "\n".join(diff) + "\n"


def text_diff(outcome: FixOutcome, name: str) -> str:
    """Unified diff of the file's text before and after fixing (for ``--diff``)."""
    old = outcome.original.text.splitlines(keepends=True)
    new = outcome.fixed.text.splitlines(keepends=True)
    label = display_path(name).lstrip("/")  # as git does: a/tmp/x.md, not a//tmp/x.md
    lines = list(difflib.unified_diff(old, new, f"a/{label}", f"b/{label}"))
    if not lines and outcome.marked and outcome.original.odd_newlines:
        lines = [
            f"--- a/{label}\n",
            f"+++ b/{label}\n",
            f"# line endings of lines {_ranges(outcome.original.odd_newlines)} → "
            f"{_newline_name(outcome.original.newline)}\n",
        ]
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _newline_name(newline: str) -> str:
    return {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}.get(newline, repr(newline))


def _ranges(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


# -- one run over many files ----------------------------------------------------------------


class FixRun:
    """``paperlint fix`` over a list of files: fix, write, and collect what to report.

    Nothing here prints: ``errors``, ``stdout`` (the fixed text of ``-``) and the
    ``*_text`` methods are for the CLI to show.
    """

    def __init__(
        self,
        checker: Checker,
        *,
        unsafe: bool = False,
        diff: bool = False,
        stdin_filename: str | None = None,
    ) -> None:
        self.checker = checker
        self.unsafe = unsafe
        self.diff = diff
        self.stdin_filename = stdin_filename
        self.results: list[FileResult] = []
        self.fixed: list[tuple[str, list[Applied]]] = []
        self.diffs: list[str] = []
        self.errors: list[str] = []
        self.failed = False
        self.stdout: bytes | None = None

    def run(self, paths: Sequence[str]) -> None:
        if not self.diff:  # what a killed earlier run left beside these files
            from paperlint.files import STDIN
            from paperlint.write import remove_stale_temporaries

            remove_stale_temporaries(p for p in paths if p != STDIN)
        for path in paths:
            self.results.append(self._one(path))
        self.checker.finish(self.results)

    def _one(self, path: str) -> FileResult:
        from paperlint.files import STDIN
        from paperlint.source import InputError
        from paperlint.write import Stamp, WriteError, write_atomic

        name = self.stdin_filename if path == STDIN and self.stdin_filename else path
        stamp = None if path == STDIN else Stamp.of(path)
        try:
            source = self.checker.read(path, name)
        except InputError as error:
            return FileResult(name, [self.checker.unreadable(name, str(error))])
        try:
            outcome = fix_source(self.checker, source, unsafe=self.unsafe)
        except InternalError:
            raise
        except Exception as error:  # the guard or a fix itself failed: nothing was written
            raise InternalError(name, error) from error
        if outcome.withheld and not outcome.refused:  # one line a file, as every message
            self.errors.append(f"{name}: " + "; ".join(outcome.withheld))
        if outcome.exhausted:
            codes = ", ".join(sorted({a.code for a in outcome.applied[-5:]}))
            self.errors.append(
                f"{name}: not fixed: fixes ({codes}) were still applicable after "
                f"{MAX_PASSES} passes, so one of them does not fix its problem; nothing "
                "written. This is a bug in paperlint; please report it."
            )
        elif outcome.lost is not None:
            fixes = ", ".join(f"{a.code} at {a.line}" for a in outcome.applied[:10])
            self.errors.append(
                f"{name}: not fixed: the fixes would change the document beyond what they "
                f"declare (fixes applied: {fixes}); nothing written. Document before and "
                "after:\n" + outcome.lost.rstrip("\n")
            )
        if outcome.refused:
            self.failed = True
            if path == STDIN and not self.diff:
                self.stdout = source.encode()
            return outcome.initial
        if self.diff:
            if outcome.changed:
                self.diffs.append(text_diff(outcome, name))
                self.fixed.append((name, outcome.applied))
            return outcome.result
        if path == STDIN:
            self.stdout = outcome.output()
        elif outcome.changed:
            try:
                write_atomic(path, outcome.output(), stamp)
            except WriteError as error:
                self.failed = True
                self.errors.append(f"{name}: {error}")
                return outcome.initial
        if outcome.applied:
            self.fixed.append((name, outcome.applied))
        return outcome.result

    # -- what the CLI shows ------------------------------------------------------------

    @property
    def fixed_count(self) -> int:
        return sum(len(applied) for _, applied in self.fixed)

    def remaining(self) -> list[Problem]:
        return [p for r in sorted(self.results, key=lambda r: r.path) for p in r.problems]

    def diff_text(self) -> str:
        return "".join(self.diffs)

    def fixes_text(self) -> str:
        out: list[str] = []
        for name, applied in self.fixed:
            out.append(f"Fixed in {display_path(name)}:")
            out.extend(
                f"  {a.line}:{a.column}: {a.code} [{a.name}] {a.description}"
                for a in sorted(applied, key=lambda a: (a.line, a.column, a.code))
            )
        return "".join(line + "\n" for line in out)

    def problems_text(self) -> str:
        from paperlint.report import ReportOptions
        from paperlint.report.text import line

        options = ReportOptions(unsafe_fixes=self.unsafe)
        return "".join(line(p, options) + "\n" for p in self.remaining())

    def summary(self) -> str:
        count = self.fixed_count
        noun = "problem" if count == 1 else "problems"
        if self.diff:
            return f"Would fix {count} {noun}." if count else "No fixes to apply."
        remaining = len(self.remaining())
        text = f"Fixed {count} {noun}, {remaining} remaining"
        unsafe = sum(1 for p in self.remaining() if p.fix is not None and not p.fix.safe)
        if unsafe and not self.unsafe:
            text += f" ({unsafe} fixable {unsafe_hint()})"
        return text + "."
