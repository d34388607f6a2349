"""Cross-document consistency: figure intervals, inferred measures, and the GRIM test.

`intervals` reads a figure as the interval its wording allows, compares two readings, and
decides whether an evidence figure supports a claim's (containment, for CT105/CT106);
`populations` reads what a figure is about from the words around it; `inferred` groups figures
that very probably measure one thing and finds the ones that disagree; `grim` tests whether a
percentage can come from a whole number out of a sample. The checks in
`claimstrack.checks.consistency_rules` turn their results into CT2xx findings.
"""

from __future__ import annotations

from claimstrack.consistency.grim import grim_possible, possible_shares
from claimstrack.consistency.inferred import (
    Disagreement,
    Reading,
    find_disagreements,
    group_readings,
)
from claimstrack.consistency.intervals import (
    AGREE,
    CONFLICT,
    DIFFER,
    OVERSTATED,
    SUPPORTED,
    UNDERSTATED,
    Comparison,
    Interval,
    Tolerance,
    compare_figures,
    figure_interval,
    flatters_upward,
    support_verdict,
)
from claimstrack.consistency.populations import Facets, describe

__all__ = [
    "AGREE",
    "CONFLICT",
    "DIFFER",
    "OVERSTATED",
    "SUPPORTED",
    "UNDERSTATED",
    "Comparison",
    "Disagreement",
    "Facets",
    "Interval",
    "Reading",
    "Tolerance",
    "compare_figures",
    "describe",
    "figure_interval",
    "find_disagreements",
    "flatters_upward",
    "grim_possible",
    "group_readings",
    "possible_shares",
    "support_verdict",
]
