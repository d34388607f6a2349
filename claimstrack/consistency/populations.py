"""What a figure is about, read cheaply from the words around it.

`describe(figure, sentence)` gives a `Facets`: the population (sex, age group), place, time
frame, condition and aspect (prevalence, cost, response, ...) of the quantity, plus whether a
percentage is a share of a group ("92% of patients") or a change ("50% reduction"). Inferred
measures are the figures whose facets match (see inferred.py).

Everything is a word lookup over a bounded window, so it is linear in the sentence length and
has no regular expression that can backtrack. Synonyms are folded: "Americans", "people in the
United States" and "U.S. adults" all have place "us" and the general adult population.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import attrs

from claimstrack.model import Figure

#: How many characters either side of a figure count as its own clause.
WINDOW = 90

# Phrase lexicons: (phrase, value). Phrases are matched on word boundaries of a lower-cased,
# punctuation-folded text (see `_fold`), so "U.S." and "u.s" both read "u s".
PLACES: tuple[tuple[str, str], ...] = (
    ("united states", "us"), ("u s", "us"), ("usa", "us"), ("america", "us"), ("americans", "us"),
    ("american", "us"), ("nationwide", "us"),
    ("worldwide", "world"), ("globally", "world"), ("global", "world"), ("world", "world"),
    ("around the globe", "world"), ("across the globe", "world"), ("around the world", "world"),
    ("united kingdom", "uk"), ("u k", "uk"), ("britain", "uk"), ("british", "uk"), ("britons", "uk"),
    ("england", "uk"), ("canada", "canada"), ("canadians", "canada"), ("canadian", "canada"),
    ("europe", "europe"), ("european", "europe"), ("europeans", "europe"),
    ("australia", "australia"), ("australians", "australia"), ("australian", "australia"),
    ("india", "india"), ("china", "china"), ("japan", "japan"), ("germany", "germany"),
    ("france", "france"),
)
SEXES: tuple[tuple[str, str], ...] = (
    ("women", "women"), ("woman", "women"), ("female", "women"), ("females", "women"),
    ("girls", "women"), ("mothers", "women"), ("men", "men"), ("man", "men"), ("male", "men"),
    ("males", "men"), ("boys", "men"), ("fathers", "men"),
)
AGES: tuple[tuple[str, str], ...] = (
    ("children", "children"), ("child", "children"), ("kids", "children"), ("pediatric", "children"),
    ("paediatric", "children"), ("adolescents", "children"), ("teens", "children"),
    ("teenagers", "children"), ("infants", "children"), ("babies", "children"),
    ("adults", "adults"), ("adult", "adults"), ("grown ups", "adults"),
    ("seniors", "older"), ("elderly", "older"), ("older adults", "older"), ("older people", "older"),
    ("over 65", "older"), ("aged 65", "older"), ("retirees", "older"),
)
TIME_FRAMES: tuple[tuple[str, str], ...] = (
    ("lifetime", "lifetime"), ("in their lives", "lifetime"), ("in their life", "lifetime"),
    ("at some point", "lifetime"), ("ever", "lifetime"),
    ("annually", "year"), ("annual", "year"), ("each year", "year"), ("every year", "year"),
    ("per year", "year"), ("a year", "year"), ("in a given year", "year"), ("any given year", "year"),
    ("per annum", "year"), ("yearly", "year"),
    ("past year", "year"), ("last year", "year"), ("past 12 months", "year"),
    ("each month", "month"), ("every month", "month"), ("per month", "month"), ("a month", "month"),
    ("monthly", "month"), ("each week", "week"), ("per week", "week"), ("a week", "week"),
    ("weekly", "week"), ("each day", "day"), ("per day", "day"), ("a day", "day"), ("daily", "day"),
)
# Most specific first: "cluster headache" before "headache"; "migraine" wins over "headache"
# because pages say "migraine headache" for migraine.
CONDITIONS: tuple[tuple[str, str], ...] = (
    ("cluster headache", "cluster headache"), ("cluster headaches", "cluster headache"),
    ("chronic migraine", "chronic migraine"), ("chronic migraines", "chronic migraine"),
    ("migraine", "migraine"), ("migraines", "migraine"), ("migraineurs", "migraine"),
    ("tension headache", "tension headache"), ("tension headaches", "tension headache"),
    ("headache", "headache"), ("headaches", "headache"),
    ("facial pain", "facial pain"), ("back pain", "back pain"), ("chronic pain", "chronic pain"),
    ("fibromyalgia", "fibromyalgia"), ("arthritis", "arthritis"),
    ("depression", "depression"), ("depressive", "depression"), ("anxiety", "anxiety"),
    ("ptsd", "ptsd"), ("insomnia", "insomnia"), ("sleep apnea", "sleep apnea"),
    ("prediabetes", "prediabetes"), ("pre diabetes", "prediabetes"), ("type 2 diabetes", "diabetes"),
    ("diabetes", "diabetes"), ("diabetic", "diabetes"),
    ("obesity", "obesity"), ("obese", "obesity"),
    ("overweight", "overweight"), ("hypertension", "hypertension"),
    ("high blood pressure", "hypertension"), ("heart disease", "heart disease"),
    ("stroke", "stroke"), ("cancer", "cancer"), ("asthma", "asthma"), ("allergies", "allergy"),
    ("allergy", "allergy"), ("smokers", "smoking"), ("smoking", "smoking"), ("smoke", "smoking"),
    ("alzheimer s", "dementia"), ("dementia", "dementia"), ("acne", "acne"),
    ("hair loss", "hair loss"), ("tinnitus", "tinnitus"), ("hearing loss", "hearing loss"),
)
# The first aspect found nearest the figure wins; the order breaks ties within a window.
ASPECTS: tuple[tuple[str, str], ...] = (
    ("per visit", "price"), ("per session", "price"), ("per infusion", "price"), ("per treatment", "price"),
    ("starts at", "price"), ("start at", "price"), ("starting at", "price"), ("price", "price"),
    ("fee", "price"), ("our program", "price"), ("program costs", "price"), ("discount", "price"),
    ("save", "price"), ("membership", "price"), ("per person", "price"),
    ("aura", "aura"), ("auras", "aura"),
    ("run in families", "heredity"), ("runs in families", "heredity"), ("family history", "heredity"),
    ("inherited", "heredity"), ("genetic", "heredity"),
    ("unable to work", "disability"), ("miss work", "disability"), ("missed work", "disability"),
    ("disabled", "disability"), ("disability", "disability"), ("disabling", "disability"),
    ("function normally", "disability"),
    ("side effects", "side effects"), ("side effect", "side effects"), ("adverse", "side effects"),
    ("cost", "cost"), ("costs", "cost"), ("spend", "cost"), ("spent", "cost"), ("spending", "cost"),
    ("lost productivity", "cost"), ("economic burden", "cost"), ("expenses", "cost"),
    ("die", "mortality"), ("died", "mortality"), ("deaths", "mortality"), ("death", "mortality"),
    ("mortality", "mortality"), ("fatal", "mortality"), ("kills", "mortality"),
    ("would recommend", "recommendation"), ("recommend", "recommendation"),
    ("satisfaction", "satisfaction"), ("satisfied", "satisfaction"), ("rated", "rating"),
    ("reduction", "response"), ("relief", "response"), ("improvement", "response"),
    ("improved", "response"), ("responded", "response"), ("response", "response"),
    ("resolution", "response"), ("success rate", "response"), ("remission", "response"),
    ("pain free", "response"), ("effective", "response"),
    ("undiagnosed", "undiagnosed"), ("never diagnosed", "undiagnosed"),
    ("not diagnosed", "undiagnosed"), ("don t know", "undiagnosed"), ("do not know", "undiagnosed"),
    ("unaware", "undiagnosed"), ("symptoms of", "symptoms"), ("symptom", "symptoms"), ("symptoms", "symptoms"),
    ("untreated", "untreated"), ("never seek", "untreated"),
    ("do not seek", "untreated"), ("don t seek", "untreated"),
    ("new cases", "incidence"), ("newly diagnosed", "incidence"), ("develop", "incidence"),
    ("diagnosed", "prevalence"), ("suffer", "prevalence"), ("suffers", "prevalence"),
    ("suffering", "prevalence"), ("sufferers", "prevalence"), ("affect", "prevalence"),
    ("affects", "prevalence"), ("affected", "prevalence"), ("experience", "prevalence"),
    ("experiences", "prevalence"), ("live with", "prevalence"), ("living with", "prevalence"),
    ("have", "prevalence"), ("has", "prevalence"), ("prevalence", "prevalence"),
    ("prevalent", "prevalence"), ("struggle with", "prevalence"), ("battle", "prevalence"),
)
#: Words after a percentage that make it a change, not a share of a group.
CHANGE_WORDS = frozenset(
    "reduction decrease increase drop rise improvement fewer more less lower higher faster "
    "slower reduced increased decreased cut boost gain loss".split()
)


@attrs.frozen
class Facets:
    """What a figure measures, as far as the words around it tell."""

    population: tuple[str, str]  # (sex, age): ("all", "all"), ("women", "all"), ("all", "children")
    place: str | None
    time_frame: str | None
    condition: str | None
    aspect: str | None
    base: str  # "share" (of a group), "change" (a percent change) or "amount"


# ---------------------------------------------------------------------------------------------
# Text folding and phrase lookup


#: Upper-case words that mean a place only when written in capitals ("us" is a pronoun).
_CAPITAL_WORDS = {"US": "u s", "UK": "u k", "EU": "europe"}


#: A run of alphanumeric characters (str.isalnum): word characters without the underscore.
_ALNUM_RUN = re.compile(r"[^\W_]+")


def _fold(text: str) -> str:
    """Lower case, every non-alphanumeric run as one space, padded with spaces."""
    # One regular-expression pass, not a Python loop per character: this runs for every figure.
    words = [_CAPITAL_WORDS.get(word, word.lower()) for word in _ALNUM_RUN.findall(text)]
    return " " + " ".join(words) + " "


def _index(lexicon: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {f" {phrase} ": value for phrase, value in lexicon}


_PLACES = _index(PLACES)
_SEXES = _index(SEXES)
_AGES = _index(AGES)
_TIMES = _index(TIME_FRAMES)
_CONDITIONS = _index(CONDITIONS)
_ASPECTS = _index(ASPECTS)
_LONGEST = 4  # words in the longest phrase of any lexicon
_STARTERS = frozenset(p.split()[0] for t in (PLACES, SEXES, AGES, TIME_FRAMES, CONDITIONS, ASPECTS)
                      for p, _ in t if " " in p)
_TABLES = {"place": _PLACES, "sex": _SEXES, "age": _AGES, "time": _TIMES, "condition": _CONDITIONS,
           "aspect": _ASPECTS}
# One index over every lexicon, so a text is scanned once for all of them.
_ALL: dict[str, list[tuple[str, str]]] = {}
for _name, _table in _TABLES.items():
    for _phrase, _value in _table.items():
        _ALL.setdefault(_phrase, []).append((_name, _value))
_RANKS = {
    # The earliest listing of a value is its rank: the more specific condition, the nearer aspect.
    name: {value: rank for rank, (_, value) in reversed(list(enumerate(lexicon)))}
    for name, lexicon in (("condition", CONDITIONS), ("aspect", ASPECTS))
}


def phrases(folded: str) -> list[tuple[int, str]]:
    """Every run of 1-4 words in a folded text that could be a lexicon phrase, with the word
    index it starts at (runs are built only from words that start some longer phrase)."""
    words = folded.split()
    found = []
    for start, word in enumerate(words):
        found.append((start, f" {word} "))
        if word not in _STARTERS:
            continue
        for size in range(2, _LONGEST + 1):
            if start + size > len(words):
                break
            found.append((start, " " + " ".join(words[start : start + size]) + " "))
    return found


def lookup(folded: str, table: dict[str, str]) -> list[str]:
    """Values of the lexicon phrases in a folded text, in reading order."""
    return [table[p] for _, p in phrases(folded) if p in table]


def scan(folded: str) -> dict[str, list[str]]:
    """Every lexicon value in a folded text, by lexicon name, in reading order (one pass)."""
    found: dict[str, list[str]] = {}
    for _, phrase in phrases(folded):
        for name, value in _ALL.get(phrase, ()):
            found.setdefault(name, []).append(value)
    return found


def scan_between(sentence: str, start: int, end: int) -> dict[str, list[str]]:
    """`scan(_fold(sentence[start:end]))` for the whole words inside the range, from one scan of
    the sentence kept for its next figures: dense figures no longer fold the same words again."""
    found: dict[str, list[str]] = {}
    for first, last, name, value in _sentence_phrases(sentence):
        if first >= start and last <= end:
            found.setdefault(name, []).append(value)
    return found


@functools.lru_cache(maxsize=16)
def _sentence_phrases(sentence: str) -> tuple[tuple[int, int, str, str], ...]:
    """Every lexicon phrase of a sentence: (start, end) in the sentence, lexicon name, value."""
    words: list[tuple[str, int, int]] = []
    for match in _ALNUM_RUN.finditer(sentence):
        word = match.group()
        for part in _CAPITAL_WORDS.get(word, word.lower()).split():
            words.append((part, match.start(), match.end()))
    found = []
    for index, (word, start, _) in enumerate(words):
        sizes = range(1, _LONGEST + 1) if word in _STARTERS else (1,)
        for size in sizes:
            if index + size > len(words):
                break
            phrase = " " + " ".join(w for w, _, _ in words[index : index + size]) + " "
            for name, value in _ALL.get(phrase, ()):
                found.append((start, words[index + size - 1][2], name, value))
    return tuple(found)


def _pick(found: dict[str, list[str]], name: str) -> str | None:
    """The first value of a lexicon in a scan; for ranked lexicons, the highest ranked."""
    values = found.get(name)
    if not values:
        return None
    rank = _RANKS.get(name)
    return values[0] if rank is None else min(values, key=rank.__getitem__)


# ---------------------------------------------------------------------------------------------
# Facets


def figure_window(figure: Figure, sentence: str, position: int | None = None) -> tuple[str, str]:
    """The clause text before and after the figure within its sentence (bounded).

    `position` is where the figure starts in the sentence; when not given it is searched for.
    """
    if position is None or sentence[position : position + len(figure.text)] != figure.text:
        position = sentence.find(figure.text)
    if position < 0:
        return sentence[-WINDOW:], ""
    before = sentence[max(0, position - WINDOW) : position]
    after = sentence[position + len(figure.text) : position + len(figure.text) + WINDOW]
    return _clause_tail(before), _clause_head(after)


def _clause_tail(text: str) -> str:
    """The part of `text` after its last clause break (; or : or a sentence dash)."""
    cut = max(text.rfind(";"), text.rfind(":"), text.rfind(" - "), text.rfind(" and "), text.rfind(" while "),
              text.rfind(" but "), text.rfind(" compared "), text.rfind(" versus "), text.rfind(" vs"))
    return text[cut + 1 :] if cut >= 0 else text


def _clause_head(text: str) -> str:
    """The part of `text` before the next clause break or the next number."""
    end = len(text)
    for mark in (";", ":", " - ", ", while", " while ", " but ", " compared ", " versus ", " vs", " and "):
        at = text.find(mark)
        if 0 <= at < end:
            end = at
    for i, char in enumerate(text[:end]):
        if char.isdigit():
            return text[:i]
    return text[:end]


def population_of(own: dict[str, list[str]], before: dict[str, list[str]]) -> tuple[str, str]:
    """(sex, age) from the figure's own words, else from the words just before it."""
    for found in (own, before):
        sexes = set(found.get("sex", ()))
        ages = set(found.get("age", ()))
        if sexes or ages:
            sex = sexes.pop() if len(sexes) == 1 else "all"
            ages.discard("adults")  # adults are the default population of these pages
            age = ages.pop() if len(ages) == 1 else "all"
            return (sex, age)
    return ("all", "all")


