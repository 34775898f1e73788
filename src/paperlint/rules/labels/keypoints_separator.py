"""PL404 keypoints-separator: mixed separators in Keypoints (`;` `,` `、` `；` `，`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from paperlint.model import Document, Field
from paperlint.problem import Change, Edit, Fix, FixAvailability, Severity, Violation
from paperlint.rules.base import Context, Option, entry_fields, rule
from paperlint.rules.labels import markup_start
from paperlint.text import (
    KEYPOINT_SEPARATORS,
    keypoint_separators,
    separated_part,
    separators_between,
)

AUTO = "auto"  # no configured separator: the file's most used


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
    start = markup_start(ctx, item)
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


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a `Keypoints` value that mixes separators: `;`, `,`, `、`, `；` and `，` are
    all accepted, but one value should use one of them. The message names the separator
    the file's `Keypoints` use most, so that every value ends up following the file's own
    convention, not whichever separator a mixed value happens to start with. The `separator`
    option names the list's separator instead.

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
    in_file = Counter(c for item in keypoints for c in separators_between(item.value))
    for item in keypoints:
        if len(keypoint_separators(item.value)) < 2:
            continue
        counts = Counter(separators_between(item.value))
        order = keypoint_separators(item.value)
        majority = _preferred(in_file, counts, order)
        why = f"the separator this file's Keypoints use most (×{in_file[majority]})"
        configured = ctx.options["separator"]
        if configured in counts:
            majority = configured  # the list's configured separator wins
            why = "the separator the configuration sets ([rules.PL404] separator)"
        lead, *rest = sorted(order, key=lambda sep: sep != majority)
        others = ", ".join(f"`{sep}` ×{counts[sep]}" for sep in rest)
        message = (
            f"Keypoints mix separators: `{lead}` ×{counts[lead]} and {others}; use "
            f"`{majority}` throughout, {why}"
        )
        positions = _separator_positions(ctx, item)
        if positions is None:
            last = ctx.lines[item.end_line - 1]
            yield Violation(item.line, item.column, message, None, item.end_line, len(last) + 1)
            continue
        line_start = source.offset(item.line)
        raw = ctx.lines[item.line - 1]
        edits = tuple(
            Edit(line_start + index, line_start + index + 1, _separator(majority, raw, index))
            for index, char in positions
            if char != majority
        )
        first = next(index for index, char in positions if char != majority)
        last_index = max(index for index, char in positions if char != majority)
        yield Violation(
            item.line,
            first + 1,
            message,
            Fix(
                edits,
                safe=False,
                description=f"use `{majority}` between all keypoints",
                changes=frozenset({Change.KEYPOINTS}),
                reason="a comma may be part of a keypoint, which then splits",
            ),
            item.line,
            last_index + 2,
        )


def reads(document: Document) -> list[tuple[Field, tuple[str, ...]]]:
    """Every Keypoints field and its lines as written (the file's counts come from them)."""
    lines = document.source.lines
    return [
        (item, tuple(lines[item.line - 1 : item.end_line]))
        for item in entry_fields(document)
        if item.label == "Keypoints"
    ]


RULE = rule(
    check,
    "PL404",
    "keypoints-separator",
    "mixed separators in Keypoints (`;` `,` `、` `；` `，`)",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    options={
        "separator": Option(
            str,
            AUTO,
            f'the separator to ask for; "{AUTO}": the one the file\'s Keypoints use most '
            "(`[fields] separator` sets it too)",
            choices=(AUTO, *KEYPOINT_SEPARATORS),
        )
    },
    reads=reads,
)
