"""What ``paperlint fix`` tells: the diff of each file, the fixes applied, the problems left
and the summary line. The fix engine (``paperlint.fix``) collects; this module words it."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from paperlint.problem import Problem
from paperlint.report.base import ReportOptions, display_path, is_fixable
from paperlint.report.text import line, unsafe_hint

if TYPE_CHECKING:
    from paperlint.fix import Applied, FixOutcome


def diff_text(diffs: Sequence[tuple[str, FixOutcome]]) -> str:
    """``--diff``: the unified diff of every file that fixing would change."""
    return "".join(text_diff(outcome, name) for name, outcome in diffs)


def text_diff(outcome: FixOutcome, name: str) -> str:
    """Unified diff of the file's text before and after fixing (for ``--diff``)."""
    old = outcome.original.text.splitlines(keepends=True)
    new = outcome.fixed.text.splitlines(keepends=True)
    label = display_path(name).lstrip("/")  # as git does: a/tmp/x.md, not a//tmp/x.md
    lines = list(difflib.unified_diff(old, new, f"a/{label}", f"b/{label}"))
    if not lines and outcome.marked and outcome.original.odd_newlines:
        lines = [
            f"--- a/{label}\n",
            f"+++ b/{label}\n",
            f"# line endings of lines {_ranges(outcome.original.odd_newlines)} → "
            f"{_newline_name(outcome.original.newline)}\n",
        ]
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _newline_name(newline: str) -> str:
    return {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}.get(newline, repr(newline))


def _ranges(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def fixes_text(fixed: Sequence[tuple[str, Sequence[Applied]]]) -> str:
    """``--show-fixes``: the fixes applied, by file, at their places in the original text."""
    out: list[str] = []
    for name, applied in fixed:
        out.append(f"Fixed in {display_path(name)}:")
        out.extend(
            f"  {a.line}:{a.column}: {a.code} [{a.name}] {a.description}"
            + ("" if a.safe else f" (unsafe: {a.reason})" if a.reason else " (unsafe)")
            for a in sorted(applied, key=lambda a: (a.line, a.column, a.code))
        )
    return "".join(text + "\n" for text in out)


def problems_text(remaining: Sequence[Problem], unsafe_fixes: bool) -> str:
    """The problems fixing left, one line each, as ``paperlint check`` shows them."""
    options = ReportOptions(unsafe_fixes=unsafe_fixes)
    return "".join(line(p, options) + "\n" for p in remaining)


def summary(fixed: int, remaining: Sequence[Problem], *, diff: bool, unsafe_fixes: bool) -> str:
    """The last line: how many problems were (or would be) fixed, and how many remain."""
    noun = "problem" if fixed == 1 else "problems"
    if diff:
        return f"Would fix {fixed} {noun}." if fixed else "No fixes to apply."
    text = f"Fixed {fixed} {noun}, {len(remaining)} remaining"
    options = ReportOptions(unsafe_fixes=unsafe_fixes)
    unsafe = sum(1 for p in remaining if p.fix is not None and not is_fixable(p, options))
    if unsafe:
        text += f" ({unsafe} fixable {unsafe_hint()})"
    return text + "."
