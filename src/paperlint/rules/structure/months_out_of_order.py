"""PL103 months-out-of-order: months not in the configured order (default newest first)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from paperlint.problem import Violation
from paperlint.rules.base import Context, Option, rule
from paperlint.rules.structure import heading_column
from paperlint.syntax import MONTH_RE

ORDERS = ("desc", "asc", "any")  # newest first, oldest first, not checked


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


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Checks that month sections follow the configured `order`: `desc` (the default,
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
    order = ctx.options["order"]
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
            heading_column(heading),
            f"month {value} is out of order: months go {first} first "
            f'([rules.PL103] order = "{order}"); {where}',
            end_line=heading.line,
            end_column=heading.end_column,
        )


RULE = rule(
    check,
    "PL103",
    "months-out-of-order",
    "months not in the configured order (default newest first)",
    options={
        "order": Option(
            str,
            "desc",
            '"desc": newest first; "asc": oldest first; "any": not checked '
            "(`[layout] month-order` sets it too)",
            choices=ORDERS,
        )
    },
)
