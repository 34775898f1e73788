"""PL206 schema-violation: any other schema error, with its JSON path."""

from __future__ import annotations

from paperlint.rules.base import declare
from paperlint.rules.fields import USE_INSTEAD

RULE = declare(
    "PL206",
    "schema-violation",
    "any other schema error, with its JSON path",
    """
    ## What it does
    Reports every schema error that carries no `x-rule` code of its own, with the JSON
    path of the offending value (see `paperlint export`).

    ## Why is this bad?
    The schema is the list's contract; anything it rejects is something the maintainers
    decided is wrong.

    ## Example
    ```markdown
    ####
    - `Keypoints:` a; b
    - `Objective:` c
    ```
    """
    + USE_INSTEAD
    + """
    ## Fix safety
    No fix.
    """,
)
