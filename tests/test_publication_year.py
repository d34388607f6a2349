"""One reading of a reference's year of publication (`claimstrack.text.publication_year`): the
staleness rules (CT111, CT112) and the matching of numbered reference lists read the same year.
The staleness rules once took any year up to 2999, which the reference lists did not."""

from __future__ import annotations

import pytest

from claimstrack.checks.standing import reference_year
from claimstrack.model import Reference
from claimstrack.text import PUBLICATION_YEAR, publication_year


@pytest.mark.parametrize(("written", "year"), [
    ("2019", 2019), ("Spring 2019, revised 2021", 2019), ("1650", 1650), ("2099", 2099),
    ("n.d.", None), ("", None), ("2150", None), ("12019", None), ("2019b", None),
])
def test_the_staleness_rules_and_the_reference_lists_read_one_year(written: str, year: int | None) -> None:
    assert publication_year(written) == year
    assert reference_year(Reference("key", "article", year=written)) == year
    assert [int(found) for found in PUBLICATION_YEAR.findall(written)][:1] == ([year] if year else [])


def test_a_reference_without_a_year_has_none() -> None:
    assert reference_year(Reference("key", "article")) is None
    assert reference_year(None) is None
