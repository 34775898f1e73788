"""The rendering guard: withhold a fix that would change what GitHub shows (a word hidden,
a code block or a bullet shown as text), rendered as GitHub does (``paperlint.render``)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from paperlint.fix.apply import apply_fixes
from paperlint.problem import Edit, Fix, Problem
from paperlint.render import Rendering
from paperlint.source import Source
from paperlint.text import INVISIBLE_CHARACTERS

# A line that may start a top-level ATX heading: sections are rendered apart from there.
_HEADING_START_RE = re.compile(r"^#{1,6}(?:[ \t]|$)", re.MULTILINE)
# The line break before such a line: the regex engine looks for the line break first (with
# ``^`` it tries every offset of the text, several times slower).
_HEADING_AFTER_BREAK_RE = re.compile(r"\n(?=#{1,6}(?:[ \t]|$))", re.MULTILINE)
_WORD_RE = re.compile(r"\w+")
_VISIBLE = str.maketrans(INVISIBLE_CHARACTERS)


class _Sections:
    """Where the heading sections of a text start, found once for all the fixes of a pass.

    A section starts at a heading line after a blank line (or at the first line): a
    heading line right after a non-blank line is no boundary, since an HTML block above
    may swallow it (and a fix may set it free).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] if _HEADING_START_RE.match(text) else []
        for match in _HEADING_AFTER_BREAK_RE.finditer(text):
            offset = match.end()
            above = text.rfind("\n", 0, offset - 1) + 1
            if not text[above : offset - 1].strip():  # the line above is blank
                self.starts.append(offset)

    def around(self, start: int, end: int) -> tuple[int, int]:
        """Offsets of the sections around ``text[start:end]`` (whole lines): from the
        last boundary at or above the line of ``start`` to the first one below the line
        of ``end``."""
        text, starts = self.text, self.starts
        line = text.rfind("\n", 0, start) + 1
        above = bisect.bisect_right(starts, line) - 1
        first = starts[above] if above >= 0 else 0
        position = text.find("\n", end)
        if position < 0:
            return first, len(text)
        below = bisect.bisect_right(starts, position)
        return first, starts[below] if below < len(starts) else len(text)


@dataclass(frozen=True)
class _Group:
    """Fixes whose edits touch the same sections, and those sections before and after."""

    first: int  # offset of the sections in the text before
    members: list[int]  # indices of the fixes
    before: str
    after: str
    edits: list[Edit]  # the fixes' edits, offsets into ``before``


def breaks_rendering(
    source: Source, candidates: Sequence[Problem], chosen: Sequence[int], fixed: str
) -> dict[int, str]:
    """The chosen fixes that would change what GitHub shows, each with what it would do.

    ``fixed`` is ``source``'s text with the chosen fixes applied (``apply_fixes``). The
    fixes are grouped by the heading sections their edits touch; each group is rendered
    before and after all its fixes at once (two renders a section, however many fixes it
    holds). Only a group that changes the rendering is rendered again fix by fix, to name
    the fixes to withhold: none may drop a word shown outside code, nor make a code block
    or a bullet shown as text.
    """
    broken: dict[int, str] = {}
    for group in _groups(source, candidates, chosen, fixed):
        line = source.position(group.first)[0]
        if _rendering_change(group.before, group.after, line, group.edits) is None:
            continue
        last = group.first + len(group.before)
        for index in group.members:
            fix = _shifted(candidates[index].fix, group.first)
            reason = _fix_rendering(source, group.first, last, [fix])
            if reason:
                broken[index] = reason
    return broken


def _groups(
    source: Source, candidates: Sequence[Problem], chosen: Sequence[int], fixed: str
) -> list[_Group]:
    """The chosen fixes grouped by the sections they touch, in text order."""
    text = source.text
    sections = _Sections(text)
    edits_of = [(index, _all(candidates[index])) for index in chosen]
    ranges: list[tuple[int, int, list[int]]] = []  # merged section ranges, in order
    for first, last, index in sorted(
        (*sections.around(*_extent(edits)), index) for index, edits in edits_of if edits
    ):
        if ranges and first < ranges[-1][1]:
            start, end, members = ranges[-1]
            ranges[-1] = (start, max(end, last), [*members, index])
        else:
            ranges.append((first, last, [index]))
    # A group's edits lie inside its sections, and no two groups' sections overlap: its
    # text after the fixes is its part of ``fixed``, moved by the growth of the edits
    # before it (an edit that several fixes share went in once).
    spans = sorted({(e.start, e.end, len(e.replacement)) for _, edits in edits_of for e in edits})
    members_edits = dict(edits_of)
    groups: list[_Group] = []
    next_span = growth = 0
    for first, last, members in ranges:
        while next_span < len(spans) and spans[next_span][0] < first:
            start, end, length = spans[next_span]
            growth += length - (end - start)
            next_span += 1
        after_first = first + growth
        # (the last sections end with the text: an edit there may insert at its end)
        while next_span < len(spans) and (spans[next_span][0] < last or last == len(text)):
            start, end, length = spans[next_span]
            growth += length - (end - start)
            next_span += 1
        # (sorted as the edits they make: an Edit orders as its fields do)
        group = sorted({(e.start, e.end, e.replacement) for i in members for e in members_edits[i]})
        edits = [Edit(start - first, end - first, replacement) for start, end, replacement in group]
        after = fixed[after_first : last + growth]
        groups.append(_Group(first, members, text[first:last], after, edits))
    return groups


