"""PL603 invisible-character: NBSP, zero-width space, BOM inside the text."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import FixAvailability, Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.whitespace import line_scan


def check(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports no-break spaces, zero-width spaces, word joiners, direction marks and byte
    order marks inside the text (a BOM that starts the file is fine), once per line at the
    first one. Code blocks and code spans are left alone.

    ## Why is this bad?
    These characters, pasted from PDFs, look like spaces or like nothing, yet they break
    search, heading anchors and duplicate detection (`Diffusion Models` with a no-break
    space is a different title).

    ## Example
    The spaces of this title are no-break spaces:
    ```markdown
    #### Customizing\u00a0Text-to-Image\u00a0Diffusion
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    Use instead:
    ```markdown
    #### Customizing Text-to-Image Diffusion
    - `Keypoints:` a; b
    - `Objective:` c
    ```

    ## Fix safety
    Safe: no-break spaces become plain spaces and zero-width characters are deleted, which
    the rendered text does not show. A heading's anchor may change with it; PL501 reports
    links to the old anchor.
    """
    yield from line_scan(ctx.document).invisible


RULE = rule(
    check,
    "PL603",
    "invisible-character",
    "NBSP, zero-width space, BOM inside the text",
    fix=FixAvailability.SOMETIMES,
    scope="section",
)
