"""Label rules (PL401–PL404): how field labels are written."""

from __future__ import annotations
