"""Exclusions as ordered tables of small named checks: the numbers that are not figures.

The scanner walks each table in order and sets the number aside at the first check that
rejects it (`CheckTable.apply`); the reason a check gives is what the explain view shows.
The words and shapes the checks look for live in `exclusions`. Four tables, in the order a
number meets them:

- `DIGIT_RUN_CHECKS`, on a digit run before it is parsed (DOIs, URLs, product codes);
- `ANY_NUMBER_CHECKS`, on every number once its left context is read (dates, rate bases);
- `PLAIN_DIGIT_CHECKS`, on a bare digit number with no hedge or currency (labels, list
  numbering, addresses, citations, footnotes): the shapes where such a number names a thing;
- `FIGURE_CHECKS`, on the figure once its kind is settled (years, small number words,
  qualifiers of another statement, file sizes, list titles, names).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from claimstrack.figures import exclusions, units
from claimstrack.figures.patterns import (
    DEFINITION,
    DEFINITION_WINDOW,
    LISTICLE_NOUNS,
    LISTICLE_TAIL,
    MAX_RUN,
    NEXT_WORD,
    OF,
    OLDS_AFTER,
    PAREN_CLOSE,
    PHYSICAL,
    POPULATION_NAMES,
    READ_AFTER,
    SIZE_AFTER,
    STATISTICS,
    URL_ENCODED,
    YEAR_NOUN_AFTER,
)
from claimstrack.figures.readings import (
    Candidate,
    CheckTable,
    DigitRun,
    Reject,
    line_start,
    next_word,
    sentence_start,
)

# ---------------------------------------------------------------------------------------------
# A digit run, before it is parsed


def _long_run(run: DigitRun) -> Reject | None:
    """A run of more than 64 digits and separators: an identifier or a hash, never a quantity."""
    return Reject("long digit run", run.end) if len(run.run) > MAX_RUN else None


def _doi(run: DigitRun) -> Reject | None:
    """"10.1056/NEJMoa2034577": the digits of a DOI, set aside to its end."""
    if not run.run.startswith("10."):
        return None  # the common case, decided without a regex
    doi = exclusions.DOI.match(run.text, run.start)
    return Reject("DOI", doi.end()) if doi is not None else None


def _url(run: DigitRun) -> Reject | None:
    """Digits inside a URL ("...?q=30%25", "www.example.com/2024"): a URL has no space before
    its digits, so only a run glued to a word that starts a URL is looked at."""
    text, start = run.text, run.start
    if start == 0 or text[start - 1] in " \t\n":
        return None
    window_start = max(0, start - 200)
    gap = max(text.rfind(" ", window_start, start), text.rfind("\n", window_start, start))
    word = text[gap + 1 if gap >= 0 else window_start : start]
    if "://" in word or word.lower().startswith("www.") or URL_ENCODED.match(text, run.end):
        return Reject("URL", run.end)
    return None


def _letters_before(run: DigitRun) -> Reject | None:
    """Letters glued before the digits: "v2" and "version2" are versions, "A380" and "B12"
    product codes; a currency code ("USD115.5") is money, which the currency reader takes."""
    text, start = run.text, run.start
    before = text[start - 1] if start else " "
    if not (before.isalpha() or before == "_"):
        return None
    left = start
    while left > 0 and start - left < 12 and text[left - 1].isalpha():
        left -= 1
    letters = text[left:start]
    if letters.upper() in units.CURRENCY_CODES:
        return None
    if letters.lower() in ("v", "ver", "version"):
        return Reject("version", run.end)
    return Reject("product code like COVID-19", run.end)


def _code_after_hyphen(run: DigitRun) -> Reject | None:
    """"COVID-19", "SARS-2": a word, a hyphen and digits name a thing."""
    text, start = run.text, run.start
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        return Reject("product code like COVID-19", run.end)
    return None


def _international_phone(run: DigitRun) -> Reject | None:
    """"+44 20 7946 0958", "+1-555-0100": a plus before digit groups is a phone number."""
    text, start = run.text, run.start
    if not start or text[start - 1] != "+":
        return None
    tail = exclusions.INTERNATIONAL_TAIL.match(text, run.end)
    if tail is not None or any(sep in run.run for sep in "-."):
        return Reject("phone number", tail.end() if tail else run.end)
    return None


def _journal_reference(run: DigitRun) -> Reject | None:
    """"Sleep. 2015;38(6):843-844": the volume, issue and pages of a journal reference, after its
    year and a semicolon, set aside to the last page."""
    text, start = run.text, run.start
    if not (text[start - 1 : start] == ";" or text[start - 2 : start] in ("; ", ";\t")):
        return None  # the common case, decided without a regex
    reference = exclusions.JOURNAL_VOLUME.match(text, start)
    if reference is None or not exclusions.JOURNAL_YEAR_BEFORE.search(text, max(0, start - 24), start):
        return None
    return Reject("journal reference (volume, issue, pages)", reference.end())


def _code_section(run: DigitRun) -> Reject | None:
    """"a 401(k) plan", "501(c)(3) nonprofits": a section of a code names a thing."""
    if run.text[run.end : run.end + 1] != "(":
        return None  # the common case, decided without a regex
    section = exclusions.CODE_SECTION.match(run.text, run.end)
    return Reject("name (401(k), 501(c)(3))", section.end()) if section is not None else None


PLAIN_RUN = "plain"


def run_key(text: str, start: int, end: int, run: str) -> str:
    """"glued" when a character other than a space or line break stands right before the run
    text[start:end] (`run`); after one, "spaced" where a check for every run could reject it,
    else "plain" (most runs), which meets none of DIGIT_RUN_CHECKS: the reader of the number
    asks this before it makes the `DigitRun` the table reads."""
    if start and text[start - 1] not in " \t\n":
        return "glued"
    if len(run) > MAX_RUN or run.startswith("10.") or text[start - 2 : start] in ("; ", ";\t") or (
        text[end : end + 1] == "("
    ):
        return "spaced"
    return PLAIN_RUN


def _run_key(run: DigitRun) -> str:
    """The key of the table: `run_key` of the run."""
    return run_key(run.text, run.start, run.end, run.run)


_ANY_RUN = ("glued", "spaced")

#: Keyed by what stands around the run: a plain run after a space meets none of the checks.
DIGIT_RUN_CHECKS = CheckTable[DigitRun](
    _run_key,
    ("long digit run", _long_run, _ANY_RUN),
    ("DOI", _doi, _ANY_RUN),
    ("journal reference", _journal_reference, _ANY_RUN),
    ("code section", _code_section, _ANY_RUN),
    ("URL", _url, ("glued",)),
    ("letters glued before", _letters_before, ("glued",)),
    ("product code after a hyphen", _code_after_hyphen, ("glued",)),
    ("international phone number", _international_phone, ("glued",)),
)

# ---------------------------------------------------------------------------------------------
# Every number, once its left context is read


def _month_before(candidate: Candidate) -> Reject | None:
    """"March 15", "Jan 2024": a bare number after a month name is a date."""
    reading = candidate.reading
    if candidate.previous in exclusions.MONTHS and _plain(candidate) and reading.start == candidate.core.start:
        return Reject("date", candidate.core.end)
    return None


def _abbreviated_month_before(candidate: Candidate) -> Reject | None:
    """"Oct. 30", "Dec. 31, 2019": a bare number after a short month name and its stop is a date."""
    words = candidate.words
    if len(words) >= 2 and words[-2] in exclusions.MONTH_ABBREVIATIONS and _plain(candidate) and (
            candidate.reading.start == candidate.core.start):
        return Reject("date", candidate.core.end)
    return None


def _ordinal_of_month(candidate: Candidate) -> Reject | None:
    """"the 5th of May": an ordinal in digits followed by "of" and a month is a date."""
    reading = candidate.reading
    if reading.word_form != "ordinal" or candidate.core.word_form is not None:
        return None
    of = OF.match(candidate.text, reading.suffix_end)
    if of is not None and next_word(candidate.text, of.end()) in exclusions.MONTHS:
        return Reject("date", of.end())
    return None


def _rate_base(candidate: Candidate) -> Reject | None:
    """"For every $1 spent, the return is $44", "per $1,000 in balances": the base of a rate,
    not a claim of its own."""
    words = candidate.words
    if words[-2:] in (["for", "every"], ["for", "each"]) or (
        candidate.previous == "per" and candidate.reading.currency is not None
    ):
        return Reject("base of a rate (for every $1)", candidate.core.end)
    return None


def _p_value(candidate: Candidate) -> Reject | None:
    """"p < 0.05": the significance of a test, not a quantity the copy claims."""
    if candidate.previous == "p" and candidate.reading.hedge != "none":
        return Reject("statistic (p-value)", candidate.core.end)
    return None


#: The token before the number (an attrgetter: a key the table asks of every number, in C).
_previous: Callable[[Candidate], str] = attrgetter("previous")


#: Keyed by the token before the number: a check that names tokens is tried only after them.
ANY_NUMBER_CHECKS = CheckTable[Candidate](
    _previous,
    ("month before", _month_before, exclusions.MONTHS),
    ("short month before", _abbreviated_month_before, (".",)),
    ("ordinal of a month", _ordinal_of_month, None),
    ("base of a rate", _rate_base, ("every", "each", "per")),
    ("p-value", _p_value, ("p",)),
)

# ---------------------------------------------------------------------------------------------
# A bare digit number (no hedge, no currency): the shapes where it names a thing


def _version_cue(candidate: Candidate) -> Reject | None:
    """"iOS 17", "Python 3": a number after a product name is its version."""
    if candidate.previous in exclusions.VERSION_CUES:
        return Reject("version", candidate.core.end)
    return None


def _list_cue(candidate: Candidate) -> Reject | None:
    """"Step 3", "Chapter 2": a number after a list word labels a step."""
    if candidate.previous in exclusions.LIST_CUES:
        return Reject("list numbering", _of_total_end(candidate))
    return None


def _of_total_end(candidate: Candidate) -> int:
    """The end of a label's number with the total after it: "Step 1 of 4", "Page 2 of 10"."""
    of_total = exclusions.OF_TOTAL.match(candidate.text, candidate.core.end)
    return of_total.end() if of_total is not None else candidate.core.end


