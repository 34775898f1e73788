"""PL901 file-unreadable: not UTF-8, binary, or unreadable (exit 2)."""

from __future__ import annotations

from paperlint.rules.base import declare

RULE = declare(
    "PL901",
    "file-unreadable",
    "not UTF-8, binary, or unreadable (exit 2)",
    """
    ## What it does
    Reports a file that cannot be read as UTF-8 text: binary data, UTF-16, Latin-1, a
    folder or a FIFO given as a file, or a file the operating system refuses to open.

    ## Why is this bad?
    Nothing else can be checked in such a file, and GitHub would show it garbled. The run
    exits with code 2 so CI notices.

    ## Example
    ```markdown
    (a file saved as Latin-1, such as `caf\\xe9`)
    ```

    Use instead:
    ```markdown
    (the same file saved as UTF-8)
    ```

    ## Fix safety
    No fix: re-encode the file with your editor.
    """,
)
