"""Grouping figures into inferred measures and finding the outliers of a group."""

from __future__ import annotations

import pytest
from consistency_helpers import fig, reading

from claimstrack.consistency.inferred import (
    MAX_RELATED,
    Reading,
    find_disagreements,
    group_readings,
)
from claimstrack.consistency.intervals import CONFLICT, DIFFER, Tolerance


def about_42m(path="a.md", sentence="Approximately 42 million Americans will have migraine during their lifetime."):
    figure = fig(42e6, "approximately", text="Approximately 42 million Americans", unit="people", precision=1e6)
    return reading(figure, path, sentence=sentence)


def almost_49m(path="b.md", sentence="Almost 49 million people in the United States suffer from migraines."):
    figure = fig(49e6, "almost", text="Almost 49 million people", unit="people", precision=1e6)
    return reading(figure, path, sentence=sentence)


def count(value, text, sentence, path="c.md", unit="people"):
    return reading(fig(value, text=text, unit=unit, precision=1e6), path, sentence=sentence)


def pct(value, text, sentence, path="c.md", hedge="none", line=1):
    return reading(fig(value, hedge, "percent", text=text, precision=1), path, line, sentence=sentence)


def test_seed_pages_group_and_conflict():
    groups = group_readings([about_42m(), almost_49m()])
    assert len(groups) == 1
    [d] = find_disagreements(groups[0].readings)
    assert d.verdict == CONFLICT
    assert {d.reading.path, d.others[0][0].path} == {"a.md", "b.md"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # worldwide vs US
        (count(1e9, "1 billion people", "Globally, 1 billion people have migraine."), almost_49m()),
        # women vs men, even on different pages
        (pct(18, "18% of women", "Migraine affects 18% of women.", "a.md"),
         pct(6, "6% of men", "Migraine affects 6% of men.", "b.md")),
        # children vs adults
        (pct(10, "10% of children", "About 10% of children have migraine.", "a.md"),
         pct(12, "12% of adults", "12% of adults have migraine.", "b.md")),
        # lifetime vs per year
        (pct(12, "12% of Americans", "12% of Americans have migraine in a given year.", "a.md"),
         pct(20, "20% of Americans", "20% of Americans will have migraine in their lifetime.", "b.md")),
        # one quantity in two kinds: a percent and a count are never compared
        (pct(13, "13%", "Migraine affects 13% of U.S. adults.", "a.md"),
         count(37e6, "37 million Americans", "37 million Americans have migraine.", "b.md")),
        # different conditions
        (count(37e6, "37 million Americans", "37 million Americans have diabetes.", "a.md"),
         count(39e6, "39 million Americans", "39 million Americans have migraine.", "b.md")),
        # different aspects of one condition
        (pct(33, "33%", "33% of people with migraine have an aura.", "a.md"),
         pct(90, "90%", "90% of people with migraine are unable to work.", "b.md")),
        # patients are counted apart from people
        (count(5e6, "5 million patients", "We have treated 5 million patients with migraine.", "a.md", unit="patients"),
         count(39e6, "39 million people", "39 million people have migraine.", "b.md")),
    ],
)
def test_traps_are_not_grouped(first, second):
    assert group_readings([first, second]) == []


def test_figures_too_vague_to_group_are_left_out():
    vague = [reading(fig(3e6, kind="number", text="3 million", precision=1e6), "a.md", sentence="We sold 3 million."),
             reading(fig(5e6, kind="number", text="5 million", precision=1e6), "b.md", sentence="We sold 5 million.")]
    assert group_readings(vague) == []


def test_a_bare_number_with_its_place_and_predicate_is_grouped():
    # "about 300 million worldwide" vs "2 billion worldwide": a 7x disagreement (issue 9)
    first = reading(fig(3e8, "approximately", kind="number", text="about 300 million", precision=1e8), "a.md",
                    sentence="Asthma affects about 300 million worldwide.")
    second = reading(fig(2e9, kind="number", text="2 billion", precision=1e9), "b.md",
                     sentence="Asthma affects 2 billion worldwide.")
    [group] = group_readings([first, second])
    [d] = find_disagreements(group.readings)
    assert d.verdict == CONFLICT


