"""CT1xx support: every figure backed, every claim evidenced, every citation resolvable."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimstrack.checks.context import CheckContext, location_span
from claimstrack.checks.examples import REFERENCE, claim_toml, project
from claimstrack.checks.registry import Category, Rule
from claimstrack.consistency.intervals import (
    OVERSTATED,
    SUPPORTED,
    UNDERSTATED,
    Tolerance,
    comparable,
    figure_interval,
    flatters_upward,
    relative_distance,
    stated_bounds,
    support_verdict,
)
from claimstrack.figures import extract_figures
from claimstrack.model import Claim, Evidence, Figure, Finding, Severity, Span, figure_fields
from claimstrack.quantities import full_number
from claimstrack.sources import SourceCopies, searchable

PAGE = "Approximately 39 million Americans live with migraine.\n"
CLAIM = claim_toml("Approximately 39 million Americans live with migraine")


def unsupported_figures(ctx: CheckContext) -> Iterator[Finding]:
    """CT101 for every figure neither a claim nor a resolvable citation backs."""
    # The message depends on the figure's reading alone (every field but its span): a page
    # that repeats a figure (a story pasted 20,000 times) words it once per reading.
    messages: dict[tuple[object, ...], str] = {}
    for occ in ctx.occurrences:
        if occ.altered or (occ.claim is not None):
            continue  # altered and unapproved claims have their own rules (CT301, CT302)
        if occ.cites and any(key in ctx.bibliography for key in occ.cites):
            continue
        figure = occ.figure
        reading = figure_fields(figure)
        message = messages.get(reading)
        if message is None:
            message = messages[reading] = f'"{figure.text}" ({describe(figure)}) is not backed by a claim or a citation'
        yield ctx.occurrence_finding("CT101", occ, message)


def claim_evidence(ctx: CheckContext) -> Iterator[Finding]:
    """CT102, CT105, CT106, CT107 over the claims library."""
    copies = ctx.sources
    for claim in ctx.library.claims:
        path = claim.location.path if claim.location else "claims"
        if not claim.evidence and claim.status in ("approved", "in-review"):
            yield ctx.finding("CT102", path, location_span(claim.location),
                              f"claim {claim.id!r} ({claim.status}) lists no evidence",
                              claim=claim.id, fingerprint=claim.id)
        for evidence in claim.evidence:
            if evidence.quote:
                yield from _check_quote_in_source(ctx, claim, evidence, copies)
        if claim.status not in ("rejected", "withdrawn"):
            # nobody will publish a rejected claim; its evidence is kept for the record
            yield from _check_quotes_back_claim(ctx, claim)


def cited_figures_not_in_source(ctx: CheckContext) -> Iterator[Finding]:
    """CT108 for figures backed only by citations whose every source copy lacks the figure."""
    for occ in ctx.occurrences:
        if (occ.claim is not None and not occ.altered) or not occ.cites:
            continue
        cited = ctx.sources.cited([key for key in occ.cites if key in ctx.bibliography], occ.figure)
        if cited and all(c.contains is False for c in cited):
            copies = [c.copy.name for c in cited if c.copy is not None]
            keys = ", ".join(f"[@{c.key}]" for c in cited)
            where = f"copy {copies[0]} does" if len(copies) == 1 else f"copies {', '.join(copies)} do"
            yield ctx.occurrence_finding(
                "CT108", occ, f'"{occ.figure.text}" cites {keys}, but the local {where} not state it')


def unknown_evidence_citations(ctx: CheckContext) -> Iterator[Finding]:
    """CT103 for evidence whose key the bibliography lacks."""
    for claim in ctx.library.claims:
        for evidence in claim.evidence:
            if evidence.cite not in ctx.bibliography:
                yield ctx.finding("CT103", *_evidence_place(claim, evidence),
                                  f"claim {claim.id!r} cites {evidence.cite!r}, which is not in the bibliography",
                                  claim=claim.id, fingerprint=f"{claim.id}|{evidence.cite}")


def unknown_citations(ctx: CheckContext) -> Iterator[Finding]:
    """CT103 for in-document citations whose key the bibliography lacks (one page)."""
    for document in ctx.documents:
        for citation in document.citations:
            if citation.key not in ctx.bibliography:
                loc = citation.location
                yield ctx.finding("CT103", document.path, location_span(loc),
                                  f"citation [@{citation.key}] is not in the bibliography",
                                  fingerprint=citation.key)


def references_without_locator(ctx: CheckContext) -> Iterator[Finding]:
    """CT104 for bibliography entries a reader cannot retrieve."""
    for reference in ctx.bibliography.references:
        if not reference.has_locator:
            path = reference.location.path if reference.location else "references.bib"
            yield ctx.finding("CT104", path, location_span(reference.location),
                              f"reference {reference.key!r} has no DOI, PMID, URL or ISBN",
                              fingerprint=reference.key)


def _evidence_place(claim: Claim, evidence: Evidence) -> tuple[str, Span | None]:
    location = evidence.location or claim.location
    return (location.path if location else "claims"), location_span(location)


def _check_quotes_back_claim(ctx: CheckContext, claim: Claim) -> Iterator[Finding]:
    """CT105/CT106: every figure of the claim must be supported by a figure of one of its quotes."""
    quoting = [e for e in claim.evidence if e.quote]
    if not quoting:
        return
    quoted = [(e, q) for e in quoting for q in extract_figures(e.quote or "")]
    tolerance = ctx.config.tolerance
    for figure in ctx.figures_of(claim.text):
        verdicts = [(verdict, e, q) for e, q in quoted
                    if comparable(q, figure) and (verdict := _verdict(figure, q, tolerance)) is not None]
        if any(verdict == SUPPORTED for verdict, _, _ in verdicts):
            continue
        if figure.hedge == "none" and any(states_number(e.quote or "", figure) for e in quoting):
            continue  # the number is in the quote, though not as a figure of its own ("55/77")
        if not verdicts:
            path, span = _evidence_place(claim, quoting[0])
            cites = ", ".join(sorted({repr(e.cite) for e in quoting}))
            yield ctx.finding("CT105", path, span,
                              f"claim {claim.id!r} states \"{figure.text}\" but no quote from {cites} "
                              f"contains that figure", claim=claim.id, figure=figure.text,
                              fingerprint=f"{claim.id}|{figure.text}")
            continue
        verdict, evidence, quote_figure = min(verdicts, key=lambda v: _nearness(figure, v[0], v[2]))
        code = "CT106" if verdict == OVERSTATED else "CT105"
        yield ctx.finding(code, *_evidence_place(claim, evidence),
                          _verdict_message(claim, figure, evidence, quote_figure, verdict, tolerance=tolerance),
                          claim=claim.id, figure=figure.text, fingerprint=f"{claim.id}|{figure.text}")


def _verdict(claimed: Figure, quoted: Figure, tolerance: Tolerance) -> str | None:
    try:
        return support_verdict(claimed, quoted, tolerance)
    except ValueError:
        return None  # a figure with no number ("several") neither backs nor contradicts


def _nearness(claimed: Figure, verdict: str, quoted: Figure) -> tuple[bool, float, bool]:
    """Sort key picking the quote figure a claim's figure is about: one of its own kind before a
    bare number, then the closest stated number; on a tie the reading that does not overstate,
    since an error must be certain."""
    claim_bounds, quote_bounds = stated_bounds(claimed), stated_bounds(quoted)
    assert claim_bounds is not None and quote_bounds is not None  # both have an interval
    return quoted.kind != claimed.kind, relative_distance(claim_bounds, quote_bounds), verdict == OVERSTATED


def _verdict_message(claim: Claim, figure: Figure, evidence: Evidence, quoted: Figure, verdict: str, *,
                     tolerance: Tolerance) -> str:
    claim_interval = figure_interval(figure, tolerance).format(figure.kind, figure.unit)
    quote_interval = figure_interval(quoted, tolerance).format(quoted.kind, quoted.unit)
    said = (f"claim {claim.id!r} says \"{figure.text}\" {claim_interval} where its quote from "
            f"{evidence.cite!r} says \"{quoted.text}\" {quote_interval}")
    if verdict == UNDERSTATED:
        return f"{said}: the quote does not back the figure as worded"
    if flatters_upward(figure.hedge):
        return f"{said}: the evidence allows values below what the claim says"
    return f"{said}: the evidence allows values above the ceiling the claim states"


def states_number(quote: str, figure: Figure) -> bool:
    """True when the figure's number, as digits, stands in the quote as a number of its own."""
    if figure.value is None or figure.value != int(figure.value) or figure.kind in ("percent", "money"):
        return False
    digits = str(int(figure.value))
    return re.search(rf"(?<![\d.,]){digits}(?![\d]|[.,]\d)", quote) is not None


