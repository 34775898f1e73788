"""PL403 label-style: label not written as a code span (`**Label:**`, plain `Label:`)."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Edit, Fix, FixAvailability, Violation
from paperlint.rules.base import Context, Option, entry_fields, rule
from paperlint.rules.labels import closing_delimiter, markup_start, quote_markup

_STYLE_NAMES = {"code": "a code span", "bold": "bold", "plain": "plain text"}
STYLES = tuple(_STYLE_NAMES)


def _other_label_style(ctx: Context, wanted: str) -> Iterator[Violation]:
    """PL403 for a list whose configured label style is bold or plain."""
    source = ctx.source
    for item in entry_fields(ctx.document):
        style = "code" if item.style.startswith("code") else item.style
        if style == wanted:
            continue
        start = markup_start(ctx, item)
        if start is None:
            continue
        base = source.offset(item.line, start + 1)
        colon = item.colon or ":"
        label = f"{item.written}{colon}"
        markup = f"**{label}**" if wanted == "bold" else label
        yield Violation(
            item.line,
            item.column,
            f"label {quote_markup(item.markup)} is written as {_STYLE_NAMES[style]}; this list "
            f'writes labels as {_STYLE_NAMES[wanted]} ([rules.PL403] style = "{wanted}"): '
            f"write {quote_markup(markup)}",
            Fix(
                (Edit(base, base + len(item.markup), markup),),
                description=f"write the label as {_STYLE_NAMES[wanted]}",
            ),
            item.line,
            item.markup_end,
        )


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Checks that labels are written as code spans, `` `Keypoints:` ``, and reports bold
    (`**Keypoints:**`) and plain (`Keypoints:`) labels. A list that writes its labels bold
    or plain sets the `style` option, and the other styles are reported instead.

    ## Why is this bad?
    One style makes the fields line up visually and lets every reader and tool find them
    the same way; a list that mixes styles looks unfinished.

    ## Example
    ```markdown
    #### A Paper
    - **Keypoints:** a; b
    - Objective: c
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    Safe: only the delimiters around the label change (`**` → `` ` ``, or backticks are
    added around a plain label); the label and the value in the JSON model stay the same.
    """
    source = ctx.source
    wanted = ctx.options["style"]
    if wanted != "code":
        yield from _other_label_style(ctx, wanted)
        return
    for item in entry_fields(ctx.document):
        if item.style not in ("bold", "plain"):
            continue
        start = markup_start(ctx, item)
        if start is None:
            continue
        base = source.offset(item.line, start + 1)
        markup = item.markup
        if item.style == "bold":
            close, close_end = closing_delimiter(item)
            edits = (Edit(base, base + 2, "`"), Edit(base + close, base + close_end, "`"))
            what = "bold"
        else:
            end = base + len(markup)
            edits = (Edit(base, base, "`"), Edit(end, end, "`"))
            what = "plain text"
        yield Violation(
            item.line,
            item.column,
            f"label {quote_markup(markup)} is written as {what}; write it as a code span "
            f"`` `{item.written}:` ``",
            Fix(edits, description="write the label as a code span"),
            item.line,
            item.markup_end,
        )


RULE = rule(
    check,
    "PL403",
    "label-style",
    "label not written as a code span (`**Label:**`, plain `Label:`)",
    fix=FixAvailability.ALWAYS,
    options={
        "style": Option(
            str,
            "code",
            "how labels are written: `` `Label:` ``, `**Label:**` or `Label:` "
            "(`[fields] label-style` sets it too)",
            choices=STYLES,
        )
    },
    scope="section",
)
