"""A local copy of the Retraction Watch database, as Crossref distributes it in CSV.

Crossref publishes the whole database, updated every working day, as one CSV file
(`retraction_watch.csv` in https://gitlab.com/crossref/retraction-watch-data; see
docs/configuration.md, `retractions`). Of its columns, these are read, by name:
`Record ID`, `Title`, `RetractionDate`, `OriginalPaperDOI`, `OriginalPaperPubMedID`,
`RetractionNature` and `Reason`. A notice is indexed by the DOI (lower case, without a resolver
prefix) and the PubMed ID of the paper it concerns; "0", "unavailable" and blank are no
identifier. Dates are written `M/D/YYYY H:MM` (the time always 0:00); ISO `YYYY-MM-DD` is read
too. Bytes that are not UTF-8 (the file has some in author names) are replaced, as only the
identifiers, dates and natures are used.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from claimstrack.errors import ClaimstrackError, Problem
from claimstrack.gc_pause import paused_gc
from claimstrack.model import Location, Reference, Severity
from claimstrack.text import doi_key


class RetractionsError(ClaimstrackError):
    """The retractions file is missing or malformed (exit code 2)."""


#: The columns read, by their name in the header row.
COLUMNS = ("Record ID", "Title", "RetractionDate", "OriginalPaperDOI", "OriginalPaperPubMedID",
           "RetractionNature", "Reason")

#: How bad citing a paper with each kind of notice is. A reinstatement undoes an earlier notice
#: and is not reported; any other nature is treated as a retraction.
NATURE_SEVERITY = {
    "retraction": Severity.ERROR,
    "expression of concern": Severity.WARNING,
    "correction": Severity.WARNING,
}
IGNORED_NATURES = frozenset({"reinstatement"})

_NO_ID = frozenset({"", "0", "unavailable", "none", "n/a", "na"})
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?")


@attrs.frozen
class Retraction:
    """One notice of the database: what happened to the paper with this DOI or PMID, and when."""

    record_id: str
    nature: str
    date: dt.date | None
    doi: str | None
    pmid: str | None
    title: str
    reason: str
    line: int

    @property
    def severity(self) -> Severity:
        return NATURE_SEVERITY.get(self.nature.lower(), Severity.ERROR)

    @property
    def label(self) -> str:
        """'Retraction of 2020-05-14 (Retraction Watch record 1234)', for the report."""
        record = f" (Retraction Watch record {self.record_id})" if self.record_id else ""
        text = self.describe()
        return text[:1].upper() + text[1:] + record

    def describe(self) -> str:
        """'retraction of 2020-05-14' or 'expression of concern (no date given)'."""
        when = f"of {self.date.isoformat()}" if self.date else "(no date given)"
        return f"{self.nature.lower()} {when}"


@attrs.frozen
class Retractions:
    """The notices of a retractions file, by DOI and by PMID; empty when none is configured."""

    path: str | None = None
    #: normalised DOI / PMID -> the (line, fields) of each notice about that paper. Rows are
    #: made Retraction objects only when looked up: a run looks up tens, the file has 60,000.
    by_doi: dict[str, list[tuple[int, list[str]]]] = attrs.field(factory=dict, eq=False, repr=False)
    by_pmid: dict[str, list[tuple[int, list[str]]]] = attrs.field(factory=dict, eq=False, repr=False)
    rows: int = 0
    #: the column index of each name of COLUMNS
    columns: dict[str, int] = attrs.field(factory=dict, eq=False, repr=False)

    def by_reference(self, references: Iterable[Reference]) -> dict[str, tuple[Retraction, ...]]:
        """The notices about each of `references` that has any, by the reference's key."""
        if not self.by_doi and not self.by_pmid:
            return {}
        found = {}
        for reference in references:
            notices = self.notices(reference.doi, reference.pmid)
            if notices:
                found[reference.key] = notices
        return found

    def notices(self, doi: str | None, pmid: str | None) -> tuple[Retraction, ...]:
        """The notices about a paper, by its DOI or PMID, once each, worst first."""
        found: dict[int, Retraction] = {}
        for line, row in (*self.by_doi.get(normalise_doi(doi) or "", ()), *self.by_pmid.get(_pmid(pmid) or "", ())):
            if line not in found:
                found[line] = self._notice(line, row)
        return tuple(sorted(found.values(), key=lambda n: (-n.severity.rank, n.date or dt.date.min)))

    def _notice(self, line: int, row: list[str]) -> Retraction:
        def cell(name: str) -> str:
            return row[self.columns[name]].strip()

        return Retraction(
            record_id=cell("Record ID"),
            nature=cell("RetractionNature") or "Retraction",
            date=_date(cell("RetractionDate"))[0],
            doi=normalise_doi(cell("OriginalPaperDOI")),
            pmid=_pmid(cell("OriginalPaperPubMedID")),
            title=cell("Title"),
            reason=cell("Reason"),
            line=line,
        )


def normalise_doi(doi: str | None) -> str | None:
    """A DOI as compared: lower case, without `https://doi.org/` or `doi:`; None when absent."""
    if doi is None:
        return None
    value = doi_key(doi)
    return None if value in _NO_ID else value


