"""PL307 content-escapes-list: a line of an entry's notes renders as a code block or as plain text,
not as a list.
"""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.model import Document
from paperlint.problem import Violation
from paperlint.render import BULLET_RE, Rendering
from paperlint.rules.base import Context, line_view, rule
from paperlint.rules.details import (
    html_swallowing_violations,
    summary_blank_line_violations,
    top_level_start,
)
from paperlint.syntax import FENCE_OPEN_RE, HEADING_LINE_RE

# The rendered blocks whose text a stray bullet can run into.
_TEXT_HOLDERS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"})


def _code_blocks(lines: list[str], blocks: list[tuple[int, int]]) -> Iterator[Violation]:
    for start, end in blocks:
        closes = any("</details" in lines[n - 1].lower() for n in range(start, end + 1))
        one = start == end
        span = f"line {start} renders" if one else f"lines {start}–{end} render"
        note = " (`</details>` included, as code text)" if closes else ""
        it, they = ("it is", "it") if one else ("they are", "them")
        yield Violation(
            start,
            1,
            f"{span} as a code block{note}: {it} indented four or more columns past the "
            f"text above, after a blank line; indent {they} as the list item "
            f"{'it belongs' if one else 'they belong'} to",
            end_line=end,
            end_column=len(lines[end - 1].rstrip()) + 1,
        )


def _swallowed_reports(ctx: Context) -> set[int]:
    """Lines where PL303 and PL306 report an HTML block that swallows Markdown."""
    found = {v.line for v in summary_blank_line_violations(ctx)}
    return found | {v.line for v in html_swallowing_violations(ctx)}


def _covered(line: int, html: dict[int, int], reported: set[int]) -> bool:
    """Whether a report of PL303/PL306 lies in the HTML block of ``line``, at or above it."""
    return any(n in reported for n in range(html[line], line + 1))


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports the notes of an entry that GitHub does not show as the author wrote them: lines
    indented into a code block, and bullets that render as plain text run into a paragraph.

    ## Why is this bad?
    A line at column 1 inside a list item (a `$$` math block, a `<p>` image) ends the item.
    The bullets after it are then either four columns deeper than the text before them,
    after a blank line (a code block, with `</details>` shown as literal code), or joined to
    the paragraph above as plain text; either way they fall out of the `<details>` block
    and the export loses those fields.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    -   <details>
        <summary>Details</summary>

    <p align="center"><img src="fig.png" width="450" /></p>

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

        <p align="center"><img src="fig.png" width="450" /></p>

        - `Method:` d
        </details>
    ```

    ## Fix safety
    No fix: where the list item should go on is the author's call (indent the line that
    ends it, or fold the bullets into its text).
    """
    document = ctx.document
    lines = ctx.lines
    fences = {first for first, _ in document.code_ranges if FENCE_OPEN_RE.match(lines[first - 1])}
    indented = sorted((a, b) for a, b in document.code_ranges if a not in fences)
    code = document.code_lines()
    # Each line of an HTML block → the block's first line.
    html = {n: b.line for b in document.html_blocks for n in range(b.line, b.end_line + 1)}
    # Lines our parser knows: code, or a labelled bullet (a list item in markdown-it); an
    # item whose text is HTML (`-   <details>`) is where markdown-it starts an HTML block.
    parsed = code | {f.line for f in document.fields}
    reported: set[int] | None = None
    for entry in document.entries():
        first, last = entry.line, entry.end_line
        # A tag at column 1 right after a line of a list item: cmark-gfm starts an HTML
        # block there, which our parser (markdown-it) takes as the item's text; then every
        # bullet of the entry is a suspect.
        lazy_html = any(
            lines[n - 1].startswith("<") and lines[n - 2].strip()
            for n in range(first + 1, last + 1)
        )
        known: set[int] = set() if lazy_html else parsed
        suspects = [
            n
            for n in range(first + 1, last + 1)
            if n not in known and (lazy_html or html.get(n) != n) and BULLET_RE.match(lines[n - 1])
        ]
        if any(n in html for n in suspects):
            # Bullets inside an HTML block that PL303 or PL306 reports are theirs.
            reported = reported if reported is not None else _swallowed_reports(ctx)
            suspects = [n for n in suspects if n not in html or not _covered(n, html, reported)]
        rendering = None
        blocks = [(a, b) for a, b in indented if a <= last and b >= first]
        if suspects or lazy_html:
            start = top_level_start(lines, first)
            rendering = Rendering("\n".join(lines[start - 1 : last]), start)
            blocks = [(a, b) for a, b in rendering.indented_code() if b >= first]
        yield from _code_blocks(lines, blocks)
        if rendering is None:
            continue
        stray = rendering.stray_bullets()
        for number in suspects:
            if stray.get(number) != "text":
                continue
            holder = rendering.innermost(number, 1, _TEXT_HOLDERS)
            raw = lines[number - 1]
            if holder is None:
                message = (
                    "this bullet appears as plain text: GitHub takes it into the raw HTML "
                    "block above it, not as a list item; end that HTML with an empty line"
                )
            else:
                where = "the paragraph" if holder.tag == "p" else "the text of the list item"
                message = (
                    f"this bullet appears as plain text: GitHub joins it to {where} that "
                    f"starts on line {holder.line}, not as a list item; indent it as the list "
                    "it belongs to, or end the paragraph with an empty line"
                )
            column = len(raw) - len(raw.lstrip(" \t")) + 1
            yield Violation(number, column, message, None, number, len(raw.rstrip()) + 1)


def reads(document: Document) -> tuple[object, ...]:
    """The lines looked at, but of a labelled bullet only where it stands: a field's text is
    read only where an entry's notes are rendered (a suspect bullet, or HTML at column 1),
    or where an entry after the lines renders from them (a non-blank line before it)."""
    lines = document.source.lines
    first, last = line_view(document)
    fields = {f.line for f in document.fields}
    html = {n for b in document.html_blocks for n in range(b.line, b.end_line + 1)}
    starts = {b.line for b in document.html_blocks}
    code = document.code_lines()
    # An entry after the lines renders from a line above its own unless it starts with a
    # heading after a blank line (``top_level_start``).
    after = lines[last - 1]
    rendered = bool(after.strip()) and not (
        HEADING_LINE_RE.match(after) and last > first and not lines[last - 2].strip()
    )
    for entry in document.entries():
        for n in range(entry.line + 1, entry.end_line + 1):
            raw = lines[n - 1]
            if (raw.startswith("<") and lines[n - 2].strip()) or (
                n not in fields and n not in code and n not in starts and BULLET_RE.match(raw)
            ):
                rendered = True
    kept = [
        lines[n - 1] if rendered or n not in fields or n in html else None
        for n in range(first, last + 1)
    ]
    return (
        [(e.line, e.end_line) for e in document.entries()],
        document.code_ranges,
        [(b.line, b.end_line) for b in document.html_blocks],
        kept,
    )


RULE = rule(
    check,
    "PL307",
    "content-escapes-list",
    "a line of an entry's notes renders as a code block or as plain text, not as a list",
    reads=reads,
)
