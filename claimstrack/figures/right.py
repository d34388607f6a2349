"""Right context: the words after a number (scale, second end of a range, hedge, unit,
currency, percent sign, ratio, share, duration, frequency) and what kind of figure they make.

Each reader matches an anchored pattern at the position the previous one left, sets what it
finds on the `Reading` and returns the position after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claimstrack.figures import hedges, numbers, units
from claimstrack.figures.patterns import (
    AGE_TAIL,
    AMPM,
    ARTICLE_AT,
    ATTACHED,
    ATTACHED_SCALE,
    CODE_RIGHT,
    COMPARATIVE,
    CURRENCY_SIGN_AT,
    CURRENCY_WORD,
    DIGITS_AT,
    FRACTION_OF,
    FREQUENCY,
    GLUED_WORD,
    HEDGE_AFTER_START,
    MONEY_PREDICATE,
    NUMBER_AHEAD,
    OF,
    OR_EQUAL,
    PER_MONEY,
    PERCENT,
    PERCENT_WORDS,
    PHYSICAL,
    PLUS,
    POST_HEDGE,
    RANGE_JOIN,
    RANK_TAIL,
    SCALE_RIGHT,
    SCALE_WORD_TAIL,
    SIGN_RIGHT,
    TIME_UNIT,
    TIMES,
    TOTAL_PER_PERIOD,
    WORD_AT,
    WORD_FOLLOWS,
    WORD_SEPARATOR,
)
from claimstrack.figures.readings import Core, Reading, Reject, Tokens, sentence_start
from claimstrack.figures.subjects import (
    group_after_the,
    head_noun,
    period,
    plural_subject,
    predicate_population,
    subject,
)


def attached_suffix(text: str, reading: Reading, core: Core, pos: int) -> int:
    """Letters glued to digits: "3x", "100k", "$3.5bn", "6th", "1990s", "10pm", "3D"."""
    if core.word_form is not None or text[pos : pos + 1] == "%":
        return pos
    attached = ATTACHED.match(text, pos)
    if attached is None:
        _check_unattached(text, pos)
        return pos
    end = attached.end()
    if end < len(text) and text[end].isdigit():
        raise Reject("product code like COVID-19", end)
    suffix = attached.group()
    lower = suffix.lower()
    if lower == "s":
        raise Reject("decade" if core.token.endswith("0") else "plural number", end)
    if lower in ("am", "pm"):
        raise Reject("time of day", end)
    if any(read_suffix(reading, suffix) for read_suffix in _SUFFIX_READERS):
        return end
    if lower in units.CURRENCY_WORDS or suffix in units.CURRENCY_CODES or lower in PERCENT_WORDS:
        return pos  # "100USD", "5euros" and "7000percent" are read by the unit readers below
    raise Reject("product code like COVID-19", end)


def _check_unattached(text: str, pos: int) -> None:
    """Set aside a time or a decade written apart from the digits ("10 pm", "the 90's")."""
    if AMPM.match(text, pos):
        raise Reject("time of day", pos)
    if text[pos : pos + 1] == "'" and text[pos + 1 : pos + 2] == "s":
        raise Reject("decade", pos + 2)


def _ordinal_suffix(reading: Reading, suffix: str) -> bool:
    if suffix.lower() not in ("st", "nd", "rd", "th"):
        return False
    reading.word_form = "ordinal"
    return True


def _ratio_suffix(reading: Reading, suffix: str) -> bool:
    """Ratios: "3x", "10fold"."""
    if suffix.lower() not in ("x", "fold"):
        return False
    reading.kind = "ratio"
    return True


def _scale_suffix(reading: Reading, suffix: str) -> bool:
    """Scales: "100k", "$3.5bn", "5M"."""
    if suffix.lower() not in numbers.SCALE_ABBREVIATIONS and suffix not in ("M", "B", "T", "MM"):
        return False
    reading.scale_by(_attached_factor(suffix))
    return True


def _attached_factor(suffix: str) -> float:
    """The factor of a scale glued to digits ("bn", "k", "M")."""
    lower = suffix.lower()
    return numbers.SCALE_ABBREVIATIONS.get(lower) or numbers.LETTER_SCALES[lower[0]]


def _letter_scale_suffix(reading: Reading, suffix: str) -> bool:
    """Letter scales, "5m", "3b": only money takes them (see _final_checks)."""
    if suffix.lower() not in ("m", "b"):
        return False
    reading.letter_scale = numbers.LETTER_SCALES[suffix.lower()]
    return True


def _physical_suffix(reading: Reading, suffix: str) -> bool:
    """Physical units, "5g", "10kg" (not "5G": a single capital names a generation)."""
    lower = suffix.lower()
    if lower not in PHYSICAL or (len(suffix) == 1 and suffix.isupper()):
        return False
    reading.kind, reading.unit = "number", lower
    return True


#: The readers of a suffix glued to digits, in order; each says whether it took the suffix.
_SUFFIX_READERS: tuple[Callable[[Reading, str], bool], ...] = (
    _ordinal_suffix, _ratio_suffix, _scale_suffix, _letter_scale_suffix, _physical_suffix,
)


def scale_after(text: str, reading: Reading, pos: int) -> int:
    """A scale word after digits ("4.8 million", "$3 bn"): multiplies the value."""
    if reading.word_form is not None or reading.scale != 1.0:
        return pos
    scale = SCALE_RIGHT.match(text, pos)
    if scale is None:
        return pos
    reading.scale_by(_scale_factor(scale.group(1)))
    return scale.end()


def _scale_factor(word: str) -> float:
    """The factor of a spaced scale word ("million", "hundred", "bn")."""
    lower = word.lower()
    return 100.0 if lower == "hundred" else numbers.SCALES.get(lower) or numbers.SCALE_ABBREVIATIONS[lower]


#: A scale word right after a hyphen ("46-million", "5-lakh"): the words of numbers.SCALES.
_HYPHENED_SCALE = re.compile(rf"(?i:({'|'.join(numbers.SCALES)}))\b")


def _hyphened_scale(text: str, reading: Reading, join: re.Match[str]) -> re.Match[str] | None:
    """"46-million", "$53-billion": the scale word right after a bare hyphen on a number not yet
    scaled (a scale, not a range's end), or None."""
    if not join.group(1) or join.group() != join.group(1) or reading.scale != 1.0:
        return None
    return _HYPHENED_SCALE.match(text, join.end())


#: What stands first after a position, past spaces and tabs: a run of ASCII letters, or one
#: character ("" at the end of the text). Each group of right-hand readers below starts only
#: with one of a few such cues (a sign, a join word, a unit), so one match and a set look-up
#: tell most numbers that none of the group would find anything, without their dozen matches.
_CUE = re.compile(r"[ \t]*([A-Za-z]+|.?)", re.DOTALL)
#: What PERCENT needs first: a sign, or a percent word (as after a number) or "percentages",
#: "per cent" or "pp".
_PERCENT_CUES = PERCENT_WORDS | {"%", "percentages", "per", "pp"}
#: `_time_unit`'s (TIME_UNIT allows a hyphen before the unit).
_TIME_CUES = frozenset(units.TIME_UNITS) | {"-"}
#: What `_unit_partner` needs first: a comma, "and" or "or" (_PARTNER_JOIN).
_PARTNER_CUES = frozenset({",", "and", "or"})
#: What `_range_join` needs first: the first number's percent sign or time unit, or a join
#: (RANGE_JOIN: a dash, already a time cue, or tilde, "to", "through", "thru", "and", "up to").
_RANGE_CUES = _PERCENT_CUES | _TIME_CUES | {"–", "—", "~", "to", "through", "thru", "and", "up"}
#: What one of `_PLAIN_UNIT_READERS` needs first: a percent (PERCENT), a currency sign, code or
#: word (SIGN_RIGHT after a tab, space or no-break space; CODE_RIGHT; CURRENCY_WORD with its
#: "US"/"U.S." or GLUED_WORD), "times", "fold" or "×" (TIMES), "in", "out" or "of"
#: (FRACTION_OF) or a time unit; lower-cased, as `_cue_at` gives it.
_PLAIN_UNIT_CUES = (
    _PERCENT_CUES | _TIME_CUES | frozenset(units.CURRENCY_WORDS)
    | {code.lower() for code in units.CURRENCY_CODES}
    | {"\u00a0", "€", "£", "¥", "₹", "×", "us", "u", "times", "fold", "in", "out", "of"}
)


def _cue_at(text: str, pos: int) -> str:
    """The cue at `pos` (see _CUE), lower-cased."""
    return _CUE.match(text, pos).group(1).lower()  # type: ignore[union-attr]  # always matches


def second_value(text: str, reading: Reading, core: Core, pos: int,
                 tokens: Tokens) -> int:
    """Ranges: "X-Y" (already whole), "X to Y", "between X and Y", "from X to Y"."""
    if reading.high_value is not None:
        return _range_tail(text, reading, pos, tokens)
    cue = _cue_at(text, pos)
    joined = _range_join(text, reading, core, pos) if cue in _RANGE_CUES else None
    if joined is None:
        if cue in _PARTNER_CUES:
            _shared_unit(text, reading, core, pos)
        return pos
    join, word, first_percent, first_time = joined
    hyphened_scale = _hyphened_scale(text, reading, join)
    if hyphened_scale is not None:
        reading.scale_by(_scale_factor(hyphened_scale.group(1)))
        return hyphened_scale.end()
    second = _quantity_at(text, join.end(), reading.currency)
    bounds = _range_bounds(reading, first_time, second) if second is not None else None
    if second is None or bounds is None:
        return pos
    _value2, end2, _scale2, percent2, _time2 = second
    reading.value, reading.high_value, time2 = bounds
    reading.joined_by_up_to = word.startswith("up")
    if percent2 or first_percent:
        reading.kind = "percent"
    if time2 is not None:
        end2 = _time_range(text, reading, time2[0], end2)
    if time2 is None and not percent2 and _closed_join(reading, join, word):
        return _range_tail(text, reading, end2, tokens)
    return end2


def _range_bounds(reading: Reading, first_time: tuple[str, float, int] | None,
                  second: tuple[float, int, float, bool, tuple[str, float, int] | None]
                  ) -> tuple[float, float, tuple[str, float, int] | None] | None:
    """The two ends of "X to Y" and the time unit of both, or None where they make no range
    (a time unit on one end only, a high end below the low one)."""
    high, _end, scale, _percent, second_time = second
    low = reading.value
    if reading.scale == 1.0 and scale != 1.0:  # "2 to 3 million": the scale is on both
        low *= scale
        if reading.precision is not None:
            reading.precision *= scale
    if first_time is not None:
        if second_time is None:
            return None
        low, high, second_time = _in_one_time_unit(low, first_time, high, second_time)
    if not low <= high:
        return None
    return low, high, second_time


def _closed_join(reading: Reading, join: re.Match[str], word: str) -> bool:
    """Whether the range is closed by its join ("between 2 and 5", "from 2 to 5", "2-5", "up to
    5"), so the words after it are the range's own (see _range_tail)."""
    return bool(reading.between or reading.from_ or join.group(1) or word in ("to", "through", "thru")
                or word.startswith("up"))


def _range_join(text: str, reading: Reading, core: Core, pos: int
                ) -> tuple[re.Match[str], str, bool, tuple[str, float, int] | None] | None:
    """What joins a second number into a range ("to", "-", "and" after "between", "up to"),
    after the first number's percent sign or time unit: the join, its word, and whether the
    first number had a percent sign or which time unit; None where nothing does."""
    first_percent = PERCENT.match(text, pos)
    if first_percent:
        pos = first_percent.end()
    first_time = _time_unit(text, pos)
    if first_time is not None and not first_percent:
        pos = first_time[2]
    join = RANGE_JOIN.match(text, pos)
    if join is None or reading.change:
        return None
    word = (join.group(2) or "").lower().replace("\t", " ")
    if word == "and" and not reading.between:
        return None
    if word.startswith("up") and first_time is None and not reading.from_:
        return None
    if join.group(1) and " " in join.group() and pos != core.end and first_time is None and (
        not first_percent
    ):
        return None  # "5 million - the" is a dash, not a range
    return join, word, first_percent is not None, first_time


_PARTNER_JOIN = re.compile(r"[ \t]*,[ \t]*(?:(and|or)[ \t]+)?|[ \t]+(and|or)[ \t]+")
_POINTS = re.compile(r"percentage[ \t]+points?|pp\b")


def _shared_unit(text: str, reading: Reading, core: Core, pos: int) -> None:
    """"0.2 and 0.3 percentage points", "20 or 25 years", "10, 15 or 20 percent": numbers joined
    by "and"/"or" share the unit written after the last; each stays a figure of its own (asked
    only where one of `_PARTNER_CUES` follows the number)."""
    if pos != core.end or reading.currency is not None or reading.kind is not None or _year_like(core.token):
        return  # a unit of its own, money, or a year ("2019 and 2020")
    partner = _unit_partner(text, pos)
    if partner is None:
        return
    join, end, scale, percent, time = partner
    if time is not None and FREQUENCY.match(text, end):
        return  # "1 or 2 days a week": how often, read on its own
    if percent:
        reading.kind = "percent"
        if _POINTS.search(text, join.end(), end):
            reading.unit = "percentage points"
    elif time is not None:
        reading.kind, reading.unit = "duration", time[0]
    if scale != 1.0 and reading.scale == 1.0:
        reading.scale_by(scale)


def _year_like(token: str) -> bool:
    """Four bare digits, which may be a year: wider than `exclusions.is_year` (any value), so
    "2019 and 2020" shares no unit and "between 1997 and 2006" is no "number of"."""
    return token.isdigit() and len(token) == 4


def _unit_partner(text: str, pos: int
                  ) -> tuple[re.Match[str], int, float, bool, tuple[str, float, int] | None] | None:
    """The last of the numbers joined after `pos` by commas and one "and"/"or", when it carries
    a percent sign or time unit: its join, end, scale, percent sign and time unit."""
    joined_by_word = False
    while not joined_by_word:
        join = _PARTNER_JOIN.match(text, pos)
        if join is None:
            return None
        joined_by_word = join.group(1) is not None or join.group(2) is not None
        partner = _quantity_at(text, join.end(), None)
        if partner is None:
            return None
        _value, end, scale, percent, time = partner
        if percent or time is not None:
            # "Of the 500, 45% said": a comma alone joins nothing
            return (join, end, scale, percent, time) if joined_by_word else None
        if scale != 1.0:
            return None
        pos = end
    return None  # "and" or "or" met before any unit: nothing is shared


def _in_one_time_unit(low: float, first_time: tuple[str, float, int], high: float,
                      second_time: tuple[str, float, int]) -> tuple[float, float, tuple[str, float, int]]:
    """"2 hours to 3 days": both ends in the smaller of the two units."""
    if first_time[0] == second_time[0]:
        return low, high, second_time
    unit, hours = min((first_time[0], first_time[1]), (second_time[0], second_time[1]), key=lambda t: t[1])
    return low * first_time[1] / hours, high * second_time[1] / hours, (unit, hours, second_time[2])


def _time_range(text: str, reading: Reading, unit: str, end: int) -> int:
    """A range of durations ("3 to 5 years"), or of ages ("18 to 24 year-olds"); returns its end."""
    reading.kind, reading.unit = "duration", unit
    age = AGE_TAIL.match(text, end) if unit == "years" else None
    if age is not None:
        reading.kind, reading.age, end = "age", True, age.end()
    return end


def _range_tail(text: str, reading: Reading, pos: int, tokens: Tokens) -> int:
    """Words after a two-sided range: "0-10 scale" is a rating scale, "or more" is dropped."""
    if SCALE_WORD_TAIL.match(text, pos) or tokens.words[-2:] == ["scale", "of"]:
        raise Reject("rating scale", pos)
    return pos


def _quantity_at(text: str, pos: int, currency: str | None
                 ) -> tuple[float, int, float, bool, tuple[str, float, int] | None] | None:
    """The second number of a range: its value, end, scale, percent sign and time unit."""
    if currency is not None and pos < len(text) and not text[pos].isalnum():
        sign = CURRENCY_SIGN_AT.match(text, pos)
        if sign is not None:
            pos = sign.end()
    digits = DIGITS_AT.match(text, pos)
    number = _digits_value(text, digits, pos) if digits is not None else _words_value(text, pos)
    if number is None:
        return None
    value, end = number
    scale, end = _scale_at(text, end, spaced=digits is not None)
    percent = PERCENT.match(text, end)
    if percent is not None:
        end = percent.end()
    time = _time_unit(text, end) if percent is None else None
    if time is not None:
        end = time[2]
    return value * scale, end, scale, percent is not None, time


def _digits_value(text: str, digits: re.Match[str], pos: int) -> tuple[float, int] | None:
    """The value and end of the digits at `pos`; None for a malformed number or one glued to
    letters that are not a scale ("5G")."""
    token = digits.group().rstrip(",.")
    parsed = numbers.parse_digits(token)
    if parsed is None:
        return None
    end = pos + len(token)
    if text[end : end + 1].isalpha() and not ATTACHED_SCALE.match(text, end):
        return None
    return parsed[0], end


def _words_value(text: str, pos: int) -> tuple[float, int] | None:
    """The value and end of the number words at `pos` ("a hundred", "a couple of", "twenty")."""
    article = ARTICLE_AT.match(text, pos)
    word = WORD_AT.match(text, article.end() if article else pos)
    if word is None:
        return None
    words, end = [word.group().lower()], word.end()
    while len(words) < 12:
        sep = WORD_SEPARATOR.match(text, end)
        nxt = WORD_AT.match(text, sep.end()) if sep else None
        if nxt is None:
            break
        words.append(nxt.group().lower())
        end = nxt.end()
    parsed = numbers.parse_words(words, article is not None)
    if parsed is None or parsed.form not in ("cardinal", "ordinal"):
        return None
    if words[0] == "couple":
        of = OF.match(text, end)
        end = of.end() if of else end
    return parsed.value, end


def _scale_at(text: str, end: int, *, spaced: bool) -> tuple[float, int]:
    """A scale after the number at `end`, glued ("3bn") or, after digits, spaced ("3 million"):
    the factor (1.0 for none) and where it ends."""
    attached = ATTACHED_SCALE.match(text, end)
    if attached is not None:
        return _attached_factor(attached.group()), attached.end()
    scale = SCALE_RIGHT.match(text, end)
    if scale is not None and spaced:
        return _scale_factor(scale.group(1)), scale.end()
    return 1.0, end


def _time_unit(text: str, pos: int) -> tuple[str, float, int] | None:
    """A time unit at `pos` ("years", "hrs"): its name, its length in hours and its end."""
    unit = TIME_UNIT.match(text, pos)
    if unit is None:
        return None
    found = units.TIME_UNITS.get(unit.group(1).lower())
    if found is None or (len(unit.group(1)) <= 2 and unit.group(1).lower() not in ("hr", "h")):
        return None
    if unit.group(1).lower() == "h" and text[pos : pos + 1] in (" ", "\t"):
        return None
    return found[0], found[1], unit.end()


#: What a HEDGE_AFTER_START match starts with, and what follows its first space or tab.
_HEDGE_FIRST = frozenset(" \t,oa+")
_SPACE_OR_TAB = frozenset(" \t")
_HEDGE_AFTER_SPACE = frozenset(" \t,oa+p")


def hedge_after(text: str, reading: Reading, pos: int) -> int:
    """A hedge after the number ("or more", "or equal to", "+"), unless its own number follows."""
    first = text[pos : pos + 1]
    if first not in _HEDGE_FIRST or (first in _SPACE_OR_TAB and text[pos + 1 : pos + 2] not in _HEDGE_AFTER_SPACE):
        return pos  # the common case, decided without a regex: a word or sign that starts no hedge
    if HEDGE_AFTER_START.match(text, pos) is None:
        return pos  # no "or", "and", "plus" or "+" next
    or_equal = OR_EQUAL.match(text, pos)
    if or_equal is not None and reading.hedge in ("over", "less than", "none") and not (
        NUMBER_AHEAD.match(text, or_equal.end())
    ):
        reading.hedge = hedges.with_or_equal(reading.hedge)
        return or_equal.end()
    post = POST_HEDGE.match(text, pos)
    if post is not None and not NUMBER_AHEAD.match(text, post.end()):
        word = post.group(1).lower()
        if reading.high_value is None:
            reading.hedge = hedges.AFTER[word]
        if word in ("older", "younger"):
            reading.age = True
        return post.end()
    plus = PLUS.match(text, pos)
    if plus is not None and reading.high_value is None:
        reading.hedge = "at least"
        return plus.end()
    return pos


def unit_after(text: str, reading: Reading, core: Core, pos: int) -> int:
    """The unit that makes the kind: percent, money, rank, ratio, fraction, share, duration or count."""
    plain = reading.word_form is None and reading.kind is None and reading.currency is None and not core.fraction
    if plain and _cue_at(text, pos) not in _PLAIN_UNIT_CUES:
        return _count(text, reading, pos)  # no plain reader's cue next: each would give None
    for reader in _PLAIN_UNIT_READERS if plain else _UNIT_READERS:
        end = reader(text, reading, core, pos)
        if end is not None:
            return end
    return _count(text, reading, pos)


def _multiplied_unit(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    if reading.word_form != "multiplied":
        return None
    reading.kind = "ratio"  # "has tripled": three times what it was
    return pos


def _ratio_unit(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    return _ratio_tail(text, reading, pos) if reading.kind == "ratio" else None


def _percent_unit(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    """A percent sign or word ("42%", "42 percent", "0.5 percentage points"), or a percent
    the left context already made."""
    percent = PERCENT.match(text, pos)
    if percent is not None and reading.currency is None:
        reading.kind = "percent"
        if percent.group(2):
            reading.unit = "percentage points"
        return subject(text, reading, percent.end(), percent=True)
    if reading.kind == "percent":
        return subject(text, reading, pos, percent=True)
    return None


def _currency_unit(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    return _currency_after(text, reading, pos)


def _money_unit(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    """An amount after a currency sign: money, a return per unit of money (a ratio), or money
    per period ("$10 a month")."""
    if reading.currency is None:
        return None
    per_unit = _per_currency_unit(text, reading, pos)
    if per_unit is not None:
        return per_unit
    if _after_a_rate_base(text, reading.start):
        reading.kind, reading.currency = "ratio", None  # "For every $1 spent, you earn $40"
        return pos
    reading.kind = "money"
    frequency = FREQUENCY.match(text, pos)
    if frequency is not None and (frequency.group(3) or period(frequency)):
        return frequency.end()
    return pos


def _rank_unit(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    """An ordinal is a figure only as a rank ("3rd largest", "the second most common")."""
    if reading.word_form != "ordinal":
        return None
    rank = RANK_TAIL.match(text, pos)
    if rank is None:
        raise Reject("ordinal" if core.word_form is None else "", pos)
    reading.kind = "rank"
    return subject(text, reading, rank.end(), percent=False, after_rank=True)


def _times_unit(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    if reading.word_form == "times" or TIMES.match(text, pos):
        return _times(text, reading, pos)
    return None


def _fraction_unit(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    if core.fraction or reading.word_form == "fraction":
        return _fraction(text, reading, core, pos)
    return None


def _duration_unit(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    time = _time_unit(text, pos)
    return _duration(text, reading, time) if time is not None else None


def _ranked_unit(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    """A rank its number sign made ("#1 rated"): nothing more to read."""
    return pos if reading.kind == "rank" else None


def _per_currency_unit(text: str, reading: Reading, pos: int) -> int | None:
    """"$36 for every $1 spent", "$36-$42 per dollar", "£42 per £1": a return on each unit of
    money is a ratio (36), not an amount; "$5 for every $2" is 2.5."""
    per = PER_MONEY.match(text, pos)
    if per is None:
        return None
    divisor = 1.0
    if per.group("amount"):
        parsed = numbers.parse_digits(per.group("amount"))
        if parsed is None or parsed[0] <= 0:
            return None
        divisor = parsed[0]
    reading.value /= divisor
    if reading.high_value is not None:
        reading.high_value /= divisor
    if reading.precision is not None:
        reading.precision /= divisor
    reading.kind, reading.currency = "ratio", None
    return per.end()


#: The base of a rate earlier in the sentence: "For every dollar spent, ...", "for each $1 you spend".
_RATE_BASE_BEFORE = re.compile(
    r"\bfor[ \t]+(?:every|each)[ \t]+(?:(?:US)?[$€£][ \t]?1(?:\.00)?(?![0-9]|[.,][0-9])|(?:one[ \t]+|a[ \t]+|single[ \t]+)?"
    r"(?:dollar|pound|euro)\b)", re.IGNORECASE)
_SENTENCE_WINDOW = 160


def _after_a_rate_base(text: str, start: int) -> bool:
    """Whether the sentence before `start` sets a base of one unit of money ("For every dollar
    spent, email returns $42"): the amount is then a return per unit, a ratio."""
    return _RATE_BASE_BEFORE.search(text, sentence_start(text, start, _SENTENCE_WINDOW), start) is not None


def _ratio_tail(text: str, reading: Reading, pos: int) -> int:
    """The comparative after a ratio ("3x more likely"), taken into the figure."""
    comparative = COMPARATIVE.match(text, pos)
    return comparative.end() if comparative is not None else pos


def _currency_after(text: str, reading: Reading, pos: int) -> int | None:
    """A currency after the number ("10 €", "40 USD", "5 dollars", "50 cents"): money."""
    if reading.currency is not None:
        return None  # "$10 USD": the sign before already named it
    sign = SIGN_RIGHT.match(text, pos)
    if sign is not None:  # "10 €", "49,99 €" as written in Europe
        reading.currency, reading.kind = units.CURRENCY_SIGNS[sign.group(1)], "money"
        return sign.end()
    code = CODE_RIGHT.match(text, pos)
    if code is not None and code.group(1) in units.CURRENCY_CODES:
        reading.currency = "CNY" if code.group(1) == "RMB" else code.group(1)
        reading.kind = "money"
        return code.end()
    return _currency_word_after(text, reading, pos)


def _currency_word_after(text: str, reading: Reading, pos: int) -> int | None:
    """A currency named in words ("5 dollars", "50 cents", "300 pounds sterling")."""
    word = CURRENCY_WORD.match(text, pos)
    if word is None and text[pos : pos + 1].isalpha():
        word = GLUED_WORD.match(text, pos)
    if word is None:
        return None
    lower = word.group(1).lower()
    currency = units.CURRENCY_WORDS.get(lower)
    if currency is None:
        return None
    if lower in units.WEAK_CURRENCY_WORDS and reading.scale == 1.0 and "sterling" not in text[pos : pos + 40]:
        return None
    if lower in ("dollar", "dollars") and "us" in word.group().lower():
        currency = "USD"
    reading.currency, reading.kind = currency, "money"
    if lower in units.SUBUNITS:  # "50 cents": the amount in the main unit
        reading.value /= 100
        if reading.high_value is not None:
            reading.high_value /= 100
        if reading.precision is not None:
            reading.precision /= 100
    return word.end()


_PAST_PERIOD = re.compile(r"[ \t]+(?:in|over|during)[ \t]+the[ \t]+(?:past|last|previous)[ \t]+(year|month|week|day)\b",
                          re.IGNORECASE)


def _times(text: str, reading: Reading, pos: int) -> int:
    """"3 times more likely" (a ratio), "twice a day" (a frequency), "5 times" (a count)."""
    times = TIMES.match(text, pos)
    end = times.end() if times is not None else pos
    if times is not None and times.group(1) == "fold":
        reading.kind = "ratio"
        return _ratio_tail(text, reading, end)
    frequency = FREQUENCY.match(text, end)
    if frequency is not None and period(frequency):
        reading.kind, reading.unit = "frequency", "per " + period(frequency)  # type: ignore[operator]
        return frequency.end()
    past = _PAST_PERIOD.match(text, end)
    if past is not None:  # "twice in the past year": how often, over the period named
        reading.kind, reading.unit = "frequency", "per " + past.group(1).lower()
        return past.end()
    if reading.word_form == "times" and reading.value == 1:
        raise Reject("", end)  # "once you sign up", "at once": not how often
    comparative = COMPARATIVE.match(text, end)
    if comparative is not None or (times is not None and times.group(1) is None):
        reading.kind = "ratio"
        return comparative.end() if comparative is not None else end
    reading.kind, reading.unit = "count", "times"
    return end


def _fraction(text: str, reading: Reading, core: Core, pos: int) -> int:
    """"1/3 of patients", "two-thirds of cases", "more than half": percents."""
    of = OF.match(text, pos)
    if of is None and core.word_form is not None:
        group_end = group_after_the(text, reading, pos)
        if group_end is not None:  # "half the world's population", "a third the adults"
            reading.kind, reading.value, reading.precision = "percent", reading.value * 100, None
            return group_end
    if of is None and reading.hedge == "none":
        reason = "fraction (or a date)" if core.word_form is None else "fraction of a single thing"
        raise Reject(reason, pos, core.end)
    subject_end = subject(text, reading, pos, percent=True) if of is not None else pos
    if core.word_form is not None and reading.hedge == "none" and not plural_subject(reading):
        raise Reject("fraction of a single thing", pos, core.end)
    reading.kind = "percent"
    reading.value *= 100
    reading.precision = None
    return subject_end


def _share(text: str, reading: Reading, core: Core, pos: int) -> int | None:
    """"one in three", "1 in 4 adults", "nine of 10", "9 out of 10 dentists"."""
    link = FRACTION_OF.match(text, pos)
    if link is None or reading.scale != 1.0 or reading.value != int(reading.value) or reading.value < 0:
        return None
    second = _quantity_at(text, link.end(), None)
    if second is None:
        return None
    total, end, scale, percent, time = second
    if percent or time is not None or scale != 1.0 or total <= 0 or total < reading.value:
        return None
    if link.group(1) == "in" and 1900 <= total <= 2099:
        return None
    if total > 1000:
        return None
    reading.kind = "percent"
    reading.value = reading.value / total * 100
    reading.precision = None
    return subject(text, reading, end, percent=True)


def _duration(text: str, reading: Reading, time: tuple[str, float, int]) -> int:
    """A number and a time unit: an age ("45 years old"), a frequency ("8 hours a day") or a duration."""
    unit, _hours, end = time
    age = AGE_TAIL.match(text, end)
    if age is not None and unit == "years":
        reading.kind, reading.unit = "age", "years"
        reading.age = reading.age or age.group(1) == "olds"  # "18 to 24 year olds": who is counted
        return age.end()
    frequency = FREQUENCY.match(text, end)
    if frequency is not None and period(frequency):
        reading.kind, reading.unit = "frequency", f"{unit} per {period(frequency)}"
        return frequency.end()
    if _after_every(text, reading.start):  # "every 65 seconds": how often, the value its interval
        reading.kind, reading.unit, reading.start = "frequency", unit, reading.start - len("every ")
        return end
    reading.kind, reading.unit = ("age", "years") if reading.age and unit == "years" else ("duration", unit)
    return end


def _after_every(text: str, start: int) -> bool:
    """Whether "every" and one space stand right before `start`, as a word of their own."""
    word_start = start - len("every ")
    if word_start < 0 or text[word_start:start].lower() != "every ":
        return False
    return word_start == 0 or not text[word_start - 1].isalnum()


def _count(text: str, reading: Reading, pos: int) -> int:
    """What a bare number counts: a physical unit, a subject noun, a population, or nothing."""
    physical = TIME_UNIT.match(text, pos)
    if physical is not None and physical.group(1).lower() in PHYSICAL and reading.unit is None and not (
        physical.group(1) == "in" and WORD_FOLLOWS.match(text, physical.end())
    ):  # "4 billion in 2021", "5 in the group": the preposition, not inches
        reading.kind, reading.unit = "number", physical.group(1).lower()
        return physical.end()
    if reading.unit is not None and reading.kind == "number":
        return pos
    end = subject(text, reading, pos, percent=False)
    if reading.subject is None and not reading.age and predicate_population(text, reading, end):
        return end
    if reading.subject is None:
        reading.kind = "age" if reading.age else (reading.kind or _bare_kind(text, reading, end))
        if reading.age:
            reading.unit = "years"
        return end
    head = head_noun(reading.subject)
    frequency = FREQUENCY.match(text, reading.head_end)
    if frequency is not None and period(frequency):
        # "8 headaches a month" is how often; "82,000 deaths each year" is a population's
        # total for the period, a count (no one has fifty thousand of anything a day)
        reading.kind = "count" if reading.value >= TOTAL_PER_PERIOD else "frequency"
        reading.unit = f"{head} per {period(frequency)}"
        reading.subject = reading.subject.split()[0]
        return frequency.end()
    reading.kind = "count"
    reading.unit = units.POPULATION_UNITS.get(head, reading.unit if reading.unit and not reading.unit.startswith("?") else head)
    return end


def _bare_kind(text: str, reading: Reading, pos: int) -> str:
    """A number with no noun: "77.9 million" or "over 4 billion in 2021" counts something (a
    page rarely writes a measurement with a scale word and no unit), unless its predicate
    spends it ("4.8 million are spent": unnamed money); "42" is just a number."""
    if MONEY_PREDICATE.match(text, pos):
        return "number"
    if reading.scale < 1e6:
        # "between 1997 and 2006": years, not the number of anything
        return "count" if not _year_like(reading.token) and _number_of_nearby(text, reading.start, pos) else "number"
    return "count"


#: "the number of hospitalizations ... rose from 12,661", "181: the number of emails it takes".
_NUMBER_OF = re.compile(r"\bnumber[ \t]+of[ \t]+[A-Za-z]", re.IGNORECASE)
_NUMBER_OF_AFTER = re.compile(r"[ \t]*[:–—-][ \t]*(?:the|a)[ \t]+number[ \t]+of\b", re.IGNORECASE)


def _number_of_nearby(text: str, start: int, end: int) -> bool:
    """Whether the sentence says the bare number is "the number of" something: before it in the
    sentence, or as the gloss right after it ("181: the number of emails ...")."""
    if _NUMBER_OF_AFTER.match(text, end):
        return True
    return _NUMBER_OF.search(text, sentence_start(text, start, _SENTENCE_WINDOW), start) is not None


#: The readers of the unit after a number, in order: the first that takes it ends the reading
#: (None: not its unit); a number none takes is a count (`_count`).
_UNIT_READERS: tuple[Callable[[str, Reading, Core, int], int | None], ...] = (
    _multiplied_unit, _ratio_unit, _percent_unit, _currency_unit, _money_unit, _rank_unit,
    _times_unit, _fraction_unit, _share, _duration_unit, _ranked_unit,
)
#: The readers a plain number (no word form, kind or currency yet, not a fraction) can meet, in
#: the same order: the others want one of those. A reader that returns None changes none of
#: them, so the number stays plain through the loop.
_PLAIN_UNIT_READERS = (_percent_unit, _currency_unit, _times_unit, _share, _duration_unit)
