"""PL605 line-endings: mixed CRLF and LF line endings."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Fix, FixAvailability, Violation
from paperlint.rules.base import Context, rule

_NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a file whose lines end in a mix of CRLF and LF (or CR), at the first line that
    differs from the file's majority ending, with how many lines differ.

    ## Why is this bad?
    Mixed endings come from editing one file on different systems; they make every tool
    that diffs or splits lines disagree about the file, and Git shows whole-file changes
    when an editor normalises them later.

    ## Example
    The first and last lines end in CRLF, the middle one in LF:
    ```markdown
    #### A Paper\r
    - `Keypoints:` a; b
    - `Objective:` c\r
    ```

    Use instead (every line ends in LF, or every line in CRLF):
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    Safe. The fix has no text edits of its own: paperlint works on LF-normalised text and
    writes every file back in its majority ending, so any write (this fix included) makes
    all endings the same.
    """
    source = ctx.source
    odd = source.odd_newlines
    if not odd:
        return
    name = _NEWLINE_NAMES.get(source.newline, repr(source.newline))
    first = odd[0]
    many = len(odd) > 1
    yield Violation(
        first,
        len(source.lines[first - 1]) + 1,
        f"{len(odd)} line{'s' if many else ''} (first: this one) end{'' if many else 's'} "
        f"differently from the file's {name} majority; `paperlint fix` writes them as {name}",
        Fix((), description=f"write every line ending as {name}"),
        first,
        len(source.lines[first - 1]) + 1,
    )


RULE = rule(
    check,
    "PL605",
    "line-endings",
    "mixed CRLF and LF line endings",
    fix=FixAvailability.ALWAYS,
)
