"""PL505 relative-link-missing: a relative link to a file that does not exist."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from urllib.parse import unquote

from paperlint.problem import Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.links import HOST_RE

_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,31}:")


def check(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Checks that every relative link (not `http(s)://`, `mailto:` or `#anchor`) names a file
    or folder that exists, resolved against the folder of the file being checked.

    ## Why is this bad?
    A link to a renamed or deleted file is a 404 on GitHub.

    ## Example
    ```markdown
    # PaperList
    See also [the video list](no-such-folder/VideoGeneration.md).
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    See also [the video list](https://github.com/example/papers/blob/main/VideoGeneration.md).
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    No fix: only the author knows where the file went.
    """
    document = ctx.document
    if document.path == "-":
        return
    folder = os.path.dirname(document.path)
    for link in document.links:
        url = link.url
        if not url or url.startswith(("#", "/")) or _SCHEME_RE.match(url):
            continue
        if HOST_RE.fullmatch(url):
            continue  # PL504 reports it
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])
        if not path or os.path.exists(os.path.join(folder, path)):
            continue
        span = link.destination
        yield Violation(
            link.line,
            span[0] if span else link.column,
            f"link to `{path}`: no such file next to {os.path.basename(document.path)} "
            f"(looked for {os.path.join(folder, path)}); fix the path or remove the link",
            end_line=link.line,
            end_column=span[1] if span else link.end_column,
        )


RULE = rule(
    check,
    "PL505",
    "relative-link-missing",
    "a relative link to a file that does not exist",
)
