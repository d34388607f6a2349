"""Measure frames: what a figure counts, what is said of it, and its qualifiers (issue 9).

Sentences are read by the real extractor, so a table row is what a page would give.
"""

from __future__ import annotations

import pickle
import re

import attrs
import pytest
from consistency_helpers import fig, page_readings, reading

from claimstrack.consistency import frames as frames_module
from claimstrack.consistency.frames import Frame, read_aliases, read_frame, read_frames
from claimstrack.consistency.inferred import Reading, group_readings
from claimstrack.consistency.populations import WINDOW, fold
from claimstrack.documents import parse_document
from claimstrack.figures import extract_figures


def frame(sentence: str, part: str) -> Frame:
    """The frame of the figure of `sentence` whose text contains `part`."""
    [figure] = [f for f in extract_figures(sentence) if part in f.text]
    return read_frame(figure, sentence, figure.span.start)


@pytest.mark.parametrize(
    ("sentence", "part", "counted", "place"),
    [
        ("Approximately 42 million Americans have migraine.", "42", "people", "us"),
        ("Almost 49 million people in the United States suffer from migraines.", "49", "people", "us"),
        ("About 11% of U.S. residents have diabetes.", "11", "people", "us"),
        ("In the UK, about 10 million people have migraine.", "10", "people", "uk"),
        ("More than 1 billion people around the world have migraine.", "1 billion", "people", "world"),
        ("1 in 5 households carry credit card debt.", "1 in 5", "household", None),
        ("Fraud hit 4% of business accounts last year.", "4%", "business account", None),
        ("About 10% of us have migraine.", "10%", None, None),  # "us" the pronoun, not a place
    ],
)
def test_counted_group_and_place(sentence, part, counted, place):
    got = frame(sentence, part)
    assert (got.counted, got.place) == (counted, place)


@pytest.mark.parametrize(
    ("sentence", "part", "said"),
    [
        # light verbs carry nothing: have = suffer from = live with
        ("Approximately 42 million Americans have migraine.", "42", ("migraine",)),
        ("Almost 49 million people in the United States suffer from migraines or other headaches.", "49",
         ("migraine",)),
        ("An estimated 39 million Americans live with migraine.", "39", ("migraine",)),
        # the words themselves carry the condition: no topic list
        ("About 96 million adults have prediabetes.", "96", ("prediabete",)),
        ("About 1 in 5 people with diabetes don't know they have it.", "1 in 5", ("know", "not")),
        ("Nearly 45% of adults have pre-hypertension.", "45%", ("prehypertension",)),
        ("About 10% of adults have chronic insomnia.", "10%", ("chronic", "insomnia")),
        # people killed are deaths counted (`test_people_who_die_are_deaths_counted`): the verb is no said word
        ("Heart disease kills 695,000 people in the US each year.", "695,000", ("disease", "heart")),
        # the shared words of a sentence with two figures
        ("Migraine affects 18% of women and 6% of men.", "6%", ("migraine",)),
        # attribution is not what is said
        ("According to the CDC, 37 million Americans have diabetes.", "37", ("diabete",)),
        # "the United States" names a place; its "States" is not the reporting verb "states"
        ("Gym membership fees in the United States total $30 billion.", "$30", ("fee", "gym", "membership")),
        ("Pet insurance in the United States reached a record of $4 billion.", "$4", ("insurance", "pet")),
        # "outstanding" and "combined", like "total", say the whole amount, not another quantity
        ("Outstanding gym fees in Canada come to $4 billion.", "$4", ("fee", "gym")),
        ("Gym members owe a combined $4 billion.", "$4", ("gym", "member", "owe")),
        # "the prior quarter" is "the previous quarter"
        ("Gym balances rose $5 billion from the prior quarter.", "$5", ("previous",)),
        ("Gym balances rose $5 billion from the preceding quarter.", "$5", ("previous",)),
        # "afflicts" says only "has", as "affects" does; "projects that" attributes, as "estimates that"
        ("The survey projects that gout afflicts 9 million Canadians.", "9", ("gout",)),
        # a list number a crawl glued to its item's first word: the word is still said when it
        # is capitalised (in lower case it may be an ordinal's ending: "3rd", "10th")
        ("- 4Returning customers have an average basket of $85", "$85", ("average", "basket", "customer", "return")),
        ("- 4returning customers have an average basket of $85", "$85", ("average", "basket", "customer")),
        # ranks by the word that ranks them: "4th most common" = "fourth-leading"
        ("Lung cancer is the 4th most common cancer.", "4th", ("cancer", "common")),
        ("It is the fourth-leading cancer in the U.S.", "fourth", ("cancer", "common")),
    ],
)
def test_said_words(sentence, part, said):
    assert frame(sentence, part).said == said


@pytest.mark.parametrize(
    ("sentence", "part", "population", "time_frame", "year"),
    [
        ("Migraine affects 18% of women.", "18%", ("women", "all"), None, None),
        ("About 10% of children have migraine.", "10%", ("all", "children"), None, None),
        ("8% of teenagers vape.", "8%", ("all", "children"), None, None),
        ("Among adults aged 25-64, 12% had no savings.", "12%", ("all", "25-64"), None, None),
        ("About 12% of Americans have migraine in a given year.", "12%", ("all", "all"), "year", None),
        ("42 million Americans will have migraine during their lifetime.", "42", ("all", "all"), "lifetime", None),
        # a lifetime said in the perfect: who ever had it
        ("More than 1 in 10 Canadians have had gout at some point in their lives.", "1 in 10", ("all", "all"),
         "ever", None),
        ("About 3 million Canadians have been diagnosed with gout during their lifetime.", "3", ("all", "all"),
         "ever", None),
        ("In 2019, 37 million Americans had diabetes.", "37", ("all", "all"), None, "2019"),
        # a year that says which statistics are quoted dates them, as "2010 data" does
        ("According to 2010 statistics, 20% of adults in Canada had gout.", "20%", ("all", "all"), None, "2010"),
        ("Debt per household was $8,366 in May 2017.", "8,366", ("all", "all"), None, "2017"),
        ("Debt per borrower rose to $5,472 in the first quarter of 2018.", "5,472", ("all", "all"), None, "2018"),
        # "over 12 million" is a count with a hedge, not people over twelve years old
        ("Over 12 million Canadians have gout.", "12", ("all", "all"), None, None),
        ("Gout: the joint disease affecting over 9 million.", "9", ("all", "all"), None, None),
        # men and women, both sexes: everyone
        ("Gout affects 9.2 million men and women in Canada.", "9.2", ("all", "all"), None, None),
        ("An estimated 4 million women and men live with gout.", "4", ("all", "all"), None, None),
        # an age said after the figure, in its own clause, delimits who is counted
        # every wording of "65 and over" names the older group, as "seniors" does
        ("Of the 6 million Canadians with gout, an estimated 5 million are age 65 and older.", "5 million",
         ("all", "older"), None, None),
        ("The total includes 3.1 million people over the age of 65 with gout.", "3.1", ("all", "older"), None, None),
        ("Gout is the 4th leading cause of disability of people 65 and older.", "4th", ("all", "older"), None,
         None),
        # a bound from below keeps its direction: "over 20" is not "under 20"
        ("In 2020, 31.9% of adults over 20 years old had gout.", "31.9", ("all", "20-older"), None, "2020"),
        ("About 200,000 Canadians under age 65 have gout.", "200,000", ("all", "under-65"), None, None),
        # "over age 65" with no "the" or "of"; an age point said before the figure ("At age 60,")
        ("Back pain troubles 1/4 of people over age 65 in Canada.", "1/4", ("all", "older"), None, None),
        ("At age 50, over 40% of all people have back pain.", "40%", ("all", "at-50"), None, None),
        # an age in the next clause is another figure's
        ("Gout hits 9 million Canadians, and 2 million people aged 65 and older.", "9 million", ("all", "all"), None,
         None),
    ],
)
def test_qualifiers(sentence, part, population, time_frame, year):
    got = frame(sentence, part)
    assert (got.population, got.time_frame, got.year) == (population, time_frame, year)