def _abbreviated_label(candidate: Candidate) -> Reject | None:
    """"No. 289", "Vol. 3", "Fig. 2": a number after an abbreviated label word."""
    words = candidate.words
    if candidate.previous == "." and len(words) > 1 and words[-2] in ("no", "nr", "vol", "fig", "p", "pp"):
        return Reject("label (Type 2, Phase 3, Table 1)", _of_total_end(candidate))
    return None


def _label_cue(candidate: Candidate) -> Reject | None:
    """"Type 2 diabetes", "Phase 3", "Table 1": a number after a label word names a thing
    (a range after one, "stage 2-3", is still read)."""
    if candidate.previous in exclusions.LABEL_CUES and candidate.reading.high_value is None:
        return Reject("label (Type 2, Phase 3, Table 1)", _of_total_end(candidate))
    return None


def _address_cue(candidate: Candidate) -> Reject | None:
    """"Suite 400", "PO Box 12": a number after an address word."""
    if candidate.previous in exclusions.ADDRESS_CUES:
        return Reject("address", candidate.core.end)
    return None


def _statistic(candidate: Candidate) -> Reject | None:
    """"n = 120", "r: 0.4": a number given to a statistic's letter."""
    words = candidate.words
    if candidate.previous in ("=", ":") and len(words) > 1 and words[-2] in STATISTICS:
        return Reject("statistic", candidate.core.end)
    return None


