"""Inferring which heading levels hold months, categories and entries (``layout = "auto"``)."""

from __future__ import annotations

import re
from collections import Counter

from paperlint.model import Heading, Layout

# Loose on purpose: anything a person meant as a month lands at the month level, and the
# schema's strict YYYYMM pattern then reports the ones that are malformed (PL102).
MONTH_LIKE_RE = re.compile(r"\d{4}[-./ ]?\d{1,2}")


def looks_like_month(text: str) -> bool:
    return MONTH_LIKE_RE.fullmatch(text.strip()) is not None


def infer_layout(headings: list[Heading]) -> Layout:
    """Entries: the level whose headings most often hold field bullets (deepest on ties).

    Months: the shallower level with the most month-like headings. Categories: the level
    between the two that most often is the nearest parent of an entry.
    """
    with_fields = Counter(h.level for h in headings if h.has_fields)
    entry = max(with_fields, key=lambda level: (with_fields[level], level)) if with_fields else None
    months = Counter(h.level for h in headings if looks_like_month(h.text))
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
