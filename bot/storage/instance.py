"""One bot per data directory: an exclusive lock on a file in it, held for the process's life.

Two bots on one directory would both poll Telegram (which answers each with 409 Conflict) and
both deliver the outbox, so contacts would get notifications twice. SQLite's own locking only
shows a write in progress, so the bot takes this lock before it opens the database. The kernel
releases it when the process ends, however it ends (kill -9 included), so a stale lock file
never blocks a restart. `flock` locks the open file, not the process: a second open in the
same process is refused too.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from types import TracebackType

LOCK_FILE = "foerderlotse.lock"


class AlreadyRunning(Exception):
    """Another bot holds the data directory; the message says which and what to do."""


class InstanceLock:
    def __init__(self, descriptor: int, path: Path) -> None:
        self._descriptor: int | None = descriptor
        self.path = path

    @classmethod
    def take(cls, data_dir: Path) -> InstanceLock:
        """The lock of `data_dir`, or `AlreadyRunning` at once (never waits)."""
        path = data_dir / LOCK_FILE
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(descriptor)
            os.close(descriptor)
            raise AlreadyRunning(
                f"another bot{holder} is already running on {data_dir}; stop it first, or "
                "give this one a data directory of its own"
            ) from None
        except BaseException:
            os.close(descriptor)
            raise
        # Who holds it, for the message a second instance prints (the lock is what counts).
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())
        return cls(descriptor, path)

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing the file releases the lock
            self._descriptor = None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _holder(descriptor: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        pid = int(os.pread(descriptor, 32, 0).decode("ascii").strip())
        return f" (process {pid})"
    return ""
