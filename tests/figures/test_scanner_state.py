"""A Scanner reads its text once: asking it again gives the same mentions, not a second scan
over state the first one left (the figure a bound merges with, the qualifiers to drop)."""

from __future__ import annotations

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
