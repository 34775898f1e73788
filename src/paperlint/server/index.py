"""What the cross-file rules (PL508's duplicates) keep of every list in the workspace.

Built when the server starts (each list parsed once, as ``check`` parses it) and kept
current: an open document contributes the summaries of its latest version, a closed one
those of the file on disk, read again when the editor says it was saved or changed. The
summaries are split by the keys they can match on (``Checker.summary_parts``), so a check
reads only the files that share a key with it.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from paperlint.checker import Checker
from paperlint.files import collect
from paperlint.result import FileResult
from paperlint.source import InputError, read_source

_MISSING = object()


class WorkspaceIndex:
    """Cross-file summaries by file (absolute path), and the files each key is in."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # path -> (shown path, summaries by rule code, parts by key)
        self._files: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {}
        self._by_key: dict[str, set[str]] = {}
        # The parts ``sharing`` computed for a check, by path, for ``update`` to reuse when
        # that check is recorded (a large list's parts cost as much as the rest of the index).
        self._pending: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

    def __len__(self) -> int:
        return len(self._files)

    def update(
        self, path: str, shown: str, summaries: dict[str, Any], checker: Checker
    ) -> set[str]:
        """Record a file's summaries; return the keys whose part changed (a paper that moved
        changes too: other files' messages name its line)."""
        with self._lock:
            pending = self._pending.pop(path, None)
            recorded = self._files.get(path)
            if recorded is not None and recorded[0] == shown and _same(recorded[1], summaries):
                return set()  # the check kept the very summaries recorded: nothing changed
        parts = (
            pending[1] if pending and pending[0] is summaries else checker.summary_parts(summaries)
        )
        with self._lock:
            old = self._files.get(path, ("", {}, {}))[2]
            self._drop(path)
            self._files[path] = (shown, summaries, parts)
            for key in parts:
                self._by_key.setdefault(key, set()).add(path)
        return {
            key
            for key in old.keys() | parts.keys()
            if old.get(key, _MISSING) != parts.get(key, _MISSING)
        }

    def remove(self, path: str) -> set[str]:
        with self._lock:
            old = self._files.get(path, ("", {}, {}))[2]
            self._drop(path)
            self._files.pop(path, None)
            self._pending.pop(path, None)
        return set(old)

    def keys(self, path: str) -> set[str]:
        """The keys of a file as last recorded."""
        with self._lock:
            return set(self._files.get(path, ("", {}, {}))[2])

    def _drop(self, path: str) -> None:
        for key in self._files.get(path, ("", {}, {}))[2]:
            holders = self._by_key.get(key)
            if holders is not None:
                holders.discard(path)
                if not holders:
                    del self._by_key[key]

    def sharing(self, path: str, summaries: dict[str, Any], checker: Checker) -> list[FileResult]:
        """The other files that share a key with ``summaries`` (a new check of ``path``), as
        ``finish`` reads them (shown path and summaries), in the order ``check`` lists them."""
        with self._lock:
            recorded = self._files.get(path)
        if recorded is not None and _same(recorded[1], summaries):
            parts = recorded[2]  # the server kept the summaries of the unchanged papers
        else:
            parts = checker.summary_parts(summaries)
        with self._lock:
            self._pending[path] = (summaries, parts)
            paths = {other for key in parts for other in self._by_key.get(key, ()) if other != path}
            found = [self._files[p][:2] for p in paths]
        return [
            FileResult(shown, summaries=summaries)
            for shown, summaries in sorted(found, key=lambda f: f[0])
        ]

    def read(self, path: str, shown: str, checker: Checker) -> set[str]:
        """Index the file on disk (a file that cannot be read has no summaries)."""
        try:
            summaries = checker.summarize(checker.parse(read_source(path, shown)))
        except InputError:
            return self.remove(path)
        return self.update(path, shown, summaries, checker)


def _same(recorded: dict[str, Any], summaries: dict[str, Any]) -> bool:
    """Whether ``summaries`` are the recorded ones themselves, rule by rule (a re-check
    that left a rule's summary alone hands back the very object)."""
    return recorded.keys() == summaries.keys() and all(
        summaries[code] is summary for code, summary in recorded.items()
    )


def lists_in(folder: str, exclude: tuple[str, ...]) -> list[str]:
    """The Markdown files ``paperlint check FOLDER`` would check, as absolute paths."""
    files = collect([folder], exclude)
    return [os.path.abspath(f) for f in files]
