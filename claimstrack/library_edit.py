"""Edits to a claims file that change only the lines they must.

An edit never re-serialises the whole file (tomlkit moves `[measure.*]` tables that sit
between claims when it does): it finds the lines of the one claim it changes, edits those
(through tomlkit, which keeps the formatting of what it does not touch) or inserts a new
`[[claim.evidence]]` / `[[claim.history]]` block after them, and splices the result back.
The file keeps its line endings and byte-order mark.

Every edit is a locked read-modify-write (see `claimstrack.locking`), checks that the result
is a valid claims file in which nothing but the edited claim changed, and is written with
`write_atomic`, so an interrupted or refused edit leaves the file as it was. A read-only
file is refused unless `force` is given.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from claimstrack.atomic import write_atomic
from claimstrack.bib import Bibliography
from claimstrack.config import Config, describe_setting
from claimstrack.errors import LibraryError, Problem, UsageError
from claimstrack.library import (
    ID_PATTERN,
    SCHEMA_VERSION,
    Library,
    ParsedFile,
    claims_setting_kind,
    parse_claims_text,
    takes_claims_file,
)
from claimstrack.locking import LockTimeout, locked
from claimstrack.model import STATUSES, Claim, Evidence, Location, Measure, StatusChange
from claimstrack.paths import WRITE_HINT, outside_root, real_path, shown_path
from claimstrack.toml_input import TomlPositions, decode_text, suggest

# tomlkit is imported by the functions that write TOML, not with the module: the package's
# public API imports this module, a check never edits a claims file, and tomlkit took 15 ms
# of every run's start-up to import.

_BOM = "\ufeff"
_APPROVAL_KEYS = ("approved_by", "approved_on")


def _fail(path: str, message: str, line: int = 1, column: int = 1) -> LibraryError:
    return LibraryError(message, [Problem(Location(path, line, column), message)])


def _fail_at(claim: Claim, shown: str, message: str) -> LibraryError:
    """A refusal located at the claim's `[[claim]]` header."""
    line, column = (claim.location.line, claim.location.column) if claim.location else (1, 1)
    return _fail(shown, message, line, column)


# ---------------------------------------------------------------------------------------------
# The file as read


@attrs.frozen
class _Source:
    """A claims file's text as read, with what is needed to write it back the same way."""

    text: str
    shown: str
    bom: bool = False
    newline: str = "\n"
    #: Where each key and table header of `text` is, once parsed (see `_parse`).
    parsed_positions: TomlPositions | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def positions(self) -> TomlPositions:
        return self.parsed_positions or TomlPositions(self.text)


def _newline_of(text: str) -> str:
    """The line ending most lines of `text` use."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def _read(path: Path, shown: str) -> _Source:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(shown, f"cannot read claims file: {exc.strerror or exc}") from None
    text, problems = decode_text(data, shown, "a TOML claims file")
    if text is None:
        raise LibraryError(f"cannot read {shown}", problems)
    return _Source(text, shown, data.startswith(_BOM.encode("utf-8")), _newline_of(text))


def _parse(source: _Source) -> tuple[_Source, ParsedFile]:
    """The file's claims, refusing a file that is not valid TOML or not a valid claims file."""
    parsed = parse_claims_text(source.text, source.shown)
    if parsed.positions is None:
        raise LibraryError(f"cannot parse {source.shown}", list(parsed.problems))
    if parsed.problems:
        raise LibraryError(f"{source.shown} has problems; fix them before editing", list(parsed.problems))
    return attrs.evolve(source, parsed_positions=parsed.positions), parsed


