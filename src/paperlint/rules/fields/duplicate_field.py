"""PL204 duplicate-field: the same label twice in one entry."""

from __future__ import annotations

from paperlint.rules.base import declare
from paperlint.rules.fields import USE_INSTEAD

RULE = declare(
    "PL204",
    "duplicate-field",
    "the same label twice in one entry",
    """
    ## What it does
    Reports a label used a second time in the same entry (or details block).

    ## Why is this bad?
    Only the first value survives in exports and the schema check; the second is lost
    to every tool that reads the list.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    - `Objective:` d
    ```
    """
    + USE_INSTEAD
    + """
    ## Fix safety
    No fix: merging two values is the author's decision.
    """,
)
