"""Months as lists write them: month headings in several forms, date tags in an entry,
date lines, and the file name. Every form comes down to ``YYYYMM`` (or ``YYYY`` when only
a year is given), the one form the model and the rules compare."""

from __future__ import annotations

import functools
import re

MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NAME = r"(?P<name>[A-Za-z]{3,9})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_MM = r"(?P<month>0?[1-9]|1[0-2])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# The month-heading forms a configuration may name (``[dates] headings``), each a regular
# expression over the whole heading text. A user may also give a pattern of their own with
# the named groups ``year`` and ``month`` (a number or a month name).
HEADING_FORMATS: dict[str, str] = {
    "YYYYMM": r"(?P<year>\d{4})(?P<month>0[1-9]|1[0-2])",
    "YYYY-MM": rf"{_YEAR}[-./]{_MM}(?:\s*\(\d+\))?",
    "Month YYYY": rf"(?:[^:\n]{{1,60}}:\s*)?{_NAME},?\s+{_YEAR}(?:\s*\(\d+\))?",
    "day Month YYYY": rf"{_DAY}\s+(?:of\s+)?{_NAME},?\s+{_YEAR}",
    "Month day, YYYY": rf"{_NAME}\s+{_DAY},?\s+{_YEAR}",
    "YYYY-MM-DD": rf"{_YEAR}[-./]{_MM}[-./]{_DAY}",
    "YYYY": _YEAR,
}
DEFAULT_HEADINGS = ("YYYYMM",)

# Date tags inside an entry: [2023/10], `[2024.07]`, (Mar., 2025), (Jul 2024), (2019).
_TAG_PATTERNS = (
    re.compile(rf"\[{_YEAR}[-./]{_MM}\]"),
    re.compile(rf"\({_NAME},?\s*{_YEAR}\)"),
    re.compile(rf"\({_YEAR}[-./]{_MM}\)"),
)
_YEAR_TAG_RE = re.compile(rf"\((?:[A-Za-z][\w&., ]{{0,30}}[ ,]\s*)?{_YEAR}\)")
# A line that is only a date: "16 Oct 2023", "2023-10-16", "Oct 16, 2023".
_DATE_LINE_FORMATS = ("day Month YYYY", "Month day, YYYY", "YYYY-MM-DD", "Month YYYY")
# A file named by its date: 2026-01-17.md, 202401.md, 2024-01.md.
_FILE_RE = re.compile(rf"(?:^|[^\d]){_YEAR}[-_.]?{_MM}(?:[-_.]?\d{{2}})?(?:[^\d]|$)")


class MonthFormats:
    """The compiled month-heading forms of one configuration."""

    def __init__(self, names: tuple[str, ...] = DEFAULT_HEADINGS) -> None:
        self.names = names
        self._compiled = tuple(
            re.compile(HEADING_FORMATS.get(name, name), re.IGNORECASE) for name in names
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MonthFormats) and other.names == self.names

    def __hash__(self) -> int:
        return hash(self.names)

    def heading_month(self, text: str) -> str | None:
        """``YYYYMM`` (or ``YYYY``) when ``text`` is a month heading in one of the forms."""
        text = _plain(text)
        for pattern in self._compiled:
            match = pattern.fullmatch(text)
            if match is not None:
                value = _value(match)
                if value is not None:
                    return value
        return None


@functools.lru_cache(maxsize=1 << 15)
def recognise_heading(text: str) -> tuple[str, str] | None:
    """(form name, value) of the first built-in form ``text`` is written in (remembered:
    the language server infers the layout of a long list again at each edit)."""
    for name, pattern in HEADING_FORMATS.items():
        match = re.fullmatch(pattern, _plain(text), re.IGNORECASE)
        if match is not None:
            value = _value(match)
            if value is not None:
                return name, value
    return None


def tag_month(text: str) -> tuple[str, str] | None:
    """(value, the tag as written) of the first month-precise date tag in ``text``."""
    best: tuple[int, str, str] | None = None
    for pattern in _TAG_PATTERNS:
        for match in pattern.finditer(text):
            value = _value(match)
            if value is not None and (best is None or match.start() < best[0]):
                best = (match.start(), value, match.group(0))
            break
    return (best[1], best[2]) if best else None


def year_tag(text: str) -> tuple[str, str] | None:
    """(YYYY, the tag as written) of a parenthesised year such as ``(2019)``, ``(CVPR 2023)``."""
    match = _YEAR_TAG_RE.search(text)
    return (match.group("year"), match.group(0)) if match else None


def date_line_month(line: str) -> str | None:
    """``YYYYMM`` when ``line`` is only a date (``16 Oct 2023``)."""
    text = _plain(line).strip(" \\")
    if not text or len(text) > 40:
        return None
    for name in _DATE_LINE_FORMATS:
        match = re.fullmatch(HEADING_FORMATS[name], text, re.IGNORECASE)
        if match is not None:
            return _value(match)
    return None


def file_month(path: str) -> str | None:
    """``YYYYMM`` from a file named by its date (``2026-01-17.md``)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    match = _FILE_RE.search(stem)
    return _value(match) if match else None


def _plain(text: str) -> str:
    return text.strip().strip("*_`").strip()


def _value(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = groups.get("year")
    if year is None:
        return None
    month = groups.get("month")
    name = groups.get("name")
    if name is not None:
        number = MONTH_NAMES.get(name.lower())
        if number is None:
            return None
        return f"{year}{number:02d}"
    if month is None:
        return year
    number = int(month)
    return f"{year}{number:02d}" if 1 <= number <= 12 else None