def _check_quote_in_source(
    ctx: CheckContext, claim: Claim, evidence: Evidence, copies: SourceCopies
) -> Iterator[Finding]:
    copy = copies.get(evidence.cite)
    if copy is None:
        return
    source, text = copy
    if searchable(evidence.quote or "") not in text:
        path, span = _evidence_place(claim, evidence)
        yield ctx.finding("CT107", path, span,
                          f"the quote of claim {claim.id!r} is not in the local copy {source.name} of {evidence.cite!r}",
                          claim=claim.id, fingerprint=f"{claim.id}|{evidence.cite}|{evidence.quote}")


def describe(figure: Figure) -> str:
    """A short reading of a figure for messages: 'count, approximately 42000000'."""
    if figure.value is None:
        reading = f"{full_number(figure.low)}-{full_number(figure.high)}"
    else:
        reading = full_number(figure.value)
    hedge = "" if figure.hedge == "none" else f"{figure.hedge} "
    unit = f" {figure.unit}" if figure.unit and figure.kind in ("money", "duration") else ""
    return f"{figure.kind}, {hedge}{reading}{unit}"


UNSUPPORTED_FIGURE = Rule(
    code="CT101",
    name="unsupported-figure",
    severity=Severity.ERROR,
    summary="A figure that no claim in the library and no citation backs.",
    description=(
        "Every figure published in copy must be substantiated before publication. A figure is "
        "supported when its sentence states an approved claim of the claims library (its wording "
        "or a variant) or cites a reference that resolves in the bibliography, for example with "
        "a Pandoc citation `[@key]` in Markdown. Anything else is an unsupported figure."
    ),
    fix=(
        "Add the claim to the claims library with its evidence, cite a source in the sentence, "
        "or remove the figure. If the figure is deliberately unsupported (a quotation, a "
        "price), suppress it with `<!-- claimstrack: ignore[CT101] reason=\"...\" -->`."
    ),
    fires=project("Over 90% of patients feel better within a week.\n"),
    passes=project(PAGE, claims=CLAIM),
    category=Category.SUPPORT,
    page_check=unsupported_figures,
)


