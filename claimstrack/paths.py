"""How a file's path is shown in messages and reports (relative to the project root), and why a
path cannot be read, in words."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePosixPath


def real_path(path: Path) -> Path:
    """`path` with every symlink resolved; never raises (a symlink loop stays unresolved).

    `Path.resolve()` raises RuntimeError on a loop in Python 3.11, which reached users as an
    internal error.
    """
    return Path(os.path.realpath(path))


def shown_path(path: Path, root: Path) -> str:
    """`path` relative to `root` in posix form when it lies below it, else as given.

    The path is compared as written first, so a file reached through a symlink inside the
    project keeps the name the user sees; then both sides resolved (a relative `path` is taken
    from the working directory).
    """
    if isinstance(path, PurePosixPath) and isinstance(root, PurePosixPath):
        # A path written below the root, told on the strings (both normalised: parts joined by
        # single slashes), as `relative_to` tells it without parsing both again: a run shows the
        # paths of 10,000 pages.
        text, base = str(path), str(root)
        if len(text) > len(base) + 1 and text[len(base)] == "/" and text.startswith(base) and base != "/":
            return text[len(base) + 1:]
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return real_path(path).relative_to(real_path(root)).as_posix()
    except ValueError:
        return path.as_posix()


def why_not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a file ("is a folder, not a file", "is a symlink loop",
    "does not exist", ...), or None when it is a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return _why_not_found(path, error)
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    return None


def _why_not_found(path: Path, error: OSError) -> str:
    """What a failed stat of `path` says about it: a link loop, a broken link, nothing there."""
    if error.errno == errno.ELOOP:
        return "is a symlink loop"
    if error.errno == errno.ENOENT and path.is_symlink():
        return f"is a broken symlink (to '{os.readlink(path)}', which does not exist)"
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return "does not exist"
    return f"cannot be read: {error.strerror or error}"


#: What a refused path's message tells the user to do.
ALLOW_HINT = "pass --allow-outside-root to read it"
#: The same for a path the tool would write to (the cache folder, a claims file).
WRITE_HINT = "pass --allow-outside-root to write it"


def outside_root(path: Path, root: Path) -> Path | None:
    """Where `path` really is (symlinks resolved) when that is not below `root`, else None.

    Every file claimstrack reads (documents, claims, bibliography, baseline, source copies)
    must lie inside the project after resolving symlinks, unless the user allows otherwise:
    a link in a repository must not make a CI run read and print the machine's own files.
    """
    real = real_path(path)  # a symlink loop stays unresolved: nothing outside is read through it
    return None if real.is_relative_to(real_path(root)) else real