def _check_writable(path: Path, shown: str, force: bool) -> None:
    """Refuse a file its owner marked read-only, or one this user may not write, unless forced.

    The atomic rename would replace either without a word, so the permission is checked here:
    the mode bits (root may write anything) and os.access (a file another user owns).
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # a new file
    if force:
        return
    if not mode & 0o222:
        why = "read-only"
    elif not os.access(path, os.W_OK):
        why = "not writable for this user"
    else:
        return
    raise _fail(
        shown,
        f"{shown} is {why} (mode {stat.S_IMODE(mode):04o}): make it writable, or force the edit (--force)",
    )


@contextlib.contextmanager
def _locked(path: Path, shown: str) -> Iterator[None]:
    try:
        with locked(path):
            yield
    except LockTimeout as timeout:
        message = f"{shown} is being edited by another process (waited {timeout.waited:g} s for its lock)"
        raise _fail(shown, message + "; try again in a moment") from None
    except FileNotFoundError as error:
        if error.filename is None or Path(error.filename) != real_path(path).parent:
            raise
        raise _fail(shown, f"the folder of {shown} does not exist") from None


def _write(path: Path, source: _Source, text: str, at: Claim | None) -> None:
    try:
        write_atomic(path, (_BOM if source.bom else "") + text)
    except OSError as exc:
        message = f"cannot write the claims file: {exc.strerror or exc}"
        raise (_fail_at(at, source.shown, message) if at else _fail(source.shown, message)) from None


def _shown(path: Path, root: Path | None) -> str:
    return shown_path(path, root) if root is not None else path.as_posix()


def _edit(
    path: Path,
    root: Path | None,
    force: bool,
    claim_id: str,
    change: Callable[[_Source, ParsedFile], str],
    *,
    create: bool = False,
) -> ParsedFile:
    """The locked read-modify-write shared by every edit of claim `claim_id`.

    Returns the file as written. The result must be a valid claims file in which every
    measure and every other claim is as it was.
    """
    path = Path(path)
    shown = _shown(path, root)
    with _locked(path, shown):
        if create and not path.exists():
            source = _Source(f"schema = {SCHEMA_VERSION}\n", shown)
        else:
            source = _read(path, shown)
        _check_writable(path, shown, force)
        source, before = _parse(source)
        text = change(source, before)
        if text == source.text:
            return before
        after = parse_claims_text(text, shown)
        if after.problems:
            raise LibraryError(f"the edit would leave {shown} invalid; nothing written", list(after.problems))
        if _others(before, claim_id) != _others(after, claim_id):
            raise _fail(shown, f"editing claim '{claim_id}' would change other tables of {shown}; "
                        "nothing written (please report this)")
        edited = next((claim for claim in before.claims if claim.id == claim_id), None)
        _write(path, source, text, edited)
    return after


def _others(parsed: ParsedFile, claim_id: str) -> tuple[object, ...]:
    return (parsed.measures, tuple(claim for claim in parsed.claims if claim.id != claim_id))


# ---------------------------------------------------------------------------------------------
# Where one claim's lines are


@attrs.frozen
class _Extent:
    """Offsets in the text of one `[[claim]]` and its sub-tables (each at a line start)."""

    start: int  # the start of the header's line
    body_end: int  # after the line of the claim's own last key
    evidence_end: int | None  # after the line of its last evidence key
    end: int  # after the line of the last key of the claim or its sub-tables
    contiguous: bool  # no other table's header falls between start and end


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_end(text: str, offset: int) -> int:
    found = text.find("\n", offset)
    return len(text) if found == -1 else found + 1


def _claim_index(source: _Source, parsed: ParsedFile, claim_id: str) -> int:
    for index, claim in enumerate(parsed.claims):
        if claim.id == claim_id:
            return index
    ids = [claim.id for claim in parsed.claims]
    raise _fail(source.shown, f"no claim with id '{claim_id}' in {source.shown}{suggest(claim_id, ids)}")


def _extent(source: _Source, index: int, claim_id: str) -> _Extent:
    text, positions = source.text, source.positions
    path: tuple[str | int, ...] = ("claim", index)
    header = next((start for p, start in positions.headers if p == path), None)
    if header is None:
        raise _fail(
            source.shown,
            f"claim '{claim_id}' is written as an inline table; claimstrack edits [[claim]] "
            "tables only",
        )
    own = [end for table, end in positions.statement_ends if table == path]
    under = [end for table, end in positions.statement_ends if table[:2] == path]
    under += [start for p, start in positions.headers if p[:2] == path]
    evidence = [end for table, end in positions.statement_ends if table[:3] == path + ("evidence",)]
    end = _line_end(text, max(under))
    foreign = [start for p, start in positions.headers if start > header and p[:2] != path]
    return _Extent(
        start=_line_start(text, header),
        body_end=_line_end(text, max(own)) if own else _line_end(text, header),
        evidence_end=_line_end(text, max(evidence)) if evidence else None,
        end=end,
        contiguous=not foreign or min(foreign) >= end,
    )


def _locate(source: _Source, parsed: ParsedFile, claim_id: str) -> tuple[Claim, _Extent]:
    index = _claim_index(source, parsed, claim_id)
    return parsed.claims[index], _extent(source, index, claim_id)


# ---------------------------------------------------------------------------------------------
# Text changes


def _set_keys(source: _Source, extent: _Extent, updates: Mapping[str, Any], removals: Sequence[str] = ()) -> str:
    """Set and remove keys of the claim's own table; lines of other keys stay as they were."""
    import tomlkit  # on first use: see the note below the module's imports

    text = source.text
    segment = text[extent.start : extent.body_end]
    crlf = "\r\n" in segment
    document = tomlkit.parse(segment.replace("\r\n", "\n"))
    table = document["claim"][0]
    for key in removals:
        if key in table:
            del table[key]
    for key, value in updates.items():
        table[key] = value
    edited = tomlkit.dumps(document)
    if crlf:
        edited = edited.replace("\n", "\r\n")
    return text[: extent.start] + edited + text[extent.body_end :]


