"""CT113-CT116: a piece's numbered references (marks and its own reference list).

Each entry of the list is matched to references.bib (`claimstrack.numbered`); a mark's numbers
then cite the keys of their entries. An entry that matches nothing (CT113), a mark whose number
has no entry (CT114), an entry no mark uses (CT115) and an entry matched by its title with low
confidence (CT116) are reported. See docs/documents.md, "Numbered references".
"""

from __future__ import annotations

from collections.abc import Iterator

from claimstrack.checks.context import CheckContext, location_span
from claimstrack.checks.examples import project
from claimstrack.checks.registry import Category, Rule
from claimstrack.model import Finding, Severity


def numbered_references(ctx: CheckContext) -> Iterator[Finding]:
    """CT113-CT116 over each document's marks and reference list."""
    for document in ctx.documents:
        entries = {entry.number: entry for entry in document.reference_entries}
        used: set[int] = set()
        for mark in document.reference_marks:
            for number in mark.numbers:
                used.add(number)
                if number not in entries:
                    yield ctx.finding("CT114", document.path, location_span(mark.location),
                                      f"reference mark [{number}] has no entry in the piece's reference list "
                                      f"(it has {len(entries)})", fingerprint=f"mark {number}")
        for entry in document.reference_entries:
            span = location_span(entry.location)
            shown = _shorten(entry.text)
            if entry.key is None:
                yield ctx.finding("CT113", document.path, span,
                                  f"reference {entry.number} matches no entry of the bibliography: {shown}",
                                  fingerprint=f"entry|{entry.text}")
            elif entry.how == "title, low confidence":
                yield ctx.finding("CT116", document.path, span,
                                  f"reference {entry.number} was matched to {entry.key} by its title with low "
                                  f"confidence (score {entry.score:g}): check that it is the same work: {shown}",
                                  fingerprint=f"low|{entry.key}|{entry.text}")
            if entry.number not in used:
                yield ctx.finding("CT115", document.path, span,
                                  f"reference {entry.number} is listed but no mark in the piece uses it: {shown}",
                                  fingerprint=f"unused|{entry.text}")


def _shorten(text: str, limit: int = 80) -> str:
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1].rstrip()}\u2026"'


_PAGE = "Over 90% of patients improved [1].\n\n## References\n\n"
_LIPTON = "1. Lipton RB, Bigal ME. Migraine prevalence, disease burden, and the need for preventive therapy. Neurology. 2007.\n"

NUMBERED_ENTRY_UNMATCHED = Rule(
    code="CT113",
    name="numbered-reference-unmatched",
    severity=Severity.ERROR,
    summary="An entry of a piece's numbered reference list that matches no bibliography entry.",
    description=(
        "Regulated copy cites by number: a mark at the figure (`[1]`, `¹`, `<sup>1</sup>`, a "
        "raised numeral in a PDF) and a numbered list at the end of the piece. Each entry is "
        "matched to references.bib by its DOI or PMID, else by a close match of its title "
        "(with the year and first author as corroboration). An entry that matches nothing "
        "backs nothing: the figures citing it are unsupported, and nobody can check them "
        "against a source copy."
    ),
    fix="Add the work to references.bib (with its DOI or PMID), or correct the entry.",
    fires=project(_PAGE + "1. Smith J. A study that the bibliography does not hold. Lancet. 2019.\n"),
    passes=project(_PAGE + _LIPTON),
    category=Category.SUPPORT,
    page_check=numbered_references,
)

NUMBERED_MARK_WITHOUT_ENTRY = Rule(
    code="CT114",
    name="numbered-mark-without-entry",
    severity=Severity.ERROR,
    summary="A reference mark whose number has no entry in the piece's reference list.",
    description=(
        "A mark `[3]` in a piece whose list stops at 2 points nowhere: the figure it sits at "
        "looks cited and is not. Marks are read only in a piece that has a reference list (a "
        "\"References\", \"Sources\" or \"Notes\" heading followed by entries)."
    ),
    fix="Add the missing entry to the reference list, or correct the mark's number.",
    fires=project("Over 90% of patients improved [2].\n\n## References\n\n" + _LIPTON),
    passes=project(_PAGE + _LIPTON),
    category=Category.SUPPORT,
    page_check=numbered_references,
)

NUMBERED_ENTRY_UNUSED = Rule(
    code="CT115",
    name="numbered-reference-unused",
    severity=Severity.WARNING,
    summary="An entry of the piece's reference list that no mark uses.",
    description=(
        "An entry nothing cites is left over from an earlier version of the piece, or its mark "
        "was lost in editing and a figure now stands without its reference."
    ),
    fix="Put the mark back at the figure the entry backs, or remove the entry.",
    fires=project(_PAGE + _LIPTON + _LIPTON.replace("1. ", "2. ")),
    passes=project(_PAGE + _LIPTON),
    category=Category.SUPPORT,
    page_check=numbered_references,
)

NUMBERED_ENTRY_LOW_CONFIDENCE = Rule(
    code="CT116",
    name="numbered-reference-low-confidence",
    severity=Severity.WARNING,
    summary="An entry matched to a bibliography entry by a loose title match.",
    description=(
        "Without a DOI or PMID, an entry is matched by its title. A title that only nearly "
        "matches (a score from 75 to 90 of 100), or one whose entry names neither the first "
        "author nor the year, may be another work: the match is used, and reported so that a "
        "reviewer confirms it."
    ),
    fix="Add the DOI or PMID to the entry, or correct its title.",
    fires=project(_PAGE + "1. Lipton RB. Migraine prevalence, burden, and the need for therapy. Neurology. 2007.\n"),
    passes=project(_PAGE + "1. Lipton RB et al. doi:10.1212/01.wnl.0000252808.97649.21\n"),
    category=Category.SUPPORT,
    page_check=numbered_references,
)

RULES = (NUMBERED_ENTRY_UNMATCHED, NUMBERED_MARK_WITHOUT_ENTRY, NUMBERED_ENTRY_UNUSED,
         NUMBERED_ENTRY_LOW_CONFIDENCE)
