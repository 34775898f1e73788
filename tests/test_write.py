"""Atomic writes: the new bytes or the old file, never half of either, never a stray temp."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from paperlint.write import Stamp, WriteError, write_atomic


def _folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    write_atomic(str(target), b"new\r\n")
    assert target.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _folder_listing(tmp_path) == ["list.md"]


def test_writes_through_a_symlink_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(str(link), b"new\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"


def test_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    target.chmod(0o444)
    with pytest.raises(WriteError, match="read-only"):
        write_atomic(str(target), b"new\n")
    assert target.read_bytes() == b"old\n"
    assert _folder_listing(tmp_path) == ["list.md"]


def test_vanished_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "list.md"
    with pytest.raises(WriteError, match="vanished"):
        write_atomic(str(target), b"new\n")
    assert _folder_listing(tmp_path) == []


def test_file_changed_since_read_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    stamp = Stamp.of(str(target))
    target.write_bytes(b"someone else's edit\n")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(str(target), b"new\n", stamp)
    assert target.read_bytes() == b"someone else's edit\n"


def test_unwritable_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError, match=r"cannot create a temporary file.*Permission denied"):
        write_atomic(str(target), b"new\n")
    assert target.read_bytes() == b"old\n"


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failing_write_leaves_original_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(WriteError, match="No space left on device; nothing written"):
        write_atomic(str(target), b"new\n")
    assert target.read_bytes() == b"old\n"
    assert _folder_listing(tmp_path) == ["list.md"]


def test_interrupt_removes_the_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(target), b"new\n")
    assert target.read_bytes() == b"old\n"
    assert _folder_listing(tmp_path) == ["list.md"]