def test_the_tail_of_a_counted_group_narrows_who_is_counted():
    # who is counted: people with diabetes; what is said of them: they don't know
    got = frame("About 1 in 5 people with diabetes don't know they have it.", "1 in 5")
    assert (got.counted, got.said) == ("people | diabete", ("know", "not"))
    # with nothing said after it, the tail is what is said: "37 million people with diabetes"
    assert frame("There are 37 million people with diabetes.", "37").said == ("diabete",)


def test_a_with_phrase_before_the_verb_narrows_who_is_counted():
    # "people with sleeping problems" are who is counted; what is said of them comes after the verb
    got = frame("60% of people with sleeping problems could benefit from therapy.", "60%")
    assert got.counted == "people | problem sleep" and got.said == ("benefit", "therapy")
    # with no verb after it, the with-phrase is what is said
    assert frame("60% of people in Canada live with back pain.", "60%").said == ("back", "pain")


def test_amounts_per_something_count_that_something():
    household = frame("The average credit card debt per household was $8,366.", "8,366")
    adult = frame("The average credit card debt per individual adult is $3,183.", "3,183")
    assert (household.counted, adult.counted) == ("per household", "per people")
    assert frame("Email returns $36 for every $1 spent.", "36").counted == "per dollar"


def test_people_who_die_are_deaths_counted():
    killed = frame("Heart disease kills 695,000 people in the US each year.", "695,000")
    died = frame("About 695,000 people in the US die of heart disease each year.", "695,000")
    caused = frame("Heart disease causes 695,000 deaths in the US each year.", "695,000")
    assert {(f.counted, f.unit, f.said) for f in (killed, died, caused)} == {("death", "deaths", ("disease", "heart"))}
    hurt = frame("Heart disease hurts 695,000 people in the US each year.", "695,000")
    assert (hurt.counted, hurt.unit) == ("people", "people")


def test_a_said_word_that_names_what_is_counted_again_is_dropped():
    assert frame("In Canada, 70% of homes are homes with a dog.", "70%").said == ("dog",)
    assert frame("In Canada, 70% of homes are homes.", "70%").said == ("home",)  # nothing else said


def test_a_figure_in_brackets_after_a_group_is_that_groups():
    sentence = "Prevalence was higher among non-Hispanic black (40.3%) than non-Hispanic white (27.8%) adults."
    assert frame(sentence, "40.3").population != frame(sentence, "27.8").population


def test_a_figure_in_brackets_after_a_place_is_no_subgroup():
    # the place is the figure's place, not a group of people named "united"
    got = frame("Dogs and cats live in the United States (70% of all households).", "70%")
    assert (got.population, got.place) == (("all", "all"), "us")


def test_a_passive_reporting_verb_keeps_its_subject():
    # "is estimated to be" hedges what the subject says; "The CDC estimated that" attributes
    got = frame("The yearly cost of gout is estimated to be nearly $18 billion.", "18")
    assert got.said == ("cost", "gout")
    assert frame("The total cost of gout was reported at $20 billion.", "20").said == ("cost", "gout")
    assert frame("The CDC estimated that 12% of adults have gout.", "12%").said == ("gout",)


def test_an_age_word_read_as_a_shares_noun_opens_its_age_limit():
    # the extractor reads "ages" as the noun of "22% of those ages"; it opens the age limit
    # "ages 65-74", which says who is counted, as "aged 65 to 74" does
    got = frame("About 22% of those ages 65-74 have gout.", "22%")
    assert (got.counted, got.population, got.said) == (None, ("all", "65-74"), ("gout",))
    assert got == frame("About 22% of those aged 65 to 74 have gout.", "22%")


def test_share_or_change():
    assert frame("Over 92% of patients reported greater than 50% reduction in pain.", "92%").base == "share"
    assert frame("Over 92% of patients reported greater than 50% reduction in pain.", "50%").base == "change"


def _frames_of(markdown: str) -> dict[str, Frame]:
    document = parse_document(markdown, "page.md", "md")
    figures = extract_figures(document.text)
    return {f.text: fr for f, fr in zip(figures, read_frames(document.text, document.sentences, figures))}


def test_a_list_item_takes_what_is_said_from_its_lead_in():
    frames = _frames_of("# Asthma facts\n\nPeople with asthma in the US:\n\n- 25 million adults\n- 4.8 million children\n")
    adults = frames["25 million adults"]
    assert adults.said == ("asthma",) and adults.said_from == "lead-in" and adults.place == "us"
    assert frames["4.8 million children"].population == ("all", "children")


def test_the_title_under_a_pages_opening_address_is_its_title():
    # a saved or crawled page opens with its address and its title on the next line: the
    # title is read as one (its place fills a figure that names none), the address is not
    page = "source: https://example.org/gout-facts\nGout in Canada\n\nAbout 12% of adults have gout.\n"
    document = parse_document(page, "page.txt", "txt")
    figures = extract_figures(document.text)
    [only] = read_frames(document.text, document.sentences, figures)
    assert (only.place, only.filled) == ("canada", ("place",))
    [alone] = _frames_of("About 12% of adults have gout.\n").values()
    assert alone.place is None


def test_an_amount_of_that_amount_is_a_part_never_grouped():
    # "$600 billion of that debt comes from federal loans": a part of an amount named before,
    # whose words say the whole (student loan debt), not the part (federal loans)
    part = frame("About $600 billion of that student loan debt comes from federal loans.", "600")
    assert part.said == () and part.strict_key() is None
    assert frame("About $600 billion in student loan debt comes from federal loans.", "600").said != ()


def test_a_heading_fills_what_the_page_leaves_unsaid():
    frames = _frames_of("# Diabetes\n\nIt is common.\n\n## How many\n\nThey include 37 million adults.\n")
    [only] = frames.values()
    assert only.said == ("diabete",) and only.said_from == "heading"
    assert only.confidence < 1.0


