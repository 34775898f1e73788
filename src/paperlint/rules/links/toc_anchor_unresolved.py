"""PL501 toc-anchor-unresolved: a `(#anchor)` link that no heading's GitHub anchor matches."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from paperlint.problem import Edit, Fix, FixAvailability, Violation
from paperlint.rules.base import Context, rule
from paperlint.rules.links import Anchors, anchor_links, anchor_reads, anchors, loose_key


def resolves(target: str, found: Anchors) -> bool:
    """Whether GitHub scrolls to something for the (decoded) fragment ``target``.

    GitHub's page script lowercases the fragment and looks for the element whose id is
    ``user-content-`` plus that, so any casing of a heading's anchor works. An HTML
    ``id``/``name`` written in the file is also accepted exactly as written.
    """
    return target in found.exact or target.lower() in found.exact


def check(ctx: Context) -> Iterator[Violation]:
    """## What it does
    Checks that every `[text](#anchor)` link points at a heading's GitHub anchor: the
    heading's rendered text lowercased, punctuation and emoji removed, spaces turned into
    `-`, with `-1`, `-2` … added to repeated headings. Case does not matter: GitHub
    lowercases the fragment before it looks for the heading, so `#TransformerFAM` finds
    `#transformerfam`.

    ## Why is this bad?
    A link to an anchor that no heading has does nothing on GitHub: the table of contents
    looks fine but its entries lead nowhere.

    ## Example
    ```markdown
    # PaperList
    - [TransformerFAM](#TransformerFAM_Feedback_attention)
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    Use instead:
    ```markdown
    # PaperList
    - [TransformerFAM](#transformerfam-feedback-attention)
    ## 202404
    ### LLM
    #### TransformerFAM: Feedback attention
    - `Keypoints:` feedback attention; working memory
    - `Objective:` Let transformers attend to their own latent memory.
    ```

    ## Fix safety
    Safe, and offered only when exactly one heading matches the anchor once case, spaces,
    no-break spaces and punctuation are ignored: the fix writes that heading's anchor. A
    link that already works is never reported, so never rewritten.
    """
    document = ctx.document
    found = anchors(document)
    for link in anchor_links(document):
        target = unquote(link.url[1:])
        if not target or resolves(target, found):
            continue
        span = link.destination
        line, column = link.line, (span[0] if span else link.column)
        end_column = span[1] if span else link.end_column
        candidates = found.loose.get(loose_key(target), [])
        if len(candidates) == 1:
            heading = document.headings[candidates[0]]
            anchor = found.slugs[candidates[0]]
            nbsp = " (its no-break spaces are dropped)" if "\u00a0" in heading.raw else ""
            message = (
                f"anchor `#{target}` matches no heading; the heading `{heading.text}` "
                f"(line {heading.line}) has the anchor `#{anchor}`{nbsp} — link to that"
            )
            fix = None
            if span is not None:
                start = ctx.source.offset(line, span[0])
                end = ctx.source.offset(line, span[1])
                fix = Fix((Edit(start, end, f"#{anchor}"),), True, f"link to `#{anchor}`")
            yield Violation(line, column, message, fix, line, end_column)
        else:
            why = "several headings match it loosely" if candidates else "no heading matches"
            yield Violation(
                line,
                column,
                f"anchor `#{target}` matches no heading's GitHub anchor ({why}); link to "
                "the heading's anchor: its text lowercased, punctuation removed, spaces as `-`",
                end_line=line,
                end_column=end_column,
            )


RULE = rule(
    check,
    "PL501",
    "toc-anchor-unresolved",
    "a `(#anchor)` link that no heading's GitHub anchor matches",
    fix=FixAvailability.SOMETIMES,
    reads=anchor_reads,
)
