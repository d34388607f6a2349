"""Measure frames: what a figure counts, what is said of it, and where, who and when.

A figure's frame is read from the words around it, with no topic word list:

- **counted**: the noun group it counts or takes a share of, normalised ("Americans", "people
  in the US" and "U.S. residents" all count *people*, in place *us*; "business accounts" stays
  *business account*);
- **said**: the content words of what is said of it, lightly stemmed ("have prediabetes" ->
  ``prediabete``; "don't know they have it" -> ``know not``); light verbs ("have", "suffer
  from", "live with") and measure nouns ("rate", "number") carry nothing and are dropped;
- **qualifiers**: place, population (sex, age band, other modifiers of the counted group), time
  frame, and the year and quarter of the data.

An unsaid part is filled only from the figure's own sentence, its list item's lead-in or its
heading chain, and the frame records where each part came from, so the grouping can say how
sure it is. `read_frames(text, sentences, figures)` is a pure function of one document: it
returns small picklable `Frame` records (no reference to the document), so it can run where the
document is read. Everything is a bounded word scan: linear in the document.

The word tables here are generic English (function words, light verbs, people nouns, places,
sexes, ages, time frames); nothing names a subject area.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

from claimstrack.consistency.populations import (
    WINDOW,
    base_of,
    figure_window,
    fold,
    lexicon_phrases,
    pick,
    scan,
    scan_phrases,
)
from claimstrack.figures import extract_figures
from claimstrack.figures.numbers import NUMBER_WORDS
from claimstrack.memo import BoundedMemo
from claimstrack.model import Figure, Hedge, figure_fields

# ---------------------------------------------------------------------------------------------
# Stems


def singular(word: str) -> str:
    """A word in lower case with no possessive and no plural ending ("searches" -> "search")."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) > 7 and word.endswith(("sive", "tive")):
        return word[:-3] + "ion"  # the adjective says what its noun says: hypertensive, hypertension
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(_SIBILANT_PLURALS):
        return word[:-2]  # "searches", "addresses", "boxes": the plural adds "es"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


#: Plural endings after a sibilant, where the plural adds "es", not "s".
_SIBILANT_PLURALS = ("sses", "ches", "shes", "xes", "zzes")
#: Endings of a word formed from another one that says the same thing: a verb's forms ("owning",
#: "opened", "studied") and the nouns made of a verb ("abandonment", "diagnosis"); the first that
#: ends a word is cut.
_DERIVED = (("ment", ""), ("ied", "y"), ("ing", ""), ("ed", ""), ("osis", "os"), ("ysis", "ys"))
_VOWEL = re.compile(r"[aeiouy]")


def stem(word: str) -> str:
    """A consistent stem, one for a word's inflected and derived forms: no possessive, no plural
    ending, no verb ending, no "-ment" or "-sis" ("abandon", "abandoned", "abandonment" ->
    ``abandon``; "diagnosed", "diagnosis" -> ``diagnos``; "studies", "studied" -> ``study``)."""
    word = singular(word)
    for ending, replacement in _DERIVED:
        if word.endswith(ending):
            root = word[: len(word) - len(ending)]
            if replacement:
                word = root + replacement
            elif len(root) >= 3 and _VOWEL.search(root) and not root.endswith("e"):  # not "bring", "need"
                word = _undoubled(root)
            break
    return word


def _undoubled(root: str) -> str:
    """A root without the consonant a verb ending doubled ("stopp" of "stopped" -> "stop")."""
    if len(root) > 3 and root[-1] == root[-2] and root[-1] not in "aeiouylsz":
        return root[:-1]
    return root


# ---------------------------------------------------------------------------------------------
# Generic word tables

#: Function words, hedges, reporting words and pronouns: never what a figure is about.
FUNCTION_WORDS = frozenset(
    """a an the this that these those of and or but nor to in on at by for from with as than then
    is are was were be been being am will would shall should can could may might must have has had
    having do does did so if when while which who whom whose what where why how it its they them
    their there here he she his her we our us you your i me my more less fewer most least very also
    only just even still each every per via about over under into onto out up down off again said
    says say tell tells told report reports reported reporting according estimate estimated
    estimates approximately roughly around nearly almost some close upwards excess least exceed
    exceeds exceeding total totals totaling totalling number numbers figure figures rate rates
    percent percentage percentages proportion prevalence share amount level count statistic statistics data
    study studies research survey surveys show shows showed shown find finds found suggest
    suggests suggested indicate indicates one ones all any both either neither many much several
    such other another same own new now currently today recent recently nearly just among
    between within across through during before after since until while whereas because due
    respectively alone whole entire overall throughout including include includes included like
    likely often typically usually generally commonly approx est vs fact facts key quick
    overview guide page article faq question questions answer answers source sources note
    notes update updated form forms kind kinds sort sorts equate equates equated put puts peg pegs
    pegged reveal reveals revealed indicate indicates indicated state states stated claim claims
    claimed calculate calculates calculated latest translate translates translated aged
    outstanding combined""".split()
)
#: Units of time: the time frame is a qualifier, never what a figure is about.
TIME_WORDS = frozenset(
    """time times year years month months week weeks day days decade decades hour hours minute
    minutes life lives lifetime lifetimes period periods annual annually yearly monthly weekly
    daily""".split()
)
#: Verbs that say only "is in this state": "have", "suffer from", "live with", "are affected by";
#: the verbs of having ("owns", "owned", "owning", "hold", "carry", "receive"; "own" itself is
#: a function word, as in "their own") and the copulas past "be" ("remain", "become", "stay"):
#: "households owning a dog" and "who remain undiagnosed" say what "have a dog" and "are
#: undiagnosed" say.
LIGHT_VERBS = frozenset(
    """have has had having get gets got getting live lives living lived suffer suffers suffering
    suffered experience experiences experiencing experienced affect affects affected affecting
    deal deals dealing struggle struggles struggling battle battles battling face faces facing
    cope coping afflict afflicts afflicted afflicting
    owns owned owning hold holds held holding carry carries carried carrying possess possesses
    possessed possessing receive receives received receiving
    remain remains remained remaining become becomes became becoming stay stays stayed staying""".split()
)
#: Verbs that say only where something comes from or goes ("53% of web traffic *comes from*
#: organic search", "most of the debt *stems from* tuition"): they end the counted group and
#: say nothing of their own, as the preposition after them says it.
ORIGIN_VERBS = frozenset(
    """come comes came coming go goes went going stem stems stemmed stemming originate originates
    originated originating arise arises arose arising""".split()
)
#: Nouns that count people in general; the population and place go to their own parts.
PEOPLE_NOUNS = frozenset(
    """people person persons individual individuals adult adults resident residents citizen
    citizens population public everyone everybody human humans inhabitant inhabitants man men
    woman women child children kid kids teen teens teenager teenagers adolescent adolescents
    youth youths senior seniors elderly girl girls boy boys male males female females someone
    somebody anyone anybody
    american americans canadian canadians briton britons british australian australians
    european europeans""".split()
)
#: Words that link a figure to what brings it about ("caused by", "is responsible for",
#: "attributable to", "resulted in"): the cause is what is said, the link carries nothing.
CAUSE_WORDS = frozenset("cause causes caused causing responsible attributable resulted resulting".split())
#: Stems of the verbs that say the people counted died ("die", "are killed"): such a count
#: counts deaths, as "N deaths" does.
DEATH_VERBS = frozenset("die died dying kill killed killing".split())
#: Words that negate what follows: "don't know", "never diagnosed", "without".
NEGATIONS = frozenset("not no never without don doesn didn isn aren wasn weren haven hasn cannot nor".split())
#: Words that say which statistic of a quantity is given, not which quantity.
STATISTIC_WORDS = frozenset(map(stem, ("average", "median", "mean", "typical", "total")))
#: Nouns that name a place only by its kind ("across the country", "in the nation"): a place,
#: never what is said of a figure nor a part of its counted group.
PLACE_NOUNS = frozenset("country countries nation nations globe planet".split())
#: Pronouns that point at a subject said elsewhere: never what is said.
POINTERS = frozenset("it this that they them these those which".split())
#: Nouns that name a subject only in general: alone, they point at one said elsewhere.
GENERIC_NOUNS = frozenset(map(stem, "condition disease disorder illness problem issue".split()))
#: Superlatives that rank by frequency: "the 4th most common" = "the fourth-leading".
RANK_WORDS = {"leading": "common", "commonest": "common", "prevalent": "common", "frequent": "common",
              "top": "common", "biggest": "large", "largest": "large", "greatest": "large"}

#: Words that name one period relative to another the same way: "the prior quarter" = "the
#: previous quarter" = "the preceding quarter".
PERIOD_WORDS = {"prior": "previous", "preceding": "previous"}

_WORD = re.compile(r"\b[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\b[0-9]{4}\b")
# The year of the data: "in 2019", "as of 2021", "(2020)", "2018 data", "2010 statistics"; a span of two years, the
# period a survey or a season covers ("the 2021-2022 survey"); the year a "when" clause is set in
# ("compares with 1988 when 56 percent ...").
_YEAR_NUMBER = r"(?:19[5-9][0-9]|20[0-9]{2})"  # a year a statistic can be of: 1950-2099
_YEAR = re.compile(
    r"(?:\b(?:in|as of|during|for|of)\s+(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+|Q[1-4]\s+)?|\()"
    rf"({_YEAR_NUMBER})\b(?![0-9-–])"
    rf"|\b({_YEAR_NUMBER})\s+(?:data|figures|estimates?|statistics|stats|numbers)\b"
    rf"|\b({_YEAR_NUMBER})\s?[-–]\s?({_YEAR_NUMBER})\b(?![0-9-])"
    rf"|\b({_YEAR_NUMBER}),?\s+when\b",
    re.IGNORECASE,
)


def _year_text(match: re.Match[str]) -> str | None:
    """The year a `_YEAR` match names; a span only when its years follow each other (a survey's
    or a season's two years; "2015-2020" is a period of change, not the year of a value)."""
    first, span_end = match.group(3), match.group(4)
    if first is not None:
        return f"{first}-{span_end}" if int(span_end) == int(first) + 1 else None
    return match.group(1) or match.group(2) or match.group(5)
# The quarter of the data: "the third quarter", "second-quarter", "Q3 2022".
_QUARTER = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b|\bQ([1-4])\b", re.IGNORECASE)
_QUARTERS = {"first": "q1", "second": "q2", "third": "q3", "fourth": "q4", "1st": "q1", "2nd": "q2", "3rd": "q3",
             "4th": "q4", "1": "q1", "2": "q2", "3": "q3", "4": "q4"}
# A figure that is the level something reached: "rose to $1.17 trillion", "increased 1.3% to
# $17.29 trillion", "climbed to a new high of $17.94 trillion", "hit a fresh high of $1.08
# trillion". The verb says only that the quantity now stands there (up or down): the figure is
# the quantity's level, as in "X is $1.17 trillion", so the verb and its filler are not said.
_LEVEL_FILLER = r"(?:a|an|the)\s+(?:(?:new|fresh|record|all[- ]time)\s+)*(?:high|low|record|peak|level)"
#: The words _LEVEL_LINK can end at; a clause whose last word is none of them is not searched.
_LEVEL_ENDS = frozenset({"to", "of", "high", "low", "record", "peak", "level"})
_LEVEL_LINK = re.compile(
    r"\b[A-Za-z]+\s+(?:by\s+)?(?:(?:[$€£]|USD)?\s?[0-9][0-9.,]*\s*(?:%|percent|[a-z]*illion)?\s+)?to\s+"
    rf"(?:{_LEVEL_FILLER}\s+of\s+)?$"
    rf"|\b[A-Za-z]+\s+{_LEVEL_FILLER}(?:\s+of)?\s+$",
    re.IGNORECASE,
)
# The predicate of a figure's clause ends here (a new clause or a new figure begins).
_CLAUSE_END = re.compile(
    r"[;:,()\[\]—–]|\s-\s|\s(?:and|or|but|while|whereas|which|according|"
    r"compared|versus|vs\.?)\s|[0-9]|[.!?](?:\s|$)"
)
#: How many content words of a clause make its "said" part.
MAX_SAID = 4
#: Source of a part of a frame, and how far it is trusted (the confidence factor).
SOURCES = {"clause": 1.0, "sentence": 0.85, "previous": 0.85, "lead-in": 0.8, "heading": 0.75}
#: Confidence factors of a frame: for each qualifier filled from outside its clause, and for
#: saying one word only with no place of its own (one word may be said of many measures; "in
#: the United States" in the same clause narrows it to one).
FILLED_FACTOR = 0.95
ONE_WORD_FACTOR = 0.95


#: Two names of one thing, each as its said-word stems in written order.
Alias = tuple[tuple[str, ...], tuple[str, ...]]