def _bracketed_phone(candidate: Candidate) -> Reject | None:
    """"(555) 123-4567": three digits in parentheses before digit groups are an area code."""
    text, core = candidate.text, candidate.core
    if candidate.previous != "(" or len(core.token) != 3:
        return None
    tail = exclusions.PHONE_TAIL.match(text, core.end)
    return Reject("phone number", tail.end()) if tail is not None else None


def _closing_bracket_end(candidate: Candidate) -> int | None:
    """Where the bracket closes when the number is alone inside one ("(3)", "[12]"), else None."""
    if candidate.previous not in ("(", "["):
        return None
    close = PAREN_CLOSE.match(candidate.text, candidate.core.end)
    return close.end() if close is not None else None


def _shop_widget(candidate: Candidate) -> Reject | None:
    """"Cart (0)", "Items (3)": a shop page's counter, not a claim."""
    close_end = _closing_bracket_end(candidate)
    words = candidate.words
    if close_end is not None and len(words) > 1 and words[-2] in exclusions.SHOP_CUES:
        return Reject("shop price widget", close_end)
    return None


def _bracketed_footnote(candidate: Candidate) -> Reject | None:
    """"[12]": a number alone in square brackets is a footnote mark."""
    close_end = _closing_bracket_end(candidate)
    if close_end is not None and candidate.previous == "[":
        return Reject("footnote marker", close_end)
    return None


def _citation(candidate: Candidate) -> Reject | None:
    """"...and heart failure (1–3).", "estimates (4) for": reference numbers in parentheses
    right after a word, with nothing else inside."""
    close_end = _closing_bracket_end(candidate)
    if close_end is None:
        return None
    text, core, words = candidate.text, candidate.core, candidate.words
    if core.word_form is not None or not core.token.replace("–", "-").replace("-", "").isdigit():
        return None
    if core.value >= 1000 or (core.high_value or 0) >= 1000 or len(words) < 2:
        return None
    if not words[-2].isalpha() or line_start(text, candidate.tokens.start(-1)):
        return None
    if text[close_end : close_end + 1] in ("", ".", ",", ";", ":", " ", "\n"):
        return Reject("citation (1-3)", close_end)
    return None


