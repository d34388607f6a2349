"""The GRIM test: can a stated percentage come from a whole number of people out of n?

With n = 25 every possible share is a multiple of 4%: 92% is 23/25, but no k/25 rounds to 91%.
A percentage is *possible* for n when some k/n (k = 0..n) lies in the figure's interval
(intervals.py), so the stated precision is kept: "92%" allows [91.5, 92.5], "92.0%" only
[91.95, 92.05]. Hedged figures use their interval too: "over 92%" is (92, 96.6], so it needs
some k/n above 92 and near it; "over 92% of 10" is flagged, because the only share above 92 is
10/10, which copy would state as "all". Approximate figures ("about 90%") are wide enough to pass
for any n above 5; they are tested all the same.
"""

from __future__ import annotations

import functools
import math
import re

from claimstrack.consistency.intervals import Interval, Tolerance, figure_interval
from claimstrack.model import Figure

_EPSILON = 1e-9

# "92% of 25 patients", "92% of the 25 patients"; the number must be followed by a word.
_OF_SAMPLE = re.compile(
    r"\s{0,3}of\s{1,3}(?:the\s{1,3}|all\s{1,3})?(\d{1,3}(?:,\d{3})+|\d{1,9})\s{1,3}([A-Za-z]{2,30})"
)
# "(n = 25)", "n=25", "N = 1,024" anywhere in the sentence.
_N_EQUALS = re.compile(r"(?<![A-Za-z])[nN]\s{0,3}=\s{0,3}(\d{1,3}(?:,\d{3})+|\d{1,9})")
_NOT_PEOPLE = frozenset("percent per million billion thousand hundred times years months weeks days hours".split())


def possible_shares(interval: Interval, n: int) -> list[int]:
    """The counts k (0..n) whose share 100*k/n lies in the interval (at most a few listed)."""
    if n <= 0:
        return []
    scaled = interval.low * n / 100
    first = math.floor(scaled + _EPSILON) + 1 if not interval.low_closed else math.ceil(scaled - _EPSILON)
    found = []
    for k in range(max(first, 0), n + 1):
        share = 100 * k / n
        if share > interval.high + _EPSILON or (not interval.high_closed and share >= interval.high - _EPSILON):
            break
        found.append(k)
        if len(found) == 3:
            break
    return found


def grim_possible(figure: Figure, n: int, tolerance: Tolerance | None = None) -> bool:
    """True when the percentage figure can be k/n for some whole k (see the module notes)."""
    return bool(possible_shares(figure_interval(figure, tolerance), n))


def nearest_shares(value: float, n: int) -> tuple[int, int]:
    """The counts just below and just above a percentage for n ("91% of 25" -> (22, 23))."""
    below = max(0, min(n, math.floor(value * n / 100 + _EPSILON)))
    above = max(0, min(n, math.ceil(value * n / 100 - _EPSILON)))
    if above == below and above < n:
        above += 1
    return below, above


def explain_impossible(figure: Figure, n: int) -> str:
    """'22/25 = 88% and 23/25 = 92%': the shares either side of the stated percentage."""
    value = figure.value if figure.value is not None else (figure.low or figure.high or 0.0)
    below, above = nearest_shares(value, n)
    return f"{below}/{n} = {_percent(below, n)} and {above}/{n} = {_percent(above, n)}"


def _percent(k: int, n: int) -> str:
    return f"{100 * k / n:.4g}%"


def sample_size_after(text: str) -> int | None:
    """n from text right after a percentage: ' of 25 patients' -> 25; None when absent."""
    match = _OF_SAMPLE.match(text)
    if match is None or match.group(2).lower() in _NOT_PEOPLE:
        return None
    return _to_int(match.group(1))


# Every figure of a sentence asks it again (a sentence is up to MAX_SENTENCE characters, and a
# dense one holds dozens of figures): one search per sentence.
@functools.lru_cache(maxsize=64)
def sample_size_in(sentence: str) -> int | None:
    """n from an 'n = 25' note in a sentence; None when absent."""
    match = _N_EQUALS.search(sentence)
    return _to_int(match.group(1)) if match else None


def _to_int(digits: str) -> int | None:
    n = int(digits.replace(",", ""))
    return n if n > 0 else None


def text_after_percent(figure: Figure, sentence: str, position: int | None = None) -> str:
    """The sentence text after the figure's percent sign (or the word 'percent')."""
    if position is None or sentence[position : position + len(figure.text)] != figure.text:
        position = sentence.find(figure.text)
    if position < 0:
        return ""
    start = position
    sign = figure.text.find("%")
    if sign >= 0:
        return sentence[start + sign + 1 : start + sign + 200]
    word = figure.text.lower().find("percent")
    if word >= 0:
        return sentence[start + word + 7 : start + word + 200]
    return sentence[start + len(figure.text) : start + len(figure.text) + 200]
