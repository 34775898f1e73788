"""The fix engine (README, "Fixing"): apply the fixes of a file's problems, keep what GitHub
shows, and refuse any result whose JSON document lost something the fixes did not declare.

``apply`` applies edits, ``rendering`` withholds fixes that would change what GitHub shows,
``guard`` compares the documents before and after, and ``run`` drives the passes over one
file and ``paperlint fix`` over many. What the command prints is ``paperlint.report.fixes``.
"""

from __future__ import annotations

from paperlint.fix.apply import apply_fixes
from paperlint.fix.guard import lost_content
from paperlint.fix.run import MAX_PASSES, Applied, FixOutcome, FixRun, fix_source

__all__ = [
    "MAX_PASSES",
    "Applied",
    "FixOutcome",
    "FixRun",
    "apply_fixes",
    "fix_source",
    "lost_content",
]
