"""Turning the PATH arguments into the list of files to check."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator

STDIN = "-"


def collect(paths: Iterable[str], exclude: tuple[str, ...] = ()) -> list[str]:
    """Files named directly, and ``*.md`` files found recursively in folders.

    Folders are walked in sorted order (stable output), hidden folders such as ``.git``
    are skipped, and ``exclude`` globs apply to files found in folders and to files named
    directly alike. Duplicates are dropped, first occurrence kept.
    """
    seen: dict[str, None] = {}
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            for found in _walk(path):
                if not excluded(found, exclude):
                    seen.setdefault(found)
        elif path == STDIN or not excluded(path, exclude):
            seen.setdefault(path)
    return list(seen)


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(".md"):
                yield os.path.join(root, name)


def excluded(path: str, globs: Iterable[str]) -> bool:
    """Whether a glob matches the path, any suffix of it, or its file name."""
    normal = os.path.normpath(path).replace(os.sep, "/")
    parts = normal.split("/")
    candidates = {normal, *("/".join(parts[i:]) for i in range(len(parts)))}
    return any(fnmatch.fnmatchcase(c, g) for g in globs for c in candidates)
