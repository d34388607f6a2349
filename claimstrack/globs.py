"""Globs over "/"-separated paths relative to the project root: the documents and exclude
settings, per-file-ignores, and discovery of the documents, all matched the same way.

`*` and `?` stay within one path part, `[...]` is a character class, and a `**` part spans any
number of parts. Matching is a small dynamic programme over the parts, so no pattern, however
hostile, can make it backtrack. Every function takes the path first, then the glob(s).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from functools import lru_cache


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
