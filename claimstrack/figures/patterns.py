"""The grammar's patterns: the two regexes that find number tokens, and the anchored regexes
and word sets that read the words around one.

Number tokens are digit runs with their separators (``[0-9][0-9,.:/-]*``, so "2-72", "1/3",
"9:30" and "2021-03-04" arrive whole) and number words (a prefix-factored trie of the lexicon).
Every other pattern here is matched at a given offset (``match``, never ``search``), so each
looks at a bounded window. All compile at import.
"""

from __future__ import annotations

import re

from claimstrack.figures import numbers, units

_CASED_WORDS = numbers.cased(numbers.NUMBER_WORDS)
WORDS = numbers.trie_pattern(_CASED_WORDS)
#: The letters a number word starts with: looked at before the trie is tried.
_FIRST_LETTERS = "".join(sorted({word[0] for word in _CASED_WORDS}))
DIGIT_RUN = re.compile(r"[0-9][0-9,.:/\-–]*")
#: The separators a digit run may end with ("2019,", "1,200."): punctuation, not its number.
RUN_TRAILING = ",.:/-–"
#: A number word at the start of a word, with the character before it. Searched in the text
#: with one space put in front (so a word at offset 0 has one), match offsets are the word's
#: offsets in the text plus one at the end. Starting with a character class lets the regex
#: engine skip to the non-word characters and try the trie only where a word starts: about
#: three times as fast as ``\b(?:WORDS)\b``, which tries it at every offset. The class is
#: ASCII, so the caller rules out a non-ASCII letter before the word (no word boundary there).
#: The lookahead for a first letter turns most word starts away before the trie's branches.
NUMBER_WORD = re.compile(rf"[^A-Za-z0-9_](?=[{_FIRST_LETTERS}])(?:{WORDS})\b")
WORD_AT = re.compile(rf"(?:{WORDS})\b")
WORD_SEPARATOR = re.compile(r"[ \t]*-[ \t]*|[ \t]+(?:and[ \t]+)?")
AND_A_HALF = re.compile(r"[ \t]+and[ \t]+an?[ \t]+(half|quarter|third)\b")
HALF_A = re.compile(r"[ \t]+an?[ \t]+(dozen|hundred|thousand|million|billion|trillion)\b")
ARTICLE_LEFT = re.compile(r"(?<![A-Za-z])([aA]n?|[tT]he)[ \t]+$")
OF = re.compile(r"[ \t]+of\b")

LEFT_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+|[<>=≥≤~≈]+|[^\sA-Za-z0-9]")
CURRENCY_LEFT = re.compile(
    r"(?:(?P<sign>U\.?S\.?D?\$|C\$|CA\$|CAD\$|A\$|AU\$|NZ\$|HK\$|S\$|Mex\$|R\$|[$€£¥₹₩₽₺₿₱₦₪₭])"
    r"|(?<![A-Za-z])(?P<code>[A-Za-z]{3}))[ \t]?$"
)
CURRENCY_CHARS = frozenset("$€£¥₹₩₽₺₿₱₦₪₭")
ATTACHED = re.compile(r"[A-Za-z]{1,12}")
AMPM = re.compile(r"[ \t]+[aApP]\.?[mM]\b")
# Scale words in any case ("$793.1 Billion", "4 BILLION"); a footnote digit may be glued on
# ("$1.027 trillion1").
SCALE_RIGHT = re.compile(
    r"[ \t]+((?i:thousand|million|billion|trillion|hundred|lakh|crore)(?=[0-9]{0,2}\b)"
    r"|(?:bn|mn|bln|tln|k)\b)"
)
PERCENT = re.compile(
    r"[ \t]*(?:(%)|(percentage[ \t]+points?|pp\b)|(?:percent(?:age)?s?|per[ \t]?cent|pct)\b)"
)
CODE_RIGHT = re.compile(r"[ \t]*([A-Z]{3})\b")
NOUN_GROUP_END = frozenset(
    "with in of from who that which across at on for per under over living aged and or by to "
    "have has had are were is was will".split()
)