def test_an_unsaid_part_is_never_taken_from_another_group():
    # "two billion people" (worldwide two sentences earlier) against "45 million Americans"
    page = ("Worldwide, obesity has been rising for decades in almost every country.\n\nAbout 2 billion people are overweight.\n\n"
            "About 45 million Americans are overweight.\n")
    document = parse_document(page, "page.md", "md")
    figures = extract_figures(document.text)
    frames = read_frames(document.text, document.sentences, figures)
    readings = [Reading(f, "page.md", i, 1, i, fr) for i, (f, fr) in enumerate(zip(figures, frames))]
    assert [fr.place for fr in frames] == [None, "us"]
    assert all(len(g.sure()) < 2 for g in group_readings(readings))


def test_frames_are_small_picklable_records():
    frames = _frames_of("About 12% of adults in the US have migraine.\n")
    restored = pickle.loads(pickle.dumps(list(frames.values())))
    assert restored == list(frames.values())
    assert len(pickle.dumps(restored[0])) < 1000


def test_a_repeated_sentence_is_read_once(monkeypatch):
    page = "Americans in the U.S. have migraine, 12% of them.\n\n" * 2000
    document = parse_document(page, "big.txt", "txt")
    figures = extract_figures(document.text)
    calls = []
    reading = frames_module._read_frame  # what read_frames calls for a frame it reads

    def counting(*args, **kwargs):
        calls.append(args[0].text)
        return reading(*args, **kwargs)

    monkeypatch.setattr(frames_module, "_read_frame", counting)
    frames = read_frames(document.text, document.sentences, figures)
    assert len(figures) == 2000 and calls == ["12%"]
    [sentence] = {document.text[start:end] for start, end in document.sentences}
    [figure] = extract_figures(sentence)
    assert frames == [read_frame(figure, sentence, figure.span.start)] * 2000


def _count_calls(monkeypatch, **attributes):
    """Counts of the calls of the functions of frames_module named by `attributes` (count key ->
    attribute), each replaced by one that counts its calls and calls it."""
    counts = dict.fromkeys(attributes, 0)

    def counting(name, function):
        def counted(*args, **kwargs):
            counts[name] += 1
            return function(*args, **kwargs)
        return counted

    for name, attribute in attributes.items():
        monkeypatch.setattr(frames_module, attribute, counting(name, getattr(frames_module, attribute)))
    return counts


def test_what_is_around_a_sentence_is_worked_out_once_per_sentence(monkeypatch):
    # A line dense with figures ("Over 92% of patients improved, " again and again, as a table
    # exported as text is) is sentences of dozens of figures each: the sentence without its
    # figures and the sentence before are the same for each of them, and each is a walk over the
    # sentence's figures, so working them out per figure made the work quadratic in a sentence.
    page = "Migraine is common. " + "Over 92% of patients improved, " * 200 + "as our team has seen.\n"
    document = parse_document(page, "dense.txt", "txt")
    figures = extract_figures(document.text)
    counts = _count_calls(monkeypatch, shared="_without_figures", previous="_previous_subject")
    frames = read_frames(document.text, document.sentences, figures)
    sentences = len({frames_module.bisect.bisect_right([s for s, _ in document.sentences], f.span.start)
                     for f in figures})
    assert len(figures) >= 200 and sentences < 10
    assert counts["shared"] <= sentences and counts["previous"] <= sentences
    monkeypatch.undo()
    assert frames == read_frames(document.text, document.sentences, figures)


def test_a_frame_is_kept_by_the_parts_around_its_sentence_it_read(monkeypatch):
    # A figure that names no place reads its lead-in and headings for one, and nothing else
    # around its sentence: its frame is kept by those alone, and the sentence without its
    # figures and the sentence before are not worked out only to make the key (they were, for
    # every such figure). The repeated sentence is still read once.
    page = "Our results\n\n" + "Over 40% of our patients improved within a month. Call us today.\n\n" * 50
    document = parse_document(page, "results.txt", "txt")
    figures = extract_figures(document.text)
    counts = _count_calls(monkeypatch, shared="_without_figures", previous="_previous_subject", read="_read_frame")
    frames = read_frames(document.text, document.sentences, figures)
    assert len(figures) == 50 and all(f.place is None for f in frames)
    assert counts == {"shared": 0, "previous": 0, "read": 1}
    monkeypatch.undo()
    assert frames == [read_frame(figures[0], "Over 40% of our patients improved within a month.", 0)] * 50


def test_the_look_for_reporting_words_never_skips_a_match():
    # _attribution_free searches _REPORTING only where one of _REPORTING_WORDS is; every word of
    # the pattern (a verb added to it later too) must be found by that look, in any case.
    words = {w for w in re.findall(r"[a-z]{3,}", frames_module._REPORTING.pattern) if w != "united"}
    for word in sorted(words):
        for said in (word, word.upper(), word.capitalize()):
            before = f"The national survey {said} that roughly"
            cut = [m.end() for m in frames_module._REPORTING.finditer(before)]
            expected = before[cut[-1]:] if cut else before
            assert frames_module._attribution_free(before) == expected, word


def test_every_figure_reads_a_bounded_window(monkeypatch):
    # A long paragraph ending in ":" is the lead-in of the figures of the 11 blocks after it;
    # "It is 5% here" says nothing itself, so each figure takes the lead-in's words. They are
    # read once, not once per figure (which made the work the lead-in's length times the figures).
    lead_in = "Patients with chronic pain in our clinics say " * 1000 + "the following:"
    blocks = [" ".join(f"It is {block + item}% here, as our team has seen over the years." for item in range(10))
              for block in range(11)]
    page = "\n\n".join([lead_in, *blocks])
    document = parse_document(page, "big.txt", "txt")
    figures = extract_figures(document.text)
    folded = []

    def counting_fold(text):
        folded.append(len(text))
        return fold(text)

    frames_module._context_words.cache_clear()
    frames_module._qualifier_words.cache_clear()
    monkeypatch.setattr(frames_module, "fold", counting_fold)
    frames = read_frames(document.text, document.sentences, figures)
    assert len(figures) == 110 and all(f.said_from == "lead-in" for f in frames)
    assert sum(folded) < len(page) + 1000 * len(figures)
    assert sorted(folded)[-2] <= 6 * WINDOW  # only the lead-in itself is read whole


def test_a_pronoun_subject_takes_what_the_sentence_before_is_about():
    frames = _frames_of("Hypertension is a risk factor for stroke. It affects one in three adults in the US.\n")
    pointed = frames["one in three adults in the US"]
    assert pointed.said == ("hypertension",) and pointed.said_from == "previous"
    # "This translates to": the previous sentence's figure says it, and its place
    frames = _frames_of("About 76 million people aged >=20 years in the US have hypertension. "
                        "This translates to one in three adults.\n")
    assert frames["one in three adults"].said == ("hypertension",)
    assert frames["one in three adults"].place == "us"


