"""Schema files, configuration files and standard input are read by the rules of lists
(issue 12 item 6): a regular file of at most 200 MB, decided before reading; standard input
up to the same size. A FIFO would block forever, ``/dev/zero`` would fill the memory.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from paperlint import source
from paperlint.checker import Checker
from paperlint.settings import Settings

GOOD = "## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n"
REFUSED = "not a regular file (FIFO, socket or device); refusing to read it"
HANG_GUARD = 60


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    return path


@pytest.fixture
def listed(tmp_path: Path) -> Path:
    path = tmp_path / "list.md"
    path.write_text(GOOD, "utf-8")
    return path


def test_schema_option_naming_a_fifo_is_refused_unread(
    paperlint: Any, fifo: Path, listed: Path
) -> None:
    run = paperlint("check", "--schema", str(fifo), str(listed), timeout=HANG_GUARD)
    assert (run.code, run.stdout, run.stderr) == (2, "", f"paperlint: schema {fifo}: {REFUSED}\n")


def test_schema_key_naming_a_fifo_is_refused_unread(
    paperlint: Any, fifo: Path, listed: Path, tmp_path: Path
) -> None:
    config = tmp_path / ".paperlint.toml"
    config.write_text(f'schema = "{fifo.name}"\n', "utf-8")
    run = paperlint("check", "--config", str(config), str(listed), timeout=HANG_GUARD)
    assert (run.code, run.stderr) == (2, f"paperlint: schema {fifo.resolve()}: {REFUSED}\n")


def test_config_naming_a_fifo_is_refused_unread(paperlint: Any, fifo: Path, listed: Path) -> None:
    run = paperlint("check", "--config", str(fifo), str(listed), timeout=HANG_GUARD)
    assert (run.code, run.stderr) == (2, f"paperlint: {fifo}: {REFUSED}\n")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("option", ["--schema", "--config"])
def test_endless_device_is_refused_unread(paperlint: Any, listed: Path, option: str) -> None:
    run = paperlint("check", option, "/dev/zero", str(listed), timeout=HANG_GUARD)
    prefix = "schema " if option == "--schema" else ""
    assert (run.code, run.stderr) == (2, f"paperlint: {prefix}/dev/zero: {REFUSED}\n")


@pytest.mark.parametrize("option", ["--schema", "--config"])
def test_schema_or_config_over_the_size_limit_is_refused_unread(
    paperlint: Any, listed: Path, tmp_path: Path, option: str
) -> None:
    huge = tmp_path / "huge"
    with huge.open("wb") as handle:
        handle.truncate(201 * 1024 * 1024)  # sparse: costs no disk
    run = paperlint("check", option, str(huge), str(listed), timeout=HANG_GUARD)
    prefix = "schema " if option == "--schema" else ""
    assert (run.code, run.stderr) == (
        2,
        f"paperlint: {prefix}{huge}: file is 201 MB; paperlint reads at most 200 MB\n",
    )


def test_standard_input_is_read_up_to_the_size_limit_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stream one byte over the limit is refused, and not read past it."""
    limit = 2 * 1024 * 1024
    monkeypatch.setattr(source, "MAX_FILE_BYTES", limit)
    stream = io.BytesIO(b"x" * (3 * limit))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    result = Checker(Settings()).check_path("-")
    assert [p.message for p in result.problems] == [
        "file is over 2 MB; paperlint reads at most 2 MB"
    ]
    assert stream.tell() == limit + 1
    stream = io.BytesIO(b"\n" * limit)  # exactly at the limit: read
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    assert all(p.code != "PL901" for p in Checker(Settings()).check_path("-").problems)
    assert stream.tell() == limit


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_standard_input_that_never_ends(paperlint: Any, tmp_path: Path) -> None:
    """``check - < /dev/zero``: 200 MB are read, then the input is refused."""
    with open("/dev/zero", "rb") as zero:
        run = paperlint("check", "-", timeout=HANG_GUARD, stdin=zero)
    assert (run.code, run.stderr) == (2, "")
    assert run.stdout.splitlines()[0] == (
        "-:1:1: PL901 [file-unreadable] file is over 200 MB; paperlint reads at most 200 MB"
    )
