"""Applying fixes to a text: the fixes that do not clash with an earlier one, each with all
its edits or none."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from paperlint.problem import Edit, Fix


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
