"""Figures backed only by a citation in the document: what the local source copy says of them
(CitedSource) and CT108 when no cited copy states the figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimstrack.checks.examples import REFERENCE, project
from claimstrack.engine import check
from claimstrack.figures import extract_figures
from claimstrack.sources import CitedSource, SourceCopies

from .conftest import write_project

SECOND = REFERENCE.replace("lipton2007", "stewart1992")


@pytest.mark.parametrize(
    ("page_figure", "source", "contains"),
    [
        ("Over 90% of patients", "Improvement was reported by 91% of patients.", True),  # containment
        ("over 90% of patients", "In all, OVER 90% of\npatients improved.", True),  # words as written
        ("Over 90% of patients", "Improvement was reported by 75% of patients.", False),
        ("Over 90% of patients", "Improvement was reported by 90% of patients.", False),  # 90 may be 89.6
        ("Approximately 39 million Americans", "39.1 million Americans have migraine.", True),
        ("Approximately 39 million Americans", "Migraine affects 39% of households.", False),  # not a count
    ],
)
def test_source_copy_states_the_figure(tmp_path, page_figure, source, contains):
    (tmp_path / "lipton2007.txt").write_text(source, encoding="utf-8")
    [figure] = extract_figures(page_figure)
    [cited] = SourceCopies(tmp_path).cited(["lipton2007"], figure)
    assert cited == CitedSource("lipton2007", tmp_path / "lipton2007.txt", contains)


def test_no_copy_means_nothing_is_known(tmp_path):
    [figure] = extract_figures("Over 90% of patients")
    assert SourceCopies(tmp_path).cited(["lipton2007"], figure) == (CitedSource("lipton2007"),)


def ct108(tmp_path: Path, page: str, files: dict[str, str], bib: str = REFERENCE) -> list[str]:
    write_project(tmp_path, project(page, bib=bib, files=files).files)
    report = check(root=tmp_path)
    assert not [f for f in report.findings if f.code == "CT101"]  # the citation backs the figure
    return [f.message for f in report.findings if f.code == "CT108"]


def test_cited_figure_whose_copy_does_not_state_it_is_ct108(tmp_path):
    messages = ct108(tmp_path, "Over 90% of patients improved [@lipton2007].\n",
                     {"sources/lipton2007.txt": "Improvement was reported by 75% of patients.\n"})
    assert messages == ['"Over 90% of patients" cites [@lipton2007], but the local copy lipton2007.txt does not state it']


def test_cited_figure_stated_by_its_copy_is_fine(tmp_path):
    assert ct108(tmp_path, "Over 90% of patients improved [@lipton2007].\n",
                 {"sources/lipton2007.txt": "Improvement was reported by 91% of patients.\n"}) == []


def test_a_cited_source_with_no_copy_may_state_it(tmp_path):
    # one copy lacks the figure, the other source has no copy to look in: no verdict either way
    page = "Over 90% of patients improved [@lipton2007; @stewart1992].\n"
    assert ct108(tmp_path, page, {"sources/lipton2007.txt": "75% of patients.\n"}, REFERENCE + SECOND) == []


def test_every_cited_copy_lacking_the_figure_is_named(tmp_path):
    page = "Over 90% of patients improved [@lipton2007; @stewart1992].\n"
    files = {"sources/lipton2007.txt": "75% of patients.\n", "sources/stewart1992.md": "60% of patients.\n"}
    [message] = ct108(tmp_path, page, files, REFERENCE + SECOND)
    assert message.endswith("the local copies lipton2007.txt, stewart1992.md do not state it")
