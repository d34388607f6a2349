"""Globs over "/"-separated paths relative to the project root: the documents and exclude
settings, per-file-ignores, and discovery of the documents, all matched the same way.

`*` and `?` stay within one path part, `[...]` is a character class, and a `**` part spans any
number of parts. Matching is a small dynamic programme over the parts, so no pattern, however
hostile, can make it backtrack. Every function takes the path first, then the glob(s).
`search` finds what globs match on disk, entering only the folders they could match below: the
one walk of the project's folders (documents, the claims folder and the `claims` glob).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path


def matches_any(relative: str, patterns: Sequence[str]) -> bool:
    """Whether a posix path relative to the root matches any of the globs; a glob without a
    slash also matches the file name alone, as in ruff's per-file-ignores ("*.html")."""
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
    path_parts = relative.split("/")
    plain = _plain_then_any(pattern)
    if plain is not None:  # the documents globs' shape: told without the programme
        prefix, last = plain
        return (len(path_parts) > len(prefix) - (last is None) and tuple(path_parts[:len(prefix)]) == prefix
                and (last is None or fnmatch.fnmatchcase(path_parts[-1], last)))
    pattern_parts = _pattern_parts(pattern)
    # The last part of a pattern, unless `**`, must match the path's last part: most paths a
    # search meets fail there (a page.md against "*.html"), told without the whole programme.
    if pattern_parts and pattern_parts[-1] != "**" and not fnmatch.fnmatchcase(path_parts[-1], pattern_parts[-1]):
        return False
    reachable = _start(path_parts)
    for part in pattern_parts:
        reachable = _step(reachable, part, path_parts)
    return reachable[-1]


def could_match_below(relative_folder: str, pattern: str) -> bool:
    """Whether some path below a folder (relative, "/"-separated) could match a glob, so that a
    search for the glob must look inside it ("content/news" for "content/**/*.md": yes)."""
    path_parts = relative_folder.split("/")
    pattern_parts = _pattern_parts(pattern)
    reachable = _start(path_parts)
    for part in pattern_parts:
        if reachable[-1]:  # the folder's parts are used up and this part is still to match
            return True
        reachable = _step(reachable, part, path_parts)
    return reachable[-1] and pattern_parts[-1:] == ("**",)


def _start(path_parts: list[str]) -> list[bool]:
    """reachable[j]: the pattern parts seen so far can match the first j path parts."""
    return [True] + [False] * len(path_parts)


def _step(reachable: list[bool], part: str, path_parts: list[str]) -> list[bool]:
    """`reachable` once one more pattern part is matched: a `**` stays or eats a part."""
    if part == "**":
        spans = list(reachable)
        for j in range(1, len(spans)):
            spans[j] = spans[j] or spans[j - 1]
        return spans
    return [False] + [
        reachable[j] and fnmatch.fnmatchcase(path_parts[j], part) for j in range(len(path_parts))
    ]


@lru_cache(maxsize=256)
def _plain_then_any(pattern: str) -> tuple[tuple[str, ...], str | None] | None:
    """For a glob of plain parts, a `**` and at most one more part ("content/**/*.md",
    "drafts/**"): the plain parts and the last part (None if there is none); None for any other
    glob. A path matches such a glob when it starts with the plain parts and, given a last
    part, has a part after them and its last part matches that one (the `**` spans whatever
    lies between, nothing included): what the programme tells, as a prefix and one fnmatch."""
    parts = _pattern_parts(pattern)
    if "**" not in parts:
        return None
    at = parts.index("**")
    prefix, rest = parts[:at], parts[at + 1:]
    if any(is_glob(part) for part in prefix) or len(rest) > 1 or rest == ("**",):
        return None
    return prefix, rest[0] if rest else None


@lru_cache(maxsize=256)
def _pattern_parts(pattern: str) -> tuple[str, ...]:
    parts = [part for part in pattern.removeprefix("./").split("/") if part]
    return tuple("**" if "**" in part and part.strip("*") == "" else part for part in parts)


def is_glob(text: str) -> bool:
    """Whether a setting or path part holds a wildcard (`*`, `?` or `[`), so is read as a glob."""
    return any(sign in text for sign in "*?[")


