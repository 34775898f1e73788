"""Shared by the robustness tests: run paperlint as a real process and record its times.

Set ``PAPERLINT_ROBUSTNESS_TABLE=path`` to have the hostile battery write the Markdown table
of each case's exit code and time (the table in tests/robustness/README.md comes from it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

TABLE_ENV = "PAPERLINT_ROBUSTNESS_TABLE"


@dataclass(frozen=True)
class Run:
    command: str
    code: int
    stdout: str
    stderr: str
    seconds: float


@dataclass(frozen=True)
class Row:
    case: str
    size: int
    command: str
    code: int
    seconds: float
    markdown_it: float | None


_ROWS: list[Row] = []

Runner = Callable[..., Run]


def run_paperlint(
    *args: str, timeout: float, cwd: Path | None = None, stdin: IO[bytes] | None = None
) -> Run:
    """``python -m paperlint ARGS`` in a fresh process; a timeout is a hang and fails."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "paperlint", *args],
            capture_output=True,
            timeout=timeout,
            cwd=cwd,
            stdin=subprocess.DEVNULL if stdin is None else stdin,
            env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"paperlint {' '.join(args[:1])} hung: no exit within {timeout:.0f} s")
    seconds = time.perf_counter() - start
    return Run(
        args[0],
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        seconds,
    )


@pytest.fixture
def paperlint() -> Runner:
    """The process runner, for tests (conftest modules are not imported by name)."""
    return run_paperlint


@pytest.fixture
def record() -> Callable[..., None]:
    """``record(case, size, command, code, seconds[, markdown_it])``: a row of the table."""

    def add(
        case: str, size: int, command: str, code: int, seconds: float, parse: float | None = None
    ) -> None:
        _ROWS.append(Row(case, size, command, code, seconds, parse))

    return add


@pytest.fixture
def table_wanted() -> bool:
    return bool(os.environ.get(TABLE_ENV))


@pytest.fixture(scope="session", autouse=True)
def _write_table() -> Iterator[None]:
    yield
    target = os.environ.get(TABLE_ENV)
    if not target or not _ROWS:
        return
    lines = [
        "| case | size | command | exit | time (s) | markdown-it parse (s) |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for row in _ROWS:
        parse = "" if row.markdown_it is None else f"{row.markdown_it:.2f}"
        lines.append(
            f"| {row.case} | {_size(row.size)} | {row.command} | {row.code} "
            f"| {row.seconds:.2f} | {parse} |"
        )
    Path(target).write_text("\n".join(lines) + "\n", "utf-8")


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} B"
