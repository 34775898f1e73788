"""PL301 details-unclosed: `<details>` never closed before the next heading."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from paperlint.model import Details, Document
from paperlint.problem import Change, Edit, Fix, FixAvailability, Violation
from paperlint.render import CONTAINERS, Rendering
from paperlint.rules.base import Context, rule
from paperlint.rules.details import details_reads, expected_indent, tag_end, top_level_start


def _next_heading_line(document: Document, line: int) -> int | None:
    starts = [h.line for h in document.headings]
    index = bisect.bisect_right(starts, line)
    return starts[index] if index < len(starts) else None


def _what_github_shows(ctx: Context, block: Details) -> str:
    """Where the browser closes an unclosed block: at the end of the list item (or quote)
    it sits in, or, at the top level, at the next `</details>` or the end of the file."""
    document = ctx.document
    starts = [h.line for h in document.headings]
    index = bisect.bisect_right(starts, block.line)
    first = starts[index - 1] if index > 0 else 1
    last = starts[index] - 1 if index < len(starts) else len(ctx.lines)
    first = top_level_start(ctx.lines, first)
    rendering = Rendering("\n".join(ctx.lines[first - 1 : last]), first)
    container = rendering.innermost(block.line, block.column, CONTAINERS)
    if container is not None:
        end = _last_non_blank(ctx.lines, container.line, min(container.end_line, last))
        what = "list item" if container.tag == "li" else "block quote"
        return f"the {what} closes it at line {end}, so GitHub shows the block up to there"
    close = next(((n, c) for n, c in document.stray_closes if n > block.end_line), None)
    heading = _next_heading_line(document, block.line)
    until = f"the `</details>` on line {close[0]}" if close else "the end of the file"
    hidden = ""
    if heading is not None and (close is None or heading < close[0]):
        hidden = f", the heading on line {heading} and all after it included"
    return f"GitHub hides everything after it inside it, up to {until}{hidden}"


def _last_non_blank(lines: list[str], first: int, last: int) -> int:
    for number in range(last, first, -1):
        if lines[number - 1].strip():
            return number
    return first


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a `<details>` block that is still open when the next heading starts, and says
    what GitHub shows instead.

    ## Why is this bad?
    A browser closes the block where it can. In a list item (the usual `-   <details>`)
    the end of the item closes it, so the notes after that line fall out of the block; at
    the top level nothing closes it, and GitHub hides everything after it inside it: the
    following papers disappear into the previous paper's notes.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    -   <details>
        <summary>Details</summary>

        - `Method:` d

    #### Another Paper
    - `Keypoints:` e
    - `Objective:` f
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

    #### Another Paper
    - `Keypoints:` e
    - `Objective:` f
    ```

    ## Fix safety
    Unsafe: the fix inserts `</details>`, at the indentation of the `<summary>`, right after
    the last non-blank line before the next heading. That is usually, but not always, where
    the author meant the block to end.
    """
    source = ctx.source
    fenced = {
        number
        for first, last in ctx.document.code_ranges
        if ctx.lines[first - 1].lstrip().startswith(("```", "~~~"))
        for number in range(first, last + 1)
    }
    unclosed = [block for block in ctx.document.details if not block.closed]
    # Blocks that end on one line are closed by one edit, innermost first: separate
    # insertions at one offset would clash and take a pass each.
    closings: dict[int, list[str]] = {}
    for block in reversed(unclosed):
        if block.end_line not in fenced:
            indent, _ = expected_indent(block, ctx.document, block.end_line + 1)
            closings.setdefault(block.end_line, []).append(f"\n{indent}</details>")
    for block in unclosed:
        message = (
            f"`<details>` is never closed; {_what_github_shows(ctx, block)}; "
            f"add `</details>` after line {block.end_line}"
        )
        if block.end_line in fenced:
            # The block ends inside a code fence that never closes: a `</details>` there
            # would be code. The fence has to be closed first, by a person.
            end = tag_end(ctx.lines, block.line, block.column)
            message += " (after closing its code fence)"
            yield Violation(block.line, block.column, message, None, block.line, end)
            continue
        at = source.line_end(block.end_line)
        yield Violation(
            block.line,
            block.column,
            message,
            Fix(
                (Edit(at, at, "".join(closings[block.end_line])),),
                safe=False,
                description=f"close the `<details>` of line {block.line}",
                changes=frozenset({Change.DETAILS}),
                reason="the block may have been meant to end elsewhere",
            ),
            block.line,
            tag_end(ctx.lines, block.line, block.column),
        )


RULE = rule(
    check,
    "PL301",
    "details-unclosed",
    "`<details>` never closed before the next heading",
    fix=FixAvailability.SOMETIMES,
    reads=details_reads,
)
