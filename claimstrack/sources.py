"""Local copies of cited sources: `sources/<bibkey>.txt|.md|.pdf`, read for quote checks (CT107)
and to tell whether a copy states a figure a document cites it for (CT108 and the report)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import attrs

from claimstrack.consistency.intervals import SUPPORTED, Tolerance, comparable, support_verdict
from claimstrack.documents.discover import unreadable_reason
from claimstrack.documents.pdf import pdf_pages
from claimstrack.errors import DocumentError
from claimstrack.figures import extract_figures
from claimstrack.model import Figure
from claimstrack.text import normalise

SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".pdf")


def find_source(folder: Path, key: str) -> Path | None:
    """The local copy of the source cited as `key`, if one is kept (a broken link counts: it is
    a copy that cannot be read, which is reported, not a copy that is not kept)."""
    for suffix in SOURCE_SUFFIXES:
        candidate = folder / f"{key}{suffix}"
        if os.path.lexists(candidate):
            return candidate
    return None


class SourceUnreadable(Exception):
    """A source copy that is kept but cannot be read; the message says why."""


def load_source(path: Path, root: Path | None = None) -> str:
    """The text of a source copy; SourceUnreadable when it is not a readable file (or, with
    `root`, when it resolves outside it), a damaged PDF, or a PDF without the pdf extra."""
    reason = unreadable_reason(path, root)
    if reason is not None:
        raise SourceUnreadable(reason)
    if path.suffix == ".pdf":
        return _read_pdf(path)
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise SourceUnreadable(f"cannot read it: {error.strerror or error}") from None


def _read_pdf(path: Path) -> str:
    """The lines of a PDF copy, read as PDF pages are (the `pdf` extra)."""
    try:
        pages = pdf_pages(path.read_bytes(), str(path))
    except DocumentError as error:
        raise SourceUnreadable("; ".join(p.message for p in error.problems) or error.message) from None
    except OSError as error:
        raise SourceUnreadable(f"cannot read it: {error.strerror or error}") from None
    return "\n".join(line.text for lines in pages for line in lines)


def searchable(text: str) -> str:
    """Text as quotes are searched in it: line-end hyphens joined, case, spacing, quotes and
    dashes folded, soft hyphens dropped."""
    return normalise(text.replace("-\n", "")).replace("\u00ad", "")


@attrs.frozen
class CitedSource:
    """A citation backing a figure in a document, and what its local source copy says of it."""

    key: str
    #: the local copy of the source, when one is kept (and readable)
    copy: Path | None = None
    #: whether the copy states the figure; None when there is no copy to look in
    contains: bool | None = None


class SourceCopies:
    """The local source copies of one run, each read and folded (and its figures read) once,
    however many quotes and figures cite it."""

    def __init__(self, folder: Path, tolerance: Tolerance | None = None, *, root: Path | None = None) -> None:
        self.folder = folder
        self.tolerance = tolerance or Tolerance()
        #: when given, a copy that resolves outside it (a symlink out of the project) is refused
        self.root = root
        self._read: dict[str, tuple[Path, str] | None] = {}
        self._figures: dict[str, tuple[Figure, ...]] = {}
        self._problems: dict[str, tuple[Path, str]] = {}

    def get(self, key: str) -> tuple[Path, str] | None:
        """The copy of the source cited as `key` and its searchable text, if one is kept."""
        if key not in self._read:
            path = find_source(self.folder, key)
            text = None
            if path is not None:
                try:
                    text = load_source(path, self.root)
                except SourceUnreadable as error:
                    self._problems[key] = (path, str(error))
            self._read[key] = (path, searchable(text)) if path is not None and text is not None else None
        return self._read[key]

    def unreadable(self, keys: Iterable[str]) -> list[tuple[Path, str]]:
        """(copy, why) for each of `keys` whose copy is kept but cannot be read (read now if not yet)."""
        found = []
        for key in sorted(set(keys)):
            self.get(key)
            if key in self._problems:
                found.append(self._problems[key])
        return found

    def cited(self, keys: Iterable[str], figure: Figure) -> tuple[CitedSource, ...]:
        """Each cited key with its local copy and whether that copy states `figure`."""
        return tuple(self._cited(key, figure) for key in keys)

    def _cited(self, key: str, figure: Figure) -> CitedSource:
        copy = self.get(key)
        if copy is None:
            return CitedSource(key)
        return CitedSource(key, copy[0], self._states(key, copy[1], figure))

    def _states(self, key: str, text: str, figure: Figure) -> bool:
        """The copy states the figure: its words as written (folded as quotes are, CT107), or a
        figure of the copy that supports it by containment, as a quote supports a claim (CT106)."""
        if searchable(figure.text) in text:
            return True
        if key not in self._figures:
            self._figures[key] = tuple(extract_figures(text))
        return any(comparable(stated, figure) and _supports(figure, stated, self.tolerance)
                   for stated in self._figures[key])


def _supports(figure: Figure, stated: Figure, tolerance: Tolerance) -> bool:
    try:
        return support_verdict(figure, stated, tolerance) == SUPPORTED
    except ValueError:
        return False  # a figure with no number ("several") supports nothing