def test_a_pronoun_never_points_across_a_paragraph():
    frames = _frames_of("Hypertension is a risk factor for stroke.\n\nIt affects one in three adults in the US.\n")
    assert frames["one in three adults in the US"].said_from != "previous"


def test_an_age_limit_after_the_counted_group_is_read_past():
    got = frame("Approximately 76.4 million people aged ≥20 years in the United States have hypertension.", "76.4")
    assert got.said == ("hypertension",)


def test_a_reports_year_does_not_date_its_figure():
    sentence = "A 2021 report indicated that nearly half of adults in the United States have hypertension."
    assert frame(sentence, "half").year is None
    assert frame("2019 data show that 37 million Americans had diabetes.", "37").year == "2019"


@pytest.mark.parametrize(
    ("text", "aliases"),
    [
        ("High blood pressure, also called hypertension, is common.", ((("high", "blood", "pressure"), ("hypertension",)),)),
        ("Adults with high blood pressure (hypertension) are many.", ((("high", "blood", "pressure"), ("hypertension",)),)),
        ("The return on investment (ROI) is high.", ((("return", "invest"), ("roi",)),)),
        ("Insomnia, commonly known as sleeplessness, is common.", ((("insomnia",), ("sleeplessness",)),)),
        # a figure in brackets restates a figure, a clause in brackets explains: neither is a name
        ("Nearly half of American adults (116 million people) have it.", ()),
        ("Aortic dissection (a tear in a major artery) is rare.", ()),
        ("How effective (or not) email really is!", ()),
        ("It ends the page.htm\nHigh blood pressure, also called hypertension.", ((("high", "blood", "pressure"), ("hypertension",)),)),
    ],
)
def test_aliases_a_page_gives(text, aliases):
    assert read_aliases(text) == aliases


def test_an_alias_given_on_one_page_joins_the_names_on_every_page():
    def readings(path: str, page: str) -> list[Reading]:
        document = parse_document(page, path, "md")
        figures = extract_figures(document.text)
        frames = read_frames(document.text, document.sentences, figures)
        return [Reading(f, path, 1, 1, (path, i), fr) for i, (f, fr) in enumerate(zip(figures, frames))]

    pages = [readings("a.md", "About 1/3 of American adults have high blood pressure.\n"),
             readings("b.md", "Nearly half of adults in the United States have hypertension.\n")]
    assert [len(g.readings) for g in group_readings(r for page in pages for r in page)] == []
    pages.append(readings("c.md", "High blood pressure, also called hypertension, affects 1.28 billion people worldwide.\n"))
    [group] = group_readings(r for page in pages for r in page)
    assert {r.path for r in group.readings} == {"a.md", "b.md"} and group.frame.said == ("hypertension",)


def test_an_amount_per_dollar_is_a_ratio_whatever_its_wording():
    # "$42 for every $1 spent" (a ratio to the extractor) and "$42 in return" for every dollar (money)
    stated = frame("Email marketing has a ROI of $42 for every $1 spent.", "42")
    worded = frame("For every dollar spent, email marketing generates a whopping $42 in return.", "42")
    assert (stated.kind, stated.unit, stated.counted) == (worded.kind, worded.unit, worded.counted) == (
        "ratio", None, "per dollar")


def test_a_figure_after_with_and_a_group_is_that_groups():
    sentence = "The study put the average at $36 per $1 invested, with top performers above $70."
    assert frame(sentence, "70").population != frame(sentence, "36").population
    # "with returns ranging from": the figure's own measure named again, not a subgroup
    ranging = "Email is the top channel, with returns ranging from $36 to $42 per dollar spent."
    assert frame(ranging, "36").population == ("all", "all")


def test_a_word_cut_by_the_window_is_not_said():
    sentence = ("Email marketing continues to dominate as the most profitable digital marketing channel, "
                "generating $36-$40 ROI for every dollar spent.")
    said = frame(sentence, "36").said
    assert "keting" not in said and set(said) <= {"email", "marketing", "continue", "dominate", "profitable",
                                                  "digital", "channel", "roi"}


def test_thats_points_at_the_sentence_before_and_takes_its_year():
    frames = _frames_of("The average credit card debt per U.S. household was $8,366 in May 2017. "
                        "That's $1.018 trillion in total credit card debt.\n")
    total = frames["$1.018 trillion"]
    assert total.said_from == "previous" and total.year == "2017"
    # "that" after a reporting verb is a conjunction, not a pointer
    frames = _frames_of("Credit card debt is high. A survey found that about 41% of households carry it.\n")
    assert frames["about 41% of households"].said_from != "previous"


def _grouped_pages(pages: dict[str, str]) -> list[set[str]]:
    return [{r.path for r in group.sure()} for group in group_readings(page_readings(pages))]


def test_overlapping_wordings_do_not_chain():
    # "drink tap water" overlaps "drink water at home", which overlaps "drink at home with
    # friends"; the first and the last share one word: a join must overlap every wording joined.
    pages = {"a.md": "60% of adults in Canada drink tap water.\n",
             "b.md": "45% of adults in Canada drink water at home.\n",
             "c.md": "30% of adults in Canada drink at home with friends.\n"}
    groups = _grouped_pages(pages)
    assert groups and not any({"a.md", "c.md"} <= pages for pages in groups)


def test_an_overlapping_wording_that_opens_with_a_word_of_its_own_is_another_measure():
    # "unpaid hydro debt" and "hydro bill debt" share two of four words; "unpaid" qualifies.
    pages = {"a.md": "About 15% of adults in Canada have unpaid hydro debt.\n",
             "b.md": "Nearly 20% of adults in Canada have hydro bill debt.\n"}
    assert _grouped_pages(pages) == []


def test_wordings_that_differ_in_more_words_than_they_share_are_two_measures():
    pages = {"a.md": "60% of adults in Canada drink tap water at work.\n",
             "b.md": "45% of adults in Canada drink water at home.\n"}
    assert _grouped_pages(pages) == []


def test_a_wording_that_says_less_than_half_of_another_is_not_sure_to_be_it():
    # "nursing" is the start of "nursing students finishing this spring": a head part, but one
    # word of four may be said of many quantities; the group lists it, CT210 does not report it.
    pages = {"a.md": "Nearly 60 percent of nursing students finishing this spring borrowed money, at an average "
                     "of $21,000 each.\n",
             "b.md": "The average debt at graduation was $15,500 in nursing (62% borrowing).\n"}
    [group] = group_readings(page_readings(pages))
    assert {r.path for r in group.readings} == {"a.md", "b.md"}
    assert [r.path for r in group.sure()] == ["a.md"]


def test_the_quarter_of_the_data_is_a_qualifier():
    assert frame("Store card balances climbed to $390 billion in the first quarter.", "390").quarter == "q1"
    assert frame("Store card balances hit $930 billion in Q3 2022.", "930").soft_key() == (None, "2022", "q3")
    assert frame("Store card balances hit $930 billion last quarter.", "930").quarter is None


