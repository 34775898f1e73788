"""PL305 details-stray-close: `</details>` with no open block."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.details import tag_end


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a `</details>` that closes no `<details>` opened before it in the same section.

    ## Why is this bad?
    A stray closing tag usually means the opening tag was deleted or sits under another
    heading; GitHub may then close an outer element early and break the page layout.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
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
    No fix: whether to delete the tag or restore its `<details>` is the author's call.
    """
    for line, column in ctx.document.stray_closes:
        yield Violation(
            line,
            column,
            "`</details>` closes no open `<details>` in this section; remove it or add the "
            "missing `<details>`",
            end_line=line,
            end_column=tag_end(ctx.lines, line, column),
        )


RULE = rule(
    check,
    "PL305",
    "details-stray-close",
    "`</details>` with no open block",
)
