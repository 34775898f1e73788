"""PL601 trailing-whitespace: spaces or tabs at line end (except a Markdown hard break)."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import FixAvailability, Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.whitespace import line_scan


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports spaces and tabs at the end of a line, whitespace-only lines included. Two or
    more spaces before a line of the same paragraph are a Markdown hard break and are
    kept; code blocks are never touched.

    ## Why is this bad?
    Trailing whitespace is invisible in the editor but shows up in every diff, and a single
    stray space after a label (`` `Method:` ``) is easy to mistake for a missing value.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b\x20
    - `Objective:` c
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    Safe: the fix deletes the whitespace and nothing else; hard breaks and code are kept.
    """
    problems = line_scan(ctx.document).trailing
    yield from problems


RULE = rule(
    check,
    "PL601",
    "trailing-whitespace",
    "spaces or tabs at line end (except a Markdown hard break)",
    fix=FixAvailability.ALWAYS,
    scope="section",
)