def test_a_level_reached_says_what_the_quantity_is():
    # "rose to", "hit a fresh high of", "climbed to a new high of": the verb says only that the
    # quantity now stands at the figure; a different quarter is another value of the series
    pages = {
        "a.md": "During the second quarter, store card balances hit a fresh high of $412 billion, according to "
                "the central bank.\n",
        "b.md": "Total store card debt rose to $455 billion during the second quarter, the bank said.\n",
        "c.md": "Store card balances climbed to $390 billion in the first quarter.\n",
        "d.md": "Household debt increased 2% to $9.1 trillion in the second quarter.\n",
        "e.md": "The report showed total household debt also climbed to a new high of $9.6 trillion.\n",
    }
    assert sorted(map(sorted, _grouped_pages(pages))) == [["a.md", "b.md"], ["d.md", "e.md"]]


def test_a_level_reached_reads_the_same_when_a_line_break_is_its_space():
    # a hard-wrapped Markdown paragraph breaks "rose\nto" and "high\nof" where a space was
    pages = {
        "a.md": "During the second quarter, store card balances hit a fresh high\nof $412 billion.\n",
        "b.md": "Total store card debt rose\nto $455 billion during the second quarter, the bank said.\n",
    }
    assert sorted(map(sorted, _grouped_pages(pages))) == [["a.md", "b.md"]]


@pytest.mark.parametrize(
    ("sentence", "part", "moment"),
    [
        ("Today, 4% of farms use drones, and this share will grow to over 12% of farms by 2030.", "12%", "forecast"),
        ("Today, 4% of farms use drones, and this share will grow to over 12% of farms by 2030.", "4%", None),
        ("Drone sales are expected to reach $9 billion in 2031.", "9", "forecast"),
        ("Ten years ago, a drone cost about $4,000.", "4,000", "past"),
        ("A drone cost about $4,000 in 2019.", "4,000", None),
        ("By 2031, 9 million drones may be in use.", "9 million", "forecast"),
        ("Some 9 million drones may be in use by 2031.", "9 million", "forecast"),
        ("About 42 million Americans will have migraine during their lifetime.", "42", None),  # a life, not a forecast
    ],
)
def test_a_value_dated_against_its_pages_day_is_another_moment(sentence, part, moment):
    assert frame(sentence, part).moment == moment


def test_a_level_to_be_reached_by_a_year_is_a_forecast_for_that_year():
    assert frame("In 2021, sales were $4 billion, and they may reach $9 billion by 2031.", "9").soft_key() == (
        None, "2031", None)


def test_a_forecast_is_compared_only_with_a_forecast_of_a_named_year():
    pages = {"a.md": "Drone sales will reach $9 billion in 2031.\n",
             "b.md": "Drone sales will reach $12 billion in 2031.\n",
             "c.md": "Drone sales reached $12 billion.\n",
             "d.md": "Drone sales will reach $14 billion.\n", "e.md": "Drone sales will reach $19 billion.\n"}
    assert sorted(map(sorted, _grouped_pages(pages))) == [["a.md", "b.md"]]


def test_a_level_reached_at_no_named_moment_is_not_compared():
    pages = {"a.md": "Average rents in the city rose to $1,200.\n", "b.md": "Average rents in the city fell to $1,500.\n"}
    assert _grouped_pages(pages) == []


def test_a_level_reached_now_is_the_current_value():
    # "this year", "today", "now", "currently" name the present: the level is the current value,
    # as an undated "is $5 billion" is
    pages = {"a.md": "Gym fee debt in Canada reached a record of $4 billion this year.\n",
             "b.md": "Gym fee debt in Canada is $5 billion.\n"}
    assert sorted(map(sorted, _grouped_pages(pages))) == [["a.md", "b.md"]]
    pages = {"a.md": "Gym fee debt in Canada has now climbed to $4 billion.\n",
             "b.md": "Gym fee debt in Canada is $5 billion.\n"}
    assert sorted(map(sorted, _grouped_pages(pages))) == [["a.md", "b.md"]]


@pytest.mark.parametrize(
    ("sentence", "part", "year"),
    [
        # a span of years before what reports the data: the period the data covers
        ("According to the 2020-2021 national survey, 71% of Canadian homes keep a bird.", "71%", "2020-2021"),
        # "1994 when ...": the year of the clause "when" opens
        ("That compares with 1994 when 48 percent of Canadian homes kept a bird.", "48", "1994"),
        # a year that follows another figure of the sentence is that figure's
        ("Today 39 percent (14 million) keep birds, up from 36 percent in 2009.", "39 percent", None),
        ("Today 39 percent (14 million) keep birds, up from 36 percent in 2009.", "36 percent", "2009"),
        ("In 2009, 36 percent of homes kept birds and 12 percent kept fish.", "12 percent", "2009"),
    ],
)
def test_the_year_of_the_data_in_other_forms(sentence, part, year):
    assert frame(sentence, part).year == year


@pytest.mark.parametrize(
    "sentence",
    ["In all, 12% of Canadian homes keep birds other than parrots.",
     "In all, 12% of Canadian homes keep birds excluding parrots.",
     "In all, 12% of Canadian homes keep birds except for parrots."],
)
def test_an_exclusion_reads_as_a_negation(sentence):
    assert frame(sentence, "12%").said_order[:3] == ("keep", "bird", "not")


def test_the_year_nearest_a_figure_dates_it():
    sentence = ("Balances jumped between the third and fourth quarter of 2022, past the record of $927 billion "
                "set in 2019.")
    assert frame(sentence, "927").year == "2019"
    assert frame("In 2019, a year after the 2018 slump, debt stood at $900 billion.", "900").year == "2019"


@pytest.mark.parametrize(
    "sentence",
    [
        "Store card debt per card-carrying adult is $3,120.",
        "The figure is $3,480 per U.S. adult with a store card.",
        "Debt per cardholder was $3,300 last spring.",
        "The average cardholder now has more than $3,900 in store card debt.",
    ],
)
def test_a_person_named_by_what_they_hold_counts_people_holding_it(sentence):
    assert frame(sentence, "$").counted == "per people | card"


def test_a_web_sites_name_is_not_said():
    said = frame("StoreCards.com's latest survey of store card debt per card-carrying adult is $3,120.", "$").said
    assert "com" not in said and {"store", "card", "debt"} <= set(said)


def test_amounts_per_holder_worded_differently_are_one_measure():
    pages = {
        "a.md": "StoreCards.com's latest survey of store card debt per card-carrying adult is $3,120.\n",
        "b.md": "The average cardholder now has more than $3,900 in store card debt.\n",
        "c.md": "Store card debt per household is $7,100.\n",
    }
    assert _grouped_pages(pages) == [{"a.md", "b.md"}]


