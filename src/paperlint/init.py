"""``paperlint init``: infer a project's conventions from its lists and write them down.

The layout a file implies (month, category and entry levels), the month order, the field
labels in use and the aliases seen become a configuration, so that a project pins what
``layout = "auto"`` would otherwise guess afresh for every file. Nothing here prints.
"""

from __future__ import annotations

import itertools
import json
import os
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from paperlint import config, rules
from paperlint.checker import Checker
from paperlint.files import collect
from paperlint.model import Document, Entry, Layout
from paperlint.parse import dates as config_dates
from paperlint.problem import applicable
from paperlint.rules.links import title_key
from paperlint.settings import Settings
from paperlint.source import InputError, Source, read_source
from paperlint.syntax import MONTH_RE
from paperlint.text import keypoint_separators

OWN_NAMES = (".paperlint.toml", "paperlint.toml")
PYPROJECT = "pyproject.toml"


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
    entry_kinds: dict[str, str] = field(default_factory=dict)  # file → its entry kind
    entry_kind: str = "auto"
    month_headings: tuple[str, ...] = config_dates.DEFAULT_HEADINGS
    date_source: str = "none"
    required: tuple[str, ...] = ()
    known: tuple[str, ...] = ()
    label_style: str | None = None
    separator: str | None = None
    arxiv_style: str = "none"  # "abs", "pdf" or "none" (no arXiv links)
    toc: bool = False
    duplicate_scope: str = "run"
    arxiv_tolerance: int = 0  # months an arXiv id may differ from the entry's month (PL507)
    counts: dict[str, int] = field(default_factory=dict)  # file → entries
    scanned: int = 0  # Markdown files read
    pdf_links: list[str] = field(default_factory=list)  # files that link arXiv PDFs as a rule

    def decisions(self) -> list[tuple[str, str, str]]:
        """(convention, what was found, why): the table ``init`` prints."""
        kinds = Counter(self.entry_kinds.values())
        kind_text = ", ".join(f"{k} ({n} file{'s' if n != 1 else ''})" for k, n in kinds.items())
        rows = [
            (
                "paper lists",
                f"{len(self.files)} of {self.scanned} files, {self.entries} entries",
                "files with no entries are not lists",
            ),
            ("entry kind", kind_text or "none", f'layout.entries = "{self.entry_kind}"'),
            ("month source", self.date_source, f"dates.headings = {list(self.month_headings)}"),
            ("label style", self.label_style or "no labels", "PL403 enforces it"),
            ("required fields", ", ".join(self.required) or "none", "in nearly every entry"),
            ("known fields", ", ".join(self.known) or "none", "in use, not in every entry"),
            ("Keypoints separator", self.separator or "none", "most used"),
            (
                "arXiv links",
                f"{self.arxiv_style}; PDFs as a rule in {len(self.pdf_links)} file(s)",
                "PL506 off where PDFs are the norm",
            ),
            ("table of contents", "yes" if self.toc else "no", "PL502 checks it when present"),
            ("duplicates", f"sought per {self.duplicate_scope}", "PL508 scope"),
            (
                "arXiv id vs month",
                f"differ by up to {self.arxiv_tolerance} month(s) as a rule",
                "PL507 tolerance",
            ),
        ]
        return rows


@dataclass
class Outcome:
    path: Path  # the file written
    table: str  # the TOML written
    files: list[str]
    problems: int
    fixable: int
    found: str = ""  # what was learned, as a table

    def report(self) -> str:
        noun = "problem" if self.problems == 1 else "problems"
        where = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        fixable = f" ({self.fixable} fixable with `paperlint fix`)" if self.fixable else ""
        return (
            f"{self.found}\nWrote {self.path.name}:\n\n{self.table}\n"
            f"Under this configuration: {self.problems} {noun} in {where}{fixable}; "
            "run `paperlint check` to see them.\n"
        )


def _learn_from(entries: list[Entry]) -> bool:
    """Whether a file's entries are papers to learn conventions from.

    Bullet, paragraph and table entries are found on evidence (dates, paper links) already.
    Heading entries are not: a CONTRIBUTING.md or NOTES.md beside the list has sections the
    parser may take for entries, but most carry no labelled fields, and counting them would
    outvote the list's own layout."""
    headed = [entry for entry in entries if entry.kind == "heading"]
    with_fields = sum(1 for entry in headed if entry.fields)
    return bool(entries) and 2 * with_fields >= len(headed)


