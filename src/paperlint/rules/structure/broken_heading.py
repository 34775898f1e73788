"""PL107 broken-heading: `#Title` (no space after the hashes) or a heading with metadata
inside it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from paperlint.problem import Change, Edit, Fix, FixAvailability, Violation
from paperlint.rules.base import Context, line_view, rule
from paperlint.source import Source
from paperlint.syntax import ATX_HEADING_RE

# `#Title`: one to six `#` glued to text (CommonMark reads it as a paragraph). A seventh `#`
# or a space after the hashes is something else, so both are excluded.
_GLUED_HEADING_RE = re.compile(r"(#{1,6})(?=[^#\s])")


# One metadata token at the end of a title: `[tag]`, [tag], [text](url), \[ or \], blanks.
_META_TOKEN_RE = re.compile(
    r"(?P<meta>`\[[^`\n]{0,80}\]`"
    r"|\[[^\[\]\n]{0,200}\]\([^()\n]{0,2000}\)"
    r"|\[[^\[\]\n]{0,80}\](?!\()"
    r"|\\[\[\]]"
    r"|[ \t]+)"
    r"|(?P<text>[^`\\\[ \t]+|.)"
)


# What every metadata token but blanks starts with.
_META_START_RE = re.compile(r"[`\[\\]")

_CLOSING_SEQUENCE_RE = re.compile(r"[ \t]#+[ \t]*$")


def _glued_hashes(
    source: Source, skip: set[int], first: int, last: int
) -> Iterator[tuple[int, int]]:
    """(line, number of `#`) of each `#Title` among lines ``first``..``last`` that stands
    where a heading could.

    Only at column 1 right after a blank line, a heading or the start of the file (or of
    the lines looked at): there it cannot be a paragraph's continuation or a list item's
    text, so adding the space makes exactly the heading the author meant. The lines that
    start with `#` are found by searching the text: they are few.
    """
    lines = source.lines
    if first > last:
        return
    text, starts = source.text, source.line_starts
    candidates = [first] if lines[first - 1].startswith("#") else []
    end = source.line_end(last)
    at = text.find("\n#", starts[first - 1], end)
    while at >= 0:
        candidates.append(bisect.bisect_right(starts, at + 1))
        at = text.find("\n#", at + 2, end)
    for number in candidates:
        if number in skip:
            continue
        match = _GLUED_HEADING_RE.match(lines[number - 1])
        if match is None:
            continue
        previous = lines[number - 2] if number > first else ""
        if not previous.strip() or ATX_HEADING_RE.match(previous) is not None:
            yield number, len(match.group(1))


def _metadata_start(raw: str, start: int, end: int) -> int | None:
    """Index in ``raw`` where a trailing run of tags and links begins, after some title text."""
    if _META_START_RE.search(raw, start, end) is None:  # most titles: no token to look at
        return None
    run: int | None = None
    text_seen = False
    for match in _META_TOKEN_RE.finditer(raw, start, end):
        if match.group("text") is not None:
            text_seen = True
            run = None
        elif run is None and text_seen and not match.group("meta").isspace():
            run = match.start()
    return run


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports two ways a heading gets broken:

    - `#Title`: hashes glued to the text. CommonMark (and GitHub) render this as a plain
      paragraph, so the paper or section silently disappears from the outline. Only lines
      that stand where a heading could (after a blank line or another heading, outside
      code, HTML and lists) are reported, so `#hashtags` inside prose are left alone.
    - An entry heading that ends with metadata — tags such as `` `[2024.05]` `` or
      `[DiT]`, or links such as `\\[[paper](https://…)\\]` — instead of carrying it on the
      line below. The metadata becomes part of the title: in exports, in duplicate
      detection and in the heading's anchor.

    ## Why is this bad?
    A broken heading hides a paper from the structure (`#Title`) or gives it a title that
    no one can link to or search for (metadata in the heading).

    ## Example
    ```markdown
    ## 202404
    ###LLM
    #### A Paper `[2024.04]` \\[[paper](https://arxiv.org/abs/2404.00001)\\]
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    Use instead:
    ```markdown
    ## 202404
    ### LLM
    #### A Paper
    `[2024.04]` \\[[paper](https://arxiv.org/abs/2404.00001)\\]
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    `#Title`: safe — a space is inserted after the hashes. The fix turns a paragraph into
    the heading the author meant, so the list's tree changes by design (declared as
    `structure`).

    Metadata in a heading: unsafe — the metadata is moved to its own line below the
    heading, which changes the entry's title, tags and links (declared as `title`, `tags`,
    `links`, `arxiv`). Offered only for an ATX heading without closing hashes whose
    metadata is a trailing run. Tags before or in the middle of a title are not reported:
    brackets there are too often part of the title itself.
    """
    document = ctx.document
    source = ctx.source
    skip = document.code_lines()
    for block in document.html_blocks:
        skip.update(range(block.line, block.end_line + 1))
    for number, hashes in _glued_hashes(source, skip, *line_view(document)):
        at = source.offset(number, 1 + hashes)
        marks = "#" * hashes
        yield Violation(
            number,
            1,
            f"`{marks}` glued to its text is not a heading; put a space after `{marks}`",
            Fix(
                (Edit(at, at, " "),),
                safe=True,
                description=f"insert a space after `{marks}`",
                changes=frozenset({Change.STRUCTURE}),
                reason="the heading the author meant; no text changes",
            ),
            number,
            len(ctx.lines[number - 1].rstrip()) + 1,
        )
    for heading in document.headings:
        if heading.kind != "entry":
            continue
        raw = heading.raw
        stripped = raw.lstrip(" ")
        atx = stripped.startswith("#")
        start = len(raw) - len(stripped)
        if atx:
            start += len(stripped) - len(stripped.lstrip("#"))
        closing = _CLOSING_SEQUENCE_RE.search(raw) if atx else None
        found = _metadata_start(raw, start, closing.start() if closing else len(raw))
        if found is None:
            continue
        fix: Fix | None = None
        if atx and closing is None:
            title_end = len(raw[:found].rstrip(" \t"))
            fix = Fix(
                (
                    Edit(
                        source.offset(heading.line, title_end + 1),
                        source.offset(heading.line, found + 1),
                        "\n",
                    ),
                ),
                safe=False,
                description="move the metadata to its own line below the heading",
                changes=frozenset({Change.TITLE, Change.TAGS, Change.LINKS, Change.ARXIV}),
                reason="the entry's title changes: part of it may have been meant",
            )
        yield Violation(
            heading.line,
            found + 1,
            "tags or links inside the entry heading become part of the title; put them on "
            "the line below the heading",
            fix,
            heading.line,
            len(raw[: closing.start() if closing else len(raw)].rstrip()) + 1,
        )


RULE = rule(
    check,
    "PL107",
    "broken-heading",
    "`#Title` (no space after the hashes) or a heading with metadata inside it",
    fix=FixAvailability.SOMETIMES,
    scope="section",
)