@attrs.frozen
class Frame:
    """What one figure measures, as its words say it. Small and picklable."""

    kind: str
    unit: str | None
    base: str  # "share", "change" or "amount"
    counted: str | None  # normalised counted noun group ("people", "business account")
    said: tuple[str, ...]  # sorted content-word stems of what is said of it
    place: str | None
    population: tuple[str, str]  # (sex, age band): ("all", "all"), ("women", "children")
    time_frame: str | None
    year: str | None
    said_from: str = "clause"  # where `said` was read: clause, sentence, previous, lead-in or heading
    said_order: tuple[str, ...] = ()  # the said words as written (for nested wordings)
    #: how many of `said_order`'s first words are one noun group in the clause ("back pain" of
    #: "back pain lasting at least three months"); 0 when not read (said elsewhere, renamed)
    phrase: int = 0
    #: the figure is a bound that a participle or gerund before it sets ("back pain *lasting at
    #: least* three months", "who report *smoking at least* 100 cigarettes"): it says who is
    #: counted, as a definition does, not a value of its own; never grouped
    threshold: bool = False
    filled: tuple[str, ...] = ()  # qualifiers filled from outside the clause
    quarter: str | None = None  # the quarter of the data: "q3" ("the third quarter", "Q3 2022")
    #: the figure is a level reached ("rose to $1.17 trillion"): a point of a series in time, so
    #: it is compared only in a group that says when (a year or quarter)
    reached: bool = False
    #: the figure is dated only relative to when its page was written: "forecast" ("will grow to
    #: 15%", "is expected to reach $2 billion") or "past" ("ten years ago ... $3.36"); another
    #: measure than the value now, compared only in a group that says when (a year or quarter)
    moment: str | None = None
    #: two names of one thing that the figure's page gives ("high blood pressure, also called
    #: hypertension"), as said-word stems; one tuple shared by every frame of a page
    aliases: tuple[Alias, ...] = attrs.field(default=(), eq=False, repr=False)
    #: the roots (`root`) of the content words of the figure's own clause (the words before it
    #: in its clause, its text, its predicate) and the place in an order said beside it ("#2"):
    #: what `similar` compares when two frames do not agree word for word
    told: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)
    #: the year or period of the data that the page gives around the figure's sentence when the
    #: figure names none of its own (`year`): a citation's year ("(CDC, 2021)"), the period an
    #: earlier sentence of its paragraph opens with ("During 2005-2008, ..."), the one period its
    #: heading chain names ("... United States, 2015-2016"). Unlike `year`, it is never a part
    #: two figures must share: it only keeps apart two figures whose periods do not meet
    #: (`dated_apart`), as a page that says no period may quote any
    period: str | None = None

    @property
    def confidence(self) -> float:
        """How sure the frame is of itself: 1.0 when its own clause says it all."""
        value = SOURCES[self.said_from]
        if not self.filled and (self.place is not None or len(self.said) != 1):
            return value  # no factor applies (most frames): SOURCES' values are rounded already
        for _ in self.filled:
            value *= FILLED_FACTOR
        if len(self.said) == 1 and (self.place is None or "place" in self.filled):
            value *= ONE_WORD_FACTOR
        return round(value, 3)

    def strict_key(self) -> tuple[object, ...] | None:
        """The parts two figures of one measure must share exactly; None when too vague.

        The place is one of them: a figure that names no place is never given another
        figure's ("two billion people" is not "45 million Americans").
        """
        if not self.said:
            return None
        return (self.kind, self.unit, self.base, self.counted, self.said, self.population, self.place, self.moment)

    def soft_key(self) -> tuple[str | None, str | None, str | None]:
        """Qualifiers a figure may leave unsaid: time frame, year and quarter of the data."""
        return (self.time_frame, self.year, self.quarter)

    def with_said(self, said_order: Sequence[str]) -> Frame:
        """This frame saying `said_order` instead (a name replaced by its alias)."""
        return attrs.evolve(self, said=tuple(sorted(set(said_order))), said_order=tuple(said_order), phrase=0)

    def describe(self) -> str:
        """'count of people, us, year: diabete' - why figures were grouped."""
        what = self.kind if self.counted is None else f"{self.kind} of {self.counted}"
        sex, age = self.population
        words = [what, *(v for v in (sex, age) if v != "all"), self.place, self.time_frame, self.year, self.quarter,
                 self.moment]
        return ", ".join(w for w in words if w) + ": " + " ".join(self.said)


# ---------------------------------------------------------------------------------------------
# Words


def words_of(text: str) -> list[str]:
    """Words of a text, hyphenated compounds joined ("pre-diabetes" -> "prediabetes"), except
    after a number word ("fourth-leading" -> "fourth", "leading")."""
    if "-" not in text:  # nearly always: no compound to join, the regex's list is the answer
        return _WORD.findall(text)
    found = []
    for word in _WORD.findall(text):
        if "-" not in word:
            found.append(word)
            continue
        parts = word.split("-")
        if any(part.lower() in NUMBER_WORDS for part in parts):
            found.extend(parts)
        else:
            found.append(word.replace("-", ""))
    return found


def _negation(word: str) -> bool:
    lower = word.lower().replace("’", "'")
    return lower in NEGATIONS or lower.endswith("n't")


# A web site's name ("CreditCards.com's survey") says who reports, like an attribution.
_SITE_NAME = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|info)\b(?:['’]s)?", re.IGNORECASE)


#: What `content_words` makes of a word, whatever the text: "not" for a negation, None for a
#: word that never carries meaning, else (lower case, folded words, stem) for the qualifier
#: test, which depends on the text.
_Word = tuple[str, tuple[str, ...], str] | str | None


def _word_reading(word: str) -> _Word:
    lower = word.lower()
    if _negation(word):
        return "not"
    if (word.isdigit() or lower in FUNCTION_WORDS or lower in LIGHT_VERBS or lower in PEOPLE_NOUNS or lower in CAUSE_WORDS
            or lower in ORIGIN_VERBS):
        return None
    if lower in TIME_WORDS or lower in NUMBER_WORDS or lower in PLACE_NOUNS or len(lower) < 2:
        return None
    return (lower, _folded_words(word), RANK_WORDS.get(lower) or PERIOD_WORDS.get(lower) or stem(lower))


#: Readings of the words seen so far: a page's words are mostly ones read before (bounded at
#: 200,000 distinct words).
_WORD_READINGS: BoundedMemo[str, _Word] = BoundedMemo(200_000)


# "pets other than dogs or cats", "birds except for parrots", "excluding mortgages": what
# follows is left out, so it reads as a negation ("pet not dog" is not "pet dog", nor "pet").
_EXCLUSION = re.compile(r"\b(?:other\s+than|rather\s+than|except(?:\s+for)?|excluding)\b", re.IGNORECASE)


# "have been diagnosed with gout" says only that they have it, as "live with" or "suffer from"
# does; "undiagnosed" and "are diagnosed" (with nothing after) say something of their own.
_DIAGNOSED_WITH = re.compile(r"\bdiagnosed\s+with\b", re.IGNORECASE)


def _phrases_read(text: str) -> str:
    """`text` with the phrases `content_words` reads as a whole replaced: a web site's name (by
    nothing), an exclusion (by "not") and "diagnosed with" (by "with")."""
    if "." in text:
        text = _SITE_NAME.sub(" ", text)
    if "than" in text or "xc" in text:  # every _EXCLUSION match holds one: most texts have neither
        text = _EXCLUSION.sub(" not ", text)
    if "iagnosed" in text:
        text = _DIAGNOSED_WITH.sub(" with ", text)
    return text


def content_words(text: str, qualifier_words: frozenset[str] = frozenset()) -> list[str]:
    """Stems of the words that carry meaning, in order; a negation, or an exclusion ("other
    than", "except", "excluding"), reads as 'not'; a web site's name and "diagnosed with" are
    not read."""
    found: list[str] = []
    text = _phrases_read(text)
    readings = _WORD_READINGS
    for word in words_of(text):
        try:
            reading = readings[word]
        except KeyError:
            reading = readings.put(word, _word_reading(word))
        if reading is None:
            continue
        if isinstance(reading, str):  # a negation
            if "not" not in found:
                found.append("not")
            continue
        lower, folded, stemmed = reading
        if lower in qualifier_words or qualifier_words.issuperset(folded):
            continue
        if stemmed not in found:
            found.append(stemmed)
    return found


@functools.lru_cache(maxsize=4096)
def _folded_words(word: str) -> tuple[str, ...]:
    return tuple(fold(word).split())


@functools.lru_cache(maxsize=1024)
def _qualifier_words(text: str) -> frozenset[str]:
    """Words of a text that name a place, sex, age or time frame (they go to qualifiers)."""
    return _qualifier_words_in(lexicon_phrases(fold(text)))


def _qualifier_words_in(found_phrases: Sequence[tuple[int, str]]) -> frozenset[str]:
    words: set[str] = set()
    for _, phrase in found_phrases:  # one pass over the text's 1-4 word runs
        if phrase in _QUALIFIER_PHRASES:
            words.update(phrase.split())
    return frozenset(words)


def _build_qualifier_phrases() -> frozenset[str]:
    from claimstrack.consistency import populations as p

    lexicons = (p.PLACES, p.SEXES, p.AGES, p.TIME_FRAMES)
    return frozenset(f" {phrase} " for lexicon in lexicons for phrase, _ in lexicon)


_QUALIFIER_PHRASES = _build_qualifier_phrases()

# ---------------------------------------------------------------------------------------------
# Document structure: headings and list lead-ins


@attrs.frozen
class Blocks:
    """The blocks of a document's text (paragraphs, headings, list items) and what they are."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    heading: tuple[bool, ...]
    lead_in: tuple[bool, ...]  # ends with ':' (introduces the list or lines after it)
    #: the indexes of the headings and of the lead-ins, in order (found by bisection)
    headings: tuple[int, ...] = ()
    lead_ins: tuple[int, ...] = ()

    @classmethod
    def of(cls, text: str) -> Blocks:
        starts, ends, heading, lead_in = [], [], [], []
        position = 0
        for block in text.split("\n\n"):
            address = _address_line(block) if position == 0 else 0
            if address:
                starts.append(0)
                ends.append(address - 1)
                heading.append(False)
                lead_in.append(False)
                position, block = address, block[address:]
            stripped = block.strip()
            starts.append(position)
            ends.append(position + len(block))
            heading.append(_looks_like_heading(stripped))
            lead_in.append(stripped.endswith(":"))
            position += len(block) + 2
        return cls(tuple(starts), tuple(ends), tuple(heading), tuple(lead_in),
                   tuple(i for i, is_heading in enumerate(heading) if is_heading),
                   tuple(i for i, is_lead_in in enumerate(lead_in) if is_lead_in))

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def _address_line(block: str) -> int:
    """Where the line after the page's opening web address starts ("source: https://...",
    as a crawl or a saved page writes it above the title), else 0: the address is a block of
    its own, so the title under it is read as the page's title."""
    first = block.find("\n")
    return first + 1 if 0 < first < len(block) - 1 and "://" in block[:first] else 0


_VERBS_OF_A_SENTENCE = frozenset("is are was were has have had do does can will".split())


def _looks_like_heading(block: str) -> bool:
    # A short line with no closing punctuation (or a few words and a full stop): a title or
    # section heading. "source: <URL>" lines are not.
    if not 0 < len(block) <= 90 or "\n" in block or block[0].isdigit() or "://" in block:
        return False
    if block[-1] == "." and len(block.split()) <= 5:
        return not any(word.lower() in _VERBS_OF_A_SENTENCE for word in block.split())
    return block[-1] not in ".!?:;,"


#: How many blocks back a lead-in may be (the items of one list) and a heading (a section).
LEAD_IN_REACH = 12
HEADING_REACH = 40


def _context_texts(text: str, blocks: Blocks, offset: int) -> list[tuple[str, str]]:
    """(source, text) of the lead-in and the heading chain above the figure at `offset`."""
    found: list[tuple[str, str]] = []
    here = blocks.index(offset)
    # The lead-in: the nearest within reach above, with no heading between (or on it).
    above = bisect.bisect_left(blocks.headings, here)  # blocks.headings[:above] are above
    last_heading = blocks.headings[above - 1] if above else -1
    lead_ins = bisect.bisect_left(blocks.lead_ins, here)
    if lead_ins:
        back = blocks.lead_ins[lead_ins - 1]
        if back > last_heading and back > here - LEAD_IN_REACH:
            found.append(("lead-in", text[blocks.starts[back] : blocks.ends[back]]))
    # The two nearest headings within reach above.
    for back in blocks.headings[max(0, above - 2) : above][::-1]:
        if back > here - HEADING_REACH:
            found.append(("heading", text[blocks.starts[back] : blocks.ends[back]]))
    if blocks.heading and blocks.heading[0] and here > 0:
        title = text[: blocks.ends[0]]  # the first block starts the text
        if all(t != title for _, t in found):
            found.append(("heading", title))  # the page title
    return found


# ---------------------------------------------------------------------------------------------
# One figure


# An appositive right after a figure restates it: "nearly half of adults, or roughly 116 million
# people, have hypertension"; "half of American adults (116 million people) have it".
_APPOSITIVE = re.compile(r"\s*(?:\([^()]{0,80}\)|,\s*(?:or|about|roughly|nearly|approximately|almost|some|"
                         r"more than|over|that is|i\.e\.)\s[^,;()]{0,80},|\s[—–-]{1,2}\s?[^—–]{0,80}[—–])")
# A figure that is itself the appositive: its predicate starts after the closing mark.
_OPENS_APPOSITIVE = re.compile(r"(?:\(|,\s*or|[—–])\s*(?:(?:equal|equivalent)\s+to\s+|that\s+is,?\s+)?$")
_CLOSES_APPOSITIVE = re.compile(r"\s*[),—–]\s*")


# "are known to have asthma", "is thought to affect": how sure the writer is, not what is said.
_KNOWN_TO = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:[a-z]+ly\s+|now\s+|also\s+)?"
                       r"(?:known|thought|believed|said|reported|estimated)\s+to\s+(?=[a-z])", re.IGNORECASE)


def _unhedged(text: str) -> str:
    """`text` without a passive of knowing before "to" (`_KNOWN_TO`)."""
    return _KNOWN_TO.sub(" ", text) if " to " in text else text


def _predicate_text(figure: Figure, sentence: str, position: int | None, before: str) -> tuple[str, bool]:
    """The words after a figure up to the clause end, past an appositive that restates it (or
    that it is), and whether one was passed."""
    position = _figure_start(figure, sentence, position)
    after = sentence[position + len(figure.text) : position + len(figure.text) + 2 * WINDOW]
    passed = False
    if _OPENS_APPOSITIVE.search(before):
        closing = _CLOSES_APPOSITIVE.match(after)
        if closing is not None and closing.group().strip():
            after, passed = after[closing.end() :], True
    restated = _APPOSITIVE.match(after)
    if restated is not None:
        after, passed = after[restated.end() :], True
    if _age_word_subject(figure):
        after = f" {figure.subject}{after}"  # "22% of those ages 65-74 have ...": an age limit
    return after, passed


#: Words the extractor may take for a share's noun that open an age limit ("of those *ages* 65-74").
_AGE_WORDS = frozenset({"age", "ages", "aged"})


def _age_word_subject(figure: Figure) -> bool:
    """True when a figure's subject is the first word of an age limit after it ("22% of those
    ages 65-74"): no counted group, the limit says who is counted."""
    return figure.subject is not None and figure.subject.lower() in _AGE_WORDS


# "More than half (54 percent) of American households have pets": the group a share is of comes
# after the bracketed restatement. As the extractor reads a share's subject: up to three words,
# ending at a plural ("households") or a people noun ("people", "Canadian adults"), never at a
# function word or a verb.
_SHARE_OF = re.compile(r"\s*of\s+(?:(?:the|all)\s+)?")
_GROUP_WORD = re.compile(r"\s*([A-Za-z][\w'’.-]*)")
_SHARE_GROUP_WORDS = 3


def _group_after_aside(figure: Figure, subject: str | None, inner: str, aside: bool,
                       predicate: str) -> tuple[str | None, str | None, str]:
    """(the group a share follows its bracketed restatement with, the subject, the predicate):
    "More than half (54 percent) of American households" counts the households (a share with no
    group of its own, after an appositive); any other figure keeps its subject and predicate."""
    if figure.kind != "percent" or subject is not None or inner or not aside:
        return None, subject, predicate
    group, rest = _share_after_aside(predicate)
    return group, group, rest