def _all(problem: Problem) -> tuple[Edit, ...]:
    return problem.fix.edits if problem.fix is not None else ()


def _extent(edits: Sequence[Edit]) -> tuple[int, int]:
    """The start of a fix's first edit and the end of its last, in (start, end) order."""
    if len(edits) == 1:
        return edits[0].start, edits[0].end
    return min(e.start for e in edits), max((e.start, e.end) for e in edits)[1]


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


def shown_changes(old: str, new: str) -> tuple[Counter[str], Counter[str]]:
    """``Counter(old.split()) - Counter(new.split())`` and the other way round, split only
    where the lines of the texts differ: a fix changes a few words of a section of
    hundreds, and what both hold cancels out anyway."""
    return _split_changes(old.split("\n"), new.split("\n"))


def _split_changes(old: list[str], new: list[str]) -> tuple[Counter[str], Counter[str]]:
    """The words (``split``) of the texts ``old`` less those of ``new`` and the other way
    round, as Counters.

    The texts are paired in order, once those both hold are set aside when the lists are
    not as long (a line added or removed); a pair of equal texts cancels out, and so do the
    head and tail that the texts of a pair share, cut at a blank, where ``split`` parts
    the text anyway. Any pairing would do: only what cancels out is left out.
    """
    if len(old) != len(new):
        old, new = _unshared(old, new), _unshared(new, old)
    was, now = old[len(new) :], new[len(old) :]  # the texts left without a pair
    for before, after in zip(old, new, strict=False):
        if before == after:
            continue
        head = _common_head(before, after)
        while head and not before[head - 1].isspace():
            head -= 1
        before, after = before[head:], after[head:]
        tail = _common_tail(before, after)
        while tail and not before[len(before) - tail].isspace():
            tail -= 1
        was.append(before[: len(before) - tail])
        now.append(after[: len(after) - tail])
    return _difference(Counter(" ".join(was).split()), Counter(" ".join(now).split()))


def _unshared(texts: list[str], others: list[str]) -> list[str]:
    """``texts`` less ``others`` (a multiset difference), in order."""
    extra = Counter(texts)
    extra.subtract(others)
    kept: list[str] = []
    for text in texts:
        if extra[text] > 0:
            extra[text] -= 1
            kept.append(text)
    return kept


def _difference(was: Counter[str], now: Counter[str]) -> tuple[Counter[str], Counter[str]]:
    """``was - now`` and ``now - was``.

    Counter's own subtraction visits every key in Python; the keys whose counts differ are
    found by set operations on the (key, count) pairs instead.
    """
    hidden: Counter[str] = Counter()
    revealed: Counter[str] = Counter()
    for key in {key for key, _ in was.items() ^ now.items()}:
        count = was.get(key, 0) - now.get(key, 0)
        if count > 0:
            hidden[key] = count
        elif count < 0:
            revealed[key] = -count
    return hidden, revealed


def _common_head(old: str, new: str) -> int:
    """The length of the longest common prefix (compared in slices, not one by one)."""
    low, high = 0, min(len(old), len(new))
    while low < high:
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_tail(old: str, new: str) -> int:
    """The length of the longest common suffix."""
    old_end, new_end = len(old), len(new)
    low, high = 0, min(old_end, new_end)
    while low < high:
        middle = (low + high + 1) // 2
        if old[old_end - middle : old_end - low] == new[new_end - middle : new_end - low]:
            low = middle
        else:
            high = middle - 1
    return low


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

    def old_line(number: int) -> int:
        offset = _line_offset(after, number - line)
        for edit in sorted(edits, key=lambda e: e.start):
            if offset < edit.start:
                break
            offset -= len(edit.replacement) - (edit.end - edit.start)
        return line + before.count("\n", 0, max(offset, 0))

    old, new = Rendering(before, line), Rendering(after, line)
    # What the text before shows is only read when the text after shows a code block or
    # a stray bullet (rarely).
    new_code = new.indented_code()
    if new_code:
        old_code = Counter(
            old.source_line(n).strip() for a, b in old.indented_code() for n in range(a, b + 1)
        )
        for first, last in new_code:
            texts = Counter(new.source_line(n).strip() for n in range(first, last + 1))
            if texts - old_code:
                first, last = old_line(first), old_line(last)
                span = f"line {first}" if first == last else f"lines {first}–{last}"
                return f"turn {span} into a code block"
    new_stray = new.stray_bullets()
    if new_stray:
        old_text = Counter(old.source_line(n).strip() for n in old.stray_bullets())
        for number, kind in sorted(new_stray.items()):
            shown = new.source_line(number).strip()
            if old_text[shown] > 0:
                old_text[shown] -= 1
                continue
            what = "a code block" if kind == "code" else "plain text"
            return f"show the bullet of line {old_line(number)} as {what}"
    hidden, revealed = shown_changes(old.shown_text(), new.shown_text())
    if not hidden:  # (no word is gone: nothing is hidden)
        return None
    # Only the tokens that differ: the words of the tokens both show cancel out (often all
    # of them: a label's colon or bold mark changed).
    gone = _words(hidden.elements())
    gone -= _words(revealed.elements())
    if gone:
        gone -= _words(before[e.start : e.end] for e in edits)
    if gone:
        words = ", ".join(f"`{w}`" for w in sorted(gone)[:3])
        return f"hide words GitHub shows ({words}) or show them as code"
    return None
