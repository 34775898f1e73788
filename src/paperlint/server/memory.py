"""The cycle collector in a server that checks large documents again on every keystroke.

A check makes hundreds of thousands of objects, nearly all of them acyclic: reference
counting frees the previous version's as the new one replaces it. With the collector on,
the first allocation after a check would walk every object the check made (0.2-0.6 s at
10,000 entries, on every keystroke, before the diagnostics go out). So a check runs with
the collector paused, and what it made is then frozen (``gc.freeze``: kept where automatic
collections never look). The few cycles among frozen objects are freed by one full
collection once the editor has been quiet for ``IDLE_SECONDS``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

IDLE_SECONDS = 2.0


@contextmanager
def checking() -> Iterator[None]:
    """The collector paused for one check; what exists afterwards frozen."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def collect() -> int:
    """A full collection, frozen objects included; the survivors frozen again. Returns the
    number of unreachable objects found."""
    gc.unfreeze()
    try:
        return gc.collect()
    finally:
        gc.freeze()
