"""Writing a fixed file back: atomically, with its mode, or not at all.

The new bytes go to a temporary file in the same folder (so the rename cannot cross file
systems), are flushed to disk, take the original's permission bits, and then replace the
original with ``os.replace``. Any failure leaves the original as it was and removes the
temporary file; the caller gets one ``WriteError`` line naming the reason.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class WriteError(Exception):
    """The file could not be written; the message is one line for the user."""


@dataclass(frozen=True)
class Stamp:
    """Size and modification time of a file when it was read, to notice later edits."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str) -> Stamp | None:
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns)


def write_atomic(path: str, data: bytes, expected: Stamp | None = None) -> None:
    """Replace the file at ``path`` (a symlink's target, if it is one) by ``data``.

    ``expected`` is the file's stamp when it was read: if the file changed since, nothing
    is written (someone else's edit would be lost).
    """
    target = os.path.realpath(path)
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
    if expected is not None and (info.st_size, info.st_mtime_ns) != (
        expected.size,
        expected.mtime_ns,
    ):
        raise WriteError("the file changed on disk while it was being fixed; nothing written")
    folder, name = os.path.split(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(
            f"cannot create a temporary file in {folder or '.'}: {error.strerror or error}; "
            "nothing written"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteError(f"cannot write: {error.strerror or error}; nothing written") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


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
