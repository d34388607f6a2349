"""The cue after a number (`right._cue_at`) lets a group of right-hand readers be skipped where
none of them has its cue: each cue set must hold every cue its readers start with, so that a
number whose cue is not in the set gets from every reader of the group exactly what it would
have got by asking them (nothing). Checked on tails built from every word and sign the readers
know, in several cases and after every separator they allow, and on words none of them knows."""

from __future__ import annotations

import itertools

import pytest

from claimstrack.figures import right, units
from claimstrack.figures.core import read_core
from claimstrack.figures.readings import Reading

_KNOWN = sorted(
    set(units.CURRENCY_WORDS) | units.CURRENCY_CODES | set(units.TIME_UNITS)
    | {"percent", "percents", "percentage", "percentages", "percentage points", "per cent", "pct", "pp",
       "times", "fold", "in", "out of", "of", "in every", "US dollars", "U.S. dollars", "us dollars",
       "to", "through", "thru", "and", "or", "up to", "pounds sterling"}
)
_OTHER = ["patients", "adults", "rated", "more", "Main St", "olds", "year-olds", "", ".", ";", ")", "5",
          "per", "perk", "ink", "outer", "often", "tomorrow", "orders", "andes", "upon", "us", "U"]
_SIGNS = ["%", "€", "£", "¥", "₹", "×", "-", "–", "—", "~", ",", "/", "$", "+", "\u00a0€", "\u00a0"]
_BEFORE = ["", " ", "\t", "  ", "-", " - ", " -"]


def _tails() -> list[str]:
    words = [form for word in _KNOWN + _OTHER for form in (word, word.capitalize(), word.upper())]
    tails = [before + word + after for before, word, after in itertools.product(_BEFORE, words, (" 5", "5", "", " 5%", " 5 years"))]
    tails += [sign + after for sign, after in itertools.product(_SIGNS, ("", " 5", "5", " of adults", "10%"))]
    return tails


TAILS = _tails()


def _plain(tail: str) -> tuple[str, Reading, object]:
    text = "2" + tail
    core = read_core(text, 0, 1, True)
    return text, Reading(start=0, end=1, value=core.value, precision=core.precision), core


def test_the_tails_meet_every_cue_set() -> None:
    cues = {right._cue_at("2" + tail, 1) for tail in TAILS}
    for cue_set in (right._PLAIN_UNIT_CUES, right._RANGE_CUES, right._PARTNER_CUES):
        assert cues & cue_set and cues - cue_set


@pytest.mark.parametrize("reader", right._PLAIN_UNIT_READERS, ids=lambda reader: reader.__name__)
def test_a_plain_reader_without_its_cue_gives_nothing(reader) -> None:
    taken = 0
    for tail in TAILS:
        text, reading, core = _plain(tail)
        end = reader(text, reading, core, 1)
        if right._cue_at(text, 1) not in right._PLAIN_UNIT_CUES:
            assert end is None, tail
            assert reading == _plain(tail)[1], tail
        taken += end is not None
    assert taken  # the tails hold words this reader takes


def test_a_range_join_or_shared_unit_needs_its_cue() -> None:
    joins = partners = 0
    for tail in TAILS:
        text, reading, core = _plain(tail)
        cue = right._cue_at(text, 1)
        join = right._range_join(text, reading, core, 1)
        partner = right._unit_partner(text, 1)
        if cue not in right._RANGE_CUES:
            assert join is None, tail
        if cue not in right._PARTNER_CUES:
            assert partner is None, tail
        joins += join is not None
        partners += partner is not None
    assert joins and partners