def _share_after_aside(predicate: str) -> tuple[str | None, str]:
    """(the group a share is of, the predicate after it) when the predicate opens with "of" and
    a noun group ("of American households have pets"), else (None, the predicate)."""
    opening = _SHARE_OF.match(predicate)
    if opening is None:
        return None, predicate
    words: list[str] = []
    cursor = opening.end()
    while len(words) < _SHARE_GROUP_WORDS and (word := _GROUP_WORD.match(predicate, cursor)) is not None:
        lower = word.group(1).lower()
        if lower in FUNCTION_WORDS or lower in LIGHT_VERBS or _negation(lower):
            break
        words.append(word.group(1))
        cursor = word.end()
        if lower.endswith("s") and not lower.endswith("ss"):
            break
    if words and (words[-1].lower() in PEOPLE_NOUNS or singular(words[-1]) != words[-1].lower()):
        return " ".join(words), predicate[cursor:]
    return None, predicate


def _whole_words(before: str, sentence: str, position: int | None, figure: Figure) -> str:
    """`before` without a word the window cut in two ("keting" of "marketing")."""
    if position is None or sentence[position : position + len(figure.text)] != figure.text:
        position = sentence.find(figure.text)
    start = position - len(before)
    if start > 0 and before[:1].isalnum() and sentence[start - 1].isalnum():
        parts = before.split(None, 1)
        return parts[1] if len(parts) > 1 else ""
    return before


# "34% of Americans who have credit card accounts carry a balance": a relative clause that
# says what the counted group has narrows who is counted; the predicate follows it.
_RELATIVE_HAVE = re.compile(r"^\s*(?:who|that)\s+(?:have|has|had|own|owns|hold|holds)\s+(?:an?\s+|the\s+)?",
                            re.IGNORECASE)
#: How many words a relative clause's object may have ("credit card accounts").
_RELATIVE_WORDS = 3


def _relative_clause(predicate: str, subject_tail: list[str]) -> tuple[str, list[str]]:
    """(the predicate after a "who have X" clause, the subject's tail with X), or both unchanged.
    X ends at a function word or negation, or after three words."""
    clause = _RELATIVE_HAVE.match(predicate)
    if clause is None:
        return predicate, subject_tail
    held: list[str] = []
    for word in re.finditer(r"[A-Za-z][\w'’-]*", predicate[clause.end() :]):
        if len(held) == _RELATIVE_WORDS or word.group().lower() in FUNCTION_WORDS or _negation(word.group()):
            return predicate[clause.end() + word.start() :], [*subject_tail, *held]
        held.append(word.group())
    return predicate, subject_tail  # nothing said after it: the clause is the predicate


def _cut_clause(after: str) -> str:
    end = _CLAUSE_END.search(after)
    return after if end is None else after[: end.start()]


def _percent_parts(figure: Figure) -> tuple[str | None, str]:
    """(denominator subject, predicate words inside the figure) of a percent figure."""
    subject = figure.subject or ""
    if _age_word_subject(figure):
        return None, ""
    if subject and names_its_whole(figure.text):
        return subject, ""
    return None, subject


@functools.lru_cache(maxsize=4096)
def names_its_whole(text: str) -> bool:
    """Whether a percent figure's text goes on past its sign with "of" or "in" ("23% of
    women"); its texts repeat, so each is read once."""
    lower = text.lower()
    sign = max(text.find("%"), lower.find("percent"), lower.find(" in "), lower.find(" of "))
    tail = text[sign:] if sign >= 0 else ""
    return _OF_OR_IN.search(tail) is not None


_OF_OR_IN = re.compile(r"\b(?:of|in|out of)\b")


def _counted(figure: Figure, subject: str | None) -> tuple[str | None, list[str]]:
    """The normalised counted group and the subject's words that are not part of it."""
    if figure.kind == "count":
        subject = figure.subject or figure.unit
    if not subject:
        return None, []
    all_words = words_of(subject)
    cut = next((i for i, w in enumerate(all_words) if i and w.lower() in _GROUP_END), len(all_words))
    head_words, extra_words = all_words[:cut], all_words[cut:]
    qualifier = _qualifier_words(subject)
    kept = [w.lower() for w in head_words if w.lower() not in qualifier and w.lower() not in FUNCTION_WORDS]
    if not kept:
        return "people", extra_words
    head = kept[-1]
    if head in PEOPLE_NOUNS:
        modifiers = [stem(w) for w in kept[:-1] if w not in PEOPLE_NOUNS]
        return " ".join([*modifiers, "people"]), extra_words
    return " ".join(stem(w) for w in kept), extra_words


#: Nouns before "of" that do not name what a count counts ("the total of", "the lives of").
_NOT_COUNTED = FUNCTION_WORDS | PEOPLE_NOUNS | TIME_WORDS | NUMBER_WORDS | frozenset(("majority", "rest"))
#: Words that end a counted noun group: "people *with* migraine", "men *at* some time".
_GROUP_END = frozenset("with in at on from who that which across during over under of for by aged".split()) | ORIGIN_VERBS


def _qualifiers(found: dict[str, list[str]], before: str, own_text: str) -> dict[str, str | None]:
    """Place and time frame of a figure's clause (`own_text`; `before` is the part before it)."""
    time = pick(found, "time")
    if time == "lifetime" and _PERFECT.search(own_text):
        time = "ever"  # "have had it at some point in their lives": who ever had it
    return {"place": pick(found, "place") or _named_place(before), "time": time}


# "In Sweden, 67% of emails ...": "In" and a capitalised name, then a comma, sets the scene of the
# clause; in running prose only a proper name (a place, a service) is capitalised there.
_NAMED_PLACE = re.compile(r"\b[Ii]n\s+(?:the\s+)?((?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s*,")
_MONTHS_AND_DAYS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split())


def _named_place(before: str) -> str | None:
    """The place a clause names by a name no table knows: "In Sweden, 67% of emails ..."."""
    match = _NAMED_PLACE.search(before) if "," in before else None  # every match ends in a comma
    if match is None or match.group(1).lower() in _MONTHS_AND_DAYS:
        return None
    return match.group(1).lower()


def _population(own: dict[str, list[str]], text: str, both_sexes: bool = False) -> tuple[str, str]:
    sexes = set(own.get("sex", ()))
    ages = set(own.get("age", ()))
    band = _AGE_BAND.search(text) if _may_hold_age(text) else None
    sex = sexes.pop() if len(sexes) == 1 and not both_sexes else "all"
    if not _may_hold(text, "adults") or _ARE_ADULTS.search(text) is None:  # "Of these, 20.2 million are adults"
        ages.discard("adults")  # adults are the default population of statistics
    if band is not None:
        return sex, _band_name(band.group(), "-".join(g for g in band.groups() if g).lower())
    row = _row_label(text)
    if row is not None:
        return sex, _band_name(row.group(1), row.group(1).replace(" ", ""))
    return sex, ages.pop() if len(ages) == 1 else "all"


# An age bound read in one of its wordings: "over the age of 65", "65 and older", "aged 65 and
# up", "65+" all bound the group from below; "under 18", "younger than 18" from above.
_FROM_BELOW = re.compile(r"^(?:over|older than)\b|(?:\+|\b(?:and|or)\s+(?:older|over|up))$", re.IGNORECASE)
_FROM_ABOVE = re.compile(r"^(?:under|younger than)\b", re.IGNORECASE)
_BOUND = re.compile(r"[0-9]{1,3}")
#: Age bounds that name the same groups as AGES' words: a child is someone under 18, and
#: AGES reads "over 65" and "seniors" as the older group ("older").
_BOUND_GROUPS = {"under-18": "children", "65-older": "older"}


def _band_name(written: str, band: str) -> str:
    """One name for one age bound, however it is worded: "people over the age of 65", "people
    65 and older" and "seniors" are `older`; "children under the age of 18" and "children" are
    `children`; a two-sided band ("aged 25-64") or an age point ("at-50") keeps its name."""
    written = written.strip()
    bound = _BOUND.search(written)
    if bound is None:
        return band
    if _FROM_BELOW.search(written) is not None:
        band = f"{bound.group()}-older"
    elif _FROM_ABOVE.search(written) is not None:
        band = f"under-{bound.group()}"
    return _BOUND_GROUPS.get(band, band)


_ARE_ADULTS = re.compile(r"\b(?:are|were)\s+adults\b", re.IGNORECASE)
_AGE_BAND = re.compile(
    r"\b(?:aged?|ages)\s+(?:of\s+)?([0-9]{1,3})\s*(?:-|–|to|and)\s*([0-9]{1,3}|up|older|over)?"
    r"|\b([0-9]{1,3})\s*(?:-|–|to)\s*([0-9]{1,3})\s*(?:years?\s+old|year-olds)"
    r"|\b(?:over|under|older than|younger than)\s+(?:(?:the\s+)?age\s+(?:of\s+)?)?([0-9]{1,3})\b"
    r"(?![.,]?[0-9]|\s*%|\s*percent|\s*(?:hundred|thousand|million|billion|trillion)\b)"  # "over 25 million": a count
    r"|\b([0-9]{1,3})\s+(?:years?\s+(?:old\s+)?)?(?:and|or)\s+(older|over)\b"  # "people 65 and older"
    r"|\b(at)\s+(?:the\s+)?age\s+(?:of\s+)?([0-9]{1,3})\b(?!\s*(?:-|–|to|and)\s*[0-9])",  # "At age 60, 30% of people"
    re.IGNORECASE,
)

#: How far after a figure its "and women" ("9.2 million men and women") may run.
_SEXES_REACH = 16
# "9.2 million men and women": a figure that names both sexes counts everyone.
_BOTH_SEXES = re.compile(r"\b(?:men|women|males|females|boys|girls)\s+(?:and|or|&)\s+"
                         r"(?:men|women|males|females|boys|girls)\b", re.IGNORECASE)

# An age limit or band as a phrase of its own, to be read past: "aged ≥20 years", "ages 18 to 64",
# "over 20 years old".
_AGE_LIMIT = re.compile(
    r"\b(?:aged?|ages)\s+(?:of\s+)?(?:[≥>≤<]=?)?\s?[0-9]{1,3}(?:\s*(?:-|–|to|and)\s*(?:[0-9]{1,3}|up|older|over))?"
    r"(?:\s+years?(?:\s+old)?)?(?:\s+(?:and|or)\s+(?:older|over|up|younger))?"
    r"|\b(?:over|under|older than|younger than)\s+(?:(?:the\s+)?age\s+(?:of\s+)?[0-9]{1,3}(?:\s+years?(?:\s+old)?)?"
    r"|[0-9]{1,3}\s+years?(?:\s+old)?"
    # "children under 18 have ...": an age with no "years", as _AGE_BAND reads it (two digits:
    # "under 500 dollars" is an amount)
    r"|[0-9]{1,2}\b(?![.,]?[0-9]|\s*%|\s*percent|\s*(?:hundred|thousand|million|billion|trillion)\b))"
    r"|\b[0-9]{1,3}\s+(?:years?\s+(?:old\s+)?)?(?:and|or)\s+(?:older|over)\b",
    re.IGNORECASE,
)

# "age group 18–39, 7.5%; 40–59, 33.2%": a range labelling the figure that follows it.
_ROW_LABEL = re.compile(r"(?:^|[;:]\s*|\s)([0-9]{1,3}\s*[–-]\s*[0-9]{1,3}|[0-9]{1,3}\s*(?:and over|and older|\+))\s*,\s*[^,;]{0,12}$")


# Each figure's clause is searched for an age band and a row label. The patterns try their
# alternatives at every position; the words (or the comma) every match needs are found much
# faster, and most clauses have none, so the search runs only where they are.
def _may_hold_age(text: str) -> bool:
    """False when `text` has none of the words every _AGE_BAND and _AGE_LIMIT match holds."""
    lower = text.lower()
    return "age" in lower or "year" in lower or "over" in lower or "under" in lower or (
        "older" in lower or "younger" in lower)


def _row_label(text: str) -> re.Match[str] | None:
    """_ROW_LABEL's match, searched only when the text's last comma is near its end."""
    comma = text.rfind(",")
    if comma < 0:
        return None
    tail = text[comma + 1 :]
    if ";" in tail or len(tail.lstrip()) > 13:  # 12 characters, and a newline $ matches before
        return None
    return _ROW_LABEL.search(text)


def _age_limit_in_clause(after_figure: str) -> str | None:
    """The first age limit in the figure's own clause after it: "people *aged 20 and over* have",
    "5.2 million *are age 65 and older*", "the 5th leading cause of death of people *65 and
    older*" (the clause is read with its age limits blanked, as the predicate is)."""
    for limit in _AGE_LIMIT.finditer(after_figure):
        if _CLAUSE_END.search(_AGE_LIMIT.sub(" ", after_figure[: limit.start()])) is not None:
            return None
        return limit.group()
    return None


# A capitalised word glued to the number before it: a list number a page's crawl ran into its
# item ("- 6Welcome emails have an average open rate of 82%"); in lower case it may be an
# ordinal's ending ("3rd"). A blank between them lets the word be read.
_GLUED_WORD = re.compile(r"[0-9](?=[A-Z][a-z])")
#: A figure's clause that the window (`WINDOW`) cut is read from its sentence's start when that
#: is at most this far before the figure and no clause break stands between ("Quitting smoking
#: before the age of 40 reduces the risk of dying from smoking-related disease by about 90%":
#: the window starts at "the age", and the figure is about quitting).
OPENING_REACH = 160
#: How much shorter than the window `_whole_words` may leave it (a word cut in two dropped).
_CUT_WORD = 12
# What breaks a clause before a figure: a comma (not one inside a number or a run of note marks,
# "1,2"), other clause marks, and the words that join two clauses.
_CLAUSE_BREAKS = re.compile(r"(?<![0-9]),|,(?![0-9])|[;:()\[\]—–]|\s-\s|\s(?:and|but|while|whereas|compared|versus|vs)\s")


def _words_before(figure: Figure, sentence: str, position: int | None, before: str) -> str:
    """The words of the figure's clause before it: the window's `before` in whole words, or the
    sentence's unbroken opening (`OPENING_REACH`), with a word glued to a number set apart."""
    before = _whole_words(before, sentence, position, figure)
    if (position is not None and WINDOW < position <= OPENING_REACH and len(before) >= WINDOW - _CUT_WORD
            and sentence.startswith(figure.text, position)):
        before = _unbroken_opening(sentence, position) or before
    if _GLUED_WORD.search(before):  # rare: the search costs half what a sub finding nothing does
        before = _GLUED_WORD.sub(r"\g<0> ", before)
    return before


def _unbroken_opening(sentence: str, position: int) -> str | None:
    """The sentence up to the figure at `position` when no clause break stands in it, else None."""
    opening = sentence[:position]
    return None if _CLAUSE_BREAKS.search(opening) else opening


def read_frame(
    figure: Figure,
    sentence: str,
    position: int | None,
    context: Sequence[tuple[str, str]] = (),
    *,
    shared: str | None = None,
    previous: Subject | None = None,
) -> Frame:
    """The frame of one figure in its sentence; `context` is its lead-in and heading chain,
    `shared` the sentence without its figures (what all of them share: "Migraine affects 18%
    of women and 6% of men"), `previous` what the sentence before it in the same paragraph is
    about (for a figure whose subject is a pronoun: "Hypertension is common. It affects 1 in 3
    adults")."""
    around = _Around(lambda: context, lambda: sentence if shared is None else shared, lambda: previous)
    return _read_frame(figure, sentence, position, around)


