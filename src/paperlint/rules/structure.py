"""Structure rules (PL101–PL107): months, categories, entries and their headings."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from paperlint.model import Heading
from paperlint.problem import Edit, Fix, Fixability, Violation
from paperlint.rules.base import Context, declare, register
from paperlint.syntax import ATX_HEADING_RE, MONTH_RE

declare(
    "PL102",
    "month-heading-invalid",
    "a heading at month level is not a valid YYYYMM month",
    """
    ## What it does
    Checks that every heading at the month level of the list is a month written as
    `YYYYMM` (reported by the schema's `month` pattern).

    ## Why is this bad?
    Month sections are how readers and tools find papers by date; `2024-4` or `April`
    sorts wrongly and cannot be compared with an arXiv id's month.

    ## Example
    ```markdown
    ## 2024-4
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    Use instead:
    ```markdown
    ## 202404
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    No fix: only the author knows which month was meant.
    """,
)

declare(
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


# -- checks ------------------------------------------------------------------------------

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
_CLOSING_SEQUENCE_RE = re.compile(r"[ \t]#+[ \t]*$")


def _heading_column(heading: Heading) -> int:
    """1-based column of the heading's first `#` (or first character for setext headings)."""
    raw = heading.raw
    return len(raw) - len(raw.lstrip(" ")) + 1


@register(
    "PL101",
    "heading-level-skip",
    "a heading jumps more than one level deeper than the heading before it (h1 → h3)",
)
def heading_level_skip(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a heading more than one level deeper than the heading before it, such as an
    `###` right after a `#`. Every layout is judged alike: a topic list that puts its
    categories at h1 and its papers at h3 (`# Controllable Generation` → `### Title`) skips
    h2 just as a list whose title is h1 and whose categories are h3 does, so the first
    paper under each category is reported.

    ## Why is this bad?
    Skipped levels break the document outline: the table of contents GitHub builds, screen
    readers and paperlint's own layout inference all read levels as nesting, so a skipped
    level usually means a heading was written at the wrong level.

    ## Example
    ```markdown
    # PaperList
    ### 202404
    #### LLM
    ##### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    No fix: whether to promote the heading or to add the missing level is the author's call.
    """
    previous: Heading | None = None
    for heading in ctx.document.headings:
        if previous is not None and heading.level > previous.level + 1:
            wanted = "#" * (previous.level + 1)
            yield Violation(
                heading.line,
                _heading_column(heading),
                f"heading level jumps from h{previous.level} (line {previous.line}) to "
                f"h{heading.level}; write it as `{wanted} …` or add the missing level",
            )
        previous = heading


@register(
    "PL103",
    "months-out-of-order",
    "months not in the configured order (default newest first)",
)
def months_out_of_order(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Checks that month sections follow the configured `month-order`: `desc` (the default,
    newest first), `asc` (oldest first) or `any` (not checked). Each month is compared with
    the valid month above it; malformed months are PL102's business and are skipped.

    ## Why is this bad?
    Readers scan a list from the top expecting the newest (or oldest) papers there; a month
    out of place hides its papers and usually means a section was pasted in the wrong spot.

    ## Example
    ```markdown
    ## 202404
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ## 202405
    ### LLM
    #### Another Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    Use instead:
    ```markdown
    ## 202405
    ### LLM
    #### Another Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ## 202404
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    No fix: moving whole sections is left to the author.
    """
    order = getattr(ctx.settings, "month_order", "desc") or "desc"
    if order not in ("desc", "asc"):
        return
    months = [
        (int(month.month), month.heading)
        for month in ctx.document.months
        if month.heading is not None and month.month and MONTH_RE.fullmatch(month.month)
    ]
    keys = [value if order == "asc" else -value for value, _ in months]
    kept = _longest_ordered(keys)
    first = "newest" if order == "desc" else "oldest"
    kept_indices = sorted(kept)
    for index, (value, heading) in enumerate(months):
        if index in kept:
            continue
        # Where it belongs: after the last month in order that must precede it.
        before = [k for k in kept_indices if keys[k] <= keys[index]]
        if before:
            target_value, target = months[before[-1]]
            where = f"move it below {target_value} (line {target.line})"
        else:
            target_value, target = months[kept_indices[0]]
            where = f"move it above {target_value} (line {target.line})"
        yield Violation(
            heading.line,
            _heading_column(heading),
            f"month {value} is out of order: months go {first} first "
            f'(month-order = "{order}"); {where}',
        )


def _longest_ordered(keys: list[int]) -> set[int]:
    """Indices of a longest non-decreasing subsequence: the months that stay in place.

    Reporting only the others names the fewest sections to move (one pasted month, not
    every month after it); among equally short answers the later months are the ones
    reported. Patience sorting over the reversed sequence, O(n log n).
    """
    count = len(keys)
    kept = _longest_non_decreasing([-key for key in reversed(keys)])
    return {count - 1 - index for index in kept}


def _longest_non_decreasing(keys: list[int]) -> set[int]:
    tails: list[int] = []  # index of the smallest tail of each subsequence length
    tail_keys: list[int] = []
    parent: list[int] = [-1] * len(keys)
    for index, key in enumerate(keys):
        length = bisect.bisect_right(tail_keys, key)
        if length > 0:
            parent[index] = tails[length - 1]
        if length == len(tails):
            tails.append(index)
            tail_keys.append(key)
        else:
            tails[length] = index
            tail_keys[length] = key
    kept: set[int] = set()
    cursor = tails[-1] if tails else -1
    while cursor >= 0:
        kept.add(cursor)
        cursor = parent[cursor]
    return kept


def _section_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@register(
    "PL104",
    "duplicate-section",
    "the same month, or the same category within a month, twice",
)
def duplicate_section(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a month heading that appears a second time, and a category heading that
    appears a second time within one month (names compared ignoring case and spacing).
    The message names the first place.

    ## Why is this bad?
    Two sections with the same name split one topic in two: readers find half of the papers,
    exports show two categories, and the table of contents links only to the first.

    ## Example
    ```markdown
    ## 202407
    ### Diffusion
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ### Diffusion
    #### Another Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    Use instead:
    ```markdown
    ## 202407
    ### Diffusion
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    #### Another Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    No fix: merging sections moves papers, which the author should review.
    """
    seen_months: dict[str, Heading] = {}
    for month in ctx.document.months:
        heading = month.heading
        if heading is not None and month.month is not None:
            # The heading as written: several day headings may share one month.
            first = seen_months.setdefault(_section_key(heading.text), heading)
            if first is not heading:
                yield Violation(
                    heading.line,
                    _heading_column(heading),
                    f"month {heading.text} appears twice (also at line {first.line}); "
                    "merge the two sections",
                )
        seen_categories: dict[str, Heading] = {}
        for category in month.categories:
            head = category.heading
            if head is None or category.name is None:
                continue
            first = seen_categories.setdefault(_section_key(category.name), head)
            if first is not head:
                where = f" in month {month.month}" if month.month else ""
                yield Violation(
                    head.line,
                    _heading_column(head),
                    f"category '{category.name}' appears twice{where} (also at line "
                    f"{first.line}); merge the two sections",
                )


@register(
    "PL106",
    "layout-break",
    "an entry heading at another level than the file's entries, or field bullets under a "
    "non-entry heading",
)
def layout_break(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports field bullets that do not belong to an entry of the file's layout: bullets
    right under a heading at another level than the entries (a paper written as `#####`
    in a list of `####` papers, or fields under a category heading), and field bullets
    before the first heading.

    ## Why is this bad?
    paperlint, exports and the schema see such a paper as part of the entry above it (or
    not at all): its fields are lost or reported as duplicates, and it is missing from
    the month and category it was meant for.

    ## Example
    ```markdown
    ## 202404
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ##### Another Paper
    - `Keypoints:` d; e
    - `Objective:` f
    #### A Third Paper
    - `Keypoints:` g; h
    - `Objective:` i
    ```

    Use instead:
    ```markdown
    ## 202404
    ### LLM
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    #### Another Paper
    - `Keypoints:` d; e
    - `Objective:` f
    #### A Third Paper
    - `Keypoints:` g; h
    - `Objective:` i
    ```

    ## Fix safety
    No fix: the right level depends on what the heading is meant to be.
    """
    document = ctx.document
    entry_level = document.layout.entry
    if entry_level is None:
        return
    marks = "#" * entry_level
    for heading in document.headings:
        if not heading.has_fields or heading.kind == "entry":
            continue
        if heading.kind in ("month", "category"):
            message = (
                f"field bullets right under the {heading.kind} heading '{heading.text}'; "
                f"this file's entries are h{entry_level} — add the paper's `{marks} Title` "
                "heading above them"
            )
        else:
            message = (
                f"heading '{heading.text}' (h{heading.level}) has field bullets but this "
                f"file's entries are h{entry_level}: write it as `{marks} {heading.text}` "
                "if it is a paper"
            )
        yield Violation(heading.line, _heading_column(heading), message)
    first_heading = document.headings[0].line if document.headings else None
    for item in document.fields:
        if first_heading is not None and item.line >= first_heading:
            break
        yield Violation(
            item.line,
            item.column,
            f"field bullet `{item.written}` before the first heading belongs to no entry; "
            f"put it under a `{marks} Title` heading",
        )


def _glued_hashes(lines: list[str], skip: set[int]) -> Iterator[tuple[int, int]]:
    """(line, number of `#`) of each `#Title` that stands where a heading could.

    Only at column 1 right after a blank line, a heading or the start of the file: there
    it cannot be a paragraph's continuation or a list item's text, so adding the space
    makes exactly the heading the author meant.
    """
    previous_blank = True
    for index, raw in enumerate(lines):
        number = index + 1
        if previous_blank and raw.startswith("#") and number not in skip:
            match = _GLUED_HEADING_RE.match(raw)
            if match is not None:
                yield number, len(match.group(1))
        previous_blank = not raw.strip() or ATX_HEADING_RE.match(raw) is not None


def _metadata_start(raw: str, start: int, end: int) -> int | None:
    """Index in ``raw`` where a trailing run of tags and links begins, after some title text."""
    run: int | None = None
    text_seen = False
    for match in _META_TOKEN_RE.finditer(raw, start, end):
        if match.group("text") is not None:
            text_seen = True
            run = None
        elif run is None and text_seen and not match.group("meta").isspace():
            run = match.start()
    return run


@register(
    "PL107",
    "broken-heading",
    "`#Title` (no space after the hashes) or a heading with metadata inside it",
    fix=Fixability.SAFE,
)
def broken_heading(ctx: Context) -> Iterator[Violation]:
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
    for number, hashes in _glued_hashes(ctx.lines, skip):
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
                changes=frozenset({"structure"}),
            ),
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
                changes=frozenset({"title", "tags", "links", "arxiv"}),
            )
        yield Violation(
            heading.line,
            found + 1,
            "tags or links inside the entry heading become part of the title; put them on "
            "the line below the heading",
            fix,
        )
