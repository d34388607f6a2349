"""CT2xx consistency: one quantity, one figure, across every document; and possible percentages.

The interval arithmetic, the facet reading and the grouping live in `claimstrack.consistency`;
this module turns their results into findings.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, cast

from claimstrack.checks.context import CheckContext, MeasureUses, Occurrence, PageFigures, Site, location_span
from claimstrack.checks.examples import project
from claimstrack.checks.registry import Category, DividedCheck, Rule
from claimstrack.checks.reuse import reused, reused_groups
from claimstrack.consistency.counts import mismatches
from claimstrack.consistency.frames import Frame, read_frames
from claimstrack.consistency.grim import (
    explain_impossible,
    grim_possible,
    possible_shares,
    sample_size_after,
    sample_size_in,
    text_after_percent,
)
from claimstrack.consistency.inferred import (
    Disagreement,
    Group,
    Reading,
    find_disagreements,
    same_page,
    within_their_words,
)
from claimstrack.consistency.intervals import (
    CONFLICT,
    Interval,
    Tolerance,
    figure_interval,
    stated_bounds,
)
from claimstrack.consistency.measures import canonical_interval
from claimstrack.consistency.populations import base_of, figure_window
from claimstrack.memo import BoundedMemo
from claimstrack.model import Claim, Figure, Finding, Measure, Related, Severity, figure_fields
from claimstrack.quantities import format_value

# ---------------------------------------------------------------------------------------------
# Rules

_MEASURE = """schema = 1

[[claim]]
id = "us-prevalence-a"
text = "{a}"
measure = "us-migraine-prevalence"
status = "draft"

[[claim]]
id = "us-prevalence-b"
text = "{b}"
measure = "us-migraine-prevalence"
status = "draft"
"""
_CANONICAL = """schema = 1

[measure.us-migraine-prevalence]
description = "People in the United States who have migraine"
kind = "count"
value = 39000000
tolerance = 0.05

[[claim]]
id = "us-prevalence"
text = "{a}"
measure = "us-migraine-prevalence"
status = "draft"
"""


def _measure_project(a: str, b: str, *, library: str = _MEASURE) -> dict[str, str]:
    return {"content/a.md": f"{a}.\n", "content/b.md": f"{b}.\n", "claims/claims.toml": library.format(a=a, b=b)}


def _canonical_project(page: str) -> dict[str, str]:
    return {"content/a.md": f"{page}.\n", "claims/claims.toml": _CANONICAL.format(a=page)}


def _pages(*pages: str) -> dict[str, str]:
    return {f"content/page{i + 1}.md": page for i, page in enumerate(pages)}


# ---------------------------------------------------------------------------------------------
# Shared helpers


def sentence_position(occ: Occurrence) -> int | None:
    """Where the figure starts in its sentence, from the document's sentence index."""
    try:
        start, _ = occ.document.sentence_at(occ.figure.span.start)
    except (AttributeError, TypeError, ValueError):
        return None
    return occ.figure.span.start - start


def _about(figure: Figure, interval: Interval) -> str:
    return _about_interval(interval, figure.kind, figure.unit)


@functools.lru_cache(maxsize=4096)
def _about_interval(interval: Interval, kind: str, unit: str | None) -> str:
    # Memoised: a site's figures repeat a few values, and every finding lists up to
    # MAX_RELATED other sides; formatting each afresh was most of the site-wide checks' time.
    return f"about {interval.format(kind, unit)}"


def _side(reading: Reading, interval: Interval) -> str:
    return f'"{reading.figure.text}" at {reading.where} ({_about(reading.figure, interval)})'


def _disagreement_message(d: Disagreement, tolerance: Tolerance, tail: str) -> str:
    figure = d.reading.figure
    first, comparison = d.others[0]
    own = comparison.first
    verb = "conflicts with" if comparison.verdict == CONFLICT else "differs from"
    message = f'"{figure.text}" ({_about(figure, own)}) {verb} {_side(first, comparison.second)}'
    if comparison.verdict != CONFLICT:
        message += f": the stated values are {comparison.distance:.1%} apart, more than {tolerance.differ:.0%}"
    if d.total > 1:
        message += f", and disagrees with {d.total - 1} other figure{'s' if d.total > 2 else ''}"
    return f"{message} {tail}"


