"""Field rules (PL201–PL207): what each entry says, mostly stated by the schema."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Edit, Fix, Fixability, Violation
from paperlint.rules.base import Context, declare, entry_fields, register

_GOOD = """
    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```
"""

declare(
    "PL201",
    "required-field-missing",
    "an entry lacks a field the schema requires (default: Keypoints, Objective)",
    """
    ## What it does
    Reports an entry without a field that the schema's `required` lists; by default
    every entry needs `Keypoints` and `Objective`.

    ## Why is this bad?
    A reading list is only useful when every paper answers the same questions; an entry
    without an objective forces readers to open the paper.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    ```
    """
    + _GOOD
    + """
    ## Fix safety
    No fix: paperlint cannot write the missing text.
    """,
)

declare(
    "PL202",
    "field-empty",
    "a field with no value",
    """
    ## What it does
    Reports a labelled bullet with nothing after the label (the schema's `minLength`).

    ## Why is this bad?
    An empty field looks filled in at a glance, so the gap is never noticed.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:`
    ```
    """
    + _GOOD
    + """
    ## Fix safety
    No fix: paperlint cannot write the missing text.
    """,
)

declare(
    "PL203",
    "unknown-field",
    "a label the schema does not know; suggests the nearest known one",
    """
    ## What it does
    Reports a field label that is neither one of the schema's fields nor a known alias,
    and suggests the nearest known label ("did you mean").

    ## Why is this bad?
    A misspelt label silently creates a new kind of field that exports, searches and the
    required-field check do not see.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objectve:` c
    ```
    """
    + _GOOD
    + """
    ## Fix safety
    No fix: a guess at the intended label could be wrong; known aliases are fixed by PL205.
    """,
)

declare(
    "PL204",
    "duplicate-field",
    "the same label twice in one entry",
    """
    ## What it does
    Reports a label used a second time in the same entry (or details block).

    ## Why is this bad?
    Only the first value survives in exports and the schema check; the second is lost
    to every tool that reads the list.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    - `Objective:` d
    ```
    """
    + _GOOD
    + """
    ## Fix safety
    No fix: merging two values is the author's decision.
    """,
)

declare(
    "PL206",
    "schema-violation",
    "any other schema error, with its JSON path",
    """
    ## What it does
    Reports every schema error that carries no `x-rule` code of its own, with the JSON
    path of the offending value (see `paperlint export`).

    ## Why is this bad?
    The schema is the list's contract; anything it rejects is something the maintainers
    decided is wrong.

    ## Example
    ```markdown
    ####
    - `Keypoints:` a; b
    - `Objective:` c
    ```
    """
    + _GOOD
    + """
    ## Fix safety
    No fix.
    """,
)

declare(
    "PL207",
    "entry-empty",
    "an entry heading with no fields at all",
    """
    ## What it does
    Reports an entry heading with no labelled bullet under it.

    ## Why is this bad?
    A bare title is a placeholder that was never filled in.

    ## Example
    ```markdown
    #### A Paper
    #### Another Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```
    """
    + _GOOD
    + """
    ## Fix safety
    No fix: paperlint cannot write the missing text.
    """,
)


@register(
    "PL205",
    "field-alias",
    "a known alias or misspelling (`Methods`, `Metrics`, `Summay`) of a canonical label",
    fix=Fixability.SAFE,
)
def field_alias(ctx: Context) -> Iterator[Violation]:
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
        )
