"""What checking a file gives: its problems and what a fix or a report needs of it.

Below the checker, the parallel workers, the fix engine and the reporters: each of them
makes or reads results, and a reporter never needs the checker to do so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from paperlint.problem import Problem

if TYPE_CHECKING:
    from paperlint.model import Document
    from paperlint.source import Source
    from paperlint.suppress import Suppressions

UNREADABLE = "PL901"


class InternalError(Exception):
    """A bug in paperlint while handling one file; the CLI asks the user to report it."""

    def __init__(self, path: str, error: BaseException) -> None:
        super().__init__(f"{path}: {type(error).__name__}: {error}")
        self.path = path
        self.error = error


@dataclass
class FileResult:
    path: str
    problems: list[Problem] = field(default_factory=list)
    source: Source | None = None
    document: Document | None = None
    # The file's suppression comments: the fix engine must not edit lines they cover.
    suppressions: Suppressions | None = None
    # What each cross-file rule's ``summarize`` kept of the file, by rule code: small and
    # picklable, for the rule's ``finish`` once every file of the run is checked.
    summaries: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0  # how long reading and checking the file took (JUnit reports it)
    # Entries found in the file (None: not read); 0 means ordinary Markdown, not a list.
    entries: int | None = None

    @property
    def unreadable(self) -> bool:
        return any(p.code == UNREADABLE for p in self.problems)

    def compact(self) -> FileResult:
        """The result without the Document, and without the Source unless needed later.

        What a run keeps per file once the file is checked (2,000 files of 50 entries: 1.4 GB
        with every Document kept) and what a worker process sends back. The Source stays
        when a problem carries a fix (reports give each edit's line and column) or the file
        has suppression comments (``finish`` recomputes the unused ones from the text).
        """
        needs_source = any(p.fix is not None for p in self.problems) or (
            self.suppressions is not None and bool(self.suppressions.directives)
        )
        return replace(self, document=None, source=self.source if needs_source else None)
