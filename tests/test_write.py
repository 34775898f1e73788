"""Atomic writes: the new bytes or the old file, never half of either, never a stray temp."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import paperlint.write
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


# -- the file changes while the temporary file is written (issue 12, item 1) ---------------


def _during_write(monkeypatch: pytest.MonkeyPatch, action: Callable[[], None]) -> None:
    """Run ``action`` once the temporary file exists, before its bytes are synced."""
    real_fsync = os.fsync
    done: list[bool] = []

    def act_then_sync(descriptor: int) -> None:
        if not done:
            done.append(True)
            action()
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", act_then_sync)


def test_append_while_the_temporary_is_written_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor appends the moment the temporary file appears: its line must survive."""
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    stamp = Stamp.of(str(target))
    appended = threading.Event()

    def editor() -> None:  # watches the folder like a user's editor would not, but in time
        while len(list(tmp_path.iterdir())) < 2:
            time.sleep(0.0005)
        with target.open("ab") as stream:
            stream.write(b"typed meanwhile\n")
        appended.set()

    thread = threading.Thread(target=editor, daemon=True)
    thread.start()
    # The writer goes on only once the editor has appended (a hang guard, not a timing).
    _during_write(monkeypatch, lambda: appended.wait(60) or None)
    with pytest.raises(WriteError, match=r"\Athe file changed on disk while it was being fixed"):
        write_atomic(str(target), b"new\n", stamp)
    thread.join(60)
    assert target.read_bytes() == b"old\ntyped meanwhile\n"
    assert _folder_listing(tmp_path) == ["list.md"]


def test_same_size_rewrite_with_the_old_mtime_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Size and mtime alone miss an edit within one clock tick: small files compare bytes."""
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    before = target.stat()
    stamp = Stamp.of(str(target))

    def rewrite() -> None:
        target.write_bytes(b"OLD\n")
        os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))

    _during_write(monkeypatch, rewrite)
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(str(target), b"new\n", stamp)
    assert target.read_bytes() == b"OLD\n"


def test_file_replaced_by_rename_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor that saves by renaming a new file over the old one: same size and mtime."""
    target = tmp_path / "list.md"
    target.write_bytes(b"x" * (2 << 20))  # too large for the byte comparison
    before = target.stat()
    stamp = Stamp.of(str(target))
    saved = tmp_path / "saved.md"
    saved.write_bytes(b"y" * (2 << 20))
    os.utime(saved, ns=(before.st_atime_ns, before.st_mtime_ns))
    _during_write(monkeypatch, lambda: os.rename(saved, target))
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(str(target), b"new\n", stamp)
    assert target.read_bytes() == b"y" * (2 << 20)
    assert _folder_listing(tmp_path) == ["list.md"]


def test_write_to_the_old_file_after_the_last_check_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor that had the file open writes between the last check and the rename."""
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    stamp = Stamp.of(str(target))
    real_replace = os.replace

    def append_then_replace(source: str, destination: str) -> None:
        monkeypatch.setattr(os, "replace", real_replace)  # once: not when it is put back
        with target.open("ab") as stream:  # lands in the inode the rename is about to drop
            stream.write(b"typed meanwhile\n")
        real_replace(source, destination)

    monkeypatch.setattr(paperlint.write, "_still_as_read", lambda *args: None)
    monkeypatch.setattr(os, "replace", append_then_replace)
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(str(target), b"new\n", stamp)
    monkeypatch.undo()
    assert target.read_bytes() == b"old\ntyped meanwhile\n"
    assert _folder_listing(tmp_path) == ["list.md"]


# -- ownership (issue 12, item 3) -----------------------------------------------------------

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(not ROOT, reason="only root may give a file to another user")
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    os.chown(target, 12345, 23456)
    write_atomic(str(target), b"new\n")
    info = target.stat()
    assert (info.st_uid, info.st_gid, target.read_bytes()) == (12345, 23456, b"new\n")


@pytest.mark.skipif(not hasattr(os, "chown"), reason="no owners on this platform")
def test_group_is_kept_where_the_owner_cannot_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group member fixing a colleague's file: the group stays, the owner becomes theirs."""
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    info = target.stat()
    calls: list[tuple[int, int]] = []

    def chown(path: str, uid: int, gid: int) -> None:
        calls.append((uid, gid))
        if uid != -1:
            raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "stat", _pretend_owner(os.stat, str(target), 4242, 4343))
    monkeypatch.setattr(os, "chown", chown)
    write_atomic(str(target), b"new\n")
    assert calls == [(4242, 4343), (-1, 4343)]
    assert target.read_bytes() == b"new\n"
    assert info.st_uid == target.stat().st_uid


