"""PL507 arxiv-month-mismatch: the arXiv id's YYMM is not the entry's month section or date tag."""

from __future__ import annotations

import re
from collections.abc import Iterator

from paperlint.model import Document, Entry
from paperlint.problem import Severity, Violation
from paperlint.rules.base import Context, Option, rule
from paperlint.rules.links import arxiv_links, links_on_headings
from paperlint.syntax import ARXIV_ID_RE

_MONTH_RE = re.compile(r"(\d{4})[-./]?(\d{1,2})")


_DATE_TAG_RE = re.compile(r"(\d{4})\.(\d{1,2})")


_HEADING_TAG_RE = re.compile(r"\[(\d{4})\.(\d{1,2})\]")


def _months(year: int, month: int) -> int:
    return year * 12 + month - 1


def _expected_month(entry: Entry, dated_by_tags: bool) -> tuple[int, str] | None:
    """The entry's month (as a month count) and how it was stated, if it states one."""
    if entry.month is not None:
        match = _MONTH_RE.fullmatch(entry.month)
        if match and 1 <= int(match.group(2)) <= 12:
            return _months(int(match.group(1)), int(match.group(2))), f"month `{entry.month}`"
        return None
    if not dated_by_tags:
        return None
    for tag in entry.tags:
        match = _DATE_TAG_RE.fullmatch(tag)
        if match and 1 <= int(match.group(2)) <= 12:
            return _months(int(match.group(1)), int(match.group(2))), f"date tag `[{tag}]`"
    match = _HEADING_TAG_RE.search(entry.heading.raw)
    if match and 1 <= int(match.group(2)) <= 12:
        return _months(int(match.group(1)), int(match.group(2))), f"date tag `{match.group(0)}`"
    return None


def check(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Compares the year and month in an entry's arXiv id (`2404.09173` → 2024-04) with the
    month section the entry stands in, or — in files without month sections — with its
    date tag such as `[2024.4]`. The option `tolerance` allows a difference of that many
    months.

    ## Why is this bad?
    A mismatch usually means a copy-pasted link to another paper, or an entry filed under
    the wrong month.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2312.09173)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2404.09173)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: either the link or the month may be the wrong one.
    """
    document = ctx.document
    tolerance = int(ctx.options.get("tolerance", 0))
    entries = document.entries()
    dated_by_tags = all(entry.month is None for entry in entries)
    heading_links = links_on_headings(document)
    for entry in entries:
        expected = _expected_month(entry, dated_by_tags)
        if expected is None:
            continue
        wanted, stated = expected
        seen: set[str] = set()
        for identifier, link in arxiv_links(entry, heading_links):
            match = ARXIV_ID_RE.fullmatch(identifier)
            if match is None or identifier in seen:
                continue
            seen.add(identifier)
            year, month = 2000 + int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12 or abs(_months(year, month) - wanted) <= tolerance:
                continue
            span = link.destination
            yield Violation(
                link.line,
                span[0] if span else link.column,
                f"arXiv id {identifier} is from {year}-{month:02d} but the entry's {stated} "
                "says otherwise: check the link and the month",
                end_line=link.line,
                end_column=span[1] if span else link.end_column,
            )


def reads(document: Document) -> list[tuple[object, ...]]:
    """Each entry's month, date tags and heading, and its arXiv links where they stand
    (whether the file is dated by tags depends on the months alone)."""
    heading_links = links_on_headings(document)
    return [
        (
            entry.month,
            tuple(entry.tags),
            entry.heading.raw,
            tuple(
                (identifier, link.line, link.column, link.end_column, link.destination)
                for identifier, link in arxiv_links(entry, heading_links)
            ),
        )
        for entry in document.entries()
    ]


RULE = rule(
    check,
    "PL507",
    "arxiv-month-mismatch",
    "the arXiv id's YYMM is not the entry's month section or date tag",
    severity=Severity.WARNING,
    options={"tolerance": Option(int, 0, "months the arXiv id may differ from the entry's month")},
    reads=reads,
)
