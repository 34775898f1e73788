"""PL102 month-heading-invalid: a heading at month level is not a valid YYYYMM month."""

from __future__ import annotations

from paperlint.rules.base import declare

RULE = declare(
    "PL102",
    "month-heading-invalid",
    "a heading at month level is not a valid YYYYMM month",
    """
    ## What it does
    Checks that every heading at the month level of the list is a month written as
    `YYYYMM` (reported by the schema's `month` pattern).

    ## Why is this bad?
    Month sections are how readers and tools find papers by date; `2024-4` or `April`
    sorts wrongly and cannot be compared with an arXiv id's month.

    ## Example
    ```markdown
    ## 2024-4
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    Use instead:
    ```markdown
    ## 202404
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    No fix: only the author knows which month was meant.
    """,
)
