"""Edits to a claims file that keep everything else byte-for-byte: comments, order, spacing.

Edits go through tomlkit (which keeps the formatting of what it does not touch) and are
written with `write_atomic`, so an interrupted edit never leaves a half-written file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.items import AoT, Table

from claimstrack.atomic import write_atomic
from claimstrack.config import decode_text, parse_date, read_toml
from claimstrack.errors import LibraryError, Problem
from claimstrack.library import ID_PATTERN, SCHEMA_VERSION, parse_claims_text
from claimstrack.model import STATUSES, Claim, Location


def _fail(path: str, message: str, line: int = 1, column: int = 1) -> LibraryError:
    return LibraryError(message, [Problem(Location(path, line, column), message)])


def _read(path: Path) -> str:
    shown = path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(shown, f"cannot read claims file: {exc.strerror}") from None
    text, problems = decode_text(data, shown, "a TOML claims file")
    if text is None:
        raise LibraryError(f"cannot read {shown}", problems)
    return text


def _parse(text: str, shown: str) -> tomlkit.TOMLDocument:
    # tomllib first, so syntax errors read exactly as they do when the library loads.
    _, problems = read_toml(text, shown)
    if problems:
        raise LibraryError(f"cannot parse {shown}", problems)
    try:
        return tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:  # tomlkit's columns are 0-based
        raise _fail(shown, f"invalid TOML: {exc}", exc.line, exc.col + 1) from None


def _claim_table(document: tomlkit.TOMLDocument, claim_id: str, shown: str) -> Table:
    claims = document.get("claim")
    if isinstance(claims, AoT):
        for table in claims:
            if table.get("id") == claim_id:
                return table
    raise _fail(shown, f"no claim with id '{claim_id}' in {shown}")


def set_claim_status(
    path: Path,
    claim_id: str,
    status: str,
    *,
    approved_by: str | None = None,
    approved_on: dt.date | None = None,
    review_by: dt.date | None = None,
) -> None:
    """Set one claim's status (and approval fields) in place, keeping every other byte.

    Only the keys given change; absent ones are added after the claim's last plain key.
    Approving needs an `approved_by`, given here or already in the file, and `review_by`
    may not fall before `approved_on`. Raises LibraryError (file unchanged) when the id
    is not in the file, the status is unknown, or the result would be invalid.
    """
    shown = path.as_posix()
    if status not in STATUSES:
        raise _fail(shown, f"unknown status '{status}'; allowed: {', '.join(STATUSES)}")
    document = _parse(_read(path), shown)
    table = _claim_table(document, claim_id, shown)
    updates: dict[str, Any] = {"status": status}
    if approved_by is not None:
        updates["approved_by"] = approved_by
    if approved_on is not None:
        updates["approved_on"] = approved_on
    if review_by is not None:
        updates["review_by"] = review_by
    _check_approval(table, updates, claim_id, shown)
    for key, value in updates.items():
        table[key] = value
    write_atomic(path, tomlkit.dumps(document))


def _check_approval(table: Table, updates: dict[str, Any], claim_id: str, shown: str) -> None:
    merged = {**table.unwrap(), **updates}
    approver = merged.get("approved_by")
    if merged["status"] == "approved" and not (isinstance(approver, str) and approver.strip()):
        raise _fail(shown, f"approving claim '{claim_id}' needs the approver's name (approved_by)")
    approved = parse_date(merged.get("approved_on"))
    review = parse_date(merged.get("review_by"))
    if approved and review and approved > review:
        raise _fail(
            shown, f"claim '{claim_id}': review_by ({review}) is before approved_on ({approved})"
        )


def claim_to_toml(claim: Claim) -> str:
    """One `[[claim]]` table (with its `[[claim.evidence]]` tables) as TOML text."""
    table = tomlkit.table()
    table["id"] = claim.id
    table["text"] = claim.text
    if claim.variants:
        table["variants"] = list(claim.variants)
    optional = {
        "measure": claim.measure,
        "status": claim.status,
        "approved_by": claim.approved_by,
        "approved_on": claim.approved_on,
        "review_by": claim.review_by,
        "notes": claim.notes,
    }
    for key, value in optional.items():
        if value is not None:
            table[key] = value
    if claim.evidence:
        evidence = tomlkit.aot()
        for item in claim.evidence:
            row = tomlkit.table()
            row["cite"] = item.cite
            fields: tuple[tuple[str, object], ...] = (
                ("locator", item.locator), ("quote", item.quote), ("n", item.n))
            for field, given in fields:
                if given is not None:
                    row[field] = given
            evidence.append(row)
        table["evidence"] = evidence
    holder = tomlkit.document()
    holder["claim"] = tomlkit.aot()
    holder["claim"].append(table)
    return tomlkit.dumps(holder)


def add_claim(path: Path, claim: Claim) -> None:
    """Append a `[[claim]]` to a claims file (created with `schema = 1` when missing).

    The existing text is kept byte-for-byte; the new table goes at the end after a blank
    line. Raises LibraryError (file unchanged) when the id is malformed or already in the
    file, or the resulting file would not be a valid claims file.
    """
    shown = path.as_posix()
    if not ID_PATTERN.fullmatch(claim.id):
        raise _fail(shown, f"claim id '{claim.id}' must match [a-z0-9][a-z0-9._-]*")
    text = _read(path) if path.exists() else f"schema = {SCHEMA_VERSION}\n"
    document = _parse(text, shown)
    claims = document.get("claim")
    if isinstance(claims, AoT) and any(t.get("id") == claim.id for t in claims):
        raise _fail(shown, f"claim id '{claim.id}' is already in {shown}")
    separator = "" if not text else ("\n" if text.endswith("\n") else "\n\n")
    new_text = text + separator + claim_to_toml(claim)
    parsed = parse_claims_text(new_text, shown)
    if parsed.problems:
        raise LibraryError(
            f"adding claim '{claim.id}' would leave {shown} invalid", parsed.problems
        )
    write_atomic(path, new_text)
