"""Facets read from a figure's sentence: place, population, time frame, condition, aspect."""

from __future__ import annotations

import time

import pytest
from consistency_helpers import fig

from claimstrack.consistency.populations import describe, main_condition


def facets(text: str, sentence: str, kind: str = "count", condition: str | None = None):
    return describe(fig(1, kind=kind, text=text), sentence, document_condition=condition)


@pytest.mark.parametrize(
    ("text", "sentence", "place"),
    [
        ("42 million Americans", "Approximately 42 million Americans have migraine.", "us"),
        ("49 million people", "Almost 49 million people in the United States suffer from migraines.", "us"),
        ("13%", "Migraine affects 13% of U.S. adults.", "us"),
        ("10%", "About 10% of children in the US have migraine.", "us"),
        ("10%", "About 10% of us have migraine.", None),  # "us" the pronoun
        ("1 billion people", "Globally, this number exceeds 1 billion people.", "world"),
        ("1 billion people", "More than 1 billion people around the world have migraine.", "world"),
        ("10 million people", "In the UK, about 10 million people have migraine.", "uk"),
        ("5%", "5% of people have migraine.", None),
    ],
)
def test_place(text, sentence, place):
    assert facets(text, sentence).place == place


@pytest.mark.parametrize(
    ("text", "sentence", "population"),
    [
        ("18% of women", "Migraines affect 18% of women and 6% of men.", ("women", "all")),
        ("6% of men", "Migraines affect 18% of women and 6% of men.", ("men", "all")),
        ("13%", "Migraine affects 13% of U.S. adults.", ("all", "all")),  # adults = everyone
        ("42 million Americans", "Approximately 42 million Americans have migraine.", ("all", "all")),
        ("10% of children", "About 10% of children have migraine.", ("all", "children")),
        ("39 million", "About 39 million men, women and children have migraine.", ("all", "all")),
        ("20%", "Among women, 20% have migraine.", ("women", "all")),
        ("8%", "8% of seniors have migraine.", ("all", "older")),
    ],
)
def test_population(text, sentence, population):
    assert facets(text, sentence).population == population


@pytest.mark.parametrize(
    ("text", "sentence", "time_frame"),
    [
        ("42 million Americans", "Approximately 42 million Americans will have migraine during their lifetime.", "lifetime"),
        ("12% of Americans", "About 12% of Americans have migraine in a given year.", "year"),
        ("$36 billion", "Costs are as high as $36 billion annually.", "year"),
        ("49 million people", "Almost 49 million people in the United States suffer from migraines.", None),
        # The month belongs to the other figure of the sentence.
        ("4 million adults", "4 million adults have chronic migraine, with headache on 15 or more days every month.", None),
    ],
)
def test_time_frame(text, sentence, time_frame):
    assert facets(text, sentence).time_frame == time_frame


@pytest.mark.parametrize(
    ("text", "sentence", "condition", "aspect"),
    [
        ("49 million people", "Almost 49 million people suffer from migraines or other chronic headaches.", "migraine", "prevalence"),
        ("4 million adults", "4 million adults have chronic migraine.", "chronic migraine", "prevalence"),
        ("1/3", "About 1/3 of patients with migraine headaches will have an aura.", "migraine", "aura"),
        ("$36 billion", "Healthcare and lost productivity costs reach $36 billion.", None, "cost"),
        ("$150 per visit", "Appointments start at $150 per visit.", None, "price"),
        ("1 in 5", "About 1 in 5 people with diabetes don't know they have it.", "diabetes", "undiagnosed"),
        ("96 million", "96 million adults have prediabetes, which often leads to type 2 diabetes.", "prediabetes", "prevalence"),
        ("30%", "30% of adults report symptoms of insomnia.", "insomnia", "symptoms"),
        ("1 billion", "Globally, this number exceeds 1 billion people.", None, None),
    ],
)
def test_condition_and_aspect(text, sentence, condition, aspect):
    got = facets(text, sentence)
    assert (got.condition, got.aspect) == (condition, aspect)


def test_document_condition_fills_a_sentence_that_names_none():
    # As the extractor reads it: "exceeds 1 billion people" counts people.
    counted = fig(1e9, "over", text="exceeds 1 billion people", unit="people", subject="people")
    sentence = "Globally, this number exceeds 1 billion people."
    assert describe(counted, sentence, document_condition="migraine").condition == "migraine"


def test_a_bare_number_does_not_borrow_the_page_condition():
    bare = fig(250, kind="number", text="250")
    assert describe(bare, "Row 4: 250 248 245", document_condition="migraine").condition is None


@pytest.mark.parametrize(
    ("text", "sentence", "aspect"),
    [
        ("sixth most", "Migraine is the sixth most disabling illness.", "rank by disabling"),
        ("second most common", "Migraine is the second most common reason for a visit.", "rank by common"),
    ],
)
def test_rank_aspect_is_the_ranked_word(text, sentence, aspect):
    assert facets(text, sentence, kind="rank").aspect == aspect


@pytest.mark.parametrize(
    ("text", "sentence", "base"),
    [
        ("over 92% of patients", "Over 92% of patients reported greater than 50% reduction in pain.", "share"),
        ("greater than 50% reduction in pain", "Over 92% of patients reported greater than 50% reduction in pain.", "change"),
        ("More than 90% of people", "More than 90% of people with migraines are unable to work.", "share"),
        ("30%", "Our drug works 30% faster.", "change"),
    ],
)
def test_share_or_change(text, sentence, base):
    assert facets(text, sentence, kind="percent").base == base


def test_main_condition_is_the_most_named():
    assert main_condition("Migraine and more migraine. Also a headache. Migraines!") == "migraine"
    assert main_condition("Nothing medical here.") is None


def test_describe_is_linear_on_a_hostile_sentence():
    sentence = "Americans in the U.S. have migraine, " * 30000  # about 1 MB, one sentence
    start = time.perf_counter()
    for position in range(0, len(sentence), len(sentence) // 200):
        describe(fig(1, text="Americans"), sentence, position=position)
    main_condition(sentence)
    assert time.perf_counter() - start < 5
