"""CT109-CT110: whether the references behind claims and pages still stand.

A reference whose DOI or PMID has a notice in the configured copy of the Retraction Watch
database (`retractions`) is reported on every claim whose evidence cites it and on every figure
of a page that relies on it: cited in the figure's sentence, or backing the claim the sentence
states. A retraction is CT109 (an error); an expression of concern or a correction is CT110 (a
warning).
"""

from __future__ import annotations

from collections.abc import Iterator

from claimstrack.checks.context import CheckContext, Occurrence, location_span
from claimstrack.checks.examples import claim_toml, project, retraction_csv
from claimstrack.checks.registry import Category, Rule
from claimstrack.model import Claim, Finding, Severity
from claimstrack.retractions import Retraction

_CODE = {Severity.ERROR: "CT109", Severity.WARNING: "CT110"}


def notices_by_key(ctx: CheckContext) -> dict[str, tuple[Retraction, ...]]:
    """The notices about each reference of the bibliography that has any."""
    if not ctx.retractions.by_doi and not ctx.retractions.by_pmid:
        return {}
    found = {}
    for reference in ctx.bibliography:
        notices = ctx.retractions.notices(reference.doi, reference.pmid)
        if notices:
            found[reference.key] = notices
    return found


def retracted_references(ctx: CheckContext) -> Iterator[Finding]:
    """CT109/CT110 on each claim citing a reference with a notice, and each figure relying on one."""
    notices = notices_by_key(ctx)
    if not notices:
        return
    for claim in ctx.library.claims:
        for key in dict.fromkeys(e.cite for e in claim.evidence):
            for notice in notices.get(key, ()):
                path = claim.location.path if claim.location else "claims"
                yield ctx.finding(_CODE[notice.severity], path, location_span(claim.location),
                                  f"claim {claim.id!r} cites {key}, {_what(notice)}", claim=claim.id,
                                  fingerprint=f"{claim.id}|{key}|{notice.record_id}")
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
    record = f"Retraction Watch record {notice.record_id}" if notice.record_id else "Retraction Watch"
    reasons = "; ".join(part.strip().lstrip("+") for part in notice.reason.split(";") if part.strip())
    reason = f": {reasons}" if reasons else ""
    return f"whose paper has a {notice.describe()} ({record}{reason})"


_NOTICE = retraction_csv([("1", "Retraction", "5/14/2020 0:00", "10.1212/01.wnl.0000252808.97649.21",
                           "+Falsification/Fabrication of Data;")])
_CONCERN = retraction_csv([("2", "Expression of concern", "3/2/2021 0:00", "10.1212/01.wnl.0000252808.97649.21",
                            "+Concerns/Issues About Data;")])
_OTHER = retraction_csv([("3", "Retraction", "5/14/2020 0:00", "10.1000/another.paper", "")])
PAGE_CLAIM = "Approximately 39 million Americans live with migraine.\n"
_CONFIG = 'today = 2026-11-21\nretractions = "retraction_watch.csv"\n'


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
    fires=project(PAGE_CLAIM, claims=claim_toml("Approximately 39 million Americans live with migraine"),
                  config=_CONFIG, files={"retraction_watch.csv": _NOTICE}),
    passes=project(PAGE_CLAIM, claims=claim_toml("Approximately 39 million Americans live with migraine"),
                   config=_CONFIG, files={"retraction_watch.csv": _OTHER}),
    category=Category.SUPPORT,
    check=retracted_references,
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
    fires=project(PAGE_CLAIM, claims=claim_toml("Approximately 39 million Americans live with migraine"),
                  config=_CONFIG, files={"retraction_watch.csv": _CONCERN}),
    passes=project(PAGE_CLAIM, claims=claim_toml("Approximately 39 million Americans live with migraine"),
                   config=_CONFIG, files={"retraction_watch.csv": _OTHER}),
    category=Category.SUPPORT,
    check=retracted_references,
)

RULES = (RETRACTED_REFERENCE, REFERENCE_WITH_NOTICE)
