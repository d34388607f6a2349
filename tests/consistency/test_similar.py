"""The similarity signal beside frame agreement (claimstrack/consistency/similar.py).

Frame grouping joins two figures only when their frames agree word for word; these pages say
one measure in wordings whose frames differ, and the learned pair scorer (on the figures' own
words, weighted by how rare each is across the run's pages, their frames and their values) is
what joins them, at the link's probability.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from consistency_helpers import page_readings

import claimstrack
import claimstrack.checks.consistency_rules  # noqa: F401  (registers the checkers)
from claimstrack.cli import main
from claimstrack.config import Config
from claimstrack.consistency import inferred, similar
from claimstrack.consistency.frames import Frame, read_frames, stem
from claimstrack.consistency.inferred import MIN_CONFIDENCE, group_readings
from claimstrack.documents import parse_document
from claimstrack.figures import extract_figures

# Four pages about the same trade; two of them state one measure (how long a heat pump takes to
# pay for itself) in words whose frames do not agree, with values that disagree.
HEAT_PUMPS = {
    "a.md": "Homeowners recover the price of a heat pump through lower energy bills in about 7.5 years.\n",
    "b.md": "A heat pump repays its price through lower energy bills within 8.5 years.\n",
    "c.md": "Nearly 40% of homes in the region still burn heating oil through the winter.\n",
    "d.md": "Installers fitted 12,000 new boilers in the region through the winter.\n",
}


def _groups(pages: dict[str, str]) -> list[tuple[set[str], float]]:
    return [({r.path for r in group.readings}, group.confidence) for group in group_readings(page_readings(pages))]


def test_a_figure_is_told_by_the_roots_of_its_own_clause():
    text = "About 30% of owners say the pump paid back its price, and 12% say it never did.\n"
    document = parse_document(text, "a.md", "md")
    figures = extract_figures(document.text)
    first, second = read_frames(document.text, document.sentences, figures)
    assert {"owner", "pump", "paid", "back"} <= set(first.told) and "never" not in first.told
    assert "not" in second.told and "pump" not in second.told  # "say it never did": its own words
    assert similar.words_of(first)["pump"] == similar.TOLD_WEIGHT


def test_a_place_in_an_order_is_told():
    text = "Some 18% of clicks go to the first result, and 10% of clicks go to the second result.\n"
    document = parse_document(text, "a.md", "md")
    figures = extract_figures(document.text)
    first, second = read_frames(document.text, document.sentences, figures)
    assert first.told[-1] == "#1" and second.told[-1] == "#2"


def test_two_wordings_of_one_measure_are_grouped_by_their_words():
    readings = page_readings(HEAT_PUMPS)
    years = [r for r in readings if r.path in ("a.md", "b.md")]
    assert years[0].frame.said != years[1].frame.said  # the frames alone do not join them
    [(pages, confidence)] = _groups(HEAT_PUMPS)
    assert pages == {"a.md", "b.md"} and confidence < 1.0


def _frames_of(*texts: str) -> list[Frame]:
    """The frame of the first figure of each text, read as a one-page run reads it."""
    frames = [page_readings({"a.md": text})[0].frame for text in texts]
    assert all(frame is not None for frame in frames)
    return [frame for frame in frames if frame is not None]


def _any_fit(first: Frame, second: Frame) -> bool:
    """A frame fit that allows every pair, so that only `similar`'s own vetoes decide."""
    return True


def _ct210_pairs(report: claimstrack.Report) -> set[frozenset[str]]:
    return {frozenset({Path(f.path).name, Path(r.path).name})
            for f in report.findings if f.code == "CT210" for r in f.related}


def test_words_join_a_group_that_ct210_reports(tmp_path: Path):
    # On main before the learned scorer, a link was only listed (its confidence was at most
    # 0.65): the scorer's probability is now the link's confidence, and this one is reported.
    for name, text in HEAT_PUMPS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = Config(root=tmp_path, documents=("*.md",), claims="no-claims-library", bibliography="no-references.bib")
    report = claimstrack.check(config=config)
    [group] = report.inferred.groups()
    assert {Path(r.path).name for r in group.readings} == {"a.md", "b.md"}
    assert group.confidence >= MIN_CONFIDENCE and _ct210_pairs(report) == {frozenset({"a.md", "b.md"})}


