"""What `claimstrack claims list` and `claims show` print: a table of claims, one claim in full."""

from __future__ import annotations

from collections.abc import Sequence

from claimstrack.bib import Bibliography
from claimstrack.model import Claim
from claimstrack.render._common import json_document, one_line

_HEADER = ("ID", "STATUS", "REVIEW BY", "MEASURE", "LOCATION", "TEXT")
_TEXT_WIDTH = 60


def render_claims_table(claims: Sequence[Claim]) -> str:
    """One row per claim, then a count."""
    rows = [_HEADER, *(_row(claim) for claim in claims)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADER))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines += ["", f"{len(claims)} claim{'' if len(claims) == 1 else 's'}"]
    return "\n".join(lines) + "\n"


def _row(claim: Claim) -> tuple[str, ...]:
    text = one_line(claim.text)
    if len(text) > _TEXT_WIDTH:
        text = text[: _TEXT_WIDTH - 1] + "\u2026"
    return (
        claim.id,
        claim.status,
        claim.review_by.isoformat() if claim.review_by else "-",
        claim.measure or "-",
        str(claim.location) if claim.location else "-",
        text,
    )


def render_claim(claim: Claim, bibliography: Bibliography | None = None) -> str:
    """One claim: wording, status and approval, notes, evidence (marking unknown keys), history."""
    lines = [f"{claim.id}  ({claim.location})" if claim.location else claim.id, f"  text: {one_line(claim.text)}"]
    lines += [f"  variant: {one_line(variant)}" for variant in claim.variants]
    fields = (
        ("measure", claim.measure),
        ("status", claim.status),
        ("approved by", claim.approved_by),
        ("approved on", claim.approved_on),
        ("review by", claim.review_by),
        ("notes", claim.notes),
    )
    lines += [f"  {name}: {one_line(str(value))}" for name, value in fields if value is not None]
    lines.append(f"  evidence: {len(claim.evidence) or 'none'}")
    for item in claim.evidence:
        known = bibliography is None or item.cite in bibliography
        lines.append(f"    - {item.cite}" + ("" if known else "  (not in the bibliography)"))
        details = (("locator", item.locator), ("quote", item.quote), ("n", item.n))
        lines += [f"      {name}: {one_line(str(value))}" for name, value in details if value is not None]
    if claim.history:
        lines.append("  history:")
    for change in claim.history:
        move = f"{change.from_status} -> {change.to_status}" if change.from_status else change.to_status
        reason = f": {one_line(change.reason)}" if change.reason else ""
        lines.append(f"    - {change.date} {one_line(change.by)}: {move}{reason}")
    return "\n".join(lines) + "\n"


def render_claims_json(claims: Sequence[Claim]) -> str:
    """`claims list --format json`: an array of the claims' `to_json()` objects."""
    return json_document([claim.to_json() for claim in claims])


def render_claim_json(claim: Claim) -> str:
    """`claims show --format json`: the claim's `to_json()` object."""
    return json_document(claim.to_json())
