"""Safe file writes: a reader sees the old file or the new one, never half of either, and a path
that is not a regular file (a device, a FIFO) is written to, never replaced.

A regular file is replaced atomically through a hidden temporary file in its directory, named
`.claimstrack-<name>.<pid>.<random>.tmp` so that it is recognisable (document discovery skips
it, see `is_temporary`). The temporary file is removed on any error, on SIGTERM, SIGHUP and
Ctrl-C; one left behind by a `kill -9` is removed by the next write to the same file once its
writer's process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import TextIO

TEMPORARY_PREFIX = ".claimstrack-"
TEMPORARY_SUFFIX = ".tmp"
#: Bytes gathered before each write(2): output arrives in many small pieces.
_BUFFER = 1 << 18
_TEMPORARY_NAME = re.compile(r"\.claimstrack-(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp")
#: Signals whose default action ends the process without unwinding: the temporary file is
#: removed first, then the signal is delivered again.
_CLEANUP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


def is_temporary(name: str) -> bool:
    """Whether a file name is one of claimstrack's own in-progress temporary files."""
    return _TEMPORARY_NAME.fullmatch(name) is not None


def _default_mode() -> int:
    """The permission bits a new file gets under the current umask (0o666 & ~umask)."""
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(
    path: str | os.PathLike[str], text: str | Iterable[str], *, encoding: str = "utf-8"
) -> None:
    """Write `text` (a string, or an iterable of string pieces written one after another) to
    `path` without ever destroying what the path is: see `open_atomic`. Line endings are written
    exactly as they are in `text`."""
    with open_atomic(path, encoding=encoding) as handle:
        if isinstance(text, str):
            handle.write(text)
        else:
            for piece in text:
                handle.write(piece)


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream for `path` that never destroys what the path is; what is written to it
    takes effect when the `with` block ends without an error.

    - a symlink is followed: its target is written (a symlink stays a symlink);
    - a regular file, or a path that does not exist yet, is replaced atomically: the text goes to
      a temporary file in the same directory, is flushed and fsynced, gets the original file's
      permission bits (or the umask default) and is renamed over the file. If the block raises
      (or any step fails) the temporary file is removed and the original is left untouched, so
      output can be produced while it is written, piece by piece, without holding all of it;
    - anything else that exists (a character device such as /dev/null, a FIFO, a socket) is
      opened and written through, never replaced: there, what was written before an error stays;
    - a directory raises IsADirectoryError.

    No newline translation: line endings are written as given.
    """
    target = Path(os.path.realpath(path))
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if status is not None and not stat.S_ISREG(status.st_mode):
        # No O_CREAT, no O_TRUNC: the device or FIFO is written to, nothing is replaced.
        descriptor = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with open(descriptor, "w", encoding=encoding, newline="", buffering=_BUFFER) as handle:
            yield handle
        return
    mode = stat.S_IMODE(status.st_mode) if status is not None else _default_mode()
    _remove_abandoned_temporaries(target)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f"{TEMPORARY_PREFIX}{target.name}.{os.getpid()}.", suffix=TEMPORARY_SUFFIX, dir=target.parent
    )
    try:
        with _removed_on_signal(temporary):
            with os.fdopen(descriptor, "w", encoding=encoding, newline="", buffering=_BUFFER) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(target.parent)


@contextlib.contextmanager
def _removed_on_signal(temporary: str) -> Iterator[None]:
    """While writing: a terminating signal removes the temporary file, then ends the process as
    the signal would have. Only the main thread can set handlers; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, object] = {}

    def cleanup(signum: int, frame: FrameType | None) -> None:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        _restore(previous)
        os.kill(os.getpid(), signum)  # delivered again, now to the handler the program had

    for signum in _CLEANUP_SIGNALS:
        handler = signal.getsignal(signum)
        if handler is signal.SIG_IGN or handler is None:
            continue  # an ignored signal cannot interrupt the write
        previous[signum] = handler
        signal.signal(signum, cleanup)
    try:
        yield
    finally:
        _restore(previous)


def _restore(previous: dict[int, object]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]
    previous.clear()


def _remove_abandoned_temporaries(target: Path) -> None:
    """Remove temporary files for `target` whose writing process no longer exists (kill -9)."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        match = _TEMPORARY_NAME.fullmatch(name)
        if match is None or match["name"] != target.name or _process_exists(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(target.parent / name)


def _process_exists(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of this process may be writing
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable; best effort, as not every platform can open a directory."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