def test_a_place_that_differs_is_a_veto():
    pages = {**HEAT_PUMPS, "a.md": HEAT_PUMPS["a.md"].replace("in about", "in the UK in about"),
             "b.md": HEAT_PUMPS["b.md"].replace("within", "in Canada within")}
    assert _groups(pages) == []
    one_place = {**HEAT_PUMPS, "b.md": HEAT_PUMPS["b.md"].replace("within", "in Canada within")}
    assert [pages for pages, _ in _groups(one_place)] == [{"a.md", "b.md"}]  # unsaid is not different


def test_values_far_apart_are_not_linked():
    # The scorer weighs the values' ratio: 7.5 and 8.5 years link, 7.5 and 15 years (2x) do not.
    [(pages, confidence)] = _groups(HEAT_PUMPS)
    assert pages == {"a.md", "b.md"} and confidence >= MIN_CONFIDENCE
    assert _groups({**HEAT_PUMPS, "b.md": HEAT_PUMPS["b.md"].replace("8.5", "15")}) == []


def test_a_time_frame_only_one_figure_says_is_a_veto():
    # "each year" against a figure that says no time frame: frame grouping joins those only when
    # one group says a time frame; a link, less sure, never does.
    first, second = _frames_of(
        "Owners recover the price of a heat pump through lower bills each year in about 8 years.\n",
        "Owners recover the price of a heat pump through lower bills in about 8 years.\n")
    assert first.time_frame != second.time_frame
    assert similar.contradicts(first, second, _any_fit)


def test_periods_of_the_data_that_do_not_meet_are_a_veto():
    # The page gives each figure's data a year (a citation's); 2016 and 2021 are two measures
    # whatever the words, and a figure whose page gives no period may be of either.
    dated, later, undated = _frames_of(
        "Owners recover the price of a heat pump through lower bills in about 8 years (Energy Trust, 2016).\n",
        "A heat pump repays its price within 9 years (Energy Trust, 2021).\n",
        "A heat pump repays its price within 9 years.\n")
    assert (dated.period, later.period, undated.period) == ("2016", "2021", None)
    assert similar.contradicts(dated, later, _any_fit)
    assert not similar.contradicts(dated, undated, _any_fit)


def test_a_value_neighbour_is_a_candidate_without_a_shared_word():
    # Two wordings that share no word still state near values: each is a candidate of the other.
    pages = {"a.md": "Installers report that a rooftop array repays itself in 7.5 years.\n",
             "b.md": "Expect the panels to break even within 8 years, the survey says.\n",
             "c.md": "A boiler lasts about 15 years before it must be replaced.\n"}
    readings = [r for r in page_readings(pages) if r.frame is not None]
    candidates = [similar.Candidate(r.frame, r.figure.value or 0.0, r.path, similar.words_of(r.frame))
                  for r in readings]
    search = similar.Similarity(candidates, _any_fit)
    by_page = {c.page: n for n, c in enumerate(candidates)}
    assert not set(candidates[by_page["a.md"]].words) & set(candidates[by_page["b.md"]].words)
    assert by_page["b.md"] in search.value_neighbours(by_page["a.md"])
    assert search.value_neighbours(by_page["a.md"])[0] == by_page["b.md"]  # the nearest value first
    assert by_page["b.md"] in search.nearby(by_page["a.md"])


def test_the_scorer_weighs_every_feature_in_a_known_direction():
    # One weight per feature; the learned weights read as their names say: words in common, a
    # counted group both name alike and near values make one measure more probable.
    assert len(similar.WEIGHTS) == len(similar.FEATURES)
    weight = dict(zip(similar.FEATURES, similar.WEIGHTS))
    assert weight["words overlap"] > 0 and weight["own clause jaccard"] > 0 and weight["within 2x"] > 0
    assert weight["counted differs"] < weight["counted alike"] and weight["log ratio"] < 0
    low = similar.probability([1.0] + [0.0] * (len(similar.FEATURES) - 1))
    assert 0.0 < low < 0.1  # nothing in common: improbable


