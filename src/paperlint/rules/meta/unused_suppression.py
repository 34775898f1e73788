"""PL902 unused-suppression: a `paperlint-disable` comment that suppressed nothing."""

from __future__ import annotations

from paperlint.problem import FixAvailability, Severity
from paperlint.rules.base import declare

RULE = declare(
    "PL902",
    "unused-suppression",
    "a `paperlint-disable` comment that suppressed nothing",
    """
    ## What it does
    Reports a suppression comment (`<!-- paperlint-disable … -->`,
    `<!-- paperlint-disable-next-line … -->`, `<!-- paperlint-disable-file … -->`) that
    silenced no problem, a code listed in one that silenced nothing, and a
    `<!-- paperlint-enable -->` that closes no disable comment. Codes of rules that are
    not enabled in the run are not reported, so a `--select` run stays quiet.

    ## Why is this bad?
    A suppression outlives the problem it was written for: once the line is fixed, the
    comment keeps hiding whatever goes wrong there next. Unused comments are clutter that
    readers of the raw Markdown must skip.

    ## Example
    ```markdown
    # 202404

    ## LLM

    ### TransformerFAM: Feedback attention is working memory

    <!-- paperlint-disable-next-line -->
    - `Keypoints:` Feedback Attention Memory; Working Memory
    - `Objective:` The paper aims to give Transformers a working memory.
    ```

    Use instead:
    ```markdown
    # 202404

    ## LLM

    ### TransformerFAM: Feedback attention is working memory

    - `Keypoints:` Feedback Attention Memory; Working Memory
    - `Objective:` The paper aims to give Transformers a working memory.
    ```

    ## Fix safety
    Safe: the fix deletes the unused comment (with its line when nothing else is on it), or
    only the unused codes from it. An HTML comment renders as nothing, so the rendered page
    does not change.
    """,
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
