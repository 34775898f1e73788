"""PL302 details-summary-missing: `<details>` without `<summary>`."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Change, Edit, Fix, FixAvailability, Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.details import LIST_PREFIX_RE, content_indent, tag_end


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a `<details>` block with no `<summary>`.

    ## Why is this bad?
    Without a summary each renderer invents its own label ("Details", or nothing at all), and
    the list looks inconsistent; the schema also requires the summary.

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
    Safe: the fix inserts `<summary>Details</summary>` on the line after the opening tag,
    at the indentation of the block's content; no text is changed.
    """
    lines = ctx.lines
    blocks = ctx.document.details
    for index, block in enumerate(blocks):
        if block.summary_line is not None:
            continue
        message = "`<details>` has no `<summary>`; add `<summary>Details</summary>` after it"
        # A summary on the next line belongs to the innermost block open at the end of this
        # line: no fix when that is another block (the fix would never settle).
        # Nor when text stands before the tag: the summary line would join that text.
        end = tag_end(lines, block.line, block.column)
        later = index + 1 < len(blocks) and blocks[index + 1].line == block.line
        prefix = lines[block.line - 1][: block.column - 1]
        inline = (match := LIST_PREFIX_RE.match(prefix)) is None or match.end() != len(prefix)
        if later or inline or block.close_line == block.line:
            yield Violation(block.line, block.column, message, None, block.line, end)
            continue
        indent = content_indent(lines[block.line - 1], block.column)
        at = ctx.source.line_end(block.line)
        yield Violation(
            block.line,
            block.column,
            message,
            Fix(
                (Edit(at, at, f"\n{indent}<summary>Details</summary>"),),
                description="add `<summary>Details</summary>`",
                changes=frozenset({Change.DETAILS}),
            ),
            block.line,
            end,
        )


RULE = rule(
    check,
    "PL302",
    "details-summary-missing",
    "`<details>` without `<summary>`",
    fix=FixAvailability.SOMETIMES,
    scope="section",
)