def _bracketed_list_number(candidate: Candidate) -> Reject | None:
    """"(1) Book a visit": one or two digits in brackets at the start of a line number a list."""
    close_end = _closing_bracket_end(candidate)
    if close_end is not None and len(candidate.core.token) <= 2 and line_start(candidate.text, candidate.tokens.start(-1)):
        return Reject("list numbering", close_end)
    return None


def _zip_code(candidate: Candidate) -> Reject | None:
    """"CA 94105": five digits after a US state code are a ZIP code."""
    core = candidate.core
    if not (core.token.isdigit() and len(core.token) == 5 and candidate.words):
        return None
    last = candidate.tokens.start(-1)
    written_before = candidate.text[last : last + 2]  # the state code as written
    return Reject("address", core.end) if exclusions.is_zip(core.token, written_before) else None


def _line_start_numbering(candidate: Candidate) -> Reject | None:
    """"1. Book a visit", "2) Relax": a number opening a line, then a dot or bracket and a space."""
    text, end = candidate.text, candidate.core.end
    if text[end : end + 1] in (".", ")") and text[end + 1 : end + 2] in (" ", "\t", "\n", "") and (
        line_start(text, candidate.reading.start)
    ):
        return Reject("list numbering", end + 1)
    return None


def _footnote_after_word(candidate: Candidate) -> Reject | None:
    """"...improved.3 Our team": digits glued to punctuation right after a word are a footnote."""
    text, core, previous = candidate.text, candidate.core, candidate.previous
    if previous in (".", ",", ";", ")", "!", "?") and core.start >= 2 and text[core.start - 1] == previous and (
        text[core.start - 2].isalpha()
    ):
        return Reject("footnote marker", core.end)
    return None


def _note_digits(token: str) -> bool:
    """One or two bare digits: as long as a note mark runs."""
    return token.isdigit() and len(token) <= 2


def _short_digits_ending(candidate: Candidate) -> bool:
    """One or two bare digits with nothing after them but a space, a line's end or a stop."""
    text, core = candidate.text, candidate.core
    if not _note_digits(core.token):
        return False
    after = text[core.end : core.end + 2]
    return after[:1] in ("", " ", "\t", "\n", "\r") or (after[:1] in ".," and after[1:] in ("", " ", "\n", "\r"))


def _footnote_after_bracket(candidate: Candidate) -> Reject | None:
    """"(61 percent).4 Men", "(48%)7.": one or two digits glued to a closing parenthesis, or to
    the stop after one, end the clause: a note mark, not a figure."""
    text, start = candidate.text, candidate.core.start
    glued = text[start - 2 : start] if start >= 2 else ""
    if (glued[1:] == ")" or glued == ").") and _short_digits_ending(candidate):
        return Reject("footnote marker", candidate.core.end)
    return None


def _footnote_at_line_end(candidate: Candidate) -> Reject | None:
    """"... from last year. 3" and the line ends: one or two digits alone after a sentence's
    stop, with nothing after them on the line, mark a note."""
    text, core = candidate.text, candidate.core
    if core.start < 3 or text[core.start - 2 : core.start] != ". " or text[core.start - 3].isspace():
        return None
    line_end = text.find("\n", core.end)
    rest = text[core.end : line_end if line_end >= 0 else len(text)]
    if _note_digits(core.token) and rest.strip() == "":
        return Reject("footnote marker", core.end)
    return None


def _street_address(candidate: Candidate) -> Reject | None:
    """"123 Main St": a number, one to three Capitalised words, a street suffix."""
    core, text = candidate.core, candidate.text
    if not (core.token.isdigit() and 1 <= len(core.token) <= 5):
        return None
    pos = core.end
    after = text[pos : pos + 2]
    if after[:1] not in (" ", "\t") or not (after[1:].isupper() or after[1:] in (" ", "\t")):
        return None  # no capitalised word next (the common case), decided without a regex
    for _ in range(4):
        word = NEXT_WORD.match(text, pos)
        if word is None:
            return None
        token = word.group(1)
        if token.lower().rstrip(".") in exclusions.STREET_SUFFIXES and pos != core.end:
            return Reject("address", core.end)
        if not token[:1].isupper():
            return None
        pos = word.end()
    return None


_BRACKETS = ("(", "[")

