"""Ctrl-C and SIGTERM during ``check --jobs 2``, as real processes (issue 12 item 5).

Ctrl-C in a terminal signals the whole foreground process group, workers included; ``kill``
signals one process. Either way the run must end with the one line ``paperlint: interrupted``
and exit 128 + the signal's number (130, 143), with no worker left behind. The signal comes
at a different moment in each repetition — as the workers start, and while they work — to
catch the races; the only timeout is a hang guard.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import CORPUS_FILES

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads the process table from /proc"
)

HANG_GUARD = 60.0  # seconds; a run that is not over by then hangs
REPEATS = 8


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough lists that two workers are busy for a few seconds."""
    root = tmp_path_factory.mktemp("many")
    for copy in range(30):
        for path in CORPUS_FILES:
            shutil.copy(path, root / f"{copy}-{path.parent.name}-{path.name}")
    return root


def _group(group: int) -> list[int]:
    """The live (not zombie) processes of a process group."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "(command name)": state, ppid, pgrp
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _wait_for_workers(process: subprocess.Popen[bytes]) -> bool:
    """Wait until the main process has started workers; False if it ended first."""
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if len(_group(process.pid)) > 1:
            return True
        time.sleep(0.005)
    pytest.fail("no worker process started")


@pytest.mark.parametrize(
    ("signum", "whole_group"),
    [(signal.SIGINT, True), (signal.SIGINT, False), (signal.SIGTERM, False)],
    ids=["ctrl-c", "sigint-to-main", "sigterm-to-main"],
)
def test_a_signal_stops_every_process_with_one_line(
    folder: Path, signum: int, whole_group: bool
) -> None:
    chance = random.Random(signum * 2 + whole_group)
    delays = [0.0, 0.0, *(chance.uniform(0.0, 0.6) for _ in range(REPEATS - 2))]
    for delay in delays:
        process = subprocess.Popen(
            [sys.executable, "-m", "paperlint", "check", "--jobs", "2", "--no-color", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, as a terminal gives a command
            env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
        )
        try:
            assert _wait_for_workers(process), "the run ended before it could be interrupted"
            time.sleep(delay)
            if whole_group:
                os.killpg(process.pid, signum)
            else:
                process.send_signal(signum)
            try:
                _, stderr = process.communicate(timeout=HANG_GUARD)
            except subprocess.TimeoutExpired:
                pytest.fail(f"hung after signal {signum} at {delay:.2f} s")
            assert (process.returncode, stderr.decode()) == (
                128 + signum,
                "paperlint: interrupted\n",
            ), f"signal {signum} {delay:.2f} s after the workers started"
            deadline = time.monotonic() + HANG_GUARD
            while _group(process.pid) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert _group(process.pid) == [], "a worker outlived the main process"
        finally:
            if process.poll() is None or _group(process.pid):
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
