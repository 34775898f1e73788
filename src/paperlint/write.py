"""Writing a fixed file back: atomically, with its mode and owner, or not at all.

The new bytes go to a temporary file in the same folder (so the rename cannot cross file
systems), are flushed to disk, take the original's owner and permission bits, and then
replace the original with ``os.replace`` — unless the original changed meanwhile (an
editor's save), which is checked again just before the rename. Any failure leaves the
original as it was and removes the temporary file; the caller gets one ``WriteError`` line
naming the reason. SIGINT, SIGTERM and SIGHUP during a write remove the temporary file,
then act as they would have. A temporary file is named ``.NAME.paperlint-PID-XXXXXXXX.tmp``
so that one left by a ``kill -9`` can be recognised and removed by a later run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
# Files up to this size are also compared byte for byte before the rename: a same-size
# edit within one tick of a coarse file-system clock leaves size and mtime unchanged.
_COMPARED_UP_TO = 1 << 20
_MARK, _SUFFIX = ".paperlint-", ".tmp"
# A temporary file of a process that is gone is stale once it has not been written to for
# this long (a process on another machine sharing the folder may still be syncing it);
# one of a live process only after an hour (its PID may have been reused).
_GONE_GRACE, _ABANDONED_AFTER = 60.0, 3600.0
_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class WriteError(Exception):
    """The file could not be written; the message is one line for the user."""


@dataclass(frozen=True)
class Stamp:
    """A file's identity when it was read, to notice a later edit or replacement.

    ``content`` holds the bytes of small files (see ``_COMPARED_UP_TO``).
    """

    size: int
    mtime_ns: int
    inode: int
    device: int
    content: bytes | None = field(default=None, repr=False)

    @classmethod
    def of(cls, path: str) -> Stamp | None:
        try:
            return cls._of(path, os.stat(path))
        except OSError:
            return None

    @classmethod
    def _of(cls, path: str, info: os.stat_result) -> Stamp:
        content = None
        if stat.S_ISREG(info.st_mode) and info.st_size <= _COMPARED_UP_TO:
            try:
                with open(path, "rb") as stream:
                    content = stream.read(_COMPARED_UP_TO + 1)
            except OSError:
                content = None
        return cls(info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev, content)


def write_atomic(
    path: str, data: bytes, expected: Stamp | None = None, *, new: bool = False
) -> None:
    """Replace the file at ``path`` (a symlink's target, if it is one) by ``data``.

    ``expected`` is the file's stamp when it was read: if the file changed since, or
    changes while the new bytes are written, nothing is written (someone else's edit
    would be lost). With ``new``, the file must not exist yet and is created with the
    default mode (``0o666`` less the umask).
    """
    target = os.path.realpath(path)
    before = _existing(target, expected) if not new else None
    if new and os.path.lexists(target):
        raise WriteError("the file already exists; nothing written")
    # Kept open to notice a write to the old file that lands after the last check.
    original = _open_quietly(target) if before is not None else None
    try:
        _replace(target, data, before)
        late = _written_after_check(original, before)
    finally:
        if original is not None:
            os.close(original)
    if late is not None:  # put the old file, with that edit, back; ours is not written
        with contextlib.suppress(WriteError):
            _replace(target, late, _existing(target, None))
        raise _changed()


def _replace(target: str, data: bytes, before: _Before | None) -> None:
    """Temporary file, owner and mode, last check, rename; the temporary file never stays."""
    folder, name = os.path.split(target)
    with _signals_clean_up() as guard:
        try:
            handle, temporary = tempfile.mkstemp(
                prefix=f".{name}{_MARK}{os.getpid()}-", suffix=_SUFFIX, dir=folder
            )
        except OSError as error:
            raise WriteError(
                f"cannot create a temporary file in {folder or '.'}: {error.strerror or error}; "
                "nothing written"
            ) from None
        try:
            guard.arm()
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            if before is None:
                os.chmod(temporary, 0o666 & ~_umask())
            else:
                _chown(temporary, before.owner)
                os.chmod(temporary, stat.S_IMODE(before.mode))
            _still_as_read(target, before)
            os.replace(temporary, target)
            guard.armed = False  # written: a signal now acts once the handlers are restored
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise WriteError(f"cannot write: {error.strerror or error}; nothing written") from None
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    _sync_folder(folder)


@dataclass(frozen=True)
class _Before:
    stamp: Stamp
    mode: int
    owner: tuple[int, int]


def _existing(target: str, expected: Stamp | None) -> _Before:
    """The file about to be replaced: a writable regular file, unchanged since ``expected``."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        raise WriteError("the file vanished before it could be written; nothing written") from None
    except OSError as error:
        raise WriteError(f"cannot write: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise WriteError("not a regular file; nothing written")
    # os.replace would happily swap out a read-only file (and root may write anything):
    # the permission bits are the user's stated wish, so honour them.
    if not info.st_mode & _WRITE_BITS or not os.access(target, os.W_OK):
        raise WriteError("the file is read-only; nothing written")
    stamp = Stamp._of(target, info)
    if expected is not None and stamp != expected:
        raise _changed()
    return _Before(stamp, info.st_mode, (info.st_uid, info.st_gid))


def _open_quietly(target: str) -> int | None:
    try:
        return os.open(target, os.O_RDONLY)
    except OSError:
        return None


def _written_after_check(original: int | None, before: _Before | None) -> bytes | None:
    """The old file's bytes if someone wrote to it between the last check and the rename."""
    if original is None or before is None:
        return None
    try:
        info = os.fstat(original)
        if info.st_ino != before.stamp.inode or (info.st_size, info.st_mtime_ns) == (
            before.stamp.size,
            before.stamp.mtime_ns,
        ):
            return None
        chunks, offset = [], 0
        while chunk := os.pread(original, 1 << 20, offset):
            chunks.append(chunk)
            offset += len(chunk)
    except OSError:
        return None
    return b"".join(chunks)


def _still_as_read(target: str, before: _Before | None) -> None:
    """Refuse if the file was edited, replaced or (for a new one) created meanwhile.

    This is the last step before the rename; what remains is a window of one system call.
    """
    if before is None:
        if os.path.lexists(target):
            raise WriteError("the file was created meanwhile by someone else; nothing written")
        return
    try:
        now = Stamp._of(target, os.stat(target))
    except FileNotFoundError:
        raise WriteError("the file vanished before it could be written; nothing written") from None
    if now != before.stamp:
        raise _changed()


def _changed() -> WriteError:
    return WriteError("the file changed on disk while it was being fixed; nothing written")


def _chown(temporary: str, owner: tuple[int, int]) -> None:
    """Give the temporary file the original's owner and group, as far as we may.

    Root may give a file to anyone; a group member may keep the group but becomes the
    owner; where neither is allowed the file is the writer's, as after ``git checkout``.
    """
    if not hasattr(os, "chown"):
        return
    info = os.stat(temporary)
    uid, gid = owner
    if (info.st_uid, info.st_gid) == (uid, gid):
        return
    try:
        os.chown(temporary, uid, gid)
    except OSError:
        if info.st_gid != gid:
            with contextlib.suppress(OSError):
                os.chown(temporary, -1, gid)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class _Guard:
    """Signal handlers for the time a temporary file exists.

    Until ``arm`` (the temporary file's name is known) a signal is only noted; from then
    on it raises ``_Interrupted`` so the cleanup runs. Either way, after the handlers are
    restored, the signal is raised again and does what it would have done.
    """

    def __init__(self) -> None:
        self.armed = False
        self.pending: int | None = None

    def handle(self, signum: int, frame: FrameType | None) -> None:
        if self.armed:
            raise _Interrupted(signum)
        self.pending = signum

    def arm(self) -> None:
        self.armed = True
        if self.pending is not None:
            raise _Interrupted(self.pending)


class _Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_clean_up() -> Iterator[_Guard]:
    guard = _Guard()
    if threading.current_thread() is not threading.main_thread():
        guard.armed = True  # only the main thread receives signals
        yield guard
        return
    previous: dict[int, Any] = {}
    for signum in _SIGNALS:
        handler = signal.getsignal(signum)
        if handler not in (signal.SIG_IGN, None):
            previous[signum] = handler
            signal.signal(signum, guard.handle)
    interrupted = False
    try:
        yield guard
    except _Interrupted as signalled:
        guard.pending, interrupted = signalled.signum, True
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if guard.pending is not None:
            signal.raise_signal(guard.pending)  # SIGINT: KeyboardInterrupt; SIGTERM: the end
    if interrupted:  # a handler of the caller's own that returned
        raise WriteError("interrupted; nothing written")


def _sync_folder(folder: str) -> None:
    """Make the rename durable (best effort: not every platform can open a folder)."""
    try:
        descriptor = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# -- temporary files left behind ------------------------------------------------------------


def remove_stale_temporaries(files: Iterable[str]) -> list[str]:
    """Remove the temporary files of interrupted paperlint writes beside ``files``.

    Only names of our own pattern are considered; those of a process that still runs (a
    concurrent ``fix``) are kept unless abandoned for an hour. Returns the paths removed.
    """
    folders = {os.path.dirname(os.path.realpath(path)) for path in files}
    return [path for folder in sorted(folders) for path in _remove_stale_in(folder)]


def _remove_stale_in(folder: str) -> list[str]:
    removed: list[str] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder or "."))
    except OSError:
        return removed
    for entry in entries:
        pid = _writer(entry.name)
        if pid is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        idle = now - info.st_mtime
        if not stat.S_ISREG(info.st_mode) or idle < _GONE_GRACE:
            continue
        if idle > _ABANDONED_AFTER or not _running(pid):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(entry.path)
    return removed


def _writer(name: str) -> int | None:
    """The PID in a name of the form ``.NAME.paperlint-PID-XXXXXXXX.tmp``, else None."""
    if not name.startswith(".") or not name.endswith(_SUFFIX):
        return None
    _, mark, tail = name[: -len(_SUFFIX)].rpartition(_MARK)
    pid, dash, token = tail.partition("-")
    if not mark or not dash or not pid.isdigit() or not pid.isascii() or len(token) != 8:
        return None
    return int(pid)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # no harmless way to ask; the age rule applies
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but is not ours to signal
    return True
