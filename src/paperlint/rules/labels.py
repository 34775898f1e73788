"""Label rules (PL401–PL404): how field labels are written.

Each fix edits only the characters its problem concerns (the blanks after the label, the
colon, the markup delimiters, a separator), so fixes of different rules on one label do
not overlap and the JSON model — canonical labels, folded values — stays the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from paperlint.model import Field
from paperlint.problem import Edit, Fix, Fixability, Severity, Violation
from paperlint.rules.base import Context, entry_fields, register
from paperlint.text import (
    INVISIBLE_CHARACTERS,
    KEYPOINT_SEPARATORS,
    keypoint_separators,
    separated_part,
)

_FULL_WIDTH_COLON = "："


def _markup_start(ctx: Context, item: Field) -> int | None:
    """0-based index of the label markup on its line, or None when it is not where stated."""
    raw = ctx.lines[item.line - 1]
    index = item.column - 1
    return index if raw.startswith(item.markup, index) else None


def _show(markup: str) -> str:
    """Markup quoted for a message (code spans need a wider fence)."""
    return f"`` {markup} ``" if "`" in markup else f"`{markup}`"


@register(
    "PL401",
    "label-spacing",
    "a value on the label's line not separated from the label by exactly one space",
    fix=Fixability.SAFE,
)
def label_spacing(ctx: Context) -> Iterator[Violation]:
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
        start = _markup_start(ctx, item)
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
            f"{what} between {_show(item.markup)} and its value; put exactly one space",
            Fix(
                (Edit(at, at + len(spacing), " "),),
                description="separate the value from the label by one space",
            ),
        )


@register(
    "PL402",
    "label-colon",
    "full-width colon, colon outside the code span, or no colon",
    fix=Fixability.SAFE,
)
def label_colon(ctx: Context) -> Iterator[Violation]:
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
        start = _markup_start(ctx, item)
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
        )


def _canonical(item: Field) -> str:
    """The label as it should look in its own markup style."""
    if item.style == "bold":
        return f"`**{item.written}:**`"
    if item.style == "plain":
        return f"`{item.written}:`"
    return f"`` `{item.written}:` ``"


def _closing(item: Field) -> tuple[int, int]:
    """(start, end) of the closing delimiter within the markup (code span or bold)."""
    delimiter = "**" if item.style == "bold" else "`"
    end = item.markup.rfind(delimiter) + len(delimiter)
    return end - len(delimiter), end


def _colon_problem(item: Field) -> tuple[str, int, list[tuple[int, int, str]]] | None:
    """What is wrong, where (index in the markup), and the edits (relative to the markup)."""
    markup = item.markup
    if item.style == "plain":
        if item.colon != _FULL_WIDTH_COLON:
            return None
        at = markup.rfind(_FULL_WIDTH_COLON)
        return "full-width colon `：` after the label", at, [(at, at + 1, ":")]
    close, close_end = _closing(item)
    outside = markup[close_end:]
    if outside:
        # `Label`: — put the colon before the closing delimiter, drop it (and blanks) after.
        kind = "full-width colon" if _FULL_WIDTH_COLON in outside else "colon"
        where = close_end + len(outside) - len(outside.lstrip(" \t"))
        return (
            f"{kind} outside the label markup {_show(markup)}",
            where,
            [(close, close, ":"), (close_end, len(markup), "")],
        )
    if item.colon == _FULL_WIDTH_COLON:
        at = markup.rfind(_FULL_WIDTH_COLON)
        return f"full-width colon `：` in {_show(markup)}", at, [(at, at + 1, ":")]
    if item.colon == "":
        return f"no colon in {_show(markup)}", close, [(close, close, ":")]
    return None


@register(
    "PL403",
    "label-style",
    "label not written as a code span (`**Label:**`, plain `Label:`)",
    fix=Fixability.SAFE,
)
def label_style(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Checks that labels are written as code spans, `` `Keypoints:` ``, and reports bold
    (`**Keypoints:**`) and plain (`Keypoints:`) labels.

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
    wanted = getattr(ctx.settings, "label_style", "code") or "code"
    if wanted != "code":
        yield from _other_label_style(ctx, wanted)
        return
    for item in entry_fields(ctx.document):
        if item.style not in ("bold", "plain"):
            continue
        start = _markup_start(ctx, item)
        if start is None:
            continue
        base = source.offset(item.line, start + 1)
        markup = item.markup
        if item.style == "bold":
            close, close_end = _closing(item)
            edits = (Edit(base, base + 2, "`"), Edit(base + close, base + close_end, "`"))
            what = "bold"
        else:
            end = base + len(markup)
            edits = (Edit(base, base, "`"), Edit(end, end, "`"))
            what = "plain text"
        yield Violation(
            item.line,
            item.column,
            f"label {_show(markup)} is written as {what}; write it as a code span "
            f"`` `{item.written}:` ``",
            Fix(edits, description="write the label as a code span"),
        )


_STYLE_NAMES = {"code": "a code span", "bold": "bold", "plain": "plain text"}


def _other_label_style(ctx: Context, wanted: str) -> Iterator[Violation]:
    """PL403 for a list whose configured label style is bold or plain."""
    source = ctx.source
    for item in entry_fields(ctx.document):
        style = "code" if item.style.startswith("code") else item.style
        if style == wanted:
            continue
        start = _markup_start(ctx, item)
        if start is None:
            continue
        base = source.offset(item.line, start + 1)
        colon = item.colon or ":"
        label = f"{item.written}{colon}"
        markup = f"**{label}**" if wanted == "bold" else label
        yield Violation(
            item.line,
            item.column,
            f"label {_show(item.markup)} is written as {_STYLE_NAMES[style]}; this list "
            f'writes labels as {_STYLE_NAMES[wanted]} (label-style = "{wanted}"): '
            f"write {_show(markup)}",
            Fix(
                (Edit(base, base + len(item.markup), markup),),
                description=f"write the label as {_STYLE_NAMES[wanted]}",
            ),
        )


@register(
    "PL404",
    "keypoints-separator",
    "mixed separators in Keypoints (`;` `,` `、` `；` `，`)",
    severity=Severity.WARNING,
    fix=Fixability.UNSAFE,
)
def keypoints_separator(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a `Keypoints` value that mixes separators: `;`, `,`, `、`, `；` and `，` are
    all accepted, but one value should use one of them. The message names the separator
    the file's `Keypoints` use most, so that every value ends up following the file's own
    convention, not whichever separator a mixed value happens to start with.

    ## Why is this bad?
    Mixed separators usually mean keypoints were pasted from different places; they make
    the list uneven, and a comma used as a separator next to semicolons is ambiguous
    (is `ControlNet, T2I` one keypoint or two?).

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` Diffusion; ControlNet, Video
    - `Objective:` c
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` Diffusion; ControlNet; Video
    - `Objective:` c
    ```

    ## Fix safety
    Unsafe: every separator is rewritten to the one the file's `Keypoints` use most (on a
    tie, the value's most frequent, then its first used), but a comma can be part of a
    keypoint (`Stable Diffusion 1.5, 2.1`), which then becomes a separator. A full-width
    separator replaced by `;` or `,` gets a space after it. Only the value on the label's
    line is rewritten; the fix declares that it changes `keypoints`.
    """
    source = ctx.source
    keypoints = [item for item in entry_fields(ctx.document) if item.label == "Keypoints"]
    in_file = Counter(
        c for item in keypoints for c in separated_part(item.value) if c in KEYPOINT_SEPARATORS
    )
    for item in keypoints:
        if len(keypoint_separators(item.value)) < 2:
            continue
        counts = Counter(c for c in separated_part(item.value) if c in KEYPOINT_SEPARATORS)
        order = keypoint_separators(item.value)
        majority = _preferred(in_file, counts, order)
        why = f"the separator this file's Keypoints use most (×{in_file[majority]})"
        configured = getattr(ctx.settings, "separator", None)
        if isinstance(configured, str) and configured in counts:
            majority = configured  # the list's configured separator wins
            why = "the separator the configuration sets ([fields] separator)"
        lead, *rest = sorted(order, key=lambda sep: sep != majority)
        others = ", ".join(f"`{sep}` ×{counts[sep]}" for sep in rest)
        message = (
            f"Keypoints mix separators: `{lead}` ×{counts[lead]} and {others}; use "
            f"`{majority}` throughout, {why}"
        )
        positions = _separator_positions(ctx, item)
        if positions is None:
            yield Violation(item.line, item.column, message)
            continue
        line_start = source.offset(item.line)
        raw = ctx.lines[item.line - 1]
        edits = tuple(
            Edit(line_start + index, line_start + index + 1, _separator(majority, raw, index))
            for index, char in positions
            if char != majority
        )
        first = next(index for index, char in positions if char != majority)
        yield Violation(
            item.line,
            first + 1,
            message,
            Fix(
                edits,
                safe=False,
                description=f"use `{majority}` between all keypoints",
                changes=frozenset({"keypoints"}),
            ),
        )


