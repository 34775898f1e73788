"""PL203 unknown-field: a label the schema does not know; suggests the nearest known one."""

from __future__ import annotations

from paperlint.rules.base import declare
from paperlint.rules.fields import USE_INSTEAD

RULE = declare(
    "PL203",
    "unknown-field",
    "a label the schema does not know; suggests the nearest known one",
    """
    ## What it does
    Reports a field label that is neither one of the schema's fields nor a known alias,
    and suggests the nearest known label ("did you mean").

    ## Why is this bad?
    A misspelt label silently creates a new kind of field that exports, searches and the
    required-field check do not see.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objectve:` c
    ```
    """
    + USE_INSTEAD
    + """
    ## Fix safety
    No fix: a guess at the intended label could be wrong; known aliases are fixed by PL205.
    """,
)