#: Keyed by the token before the number, as `ANY_NUMBER_CHECKS`.
PLAIN_DIGIT_CHECKS = CheckTable[Candidate](
    _previous,
    ("version cue", _version_cue, exclusions.VERSION_CUES),
    ("list cue", _list_cue, exclusions.LIST_CUES),
    ("abbreviated label", _abbreviated_label, (".",)),
    ("label cue", _label_cue, exclusions.LABEL_CUES),
    ("address cue", _address_cue, exclusions.ADDRESS_CUES),
    ("statistic", _statistic, ("=", ":")),
    ("bracketed phone number", _bracketed_phone, ("(",)),
    ("shop widget", _shop_widget, _BRACKETS),
    ("bracketed footnote", _bracketed_footnote, ("[",)),
    ("citation", _citation, _BRACKETS),
    ("bracketed list number", _bracketed_list_number, _BRACKETS),
    ("ZIP code", _zip_code, None),
    ("line-start numbering", _line_start_numbering, None),
    ("footnote after a word", _footnote_after_word, (".", ",", ";", ")", "!", "?")),
    ("footnote after a bracket", _footnote_after_bracket, (".", ")")),
    ("footnote at a line's end", _footnote_at_line_end, (".",)),
    ("street address", _street_address, None),
)


def _plain(candidate: Candidate) -> bool:
    """No hedge and no currency: nothing yet says the number is a quantity."""
    return candidate.reading.hedge == "none" and candidate.reading.currency is None


def check_left_context(candidate: Candidate) -> None:
    """Dates, labels, versions, addresses, phone numbers, list numbering, footnotes: raise the
    `Reject` of the first exclusion the number meets. A bare "#1" becomes a rank."""
    ANY_NUMBER_CHECKS.apply(candidate)
    if not _plain(candidate) or candidate.core.word_form is not None:
        return
    if candidate.previous == "#":
        _number_sign(candidate)
        return
    PLAIN_DIGIT_CHECKS.apply(candidate)


def _number_sign(candidate: Candidate) -> None:
    """"#1 rated" is a rank; "#71668" is an issue or order number."""
    reading = candidate.reading
    if reading.value > 100:
        raise Reject("reference number (#1234)", candidate.core.end)
    reading.kind = "rank"
    reading.start = candidate.tokens.start(-1)


# ---------------------------------------------------------------------------------------------
# The figure once read: before its kind is settled


def names_group_or_condition(candidate: Candidate) -> bool:
    """"lists with 500,000+ contacts have an ROI of 42:1", "cardholders whose balance is less
    than $1,000: 40%", "46:1 when you send 9-16 times a month": the figure says which group or
    condition another figure of its clause is about."""
    words = candidate.words
    noun_with = words[-1:] == ["with"] and len(words) > 1 and units.looks_plural(words[-2])
    if candidate.reading.hedge != "none" and (noun_with or "whose" in words[-4:]):
        return True
    return not exclusions.CONDITION_CUES.isdisjoint(words[-4:])


#: Why a one-sided bound after a share or count of its clause is set aside (`bounds_counted_group`).
COUNTED_GROUP_BOUND = "bound of the counted group (a qualifier)"


def bounds_counted_group(candidate: Candidate) -> bool:
    """"12% of families owe more than $8,000", "15 towns forgive fines under $200", "4 million
    staff work from home at least half of the time": a one-sided bound on an amount or a share
    of the time says which members the share or count before it in its clause counts. A floor
    on a duration ("9% report back pain lasting at least three months") stays a figure: the
    frames read it as the threshold of a definition (`Frame.threshold`).
    A rate ("costs under $500 a month") and the end of a change ("grew 15% to more than $4
    million"), a statement added after ", with" and a bound with no share or count before it
    ("Renters owe more than $8,000") stay figures: the scanner drops it only after a percent or
    count of its clause."""
    reading = candidate.reading
    if reading.hedge not in exclusions.GROUP_BOUND_HEDGES or reading.high_value is not None:
        return False
    money = reading.kind == "money" or reading.currency is not None
    share_of_time = reading.kind == "percent" and exclusions.OF_THE_TIME.match(candidate.text, candidate.core.end)
    if not (money or share_of_time):
        return False
    if candidate.previous in exclusions.CHANGE_END_CUES or candidate.words[-2:] == [",", "with"]:
        return False  # "..., with more than $220 billion owed": a statement added, not a group
    return next_word(candidate.text, reading.end) not in exclusions.RATE_WORDS


def _definition_threshold(candidate: Candidate) -> Reject | None:
    """"defined as ... ≥140 mmHg ... or informed twice": a measurement or count that defines
    something; a definition's scores and shares ("at least 2-point improvement") stay figures
    a claim may quote."""
    reading = candidate.reading
    if not (reading.unit in PHYSICAL or reading.unit == "times") or names_group_or_condition(candidate):
        return None
    # a slice, not a search of the whole text from there: \b at the window's start is a boundary
    before = candidate.text[sentence_start(candidate.text, reading.start, DEFINITION_WINDOW) : reading.start]
    return Reject("threshold of a definition", reading.end) if DEFINITION.search(before) else None


