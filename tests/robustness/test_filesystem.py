"""File-system faults under `paperlint fix` (and `check`/`export`) — issue 8, part 3.

Each fault is one clear line on stderr, exit 2, the original file byte-identical and no
temporary file left behind. Tests run as root here, and root ignores permission bits: the
chmod variants are skipped for root, and a monkeypatched variant of each always runs.

Symlinks: `fix` follows a link and rewrites its target in place (atomically, through a
temporary file next to the target), and leaves the link itself a link. Replacing the link
with a regular file would silently fork the content; refusing would make `fix` useless for
the common "docs/README.md -> ../README.md" layout. A dangling link or a link loop is an
unreadable file (PL901, exit 2).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import paperlint.fix.run
import paperlint.write
from paperlint.cli import cli

# One safe fix (PL601, trailing whitespace on line 4), nothing else.
BROKEN = b"## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b  \n- `Objective:` c\n"
FIXED = b"## 202404\n### LLM\n#### A Paper\n- `Keypoints:` a; b\n- `Objective:` c\n"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def fix_fails(path: Path, reason: str) -> None:
    """`fix` exits 2 with exactly ``paperlint: PATH: REASON``; the file is untouched."""
    result = invoke("fix", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"paperlint: {path}: {reason}"]
    assert path.read_bytes() == BROKEN
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "list.md"
    path.write_bytes(BROKEN)
    return path


def test_the_fixture_file_is_fixed_when_nothing_goes_wrong(broken: Path) -> None:
    result = invoke("fix", str(broken))
    assert (result.exit_code, broken.read_bytes()) == (0, FIXED)


# -- read-only file -----------------------------------------------------------------------


def test_read_only_file_by_its_mode_bits(broken: Path) -> None:
    """write.py honours the mode bits itself, so this holds for root as well."""
    broken.chmod(0o444)
    fix_fails(broken, "the file is read-only; nothing written")
    assert stat.S_IMODE(broken.stat().st_mode) == 0o444


@pytest.mark.skipif(ROOT, reason="root may write a file it has no permission for")
def test_read_only_file_by_ownership(broken: Path) -> None:
    broken.chmod(0o444)
    fix_fails(broken, "the file is read-only; nothing written")


def test_read_only_file_by_access_check(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writable bits but no write access (another owner, a read-only mount)."""
    real_access = os.access
    monkeypatch.setattr(
        paperlint.write.os,
        "access",
        lambda p, mode: False if mode == os.W_OK else real_access(p, mode),
    )
    fix_fails(broken, "the file is read-only; nothing written")


# -- the file changes or vanishes between read and write ----------------------------------


def _during_fix(monkeypatch: pytest.MonkeyPatch, action: Any) -> None:
    """Run ``action`` after the file was read and fixed in memory, before it is written."""
    real = paperlint.fix.run.fix_source

    def fix_then_act(*args: Any, **kwargs: Any) -> Any:
        outcome = real(*args, **kwargs)
        action()
        return outcome

    monkeypatch.setattr(paperlint.fix.run, "fix_source", fix_then_act)


def test_file_deleted_between_read_and_write(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _during_fix(monkeypatch, broken.unlink)
    result = invoke("fix", str(broken))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"paperlint: {broken}: the file vanished before it could be written; nothing written"
    ]
    assert list(broken.parent.iterdir()) == []  # not re-created, no temporary file


def test_file_edited_between_read_and_write(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edited = BROKEN + b"- `Note:` typed while paperlint ran\n"
    _during_fix(monkeypatch, lambda: broken.write_bytes(edited))
    result = invoke("fix", str(broken))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"paperlint: {broken}: the file changed on disk while it was being fixed; nothing written"
    ]
    assert broken.read_bytes() == edited  # the other edit wins
    assert sorted(p.name for p in broken.parent.iterdir()) == ["list.md"]


# -- folder not writable, disk full ------------------------------------------------------


