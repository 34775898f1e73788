"""Turning the PATH arguments into the list of files to check."""

from __future__ import annotations

import fnmatch
import os
import subprocess
from collections.abc import Iterable, Iterator

STDIN = "-"


def collect(paths: Iterable[str], exclude: tuple[str, ...] = ()) -> list[str]:
    """Files named directly, and ``*.md`` files found recursively in folders.

    Folders are walked in sorted order (stable output), hidden folders such as ``.git``
    are skipped, files Git ignores are left out of folders (a list's repository may hold
    vendored Markdown), and ``exclude`` globs apply to files found in folders and to files
    named directly alike. A file named twice (``a.md ./a.md``, a folder and a file in it, a
    symlink or hard link) is kept once, under the first name: checked twice, it would be
    compared with itself.
    """
    seen: dict[object, str] = {}
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            for found in not_ignored(path, list(_walk(path))):
                if not excluded(found, exclude):
                    seen.setdefault(_identity(found), found)
        elif path == STDIN or not excluded(path, exclude):
            seen.setdefault(_identity(path), path)
    return list(seen.values())


def _identity(path: str) -> object:
    """What makes two names one file: its device and inode, else its real path."""
    if path == STDIN:
        return STDIN
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        info = None
    if info is None or not info.st_ino:  # some network file systems report no inode
        return os.path.normcase(os.path.realpath(path))
    return (info.st_dev, info.st_ino)


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(".md"):
                yield os.path.join(root, name)


def not_ignored(folder: str, files: list[str]) -> list[str]:
    """``files`` (found in ``folder``) without those Git ignores, as ruff does.

    Asks ``git check-ignore`` once for all of them; outside a Git work tree, or without
    git, every file is kept. Tracked files are never ignored. A folder Git ignores as a
    whole was named on purpose (a build output, generated lists): all its files are kept,
    as a file named directly is.
    """
    if not files:
        return files
    relative = [os.path.relpath(found, folder) for found in files]
    try:
        done = subprocess.run(
            ["git", "-C", folder, "check-ignore", "--stdin", "-z"],
            input="\0".join([".", *relative]).encode("utf-8", "surrogateescape"),
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return files
    if done.returncode not in (0, 1):  # 1: nothing ignored; 128: not a repository
        return files
    ignored = set(done.stdout.decode("utf-8", "surrogateescape").split("\0"))
    if "." in ignored:
        return files
    return [found for found, rel in zip(files, relative, strict=True) if rel not in ignored]


def excluded(path: str, globs: Iterable[str]) -> bool:
    """Whether a glob matches the path, any suffix of it, or its file name."""
    normal = os.path.normpath(path).replace(os.sep, "/")
    parts = normal.split("/")
    candidates = {normal, *("/".join(parts[i:]) for i in range(len(parts)))}
    return any(fnmatch.fnmatchcase(c, g) for g in globs for c in candidates)
