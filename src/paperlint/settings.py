"""The resolved settings of one run: configuration file values overridden by the CLI."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import Any

from paperlint.model import Layout


@dataclass(frozen=True)
class ListSettings:
    """A ``[[lists]]`` table: how the files its globs match are written, where a repository
    mixes conventions (a README index next to per-topic lists). Unset values: the run's."""

    include: tuple[str, ...]
    entry_kind: str | None = None  # "none": the files are not paper lists
    layout: Layout | None = None
    layout_auto: tuple[str, ...] = ()
    month_headings: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Settings:
    schema: str | None = None  # path of a user schema; None = built-in
    select: tuple[str, ...] | None = None  # None = every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # globs of paths not to check
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    layout: Layout | None = None  # None = infer from each file
    layout_auto: tuple[str, ...] = ()  # with a layout: the levels still inferred per file
    aliases: dict[str, str] = field(default_factory=dict)  # merged over the schema's
    # By rule code: the options configured (PL103's month order, PL403's label style, ...).
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    entry_kind: str = "auto"  # "auto", "heading", "bullet", "paragraph" or "table"
    month_headings: tuple[str, ...] = ("YYYYMM",)  # forms of month headings (parse.dates)
    required: tuple[str, ...] | None = None  # required field labels; None = the schema's
    known: tuple[str, ...] = ()  # more field labels the list may use (added to the schema's)
    lists: tuple[ListSettings, ...] = ()  # per-file layouts, first match wins
    origin: str | None = None  # the config file these came from, for messages

    def relative(self, path: str) -> str:
        """``path`` as ``exclude`` and ``per-file-ignores`` globs see it: relative to the
        configuration file's folder (the working folder without one), so that a glob means
        the same files whichever folder paperlint runs from. Paths outside that folder and
        ``-`` (stdin) are returned unchanged."""
        if path == "-" or not path:
            return path
        return _config_relative(path, self.origin, os.getcwd())


@functools.lru_cache(maxsize=4096)
def _config_relative(path: str, origin: str | None, cwd: str) -> str:
    """``Settings.relative`` for one configuration file and working folder (cached)."""
    root = os.path.realpath(os.path.dirname(os.path.join(cwd, origin or "x")))
    absolute = os.path.normpath(os.path.join(cwd, path))
    folder = os.path.realpath(os.path.dirname(absolute))
    try:
        relative = os.path.relpath(os.path.join(folder, os.path.basename(absolute)), root)
    except ValueError:  # another drive on Windows
        return path
    if relative == ".." or relative.startswith(".." + os.sep):
        return path
    return relative.replace(os.sep, "/")
