"""A percentage printed next to the counts it comes from: "15/77, 27.3%", "48 (77%) of the 61".

When copy (or a study abstract) gives both k of n and the percentage, the percentage must be
100*k/n rounded to the decimals it is written with. Published abstracts get this wrong more
often than one would think, and a claim that copies the wrong one inherits the error.

Three written forms are read, each within one short stretch of text:

- "15/77, 27.3%", "23/25 (92%)"                      k/n then the percentage
- "23 of 25 patients (92%)", "23 of the 25 (92%)"    k of n, up to three words, then (p%)
- "Forty-eight (77%) of the 61 patients", "48 (77%) of 61"   k, (p%), of n

k may be written in words ("Forty-eight"). Every pattern is a fixed sequence of bounded
pieces, so matching stays linear on any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from claimstrack.figures.numbers import words_value

_INT = r"\d{1,3}(?:,\d{3})+|\d{1,9}"
_PCT = r"\d{1,3}(?:\.\d{1,3})?"
_WORD_NUMBER = r"[A-Za-z]{3,12}(?:[- ][A-Za-z]{3,12}){0,2}"

_SLASH = re.compile(rf"(?<![\d.,/])({_INT})\s{{0,2}}/\s{{0,2}}({_INT})\s{{0,2}}[,;(]\s{{0,2}}({_PCT})\s{{0,2}}%")
_OF_THEN_PCT = re.compile(
    rf"(?<![\d.,])({_INT})\s{{1,3}}(?:out\s{{1,3}})?of\s{{1,3}}(?:the\s{{1,3}})?({_INT})"
    rf"(?:\s{{1,3}}[A-Za-z]{{1,20}}){{0,3}}\s{{0,3}}\(\s{{0,2}}({_PCT})\s{{0,2}}%"
)
_PCT_THEN_OF = re.compile(
    rf"(?<![\d.,])({_INT}|{_WORD_NUMBER})\s{{1,3}}\(\s{{0,2}}({_PCT})\s{{0,2}}%\s{{0,2}}\)\s{{1,3}}"
    rf"(?:out\s{{1,3}})?of\s{{1,3}}(?:the\s{{1,3}}|all\s{{1,3}})?({_INT})(?![\d.])"
)


@attrs.frozen
class CountPercent:
    """One percentage stated beside its counts, and whether they agree."""

    start: int
    end: int
    k: int
    n: int
    percent: float
    decimals: int

    @property
    def actual(self) -> float:
        return 100 * self.k / self.n

    @property
    def agrees(self) -> bool:
        """True when 100*k/n rounds to the stated percentage at its stated precision."""
        return bool(abs(self.actual - self.percent) <= 0.5 * 10 ** -self.decimals + 1e-9)

    def describe(self) -> str:
        return f"{self.k}/{self.n} is {self.actual:.{max(self.decimals, 1)}f}%, not {_shown(self.percent, self.decimals)}%"


def count_percent_pairs(text: str) -> list[CountPercent]:
    """Every percentage in `text` printed beside the counts it should come from."""
    found: dict[int, CountPercent] = {}
    regions = _regions(text)
    for pattern, order in ((_SLASH, "knp"), (_OF_THEN_PCT, "knp"), (_PCT_THEN_OF, "kpn")):
        for start, end in regions:
            for match in pattern.finditer(text, start, end):
                pair = _pair(match, order)
                if pair is not None and pair.start not in found:
                    found[pair.start] = pair
    return [found[start] for start in sorted(found)]


# Every match of the three patterns holds an anchor: "(92%", ", 92%" or "; 92.3 %". Scanning only
# around anchors finds exactly what scanning the whole text finds (most text has none), because
# a match cannot reach further than _BEFORE characters before its anchor's end or _AFTER after
# it, as long as no run of digits and commas (the one unbounded piece, "1,000,000,...") is
# _LONG_RUN long; text with such a run is scanned whole.
_ANCHOR = re.compile(rf"[,;(]\s{{0,2}}{_PCT}\s{{0,2}}%")
#: An anchor ending where the text searched ends (at a "%"), and the most characters one spans.
_ANCHOR_ENDING = re.compile(_ANCHOR.pattern + r"\Z")
_ANCHOR_LONGEST = 13
_LONG_RUN = re.compile(r"[\d,]{64}")
_BEFORE, _AFTER = 256, 128
#: ASCII digits and commas to "0", every other byte kept: a run of 64 is then a substring.
_RUN_BYTES = bytes.maketrans(b"0123456789,", b"0" * 11)


def _has_long_run(text: str) -> bool:
    """Whether `text` holds _LONG_RUN: in C on ASCII text (the regex walks a 5 KB page at a
    tenth of the speed); the regex where other digits may be."""
    if text.isascii():
        return b"0" * 64 in text.encode("ascii").translate(_RUN_BYTES)
    return _LONG_RUN.search(text) is not None


def _regions(text: str) -> list[tuple[int, int]]:
    """Disjoint (start, end) stretches of `text` that hold every possible match."""
    if _has_long_run(text):
        return [(0, len(text))]
    regions: list[tuple[int, int]] = []
    for anchor_end in _anchor_ends(text):
        start, end = max(0, anchor_end - _BEFORE), min(len(text), anchor_end + _AFTER)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    return regions


def _anchor_ends(text: str) -> Iterator[int]:
    """Where each `_ANCHOR` match of `text` ends, in order, found from the page's "%" signs (a
    few, found in C) instead of trying the pattern at every comma and bracket. Every match ends
    at a "%" and holds no other, so no two end at the same one, nor overlap."""
    percent = text.find("%")
    while percent != -1:
        if _ANCHOR_ENDING.search(text, max(0, percent + 1 - _ANCHOR_LONGEST), percent + 1):
            yield percent + 1
        percent = text.find("%", percent + 1)


def mismatches(text: str) -> list[CountPercent]:
    """The count-and-percentage pairs of `text` that disagree."""
    return [pair for pair in count_percent_pairs(text) if not pair.agrees]


def _pair(match: re.Match[str], order: str) -> CountPercent | None:
    groups = dict(zip(order, match.groups(), strict=True))
    k = _count(groups["k"])
    n = _count(groups["n"])
    if k is None or n is None or n <= 0 or k > n or (_year(k) and _year(n)):
        return None  # "2019/2020, 45%" is a pair of years
    written = groups["p"]
    decimals = len(written.partition(".")[2])
    return CountPercent(match.start(), match.end(), k, n, float(written), decimals)


def _year(value: int) -> bool:
    return 1900 <= value <= 2100


def _count(written: str) -> int | None:
    if written[0].isdigit():
        return int(written.replace(",", ""))
    value = words_value(written)
    if value is None or value != int(value):
        return None
    return int(value)


def _shown(percent: float, decimals: int) -> str:
    return f"{percent:.{decimals}f}"
