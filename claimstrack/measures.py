"""The reviewer's step for inferred measures: list the groups, accept one as a declared measure,
or reject it (`claimstrack measures`; docs/consistency.md, "Confirming inferred measures").

- `inferred_measures()` runs the pipeline and lists every inferred group (figures, pages, spread,
  confidence), most confident first; rejected groups are left out.
- `accept_measure(group, key)` writes a `[measure.<key>]` table and one draft claim per wording
  (the sentences its figures stand in) to the claims library, so that from the next run those
  figures are uses of a declared measure: CT201/CT202 compare them, CT203 checks them against a
  canonical value once the reviewer adds one.
- `reject_measure(group)` records the group in `rejected-groups.toml` so it is never proposed
  (nor reported by CT210) again.

A group's id is a hash of its frame, so it names the same grouping on every run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from claimstrack.config import Config
from claimstrack.consistency.inferred import Group
from claimstrack.consistency.intervals import stated_bounds
from claimstrack.engine import Report, check, load_project_config
from claimstrack.errors import UsageError
from claimstrack.library import ID_PATTERN
from claimstrack.model import Claim, Measure
from claimstrack.rejections import add_rejection, rejected_path


@attrs.frozen
class GroupFigure:
    """One figure of an inferred group: where it is, what it says, how sure its membership is."""

    path: str
    line: int
    column: int
    text: str
    sentence: str
    low: float | None
    high: float | None
    confidence: float

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen
class InferredMeasure:
    """An inferred group as the reviewer sees it."""

    id: str
    description: str
    kind: str
    unit: str | None
    confidence: float
    reported: bool  # at or above CT210's threshold, with at least two figures
    figures: tuple[GroupFigure, ...]

    @property
    def pages(self) -> tuple[str, ...]:
        return tuple(sorted({f.path for f in self.figures}))

    @property
    def spread(self) -> tuple[float, float] | None:
        """The lowest and highest value the figures state (None when none states a value)."""
        values = [v for f in self.figures for v in (f.low, f.high) if v is not None]
        return (min(values), max(values)) if values else None

    def to_json(self) -> dict[str, Any]:
        spread = self.spread
        return {
            "id": self.id,
            "description": self.description,
            "kind": self.kind,
            "unit": self.unit,
            "confidence": self.confidence,
            "reported": self.reported,
            "pages": list(self.pages),
            "spread": None if spread is None else {"low": spread[0], "high": spread[1]},
            "figures": [f.to_json() for f in self.figures],
        }


@attrs.frozen
class Accepted:
    """What `accept_measure` wrote."""

    path: Path
    measure: Measure
    claims: tuple[Claim, ...]


def inferred_measures(
    *, root: str | os.PathLike[str] | None = None, config: Config | None = None
) -> list[InferredMeasure]:
    """Every inferred group of the project's documents, most confident first (rejected ones out)."""
    config = config or load_project_config(root=root)
    return [_view(group, config.inferred_min_confidence) for group in _groups(Path(config.root), config)[1]]


def accept_measure(
    group_id: str,
    key: str,
    *,
    root: str | os.PathLike[str] | None = None,
    config: Config | None = None,
    file: str | os.PathLike[str] | None = None,
    force: bool = False,
) -> Accepted:
    """Write `[measure.<key>]` and a draft claim per wording of the group to the claims library.

    `file` is the claims file to append to (default: the library's only file, else
    `measures.toml` in the claims folder). A UsageError names an unknown group or a key that is
    malformed or already declared.
    """
    config = config or load_project_config(root=root)
    project = Path(config.root)
    if not ID_PATTERN.fullmatch(key):
        raise UsageError(f"measure key {key!r} must match [a-z0-9][a-z0-9._-]*")
    report, groups = _groups(project, config)
    declared = report.library.measure(key)
    if declared is not None:
        raise UsageError(f"measure {key!r} is already declared ({declared.location})")
    group = _find(group_id, groups)
    frame = group.frame
    measure = Measure(key=key, description=frame.describe(), kind=frame.kind,
                      unit=group.readings[0].figure.unit if frame.kind in ("count", "money") else None)
    taken = {claim.id for claim in report.library.claims}
    claims: list[Claim] = []
    for sentence in _wordings(group):
        number = len(claims) + 1
        while f"{key}-{number}" in taken:
            number += 1
        claim_id = f"{key}-{number}"
        taken.add(claim_id)
        claims.append(Claim(id=claim_id, text=sentence, measure=key, status="draft",
                            notes=f"accepted from inferred group {group.id}"))
    from claimstrack.library_edit import add_measure, claims_file_to_write  # an edit's own (not a check's)

    path = claims_file_to_write(config, report.library, file, default_name="measures.toml")
    path.parent.mkdir(parents=True, exist_ok=True)
    add_measure(path, measure, claims, force=force, root=project)
    return Accepted(path, measure, tuple(claims))


