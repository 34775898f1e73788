"""PL207 entry-empty: an entry heading with no fields at all."""

from __future__ import annotations

from paperlint.rules.base import declare
from paperlint.rules.fields import USE_INSTEAD

RULE = declare(
    "PL207",
    "entry-empty",
    "an entry heading with no fields at all",
    """
    ## What it does
    Reports an entry heading with no labelled bullet under it.

    ## Why is this bad?
    A bare title is a placeholder that was never filled in.

    ## Example
    ```markdown
    #### A Paper
    #### Another Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```
    """
    + USE_INSTEAD
    + """
    ## Fix safety
    No fix: paperlint cannot write the missing text.
    """,
)
