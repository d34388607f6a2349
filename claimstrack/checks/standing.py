"""CT109-CT112: whether the references behind claims and pages still stand, and are current.

A reference whose DOI or PMID has a notice in the configured copy of the Retraction Watch
database (`retractions`) is reported on every claim whose evidence cites it and on every figure
of a page that relies on it: cited in the figure's sentence, or backing the claim the sentence
states. A retraction is CT109 (an error); an expression of concern or a correction is CT110 (a
warning).

With `max-source-age` (years: in the configuration, at the top of a claims file, or in a
`[measure.<key>]` table, the nearest winning), a claim whose cited references are all older is
CT111; a figure stating a claim whose measure takes its canonical value (`source`) from an
older reference than the claim's own evidence is CT112.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimstrack.checks.context import CheckContext, Occurrence, location_span
from claimstrack.checks.examples import REFERENCE, claim_toml, project, retraction_csv
from claimstrack.checks.registry import Category, Example, Rule
from claimstrack.model import Claim, Finding, Reference, Severity
from claimstrack.retractions import Retraction
from claimstrack.text import publication_year

_CODE = {Severity.ERROR: "CT109", Severity.WARNING: "CT110"}


def retracted_references(ctx: CheckContext) -> Iterator[Finding]:
    """CT109/CT110 on each claim citing a reference with a notice."""
    notices = ctx.reference_notices
    if not notices:
        return
    for claim in ctx.library.claims:
        for key in dict.fromkeys(e.cite for e in claim.evidence):
            for notice in notices.get(key, ()):
                path = claim.location.path if claim.location else "claims"
                yield ctx.finding(_CODE[notice.severity], path, location_span(claim.location),
                                  f"claim {claim.id!r} cites {key}, {_what(notice)}", claim=claim.id,
                                  fingerprint=f"{claim.id}|{key}|{notice.record_id}")


def retracted_figures(ctx: CheckContext) -> Iterator[Finding]:
    """CT109/CT110 on each figure of a page relying on a reference with a notice."""
    notices = ctx.reference_notices
    if not notices:
        return
    for occ in ctx.occurrences:
        for key, via in _relied_on(occ):
            for notice in notices.get(key, ()):
                yield ctx.occurrence_finding(_CODE[notice.severity], occ,
                                             f'"{occ.figure.text}" relies on {key}{via}, {_what(notice)}')


def _relied_on(occ: Occurrence) -> Iterator[tuple[str, str]]:
    """(key, how) for each reference a figure relies on: cited beside it, or by its claim."""
    seen = set()
    for key in occ.cites:
        seen.add(key)
        yield key, " (cited here)"
    claim: Claim | None = occ.claim if not occ.altered else None
    if claim is None:
        return
    for evidence in claim.evidence:
        if evidence.cite not in seen:
            seen.add(evidence.cite)
            yield evidence.cite, f" (evidence of claim {claim.id!r})"


def _what(notice: Retraction) -> str:
    record = f"record {notice.record_id}" if notice.record_id else f"line {notice.line}"
    reasons = "; ".join(part.strip().lstrip("+") for part in notice.reason.split(";") if part.strip())
    reason = f": {reasons}" if reasons else ""
    return f"which Retraction Watch lists with a notice: {notice.describe()} ({record}{reason})"


def stale_evidence(ctx: CheckContext) -> Iterator[Finding]:
    """CT111 for each claim in use whose evidence is all older than its `max-source-age`."""
    this_year = ctx.today.year
    for claim in ctx.library.claims:
        if claim.status in ("rejected", "withdrawn") or not claim.evidence:
            continue
        limit = source_age_limit(ctx, claim)
        if limit is None:
            continue
        years, where = limit
        keys = dict.fromkeys(e.cite for e in claim.evidence)
        dated = [(year, key) for key in keys if (year := reference_year(ctx.bibliography.get(key))) is not None]
        if len(dated) < len(keys):
            continue  # an undated or unknown reference: its age cannot be judged
        newest, key = max(dated)
        if this_year - newest > years:
            path = claim.location.path if claim.location else "claims"
            yield ctx.finding("CT111", path, location_span(claim.location),
                              f"claim {claim.id!r} rests on evidence from {newest} at the newest ({key}), "
                              f"{this_year - newest} years old; {where} allows {years}",
                              claim=claim.id, fingerprint=f"{claim.id}|{newest}|{years}")


def older_measure_sources(ctx: CheckContext) -> Iterator[Finding]:
    """CT112 for each figure stating a claim whose measure's value comes from an older source
    than the claim's own evidence."""
    for occ in ctx.occurrences:
        claim = occ.claim if occ.claim_figure is not None and not occ.altered else None
        measure = ctx.library.measure(claim.measure) if claim is not None and claim.measure else None
        if claim is None or measure is None or measure.source is None:
            continue
        canonical = reference_year(ctx.bibliography.get(measure.source))
        evidence = [(year, e.cite) for e in claim.evidence
                    if (year := reference_year(ctx.bibliography.get(e.cite))) is not None]
        if canonical is None or not evidence:
            continue
        newest, key = max(evidence)
        if canonical < newest:
            yield ctx.occurrence_finding(
                "CT112", occ, f"measure {measure.key!r} takes its value from {measure.source} ({canonical}), "
                              f"older than {key} ({newest}) behind claim {claim.id!r} that this figure states")


