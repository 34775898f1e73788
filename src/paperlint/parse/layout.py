"""Inferring which heading levels hold months, categories and entries (``layout = "auto"``)."""

from __future__ import annotations

import re
from collections import Counter

from paperlint.model import Heading, Layout
from paperlint.parse.dates import MonthFormats, recognise_heading

# Loose on purpose: anything a person meant as a month lands at the month level, and the
# schema's strict YYYYMM pattern then reports the ones that are malformed (PL102).
MONTH_LIKE_RE = re.compile(r"\d{4}[-./ ]?\d{1,2}")


ENTRY_HEADING_RE = re.compile(
    r"(?:\[\d{1,4}\]\s+|\d{1,4}[.)]\s+)?\[[^\]]+\]\((?!#)|(?:\[\d{1,4}\]|\d{1,4}[.)])\s+\S"
)


def looks_like_month(text: str) -> bool:
    return MONTH_LIKE_RE.fullmatch(text.strip()) is not None


def _names_a_month(text: str) -> bool:
    """A heading in another month form (``Latest Update: April 2024``): it stands at the
    month level, where PL102 reports it unless the form is configured."""
    found = recognise_heading(text)
    return found is not None and found[0] not in ("YYYY", "YYYYMM")


def infer_layout(headings: list[Heading], formats: MonthFormats | None = None) -> Layout:
    """Entries: the level whose headings most often hold field bullets (deepest on ties).

    Months: the shallower level with the most month-like headings. Categories: the level
    between the two that most often is the nearest parent of an entry.
    """
    with_fields = Counter(h.level for h in headings if h.has_fields)
    if not with_fields:
        # Without field bullets, headings that are numbered or are a link are entries
        # (`### 1. Title`, `### [3] [Title](url)`), when a level holds several of them.
        numbered = Counter(h.level for h in headings if ENTRY_HEADING_RE.match(h.text))
        with_fields = Counter({level: n for level, n in numbered.items() if n >= 3})
    entry = max(with_fields, key=lambda level: (with_fields[level], level)) if with_fields else None
    months = Counter(
        h.level
        for h in headings
        if looks_like_month(h.text)
        or (formats is not None and formats.heading_month(h.text))
        or _names_a_month(h.text)
    )
    month_levels = [level for level in months if entry is None or level < entry]
    month = max(month_levels, key=lambda level: (months[level], -level)) if month_levels else None
    category = None
    if entry is not None:
        parents: Counter[int] = Counter()
        stack: list[Heading] = []
        for heading in headings:
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            if heading.level == entry:
                for parent in reversed(stack):
                    if parent.level < entry and (month is None or parent.level > month):
                        parents[parent.level] += 1
                        break
            stack.append(heading)
        if parents:
            category = max(parents, key=lambda level: (parents[level], level))
    return Layout(month=month, category=category, entry=entry)