#: The related places already made from one find_disagreements result, by (id of the reading,
#: id of the comparison): the outliers of one value list the same sides, so each is made once.
#: Valid only while that result (which keeps both objects alive) is.
_Sides = dict[tuple[int, int], Related]


def _related(d: Disagreement, made: _Sides) -> list[Related]:
    related = []
    for other, comparison in d.others:
        side = made.get((id(other), id(comparison)))
        if side is None:
            verb = "conflicts" if comparison.verdict == CONFLICT else "differs"
            message = f'"{other.figure.text}" ({_about(other.figure, comparison.second)}) {verb}'
            side = made[id(other), id(comparison)] = other.ref.related(message)
        related.append(side)
    return related


def _reading(occ: Occurrence, frame: Frame | None = None) -> Reading:
    # positional, as Site.of makes the Site: one Reading per figure of the page
    span = occ.source_span
    path = occ.path
    return Reading(occ.figure, path, span.line, span.column, (path, occ.sentence), frame, Site.of(occ))


# ---------------------------------------------------------------------------------------------
# CT201 / CT202 / CT203: declared measures


def headline_figure(
    claim: Claim, measure: Measure | None, figures_of: Callable[[str], Sequence[Figure]]
) -> set[Figure]:
    """The figure of each wording that states the claim's measure: the first of the measure's
    kind (the first figure when the measure gives no kind)."""
    headlines = set()
    for text in claim.wordings:
        figures = figures_of(text)
        # The first figure of the measure's kind; failing that the first figure, so that a
        # wording whose kind contradicts its measure is still checked (and reported by CT203).
        kinds = [f for f in figures if measure is None or measure.kind is None or f.kind == measure.kind]
        if kinds or figures:
            headlines.add((kinds or figures)[0])
    return headlines


def measure_uses(context: CheckContext) -> list[tuple[str, Reading]]:
    """A page's figures that state a claim's measure (the headline figure of its wording), as
    (measure key, reading): the page's share of CT201-CT203, grouped site-wide. Runs on one
    page (a page context), in the worker processes."""
    uses: list[tuple[str, Reading]] = []
    headlines = context.headlines  # the run's: a claim's headline figures depend on the library alone
    for occ in context.occurrences:
        key = occ.measure
        if key is None or occ.claim is None or stated_bounds(occ.figure) is None:
            continue
        claim_id = occ.claim.id
        if claim_id not in headlines:
            headlines[claim_id] = headline_figure(occ.claim, context.library.measure(key), context.figures_of)
        if occ.claim_figure in headlines[claim_id]:
            uses.append((key, _reading(occ)))
    return uses


def declared_uses(context: CheckContext) -> dict[str, list[MeasureUses]]:
    """The uses of the pages that use each declared measure, by measure key (pages in order)."""
    uses: dict[str, list[MeasureUses]] = {}
    for page in context.pages:
        for key in page.uses.measures():
            uses.setdefault(key, []).append(page.uses)
    return uses


def _declared_measures(context: CheckContext) -> list[tuple[str, list[MeasureUses]]]:
    """The parts of CT201-CT203: each declared measure a page uses, with those pages' uses."""
    return list(declared_uses(context).items())


def _declared_measure(context: CheckContext, part: object) -> Iterator[Finding]:
    """CT201/CT202: uses of one measure that disagree; CT203: uses off the canonical value.

    A measure's findings depend on its uses alone (and on the settings and the library, which
    the cache is keyed by): a measure no changed page uses keeps its findings from the last run
    (`checks.reuse`)."""
    key, pages = cast("tuple[str, list[MeasureUses]]", part)  # one of _declared_measures' parts
    yield from reused(context.findings_store, f"declared measure {key}",
                      functools.partial(_uses_digests, key, pages),
                      functools.partial(_measure_findings, context, key, pages))


#: CT201-CT203, measure by measure: on a large site the process beside this one (CT210's)
#: compares a share of the measures.
check_declared_measures = DividedCheck(_declared_measures, _declared_measure)


def _uses_digests(key: str, pages: Sequence[MeasureUses]) -> list[bytes | None]:
    """The pages' uses of measure `key`, named by the digests kept with their bytes."""
    return [uses.digest(key) for uses in pages]