def test_a_relative_clause_of_what_the_counted_group_has_narrows_it():
    narrowed = frame("About 30% of Americans who have store card accounts carry a balance each month.", "30%")
    assert narrowed.counted == "people | account card store" and narrowed.said == ("balance",)  # "carry" says "have"
    # the share of all adults who have a store card is another measure: never grouped with it
    pages = {"a.md": "About 30% of Americans who have store card accounts carry a balance each month.\n",
             "b.md": "About 7 in 10 American adults have a store card.\n"}
    assert _grouped_pages(pages) == []
    # a negation ends the clause: "who have diabetes don't know it"
    assert frame("About 20% of people who have diabetes don't know it.", "20%").said == ("know", "not")


def test_a_relative_clause_after_a_generic_noun_is_said_of_the_heading():
    # "the condition, which affects": the subject is "the condition", said elsewhere (the
    # heading), not the words before it ("Whatever the name").
    frames = _frames_of("# Gout\n\nWhatever the name, the condition, which affects nearly 4% of American adults, "
                        "is painful.\n")
    got = frames["nearly 4% of American adults"]
    assert (got.said, got.said_from, got.place) == (("gout",), "heading", "us")


def test_a_figure_that_restates_the_one_before_shares_its_frame():
    # in brackets, or after ", or": one statement in two numbers (a share and a count)
    for page in ("Gout affects nearly 4% of American adults (9 million people).\n",
                 "Gout affects nearly 4% of American adults, or about 9 million people, in any year.\n"):
        frames = _frames_of(page)
        share, count = frames["nearly 4% of American adults"], next(f for t, f in frames.items() if "9 million" in t)
        assert count.population == share.population == ("all", "all")  # not the subgroup "American adults"
        assert (count.said, count.place, count.kind) == (share.said, share.place, "count")


def test_a_quoted_or_capitalised_name_after_is_known_as_is_an_alias():
    assert read_aliases("Gout is known as the “disease of kings” in old books.") == (
        (("gout",), ("disease", "king")),)
    assert read_aliases("Gout is also called Podagra.") == ((("gout",), ("podagra",)),)
    # a description, not a name
    assert read_aliases("Gout is known as a painful form of arthritis.") == ()


def test_a_prevalence_is_a_share_of_people():
    # "the prevalence of X is N%" says what "N% of people have X" says
    stated = frame("The prevalence of gout is about 4% in France.", "4%")
    worded = frame("About 4% of people in France have gout.", "4%")
    assert (stated.counted, stated.said, stated.place) == ("people", ("gout",), "france")
    assert stated.strict_key() == worded.strict_key()


def test_a_participle_before_the_verb_narrows_who_is_counted():
    got = frame("Only about 25% of adults diagnosed with gout are taking medication.", "25%")
    # "diagnosed with gout" says what "with gout" says (see the "diagnosed with" tests)
    assert (got.counted, got.said) == ("people | gout", ("medication", "tak"))
    # so it is not the head-part of "42% of adults are diagnosed"
    diagnosed = frame("Less than half of adults (42%) are diagnosed.", "Less than half")
    assert diagnosed.counted == "people" and diagnosed.said == ("diagnos",)


def test_the_noun_before_of_is_what_a_count_counts():
    deaths = frame("Gout resulted in the death of 1,200 Canadians in 2015.", "1,200")
    assert deaths.counted == "death"
    assert frame("A total of 4 million Canadians have gout.", "4 million").counted == "people"
    # so the people who have it are not joined to a count of deaths (as its head part)
    people = [reading(fig(4e6, text="4 million Canadians", unit="people", precision=1e6), "a.md",
                      sentence="About 4 million Canadians have gout."),
              reading(fig(5e6, text="5 million Canadians", unit="people", precision=1e6), "b.md",
                      sentence="Nearly 5 million Canadians have gout.")]
    died = reading(fig(1200, text="1,200 Canadians", unit="people", precision=100), "c.md",
                   sentence="Gout resulted in the death of 1,200 Canadians in 2015.")
    [group] = group_readings([*people, died])
    assert {r.path for r in group.readings} == {"a.md", "b.md"} and group.confidence == 1.0


def test_a_figure_that_restates_the_sentence_before_takes_what_it_is_about():
    # "X equates that to N": the pointer is the object; X says who restates it, not what
    frames = _frames_of("Nearly 4% of adults in France have gout. The French Rheumatology Society equates "
                        "that to 2 million people, or one in 25 adults.\n")
    for text in ("2 million people", "one in 25 adults"):
        assert frames[text].said == frames["Nearly 4% of adults in France"].said == ("gout",), text
        assert frames[text].said_from == "previous"


@pytest.mark.parametrize(("adjective", "noun"), [("hypertensive", "hypertension"), ("depressive", "depression"),
                                                 ("addictive", "addiction")])
def test_an_adjective_says_what_its_noun_says(adjective, noun):
    assert frames_module.stem(adjective) == frames_module.stem(noun)


def test_an_age_limit_after_the_counted_group_is_its_population():
    # "adults over 20 years old" are a band of their own, not every adult
    got = frame("About 32% of adults over 20 years old are hypertensive.", "32%")
    assert got.population == ("all", "20-older") and got.said == ("hypertension",)
    assert frame("About 32% of adults are hypertensive.", "32%").population == ("all", "all")


def test_a_bare_count_restated_as_a_share_of_people_counts_people():
    frames = _frames_of("Gout affects 2 million, or one in 25 adults, in France.\n")
    count = frames["2 million"]
    assert (count.counted, count.unit, count.said, count.place) == ("people", "people", ("gout",), "france")


def test_an_indefinite_pronoun_counts_people_in_general():
    # "someone" is a person, as "another Canadian" is: neither is what is said
    frames = _frames_of("Every 40 seconds, someone in Canada breaks a hip.\n\n"
                        "Every 45 seconds, another Canadian breaks a hip.\n")
    assert frames["Every 40 seconds"].said == frames["Every 45 seconds"].said == ("break", "hip")


def test_a_level_after_a_comma_and_to_belongs_to_the_clause_before():
    # ", to 2 million people" is the object of the verb before the comma: its forecast and year
    got = frame("The number of Canadians with gout is expected to roughly double by 2040, to 2 million people.", "2 million")
    assert (got.moment, got.year) == ("forecast", "2040")
    # so an undated statement of the level now is not left beside a level reached at no date
    now = _frames_of("Gout affects 1 million Canadians.\n")["1 million Canadians"]
    assert got.strict_key() != now.strict_key()


@pytest.mark.parametrize("hedge", ["are known to", "are thought to", "are believed to", "are now estimated to"])
def test_a_passive_of_knowing_before_to_is_a_hedge_not_what_is_said(hedge):
    # "are known to have gout" says what "have gout" says: how sure, not what
    assert frame(f"More than 2 million Canadians {hedge} have gout.", "2 million").said == ("gout",)


def test_a_partitive_of_these_or_those_counts_members_of_the_group_before():
    # "Of those, 2 million are women": a part of the group the sentence before counts; what is
    # said of it is what was said of that group, and "are women" is its population
    frames = _frames_of("Gout affects 9 million Canadians. Of those, 2 million are women.\n\n"
                        "About 4% of Canadians have gout. Of these roughly 9 million, 7 million are men and "
                        "2 million are women.\n")
    for text in ("2 million", "roughly 9 million", "7 million"):
        assert frames[text].said == ("gout",), text
        assert frames[text].place == "canada", text
    assert frames["2 million"].population == ("women", "all")


