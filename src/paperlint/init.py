"""``paperlint init``: infer a project's conventions from its lists and write them down.

The layout a file implies (month, category and entry levels), the month order, the field
labels in use and the aliases seen become a configuration, so that a project pins what
``layout = "auto"`` would otherwise guess afresh for every file. Nothing here prints.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from paperlint import config
from paperlint.checker import Checker
from paperlint.files import collect
from paperlint.model import Document, Layout
from paperlint.settings import Settings
from paperlint.source import InputError, read_source

OWN_NAMES = (".paperlint.toml", "paperlint.toml")
PYPROJECT = "pyproject.toml"
_MONTH_RE = re.compile(r"[0-9]{6}")


class InitError(Exception):
    """Nothing to infer from, or a configuration that ``--force`` must be asked to replace."""


@dataclass
class Inference:
    files: list[str]
    entries: int
    layout: Layout
    month_order: str
    labels: Counter[str] = field(default_factory=Counter)
    aliases: dict[str, str] = field(default_factory=dict)  # as written → canonical


@dataclass
class Outcome:
    path: Path  # the file written
    table: str  # the TOML written
    files: list[str]
    problems: int
    fixable: int

    def report(self) -> str:
        noun = "problem" if self.problems == 1 else "problems"
        where = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        fixable = f" ({self.fixable} fixable with `paperlint fix`)" if self.fixable else ""
        return (
            f"Wrote {self.path.name}:\n\n{self.table}\n"
            f"Under this configuration: {self.problems} {noun} in {where}{fixable}; "
            "run `paperlint check` to see them.\n"
        )


def infer(paths: list[str], where: str | None = None) -> Inference:
    """What the readable lists among ``paths`` have in common (weighted by their entries)."""
    checker = Checker(Settings())
    layouts: Counter[Layout] = Counter()
    labels: Counter[str] = Counter()
    aliases: dict[str, str] = {}
    steps: Counter[str] = Counter()
    used: list[str] = []
    for path in paths:
        try:
            document = checker.parse(read_source(path))
        except InputError:
            continue
        entries = len(document.entries())
        if document.layout.entry is None or not entries:
            continue
        used.append(path)
        layouts[document.layout] += entries
        steps.update(_month_steps(document))
        for item in document.fields:
            labels[item.label] += 1
            if item.written != item.label and item.written.lower() != item.label.lower():
                aliases.setdefault(item.written, item.label)
    if not layouts:
        count = f"{len(paths)} Markdown file{'s' if len(paths) != 1 else ''}"
        raise InitError(
            f"no paper-list entries found in {where or ', '.join(paths)} ({count}): "
            "nothing to infer a layout from"
        )
    layout = max(layouts, key=lambda candidate: layouts[candidate])
    return Inference(used, sum(layouts.values()), layout, _month_order(steps), labels, aliases)


def _month_steps(document: Document) -> Counter[str]:
    """How consecutive months follow each other in one file: "desc", "asc" or "same"."""
    months = [m.month for m in document.months if m.month and _MONTH_RE.fullmatch(m.month)]
    steps: Counter[str] = Counter()
    for earlier, later in itertools.pairwise(months):
        steps["desc" if earlier > later else "asc" if earlier < later else "same"] += 1
    return steps


def _month_order(steps: Counter[str]) -> str:
    if steps["desc"] and steps["asc"]:
        return "any"
    return "asc" if steps["asc"] else "desc"


def render(inference: Inference, *, pyproject: bool) -> str:
    """The configuration as TOML: top-level tables, or under ``tool.paperlint``."""
    prefix = "tool.paperlint." if pyproject else ""
    count = len(inference.files)
    # In pyproject.toml the comments go inside the table, so `--force` replaces them with it.
    lines = ["[tool.paperlint]"] if pyproject else []
    lines += [
        f"# paperlint configuration inferred by `paperlint init` from {count} "
        f"file{'s' if count != 1 else ''} ({inference.entries} entries).",
    ]
    if inference.labels:
        in_use = ", ".join(label for label, _ in inference.labels.most_common())
        lines += textwrap.wrap(
            f"Field labels in use: {in_use}.",
            width=98,
            initial_indent="# ",
            subsequent_indent="#   ",
        )
    lines += ["", f"[{prefix}layout]"]
    for name in config.LEVEL_NAMES:
        level = getattr(inference.layout, name)
        lines.append(f"{name} = {level}" if level is not None else f'{name} = "{config.NONE}"')
    lines.append(f'month-order = "{inference.month_order}"')
    if inference.aliases:
        lines += ["", "# Aliases seen in the lists (also reported by PL205 field-alias)."]
        lines.append(f"[{prefix}fields.aliases]")
        for alias, label in sorted(inference.aliases.items()):
            lines.append(f"{_toml_string(alias)} = {_toml_string(label)}")
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(text, ensure_ascii=False)


# -- writing ----------------------------------------------------------------------------------


def existing_config(folder: Path) -> Path | None:
    """The paperlint configuration already in ``folder``, if any."""
    for name in OWN_NAMES:
        if (folder / name).is_file():
            return folder / name
    pyproject = folder / PYPROJECT
    if pyproject.is_file() and _has_paperlint_table(pyproject):
        return pyproject
    return None


def _has_paperlint_table(path: Path) -> bool:
    try:
        data = config.read_toml(path)
    except config.ConfigError as error:
        raise InitError(str(error)) from None
    tool = data.get("tool")
    return isinstance(tool, dict) and "paperlint" in tool


def write(folder: Path, inference: Inference, *, force: bool) -> tuple[Path, str]:
    """Write the configuration into ``folder``; refuse to replace one unless ``force``."""
    existing = existing_config(folder)
    if existing is not None and not force:
        raise InitError(
            f"{existing} already configures paperlint; use `paperlint init --force` to replace it"
        )
    pyproject = folder / PYPROJECT
    if existing is not None and existing.name in OWN_NAMES:
        target = existing
    elif pyproject.is_file():
        target = pyproject
    else:
        target = folder / OWN_NAMES[0]
    table = render(inference, pyproject=target.name == PYPROJECT)
    _write(target, table)
    return target, table


def _write(target: Path, table: str) -> None:
    """Write atomically: a crash, a full disk or a concurrent edit leaves the old file."""
    from paperlint.tomledit import TomlEditError, replace_tool_table
    from paperlint.write import Stamp, WriteError, write_atomic

    stamp = Stamp.of(str(target))
    try:
        data = table.encode("utf-8")
        if target.name == PYPROJECT:  # the user's own formatting and comments stay as they were
            text = target.read_bytes().decode("utf-8")
            data = replace_tool_table(text, "paperlint", table).encode("utf-8")
    except OSError as error:
        raise InitError(f"{target}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise InitError(f"{target}: not UTF-8 ({error.reason}); nothing written") from None
    except TomlEditError as error:
        raise InitError(f"{target}: {error}; nothing written") from None
    try:
        write_atomic(str(target), data, stamp, new=stamp is None)
    except WriteError as error:
        raise InitError(f"{target}: {error}") from None


def run(path: str, folder: str | os.PathLike[str], *, force: bool = False) -> Outcome:
    """Infer from the lists at ``path``, write the configuration into ``folder``, and count
    the problems the lists have under it."""
    inference = infer(collect([path]), path)
    target, table = write(Path(folder), inference, force=force)
    try:
        checker = Checker(config.load(str(target)))
    except config.ConfigError as error:  # a bug: we just wrote it
        raise InitError(f"{target}: the configuration written does not load: {error}") from None
    results = checker.run(inference.files)
    problems = [p for r in results for p in r.problems]
    fixable = sum(1 for p in problems if p.fix is not None and p.fix.safe)
    return Outcome(target, table, inference.files, len(problems), fixable)