@pytest.mark.skipif(ROOT, reason="root may create files in a folder without write permission")
def test_folder_not_writable_by_its_mode_bits(broken: Path) -> None:
    broken.parent.chmod(0o555)
    try:
        fix_fails(
            broken,
            f"cannot create a temporary file in {broken.parent}: Permission denied; "
            "nothing written",
        )
    finally:
        broken.parent.chmod(0o755)


def test_folder_not_writable(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(paperlint.write.tempfile, "mkstemp", refuse)
    fix_fails(
        broken,
        f"cannot create a temporary file in {broken.parent}: Permission denied; nothing written",
    )


class _FullDisk:
    """A file object whose writes fail as on a full disk (after the real open succeeded)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])  # half of it reached the temporary file
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def test_disk_full_while_writing(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        paperlint.write.os, "fdopen", lambda fd, *a, **k: _FullDisk(real_fdopen(fd, *a, **k))
    )
    fix_fails(broken, "cannot write: No space left on device; nothing written")


@pytest.mark.parametrize(
    ("call", "code"), [("fsync", errno.EIO), ("replace", errno.EXDEV), ("chmod", errno.EPERM)]
)
def test_failure_after_the_bytes_were_written(
    broken: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int
) -> None:
    """The data reached the temporary file, then syncing, chmod or the rename failed."""

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(paperlint.write.os, call, fail)
    fix_fails(broken, f"cannot write: {os.strerror(code)}; nothing written")


# -- symlinks ---------------------------------------------------------------------------


def test_symlink_to_a_file_outside_the_tree_is_written_through(tmp_path: Path) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    target = outside / "target.md"
    target.write_bytes(BROKEN)
    target.chmod(0o640)
    link = tree / "link.md"
    link.symlink_to(target)
    result = invoke("fix", str(tree))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == FIXED
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tree.iterdir()) == ["link.md"]
    assert sorted(p.name for p in outside.iterdir()) == ["target.md"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda link, tmp: link.symlink_to(tmp / "gone.md"), "no such file"),
        (lambda link, tmp: link.symlink_to(link), "cannot read: Too many levels of symbolic links"),
    ],
    ids=["dangling", "loop"],
)
def test_broken_symlinks_are_unreadable(tmp_path: Path, make: Any, reason: str) -> None:
    link = tmp_path / "link.md"
    make(link, tmp_path)
    for command in ("check", "fix"):
        result = invoke(command, str(link))
        assert result.exit_code == 2
        assert result.stdout.splitlines()[0] == f"{link}:1:1: PL901 [file-unreadable] {reason}"
    result = invoke("export", str(link))
    assert (result.exit_code, result.stderr) == (2, f"paperlint: {link}: {reason}\n")
    assert link.is_symlink()


# -- a folder or a FIFO where a file was expected -----------------------------------------


def test_folder_named_like_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "list.md"
    folder.mkdir()
    result = invoke("export", str(folder))
    assert (result.exit_code, result.stderr) == (
        2,
        f"paperlint: {folder}: is a folder, not a file\n",
    )
    # check and fix search a folder argument for Markdown files; a folder is never one.
    for command in ("check", "fix"):
        result = invoke(command, str(tmp_path))
        assert (result.exit_code, result.stderr) == (0, "paperlint: no Markdown files found\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
@pytest.mark.parametrize("command", ["check", "fix", "export"])
def test_fifo_is_refused_without_reading_it(tmp_path: Path, command: str, paperlint: Any) -> None:
    """A real process with a timeout: opening a FIFO for reading would block forever."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    reason = "not a regular file (FIFO, socket or device); refusing to read it"
    for target in (fifo, tmp_path):  # named, and found in a folder
        run = paperlint(command, str(target), timeout=30)
        assert run.code == 2
        if command == "export":
            assert run.stderr == f"paperlint: {target}: {reason}\n"
        else:
            assert run.stdout.splitlines()[0] == f"{fifo}:1:1: PL901 [file-unreadable] {reason}"
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        if command == "export":
            break  # export takes one file, not a folder


def test_tempfile_module_is_the_one_write_uses() -> None:
    """The monkeypatches above patch the modules write.py really calls."""
    assert paperlint.write.tempfile is tempfile
    assert paperlint.write.os is os
