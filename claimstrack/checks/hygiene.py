"""CT3xx library hygiene: altered and unapproved claims, review dates, unused entries."""

from __future__ import annotations

from collections.abc import Iterator

from claimstrack.checks.context import CheckContext, Occurrence, location_span
from claimstrack.checks.examples import claim_toml, project
from claimstrack.checks.registry import Category, Rule
from claimstrack.model import Finding, Severity

APPROVED = "Approximately 39 million Americans live with migraine"
PAGE = APPROVED + ".\n"


def claims_in_documents(ctx: CheckContext) -> Iterator[Finding]:
    """CT301 and CT302, once per sentence that states (or alters) a claim."""
    seen: set[tuple[str, int, str]] = set()
    for occ in ctx.occurrences:
        if occ.claim is None:
            continue
        key = (occ.path, occ.document.sentence_at(occ.figure.span.start)[0], occ.claim.id)
        if key in seen:
            continue
        if occ.altered and occ.claim.status == "approved":
            seen.add(key)
            yield _altered(ctx, occ)
        elif not occ.altered and occ.claim.status != "approved":
            seen.add(key)
            yield ctx.occurrence_finding(
                "CT302", occ, f"states claim {occ.claim.id!r}, whose status is {occ.claim.status!r}, not approved"
            )


def _altered(ctx: CheckContext, occ: Occurrence) -> Finding:
    claim = occ.claim
    assert claim is not None
    approved = ", ".join(f'"{f.text}"' for f in ctx.figures_of(claim.text))
    return ctx.occurrence_finding(
        "CT301",
        occ,
        f'"{occ.figure.text}" alters approved claim {claim.id!r}, which says {approved}: "{claim.text}"',
    )


def review_dates(ctx: CheckContext) -> Iterator[Finding]:
    """CT303 for approved claims past review_by, CT304 for those due within the window."""
    due_by = ctx.config.review_due_by(ctx.today)
    for claim in ctx.library.claims:
        if claim.status != "approved" or claim.review_by is None:
            continue
        path = claim.location.path if claim.location else "claims"
        if claim.review_by < ctx.today:
            yield ctx.finding("CT303", path, location_span(claim.location),
                              f"claim {claim.id!r} was due for review on {claim.review_by.isoformat()}",
                              claim=claim.id, fingerprint=f"{claim.id}|{claim.review_by}")
        elif claim.review_by <= due_by:
            yield ctx.finding("CT304", path, location_span(claim.location),
                              f"claim {claim.id!r} is due for review on {claim.review_by.isoformat()}",
                              claim=claim.id, fingerprint=f"{claim.id}|{claim.review_by}")


def unused_entries(ctx: CheckContext) -> Iterator[Finding]:
    """CT306 and CT307, only when the whole configured corpus is checked."""
    if ctx.explicit_paths:
        return
    for claim in ctx.library.claims:
        if claim.status == "approved" and claim.id not in ctx.used_claims:
            path = claim.location.path if claim.location else "claims"
            yield ctx.finding("CT306", path, location_span(claim.location),
                              f"approved claim {claim.id!r} is not stated in any document",
                              claim=claim.id, fingerprint=claim.id)
    cited = {e.cite for c in ctx.library.claims for e in c.evidence}
    cited.update(key for page in ctx.pages for key in page.citations)
    for reference in ctx.bibliography.references:
        if reference.key not in cited:
            path = reference.location.path if reference.location else "references.bib"
            yield ctx.finding("CT307", path, location_span(reference.location),
                              f"reference {reference.key!r} is not cited by any claim or document",
                              fingerprint=reference.key)


ALTERED_CLAIM = Rule(
    code="CT301",
    name="altered-claim",
    severity=Severity.ERROR,
    summary="A sentence that nearly states an approved claim but with a changed figure.",
    description=(
        "Copy drifts: the approved sentence is pasted and a number edited, or an old figure "
        "survives on one page. When a sentence matches an approved claim's wording once the "
        "figures are set aside, but its figures differ from the approved ones, the claim was "
        "altered and the new figure has no approval."
    ),
    fix="Restore the approved wording, or get the new figure approved as a claim or variant.",
    fires=project("Approximately 49 million Americans live with migraine.\n", claims=claim_toml(APPROVED)),
    passes=project(PAGE, claims=claim_toml(APPROVED)),
    category=Category.HYGIENE,
    page_check=claims_in_documents,
)


