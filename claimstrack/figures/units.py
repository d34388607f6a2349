"""Units and the nouns around figures: currencies, time units, populations, stop words."""

from __future__ import annotations

import functools
import re

#: Currency signs written before (or after) a number.
CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "USD$": "USD", "C$": "CAD", "CA$": "CAD",
    "CAD$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD",
    "Mex$": "MXN", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
    "₽": "RUB", "₺": "TRY", "₿": "BTC", "₭": "LAK", "₱": "PHP", "₦": "NGN", "₪": "ILS",
    "元": "CNY", "Fr.": "CHF", "CHF": "CHF", "kr": "SEK",
}
#: ISO codes accepted as written before or after a number ("USD 22.5 million", "500 EUR").
CURRENCY_CODES = frozenset(
    "USD EUR GBP JPY CAD AUD CHF CNY RMB INR NZD HKD SGD SEK NOK DKK MXN BRL ZAR KRW RUB TRY "
    "PLN CZK HUF ILS AED SAR THB MYR IDR PHP NGN EGP KES BTC".split()
)
#: Currency words after a number ("323 million euros", "five million yen").
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "rupee": "INR",
    "rupees": "INR", "franc": "CHF", "francs": "CHF", "peso": "MXN", "pesos": "MXN",
    "sterling": "GBP", "pound": "GBP", "pounds": "GBP", "cent": "USD", "cents": "USD",
    "pence": "GBP", "p": "GBP", "won": "KRW", "rubles": "RUB", "roubles": "RUB",
    "krona": "SEK", "kronor": "SEK", "pesetas": "ESP", "peseta": "ESP", "lira": "TRY",
    "bitcoin": "BTC", "bitcoins": "BTC",
}
#: Currency words worth a hundredth of the unit.
SUBUNITS = frozenset({"cent", "cents", "pence", "p"})
#: Words that are a currency only after a scale word (pounds can weigh; "p" is too short).
WEAK_CURRENCY_WORDS = frozenset({"pound", "pounds", "won", "p"})

#: Time units -> the normalised unit and its length in hours.
TIME_UNITS: dict[str, tuple[str, float]] = {}
for _name, _hours, _forms in (
    ("seconds", 1 / 3600, "second seconds sec secs s"),
    ("minutes", 1 / 60, "minute minutes min mins"),
    ("hours", 1.0, "hour hours hr hrs h"),
    ("days", 24.0, "day days"),
    ("nights", 24.0, "night nights"),
    ("weeks", 168.0, "week weeks wk wks"),
    ("months", 730.0, "month months mo mos"),
    ("years", 8766.0, "year years yr yrs"),
    ("decades", 87660.0, "decade decades"),
):
    for _form in _forms.split():
        TIME_UNITS[_form] = (_name, _hours)

#: Periods of a frequency: "a month", "per week", "each day".
PERIODS = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "night": "night",
    "week": "week", "month": "month", "year": "year", "session": "session",
    "visit": "visit", "treatment": "treatment", "lifetime": "lifetime",
}
#: Adverbs of frequency: "twice daily".
FREQUENCY_ADVERBS = {
    "daily": "day", "nightly": "night", "weekly": "week", "monthly": "month",
    "yearly": "year", "annually": "year", "hourly": "hour",
}

#: Nouns naming people: a count of them has this unit (Americans, individuals -> people).
POPULATION_UNITS: dict[str, str] = {
    "people": "people", "persons": "people", "individuals": "people", "americans": "people",
    "adults": "adults", "children": "children", "kids": "children", "teens": "teens",
    "teenagers": "teens", "adolescents": "adolescents", "infants": "infants",
    "babies": "babies", "women": "women", "men": "men", "girls": "girls", "boys": "boys",
    "patients": "patients", "sufferers": "patients", "users": "users",
    "customers": "customers", "clients": "clients", "members": "members",
    "employees": "employees", "workers": "workers", "students": "students",
    "participants": "participants", "subjects": "participants", "respondents": "respondents",
    "consumers": "consumers", "households": "households", "families": "families",
    "seniors": "seniors", "veterans": "veterans", "smokers": "smokers", "doctors": "doctors",
    "physicians": "physicians", "nurses": "nurses", "dentists": "dentists",
    "residents": "residents", "citizens": "people", "europeans": "people",
    "canadians": "people", "britons": "people", "australians": "people", "voters": "voters",
    "readers": "readers", "viewers": "viewers", "subscribers": "subscribers",
    "visitors": "visitors", "mothers": "mothers", "fathers": "fathers",
    "parents": "parents", "cases": "cases", "deaths": "deaths", "survivors": "survivors",
}
#: Nouns after "X over 50" that make it an age ("adults over 50", "women under 40").
AGE_HOLDERS = frozenset(
    "adults people women men patients those anyone everyone children kids seniors "
    "individuals persons americans adolescents teens girls boys".split()
)

#: Words that end a noun phrase: function words, auxiliaries, common verbs.
STOP_WORDS = frozenset(
    """a an the this that these those of and or but nor to in on at by for from with as than
    then is are was were be been being am will would shall should can could may might must
    have has had do does did not no so if when while which who whom whose what where why how
    it its they them their there here he she his her we our us you your i me my more less
    fewer most least very also only just even still each every per via about over under
    into onto out up down off again said says say report reports suffer suffers experience
    experiences develop develops get gets got go goes make makes take takes use uses need
    needs see sees feel feels show shows find finds like likes live lives die dies run runs
    affect affects worldwide globally annually daily weekly monthly yearly alone""".split()
)

_IRREGULAR_PLURALS = frozenset(
    "people men women children feet teeth mice geese data staff personnel police cattle "
    "criteria media alumni".split()
)


# The two word tests below are asked about the same few hundred words again and again (the
# nouns after figures): each answer is kept, up to a bound hostile text cannot pass.
@functools.lru_cache(maxsize=4096)
def looks_plural(word: str) -> bool:
    """Cheap plural test for the noun a count qualifies ("patients", "women", "cases")."""
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    return len(lower) > 2 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


_VERBISH = re.compile(r"[a-z]+(?:ed|ing)")


@functools.lru_cache(maxsize=4096)
def looks_like_verb(word: str) -> bool:
    """"reported", "suffering": words that end a noun phrase in marketing copy."""
    return bool(_VERBISH.fullmatch(word)) and word not in ("hundred", "bed", "wedding")
