"""Structure rules (PL101–PL107): months, categories, entries and their headings."""

from __future__ import annotations

from paperlint.rules.base import declare

declare(
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

declare(
    "PL105",
    "empty-section",
    "a month or category with no entries",
    """
    ## What it does
    Reports a month or category heading with no entry under it (the schema's `minItems`).

    ## Why is this bad?
    An empty section is usually a paper that was never added, or one filed under the
    wrong heading; readers following the table of contents find nothing there.

    ## Example
    ```markdown
    ## 202404
    ### LLM
    ### Diffusion
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    Use instead:
    ```markdown
    ## 202404
    ### Diffusion
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    No fix: removing a heading is the author's decision.
    """,
)
