"""PL202 field-empty: a field with no value."""

from __future__ import annotations

from paperlint.rules.base import declare
from paperlint.rules.fields import USE_INSTEAD

RULE = declare(
    "PL202",
    "field-empty",
    "a field with no value",
    """
    ## What it does
    Reports a labelled bullet with nothing after the label (the schema's `minLength`).

    ## Why is this bad?
    An empty field looks filled in at a glance, so the gap is never noticed.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:`
    ```
    """
    + USE_INSTEAD
    + """
    ## Fix safety
    No fix: paperlint cannot write the missing text.
    """,
)