def _measure_findings(context: CheckContext, key: str, pages: Sequence[MeasureUses]) -> Iterator[Finding]:
    """CT201-CT203 on the uses of measure `key` (the pages' in order)."""
    readings = [reading for uses in pages for reading in uses.readings(key)]
    base = context.config.tolerance
    measure = context.library.measure(key)
    tolerance = base.for_measure(measure.tolerance if measure else None)
    tail = f"for measure {key}"
    sides: _Sides = {}
    for d in find_disagreements(readings, tolerance):
        code = "CT201" if d.verdict == CONFLICT else "CT202"
        yield context.occurrence_finding(code, d.reading.ref, _disagreement_message(d, tolerance, tail),
                                         related=_related(d, sides), measure=key)
    if measure is not None:
        yield from _off_canonical(context, measure, readings, base)


def off_canonical_reason(figure: Figure, measure: Measure, tolerance: Tolerance) -> str | None:
    """Why a figure is off its measure's canonical value, or None when it is on it."""
    if measure.kind is not None and figure.kind != measure.kind:
        return f"it is a {figure.kind} figure but measure {measure.key} is a {measure.kind}"
    canonical = canonical_interval(measure, tolerance)
    stated = stated_bounds(figure)
    if canonical is None or stated is None:
        return None
    interval = figure_interval(figure, tolerance.for_measure(measure.tolerance))
    shown = canonical.format(figure.kind, figure.unit)
    if interval.disjoint(canonical):
        return f"({_about(figure, interval)}) is outside {shown}, the canonical value of measure {measure.key}"
    one_sided = figure.hedge in ("up to", "less than", "over", "at least")
    if not one_sided and not (canonical.contains(stated[0]) and canonical.contains(stated[1])):
        values = "-".join(format_value(v, figure.kind, figure.unit) for v in sorted(set(stated)))
        return f"states {values}, outside {shown}, the canonical value of measure {measure.key}"
    return None


def _off_canonical(context: CheckContext, measure: Measure, readings: Sequence[Reading],
                   tolerance: Tolerance) -> Iterator[Finding]:
    for reading in readings:
        reason = off_canonical_reason(reading.figure, measure, tolerance)
        if reason is not None:
            yield context.occurrence_finding("CT203", reading.ref, f'"{reading.figure.text}" {reason}',
                                             measure=measure.key)


# ---------------------------------------------------------------------------------------------
# CT210: inferred measures


def inferred_readings(occurrences: Iterable[Occurrence]) -> list[Reading]:
    """Readings with measure frames for every figure that no declared measure covers. The page
    stage reads each page's in the worker processes (`PageResult.readings`).

    Frames are read per document (`read_frames`), from the document's own text only.
    """
    by_document: dict[int, list[Occurrence]] = {}
    for occ in occurrences:
        if occ.measure is None and stated_bounds(occ.figure) is not None:
            by_document.setdefault(id(occ.document), []).append(occ)
    readings: list[Reading] = []
    for found in by_document.values():
        document = found[0].document
        frames = read_frames(document.text, document.sentences, [occ.figure for occ in found])
        readings.extend(_reading(occ, frame) for occ, frame in zip(found, frames))
    return readings


def check_inferred_measures(context: CheckContext) -> Iterator[Finding]:
    """CT210: figures that very probably measure one thing and disagree.

    The groups are made across every page (and the rejected groups left out); a group's
    findings depend on its members alone, so a group none of whose pages changed keeps its
    findings from the last run, and an edit that changes no figure's wording keeps the grouping
    (`checks.reuse.reused_groups`)."""
    yield from reused_groups(context.findings_store, context.inferred, functools.partial(_group_findings, context))


def _group_findings(context: CheckContext, group: Group) -> Iterator[Finding]:
    """CT210 within one inferred group."""
    tolerance = context.config.tolerance
    tail = f"(probably the same measure, {group.id}: {group.frame.describe()})"
    for run in group.comparable(context.config.inferred_min_confidence):
        sides: _Sides = {}
        for found in find_disagreements(run, tolerance, same_page):
            d = within_their_words(found)
            if d is None:
                continue
            yield context.occurrence_finding("CT210", d.reading.ref, _disagreement_message(d, tolerance, tail),
                                             related=_related(d, sides), measure=group.id)


# ---------------------------------------------------------------------------------------------
# CT220: GRIM