def _read_frame(figure: Figure, sentence: str, position: int | None, around: _Around) -> Frame:
    """`read_frame`, with what is around the sentence read from `around` only where needed."""
    before, after = figure_window(figure, sentence, position)
    before = _words_before(figure, sentence, position, before)
    # An age band after the figure delimits who is counted ("people aged >=20 years in the US
    # have hypertension"); it goes to the population, and the predicate reads on past it.
    after_figure, aside = _predicate_text(figure, sentence, position, before)
    aged = _may_hold_age(after_figure)
    age_limit = _age_limit_in_clause(after_figure) if aged else None
    predicate = _unhedged(_cut_clause(_AGE_LIMIT.sub(" ", after_figure) if aged else after_figure))
    subject: str | None
    inner = ""
    subject, inner = _percent_parts(figure) if figure.kind == "percent" else (figure.subject, _ratio_name(figure))
    group_after, subject, predicate = _group_after_aside(figure, subject, inner, aside, predicate)
    counted, subject_tail, predicate = _counted_in_clause(figure, subject, before, predicate)
    if figure.kind in ("money", "number", "duration") or counted is None:
        start = _figure_start(figure, sentence, position)
        counted = _denominator(" ".join((before, sentence[start : start + len(figure.text) + 40]))) or (
            _labelled_group(figure, sentence[max(0, start - WINDOW) : start])) or counted
    own_text = _own_text(before, figure, group_after, predicate)
    own_phrases = lexicon_phrases(fold(own_text))  # one pass for the qualifiers and their words
    own = scan_phrases(own_phrases)
    qualifier_words = _qualifier_words_in(own_phrases)
    said_words = content_words(" ".join((inner, predicate)), qualifier_words)
    tail_words = content_words(" ".join(subject_tail), qualifier_words) if subject_tail else []
    if "not" in tail_words:  # "people with diabetes don't [know]": the negation is the predicate's
        tail_words.remove("not")
        said_words.insert(0, "not")
    if said_words and tail_words and counted is not None and not set(said_words) <= GENERIC_NOUNS:
        # "25% of adults diagnosed with high blood pressure are taking medication": the
        # subject's tail narrows who is counted; the predicate is what is said of them. A
        # predicate of generic nouns only ends the tail's name ("Americans with Alzheimer's
        # disease": the count says `alzheimer disease`, as "Americans have Alzheimer's disease" does).
        counted = f"{counted} | {' '.join(sorted(tail_words[:MAX_SAID]))}"
    elif _share_of_holders(figure, counted, subject_tail) and tail_words and not said_words:
        # "more than 60% of children with ADHD still have it as adults": the share is taken of
        # the children who have it and its clause says nothing more of them; "10% of children
        # have ADHD" is another measure (a count of "children with ADHD" is theirs: they have it)
        counted = f"{counted} | {' '.join(sorted(tail_words[:MAX_SAID]))}"
    else:
        said_words = tail_words + [w for w in said_words if w not in tail_words]
    if figure.kind == "rank":
        said_words = content_words(figure.text + " " + predicate, qualifier_words)
    said_words, reached = _with_subject_words(figure, said_words, before, qualifier_words)
    said_words = _with_threshold(said_words, after_figure)
    said_words, said_from = _said_elsewhere(said_words, before, around, _PARTITIVE_OPENING.match(sentence) is not None)
    counted, said_order = (counted, ()) if _part_of_an_amount(figure, after_figure) else _said_of_the_counted(
        figure, _whole_of_these(figure, counted, before, around), said_words, said_from)
    said = tuple(sorted(said_order))
    if not said:
        said_from = "clause"
    qualifiers = _qualifiers(own, before, own_text)
    filled: list[str] = []
    if qualifiers["place"] is None:
        pointed_place = around.previous.place if said_from == "previous" and around.previous is not None else None
        qualifiers["place"] = _fill_part(_without_with_tail(sentence, position), around, "place", filled,
                                         pointed_place)
    rest = _rest_of_clause(figure, sentence, position)
    clause_before = _clause_before(before)
    year = _year_of(before, rest, sentence, around.previous if said_from == "previous" else None,
                    _figure_start(figure, sentence, position) + len(figure.text))
    forecast_year = _forecast_year(clause_before, rest, sentence)
    year = forecast_year or year
    per_dollar = figure.kind == "money" and counted == "per dollar"  # "$42 for every dollar spent"
    return Frame(
        kind="ratio" if per_dollar else figure.kind,
        unit=None if per_dollar else _frame_unit(figure, counted, qualifiers["time"]),
        base=base_of(figure, after),
        counted=counted,
        said=said,
        place=qualifiers["place"],
        population=_subgroup(before) or _with_group(before) or _share_group(before) or _population(
            own, own_text if age_limit is None else f"{own_text} {age_limit}",
            _BOTH_SEXES.search(figure.text + after_figure[:_SEXES_REACH]) is not None),
        time_frame=qualifiers["time"],
        year=year,
        quarter=_quarter_of(own_text) or _quarter_of(sentence),
        reached=reached and said_from == "clause" and not _says_now(before, rest),
        moment="forecast" if forecast_year is not None else _moment(clause_before, f"{figure.text} {predicate}",
                                                                    sentence),
        said_from=said_from,
        filled=tuple(filled),
        said_order=said_order,
        phrase=_opening_phrase(" ".join((*subject_tail, inner, predicate)), said_order, qualifier_words)
        if said_from == "clause" else 0,
        threshold=_sets_a_threshold(figure, before),
        told=_told_of(before, figure.text, predicate),
    )


def _share_of_holders(figure: Figure, counted: str | None, subject_tail: Sequence[str]) -> bool:
    """True for a share of a group said with what its members have ("of adults *with* X")."""
    return figure.kind == "percent" and counted is not None and bool(subject_tail) and subject_tail[0].lower() == "with"


def _own_text(before: str, figure: Figure, group_after: str | None, predicate: str) -> str:
    """The figure's own clause, as its qualifiers are read from: the words before it, its text,
    a share's group after an aside and the predicate, with "-ever" compounds as "ever"."""
    text = " ".join((before, figure.text, group_after or "", predicate))
    # Every _EVER_COMPOUND match holds "-ever": most clauses have none, and the test is cheaper.
    return _EVER_COMPOUND.sub("ever", text) if "-ever" in text else text


# "Of these roughly 24.9 million, 20.2 million are adults": a bare count right after "Of these"
# names the whole group the sentence before counts, before the sentence splits it.
_OF_THESE_WHOLE = re.compile(r"^\s*[Oo]f\s+(?:these|those)\s+(?:[a-z]+\s+)?$")


def _whole_of_these(figure: Figure, counted: str | None, before: str, around: _Around) -> str | None:
    """What a bare count right after "Of these" or "Of those" counts: what the sentence before
    counts (same paragraph); else `counted` as read."""
    if counted is not None or figure.kind != "count" or figure.unit is not None or before.lstrip()[:3].lower() != "of ":
        return counted
    if _OF_THESE_WHOLE.match(before) is None:
        return counted
    previous = around.previous
    return previous.counted if previous is not None and previous.counted is not None else counted


def _said_of_the_counted(figure: Figure, counted: str | None, said_words: list[str],
                         said_from: str) -> tuple[str | None, tuple[str, ...]]:
    """(counted, said words in written order, at most MAX_SAID, no pointer): people who die are
    deaths counted (`_deaths`, from the figure's own clause), and a said word that names the
    counted group again is dropped (`_without_the_counted`; a rank's said words are read from its
    own text, "the 4th most common cancer", and kept)."""
    if figure.kind == "count" and said_from == "clause" and counted in ("people", "death"):
        counted, said_words = _deaths(counted, said_words)
    if figure.kind != "rank":
        said_words = _without_the_counted(said_words, counted)
    return counted, tuple(w for w in said_words[:MAX_SAID] if w not in POINTERS)


def _without_the_counted(said_words: list[str], counted: str | None) -> list[str]:
    """The said words without the ones that only name again what is counted ("90.5 million
    households own a pet (70% of total households)": the share of households says `pet`,
    not `household pet`); unchanged when nothing else would be left."""
    if counted is None:
        return said_words
    named = counted.split("|", 1)[0].split()
    kept = [w for w in said_words if w not in named]
    return kept if kept else said_words


def _deaths(counted: str, said_words: list[str]) -> tuple[str, list[str]]:
    """(counted, said words) of a count of people whose clause says they died: "road crashes
    kill 1.2 million people", "1.2 million people die in road crashes" and "the death of 1.2
    million people" all count *death* and say `crashe road`, as "road crashes cause 1.35
    million deaths" does."""
    if counted == "people" and not any(word in DEATH_VERBS for word in said_words):
        return counted, said_words
    return "death", [word for word in said_words if word not in DEATH_VERBS]


# A participle or gerund right before a figure: "lasting", "smoking", "sleeping".
_ING_BEFORE = re.compile(r"\b[A-Za-z]{2,}ing\s+$")


#: How a said word that is a definition's floor starts ("atleast3months").
THRESHOLD_WORD = "atleast"
# A floor a participle or gerund takes, after a figure in its clause: "9% of adults report back
# pain *lasting at least three months*", "39% have trouble *sleeping five or more times* a week".
_THRESHOLD_AFTER = re.compile(r"\b[A-Za-z]{2,}ing\s+(at\s+least\s+[^,;:.()]{1,40}|[^,;:.()\s]+\s+or\s+more\b[^,;:.()]{0,30})",
                              re.IGNORECASE)


def _with_threshold(said_words: list[str], after_figure: str) -> list[str]:
    """The said words with the threshold a figure's clause sets after it, as one word of its
    value and unit ("atleast3months"), kept within MAX_SAID: the definition is part of what is
    counted, so "lasting at least three months" and "lasting at least six months" differ."""
    if not said_words or "ing " not in after_figure:
        return said_words
    found = _THRESHOLD_AFTER.search(after_figure)
    if found is None:
        return said_words
    bound = next(iter(extract_figures(found.group(1))), None)
    if bound is None or bound.hedge is not Hedge.AT_LEAST or bound.value is None:
        return said_words
    word = f"{THRESHOLD_WORD}{bound.value:g}{bound.unit or bound.kind}"
    return [*said_words[: MAX_SAID - 1], word, *said_words[MAX_SAID - 1 :]]


def _sets_a_threshold(figure: Figure, before: str) -> bool:
    """True when a figure is a floor ("at least", "or more") that the participle or gerund right
    before it takes: "tinnitus lasting at least five minutes", "reported smoking at least 100
    cigarettes" say what is counted, as a definition does. A ceiling is left a value: "brands
    achieving up to $72 per dollar" and "saving up to 40%" are what marketing copy claims."""
    return figure.hedge is Hedge.AT_LEAST and _ING_BEFORE.search(before) is not None


#: Words after which a word is a verb: the modals, "to" and "do".
_BEFORE_A_VERB = frozenset("will would shall should can could may might must to do does did".split())


def _opening_phrase(text: str, said_order: Sequence[str], qualifier_words: frozenset[str]) -> int:
    """How many of `said_order`'s first words are the first noun group of `text` (its first run
    of content words): it ends at a function word ("hearing loss *in* both ears") or at a
    participle that opens a phrase of its own ("back pain *lasting* at least three months",
    "adults *diagnosed* with it"); 0 when the said words do not open with it, or when it is a
    verb (after a modal or "to": "would *recommend* us to a friend" says what is done, and what
    follows is its object, not a narrower measure)."""
    run: list[str] = []
    words = words_of(text)
    readings = _WORD_READINGS  # the words' readings kept across pages, as content_words reads them
    for index, word in enumerate(words):
        lower = word.lower()
        try:
            reading = readings[word]
        except KeyError:
            reading = readings.put(word, _word_reading(word))
        if not isinstance(reading, tuple):
            if run and (lower in FUNCTION_WORDS or reading == "not"):
                break
            continue
        if lower in qualifier_words:
            continue
        if not run and index and words[index - 1].lower() in _BEFORE_A_VERB:
            return 0
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if run and lower.endswith(("ing", "ed")) and following in FUNCTION_WORDS:
            break
        run.append(reading[2])
    count = 0
    for word in said_order:
        if word not in run:
            break
        count += 1
    return count


# A lifetime said in the perfect ("have had gout at some point in their lives", "have been
# diagnosed during their lifetime") counts who ever had it, up to now: another measure than who
# has it (no time frame said) or who will have it in their lifetime.
_PERFECT = re.compile(r"\b(?:have|has|had)\s+(?:ever\s+)?(?:had|been)\b", re.IGNORECASE)


# A figure's clause that dates it only against the day its page was written: a forecast, a level
# to come ("this share will grow to", "is expected to reach", "there will be"; not "will have
# migraine during their lifetime", which says what happens in a life), or a past value ("ten
# years ago").
_FORECAST = re.compile(
    r"\b(?:will|shall|(?:expected|projected|forecast|predicted|set|poised|likely)\s+to)\s+(?:[a-z]+ly\s+)?"
    r"(?:reach|rise|grow|hit|increase|exceed|top|climb|surpass|double|triple|fall|drop|decline|jump|soar)\b"
    r"|\bthere\s+will\s+be\b", re.IGNORECASE)
#: Every _FORECAST match holds one of these (tested before the search, which costs more).
_FORECAST_WORDS = ("will", "shall", "expected", "projected", "forecast", "predicted", "set", "poised", "likely")
_PAST = re.compile(r"\bago\b", re.IGNORECASE)
# "Ten years ago, a ticket cost $9": an opening phrase of time sets the scene of the sentence.
_OPENING_PAST = re.compile(r"\s*(?:[\w-]+\s+){1,3}ago\s*,", re.IGNORECASE)


# "15 million by 2034", "By 2030, ...": a level the quantity is to reach by a year is a forecast
# for that year.
_BY_YEAR = re.compile(r"\b[Bb]y\s+(?:the\s+end\s+of\s+)?((?:19|20)[0-9]{2})\b(?![0-9-])")
_OPENING_BY_YEAR = re.compile(r"\s*[Bb]y\s+(?:the\s+end\s+of\s+)?((?:19|20)[0-9]{2})\s*,")


# ", to 29 million people": a level after a comma and "to" is the object of the clause before it.
_LEVEL_AFTER_COMMA = re.compile(r",\s*to\s*$")


def _clause_before(before: str) -> str:
    """The words before a figure back to the last clause mark; past a comma when only "to"
    follows it ("is projected to double by 2020, to 29 million": the verb and year are the
    figure's)."""
    marks = list(_CLAUSE_MARK.finditer(before))
    if marks and _LEVEL_AFTER_COMMA.match(before, marks[-1].start()):
        marks.pop()
    return before[marks[-1].end() if marks else 0 :]


