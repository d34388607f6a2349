"""Finding the documents to read: paths given on the command line, or globs from the config."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from claimstrack.atomic import is_temporary
from claimstrack.documents.read import READABLE_SUFFIXES
from claimstrack.errors import Problem, UsageError
from claimstrack.model import Location
from claimstrack.paths import why_not_a_file

#: Files a directory search picks up: every format there is a reader for.
DEFAULT_GLOBS = tuple(f"*{suffix}" for suffix in READABLE_SUFFIXES)

#: Directories never searched (besides hidden ones, whose name starts with ".").
SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "venv", ".venv", ".git"})


def discover_documents(
    paths: Sequence[str | Path],
    include: Sequence[str] = DEFAULT_GLOBS,
    exclude: Sequence[str] = (),
) -> list[Path]:
    """The documents under `paths`, sorted and without duplicates.

    A file is taken whatever its extension; a directory is searched recursively for files
    matching `include` (skipping hidden directories, node_modules, .git, .venv) and not matching
    `exclude`. Patterns without "/" match a file name; with "/" the path relative to the
    directory searched ("drafts/**"). A missing path raises UsageError.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(_search(path, include, exclude))
        else:
            why = _why_not_readable(path)
            raise UsageError(
                f"{given}: {why}",
                [Problem(Location(str(given)), why)],
            )
    return _sorted_unique(found)


def _why_not_readable(path: Path) -> str:
    """What a path given as a document is instead: missing, a symlink loop, a FIFO, ..."""
    why = why_not_a_file(path)
    if why == "does not exist":
        return "no such file or directory"
    if why == "is not a regular file":
        return "not a regular file or directory"
    return (why or "not readable").removeprefix("is ")


def discover_from_globs(
    root: str | Path, include: Sequence[str], exclude: Sequence[str] = ()
) -> list[Path]:
    """Files under `root` matching any `include` glob ("content/**/*.md") and no `exclude` glob."""
    base = Path(root)
    if not base.is_dir():
        raise UsageError(
            f"{root}: the documents root is not a directory",
            [Problem(Location(str(root)), "the documents root is not a directory")],
        )
    found: list[Path] = []
    for pattern in include:
        for path in base.glob(pattern):
            relative = path.relative_to(base).as_posix()
            if (
                path.is_file()
                and not is_temporary(path.name)
                and not _in_skipped_directory(relative)
                and not _matches_any(relative, exclude)
            ):
                found.append(path)
    return _sorted_unique(found)


def left_out_documents(
    root: str | Path, include: Sequence[str], exclude: Sequence[str], taken: Iterable[Path]
) -> list[Path]:
    """Readable files the `include` globs leave out, so a check can say what it did not read.

    Looked for below each glob's root directory (`glob_root`); a glob rooted at the project
    itself ("**/*.md") looks only beside the documents it took, not through the whole
    repository. A file `exclude` names was left out on purpose and is not listed.
    """
    base = Path(root)
    taken_keys = {os.path.normpath(path) for path in taken}
    roots = {glob_root(pattern) for pattern in include}
    beside = {Path(key).parent for key in taken_keys} if "" in roots else set()
    candidates: list[Path] = []
    for directory in sorted(base / r for r in roots if r):
        if directory.is_dir():
            candidates.extend(_walk(directory))
    for directory in sorted(beside):
        candidates.extend(p for p in directory.iterdir() if p.is_file())
    left_out = []
    for path in candidates:
        relative = path.relative_to(base).as_posix()
        if _readable(path) and os.path.normpath(path) not in taken_keys and not _matches_any(relative, exclude):
            left_out.append(path)
    return _sorted_unique(left_out)


def glob_root(pattern: str) -> str:
    """The directory a documents glob searches below: its leading directory parts with no
    wildcard ("content" for "content/**/*.md"; "" when the glob starts at the project)."""
    parts = [part for part in pattern.removeprefix("./").split("/") if part][:-1]
    fixed: list[str] = []
    for part in parts:
        if any(sign in part for sign in "*?["):
            break
        fixed.append(part)
    return "/".join(fixed)


def _search(directory: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterable[Path]:
    for path in _walk(directory):
        relative = path.relative_to(directory).as_posix()
        if _matches_any(relative, include) and not _matches_any(relative, exclude):
            yield path


def _walk(directory: Path) -> Iterable[Path]:
    """Every file below `directory`, skipping hidden directories, node_modules, .git, .venv,
    and claimstrack's own in-progress temporary files (an output being written, never a document)."""
    for current, subdirectories, files in os.walk(directory):
        subdirectories[:] = sorted(
            name for name in subdirectories if not _skipped_directory_name(name)
        )
        for name in files:
            if not is_temporary(name):
                yield Path(current, name)


def _readable(path: Path) -> bool:
    return path.suffix.lower() in READABLE_SUFFIXES


def _skipped_directory_name(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_DIRECTORIES


def _in_skipped_directory(relative: str) -> bool:
    return any(_skipped_directory_name(part) for part in relative.split("/")[:-1])


def _matches_any(relative: str, patterns: Sequence[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        subject = relative if "/" in pattern else name
        if glob_match(subject, pattern):
            return True
    return False


def glob_match(relative: str, pattern: str) -> bool:
    """Whether a "/"-separated relative path matches a glob.

    `*` and `?` stay within one path part (fnmatch per part); a `**` part spans any number of
    parts. Matching is a small dynamic programme over parts, so no pattern can backtrack.
    """
    pattern_parts = _pattern_parts(pattern)
    path_parts = relative.split("/")
    # reachable[j]: the pattern parts seen so far can match the first j path parts
    reachable = [True] + [False] * len(path_parts)
    for part in pattern_parts:
        if part == "**":
            for j in range(1, len(reachable)):
                reachable[j] = reachable[j] or reachable[j - 1]
            continue
        reachable = [False] + [
            reachable[j] and fnmatch.fnmatchcase(path_parts[j], part) for j in range(len(path_parts))
        ]
    return reachable[-1]


@lru_cache(maxsize=256)
def _pattern_parts(pattern: str) -> tuple[str, ...]:
    parts = [part for part in pattern.removeprefix("./").split("/") if part]
    return tuple("**" if "**" in part and part.strip("*") == "" else part for part in parts)


def _sorted_unique(paths: Iterable[Path]) -> list[Path]:
    unique: dict[str, Path] = {}
    for path in paths:
        unique.setdefault(os.path.normpath(path), path)
    return [unique[key] for key in sorted(unique)]
