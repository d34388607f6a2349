"""A Scanner reads its text once: asking it again gives the same mentions, not a second scan
over state the first one left (the figure a bound merges with, the qualifiers to drop)."""

from __future__ import annotations

from claimstrack.figures import extract_figures, scan_numbers
from claimstrack.figures.grammar import Scanner

# A merged range, a qualifier dropped beside another figure, a number set aside.
TEXT = ("Between 10% and 20% of adults relapse within three years; "
        "more than 10 and less than 20 patients, in 2019, 60% relapse within three years.")


def test_asking_twice_gives_the_same_mentions() -> None:
    scanner = Scanner(TEXT)
    first = scanner.mentions()
    assert any(m.reason == "time frame (a qualifier)" for m in first)
    assert any(m.reason == "part of a range" for m in first)
    assert scanner.mentions() == first
    assert scanner.mentions() == Scanner(TEXT).mentions()


def test_the_list_given_is_the_caller_s_own() -> None:
    scanner = Scanner(TEXT)
    scanner.mentions().clear()
    assert scanner.mentions() == Scanner(TEXT).mentions()


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