def _forecast_year(clause_before: str, rest: str, sentence: str) -> str | None:
    """The year a figure's clause (`_clause_before` it and the `rest` of it: "15 million *by
    2034*") or its sentence's opening phrase ("By 2030, ...") says the quantity is to reach it
    by, if any."""
    clause = f"{clause_before} {rest}"
    found = _BY_YEAR.search(clause) if "y 1" in clause or "y 2" in clause else None
    if found is None and sentence[:3].lower() == "by ":
        found = _OPENING_BY_YEAR.match(sentence)
    return found.group(1) if found is not None else None


def _moment(clause_before: str, rest: str, sentence: str) -> str | None:
    """"forecast" or "past" when the figure's own clause (`_clause_before` it, and the figure
    with its predicate: "will *exceed $2 billion*") or, for the past, the sentence's opening
    phrase dates it only relative to its page's day; else None (a forecast by a year is read by
    `_forecast_year`)."""
    clause = f"{clause_before} {rest}"
    # The searches cost more than a look for the words they need. Only in ASCII text: re's
    # IGNORECASE also takes a few other letters for ASCII ones ("ſ" for "s", "K" for "k").
    lower = clause.lower() if clause.isascii() else None
    if (lower is None or any(word in lower for word in _FORECAST_WORDS)) and _FORECAST.search(clause):
        return "forecast"
    return "past" if (lower is None or "ago" in lower) and _PAST.search(clause) or (
        "ago" in sentence and _OPENING_PAST.match(sentence)) else None


# "reached a record of $1.5 trillion this year", "has now climbed to": the present.
_NOW = re.compile(r"\b(?:this\s+year|today|now|currently)\b", re.IGNORECASE)


def _says_now(before: str, rest: str) -> bool:
    """True when the words `before` a figure or the `rest` of its clause say its data is the
    present's: a level reached now is the current value, as an undated "is $X" is, not a moment
    of a series nobody names."""
    return _NOW.search(before) is not None or _NOW.search(rest) is not None


def _year_of(before: str, rest: str, sentence: str, pointed: Subject | None, end: int) -> str | None:
    """The year of the data: the nearest in the figure's clause (`before` it, the `rest` after
    it), else its sentence's, else the sentence a pronoun points at ("... was $8,366 in May
    2017. That's $1.018 trillion in total"). A year of the sentence after the figure (which ends
    at `end`) with another number in the year's own clause is that number's ("39 percent have
    dogs, up from 36 percent in 2009")."""
    match = _year_near(before, rest)
    if match is None:
        match = _year_in(sentence)
        if match is not None and match.start() >= end and _number_dates_before(sentence[end : match.start()]):
            match = None
    if match is not None:
        return _year_text(match)
    return pointed.year if pointed is not None else None


def _number_dates_before(between: str) -> bool:
    """True when the clause that ends `between` (the text from a figure to a year after it) holds
    a number: the year is that number's."""
    marks = list(_CLAUSE_MARK.finditer(between))
    return any(ch.isdigit() for ch in between[marks[-1].end() if marks else 0 :])


def _counted_in_clause(
    figure: Figure, subject: str | None, before: str, predicate: str
) -> tuple[str | None, list[str], str]:
    """(counted group, the subject's words that narrow it, the predicate left) of a figure."""
    counted, subject_tail = _counted(figure, subject)
    predicate, subject_tail = _relative_clause(predicate, subject_tail) if counted else (predicate, subject_tail)
    narrowing = _REDUCED_RELATIVE.match(predicate) if counted is not None and _participle_first(predicate) else None
    if narrowing is None and counted is not None and predicate.lstrip()[:5].lower() == "with ":
        narrowing = _WITH_THEN_VERB.match(predicate)
    if narrowing is not None:
        # "25% of adults diagnosed with X are taking Y": up to the verb, the words narrow who is
        # counted ("adults diagnosed with X"); what is said of them comes after it. So do the
        # words of a with-phrase the figure's subject stopped before ("80% of people | with
        # hearing loss could benefit from hearing aids").
        return counted, [*subject_tail, narrowing.group(1)], narrowing.group(2)
    if counted is None and figure.kind == "percent" and "revalence" in before and _PREVALENCE.search(before):
        counted = "people"  # "the prevalence of X is 30%": the share of people who have X
    part_of = _OF_THESE.match(predicate) if counted is None and figure.kind == "count" else None
    if part_of is not None and _of_people(part_of):
        counted, predicate = "people", predicate[part_of.end() :]  # "7 million of these people are ..."
    owned = _OWNED.search(before) if figure.kind == "count" and before.rstrip().endswith(" of") else None
    if owned is not None and owned.group(1).lower() not in _NOT_COUNTED:
        counted = stem(owned.group(1).lower())  # "the death of 61,005 Americans" counts deaths
    return counted, subject_tail, predicate


# "the death of 61,005 Americans", "the homes of 2 million people": one X per person counted.
_OWNED = re.compile(r"\bthe\s+([A-Za-z]+)\s+of\s*$", re.IGNORECASE)


# "9 million of them are children", "7 million of these people": a count of a part of a group
# the clause before names.
_OF_THESE = re.compile(r"\s*of\s+(?:them|these|those)\b(?:\s+([A-Za-z]+))?", re.IGNORECASE)


def _of_people(part_of: re.Match[str]) -> bool:
    """Whether "of them", "of these" or "of those" (`_OF_THESE`) is followed by a people noun or
    by none ("of them are children"): the count counts people."""
    noun = part_of.group(1)
    return noun is None or noun.lower() in PEOPLE_NOUNS or noun.lower() in _VERBS_OF_A_SENTENCE


def _participle_first(predicate: str) -> bool:
    """Whether the predicate's first word ends like a participle (the test before the search)."""
    first = predicate.split(None, 1)[0] if predicate.strip() else ""
    return first.endswith(("ed", "ing"))


# A participle phrase after the counted group and before the clause's verb: "adults *diagnosed
# with high blood pressure* are taking medication", "people *living with HIV* were unaware".
_REDUCED_RELATIVE = re.compile(r"\s*([A-Za-z]+(?:ed|ing)\b[^,;]{0,60}?)\s+(?:is|are|was|were|has|have|had)\s+(\S.*)$",
                               re.IGNORECASE)


# A with-phrase after the counted group and before the clause's verb (an auxiliary or modal):
# "people *with hearing loss* could benefit from hearing aids".
_WITH_THEN_VERB = re.compile(r"\s*with\s+([^,;]{1,60}?)\s+(?:is|are|was|were|has|have|had|can|could|will|would|may|"
                             r"might|should|must|do|does|did)\s+(\S.*)$", re.IGNORECASE)


#: A share whose statistic is a prevalence is a share of people, even when no group is named.
_PREVALENCE = re.compile(r"\bprevalence\b", re.IGNORECASE)


# "debt per household", "$42 for every $1 spent", "per individual adult": what an amount is per.
# A place before what an amount is per says where, not what: "per U.S. adult".
_PER_PLACE = r"(?:(?:the\s+)?(?:U\.\s?S\.(?:\s?A\.)?|US|USA|UK|U\.K\.|American|British|Canadian|Australian)\s+)?"
_PER = re.compile(rf"\b(?:per|for\s+every|for\s+each|each)\s+{_PER_PLACE}"
                  r"(\$\s?1\b|(?:[A-Za-z][\w'’-]*\s+){0,2}?[A-Za-z][\w'’-]*)", re.IGNORECASE)
# A person named by what they hold: "cardholder", "card-carrying adult", "adult with a credit card".
_HOLDER = re.compile(r"^([a-z]+?)[-\s]?(?:holders?|carrying|holding|owning)$", re.IGNORECASE)
_HOLDING = re.compile(r"^\s*(?:[A-Za-z][\w'’-]*\s+)?(?:with|who\s+(?:has|have|hold|holds|own|owns))\s+(?:an?\s+|the\s+)?"
                      r"([A-Za-z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*){0,2})", re.IGNORECASE)


# "For every dollar spent, email returns $42": the phrase before the comma says what it is per.
_PER_ADVERBIAL = re.compile(r"\b(?:per|for\s+every|for\s+each)\s+[^,.;:]{0,30},", re.IGNORECASE)


def _ratio_name(figure: Figure) -> str:
    """The words a ratio's own text names it by, before what it is per: "ROI" in "$36-$40 ROI
    for every dollar spent"; nothing for other kinds."""
    if figure.kind != "ratio":
        return ""
    per = _PER.search(figure.text)
    return figure.text[: per.start()] if per is not None else figure.text


def _with_subject_words(figure: Figure, said_words: list[str], before: str,
                        qualifier_words: frozenset[str]) -> tuple[list[str], bool]:
    """What is said, with the words of the subject before the figure where the clause after
    it says too little: nothing (or only a pronoun), or, for a ratio, only the kind of return
    ("email has a 40X ROI", "email generates $42 in return": its subject says of what); and
    whether the clause before says a level reached ("debt rose to $X", see `_level_free`)."""
    if not said_words or all(w in POINTERS or w in GENERIC_NOUNS for w in said_words):
        clause = _attribution_free(_antecedent(before))
        level = _level_free(clause)
        return content_words(_unhedged(level), qualifier_words), level != clause
    if len(said_words) == 1 and figure.kind == "ratio":
        subject = _PER_ADVERBIAL.sub(" ", _attribution_free(before))  # not "For every dollar spent,"
        subject_words = [w for w in content_words(subject, qualifier_words) if w not in said_words and w not in POINTERS]
        return subject_words[: MAX_SAID - 1] + said_words, False
    return said_words, False


# A fact sheet's label before a colon: "Total number of Americans that have asthma: More than 25
# million". It names what the count after it counts.
_COUNT_LABEL = re.compile(r"\bnumber\s+of\s+(?:all\s+|the\s+)?([A-Za-z][\w'’-]*)[^:;!?]{0,60}:\s*$", re.IGNORECASE)


def _labelled_group(figure: Figure, label: str) -> str | None:
    """What a count counts, named by a label before a colon (`_COUNT_LABEL`); "people" for a
    people noun ("Americans", "adults")."""
    match = _COUNT_LABEL.search(label) if figure.kind == "count" and ":" in label else None
    if match is None or match.group(1).lower() in FUNCTION_WORDS:
        return None
    noun = match.group(1).lower()
    return "people" if noun in PEOPLE_NOUNS else stem(noun)


# "the first-ever survey", "its biggest-ever year": "-ever" makes an adjective of all time, not
# the lifetime of "have ever had asthma" (folded, the hyphen would be a space).
_EVER_COMPOUND = re.compile(r"(?<=[A-Za-z])-ever\b")


def _denominator(text: str) -> str | None:
    """The normalised noun an amount is per ("household", "people", "dollar"), if any; a person
    named by what they hold counts people holding it ("per cardholder", "per card-carrying
    adult" and "per adult with a credit card" are all "per people | card")."""
    match = _PER.search(text)
    if match is None:
        return _average_holder(text)
    words = match.group(1)
    if words.startswith("$"):
        return "per dollar"
    kept = [w.lower() for w in words_of(words) if w.lower() not in FUNCTION_WORDS]
    if not kept or kept[-1] in TIME_WORDS or any(w in TIME_WORDS for w in kept):
        return None  # "per year" is a time frame
    head = kept[-1]
    holder = _held(match.group(1).split()[0], text[match.end(1) - len(match.group(1).split()[-1]) :])
    if holder is not None:
        return f"per people | {holder}"
    return "per people" if head in PEOPLE_NOUNS else "per " + stem(head)


# "The average cardholder now has $6,000 in credit card debt": an amount the average one of a
# group has is an amount per one of them.
_AVERAGE_ONE = re.compile(r"\baverage\s+([A-Za-z][\w'’-]*)\s+(?:[a-z]+\s+)?(?:has|have|owes?|holds?|carries)\s+(?:[a-z]+\s+){0,2}$",
                          re.IGNORECASE)


def _average_holder(text: str) -> str | None:
    """"per people | card" for "the average cardholder has $X" (a person named by what they
    hold), else None: only such a name says what the average is per."""
    if "verage" not in text:
        return None
    match = _AVERAGE_ONE.search(text[: text.find("$")] if "$" in text else text)
    held = _held(match.group(1), "") if match is not None else None
    return f"per people | {held}" if held is not None else None


def _held(first: str, rest: str) -> str | None:
    """What a person named by what they hold holds: "cardholder", "card-carrying adult" (the
    first word of the noun group), "adult with a credit card" (`rest`, from its last word)."""
    named = _HOLDER.match(first)
    if named is not None:
        return stem(named.group(1))
    holding = _HOLDING.match(rest) if rest.strip() and rest.split(None, 1)[0].lower() in PEOPLE_NOUNS else None
    if holding is None:
        return None
    held = list(itertools.takewhile(lambda w: w.lower() not in FUNCTION_WORDS, words_of(holding.group(1))))
    return stem(held[-1].lower()) if held else None  # the head of "a credit card": "card"


_BRACKETED = re.compile(r"((?:[A-Za-z][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*)\s*\(\s*$")


def _subgroup(before: str) -> tuple[str, str] | None:
    """"non-Hispanic white (27.8%)": a figure in brackets after a group name is that group's; a
    figure in brackets after a place ("in the United States (70% of households)") is not."""
    # The pattern ends in "(" and blanks; testing that first spares a search at every word.
    match = _BRACKETED.search(before) if before.rstrip().endswith("(") else None
    if match is None:
        return None
    if pick(scan(fold(match.group(1))), "place") is not None:
        return None  # "own a pet in the United States (70% of total households)": a place
    words = [stem(w) for w in words_of(match.group(1)) if w.lower() not in FUNCTION_WORDS]
    return ("all", " ".join(words)) if words else None


