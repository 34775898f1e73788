"""Details-block rules (PL301–PL306): ``<details>`` judged on the raw lines of each entry."""

from __future__ import annotations

from paperlint.problem import Fixability
from paperlint.rules.base import declare

declare(
    "PL301",
    "details-unclosed",
    "`<details>` never closed before the next heading",
    """
    ## What it does
    Reports a `<details>` block that is still open when the next heading starts.

    ## Why is this bad?
    GitHub hides everything after an unclosed `<details>` inside it: the following papers
    disappear into the previous paper's notes.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    -   <details>
        <summary>Details</summary>

        - `Method:` d
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    -   <details>
        <summary>Details</summary>

        - `Method:` d
        </details>
    ```

    ## Fix safety
    Unsafe: the fix closes the block at the end of its entry, which is usually but not
    always where the author meant it to end.
    """,
    fix=Fixability.UNSAFE,
)

declare(
    "PL302",
    "details-summary-missing",
    "`<details>` without `<summary>`",
    """
    ## What it does
    Reports a `<details>` block with no `<summary>` line.

    ## Why is this bad?
    Without a summary GitHub shows a bare "Details" triangle in some renderers and none in
    others; the list looks inconsistent.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    -   <details>

        - `Method:` d
        </details>
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    -   <details>
        <summary>Details</summary>

        - `Method:` d
        </details>
    ```

    ## Fix safety
    Safe: the fix inserts `<summary>Details</summary>` after the opening tag.
    """,
    fix=Fixability.SAFE,
)
