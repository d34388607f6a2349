"""CT210 end to end on small pages worded the way real pages word one return per dollar.

Each page states one figure, so a reported pair is named by its two pages.
"""

from __future__ import annotations

from pathlib import Path

from project_files import write_project

import claimstrack.checks.consistency_rules  # noqa: F401  (registers the checkers)
from claimstrack.engine import check

TODAY = "today = 2026-11-21\n"


def ct210_pairs(root: Path, pages: dict[str, str]) -> set[frozenset[str]]:
    """The pairs of pages CT210 reports as disagreeing (each finding with each related side)."""
    files = {"claimstrack.toml": TODAY, **{f"content/{name}": text + "\n" for name, text in pages.items()}}
    report = check(root=write_project(root, files))
    return {frozenset({Path(f.path).name, Path(r.path).name})
            for f in report.findings if f.code == "CT210" for r in f.related}


def test_a_range_does_not_hide_the_values_inside_it_that_disagree(tmp_path):
    # "$36 to $42" agrees with both "$36" and "$42"; as the group's majority it hid the two
    # pages that disagree with each other.
    pages = {
        "a.md": "Email marketing returns $36 for every $1 spent, our survey found.",
        "b.md": "Email marketing returns $42 for every $1 spent, one agency says.",
        "c.md": "Email marketing returns $36 to $42 for every $1 spent.",
    }
    assert ct210_pairs(tmp_path, pages) == {frozenset({"a.md", "b.md"})}


def test_an_amount_said_of_a_share_of_a_group_is_that_groups(tmp_path):
    # "18% of companies earn $70": the $70 is what those companies earn, not the return of all.
    pages = {
        "a.md": "Email marketing earns $36 for every $1 spent on email.",
        "b.md": "Just 18% of companies earn $70 for every $1 spent on email.",
    }
    assert ct210_pairs(tmp_path, pages) == set()
    pages["c.md"] = "Email marketing earns $42 for every $1 spent on email."
    assert ct210_pairs(tmp_path, pages) == {frozenset({"a.md", "c.md"})}


def test_a_ratio_whose_predicate_names_only_the_return_is_read_with_its_subject(tmp_path):
    # "generates $42 in return": "in return" says only that it is a return; its subject says of what.
    pages = {
        "a.md": "Email marketing earns $36 for every $1 spent.",
        "b.md": "For every dollar spent, email marketing generates a whopping $42 in return.",
    }
    assert ct210_pairs(tmp_path, pages) == {frozenset({"a.md", "b.md"})}
    # Two multipliers that both say "ROI" are the returns of two different things.
    pages = {"c.md": "The retail industry achieves a 45:1 ROI.", "d.md": "Our data shows that email has a 40X ROI."}
    assert ct210_pairs(tmp_path / "other", pages) == set()


def test_a_ratio_named_in_its_own_text_is_said_by_that_name(tmp_path):
    # "$38 ROI for every dollar spent" names what it is; the long clause before it does not.
    pages = {
        "a.md": ("Email keeps beating the paid channels year after year in most of the surveys we have read, "
                 "generating $38 ROI for every dollar spent—no other channel comes close."),
        "b.md": "Email marketing has a ROI of $42 for every $1 spent.",
    }
    assert ct210_pairs(tmp_path, pages) == {frozenset({"a.md", "b.md"})}


def test_a_place_in_a_with_clause_after_the_figure_is_not_the_figures(tmp_path):
    # "..., with online shops in the US achieving $72": the US is where those shops are.
    pages = {
        "a.md": "Businesses earn $36 for every $1 spent on email, with online shops in the US achieving up to $72 per dollar.",
        "b.md": "Email marketing earns $42 for every $1 spent on email.",
    }
    assert ct210_pairs(tmp_path, pages) == {frozenset({"a.md", "b.md"})}


def test_an_attribution_ends_at_its_that(tmp_path):
    # "Our survey found that ..." attributes; the words after "that" say what is measured.
    pages = {
        "a.md": "Our survey found that email marketing returns $36 for every $1 spent.",
        "b.md": "Email marketing returns $42 for every $1 spent.",
    }
    assert ct210_pairs(tmp_path, pages) == {frozenset({"a.md", "b.md"})}


def test_a_place_named_in_the_scene_of_a_clause_is_its_place(tmp_path):
    # "In Sweden, ..." names a place no table lists; the figure is that country's, not everyone's.
    pages = {
        "a.md": "In Sweden, 67% of emails are opened on a phone.",
        "b.md": "Across all readers, 48% of emails are opened on a phone.",
    }
    assert ct210_pairs(tmp_path, pages) == set()
    pages["c.md"] = "Some 60% of emails are opened on a phone."
    assert ct210_pairs(tmp_path, pages) == {frozenset({"b.md", "c.md"})}


def test_the_same_digits_under_another_scale_word_are_one_figure_mistyped(tmp_path):
    # "million" for "billion": 1,000 times apart, yet the same four written digits.
    pages = {
        "a.md": "Almost 319.6 million emails were sent and received each day in 2021.",
        "b.md": "About 319.6 billion emails were sent and received each day in 2021.",
    }
    assert ct210_pairs(tmp_path, pages) == {frozenset({"a.md", "b.md"})}
    # Round numbers 1,000 times apart are a total and a part more often than a typo.
    pages = {"c.md": "About 2 million emails were sent and received each day in 2021.",
             "d.md": "About 2 billion emails were sent and received each day in 2021."}
    assert ct210_pairs(tmp_path / "other", pages) == set()


def test_the_average_alone_points_at_what_the_sentence_before_is_about(tmp_path):
    pages = {
        "a.md": "Email marketing ROI is what a program returns for every dollar spent on it. "
                "Industry studies peg the average at $36 per $1.",
        "b.md": "Email marketing ROI reaches $42 per $1 spent.",
    }
    assert ct210_pairs(tmp_path, pages) == {frozenset({"a.md", "b.md"})}


def test_every_day_and_every_week_are_time_frames(tmp_path):
    pages = {"a.md": "About 300 billion emails are sent every day.", "b.md": "About 900 billion emails are sent every week."}
    assert ct210_pairs(tmp_path, pages) == set()
