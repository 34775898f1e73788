"""Details-block rules (PL301–PL306): ``<details>`` judged on the raw lines of each entry.

The parser finds the blocks (``Document.details``, on raw lines, code excluded); these
checks only judge them and build minimal fixes on the LF-normalised text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from paperlint.model import Details, Document
from paperlint.problem import Edit, Fix, Fixability, Violation
from paperlint.render import BULLET_RE, CONTAINERS, Rendering
from paperlint.rules.base import Context, register
from paperlint.syntax import MARKDOWN_BLOCK_RE
from paperlint.text import mask_code_spans

# The content indentation a list marker opens: `-   <details>` puts content at column 5.
_LIST_PREFIX_RE = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?")
_LIST_ITEM_RE = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_SUMMARY_END_RE = re.compile(r"</summary\s*>", re.IGNORECASE)
_HTML_START_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})")
_DETAILS_TAG_RE = re.compile(r"<(?:details|summary)\b", re.IGNORECASE)
_FENCE_RE = re.compile(r"[ \t>]*(?:```|~~~)")
# The rendered blocks whose text a stray bullet can run into.
_TEXT_HOLDERS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"})


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _content_indent(line: str, column: int) -> str:
    """Indentation of what follows a ``<details>`` tag at ``column`` of ``line``."""
    prefix = line[: column - 1]
    match = _LIST_PREFIX_RE.match(prefix)
    width = match.end() if match else 0
    if width == len(prefix):
        # Only indentation and a list marker before the tag: keep tabs, blank the marker.
        indent = _indent_of(prefix)
        return indent + " " * (width - len(indent))
    return " " * width


def _expected_indent(block: Details, document: Document, before: int) -> tuple[str, str]:
    """The indentation a block's ``</details>`` on line ``before`` should have, and why.

    That of its ``<summary>`` when the summary starts its own line; else that of the
    ``<details>`` content. The tag must stay an HTML tag where it lands, or the details
    scan (and GitHub) would not see it and the fix would never settle, so: a summary
    indented a code block's depth past the content yields to the content; a list item
    inside the block that would take the tag in as its text puts it at the item's marker;
    and where the tag would be code (right after code, or 4 columns past the text above a
    blank line) it goes at that text's indentation, or at column 1 after code.
    """
    lines = document.source.lines
    content = _content_indent(lines[block.line - 1], block.column)
    indent = content
    reason = f"its `<details>` content is at column {len(content) + 1}"
    if block.summary_line is not None and block.summary_line != block.line:
        summary = _indent_of(lines[block.summary_line - 1])
        if len(summary) + 1 == block.summary_column and len(summary) < len(content) + 4:
            indent, reason = summary, f"its `<summary>` is at column {len(summary) + 1}"
    first = (block.summary_line or block.line) + 1
    item = _item_taking(lines, first, before - 1, len(indent))
    if item is not None:
        indent = item[1]
        reason += f", but there the tag would belong to the list item of line {item[0]}"
    previous = before - 1
    while previous > block.line and not lines[previous - 1].strip():
        previous -= 1
    if _continues_code(document, previous):
        return "", reason + f", but there the tag would continue the code of line {previous}"
    above = _indent_of(lines[previous - 1])
    if previous < before - 1 and len(indent) >= len(above) + 4:
        return above, reason + f", but there the tag would be code after line {previous}"
    return indent, reason


def _item_taking(lines: list[str], first: int, last: int, width: int) -> tuple[int, str] | None:
    """The innermost list item open after line ``last`` whose content a line indented by
    ``width`` would continue: (its line, the indentation of its marker)."""
    limit = width + 1  # items indented this much or more were closed by a later line
    for number in range(last, first - 1, -1):
        line = lines[number - 1]
        indent = _indent_of(line)
        if len(indent) == len(line) or len(indent) >= limit:
            continue
        match = _LIST_ITEM_RE.match(line)
        if match and match.end() <= width:
            return number, indent
        limit = len(indent)
        if limit == 0:
            break
    return None


def _continues_code(document: Document, line: int) -> bool:
    """Whether a line right after ``line`` could still be code: ``line`` is in indented
    code, or in a fenced block that no closing fence ends there."""
    ranges = sorted(document.code_ranges)
    index = bisect.bisect_right(ranges, (line, len(document.source.lines) + 1)) - 1
    if index < 0 or not ranges[index][0] <= line <= ranges[index][1]:
        return False
    start, end = ranges[index]
    lines = document.source.lines
    opening = lines[start - 1].lstrip(" \t")
    if not opening.startswith(("```", "~~~")):
        return True
    return not (line == end > start and lines[end - 1].lstrip(" \t").startswith(opening[:3]))


def _next_heading_line(document: Document, line: int) -> int | None:
    starts = [h.line for h in document.headings]
    index = bisect.bisect_right(starts, line)
    return starts[index] if index < len(starts) else None


@register(
    "PL301",
    "details-unclosed",
    "`<details>` never closed before the next heading",
    fix=Fixability.UNSAFE,
)
def details_unclosed(ctx: Context) -> Iterator[Violation]:
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
            indent, _ = _expected_indent(block, ctx.document, block.end_line + 1)
            closings.setdefault(block.end_line, []).append(f"\n{indent}</details>")
    for block in unclosed:
        message = (
            f"`<details>` is never closed; {_what_github_shows(ctx, block)}; "
            f"add `</details>` after line {block.end_line}"
        )
        if block.end_line in fenced:
            # The block ends inside a code fence that never closes: a `</details>` there
            # would be code. The fence has to be closed first, by a person.
            yield Violation(block.line, block.column, message + " (after closing its code fence)")
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
                changes=frozenset({"details"}),
            ),
        )


def _what_github_shows(ctx: Context, block: Details) -> str:
    """Where the browser closes an unclosed block: at the end of the list item (or quote)
    it sits in, or, at the top level, at the next `</details>` or the end of the file."""
    document = ctx.document
    starts = [h.line for h in document.headings]
    index = bisect.bisect_right(starts, block.line)
    first = starts[index - 1] if index > 0 else 1
    last = starts[index] - 1 if index < len(starts) else len(ctx.lines)
    first = _top_level_start(ctx.lines, first)
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


@register(
    "PL302",
    "details-summary-missing",
    "`<details>` without `<summary>`",
    fix=Fixability.SAFE,
)
def details_summary_missing(ctx: Context) -> Iterator[Violation]:
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
        later = index + 1 < len(blocks) and blocks[index + 1].line == block.line
        prefix = lines[block.line - 1][: block.column - 1]
        inline = (match := _LIST_PREFIX_RE.match(prefix)) is None or match.end() != len(prefix)
        if later or inline or block.close_line == block.line:
            yield Violation(block.line, block.column, message)
            continue
        indent = _content_indent(lines[block.line - 1], block.column)
        at = ctx.source.line_end(block.line)
        yield Violation(
            block.line,
            block.column,
            message,
            Fix(
                (Edit(at, at, f"\n{indent}<summary>Details</summary>"),),
                description="add `<summary>Details</summary>`",
                changes=frozenset({"details"}),
            ),
        )


def _summary_end(block: Details, lines: list[str], code: set[int]) -> tuple[int, int] | None:
    """(line, column) of the ``</summary>`` of a block, looking no further than its end."""
    assert block.summary_line is not None
    last = block.close_line or block.end_line
    for number in range(block.summary_line, max(last, block.summary_line) + 1):
        if number in code:
            return None
        line = lines[number - 1]
        if "</" not in line:
            continue
        masked = mask_code_spans(line)
        start = (block.summary_column or 1) if number == block.summary_line else 1
        match = _SUMMARY_END_RE.search(masked, start - 1)
        if match:
            return number, match.start() + 1
    return None


@register(
    "PL303",
    "details-summary-blank-line",
    "no blank line after `</summary>`, so Markdown inside does not render",
    fix=Fixability.SAFE,
)
def details_summary_blank_line(ctx: Context) -> Iterator[Violation]:
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
    lines = ctx.lines
    code = ctx.document.code_lines()
    for block in ctx.document.details:
        if block.summary_line is None:
            continue
        end = _summary_end(block, lines, code)
        if end is None or end[0] >= len(lines):
            continue
        number, column = end
        following = lines[number].lstrip(" \t")
        # Blank: fine. HTML (the closing tag, an image): GitHub renders it either way.
        if not following or following.startswith("<"):
            continue
        at = ctx.source.line_end(number)
        yield Violation(
            number,
            column,
            f"no blank line after `</summary>`: GitHub shows line {number + 1} and the "
            "Markdown after it as plain text; add an empty line after this one",
            Fix(
                (Edit(at, at, "\n"),),
                description="add an empty line after `</summary>`",
                # The bullets GitHub showed as text become fields of the model.
                changes=frozenset({"fields"}),
            ),
        )


@register(
    "PL304",
    "details-close-indent",
    "`</details>` not at the indentation of its `<summary>`",
    fix=Fixability.SAFE,
)
def details_close_indent(ctx: Context) -> Iterator[Violation]:
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
        current = _indent_of(close)
        if len(current) + 1 != block.close_column:
            continue  # text before the tag on its line: nothing to re-indent
        expected, reason = _expected_indent(block, ctx.document, block.close_line)
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
        )


@register("PL305", "details-stray-close", "`</details>` with no open block")
def details_stray_close(ctx: Context) -> Iterator[Violation]:
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
        )


@register(
    "PL306",
    "html-swallows-markdown",
    "a raw HTML block runs into the following Markdown, which then renders as HTML text",
    fix=Fixability.SAFE,
)
def html_swallows_markdown(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports Markdown (bullets, headings, quotes, fences) that directly follows a raw HTML
    block such as `<p align="center">` or `<img>` with no blank line between them.

    ## Why is this bad?
    An HTML block ends only at a blank line: the bullets after it become part of the HTML
    and GitHub renders them as one run of plain text, backticks and dashes included.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c

    <p align="center">
      <img src="https://example.org/figure.png" width="450" />
    </p>
    - `Method:` d
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c

    <p align="center">
      <img src="https://example.org/figure.png" width="450" />
    </p>

    - `Method:` d
    ```

    ## Fix safety
    Safe: the fix inserts one empty line where the HTML should end; no text is changed.
    `<details>` and `<summary>` blocks are left to PL303.
    """
    lines = ctx.lines
    code = ctx.document.code_lines()
    for html in ctx.document.html_blocks:
        if html.end_line <= html.line:
            continue
        head = lines[html.line - 1].lstrip(" \t")
        start = _HTML_START_RE.match(head)
        if start is None or (start.group(2).lower() in ("details", "summary") and not start[1]):
            continue
        for number in range(html.line + 1, html.end_line + 1):
            if number in code:
                break
            raw = lines[number - 1]
            stripped = raw.lstrip(" \t")
            if _DETAILS_TAG_RE.match(stripped):
                break  # from here on the block is a details block: PL303's business
            if not MARKDOWN_BLOCK_RE.match(stripped):
                continue
            at = ctx.source.line_end(number - 1)
            yield Violation(
                number,
                len(raw) - len(stripped) + 1,
                f"the HTML block that starts on line {html.line} runs into this line, so "
                "GitHub renders it as HTML text; add an empty line before it",
                Fix(
                    (Edit(at, at, "\n"),),
                    description="end the HTML block with an empty line",
                    # The bullets GitHub showed as text become fields of the model.
                    changes=frozenset({"fields"}),
                ),
            )
            break