def test_a_count_of_these_people_counts_people():
    # "approximately 2 million of these people are women" counts people, as "2 million women" does
    frames = _frames_of("More than 9 million Canadians are known to have gout, approximately 2 million of these "
                        "people are women.\n")
    got = frames["approximately 2 million"]
    assert (got.counted, got.unit, got.said, got.population) == ("people", "people", ("gout",), ("women", "all"))


@pytest.mark.parametrize("link", ["equal to", "equivalent to", "that is,"])
def test_a_figure_restating_another_between_dashes_reads_on_after_the_closing_dash(link):
    # "One in 25 adults — equal to about 2 million Canadians — has gout": the count sits in a
    # dashed aside that restates the share; what is said of it comes after the closing dash
    got = frame(f"One in 25 adults in Canada — {link} about 2 million Canadians — has gout.", "2 million")
    assert (got.counted, got.said, got.place) == ("people", ("gout",), "canada")


def test_a_part_said_to_be_adults_is_the_adults_not_everyone():
    # adults are the default population, but "7 million are adults" names a part of the group
    # just counted: the adults among the 9 million, not all of them
    frames = _frames_of("About 9 million Canadians have gout. Of these, 7 million are adults and 2 million are "
                        "children.\n")
    assert frames["7 million"].population == ("all", "adults")
    assert frames["About 9 million Canadians"].population == ("all", "all")
    assert frames["7 million"].said == frames["About 9 million Canadians"].said == ("gout",)


def test_an_adjective_in_ever_is_no_lifetime():
    # "the first-ever survey" is the first of all time; "have ever had gout" is a lifetime
    got = frame("According to the first-ever national survey, gout now affects 2 million Canadians.", "2 million")
    assert got.time_frame is None
    assert frame("About 3 million Canadians have ever had gout.", "3 million").time_frame is not None


def test_a_fact_sheets_label_names_what_the_count_after_its_colon_counts():
    # "Total number of Canadians with gout: More than 2 million" counts people, as "More than 2
    # million Canadians have gout" does
    frames = _frames_of("Total number of Canadians with gout: More than 2 million.\n")
    got = frames["More than 2 million"]
    assert (got.counted, got.unit, got.said) == ("people", "people", ("gout",))


def test_a_paragraph_pointing_back_at_a_dated_survey_is_of_the_surveys_period():
    # "The 2019-2020 Garden Census ... In the census, 41% ...": the share reports that census's
    # data, so it is of 2019-2020 (filled, not said), as the count in the naming sentence is
    frames = _frames_of("The 2019-2020 Garden Census counted 12 million gardens in Canada.\n\n"
                        "41% of Canadian homes grow tomatoes, according to the census.\n")
    assert frames["41% of Canadian homes"].year == "2019-2020"
    assert "year" in frames["41% of Canadian homes"].filled
    # with no pointer back, or a pointer at another kind of source, the share stays undated
    assert _frames_of("The 2019-2020 Garden Census counted 12 million gardens in Canada.\n\n"
                      "41% of Canadian homes grow tomatoes.\n")["41% of Canadian homes"].year is None
    assert _frames_of("The 2019-2020 Garden Census counted 12 million gardens in Canada.\n\n"
                      "41% of Canadian homes grow tomatoes, the survey says.\n")["41% of Canadian homes"].year is None


@pytest.mark.parametrize("part", ["More than half", "61 percent"])
def test_a_share_restated_in_brackets_counts_the_group_after_them(part):
    # "More than half (61 percent) of Canadian homes ...": "of Canadian homes" follows the
    # bracketed restatement; both figures are shares of those homes, as without the brackets
    plain = frame("About 61 percent of Canadian homes keep a goldfish.", "61")
    got = frame("More than half (61 percent) of Canadian homes keep a goldfish.", part)
    assert (got.counted, got.said, got.place) == (plain.counted, plain.said, plain.place) == (
        "home", ("goldfish", "keep"), "canada")


def test_an_age_limit_with_no_years_after_the_group_is_read_past():
    # "children under 18 have had gout at some point in their lives": "under 18" delimits who is
    # counted (as "under 18 years old" does); the clause reads on past it, so the lifetime is read
    got = frame("Two million Canadian children under 18 have had gout at some point in their lives.", "Two million")
    assert (got.said, got.said_from, got.time_frame, got.population) == (("gout",), "clause", "ever", ("all", "children"))
    # three digits are an amount, not an age: the clause still ends there
    assert frame("Gout costs under 500 dollars a year for 3 million Canadians.", "3 million").population == (
        "all", "under-500")


@pytest.mark.parametrize("wording", ["have gout", "have been diagnosed with gout", "were diagnosed with gout"])
def test_diagnosed_with_says_only_that_they_have_it(wording):
    # "have been diagnosed with gout" says what "have gout" says, as "live with" or "suffer from"
    assert frame(f"About 2 million Canadians {wording}.", "2 million").said == ("gout",)


@pytest.mark.parametrize(("sentence", "said"), [
    ("About 2 million Canadians have undiagnosed gout.", ("gout", "undiagnos")),
    ("Only 40% of Canadians with gout are diagnosed and treated.", ("diagnos",)),
])
def test_diagnosed_without_with_keeps_its_word(sentence, said):
    # "undiagnosed" and "are diagnosed" (with nothing after) say something of their own
    assert frame(sentence, sentence.split()[1]).said == said


@pytest.mark.parametrize(("first", "second"), [
    ("abandoned", "abandonment"), ("diagnosed", "diagnosis"), ("searches", "search"),
    ("addresses", "address"), ("opened", "open"), ("owning", "own"), ("studied", "study"),
    ("stopped", "stop"),
])
def test_a_words_derived_and_inflected_forms_share_its_stem(first, second):
    assert frames_module.stem(first) == frames_module.stem(second)


@pytest.mark.parametrize("word", ["bring", "need", "agreed", "unit", "business", "diabetes"])
def test_a_stem_cuts_no_ending_a_word_only_looks_like_it_has(word):
    # "bring" has no verb ending "-ing", nor "need" "-ed"; "diabetes" keeps its "e"
    assert frames_module.stem(word) == {"diabetes": "diabete"}.get(word, word)


def test_two_wordings_of_one_cart_measure_say_the_same_words():
    # the brief's example: "abandon", "abandoned", "abandonment" are one word
    worded = frame("About 70% of online shoppers abandoned their carts.", "70%")
    named = frame("The cart abandonment rate is about 70%.", "70%")
    assert set(worded.said) == set(named.said) == {"abandon", "cart"}


