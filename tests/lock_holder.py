"""Hold a claimstrack lock from another thread, to test what a second writer sees."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from claimstrack import locking


@contextlib.contextmanager
def held_lock(path: Path) -> Iterator[None]:
    """The lock for `path` is held by another thread while the block runs."""
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with locking.locked(path, timeout=5):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    try:
        yield
    finally:
        release.set()
        holder.join()
