"""PL602 blank-lines: more than one blank line (or whitespace-only line) in a row."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import FixAvailability, Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.whitespace import line_scan


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports runs of more than one blank (or whitespace-only) line, at the first extra line
    of each run. Blank lines inside code and HTML blocks are content and are not counted;
    extra blank lines at the end of the file are PL604's.

    ## Why is this bad?
    Markdown renders one blank line and ten alike, so the extra ones only make the file
    longer and its diffs noisier.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c


    #### Another Paper
    - `Keypoints:` d
    - `Objective:` e
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c

    #### Another Paper
    - `Keypoints:` d
    - `Objective:` e
    ```

    ## Fix safety
    Safe: the fix deletes the extra lines of the run and keeps the first one.
    """
    yield from line_scan(ctx.document).blank


RULE = rule(
    check,
    "PL602",
    "blank-lines",
    "more than one blank line (or whitespace-only line) in a row",
    fix=FixAvailability.ALWAYS,
    scope="section",
)