def source_age_limit(ctx: CheckContext, claim: Claim) -> tuple[int, str] | None:
    """(years, where set) of the `max-source-age` that applies to a claim: its measure's, its
    claims file's, or the configuration's; None when none is set."""
    measure = ctx.library.measure(claim.measure) if claim.measure else None
    if measure is not None and measure.max_source_age is not None:
        return measure.max_source_age, f"the max_source_age of measure {measure.key!r}"
    path = claim.location.path if claim.location else None
    by_file = ctx.library.file_source_age_limit(path) if path else None
    if by_file is not None:
        return by_file, f"the max_source_age of {path}"
    if ctx.config.max_source_age is not None:
        return ctx.config.max_source_age, "max-source-age"
    return None


def reference_year(reference: Reference | None) -> int | None:
    """The year a reference was published (the first year of publication in its `year` field)."""
    return None if reference is None else publication_year(reference.year)


_NOTICE = retraction_csv([("1", "Retraction", "5/14/2020 0:00", "10.1212/01.wnl.0000252808.97649.21",
                           "+Falsification/Fabrication of Data;")])
_CONCERN = retraction_csv([("2", "Expression of concern", "3/2/2021 0:00", "10.1212/01.wnl.0000252808.97649.21",
                            "+Concerns/Issues About Data;")])
_OTHER = retraction_csv([("3", "Retraction", "5/14/2020 0:00", "10.1000/another.paper", "")])
_SENTENCE = "Approximately 39 million Americans live with migraine"
PAGE_CLAIM = f"{_SENTENCE}.\n"
_CONFIG = 'today = 2026-11-21\nretractions = "retraction_watch.csv"\n'


def _with_notices(retraction_watch: str) -> Example:
    """The example page, stating a claim whose evidence cites lipton2007, and a retractions copy."""
    return project(PAGE_CLAIM, claims=claim_toml(_SENTENCE), config=_CONFIG,
                   files={"retraction_watch.csv": retraction_watch})


RETRACTED_REFERENCE = Rule(
    code="CT109",
    name="retracted-reference",
    severity=Severity.ERROR,
    summary="A claim or a page relies on a paper that has been retracted.",
    description=(
        "A retracted paper backs nothing. With `retractions` naming a local copy of the "
        "Retraction Watch database (the CSV Crossref distributes), every reference of the "
        "bibliography is looked up by its DOI and PMID; one with a retraction is reported on "
        "each claim whose evidence cites it and on each figure that cites it or states such a "
        "claim, with the retraction's date, record and reasons. The report shows the notice on "
        "the reference and on each claim."
    ),
    fix="Find current evidence for the claim, or withdraw it and remove the figure.",
    fires=_with_notices(_NOTICE),
    passes=_with_notices(_OTHER),
    category=Category.SUPPORT,
    check=retracted_references,
    page_check=retracted_figures,
)