def _toml_value(value: object) -> str:
    import tomlkit  # on first use: see the note below the module's imports

    return tomlkit.item(value).as_string()


def _insert_table(source: _Source, at: int, header: str, fields: Mapping[str, object]) -> str:
    """Insert `[[header]]` with `fields` (None values left out) at line start `at`, after a blank line."""
    text, newline = source.text, source.newline
    lines = [f"[[{header}]]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in fields.items() if value is not None]
    block = newline + newline.join(lines) + newline
    if at and text[at - 1] != "\n":
        block = newline + block  # the file did not end with a line break
    rest = text[at:]
    if rest and not rest.startswith(("\n", "\r\n")):
        block += newline
    return text[:at] + block + rest


def _remove_lines(source: _Source, extent: _Extent) -> str:
    """Remove a claim's lines, with the comment lines right above its header and one blank line."""
    text = source.text
    floor = max((end for _, end in source.positions.statement_ends if end <= extent.start), default=0)
    start = extent.start
    while start > 0:
        previous = _line_start(text, start - 1)
        if previous < floor or not text[previous:start].lstrip().startswith("#"):
            break
        start = previous
    end = extent.end
    blank_before = start == 0 or not text[_line_start(text, start - 1) : start].strip()
    if blank_before:
        following = _line_end(text, end)
        if end < len(text) and not text[end:following].strip():
            end = following
        elif end >= len(text) and start > 0:
            start = _line_start(text, start - 1)
    return text[:start] + text[end:]


# ---------------------------------------------------------------------------------------------
# Status changes and approval


def current_user() -> str:
    """The login name, who an edit is recorded as made by when the caller names no one."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _history_fields(change: StatusChange) -> dict[str, object]:
    return {"date": change.date, "by": change.by, "from": change.from_status,
            "to": change.to_status, "reason": change.reason}


def _backfilled_approval(claim: Claim, today: dt.date) -> StatusChange | None:
    """The approval already in a file without history, so a new change does not erase it."""
    if claim.history or claim.status != "approved" or not claim.approved_by:
        return None
    if claim.approved_on is not None:
        return StatusChange(date=claim.approved_on, by=claim.approved_by, to_status="approved")
    return StatusChange(
        date=today, by=claim.approved_by, to_status="approved",
        reason="approval recorded before claimstrack kept a history; its date was not recorded",
    )


def set_claim_status(
    path: Path,
    claim_id: str,
    status: str,
    *,
    approved_by: str | None = None,
    approved_on: dt.date | None = None,
    review_by: dt.date | None = None,
    by: str | None = None,
    on: dt.date | None = None,
    reason: str | None = None,
    force: bool = False,
    root: Path | None = None,
) -> Claim:
    """Change one claim's status, record the change in its history, and return the new claim.

    Moving to `approved` needs an approver (`approved_by`, else `by`, else the one in the
    file) and evidence; a claim without evidence is approved only with `force` and a
    `reason`, which is recorded. `approved_on` defaults to today's date (the real one) and
    `review_by` may not fall before it. Moving to any other status removes `approved_by` and
    `approved_on` (the history keeps them). Setting the status a claim already has (other than
    `approved`) without a reason changes nothing. Each change appends a `[[claim.history]]` entry
    (who: `by`, else the approver, else the login name; when: `on`, else today). `force`
    also allows editing a read-only file. `root` makes paths in messages relative to it.
    Raises LibraryError, with the file unchanged, when the edit is refused.
    """

    def change(source: _Source, parsed: ParsedFile) -> str:
        if status not in STATUSES:
            raise _fail(source.shown, f"unknown status '{status}'{suggest(status, STATUSES)}; "
                        f"allowed: {', '.join(STATUSES)}")
        claim, extent = _locate(source, parsed, claim_id)
        today = on or dt.date.today()
        if status == claim.status != "approved" and reason is None:
            return source.text  # nothing to change (a re-approval is a change: it is recorded)
        if status == "approved":
            approver = approved_by or by or claim.approved_by
            date = approved_on or today
            _check_approval(claim, approver, date, review_by=review_by, force=force, reason=reason, shown=source.shown)
            assert approver is not None
            updates: dict[str, Any] = {"status": status, "approved_by": approver, "approved_on": date}
            if review_by is not None:
                updates["review_by"] = review_by
            entry = StatusChange(date=date, by=by or approver, to_status=status,
                                 from_status=claim.status, reason=reason)
            removals: tuple[str, ...] = ()
        else:
            updates = {"status": status}
            removals = _APPROVAL_KEYS
            entry = StatusChange(date=today, by=by or current_user(), to_status=status,
                                 from_status=claim.status, reason=reason)
        entries = [e for e in (_backfilled_approval(claim, today), entry) if e is not None]
        # History first (it goes after the claim's sub-tables), then the claim's own keys
        # (above it), so that the offsets of each step are still those of the text it edits.
        text = source.text
        for item in reversed(entries):
            text = _insert_table(attrs.evolve(source, text=text), extent.end, "claim.history",
                                 _history_fields(item))
        return _set_keys(attrs.evolve(source, text=text), extent, updates, removals)

    after = _edit(path, root, force, claim_id, change)
    return _claim_in(after, claim_id)


def approve_claim(
    path: Path,
    claim_id: str,
    *,
    by: str,
    on: dt.date | None = None,
    review_by: dt.date | None = None,
    reason: str | None = None,
    force: bool = False,
    root: Path | None = None,
) -> Claim:
    """Approve one claim as `by`, on `on` (default: today's real date); see `set_claim_status`."""
    return set_claim_status(path, claim_id, "approved", approved_by=by, approved_on=on,
                            review_by=review_by, on=on, reason=reason, force=force, root=root)


def _check_approval(
    claim: Claim,
    approver: str | None,
    approved_on: dt.date,
    *,
    review_by: dt.date | None,
    force: bool,
    reason: str | None,
    shown: str,
) -> None:
    if not (approver and approver.strip()):
        raise _fail_at(claim, shown, f"approving claim '{claim.id}' needs the approver's name (approved_by)")
    review = review_by or claim.review_by
    if review is not None and approved_on > review:
        raise _fail_at(claim, shown, f"claim '{claim.id}': review_by ({review}) is before approved_on ({approved_on})")
    if claim.evidence:
        return
    if not force:
        raise _fail_at(
            claim, shown,
            f"claim '{claim.id}' has no evidence to approve it on: add evidence first "
            "(claims evidence), or force the approval with a recorded reason (--force --reason)",
        )
    if not (reason and reason.strip()):
        raise _fail_at(
            claim, shown, f"approving claim '{claim.id}' without evidence needs a reason (--reason)"
        )


def _claim_in(parsed: ParsedFile, claim_id: str) -> Claim:
    return next(claim for claim in parsed.claims if claim.id == claim_id)


# ---------------------------------------------------------------------------------------------
# Evidence, adding and removing claims


def add_evidence(
    path: Path,
    claim_id: str,
    evidence: Evidence,
    *,
    bibliography: Bibliography | None = None,
    force: bool = False,
    root: Path | None = None,
) -> Claim:
    """Add a `[[claim.evidence]]` after the claim's last one; returns the new claim.

    With a `bibliography`, a `cite` key it does not hold is refused (with the closest key).
    """
    if bibliography is not None and evidence.cite not in bibliography:
        where = bibliography.path or "the bibliography"
        keys = [reference.key for reference in bibliography]
        message = f"unknown citation key '{evidence.cite}': not in {where}{suggest(evidence.cite, keys)}"
        raise _fail(_shown(Path(path), root), message)

    def change(source: _Source, parsed: ParsedFile) -> str:
        claim, extent = _locate(source, parsed, claim_id)
        if not extent.contiguous:
            raise _fail_at(claim, source.shown, f"claim '{claim_id}' is split by other tables; edit it by hand")
        at = extent.evidence_end if extent.evidence_end is not None else extent.body_end
        fields = {"cite": evidence.cite, "locator": evidence.locator, "quote": evidence.quote, "n": evidence.n}
        return _insert_table(source, at, "claim.evidence", fields)

    return _claim_in(_edit(path, root, force, claim_id, change), claim_id)


def remove_claim(path: Path, claim_id: str, *, force: bool = False, root: Path | None = None) -> Claim:
    """Remove one claim (its evidence, history and the comments right above it); returns it."""
    removed: list[Claim] = []

    def change(source: _Source, parsed: ParsedFile) -> str:
        claim, extent = _locate(source, parsed, claim_id)
        if not extent.contiguous:
            raise _fail_at(claim, source.shown, f"claim '{claim_id}' is split by other tables; remove it by hand")
        removed.append(claim)
        return _remove_lines(source, extent)

    _edit(path, root, force, claim_id, change)
    return removed[0]


def claim_to_toml(claim: Claim) -> str:
    """One `[[claim]]` table (with its `[[claim.evidence]]` tables) as TOML text."""
    import tomlkit  # on first use: see the note below the module's imports

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


def add_claim(path: Path, claim: Claim, *, force: bool = False, root: Path | None = None) -> None:
    """Append a `[[claim]]` to a claims file (created with `schema = 1` when missing).

    The existing text is kept byte-for-byte; the new table goes at the end after a blank
    line. Raises LibraryError (file unchanged) when the id is malformed or already in the
    file, or the resulting file would not be a valid claims file.
    """
    shown = _shown(Path(path), root)
    if not ID_PATTERN.fullmatch(claim.id):
        raise _fail(shown, f"claim id '{claim.id}' must match [a-z0-9][a-z0-9._-]*")

    def change(source: _Source, parsed: ParsedFile) -> str:
        if any(existing.id == claim.id for existing in parsed.claims):
            raise _fail(source.shown, f"claim id '{claim.id}' is already in {source.shown}")
        text = source.text
        separator = "" if not text else (source.newline if text.endswith("\n") else source.newline * 2)
        return text + separator + claim_to_toml(claim).replace("\n", source.newline)

    _edit(path, root, force, claim.id, change, create=True)


def claims_file_for(library: Library, root: Path, claims_setting: str, *, default_name: str) -> Path:
    """Where a new claim or measure goes when the caller names no file: the library's only
    claims file, else `default_name` in the claims folder."""
    if len(library.files) == 1:
        return root / library.files[0]
    return root / claims_setting / default_name


def claims_file_to_write(
    config: Config, library: Library, file: str | os.PathLike[str] | None, *, default_name: str
) -> Path:
    """Where a new claim or measure goes: `file` (from the working directory) when given, else
    the library's only claims file, else `default_name` in the claims folder.

    A `file` the `claims` setting does not take is a UsageError: what is written there would be
    reported as added, then never read. So is one outside the project root (symlinks
    resolved) unless `config.allow_outside_root`.
    """
    root = Path(config.root)
    if not file:
        return claims_file_for(library, root, config.claims, default_name=default_name)
    path = Path(os.path.abspath(file))
    shown = shown_path(path, root)
    if not takes_claims_file(config.claims, root, path):
        raise UsageError(f"{shown} is not read by the claims library: {describe_setting(config, 'claims')} takes "
                         f"{_what_claims_takes(config.claims, root)}; name a file it takes, or change the setting")
    real = None if config.allow_outside_root else outside_root(path, root)
    if real is not None:
        raise UsageError(f"{shown} resolves outside the project root (to {real.as_posix()}); {WRITE_HINT}")
    return path


def _what_claims_takes(claims_setting: str, root: Path) -> str:
    """The files a `claims` setting takes, in words, for messages."""
    kind = claims_setting_kind(claims_setting, root)
    if kind == "glob":
        return f"the files matching '{claims_setting}'"
    if kind == "folder":
        return f"the .toml files below '{claims_setting.rstrip('/')}/'"
    return f"only '{claims_setting}'"


def add_draft_claim(
    library: Library, path: Path, claim_id: str, text: str, *,
    measure: str | None = None, force: bool = False, root: Path | None = None,
) -> Claim:
    """Append a draft claim to the claims file `path` (created, with its folder, when missing).

    An id the library already has, in any of its files, is a UsageError; otherwise as
    `add_claim`. Returns the claim written.
    """
    existing = library.claim(claim_id)
    if existing is not None:
        raise UsageError(f"claim id {claim_id!r} is already in the library ({existing.location})")
    claim = Claim(id=claim_id, text=text, measure=measure, status="draft")
    path.parent.mkdir(parents=True, exist_ok=True)
    add_claim(path, claim, force=force, root=root)
    return claim


# ---------------------------------------------------------------------------------------------
# A new measure with its draft claims (`claimstrack measures accept`)


def measure_to_toml(measure: Measure) -> str:
    """One `[measure.<key>]` table as TOML text."""
    import tomlkit  # on first use: see the note below the module's imports

    table = tomlkit.table()
    for field in ("description", "kind", "unit", "value", "low", "high", "tolerance"):
        value = getattr(measure, field)
        if value is not None:
            table[field] = value
    holder = tomlkit.document()
    measures = tomlkit.table(is_super_table=True)
    measures[measure.key] = table
    holder["measure"] = measures
    return tomlkit.dumps(holder)


def add_measure(
    path: Path, measure: Measure, claims: Sequence[Claim], *, force: bool = False, root: Path | None = None
) -> ParsedFile:
    """Append a `[measure.<key>]` table and its draft claims to a claims file, in one locked,
    atomic write (the file is created with `schema = 1` when missing).

    The existing text is kept byte-for-byte. Raises LibraryError (file unchanged) when the key
    or a claim id is malformed or already in the file, or the result would not be valid.
    """
    path = Path(path)
    shown = _shown(path, root)
    for name in (measure.key, *(claim.id for claim in claims)):
        if not ID_PATTERN.fullmatch(name):
            raise _fail(shown, f"'{name}' must match [a-z0-9][a-z0-9._-]*")
    with _locked(path, shown):
        source = _read(path, shown) if path.exists() else _Source(f"schema = {SCHEMA_VERSION}\n", shown)
        _check_writable(path, shown, force)
        source, before = _parse(source)
        if any(existing.key == measure.key for existing in before.measures):
            raise _fail(shown, f"measure '{measure.key}' is already in {shown}")
        taken = {claim.id for claim in before.claims}.intersection(claim.id for claim in claims)
        if taken:
            raise _fail(shown, f"claim id '{sorted(taken)[0]}' is already in {shown}")
        text = source.text
        separator = "" if not text else (source.newline if text.endswith("\n") else source.newline * 2)
        added = measure_to_toml(measure) + "".join("\n" + claim_to_toml(claim) for claim in claims)
        text += separator + added.replace("\n", source.newline)
        after = parse_claims_text(text, shown)
        if after.problems:
            raise LibraryError(f"the edit would leave {shown} invalid; nothing written", list(after.problems))
        if after.measures[: len(before.measures)] != before.measures or (
            after.claims[: len(before.claims)] != before.claims
        ):
            raise _fail(shown, f"adding measure '{measure.key}' would change other tables of {shown}; "
                        "nothing written (please report this)")
        _write(path, source, text, None)
    return after