#: CT220's verdicts on stated percents in prose, by the tolerance, then by the sentence, the
#: figure's place in it and its fields: all a verdict depends on (`check_grim`).
_GRIM_VERDICTS: dict[Tolerance, BoundedMemo[tuple[object, ...], str | None]] = {}


def check_grim(context: CheckContext) -> Iterator[Finding]:
    """CT220: percentages impossible for their sample size, in a page's prose."""
    tolerance = context.config.tolerance
    # A site says one sentence many times (a table's rows, a list's items, boilerplate on page
    # after page): a figure's verdict is worked out once per run (in each worker) for its
    # sentence, place in it, reading of the figure and the tolerance.
    verdicts = _GRIM_VERDICTS.get(tolerance)  # a Tolerance hashes its fields: once a page
    if verdicts is None:
        _GRIM_VERDICTS.clear()  # a run has one tolerance: the last run's verdicts go
        verdicts = _GRIM_VERDICTS[tolerance] = BoundedMemo(20_000)
    for occ in context.occurrences:
        figure = occ.figure
        if not _stated_percent(figure):
            continue
        position = sentence_position(occ)
        key = (occ.sentence, position, figure_fields(figure))
        message = verdicts.get(key, _UNASKED)
        if message is _UNASKED:
            message = verdicts.put(key, _grim_message(figure, occ.sentence, position, tolerance))
        if message is not None:
            yield context.occurrence_finding("CT220", occ, message)


def check_grim_in_claims(context: CheckContext) -> Iterator[Finding]:
    """CT220: percentages of claim wordings impossible for their evidence's sample size."""
    yield from _grim_in_claims(context, context.config.tolerance)


def check_count_percent(context: CheckContext) -> Iterator[Finding]:
    """CT221: a share printed beside its counts that the counts do not give, on a page."""
    for document in context.documents:
        pairs = mismatches(document.text)
        if not pairs:
            continue  # most pages: no index of their figures is needed
        figures = PageFigures(o for o in context.occurrences if o.document is document)
        for pair in pairs:
            # the pair's first figure is the one the report marks
            first = figures.first_overlapping(pair.start, pair.end)
            yield context.finding(
                "CT221", document.path, document.source_span(pair.start, pair.end),
                f'"{document.text[pair.start:pair.end]}": {pair.describe()}',
                figure=document.text[pair.start:pair.end],
                fingerprint=f"{pair.k}/{pair.n}|{pair.percent}",
                figure_id=first.figure_id if first is not None else None,
            )


def check_count_percent_in_claims(context: CheckContext) -> Iterator[Finding]:
    """CT221: the same in the wordings and evidence quotes of the claims library."""
    for claim in context.library.claims:
        texts = [(text, claim.location) for text in claim.wordings]
        texts += [(e.quote, e.location or claim.location) for e in claim.evidence if e.quote]
        for text, location in texts:
            for pair in mismatches(text):
                written = text[pair.start:pair.end]
                yield context.finding(
                    "CT221", location.path if location else "claims", location_span(location),
                    f'claim {claim.id!r}: "{written}": {pair.describe()}',
                    claim=claim.id, figure=written, fingerprint=f"{claim.id}|{pair.k}/{pair.n}|{pair.percent}",
                )


def _stated_percent(figure: Figure) -> bool:
    return figure.kind == "percent" and stated_bounds(figure) is not None


def _is_share(figure: Figure, sentence: str, position: int | None) -> bool:
    if not _stated_percent(figure):
        return False
    _, after = figure_window(figure, sentence, position)
    return base_of(figure, after) == "share"


#: A verdict not worked out yet (None is a verdict: nothing to report).
_UNASKED: Any = object()


def _grim_message(figure: Figure, sentence: str, position: int | None, tolerance: Tolerance) -> str | None:
    """Why a stated percent in prose is impossible for the sample size its sentence gives
    (None: it gives none, or the share is possible, or the percent is no share)."""
    # The cheap questions first: most shares state no sample size, and most that do are
    # possible for it (arithmetic on the figure); only then is the figure's clause read.
    n = sample_size_after(text_after_percent(figure, sentence, position)) or sample_size_in(sentence)
    if n is None:
        return None
    interval = figure_interval(figure, tolerance)  # once: the test and the message read it
    if possible_shares(interval, n) or not _is_share(figure, sentence, position):
        return None
    return (f'"{figure.text}" ({_about(figure, interval)}) is impossible for a sample of {n}: '
            f"the nearest shares are {explain_impossible(figure, n)}")


