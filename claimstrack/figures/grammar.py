"""The figure grammar: find every number, read the words around it, decide what it is.

One precompiled master regex finds number tokens: a digit run with its separators
(``[0-9][0-9,.:/-]*``, so "2-72", "1/3", "9:30" and "2021-03-04" arrive whole) or one number
word (a prefix-factored trie of the lexicon, which the regex engine scans fast). Everything
else is small Python logic per token: a few tokens to the left (hedges, currency signs, cue
words) and anchored regexes to the right (scale, range, unit, subject). Each token looks at a
bounded window, and the scanner never goes back before the end of the previous token, so the
whole pass is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from claimstrack.figures import exclusions as ex
from claimstrack.figures import hedges as hg
from claimstrack.figures import numbers as nb
from claimstrack.figures import units as un
from claimstrack.model import Figure, NumberMention
from claimstrack.positions import LineIndex, lower_keeping_offsets

# ---------------------------------------------------------------------------------------------
# Compiled patterns (all at import)

_WORDS = nb.trie_pattern(nb.cased(nb.NUMBER_WORDS))
MASTER = re.compile(rf"(?P<digits>[0-9][0-9,.:/\-–]*)|\b(?P<word>{_WORDS})\b")
_WORD_AT = re.compile(rf"(?:{_WORDS})\b")
_WORD_SEPARATOR = re.compile(r"[ \t]*-[ \t]*|[ \t]+(?:and[ \t]+)?")
_AND_A_HALF = re.compile(r"[ \t]+and[ \t]+an?[ \t]+(half|quarter|third)\b")
_HALF_A = re.compile(r"[ \t]+an?[ \t]+(dozen|hundred|thousand|million|billion|trillion)\b")
_ARTICLE_LEFT = re.compile(r"(?<![A-Za-z])([aA]n?|[tT]he)[ \t]+$")
_OF = re.compile(r"[ \t]+of\b")

_LEFT_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+|[<>=≥≤~≈]+|[^\sA-Za-z0-9]")
_CURRENCY_LEFT = re.compile(
    r"(?:(?P<sign>U\.?S\.?D?\$|C\$|CA\$|CAD\$|A\$|AU\$|NZ\$|HK\$|S\$|Mex\$|R\$|[$€£¥₹₩₽₺₿₱₦₪₭])"
    r"|(?<![A-Za-z])(?P<code>[A-Za-z]{3}))[ \t]?$"
)
_CURRENCY_CHARS = frozenset("$€£¥₹₩₽₺₿₱₦₪₭")
_ATTACHED = re.compile(r"[A-Za-z]{1,12}")
_AMPM = re.compile(r"[ \t]+[aApP]\.?[mM]\b")
# Scale words in any case ("$793.1 Billion", "4 BILLION"); a footnote digit may be glued on
# ("$1.027 trillion1").
_SCALE_RIGHT = re.compile(
    r"[ \t]+((?i:thousand|million|billion|trillion|hundred|lakh|crore)(?=[0-9]{0,2}\b)"
    r"|(?:bn|mn|bln|tln|k)\b)"
)
_PERCENT = re.compile(
    r"[ \t]*(?:(%)|(percentage[ \t]+points?|pp\b)|(?:percent(?:age)?s?|per[ \t]?cent|pct)\b)"
)
_CODE_RIGHT = re.compile(r"[ \t]*([A-Z]{3})\b")
_NOUN_GROUP_END = frozenset(
    "with in of from who that which across at on for per under over living aged and or by to "
    "have has had are were is was will".split()
)


def head_noun(subject: str) -> str:
    """The noun a subject phrase counts: the last word before its first preposition or verb.

    "happy customers" -> "customers", "people in the United States" -> "people",
    "U.S. adults with migraine" -> "adults".
    """
    head = ""
    for word in subject.split():
        if word.lower() in _NOUN_GROUP_END and head:
            break
        head = word
    return head.lower().strip(".,;:")


_SIGN_RIGHT = re.compile(r"[ \t\u00a0]?([€£¥₹])(?![ \t]?[0-9])")  # not the sign of a next amount
_CURRENCY_WORD = re.compile(r"[ \t]+(?:(?:US|U\.S\.|us)[ \t]+)?([A-Za-z]+)\b")
_TIMES = re.compile(r"[ \t]*(?:-[ \t]*)?(times|fold)\b|[ \t]*×")
_COMPARATIVE = re.compile(
    r"[ \t]+(?:(?:more|less)[ \t]+likely|more|less|higher|greater|lower|larger|bigger|"
    r"faster|slower|stronger|better|worse|likely|as|the|that|over)\b"
)
# "1 in 4", "nine out of 10", "seven out of every ten", "one in each five"
_FRACTION_OF = re.compile(r"[ \t]+(in|out[ \t]+of|of)[ \t]+(?:(?:every|each)[ \t]+)?")
_DIGITS_AT = re.compile(r"[0-9][0-9,.]*")
_PREDICATE_NOUN = re.compile(r"[ \t]+(?:of[ \t]+them[ \t]+)?(?:are|were|is|was)[ \t]+([A-Za-z]+)\b")
_TIME_UNIT = re.compile(r"[ \t]*(?:-[ \t]*)?([A-Za-z]+)\b")
_AGE_TAIL = re.compile(r"(?:[ \t]*-[ \t]*|[ \t]+)(old|olds)\b|[ \t]+of[ \t]+age\b")
_FREQUENCY = re.compile(
    r"[ \t]+(?:a|an|per|each|every|in[ \t]+a|in[ \t]+one|a[ \t]+single)[ \t]+([a-z]+)\b"
    r"|[ \t]*/[ \t]*([a-z]+)\b|[ \t]+(daily|nightly|weekly|monthly|yearly|annually|hourly)\b"
)
_RANGE_JOIN = re.compile(r"[ \t]*([-–—~])[ \t]*|[ \t]+(to|through|thru|and|up[ \t]+to)[ \t]+")
_POST_HEDGE = re.compile(
    r"[ \t]*(?:,[ \t]*)?(?:or|and)[ \t]+(more|greater|higher|above|over|older|longer|up|beyond|"
    r"larger|bigger|less|fewer|lower|under|below|younger|shorter|smaller|so)\b"
)
#: A hedge word followed by its own number starts a new figure: "20 and less than 35".
_NUMBER_AHEAD = re.compile(
    rf"(?:[ \t]+than)?(?:[ \t]+or[ \t]+equal)?(?:[ \t]+(?:to|than))?[ \t]+(?:an?[ \t]+)?(?:[-$€£]?[0-9]|(?:{_WORDS})\b)"
)
_URL_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
_OR_EQUAL = re.compile(r"[ \t]+or[ \t]+equal(?:[ \t]+to)?\b")
_PLUS = re.compile(r"\+(?![0-9])|[ \t]+plus\b(?![ \t]+[0-9])")
# A word, or a dotted abbreviation such as "U.S." or "U.K." ("13% of U.S. adults").
_NEXT_WORD = re.compile(r"[ \t]+((?:[A-Z]\.){2,3}|[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_NEWLINE_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_RANK_TAIL = re.compile(
    r"[ \t]*(?:-[ \t]*)?(most|largest|biggest|highest|leading|greatest|best|worst|fastest|"
    r"top|ranked|place|lowest|smallest|common|commonest)\b"
)
# "0-10 scale", "1-5 stars", and up to two words between: "0-10 pain scale", "1-7 point rating scale".
_SCALE_WORD_TAIL = re.compile(
    r"[ \t]*(?:-[ \t]*)?(?:[A-Za-z]{1,12}[ \t]+){0,2}?(?:-[ \t]*)?(scale|stars?)\b"
)
_COMPARE_TAIL = re.compile(r"[ \t]+(?:more|less)[ \t]+than[ \t]+(?:in[ \t]+)?([A-Za-z]+)")
_CONJUNCTION = re.compile(r"[ \t]*(?:,[ \t]*)?(?:(?:and|but)[ \t]*)?")
_PAREN_CLOSE = re.compile(r"[ \t]*[)\]]")

_PP_PREPOSITIONS = frozenset({"with", "in", "from", "across", "on", "at", "who"})
_DETERMINERS = frozenset({"the", "all", "our", "these", "those", "its", "their", "us", "u", "s"})
_CHANGE_VERBS = frozenset(
    "increased increase increases rose rise rises grew grow grows fell fall falls dropped drop "
    "drops went go goes jumped jump climbed decreased decrease reduced reduce cut cuts "
    "improved improve raised lowered declined decline grown risen fallen doubled tripled halved "
    "soared surged plunged growing rising falling increasing decreasing".split()
)
_VAGUE_BEFORE = frozenset({"several", "few", "many", "multiple", "various", "numerous"})
_STATISTICS = frozenset({"p", "r", "t", "f", "z", "ci", "or", "hr", "rr", "n"})
_SINGLE_LETTER_SCALE_KINDS = frozenset({"money"})
_PHYSICAL = frozenset(
    "mg g kg lb lbs oz ml l cl dl mm cm m km in ft mi mph kph kmh mcg ug iu cc kcal cal "
    "mmhg bpm hz khz mhz ghz kb mb gb tb kw w v mah gsm mmol".split()
)
_LEFT_WINDOW = 44
_BLOCK = 1024  # characters
_MAX_PER_BLOCK = 24  # numbers per block; prose has a few, the seed pages about 4, dense stats pages ~10
# A statistics listicle ("7. 91% of consumers use email daily") has 25-35 numbers per block,
# each with a clause of words (about 4 of three letters or more per number); a number dump has
# none, "one one one" only number words, "1 to 2 to 3" only short ones. Past _MAX_PER_BLOCK a
# block stays prose while it has this many such words per number, up to _MAX_PER_PROSE_BLOCK
# numbers (so the cost stays bounded).
_WORDS_PER_NUMBER = 2
_MAX_PER_PROSE_BLOCK = 48
_PLAIN_WORD = re.compile(r"[A-Za-z]{3,}")
_LONG_TOKEN = 200
_LONG_RUN = re.compile(r"\S{200}")
_SPACE = re.compile(r"\s")
_NO_UNIT_AFTER = frozenset([*nb.UNITS, *nb.TEENS])
_POPULATION_NAMES = frozenset(un.POPULATION_UNITS.values())
#: "one of the", "one of our": the pronoun one, rejected before any other work.
_ONE_OF = re.compile(r"[ \t]+of[ \t]+(?:the|our|us|them|those|these|my|your|his|her|its|their|many)\b")
_MAX_RUN = 64
_TIME_PREPOSITIONS = frozenset({"within", "during", "since", "after", "before", "until"})
_READ_AFTER = re.compile(r"[ \t]+(?:read|remaining|left)\b")  # "6 min read", "7 min remaining"
_OLDS_AFTER = re.compile(r"[ \t]*-?[ \t]*olds?\b")
_YEAR_NOUN_AFTER = re.compile(r"[ \t]+(?:levels?|figures|data|rates|prices|numbers|report|survey|census)\b")
_SIZE_AFTER = re.compile(r"(?:[ \t]+[A-Za-z]+){0,3}?[ \t]+(?:size|file|download|attachment)\b")
# "10 Key Findings", "46 current ROI statistics": the title of a list, not a quantity.
_LISTICLE_NOUNS = frozenset(
    "statistics stats facts findings benefits tips ways reasons things examples ideas strategies "
    "trends questions mistakes tools secrets lessons hacks".split()
)
_LISTICLE_TAIL = re.compile(r"(?:[ \t]+[A-Za-z][\w'’-]*){0,5}?[ \t]+([A-Za-z]+)")
# Where a clause ends: a qualifier only qualifies figures of its own clause.
_CLAUSE_BREAK = re.compile(r"[.!?][\"')\]]?(?:\s|$)|\n\n|;|,[ \t]+(?:and|but|while|whereas)\b")


# ---------------------------------------------------------------------------------------------
# Readings


@dataclass
class _Reading:
    """A figure under construction: where it starts and ends and what has been read."""

    start: int
    end: int
    value: float
    precision: float | None
    high_value: float | None = None  # a two-sided range's upper end
    scale: float = 1.0
    hedge: str = "none"
    kind: str | None = None
    unit: str | None = None
    subject: str | None = None
    currency: str | None = None
    age: bool = False
    between: bool = False
    from_: bool = False
    word_form: str | None = None  # set for number words: cardinal, fraction, ordinal, times
    token: str = ""
    joined_by_up_to: bool = False
    change: bool = False  # "rose from 10% to 20%": two figures, not a range
    letter_scale: float = 1.0  # "$20m": a scale only money takes
    suffix_end: int = 0
    # "within 3 years", "aged 40-60": why it is a qualifier when its sentence has another figure
    qualifier_if_paired: str | None = None


class _Reject(Exception):
    """A number that is not a figure; `reason` says why (the explain view shows it)."""

    def __init__(self, reason: str, end: int | None = None, mention_end: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.end = end
        self.mention_end = mention_end


@dataclass
class _Core:
    start: int
    end: int
    value: float
    precision: float | None
    token: str
    word_form: str | None = None
    high_value: float | None = None
    high_precision: float | None = None
    fraction: bool = False
    article_start: int | None = None
    ratio: bool = False  # "42:1"


# ---------------------------------------------------------------------------------------------
# The scanner


class Scanner:
    """Reads one text: `mentions()` lists every number and the figure it became, if any."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = LineIndex(text)
        self._head_end = 0  # where the last subject's head noun ended (for frequency tails)
        self._paired: list[tuple[int, str]] = []  # qualifiers when their sentence has a figure

    def mentions(self) -> list[NumberMention]:
        text = self.text
        found: list[NumberMention] = []
        covered = 0
        covered_range = False
        last_figure_at: int | None = None
        pos = 0
        block, in_block, block_words = -1, 0, 0
        while (match := MASTER.search(text, pos)) is not None:
            start = match.start()
            if start // _BLOCK != block:
                block, in_block, block_words = start // _BLOCK, 0, -1
            in_block += 1
            if in_block > _MAX_PER_BLOCK and block_words < 0:
                block_words = _prose_words(text, block * _BLOCK)
            if in_block > _MAX_PER_BLOCK and (
                in_block > _MAX_PER_PROSE_BLOCK or block_words < _WORDS_PER_NUMBER * in_block
            ) or self._in_long_token(start):
                # Not prose (a number dump, an encoded blob): list it once and move on, so
                # hostile input costs no more than prose.
                end = self._skip_end(start, block)
                found.append(self._mention(start, end, None, "not prose (too many numbers)"))
                pos = end
                continue
            if start < covered:
                end = self._token_end(match)
                reason = "part of a range" if covered_range else "part of a larger figure"
                found.append(self._mention(start, end, None, reason))
                pos = end
                continue
            try:
                core = self._core(match)
                reading = self._read(core)
            except _Reject as rejected:
                end = rejected.end if rejected.end is not None else self._token_end(match)
                if rejected.reason:  # an empty reason hides prose ordinals such as "first"
                    shown_end = rejected.mention_end or self._token_end(match)
                    found.append(self._mention(start, shown_end, None, rejected.reason))
                pos = max(end, match.end(), pos + 1)
                continue
            figure = self._figure(reading)
            if not _finite(figure):  # "9999...9" past the float range: no value to check
                end = max(core.end, figure.span.end)
                found.append(self._mention(start, end, None, "too large to be a figure"))
                pos = max(end, match.end())
                continue
            merged = self._merge_bounds(found, last_figure_at, figure)
            if merged is not None:
                first = found[last_figure_at]  # type: ignore[index]
                found[last_figure_at] = NumberMention(first.text, first.span, merged, "range")  # type: ignore[index]
                found.append(self._mention(core.start, core.end, None, "part of a range"))
                figure = merged
            else:
                last_figure_at = len(found)
                found.append(NumberMention(text[core.start : core.end],
                                           self.index.span(core.start, core.end), figure,
                                           "range" if figure.value is None else figure.kind))
            if reading.qualifier_if_paired and merged is None:
                self._paired.append((len(found) - 1, reading.qualifier_if_paired))
            covered = figure.span.end
            covered_range = figure.value is None
            pos = max(core.end, match.end())
        return self._drop_paired_qualifiers(found)

    def _drop_paired_qualifiers(self, found: list[NumberMention]) -> list[NumberMention]:
        """"60% relapse within three years": the duration is the other figure's time frame."""
        figures = [i for i, mention in enumerate(found) if mention.figure is not None]
        for index, reason in self._paired:
            mention = found[index]
            at = bisect.bisect_left(figures, index)
            neighbours = figures[max(0, at - 1) : at + 2]  # the figures just before and after
            if any(self._same_clause(mention, found[other]) for other in neighbours if other != index):
                found[index] = NumberMention(mention.text, mention.span, None, reason)
        return found

    def _same_clause(self, mention: NumberMention, other: NumberMention) -> bool:
        if other is mention or other.figure is None:
            return False
        start, end = sorted((mention.span.start, other.span.start))
        return _CLAUSE_BREAK.search(self.text, start, end) is None

    def _in_long_token(self, start: int) -> bool:
        text = self.text
        if start and not text[start - 1].isspace():
            window = max(0, start - _LONG_TOKEN)
            if not any(ch in text[window:start] for ch in " \n\t") and start > _LONG_TOKEN:
                return True
        return _LONG_RUN.match(text, start) is not None

    def _skip_end(self, start: int, block: int) -> int:
        """Where to resume after a stretch that is not prose: the next space or next block."""
        if _LONG_RUN.match(self.text, start) is not None or (
            start and not self.text[start - 1].isspace() and self._in_long_token(start)
        ):
            space = _SPACE.search(self.text, start)  # once per long token: linear overall
            return space.start() if space else len(self.text)
        end = min(len(self.text), max(start + 1, (block + 1) * _BLOCK))
        stop = min(len(self.text), end + _LONG_TOKEN)
        while end < stop and self.text[end - 1].isalnum() and self.text[end].isalnum():
            end += 1  # never resume inside a number: the "0" of a "40" cut by the block edge
        return end

    # -- helpers --------------------------------------------------------------------------------

    def _mention(self, start: int, end: int, figure: Figure | None, reason: str) -> NumberMention:
        return NumberMention(self.text[start:end], self.index.span(start, end), figure, reason)

    def _token_end(self, match: re.Match[str]) -> int:
        if match.group("digits"):
            return match.start() + len(match.group().rstrip(",.:/-–"))
        return match.end()

    def _figure(self, r: _Reading) -> Figure:
        text = self.text
        value: float | None
        low: float | None
        high: float | None
        low_inc: bool | None
        high_inc: bool | None
        if r.high_value is not None:
            value = None
            low, high, low_inc, high_inc = r.value, r.high_value, True, True
        else:
            value = r.value
            low, high, low_inc, high_inc = hg.bounds(r.hedge, r.value)
        phrase = text[r.start : r.end]
        return Figure(
            text=phrase, value=_clean(value), low=_clean(low), high=_clean(high),
            low_inclusive=low_inc, high_inclusive=high_inc, kind=r.kind or "number",
            unit=r.unit, hedge=r.hedge, subject=r.subject,
            span=self.index.span(r.start, r.end), precision=r.precision,
        )

    def _merge_bounds(self, found: list[NumberMention], at: int | None,
                      figure: Figure) -> Figure | None:
        """"more than 10 and less than 20" -> (10, 20); "at most 100 and at least 20" -> [20, 100]."""
        if at is None or figure.value is None:
            return None
        previous = found[at].figure
        if previous is None or previous.value is None:
            return None
        kinds = {previous.kind, figure.kind}
        if len(kinds) > 1 and kinds != {"number", "count"}:
            return None
        gap = _CONJUNCTION.match(self.text, previous.span.end, figure.span.start)
        if gap is None or gap.end() != figure.span.start:
            return None
        lower, upper = (previous, figure) if previous.high is None else (figure, previous)
        if lower.low is None or lower.high is not None or upper.high is None or upper.low is not None:
            return None
        if not lower.low < upper.high:
            return None
        start, end = previous.span.start, figure.span.end
        return Figure(
            text=self.text[start:end], value=None, low=lower.low, high=upper.high,
            low_inclusive=lower.low_inclusive, high_inclusive=upper.high_inclusive,
            kind="count" if "count" in kinds else figure.kind, unit=previous.unit or figure.unit,
            hedge="none",
            subject=previous.subject or figure.subject, span=self.index.span(start, end),
            precision=previous.precision,
        )

    # -- the number itself ----------------------------------------------------------------------

    def _core(self, match: re.Match[str]) -> _Core:
        if match.group("digits"):
            return self._digit_core(match)
        return self._word_core(match)

    def _digit_core(self, match: re.Match[str]) -> _Core:
        text = self.text
        start = match.start()
        run = match.group().rstrip(",.:/-–")
        end = start + len(run)
        if len(run) > _MAX_RUN:
            raise _Reject("long digit run", end)
        doi = ex.DOI.match(text, start)
        if doi is not None:
            raise _Reject("DOI", doi.end())
        self._url_context(start, end)
        before = text[start - 1] if start else " "
        if before.isalpha() or before == "_":
            self._reject_attached_left(start, end, run)
        if before == "-" and start >= 2 and text[start - 2].isalpha():
            raise _Reject("product code like COVID-19", end)
        if before == "+" and any(sep in run for sep in "-.") or (
            before == "+" and ex.INTERNATIONAL_TAIL.match(text, end)
        ):
            tail = ex.INTERNATIONAL_TAIL.match(text, end)
            raise _Reject("phone number", tail.end() if tail else end)
        if any(sep in run for sep in ":/-–"):
            return self._separated_core(start, end, run)
        parsed = nb.parse_digits(run)
        if parsed is None:
            if run.count(".") >= 2 and "," not in run:
                raise _Reject("version", end)
            if "," in run:
                raise _Reject("number list", end)
            raise _Reject("malformed number", end)
        return _Core(start, end, parsed[0], parsed[1], run)

    def _reject_attached_left(self, start: int, end: int, run: str) -> None:
        text = self.text
        left = start
        while left > 0 and start - left < 12 and text[left - 1].isalpha():
            left -= 1
        letters = text[left:start]
        if letters.upper() in un.CURRENCY_CODES:
            return  # "USD115.5" is money; the currency reader takes it
        if letters.lower() in ("v", "ver", "version"):
            raise _Reject("version", end)
        raise _Reject("product code like COVID-19", end)

    def _separated_core(self, start: int, end: int, run: str) -> _Core:
        to_one = _TO_ONE.fullmatch(run)
        if to_one is not None:  # "a 42:1 return": 42 to one
            parsed = nb.parse_digits(to_one.group(1))
            if parsed is not None:
                return _Core(start, end, parsed[0], parsed[1], run, ratio=True)
        reason = ex.classify_run(run)
        if reason is not None:
            raise _Reject(reason, end)
        if "/" in run:
            parts = run.split("/")
            if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit() and int(parts[1]):
                if int(parts[0]) > int(parts[1]) > 12:
                    raise _Reject("reading such as 140/90 (not a share)", end)
                value = int(parts[0]) / int(parts[1])
                return _Core(start, end, value, None, run, fraction=True)
            raise _Reject("date" if len(parts) == 3 else "number sequence", end)
        if ":" in run:
            raise _Reject("colon notation", end)
        parts = re.split("[-–]", run)
        if len(parts) != 2:
            raise _Reject("number sequence", end)
        low, high = nb.parse_digits(parts[0]), nb.parse_digits(parts[1])
        if low is None or high is None:
            raise _Reject("number sequence", end)
        if ex.is_year(low[0], parts[0]) and (ex.is_year(high[0], parts[1]) or len(parts[1]) == 2):
            raise _Reject("year", end)
        if len(parts[0]) == 3 and len(parts[1]) == 4 and self._phone_context(start):
            raise _Reject("phone number", end)
        if high[0] < low[0]:
            raise _Reject("number sequence", end)
        return _Core(start, end, low[0], low[1], run, high_value=high[0], high_precision=high[1])

    def _phone_context(self, start: int) -> bool:
        tokens = self._left_tokens(start)
        return any(tok in ex.PHONE_CUES for tok, _ in tokens[-3:]) or (
            bool(tokens) and tokens[-1][0] in (")", ":")
        )

    def _word_core(self, match: re.Match[str]) -> _Core:
        text = self.text
        start = match.start()
        if match.group() in ("one", "One") and _ONE_OF.match(text, match.end()):
            raise _Reject("the word one (no quantity)", match.end())
        words = [match.group().lower()]
        ends = [match.end()]
        if words[0] in nb.MULTIPLIED:
            return _Core(start, match.end(), float(nb.MULTIPLIED[words[0]]), 1.0, match.group(),
                         word_form="multiplied")
        pos = match.end()
        while len(words) < 16:
            sep = _WORD_SEPARATOR.match(text, pos)
            if sep is None:
                break
            word = _WORD_AT.match(text, sep.end())
            if word is None:
                break
            lower = word.group().lower()
            if lower in nb.UNITS and words[-1] in _NO_UNIT_AFTER:
                break  # "one one", "ten two": a new number starts here
            words.append(lower)
            ends.append(word.end())
            pos = word.end()
        article = _ARTICLE_LEFT.search(text, max(0, start - 5), start)
        with_article = article is not None and article.group(1).lower() in ("a", "an")
        parsed = nb.parse_words(words, with_article)
        if parsed is None:
            if words[0] in nb.ORDINALS or words[0] in nb.DENOMINATORS:
                raise _Reject("", ends[0])
            raise _Reject("scale word without a number", ends[0])
        end = ends[parsed.used - 1]
        precision: float | None
        value, precision, form = parsed.value, parsed.precision, parsed.form
        if form == "vague":
            raise _Reject("vague quantity", end)
        if words[0] in nb.SCALES or words[0] == "hundred":
            left = self._left_tokens(start)
            if left and left[-1][0] in _VAGUE_BEFORE:
                raise _Reject("vague quantity", end)
        if words[0] in nb.SCALES and not with_article:
            raise _Reject("scale word without a number", end)
        article_start = start - len(article.group()) if with_article and article else None
        if form == "fraction" and words[parsed.used - 1] in ("half", "halves"):
            half_of = _HALF_A.match(text, end)
            if half_of is not None:  # "half a dozen", "half a million"
                scale = 12.0 if half_of.group(1) == "dozen" else (
                    100.0 if half_of.group(1) == "hundred" else nb.SCALES[half_of.group(1)])
                value, precision, form, end = value * scale, scale / 2, "cardinal", half_of.end()
        if form == "cardinal":
            half = _AND_A_HALF.match(text, end)
            if half is not None:
                value += 1 / nb.DENOMINATORS[half.group(1)]
                precision, end = None, half.end()
                scale_word = _SCALE_RIGHT.match(text, end)
                if scale_word is not None and scale_word.group(1).lower() in nb.SCALES:
                    factor = nb.SCALES[scale_word.group(1).lower()]
                    value, precision, end = value * factor, factor / 2, scale_word.end()
        if words[0] == "couple" and with_article:
            of = _OF.match(text, end)
            if of is not None:
                end = of.end()
        core = _Core(start, end, value, precision, text[start:end], word_form=form,
                     fraction=form == "fraction", article_start=article_start)
        return core

    # -- context ----------------------------------------------------------------------------------

    def _left_tokens(self, start: int) -> list[tuple[str, int]]:
        """The last few tokens before `start`, lower-cased, with their offsets."""
        window_start = max(0, start - _LEFT_WINDOW)
        window = lower_keeping_offsets(self.text[window_start:start])
        tokens = [(m.group(), m.start() + window_start) for m in _LEFT_TOKEN.finditer(window)]
        if window_start and tokens and tokens[0][1] == window_start:
            tokens = tokens[1:]  # may be the tail of a longer word
        return tokens[-8:]

    def _read(self, core: _Core) -> _Reading:
        r = _Reading(start=core.article_start if core.article_start is not None else core.start,
                     end=core.end, value=core.value, precision=core.precision,
                     high_value=core.high_value, word_form=core.word_form, token=core.token)
        if core.ratio:
            r.kind = "ratio"
        pos = core.end
        pos = self._attached_suffix(r, core, pos)
        r.suffix_end = pos
        self._currency_before(r)
        self._negative_sign(r)
        tokens = self._left_tokens(r.start)
        tokens = self._percent_of(r, tokens)
        tokens = self._hedge_before(r, tokens)
        tokens = self._range_cues(r, tokens)
        self._exclusion_cues(r, core, tokens)
        pos = self._scale_after(r, pos)
        pos = self._second_value(r, core, pos, tokens)
        pos = self._hedge_after(r, pos)
        pos = self._unit_after(r, core, pos, tokens)
        if r.hedge in ("none", "approximately") and r.high_value is None:
            pos = self._hedge_after(r, pos)  # "2 in 5 or more"
        r.end = max(r.end, pos)
        self._final_checks(r, core, tokens)
        if r.high_value is not None and r.value is not None and r.value > r.high_value:
            # A range reads low to high; "2-72 in 2" would otherwise give [100%, 72%].
            raise _Reject("not a range (first end above the second)", r.end)
        return r

    def _attached_suffix(self, r: _Reading, core: _Core, pos: int) -> int:
        """Letters glued to digits: "3x", "100k", "$3.5bn", "6th", "1990s", "10pm", "3D"."""
        if core.word_form is not None:
            return pos
        text = self.text
        nxt = text[pos] if pos < len(text) else ""
        if nxt == "%":
            return pos
        attached = _ATTACHED.match(text, pos)
        if attached is None:
            if _AMPM.match(text, pos):
                raise _Reject("time of day", pos)
            if nxt == "'" and text[pos + 1 : pos + 2] == "s":
                raise _Reject("decade", pos + 2)
            return pos
        if attached.end() < len(text) and text[attached.end()].isdigit():
            raise _Reject("product code like COVID-19", attached.end())
        suffix = attached.group()
        lower = suffix.lower()
        end = attached.end()
        if lower in ("st", "nd", "rd", "th"):
            r.word_form = "ordinal"
            return end
        if lower == "s":
            raise _Reject("decade" if core.token.endswith("0") else "plural number", end)
        if lower in ("am", "pm"):
            raise _Reject("time of day", end)
        if lower == "x":
            r.kind = "ratio"
            return end
        if lower in nb.SCALE_ABBREVIATIONS or suffix in ("M", "B", "T", "MM"):
            scale = nb.SCALE_ABBREVIATIONS.get(lower) or nb.LETTER_SCALES[lower[0]]
            self._apply_scale(r, scale)
            return end
        if lower in ("m", "b"):
            r.letter_scale = nb.LETTER_SCALES[lower]  # only money takes it; see _final_checks
            return end
        if lower == "fold":
            r.kind = "ratio"
            return end
        if lower in _PHYSICAL and not (len(suffix) == 1 and suffix.isupper()):  # 5g, not 5G
            r.kind, r.unit = "number", lower
            return end
        if lower in un.CURRENCY_WORDS or suffix in un.CURRENCY_CODES or lower in _PERCENT_WORDS:
            return pos  # "100USD", "5euros" and "7000percent" are read by the unit readers below
        raise _Reject("product code like COVID-19", end)

    def _apply_scale(self, r: _Reading, scale: float) -> None:
        r.scale = scale
        r.value *= scale
        if r.precision is not None:
            r.precision *= scale
        if r.high_value is not None:
            r.high_value *= scale

    def _currency_before(self, r: _Reading) -> None:
        text = self.text
        before = text[max(0, r.start - 2) : r.start].rstrip(" \t")
        if not before or not (before[-1] in _CURRENCY_CHARS or before[-1].isalpha()):
            return  # the common case, decided without a regex
        left = _CURRENCY_LEFT.search(text, max(0, r.start - 7), r.start)
        if left is None:
            return
        if left.group("sign"):
            sign = left.group("sign").replace(".", "")
            code = un.CURRENCY_SIGNS.get(sign) or ("USD" if sign.upper().startswith("US") else None)
        else:
            code = left.group("code").upper()
            if code not in un.CURRENCY_CODES:
                return
            code = "CNY" if code == "RMB" else code
        r.currency = code
        r.start = left.start()
        if left.group("sign") == "$" and left.start() >= 2:
            # "C$", "US$" written with a space ("u.s $"): keep the ISO code of the letters
            previous = text[max(0, left.start() - 4) : left.start()].strip().lower()
            if previous.endswith("c"):
                r.currency, r.start = "CAD", r.start - 2 if previous.endswith(" c") else r.start

    def _negative_sign(self, r: _Reading) -> None:
        text = self.text
        if r.start and text[r.start - 1] == "-" and (r.start < 2 or text[r.start - 2] in " \t\n(<=[≤≥"):
            r.start -= 1
            r.value = -r.value

    def _url_context(self, start: int, end: int) -> None:
        """Numbers inside a URL ("...?q=30%25") are not figures."""
        text = self.text
        if start == 0 or text[start - 1] in " \t\n":
            return  # a URL has no space before its digits
        window_start = max(0, start - 200)
        gap = max(text.rfind(" ", window_start, start), text.rfind("\n", window_start, start))
        word = text[gap + 1 if gap >= 0 else window_start : start]
        if "://" in word or word.lower().startswith("www.") or _URL_ENCODED.match(text, end):
            raise _Reject("URL", end)

    def _percent_of(self, r: _Reading, tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """"percent of 10", "per cent of twenty-two": the percent word written first."""
        words = [tok for tok, _ in tokens]
        size = 3 if words[-3:] == ["per", "cent", "of"] else (
            2 if words[-2:] in (["percent", "of"], ["percents", "of"]) else 0)
        if not size or (len(words) > size and words[-size - 1].isdigit()):
            return tokens
        if len(words) > size and words[-size - 1] in ("the", "a", "what", "this", "that", "%"):
            return tokens
        r.kind, r.start = "percent", tokens[-size][1]
        return tokens[:-size]

    def _hedge_before(self, r: _Reading, tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
        words = [tok for tok, _ in tokens]
        if words and words[-1] in ("minus", "negative"):
            r.value = -r.value
            r.start = tokens[-1][1]
            tokens, words = tokens[:-1], words[:-1]
        for size in range(min(hg.LONGEST_BEFORE, len(words)), 0, -1):
            hedge = hg.BEFORE.get(tuple(words[-size:]))
            if hedge is not None:
                r.hedge = hedge
                r.start = tokens[-size][1]
                rest = tokens[:-size]
                if hedge in ("over", "less than", "at least", "up to", "almost") and rest and (
                    rest[-1][0] in un.AGE_HOLDERS or rest[-1][0] == "aged"
                ):
                    r.age = True  # "adults over 50", "children under 12"
                return rest
        return tokens

    def _range_cues(self, r: _Reading, tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
        words = [tok for tok, _ in tokens]
        if words[-2:] == ["ages", "of"] or words[-2:] == ["age", "of"]:
            r.age, r.start, tokens = True, tokens[-2][1], tokens[:-2]
        elif words[-1:] in (["aged"], ["ages"], ["age"]):
            r.age, r.start, tokens = True, tokens[-1][1], tokens[:-1]
        words = [tok for tok, _ in tokens]
        if words[-2:] == ["between", "the"] and r.age:
            r.between, r.start, tokens = True, tokens[-2][1], tokens[:-2]
        elif words[-1:] == ["between"]:
            r.between, r.start, tokens = True, tokens[-1][1], tokens[:-1]
            if words[-2:-1] in (["aged"], ["ages"], ["age"]):  # "adults aged between 30 and 79"
                r.age, r.start, tokens = True, tokens[-1][1], tokens[:-1]
        elif words[-1:] == ["from"] and len(words) > 1 and words[-2] in _CHANGE_VERBS:
            r.change = True
        elif words[-1:] == ["from"]:
            r.from_, r.start, tokens = True, tokens[-1][1], tokens[:-1]
            if words[-2:-1] == ["anywhere"]:
                r.start, tokens = tokens[-1][1], tokens[:-1]
        return tokens

    def _exclusion_cues(self, r: _Reading, core: _Core, tokens: list[tuple[str, int]]) -> None:
        """Dates, labels, versions, addresses, phone numbers, list numbering, footnotes."""
        text = self.text
        previous = tokens[-1][0] if tokens else ""
        plain = r.hedge == "none" and r.currency is None
        end = core.end
        if previous in ex.MONTHS and plain and r.start == core.start:
            raise _Reject("date", end)
        if r.word_form == "ordinal" and core.word_form is None:
            of = _OF.match(text, r.suffix_end)
            if of is not None and self._next_word(of.end()) in ex.MONTHS:
                raise _Reject("date", of.end())
        if [tok for tok, _ in tokens[-2:]] in (["for", "every"], ["for", "each"]) or previous == "per" and (
            r.currency is not None
        ):
            # "For every $1 spent, the return is $44"; "for every $1,000 in balances": the base
            # of a rate, not a claim of its own
            raise _Reject("base of a rate (for every $1)", end)
        if not plain or core.word_form is not None:
            if previous in _STATISTICS and r.hedge != "none" and len(tokens) and tokens[-1][0] == "p":
                raise _Reject("statistic (p-value)", end)
            return
        if previous == "#":
            if r.value > 100:  # "#71668" is an issue or order number, "#1 rated" a rank
                raise _Reject("reference number (#1234)", end)
            r.kind = "rank"
            r.start = tokens[-1][1]
            return
        if previous in ex.VERSION_CUES:
            raise _Reject("version", end)
        if previous in ex.LIST_CUES:
            raise _Reject("list numbering", end)
        if previous == "." and len(tokens) > 1 and tokens[-2][0] in ("no", "nr", "vol", "fig", "p", "pp"):
            raise _Reject("label (Type 2, Phase 3, Table 1)", end)  # "No. 289"
        if previous in ex.LABEL_CUES and r.high_value is None:
            raise _Reject("label (Type 2, Phase 3, Table 1)", end)
        if previous in ex.ADDRESS_CUES:
            raise _Reject("address", end)
        if previous in ("=", ":") and len(tokens) > 1 and tokens[-2][0] in _STATISTICS:
            raise _Reject("statistic", end)
        if previous == "(" or previous == "[":
            self._bracketed(r, core, tokens)
        if core.token.isdigit() and len(core.token) == 5 and tokens:
            raw_prev = text[tokens[-1][1] : tokens[-1][1] + 2]
            if ex.is_zip(core.token, raw_prev):
                raise _Reject("address", end)
        if self._line_start(r.start) and text[end : end + 1] in (".", ")") and (
            text[end + 1 : end + 2] in (" ", "\t", "\n", "")
        ):
            raise _Reject("list numbering", end + 1)
        if previous in (".", ",", ";", ")", "!", "?") and core.start and text[core.start - 1] == previous and (
            core.start >= 2 and text[core.start - 2].isalpha()
        ):
            raise _Reject("footnote marker", end)
        if core.token.isdigit() and 1 <= len(core.token) <= 5:
            self._address_after(core)

    def _bracketed(self, r: _Reading, core: _Core, tokens: list[tuple[str, int]]) -> None:
        text = self.text
        end = core.end
        close = _PAREN_CLOSE.match(text, end)
        if tokens[-1][0] == "(" and len(core.token) == 3 and ex.PHONE_TAIL.match(text, end):
            raise _Reject("phone number", ex.PHONE_TAIL.match(text, end).end())  # type: ignore[union-attr]
        if close is None:
            return
        if len(tokens) > 1 and tokens[-2][0] in ex.SHOP_CUES:
            raise _Reject("shop price widget", close.end())
        if tokens[-1][0] == "[":
            raise _Reject("footnote marker", close.end())
        if self._citation(core, tokens, close.end()):
            raise _Reject("citation (1-3)", close.end())
        if len(core.token) <= 2 and self._line_start(tokens[-1][1]):
            raise _Reject("list numbering", close.end())

    def _citation(self, core: _Core, tokens: list[tuple[str, int]], close_end: int) -> bool:
        """"...and heart failure (1–3).", "estimates (4) for": reference numbers in parentheses
        right after a word, with nothing else inside."""
        text = self.text
        if core.word_form is not None or not core.token.replace("–", "-").replace("-", "").isdigit():
            return False
        if core.value >= 1000 or (core.high_value or 0) >= 1000 or len(tokens) < 2:
            return False
        if not tokens[-2][0].isalpha() or self._line_start(tokens[-1][1]):
            return False
        after = text[close_end : close_end + 1]
        return after in ("", ".", ",", ";", ":", " ", "\n")

    def _address_after(self, core: _Core) -> None:
        """"123 Main St": a number, one to three Capitalised words, a street suffix."""
        pos = core.end
        for _ in range(4):
            word = _NEXT_WORD.match(self.text, pos)
            if word is None:
                return
            token = word.group(1)
            if token.lower().rstrip(".") in ex.STREET_SUFFIXES and pos != core.end:
                raise _Reject("address", core.end)
            if not token[:1].isupper():
                return
            pos = word.end()

    def _line_start(self, start: int) -> bool:
        line_start = self.text.rfind("\n", max(0, start - 40), start) + 1
        if line_start == 0 and start > 40:
            return False
        return self.text[line_start:start].strip(" \t*-•>") == ""

    def _next_word(self, pos: int) -> str:
        word = _NEWLINE_WORD.match(self.text, pos)
        return word.group(1).lower() if word else ""

    # -- the right-hand side ------------------------------------------------------------------

    def _scale_after(self, r: _Reading, pos: int) -> int:
        if r.word_form is not None or r.scale != 1.0:
            return pos
        scale = _SCALE_RIGHT.match(self.text, pos)
        if scale is None:
            return pos
        word = scale.group(1).lower()
        factor = 100.0 if word == "hundred" else nb.SCALES.get(word) or nb.SCALE_ABBREVIATIONS[word]
        self._apply_scale(r, factor)
        return scale.end()

    def _second_value(self, r: _Reading, core: _Core, pos: int,
                      tokens: list[tuple[str, int]]) -> int:
        """Ranges: "X-Y" (already whole), "X to Y", "between X and Y", "from X to Y"."""
        text = self.text
        if r.high_value is not None:
            return self._range_tail(r, pos, tokens)
        first_unit_end = pos
        first_percent = _PERCENT.match(text, pos)
        if first_percent:
            pos = first_percent.end()
        first_time = self._time_unit(pos)
        if first_time is not None and not first_percent:
            pos = first_time[2]
        join = _RANGE_JOIN.match(text, pos)
        if join is None or r.change:
            return first_unit_end
        word = (join.group(2) or "").lower().replace("\t", " ")
        if word == "and" and not r.between:
            return first_unit_end
        if word.startswith("up") and first_time is None and not r.from_:
            return first_unit_end
        if join.group(1) and " " in join.group() and pos != core.end and first_time is None and (
            not first_percent
        ):
            return first_unit_end  # "5 million - the" is a dash, not a range
        second = self._quantity_at(join.end(), r.currency)
        if second is None:
            return first_unit_end
        value2, end2, scale2, percent2, time2 = second
        low = r.value
        if r.scale == 1.0 and scale2 != 1.0:
            low *= scale2
            if r.precision is not None:
                r.precision *= scale2
        if first_time is not None and time2 is not None and first_time[0] != time2[0]:
            unit, hours = min((first_time[0], first_time[1]), (time2[0], time2[1]), key=lambda t: t[1])
            low = low * first_time[1] / hours
            value2 = value2 * time2[1] / hours
            time2 = (unit, hours, time2[2])
        if first_time is not None and time2 is None:
            return first_unit_end
        if not low <= value2:
            return first_unit_end
        r.value, r.high_value = low, value2
        r.joined_by_up_to = word.startswith("up")
        if percent2 or first_percent:
            r.kind = "percent"
        if time2 is not None:
            r.kind, r.unit = "duration", time2[0]
            age = _AGE_TAIL.match(text, end2) if time2[0] == "years" else None
            if age is not None:  # "18 to 24 year-olds"
                r.kind, r.age, end2 = "age", True, age.end()
        if r.between or r.from_ or join.group(1) or word in ("to", "through", "thru") or word.startswith("up"):
            return self._range_tail(r, end2, tokens) if time2 is None and not percent2 else end2
        return end2

    def _range_tail(self, r: _Reading, pos: int, tokens: list[tuple[str, int]]) -> int:
        """Words after a two-sided range: "0-10 scale" is a rating scale, "or more" is dropped."""
        text = self.text
        if _SCALE_WORD_TAIL.match(text, pos) or (len(tokens) > 1 and tokens[-1][0] == "of"
                                                 and tokens[-2][0] == "scale"):
            raise _Reject("rating scale", pos)
        return pos

    def _quantity_at(self, pos: int, currency: str | None
                     ) -> tuple[float, int, float, bool, tuple[str, float, int] | None] | None:
        """The second number of a range: its value, end, scale, percent sign and time unit."""
        text = self.text
        if currency is not None and pos < len(text) and not text[pos].isalnum():
            sign = _CURRENCY_SIGN_AT.match(text, pos)
            if sign is not None:
                pos = sign.end()
        digits = _DIGITS_AT.match(text, pos)
        if digits is not None:
            token = digits.group().rstrip(",.")
            parsed = nb.parse_digits(token)
            if parsed is None:
                return None
            value, end = parsed[0], pos + len(token)
            if text[end : end + 1].isalpha() and not _ATTACHED_SCALE.match(text, end):
                return None
        else:
            article = _ARTICLE_AT.match(text, pos)
            word_pos = article.end() if article else pos
            word = _WORD_AT.match(text, word_pos)
            if word is None:
                return None
            words, end = [word.group().lower()], word.end()
            while len(words) < 12:
                sep = _WORD_SEPARATOR.match(text, end)
                nxt = _WORD_AT.match(text, sep.end()) if sep else None
                if nxt is None:
                    break
                words.append(nxt.group().lower())
                end = nxt.end()
            parsed_words = nb.parse_words(words, article is not None)
            if parsed_words is None or parsed_words.form not in ("cardinal", "ordinal"):
                return None
            value = parsed_words.value
            if words[0] == "couple":
                of = _OF.match(text, end)
                end = of.end() if of else end
        scale = 1.0
        attached = _ATTACHED_SCALE.match(text, end)
        spaced = _SCALE_RIGHT.match(text, end)
        if attached is not None:
            scale = nb.SCALE_ABBREVIATIONS.get(attached.group().lower()) or nb.LETTER_SCALES[attached.group()[0].lower()]
            end = attached.end()
        elif spaced is not None and digits is not None:
            w = spaced.group(1).lower()
            scale = 100.0 if w == "hundred" else nb.SCALES.get(w) or nb.SCALE_ABBREVIATIONS[w]
            end = spaced.end()
        percent = _PERCENT.match(text, end)
        if percent is not None:
            end = percent.end()
        time = self._time_unit(end) if percent is None else None
        if time is not None:
            end = time[2]
        return value * scale, end, scale, percent is not None, time

    def _time_unit(self, pos: int) -> tuple[str, float, int] | None:
        unit = _TIME_UNIT.match(self.text, pos)
        if unit is None:
            return None
        found = un.TIME_UNITS.get(unit.group(1).lower())
        if found is None or (len(unit.group(1)) <= 2 and unit.group(1).lower() not in ("hr", "h")):
            return None
        if unit.group(1).lower() == "h" and self.text[pos : pos + 1] in (" ", "\t"):
            return None
        return found[0], found[1], unit.end()

    def _hedge_after(self, r: _Reading, pos: int) -> int:
        text = self.text
        or_equal = _OR_EQUAL.match(text, pos)
        if or_equal is not None and r.hedge in ("over", "less than", "none") and not (
            _NUMBER_AHEAD.match(text, or_equal.end())
        ):
            r.hedge = hg.with_or_equal(r.hedge)
            return or_equal.end()
        post = _POST_HEDGE.match(text, pos)
        if post is not None and not _NUMBER_AHEAD.match(text, post.end()):
            word = post.group(1).lower()
            if r.high_value is None:
                r.hedge = hg.AFTER[word]
            if word in ("older", "younger"):
                r.age = True
            return post.end()
        plus = _PLUS.match(text, pos)
        if plus is not None and r.high_value is None:
            r.hedge = "at least"
            return plus.end()
        return pos

    def _unit_after(self, r: _Reading, core: _Core, pos: int,
                    tokens: list[tuple[str, int]]) -> int:
        text = self.text
        if r.word_form == "multiplied":
            r.kind = "ratio"  # "has tripled": three times what it was
            return pos
        if r.kind == "ratio":
            return self._ratio_tail(r, pos)
        percent = _PERCENT.match(text, pos)
        if percent is not None and r.currency is None:
            r.kind = "percent"
            if percent.group(2):
                r.unit = "percentage points"
            return self._subject(r, percent.end(), percent=True)
        if r.kind == "percent":
            return self._subject(r, pos, percent=True)
        money = self._currency_after(r, pos)
        if money is not None:
            return money
        if r.currency is not None:
            per_unit = self._per_currency_unit(r, pos)
            if per_unit is not None:
                return per_unit
            r.kind = "money"
            frequency = _FREQUENCY.match(text, pos)
            if frequency is not None and (frequency.group(3) or self._period(frequency)):
                return frequency.end()
            return pos
        if r.word_form == "ordinal":
            rank = _RANK_TAIL.match(text, pos)
            if rank is None:
                raise _Reject("ordinal" if core.word_form is None else "", pos)
            r.kind = "rank"
            return self._subject(r, rank.end(), percent=False, after_rank=True)
        if r.word_form == "times" or _TIMES.match(text, pos):
            return self._times(r, pos)
        if core.fraction or r.word_form == "fraction":
            return self._fraction(r, core, pos)
        share = self._share(r, core, pos)
        if share is not None:
            return share
        time = self._time_unit(pos)
        if time is not None:
            return self._duration(r, time)
        if r.kind == "rank":
            return pos
        return self._count(r, pos)

    def _per_currency_unit(self, r: _Reading, pos: int) -> int | None:
        """"$36 for every $1 spent", "$36-$42 per dollar", "£42 per £1": a return on each unit of
        money is a ratio (36), not an amount; "$5 for every $2" is 2.5."""
        per = _PER_MONEY.match(self.text, pos)
        if per is None:
            return None
        divisor = 1.0
        if per.group("amount"):
            parsed = nb.parse_digits(per.group("amount"))
            if parsed is None or parsed[0] <= 0:
                return None
            divisor = parsed[0]
        r.value /= divisor
        if r.high_value is not None:
            r.high_value /= divisor
        if r.precision is not None:
            r.precision /= divisor
        r.kind, r.currency = "ratio", None
        return per.end()

    def _ratio_tail(self, r: _Reading, pos: int) -> int:
        comparative = _COMPARATIVE.match(self.text, pos)
        return comparative.end() if comparative is not None else pos

    def _currency_after(self, r: _Reading, pos: int) -> int | None:
        text = self.text
        sign = _SIGN_RIGHT.match(text, pos)
        if sign is not None and r.currency is None:  # "10 €", "49,99 €" as written in Europe
            r.currency, r.kind = un.CURRENCY_SIGNS[sign.group(1)], "money"
            return sign.end()
        code = _CODE_RIGHT.match(text, pos)
        if code is not None and code.group(1) in un.CURRENCY_CODES and r.currency is None:
            r.currency = "CNY" if code.group(1) == "RMB" else code.group(1)
            r.kind = "money"
            return code.end()
        word = _CURRENCY_WORD.match(text, pos)
        if word is None and text[pos : pos + 1].isalpha():
            word = _GLUED_WORD.match(text, pos)
        if word is None:
            return None
        lower = word.group(1).lower()
        currency = un.CURRENCY_WORDS.get(lower)
        if currency is None or r.currency is not None:
            return None
        if lower in un.WEAK_CURRENCY_WORDS and r.scale == 1.0 and "sterling" not in text[pos : pos + 40]:
            return None
        if lower in ("dollar", "dollars") and "us" in word.group().lower():
            currency = "USD"
        r.currency, r.kind = currency, "money"
        if lower in un.SUBUNITS:
            r.value /= 100
            if r.high_value is not None:
                r.high_value /= 100
            if r.precision is not None:
                r.precision /= 100
        return word.end()

    def _times(self, r: _Reading, pos: int) -> int:
        text = self.text
        times = _TIMES.match(text, pos)
        end = times.end() if times is not None else pos
        if times is not None and times.group(1) == "fold":
            r.kind = "ratio"
            return self._ratio_tail(r, end)
        frequency = _FREQUENCY.match(text, end)
        if frequency is not None and self._period(frequency):
            r.kind, r.unit = "frequency", "per " + self._period(frequency)  # type: ignore[operator]
            return frequency.end()
        comparative = _COMPARATIVE.match(text, end)
        if comparative is not None or (times is not None and times.group(1) is None):
            r.kind = "ratio"
            return comparative.end() if comparative is not None else end
        r.kind, r.unit = "count", "times"
        return end

    def _period(self, frequency: re.Match[str]) -> str | None:
        word = frequency.group(1) or frequency.group(2)
        if word is not None:
            return un.PERIODS.get(word)
        return un.FREQUENCY_ADVERBS.get(frequency.group(3))

    def _fraction(self, r: _Reading, core: _Core, pos: int) -> int:
        """"1/3 of patients", "two-thirds of cases", "more than half": percents."""
        text = self.text
        of = _OF.match(text, pos)
        if of is None and core.word_form is not None:
            group_end = self._group_after_the(r, pos)
            if group_end is not None:  # "half the world's population", "a third the adults"
                r.kind, r.value, r.precision = "percent", r.value * 100, None
                return group_end
        if of is None and r.hedge == "none":
            reason = "fraction (or a date)" if core.word_form is None else "fraction of a single thing"
            raise _Reject(reason, pos, core.end)
        subject_end = self._subject(r, pos, percent=True) if of is not None else pos
        if core.word_form is not None and r.hedge == "none" and not self._plural_subject(r):
            raise _Reject("fraction of a single thing", pos, core.end)
        r.kind = "percent"
        r.value *= 100
        r.precision = None
        return subject_end

    def _group_after_the(self, r: _Reading, pos: int) -> int | None:
        """"half the world's population", "half the adults": a share of a group with "of" left
        out; "half the time" and "half the price" are not. Sets the subject, returns its end."""
        the = _THE_AFTER.match(self.text, pos)
        if the is None:
            return None
        cursor, words = the.end(), list[str]()
        while len(words) < 3:
            word = _NEXT_WORD.match(self.text, cursor)
            if word is None:
                return None
            token = word.group(1)
            lower = token.lower()
            if lower in un.STOP_WORDS or lower in un.TIME_UNITS or un.looks_like_verb(lower):
                return None
            words.append(token)
            cursor = word.end()
            if lower in _COLLECTIVES or lower in un.POPULATION_UNITS or (
                un.looks_plural(lower) and not lower.endswith(("'s", "’s"))
            ):
                r.subject = " ".join(words)
                return cursor
        return None

    def _plural_subject(self, r: _Reading) -> bool:
        if r.subject is None:
            return False
        head = r.subject.split()[0]
        return un.looks_plural(head) or head.lower() in un.POPULATION_UNITS

    def _share(self, r: _Reading, core: _Core, pos: int) -> int | None:
        """"one in three", "1 in 4 adults", "nine of 10", "9 out of 10 dentists"."""
        text = self.text
        link = _FRACTION_OF.match(text, pos)
        if link is None or r.scale != 1.0 or r.value != int(r.value) or r.value < 0:
            return None
        second = self._quantity_at(link.end(), None)
        if second is None:
            return None
        total, end, scale, percent, time = second
        if percent or time is not None or scale != 1.0 or total <= 0 or total < r.value:
            return None
        if link.group(1) == "in" and 1900 <= total <= 2099:
            return None
        if total > 1000:
            return None
        r.kind = "percent"
        r.value = r.value / total * 100
        r.precision = None
        return self._subject(r, end, percent=True)

    def _duration(self, r: _Reading, time: tuple[str, float, int]) -> int:
        text = self.text
        unit, _hours, end = time
        age = _AGE_TAIL.match(text, end)
        if age is not None and unit == "years":
            r.kind, r.unit = "age", "years"
            r.age = r.age or age.group(1) == "olds"  # "18 to 24 year olds": who is counted
            return age.end()
        frequency = _FREQUENCY.match(text, end)
        if frequency is not None and self._period(frequency):
            r.kind, r.unit = "frequency", f"{unit} per {self._period(frequency)}"
            return frequency.end()
        r.kind, r.unit = ("age", "years") if r.age and unit == "years" else ("duration", unit)
        return end

    def _count(self, r: _Reading, pos: int) -> int:
        physical = _TIME_UNIT.match(self.text, pos)
        if physical is not None and physical.group(1).lower() in _PHYSICAL and r.unit is None and not (
            physical.group(1) == "in" and _WORD_FOLLOWS.match(self.text, physical.end())
        ):  # "4 billion in 2021", "5 in the group": the preposition, not inches
            r.kind, r.unit = "number", physical.group(1).lower()
            return physical.end()
        if r.unit is not None and r.kind == "number":
            return pos
        end = self._subject(r, pos, percent=False)
        if r.subject is None and not r.age and self._predicate_population(r, end):
            return end
        if r.subject is None:
            r.kind = "age" if r.age else (r.kind or self._bare_kind(r, end))
            if r.age:
                r.unit = "years"
            return end
        head = head_noun(r.subject)
        frequency = _FREQUENCY.match(self.text, self._head_end)
        if frequency is not None and self._period(frequency):
            # "8 headaches a month" is how often; "82,000 deaths each year" is a population's
            # total for the period, a count (no one has fifty thousand of anything a day)
            r.kind = "count" if r.value >= _TOTAL_PER_PERIOD else "frequency"
            r.unit = f"{head} per {self._period(frequency)}"
            r.subject = r.subject.split()[0]
            return frequency.end()
        r.kind = "count"
        r.unit = un.POPULATION_UNITS.get(head, r.unit if r.unit and not r.unit.startswith("?") else head)
        return end

    def _bare_kind(self, r: _Reading, pos: int) -> str:
        """A number with no noun: "77.9 million" or "over 4 billion in 2021" counts something (a
        page rarely writes a measurement with a scale word and no unit), unless its predicate
        spends it ("4.8 million are spent": unnamed money); "42" is just a number."""
        if r.scale < 1e6 or _MONEY_PREDICATE.match(self.text, pos):
            return "number"
        return "count"

    def _predicate_population(self, r: _Reading, pos: int) -> bool:
        """"Of these, 4.8 million are children": a large bare number whose predicate names a
        population counts that population (the span stays on the number)."""
        if r.value is None or r.value < 1000:
            return False
        predicate = _PREDICATE_NOUN.match(self.text, pos)
        if predicate is None:
            return False
        noun = predicate.group(1).lower()
        if noun not in un.POPULATION_UNITS:
            return False
        r.kind, r.unit, r.subject = "count", un.POPULATION_UNITS[noun], predicate.group(1)
        return True

    def _subject(self, r: _Reading, pos: int, *, percent: bool, after_rank: bool = False) -> int:
        """The noun phrase a figure counts or qualifies; sets `r.subject`, returns its end."""
        text = self.text
        self._head_end = pos
        of = _OF.match(text, pos)
        start = of.end() if (of is not None and (percent or after_rank or r.kind is None)) else pos
        if of is not None and not (percent or after_rank):
            return pos
        words: list[str] = []
        cursor = start
        while len(words) < 3:
            word = _NEXT_WORD.match(text, cursor)
            if word is None:
                break
            token = word.group(1)
            lower = token.lower()
            if not words and lower in _DETERMINERS and of is not None:
                cursor = word.end()
                continue
            if lower in un.STOP_WORDS or un.looks_like_verb(lower) or lower in un.TIME_UNITS or (
                lower in nb.NUMBER_WORDS or lower in _TIME_PREPOSITIONS
            ):
                break  # a number word starts the next figure: "relapse within three years"
            words.append(token)
            cursor = word.end()
            if un.looks_plural(token) or lower in un.POPULATION_UNITS:
                break
        if not words:
            return pos
        if not (percent or after_rank) and not (un.looks_plural(words[-1]) or
                                                words[-1].lower() in un.POPULATION_UNITS):
            return pos
        self._head_end = cursor
        head_end = cursor
        frequency = _FREQUENCY.match(text, cursor)
        if frequency is not None and self._period(frequency):
            r.subject = " ".join(words)
            return cursor
        phrase_end = self._prepositional(cursor)
        r.subject = " ".join(words) + text[head_end:phrase_end].replace("\n", " ").replace("\t", " ")
        r.subject = " ".join(r.subject.split())
        return phrase_end

    def _prepositional(self, pos: int) -> int:
        """"with migraines", "in the United States": one short phrase after the head noun."""
        text = self.text
        prep = _NEXT_WORD.match(text, pos)
        if prep is None or prep.group(1).lower() not in _PP_PREPOSITIONS or prep.group(1) == "who":
            return pos
        cursor = prep.end()
        first = _NEXT_WORD.match(text, cursor)
        if first is not None and first.group(1).lower() == "the":
            cursor = first.end()
            first = _NEXT_WORD.match(text, cursor)
        if first is None:
            return pos
        if first.group(1)[:1].isupper():
            end = first.end()
            for _ in range(3):
                more = _NEXT_WORD.match(text, end)
                if more is None or not more.group(1)[:1].isupper():
                    break
                end = more.end()
            return end
        taken = 0
        end = pos
        while taken < 2:
            word = _NEXT_WORD.match(text, cursor)
            if word is None:
                break
            lower = word.group(1).lower()
            if lower in un.STOP_WORDS or un.looks_like_verb(lower) or lower in un.TIME_UNITS:
                break
            end = cursor = word.end()
            taken += 1
        return end

    # -- final decisions --------------------------------------------------------------------------

    def _final_checks(self, r: _Reading, core: _Core, tokens: list[tuple[str, int]]) -> None:
        self._group_qualifier(r, tokens)
        if r.letter_scale != 1.0:
            if r.kind != "money" and r.currency is None:
                raise _Reject("product code like COVID-19", core.end)
            self._apply_scale(r, r.letter_scale)
        if r.kind == "money":
            r.unit = r.currency
            if r.value == 0 and r.high_value is None:
                raise _Reject("shop price widget", r.end)
            return
        if r.currency is not None:
            r.kind, r.unit = "money", r.currency
            return
        if r.age and r.kind in ("number", "count", None, "duration") and r.kind != "count" or (
            r.age and r.kind == "count" and r.unit in ("people", "adults", "patients")
            and r.hedge != "none" and not r.subject
        ):
            r.kind, r.unit = "age", "years"
        previous = tokens[-1][0] if tokens else ""
        if r.kind in (None, "number") and r.unit is None and [tok for tok, _ in tokens[-2:]] == ["roi", "of"]:
            r.kind = "ratio"  # "an ROI of 33.1": a return per unit spent, like "33.1:1"
        plain = r.hedge == "none" and r.scale == 1.0
        if r.kind in ("number", "count") and core.word_form is None and r.high_value is None:
            if ex.is_year(r.value, core.token) and (plain or previous in ex.YEAR_CUES):
                if r.kind == "number" or previous in ex.YEAR_CUES:
                    raise _Reject("year", core.end)
        if r.high_value is not None and ex.is_year(r.value, core.token.split("-")[0]) and r.kind in ("number",):
            raise _Reject("year", core.end)
        if core.word_form == "cardinal" and r.scale == 1.0 and r.kind in ("number", "count"):
            small = abs(r.value) <= 10 and r.high_value is None and core.precision == 1.0
            population = r.unit in _POPULATION_NAMES
            if r.value == 1 and not r.high_value or small and r.hedge == "none" and not population:
                raise _Reject("the word one (no quantity)" if r.value == 1 else "small number word",
                              core.end)
        if r.kind == "rank" and r.high_value is None and r.word_form != "ordinal" and previous != "#":
            r.kind = "rank"
        if r.kind == "age":
            r.unit = "years"
        self._qualifier_checks(r, core, tokens)
        if r.joined_by_up_to:
            r.hedge = "up to"
        if r.high_value is not None and r.hedge not in ("up to",):
            r.hedge = "none"


    def _qualifier_checks(self, r: _Reading, core: _Core, tokens: list[tuple[str, int]]) -> None:
        """Numbers that qualify another statement or name a thing: an age band, a time frame,
        a reading time, a file size, a name such as "Bill 22" or "Investing 101"."""
        words = [tok for tok, _ in tokens]
        previous = words[-1] if words else ""
        before_article = words[-2] if previous == "the" and len(words) > 1 else previous
        if r.kind == "age" and r.age and before_article in ex.AGE_BOUNDARY_CUES:
            raise _Reject("age band (a qualifier)", r.end)  # "until the age of 45", "over age 50"
        if (r.subject or "").lower() in ("olds", "year-olds") or _OLDS_AFTER.match(self.text, r.end):
            raise _Reject("age band (a qualifier)", r.end)  # "18 to 24 year olds"
        if r.kind in ("count", "number") and core.token.isdigit() and ex.is_year(r.value, core.token) and (
            _YEAR_NOUN_AFTER.match(self.text, core.end)
        ):
            raise _Reject("year", r.end)  # "below 2019 levels"
        if r.kind == "age" and r.age:
            # "adults aged 25-64", "children under 12", "ages 21 and up": who is counted. A
            # band on its own ("afflicted between the ages of 35-45") is the statement itself,
            # unless the sentence states another figure for it to qualify.
            if previous in un.AGE_HOLDERS or un.looks_plural(previous) or (
                r.high_value is None and r.hedge != "none"
            ):
                raise _Reject("age band (a qualifier)", r.end)
            r.qualifier_if_paired = "age band (a qualifier)"
        if r.kind == "duration":
            if previous in ex.TIME_FRAME_CUES and words[-2:-1] in (["the"], ["in"], ["over"], ["during"]):
                raise _Reject("time frame (a qualifier)", r.end)
            if r.unit == "minutes" and (_READ_AFTER.match(self.text, r.end) or "reading" in words[-3:]):
                raise _Reject("reading time", r.end)
            if self._next_word(r.end) in ex.TIME_POINT_AFTER:
                raise _Reject("time frame (a qualifier)", r.end)  # "one year later", "5 years ago"
            if previous in ex.TIME_FRAME_IF_PAIRED:
                r.qualifier_if_paired = "time frame (a qualifier)"
        if r.kind == "number" and r.unit in ex.FILE_SIZE_UNITS and (
            previous == "(" or any(word in ex.FILE_SIZE_CUES for word in words[-3:])
            or self.text[core.end : core.end + 1].isalpha() or _SIZE_AFTER.match(self.text, r.end)
        ):
            raise _Reject("file size", r.end)
        if self._is_listicle(r, core):
            raise _Reject("list title (10 Key Findings)", r.end)
        if self._is_name(r, core):
            raise _Reject("name (Bill 22, Investing 101)", r.end)

    def _is_listicle(self, r: _Reading, core: _Core) -> bool:
        """"10 Key Findings", "46 current ROI statistics", "8 Amazing Email Statistics"."""
        if r.kind not in ("number", "count") or r.hedge != "none" or r.high_value is not None:
            return False
        if r.unit is not None and r.unit.lower() in _LISTICLE_NOUNS:
            return True
        if not self._line_start(r.start):
            return False
        line_end = self.text.find("\n", r.end)
        tail = _LISTICLE_TAIL.match(self.text, core.end, line_end if line_end >= 0 else len(self.text))
        while tail is not None:
            if tail.group(1).lower() in _LISTICLE_NOUNS:
                return True
            tail = _LISTICLE_TAIL.match(self.text, tail.end(), line_end if line_end >= 0 else len(self.text))
        return False

    def _group_qualifier(self, r: _Reading, tokens: list[tuple[str, int]]) -> None:
        """"lists with 500,000+ contacts have an ROI of 42:1", "cardholders whose balance is less
        than $1,000: 40%", "46:1 when you send 9-16 times a month": which group or condition
        the other figure of the clause is about (dropped when the clause has one)."""
        words = [tok for tok, _ in tokens]
        noun_with = words[-1:] == ["with"] and len(words) > 1 and un.looks_plural(words[-2])
        if r.hedge != "none" and (noun_with or "whose" in words[-4:]) or (
            any(word in ex.CONDITION_CUES for word in words[-4:])
        ):
            r.qualifier_if_paired = "group or condition (a qualifier)"
        elif (r.unit in _PHYSICAL or r.unit == "times") and self._in_definition(r.start):
            # "defined as ... ≥140 mmHg ... or informed twice"; a definition's scores and shares
            # ("at least 2-point improvement") stay figures a claim may quote
            raise _Reject("threshold of a definition", r.end)

    def _in_definition(self, start: int) -> bool:
        """Whether the sentence before `start` defines something ("defined as ... ≥140 mmHg")."""
        window = self.text[max(0, start - _DEFINITION_WINDOW) : start]
        stop = max(window.rfind(". "), window.rfind("\n"))
        return _DEFINITION.search(window, stop + 1) is not None

    def _is_name(self, r: _Reading, core: _Core) -> bool:
        """A bare whole number right after a capitalised word: "Bill 22", "Investing 101"."""
        if r.kind != "number" or r.unit or r.subject or r.hedge != "none" or r.currency:
            return False
        if core.word_form is not None or r.high_value is not None or r.start != core.start:
            return False
        if not core.token.isdigit():
            return False
        word_start = core.start - 1
        if word_start < 1 or self.text[word_start] != " ":
            return False
        begin = word_start
        while begin > 0 and self.text[begin - 1].isalpha():
            begin -= 1
        word = self.text[begin:word_start]
        return len(word) >= 2 and word[0].isupper() and word.lower() not in ex.CAPITALISED_FUNCTION_WORDS


_CURRENCY_SIGN_AT = re.compile(r"(?:US\$|C\$|A\$|[$€£¥₹])[ \t]?")
_ATTACHED_SCALE = re.compile(r"(?:bn|mn|bln|tln|k|K|M|B|MM)\b")
_ARTICLE_AT = re.compile(r"(?:an?|the)[ \t]+")
_PER_MONEY = re.compile(
    r"[ \t]+(?:(?:in[ \t]+)?(?:ROI|return|revenue)[ \t]+)?(?:for|per)[ \t]+(?:(?:every|each)[ \t]+)?"
    r"(?:(?:US)?[$€£¥₹][ \t]?(?P<amount>[0-9]+(?:\.[0-9]+)?)\b|(?:(?:one|a|1)[ \t]+)?"
    r"(?:dollar|pound|euro|buck)s?\b)(?:[ \t]+(?:spent|invested))?"
)
_MONEY_PREDICATE = re.compile(
    r"[ \t]+(?:(?:are|were|is|was|has[ \t]+been|have[ \t]+been|being|get|gets)[ \t]+)?"
    r"(?:spent|paid|invested|raised|owed|lost|earned|donated|budgeted|charged|saved|wasted)\b"
)
_TOTAL_PER_PERIOD = 50_000
_PERCENT_WORDS = frozenset({"percent", "pct", "percentage", "percents"})
_THE_AFTER = re.compile(r"[ \t]+the(?=[ \t])")
#: Singular nouns that name a group of people: "half the population".
_COLLECTIVES = frozenset("population public workforce electorate country nation world".split())
_DEFINITION_WINDOW = 300  # a sentence
_DEFINITION = re.compile(r"\b(?:defined|definition|diagnosed[ \t]+(?:as|when|if)|criteria|criterion)\b",
                         re.IGNORECASE)

_TO_ONE = re.compile(r"([0-9]{1,4}(?:\.[0-9]+)?):1")
_GLUED_WORD = re.compile(r"([A-Za-z]+)\b")
_WORD_FOLLOWS = re.compile(r"[ \t]+(?!(?:tall|long|wide|high|deep|thick)\b)[A-Za-z0-9]")


def _prose_words(text: str, start: int) -> int:
    """How many words that are not number words the block at `start` holds (once per dense block)."""
    return sum(1 for word in _PLAIN_WORD.findall(text, start, start + _BLOCK)
               if word.lower() not in nb.NUMBER_WORDS)


def _finite(figure: Figure) -> bool:
    """Whether every bound of a figure is a finite number (JSON and the checks need that)."""
    return all(v is None or math.isfinite(v) for v in (figure.value, figure.low, figure.high))


def _clean(value: float | None) -> float | None:
    """Round away float noise ("1/3" * 100 stays 33.333...; 5.6 * 1e9 becomes 5.6e9)."""
    if value is None:
        return None
    rounded = float(f"{value:.15g}")
    return rounded


def scan(text: str) -> list[NumberMention]:
    """Every number in `text` with the figure it became or the reason it was set aside."""
    return Scanner(text).mentions()
