"""`claimstrack measures`: the inferred groups as a table (the JSON form is `InferredMeasure.to_json`)."""

from __future__ import annotations

from collections.abc import Sequence

from claimstrack.measures import InferredMeasure, describe_spread
from claimstrack.render._common import json_document, plural


def render_measures_table(measures: Sequence[InferredMeasure]) -> str:
    """One row per group, its figures below it, then a count and what to do next."""
    lines = []
    for measure in measures:
        lines.append(f"{measure.id}  confidence {measure.confidence:.2f}"
                     f"{'' if measure.reported else '  (below the CT210 threshold: not reported)'}")
        lines.append(f"  {measure.description}")
        lines.append(f"  {len(measure.figures)} figures on {len(measure.pages)} pages, spread {describe_spread(measure)}")
        for figure in measure.figures:
            lines.append(f"    {figure.path}:{figure.line}:{figure.column}  \u201c{figure.text}\u201d  ({figure.confidence:.2f})")
        lines.append("")
    lines.append(plural(len(measures), "inferred group"))
    if measures:
        lines.append("accept one as a declared measure: claimstrack measures accept GROUP --as KEY")
        lines.append("never propose one again:          claimstrack measures reject GROUP [--reason TEXT]")
    return "\n".join(lines) + "\n"


def render_measures_json(measures: Sequence[InferredMeasure]) -> str:
    """`measures --format json`: an array of the inferred groups' `to_json()` objects."""
    return json_document([measure.to_json() for measure in measures])
