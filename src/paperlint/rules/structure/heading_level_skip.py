"""PL101 heading-level-skip: a heading jumps more than one level deeper than the heading before it
(h1 → h3).
"""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.model import Heading
from paperlint.problem import Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.structure import heading_column


def check(ctx: Context) -> Iterator[Violation]:
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
                heading_column(heading),
                f"heading level jumps from h{previous.level} (line {previous.line}) to "
                f"h{heading.level}; write it as `{wanted} …` or add the missing level",
                end_line=heading.line,
                end_column=heading.end_column,
            )
        previous = heading


RULE = rule(
    check,
    "PL101",
    "heading-level-skip",
    "a heading jumps more than one level deeper than the heading before it (h1 → h3)",
)