# "18% of companies earn $70+": a figure whose subject is a share of a group is that group's.
_SHARE_GROUP = re.compile(r"[0-9](?:\s*%|\s+percent)\s+of\s+((?:[A-Za-z][\w'’-]*\s+){0,3}?[A-Za-z][\w'’-]*)"
                          r"\s+[A-Za-z]+\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)


def _share_group(before: str) -> tuple[str, str] | None:
    """"18% of companies earn $70+ for every dollar": the amount is said of the share's group
    (a subgroup), not of every company."""
    match = _SHARE_GROUP.search(before)
    if match is None:
        return None
    words = [stem(w) for w in words_of(match.group(1)) if w.lower() not in FUNCTION_WORDS]
    return ("all", " ".join(words)) if words else None


# "..., with top performers above $70": a figure after "with" and a noun group is that group's.
_WITH_GROUP = re.compile(r"\bwith\s+((?:[A-Za-z][\w'’.-]*\s+){0,4}[A-Za-z][\w'’.-]*)\s+"
                         r"(?:above|below|at|over|under|reaching|achieving|near|around|of|seeing|getting)?\s*$",
                         re.IGNORECASE)


_WITH_TAIL = re.compile(r",\s*with\s")


def _without_with_tail(sentence: str, position: int | None) -> str:
    """The sentence up to a ", with ..." clause after the figure: "Businesses earn $36-$40 per
    dollar, with e-commerce brands in the US achieving up to $72": the US is the brands' place."""
    tail = _WITH_TAIL.search(sentence, position or 0)
    return sentence if tail is None else sentence[: tail.start()]


def _with_group(before: str) -> tuple[str, str] | None:
    """"Businesses earn $36, with e-commerce brands achieving up to $72": the second figure is
    said of the group after "with" (a subgroup), not of the clause's subject."""
    match = _WITH_GROUP.search(before) if _may_hold(before, "with") else None
    if match is None:
        return None
    written = [w for w in words_of(match.group(1)) if w.lower() not in FUNCTION_WORDS | LIGHT_VERBS]
    if any(w.lower().endswith("ing") for w in written):
        return None  # "with returns ranging from $36 to $42": the figure's own measure, named again
    return ("all", " ".join(map(stem, written))) if written else None


# "480,000 deaths per year": the period a count's unit names after "per" is its time frame, which
# the frame holds as its own part ("443,000 deaths" said "each year" reads the same).
_PER_PERIOD = re.compile(r"\s+per\s+(year|month|week|day)$")


def _frame_unit(figure: Figure, counted: str | None, time_frame: str | None) -> str | None:
    """A frame's unit: a count of deaths is in deaths, whatever noun it counts ("52,000 people
    die"); else the figure's own unit (`_unit`), and a count of people with none is in people."""
    count = figure.kind == "count"
    if count and counted == "death":
        return "deaths"
    return _unit(figure, time_frame) or ("people" if count and counted == "people" else None)


def _unit(figure: Figure, time_frame: str | None) -> str | None:
    """A figure's unit, lower case, "people" for a people noun; a count's period after "per"
    ("deaths per year") is left to the time frame when that says the same period."""
    if figure.unit is None:
        return None
    unit = figure.unit.lower()
    period = _PER_PERIOD.search(unit) if figure.kind == "count" and time_frame is not None else None
    if period is not None and period.group(1) == time_frame:
        unit = unit[: period.start()]
    return "people" if unit in PEOPLE_NOUNS else unit


# "According to the CDC, " runs to its comma; a reporting verb ends where it does ("The report
# showed total household debt ...": what follows is what is reported, not more attribution).
# "the United States" is a place, not the verb "states".
_REPORTING = re.compile(r"according to\b[^,]*,?\s*"
                        r"|\b(?:reports?|reported|says?|said|shows?|showed|found|finds|estimates?|estimated|"
                        r"notes?|noted|reveals?|revealed|indicates?|indicated|suggests?|suggested|(?<!united\s)states|stated|"
                        r"pegs?|pegged)\b,?\s*(?:that\s+)?|\bproject(?:s|ed)\s+that\s+",
                        re.IGNORECASE)


def _attribution_free(before: str) -> str:
    """The clause before a figure without its attribution ("According to the CDC, ")."""
    if before.rstrip().endswith(("to", "at", "into")) and _OBJECT_POINTER.search(before):
        return ""
    lower = before.lower() if before.isascii() else None
    if lower is not None and not any(word in lower for word in _REPORTING_WORDS):
        return before  # most clauses: the search costs several times the look for its words
    cut = 0
    for match in _REPORTING.finditer(before):
        if not _be_before(before, match.start()):
            cut = match.end()
    return before[cut:]


# "The annual cost of asthma *is* estimated to be $18 billion": a passive of a reporting verb
# hedges what its subject says; it attributes nothing, and the subject before it is the measure.
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)
# _BE_BEFORE read backwards, to match at the start of the reversed text: a search for a match
# that ends where the text does tries the pattern at every character (its `\b` gives the regex
# engine no first character to skip to), a match at one place does not.
_BE_BEFORE_REVERSED = re.compile(r"\s+(?:yl[a-z]+\s+)?(?:si|era|saw|erew|eb|neeb)\b", re.IGNORECASE)


def _be_before(text: str, end: int) -> bool:
    """Whether `text[:end]` ends with a form of "be" and blanks (and an adverb in -ly): as
    `_BE_BEFORE.search(text, 0, end)`, in time that does not grow with `end`."""
    return end > 0 and _BE_BEFORE_REVERSED.match(text[end - 1 :: -1]) is not None


def _may_hold(text: str, word: str) -> bool:
    """False when a case-blind search for `word` (lower case) cannot match in `text`: an ASCII
    text without it in lower case. Any other text may (re's IGNORECASE takes a few other
    letters for ASCII ones, "ſ" for "s")."""
    return not text.isascii() or word in text.lower()


#: Every _REPORTING match holds one of these, in lower case (tested before the search, in ASCII
#: text only: re's IGNORECASE also takes a few other letters for ASCII ones, "ſ" for "s").
_REPORTING_WORDS = ("according", "report", "say", "said", "show", "found", "finds", "estimat", "note", "reveal",
                    "indicat", "suggest", "state", "peg", "project")


def _quarter_of(text: str) -> str | None:
    """The quarter of the data a text names ("the third quarter" -> "q3"), if any."""
    match = _QUARTER.search(text) if "uarter" in text or "Q" in text else None
    return _QUARTERS[(match.group(1) or match.group(2)).lower()] if match else None


def _level_free(before: str) -> str:
    """The clause before a figure without the verb of a level reached ("rose to", "hit a new
    high of"): "debt rose to $1.17 trillion" says what "debt was $1.17 trillion" says."""
    last_words = before[-16:].split()  # any space before the word, a line break too, as \s is
    if not last_words or last_words[-1].lower() not in _LEVEL_ENDS:  # the search costs more
        return before
    link = _LEVEL_LINK.search(before[-WINDOW:])
    return before if link is None else before[: len(before) - len(before[-WINDOW:]) + link.start()]


# "The AHA equates that to 77.9 million", "puts it at": the pointer is the object; the words
# before it say who restates the figure, not what it is.
_OBJECT_POINTER = re.compile(r"\b(?:that|this|it)\s+(?:to|at|into)\s*$", re.IGNORECASE)
# "about $600 billion or so of that student loan debt comes from federal loans", "Direct costs
# make up $14.7 billion of that total": an amount that is a part of one named before.
_PART_OF_AN_AMOUNT = re.compile(r"\s*of\s+(?:that|this)\b", re.IGNORECASE)


def _part_of_an_amount(figure: Figure, after_figure: str) -> bool:
    """True for an amount that is a part of one named before ("$600 billion of that debt"): its
    clause's words name the whole, not the part."""
    return figure.kind == "money" and _PART_OF_AN_AMOUNT.match(after_figure) is not None


# "Of these, 2 million are women", "Of those roughly 9 million": a part of the group just named.
_PARTITIVE_OPENING = re.compile(r"\s*[Oo]f\s+(?:these|those)\b")
_POINTER_SUBJECT = re.compile(
    r"\b[Oo]f\s+(?:these|those)\b[^,;:.]{0,40}?,?\s*$|"
    r"\b(?:it|this|they|the (?:condition|disease|disorder|illness|problem))\b(?:,[^,]{0,60},)?\s+\w+(?:\s+\w+)?\s*$"
    r"|\bwhich\s+\w+\s*$|\b(?:that|this|it)(?:['’]s|\s+is|\s+was|\s+means|\s+equals)\s*$"
    r"|" + _OBJECT_POINTER.pattern, re.IGNORECASE)


# "Whatever you call it, the condition, which affects": a relative clause's subject is the noun
# group just before its "which" or "who", not the words before that.
_RELATIVE = re.compile(r"([^,;:()]*?)\s*,?\s+(?:which|who)\s+\S+\s*$", re.IGNORECASE)


def _antecedent(before: str) -> str:
    """The noun group a relative clause ending `before` is said of, else `before` itself."""
    match = _RELATIVE.search(before) if "which" in before or "who" in before else None
    return before if match is None else match.group(1)


# Per-sentence readings, kept for the sentence's next figures: each figure of a sentence dense
# with figures (a table pasted as text, 1,000 characters of "5% of ...") asked them again.
@functools.lru_cache(maxsize=64)
def _year_in(sentence: str) -> re.Match[str] | None:
    return _year_search(sentence)


_CLAUSE_MARK = re.compile(r"[,;:()\[\]—–]|[.!?](?:\s|$)")


def _figure_start(figure: Figure, sentence: str, position: int | None) -> int:
    """Where the figure starts in its sentence: at `position` when its text is there, else where
    its text is first found (0 when it is not)."""
    if position is None or sentence[position : position + len(figure.text)] != figure.text:
        return max(0, sentence.find(figure.text))
    return position


def _rest_of_clause(figure: Figure, sentence: str, position: int | None) -> str:
    """The figure and the words after it up to the clause's next mark (figures included)."""
    position = _figure_start(figure, sentence, position)
    rest = sentence[position : position + len(figure.text) + WINDOW]
    end = _CLAUSE_MARK.search(rest, len(figure.text))
    return rest if end is None else rest[: end.start()]


def _year_near(before: str, after: str) -> re.Match[str] | None:
    """The year of the data nearest a figure in its clause: the first said after it ("$927
    billion set in 2019"), else the last said before it ("In 2019, ... 2022 ... $X")."""
    found = _year_search(after)
    if found is None and _may_hold_year(before):
        for found in _YEAR.finditer(before):  # noqa: B007 (the last one is kept)
            pass
    return found


def _year_search(text: str) -> re.Match[str] | None:
    # Most figures' texts hold no four digits that could be a year, found much faster than
    # _YEAR's search (which tries its words before a year at every position).
    return _YEAR.search(text) if _may_hold_year(text) else None


#: Four digits alone that _YEAR could read as a year: every match of _YEAR holds one.
_MAYBE_YEAR = re.compile(r"(?<![0-9])(?:19[5-9]|20[0-9])[0-9](?![0-9])")


def _may_hold_year(text: str) -> bool:
    """False when no match of _YEAR can be in `text` ("19" or "20" is looked for first: most
    texts have neither, found faster than _MAYBE_YEAR's search)."""
    return ("19" in text or "20" in text) and _MAYBE_YEAR.search(text) is not None


@functools.lru_cache(maxsize=64)
def _said_in(rest: str) -> tuple[str, ...]:
    return tuple(content_words(_attribution_free(rest), _qualifier_words(rest)))


@functools.lru_cache(maxsize=256)
def _head_scan(text: str) -> dict[str, list[str]]:
    return scan(fold(text[: 6 * WINDOW]))


# A lead-in may be long (a paragraph ending in ":") and serves every figure of up to
# LEAD_IN_REACH blocks after it: its words are read once, not once per figure.
@functools.lru_cache(maxsize=64)
def _context_words(text: str) -> tuple[str, ...]:
    return tuple(content_words(text, _qualifier_words(text)))


def _fill_said(shared: str | None, around: _Around) -> tuple[list[str], str]:
    """What is said, from the sentence's shared words, then the lead-in, then the headings."""
    if shared is not None:
        words = list(_said_in(shared[: 6 * WINDOW]))
        if words:
            return words, "sentence"
    for source, text in around.context:
        words = list(_context_words(text))
        if words:
            return words, source
    return [], "clause"


def _points_elsewhere(before: str, said_words: Sequence[str]) -> bool:
    """True when a figure's clause points at what the sentence before is about: a pronoun
    ("It affects..."), or a statistic alone ("Industry studies peg the average at $36" says
    which statistic, not of what)."""
    return _POINTER_SUBJECT.search(before) is not None or bool(said_words) and set(said_words) <= STATISTIC_WORDS


def _said_elsewhere(said_words: list[str], before: str, around: _Around,
                    partitive: bool = False) -> tuple[list[str], str]:
    """What is said of a figure whose clause points elsewhere for it, and where it was read;
    `partitive` when its sentence opens with "Of these" or "Of those" (a part of the group the
    sentence before counts: what is said of that group is said of each figure saying nothing)."""
    pointed = _points_elsewhere(before, said_words) or (partitive and not said_words)
    previous = around.previous if pointed else None
    if previous is not None:
        # "Hypertension is common. It affects one in three adults": the pronoun's subject is the
        # sentence before's (same paragraph), and what this clause adds is said of it too.
        return [*previous.said, *(w for w in said_words if w not in previous.said and w not in GENERIC_NOUNS)], "previous"
    if not said_words or all(w in GENERIC_NOUNS for w in said_words):
        # The subject is said elsewhere and there is no sentence before to point at: the rest of
        # the sentence is about something else, so only the lead-in and headings may say it.
        return _fill_said(None if pointed else around.shared, around)
    return said_words, "clause"


def _fill_part(sentence: str, around: _Around, part: str, filled: list[str], pointed: str | None = None) -> str | None:
    """A qualifier the clause leaves unsaid: from the sentence a pronoun points at (`pointed`),
    else the figure's sentence, lead-in and headings (read only when the sentence has none)."""
    if pointed is not None:
        filled.append(part)
        return pointed
    value = pick(_head_scan(sentence), part)
    if value is not None:
        filled.append(part)
        return value
    for _, text in around.context:
        value = pick(_head_scan(text), part)
        if value is not None:
            filled.append(part)
            return value
    return None


@attrs.frozen
class Subject:
    """What a sentence is about, for the next sentence's pronoun: its said words and place (and
    what its last figure counts, for "Of these N" after it)."""

    said: tuple[str, ...]
    place: str | None
    year: str | None = None
    counted: str | None = None


#: Verbs that end a sentence's subject ("Hypertension *is* a risk factor"), with the light verbs.
_SUBJECT_VERBS = _VERBS_OF_A_SENTENCE | LIGHT_VERBS | frozenset(
    """be been being did could would may might should must remain remains remained mean means
    meant account accounts accounted cause causes caused kill kills killed occur occurs occurred
    lead leads led make makes made represent represents represented cost costs""".split())


_SUBJECT_VERB = re.compile(r"\b(?:" + "|".join(sorted(_SUBJECT_VERBS)) + r")\b", re.IGNORECASE)


def _subject_of(sentence: str, frames: Sequence[Frame]) -> Subject | None:
    """What a sentence is about: the last of its figures' clause-read frames, else the words of
    its subject (before its first verb), when they are few and not themselves a pronoun."""
    for frame in reversed(frames):
        if frame.said and frame.said_from == "clause":
            return Subject(frame.said_order or frame.said, frame.place, frame.year, frame.counted)
    if frames:
        return None
    return _sentence_subject(sentence)


