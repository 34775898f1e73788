"""What a check finds: problems, and the text edits that fix them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Fixability(str, enum.Enum):
    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` (offsets into the LF-normalised text) by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """Edits that together fix one problem.

    ``changes`` names the parts of the JSON model the fix is allowed to change (for
    example ``"label"`` or ``"url"``); the nothing-is-lost guard ignores exactly those.
    """

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""
    changes: frozenset[str] = frozenset()


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
