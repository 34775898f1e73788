"""Checking many files in worker processes (``paperlint check --jobs N``).

A Checker holds a compiled schema validator, which is costly to pickle and may not pickle
at all, so each worker builds its own Checker once, in the pool initializer, from the
picklable Settings, the rules the caller's Checker was given (if any) and its class (handed
over, so that this module stays below the checker that calls it). Workers send back compact
FileResults: problems, suppressions and the cross-file rules' summaries, without the Document
and (unless a report or suppression comments need it later) without the Source, so the main
process can still run the cross-file rules' ``finish`` in ``Checker.finish``. Results come
back in the order of the paths, as with one process.

Ctrl-C reaches every process of the terminal's process group, workers included: workers
ignore SIGINT and SIGTERM-by-default ends them silently, so only the main process decides.
When it is interrupted it kills its workers at once (they only read files) and re-raises;
waiting for them would hang on a worker blocked writing to the result pipe.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from paperlint.files import STDIN
from paperlint.result import FileResult, InternalError
from paperlint.settings import Settings

if TYPE_CHECKING:
    from paperlint.checker import Checker
    from paperlint.rules.base import Rule

# Below this many files, starting worker processes costs more than it saves.
MANY_FILES = 8

_worker: Checker | None = None


def available_cores() -> int:
    """The cores this process may run on (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def default_jobs(files: int) -> int:
    """Without ``--jobs``: one process per core for many files, else one process."""
    return available_cores() if files >= MANY_FILES else 1


# Signals that end a run: the main process handles them, workers leave them to it.
_STOPPING = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name)
)


def _initialize(
    build: Callable[[Settings, Sequence[Rule] | None], Checker],
    settings: Settings,
    rules: Sequence[Rule] | None,
) -> None:
    global _worker
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)  # blocked by _held_signals
    gc.disable()  # as in cli.main: workers build many acyclic objects and then exit
    _worker = build(settings, rules)


Carried = BaseException | tuple[str, str]


def _check(path: str) -> FileResult | tuple[str, Carried]:
    """One file in a worker; an internal error comes back as (path, error) to re-raise."""
    assert _worker is not None, "worker used before its initializer ran"
    try:
        return _worker.check_path(path).compact()
    except InternalError as error:
        return (error.path, _portable(error.error))
    except Exception as error:
        return (path, _portable(error))


def _portable(error: BaseException) -> Carried:
    """The error, or its type name and message when pickle cannot rebuild it: an
    unpicklable result would break the whole pool instead of naming the file."""
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return (type(error).__name__, str(error))
    return error


def _rebuilt(carried: Carried) -> BaseException:
    if isinstance(carried, BaseException):
        return carried
    name, message = carried
    kind: type[Exception] = type(name, (Exception,), {})  # prints as the worker's error did
    return kind(message)


def check_paths(
    checker: Checker, paths: Sequence[str], jobs: int, stdin_filename: str | None = None
) -> list[FileResult]:
    """Check ``paths`` with ``jobs`` worker processes, in order (stdin in this process).

    The results are not finished: the caller runs ``Checker.finish`` on all of them.
    """
    from concurrent.futures import ProcessPoolExecutor  # with multiprocessing: slow to import

    results: list[FileResult | None] = [None] * len(paths)
    pooled = [i for i, path in enumerate(paths) if path != STDIN]
    for i, path in enumerate(paths):
        if path == STDIN:  # only this process may read standard input
            results[i] = checker.check_path(path, stdin_filename)
    workers = max(1, min(jobs, len(pooled)))
    chunk = max(1, min(16, len(pooled) // (workers * 8)))
    pool = ProcessPoolExecutor(
        workers,
        initializer=_initialize,
        initargs=(type(checker), checker.settings, checker.given_rules),
    )
    try:
        with _held_signals():  # the workers start here, inheriting the held signals
            done = pool.map(_check, [paths[i] for i in pooled], chunksize=chunk)
        for i, outcome in zip(pooled, done, strict=True):
            if isinstance(outcome, tuple):
                raise InternalError(outcome[0], _rebuilt(outcome[1]))
            results[i] = outcome
    except BaseException:
        _kill_workers()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [result for result in results if result is not None]


@contextlib.contextmanager
def _held_signals() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while workers start: a worker forked with this process's
    handlers would otherwise die of Ctrl-C with a traceback before ``_initialize`` runs.
    A signal that arrives meanwhile is delivered when this ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _kill_workers() -> None:
    import multiprocessing

    for process in multiprocessing.active_children():
        with contextlib.suppress(OSError):
            process.kill()
