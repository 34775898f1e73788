r"""PL503 link-empty: an empty link: `[]`, `[text]()`, `\[[code]()\]`."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Violation
from paperlint.rules.base import Context, line_view, rule
from paperlint.rules.links import code_line_numbers
from paperlint.text import mask_code_spans


def _escaped(line: str, index: int) -> bool:
    backslashes = 0
    while index > 0 and line[index - 1] == "\\":
        backslashes += 1
        index -= 1
    return backslashes % 2 == 1


def check(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Finds links with nothing in them: `[]`, `[](url)` and `[text]()` — typically a
    `\\[[code]()\\]` placeholder left for a link that was never filled in.

    ## Why is this bad?
    GitHub renders `[]` as stray brackets and `[text]()` as a link to the page itself:
    the reader clicks and goes nowhere.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2404.09173)\\]\\[[code]()\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2404.09173)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: only the author knows the missing URL, or whether to drop the link.
    """
    document = ctx.document
    lines = ctx.lines
    code = code_line_numbers(document)
    reported: set[tuple[int, int]] = set()
    for link in document.links:
        if link.url == "" and link.line not in code:
            reported.add((link.line, link.column))
            yield Violation(
                link.line,
                link.column,
                f"link `[{link.text}]()` has no URL: add the URL or remove the link",
                end_line=link.line,
                end_column=link.end_column,
            )
    first, last = line_view(document)
    for number in range(first, last + 1):
        line = lines[number - 1]
        if "[]" not in line or number in code:
            continue
        masked = mask_code_spans(line)
        index = masked.find("[]")
        while index >= 0:
            if (
                not _escaped(masked, index)
                and not (index > 0 and masked[index - 1] == "!")
                and not (index > 0 and masked[index - 1].isalnum())
                and (number, index + 1) not in reported
            ):
                what = "`[](…)` has no text" if masked[index + 2 : index + 3] == "(" else "`[]`"
                yield Violation(
                    number,
                    index + 1,
                    f"empty link {what}: fill it in or remove it",
                    end_line=number,
                    end_column=index + 3,
                )
            index = masked.find("[]", index + 2)


RULE = rule(
    check,
    "PL503",
    "link-empty",
    "an empty link: `[]`, `[text]()`, `\\[[code]()\\]`",
    scope="section",
)
