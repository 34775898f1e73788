"""PL506 arxiv-link-style: an arXiv link that is not the canonical `https://arxiv.org/abs/ID`."""

from __future__ import annotations

from collections.abc import Iterator

from paperlint.problem import Change, Edit, Fix, FixAvailability, Severity, Violation
from paperlint.rules.base import Context, rule
from paperlint.syntax import ARXIV_URL_RE


def canonical_arxiv(url: str) -> str | None:
    """``https://arxiv.org/abs/ID[vN]`` for an arXiv abs/pdf/html URL, else None."""
    match = ARXIV_URL_RE.fullmatch(url)
    if match is None:
        return None
    return f"https://arxiv.org/abs/{match.group(1)}{match.group(2) or ''}"


def check(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Finds arXiv links written as `arxiv.org/pdf/…`, `www.arxiv.org/…` or `http://…` and
    suggests the canonical `https://arxiv.org/abs/ID` (keeping a version such as `v2`).

    ## Why is this bad?
    The abstract page links to every version, the PDF and the HTML; a PDF link downloads a
    file on click, and one list mixing forms is harder to search and deduplicate.

    ## Example
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](http://arxiv.org/pdf/2404.09173v1.pdf)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    \\[[paper](https://arxiv.org/abs/2404.09173v1)\\]
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    Unsafe: the link then opens the abstract page instead of the PDF, which an author may
    have chosen on purpose.
    """
    for link in ctx.document.links:
        if "arxiv" not in link.url.lower():
            continue
        canonical = canonical_arxiv(link.url)
        if canonical is None or canonical == link.url:
            continue
        span = link.destination
        fix = None
        if span is not None:
            start = ctx.source.offset(link.line, span[0])
            end = ctx.source.offset(link.line, span[1])
            fix = Fix(
                (Edit(start, end, canonical),),
                False,
                f"link to `{canonical}`",
                frozenset({Change.URL}),
                "the link opens the abstract, not the PDF the author may have chosen",
            )
        yield Violation(
            link.line,
            span[0] if span else link.column,
            f"arXiv link `{link.url}` is not the abstract page: write `{canonical}`",
            fix,
            end_line=link.line,
            end_column=span[1] if span else link.end_column,
        )


RULE = rule(
    check,
    "PL506",
    "arxiv-link-style",
    "an arXiv link that is not the canonical `https://arxiv.org/abs/ID`",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    scope="section",
)
