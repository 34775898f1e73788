"""PL401 label-spacing: a value on the label's line not separated from the label by exactly one
space.
"""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Edit, Fix, FixAvailability, Violation
from paperlint.rules.base import Context, entry_fields, rule
from paperlint.rules.labels import markup_start, quote_markup
from paperlint.text import (
    INVISIBLE_CHARACTERS,
)


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Checks that a value written on the label's line is separated from the label by exactly
    one space: `` `Objective:` The paper… ``. No space, two or more spaces, or a tab are
    reported. A value that starts on the next line (a paragraph or nested bullets) is fine,
    and so is a label with nothing after it.

    ## Why is this bad?
    `` `Objective:`The `` reads as one glued word in the rendered list and in plain-text
    diffs, and uneven spacing makes a hand-kept list look careless; a single space is what
    every other entry uses.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:`a; b
    - `Objective:`   c
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    Safe: only the blanks between the label and the value change; Markdown folds them, so
    the rendered text and the JSON model are unchanged.
    """
    source = ctx.source
    for item in entry_fields(ctx.document):
        spacing = item.spacing
        if spacing is None or spacing == " ":
            continue
        start = markup_start(ctx, item)
        if start is None:
            continue
        after = start + len(item.markup)
        raw = ctx.lines[item.line - 1]
        following = raw[after + len(spacing) : after + len(spacing) + 1]
        if following in INVISIBLE_CHARACTERS:
            continue  # an NBSP or zero-width character: PL603 replaces it first
        if spacing == "":
            what = "no space"
        elif "\t" in spacing:
            what = "a tab" if spacing == "\t" else f"{len(spacing)} blanks including a tab"
        else:
            what = f"{len(spacing)} spaces"
        at = source.offset(item.line, after + 1)
        yield Violation(
            item.line,
            after + 1,
            f"{what} between {quote_markup(item.markup)} and its value; put exactly one space",
            Fix(
                (Edit(at, at + len(spacing), " "),),
                description="separate the value from the label by one space",
            ),
            item.line,
            after + 1 + (len(spacing) or 1),  # the blanks, or the character glued to the label
        )


RULE = rule(
    check,
    "PL401",
    "label-spacing",
    "a value on the label's line not separated from the label by exactly one space",
    fix=FixAvailability.ALWAYS,
    scope="section",
)