def _letter_scale_without_money(candidate: Candidate) -> Reject | None:
    """"COVID-19m", "5b": a one-letter scale (m, b) is a scale only on money; elsewhere the
    letters make a code."""
    reading = candidate.reading
    if reading.letter_scale != 1.0 and reading.kind != "money" and reading.currency is None:
        return Reject("product code like COVID-19", candidate.core.end)
    return None


def _zero_price(candidate: Candidate) -> Reject | None:
    """"$0.00", "Sub-Total: $0": an empty cart's price in a shop widget, not a claim."""
    reading = candidate.reading
    if reading.kind == "money" and reading.value == 0 and reading.high_value is None:
        return Reject("shop price widget", reading.end)
    return None


def _settle_key(candidate: Candidate) -> str:
    """"unusual" for a figure one of SETTLE_CHECKS could reject (a physical unit or "times", a
    one-letter scale, money), "plain" for the rest, which meet none of them."""
    reading = candidate.reading
    unusual = reading.unit in PHYSICAL or reading.unit == "times" or reading.letter_scale != 1.0 or (
        reading.kind == "money"
    )
    return "unusual" if unusual else "plain"


#: Keyed by `_settle_key`: most figures meet none of these.
SETTLE_CHECKS = CheckTable[Candidate](
    _settle_key,
    ("threshold of a definition", _definition_threshold, ("unusual",)),
    ("letter scale without money", _letter_scale_without_money, ("unusual",)),
    ("zero price", _zero_price, ("unusual",)),
)

# ---------------------------------------------------------------------------------------------
# The figure once its kind is settled


def _bare_year(candidate: Candidate) -> Reject | None:
    """"in 2019", "2021 was a record": a four-digit number 1900-2099 read as a plain number, or
    after a word that introduces a year, is a year."""
    reading, core, previous = candidate.reading, candidate.core, candidate.previous
    if reading.kind not in ("number", "count") or core.word_form is not None or reading.high_value is not None:
        return None
    if not exclusions.is_year(reading.value, core.token):
        return None
    plain = reading.hedge == "none" and reading.scale == 1.0
    if previous in exclusions.YEAR_CUES or (plain and reading.kind == "number"):
        return Reject("year", core.end)
    return None


def _year_range(candidate: Candidate) -> Reject | None:
    """"2019-20" read as a plain number range starting at a year is a span of years."""
    reading, core = candidate.reading, candidate.core
    if reading.high_value is not None and reading.kind == "number" and exclusions.is_year(
        reading.value, core.token.split("-")[0]
    ):
        return Reject("year", core.end)
    return None


def _small_number_word(candidate: Candidate) -> Reject | None:
    """"one", "three reasons": a bare number word up to ten is prose, not a claim (unless it
    has a hedge or counts a population: "three in four adults" is read before this)."""
    reading, core = candidate.reading, candidate.core
    if core.word_form != "cardinal" or reading.scale != 1.0 or reading.kind not in ("number", "count"):
        return None
    if reading.value == 1 and not reading.high_value:
        return Reject("the word one (no quantity)", core.end)
    small = abs(reading.value) <= 10 and reading.high_value is None and core.precision == 1.0
    if small and reading.hedge == "none" and reading.unit not in POPULATION_NAMES:
        return Reject("small number word", core.end)
    return None


def _before_article(words: list[str]) -> str:
    """The word before the figure, over a "the": "until the age of 45" -> "until"."""
    previous = words[-1] if words else ""
    return words[-2] if previous == "the" and len(words) > 1 else previous


def _age_boundary(candidate: Candidate) -> Reject | None:
    """"until the age of 45", "over age 50": an age that bounds who or when is a qualifier."""
    reading = candidate.reading
    if reading.kind == "age" and reading.age and _before_article(candidate.words) in exclusions.AGE_BOUNDARY_CUES:
        return Reject("age band (a qualifier)", reading.end)
    return None


def _year_olds(candidate: Candidate) -> Reject | None:
    """"18 to 24 year olds", "35-year-olds": an age band that says who is counted."""
    reading = candidate.reading
    if (reading.subject or "").lower() in ("olds", "year-olds") or OLDS_AFTER.match(candidate.text, reading.end):
        return Reject("age band (a qualifier)", reading.end)
    return None


def _year_before_noun(candidate: Candidate) -> Reject | None:
    """"below 2019 levels", "2020 data": a year naming the time of what follows."""
    reading, core = candidate.reading, candidate.core
    if reading.kind in ("count", "number") and core.token.isdigit() and exclusions.is_year(reading.value, core.token) and (
        YEAR_NOUN_AFTER.match(candidate.text, core.end)
    ):
        return Reject("year", reading.end)
    return None