def infer(paths: list[str], where: str | None = None) -> Inference:
    """What the readable lists among ``paths`` have in common (weighted by their entries)."""
    sources = []
    for path in paths:
        try:
            sources.append(read_source(path))
        except InputError:
            continue
    # The month-heading forms in use: every form two headings or more are written in.
    forms = Counter(_heading_forms(sources))
    month_headings = tuple(f for f, n in forms.most_common() if n >= 2) or (
        config_dates.DEFAULT_HEADINGS
    )
    checker = Checker(Settings(month_headings=month_headings, required=()))
    layouts: Counter[Layout] = Counter()
    labels: Counter[str] = Counter()
    per_entry: Counter[str] = Counter()
    styles: Counter[str] = Counter()
    separators: Counter[str] = Counter()
    arxiv: Counter[str] = Counter()
    aliases: dict[str, str] = {}
    steps: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    counts: dict[str, int] = {}
    sources_of_month: Counter[str] = Counter()
    papers: dict[str, set[str]] = {}
    gaps: Counter[int] = Counter()  # |arXiv month - entry month| of the dated entries
    file_arxiv: dict[str, Counter[str]] = {}
    toc = False
    used: list[str] = []
    for source in sources:
        document = checker.parse(source)
        entries = document.entries()
        if not _learn_from(entries):
            continue
        used.append(source.path)
        counts[source.path] = len(entries)
        kinds[source.path] = Counter(e.kind for e in entries).most_common(1)[0][0]
        layouts[document.layout] += len(entries)
        steps.update(_month_steps(document))
        toc = toc or any(link.url.startswith("#") for link in document.links[:400])
        for entry in entries:
            per_entry.update({item.label for item in entry.fields})
            sources_of_month[_month_source(document, entry)] += 1
            for value in (entry.field_values().get("Keypoints", ""),):
                separators.update(keypoint_separators(value))
            for link in entry.links:
                if "arxiv.org/" in link.url:
                    style = "abs" if "/abs/" in link.url else "pdf"
                    arxiv[style] += 1
                    file_arxiv.setdefault(source.path, Counter())[style] += 1
            gap = _arxiv_gap(entry)
            if gap is not None:
                gaps[gap] += 1
            key = title_key(entry.title)
            if key:
                papers.setdefault(key, set()).add(source.path)
        for item in document.fields:
            labels[item.label] += 1
            styles["code" if item.style.startswith("code") else item.style] += 1
            if item.written != item.label and item.written.lower() != item.label.lower():
                aliases.setdefault(item.written, item.label)
    if not layouts:
        count = f"{len(paths)} Markdown file{'s' if len(paths) != 1 else ''}"
        raise InitError(
            f"no paper-list entries found in {where or ', '.join(paths)} ({count}): "
            "nothing to infer a layout from"
        )
    total = sum(layouts.values())
    layout = max(layouts, key=lambda candidate: layouts[candidate])
    # Required: in nearly every entry (95 %); known: the others in use.
    required = tuple(label for label, n in per_entry.most_common() if n >= 0.95 * total)
    known = tuple(label for label, _ in per_entry.most_common() if label not in required)
    kind_set = set(kinds.values())
    shared = sum(1 for files in papers.values() if len(files) > 1)
    return Inference(
        used,
        total,
        layout,
        _month_order(steps),
        labels,
        aliases,
        entry_kinds=kinds,
        entry_kind=kind_set.pop() if len(kind_set) == 1 else "auto",
        month_headings=month_headings,
        date_source=", ".join(s for s, _ in sources_of_month.most_common()) or "none",
        required=required,
        known=known,
        label_style=styles.most_common(1)[0][0] if styles else None,
        separator=separators.most_common(1)[0][0] if separators else None,
        arxiv_style=arxiv.most_common(1)[0][0] if arxiv else "none",
        toc=toc,
        # Many papers in several files: the list files papers under several topics on purpose.
        duplicate_scope="file" if len(used) > 1 and shared >= max(3, 0.05 * len(papers)) else "run",
        arxiv_tolerance=_tolerance(gaps),
        counts=counts,
        scanned=len(sources),
        pdf_links=[path for path, styles in file_arxiv.items() if styles["pdf"] > styles["abs"]],
    )


def _arxiv_gap(entry: Entry) -> int | None:
    """Months between the entry's month and its first arXiv id, when it has both."""
    if entry.month is None or len(entry.month) != 6 or not entry.arxiv:
        return None
    year, month = int(entry.month[:4]), int(entry.month[4:])
    ident = entry.arxiv[0]
    return abs((year * 12 + month) - ((2000 + int(ident[:2])) * 12 + int(ident[2:4])))


def _tolerance(gaps: Counter[int]) -> int:
    """1 when a list dates papers a month off their arXiv id as a habit (the date of a
    later version, or of the day the paper was added): more than 2 % of its entries."""
    total = sum(gaps.values())
    return 1 if total and gaps[1] > 0.02 * total else 0


def _heading_forms(sources: list[Source]) -> list[str]:
    """The built-in month-heading form of each heading that is written in one."""
    forms: list[str] = []
    for source in sources:
        for line in source.lines:
            if line.startswith("#"):
                found = config_dates.recognise_heading(line.lstrip("#").strip())
                if found is not None:
                    forms.append(found[0])
    return forms


def _month_source(document: Document, entry: Entry) -> str:
    if entry.month is None:
        return "none"
    heading_months = {m.month for m in document.months if m.heading is not None}
    if entry.month in heading_months:
        return "month headings"
    if entry.month == config_dates.file_month(document.path):
        return "file name"
    return "date tags or lines"


