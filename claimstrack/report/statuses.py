"""The report's decisions: a figure's status, what backs it, where a claim is in its review.

A figure's status comes from the findings about it (`Finding.figure_id`), those naming it as
the other side of an inconsistency, and those about the claim its sentence states. What backs
it is told apart as well: a claim the sentence states, a citation whose local source copy
states the figure (verified in source), or a citation alone (cited).

- conflicting: an error or warning from a rule that compares figures (CT201, CT202, CT203, CT210);
- unapproved: it states a claim that is not approved (draft, in review, rejected, withdrawn):
  CT302 is its only error or warning, or it has none and its claim is not approved;
- unsupported: any other error or warning about it, or no claim or citation backs it;
- suppressed: only silenced findings about it (the suppression's reason is shown);
- supported: backed by a claim or citation and no error or warning about it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from claimstrack.checks.catalog import all_rules, get_rule
from claimstrack.checks.registry import Category
from claimstrack.config import review_due_by
from claimstrack.report.views import (
    BY_CLAIM,
    CITED,
    CONFLICTING,
    CURRENT,
    DUE_SOON,
    EXPIRED,
    NO_REVIEW_DATE,
    NOT_BACKED,
    SUPPORTED,
    SUPPRESSED,
    UNAPPROVED,
    UNSUPPORTED,
    VERIFIED_IN_SOURCE,
    CitationView,
    FindingView,
)

#: Rules whose findings mean figures for one measure disagree across documents (by category).
DECLARED_CONSISTENCY_CODES = frozenset(r.code for r in all_rules() if r.category is Category.CONSISTENCY)
CONSISTENCY_CODES = frozenset(r.code for r in all_rules() if r.category.compares_figures)
#: The rule that says a page states a claim that is not approved: a figure it alone flags
#: is backed by a claim still under review (or rejected), not unsupported.
UNAPPROVED_CODES = frozenset({get_rule("unapproved-claim-used").code})


def figure_status(supported: bool, active: Sequence[FindingView], silenced: Sequence[FindingView],
                  claim_status: str | None = None) -> str:
    """A figure's status from its support, the findings about it and the status of the claim
    it states, if any (module docstring)."""
    serious = only_unapproved = False
    for finding in active:  # one pass: a 1 MB page asks this of tens of thousands of figures
        if finding.severity in ("error", "warning"):
            if finding.code in CONSISTENCY_CODES:
                return CONFLICTING
            only_unapproved = finding.code in UNAPPROVED_CODES and (only_unapproved or not serious)
            serious = True
    if serious:
        return UNAPPROVED if only_unapproved else UNSUPPORTED
    if silenced:
        return SUPPRESSED
    if claim_status is not None and claim_status != "approved":
        return UNAPPROVED
    return SUPPORTED if supported else UNSUPPORTED


def figure_backing(by_claim: bool, citations: Sequence[CitationView]) -> str:
    """What backs a figure: a claim first, else a citation its source copy confirms, else a
    citation that resolves, else nothing."""
    if by_claim:
        return BY_CLAIM
    if not citations:
        return NOT_BACKED
    known = [c for c in citations if c.reference_anchor is not None]
    if any(c.contains for c in known):
        return VERIFIED_IN_SOURCE
    return CITED if known else NOT_BACKED


def review_state(review_by: dt.date | None, today: dt.date, warning_days: int) -> tuple[str, int | None]:
    """(state, days until review-by): expired, due-soon within `warning_days` (the window CT304
    uses, `config.review_due_by`), current, none."""
    if review_by is None:
        return NO_REVIEW_DATE, None
    days = (review_by - today).days
    if review_by < today:
        return EXPIRED, days
    if review_by <= review_due_by(today, warning_days):
        return DUE_SOON, days
    return CURRENT, days
