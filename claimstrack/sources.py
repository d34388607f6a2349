"""Local copies of cited sources: `sources/<bibkey>.txt|.md|.pdf`, read for quote checks (CT107)
and to tell whether a copy states a figure a document cites it for (CT108 and the report)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs

from claimstrack.consistency.intervals import SUPPORTED, Tolerance, comparable, support_verdict
from claimstrack.documents.pdf import pdf_pages
from claimstrack.errors import DocumentError
from claimstrack.figures import extract_figures
from claimstrack.model import Figure
from claimstrack.text import normalise

SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".pdf")


def find_source(folder: Path, key: str) -> Path | None:
    """The local copy of the source cited as `key`, if one is kept."""
    for suffix in SOURCE_SUFFIXES:
        candidate = folder / f"{key}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def read_source(path: Path) -> str | None:
    """The text of a source copy; None when it cannot be read (PDF without the extra)."""
    if path.suffix == ".pdf":
        return _read_pdf(path)
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _read_pdf(path: Path) -> str | None:
    """The lines of a PDF copy, read as PDF pages are (the `pdf` extra); None when pdfminer.six
    is not installed or the file is damaged, encrypted or too big: the quote check is skipped."""
    try:
        pages = pdf_pages(path.read_bytes(), str(path))
    except (DocumentError, OSError):
        return None
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

    def __init__(self, folder: Path, tolerance: Tolerance | None = None) -> None:
        self.folder = folder
        self.tolerance = tolerance or Tolerance()
        self._read: dict[str, tuple[Path, str] | None] = {}
        self._figures: dict[str, tuple[Figure, ...]] = {}

    def get(self, key: str) -> tuple[Path, str] | None:
        """The copy of the source cited as `key` and its searchable text, if one is kept."""
        if key not in self._read:
            path = find_source(self.folder, key)
            text = read_source(path) if path is not None else None
            self._read[key] = (path, searchable(text)) if path is not None and text is not None else None
        return self._read[key]

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
