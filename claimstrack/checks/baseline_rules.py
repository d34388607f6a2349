"""CT904 stale-baseline-entry: the baseline records a finding that is gone.

The finding is produced by the engine when it applies the baseline (claimstrack.baseline),
after every check has run; this module gives the rule its code, documentation and examples.
"""

from __future__ import annotations

import json

from claimstrack.baseline import STALE_CODE, STALE_NAME
from claimstrack.checks.examples import TODAY, project
from claimstrack.checks.registry import Rule, register
from claimstrack.model import Severity

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
    return json.dumps({"schema": 1, "tool": "claimstrack", "entries": list(entries)}, indent=2) + "\n"


register(Rule(
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
))
