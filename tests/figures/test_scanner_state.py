"""The scan keeps its state in the pass that reads one text, never in the module: scanning a
text again, or another text between, gives the same mentions (the figure a bound merges with,
the qualifiers to drop)."""

from __future__ import annotations

from claimstrack.figures import extract_figures, scan_numbers

# A merged range, a qualifier dropped beside another figure, a number set aside.
TEXT = ("Between 10% and 20% of adults relapse within three years; "
        "more than 10 and less than 20 patients, in 2019, 60% relapse within three years.")
# Ends on a figure a following bound could merge with, and on a qualifier waiting for a pair.
OTHER = "More than 10 patients relapse within three years"


def test_scanning_again_gives_the_same_mentions() -> None:
    first = scan_numbers(TEXT)
    assert any(m.reason == "time frame (a qualifier)" for m in first)
    assert any(m.reason == "part of a range" for m in first)
    assert scan_numbers(TEXT) == first
    scan_numbers(OTHER)
    assert scan_numbers(TEXT) == first
    assert [m.figure for m in first if m.figure is not None] == extract_figures(TEXT)


def test_a_scan_between_changes_nothing_of_the_next() -> None:
    alone = scan_numbers("and less than 20 patients")
    scan_numbers(OTHER)
    assert scan_numbers("and less than 20 patients") == alone
    assert alone[0].figure is not None and alone[0].figure.low is None


def test_a_scan_leaves_no_reference_cycles() -> None:
    """Numbers set aside by the check tables ("in 2019", "Type 2", an age band) leave nothing
    for the cyclic collector: a run that pauses it (the engine does) keeps no scan alive."""
    import gc

    text = ("In 2019, Type 2 diabetes affected adults aged 18-24 and 37% of patients; "
            "Step 3 of the plan, 5 min read. ") * 20
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        figures = extract_figures(text)
        mentions = scan_numbers(text)
        left_behind = gc.collect()
    finally:
        if enabled:
            gc.enable()
    assert {m.reason for m in mentions} >= {"year", "label (Type 2, Phase 3, Table 1)", "list numbering"}
    assert figures
    assert left_behind == 0
