"""How a file's path is shown in messages and reports: relative to the project root."""

from __future__ import annotations

from pathlib import Path


def shown_path(path: Path, root: Path) -> str:
    """`path` relative to `root` in posix form when it lies below it, else as given.

    The path is compared as written first, so a file reached through a symlink inside the
    project keeps the name the user sees; then both sides resolved (a relative `path` is taken
    from the working directory).
    """
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
