"""Checking many files in worker processes (``paperlint check --jobs N``).

A Checker holds a compiled schema validator, which is costly to pickle and may not pickle
at all, so each worker builds its own Checker once, in the pool initializer, from the
picklable Settings. Workers send back compact FileResults: problems, suppressions and the
PL508 paper index, without the Document and (unless a report or suppression comments need
it later) without the Source, so the main process can still run the cross-file checks in
``Checker.finish``. Results come back in the order of the paths, as with one process.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from paperlint.checker import Checker, FileResult, InternalError
from paperlint.files import STDIN
from paperlint.settings import Settings

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


def compact(result: FileResult) -> FileResult:
    """The result without the Document, and without the Source unless it is needed later.

    The Source stays when a problem carries a fix (reports give each edit's line and column)
    or the file has suppression comments (a cross-file problem they silence makes
    ``Checker.finish`` recompute the unused ones from the text).
    """
    needs_source = any(p.fix is not None for p in result.problems) or (
        result.suppressions is not None and bool(result.suppressions.directives)
    )
    return replace(result, document=None, source=result.source if needs_source else None)


def _initialize(settings: Settings) -> None:
    global _worker
    gc.disable()  # as in cli.main: workers build many acyclic objects and then exit
    _worker = Checker(settings)


def _check(path: str) -> FileResult | tuple[str, BaseException]:
    """One file in a worker; an internal error comes back as (path, error) to re-raise."""
    assert _worker is not None, "worker used before its initializer ran"
    try:
        return compact(_worker.check_path(path))
    except InternalError as error:
        return (error.path, error.error)


def check_paths(
    checker: Checker, paths: Sequence[str], jobs: int, stdin_filename: str | None = None
) -> list[FileResult]:
    """Check ``paths`` with ``jobs`` worker processes, in order (stdin in this process).

    The results are not finished: the caller runs ``Checker.finish`` on all of them.
    """
    results: list[FileResult | None] = [None] * len(paths)
    pooled = [i for i, path in enumerate(paths) if path != STDIN]
    for i, path in enumerate(paths):
        if path == STDIN:  # only this process may read standard input
            results[i] = checker.check_path(path, stdin_filename)
    workers = max(1, min(jobs, len(pooled)))
    chunk = max(1, min(16, len(pooled) // (workers * 8)))
    with ProcessPoolExecutor(
        workers, initializer=_initialize, initargs=(checker.settings,)
    ) as pool:
        done = pool.map(_check, [paths[i] for i in pooled], chunksize=chunk)
        for i, outcome in zip(pooled, done, strict=True):
            if isinstance(outcome, tuple):
                raise InternalError(*outcome)
            results[i] = outcome
    return [result for result in results if result is not None]