# A sentence without figures is read for every sentence after it with figures: many are said
# on page after page (boilerplate), and a Subject is frozen, so one reading serves them all.
@functools.lru_cache(maxsize=1024)
def _sentence_subject(sentence: str) -> Subject | None:
    """The words of a sentence's subject (before its first verb), when they are few and not
    themselves a pronoun."""
    verb = _SUBJECT_VERB.search(sentence[: 6 * WINDOW])
    if verb is None:
        return None
    head = words_of(re.split(r"[:;—–]", sentence[: verb.start()])[-1])  # not a "Background:" label
    if any(w.lower() in POINTERS for w in head):
        return None
    said = content_words(" ".join(head))
    if not said or len(said) > MAX_SAID or all(w in GENERIC_NOUNS for w in said):
        return None
    year = _year_in(sentence)
    return Subject(tuple(said), pick(_head_scan(sentence), "place"), year and _year_text(year))


# ---------------------------------------------------------------------------------------------
# Aliases a page gives: "high blood pressure, also called hypertension", "hypertension (HBP)"

# A name: one to four words on one line. Aliases are found from their marks ("also called", a
# bracket), and the names read in a short window either side: a scan from every word of a page
# for a name that might precede a mark cost 8 ms a page.
_NAME = r"[A-Za-z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*){0,3}"
_NAME_BEFORE = re.compile(rf"({_NAME})[ \t]*$")
_NAME_AFTER = re.compile(rf"[ \t]*({_NAME})[ \t]*[,.;:)]")
# "X, also called Y", "X (also known as Y)", "X, commonly referred to as Y", "X (or Y)".
_ALIAS_MARK = re.compile(
    r",[ \t]*(?:(?:also|commonly|often|sometimes)[ \t]+)?(?:called|known[ \t]+as|referred[ \t]+to[ \t]+as)(?=[ \t])"
    r"|\([ \t]*(?:(?:also|commonly|often|sometimes)[ \t]+)?(?:called|known[ \t]+as|referred[ \t]+to[ \t]+as|or)(?=[ \t])")
#: `_ALIAS_MARK` on a text without "called", "known" or "referred": only "(or" is left of it
#: (starting at "(", which the regex engine finds in C; the whole pattern is tried at every ",").
_BRACKETED_OR = re.compile(r"\([ \t]*(?:(?:also|commonly|often|sometimes)[ \t]+)?or(?=[ \t])")
# "X is known as the “Y”", "X are called Y": after a verb, only a quoted or capitalised name is
# a name ("email is known as the most profitable channel" describes, it does not name).
# The search starts at the verb ("called", "known as"): a pattern that started at "is" would be
# tried at every blank of a page.
_COPULA_ALIAS_MARK = re.compile(
    r"(?:called|known[ \t]+as|referred[ \t]+to[ \t]+as)"
    r"[ \t]+(?:the[ \t]+)?(?:[“\"‘]([A-Za-z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*){0,3})[”\"’]"
    r"|([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})\b)")
_COPULA = re.compile(r"[ \t]+(?:is|are)[ \t]+(?:(?:also|commonly|often|sometimes)[ \t]+)?$")
# "X (Y)": Y a name of one to three words with no figure in it ("high blood pressure
# (hypertension)", "return on investment (ROI)").
_BRACKETED_NAME = re.compile(r"\([ \t]*([A-Za-z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*){0,2})[ \t]*\)")
#: How far either side of a mark a name is read.
_NAME_REACH = 60
#: Words that end a name on its left: "have *high blood pressure*", "adults with *HBP*".
_NAME_STOPS = FUNCTION_WORDS | LIGHT_VERBS | PEOPLE_NOUNS | NEGATIONS


def _name_words(text: str, from_right: bool) -> tuple[str, ...]:
    """The said-word stems of a name: on the left of an alias the words back to the first
    function word, light verb or people noun ("adults with *high blood pressure*")."""
    words = words_of(text)
    if from_right:
        kept: list[str] = []
        for word in reversed(words):
            if word.lower() in _NAME_STOPS:
                break
            kept.insert(0, word)
        words = kept
    return tuple(content_words(" ".join(words)))


def _abbreviates(short: str, long: str) -> tuple[str, ...] | None:
    """The words of `long` that `short` abbreviates by their initials ("ROI" of "return on
    investment"), as said-word stems; None when it does not."""
    letters = short.rstrip("s").lower()
    if not (short[:1].isupper() and 2 <= len(letters) <= 6 and short.rstrip("s").isupper()):
        return None
    words = words_of(long)
    for size in (len(letters), len(letters) + 1, len(letters) + 2):
        tail = words[-size:]
        initials = "".join(w[0].lower() for w in tail if w.lower() not in FUNCTION_WORDS or len(tail) == len(letters))
        if len(tail) == size and initials == letters:
            return tuple(content_words(" ".join(tail)))
    return None


def _copula_aliases(text: str) -> Iterator[Alias]:
    """"X is known as the “Y”", "X is also called Y" (Y quoted or capitalised)."""
    for mark in _COPULA_ALIAS_MARK.finditer(text):
        copula = _COPULA.search(text, max(0, mark.start() - 30), mark.start())
        if copula is None:
            continue
        before = _NAME_BEFORE.search(text[max(0, copula.start() - _NAME_REACH) : copula.start()])
        if before is not None:
            yield _name_words(before.group(1), True), _name_words(mark.group(1) or mark.group(2), False)


def read_aliases(text: str) -> tuple[Alias, ...]:
    """Pairs of names the text gives for one thing, each as said-word stems: "high blood
    pressure, also called hypertension", "high blood pressure (hypertension)", "return on
    investment (ROI)". A name with a figure in it is a figure's restatement, not an alias."""
    naming = "called" in text or "known" in text or "referred" in text  # what _COPULA_ALIAS_MARK needs
    if not naming and "(" not in text:
        return ()  # every mark holds one of these: most pages have none, found faster than a search
    found: list[Alias] = []
    for mark in (_ALIAS_MARK if naming else _BRACKETED_OR).finditer(text):
        before = _NAME_BEFORE.search(text[max(0, mark.start() - _NAME_REACH) : mark.start()])
        after = _NAME_AFTER.match(text, mark.end(), mark.end() + _NAME_REACH)
        if before is not None and after is not None:
            found.append((_name_words(before.group(1), True), _name_words(after.group(1), False)))
    if naming:
        found.extend(_copula_aliases(text))
    for bracket in _BRACKETED_NAME.finditer(text):
        before = _NAME_BEFORE.search(text[max(0, bracket.start() - _NAME_REACH) : bracket.start()])
        if before is None:
            continue
        long, short = before.group(1), bracket.group(1)
        abbreviated = _abbreviates(short, long)
        if abbreviated is not None:
            found.append((abbreviated, (short.rstrip("s").lower(),)))
        elif short[:1].islower():
            found.append((_name_words(long, True), _name_words(short, False)))
    pairs = {(a, b) for a, b in found if a and b and set(a) != set(b) and len(a) <= MAX_SAID and len(b) <= MAX_SAID
             and "not" not in a + b}  # "effective (or not)"
    return tuple(sorted(pairs))


# ---------------------------------------------------------------------------------------------
# One document


def read_frames(text: str, sentences: Sequence[tuple[int, int]], figures: Sequence[Figure]) -> list[Frame]:
    """The frame of every figure of one document (`figure.span` in `text` coordinates).

    `sentences` are the document's sentence ranges. Pure and per document: the result holds no
    reference to the text, so it can be computed where the document is read and cached.
    """
    page = _Page(text, sentences)
    for figure in figures:
        offset = figure.span.start
        index = bisect.bisect_right(page.starts, offset) - 1
        bounds = sentences[index] if index >= 0 else (offset, figure.span.end)
        page.by_sentence.setdefault(bounds, []).append(figure)
    frames = page.frames
    aliases = read_aliases(text)
    known: dict[tuple[object, ...], Frame] = {}
    parts: dict[tuple[object, ...], tuple[str, ...]] = {}
    for (start, end), members in sorted(page.by_sentence.items()):
        sentence = text[start:end]
        # Each figure is looked up in the frames its sentence alone gave before; what is around
        # the sentence is read only for a figure it does not find, and only as far as needed.
        shared: Callable[[], str] = functools.partial(_without_figures, sentence, start, members)
        previous: Callable[[], Subject | None] = functools.partial(page.previous, start)
        if len(members) > 1:
            # The sentence without its figures and the sentence before are the same for each of
            # its figures: worked out once (a line dense with figures asked them for every
            # figure, each time a walk over all of them). Most sentences have one figure, whose
            # _Around keeps them anyway: no cache is made for it.
            shared, previous = _Once(shared), _Once(previous)
        for figure, fields in _frames_kept(sentence, start, members, frames):
            around = _Around(functools.partial(page.context, figure.span.start), shared, previous)
            frames[id(figure)] = _read_once(known, parts, figure, sentence, figure.span.start - start,
                                            fields=fields, around=around)
        _restatements(text, members, frames)
    _dated_by_their_source(text, page, figures, frames)
    _dated_around(text, page, figures, frames)
    if aliases:
        frames = {key: attrs.evolve(frame, aliases=aliases) for key, frame in frames.items()}
    return [frames[id(figure)] for figure in figures]


# A place in an order said beside a figure: "the second position", "ranked 3rd", "position 1",
# "#1". Told as "#2", "#3", "#1": figures of different places in one order are not one measure.
_ORDER_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
_ORDER = re.compile(r"\bthe\s+(" + "|".join(_ORDER_WORDS) + r")\b|\b([0-9]{1,2})(?:st|nd|rd|th)\b"
                    r"|(?:\b(?:position|rank|place|spot)\s*|#)([0-9]{1,2})\b", re.IGNORECASE)
#: What `_told_of` read before, by the text read (pages repeat sentences).
_TOLD: BoundedMemo[tuple[str, ...], tuple[str, ...]] = BoundedMemo(100_000)

#: Endings a stem's root is read without, past the ones `stem` cuts (`_DERIVED`: "-ment",
#: "-ing", "-ed"): "smoke" and "smok", the stem of "smoking".
_SUFFIXES = ("ations", "ation", "ness", "ers", "er", "ly", "e")
_MIN_ROOT = 4


def root(word: str) -> str:
    """A stem's root: one ending `stem` leaves off, when at least four letters stay; the stems of
    "abandonment" and "abandon", of "smoking" and "smoke" have one root. What the similarity of
    two wordings compares (their words' stems, `content_words`)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_ROOT:
            return word[: -len(suffix)]
    return word


def _roots(text: str) -> tuple[str, ...]:
    # interned, as the frame's other words are: a record's bytes (marshal) are then the same
    # whether its frame was read now or restored from the cache
    return tuple(dict.fromkeys(sys.intern(root(word)) for word in content_words(text)))


def _told_of(left: str, figure_text: str, right: str) -> tuple[str, ...]:
    """The roots of a figure's own stretch (`left`, its text, `right`), and the place in an
    order said beside it ("#2"), if any."""
    key = (left, figure_text, right)
    words = _TOLD.get(key)
    if words is None:
        order = _order_of(left, right)
        words = _roots(f"{left} {figure_text} {right}")
        words = _TOLD.put(key, words if order is None else (*words, order))
    return words


def _order_of(left: str, right: str) -> str | None:
    """The place in an order said beside a figure ("#2" for "the second position"), or None."""
    for part in (right, left):
        match = _ORDER.search(part)
        if match is not None:
            word, digits, place = match.groups()
            number = _ORDER_WORDS.index(word.lower()) + 1 if word else int(digits or place)
            return f"#{number}"
    return None


#: What an `_Around` or `_Once` holds before its value is worked out.
_UNREAD: Any = object()


class _Around:
    """What `read_frame` may read beyond a figure's sentence: the lead-in and heading chain
    (`context`), the sentence without its figures (`shared`) and what the sentence before is
    about (`previous`). Each is worked out on first use (most frames need none of them), and
    `used` names the ones that were: a frame that used none is its sentence's alone."""

    # Slots and plain properties, not functools.cached_property: one _Around is made per figure,
    # and cached_property takes a lock each time it works a value out (Python 3.11).
    __slots__ = ("_context", "_previous", "_read", "_shared", "used")

    def __init__(self, context: Callable[[], Sequence[tuple[str, str]]], shared: Callable[[], str],
                 previous: Callable[[], Subject | None]) -> None:
        self._read = (context, shared, previous)
        self._context = self._shared = self._previous = _UNREAD
        self.used: set[str] = set()

    @property
    def context(self) -> Sequence[tuple[str, str]]:
        if self._context is _UNREAD:
            self.used.add("context")
            self._context = self._read[0]()
        return self._context  # type: ignore[no-any-return]

    @property
    def shared(self) -> str:
        if self._shared is _UNREAD:
            self.used.add("shared")
            self._shared = self._read[1]()
        return self._shared  # type: ignore[no-any-return]

    @property
    def previous(self) -> Subject | None:
        if self._previous is _UNREAD:
            self.used.add("previous")
            self._previous = self._read[2]()
        return self._previous  # type: ignore[no-any-return]

    def key(self, parts: Sequence[str]) -> tuple[object, ...]:
        """The named parts (of "context", "shared", "previous"), to tell one surrounding from
        another."""
        return tuple(getattr(self, part) for part in parts)


class _Once:
    """A call without arguments, made on first use and its answer kept (what the figures of one
    sentence share; cheaper to make than a `functools.cache` wrapper, one per sentence)."""

    __slots__ = ("_make", "_value")

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._value = _UNREAD

    def __call__(self) -> Any:
        if self._value is _UNREAD:
            self._value = self._make()
        return self._value


class _Page:
    """One document's text and sentences, and what its frames read around a sentence: its
    blocks and each block's lead-in and headings (worked out once, when first asked)."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [s for s, _ in sentences]
        self.by_sentence: dict[tuple[int, int], list[Figure]] = {}
        self.frames: dict[int, Frame] = {}
        self.contexts: dict[int, tuple[tuple[str, str], ...]] = {}

    @functools.cached_property
    def blocks(self) -> Blocks:
        return Blocks.of(self.text)

    def context(self, offset: int) -> tuple[tuple[str, str], ...]:
        return _block_context(self.text, self.blocks, offset, self.contexts)

    def previous(self, start: int) -> Subject | None:
        return _previous_subject(self.text, self.sentences, self.starts, self.blocks, start,
                                 by_sentence=self.by_sentence, frames=self.frames)


# "nearly half of American adults (116 million people)", "half of adults, or roughly 116 million
# people,": a figure right after another, in brackets or after ", or", restates it.
_RESTATES = re.compile(r"\s*(?:\(|,\s*or\s|,\s*(?:i\.e\.|that is),?\s)\s*", re.IGNORECASE)


def _restatements(text: str, members: Sequence[Figure], frames: dict[int, Frame]) -> None:
    """Each figure of a sentence right after another that it restates: the pair's frames by
    `_restated_pair`, after the sentence's frames are read or kept (they are kept raw)."""
    for first, second in zip(members, members[1:]):
        if _RESTATES.fullmatch(text, first.span.end, second.span.start):
            frames[id(first)], frames[id(second)] = _restated_pair(frames[id(first)], frames[id(second)])