def _age_band_of_a_group(candidate: Candidate) -> Reject | None:
    """"adults aged 25-64", "children under 12", "ages 21 and up": an age after the people it
    describes, or a one-sided age, says who is counted."""
    reading, previous = candidate.reading, candidate.previous
    if reading.kind != "age" or not reading.age:
        return None
    if previous in units.AGE_HOLDERS or units.looks_plural(previous) or (
        reading.high_value is None and reading.hedge != "none"
    ):
        return Reject("age band (a qualifier)", reading.end)
    return None


def _unnamed_age_band(candidate: Candidate) -> Reject | None:
    """"children 6-12", "women between 40 and 60", "people 65 and over", "age group 20-34, 8.1%;
    35-49, 21.4%": whole numbers up to 120 as a band or an open end, after the people they
    describe or where the sentence speaks of ages, are an age band without the word."""
    reading, core, words = candidate.reading, candidate.core, candidate.words
    if reading.unit or reading.subject or reading.currency or core.word_form is not None:
        return None
    if reading.high_value is None and (reading.hedge == "none" or reading.start != core.start):
        return None  # one-sided only with the hedge after it: "65 and over", "12 and under"
    ends = (reading.value, reading.value if reading.high_value is None else reading.high_value)
    if not all(end == int(end) and 0 < end <= 120 for end in ends):
        return None
    if next_word(candidate.text, reading.end) in exclusions.RATE_WORDS:
        return None  # "patients 10-20 per clinic": a rate, not who
    holder = words[-2] if len(words) > 1 and words[-1] in exclusions.AGE_BAND_OPENERS else candidate.previous
    if holder in units.AGE_HOLDERS or _age_word_before(candidate.text, reading.start):
        return Reject("age band (a qualifier)", reading.end)
    return None


def _age_word_before(text: str, start: int) -> bool:
    """Whether "age", "ages" or "aged" stands earlier in the sentence (within a short window)."""
    return exclusions.AGE_WORD.search(text, sentence_start(text, start, exclusions.AGE_WORD_WINDOW), start) is not None


def _time_frame(candidate: Candidate) -> Reject | None:
    """"in the past 15 years", "over the last 3 months": the time frame of another statement."""
    reading, words = candidate.reading, candidate.words
    if reading.kind == "duration" and candidate.previous in exclusions.TIME_FRAME_CUES and (
        words[-2:-1] in (["the"], ["in"], ["over"], ["during"])
    ):
        return Reject("time frame (a qualifier)", reading.end)
    return None


def _reading_time(candidate: Candidate) -> Reject | None:
    """"6 min read", "7 minutes remaining", "reading time: 5 minutes": a page's reading time."""
    reading = candidate.reading
    if reading.kind != "duration" or reading.unit != "minutes":
        return None
    if READ_AFTER.match(candidate.text, reading.end) or "reading" in candidate.words[-3:]:
        return Reject("reading time", reading.end)
    return None


def _time_point(candidate: Candidate) -> Reject | None:
    """"one year later", "5 years ago": a point in time, not a duration the copy claims."""
    reading = candidate.reading
    if reading.kind == "duration" and next_word(candidate.text, reading.end) in exclusions.TIME_POINT_AFTER:
        return Reject("time frame (a qualifier)", reading.end)
    return None


def _file_size(candidate: Candidate) -> Reject | None:
    """"(PDF, 2.4 MB)", "Size: 3 MB", "5MB download": the size of a file, not a quantity."""
    text, reading, core, words = candidate.text, candidate.reading, candidate.core, candidate.words
    if reading.kind != "number" or reading.unit not in exclusions.FILE_SIZE_UNITS:
        return None
    if candidate.previous == "(" or any(word in exclusions.FILE_SIZE_CUES for word in words[-3:]) or (
        text[core.end : core.end + 1].isalpha() or SIZE_AFTER.match(text, reading.end)
    ):
        return Reject("file size", reading.end)
    return None


def _page_counter(candidate: Candidate) -> Reject | None:
    """"Posted in Sleep | 3 Comments", "Share: 45 shares": the page's own counters of comments,
    shares or views, in its chrome (after a separator or at a line's start), are not claims."""
    reading = candidate.reading
    if reading.hedge != "none" or (reading.unit or "").lower() not in exclusions.PAGE_COUNTER_UNITS:
        return None
    if candidate.previous in exclusions.PAGE_COUNTER_BEFORE or line_start(candidate.text, reading.start):
        return Reject("page counter (3 comments)", reading.end)
    return None


