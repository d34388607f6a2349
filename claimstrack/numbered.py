"""Numbered references matched to the bibliography: each entry of a piece's own reference list
to a references.bib key, and each mark to the citations of its sentence.

An entry that gives a DOI or a PMID matches the bibliography entry with that DOI or PMID. Else
the entry is compared with each reference's title (rapidfuzz's partial ratio: the best
alignment of the shorter of the two within the other, case and punctuation folded); the best title match counts when it
scores at least LOW_CONFIDENCE, and is low confidence below HIGH_CONFIDENCE or when neither the
first author's surname nor the year is in the entry. An entry whose year differs from a
reference's is never matched to it by title. A mark's numbers then cite, for its sentence, the
keys their entries matched, like `[@key]` does: the figure is backed and checked against the
source copy like any citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs
from rapidfuzz import fuzz

from claimstrack.documents import Citation, Document
from claimstrack.documents.base import ReferenceEntry
from claimstrack.model import Reference
from claimstrack.text import PUBLICATION_YEAR, doi_key, publication_year

#: A title match this good, corroborated by the first author or the year, is confident.
HIGH_CONFIDENCE = 90.0
#: Below this a title match is no match.
LOW_CONFIDENCE = 75.0

_DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
_PMID = re.compile(r"\bPMID:?\s*(\d{5,9})\b", re.IGNORECASE)
_FOLD = re.compile(r"[^\w]+")


class ReferenceIndex:
    """The bibliography prepared for matching entries: by DOI, by PMID, titles folded."""

    def __init__(self, references: Iterable[Reference]) -> None:
        self.references = tuple(references)
        self._by_doi = {doi_key(r.doi): r for r in self.references if r.doi}
        self._by_pmid = {r.pmid.strip(): r for r in self.references if r.pmid}
        # each titled reference with its folded title and year of publication, found once
        self._titles = [(r, _fold(r.title), publication_year(r.year)) for r in self.references if r.title]

    def match(self, entry: ReferenceEntry) -> ReferenceEntry:
        """The entry with the key it stands for, its score and how it matched (or unmatched)."""
        for found in _DOI.findall(entry.text):
            reference = self._by_doi.get(doi_key(found))
            if reference is not None:
                return attrs.evolve(entry, key=reference.key, score=100.0, how="doi")
        for found in _PMID.findall(entry.text):
            reference = self._by_pmid.get(found)
            if reference is not None:
                return attrs.evolve(entry, key=reference.key, score=100.0, how="pmid")
        return self._by_title(entry)

    def _by_title(self, entry: ReferenceEntry) -> ReferenceEntry:
        folded = _fold(entry.text)
        years = {int(year) for year in PUBLICATION_YEAR.findall(entry.text)}
        best: tuple[float, Reference, int | None] | None = None
        for reference, title, year in self._titles:
            if years and year and year not in years:
                continue
            score = fuzz.partial_ratio(title, folded)
            if best is None or score > best[0]:
                best = (score, reference, year)
        if best is None or best[0] < LOW_CONFIDENCE:
            return entry
        score, reference, year = best
        corroborated = _surname_in(reference, folded) or (year in years)
        how = "title" if score >= HIGH_CONFIDENCE and corroborated else "title, low confidence"
        return attrs.evolve(entry, key=reference.key, score=round(score, 1), how=how)


def resolve_numbered(document: Document, index: ReferenceIndex) -> Document:
    """The document with its entries matched and a citation for each mark's matched keys."""
    if not document.reference_entries:
        return document
    entries = tuple(index.match(entry) for entry in document.reference_entries)
    keys = {entry.number: entry.key for entry in entries if entry.key}
    cited = [
        Citation(keys[number], None, mark.start, mark.end, location=mark.location)
        for mark in document.reference_marks
        for number in mark.numbers
        if number in keys
    ]
    return attrs.evolve(document, reference_entries=entries, citations=(*document.citations, *cited))


def _fold(text: str | None) -> str:
    return " ".join(_FOLD.sub(" ", (text or "").lower()).split())


def _surname_in(reference: Reference, folded: str) -> bool:
    if not reference.authors:
        return False
    first = reference.authors[0]
    surname = first.split(",")[0] if "," in first else first.split()[-1]
    return bool(surname) and f" {_fold(surname)} " in f" {folded} "
