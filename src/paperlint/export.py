"""``paperlint export``: the schema instance as JSON, one entry per line, or CSV.

CSV is for spreadsheets, which run a cell that starts like a formula: such cells get a
leading ``'``, as OWASP recommends against CSV injection. JSON output is left exact.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from paperlint.model import Json

EXPORT_FORMATS = ("json", "jsonl", "csv")


def entries(document: Json) -> Iterator[Json]:
    """Each entry of a document instance, with the file path added."""
    for month in document["months"]:
        for category in month["categories"]:
            for entry in category["entries"]:
                yield {"path": document["path"], **entry}


def render(document: Json, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries(document))
    if fmt == "csv":
        return _csv(list(entries(document)))
    raise ValueError(f"unknown export format {fmt!r}")


_FIXED_COLUMNS = ("path", "month", "category", "title", "line")


def _csv(rows: list[Json]) -> str:
    """One row per entry; one column per field label (in order of first appearance)."""
    labels: dict[str, None] = {}
    for row in rows:
        for label in row["fields"]:
            labels.setdefault(label)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    extra = ("tags", "arxiv", "links")
    writer.writerow([_defused(cell) for cell in (*_FIXED_COLUMNS, *labels, *extra)])
    for row in rows:
        cells = [
            *(row[c] if row[c] is not None else "" for c in _FIXED_COLUMNS),
            *(row["fields"].get(label, "") for label in labels),
            "; ".join(row["tags"]),
            "; ".join(row["arxiv"]),
            " ".join(link["url"] for link in row["links"]),
        ]
        writer.writerow([_defused(cell) if isinstance(cell, str) else cell for cell in cells])
    return buffer.getvalue()


# What a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defused(cell: str) -> str:
    """The cell with a leading ``'`` if a spreadsheet opening the file would evaluate it."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
