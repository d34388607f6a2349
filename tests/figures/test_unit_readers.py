"""unit_after gives a plain number (no word form, kind or currency yet) only the readers that
can take its unit: the list it walks must keep the full table's order and leave out only
readers that give a plain number nothing."""

from __future__ import annotations

import pytest

from claimstrack.figures import right
from claimstrack.figures.core import read_core
from claimstrack.figures.readings import Reading

LEFT_OUT = [reader for reader in right._UNIT_READERS if reader not in right._PLAIN_UNIT_READERS]


def test_the_plain_readers_keep_the_table_order() -> None:
    order = [right._UNIT_READERS.index(reader) for reader in right._PLAIN_UNIT_READERS]
    assert order == sorted(order)
    assert LEFT_OUT


@pytest.mark.parametrize("text", ["42 patients", "42% of adults", "42 times more", "42 years",
                                  "42 out of 50", "42 dollars", "42 rated"])
@pytest.mark.parametrize("reader", LEFT_OUT, ids=lambda reader: reader.__name__)
def test_a_reader_left_out_gives_a_plain_number_nothing(reader, text: str) -> None:
    core = read_core(text, 0, 2, True)
    reading = Reading(start=0, end=2, value=core.value, precision=core.precision)
    assert reader(text, reading, core, 2) is None
    assert reading == Reading(start=0, end=2, value=core.value, precision=core.precision)
