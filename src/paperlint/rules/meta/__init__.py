"""Rules about the run itself (PL901–PL902): unreadable files, unused suppressions.

Each rule is a module of this package; this module holds what its rules share.
"""

from __future__ import annotations