def _pretend_owner(
    real: Callable[..., os.stat_result], path: str, uid: int, gid: int
) -> Callable[..., os.stat_result]:
    def stat_(name: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real(name, *args, **kwargs)
        if name != path:
            return result
        fields = list(result)
        fields[4], fields[5] = uid, gid
        exact = {name: getattr(result, name) for name in ("st_atime_ns", "st_mtime_ns")}
        return os.stat_result(fields, exact)

    return stat_


# -- temporary files: recognisable, removed on signals, stale ones cleared (item 10) -------


def test_temporary_file_has_a_recognisable_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    seen: list[str] = []
    _during_write(monkeypatch, lambda: seen.extend(_folder_listing(tmp_path)))
    write_atomic(str(target), b"new\n")
    assert len(seen) == 2 and seen[1] == "list.md"
    assert re.fullmatch(rf"\.list\.md\.paperlint-{os.getpid()}-[a-z0-9_]{{8}}\.tmp", seen[0])


def test_sigint_while_writing_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    _during_write(monkeypatch, lambda: signal.raise_signal(signal.SIGINT))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(target), b"new\n")
    assert target.read_bytes() == b"old\n"
    assert _folder_listing(tmp_path) == ["list.md"]


def test_sigint_just_after_the_temporary_is_created_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signal lands after the file exists but before write_atomic knows its name."""
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_interrupt(*args: Any, **kwargs: Any) -> tuple[int, str]:
        created = real_mkstemp(*args, **kwargs)
        signal.raise_signal(signal.SIGINT)
        return created

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(target), b"new\n")
    assert target.read_bytes() == b"old\n"
    assert _folder_listing(tmp_path) == ["list.md"]


_SIGTERM_CHILD = """
import os, signal, sys
from paperlint.write import write_atomic
real_fsync = os.fsync
def fsync(descriptor):
    os.kill(os.getpid(), signal.SIGTERM)
    real_fsync(descriptor)
os.fsync = fsync
write_atomic(sys.argv[1], b"new\\n")
print("not reached")
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_sigterm_while_writing_removes_the_temporary_and_still_terminates(
    tmp_path: Path,
) -> None:
    target = tmp_path / "list.md"
    target.write_bytes(b"old\n")
    done = subprocess.run(
        [sys.executable, "-c", _SIGTERM_CHILD, str(target)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (-signal.SIGTERM, b"", b"")
    assert target.read_bytes() == b"old\n"
    assert _folder_listing(tmp_path) == ["list.md"]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def test_stale_temporaries_of_paperlint_are_removed(tmp_path: Path) -> None:
    from paperlint.write import remove_stale_temporaries

    hour_ago = time.time() - 3700
    names = {
        # left by a process that is gone, a minute and more ago: removed
        f".list.md.paperlint-{_dead_pid()}-abcd1234.tmp": hour_ago,
        # a live process's (a concurrent fix) young file: kept; an abandoned one: removed
        f".other.md.paperlint-{os.getppid()}-abcd1234.tmp": time.time(),
        f".third.md.paperlint-{os.getppid()}-abcd1234.tmp": hour_ago,
        # a gone process's file written just now (maybe on another machine sharing the folder)
        f".fresh.md.paperlint-{_dead_pid()}-abcd1234.tmp": time.time(),
        # not paperlint's own pattern: never touched
        ".list.md.abcd1234.tmp": hour_ago,
        "list.md.paperlint-1-abcd1234.tmp": hour_ago,
        ".list.md.paperlint-x-abcd1234.tmp": hour_ago,
        "list.md": hour_ago,
    }
    for name, when in names.items():
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (when, when))
    removed = remove_stale_temporaries([str(tmp_path / "list.md")])
    assert sorted(os.path.basename(p) for p in removed) == sorted(list(names)[i] for i in (0, 2))
    assert _folder_listing(tmp_path) == sorted(n for i, n in enumerate(names) if i not in (0, 2))


# -- creating a file that does not exist yet (init) -----------------------------------------


def test_new_file_is_created_with_the_default_mode(tmp_path: Path) -> None:
    target = tmp_path / ".paperlint.toml"
    mask = os.umask(0o027)
    try:
        write_atomic(str(target), b"x = 1\n", new=True)
    finally:
        os.umask(mask)
    assert target.read_bytes() == b"x = 1\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _folder_listing(tmp_path) == [".paperlint.toml"]


def test_new_file_refuses_to_replace_one_that_appeared(tmp_path: Path) -> None:
    target = tmp_path / ".paperlint.toml"
    target.write_bytes(b"mine\n")
    with pytest.raises(WriteError, match="already exists; nothing written"):
        write_atomic(str(target), b"x = 1\n", new=True)
    assert target.read_bytes() == b"mine\n"


@pytest.mark.parametrize(("command", "removed"), [("fix", True), ("fix --diff", False)])
def test_next_fix_of_the_folder_removes_stale_temporaries(
    tmp_path: Path, command: str, removed: bool
) -> None:
    from click.testing import CliRunner

    from paperlint.cli import cli

    (tmp_path / "list.md").write_bytes(b"## 202404\n### LLM\n#### A\n- `Keypoints:` a  \n")
    stale = tmp_path / f".list.md.paperlint-{_dead_pid()}-abcd1234.tmp"
    stale.write_bytes(b"half of a list")
    os.utime(stale, (time.time() - 120, time.time() - 120))
    result = CliRunner().invoke(cli, [*command.split(), str(tmp_path / "list.md")])
    assert result.exit_code in (0, 1), result.output
    assert stale.exists() is not removed