def _restated_pair(restated: Frame, frame: Frame) -> tuple[Frame, Frame]:
    """The frames of a figure and of the figure right after it that restates it (one statement,
    two numbers). The second keeps its own kind, unit and counted group and takes the first's
    said words, place, population, time frame and year; a count that names nothing it counts
    counts the people the second names ("77.9 million, or 1 out of 3 adults")."""
    if restated.kind == "count" and restated.counted is None and frame.counted == "people":
        restated = attrs.evolve(restated, counted="people", unit="people")
    return restated, attrs.evolve(
        frame, said=restated.said, said_order=restated.said_order, said_from=restated.said_from,
        place=restated.place, population=restated.population, time_frame=restated.time_frame,
        year=restated.year, filled=restated.filled)


# "The 2011-2012 Pet Owners Survey ... reveals": a source named with the period its data cover;
# "According to the survey", "the report found": a later mention that points back at it.
_SOURCE_NOUNS = r"survey|report|study|poll|census"
_DATED_SOURCE = re.compile(
    rf"\b({_YEAR_NUMBER}\s?[-–]\s?{_YEAR_NUMBER})\s+"
    rf"(?:[A-Za-z][\w'’&-]*\s+){{0,4}}?({_SOURCE_NOUNS})\b", re.IGNORECASE)
_SOURCE_POINTER = re.compile(rf"\b(?:the|this|that)\s+({_SOURCE_NOUNS})\b", re.IGNORECASE)
#: The years before a dash of a period: every _DATED_SOURCE match holds one just before its dash.
_YEAR_BEFORE_DASH = re.compile(rf"{_YEAR_NUMBER}\s?$")


def _may_name_a_dated_source(text: str) -> bool:
    """False when `text` cannot hold a _DATED_SOURCE match: no dash ("-", "–") after a year.
    _DATED_SOURCE opens with a word boundary, so the regex engine tries it at every character
    of the page (about 65 microseconds on 5 KB); a page's few dashes are found in C."""
    for dash in ("-", "\u2013"):
        position = text.find(dash)
        while position != -1:
            if _YEAR_BEFORE_DASH.search(text, max(0, position - 5), position):
                return True
            position = text.find(dash, position + 1)
    return False


def _dated_by_their_source(text: str, page: _Page, figures: Sequence[Figure], frames: dict[int, Frame]) -> None:
    """The figures of a paragraph that points back at a source ("According to the survey") named
    earlier with the period its data cover ("The 2011-2012 Pet Owners Survey") are of that
    period when they name no year of their own: the paragraph reports that source's data."""
    if not (_may_name_a_dated_source(text) and _DATED_SOURCE.search(text)):  # nearly every page
        return
    blocks = page.blocks
    periods: dict[int, str | None] = {}  # block index -> the period its pointer names, if any
    for figure in figures:
        frame = frames[id(figure)]
        if frame.year is not None or frame.quarter is not None:
            continue
        here = blocks.index(figure.span.start)
        if here not in periods:
            periods[here] = _source_period(text, blocks.starts[here], blocks.ends[here])
        period = periods[here]
        if period is not None:
            frames[id(figure)] = attrs.evolve(frame, year=period, filled=(*frame.filled, "year"))


def _source_period(text: str, start: int, end: int) -> str | None:
    """The period of the dated source that the text from `start` to `end` points back at: the
    last one named before the pointer with the same noun, whose years follow each other."""
    pointer = _SOURCE_POINTER.search(text, start, end)
    if pointer is None:
        return None
    noun = pointer.group(1).lower()
    named = [m for m in _DATED_SOURCE.finditer(text, 0, pointer.start()) if m.group(2).lower() == noun]
    if not named:
        return None
    match = _YEAR.search(named[-1].group(1))
    return _year_text(match) if match is not None else None


# The period of the data said around a figure's sentence (`Frame.period`): a year or a span of
# years ("2019", "2015-2016", "2005--2008"), never one a month names (a date line: when the page
# was written) nor one that a trend or a forecast opens or ends ("from 1999", "since 2010", "by
# 2030").
_PERIOD = re.compile(
    rf"(?<![0-9])({_YEAR_NUMBER})(?:\s?(?:--|[-–—])\s?({_YEAR_NUMBER}))?(?![0-9])")
_NOT_A_PERIOD = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?:[0-9]{1,2},?\s+)?$"
    r"|\b(?:from|since|until|till|to|through|by|between|before|after)\s+(?:the\s+(?:end|start)\s+of\s+)?$",
    re.IGNORECASE)
# A citation with its year, in the sentence or right after it: "(CDC, 2021)", "(Hive Institute 2019)".
_CITATION_YEAR = re.compile(rf"\(\s*[A-Z][^()]{{0,60}}?[\s,]\s*({_YEAR_NUMBER})\s*\)")
#: How far after a sentence a citation of it may stand.
CITATION_REACH = 60
# A sentence's opening phrase, up to its first comma, past a run-in label ("Results: During
# 2005-2008, ..."): it sets the scene of what follows.
_OPENING_PHRASE = re.compile(r"\s*(?:[A-Z][a-z]+:\s+)?([^,.;:!?]{4,80}),")
#: How many sentences of a paragraph a scene set by an opening phrase reaches (its own and the
#: ones after it); a sentence that names a year elsewhere than in its opening ends it.
SCENE_REACH = 3


def _one_period(text: str) -> str | None:
    """The one period `text` names ("2015-2016"; a year alone, "2019"), else None: none, several,
    or only dates and the ends of a trend."""
    found = set()
    for match in _PERIOD.finditer(text):
        if _NOT_A_PERIOD.search(text, max(0, match.start() - 30), match.start()):
            continue
        first, last = match.group(1), match.group(2)
        found.add(first if last is None or int(last) <= int(first) else f"{first}-{last}")
    return found.pop() if len(found) == 1 else None


def _period_range(period: str) -> tuple[int, int]:
    first, _, last = period.partition("-")
    return int(first), int(last or first)


def data_period(frame: Frame) -> str | None:
    """The year or period of a frame's data: its own (`Frame.year`), else its page's (`Frame.period`)."""
    return frame.year or frame.period


def dated_apart(first: Frame, second: Frame) -> bool:
    """True when both frames say the year or period of their data (`data_period`) and the two
    do not meet: "2005-2008" and "2015-2016" are two measures, "2015-2016" and "2016" may be
    one, and a frame that says none may be of any."""
    one, other = data_period(first), data_period(second)
    if one is None or other is None or one == other:
        return False
    (start, end), (other_start, other_end) = _period_range(one), _period_range(other)
    return end < other_start or other_end < start


def _dated_around(text: str, page: _Page, figures: Sequence[Figure], frames: dict[int, Frame]) -> None:
    """The `Frame.period` of each figure that names no year of its own: a citation's year in its
    sentence or right after it, else the period an opening phrase of its paragraph sets for it,
    else the one period of its lead-in and heading chain. Each is looked for only where the page
    has a year near enough (`_Years`): most pages' figures have none around them."""
    years = _Years.of(text)
    if years is None:
        return
    by_sentence: dict[int, str | None] = {}  # sentence index -> its period
    for figure in figures:
        frame = frames[id(figure)]
        if frame.year is not None or frame.quarter is not None:
            continue
        index = bisect.bisect_right(page.starts, figure.span.start) - 1
        if index < 0:
            continue
        if index not in by_sentence:
            by_sentence[index] = _period_around(page, years, index, figure.span.start)
        period = by_sentence[index]
        if period is not None:
            frames[id(figure)] = attrs.evolve(frame, period=period)


# A year standing alone (not inside a longer number: "1,950", "$2,019", "4820195"). The year
# first, then the look behind it (the character before its four digits): a pattern opening
# with a lookbehind is tried at every character of the page (60 us a page of 5 KB; 20 so).
_STANDALONE_YEAR = re.compile(rf"{_YEAR_NUMBER}(?<![0-9.,][0-9]{{4}})(?![0-9])")


@attrs.frozen
class _Years:
    """Where a page says a year: every one, and those on a line short enough to be a heading
    or a lead-in (`HEADING_PERIOD_LENGTH`)."""

    at: list[int]
    on_short_lines: list[int]

    @classmethod
    def of(cls, text: str) -> _Years | None:
        if "19" not in text and "20" not in text:  # most pages: found faster than by the regex
            return None
        at = [match.start() for match in _STANDALONE_YEAR.finditer(text)]
        if not at:
            return None
        short = []
        for position in at:
            end = text.find("\n", position)
            if (len(text) if end == -1 else end) - text.rfind("\n", 0, position) <= HEADING_PERIOD_LENGTH:
                short.append(position)
        return cls(at, short)

    def between(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.at, start)
        return index < len(self.at) and self.at[index] < end


def _period_around(page: _Page, years: _Years, index: int, offset: int) -> str | None:
    """`_dated_around`'s period for the figures of sentence `index` (the one at `offset`)."""
    text, sentences = page.text, page.sentences
    start, end = sentences[index]
    if years.between(start, end + CITATION_REACH):
        citation = _CITATION_YEAR.search(text, start, min(len(text), end + CITATION_REACH))
        if citation is not None and "\n\n" not in text[end : citation.start()]:
            return citation.group(1)
    if years.between(sentences[max(0, index - SCENE_REACH + 1)][0], end):
        period = _scene_period(page, index)
        if period is not None:
            return period
    if not years.on_short_lines or years.on_short_lines[0] >= offset:
        return None  # no heading or lead-in above names a year
    for _, context in page.context(offset):
        period = _one_period(context) if len(context) <= HEADING_PERIOD_LENGTH else None
        if period is not None:
            return period
    return None


def _scene_period(page: _Page, index: int) -> str | None:
    """The period an opening phrase sets for sentence `index`: its own ("During 2005-2008, ...")
    or that of one of the sentences of its paragraph just before it (`SCENE_REACH`), when no
    sentence between names a year of its own."""
    text, sentences = page.text, page.sentences
    block = page.blocks.index(sentences[index][0])
    for earlier in range(index, max(-1, index - SCENE_REACH), -1):
        start, end = sentences[earlier]
        if page.blocks.index(start) != block:
            return None
        opening = _OPENING_PHRASE.match(text, start, end)
        period = _one_period(opening.group(1)) if opening is not None else None
        if period is not None:
            return period
        if _STANDALONE_YEAR.search(text, start, end):
            return None  # the sentence names a year elsewhere: the scene before it is not this one's
    return None


#: A heading or lead-in longer than this is prose: its years are not the section's period.
HEADING_PERIOD_LENGTH = 120


def _block_context(text: str, blocks: Blocks, offset: int,
                   contexts: dict[int, tuple[tuple[str, str], ...]]) -> tuple[tuple[str, str], ...]:
    """`_context_texts`, read once per block (it depends on the block alone)."""
    here = blocks.index(offset)
    context = contexts.get(here)
    if context is None:
        context = contexts[here] = tuple(_context_texts(text, blocks, offset))
    return context


def _read_once(known: dict[tuple[object, ...], Frame], parts: dict[tuple[object, ...], tuple[str, ...]],
               figure: Figure, sentence: str, position: int, *, fields: tuple[object, ...], around: _Around) -> Frame:
    """`read_frame`, once per distinct reading. A frame that read nothing `around` its sentence
    is kept across pages (`_SENTENCE_FRAMES`): a sentence said again anywhere has it. The others
    are kept for the page by all they read (every field of the figure but its span, which
    `position` places, and the parts of what is around that it read, named in `parts`): a
    sentence repeated with the same context (boilerplate, a table's rows, a pasted list) and the
    same sentence before is read once. Keying on the parts read is enough: a frame's reading is
    the same up to its first question of `around`, so a figure whose answers to the questions
    an earlier one asked are the same reads the same frame; and the parts it did not read are
    not worked out to make the key. `fields` are the figure's (`figure_fields`)."""
    read = parts.get((sentence, position, fields))
    if read is not None:  # a frame of this sentence read what is around it
        frame = known.get((sentence, position, fields, read, around.key(read)))
        if frame is not None:
            return frame
    frame = _read_frame(figure, sentence, position, around)
    if around.used:
        read = parts[sentence, position, fields] = tuple(sorted(around.used))
        known[sentence, position, fields, read, around.key(read)] = frame
    else:
        _SENTENCE_FRAMES.put((sentence, position, fields), frame)
    return frame


#: Frames that their sentence alone gives, by (sentence, position, every field of the figure
#: but its span), kept across documents: a sentence said on page after page (syndicated
#: statistics, a site's boilerplate) is read once. Bounded at 100,000 frames.
_SENTENCE_FRAMES: BoundedMemo[tuple[object, ...], Frame] = BoundedMemo(100_000)


def _frames_kept(sentence: str, start: int, members: Sequence[Figure],
                 frames: dict[int, Frame]) -> list[tuple[Figure, tuple[object, ...]]]:
    """Puts in `frames` the frames of the sentence's figures that the sentence alone gave before
    (`_SENTENCE_FRAMES`); returns the other figures, to be read, each with its fields."""
    unknown = []
    for figure in members:
        fields = figure_fields(figure)
        frame = _SENTENCE_FRAMES.get((sentence, figure.span.start - start, fields))
        if frame is None:
            unknown.append((figure, fields))
        else:
            frames[id(figure)] = frame
    return unknown


def _previous_subject(
    text: str,
    sentences: Sequence[tuple[int, int]],
    starts: Sequence[int],
    blocks: Blocks,
    start: int,
    *,
    by_sentence: dict[tuple[int, int], list[Figure]],
    frames: dict[int, Frame],
) -> Subject | None:
    """What the sentence before the one at `start` is about, when it is in the same paragraph
    (a pronoun points no further: across a paragraph or heading it would be a guess)."""
    index = bisect.bisect_right(starts, start) - 1
    if index <= 0 or sentences[index][0] != start:
        return None
    bounds = sentences[index - 1]
    if blocks.index(bounds[0]) != blocks.index(start) or blocks.heading[blocks.index(start)]:
        return None
    earlier = [frames[id(f)] for f in by_sentence.get(bounds, ()) if id(f) in frames]
    return _subject_of(text[bounds[0] : bounds[1]], earlier)


def _without_figures(sentence: str, start: int, figures: Sequence[Figure]) -> str:
    """The sentence with its figures (and their subjects) cut out."""
    parts = []
    cursor = 0
    for figure in sorted(figures, key=lambda f: f.span.start):
        begin = max(cursor, figure.span.start - start)
        parts.append(sentence[cursor:begin])
        cursor = max(cursor, min(len(sentence), figure.span.end - start))
    parts.append(sentence[cursor:])
    return " ".join(parts)