def test_unsaid_time_frame_joins_the_only_group_that_says_one():
    groups = group_readings([about_42m(), almost_49m()])  # lifetime + unsaid
    assert [len(g.readings) for g in groups] == [2]


def test_unsaid_time_frame_stays_apart_when_two_groups_say_one():
    yearly = count(30e6, "30 million Americans", "30 million Americans have migraine each year.", "y.md")
    lifetime = about_42m()
    unsaid = [almost_49m(), count(39e6, "39 million people", "39 million people in the US have migraine.", "d.md")]
    groups = group_readings([yearly, lifetime, *unsaid])
    assert sorted(len(g.readings) for g in groups) == [2]  # only the two unsaid ones, together
    assert {r.path for r in groups[0].readings} == {"b.md", "d.md"}


def test_thirteen_pages_and_two_outliers_give_two_findings():
    agreeing = [count(39e6, "39 million Americans", "39 million Americans have migraine.", f"p{i:02}.md")
                for i in range(13)]
    outliers = [count(49e6, "49 million Americans", "49 million Americans have migraine.", "x.md"),
                count(30e6, "30 million Americans", "30 million Americans have migraine.", "y.md")]
    [group] = group_readings(agreeing + outliers)
    found = find_disagreements(group.readings)
    assert sorted(d.reading.path for d in found) == ["x.md", "y.md"]
    for d in found:
        assert d.verdict == CONFLICT
        # every other side counted (the 13 agreeing pages and the other outlier), MAX_RELATED listed
        assert d.total == 14 and len(d.others) == min(14, MAX_RELATED)
        assert d.others[0][0].path == "p00.md"  # the majority comes first
        assert d.anchor.path.startswith("p")


def test_related_sides_are_capped():
    agreeing = [count(39e6, "39 million Americans", "39 million Americans have migraine.", f"p{i:03}.md")
                for i in range(MAX_RELATED + 10)]
    outlier = count(49e6, "49 million Americans", "49 million Americans have migraine.", "x.md")
    [d] = find_disagreements(agreeing + [outlier])
    assert len(d.others) == MAX_RELATED and d.total == MAX_RELATED + 10


def test_within_one_document():
    top = pct(12, "12% of Americans", "12% of Americans have migraine.", "a.md", line=3)
    below = pct(13, "13% of Americans", "By our count, 13% of Americans have migraine.", "a.md", line=9)
    [group] = group_readings([top, below])
    [d] = find_disagreements(group.readings)
    assert d.verdict == DIFFER
    assert {d.reading.line, d.others[0][0].line} == {3, 9}


def test_figures_of_one_sentence_are_never_compared():
    sentence = "Over 92% of patients reported 50% less pain."
    first = reading(fig(92, "over", "percent", text="Over 92% of patients"), "a.md", sentence=sentence)
    second = reading(fig(50, "none", "percent", text="50%"), "a.md", sentence=sentence)
    assert find_disagreements([first, second]) == []


def test_agreeing_figures_give_nothing():
    same = [count(39e6, "39 million Americans", "39 million Americans have migraine.", f"p{i}.md") for i in range(3)]
    about = reading(fig(40e6, "approximately", text="about 40 million Americans", unit="people", precision=1e6),
                    "q.md", sentence="About 40 million Americans have migraine.")
    assert find_disagreements([*same, about]) == []


def test_tolerance_decides_differ():
    a = count(42e6, "42 million", "42 million Americans have migraine.", "a.md")
    b = reading(fig(45e6, "approximately", text="about 45 million", precision=1e6), "b.md",
                sentence="About 45 million Americans have migraine.")
    assert [d.verdict for d in find_disagreements([a, b])] == [DIFFER]
    assert find_disagreements([a, b], Tolerance(differ=0.1)) == []


def test_figures_without_a_number_are_skipped():
    vague = Reading(fig(None, text="several million"), "a.md", 1, 1, "s")
    assert find_disagreements([vague, about_42m()]) == []


