"""The papers of every list in the workspace, for duplicates across files (PL508).

Built when the server starts (each list parsed once, as ``check`` parses it) and kept
current: an open document contributes the papers of its latest version, a closed one
those of the file on disk, read again when the editor says it was saved or changed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable

from paperlint.checker import Checker
from paperlint.files import collect
from paperlint.result import FileResult
from paperlint.rules.links import PaperRef, paper_index
from paperlint.source import InputError, read_source


class WorkspaceIndex:
    """Paper references by file (absolute path), and the files each match key is in."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._papers: dict[str, tuple[str, list[PaperRef]]] = {}  # path -> (shown, refs)
        self._by_key: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._papers)

    def update(self, path: str, shown: str, papers: list[PaperRef]) -> set[str]:
        """Record a file's papers; return the match keys of the papers that changed (a
        paper that moved changes too: other files' messages name its line)."""
        with self._lock:
            old = self._papers.get(path, ("", []))[1]
            self._drop(path)
            self._papers[path] = (shown, papers)
            for ref in papers:
                for key in ref.match_keys():
                    self._by_key.setdefault(key, set()).add(path)
        return _keys(list(set(old) ^ set(papers)))

    def remove(self, path: str) -> set[str]:
        with self._lock:
            old = self._papers.get(path, ("", []))[1]
            self._drop(path)
            self._papers.pop(path, None)
        return _keys(old)

    def _drop(self, path: str) -> None:
        for ref in self._papers.get(path, ("", []))[1]:
            for key in ref.match_keys():
                holders = self._by_key.get(key)
                if holders is not None:
                    holders.discard(path)
                    if not holders:
                        del self._by_key[key]

    def sharing(self, path: str, papers: Iterable[PaperRef]) -> list[FileResult]:
        """The other files with a paper that matches one of ``papers``, as ``finish`` reads
        them (shown path and papers), in the order ``check`` would list them."""
        with self._lock:
            paths = {
                other
                for ref in papers
                for key in ref.match_keys()
                for other in self._by_key.get(key, ())
                if other != path
            }
            found = [(self._papers[p][0], self._papers[p][1]) for p in paths]
        return [FileResult(shown, papers=refs) for shown, refs in sorted(found)]

    def read(self, path: str, shown: str, checker: Checker) -> set[str]:
        """Index the file on disk (a file that cannot be read has no papers)."""
        try:
            document = checker.parse(read_source(path, shown))
            papers = paper_index(document) if "PL508" in checker.enabled else []
        except InputError:
            return self.remove(path)
        return self.update(path, shown, papers)


def _keys(papers: list[PaperRef]) -> set[str]:
    return {key for ref in papers for key in ref.match_keys()}


def lists_in(folder: str, exclude: tuple[str, ...]) -> list[str]:
    """The Markdown files ``paperlint check FOLDER`` would check, as absolute paths."""
    files = collect([folder], exclude)
    return [os.path.abspath(f) for f in files]
