"""Cross-document consistency: figure intervals, inferred measures, and the GRIM test.

`intervals` reads a figure as the interval its wording allows, compares two readings, and
decides whether an evidence figure supports a claim's (containment, for CT105/CT106);
`frames` reads what a figure measures from the words around it (`populations` holds
the generic place, sex, age and time-frame tables); `inferred` groups figures
that very probably measure one thing and finds the ones that disagree; `grim` tests whether a
percentage can come from a whole number out of a sample. The checks in
`claimstrack.checks.consistency_rules` turn their results into CT2xx findings.
"""

from __future__ import annotations

from claimstrack.consistency.frames import Frame, read_frame, read_frames
from claimstrack.consistency.grim import grim_possible, possible_shares
from claimstrack.consistency.inferred import (
    Disagreement,
    Group,
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

__all__ = [
    "AGREE",
    "CONFLICT",
    "DIFFER",
    "OVERSTATED",
    "SUPPORTED",
    "UNDERSTATED",
    "Comparison",
    "Disagreement",
    "Group",
    "Frame",
    "Interval",
    "Reading",
    "Tolerance",
    "compare_figures",
    "figure_interval",
    "find_disagreements",
    "flatters_upward",
    "grim_possible",
    "group_readings",
    "read_frame",
    "read_frames",
    "possible_shares",
    "support_verdict",
]