def reject_measure(
    group_id: str,
    *,
    root: str | os.PathLike[str] | None = None,
    config: Config | None = None,
    reason: str | None = None,
    by: str | None = None,
    on: dt.date | None = None,
) -> Path:
    """Record a group as rejected so it is not proposed again; returns the file written."""
    config = config or load_project_config(root=root)
    project = Path(config.root)
    group = _find(group_id, _groups(project, config)[1])
    from claimstrack.library_edit import current_user  # an edit's own (not a check's)

    add_rejection(project, group.id, description=group.frame.describe(), by=by or current_user(),
                  on=on or dt.date.today(), reason=reason, allow_outside_root=config.allow_outside_root)
    return rejected_path(project)


# ---------------------------------------------------------------------------------------------


def _groups(project: Path, config: Config) -> tuple[Report, list[Group]]:
    """A check run of the project and its inferred groups, from the readings its page stage
    already made (rejected groups left out, most confident first)."""
    report = check(root=project, config=config)
    return report, report.inferred.groups()


def _find(group_id: str, groups: Sequence[Group]) -> Group:
    for group in groups:
        if group.id == group_id:
            return group
    known = ", ".join(g.id for g in groups[:5]) or "none"
    raise UsageError(f"no inferred group {group_id!r} (run `claimstrack measures` to list them; first: {known})")


def _view(group: Group, threshold: float) -> InferredMeasure:
    figures = []
    for reading in sorted(group.readings, key=lambda r: (r.path, r.line, r.column)):
        bounds = stated_bounds(reading.figure)
        occurrence = reading.ref
        sentence = " ".join(str(getattr(occurrence, "sentence", "")).split())
        figures.append(GroupFigure(
            path=reading.path, line=reading.line, column=reading.column, text=reading.figure.text,
            sentence=sentence, low=bounds[0] if bounds else None, high=bounds[1] if bounds else None,
            confidence=group.confidence_of(reading),
        ))
    frame = group.frame
    unit = group.readings[0].figure.unit
    return InferredMeasure(
        id=group.id, description=frame.describe(), kind=frame.kind, unit=unit, confidence=group.confidence,
        reported=len(group.sure(threshold)) > 1, figures=tuple(figures),
    )


def _wordings(group: Group) -> list[str]:
    """The distinct sentences the group's figures stand in, in page order."""
    seen: dict[str, None] = {}
    for reading in sorted(group.readings, key=lambda r: (r.path, r.line, r.column)):
        sentence = " ".join(str(getattr(reading.ref, "sentence", "")).split())
        if sentence:
            seen.setdefault(sentence, None)
    return list(seen)


def describe_spread(measure: InferredMeasure) -> str:
    """'39M-49M (1.26x)': the values a group's figures state."""
    from claimstrack.quantities import format_value

    spread = measure.spread
    if spread is None:
        return "-"
    low, high = (format_value(v, measure.kind, measure.unit) for v in spread)
    ratio = f" ({spread[1] / spread[0]:.2f}x)" if spread[0] > 0 else ""
    return f"{low}-{high}{ratio}" if low != high else low
