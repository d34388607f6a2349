"""The claims library: `claims/*.toml` files read into Claim, Evidence and Measure.

The schema is documented in docs/claims-file.md. Loading collects every problem in every
file (with the line and column of the offending key or value) and raises one LibraryError.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from claimstrack.errors import LibraryError, Problem, UsageError
from claimstrack.globs import glob_match, is_glob, search
from claimstrack.model import KINDS, STATUSES, Claim, Evidence, Location, Measure, StatusChange
from claimstrack.paths import ALLOW_HINT, real_path, shown_path, why_not_a_file
from claimstrack.toml_input import (
    KeyPath,
    TomlPositions,
    decode_text,
    describe_type,
    parse_date,
    read_toml,
    suggest,
    unknown_key_message,
)

#: The only schema version this code reads.
SCHEMA_VERSION = 1

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")

TOP_KEYS = ("schema", "max_source_age", "measure", "claim")
MEASURE_KEYS = ("description", "kind", "unit", "value", "low", "high", "tolerance", "source", "max_source_age")
#: The longest `max_source_age`, in years.
MAX_SOURCE_AGE = 200
CLAIM_KEYS = (
    "id",
    "text",
    "variants",
    "measure",
    "status",
    "approved_by",
    "approved_on",
    "review_by",
    "notes",
    "evidence",
    "history",
)
EVIDENCE_KEYS = ("cite", "locator", "quote", "n")
HISTORY_KEYS = ("date", "by", "from", "to", "reason")


@attrs.frozen
class Library:
    """Every claim and measure of a project's claims files, in file order."""

    claims: tuple[Claim, ...] = ()
    measures: tuple[Measure, ...] = ()
    files: tuple[str, ...] = ()
    #: (claims file, years) for each file that sets `max_source_age` at its top level
    source_age_limits: tuple[tuple[str, int], ...] = ()
    _claims_by_id: dict[str, Claim] = attrs.field(init=False, eq=False, repr=False)
    _measures_by_key: dict[str, Measure] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Lookup tables built once; the frozen class hides them behind read-only methods.
        object.__setattr__(self, "_claims_by_id", {c.id: c for c in self.claims})
        object.__setattr__(self, "_measures_by_key", {m.key: m for m in self.measures})

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, or None."""
        return self._claims_by_id.get(claim_id)

    def require_claim(self, claim_id: str, where: str = "the claims library") -> Claim:
        """The claim with this id; a UsageError naming `where` and the closest id when there is
        none (a command asked for it)."""
        claim = self.claim(claim_id)
        if claim is None:
            hint = suggest(claim_id, [c.id for c in self.claims])
            raise UsageError(f"no claim with id {claim_id!r} in {where}{hint}")
        return claim

    def measure(self, key: str) -> Measure | None:
        """The declared `[measure.<key>]`, or None (a claim may name an undeclared measure)."""
        return self._measures_by_key.get(key)

    def file_source_age_limit(self, path: str) -> int | None:
        """The `max_source_age` the claims file `path` sets at its top level, if any."""
        return dict(self.source_age_limits).get(path)

    def claims_for_measure(self, key: str) -> tuple[Claim, ...]:
        """The claims whose `measure` is `key`, in library order."""
        return tuple(c for c in self.claims if c.measure == key)

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims)

    def __len__(self) -> int:
        return len(self.claims)


def select_claims(
    library: Library,
    *,
    statuses: Sequence[str] | None = None,
    measure: str | None = None,
    due_by: dt.date | None = None,
) -> tuple[Claim, ...]:
    """The claims with one of `statuses`, stating `measure`, and due for review by `due_by`.

    A filter left as None keeps every claim. A claim is due by a date when its `review_by`
    falls on or before it (an expired review included); a claim with no `review_by` never is.
    """
    return tuple(
        claim
        for claim in library
        if (statuses is None or claim.status in statuses)
        and (measure is None or claim.measure == measure)
        and (due_by is None or (claim.review_by is not None and claim.review_by <= due_by))
    )


# ---------------------------------------------------------------------------------------------
# Finding the files


#: What `why_not_a_file` says of a folder.
_FOLDER = "is a folder, not a file"


def _is_inside(path: Path, root: Path) -> bool:
    return real_path(path).is_relative_to(real_path(root))


def _claims_files_found(base: Path, patterns: Sequence[str], root: Path) -> list[Path]:
    """The files below `base` that the globs match (`search`: links to folders, hidden, tool
    and cache folders not entered): every *.toml below the claims folder, or what the `claims`
    glob names.

    A folder that cannot be listed, or a matched name that is a symlink loop or a broken
    symlink, is a LibraryError: skipping it would silently drop claims.
    """
    problems: list[Problem] = []

    def unlistable(folder: Path, error: OSError) -> None:
        shown = shown_path(folder, root)
        problems.append(Problem(Location(shown), f"cannot read the claims folder '{shown}': {error.strerror or error}"))

    found: list[Path] = []
    for relative in search(base, patterns, unlistable=unlistable):
        path = base / relative
        why = why_not_a_file(path)
        if why is None:
            found.append(path)
        elif path.is_symlink():
            problems.append(Problem(Location(shown_path(path, root)), f"claims file {why}"))
    if problems:
        raise LibraryError("unreadable claims", problems)
    return found


def _outside_problem(shown: str, root: Path) -> Problem:
    return Problem(
        Location(shown),
        f"claims path '{shown}' resolves outside the project root {root.as_posix()}; {ALLOW_HINT}",
    )


def find_claim_files(
    claims_setting: str | Path, root: Path, *, required: bool = False, allow_outside_root: bool = False
) -> list[Path]:
    """The claims files a `claims` setting names, sorted by path.

    The setting is a directory (every *.toml below it), a glob relative to `root`, or one file.
    A path that resolves outside `root` (`../x.toml`, a symlink out) is a LibraryError unless
    `allow_outside_root`. A setting that names nothing gives [] unless `required` (the user set
    it explicitly).
    """
    inside = _is_inside if not allow_outside_root else (lambda path, root: True)
    setting = str(claims_setting)
    kind, why = _setting_target(setting, root)
    if kind == "glob":
        if Path(setting).is_absolute():
            raise LibraryError(
                "bad claims setting",
                [Problem(Location(setting), "a claims glob must be relative to the project root")],
            )
        found = _claims_files_found(root, [setting], root)
    else:
        target = root / setting
        if not inside(target, root):
            raise LibraryError("claims outside the root", [_outside_problem(setting, root)])
        if why == "does not exist":
            found = []
        elif kind == "folder":
            found = _claims_files_found(target, ["**/*.toml"], root)
        elif why is None:
            found = [target]
        else:
            problem = Problem(Location(setting), f"claims path '{setting}' {why}")
            raise LibraryError(f"cannot read {setting}", [problem])
    outside = [p for p in found if not inside(p, root)]
    if outside:
        problems = [_outside_problem(shown_path(p, root), root) for p in sorted(outside)]
        raise LibraryError("claims outside the root", problems)
    if not found and required:
        raise LibraryError(
            "no claims files",
            [Problem(Location(setting), f"no claims file matches '{setting}'")],
        )
    return sorted(found, key=lambda p: shown_path(p, root))


def claims_setting_kind(claims_setting: str | Path, root: Path) -> str:
    """How `find_claim_files` reads a `claims` setting: "glob", "folder" (every *.toml below it)
    or "file". A setting that names nothing yet is a folder unless it ends in .toml."""
    return _setting_target(str(claims_setting), root)[0]


def _setting_target(setting: str, root: Path) -> tuple[str, str | None]:
    """The kind of a `claims` setting (see `claims_setting_kind`) and, for a path, why what it
    names is not a file (`why_not_a_file`; None for a file or a glob): the one decision that
    finding, editing and messages share."""
    if is_glob(setting):
        return "glob", None
    target = root / setting
    why = why_not_a_file(target)
    nothing_yet = why == "does not exist" and target.suffix != ".toml"
    return ("folder" if why == _FOLDER or nothing_yet else "file"), why


def takes_claims_file(claims_setting: str | Path, root: Path, path: Path) -> bool:
    """Whether `find_claim_files` would take `path` (which need not exist yet) for the setting:
    a file the glob matches, a *.toml file below the claims folder, or the one file named."""
    setting = str(claims_setting)
    path = Path(os.path.abspath(path))
    kind = claims_setting_kind(setting, root)
    if kind == "glob":
        relative = shown_path(path, root)
        return not Path(relative).is_absolute() and glob_match(relative, setting)
    target = Path(os.path.abspath(root / setting))
    if kind == "folder":
        return path.suffix == ".toml" and (path.is_relative_to(target)
                                           or real_path(path).is_relative_to(real_path(target)))
    return path == target or real_path(path) == real_path(target)


# ---------------------------------------------------------------------------------------------
# Loading


def load_library(paths: Sequence[Path], root: Path, *, allow_outside_root: bool = False) -> Library:
    """Read claims files into one Library; any problem in any file raises one LibraryError.

    Locations are relative to `root` in posix form. Ids must be unique across all files, and
    so must measure keys. A file outside `root` (symlinks resolved) is a problem unless
    `allow_outside_root`.
    """
    claims: list[Claim] = []
    measures: list[Measure] = []
    problems: list[Problem] = []
    declared: list[_Declared] = []
    files: list[str] = []
    limits: list[tuple[str, int]] = []
    for path in paths:
        shown = shown_path(path, root)
        files.append(shown)
        if not allow_outside_root and not _is_inside(path if path.is_absolute() else root / path, root):
            problems.append(_outside_problem(shown, root))
            continue
        parsed = _load_file(path, root, shown)
        claims.extend(parsed.claims)
        measures.extend(parsed.measures)
        problems.extend(parsed.problems)
        declared.extend(parsed.declared)
        if parsed.max_source_age is not None:
            limits.append((shown, parsed.max_source_age))
    problems.extend(_duplicates(declared, same_file=False))
    order = {shown: i for i, shown in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.location.path, len(order)), p.location.line))
    if problems:
        raise LibraryError(f"the claims library has {len(problems)} problem(s)", problems)
    return Library(tuple(claims), tuple(measures), tuple(files), tuple(limits))


@attrs.frozen
class _Declared:
    """A claim id or measure key as declared, kept even when its table has other problems."""

    what: str
    name: str
    location: Location


@attrs.frozen
class ParsedFile:
    """What one claims file holds: the valid claims and measures, and every problem."""

    claims: tuple[Claim, ...] = ()
    measures: tuple[Measure, ...] = ()
    problems: tuple[Problem, ...] = ()
    declared: tuple[_Declared, ...] = ()
    #: Where each key and table of the text is (None when the text is not valid TOML).
    positions: TomlPositions | None = attrs.field(default=None, eq=False, repr=False)
    #: the file's top-level `max_source_age` (years), if it sets one
    max_source_age: int | None = None


def _load_file(path: Path, root: Path, shown: str) -> ParsedFile:
    absolute = path if path.is_absolute() else root / path
    try:
        data = absolute.read_bytes()
    except OSError as exc:
        return ParsedFile(problems=(Problem(Location(shown), f"cannot read: {exc.strerror}"),))
    text, problems = decode_text(data, shown, "a TOML claims file")
    if text is None:
        return ParsedFile(problems=tuple(problems))
    return parse_claims_text(text, shown)


def parse_claims_text(text: str, shown: str) -> ParsedFile:
    """Parse and validate one claims file's text; `shown` is the path used in locations.

    Duplicate ids within the text are reported here; across files, by `load_library`.
    """
    document, problems = read_toml(text, shown)
    if document is None:
        return ParsedFile(problems=tuple(problems))
    positions = TomlPositions(text)
    reader = _FileReader(shown, positions)
    claims, measures = reader.read(document)
    problems = reader.problems + _duplicates(reader.declared, same_file=True)
    problems.sort(key=lambda p: (p.location.line, p.location.column))
    return ParsedFile(
        tuple(claims), tuple(measures), tuple(problems), tuple(reader.declared), positions,
        reader.max_source_age,
    )


def _duplicates(declared: Sequence[_Declared], *, same_file: bool) -> list[Problem]:
    """A Problem at each repeat of a claim id (or measure key), naming both places.

    `same_file` picks repeats within one file (parse time) or across files (library time),
    so that each repeat is reported once.
    """
    first: dict[tuple[str, str], Location] = {}
    problems = []
    for item in declared:
        earlier = first.get((item.what, item.name))
        if earlier is None:
            first[(item.what, item.name)] = item.location
        elif (earlier.path == item.location.path) == same_file:
            message = f"duplicate {item.what} '{item.name}' (first defined at {earlier})"
            problems.append(Problem(item.location, message))
    return problems


class _FileReader:
    """Validates one parsed claims document, collecting a Problem per bad key or value."""

    def __init__(self, shown: str, positions: TomlPositions) -> None:
        self.shown = shown
        self.positions = positions
        self.problems: list[Problem] = []
        self.declared: list[_Declared] = []
        self.max_source_age: int | None = None

    # -- helpers ------------------------------------------------------------------------------

    def _location(self, path: KeyPath, *, at_value: bool = False) -> Location:
        line, column = self.positions.value(path) if at_value else self.positions.key(path)
        return Location(self.shown, line, column)

    def _problem(self, path: KeyPath, message: str, *, at_value: bool = True) -> None:
        self.problems.append(Problem(self._location(path, at_value=at_value), message))

    def _unknown_keys(
        self, table: Mapping[str, Any], path: KeyPath, where: str, allowed: Sequence[str]
    ) -> None:
        for key in table:
            if key not in allowed:
                self._problem(
                    path + (key,), unknown_key_message(key, where, allowed), at_value=False
                )

    def _missing(self, table: Mapping[str, Any], path: KeyPath, key: str, where: str) -> bool:
        if key in table:
            return False
        self._problem(path, f"{where} is missing required key '{key}'", at_value=False)
        return True

    def _string(
        self, table: Mapping[str, Any], path: KeyPath, key: str, *, required: bool = False
    ) -> str | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, str):
            self._problem(path + (key,), f"'{key}' must be a string, not {describe_type(value)}")
            return None
        if required and not value.strip():
            self._problem(path + (key,), f"'{key}' must not be empty")
            return None
        return value

    def _date(self, table: Mapping[str, Any], path: KeyPath, key: str) -> dt.date | None:
        if key not in table:
            return None
        value = table[key]
        date = parse_date(value)
        if date is None:
            shown = repr(value) if isinstance(value, str) else describe_type(value)
            self._problem(
                path + (key,),
                f"'{key}' must be a date such as 2026-11-01 (or \"2026-11-01\"), not {shown}",
            )
        return date

    def _number(self, table: Mapping[str, Any], path: KeyPath, key: str) -> float | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._problem(path + (key,), f"'{key}' must be a number, not {describe_type(value)}")
            return None
        if not math.isfinite(value):  # TOML allows nan and inf; no figure can be checked against them
            self._problem(path + (key,), f"'{key}' must be a finite number, not {value}")
            return None
        return value

    def _years(self, table: Mapping[str, Any], path: KeyPath, key: str) -> int | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_SOURCE_AGE:
            self._problem(path + (key,), f"'{key}' must be a whole number of years from 1 to "
                                         f"{MAX_SOURCE_AGE}, not {value!r}")
            return None
        return value

    # -- document -----------------------------------------------------------------------------

    def read(self, document: Mapping[str, Any]) -> tuple[list[Claim], list[Measure]]:
        self._unknown_keys(document, (), "the top level", TOP_KEYS)
        self._schema(document)
        self.max_source_age = self._years(document, (), "max_source_age")
        measures = self._measures(document.get("measure"))
        claims = self._claims(document.get("claim"))
        return claims, measures

    def _schema(self, document: Mapping[str, Any]) -> None:
        if "schema" not in document:
            self.problems.append(
                Problem(
                    Location(self.shown, 1, 1),
                    f"missing 'schema = {SCHEMA_VERSION}' at the top of the claims file",
                )
            )
            return
        schema = document.get("schema")
        if isinstance(schema, bool) or schema != SCHEMA_VERSION:
            self._problem(
                ("schema",),
                f"unknown schema version {schema!r}; "
                f"this claimstrack reads schema = {SCHEMA_VERSION}",
            )

    def _measures(self, value: object) -> list[Measure]:
        if value is None:
            return []
        if not isinstance(value, dict):
            self._problem(
                ("measure",),
                f"'measure' must be tables [measure.<key>], not {describe_type(value)}",
            )
            return []
        measures = []
        for key, table in value.items():
            measure = self._measure(key, table)
            if measure is not None:
                measures.append(measure)
        return measures

    def _measure(self, key: str, table: object) -> Measure | None:
        path: KeyPath = ("measure", key)
        if not ID_PATTERN.fullmatch(key):
            self._problem(
                path, f"measure key '{key}' must match [a-z0-9][a-z0-9._-]*", at_value=False
            )
        if not isinstance(table, dict):
            self._problem(path, f"[measure.{key}] must be a table, not {describe_type(table)}")
            return None
        self.declared.append(_Declared("measure", key, self._location(path)))
        before = len(self.problems)
        self._unknown_keys(table, path, f"[measure.{key}]", MEASURE_KEYS)
        kind = self._string(table, path, "kind")
        if kind is not None and kind not in KINDS:
            self._problem(
                path + ("kind",),
                f"unknown kind '{kind}'{suggest(kind, KINDS)}; allowed: {', '.join(KINDS)}",
            )
        value, low, high = (self._number(table, path, k) for k in ("value", "low", "high"))
        tolerance = self._number(table, path, "tolerance")
        if tolerance is not None and not 0 <= tolerance <= 1:
            self._problem(
                path + ("tolerance",),
                f"'tolerance' is relative and must be between 0 and 1, not {tolerance}",
            )
        self._check_interval(path, value, low, high)
        source = self._string(table, path, "source")
        max_source_age = self._years(table, path, "max_source_age")
        if len(self.problems) > before:
            return None
        return Measure(
            key=key,
            description=self._string(table, path, "description"),
            kind=kind,
            unit=self._string(table, path, "unit"),
            value=None if value is None else float(value),
            low=None if low is None else float(low),
            high=None if high is None else float(high),
            tolerance=None if tolerance is None else float(tolerance),
            location=self._location(path),
            source=source,
            max_source_age=max_source_age,
        )

    def _check_interval(
        self, path: KeyPath, value: float | None, low: float | None, high: float | None
    ) -> None:
        if low is not None and high is not None and low > high:
            self._problem(path + ("low",), f"'low' ({low}) is greater than 'high' ({high})")
        if value is not None and low is not None and value < low:
            self._problem(path + ("value",), f"'value' ({value}) is below 'low' ({low})")
        if value is not None and high is not None and value > high:
            self._problem(path + ("value",), f"'value' ({value}) is above 'high' ({high})")

    def _claims(self, value: object) -> list[Claim]:
        if value is None:
            return []
        if not isinstance(value, list):
            self._problem(
                ("claim",),
                f"'claim' must be an array of tables [[claim]], not {describe_type(value)}",
            )
            return []
        claims = []
        for index, table in enumerate(value):
            claim = self._claim(index, table)
            if claim is not None:
                claims.append(claim)
        return claims

    def _claim(self, index: int, table: object) -> Claim | None:
        path: KeyPath = ("claim", index)
        if not isinstance(table, dict):
            self._problem(path, f"each [[claim]] must be a table, not {describe_type(table)}")
            return None
        before = len(self.problems)
        self._unknown_keys(table, path, "[[claim]]", CLAIM_KEYS)
        for key in ("id", "text", "status"):
            self._missing(table, path, key, "[[claim]]")
        claim_id = self._string(table, path, "id", required=True)
        if claim_id is not None:
            self.declared.append(_Declared("claim id", claim_id, self._location(path + ("id",))))
        if claim_id is not None and not ID_PATTERN.fullmatch(claim_id):
            self._problem(
                path + ("id",),
                f"claim id '{claim_id}' must match [a-z0-9][a-z0-9._-]* "
                "(lower case, digits, '.', '_', '-')",
            )
        text = self._string(table, path, "text", required=True)
        variants = self._variants(table, path)
        status = self._status(table, path)
        approved_by = self._string(table, path, "approved_by", required=True)
        if status == "approved" and "approved_by" not in table:
            self._problem(
                path + ("status",), "an approved claim needs 'approved_by' (who approved it)"
            )
        approved_on = self._date(table, path, "approved_on")
        review_by = self._date(table, path, "review_by")
        if approved_on and review_by and approved_on > review_by:
            self._problem(
                path + ("review_by",),
                f"'review_by' ({review_by}) is before 'approved_on' ({approved_on})",
            )
        measure = self._string(table, path, "measure", required=True)
        notes = self._string(table, path, "notes")
        evidence = self._evidence(table.get("evidence"), path)
        history = self._history(table.get("history"), path)
        if len(self.problems) > before or claim_id is None or text is None or status is None:
            return None
        return Claim(
            id=claim_id,
            text=text,
            variants=variants,
            measure=measure,
            status=status,
            approved_by=approved_by,
            approved_on=approved_on,
            review_by=review_by,
            evidence=evidence,
            notes=notes,
            location=self._location(path),
            history=history,
        )

    def _variants(self, table: Mapping[str, Any], path: KeyPath) -> tuple[str, ...]:
        value = table.get("variants", [])
        if not isinstance(value, list):
            self._problem(
                path + ("variants",),
                f"'variants' must be an array of strings, not {describe_type(value)}",
            )
            return ()
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self._problem(
                    path + ("variants", i),
                    f"'variants' must hold strings only, not {describe_type(item)}",
                )
        return tuple(v for v in value if isinstance(v, str))

    def _status(
        self, table: Mapping[str, Any], path: KeyPath, key: str = "status"
    ) -> str | None:
        status = self._string(table, path, key)
        if status is not None and status not in STATUSES:
            self._problem(
                path + (key,),
                f"unknown status '{status}'{suggest(status, STATUSES)}; "
                f"allowed: {', '.join(STATUSES)}",
            )
            return None
        return status

    def _evidence(self, value: object, claim_path: KeyPath) -> tuple[Evidence, ...]:
        if value is None:
            return ()
        path = claim_path + ("evidence",)
        if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
            self._problem(
                path, f"'evidence' must be [[claim.evidence]] tables, not {describe_type(value)}"
            )
            return ()
        items = (self._one_evidence(table, path + (i,)) for i, table in enumerate(value))
        return tuple(e for e in items if e is not None)

    def _one_evidence(self, table: Mapping[str, Any], path: KeyPath) -> Evidence | None:
        before = len(self.problems)
        self._unknown_keys(table, path, "[[claim.evidence]]", EVIDENCE_KEYS)
        self._missing(table, path, "cite", "[[claim.evidence]]")
        cite = self._string(table, path, "cite", required=True)
        locator = self._string(table, path, "locator", required=True)
        quote = self._string(table, path, "quote", required=True)
        n = table.get("n")
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
            self._problem(path + ("n",), f"'n' (sample size) must be a positive integer, not {n!r}")
        if len(self.problems) > before or cite is None:
            return None
        return Evidence(cite=cite, locator=locator, quote=quote, n=n, location=self._location(path))

    def _history(self, value: object, claim_path: KeyPath) -> tuple[StatusChange, ...]:
        if value is None:
            return ()
        path = claim_path + ("history",)
        if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
            self._problem(
                path, f"'history' must be [[claim.history]] tables, not {describe_type(value)}"
            )
            return ()
        items = (self._status_change(table, path + (i,)) for i, table in enumerate(value))
        return tuple(c for c in items if c is not None)

    def _status_change(self, table: Mapping[str, Any], path: KeyPath) -> StatusChange | None:
        before = len(self.problems)
        self._unknown_keys(table, path, "[[claim.history]]", HISTORY_KEYS)
        for key in ("date", "by", "to"):
            self._missing(table, path, key, "[[claim.history]]")
        date = self._date(table, path, "date")
        by = self._string(table, path, "by", required=True)
        to_status = self._status(table, path, "to")
        from_status = self._status(table, path, "from")
        reason = self._string(table, path, "reason", required=True)
        if len(self.problems) > before or date is None or by is None or to_status is None:
            return None
        return StatusChange(
            date=date,
            by=by,
            to_status=to_status,
            from_status=from_status,
            reason=reason,
            location=self._location(path),
        )
