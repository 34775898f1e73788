"""PL303 details-summary-blank-line: no blank line after `</summary>`, so Markdown inside does not
render.
"""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import FixAvailability, Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.details import details_reads, summary_blank_line_violations


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a `</summary>` followed directly by Markdown, with no blank line between them.

    ## Why is this bad?
    GitHub ends the HTML block only at a blank line: the bullets right after `</summary>`
    become part of the HTML and render as one run of plain text, backticks and dashes
    included.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    -   <details>
        <summary>Details</summary>
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
    Safe: the fix inserts one empty line after `</summary>`; no text is changed.
    """
    yield from summary_blank_line_violations(ctx)


RULE = rule(
    check,
    "PL303",
    "details-summary-blank-line",
    "no blank line after `</summary>`, so Markdown inside does not render",
    fix=FixAvailability.ALWAYS,
    reads=details_reads,
)
