"""PL604 final-newline: missing, or more than one, newline at end of file."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import FixAvailability, Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.whitespace import line_scan


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a file that does not end with exactly one newline, on its last line. An empty
    file is fine.

    ## Why is this bad?
    Without a final newline, tools that append or concatenate files glue the next line to
    the last one, and Git marks the line as changed when text is added; extra newlines are
    blank lines nobody sees.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c


    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    Safe: the fix adds the missing newline or deletes the extra ones.
    """
    yield from line_scan(ctx.document).final


RULE = rule(
    check,
    "PL604",
    "final-newline",
    "missing, or more than one, newline at end of file",
    fix=FixAvailability.ALWAYS,
    scope="section",
)