REFERENCE_WITH_NOTICE = Rule(
    code="CT110",
    name="reference-with-notice",
    severity=Severity.WARNING,
    summary="A claim or a page relies on a paper with an expression of concern or a correction.",
    description=(
        "An expression of concern or a correction does not withdraw a paper, but a reviewer "
        "must check that the claim does not rest on what was questioned or corrected. Looked up "
        "and reported as CT109 is, with the notice's date and nature."
    ),
    fix="Read the notice; cite the corrected figures, or other evidence.",
    fires=_with_notices(_CONCERN),
    passes=_with_notices(_OTHER),
    category=Category.SUPPORT,
    check=retracted_references,
    page_check=retracted_figures,
)

_OLD_CLAIM = claim_toml(_SENTENCE, extra="")
_AGE_CONFIG = "today = 2026-11-21\nmax-source-age = 10\n"
_NEW_REFERENCE = REFERENCE.replace("2007", "2021")

STALE_EVIDENCE = Rule(
    code="CT111",
    name="stale-evidence",
    severity=Severity.WARNING,
    summary="A claim whose cited evidence is all older than `max-source-age` years.",
    description=(
        "A prevalence, a cost or a response rate measured twenty years ago may no longer hold. "
        "With `max-source-age` set (in the configuration, at the top of a claims file as "
        "`max_source_age`, or in a `[measure.<key>]` table for the claims stating it; the "
        "nearest wins), a claim that is not rejected or withdrawn and whose cited references "
        "all have a `year` older than that is reported, naming the newest year. A claim citing "
        "a reference with no year is not judged."
    ),
    fix="Cite current evidence for the claim, or raise the limit where an old source is still the reference.",
    fires=project(PAGE_CLAIM, claims=_OLD_CLAIM, config=_AGE_CONFIG),
    passes=project(PAGE_CLAIM, claims=_OLD_CLAIM, config=_AGE_CONFIG, bib=_NEW_REFERENCE),
    category=Category.SUPPORT,
    check=stale_evidence,
)

_MEASURE = ('schema = 1\n\n[measure.us-prevalence]\nkind = "count"\nvalue = 39000000\nsource = "lipton2007"\n\n')
_NEWER = REFERENCE + "\n" + REFERENCE.replace("lipton2007", "burch2021").replace("2007", "2021")

OLDER_MEASURE_SOURCE = Rule(
    code="CT112",
    name="measure-source-older-than-claim",
    severity=Severity.WARNING,
    summary="A figure's claim cites newer evidence than the source of its measure's canonical value.",
    description=(
        "A measure's canonical value (`value`, `low`, `high`) is what every figure stating it is "
        "compared with; `source` names the reference it comes from. When a figure states a claim "
        "whose own evidence is newer than that source, the canonical value may be the stale "
        "one: the figure is reported, naming both references and their years."
    ),
    fix="Update the measure's value and `source` to the newer evidence, or cite the measure's source for the claim.",
    fires=project(PAGE_CLAIM, claims=_MEASURE + claim_toml(
        _SENTENCE, evidence='cite = "burch2021"\n',
        extra='measure = "us-prevalence"\n').replace("schema = 1\n\n", ""), bib=_NEWER),
    passes=project(PAGE_CLAIM, claims=_MEASURE + claim_toml(
        _SENTENCE, extra='measure = "us-prevalence"\n').replace("schema = 1\n\n", ""), bib=_NEWER),
    category=Category.SUPPORT,
    page_check=older_measure_sources,
)

RULES = (RETRACTED_REFERENCE, REFERENCE_WITH_NOTICE, STALE_EVIDENCE, OLDER_MEASURE_SOURCE)