SIGN_RIGHT = re.compile(r"[ \t\u00a0]?([€£¥₹])(?![ \t]?[0-9])")  # not the sign of a next amount
CURRENCY_WORD = re.compile(r"[ \t]+(?:(?:US|U\.S\.|us)[ \t]+)?([A-Za-z]+)\b")
TIMES = re.compile(r"[ \t]*(?:-[ \t]*)?(times|fold)\b|[ \t]*×")
COMPARATIVE = re.compile(
    r"[ \t]+(?:(?:more|less)[ \t]+likely|more|less|higher|greater|lower|larger|bigger|"
    r"faster|slower|stronger|better|worse|likely|as|the|that|over)\b"
)
# "1 in 4", "nine out of 10", "seven out of every ten", "one in each five"
FRACTION_OF = re.compile(r"[ \t]+(in|out[ \t]+of|of)[ \t]+(?:(?:every|each)[ \t]+)?")
DIGITS_AT = re.compile(r"[0-9][0-9,.]*")
PREDICATE_NOUN = re.compile(r"[ \t]+(?:of[ \t]+them[ \t]+)?(?:are|were|is|was)[ \t]+([A-Za-z]+)\b")
TIME_UNIT = re.compile(r"[ \t]*(?:-[ \t]*)?([A-Za-z]+)\b")
AGE_TAIL = re.compile(r"(?:[ \t]*-[ \t]*|[ \t]+)(old|olds)\b|[ \t]+of[ \t]+age\b")
FREQUENCY = re.compile(
    r"[ \t]+(?:a|an|per|each|every|in[ \t]+a|in[ \t]+one|a[ \t]+single)[ \t]+([a-z]+)\b"
    r"|[ \t]*/[ \t]*([a-z]+)\b|[ \t]+(daily|nightly|weekly|monthly|yearly|annually|hourly)\b"
)
RANGE_JOIN = re.compile(r"[ \t]*([-–—~])[ \t]*|[ \t]+(to|through|thru|and|up[ \t]+to)[ \t]+")
POST_HEDGE = re.compile(
    r"[ \t]*(?:,[ \t]*)?(?:or|and)[ \t]+(more|greater|higher|above|over|older|longer|up|beyond|"
    r"larger|bigger|less|fewer|lower|under|below|younger|shorter|smaller|so)\b"
)
#: A hedge word followed by its own number starts a new figure: "20 and less than 35".
NUMBER_AHEAD = re.compile(
    rf"(?:[ \t]+than)?(?:[ \t]+or[ \t]+equal)?(?:[ \t]+(?:to|than))?[ \t]+(?:an?[ \t]+)?(?:[-$€£]?[0-9]|(?:{WORDS})\b)"
)
URL_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
#: What every hedge after a number starts with (OR_EQUAL, POST_HEDGE, PLUS): one match rules
#: out all three in the common case.
HEDGE_AFTER_START = re.compile(r"[ \t]*(?:,[ \t]*)?(?:or|and|\+)|[ \t]+plus")
OR_EQUAL = re.compile(r"[ \t]+or[ \t]+equal(?:[ \t]+to)?\b")
PLUS = re.compile(r"\+(?![0-9])|[ \t]+plus\b(?![ \t]+[0-9])")
# A word, or a dotted abbreviation such as "U.S." or "U.K." ("13% of U.S. adults").
NEXT_WORD = re.compile(r"[ \t]+((?:[A-Z]\.){2,3}|[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
NEWLINE_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
RANK_TAIL = re.compile(
    r"[ \t]*(?:-[ \t]*)?(most|largest|biggest|highest|leading|greatest|best|worst|fastest|"
    r"top|ranked|place|lowest|smallest|common|commonest)\b"
)
# "0-10 scale", "1-5 stars", and up to two words between: "0-10 pain scale", "1-7 point rating scale".
SCALE_WORD_TAIL = re.compile(
    r"[ \t]*(?:-[ \t]*)?(?:[A-Za-z]{1,12}[ \t]+){0,2}?(?:-[ \t]*)?(scale|stars?)\b"
)
COMPARE_TAIL = re.compile(r"[ \t]+(?:more|less)[ \t]+than[ \t]+(?:in[ \t]+)?([A-Za-z]+)")
PAREN_CLOSE = re.compile(r"[ \t]*[)\]]")

PP_PREPOSITIONS = frozenset({"with", "in", "from", "across", "on", "at", "who"})
DETERMINERS = frozenset({"the", "all", "our", "these", "those", "its", "their", "us", "u", "s"})
CHANGE_VERBS = frozenset(
    "increased increase increases rose rise rises grew grow grows fell fall falls dropped drop "
    "drops went go goes jumped jump climbed decreased decrease reduced reduce cut cuts "
    "improved improve raised lowered declined decline grown risen fallen doubled tripled halved "
    "soared surged plunged growing rising falling increasing decreasing".split()
)
VAGUE_BEFORE = frozenset({"several", "few", "many", "multiple", "various", "numerous"})
STATISTICS = frozenset({"p", "r", "t", "f", "z", "ci", "or", "hr", "rr", "n"})
SINGLE_LETTER_SCALE_KINDS = frozenset({"money"})
PHYSICAL = frozenset(
    "mg g kg lb lbs oz ml l cl dl mm cm m km in ft mi mph kph kmh mcg ug iu cc kcal cal "
    "mmhg bpm hz khz mhz ghz kb mb gb tb kw kwh mw mwh gw gwh wh w v mah gsm mmol".split()
)
NO_UNIT_AFTER = frozenset([*numbers.UNITS, *numbers.TEENS])
POPULATION_NAMES = frozenset(units.POPULATION_UNITS.values())
#: "one of the", "one of our": the pronoun one, rejected before any other work.
ONE_OF = re.compile(r"[ \t]+of[ \t]+(?:the|our|us|them|those|these|my|your|his|her|its|their|many)\b")
MAX_RUN = 64
TIME_PREPOSITIONS = frozenset({"within", "during", "since", "after", "before", "until"})
READ_AFTER = re.compile(r"[ \t]+(?:read|remaining|left)\b")  # "6 min read", "7 min remaining"
OLDS_AFTER = re.compile(r"[ \t]*-?[ \t]*olds?\b")
YEAR_NOUN_AFTER = re.compile(r"[ \t]+(?:levels?|figures|data|rates|prices|numbers|report|survey|census)\b")
SIZE_AFTER = re.compile(r"(?:[ \t]+[A-Za-z]+){0,3}?[ \t]+(?:size|file|download|attachment)\b")
# "10 Key Findings", "46 current ROI statistics": the title of a list, not a quantity.
LISTICLE_NOUNS = frozenset(
    "statistics stats facts findings benefits tips ways reasons things examples ideas strategies "
    "trends questions mistakes tools secrets lessons hacks".split()
)
LISTICLE_TAIL = re.compile(r"(?:[ \t]+[A-Za-z][\w'’-]*){0,5}?[ \t]+([A-Za-z]+)")


CURRENCY_SIGN_AT = re.compile(r"(?:US\$|C\$|A\$|[$€£¥₹])[ \t]?")
ATTACHED_SCALE = re.compile(r"(?:bn|mn|bln|tln|k|K|M|B|MM)\b")
ARTICLE_AT = re.compile(r"(?:an?|the)[ \t]+")
PER_MONEY = re.compile(
    r"[ \t]+(?:(?:in[ \t]+)?(?:ROI|return|revenue)[ \t]+)?(?:for|per)[ \t]+(?:(?:every|each)[ \t]+)?"
    r"(?:(?:US)?[$€£¥₹][ \t]?(?P<amount>[0-9]+(?:\.[0-9]+)?)\b|(?:(?:one|a|1)[ \t]+)?"
    r"(?:dollar|pound|euro|buck)s?\b)(?:[ \t]+(?:spent|invested))?"
)
MONEY_PREDICATE = re.compile(
    r"[ \t]+(?:(?:are|were|is|was|has[ \t]+been|have[ \t]+been|being|get|gets)[ \t]+)?"
    r"(?:spent|paid|invested|raised|owed|lost|earned|donated|budgeted|charged|saved|wasted)\b"
)
TOTAL_PER_PERIOD = 50_000
PERCENT_WORDS = frozenset({"percent", "pct", "percentage", "percents"})
THE_AFTER = re.compile(r"[ \t]+the(?=[ \t])")
#: Singular nouns that name a group of people: "half the population".
COLLECTIVES = frozenset("population public workforce electorate country nation world".split())
DEFINITION_WINDOW = 300  # a sentence
DEFINITION = re.compile(r"\b(?:defined|definition|diagnosed[ \t]+(?:as|when|if)|criteria|criterion)\b",
                         re.IGNORECASE)

TO_ONE = re.compile(r"([0-9]{1,4}(?:\.[0-9]+)?):1")
GLUED_WORD = re.compile(r"([A-Za-z]+)\b")
WORD_FOLLOWS = re.compile(r"[ \t]+(?!(?:tall|long|wide|high|deep|thick)\b)[A-Za-z0-9]")
