"""Does a function's CPU time grow faster than linearly with its input? The tests' way of
saying "no hang on hostile input" without a wall-clock limit: sizes n, 2n and 4n are timed
in the same test (thread CPU time, least of three runs), so a loaded machine slows all three
alike and only the ratio counts. A run far slower than the size before it is interrupted by a
CPU-time alarm (``cpu_alarm``), so an exponential case fails fast instead of hanging."""

from __future__ import annotations

import gc
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

import pytest

needs_cpu_alarm = pytest.mark.skipif(
    not hasattr(signal, "ITIMER_VIRTUAL"), reason="needs a CPU-time alarm (setitimer)"
)

RATIO = 10.0  # allowed growth of CPU time from n to 4n pumps (linear: 4, quadratic: 16)
FLOOR = 0.002  # seconds of CPU time a run needs before its growth is measured
MAX_LENGTH = 16_000  # characters: a run below FLOOR at this length is not measured
STOP = 30.0  # a run this many times slower than the size before it is interrupted
STOP_AT_LEAST = 0.25  # seconds: the interruption never comes sooner than this
# Whole rules and scans of a document: measured from 5 ms up, on texts up to 400 kB.
RULE_FLOOR, RULE_MAX_LENGTH = 0.005, 400_000


class _Stopped(Exception):
    pass


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stopped


def _cpu(run: Callable[[str], object], text: str, limit: float) -> float | None:
    """CPU seconds of ``run(text)``, or None if it took longer than ``limit``.

    The collector is paused, as the CLI runs: its pauses are noise here, and an alarm that
    lands in a gc callback (hypothesis keeps one) is lost instead of stopping the run."""
    collecting = gc.isenabled()
    gc.disable()
    signal.setitimer(signal.ITIMER_VIRTUAL, limit)
    try:
        start = time.thread_time()
        run(text)
        return time.thread_time() - start
    except _Stopped:
        return None
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        if collecting:
            gc.enable()


def growth(
    run: Callable[[str], object],
    build: Callable[[int], str],
    *,
    floor: float = FLOOR,
    max_length: int = MAX_LENGTH,
) -> str | None:
    """Why ``run`` grows faster than linearly on ``build(n)``, or None if it does not.

    ``floor``: the CPU time the smallest measured size must take. Whole rules want a higher
    one than single regexes: at a millisecond or two a loaded machine's noise alone can
    make a linear function look 10x slower at 4n."""
    previous = 0.0
    n = 1
    while True:  # double n until one run takes FLOOR, or the string is long
        text = build(n)
        seconds = _cpu(run, text, max(STOP_AT_LEAST, STOP * previous))
        if seconds is None:
            return f"n={n} ({len(text)} chars): over {STOP:.0f}x the time of n={n // 2}"
        if seconds >= floor or len(text) >= max_length:
            break
        previous = seconds
        n *= 2
    if seconds < floor:
        return None
    times = []
    for size in (n, 2 * n, 4 * n):
        text = build(size)
        limit = max(STOP_AT_LEAST, STOP * (times[-1] if times else seconds))
        runs = [_cpu(run, text, limit) for _ in range(3)]
        if None in runs:
            return f"n={size} ({len(text)} chars): over {STOP:.0f}x the time of n={size // 2}"
        times.append(min(r for r in runs if r is not None))
    if times[2] > RATIO * times[0]:
        shown = ", ".join(f"{t * 1000:.1f} ms" for t in times)
        return f"n={n}, {2 * n}, {4 * n}: {shown} ({times[2] / times[0]:.0f}x)"
    return None


@contextmanager
def cpu_alarm() -> Iterator[None]:
    """Turn the CPU-time alarm that ``growth`` sets into an exception while inside."""
    previous = signal.signal(signal.SIGVTALRM, _stop)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
