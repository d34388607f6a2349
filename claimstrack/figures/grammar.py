"""The figure grammar: find every number, read the words around it, decide what it is.

The master regex (`patterns`) finds number tokens; for each, `read_core` reads the number
itself (`core`), the left readers the words before it (`left`: hedges, currency signs, cue
words), the exclusion tables set aside what is not a figure (`exclusion_checks`), and the right
readers the words after it (`right`, `subjects`: scale, range, unit, subject). Each token looks
at a bounded window, and the scanner never goes back before the end of the previous token, so
the whole pass is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import math
import re

from claimstrack.figures import hedges, numbers
from claimstrack.figures.core import PRONOUN_ONE, pronoun_one, read_core
from claimstrack.figures.exclusion_checks import (
    COUNTED_GROUP_BOUND,
    FIGURE_CHECKS,
    SETTLE_CHECKS,
    bounds_counted_group,
    check_left_context,
    mark_paired_qualifier,
    names_group_or_condition,
)
from claimstrack.figures.left import (
    LEFT_CUES_LAST,
    currency_before,
    hedge_before,
    left_tokens,
    negative_sign,
    percent_of,
    range_cues,
)
from claimstrack.figures.patterns import DIGIT_RUN, NUMBER_WORD, RUN_TRAILING
from claimstrack.figures.readings import Candidate, Core, Reading, Reject
from claimstrack.figures.right import attached_suffix, hedge_after, scale_after, second_value, unit_after
from claimstrack.model import Figure, NumberMention
from claimstrack.positions import LineIndex

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
# Where a clause ends: a qualifier only qualifies figures of its own clause.
_CLAUSE_BREAK = re.compile(r"[.!?][\"')\]]?(?:\s|$)|\n\n|;|,[ \t]+(?:and|but|while|whereas)\b")
#: What parts a bound from the share or count before it: a line break or an "and".
_BOUND_BREAK = re.compile(r"\n|\band\b", re.IGNORECASE)
_CONJUNCTION = re.compile(r"[ \t]*(?:,[ \t]*)?(?:(?:and|but)[ \t]*)?")
_GAP_FIRST = frozenset(" \t,ab")  # what a non-empty _CONJUNCTION match starts with


#: A number as a pass lists it: where it is, the figure it became (None: set aside) and why;
#: made a `NumberMention`, with its line and column, only for callers that want mentions.
_Found = tuple[int, int, Figure | None, str]


class _Pass:
    """One reading of a text, from its first number to its last: where the scan is, and what a
    later number may change (the figure a following bound merges with, the qualifiers to drop)."""

    def __init__(self, text: str, *, set_aside: bool) -> None:
        self.text = text
        self.set_aside = set_aside
        self._index: LineIndex | None = None
        self._paired: list[tuple[int, str]] = []  # qualifiers when their sentence has a figure
        # Where the scan is: the end of the last figure (and whether it was a range), the
        # figure a following bound may merge with, and the numbers and words of the current block.
        self._covered, self._covered_range = 0, False
        self._last_figure_at: int | None = None
        self._block, self._in_block, self._block_words = -1, 0, 0

    @property
    def index(self) -> LineIndex:
        """Lines and columns of the text, built for the first mention (a text without one, such
        as a megabyte of blank lines, never pays for it)."""
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def mentions(self) -> list[NumberMention]:
        """Every number of the text with its figure or reason, in order."""
        found = self.scan()
        if not found:
            return []  # no line index for a text without numbers
        text, index = self.text, self.index
        return [NumberMention(text[start:end], index.span(start, end), figure, reason)
                for start, end, figure, reason in found]

    def figures(self) -> list[Figure]:
        """The figures of the text, in the order their numbers come (no mention made)."""
        return [figure for _, _, figure, _ in self.scan() if figure is not None]

    def scan(self) -> list[_Found]:
        """Every number of the text (only those that became figures, without `set_aside`)."""
        found: list[_Found] = []
        pos = 0
        tokens = _NumberTokens(self.text)
        while (token := tokens.next(pos)) is not None:
            pos = self._take(found, token, pos)
        return self._drop_paired_qualifiers(found)

    def _take(self, found: list[_Found], token: tuple[int, int, bool], pos: int) -> int:
        """Read one number token into `found`: a figure or a number set aside. Returns where
        the scan goes on from."""
        text = self.text
        start, match_end, digits = token
        if self._not_prose(start):
            # A number dump, an encoded blob: list it once and move on, so hostile input costs
            # no more than prose.
            end = self._skip_end(start, self._block)
            self._set_aside(found, start, end, "not prose (too many numbers)")
            return end
        if start < self._covered:
            end = _token_end(text, token)
            reason = "part of a range" if self._covered_range else "part of a larger figure"
            self._set_aside(found, start, end, reason)
            return end
        if not digits and pronoun_one(text, start, match_end):
            self._set_aside(found, start, match_end, PRONOUN_ONE)  # before any reading
            return max(match_end, pos + 1)
        try:
            core = read_core(text, start, match_end, digits)
            reading = read(text, core)
        except Reject as rejected:
            # A check table raises the Reject its frame holds: the traceback would make a cycle
            # (exception, traceback, frame) keeping the whole scan alive until the collector runs.
            rejected.__traceback__ = None
            return self._rejected(found, token, rejected, pos)
        figure = self._figure(reading)
        if not _finite(figure):  # "9999...9" past the float range: no value to check
            end = max(core.end, figure.span.end)
            self._set_aside(found, start, end, "too large to be a figure")
            return max(end, match_end)
        figure = self._record(found, core, reading, figure)
        self._covered = figure.span.end
        self._covered_range = figure.value is None
        return max(core.end, match_end)

    def _not_prose(self, start: int) -> bool:
        """Whether the number at `start` is in a block crowded with numbers and short of words,
        or inside a long run without spaces (counting it in its block)."""
        block = start // _BLOCK
        if block != self._block:
            self._block, self._in_block, self._block_words = block, 0, -1
        self._in_block += 1
        if self._in_block > _MAX_PER_BLOCK and self._crowded():
            return True
        return self._in_long_token(start)

    def _crowded(self) -> bool:
        """Whether the current block, past its share of numbers, has too few words for them."""
        if self._block_words < 0:
            self._block_words = _prose_words(self.text, self._block * _BLOCK)
        return self._in_block > _MAX_PER_PROSE_BLOCK or self._block_words < _WORDS_PER_NUMBER * self._in_block

    def _rejected(self, found: list[_Found], token: tuple[int, int, bool], rejected: Reject,
                  pos: int) -> int:
        """List a number the readers set aside (unless its reason is empty); where to go on."""
        start, match_end, _ = token
        end = rejected.end if rejected.end is not None else _token_end(self.text, token)
        if rejected.reason:  # an empty reason hides prose ordinals such as "first"
            shown_end = rejected.mention_end or _token_end(self.text, token)
            self._set_aside(found, start, shown_end, rejected.reason)
        return max(end, match_end, pos + 1)

    def _record(self, found: list[_Found], core: Core, reading: Reading, figure: Figure) -> Figure:
        """Add the figure to `found`, or merge it with the one before into a range ("more than
        10 and less than 20"); the figure as listed."""
        at = self._last_figure_at
        merged = self._merge_bounds(found, at, figure)
        if merged is not None and at is not None:
            first_start, first_end, _, _ = found[at]
            found[at] = (first_start, first_end, merged, "range")
            self._set_aside(found, core.start, core.end, "part of a range")
            return merged
        self._last_figure_at = len(found)
        found.append((core.start, core.end, figure, "range" if figure.value is None else figure.kind))
        if reading.qualifier_if_paired:
            self._paired.append((len(found) - 1, reading.qualifier_if_paired))
        return figure

    def _drop_paired_qualifiers(self, found: list[_Found]) -> list[_Found]:
        """"60% relapse within three years": the duration is the other figure's time frame."""
        figures = [i for i, (_, _, figure, _) in enumerate(found) if figure is not None]
        for index, reason in self._paired:
            start, end, _, _ = found[index]
            at = bisect.bisect_left(figures, index)
            if reason == COUNTED_GROUP_BOUND:  # only after the share or count it delimits
                qualifies = any(self._delimits(found[other], start) for other in figures[max(0, at - 1) : at])
            else:
                neighbours = figures[max(0, at - 1) : at + 2]  # the figures just before and after
                qualifies = any(self._same_clause(start, found[other]) for other in neighbours if other != index)
            if qualifies:
                found[index] = (start, end, None, reason)
        return found

    def _delimits(self, counted: _Found, start: int) -> bool:
        """Whether the bound at `start` says who the share or count `counted` before it counts:
        the same clause and line from the end of that figure (whose subject may hold a "U.S."),
        no "and" between ("deaths occur each year and over $150 billion is spent" is a second
        statement)."""
        figure = counted[2]
        if figure is None or figure.kind not in ("percent", "count") or figure.span.end > start:
            return False
        counted_end = figure.span.end
        text = self.text
        return _BOUND_BREAK.search(text, counted_end, start) is None and _CLAUSE_BREAK.search(text, counted_end, start) is None

    def _same_clause(self, start: int, other: _Found) -> bool:
        """Whether the figure `other` stands in the clause of the number at `start`."""
        other_start, _, figure, _ = other
        if figure is None:
            return False
        start, end = sorted((start, other_start))
        return _CLAUSE_BREAK.search(self.text, start, end) is None

    def _in_long_token(self, start: int) -> bool:
        """Whether the number is inside a run of 200 characters or more without a space."""
        text = self.text
        if start > _LONG_TOKEN and not text[start - 1].isspace():
            window = start - _LONG_TOKEN
            if text.rfind(" ", window, start) < 0 and text.rfind("\n", window, start) < 0 and (
                text.rfind("\t", window, start) < 0
            ):
                return True
        # a space in the next 200 characters rules the run out without the regex (most tokens)
        return text.find(" ", start, start + _LONG_TOKEN) < 0 and _LONG_RUN.match(text, start) is not None

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

    def _set_aside(self, found: list[_Found], start: int, end: int, reason: str) -> None:
        """List a number that is not a figure, with the reason (when the caller wants those)."""
        if self.set_aside:
            found.append((start, end, None, reason))

    def _figure(self, reading: Reading) -> Figure:
        text = self.text
        value: float | None
        low: float | None
        high: float | None
        low_inc: bool | None
        high_inc: bool | None
        if reading.high_value is not None:
            value = None
            low, high, low_inc, high_inc = _clean(reading.value), _clean(reading.high_value), True, True
        else:
            # each bound of one value is that value or None: rounded once (rounding again changes
            # nothing)
            value = _clean(reading.value)
            low, high, low_inc, high_inc = hedges.bounds(reading.hedge, value)
        phrase = text[reading.start : reading.end]
        return Figure(
            text=phrase, value=value, low=low, high=high,
            low_inclusive=low_inc, high_inclusive=high_inc, kind=reading.kind or "number",
            unit=reading.unit, hedge=reading.hedge, subject=reading.subject,
            span=self.index.span(reading.start, reading.end), precision=reading.precision,
        )

    def _merge_bounds(self, found: list[_Found], at: int | None,
                      figure: Figure) -> Figure | None:
        """"more than 10 and less than 20" -> (10, 20); "at most 100 and at least 20" -> [20, 100]."""
        if at is None or figure.value is None:
            return None
        previous = found[at][2]
        if previous is None or previous.value is None:
            return None
        if not self._joined(previous, figure):
            return None
        pair = _open_bounds(previous, figure)
        if pair is None:
            return None
        lower, upper = pair
        start, end = previous.span.start, figure.span.end
        return Figure(
            text=self.text[start:end], value=None, low=lower.low, high=upper.high,
            low_inclusive=lower.low_inclusive, high_inclusive=upper.high_inclusive,
            kind="count" if "count" in (previous.kind, figure.kind) else figure.kind, unit=previous.unit or figure.unit,
            hedge="none",
            subject=previous.subject or figure.subject, span=self.index.span(start, end),
            precision=previous.precision,
        )

    def _joined(self, previous: Figure, figure: Figure) -> bool:
        """Whether two figures of one kind stand side by side, joined by at most "and"/"but"."""
        end, start = previous.span.end, figure.span.start
        if end != start and self.text[end : end + 1] not in _GAP_FIRST:
            return False  # prose between them (the common case), decided without a regex
        kinds = {previous.kind, figure.kind}
        if len(kinds) > 1 and kinds != {"number", "count"}:
            return False
        gap = _CONJUNCTION.match(self.text, end, start)
        return gap is not None and gap.end() == figure.span.start

    # -- the number itself ----------------------------------------------------------------------


def _open_bounds(previous: Figure, figure: Figure) -> tuple[Figure, Figure] | None:
    """The lower and upper bound of two one-sided figures, when together they close a range."""
    lower, upper = (previous, figure) if previous.high is None else (figure, previous)
    if lower.low is None or lower.high is not None or upper.high is None or upper.low is not None:
        return None
    if not lower.low < upper.high:
        return None
    return lower, upper


class _NumberTokens:
    """The number tokens of a text in order: digit runs and number words, found by two regexes
    (`DIGIT_RUN`, `NUMBER_WORD`) and merged by position. The next digit run is searched from
    where the scanner is once it has passed the last; the number words come from one pass of
    `finditer` over the text (a word never holds the character before another, so every word a
    search from any offset would find is among them), each kept until the scanner has passed it.
    Each stretch of text is searched once by each regex."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._padded = " " + text  # NUMBER_WORD needs a character before every word
        self._words = NUMBER_WORD.finditer(self._padded)
        self._digits: tuple[int, int] | None = (-1, -1)
        self._word: tuple[int, int] | None = (-1, -1)

    def next(self, pos: int) -> tuple[int, int, bool] | None:
        """The first token at or after `pos` (which only grows): start, end and whether it is
        a digit run."""
        digits = self._digits
        if digits is not None and digits[0] < pos:
            found = DIGIT_RUN.search(self._text, pos)
            self._digits = digits = found.span() if found else None
        word = self._word
        while word is not None and word[0] < pos:
            self._word = word = self._next_word()
        if word is not None and (digits is None or word[0] < digits[0]):
            return word[0], word[1], False
        if digits is not None:
            return digits[0], digits[1], True
        return None

    def _next_word(self) -> tuple[int, int] | None:
        """The next number word of the text (start and end), None after the last."""
        padded = self._padded
        for found in self._words:
            # found.start() is the character before the word, so in the text it is the word's start
            start = found.start()
            before = padded[start]
            if before.isascii() or not (before.isalnum() or before == "_"):
                return start, found.end() - 1
            # a non-ASCII letter before it: no word boundary
        return None


def _token_end(text: str, token: tuple[int, int, bool]) -> int:
    """Where a token ends, without the separators a digit run may trail ("2019," -> "2019")."""
    start, end, digits = token
    if digits:
        return start + len(text[start:end].rstrip(RUN_TRAILING))
    return end


def read(text: str, core: Core) -> Reading:
    """Read the words around a number into a figure, or raise the `Reject` that sets it aside."""
    reading = Reading(start=core.article_start if core.article_start is not None else core.start,
                      end=core.end, value=core.value, precision=core.precision,
                      high_value=core.high_value, word_form=core.word_form, token=core.token)
    if core.ratio:
        reading.kind = "ratio"
    pos = attached_suffix(text, reading, core, core.end)
    reading.suffix_end = pos
    currency_before(text, reading)
    negative_sign(text, reading)
    tokens = left_tokens(text, reading.start)
    if tokens.words and tokens.words[-1] in LEFT_CUES_LAST:  # else none of the three takes a word
        tokens = percent_of(reading, tokens)
        tokens = hedge_before(reading, tokens)
        tokens = range_cues(reading, tokens)
    candidate = Candidate(text, reading, core, tokens)
    check_left_context(candidate)
    pos = scale_after(text, reading, pos)
    pos = second_value(text, reading, core, pos, tokens)
    pos = hedge_after(text, reading, pos)
    pos = unit_after(text, reading, core, pos)
    if reading.hedge in ("none", "approximately") and reading.high_value is None:
        pos = hedge_after(text, reading, pos)  # "2 in 5 or more"
    reading.end = max(reading.end, pos)
    settle(candidate)
    if reading.high_value is not None and reading.value is not None and reading.value > reading.high_value:
        # A range reads low to high; "2-72 in 2" would otherwise give [100%, 72%].
        raise Reject("not a range (first end above the second)", reading.end)
    return reading


def settle(candidate: Candidate) -> None:
    """The final decisions once every word is read: the kind, the checks that set the figure
    aside, why it may qualify another figure, and the hedge of a range."""
    reading = candidate.reading
    SETTLE_CHECKS.apply(candidate)
    if names_group_or_condition(candidate):
        reading.qualifier_if_paired = "group or condition (a qualifier)"
    elif bounds_counted_group(candidate):
        reading.qualifier_if_paired = COUNTED_GROUP_BOUND
    if reading.letter_scale != 1.0:
        reading.scale_by(reading.letter_scale)
    if reading.kind == "money" or reading.currency is not None:
        reading.kind, reading.unit = "money", reading.currency
        return
    _settle_kind(candidate)
    FIGURE_CHECKS.apply(candidate)
    mark_paired_qualifier(candidate)
    if reading.joined_by_up_to:
        reading.hedge = "up to"
    if reading.high_value is not None and reading.hedge != "up to":
        reading.hedge = "none"


def _settle_kind(candidate: Candidate) -> None:
    """An age where the words said so ("adults over 50"), a ratio after "an ROI of"."""
    reading = candidate.reading
    if reading.age and (reading.kind in ("number", None, "duration") or (
        reading.kind == "count" and reading.unit in ("people", "adults", "patients")
        and reading.hedge != "none" and not reading.subject
    )):
        reading.kind, reading.unit = "age", "years"
    if reading.kind in (None, "number") and reading.unit is None and candidate.words[-2:] == ["roi", "of"]:
        reading.kind = "ratio"  # "an ROI of 33.1": a return per unit spent, like "33.1:1"
    if reading.kind == "age":
        reading.unit = "years"


def _prose_words(text: str, start: int) -> int:
    """How many words that are not number words the block at `start` holds (once per dense block)."""
    return sum(1 for word in _PLAIN_WORD.findall(text, start, start + _BLOCK)
               if word.lower() not in numbers.NUMBER_WORDS)


def _finite(figure: Figure) -> bool:
    """Whether every bound of a figure is a finite number (JSON and the checks need that)."""
    value, low, high = figure.value, figure.low, figure.high
    return (value is None or math.isfinite(value)) and (low is None or math.isfinite(low)) and (
        high is None or math.isfinite(high)
    )


def _clean(value: float) -> float:
    """Round away float noise ("1/3" * 100 stays 33.333...; 5.6 * 1e9 becomes 5.6e9)."""
    if value.is_integer() and -1e15 < value < 1e15:
        return value  # 15 digits or fewer: formatting would give it back unchanged
    return float(f"{value:.15g}")


def scan(text: str) -> list[NumberMention]:
    """Every number in `text` with the figure it became or the reason it was set aside."""
    return _Pass(text, set_aside=True).mentions()


def figures(text: str) -> list[Figure]:
    """The figures in `text`, in the order their numbers come (not sorted by where they start)."""
    return _Pass(text, set_aside=False).figures()
