"""PL508 duplicate-paper: the same paper (normalized title or arXiv id) twice, in a file or across
files.
"""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Violation
from paperlint.rules.base import Context, Option, rule
from paperlint.rules.links import PaperRef, duplicate_message, paper_index


def check(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Finds papers listed twice: the same title once case, spaces, no-break spaces and
    punctuation are ignored, or the same arXiv id whatever its version. Within one file, and
    across all the files of one run (each file then names the other).

    ## Why is this bad?
    Duplicates split the notes on one paper between two places, or hide a copy-pasted link
    that points at the wrong paper.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    #### TransformerFAM: feedback attention
    - `Keypoints:` working memory
    - `Objective:` Attend to latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: merging two entries' notes needs the author.
    """
    first: dict[str, PaperRef] = {}
    for ref in paper_index(ctx.document):
        earlier = next(((key, first[key]) for key in ref.match_keys() if key in first), None)
        for key in ref.match_keys():
            first.setdefault(key, ref)
        if earlier is None:
            continue
        key, other = earlier
        yield Violation(
            ref.line,
            ref.column,
            duplicate_message(ref, other, key, f"line {other.line}"),
            end_line=ref.line,
            end_column=ref.end_column,
        )


RULE = rule(
    check,
    "PL508",
    "duplicate-paper",
    "the same paper (normalized title or arXiv id) twice, in a file or across files",
    options={
        "scope": Option(
            str,
            "run",
            '"run": duplicates across all the files of a run; "file": within each file only '
            "(for lists that file one paper under several topics on purpose)",
        )
    },
)
