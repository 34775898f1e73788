"""PL402 label-colon: full-width colon, colon outside the code span, or no colon."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.model import Field
from paperlint.problem import Edit, Fix, FixAvailability, Violation
from paperlint.rules.base import Context, entry_fields, rule
from paperlint.rules.labels import closing_delimiter, markup_start, quote_markup

_FULL_WIDTH_COLON = "："


def _canonical(item: Field) -> str:
    """The label as it should look in its own markup style."""
    if item.style == "bold":
        return f"`**{item.written}:**`"
    if item.style == "plain":
        return f"`{item.written}:`"
    return f"`` `{item.written}:` ``"


def _colon_problem(item: Field) -> tuple[str, int, list[tuple[int, int, str]]] | None:
    """What is wrong, where (index in the markup), and the edits (relative to the markup)."""
    markup = item.markup
    if item.colon == ":" and markup.endswith("**" if item.style == "bold" else "`"):
        return None  # the colon inside the markup, nothing after it: most labels
    if item.style == "plain":
        if item.colon != _FULL_WIDTH_COLON:
            return None
        at = markup.rfind(_FULL_WIDTH_COLON)
        return "full-width colon `：` after the label", at, [(at, at + 1, ":")]
    close, close_end = closing_delimiter(item)
    outside = markup[close_end:]
    if outside:
        # `Label`: — put the colon before the closing delimiter, drop it (and blanks) after.
        kind = "full-width colon" if _FULL_WIDTH_COLON in outside else "colon"
        where = close_end + len(outside) - len(outside.lstrip(" \t"))
        return (
            f"{kind} outside the label markup {quote_markup(markup)}",
            where,
            [(close, close, ":"), (close_end, len(markup), "")],
        )
    if item.colon == _FULL_WIDTH_COLON:
        at = markup.rfind(_FULL_WIDTH_COLON)
        return f"full-width colon `：` in {quote_markup(markup)}", at, [(at, at + 1, ":")]
    if item.colon == "":
        return f"no colon in {quote_markup(markup)}", close, [(close, close, ":")]
    return None


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Checks that a label ends with an ASCII colon inside its markup: `` `Metric:` ``.
    Reported: a full-width colon (`` `Metric：` ``), a colon outside the code span
    (`` `Summary`: ``) and no colon at all (`` `Method` ``).

    ## Why is this bad?
    Mixed colons make labels look different in the rendered list and defeat anyone who
    searches or greps the file for `` `Metric:` ``.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective`: c
    - `Metric：` d
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    - `Metric:` d
    ```

    ## Fix safety
    Safe: only the colon is written (or moved) inside the markup; the label and the value
    in the JSON model stay the same.
    """
    source = ctx.source
    for item in entry_fields(ctx.document):
        problem = _colon_problem(item)
        if problem is None:
            continue
        start = markup_start(ctx, item)
        if start is None:
            continue
        message, where, edits = problem
        base = source.offset(item.line, start + 1)
        yield Violation(
            item.line,
            start + where + 1,
            f"{message}; write {_canonical(item)}",
            Fix(
                tuple(Edit(base + a, base + b, text) for a, b, text in edits),
                description="write the colon inside the label markup",
            ),
            item.line,
            item.markup_end,
        )


RULE = rule(
    check,
    "PL402",
    "label-colon",
    "full-width colon, colon outside the code span, or no colon",
    fix=FixAvailability.ALWAYS,
    scope="section",
)
