"""The rule contract: a rule declares its code, name, severity, fix availability and docs, and
(unless the schema reports it) a check that yields violations. The core stamps the rest.

A rule that looks across files (PL508, duplicates in several lists) adds two steps: a
``summarize`` that keeps what it needs of each file, and a ``finish`` that reads the
summaries of every file of the run once all are checked."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from paperlint.model import Document, Field
from paperlint.problem import FixAvailability, Severity, Violation
from paperlint.settings import Settings
from paperlint.source import Source

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix safety")
_FENCE_RE = re.compile(r"^```markdown\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass
class Context:
    """What a rule may read: the parsed document and the options configured for it."""

    document: Document
    # This rule's options: configured values over the defaults its ``Option``s declare.
    options: dict[str, Any] = field(default_factory=dict)
    settings: Settings | None = None  # the run's settings (None: a rule checked on its own)

    @property
    def source(self) -> Source:
        return self.document.source

    @property
    def lines(self) -> list[str]:
        return self.document.source.lines


Check = Callable[[Context], Iterable[Violation]]

# What a rule's findings depend on. "section": what it finds between two ATX headings
# depends only on those lines, the line on either side, and what the parser found there
# (and on the layout, the month and category of an entry, the settings), and its messages
# name no line outside their section; so after an edit the language server runs it only
# where the edit was and moves its other findings. "document": anything else (orders,
# counts, anchors, duplicates, the file's end): run whole on every check, unless the rule
# declares what it ``reads`` (below).
Scope = Literal["section", "document"]

# What a rule of scope "document" reads of some lines: called on the part of a document
# the language server checks again (``server.reuse.part``: the sections an edit touched)
# before and after an edit that added or removed no line. When the two are equal, the
# rule's findings are the previous version's (those after the edit moved by the characters
# it added), and so is its ``summarize``: so it must hold everything the rule, and its
# summary, read there (values, and lines and columns of what it reports), and the rule
# must read nothing else of the changed lines.
Reads = Callable[[Document], Any]


def line_view(document: Document) -> tuple[int, int]:
    """The first and last line a rule scanning the lines must look at: every line, or in
    the part of a document the language server checks again, the part's lines."""
    return document.derived(_every_line)


def _every_line(document: Document) -> tuple[int, int]:
    return 1, len(document.source.lines)


def viewing(first: int, last: int) -> dict[Callable[[Any], Any], Any]:
    """The derived values (``Document.derived``) of a part of a document that shows lines
    ``first`` to ``last``: ``line_view`` of it."""
    return {_every_line: (first, last)}


@dataclass(frozen=True)
class FileSummary:
    """What a cross-file rule's ``summarize`` kept of one file, and the path it reports under."""

    path: str
    summary: Any


# What a rule keeps of one file for its ``finish`` (None: the file takes no part). Small and
# picklable: worker processes send it back, and a run keeps one per file.
Summarize = Callable[[Context], Any]
# Every file's summary, in run order, to (path, violation) for the problems found across files.
Finish = Callable[[Sequence[FileSummary]], Iterable[tuple[str, Violation]]]
# A summary split by what it can match on, key -> the part under it: files whose summaries
# share no key cannot change each other's findings, and when one file's part under a key
# changes, only the files sharing that key need checking again (what an editor re-checks).
Keys = Callable[[Any], Mapping[str, Any]]


@dataclass(frozen=True)
class Option:
    """A rule option: its type, default and one line of help (validated from config).

    ``choices``, when given, are the only values allowed (an enumeration such as an order).
    """

    kind: type
    default: Any
    help: str
    choices: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    fix_availability: FixAvailability  # each fix says whether it is safe
    summary: str
    doc: str
    check: Check | None = None  # None: the schema reports this rule
    options: dict[str, Option] = field(default_factory=dict)
    # Looking across files (see the module's docstring); ``keys`` None: any two files may match.
    summarize: Summarize | None = None
    finish: Finish | None = None
    keys: Keys | None = None
    scope: Scope = "document"
    reads: Reads | None = None  # None: a "document" rule runs whole on every check

    def sections(self) -> dict[str, str]:
        """The doc's ``## Heading`` sections, by heading (headings in code fences excluded)."""
        sections: dict[str, list[str]] = {}
        current: list[str] | None = None
        fenced = False
        for line in self.doc.split("\n"):
            if line.startswith("```"):
                fenced = not fenced
            if not fenced and line.startswith("## "):
                current = sections.setdefault(line[3:].strip(), [])
            elif current is not None:
                current.append(line)
        return {title: "\n".join(body).strip() for title, body in sections.items()}

    def examples(self) -> tuple[str | None, str | None]:
        """The failing example and the passing one ("Use instead:") of the Example section."""
        blocks = _FENCE_RE.findall(self.sections().get("Example", ""))
        failing = blocks[0] if blocks else None
        passing = blocks[1] if len(blocks) > 1 else None
        return failing, passing


def rule(
    check: Check,
    code: str,
    name: str,
    summary: str,
    *,
    severity: Severity = Severity.ERROR,
    fix: FixAvailability = FixAvailability.NEVER,
    doc: str | None = None,
    options: dict[str, Option] | None = None,
    summarize: Summarize | None = None,
    finish: Finish | None = None,
    keys: Keys | None = None,
    scope: Scope = "document",
    reads: Reads | None = None,
) -> Rule:
    """A rule whose check is ``check``; the check's docstring is the rule's documentation."""
    return Rule(
        code,
        name,
        severity,
        fix,
        summary,
        _dedent(doc or check.__doc__ or ""),
        check,
        options or {},
        summarize=summarize,
        finish=finish,
        keys=keys,
        scope=scope,
        reads=reads,
    )


def declare(
    code: str,
    name: str,
    summary: str,
    doc: str,
    *,
    severity: Severity = Severity.ERROR,
    fix: FixAvailability = FixAvailability.NEVER,
) -> Rule:
    """A rule that the schema (or the core) reports, declared so it has docs and a name."""
    return Rule(code, name, severity, fix, summary, _dedent(doc))


def _dedent(text: str) -> str:
    import textwrap

    lines = text.strip("\n").split("\n")
    if len(lines) > 1:
        return (lines[0].strip() + "\n" + textwrap.dedent("\n".join(lines[1:]))).strip()
    return text.strip()


def entry_fields(document: Document) -> Iterator[Field]:
    """The fields that belong to an entry (its own and its details blocks'), in file order.

    Labelled bullets outside any entry are not paper fields (PL106 reports them), so the
    field rules leave them alone. Collected once per document: five rules read them.
    """
    return iter(document.derived(_entry_fields))


def _entry_fields(document: Document) -> list[Field]:
    found: list[Field] = []
    for entry in document.entries():
        # A table's columns are fields without label markup: no label rule applies.
        found.extend(item for item in entry.fields if item.style != "table")
        for block in entry.details:
            found.extend(block.fields)
    found.sort(key=lambda item: (item.line, item.column))
    return found