CLAIM_WITHOUT_EVIDENCE = Rule(
    code="CT102",
    name="claim-without-evidence",
    severity=Severity.ERROR,
    summary="An approved or in-review claim with no evidence entry.",
    description=(
        "A claim is only as good as the evidence held on file for it. An approved or in-review "
        "claim must list at least one `[[claim.evidence]]` with a citation key; drafts may not."
    ),
    fix="Add a `[[claim.evidence]]` table with `cite`, a `locator` and a verbatim `quote`.",
    fires=project(PAGE, claims=claim_toml("Approximately 39 million Americans live with migraine", evidence="")),
    passes=project(PAGE, claims=CLAIM),
    category=Category.SUPPORT,
    check=claim_evidence,
)


UNKNOWN_CITATION = Rule(
    code="CT103",
    name="unknown-citation",
    severity=Severity.ERROR,
    summary="A citation key that references.bib does not define.",
    description=(
        "Evidence and in-document citations point at BibTeX keys. A key that is missing from the "
        "bibliography cannot be followed by a reviewer, so it backs nothing."
    ),
    fix="Add the entry to references.bib or correct the key.",
    fires=project(PAGE, claims=claim_toml("Approximately 39 million Americans live with migraine",
                                          evidence='cite = "lipton2077"\n')),
    passes=project(PAGE, claims=CLAIM),
    category=Category.SUPPORT,
    check=unknown_evidence_citations,
    page_check=unknown_citations,
)


REFERENCE_WITHOUT_LOCATOR = Rule(
    code="CT104",
    name="reference-without-locator",
    severity=Severity.WARNING,
    summary="A reference with no DOI, PMID, URL or ISBN.",
    description=(
        "A reviewer must be able to retrieve a cited source. An entry of references.bib without a "
        "DOI, PubMed id, URL or ISBN leaves the reader to search for it by title."
    ),
    fix="Add a `doi`, `pmid`, `url` or `isbn` field to the entry.",
    fires=project(PAGE, claims=CLAIM, bib=REFERENCE.replace("  doi = {10.1212/01.wnl.0000252808.97649.21},\n", "")),
    passes=project(PAGE, claims=CLAIM),
    category=Category.SUPPORT,
    check=references_without_locator,
)


QUOTE_MISSING_FIGURE = Rule(
    code="CT105",
    name="quote-missing-figure",
    severity=Severity.WARNING,
    summary="An evidence quote that does not back a figure of its claim as worded.",
    description=(
        "The quote is the words of the source that back the claim. Each figure of the claim is "
        "read as the interval its wording allows, and so is each figure of the quotes (see "
        "docs/consistency.md). The claim's figure is backed when some quote figure's interval lies "
        "inside it. CT105 fires when no quote states a figure of that kind, or when the nearest "
        "one lies outside the claim only on the side the claim does not flatter (\"over 90%\" "
        "where the quote says 99%, \"almost 49 million\" where it says 52 million): the figure "
        "was transcribed wrongly, rounded, or comes from elsewhere. A claim that says more than "
        "its quote is CT106."
    ),
    fix="Quote the sentence of the source that states the figure, or correct the claim.",
    fires=project(PAGE, claims=claim_toml(
        "Approximately 39 million Americans live with migraine",
        evidence='cite = "lipton2007"\nquote = "Migraine affects 12% of the population."\n')),
    passes=project(PAGE, claims=claim_toml(
        "Approximately 39 million Americans live with migraine",
        evidence='cite = "lipton2007"\nquote = "About 39 million Americans have migraine."\n')),
    category=Category.SUPPORT,
    check=claim_evidence,
)