def _list_title(candidate: Candidate) -> Reject | None:
    """"10 Key Findings", "46 current ROI statistics", "8 Amazing Email Statistics": the title
    of a list, not a quantity."""
    text, reading, core = candidate.text, candidate.reading, candidate.core
    if reading.kind not in ("number", "count") or reading.hedge != "none" or reading.high_value is not None:
        return None
    if reading.unit is not None and reading.unit.lower() in LISTICLE_NOUNS:
        return Reject("list title (10 Key Findings)", reading.end)
    if not line_start(text, reading.start):
        return None
    line_end = text.find("\n", reading.end)
    stop = line_end if line_end >= 0 else len(text)
    tail = LISTICLE_TAIL.match(text, core.end, stop)
    while tail is not None:
        if tail.group(1).lower() in LISTICLE_NOUNS:
            return Reject("list title (10 Key Findings)", reading.end)
        tail = LISTICLE_TAIL.match(text, tail.end(), stop)
    return None


def _name(candidate: Candidate) -> Reject | None:
    """"Bill 22", "Investing 101": a bare whole number right after a capitalised word names a
    thing (a function word such as "About 40" does not)."""
    text, reading, core = candidate.text, candidate.reading, candidate.core
    if reading.kind != "number" or reading.unit or reading.subject or reading.hedge != "none" or reading.currency:
        return None
    if core.word_form is not None or reading.high_value is not None or reading.start != core.start:
        return None
    word_start = core.start - 1
    if not core.token.isdigit() or word_start < 1 or text[word_start] != " ":
        return None
    begin = word_start
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    word = text[begin:word_start]
    if len(word) >= 2 and word[0].isupper() and word.lower() not in exclusions.CAPITALISED_FUNCTION_WORDS:
        return Reject("name (Bill 22, Investing 101)", reading.end)
    return None


_kind: Callable[[Candidate], str | None] = attrgetter("reading.kind")


_PLAIN_KINDS = ("number", "count")

#: Keyed by the figure's kind: a check that names kinds is tried only on figures of them.
FIGURE_CHECKS = CheckTable[Candidate](
    _kind,
    ("bare year", _bare_year, _PLAIN_KINDS),
    ("year range", _year_range, ("number",)),
    ("small number word", _small_number_word, _PLAIN_KINDS),
    ("age boundary", _age_boundary, ("age",)),
    ("year olds", _year_olds, None),
    ("year before a noun", _year_before_noun, _PLAIN_KINDS),
    ("age band of a group", _age_band_of_a_group, ("age",)),
    ("age band without the word", _unnamed_age_band, ("number",)),
    ("time frame", _time_frame, ("duration",)),
    ("reading time", _reading_time, ("duration",)),
    ("time point", _time_point, ("duration",)),
    ("file size", _file_size, ("number",)),
    ("page counter", _page_counter, ("count",)),
    ("list title", _list_title, _PLAIN_KINDS),
    ("name", _name, ("number",)),
)

# ---------------------------------------------------------------------------------------------
# Qualifiers when their clause states another figure


def _age_band(candidate: Candidate) -> bool:
    """"afflicted between the ages of 35-45": a band on its own is the statement itself, unless
    the clause states another figure for it to qualify."""
    return candidate.reading.kind == "age" and candidate.reading.age


def _time_frame_if_paired(candidate: Candidate) -> bool:
    """"60% relapse within three years" (but "Results appear within 4 weeks" is the claim)."""
    return candidate.reading.kind == "duration" and candidate.previous in exclusions.TIME_FRAME_IF_PAIRED


def _once_if_paired(candidate: Candidate) -> bool:
    """"58% check their email at least once a day": how often a share does something is part of
    what it measures ("Get checked once a year" on its own is the claim)."""
    return candidate.core.token.lower() == "once"


#: A figure's kind -> (reason, whether it applies): why a figure of that kind is dropped when its
#: clause has another figure (`Reading.qualifier_if_paired`).
PAIRED_QUALIFIERS: dict[str | None, tuple[str, Callable[[Candidate], bool]]] = {
    "age": ("age band (a qualifier)", _age_band),
    "duration": ("time frame (a qualifier)", _time_frame_if_paired),
    "frequency": ("how often (a qualifier)", _once_if_paired),
}


def mark_paired_qualifier(candidate: Candidate) -> None:
    """Note on the reading why it is a qualifier if its clause has another figure."""
    paired = PAIRED_QUALIFIERS.get(candidate.reading.kind)
    if paired is not None and paired[1](candidate):
        candidate.reading.qualifier_if_paired = paired[0]
