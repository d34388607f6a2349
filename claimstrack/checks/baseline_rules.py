"""CT904 stale-baseline-entry: the baseline records a finding that is gone.

An entry is stale only once the baseline has been applied to every other finding, so the check
runs at that stage (`Stage.AFTER_BASELINE`) and reads the stale entries from the context.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from claimstrack.baseline import SCHEMA, STALE_CODE, STALE_NAME
from claimstrack.checks.context import CheckContext, location_span
from claimstrack.checks.examples import TODAY, project
from claimstrack.checks.registry import Category, Rule, Stage
from claimstrack.model import Finding, Location, Severity

_BASELINE_FILE = "claimstrack-baseline.json"
_CONFIG = f'{TODAY}baseline = "{_BASELINE_FILE}"\n'

_STALE_ENTRY = {
    "code": "CT101",
    "path": "content/page.md",
    "fingerprint": "395ae65f637a1d156138972778e585f87428cc3cc252dbc66aebd256b55310ba",
    "count": 1,
    "figure": "over 90%",
    "message": "a figure the page no longer states",
}


def _baseline(*entries: dict[str, object]) -> str:
    return json.dumps({"schema": SCHEMA, "tool": "claimstrack", "entries": list(entries)}, indent=2) + "\n"


def stale_baseline_entries(ctx: CheckContext) -> Iterator[Finding]:
    """CT904 for each baseline entry that absorbed fewer findings than it records."""
    if ctx.stale_baseline is None:
        return
    baseline, stale = ctx.stale_baseline
    for entry in stale:
        location = entry.location or Location(baseline.path, 1, 1)
        what = f" ({entry.figure})" if entry.figure else ""
        times = "a finding" if entry.count == 1 else f"{entry.count} findings"
        yield ctx.finding(STALE_CODE, baseline.path, location_span(location),
                          f"baseline entry for {entry.code} in {entry.path}{what} no longer matches "
                          f"{times}; rewrite the baseline with --write-baseline to drop it",
                          fingerprint=f"{entry.code}|{entry.path}|{entry.fingerprint}")


STALE_BASELINE_ENTRY = Rule(
    code=STALE_CODE,
    name=STALE_NAME,
    severity=Severity.INFO,
    summary="A baseline entry that matches no finding any more.",
    description=(
        "A baseline lets a team adopt the check on an existing corpus: the findings it records "
        "are set aside, keyed by rule, file and content (the figure and its sentence), not by "
        "line number. When the copy is fixed, its entry matches nothing; reporting it keeps the "
        "baseline shrinking instead of silently covering a finding that might come back."
    ),
    fix="Rewrite the baseline with `claimstrack check --write-baseline FILE`; entries that still "
        "match are kept and stale ones dropped.",
    fires=project(
        "Migraine is a common neurological condition.\n",
        config=_CONFIG,
        bib=None,
        files={_BASELINE_FILE: _baseline(_STALE_ENTRY)},
        note="The page was fixed, but the baseline still records its old figure.",
    ),
    passes=project(
        "Migraine is a common neurological condition.\n",
        config=_CONFIG,
        bib=None,
        files={_BASELINE_FILE: _baseline()},
        note="Once rewritten, the baseline records only findings that still exist (here, none).",
    ),
    category=Category.META,
    check=stale_baseline_entries,
    stage=Stage.AFTER_BASELINE,
)


RULES = (
    STALE_BASELINE_ENTRY,
)
