"""PL304 details-close-indent: `</details>` not at the indentation of its `<summary>`."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Edit, Fix, FixAvailability, Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.details import expected_indent, indent_of, tag_end


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a `</details>` that does not start at the column of its block's `<summary>`
    (or, without a summary on its own line, of the `<details>` content).

    ## Why is this bad?
    A closing tag at column 1 ends the list the block sits in, so the next bullets start a
    new list; the misaligned tag also makes it hard to see which block it closes.

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
    Safe: the fix changes only the indentation before `</details>`.
    """
    lines = ctx.lines
    for block in ctx.document.details:
        if block.close_line is None or block.close_column is None:
            continue
        if block.close_line in (block.line, block.summary_line):
            continue
        close = lines[block.close_line - 1]
        current = indent_of(close)
        if len(current) + 1 != block.close_column:
            continue  # text before the tag on its line: nothing to re-indent
        expected, reason = expected_indent(block, ctx.document, block.close_line)
        if current == expected:
            continue
        start = ctx.source.offset(block.close_line)
        yield Violation(
            block.close_line,
            block.close_column,
            f"`</details>` at column {block.close_column}; {reason} — indent it to match",
            Fix(
                (Edit(start, start + len(current), expected),),
                description=f"indent `</details>` to column {len(expected) + 1}",
            ),
            block.close_line,
            tag_end(lines, block.close_line, block.close_column),
        )


RULE = rule(
    check,
    "PL304",
    "details-close-indent",
    "`</details>` not at the indentation of its `<summary>`",
    fix=FixAvailability.ALWAYS,
    scope="section",
)
