"""Structure rules (PL101–PL107): months, categories, entries and their headings.

Each rule is a module of this package; this module holds what its rules share.
"""

from __future__ import annotations

from paperlint.model import Heading


def heading_column(heading: Heading) -> int:
    """1-based column of the heading's first `#` (or first character for setext headings)."""
    return heading.column