def test_grouping_many_figures_finds_every_outlier():
    # Speed at this size is measured by benchmarks/consistency_scale.py, not asserted here.
    readings = [count(39e6 if i % 50 else 49e6, "39 million Americans", "39 million Americans have migraine.",
                      f"p{i}.md") for i in range(20000)]
    found = [d for g in group_readings(readings) for d in find_disagreements(g.readings)]
    assert len(found) == 400


def ratio(value, text, sentence, path):
    return reading(fig(value, kind="ratio", text=text, precision=1), path, sentence=sentence)


def test_wordings_that_share_most_said_words_join_at_a_lower_confidence():
    # Same counted group ("per dollar"), said words overlapping but neither inside the other.
    first = ratio(36, "$36 for every $1 spent", "Email marketing returns an average ROI of $36 for every $1 spent.", "a.md")
    second = ratio(42, "$42 for every $1 spent", "Email marketing has a ROI of $42 for every $1 spent.", "b.md")
    assert first.frame.said != second.frame.said and first.frame.counted == second.frame.counted == "per dollar"
    [group] = group_readings([first, second])
    assert sorted(group.confidence_of(r) for r in group.readings) == [0.85, 1.0]
    [d] = find_disagreements(group.readings)
    assert d.verdict == CONFLICT


def test_one_shared_said_word_does_not_join():
    first = pct(21, "21% of marketers", "21% of marketers say email drives revenue.", "a.md")
    second = pct(60, "60% of marketers", "60% of marketers plan to hire for email.", "b.md")
    assert set(first.frame.said) & set(second.frame.said) == {"email"}
    assert group_readings([first, second]) == []


def money(value, text, sentence, path):
    return reading(fig(value, kind="money", text=text, precision=1), path, sentence=sentence)


def test_an_undated_wording_does_not_chain_groups_of_two_years():
    # Two years of one statistic, and an undated wording that overlaps both: the year-unsaid
    # figure may join one of them, never both (the years are two measures).
    in_2016 = money(11184, "$11,184", "Average credit card debt per borrower in 2016 was $11,184.", "a.md")
    in_2017 = money(10821, "$10,821", "Average credit card debt per borrower in 2017 was $10,821.", "b.md")
    undated = money(5472, "$5,472", "The average credit card debt balance per borrower rose to $5,472.", "c.md")
    groups = group_readings([in_2016, in_2017, undated])
    assert all({r.frame.year for r in g.readings} - {None} != {"2016", "2017"} for g in groups)


def test_amounts_per_one_thing_join_on_one_shared_word_but_not_on_a_statistic():
    first = ratio(36, "$36 for every $1 spent", "Email marketing returns $36 for every $1 spent.", "a.md")
    second = money(44.25, "$44.25", "For every $1 spent on email marketing, the average return is $44.25.", "b.md")
    assert first.frame.counted == second.frame.counted == "per dollar"
    [group] = group_readings([first, second])
    assert [d.verdict for d in find_disagreements(group.readings)] == [CONFLICT]
    debt = money(8366, "$8,366", "The average debt per household was $8,366.", "a.md")
    income = money(61000, "$61,000", "The average income per household was $61,000.", "b.md")
    assert group_readings([debt, income]) == []


def test_a_one_word_wording_that_names_its_place_is_not_discounted_for_one_word():
    # The seed pages' 42M vs 49M, in other words: the vaguer wording says one word ("arthritis")
    # but names its place and counted group in its own clause; it joins the lifetime group as a
    # head part with its time frame unsaid (0.85 x 0.9), and nothing more.
    lifetime = count(9e6, "Roughly 9 million Canadians",
                     "Roughly 9 million Canadians will have some form of arthritis pain during their lifetime.", "a.md")
    current = count(11e6, "Almost 11 million people in Canada",
                    "Almost 11 million people in Canada live with arthritis.", "b.md")
    assert current.frame.said == ("arthritis",) and current.frame.place == "canada"
    [group] = group_readings([lifetime, current])
    assert group.confidence == 0.765
    assert group.sure() == list(group.readings)


