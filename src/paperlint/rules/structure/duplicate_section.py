"""PL104 duplicate-section: the same month, or the same category within a month, twice."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.model import Heading
from paperlint.problem import Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.structure import heading_column


def _section_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def check(ctx: Context) -> Iterator[Violation]:
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
                    heading_column(heading),
                    f"month {heading.text} appears twice (also at line {first.line}); "
                    "merge the two sections",
                    end_line=heading.line,
                    end_column=heading.end_column,
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
                    heading_column(head),
                    f"category '{category.name}' appears twice{where} (also at line "
                    f"{first.line}); merge the two sections",
                    end_line=head.line,
                    end_column=head.end_column,
                )


RULE = rule(
    check,
    "PL104",
    "duplicate-section",
    "the same month, or the same category within a month, twice",
)