def test_different_places_in_an_order_are_a_veto():
    first, second, third = _frames_of(
        "Search studies find 31% of clicks go to the first result on a page.\n",
        "Search studies find 25% of clicks go to the second result on a page.\n",
        "Search studies find 28% of clicks go to the first result on a page.\n")
    assert first.said == second.said and first.told[-1] == "#1" and second.told[-1] == "#2"
    assert similar.contradicts(first, second, _any_fit)
    assert not similar.contradicts(first, third, _any_fit)


def test_a_figure_joins_a_set_only_when_it_links_with_every_figure_there_it_disagrees_with():
    # c.md is like a.md, and b.md is like a.md, but b.md and c.md share little: one set of
    # three would compare b.md with c.md. Without that comparison (`similar._all_link`) these
    # three are one group: a.md links with both.
    pages = {
        "a.md": "Owners recover the price of a heat pump through lower bills in about 8 years.\n",
        "b.md": "Owners recover the price of a solar roof through lower bills in about 9 years.\n",
        "c.md": "A heat pump repays its price through lower bills within 8.5 years.\n",
        "d.md": "Nearly 40% of homes in the region still burn heating oil.\n",
        "e.md": "Installers fitted 12,000 new boilers in the region last winter.\n",
    }
    for pages_grouped, _ in _groups(pages):
        assert not {"b.md", "c.md"} <= pages_grouped


def test_a_word_every_page_says_weighs_nothing():
    rare = similar.rarity({"pump": 4, "payback": 2, "oil": 1}, 4)
    assert rare["pump"] == 0.0 and rare["payback"] == 0.5 and rare["oil"] == similar.ONE_PAGE_WEIGHT


def test_roots_join_the_forms_of_a_word():
    # a root is read from a word's stem, as the frames' words are stems
    assert similar.root(stem("abandonment")) == similar.root(stem("abandon"))
    assert similar.root(stem("smoking")) == similar.root(stem("smoke"))


def test_each_figure_is_compared_with_a_bounded_number_of_candidates():
    # 500 pages that all say "heat pump": each figure is scored against its candidates (`nearby`),
    # at most MAX_CANDIDATES sharing its rarest words and at most VALUE_NEIGHBOURS value
    # neighbours more; here its value neighbours are among the former, so MAX_CANDIDATES in all.
    pages = {f"p{i}.md": f"Owners recover the price of a heat pump in {5 + i % 7} years, page {i} says.\n"
             for i in range(500)}
    readings = [r for r in page_readings(pages) if r.frame is not None]
    candidates = [similar.Candidate(r.frame, r.figure.value or 0.0, r.path, similar.words_of(r.frame))
                  for r in readings]
    search = similar.Similarity(candidates, _any_fit)
    scored = []
    original = search.score
    search.score = lambda a, b: scored.append((a, b)) or original(a, b)  # type: ignore[method-assign]
    for number in range(len(candidates)):
        search.best(number)
    assert len(scored) <= len(candidates) * similar.MAX_CANDIDATES


