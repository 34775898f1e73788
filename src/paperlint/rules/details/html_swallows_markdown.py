"""PL306 html-swallows-markdown: a raw HTML block runs into the following Markdown, which then
renders as HTML text.
"""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import FixAvailability, Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.details import details_reads, html_swallowing_violations


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports Markdown (bullets, headings, quotes, fences) that directly follows a raw HTML
    block such as `<p align="center">` or `<img>` with no blank line between them.

    ## Why is this bad?
    An HTML block ends only at a blank line: the bullets after it become part of the HTML
    and GitHub renders them as one run of plain text, backticks and dashes included.

    ## Example
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c

    <p align="center">
      <img src="https://example.org/figure.png" width="450" />
    </p>
    - `Method:` d
    ```

    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c

    <p align="center">
      <img src="https://example.org/figure.png" width="450" />
    </p>

    - `Method:` d
    ```

    ## Fix safety
    Safe: the fix inserts one empty line where the HTML should end; no text is changed.
    `<details>` and `<summary>` blocks are left to PL303.
    """
    yield from html_swallowing_violations(ctx)


RULE = rule(
    check,
    "PL306",
    "html-swallows-markdown",
    "a raw HTML block runs into the following Markdown, which then renders as HTML text",
    fix=FixAvailability.ALWAYS,
    reads=details_reads,
)
