"""PL205 field-alias: a known alias or misspelling (`Methods`, `Metrics`, `Summay`) of a canonical
label.
"""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Edit, Fix, FixAvailability, Violation
from paperlint.rules.base import Context, entry_fields, rule


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a label written as a known alias, misspelling or in another case than its
    canonical form: `Methods` for `Method`, `Summay` for `Summary`, `keypoints` for
    `Keypoints`. The aliases come from the schema's `x-aliases` and the configuration's
    `[fields.aliases]`.

    ## Why is this bad?
    paperlint understands the alias, but people searching the file, other tools and
    future readers see two names for one field.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    - `Methods:` d
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    - `Method:` d
    ```

    ## Fix safety
    Safe: only the label word inside its markup is rewritten. The JSON model already holds
    the canonical label, so it does not change.
    """
    source = ctx.source
    for item in entry_fields(ctx.document):
        if item.written == item.label:
            continue
        raw = ctx.lines[item.line - 1]
        start = item.column - 1
        if not raw.startswith(item.markup, start):
            continue
        word = start + item.markup.find(item.written)
        if item.written.casefold() == item.label.casefold():
            what = f"label `{item.written}` differs in case from `{item.label}`"
        else:
            what = f"label `{item.written}` is an alias of `{item.label}`"
        at = source.offset(item.line, word + 1)
        yield Violation(
            item.line,
            word + 1,
            f"{what}; write `{item.label}`",
            Fix(
                (Edit(at, at + len(item.written), item.label),),
                description=f"rename `{item.written}` to `{item.label}`",
            ),
            item.line,
            word + 1 + len(item.written),
        )


RULE = rule(
    check,
    "PL205",
    "field-alias",
    "a known alias or misspelling (`Methods`, `Metrics`, `Summay`) of a canonical label",
    fix=FixAvailability.ALWAYS,
    scope="section",
)