def test_a_one_word_wording_with_no_place_of_its_own_is_discounted():
    only = pct(8, "8% of adults", "8% of adults have asthma.", "a.md")
    placed = pct(8, "8% of adults in France", "8% of adults in France have asthma.", "b.md")
    assert only.frame.said == placed.frame.said == ("asthma",)
    assert only.frame.confidence == 0.95 and placed.frame.confidence == 1.0


def test_two_approximate_figures_that_only_differ_are_not_reported():
    from claimstrack.consistency.inferred import within_their_words

    about_30 = pct(30, "about 30%", "The prevalence of gout is about 30% in France.", "a.md", hedge="approximately")
    a_third = reading(fig(100 / 3, kind="percent", text="one in three adults"), "b.md",
                      sentence="Gout affects one in three adults in France.")
    nearly_half = pct(50, "nearly half of adults", "Gout affects nearly half of adults in France.", "c.md",
                      hedge="almost")
    found = find_disagreements([about_30, a_third, nearly_half])
    kept = [d for d in map(within_their_words, found) if d is not None]
    # "about 30%" and "one in three" meet and both say they are approximate: no finding between
    # them; "nearly half" conflicts with both and is still reported against each
    pairs = {frozenset((d.reading.path, other.path)) for d in kept for other, _ in d.others}
    assert pairs == {frozenset(("a.md", "c.md")), frozenset(("b.md", "c.md"))}
    assert {frozenset((d.reading.path, other.path)) for d in found for other, _ in d.others} > pairs


def test_a_floor_is_not_contradicted_by_a_figure_above_it():
    from claimstrack.consistency.inferred import within_their_words

    # "over 9%" says nothing of how far over: 12% is over 9%, so the pair is no sign that either
    # page is wrong, though the hedge tolerance closes "over 9%" at 9.45% to compare it
    over_9 = pct(9, "over 9% of adults", "Gout affects over 9% of adults in France.", "a.md", hedge="over")
    at_least_9 = pct(9, "at least 9% of adults", "Gout affects at least 9% of adults in France.", "b.md",
                     hedge="at least")
    twelve = pct(12, "12% of adults", "Gout affects 12% of adults in France.", "c.md")
    six = pct(6, "6% of adults", "Gout affects 6% of adults in France.", "d.md")
    found = find_disagreements([over_9, at_least_9, twelve, six])
    assert {frozenset((d.reading.path, other.path)) for d in found for other, _ in d.others} >= {
        frozenset(("a.md", "c.md")), frozenset(("b.md", "c.md"))}
    kept = [d for d in map(within_their_words, found) if d is not None]
    pairs = {frozenset((d.reading.path, other.path)) for d in kept for other, _ in d.others}
    # 6% is below the floor: still reported against both; 12% against 6% only
    assert pairs == {frozenset(("a.md", "d.md")), frozenset(("b.md", "d.md")), frozenset(("c.md", "d.md"))}


def test_an_exact_figure_inside_an_approximate_ones_words_is_not_reported_against_it():
    from claimstrack.consistency.inferred import within_their_words

    # "about 5 million" allows 4.6 million: the pages do not disagree, though the stated values
    # are 8% apart; 4 million lies outside what "about 5 million" allows, and 4.6 million
    # against 4 million are both exact
    about_5 = reading(fig(5e6, text="about 5 million Canadians", hedge="approximately"), "a.md",
                      sentence="About 5 million Canadians have gout.")
    exact_4_6 = reading(fig(4.6e6, text="4.6 million Canadians"), "b.md", sentence="4.6 million Canadians have gout.")
    exact_4 = reading(fig(4e6, text="4 million Canadians"), "c.md", sentence="4 million Canadians have gout.")
    found = find_disagreements([about_5, exact_4_6, exact_4])
    kept = [d for d in map(within_their_words, found) if d is not None]
    pairs = {frozenset((d.reading.path, other.path)) for d in kept for other, _ in d.others}
    assert frozenset(("a.md", "b.md")) not in pairs
    assert {frozenset(("a.md", "c.md")), frozenset(("b.md", "c.md"))} <= pairs


