"""What a check finds: problems, and the text edits that fix them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TypeGuard


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class FixAvailability(str, enum.Enum):
    """Whether a rule's problems carry a fix: never, for some of them, or always. Whether a
    fix is safe is the fix's own: one rule may offer safe and unsafe fixes."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Change(str, enum.Enum):
    """What a fix may change in the JSON model: the nothing-is-lost guard
    (``paperlint.fix.guard``) lets exactly these differ, as its docstring tells."""

    KEYPOINTS = "keypoints"
    URL = "url"
    LINKS = "links"
    TAGS = "tags"
    ARXIV = "arxiv"
    TITLE = "title"
    DETAILS = "details"
    FIELDS = "fields"
    STRUCTURE = "structure"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` (offsets into the LF-normalised text) by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """Edits that together fix one problem.

    ``safe``: applied by ``paperlint fix``; an unsafe fix only with ``--unsafe-fixes``, and
    ``reason`` says why it is unsafe (or what makes a safe one safe). ``changes`` names the
    parts of the JSON model the fix is allowed to change; the nothing-is-lost guard ignores
    exactly those.
    """

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""
    changes: frozenset[Change] = frozenset()
    reason: str = ""


def applicable(fix: Fix | None, unsafe_fixes: bool) -> TypeGuard[Fix]:
    """Whether ``paperlint fix`` applies this fix (with ``--unsafe-fixes`` when asked)."""
    return fix is not None and (fix.safe or unsafe_fixes)


@dataclass(frozen=True)
class Violation:
    """What a rule yields: a position, a message, and maybe a fix. The core adds the rest."""

    line: int
    column: int
    message: str
    fix: Fix | None = None
    # Where it ends, the column exclusive (docs/model.md); every rule gives one.
    end_line: int | None = None
    end_column: int | None = None


@dataclass(frozen=True, order=True)
class Problem:
    """A violation stamped with its file, rule code, name and severity."""

    path: str
    line: int
    column: int
    code: str
    name: str = field(compare=False)
    message: str = field(compare=False)
    severity: Severity = field(compare=False, default=Severity.ERROR)
    fix: Fix | None = field(compare=False, default=None)
    end_line: int | None = field(compare=False, default=None)
    end_column: int | None = field(compare=False, default=None)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