def _month_steps(document: Document) -> Counter[str]:
    """How consecutive months follow each other in one file: "desc", "asc" or "same"."""
    months = [m.month for m in document.months if m.month and MONTH_RE.fullmatch(m.month)]
    steps: Counter[str] = Counter()
    for earlier, later in itertools.pairwise(months):
        steps["desc" if earlier > later else "asc" if earlier < later else "same"] += 1
    return steps


def _month_order(steps: Counter[str]) -> str:
    if steps["desc"] and steps["asc"]:
        return "any"
    return "asc" if steps["asc"] else "desc"


def decision_table(inference: Inference) -> str:
    """What ``init`` found, as a table for the terminal."""
    rows = [("convention", "found", "configured as / why"), *inference.decisions()]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "".join(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}\n" for row in rows)


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
    pdf_everywhere = bool(inference.pdf_links) and set(inference.pdf_links) == set(inference.files)
    if pdf_everywhere:
        lines += [
            "# Most arXiv links here point at PDFs, not abstract pages: the lists' own choice.",
            'ignore = ["PL506"]',
        ]
    if inference.pdf_links and not pdf_everywhere:
        lines += [
            "",
            "# These lists link arXiv PDFs as a rule (PL506 asks for abstract pages elsewhere).",
            f"[{prefix}per-file-ignores]",
        ]
        for path in inference.pdf_links:
            glob = os.path.relpath(path).replace(os.sep, "/")
            lines.append(f'{_toml_string(glob)} = ["PL506"]')
    lines += ["", f"[{prefix}layout]"]
    for name in config.LEVEL_NAMES:
        level = getattr(inference.layout, name)
        lines.append(f"{name} = {level}" if level is not None else f'{name} = "{config.NONE}"')
    kinds = ", ".join(f"{Path(p).name}: {k}" for p, k in inference.entry_kinds.items())
    lines += textwrap.wrap(
        f"Entries are written as: {kinds}.",
        width=98,
        initial_indent="# ",
        subsequent_indent="#   ",
    )
    lines.append(f'entries = "{inference.entry_kind}"')
    lines += ["", f"[{prefix}dates]", f"# Months come from: {inference.date_source}."]
    lines.append(f"headings = {json.dumps(list(inference.month_headings), ensure_ascii=False)}")
    lines += ["", f"[{prefix}fields]"]
    lines.append("# Required: the labels nearly every entry has (PL201 reports the others).")
    lines.append(f"required = {json.dumps(list(inference.required), ensure_ascii=False)}")
    lines.append("# Known: the other labels in use (PL203 reports labels not listed).")
    lines.append(f"known = {json.dumps(list(inference.known), ensure_ascii=False)}")
    if inference.aliases:
        lines += ["", "# Aliases seen in the lists (also reported by PL205 field-alias)."]
        lines.append(f"[{prefix}fields.aliases]")
        for alias, label in sorted(inference.aliases.items()):
            lines.append(f"{_toml_string(alias)} = {_toml_string(label)}")
    if inference.entry_kind == "auto" and len(set(inference.entry_kinds.values())) > 1:
        lines += ["", "# Each list's own entry kind (the files mix conventions)."]
        for path, kind in inference.entry_kinds.items():
            glob = os.path.relpath(path).replace(os.sep, "/")
            lines += [f"[[{prefix}lists]]", f"include = [{_toml_string(glob)}]"]
            lines.append(f'entries = "{kind}"')
    lines += ["", f"[{prefix}rules.PL103]", "# How the months follow each other."]
    lines.append(f'order = "{inference.month_order}"')
    if inference.label_style is not None:
        styles = rules.get("PL403").options["style"].choices
        style = inference.label_style if inference.label_style in styles else "code"
        lines += ["", f"[{prefix}rules.PL403]"]
        lines.append("# How most labels are written (PL403 reports the others).")
        lines.append(f'style = "{style}"')
    if inference.separator is not None:
        lines += ["", f"[{prefix}rules.PL404]", "# The Keypoints separator used most."]
        lines.append(f"separator = {_toml_string(inference.separator)}")
    lines += ["", f"[{prefix}rules.PL508]"]
    if inference.duplicate_scope == "file":
        lines.append("# Many papers stand in several files: filed under several topics on purpose.")
    lines.append(f'scope = "{inference.duplicate_scope}"')
    if inference.arxiv_tolerance:
        lines += ["", f"[{prefix}rules.PL507]"]
        lines.append(
            "# Entries are often dated a month off their arXiv id (a later version, the day added)."
        )
        lines.append(f"tolerance = {inference.arxiv_tolerance}")
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
    fixable = sum(1 for p in problems if applicable(p.fix, unsafe_fixes=False))
    found = decision_table(inference)
    return Outcome(target, table, inference.files, len(problems), fixable, found)
