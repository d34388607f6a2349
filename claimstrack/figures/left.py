"""Left context: the words before a number (hedges, currency signs, "between", "aged").

Each reader looks at the last few tokens before the figure, sets what it finds on the
`Reading`, moves the figure's start left over the words it took, and returns the tokens left.
"""

from __future__ import annotations

from claimstrack.figures import hedges, units
from claimstrack.figures.patterns import CHANGE_VERBS, CURRENCY_CHARS, CURRENCY_LEFT, LEFT_TOKEN
from claimstrack.figures.readings import Reading, Tokens
from claimstrack.positions import lower_keeping_offsets

LEFT_WINDOW = 44  # characters before a number the readers look at
_HEDGE_OR_SIGN_LAST = hedges.LAST_BEFORE | {"minus", "negative"}
_RANGE_CUES_LAST = frozenset({"of", "aged", "ages", "age", "between", "the", "from"})
#: The last words before a number that `percent_of`, `hedge_before` or `range_cues` can take:
#: after any other word, all three give the tokens back unchanged.
LEFT_CUES_LAST = _HEDGE_OR_SIGN_LAST | _RANGE_CUES_LAST | {"of"}


def left_tokens(text: str, start: int) -> Tokens:
    """The last few tokens before `start`, lower-cased (their offsets found when asked)."""
    window_start = max(0, start - LEFT_WINDOW)
    window = lower_keeping_offsets(text[window_start:start])
    words: list[str] = LEFT_TOKEN.findall(window)
    if window_start and words and not window[0].isspace():
        words = words[1:]  # may be the tail of a longer word
    return Tokens(words[-8:], window, window_start)


def currency_before(text: str, reading: Reading) -> None:
    """A currency sign or code just before the number ("$5", "US$ 5", "EUR 40"): sets the currency."""
    if not _may_follow_currency(text, reading.start):
        return  # the common case, decided without a regex
    left = CURRENCY_LEFT.search(text, max(0, reading.start - 7), reading.start)
    if left is None:
        return
    if left.group("sign"):
        sign = left.group("sign").replace(".", "")
        code = units.CURRENCY_SIGNS.get(sign) or ("USD" if sign.upper().startswith("US") else None)
    else:
        code = left.group("code").upper()
        if code not in units.CURRENCY_CODES:
            return
        code = "CNY" if code == "RMB" else code
    reading.currency = code
    reading.start = left.start()
    if left.group("sign") == "$" and left.start() >= 2:
        # "C$", "US$" written with a space ("u.s $"): keep the ISO code of the letters
        previous = text[max(0, left.start() - 4) : left.start()].strip().lower()
        if previous.endswith("c"):
            reading.currency, reading.start = "CAD", reading.start - 2 if previous.endswith(" c") else reading.start


def _may_follow_currency(text: str, start: int) -> bool:
    """Whether a sign ("$", "US$") or three letters ("EUR") end right before `start`, over at
    most one space: what CURRENCY_LEFT needs, decided without a regex."""
    last = start - 1
    if last >= 0 and text[last] in " \t":
        last -= 1
    if last < 0:
        return False
    if text[last] in CURRENCY_CHARS:
        return True
    first = last - 2
    return first >= 0 and text[first : last + 1].isascii() and text[first : last + 1].isalpha() and (
        first == 0 or not ("A" <= text[first - 1] <= "Z" or "a" <= text[first - 1] <= "z")
    )


def negative_sign(text: str, reading: Reading) -> None:
    """A minus sign glued to the number after a space or bracket ("-5%"): a negative value."""
    if reading.start and text[reading.start - 1] == "-" and (reading.start < 2 or text[reading.start - 2] in " \t\n(<=[≤≥"):
        reading.start -= 1
        reading.value = -reading.value


def percent_of(reading: Reading, tokens: Tokens) -> Tokens:
    """"percent of 10", "per cent of twenty-two": the percent word written first."""
    words = tokens.words
    if not words or words[-1] != "of":
        return tokens  # the common case
    size = 3 if words[-3:] == ["per", "cent", "of"] else (
        2 if words[-2:] in (["percent", "of"], ["percents", "of"]) else 0)
    if not size or (len(words) > size and words[-size - 1].isdigit()):
        return tokens
    if len(words) > size and words[-size - 1] in ("the", "a", "what", "this", "that", "%"):
        return tokens
    reading.kind, reading.start = "percent", tokens.start(-size)
    return tokens.without_last(size)


def hedge_before(reading: Reading, tokens: Tokens) -> Tokens:
    """"more than", "up to", "nearly", "minus": sets the hedge (or the sign); returns the tokens left of it."""
    words = tokens.words
    if not words or words[-1] not in _HEDGE_OR_SIGN_LAST:
        return tokens  # the common case
    if words[-1] in ("minus", "negative"):
        reading.value = -reading.value
        reading.start = tokens.start(-1)
        tokens = tokens.without_last(1)
        words = tokens.words
    for size in range(min(hedges.LONGEST_BEFORE, len(words)), 0, -1):
        hedge = hedges.BEFORE.get(tuple(words[-size:]))
        if hedge is not None:
            reading.hedge = hedge
            reading.start = tokens.start(-size)
            rest = tokens.without_last(size)
            if hedge in ("over", "less than", "at least", "up to", "almost") and rest.words and (
                rest.words[-1] in units.AGE_HOLDERS or rest.words[-1] == "aged"
            ):
                reading.age = True  # "adults over 50", "children under 12"
            return rest
    return tokens


def range_cues(reading: Reading, tokens: Tokens) -> Tokens:
    """"aged", "between", "from": what the number and a second one will be; returns the tokens left of it."""
    words = tokens.words
    if not words or words[-1] not in _RANGE_CUES_LAST:
        return tokens  # the common case
    if words[-2:] == ["ages", "of"] or words[-2:] == ["age", "of"]:
        reading.age, reading.start, tokens = True, tokens.start(-2), tokens.without_last(2)
    elif words[-1:] in (["aged"], ["ages"], ["age"]):
        reading.age, reading.start, tokens = True, tokens.start(-1), tokens.without_last(1)
    words = tokens.words
    if words[-2:] == ["between", "the"] and reading.age:
        reading.between, reading.start, tokens = True, tokens.start(-2), tokens.without_last(2)
    elif words[-1:] == ["between"]:
        reading.between, reading.start, tokens = True, tokens.start(-1), tokens.without_last(1)
        if words[-2:-1] in (["aged"], ["ages"], ["age"]):  # "adults aged between 30 and 79"
            reading.age, reading.start, tokens = True, tokens.start(-1), tokens.without_last(1)
    elif words[-1:] == ["from"] and len(words) > 1 and words[-2] in CHANGE_VERBS:
        reading.change = True
    elif words[-1:] == ["from"]:
        reading.from_, reading.start, tokens = True, tokens.start(-1), tokens.without_last(1)
        if words[-2:-1] == ["anywhere"]:
            reading.start, tokens = tokens.start(-1), tokens.without_last(1)
    return tokens
