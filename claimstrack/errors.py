"""Errors the library raises. Each carries the exit code the CLI uses for it.

Input problems are collected, not raised one at a time: a loader gathers every `Problem` in a
file and raises one error holding all of them, so a user fixes a claims file in one pass.
"""

from __future__ import annotations

import attrs

from claimstrack.model import Location


@attrs.frozen
class Problem:
    """One thing wrong with an input, at a place in it."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class ClaimstrackError(Exception):
    """Base of every error claimstrack raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, problems: tuple[Problem, ...] | list[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return "\n".join(str(p) for p in self.problems)


class UsageError(ClaimstrackError):
    """Bad command-line usage: a missing path, an unknown option value."""


class ConfigError(ClaimstrackError):
    """Bad `[tool.claimstrack]` / `claimstrack.toml` settings: unknown keys, wrong types."""


class LibraryError(ClaimstrackError):
    """The claims library cannot be loaded: malformed TOML, unknown keys, bad dates, ..."""


class BibliographyError(ClaimstrackError):
    """references.bib cannot be read or has blocks that fail to parse."""


class DocumentError(ClaimstrackError):
    """A document cannot be read (missing, binary, not UTF-8)."""
