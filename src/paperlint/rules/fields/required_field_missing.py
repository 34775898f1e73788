"""PL201 required-field-missing: an entry lacks a field the schema requires (default: Keypoints,
Objective).
"""

from __future__ import annotations

from paperlint.rules.base import declare
from paperlint.rules.fields import USE_INSTEAD

RULE = declare(
    "PL201",
    "required-field-missing",
    "an entry lacks a field the schema requires (default: Keypoints, Objective)",
    """
    ## What it does
    Reports an entry without a field that the schema's `required` lists; by default
    every entry needs `Keypoints` and `Objective`.

    ## Why is this bad?
    A reading list is only useful when every paper answers the same questions; an entry
    without an objective forces readers to open the paper.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    ```
    """
    + USE_INSTEAD
    + """
    ## Fix safety
    No fix: paperlint cannot write the missing text.
    """,
)
