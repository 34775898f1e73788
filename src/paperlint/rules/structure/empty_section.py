"""PL105 empty-section: a month or category with no entries."""

from __future__ import annotations

from paperlint.rules.base import declare

RULE = declare(
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