CLAIM_OVERSTATES_EVIDENCE = Rule(
    code="CT106",
    name="claim-overstates-evidence",
    severity=Severity.ERROR,
    summary="A claim that says more than its evidence quote (\"over 92%\" where the source says 91%).",
    description=(
        "The claim's figure and the quote's figure are compared as intervals (see "
        "docs/consistency.md): \"over 90%\" allows (90%, 94.5%], \"91%\" allows [90.5%, 91.5%]. "
        "The claim is supported when the quote's interval lies inside the claim's, and "
        "overstates when the quote's interval reaches past the claim's on the side the claim's "
        "wording flatters. \"over\", \"at least\" and \"almost\" flatter upwards, and so, "
        "by default, does a plain or approximate figure: \"over 92%\" for 91%, \"at least "
        "92%\" for 92% (which may be 91.6%), a plain \"$36 billion\" for \"as high as $36 "
        "billion\". \"up to\" and \"less than\" state a ceiling and flatter downwards: "
        "\"less than 5% had side effects\" for 7%. The copy then claims more than the "
        "evidence shows."
    ),
    fix="Use the figure and hedge of the source (\"over 90%\" for 91%), or cite evidence for the stronger wording.",
    fires=project("Over 92% of users improved.\n", claims=claim_toml(
        "Over 92% of users improved", id="responders",
        evidence='cite = "lipton2007"\nquote = "91% of users improved."\n')),
    passes=project("Over 90% of patients improved.\n", claims=claim_toml(
        "Over 90% of patients improved", id="responders",
        evidence='cite = "lipton2007"\nquote = "91% of patients improved."\n')),
    category=Category.SUPPORT,
    check=claim_evidence,
)


QUOTE_NOT_IN_SOURCE = Rule(
    code="CT107",
    name="quote-not-in-source",
    severity=Severity.ERROR,
    summary="An evidence quote that the local copy of its source does not contain.",
    description=(
        "When a copy of a cited source is kept in the sources folder as `<key>.txt`, `<key>.md` "
        "(or `<key>.pdf` with the `pdf` extra), every quote citing that key must occur in it, "
        "compared without regard to case, whitespace, quote style, dashes or line-end hyphens. "
        "A quote that is not there was paraphrased or misattributed."
    ),
    fix="Copy the quote verbatim from the source, or correct the citation key.",
    fires=project(PAGE, claims=claim_toml(
        "Approximately 39 million Americans live with migraine",
        evidence='cite = "lipton2007"\nquote = "Some 39 million Americans have migraine."\n'),
        files={"sources/lipton2007.txt": "In all, 39 million Americans live with migraine.\n"}),
    passes=project(PAGE, claims=claim_toml(
        "Approximately 39 million Americans live with migraine",
        evidence='cite = "lipton2007"\nquote = "39 million Americans live with migraine."\n'),
        files={"sources/lipton2007.txt": "In all, 39 million Americans\nlive with migraine.\n"}),
    category=Category.SUPPORT,
    check=claim_evidence,
)


CITED_FIGURE_NOT_IN_SOURCE = Rule(
    code="CT108",
    name="cited-figure-not-in-source",
    severity=Severity.WARNING,
    summary="A figure backed only by a citation whose local source copy does not state it.",
    description=(
        "A figure with no claim of the library behind it may be backed by a citation in the "
        "document (`[@key]`). When a copy of every cited source is kept in the sources folder, "
        "at least one of them must state the figure: its words as written (compared as CT107 "
        "compares quotes), or a figure whose interval lies inside the page figure's (as CT106 "
        "compares a claim with its quote). A citation whose source does not state the figure "
        "backs nothing; the report tells figures verified in a source copy from ones that are "
        "only cited."
    ),
    fix="Cite the source that states the figure, correct the figure, or add it to the claims library with its evidence.",
    fires=project("Over 90% of patients improved [@lipton2007].\n",
                  files={"sources/lipton2007.txt": "Improvement was reported by 75% of patients.\n"}),
    passes=project("Over 90% of patients improved [@lipton2007].\n",
                   files={"sources/lipton2007.txt": "Improvement was reported by 91% of patients.\n"}),
    category=Category.SUPPORT,
    page_check=cited_figures_not_in_source,
)


RULES = (
    UNSUPPORTED_FIGURE,
    CLAIM_WITHOUT_EVIDENCE,
    UNKNOWN_CITATION,
    REFERENCE_WITHOUT_LOCATOR,
    QUOTE_MISSING_FIGURE,
    CLAIM_OVERSTATES_EVIDENCE,
    QUOTE_NOT_IN_SOURCE,
    CITED_FIGURE_NOT_IN_SOURCE,
)