@pytest.mark.parametrize(("having", "plain"), [
    ("Nearly 12% of firms carry business debt.", "Nearly 12% of firms have business debt."),
    ("Some 35% of households owning a cat spend more on food.", "Some 35% of households with a cat spend more on food."),
    ("About 80% of people with glaucoma remain undiagnosed.", "About 80% of people with glaucoma are undiagnosed."),
    ("Roughly 5 million adults receive a diagnosis of gout.", "Roughly 5 million adults get a diagnosis of gout."),
])
def test_verbs_of_having_and_copulas_say_nothing_of_their_own(having, plain):
    part = having.split()[1]
    assert frame(having, part).said == frame(plain, part).said
    assert frame(having, part).counted == frame(plain, part).counted


def test_a_place_named_by_its_kind_is_not_said_nor_counted():
    across = frame("One in 12 people across the country have gout.", "One in 12")
    assert (across.counted, across.said) == ("people", ("gout",))


def test_a_verb_of_origin_ends_the_counted_group():
    # "comes from", "stems from" say where the counted thing comes from: not a part of it
    got = frame("Some 51% of all website traffic comes from organic searches.", "51%")
    assert (got.counted, got.said) == ("website traffic", ("organic", "search"))


def test_a_generic_noun_after_the_counted_groups_tail_ends_its_name():
    # "Of the 3 million Americans with Crohn's disease, ...": the count of people who have it
    tail = frame("Of the 3 million Americans with Crohn's disease, most are adults.", "3 million")
    said = frame("About 3 million Americans have Crohn's disease.", "3 million")
    assert (tail.counted, tail.said, tail.place) == ("people", ("crohn", "disease"), "us")
    assert tail.strict_key() == said.strict_key()
    # a predicate that says more keeps narrowing who is counted
    narrowed = frame("About 25% of adults with gout take medication daily.", "25%")
    assert narrowed.counted == "people | gout"


@pytest.mark.parametrize(
    ("markdown", "part", "period"),
    [
        # the page's title or a heading above names the period its data cover
        ("# Beekeeping in Canada, 2015–2016\n\n## Key findings\n\nAbout 41.2% of hives came through winter.\n",
         "41.2%", "2015-2016"),
        ("# Beekeeping statistics for 2024\n\nAbout 41.2% of hives came through winter.\n", "41.2%", "2024"),
        # an earlier sentence of the paragraph opens with the period it is set in
        ("During 2005–2008, about 12 million hives were kept. Of these, 31% came through winter.\n",
         "31%", "2005-2008"),
        ("During 2005–2008, about 31% of hives came through winter.\n", "31%", "2005-2008"),
        ("Based on the national hive census of 2017–2018, 8 million hives were kept. Most, 61%, came "
         "through winter.\n", "61%", "2017-2018"),
        # a citation with its year in the sentence, or right after it
        ("About 31% of hives came through winter (Hive Institute, 2021).\n", "31%", "2021"),
        ("About 31% of hives came through winter. (Hive Institute, 2021)\n", "31%", "2021"),
        # nothing around the sentence dates it: a date line is when the page was written
        ("# Bees are back\n\nOctober 29, 2009, 5:23 PM\n\nAbout 31% of hives came through winter.\n", "31%", None),
        # two periods in the title: which one is a guess
        ("# Hives, 1999–2002 and 2005–2008\n\nAbout 31% of hives came through winter.\n", "31%", None),
    ],
)
def test_the_period_a_page_gives_around_a_figure(markdown, part, period):
    [(text, got)] = [(text, fr) for text, fr in _frames_of(markdown).items() if part in text]
    assert got.period == period and got.year is None


def test_a_figure_dated_in_its_own_clause_keeps_its_year_and_takes_no_period():
    [got] = _frames_of("# Hives, 2015–2016\n\nIn 2019, about 31% of hives came through winter.\n").values()
    assert (got.year, got.period) == ("2019", None)


def test_periods_apart_only_when_both_say_one_and_they_do_not_overlap():
    undated = frame("About 31% of hives came through winter.", "31%")
    dated = attrs.evolve(undated, year="2019")
    assert not frames_module.dated_apart(undated, dated)
    assert frames_module.dated_apart(attrs.evolve(undated, period="2015-2016"), dated)
    assert frames_module.dated_apart(attrs.evolve(undated, period="2005-2008"),
                                     attrs.evolve(undated, period="2015-2016"))
    assert not frames_module.dated_apart(attrs.evolve(undated, period="2015-2016"),
                                         attrs.evolve(undated, year="2016"))


def test_a_noun_group_said_with_a_word_inside_it_is_one_measure_with_it():
    # "boat loan debt" names the debt "boat debt" names: a word inside a noun group, between its
    # first word and its head, says what the first word already means
    pages = {"a.md": "Households in Canada owe $90 billion in boat loan debt.\n",
             "b.md": "Households in Canada owe $75 billion in boat debt.\n"}
    assert sorted(map(sorted, _grouped_pages(pages))) == [["a.md", "b.md"]]


def test_a_word_before_a_noun_group_or_past_it_still_narrows_it():
    # a word that opens the noun group qualifies it ("chronic back pain"); a word past the noun
    # group is no part of it ("chronic sleep disorder like insomnia")
    pages = {"a.md": "About 12% of adults in Canada have chronic back pain.\n",
             "b.md": "About 30% of adults in Canada have back pain.\n"}
    assert _grouped_pages(pages) == []
    pages = {"a.md": "About 60% of adults in Canada have a chronic sleep disorder like insomnia.\n",
             "b.md": "About 10% of adults in Canada have a chronic insomnia disorder.\n"}
    assert _grouped_pages(pages) == []


def test_a_long_clause_is_read_from_its_opening():
    # the words before the figure run past the frame's window (90 characters): the clause's
    # opening, "Quitting", is what the figure is about, and is read when the clause has no
    # break before the figure and starts near enough
    sentence = ("Quitting sugary drinks before the age of forty lowers the chance of dying from a "
                "tooth-related illness by about 80%.")
    assert sentence.find("about 80%") > WINDOW
    assert "quit" in frame(sentence, "80%").said_order
    # a clause break before the figure ends the clause there, as before
    broken = ("Quitting sugary drinks helps, and anyone under forty lowers the chance of dying from "
              "a tooth-related illness by about 80%.")
    assert "quit" not in frame(broken, "80%").said_order


def test_a_share_of_the_people_with_a_condition_is_not_its_prevalence():
    # "more than 60% of children with gout still have it as adults": the share is taken of the
    # children who have gout (who is counted), and the clause says nothing more of them; it is
    # not the share of children who have gout ("10% of children have gout")
    still = frame("Studies show that more than 60% of children with gout still have it as adults.", "60%")
    assert still.counted == "people | gout"
    pages = {"a.md": "Studies show that more than 60% of children with gout still have it as adults.\n",
             "b.md": "About 10% of children have gout.\n"}
    assert _grouped_pages(pages) == []
    # a count of the people with it is the count of the people who have it
    assert frame("There are 5 million children with gout.", "5 million").said == ("gout",)