def glob_root(pattern: str) -> str:
    """The directory a glob searches below: its leading directory parts with no wildcard
    ("content" for "content/**/*.md"; "" when the glob starts at the root)."""
    parts = [part for part in pattern.removeprefix("./").split("/") if part][:-1]
    fixed: list[str] = []
    for part in parts:
        if is_glob(part):
            break
        fixed.append(part)
    return "/".join(fixed)


#: Folders of tools, never content: a search skips them as it skips hidden folders.
TOOL_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", ".venv", ".git"})
#: The file that tags a folder as a cache (https://bford.info/cachedir/): claimstrack's own
#: cache folder has one, and so do those of ruff, pytest and other tools.
CACHE_TAG = "CACHEDIR.TAG"
#: What a cache tag starts with (claimstrack's cache writes it too: `claimstrack.cache`).
CACHE_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"


def search(
    base: Path,
    patterns: Sequence[str],
    *,
    hidden: bool = False,
    caches: bool = False,
    prune: Sequence[str] = (),
    unlistable: Callable[[Path, OSError], None] = lambda folder, error: None,
) -> Iterator[str]:
    """The "/"-separated paths relative to `base` of every file or folder whose whole relative
    path matches one of the globs: a folder's entries by name, then those of its subfolders.

    One walk from each glob's root (`glob_root`) that lists only the folders some glob could
    match below (`could_match_below`). What it never enters, below a glob's root (a folder the
    glob names outright is searched):
    - a link to a folder: its files would be read twice, or from outside the project;
    - a hidden folder (".git", ".drafts") or a tool's (`TOOL_FOLDERS`), unless `hidden` or a
      glob names it outright (".site/**/*.md", "**/.well-known/*.html": explicit beats default);
    - a folder tagged as a cache (`CACHE_TAG`), unless `caches`;
    - a folder whose every path a `prune` glob matches ("drafts/**" for "drafts").
    A folder that cannot be listed is passed to `unlistable`; a glob root that does not exist
    matches nothing.
    """
    roots = sorted({glob_root(pattern) for pattern in patterns})
    folders = [root for root in reversed(roots) if not any(_is_below(root, other) for other in roots)]
    starts = set(folders)
    pruned = [pattern[:-3] for pattern in prune if pattern.endswith("/**")]
    named = {part for pattern in patterns for part in _pattern_parts(pattern) if not is_glob(part)}
    while folders:
        folder = folders.pop()
        entries = _listing(base / folder, unlistable)
        if not caches and folder not in starts and _is_cache(base / folder, entries):
            continue
        deeper = []
        for entry in entries:
            relative = f"{folder}/{entry.name}" if folder else entry.name
            if any(glob_match(relative, pattern) for pattern in patterns):
                yield relative
            if (entry.is_dir(follow_symlinks=False)
                    and (hidden or not skipped_folder_name(entry.name) or entry.name in named)
                    and not any(glob_match(relative, pattern) for pattern in pruned)
                    and any(could_match_below(relative, pattern) for pattern in patterns)):
                deeper.append(relative)
        folders.extend(reversed(deeper))


def skipped_folder_name(name: str) -> bool:
    """Whether a search skips a folder of this name: a hidden one or a tool's."""
    return name.startswith(".") or name in TOOL_FOLDERS


def _is_cache(folder: Path, entries: list[os.DirEntry[str]]) -> bool:
    """Whether a folder holds a cache tag that starts with the tag's signature."""
    if not any(entry.name == CACHE_TAG for entry in entries):
        return False
    try:
        with open(folder / CACHE_TAG, "rb") as tag:
            return tag.read(len(CACHE_SIGNATURE)) == CACHE_SIGNATURE
    except OSError:
        return False


def _listing(folder: Path, unlistable: Callable[[Path, OSError], None]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        unlistable(folder, error)
        return []


def _is_below(folder: str, other: str) -> bool:
    """Whether root-relative `folder` lies strictly inside `other` ("" is the root)."""
    return folder != other and (other == "" or folder.startswith(f"{other}/"))