UNAPPROVED_CLAIM_USED = Rule(
    code="CT302",
    name="unapproved-claim-used",
    severity=Severity.ERROR,
    summary="A document states a claim whose status is not `approved`.",
    description=(
        "Only approved claims may be published. A draft, in-review, rejected or withdrawn claim "
        "stated in a document is flagged with its status."
    ),
    fix="Finish the review and set `status = \"approved\"` (see `claimstrack claims approve`), or reword the copy.",
    fires=project(PAGE, claims=claim_toml(APPROVED, status="in-review")),
    passes=project(PAGE, claims=claim_toml(APPROVED)),
    category=Category.HYGIENE,
    page_check=claims_in_documents,
)


CLAIM_REVIEW_OVERDUE = Rule(
    code="CT303",
    name="claim-review-overdue",
    severity=Severity.WARNING,
    summary="An approved claim past its `review_by` date.",
    description=(
        "Evidence ages: prevalence estimates are revised and studies superseded. A claim whose "
        "`review_by` date has passed must be re-reviewed before it is published again. The date "
        "of today can be pinned with `today` in the configuration for reproducible runs."
    ),
    fix="Re-review the claim against current evidence and set a new `review_by`.",
    fires=project(PAGE, claims=claim_toml(APPROVED, approved_on="2025-06-01", review_by="2026-06-30")),
    passes=project(PAGE, claims=claim_toml(APPROVED, review_by="2027-11-01")),
    category=Category.HYGIENE,
    check=review_dates,
)


CLAIM_REVIEW_DUE_SOON = Rule(
    code="CT304",
    name="claim-review-due-soon",
    severity=Severity.INFO,
    summary="An approved claim whose `review_by` date falls within the warning window (30 days).",
    description=(
        "Plans the next review: an approved claim due for re-review within "
        "`review-warning-days` (30 by default) is listed, so that it does not lapse."
    ),
    fix="Schedule the review; set `review-warning-days` to change the window.",
    fires=project(PAGE, claims=claim_toml(APPROVED, review_by="2026-12-01")),
    passes=project(PAGE, claims=claim_toml(APPROVED, review_by="2027-11-01")),
    category=Category.HYGIENE,
    check=review_dates,
)


UNUSED_CLAIM = Rule(
    code="CT306",
    name="unused-claim",
    severity=Severity.INFO,
    summary="An approved claim that no checked document states.",
    description=(
        "A claims library accumulates claims no page uses any more. Reported only when the "
        "configured documents are checked (no paths on the command line), so that checking one "
        "page does not report every other claim."
    ),
    fix="Withdraw the claim (`status = \"withdrawn\"`) or delete it.",
    fires=project("Migraine is common.\n", claims=claim_toml(APPROVED)),
    passes=project(PAGE, claims=claim_toml(APPROVED)),
    category=Category.HYGIENE,
    check=unused_entries,
)


UNUSED_REFERENCE = Rule(
    code="CT307",
    name="unused-reference",
    severity=Severity.INFO,
    summary="A bibliography entry that no claim and no document cites.",
    description=(
        "An entry nothing cites is either left over or a sign that a claim lost its evidence. "
        "Reported only when the configured documents are checked."
    ),
    fix="Delete the entry, or cite it from the claim it supports.",
    fires=project("Migraine is common.\n"),
    passes=project(PAGE, claims=claim_toml(APPROVED)),
    category=Category.HYGIENE,
    check=unused_entries,
)


RULES = (
    ALTERED_CLAIM,
    UNAPPROVED_CLAIM_USED,
    CLAIM_REVIEW_OVERDUE,
    CLAIM_REVIEW_DUE_SOON,
    UNUSED_CLAIM,
    UNUSED_REFERENCE,
)
