"""``paperlint server`` with a bug planted in the outline: every documentSymbol fails."""

from __future__ import annotations

from typing import Any

from paperlint.server import outline, serve


def _broken(*args: Any) -> Any:
    raise RuntimeError("planted failure")


outline.symbols = _broken
serve()
