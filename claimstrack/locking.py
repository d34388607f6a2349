"""An advisory lock around a file's read-modify-write, so two writers never lose an update.

The lock is taken on the file's directory, not on the file: an atomic write renames a new
file over the old one, so a lock held on the old file's inode would not stop a writer that
opens the new one. Locking the directory also leaves no lock file behind.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from claimstrack.paths import real_path

#: How long a writer waits for another to finish before giving up, in seconds.
LOCK_TIMEOUT = 5.0

_POLL_INTERVAL = 0.02


class LockTimeout(TimeoutError):
    """Another process held the lock for longer than the timeout (an OSError, as TimeoutError is)."""

    def __init__(self, waited: float) -> None:
        super().__init__(f"another claimstrack process is writing there; waited {waited:g} s for the lock")
        self.waited = waited


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock for `path` (on its directory) while the block runs.

    Waits up to `timeout` seconds (default LOCK_TIMEOUT) and raises LockTimeout after that.
    Where the platform has no flock (Windows), the block runs unlocked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    wait = LOCK_TIMEOUT if timeout is None else timeout
    directory = real_path(Path(path)).parent
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        if not wait_for_lock(descriptor, fcntl.LOCK_EX, wait):
            raise LockTimeout(wait)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def wait_for_lock(descriptor: int, operation: int, timeout: float) -> bool:
    """Take the flock `operation` (`fcntl.LOCK_SH` or `fcntl.LOCK_EX`) on `descriptor`, trying
    again until `timeout` seconds have passed; False if another process still holds it then.
    OSError where the file system has no locks."""
    import fcntl

    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(descriptor, operation | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL_INTERVAL)