def base_of(figure: Figure, after: str) -> str:
    """'share' for "92% of patients", 'change' for "50% reduction", 'amount' otherwise."""
    if figure.kind != "percent":
        return "amount"
    text = figure.text
    sign = max(text.find("%"), text.lower().find("percent"))
    # Only the words after the number decide: "more than 90% of people" is a share.
    following = _fold(text[sign + 1 :] if sign >= 0 else "").split() + _fold(after).split()[:3]
    if any(word in CHANGE_WORDS for word in following[:4]):
        return "change"
    return "share"


def describe(
    figure: Figure, sentence: str, *, position: int | None = None, document_condition: str | None = None
) -> Facets:
    """The facets of one figure in its sentence.

    `position` is the figure's offset in the sentence (found when omitted); `document_condition`
    is the page's main condition, used when the sentence names none ("this number exceeds...").
    """
    before, after = figure_window(figure, sentence, position)
    own = scan(_fold(" ".join((figure.text, figure.subject or "", after))))
    prior = scan(_fold(before))
    near = {name: prior.get(name, []) + own.get(name, []) for name in _TABLES}
    wider: dict[str, list[str]] | None = None

    def pick(name: str) -> str | None:
        nonlocal wider
        value = _pick(near, name)
        if value is None:
            if wider is None:
                # The rest of the sentence, bounded so that a 1 MB "sentence" stays linear.
                centre = sentence.find(figure.text) if position is None else position
                wider = scan_between(sentence, max(0, centre - 3 * WINDOW), centre + 3 * WINDOW)
            value = _pick(wider, name)
        return value

    aspect = _rank_aspect(figure, after) if figure.kind == "rank" else pick("aspect")
    condition = pick("condition")
    if condition is None and (figure.subject or aspect or figure.unit):
        # The page's condition stands in only for a figure that says what it counts: a bare
        # "80%" in a testimonial and "98% satisfaction" in the title are not one quantity, nor
        # are two bare numbers of a data table.
        condition = document_condition
    return Facets(
        population=population_of(own, prior),
        place=pick("place"),
        # The time frame must be the figure's own: "4 million adults ..., with headache on 15 or
        # more days every month" is not a monthly count.
        time_frame=_pick(near, "time"),
        condition=condition,
        aspect=aspect,
        base=base_of(figure, after),
    )


def _rank_aspect(figure: Figure, after: str) -> str | None:
    # A rank ranks by the word that follows it: "sixth most disabling" is not "second most common".
    words = [w for w in (_fold(figure.text).split() + _fold(after).split()) if not w[0].isdigit()]
    ranked = [w for w in words if w not in _RANK_WORDS]
    return f"rank by {ranked[0]}" if ranked else None


_RANK_WORDS = frozenset(
    "the a most least top largest first second third fourth fifth sixth seventh eighth ninth tenth "
    "1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th leading number no".split()
)


def main_condition(text: str) -> str | None:
    """The condition a page is about: the one its text names most often."""
    counts: dict[str, int] = {}
    for value in lookup(_fold(text), _CONDITIONS):
        counts[value] = counts.get(value, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda value: counts[value])
