"""The rule contract: a rule declares its code, name, severity, fix availability and docs, and
(unless the schema reports it) a check that yields violations. The core stamps the rest."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from paperlint.model import Document, Field
from paperlint.problem import FixAvailability, Severity, Violation
from paperlint.source import Source

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix safety")
_FENCE_RE = re.compile(r"^```markdown\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass
class Context:
    """What a rule may read: the parsed document and the options configured for it."""

    document: Document
    # This rule's options: configured values over the defaults its ``Option``s declare.
    options: dict[str, Any] = field(default_factory=dict)
    settings: Any = None  # the run's Settings (month order, aliases, ...)

    @property
    def source(self) -> Source:
        return self.document.source

    @property
    def lines(self) -> list[str]:
        return self.document.source.lines


Check = Callable[[Context], Iterable[Violation]]


@dataclass(frozen=True)
class Option:
    """A rule option: its type, default and one line of help (validated from config)."""

    kind: type
    default: Any
    help: str


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
    field rules leave them alone.
    """
    found: list[Field] = []
    for entry in document.entries():
        # A table's columns are fields without label markup: no label rule applies.
        found.extend(item for item in entry.fields if item.style != "table")
        for block in entry.details:
            found.extend(block.fields)
    found.sort(key=lambda item: (item.line, item.column))
    return iter(found)