def _grim_in_claims(context: CheckContext, tolerance: Tolerance) -> Iterator[Finding]:
    for claim in context.library.claims:
        sizes = sorted({e.n for e in claim.evidence if e.n})
        if not sizes or claim.status in ("rejected", "withdrawn"):
            continue
        for text in claim.wordings:
            for figure in context.figures_of(text):
                if not _is_share(figure, text, figure.span.start):
                    continue
                if any(grim_possible(figure, n, tolerance) for n in sizes):
                    continue
                shown = " or ".join(str(n) for n in sizes)
                interval = figure_interval(figure, tolerance)
                yield context.finding(
                    "CT220", claim.location.path if claim.location else "claims", location_span(claim.location),
                    f'claim {claim.id} states "{figure.text}" ({_about(figure, interval)}), impossible for its '
                    f"evidence's sample of {shown}: the nearest shares are {explain_impossible(figure, sizes[0])}",
                    claim=claim.id, figure=figure.text, fingerprint=f"{claim.id}|{figure.text}|{shown}",
                )


MEASURE_CONFLICT = Rule(
    code="CT201",
    name="measure-conflict",
    severity=Severity.ERROR,
    summary="Figures for one declared measure that cannot both be true.",
    description=(
        "Claims that share a `measure` key state one quantity, so every document must give it "
        "compatible figures. Each figure is read as an interval (exact figures widened by their "
        "rounding step, approximate ones by the approximate tolerance, hedged ones closed by the "
        "hedge tolerance); two figures conflict when their intervals do not meet. The group's "
        "majority figure is taken as the reference, and each figure that conflicts with it is "
        "reported once, with every figure it contradicts listed as related."
    ),
    fix="State the measure with one figure everywhere: the one its evidence supports.",
    fires=project(files=_measure_project("Approximately 42 million Americans have migraine",
                                          "Almost 49 million people in the United States have migraine"),
                  note="[37.8M, 46.2M] and [46.55M, 49M) do not meet."),
    passes=project(files=_measure_project("Approximately 39 million Americans have migraine",
                                           "An estimated 39 million people in the United States have migraine")),
    category=Category.CONSISTENCY,
    check=check_declared_measures,
)


MEASURE_DIFFERS = Rule(
    code="CT202",
    name="measure-differs",
    severity=Severity.WARNING,
    summary="Figures for one declared measure that could both be true but are stated differently.",
    description=(
        "The intervals of the two figures meet, so neither is impossible given the other, but the "
        "values they state are further apart than the differ tolerance (5% by default, or the "
        "measure's own `tolerance`). Readers see two numbers for one thing; reviewers should pick one."
    ),
    fix="Use one wording of the figure everywhere, or widen the measure's `tolerance` if both are fine.",
    fires=project(files=_measure_project("Some 42 million Americans have migraine",
                                          "Approximately 45 million people in the United States have migraine"),
                  note="[37.8M, 46.2M] and [40.5M, 49.5M] meet, but 42M and 45M are 6.7% apart."),
    passes=project(files=_measure_project("Some 42 million Americans have migraine",
                                           "Approximately 43 million people in the United States have migraine")),
    category=Category.CONSISTENCY,
    check=check_declared_measures,
)


MEASURE_OFF_CANONICAL = Rule(
    code="CT203",
    name="measure-off-canonical",
    severity=Severity.ERROR,
    summary="A figure outside the canonical value of its `[measure.<key>]` table.",
    description=(
        "A `[measure.<key>]` table may give the measure's canonical `value` (accepted within its "
        "`tolerance`, else the differ tolerance) or its `low`/`high` interval, and its `kind`. A "
        "use is off-canonical when its kind differs, when its interval does not meet the "
        "canonical interval, or (for exact, approximate and \"almost\" figures, and ranges) when "
        "the value it states lies outside it. \"Up to\", \"less than\", \"over\" and \"at least\" "
        "state one side only and pass when their interval meets the canonical one."
    ),
    fix="State the canonical value, or correct the measure table if the evidence has changed.",
    fires=project(files=_canonical_project("Approximately 42 million Americans have migraine")),
    passes=project(files=_canonical_project("Approximately 39 million Americans have migraine")),
    category=Category.CONSISTENCY,
    check=check_declared_measures,
)


