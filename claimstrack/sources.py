"""Local copies of cited sources: `sources/<bibkey>.txt|.md|.pdf`, read for quote checks."""

from __future__ import annotations

from pathlib import Path

from claimstrack.matching import normalise

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
    try:
        from pypdf import PdfReader  # optional extra: pip install claimstrack[pdf]
    except ImportError:
        return None
    try:
        reader = PdfReader(str(path))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # a damaged PDF must not stop the run; the quote check is skipped
        return None


def searchable(text: str) -> str:
    """Text as quotes are searched in it: line-end hyphens joined, case, spacing, quotes and
    dashes folded, soft hyphens dropped."""
    return normalise(text.replace("-\n", "")).replace("\u00ad", "")


class SourceCopies:
    """The local source copies of one run, each read and folded once however many quotes cite it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._read: dict[str, tuple[Path, str] | None] = {}

    def get(self, key: str) -> tuple[Path, str] | None:
        """The copy of the source cited as `key` and its searchable text, if one is kept."""
        if key not in self._read:
            path = find_source(self.folder, key)
            text = read_source(path) if path is not None else None
            self._read[key] = (path, searchable(text)) if path is not None and text is not None else None
        return self._read[key]