def test_a_share_of_a_whole_above_the_whole_is_not_grouped():
    # "1. 68% of shoppers" crawled as "168% of shoppers": a part is never more than its whole,
    # so a share of a named whole above 100% is a misread (or a ratio to a reference, "150% of
    # the poverty line"), not a value of the share; CT210 abstains on it.
    right = pct(68, "68% of shoppers", "68% of shoppers begin with a search engine.", "a.md")
    glued = pct(168, "168% of shoppers", "168% of shoppers begin with a search engine.", "b.md")
    other = pct(60, "60% of shoppers", "60% of shoppers begin with a search engine.", "c.md")
    assert group_readings([right, glued]) == []
    [group] = group_readings([right, glued, other])
    assert {r.path for r in group.readings} == {"a.md", "c.md"}
    # a change above 100% is a change, still grouped
    up = pct(150, "150%", "Searches for the term grew 150% in a year.", "a.md")
    again = pct(120, "120%", "Searches for the term grew 120% in a year.", "b.md")
    assert len(group_readings([up, again])) == 1


def test_a_start_that_leaves_out_a_phrase_of_its_own_is_another_measure():
    # The words a wording leaves out of another's are a phrase of their own that narrows it (a
    # threshold of a definition, a body part): not the same measure said more briefly.
    lasting = count(30e6, "about 30 million Canadians",
                    "About 30 million Canadians report back pain lasting at least three months in the past year.",
                    "a.md")
    plain = count(60e6, "An estimated 60 million Canadians", "An estimated 60 million Canadians report back pain.",
                  "b.md")
    assert lasting.frame.said_order[:2] == ("back", "pain") and lasting.frame.phrase == 2
    assert group_readings([lasting, plain]) == []
    both = pct(12, "12% of adults in Canada", "Some 12% of adults in Canada have vision loss in both eyes.", "a.md")
    any_eye = pct(20, "20% of adults in Canada", "About 20% of adults in Canada have vision loss.", "b.md")
    assert group_readings([both, any_eye]) == []
    # One noun group said in full and by its start is still one measure ("migraine headaches").
    full = count(9e6, "Roughly 9 million Canadians", "Roughly 9 million Canadians have back pain episodes.", "a.md")
    short = count(11e6, "Almost 11 million people in Canada", "Almost 11 million people in Canada have back pain.",
                  "b.md")
    assert full.frame.phrase == 3
    [group] = group_readings([full, short])
    assert group.confidence == 0.85


def test_a_bound_a_participle_sets_is_a_threshold_not_grouped():
    # "lasting at least three months" says which back pain is counted, as a definition does:
    # the duration is no value of its own, and three pages that state the definition do not
    # make a measure (nor would two definitions that differ be a disagreement).
    first = reading(fig(3, "at least", "duration", text="at least three months", unit="months"), "a.md",
                    sentence="In Canada, 9% of adults report back pain lasting at least three months.")
    second = reading(fig(6, "at least", "duration", text="at least six months", unit="months"), "b.md",
                     sentence="In Canada, 7% of adults report back pain lasting at least six months.")
    assert first.frame.threshold and second.frame.threshold
    assert group_readings([first, second]) == []
    # the shares the two definitions qualify say them ("at least 3 months" against 6): apart
    shares = [pct(9, "9% of adults", "In Canada, 9% of adults report back pain lasting at least three months.", "a.md"),
              pct(7, "7% of adults", "In Canada, 7% of adults report back pain lasting at least six months.", "b.md"),
              pct(8, "8% of adults", "In Canada, 8% of adults report back pain lasting at least 3 months.", "c.md")]
    assert shares[0].frame.said_order[-1] == "atleast3months"
    [group] = group_readings(shares)
    assert sorted(r.path for r in group.readings) == ["a.md", "c.md"]
    # a bound that no participle takes is a value: "back pain costs at least $3 billion"
    cost = reading(fig(3e9, "at least", "money", text="at least $3 billion", unit="USD"), "a.md",
                   sentence="In Canada, back pain costs at least $3 billion a year.")
    assert not cost.frame.threshold