@register(
    "PL307",
    "content-escapes-list",
    "a line of an entry's notes renders as a code block or as plain text, not as a list",
)
def content_escapes_list(ctx: Context) -> Iterator[Violation]:
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
    fences = {first for first, _ in document.code_ranges if _FENCE_RE.match(lines[first - 1])}
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
            start = _top_level_start(lines, first)
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
            yield Violation(number, len(raw) - len(raw.lstrip(" \t")) + 1, message)


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
        )


def _swallowed_reports(ctx: Context) -> set[int]:
    """Lines where PL303 and PL306 report an HTML block that swallows Markdown."""
    found: set[int] = set()
    for rule in (details_summary_blank_line, html_swallows_markdown):
        assert rule.check is not None
        found.update(v.line for v in rule.check(ctx))
    return found


def _covered(line: int, html: dict[int, int], reported: set[int]) -> bool:
    """Whether a report of PL303/PL306 lies in the HTML block of ``line``, at or above it."""
    return any(n in reported for n in range(html[line], line + 1))


_TOP_HEADING_RE = re.compile(r"#{1,6}(?:[ \t]|$)")


def _top_level_start(lines: list[str], line: int) -> int:
    """The nearest line at or above ``line`` that renders the same cut there: a heading at
    column 1 after a blank line (an indented heading may sit in a list item)."""
    while line > 1 and not (_TOP_HEADING_RE.match(lines[line - 1]) and not lines[line - 2].strip()):
        line -= 1
    return line
