"""A reader for a FIFO on a thread, so a test can write into the pipe and see what arrived."""

from __future__ import annotations

import threading
from pathlib import Path


def read_fifo_in_background(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """Start reading `fifo` to its end on a daemon thread; the bytes land in the returned list.

    Join the thread with a timeout: a daemon reader left blocked cannot hang the test run."""
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.append(reader.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, received