def test_claimstrack_measures_lists_a_group_joined_by_words_with_its_confidence(tmp_path: Path, capsys):
    # a linked figure's confidence is its link's: `claimstrack measures` lists it with the group
    (tmp_path / "claimstrack.toml").write_text('documents = ["*.md"]\nclaims = "claims"\nbibliography = "refs.bib"\n',
                                               encoding="utf-8")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "claims.toml").write_text("schema = 1\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("", encoding="utf-8")
    for name, text in HEAT_PUMPS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = str(tmp_path / "claimstrack.toml")
    assert main(["measures", "--format", "json", "--config", config]) == 0
    [group] = json.loads(capsys.readouterr().out)
    assert group["pages"] == ["a.md", "b.md"] and group["reported"] is True
    assert MIN_CONFIDENCE <= group["confidence"] < 1.0
    assert min(figure["confidence"] for figure in group["figures"]) == group["confidence"]
    assert main(["measures", "--config", config]) == 0
    table = capsys.readouterr().out
    assert f"confidence {group['confidence']:.2f}" in table and "not reported" not in table


# ---------------------------------------------------------------------------------------------
# The learned scorer's features one by one (`similar.pair_features`, by their names in FEATURES).
# Each pair's features are read from candidates made as a check run makes them
# (`inferred.link_search`), and every feature that says yes or no is asserted, so a feature
# computed wrongly, or two features given in each other's places, fails on some pair below.

#: The yes-or-no features: each pair's test lists which of them are 1.0 (the rest are 0.0).
_FLAGS = ("bias", "said words nested", "counted alike", "counted differs", "counted by one", "place alike",
          "place by one", "time frame alike", "dated alike", "both from their clause", "filled", "same value",
          "both hedged", "one hedged", "percent", "count", "money", "both alone", "one alone", "within 1.25x",
          "within 2x")

CLINICS = {
    "a.md": "About 100 dental clinics in the United States offer weekend appointments.\n",
    "b.md": "In the United States, 130 dental clinics offer weekend appointments.\n",
    "c.md": "Nearly 104 dental clinics offer weekend appointments.\n",
    "d.md": "Dental clinics:\n\n- 120 offer weekend appointments\n",
}
CHECKUPS = {
    "e.md": "In 2021, nearly 35% of patients skipped a checkup each year (Dental Survey, 2021).\n",
    "f.md": ("Roughly 38% of patients skipped their dental checkup each year in 2021, "
             "and 12% of adults never book one.\n"),
    "g.md": "The average dental visit costs $180 in Canada.\n",
    "h.md": "Patients pay about $150 for a dental visit.\n",
}


def _pair(pages: dict[str, str], first: tuple[str, float], second: tuple[str, float]
          ) -> tuple[dict[str, float], similar.Candidate, similar.Candidate, dict[str, float]]:
    """The named features of two figures, each given by its page and value, with their candidates
    and the words' rarity, as a check run reads them."""
    search = inferred.link_search(inferred.frame_founders(page_readings(pages))).similarity
    by_figure = {(c.page, c.value): c for c in search.candidates}
    a, b = by_figure[first], by_figure[second]
    features = similar.pair_features(a, b, search.rare)
    assert len(features) == len(similar.FEATURES)
    if a.frame.time_frame == b.frame.time_frame:  # "time frame alike" reads the first (`contradicts`)
        assert similar.pair_features(b, a, search.rare) == features  # the pair's, not its order's
    return dict(zip(similar.FEATURES, features)), a, b, search.rare


def _flags_set(features: dict[str, float]) -> set[str]:
    assert all(features[name] in (0.0, 1.0) for name in _FLAGS)
    return {name for name in _FLAGS if features[name] == 1.0}


def test_counts_of_100_and_130_in_one_place_one_of_them_hedged():
    features, a, b, _ = _pair(CLINICS, ("a.md", 100.0), ("b.md", 130.0))
    assert (a.frame.place, b.frame.place) == ("us", "us") and a.frame.counted == b.frame.counted
    assert _flags_set(features) == {"bias", "counted alike", "place alike", "both from their clause", "one hedged",
                                    "count", "both alone", "within 2x"}  # 1.3x: not within 1.25x
    assert features["log ratio"] == pytest.approx(math.log2(1.3) / 6)
    assert features["least frame confidence"] == 1.0
    # their words are the same words: every overlap is whole, the shared weight is not
    assert features["words overlap"] == features["own clause overlap"] == 1.0
    assert features["said words jaccard"] == features["own clause jaccard"] == 1.0
    assert 0.0 < features["shared weight"] < 1.0
    assert features["percent x words overlap"] == features["percent x own clause jaccard"] == 0.0  # not percents


def test_near_counts_both_hedged_one_place_said():
    features, _, _, _ = _pair(CLINICS, ("a.md", 100.0), ("c.md", 104.0))
    assert _flags_set(features) == {"bias", "counted alike", "place by one", "both from their clause", "same value",
                                    "both hedged", "count", "both alone", "within 1.25x", "within 2x"}
    assert features["log ratio"] == pytest.approx(math.log2(1.04) / 6)


def test_a_list_items_figure_reads_what_is_said_from_its_lead_in():
    features, a, b, _ = _pair(CLINICS, ("b.md", 130.0), ("d.md", 120.0))
    assert (a.frame.said_from, b.frame.said_from) == ("clause", "lead-in")
    assert _flags_set(features) == {"bias", "counted differs", "place by one", "count", "both alone", "within 1.25x",
                                    "within 2x"}  # one hedged: neither
    assert features["least frame confidence"] == b.frame.confidence < 1.0
    assert features["log ratio"] == pytest.approx(math.log2(130 / 120) / 6)


def test_percents_of_one_year_one_figure_alone_on_its_page():
    features, a, b, _ = _pair(CHECKUPS, ("e.md", 35.0), ("f.md", 38.0))
    assert a.frame.time_frame == b.frame.time_frame is not None
    assert _flags_set(features) == {"bias", "said words nested", "counted alike", "time frame alike", "dated alike",
                                    "both from their clause", "both hedged", "percent", "one alone", "within 1.25x",
                                    "within 2x"}
    # a percent's word overlaps are told again in their own features; a count's or money's are 0
    assert features["percent x words overlap"] == features["words overlap"] > 0.0
    assert features["percent x own clause jaccard"] == features["own clause jaccard"] > 0.0
    assert features["said words jaccard"] == pytest.approx(2 / 3)  # {checkup, skip} of {checkup, dental, skip}


def test_percents_counting_different_groups():
    features, a, b, _ = _pair(CHECKUPS, ("e.md", 35.0), ("f.md", 12.0))
    assert a.frame.counted != b.frame.counted and None not in (a.frame.counted, b.frame.counted)
    assert _flags_set(features) - {"time frame alike"} == {"bias", "counted differs", "dated alike",
                                                           "both from their clause", "one hedged", "percent",
                                                           "one alone"}
    # "each year" is told in the other clause: a time frame only one says, vetoed before scoring
    # (`contradicts`), so the scorer reads "time frame alike" from the first alone
    assert a.frame.time_frame != b.frame.time_frame and similar.contradicts(a.frame, b.frame, lambda x, y: True)
    assert features["log ratio"] == pytest.approx(math.log2(35 / 12) / 6)


def test_money_one_place_said_and_the_value_ratio_capped():
    features, a, b, _ = _pair(CHECKUPS, ("g.md", 180.0), ("h.md", 150.0))
    assert _flags_set(features) == {"bias", "said words nested", "place by one", "both from their clause",
                                    "one hedged", "money", "both alone", "within 1.25x", "within 2x"}
    features, _, _, _ = _pair(CHECKUPS, ("g.md", 180.0), ("f.md", 38.0))
    assert "counted by one" in _flags_set(features) and "money" in _flags_set(features)
    far = similar.Candidate(a.frame, 180.0 * 100, "x.md", a.words)
    assert similar.pair_features(far, b, {})[similar.FEATURES.index("log ratio")] == 1.0  # 64x and more


def test_the_word_overlaps_are_the_weighted_and_plain_shares_of_their_words():
    # each overlap computed here from the frames' words, as its name says, and each a different
    # value on this pair, so that two of them given in each other's places fail
    features, a, b, rare = _pair(CHECKUPS, ("g.md", 180.0), ("h.md", 150.0))
    said, other_said = set(a.frame.said), set(b.frame.said)
    told, other_told = set(a.frame.told), set(b.frame.told)
    shared = sum(min(weight, b.words[word]) * rare[word] for word, weight in a.words.items() if word in b.words)
    total = sum(w * rare[word] for word, w in a.words.items()) + sum(w * rare[word] for word, w in b.words.items())
    clause_total = sum(rare[word] for word in told) + sum(rare[word] for word in other_told)
    expected = {
        "words overlap": math.sqrt(2 * shared / total),
        "shared weight": shared / 2,
        "own clause overlap": 2 * sum(rare[word] for word in told & other_told) / clause_total,
        "said words jaccard": len(said & other_said) / len(said | other_said),
        "own clause jaccard": len(told & other_told) / len(told | other_told),
    }
    assert {name: features[name] for name in expected} == pytest.approx(expected)
    assert len({round(value, 6) for value in expected.values()}) == len(expected)
    assert all(0.0 < value < 1.0 for value in expected.values())
    # the first pair's words are the same: whole overlaps; pages sharing nothing: none
    for pair in ((("a.md", 100.0), ("b.md", 130.0)), (("b.md", 130.0), ("e.md", 35.0))):
        features, *_ = _pair({**CLINICS, **CHECKUPS}, *pair)
        assert all(0.0 <= features[name] <= 1.0 for name in expected)
    assert features["said words jaccard"] == features["words overlap"] == 0.0


QUALIFIED = {
    "i.md": "Close to 30% of patients skipped a dental checkup each year.\n",
    "j.md": "In 2021, 125 dental clinics in the United States offered weekend appointments.\n",
    "k.md": "Some 140 dental clinics offered weekend appointments in 2021.\n",
    "l.md": "# Dental care in Canada\n\nAbout 45% of patients skipped a dental checkup each year.\n",
    "p.md": "Close to 150 dental clinics offered weekend appointments.\n",
}


def test_counts_of_one_year_of_the_data_and_no_time_frame():
    features, a, b, _ = _pair(QUALIFIED, ("j.md", 125.0), ("k.md", 140.0))
    assert a.frame.year == b.frame.year == "2021" and a.frame.time_frame is None
    assert _flags_set(features) == {"bias", "counted alike", "place by one", "dated alike", "both from their clause",
                                    "one hedged", "count", "both alone", "within 1.25x", "within 2x"}
    features, a, b, _ = _pair(QUALIFIED, ("j.md", 125.0), ("p.md", 150.0))  # one of them undated
    assert b.frame.year is None and b.frame.period is None
    assert _flags_set(features) == {"bias", "counted alike", "place by one", "both from their clause",
                                    "one hedged", "count", "both alone", "within 1.25x", "within 2x"}


def test_a_place_filled_from_the_heading():
    features, a, b, _ = _pair(QUALIFIED, ("l.md", 45.0), ("i.md", 30.0))
    assert a.frame.filled == ("place",) and a.frame.place == "canada" and b.frame.place is None
    assert _flags_set(features) == {"bias", "counted alike", "place by one", "time frame alike",
                                    "both from their clause", "filled", "both hedged", "percent", "both alone",
                                    "within 2x"}  # undated: not dated alike
    assert features["least frame confidence"] == a.frame.confidence < 1.0
    # places that differ are vetoed before the scorer: neither place feature says it
    features, a, b, _ = _pair(QUALIFIED, ("j.md", 125.0), ("l.md", 45.0))
    assert (a.frame.place, b.frame.place) == ("us", "canada")
    assert features["place alike"] == features["place by one"] == 0.0


def test_percents_with_no_time_frame():
    pages = {"m.md": "Nearly 22% of patients fear a visit to the dentist.\n",
             "n.md": "About 25% of adults are afraid of the dentist.\n"}
    features, a, b, _ = _pair(pages, ("m.md", 22.0), ("n.md", 25.0))
    assert a.frame.time_frame is None and b.frame.time_frame is None
    assert _flags_set(features) == {"bias", "counted differs", "both from their clause", "both hedged", "percent",
                                    "both alone", "within 1.25x", "within 2x"}
    # "dentist", the one word both say, is said by every page: it weighs nothing in the weighted
    # overlaps, and counts in the plain shares
    assert features["words overlap"] == features["own clause overlap"] == features["shared weight"] == 0.0
    assert features["said words jaccard"] == pytest.approx(1 / 4)
    assert features["own clause jaccard"] == features["percent x own clause jaccard"] > 0.0
