"""What the grammar's readers share: the number read (`Core`), the figure under construction
(`Reading`), the verdict that sets a number aside (`Reject`), and what an exclusion check sees
(`Candidate`, `DigitRun`), and the ordered tables of checks (`CheckTable`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Generic, TypeVar

from claimstrack.figures.patterns import NEWLINE_WORD


@dataclass(slots=True)
class Core:
    """The number itself: a digit run or a phrase of number words, and its value."""

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


@dataclass(slots=True)
class Reading:
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
    head_end: int = 0  # where the subject's head noun ends (a frequency tail follows it)

    def scale_by(self, scale: float) -> None:
        """Apply a scale word or suffix ("million", "k") to the value, its precision and range."""
        self.scale = scale
        self.value *= scale
        if self.precision is not None:
            self.precision *= scale
        if self.high_value is not None:
            self.high_value *= scale


class Reject(Exception):
    """A number that is not a figure; `reason` says why (the explain view shows it)."""

    def __init__(self, reason: str, end: int | None = None, mention_end: int | None = None) -> None:
        self.args = (reason,)  # as Exception.__init__(reason) sets it, without the call
        self.reason = reason
        self.end = end
        self.mention_end = mention_end


class Tokens:
    """The last few tokens left of a number, lower-cased (`words`, the nearest last), and where
    each starts in the text, found only when a reader asks (`start`): most numbers need none.

    The tokens cover every character of the window but spaces, so each is the last occurrence
    of itself before the next one: finding them from the right gives their offsets.
    """

    __slots__ = ("_all", "_window", "_window_start", "words")

    def __init__(self, words: list[str], window: str, window_start: int, all_words: list[str] | None = None) -> None:
        self.words = words
        self._window = window  # lower-cased, as the words are
        self._window_start = window_start
        self._all = words if all_words is None else all_words  # the window's tokens, of which these are the first

    def start(self, index: int) -> int:
        """Where the token at `index` (negative: counted from the last) starts in the text."""
        position = len(self.words) + index if index < 0 else index
        window, every = self._window, self._all
        cursor = len(window)
        for at in range(len(every) - 1, position - 1, -1):
            cursor = window.rfind(every[at], 0, cursor)
        return cursor + self._window_start

    def without_last(self, count: int) -> Tokens:
        """The tokens left of the last `count` (a reader took those)."""
        return Tokens(self.words[: len(self.words) - count], self._window, self._window_start, self._all)


class Candidate:
    """What an exclusion check looks at: the text, the number, the figure read so far and the
    tokens left of it (with their words and the last of them, taken once)."""

    __slots__ = ("core", "previous", "reading", "text", "tokens", "words")

    def __init__(self, text: str, reading: Reading, core: Core, tokens: Tokens) -> None:
        self.text = text
        self.reading = reading
        self.core = core
        self.tokens = tokens
        self.words = tokens.words
        self.previous = self.words[-1] if self.words else ""  # "" at the start of the text


@dataclass(slots=True)
class DigitRun:
    """What a digit-run check looks at: a run of digits and separators, before it is parsed."""

    text: str
    start: int
    end: int
    run: str  # the digits and separators, trailing punctuation dropped: "2-72", "1,200"


Subject = TypeVar("Subject", Candidate, DigitRun)
Check = Callable[[Subject], Reject | None]


class CheckTable(Generic[Subject]):
    """Exclusion checks in the order the scanner tries them, each under a name unique in the
    table; a check returns the `Reject` that sets its subject aside, or None to pass it on.

    A check may say which values of the table's `key` it can reject at all (the token before
    the number, the figure's kind): the walker then skips it for every other value, so a
    number meets only the few checks that could apply to it, still in the table's order.
    """

    def __init__(self, key: Callable[[Subject], str | None] | None,
                 *checks: tuple[str, Check[Subject], Collection[str] | None]) -> None:
        self.key: Callable[[Subject], str | None] | None = key
        self.checks: tuple[tuple[str, Check[Subject], Collection[str] | None], ...] = checks
        self._always: tuple[Check[Subject], ...] = tuple(check for _, check, keys in checks if keys is None)
        self._by_key: dict[str | None, tuple[Check[Subject], ...]] = {
            value: tuple(check for _, check, keys in checks if keys is None or value in keys)
            for _, _, keys in checks if keys is not None for value in keys
        }

    def apply(self, subject: Subject) -> None:
        """Try each check that could apply, in order; raise the first rejection."""
        run = self._always if self.key is None else self._by_key.get(self.key(subject), self._always)
        for check in run:
            rejected = check(subject)
            if rejected is not None:
                raise rejected


def line_start(text: str, start: int) -> bool:
    """Whether only spaces or a bullet stand between the line's start and `start`."""
    begin = text.rfind("\n", max(0, start - 40), start) + 1
    if begin == 0 and start > 40:
        return False
    return text[begin:start].strip(" \t*-•>") == ""


def sentence_start(text: str, start: int, window: int) -> int:
    """Where the sentence holding `start` begins, looking back at most `window` characters:
    just after the last ". " or line break, else the window's start."""
    window_start = max(0, start - window)
    cut = max(text.rfind(". ", window_start, start), text.rfind("\n", window_start, start))
    return cut + 1 if cut >= 0 else window_start


def next_word(text: str, pos: int) -> str:
    """The next word after `pos`, over spaces and line breaks, lower-cased ("" if none)."""
    word = NEWLINE_WORD.match(text, pos)
    return word.group(1).lower() if word else ""
