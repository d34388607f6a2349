"""Bare percentages that say nothing of what they count are not grouped on the page's topic."""

from __future__ import annotations

from pathlib import Path

from claimstrack.engine import check


def codes(tmp_path: Path, page: str) -> list[str]:
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "p.md").write_text(page)
    return [f.code for f in check(root=tmp_path).findings]


def test_a_testimonial_percent_and_a_satisfaction_rate_are_not_one_quantity(tmp_path):
    page = ("# Migraine clinic: 98% satisfaction\n\nChronic migraine is hard to live with.\n\n"
            "\u201cIt cut my pain by 80%,\u201d says one patient.\n")
    assert "CT210" not in codes(tmp_path, page)


def test_percents_that_name_their_population_are_still_compared(tmp_path):
    found = _site(tmp_path, {"a.md": "About 12% of adults in the US have migraine.\n",
                             "b.md": "Further down: about 18% of adults in the US have migraine.\n"})
    assert len(found) == 1


def _site(tmp_path: Path, pages: dict[str, str]) -> list:
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    for name, text in pages.items():
        (tmp_path / "content").mkdir(exist_ok=True)
        (tmp_path / "content" / name).write_text(text)
    return [f for f in check(root=tmp_path).findings if f.code == "CT210"]


def test_an_unsaid_condition_joins_the_one_group_that_says_it(tmp_path):
    found = _site(tmp_path, {
        "home.md": "Migraine care.\n\n87% of patients reported relief within 3 sessions.\n",
        "faq.md": "How many sessions?\n\n80% of patients reported relief within 3 sessions.\n",
    })
    assert len(found) == 1 and {found[0].path, found[0].related[0].path} == {"content/home.md", "content/faq.md"}


def test_an_unsaid_condition_stays_apart_when_two_conditions_could_claim_it(tmp_path):
    found = _site(tmp_path, {
        "migraine.md": "Migraine care.\n\n87% of patients with migraine reported relief.\n",
        "asthma.md": "Asthma care.\n\n60% of patients with asthma reported relief.\n",
        "faq.md": "How many sessions?\n\n80% of patients reported relief within 3 sessions.\n",
    })
    assert found == []


def test_recommendation_and_satisfaction_rates_are_separate_quantities(tmp_path):
    found = _site(tmp_path, {
        "a.md": "Over 95% of patients would recommend us.\n\n92% patient satisfaction.\n",
        "b.md": "90% of patients would recommend us to a friend.\n",
    })
    assert len(found) == 1
    assert {found[0].figure, found[0].related[0].path} == {"90% of patients", "content/a.md"}
