"""A baseline: the findings an existing corpus already had, so a CI gate can start today.

The file records fingerprints of content, not line numbers: each entry is a rule code, a path,
the SHA-256 of the finding's normalised `fingerprint_text` (its figure and sentence) and a
count, so two identical findings need two matches and editing text elsewhere in a page does
not revive a baselined finding. Entries that no longer match anything are reported as CT904
stale-baseline-entry, so the baseline only ever shrinks.

    {
      "schema": 1,
      "tool": "claimstrack",
      "entries": [
        {"code": "CT101", "path": "content/a.md", "fingerprint": "<64 hex>", "count": 1,
         "figure": "over 92%", "message": "..."}
      ]
    }

`figure` and `message` are there for people reviewing the baseline; matching ignores them,
except for baselines of schema 1.

Schema 2 (this version) fingerprints a finding in a sentence longer than 300 characters by the
words around it rather than the whole sentence, and plain-text pages end a sentence at a short
line or a new list item. Schema 1 files (written before) are still read: an entry whose
fingerprint no longer matches then absorbs a finding of the same rule, file, figure and
message, so an old baseline keeps silencing what it silenced. `--write-baseline` rewrites it
as schema 2.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs

from claimstrack.atomic import write_atomic
from claimstrack.errors import ConfigError, Problem
from claimstrack.fingerprints import content_fingerprint
from claimstrack.json_text import json_array_pieces
from claimstrack.locking import locked
from claimstrack.model import Finding, Location
from claimstrack.paths import why_not_a_file
from claimstrack.positions import LineIndex

SCHEMA = 2
#: Baseline schemas this version reads (see the module notes for what schema 1 means).
READABLE_SCHEMAS = (1, 2)
#: The reason recorded on a finding the baseline silenced (`Suppressed.reason`).
BASELINE_REASON = "in the baseline"
STALE_CODE = "CT904"
STALE_NAME = "stale-baseline-entry"

_TOP_KEYS = {"schema", "tool", "entries"}
_ENTRY_KEYS = {"code", "path", "fingerprint", "count", "figure", "message"}
_HEX = frozenset("0123456789abcdef")

Key = tuple[str, str, str]


@attrs.frozen
class BaselineEntry:
    """Findings of one rule in one file with one content fingerprint, `count` of them."""

    code: str
    path: str
    fingerprint: str
    count: int = 1
    figure: str | None = None
    message: str | None = None
    location: Location | None = attrs.field(default=None, eq=False)

    @property
    def key(self) -> Key:
        return (self.code, self.path, self.fingerprint)

    def __str__(self) -> str:
        figure = f" ({self.figure})" if self.figure else ""
        times = "" if self.count == 1 else f" x{self.count}"
        return f"{self.code} in {self.path}{figure}{times}"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "path": self.path,
            "fingerprint": self.fingerprint,
            "count": self.count,
            "figure": self.figure,
            "message": self.message,
        }


@attrs.frozen
class Baseline:
    """A loaded baseline file; `path` is how findings about the file name it."""

    path: str
    entries: tuple[BaselineEntry, ...] = ()
    schema: int = SCHEMA

    def counts(self) -> Counter[Key]:
        """How many findings each key may absorb (duplicate entries add up)."""
        budget: Counter[Key] = Counter()
        for entry in self.entries:
            budget[entry.key] += entry.count
        return budget


class Silenced(Protocol):
    """A finding set aside, and why (the engine's `Suppressed`)."""

    @property
    def finding(self) -> Finding: ...

    @property
    def reason(self) -> str: ...


class CheckedReport(Protocol):
    """What the baseline and the renderers read of the engine's Report: the findings kept, and
    those set aside."""

    @property
    def findings(self) -> Sequence[Finding]: ...

    @property
    def suppressed(self) -> Sequence[Silenced]: ...


# ---------------------------------------------------------------------------------------------
# Building and writing


def finding_key(finding: Finding) -> Key:
    """The content key a finding is baselined under (no line numbers)."""
    return (finding.code, finding.path, content_fingerprint(finding))


def baseline_from_findings(findings: Iterable[Finding], path: str = "") -> Baseline:
    """A baseline absorbing exactly these findings (CT904 itself is never baselined)."""
    counts: Counter[Key] = Counter()
    first: dict[Key, Finding] = {}
    for finding in sorted(findings, key=lambda f: f.sort_key):
        if finding.code == STALE_CODE:
            continue
        key = finding_key(finding)
        counts[key] += 1
        first.setdefault(key, finding)
    entries = tuple(
        BaselineEntry(code, file, digest, counts[(code, file, digest)],
                      first[(code, file, digest)].figure, first[(code, file, digest)].message)
        for code, file, digest in sorted(counts, key=lambda k: (k[1], k[0], k[2]))
    )
    return Baseline(path, entries)


def dumps_baseline(baseline: Baseline) -> str:
    """The baseline as JSON text: sorted entries, one stable layout."""
    return "".join(stream_baseline(baseline))


def stream_baseline(baseline: Baseline) -> Iterator[str]:
    """`dumps_baseline` in pieces, an entry at a time, so that a large baseline's text is never
    held whole: the same bytes as the whole document indented by `json.dumps`."""
    head = json.dumps({"schema": SCHEMA, "tool": "claimstrack", "entries": []}, indent=2, ensure_ascii=False)
    if not baseline.entries:
        yield head + "\n"
        return
    assert head.endswith("[]\n}"), "the entries must be the last member"
    yield head[: -len("[]\n}")]
    yield from json_array_pieces((entry.to_json() for entry in baseline.entries), depth=1, tail="\n}\n")


def build_baseline(report: CheckedReport, path: str | os.PathLike[str]) -> Baseline:
    """A baseline of every finding in `report`, including those it already baselined.

    Re-running with an existing baseline therefore keeps what still matches and drops what
    is stale.
    """
    baselined = [s.finding for s in report.suppressed if s.reason == BASELINE_REASON]
    return baseline_from_findings([*report.findings, *baselined], str(path))


def write_baseline(report: CheckedReport, path: str | os.PathLike[str]) -> Baseline:
    """Write `build_baseline(report)` to `path` with `write_atomic` (atomic for a regular file,
    written through for a device or FIFO, to its target for a symlink), under the lock claims
    edits take (see `claimstrack.locking`); LockTimeout when another writer holds it too long."""
    baseline = build_baseline(report, path)
    with locked(Path(path)):
        write_atomic(Path(path), stream_baseline(baseline))
    return baseline


# ---------------------------------------------------------------------------------------------
# Loading


def load_baseline(path: str | os.PathLike[str], display_path: str | None = None) -> Baseline:
    """Read a baseline file; every problem is a ConfigError naming file, line and column."""
    shown = display_path or str(path)
    why = why_not_a_file(Path(path))
    if why == "does not exist":
        raise _error(shown, 1, 1, "baseline file not found (create it with --write-baseline)")
    if why is not None:
        raise _error(shown, 1, 1, f"cannot read the baseline file: it {why}")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _error(shown, 1, 1, "baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise _error(shown, 1, 1, f"cannot read the baseline file: {error}") from None
    return parse_baseline(text, shown)


def parse_baseline(text: str, path: str) -> Baseline:
    """Parse and validate baseline JSON text read from `path`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _error(path, error.lineno, error.colno, f"invalid JSON: {error.msg}") from None
    except RecursionError:
        raise _error(path, 1, 1, "invalid baseline: nested too deeply") from None
    problems = _check_top(data, path)
    if problems:
        raise ConfigError(f"invalid baseline file {path}", problems)
    index = LineIndex(text)
    starts = _entry_offsets(text)
    entries: list[BaselineEntry] = []
    for number, raw in enumerate(data["entries"]):
        offset = starts[number] if number < len(starts) else 0
        line, column = index.position(offset)
        location = Location(path, line, column)
        entry, entry_problems = _entry(raw, number, location)
        problems.extend(entry_problems)
        if entry is not None:
            entries.append(entry)
    if problems:
        raise ConfigError(f"invalid baseline file {path}", problems)
    return Baseline(path, tuple(entries), data["schema"])


def _check_top(data: Any, path: str) -> list[Problem]:
    here = Location(path, 1, 1)
    if not isinstance(data, dict):
        return [Problem(here, "a baseline must be a JSON object with 'schema' and 'entries'")]
    problems = [Problem(here, f"unknown key {key!r} (expected one of: entries, schema, tool)")
                for key in sorted(set(data) - _TOP_KEYS)]
    schema = data.get("schema")
    if isinstance(schema, bool) or schema not in READABLE_SCHEMAS:
        problems.append(Problem(here, f"'schema' must be {SCHEMA} (or {READABLE_SCHEMAS[0]} from an older "
                                      f"claimstrack), found {schema!r}"))
    if not isinstance(data.get("entries"), list):
        problems.append(Problem(here, "'entries' must be a list"))
    return problems


def _entry(raw: Any, number: int, location: Location) -> tuple[BaselineEntry | None, list[Problem]]:
    where = f"entries[{number}]"
    if not isinstance(raw, dict):
        return None, [Problem(location, f"{where} must be an object")]
    problems = [Problem(location, f"{where}: unknown key {key!r}") for key in sorted(set(raw) - _ENTRY_KEYS)]
    for key in ("code", "path"):
        if not isinstance(raw.get(key), str) or not raw.get(key):
            problems.append(Problem(location, f"{where}: {key!r} must be a non-empty string"))
    digest = raw.get("fingerprint")
    if not (isinstance(digest, str) and len(digest) == 64 and set(digest) <= _HEX):
        problems.append(Problem(location, f"{where}: 'fingerprint' must be 64 lowercase hex digits"))
    count = raw.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        problems.append(Problem(location, f"{where}: 'count' must be a positive integer"))
    for key in ("figure", "message"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            problems.append(Problem(location, f"{where}: {key!r} must be a string or null"))
    if problems:
        return None, problems
    entry = BaselineEntry(raw["code"], raw["path"], str(digest), count, raw.get("figure"), raw.get("message"), location)
    return entry, []


def _entry_offsets(text: str) -> list[int]:
    """Offsets of the objects directly inside the top-level object's array, in order.

    The top level only allows scalar `schema`/`tool` besides `entries`, so those objects are
    the entries. One linear pass that skips string contents (and their escapes).
    """
    offsets: list[int] = []
    stack: list[str] = []
    in_string = escaped = False
    for offset, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            if char == "{" and stack == ["{", "["]:
                offsets.append(offset)
            stack.append(char)
        elif char in "}]" and stack:
            stack.pop()
    return offsets


def _error(path: str, line: int, column: int, message: str) -> ConfigError:
    return ConfigError(f"{path}:{line}:{column}: {message}", [Problem(Location(path, line, column), message)])


# ---------------------------------------------------------------------------------------------
# Applying


def apply_baseline(
    findings: Sequence[Finding], baseline: Baseline
) -> tuple[list[Finding], list[Finding], list[BaselineEntry]]:
    """Split findings into (kept, baselined) and list the entries left unmatched (stale).

    A stale entry's `count` is how many of its findings are gone.
    """
    budget = baseline.counts()
    kept: list[Finding] = []
    baselined: list[Finding] = []
    for finding in sorted(findings, key=lambda f: f.sort_key):
        key = finding_key(finding)
        if finding.code != STALE_CODE and budget[key] > 0:
            budget[key] -= 1
            baselined.append(finding)
        else:
            kept.append(finding)
    if baseline.schema == 1 and kept:
        kept, legacy = _apply_legacy(kept, baseline, budget)
        baselined = sorted([*baselined, *legacy], key=lambda f: f.sort_key)
    stale = _stale_entries(baseline, budget)
    return kept, baselined, stale


def _apply_legacy(findings: list[Finding], baseline: Baseline,
                  budget: Counter[Key]) -> tuple[list[Finding], list[Finding]]:
    """Schema 1: what exact fingerprints left, matched by rule, file, figure and message.

    Charges the same budget as exact matching, so each entry still absorbs `count` findings.
    """
    by_content: dict[tuple[str, str, str | None, str | None], list[Key]] = {}
    for entry in baseline.entries:
        if entry.figure is not None or entry.message is not None:
            by_content.setdefault((entry.code, entry.path, entry.figure, entry.message), []).append(entry.key)
    kept: list[Finding] = []
    baselined: list[Finding] = []
    for finding in findings:
        keys = by_content.get((finding.code, finding.path, finding.figure, finding.message), [])
        key = next((k for k in keys if budget[k] > 0), None)
        if key is None or finding.code == STALE_CODE:
            kept.append(finding)
        else:
            budget[key] -= 1
            baselined.append(finding)
    return kept, baselined


def _stale_entries(baseline: Baseline, budget: Counter[Key]) -> list[BaselineEntry]:
    stale: list[BaselineEntry] = []
    for entry in baseline.entries:
        left = min(budget[entry.key], entry.count)
        if left > 0:
            budget[entry.key] -= left  # duplicate entries of one key are charged in file order
            stale.append(attrs.evolve(entry, count=left))
    return stale
