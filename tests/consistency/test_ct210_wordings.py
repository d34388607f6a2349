"""CT210 end to end on small pages worded the way real pages word one return per dollar.

Each page states one figure, so a reported pair is named by its two pages. Each case is a set of
pages and the pairs of them CT210 reports (a case that adds a page to another's pages shows
what the new page changes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
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


def pair(first: str, second: str) -> frozenset[str]:
    return frozenset({first, second})


# "18% of companies earn $70": the $70 is what those companies earn, not the return of all.
_SHARE_OF_A_GROUP = {
    "a.md": "Email marketing earns $36 for every $1 spent on email.",
    "b.md": "Just 18% of companies earn $70 for every $1 spent on email.",
}
# "In Sweden, ..." names a place no table lists; the figure is that country's, not everyone's.
_SCENE_PLACE = {
    "a.md": "In Sweden, 67% of emails are opened on a phone.",
    "b.md": "Across all readers, 48% of emails are opened on a phone.",
}

CASES = [
    # "$36 to $42" agrees with both "$36" and "$42"; as the group's majority it hid the two
    # pages that disagree with each other.
    pytest.param({
        "a.md": "Email marketing returns $36 for every $1 spent, our survey found.",
        "b.md": "Email marketing returns $42 for every $1 spent, one agency says.",
        "c.md": "Email marketing returns $36 to $42 for every $1 spent.",
    }, {pair("a.md", "b.md")}, id="a range does not hide the values inside it that disagree"),
    pytest.param(_SHARE_OF_A_GROUP, set(), id="an amount said of a share of a group is that group's"),
    pytest.param({**_SHARE_OF_A_GROUP, "c.md": "Email marketing earns $42 for every $1 spent on email."},
                 {pair("a.md", "c.md")}, id="an amount said of a share of a group is not compared with the whole's"),
    # "generates $42 in return": "in return" says only that it is a return; its subject says of what.
    pytest.param({
        "a.md": "Email marketing earns $36 for every $1 spent.",
        "b.md": "For every dollar spent, email marketing generates a whopping $42 in return.",
    }, {pair("a.md", "b.md")}, id="a ratio whose predicate names only the return is read with its subject"),
    # Two multipliers that both say "ROI" are the returns of two different things.
    pytest.param({"c.md": "The retail industry achieves a 45:1 ROI.",
                  "d.md": "Our data shows that email has a 40X ROI."}, set(), id="two ROIs of different subjects are two measures"),
    # "$38 ROI for every dollar spent" names what it is; the long clause before it does not.
    pytest.param({
        "a.md": ("Email keeps beating the paid channels year after year in most of the surveys we have read, "
                 "generating $38 ROI for every dollar spent—no other channel comes close."),
        "b.md": "Email marketing has a ROI of $42 for every $1 spent.",
    }, {pair("a.md", "b.md")}, id="a ratio named in its own text is said by that name"),
    # "..., with online shops in the US achieving $72": the US is where those shops are.
    pytest.param({
        "a.md": "Businesses earn $36 for every $1 spent on email, with online shops in the US achieving up to $72 per dollar.",
        "b.md": "Email marketing earns $42 for every $1 spent on email.",
    }, {pair("a.md", "b.md")}, id="a place in a with clause after the figure is not the figure's"),
    # "Our survey found that ..." attributes; the words after "that" say what is measured.
    pytest.param({
        "a.md": "Our survey found that email marketing returns $36 for every $1 spent.",
        "b.md": "Email marketing returns $42 for every $1 spent.",
    }, {pair("a.md", "b.md")}, id="an attribution ends at its that"),
    pytest.param(_SCENE_PLACE, set(), id="a place named in the scene of a clause is its place"),
    pytest.param({**_SCENE_PLACE, "c.md": "Some 60% of emails are opened on a phone."},
                 {pair("b.md", "c.md")}, id="figures of no named place are compared without the placed one"),
    # "million" for "billion": 1,000 times apart, yet the same four written digits.
    pytest.param({
        "a.md": "Almost 319.6 million emails were sent and received each day in 2021.",
        "b.md": "About 319.6 billion emails were sent and received each day in 2021.",
    }, {pair("a.md", "b.md")}, id="the same digits under another scale word are one figure mistyped"),
    # Round numbers 1,000 times apart are a total and a part more often than a typo.
    pytest.param({"c.md": "About 2 million emails were sent and received each day in 2021.",
                  "d.md": "About 2 billion emails were sent and received each day in 2021."},
                 set(), id="round numbers under two scale words are two measures"),
    pytest.param({
        "a.md": "Email marketing ROI is what a program returns for every dollar spent on it. "
                "Industry studies peg the average at $36 per $1.",
        "b.md": "Email marketing ROI reaches $42 per $1 spent.",
    }, {pair("a.md", "b.md")}, id="the average alone points at what the sentence before is about"),
    pytest.param({"a.md": "About 300 billion emails are sent every day.",
                  "b.md": "About 900 billion emails are sent every week."}, set(), id="every day and every week are time frames"),
    # A forecast or a value "ten years ago" is dated only against the day its page was written.
    pytest.param({"a.md": "Today, 4% of farms in Canada use drones.",
                  "b.md": "Today, 4% of farms in Canada use drones, and this share will grow to over 12% of "
                          "Canadian farms by 2030."}, set(), id="a forecast is not the value now"),
    pytest.param({"a.md": "There is more than $3.5 billion in outstanding library fines in Canada.",
                  "b.md": "Outstanding library fines in Canada will exceed $2 billion for the first time this year."},
                 set(), id="a forecast with will is not the value now"),
    # "by 2050" says the year a level is to be reached: a forecast for that year, compared
    # only with forecasts for it.
    pytest.param({"a.md": "About 6 million Canadians have gout.",
                  "b.md": "By 2050, 12 million Canadians may have gout.",
                  "c.md": "Some 15 million Canadians may have gout by 2050."},
                 {pair("b.md", "c.md")}, id="a level to be reached by a year is a forecast for that year"),
    pytest.param({"a.md": "The average price of a heat pump in Canada in 2019 was $4.10 per watt.",
                  "b.md": "Prices have dropped, as ten years ago the average price of a heat pump in Canada was "
                          "about $6.20 per watt."}, set(), id="a value ten years ago is not a dated one"),
    # A figure that names the year of its data is that year's: an undated figure may be of any
    # other year (its page's), so the two are not compared; two undated ones are.
    pytest.param({"a.md": "As of 2019, 6.1 million Canadians were living with gout.",
                  "b.md": "In all, 4 million Canadians are living with gout.",
                  "c.md": "In all, 4.8 million Canadians are living with gout."},
                 {pair("b.md", "c.md")}, id="a dated figure is not compared with undated ones"),
    pytest.param({"a.md": "According to the 2020-2021 national survey, 71% of Canadian homes keep a bird.",
                  "b.md": "About 52% of Canadian homes keep a bird.",
                  "c.md": "The 2020-2021 survey found that 64% of Canadian homes keep a bird."},
                 {pair("a.md", "c.md")}, id="a survey's span of years dates its figure"),
    # An age said after the figure ("are age 65 and older", "over the age of 65", "of people 65
    # and older") counts a part of the people, not all of them; two wordings of one age bound
    # count the same part, so their values are compared.
    pytest.param({"a.md": "In all, 6 million Canadians are living with gout.",
                  "b.md": "Of all Canadians with gout, 4.2 million people are age 65 and older.",
                  "c.md": "The total includes 3.9 million Canadians over the age of 65 living with gout."},
                 {pair("b.md", "c.md")}, id="an age band after the figure is a sub-population"),
    # A page that opens with its web address and then its title (as a crawl or a saved page
    # does) has that title: its figures take the place the title names.
    pytest.param({"a.txt": "source: https://example.org/gout\nAverage Gout Costs: Canadian Statistics\n\n"
                           "The average yearly cost of gout per patient is $3,100.",
                  "b.txt": "The average yearly cost of gout per Canadian patient is $4,300."},
                 {pair("a.txt", "b.txt")}, id="a page's title under its address names the place"),
    # "children under the age of 18" are the children: one group however it is worded.
    pytest.param({"a.md": "Gout affects 14 million Canadians. Of those, 4.8 million are children under the age of 18.",
                  "b.md": "Gout affects 14 million Canadians. Of these, 3.1 million are children.",
                  "c.md": "Gout affects 14 million Canadians. Of these, 3.3 million are adults over 65."},
                 {pair("a.md", "b.md")}, id="an age bound and its group's name are one population"),
    pytest.param({"a.md": "Gout is the 6th leading cause of disability in Canada.",
                  "b.md": "Gout is the 4th leading cause of disability of people 65 and older in Canada."},
                 set(), id="a rank among people of an age is not the rank among all"),
    # "as many as 5.4 million" states a ceiling and nothing below it: a figure under it, or one
    # whose range meets it, is no sign that either page is wrong; one above it still is.
    pytest.param({"a.md": "As many as 5.4 million Canadians have gout.",
                  "b.md": "More than 5 million Canadians have gout.",
                  "c.md": "In all, 5 million Canadians have gout.",
                  "d.md": "In all, 7.2 million Canadians have gout."},
                 {pair("a.md", "d.md"), pair("c.md", "d.md")}, id="a ceiling is not contradicted by a figure under it"),
    # "other than parrots" excludes: the homes that keep other birds are not all that keep birds
    # (two wordings of one exclusion are one measure).
    pytest.param({"a.md": "In all, 58% of Canadian homes keep birds.",
                  "b.md": "In all, 12% of Canadian homes keep birds other than parrots or finches.",
                  "c.md": "In all, 9% of Canadian homes keep birds except for parrots."},
                 {pair("b.md", "c.md")}, id="an exclusion is another measure"),
    # "have had gout at some point in their lives" counts everyone who ever had it: not those
    # who have it, nor those who will have it in their lifetime.
    pytest.param({"a.md": "In all, 4% of Canadians have gout.",
                  "b.md": "In all, 11% of Canadians have had gout at some point in their lives.",
                  "c.md": "In all, 6% of Canadians will have gout in their lifetime."},
                 {pair("a.md", "c.md")}, id="ever had is another measure than has"),
    # "per year" in a count's own words says its time frame, as "in any given year" after
    # its noun does: both count the same fires, in one unit.
    pytest.param({"a.md": "In Brazil, farmers set 310,000 fires per year.",
                  "b.md": "In Brazil, farmers set 240,000 fires in any given year."},
                 {pair("a.md", "b.md")}, id="a count per year is a count with a yearly time frame"),
    # People killed, people who die and deaths caused are one count of deaths, whatever verb
    # links it to its cause; people who are injured are another count.
    pytest.param({"a.md": "Worldwide, road crashes kill 1.2 million people each year.",
                  "b.md": "Worldwide, road crashes cause 1.35 million deaths each year.",
                  "c.md": "Worldwide, 1.2 million people die in road crashes each year.",
                  "d.md": "Worldwide, road crashes injure 50 million people each year."},
                 {pair("a.md", "b.md"), pair("b.md", "c.md")}, id="people killed are deaths"),
    # "Of these roughly 2.9 million" names the whole group the sentence before counts (people),
    # then splits it: the whole is a count of people with gout, as "3.5 million Canadians" is.
    pytest.param({"a.md": "About 7.7% of Canadians have gout. Of these roughly 2.9 million, 2.2 million are adults.",
                  "b.md": "In all, 3.6 million Canadians have gout."},
                 {pair("a.md", "b.md")}, id="of these N is the group the sentence before counts"),
]


@pytest.mark.parametrize(("pages", "expected"), CASES)
def test_ct210_reports_the_pairs_of_pages_that_disagree(tmp_path, pages, expected):
    assert ct210_pairs(tmp_path, pages) == expected


# Two pages that date their data differently around the figure (a title's period, a paragraph
# set in another period) quote two measures; a page that says no period is compared with both.
_PERIODS = {
    "a.md": "# Hive survival in Canada, 2015–2016\n\nJust 48% of hives in Canada came through winter.",
    "b.md": "During 2005–2008, Canada had 12 million hives. Just 36% of hives in Canada came through winter.",
    "c.md": "Just 60% of hives in Canada came through winter.",
}


def test_ct210_does_not_compare_figures_its_pages_date_apart(tmp_path):
    assert ct210_pairs(tmp_path / "two", {k: _PERIODS[k] for k in ("a.md", "b.md")}) == set()
    found = ct210_pairs(tmp_path / "three", _PERIODS)
    assert pair("a.md", "c.md") in found and pair("b.md", "c.md") in found and pair("a.md", "b.md") not in found