PROBABLE_INCONSISTENCY = Rule(
    code="CT210",
    name="probable-inconsistency",
    severity=Severity.WARNING,
    summary="Figures that very probably measure one thing, on pages with no declared measure, disagree.",
    description=(
        "For figures that no claim ties to a measure, claimstrack infers measures from each "
        "figure's measure frame: figures of the same kind and unit that count the same group "
        "(Americans = people in the United States = U.S. residents; women, men, children and "
        "other sub-populations apart), in the same place, of which the same words are said "
        "(\"have prediabetes\", \"don't know they have it\"); a time frame or data year may be "
        "unsaid. Each group has a stable id and a confidence, and only confident groups are "
        "reported (see `claimstrack measures`). Within each group, each figure "
        "that conflicts with or differs from the majority of the other pages is reported once, "
        "with the figures it disagrees with as related. Figures of one page are not compared "
        "with each other: a page that states two values of what looks like one quantity nearly "
        "always tells them apart by something the frame does not read (a table's rows, a year "
        "in a heading, a subgroup); declared measures are compared within a page too. It is a "
        "warning because the grouping is inferred; declare a measure to make it an error."
    ),
    fix="Give the quantity one figure everywhere, or tie the figures to claims with a `measure`.",
    fires=project(files=_pages("Approximately 42 million Americans have migraine.\n",
                               "Almost 49 million people in the United States have migraine.\n")),
    passes=project(files=_pages("Approximately 42 million Americans have migraine.\n",
                                "Almost 1 billion people worldwide have migraine.\n"),
                   note="Americans and people worldwide are different populations."),
    category=Category.INFERRED_CONSISTENCY,
    check=check_inferred_measures,
    beside=True,
)


GRIM_IMPOSSIBLE_PERCENTAGE = Rule(
    code="CT220",
    name="grim-impossible-percentage",
    severity=Severity.ERROR,
    summary="A percentage that no whole number of people out of the sample size gives.",
    description=(
        "The GRIM test: with n people, a share can only be k/n for a whole k. 92% of 25 is 23/25, "
        "but no k/25 rounds to 91%. claimstrack tests percentages of a group that state their "
        "sample size in the sentence (\"91% of 25 patients\", \"n = 25\") and the percentages in "
        "a claim's wording against the `n` of its evidence, keeping the stated precision "
        "(\"92.0%\" must be within 0.05 of k/n) and the hedge (\"over 92%\" needs a k/n a little "
        "above 92)."
    ),
    fix="Check the count and the sample size against the source; one of them is wrong.",
    fires=project("In our clinic, 91% of 25 patients reported relief.\n"),
    passes=project("In our clinic, 92% of 25 patients reported relief.\n"),
    category=Category.ARITHMETIC,
    check=check_grim_in_claims,
    page_check=check_grim,
)


COUNT_PERCENT_MISMATCH = Rule(
    code="CT221",
    name="count-percent-mismatch",
    severity=Severity.ERROR,
    summary="A percentage printed beside its counts that the counts do not give (\"15/77, 27.3%\").",
    description=(
        "When text gives both the counts and the share (\"23 of 25 patients (92%)\", \"55/77, "
        "71.4%\", \"Forty-eight (77%) of the 61 patients\"), the share must be 100*k/n rounded "
        "to the decimals it is written with. Published abstracts get this wrong more often than "
        "expected, and copy or a claim's evidence quote that repeats the error inherits it. "
        "Checked in documents and in the quotes and wordings of the claims library."
    ),
    fix="Recompute the share from the counts, or check the counts against the source.",
    fires=project("Forty-eight (77%) of the 61 patients reported relief.\n"),
    passes=project("Forty-eight (79%) of the 61 patients reported relief.\n"),
    category=Category.ARITHMETIC,
    check=check_count_percent_in_claims,
    page_check=check_count_percent,
)


RULES = (
    MEASURE_CONFLICT,
    MEASURE_DIFFERS,
    MEASURE_OFF_CANONICAL,
    PROBABLE_INCONSISTENCY,
    GRIM_IMPOSSIBLE_PERCENTAGE,
    COUNT_PERCENT_MISMATCH,
)
