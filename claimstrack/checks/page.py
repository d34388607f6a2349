"""The page stage: everything a check run learns from one page, as a small picklable record.

`check_page(document, matcher, context)` finds the page's figures, matches them to claims, runs
the page rules and reads what the site-wide rules group (declared-measure uses, inferred-measure
readings with their facets, claims stated, citations). It depends on the page and the run's
settings alone, so it runs in worker processes and its `PageResult` is what the cache keeps;
only grouping across pages runs after, in the parent, over these records.
"""

from __future__ import annotations

import attrs

from claimstrack.checks.catalog import all_rules
from claimstrack.checks.consistency_rules import inferred_readings, measure_uses
from claimstrack.checks.context import CheckContext, Occurrence, PageResult
from claimstrack.checks.repeated_text import page_figures
from claimstrack.checks.runner import page_checks
from claimstrack.documents import Document, citations_by_sentence
from claimstrack.errors import DocumentError, Problem
from claimstrack.matching import Matcher
from claimstrack.model import Figure, Location


def check_page(document: Document, matcher: Matcher, context: CheckContext) -> tuple[PageResult, list[Occurrence]]:
    """The page's record, and its occurrences (for callers that keep documents in memory)."""
    occurrences = scan_document(document, matcher)
    page = attrs.evolve(context, documents=(document,), occurrences=occurrences)
    checks = context.page_checks
    if checks is None:
        checks = page_checks(context.config, all_rules())
    # their findings take the finding path later, in the parent, with every other finding
    findings = tuple(finding for check in checks for finding in check(page))
    suppressions = tuple((s, document.source_span(s.start, s.end)) for s in document.suppressions)
    result = PageResult(
        path=document.path,
        findings=findings,
        suppressions=suppressions,
        uses=tuple(measure_uses(page)),
        readings=tuple(inferred_readings(occurrences)),
        claims=frozenset(occ.claim.id for occ in occurrences if occ.claim is not None),
        citations=frozenset(citation.key for citation in document.citations),
        figures=len(occurrences),
        pages=document.pages,
    )
    return result, occurrences


def unreadable_page(path: str, error: DocumentError) -> PageResult:
    """The record of a page that could not be read: its problems (CT901 reports them)."""
    return PageResult(path=path, problems=tuple(error.problems or (Problem(Location(path), error.message),)))


def scan_document(document: Document, matcher: Matcher) -> list[Occurrence]:
    """Every figure of a document, matched to the claim its sentence states."""
    text = document.text
    by_sentence: dict[tuple[int, int], list[Figure]] = {}
    sentence_at = document.sentence_at
    for figure in page_figures(text):  # a page said again and again reads each stretch once
        by_sentence.setdefault(sentence_at(figure.span.start), []).append(figure)
    cites_by_sentence = citations_by_sentence(document)
    source_span = document.source_span
    occurrences = []
    # a page can hold tens of thousands of figures: what a sentence's figures share is asked
    # once per sentence, and each Occurrence is made with positional arguments (the cheaper call)
    for (start, end), sentence_figures in by_sentence.items():
        sentence = text[start:end]
        match, pairs = matcher.stated(sentence, sentence_figures, start)
        claim = match.claim if match else None
        altered = bool(match and match.altered)
        cites = tuple(cites_by_sentence.get(start, ()))
        for index, figure in enumerate(sentence_figures):
            span = figure.span
            occurrences.append(Occurrence(document, figure, source_span(span.start, span.end), sentence, claim,
                                          pairs.get(index), altered, cites))
    return occurrences
