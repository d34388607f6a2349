"""Settings: `claimstrack.toml` or `[tool.claimstrack]` in pyproject.toml, found by walking up.

`load_config` reads and validates them into a `Config`, collecting every problem with its
position; `setting_location` and `describe_setting` say where the file sets one, for messages.
Reading the TOML itself (decoding, positions, suggestions) is `claimstrack.toml_input`'s.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from claimstrack.consistency.inferred import MIN_CONFIDENCE
from claimstrack.consistency.intervals import Tolerance
from claimstrack.documents.read import document_globs
from claimstrack.errors import ConfigError, Problem, UsageError
from claimstrack.globs import matches_any
from claimstrack.model import Location, Severity
from claimstrack.paths import shown_path
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

CONFIG_FILE = "claimstrack.toml"
PYPROJECT = "pyproject.toml"

#: Every readable format below content/ (the list of formats is the readers').
DEFAULT_DOCUMENTS = document_globs("content")

# ---------------------------------------------------------------------------------------------
# The Config


_CODE = re.compile(r"CT[0-9]{0,3}")


def _code_specificity(selector: str, code: str) -> int:
    """Length of `selector` when it selects `code` ("ALL" counts as 0), else -1."""
    if selector == "ALL":
        return 0
    return len(selector) if code.startswith(selector) else -1


@attrs.frozen
class Config:
    """The settings of one project; every path setting is relative to `root`."""

    root: Path
    path: Path | None = None
    documents: tuple[str, ...] = DEFAULT_DOCUMENTS
    exclude: tuple[str, ...] = ()
    claims: str = "claims"
    bibliography: str = "references.bib"
    sources: str = "sources"
    #: a local copy of the Retraction Watch CSV (docs/configuration.md), or None
    retractions: str | None = None
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity = Severity.ERROR
    today: dt.date | None = None
    baseline: str | None = None
    tolerance: Tolerance = Tolerance()
    review_warning_days: int = 30
    #: the oldest evidence (years) a claim may rest on alone (CT111); None: no limit
    max_source_age: int | None = None
    #: phrases CT401 flags besides its own list ("guaranteed returns" for finance copy)
    risky_phrases: tuple[str, ...] = ()
    #: the per-page cache folder (`claimstrack check` keeps it; relative to `root`)
    cache_dir: str = ".claimstrack_cache"
    #: the settings the file states (kebab-case), so callers can tell a default from a choice
    explicit: frozenset[str] = frozenset()
    #: read files outside the project root too (symlinks resolved); never set by the file, only
    #: by the caller (--allow-outside-root, `check(allow_outside_root=True)`)
    allow_outside_root: bool = False
    #: the confidence an inferred group's figures need for CT210 to compare them (and for
    #: `claimstrack measures` to list the group as reported); never set by the file, only by a
    #: caller trying other thresholds (benchmarks/consistency_thresholds.py)
    inferred_min_confidence: float = MIN_CONFIDENCE

    def resolve(self, path_setting: str | Path) -> Path:
        """A path setting made absolute against the root (absolute settings stay as they are)."""
        return self.root / Path(path_setting)

    def is_explicit(self, setting: str) -> bool:
        """True when the config file sets `setting` (kebab-case name) rather than defaulting."""
        return setting in self.explicit

    def today_for(self, given: dt.date | None = None) -> dt.date:
        """The date review-by dates are compared with: `given`, else the `today` setting, else
        the real date."""
        return given or self.today or dt.date.today()

    def review_due_by(self, today: dt.date) -> dt.date:
        """The last review-by date a claim may have to be due for review on `today`: the day
        itself plus `review-warning-days` (CT304, `claims list --due`); the calendar's last day
        when that is past it (`today = 9999-12-31`)."""
        return review_due_by(today, self.review_warning_days)

    def is_selected(self, code: str, path: str | None = None) -> bool:
        """Whether rule `code` runs, for `path` (root-relative posix) when given.

        Ruff semantics: among `select` + `extend-select` and `ignore`, the most specific
        selector matching the code wins ("CT101" beats "CT1" beats "ALL"); on a tie, ignore
        wins. Then `per-file-ignores` drop the code for paths matching their glob.
        """
        chosen = max(
            (_code_specificity(s, code) for s in (*self.select, *self.extend_select)), default=-1
        )
        ignored = max((_code_specificity(s, code) for s in self.ignore), default=-1)
        if chosen < 0 or ignored >= chosen:
            return False
        if path is None:
            return True
        for pattern, codes in self.per_file_ignores:
            if matches_any(path, (pattern,)) and any(_code_specificity(c, code) >= 0 for c in codes):
                return False
        return True

    def with_selection(
        self,
        *,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        known_codes: Collection[str] | None = None,
    ) -> Config:
        """These settings with a caller's rule selection on top (the command line's `--select`,
        `--extend-select`, `--ignore`): `select` replaces the configured set, the other two add
        to theirs. A code or prefix not among `known_codes` (when given) is a UsageError."""
        chosen = {"select": select or (), "extend-select": extend_select, "ignore": ignore}
        for option, codes in chosen.items():
            for code in codes:
                if known_codes is not None and code not in known_codes:
                    hint = suggest(code, sorted(known_codes))
                    raise UsageError(f"unknown rule code or prefix {code!r} in {option}{hint}; `claimstrack rules` lists them")
        return attrs.evolve(
            self,
            select=self.select if select is None else tuple(select),
            extend_select=(*self.extend_select, *extend_select),
            ignore=(*self.ignore, *ignore),
        )

    def severity_for(self, code: str, default: Severity) -> Severity:
        """The configured severity of `code` (most specific code or prefix wins), else `default`."""
        best, best_length = default, -1
        for selector, severity in self.severity:
            length = _code_specificity(selector, code)
            if length > best_length:
                best, best_length = severity, length
        return best


def setting_location(config: Config, key: str) -> Location | None:
    """Where the configuration file sets `key` (kebab-case), for messages about a path it
    names; None when the setting is a default."""
    if config.path is None or not config.is_explicit(key):
        return None
    label = shown_path(config.path, config.root)
    try:
        text = config.path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return Location(label)
    prefix: KeyPath = ("tool", "claimstrack") if config.path.name == PYPROJECT else ()
    line, column = TomlPositions(text).value(prefix + (key,))
    return Location(label, line, column)


def review_due_by(today: dt.date, warning_days: int) -> dt.date:
    """`today` plus `warning_days`, or the calendar's last day when that is past it: the last
    review-by date that is due for review on `today` (`Config.review_due_by`)."""
    window = dt.timedelta(days=warning_days)
    return today + window if today <= dt.date.max - window else dt.date.max


def describe_setting(config: Config, key: str) -> str:
    """"'documents' (claimstrack.toml:2:13)" or "the default 'documents'", for messages."""
    location = setting_location(config, key)
    return f"'{key}' ({location})" if location is not None else f"the default '{key}'"


# ---------------------------------------------------------------------------------------------
# Finding and loading


def _has_tool_table(pyproject: Path, label: str) -> bool:
    """True when pyproject.toml has a [tool.claimstrack] table; a broken one is a ConfigError."""
    try:
        data = pyproject.read_bytes()
    except OSError as exc:
        message = f"cannot read file: {exc.strerror or exc}"
        raise ConfigError(f"cannot read {label}", [Problem(Location(label), message)]) from None
    if b"claimstrack" not in data:
        return False
    document, _ = _parse_config_bytes(data, label)
    tool = document.get("tool")
    return isinstance(tool, dict) and "claimstrack" in tool


def find_config(start: Path) -> Path | None:
    """The nearest claimstrack.toml, or pyproject.toml with [tool.claimstrack], at or above `start`.

    Like ruff: the first directory (walking up to the filesystem root) holding either wins,
    and within one directory claimstrack.toml wins over pyproject.toml.
    """
    start = start.resolve()
    if not start.is_dir():
        start = start.parent
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT
        # Shown as the rest of the messages show paths: relative (to where the search began).
        label = Path(os.path.relpath(pyproject, start)).as_posix()
        if pyproject.is_file() and _has_tool_table(pyproject, label):
            return pyproject
    return None


def _parse_config_bytes(data: bytes, label: str) -> tuple[dict[str, Any], str]:
    """The TOML document in `data` and its decoded text; a ConfigError when it is neither."""
    text, problems = decode_text(data, label, "TOML")
    document = None
    if text is not None:
        document, problems = read_toml(text, label)
    if document is None or text is None:
        raise ConfigError(f"cannot read {label}", problems)
    return document, text


def load_config(
    path: Path | None,
    *,
    root: Path | None = None,
    known_codes: Collection[str] | None = None,
) -> Config:
    """Read and validate settings; `path=None` gives the defaults.

    The root is `root` when given, else the config file's directory, else the working
    directory. `known_codes`, when given, is the rule registry that rule codes and prefixes
    in `select`, `ignore`, ... are checked against. Every problem found is collected into
    one ConfigError.
    """
    if path is None:
        return Config(root=(root or Path.cwd()).resolve())
    root = (root or path.parent).resolve()
    label = shown_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"cannot read {label}", [Problem(Location(label), f"cannot read file: {exc.strerror}")]
        ) from None
    document, text = _parse_config_bytes(data, label)
    prefix: KeyPath = ()
    if path.name == PYPROJECT:
        prefix = ("tool", "claimstrack")
        settings = document.get("tool", {}).get("claimstrack", {})
        if not isinstance(settings, dict):
            settings = {}
    else:
        settings = document
    reader = _SettingsReader(label, TomlPositions(text), prefix, known_codes)
    config = reader.read(settings, root, path)
    if reader.problems:
        raise ConfigError(f"invalid configuration in {label}", reader.problems)
    return config


_SETTINGS = (
    "documents",
    "exclude",
    "claims",
    "bibliography",
    "sources",
    "retractions",
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "fail-on",
    "today",
    "baseline",
    "tolerance",
    "review-warning-days",
    "risky-phrases",
    "max-source-age",
    "cache-dir",
)
_TOLERANCES = ("approximate", "hedge", "differ")
#: The longest review warning (a century): dates further out overflow the calendar.
MAX_DAYS = 36500


def _outside_glob(pattern: str) -> str | None:
    """Why a documents glob cannot be searched below the root ('/etc/x', '../x'), or None."""
    if PurePosixPath(pattern).is_absolute() or Path(pattern).is_absolute():
        return "is absolute"
    if ".." in PurePosixPath(pattern.replace("\\", "/")).parts:
        return "leaves it with '..'"
    return None


class _SettingsReader:
    """Validates one settings table, collecting a Problem per bad key or value."""

    def __init__(
        self,
        label: str,
        positions: TomlPositions,
        prefix: KeyPath,
        known_codes: Collection[str] | None,
    ) -> None:
        self.label = label
        self.positions = positions
        self.prefix = prefix
        self.known_codes = None if known_codes is None else frozenset(known_codes)
        self.problems: list[Problem] = []

    def _problem(self, path: KeyPath, message: str, *, at_value: bool = True) -> None:
        full = self.prefix + path
        line, column = self.positions.value(full) if at_value else self.positions.key(full)
        self.problems.append(Problem(Location(self.label, line, column), message))

    def read(self, settings: Mapping[str, Any], root: Path, path: Path) -> Config:
        where = "[tool.claimstrack]" if self.prefix else PurePosixPath(self.label).name
        for key in settings:
            if key not in _SETTINGS:
                self._problem((key,), unknown_key_message(key, where, _SETTINGS), at_value=False)
        values: dict[str, Any] = {}
        readers = {
            "documents": self._globs,
            "exclude": self._globs,
            "claims": self._string,
            "bibliography": self._string,
            "sources": self._string,
            "retractions": self._string,
            "baseline": self._string,
            "select": self._codes,
            "extend-select": self._codes,
            "ignore": self._codes,
            "per-file-ignores": self._per_file_ignores,
            "severity": self._severities,
            "fail-on": self._fail_on,
            "today": self._today,
            "tolerance": self._tolerance,
            "review-warning-days": self._days,
            "risky-phrases": self._phrases,
            "max-source-age": self._years,
            "cache-dir": self._string,
        }
        for key, reader in readers.items():
            if key in settings:
                result = reader(key, settings[key])
                if result is not None:
                    values[key.replace("-", "_")] = result
        explicit = frozenset(k for k in settings if k in _SETTINGS)
        return Config(root=root, path=path, explicit=explicit, **values)

    # -- one reader per kind of value ---------------------------------------------------------

    def _string(self, key: str, value: object) -> str | None:
        """A path setting (every string setting names a file or folder)."""
        if not isinstance(value, str):
            self._problem((key,), f"'{key}' must be a string naming a path, not {describe_type(value)}")
            return None
        if not value.strip():
            empty = "empty" if not value else "blank"
            self._problem((key,), f"'{key}' is {empty}; it must name a path (relative to the project root)")
            return None
        return value

    def _string_list(self, path: KeyPath, value: object) -> tuple[str, ...] | None:
        name = "'" + "' / '".join(str(p) for p in path) + "'"
        if not isinstance(value, list):
            self._problem(path, f"{name} must be an array of strings, not {describe_type(value)}")
            return None
        good = True
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self._problem(
                    path + (i,), f"{name} items must be strings, not {describe_type(item)}"
                )
                good = False
        return tuple(value) if good else None

    def _phrases(self, key: str, value: object) -> tuple[str, ...] | None:
        phrases = self._string_list((key,), value)
        if phrases is None:
            return None
        blank = [i for i, phrase in enumerate(phrases) if not phrase.strip()]
        for i in blank:
            self._problem((key, i), f"'{key}' items must not be empty")
        return None if blank else phrases

    def _globs(self, key: str, value: object) -> tuple[str, ...] | None:
        globs = self._string_list((key,), value)
        if globs is None:
            return None
        good = True
        for i, pattern in enumerate(globs):
            why = _outside_glob(pattern)
            if why is not None:
                self._problem((key, i), f"'{key}' patterns are relative to the project root: {pattern!r} {why}")
                good = False
        return globs if good else None

    def _codes(self, key: str, value: object) -> tuple[str, ...] | None:
        codes = self._string_list((key,), value)
        if codes is None:
            return None
        good = all(self._check_code((key, i), code) for i, code in enumerate(codes))
        return codes if good else None

    def _check_code(self, path: KeyPath, code: str) -> bool:
        if code == "ALL":
            return True
        if not _CODE.fullmatch(code):
            self._problem(
                path,
                f"'{code}' is not a rule code or prefix (expected 'ALL', 'CT', 'CT1', 'CT101')",
            )
            return False
        if self.known_codes is not None and not any(k.startswith(code) for k in self.known_codes):
            hint = suggest(code, sorted(self.known_codes))
            self._problem(path, f"unknown rule code or prefix '{code}'{hint}")
            return False
        return True

    def _table(self, key: str, value: object) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self._problem((key,), f"'{key}' must be a table, not {describe_type(value)}")
            return None
        return value

    def _per_file_ignores(
        self, key: str, value: object
    ) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
        table = self._table(key, value)
        if table is None:
            return None
        result = []
        for pattern, codes in table.items():
            listed = self._string_list((key, pattern), codes)
            if listed is not None and all(
                self._check_code((key, pattern, i), c) for i, c in enumerate(listed)
            ):
                result.append((pattern, listed))
        return tuple(result)

    def _severities(self, key: str, value: object) -> tuple[tuple[str, Severity], ...] | None:
        table = self._table(key, value)
        if table is None:
            return None
        names = [s.value for s in Severity]
        result = []
        for code, level in table.items():
            if not self._check_code((key, code), code):
                continue
            if level not in names:
                self._problem(
                    (key, code),
                    f"severity of '{code}' must be one of {', '.join(names)}, not {level!r}",
                )
                continue
            result.append((code, Severity(level)))
        return tuple(result)

    def _fail_on(self, key: str, value: object) -> Severity | None:
        if value not in ("error", "warning"):
            self._problem((key,), f"'fail-on' must be 'error' or 'warning', not {value!r}")
            return None
        return Severity(value)

    def _today(self, key: str, value: object) -> dt.date | None:
        date = parse_date(value)
        if date is None:
            self._problem(
                (key,), f"'today' must be a date (2026-11-01 or \"2026-11-01\"), not {value!r}"
            )
        return date

    def _ratio(self, path: KeyPath, value: object) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
            name = ".".join(str(p) for p in path)
            self._problem(
                path, f"'{name}' must be a number from 0 up to (not including) 1, not {value!r}"
            )
            return None
        return float(value)

    def _tolerance(self, key: str, value: object) -> Tolerance | None:
        table = self._table(key, value)
        if table is None:
            return None
        values: dict[str, float] = {}
        for name, item in table.items():
            if name not in _TOLERANCES:
                message = unknown_key_message(name, "'tolerance'", _TOLERANCES)
                self._problem((key, name), message, at_value=False)
                continue
            ratio = self._ratio((key, name), item)
            if ratio is not None:
                values[name] = ratio
        return Tolerance(**values)

    def _years(self, key: str, value: object) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 200:
            self._problem((key,), f"'{key}' must be a whole number of years from 1 to 200, not {value!r}")
            return None
        return value

    def _days(self, key: str, value: object) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS:
            self._problem(
                (key,), f"'{key}' must be a whole number of days from 0 to {MAX_DAYS}, not {value!r}"
            )
            return None
        return value
