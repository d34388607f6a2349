"""The bibliography: references.bib read once, through bibtexparser 2, into Reference values."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

from claimstrack.errors import BibliographyError, Problem
from claimstrack.model import Location, Reference
from claimstrack.paths import shown_path, why_not_a_file
from claimstrack.text import bare_doi
from claimstrack.toml_input import decode_text

# bibtexparser logs each failed block as a warning; we report them ourselves, so keep its
# log records off stderr unless the application configures logging.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


@attrs.frozen
class Bibliography:
    """The references of one .bib file; `path` is relative to the root (None when absent)."""

    references: tuple[Reference, ...] = ()
    path: str | None = None
    _by_key: dict[str, Reference] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {r.key: r for r in self.references})

    def get(self, key: str) -> Reference | None:
        """The reference with this citation key, or None."""
        return self._by_key.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Reference]:
        return iter(self.references)

    def __len__(self) -> int:
        return len(self.references)


def load_bibliography(path: Path, root: Path, *, required: bool = False) -> Bibliography:
    """Read a .bib file; every bad block, duplicate key or encoding problem is collected.

    A missing file gives an empty Bibliography (path None), so a project without references
    still runs; with `required=True` (pass `config.is_explicit("bibliography")`: the user
    named the file) it raises BibliographyError instead.
    """
    absolute = path if path.is_absolute() else root / path
    shown = shown_path(absolute, root)
    why = why_not_a_file(absolute)
    if why == "does not exist" and not required:
        return Bibliography(path=None)
    if why is not None:
        # Only a missing file is "not found": a folder or a symlink loop is named as such.
        message = "bibliography file not found" if why == "does not exist" else f"the bibliography {why}"
        raise BibliographyError(f"cannot read {shown}", [Problem(Location(shown), message)])
    try:
        data = absolute.read_bytes()
    except OSError as exc:
        problem = Problem(Location(shown), f"cannot read bibliography: {exc.strerror}")
        raise BibliographyError(f"cannot read {shown}", [problem]) from None
    text, problems = decode_text(data, shown, "a BibTeX file")
    if text is None:
        raise BibliographyError(f"cannot read {shown}", problems)
    return parse_bibliography(text, shown)


def parse_bibliography(text: str, shown: str) -> Bibliography:
    """Parse BibTeX text; `shown` is the path used in locations and in `Bibliography.path`."""
    try:
        library = bibtexparser.parse_string(text)
    except Exception as exc:  # bibtexparser re-raises its internal errors; never a traceback
        problem = Problem(Location(shown), f"the BibTeX parser failed: {exc!r}")
        raise BibliographyError(f"cannot parse {shown}", [problem]) from None
    lines = text.split("\n")  # as bibtexparser counts lines (splitlines also splits on \x0c)
    problems = [_failed_block_problem(block, shown, lines) for block in library.failed_blocks]
    references = []
    for entry in library.entries:
        if not entry.key.strip():
            location = _location(entry.start_line, shown, lines)
            problems.append(Problem(location, f"@{entry.entry_type} entry has no citation key"))
            continue
        references.append(_reference(entry, _location(entry.start_line, shown, lines)))
    if problems:
        problems.sort(key=lambda p: (p.location.line, p.location.column))
        raise BibliographyError(f"{shown} has {len(problems)} problem(s)", problems)
    return Bibliography(tuple(references), shown)


def _location(start_line: int | None, shown: str, lines: list[str]) -> Location:
    """The 1-based position of the '@' opening a block (bibtexparser's lines are 0-based)."""
    index = start_line or 0
    line_text = lines[index] if index < len(lines) else ""
    return Location(shown, index + 1, max(line_text.find("@"), 0) + 1)


def _failed_block_problem(block: ParsingFailedBlock, shown: str, lines: list[str]) -> Problem:
    location = _location(block.start_line, shown, lines)
    if isinstance(block, DuplicateBlockKeyBlock):
        previous = _location(block.previous_block.start_line, shown, lines)
        what = "entry" if isinstance(block.previous_block, Entry) else "@string"
        message = f"duplicate {what} key '{block.key}' (first defined at line {previous.line})"
        return Problem(location, message)
    error = block.error
    reason = getattr(error, "abort_reason", None) or str(error).split(". Note:")[0]
    head = (block.raw or "").split("{", 1)[0].strip() or "block"
    return Problem(location, f"cannot parse {head} block: {reason or type(error).__name__}")


# ---------------------------------------------------------------------------------------------
# From an Entry to a Reference

_BRACES = re.compile(r"(?<!\\)[{}]")
_LATEX_ESCAPE = re.compile(r"\\([&%$#_{}])")
_SPACES = re.compile(r"\s+")
_PMID_NOTE = re.compile(r"\bPMID:?\s*(\d+)", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"[{}]| and ", re.IGNORECASE)


def clean_text(value: str) -> str:
    """Drop case-protecting braces and simple LaTeX escapes, turn --- and -- into dashes,
    and collapse whitespace: "{COVID}-19 \\& 1990--2016" -> "COVID-19 & 1990\u20132016"."""
    text = _LATEX_ESCAPE.sub(r"\1", _BRACES.sub("", value))
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    return _SPACES.sub(" ", text).strip()


def split_names(value: str) -> list[str]:
    """Split a BibTeX name list on " and " outside braces ("{Barnes and Noble}" is one name)."""
    # Collapse whitespace first so the token pattern is literal (no backtracking on long runs).
    value = _SPACES.sub(" ", value)
    names, depth, start = [], 0, 0
    for match in _NAME_TOKEN.finditer(value):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def _pmid(fields: dict[str, str]) -> str | None:
    if fields.get("pmid", "").strip():
        return fields["pmid"].strip()
    if fields.get("eprinttype", "").strip().lower() == "pubmed" and fields.get("eprint"):
        return fields["eprint"].strip()
    match = _PMID_NOTE.search(fields.get("note", ""))
    return match.group(1) if match else None


def _optional(fields: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = clean_text(fields.get(name, ""))
        if value:
            return value
    return None


def _reference(entry: Entry, location: Location) -> Reference:
    fields = {f.key.lower(): str(f.value) for f in entry.fields}
    doi = _optional(fields, "doi")
    return Reference(
        key=entry.key.strip(),
        entry_type=entry.entry_type.lower(),
        title=_optional(fields, "title"),
        authors=tuple(clean_text(n) for n in split_names(fields.get("author", ""))),
        year=_optional(fields, "year") or _year_of(fields.get("date", "")),
        journal=_optional(fields, "journal", "journaltitle"),
        doi=bare_doi(doi) if doi else None,
        pmid=_pmid(fields),
        url=_optional(fields, "url"),
        isbn=_optional(fields, "isbn"),
        fields=tuple(sorted(fields.items())),
        location=location,
    )


def _year_of(date: str) -> str | None:
    """The year of a biblatex `date` field ("2007-01-30" -> "2007")."""
    match = re.match(r"\s*(\d{4})", date)
    return match.group(1) if match else None


# ---------------------------------------------------------------------------------------------
# Formatting


def _initials(given: str) -> str:
    """ "Richard B." -> "RB", "Jean-Pierre" -> "JP"."""
    parts = re.split(r"[\s.\-~]+", given)
    return "".join(p[0].upper() for p in parts if p and p[0].isalpha())


def short_name(name: str) -> str:
    """A BibTeX name in Vancouver style: "Lipton, Richard B." or "Richard B. Lipton" -> "Lipton RB".

    A name fully wrapped in braces is an organisation and stays as written.
    """
    stripped = name.strip()
    if stripped.startswith("{") and stripped.endswith("}") and split_names(stripped[1:-1]):
        return clean_text(stripped)
    if "," in stripped:
        parts = [p.strip() for p in stripped.split(",")]
        family, given = parts[0], parts[-1] if len(parts) > 1 else ""
    else:
        words = stripped.split()
        family, given = (words[-1], " ".join(words[:-1])) if words else ("", "")
    initials = _initials(clean_text(given))
    family = clean_text(family)
    return f"{family} {initials}" if initials else family


def format_reference(ref: Reference, *, max_authors: int = 3) -> str:
    """A short human citation, e.g. "Lipton RB, Bigal ME, Diamond M, et al. Title. Journal. 2007.
    doi:10.1212/01.wnl.0000252808.97649.21".

    More than `max_authors` authors are cut to that many and "et al."; the locator is the DOI,
    else the PMID, else the URL, else the ISBN.
    """
    raw_authors = dict(ref.fields).get("author", "")
    names = [short_name(n) for n in split_names(raw_authors)] or list(ref.authors)
    parts = []
    if names:
        shown = names[:max_authors] + (["et al"] if len(names) > max_authors else [])
        parts.append(", ".join(shown))
    for piece in (ref.title, ref.journal, ref.year):
        if piece:
            parts.append(piece)
    if ref.doi:
        parts.append(f"doi:{ref.doi}")
    elif ref.pmid:
        parts.append(f"PMID: {ref.pmid}")
    elif ref.url:
        parts.append(ref.url)
    elif ref.isbn:
        parts.append(f"ISBN {ref.isbn}")
    text = " ".join(_sentence(p) for p in parts[:-1])
    last = parts[-1] if parts else ref.key
    if not (ref.doi or ref.pmid or ref.url or ref.isbn):
        last = _sentence(last)
    return f"{text} {last}".strip()


def _sentence(piece: str) -> str:
    """End a citation element with a full stop unless it already ends in punctuation."""
    return piece if piece.endswith((".", "?", "!")) else piece + "."