def _pmid(pmid: str | None) -> str | None:
    if pmid is None:
        return None
    value = pmid.strip()
    if value.endswith(".0"):  # a spreadsheet round trip writes PMIDs as floats
        value = value[:-2]
    return None if value in _NO_ID else value


def load_retractions(path: Path, shown: str) -> Retractions:
    """Read a Retraction Watch CSV; RetractionsError naming the line of the first problems."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _error(shown, 1, "no such file: download the Retraction Watch CSV (docs/configuration.md, "
                                "`retractions`) or remove the setting") from None
    except OSError as error:
        raise _error(shown, 1, f"cannot read the file: {error.strerror or error}") from None
    return parse_retractions(data.decode("utf-8", errors="replace"), shown)


def parse_retractions(text: str, shown: str = "<string>") -> Retractions:
    """The notices of the CSV `text` (the header row first)."""
    # 60,000 rows kept make the cyclic garbage collector walk them again and again as they are
    # read (a third of the time); none of them can be part of a cycle.
    with paused_gc():
        return _parse(text, shown)


def _parse(text: str, shown: str) -> Retractions:
    # Lines split once here: csv reads a list of lines over twice as fast as a stream, and the
    # reader joins the lines of a quoted field that spans several, counting them in line_num.
    reader = csv.reader(text.removeprefix("\ufeff").split("\n"), strict=True)
    header = _header(reader, shown)
    index = {name.strip(): i for i, name in enumerate(header)}
    notices = _Notices(index)
    problems: list[Problem] = []
    rows = 0
    for line, row in _rows(reader, shown, reader.line_num + 1):
        if len(row) != len(header):
            if any(cell.strip() for cell in row):  # a blank line is no record
                problems.append(Problem(Location(shown, line), f"{len(row)} fields where the header has "
                                                               f"{len(header)}"))
                if len(problems) >= 10:
                    break
            continue
        rows += 1
        problem = notices.add(line, row)
        if problem:
            problems.append(Problem(Location(shown, line), problem))
    if problems:
        raise RetractionsError(f"{shown}: malformed retractions file", problems)
    return Retractions(shown, notices.by_doi, notices.by_pmid, rows, {name: index[name] for name in COLUMNS})


def _header(reader: Any, shown: str) -> list[str]:
    """The header row, which must name every column of `COLUMNS`."""
    try:
        header: list[str] | None = next(reader, None)
    except csv.Error as error:
        raise _error(shown, 1, f"not a CSV file: {error}") from None
    if not header or not any(cell.strip() for cell in header):
        raise _error(shown, 1, "the file is empty: a Retraction Watch CSV starts with its header row")
    names = {name.strip() for name in header}
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        raise _error(shown, 1, f"not a Retraction Watch CSV: the header has no {', '.join(missing)} "
                               f"column{'s' if len(missing) > 1 else ''}")
    return header


class _Notices:
    """The rows read so far, by DOI and by PMID; each distinct date is read once (a CSV of
    60,000 rows has a few thousand distinct days)."""

    def __init__(self, index: dict[str, int]) -> None:
        self.day, self.doi, self.pmid, self.nature = (
            index[name] for name in ("RetractionDate", "OriginalPaperDOI", "OriginalPaperPubMedID", "RetractionNature")
        )
        self.by_doi: dict[str, list[tuple[int, list[str]]]] = {}
        self.by_pmid: dict[str, list[tuple[int, list[str]]]] = {}
        self.dates: dict[str, tuple[dt.date | None, str | None]] = {}

    def add(self, line: int, row: list[str]) -> str | None:
        """Index one row (unless its nature is one the checks ignore); what is wrong with its
        date, if anything, and then it is not indexed."""
        if row[self.nature].strip().lower() in IGNORED_NATURES:
            return None
        written = row[self.day]
        if written not in self.dates:
            self.dates[written] = _date(written)
        problem = self.dates[written][1]
        if problem:
            return problem
        doi = normalise_doi(row[self.doi])
        if doi:
            self.by_doi.setdefault(doi, []).append((line, row))
        pmid = _pmid(row[self.pmid])
        if pmid:
            self.by_pmid.setdefault(pmid, []).append((line, row))
        return None


def _rows(reader: Any, shown: str, line: int) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, fields) for each record; a CSV syntax error names its line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _error(shown, line, f"malformed CSV: {error}") from None
        yield line, row
        line = reader.line_num + 1


def _date(value: str) -> tuple[dt.date | None, str | None]:
    text = value.strip()
    if not text:
        return None, None
    match = _US_DATE.fullmatch(text)
    try:
        if match:
            month, day, year = map(int, match.groups())
            return dt.date(year, month, day), None
        match = _ISO_DATE.fullmatch(text)
        if match:
            year, month, day = map(int, match.groups())
            return dt.date(year, month, day), None
    except ValueError:
        pass
    return None, f"RetractionDate {text!r} is not a date (M/D/YYYY or YYYY-MM-DD)"


def _error(shown: str, line: int, message: str) -> RetractionsError:
    return RetractionsError(f"{shown}:{line}: {message}", [Problem(Location(shown, line), message)])
