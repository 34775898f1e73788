"""PL106 layout-break: an entry heading at another level than the file's entries, or field bullets
under a non-entry heading.
"""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.structure import heading_column


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports field bullets that do not belong to an entry of the file's layout: bullets
    right under a heading at another level than the entries (a paper written as `#####`
    in a list of `####` papers, or fields under a category heading), and field bullets
    before the first heading.

    ## Why is this bad?
    paperlint, exports and the schema see such a paper as part of the entry above it (or
    not at all): its fields are lost or reported as duplicates, and it is missing from
    the month and category it was meant for.

    ## Example
    ```markdown
    ## 202404
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ##### Another Paper
    - `Keypoints:` d; e
    - `Objective:` f
    #### A Third Paper
    - `Keypoints:` g; h
    - `Objective:` i
    ```

    Use instead:
    ```markdown
    ## 202404
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    #### Another Paper
    - `Keypoints:` d; e
    - `Objective:` f
    #### A Third Paper
    - `Keypoints:` g; h
    - `Objective:` i
    ```

    ## Fix safety
    No fix: the right level depends on what the heading is meant to be.
    """
    document = ctx.document
    entry_level = document.layout.entry
    if entry_level is None:
        return
    marks = "#" * entry_level
    for heading in document.headings:
        if not heading.has_fields or heading.kind == "entry":
            continue
        if heading.kind in ("month", "category"):
            message = (
                f"field bullets right under the {heading.kind} heading '{heading.text}'; "
                f"this file's entries are h{entry_level} — add the paper's `{marks} Title` "
                "heading above them"
            )
        else:
            message = (
                f"heading '{heading.text}' (h{heading.level}) has field bullets but this "
                f"file's entries are h{entry_level}: write it as `{marks} {heading.text}` "
                "if it is a paper"
            )
        yield Violation(
            heading.line,
            heading_column(heading),
            message,
            end_line=heading.line,
            end_column=heading.end_column,
        )
    first_heading = document.headings[0].line if document.headings else None
    for item in document.fields:
        if first_heading is not None and item.line >= first_heading:
            break
        yield Violation(
            item.line,
            item.column,
            f"field bullet `{item.written}` before the first heading belongs to no entry; "
            f"put it under a `{marks} Title` heading",
            end_line=item.line,
            end_column=item.markup_end,
        )


RULE = rule(
    check,
    "PL106",
    "layout-break",
    "an entry heading at another level than the file's entries, or field bullets under a "
    "non-entry heading",
)
