"""Hedge phrases and the interval each one implies (docs/figures.md, "Interval semantics").

A hedge before a number ("more than 90%") or after it ("15 or more") turns the stated value
into an interval. Phrases are kept as tuples of lower-case tokens so the grammar can look them
up as suffixes of the words before a number, longest first, with no regex over the document.
"""

from __future__ import annotations

#: Normalised hedge -> (low is the value, low inclusive, high is the value, high inclusive).
BOUNDS: dict[str, tuple[bool, bool | None, bool, bool | None]] = {
    "over": (True, False, False, None),
    "at least": (True, True, False, None),
    "almost": (False, None, True, False),
    "up to": (False, None, True, True),
    "less than": (False, None, True, False),
    "approximately": (False, None, False, None),
    "none": (False, None, False, None),
}

_BEFORE = {
    "over": [
        "over", "more than", "greater than", "exceeds", "exceeded", "exceed", "exceeding",
        "upwards of", "upward of", "above", "in excess of", "higher than", "larger than",
        "bigger than", "north of", "surpass", "surpasses", "surpassed", "surpassing",
        "well over", "well above", "just over", "just above", "slightly more than",
        "significantly more than", "far more than", "much more than", "well in excess of", ">",
        "more then", "greater then",
    ],
    "at least": [
        "at least", "no fewer than", "no less than", "not less than", "not fewer than",
        "a minimum of", "minimum of", "at minimum", "as little as", "as low as", ">=", "> =", "≥",
        "greater than or equal to", "more than or equal to", "higher or equal than",
        "bigger or equal than", "larger or equal than", "greater or equal than",
        "equal to or more than", "equal to or greater than", "equal to or higher than",
        "at least or equal to", "starting at", "starting from", "from just",
    ],
    "almost": [
        "almost", "nearly", "just under", "close to", "just below", "just shy of", "approaching",
        "not quite", "a little under", "a little less than", "slightly less than",
        "slightly under", "nearing",
    ],
    "up to": [
        "up to", "as high as", "at most", "as many as", "as much as", "no more than",
        "not more than", "a maximum of", "maximum of", "at maximum", "<=", "< =", "≤",
        "less than or equal to", "fewer than or equal to", "smaller or equal than",
        "less or equal than", "lower or equal than", "equal to or less than",
        "equal to or fewer than", "equal to or lower than", "no greater than", "no higher than",
        "not exceeding", "capped at",
    ],
    "less than": [
        "less than", "under", "fewer than", "below", "lower than", "smaller than", "shy of",
        "beneath", "well under", "well below", "far less than", "much less than", "<",
        "less then",
    ],
    "approximately": [
        "approximately", "about", "around", "roughly", "some", "an estimated", "estimated",
        "estimated at", "estimated to be", "estimated to reach", "estimated to affect",
        "estimated to have", "estimated to number", "estimated to cost", "estimated to total",
        "estimated to account for", "approx", "approx .", "~", "≈",
        "circa", "ca .", "an approximate", "approximate", "in the region of", "on the order of",
        "give or take", "somewhere around", "an average of", "on average", "averaging",
        "average of", "something like", "in the neighborhood of", "in the neighbourhood of",
    ],
}

#: Tuple of lower-case tokens -> normalised hedge.
BEFORE: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): hedge for hedge, phrases in _BEFORE.items() for phrase in phrases
}
LONGEST_BEFORE = max(len(key) for key in BEFORE)
#: The word each hedge phrase ends with: a number after any other word has no hedge before it.
LAST_BEFORE = frozenset(key[-1] for key in BEFORE)

#: Words after a number: "15 or more", "65 and older", "500 or less", "40 or so".
AFTER: dict[str, str] = {
    "more": "at least", "greater": "at least", "higher": "at least", "above": "at least",
    "over": "at least", "older": "at least", "longer": "at least", "up": "at least",
    "beyond": "at least", "larger": "at least", "bigger": "at least",
    "less": "up to", "fewer": "up to", "lower": "up to", "under": "up to", "below": "up to",
    "younger": "up to", "shorter": "up to", "smaller": "up to",
    "so": "approximately",
}


def bounds(hedge: str, value: float) -> tuple[float | None, float | None, bool | None, bool | None]:
    """(low, high, low_inclusive, high_inclusive) for a single value under `hedge`.

    >>> bounds("over", 92.0)
    (92.0, None, False, None)
    """
    low_is, low_inc, high_is, high_inc = BOUNDS[hedge]
    return (value if low_is else None, value if high_is else None, low_inc, high_inc)


def with_or_equal(hedge: str) -> str:
    """"less than 5000 or equal" is "up to"; "more than 5000 or equal to" is "at least"."""
    return {"over": "at least", "less than": "up to"}.get(hedge, hedge)