def _preferred(in_file: Counter[str], in_value: Counter[str], order: list[str]) -> str:
    """The separator the file uses most; on a tie the value's most used, then its first."""

    def rank(sep: str) -> tuple[int, int, int]:
        first_use = order.index(sep) if sep in order else len(order)
        return in_file[sep], in_value[sep], -first_use

    return max(KEYPOINT_SEPARATORS, key=rank)


def _separator(separator: str, raw: str, index: int) -> str:
    """``separator`` to write over the one at ``raw[index]``. A full-width separator carries
    its own spacing, so an ASCII one that replaces it before text gets a space: `；` → `; `."""
    following = raw[index + 1 : index + 2]
    if separator.isascii() and not raw[index].isascii() and following.strip():
        return separator + " "
    return separator


def _separator_positions(ctx: Context, item: Field) -> list[tuple[int, str]] | None:
    """(index on the label's line, separator) of every separator of the value.

    None when the value does not lie entirely on the label's line (continuation lines or
    nested bullets): then the fix is not offered rather than risk a partial rewrite.
    """
    start = _markup_start(ctx, item)
    if start is None or item.spacing is None:
        return None
    raw = ctx.lines[item.line - 1]
    value_start = start + len(item.markup)
    found = [
        (index, char)
        for index in range(value_start, len(separated_part(raw)))
        if (char := raw[index]) in KEYPOINT_SEPARATORS
    ]
    expected = [char for char in separated_part(item.value) if char in KEYPOINT_SEPARATORS]
    if [char for _, char in found] != expected:
        return None
    return found
