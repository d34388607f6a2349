"""Numbers that are not figures: dates, years, phone numbers, times, labels, versions, ...

Each test here looks at one number and a few tokens around it, never at the whole text.
"""

from __future__ import annotations

import re

#: Month names written short, which take a full stop ("Oct. 30", "Sept. 5").
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
MONTHS = MONTH_ABBREVIATIONS | frozenset(
    "january february march april may june july august september october november december".split()
)
#: Words before a 4-digit number that make it a year ("in 2019", "since 1998").
YEAR_CUES = frozenset(
    "in since by from until till through during of year years fy fiscal circa c ca below above pre post "
    "spring summer autumn fall winter early late mid before after around the copyright "
    "q1 q2 q3 q4 h1 h2 and to".split()
) | MONTHS
#: Words before a figure that open a condition: in "46:1 when you send 9-16 times a month" the
#: second figure only says when the first holds ("if you spent $500" starts a worked example,
#: whose numbers are figures).
CONDITION_CUES = frozenset("when whenever".split())
#: Prepositions before an age that make it a boundary of who or when: "until the age of 45",
#: "from the age of 45 to 64", "adults over age 50", "under age 40".
AGE_BOUNDARY_CUES = frozenset(
    "until till before after from above below over under since by beyond past".split()
)
#: A journal reference after its year, "2015;38(6):843-844" or "2019 Mar;12:e101": volume,
#: issue and pages (matched at the volume), and what stands before it (the year and a date).
JOURNAL_VOLUME = re.compile(r"[0-9]{1,4}(?:\([0-9]{1,4}(?:[-–][0-9]{1,4})?\))?:[ \t]?[eE]?[0-9]+(?:[-–][eE]?[0-9]+)?")
JOURNAL_YEAR_BEFORE = re.compile(r"\b(?:19|20)[0-9]{2}[a-z]?(?:[ \t][A-Za-z]{3,9}\.?(?:[ \t][0-9]{1,2})?)?;[ \t]?$")
#: What a page's own counters count: "3 Comments", "45 shares", "1.2k views" by a post.
PAGE_COUNTER_UNITS = frozenset("comments comment shares likes views replies retweets reactions".split())
#: What stands before a page counter: a separator of the page's chrome, or the line's start.
PAGE_COUNTER_BEFORE = frozenset("| : · • – — ( [".split())
#: A section of a code by its number and lettered paragraphs: "401(k)", "403(b)", "501(c)(3)".
CODE_SECTION = re.compile(r"\([a-z]\)(?:\([0-9]{1,2}\))?")
#: One-sided hedges of a bound that may delimit a counted group: "more than $10,000",
#: "$5,000 or more", "under $500" ("up to" and "almost" say how much, not who).
GROUP_BOUND_HEDGES = frozenset(("over", "at least", "less than"))
#: Words before a bound that make it where a change or a price lands: "grew 15% to more than
#: $4 million", "priced at under $500", "cut by over $200".
CHANGE_END_CUES = frozenset("to from by at".split())
#: A share of the time after a percent: "at least half of the time", "over 40% the time".
OF_THE_TIME = re.compile(r"[ \t]+(?:of[ \t]+)?the[ \t]+time\b", re.IGNORECASE)
#: Words between the people and an age band: "women between 40 and 60", "those from 18-24".
AGE_BAND_OPENERS = frozenset("between from".split())
#: Words after a band of numbers that make it a rate ("10-20 per clinic"), not an age band.
RATE_WORDS = frozenset("per a an each every times".split())
#: A word naming ages, earlier in the sentence: "age group 18-39, 7.5%; 40-59, 33.2%".
AGE_WORD = re.compile(r"\bage[sd]?\b", re.IGNORECASE)
#: How far back in its sentence a band of numbers looks for an age word.
AGE_WORD_WINDOW = 120
#: Words after a duration that make it a point in time: "one year later", "5 years ago".
TIME_POINT_AFTER = frozenset("later earlier ago afterwards before after on".split())
#: Words before a number that make it a step or list label ("Step 3", "Chapter 2").
LIST_CUES = frozenset(
    "step steps chapter section item lesson part question tip rule module unit day week "
    "round exercise photo image picture".split()
)
#: The total after a label's number: "Step 1 of 4", "Page 2 of 10", "Photo 1 of 12".
OF_TOTAL = re.compile(r"[ \t]+of[ \t]+[0-9]{1,4}\b(?![.,]?[0-9%])")
#: Words before a number that make it a name rather than a quantity ("Type 2 diabetes").
LABEL_CUES = frozenset(
    "type phase stage grade class level model series generation gen tier figure fig table "
    "page pages p pp no nr nrs number vol volume issue episode season gate route exit "
    "channel ward bed room platform line lane track reference ref appendix box "
    "category group arm cohort trial study patient subject site case bill act proposition prop "
    "amendment article form title flight lot invoice order".split()
)
#: Words just before a duration that make it the time frame of another statement, not a
#: figure: "in the past 15 years", "over the last 3 months", "in the next 10 years".
TIME_FRAME_CUES = frozenset("past last next previous coming first".split())
#: Words before a duration that make it a time frame when the sentence states another figure:
#: "60% relapse within three years" (but "Results appear within 4 weeks" is the claim itself).
TIME_FRAME_IF_PAIRED = frozenset("within after following".split())
#: File-size units: "Size: 3 MB", "(PDF, 2.4 MB)" describe a download, not a quantity.
FILE_SIZE_UNITS = frozenset("kb mb gb tb kib mib gib bytes".split())
FILE_SIZE_CUES = frozenset("size pdf download file filesize doc docx xls xlsx zip ppt pptx".split())
#: Capitalised words that may stand before a bare number without making it a name.
CAPITALISED_FUNCTION_WORDS = frozenset(
    "a an the in on at of by for from to with and or but about around nearly almost over under "
    "only just some roughly approximately more less than fewer up all our we you they it this "
    "that these those there here now today since until after before during among between top "
    "into per vs its their his her my your as is are was were be been".split()
)
#: Words before a number that make it a software or product version.
VERSION_CUES = frozenset(
    "version ver v release ios android windows macos os python java html css php node "
    "firmware iphone ipad galaxy pixel xbox playstation ps".split()
)
#: Words before a number that make it part of an address.
ADDRESS_CUES = frozenset(
    "suite ste apt apartment unit floor fl building bldg po box zip postcode".split()
)
STREET_SUFFIXES = frozenset(
    "st street ave avenue rd road blvd boulevard dr drive ln lane way ct court pl place "
    "pkwy parkway hwy highway terrace ter circle cir sq square".split()
)
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
PHONE_CUES = frozenset("call phone tel telephone fax dial text mobile cell whatsapp sms".split())
#: Words before a number in a shop widget ("Cart (0)", "Sub-Total: $0.00").
SHOP_CUES = frozenset("cart bag basket items subtotal total checkout wishlist".split())

# Shapes of digit runs with separators, matched on the run alone (bounded by its length).
_ISO_DATE = re.compile(r"(?:19|20)[0-9]{2}-[01]?[0-9](?:-[0-3]?[0-9])?")
_SLASH_DATE = re.compile(r"[0-3]?[0-9]([/.-])[0-3]?[0-9]\1(?:[0-9]{4}|[0-9]{2})")
_TIME = re.compile(r"(?:[01]?[0-9]|2[0-4]):[0-5][0-9](?::[0-5][0-9])?")
_PHONE_RUN = re.compile(
    r"(?:1-)?[0-9]{3}-[0-9]{3}-[0-9]{4}|1-[0-9]{3}-[0-9]{3}-[0-9]{4}|[2-9][0-9]{2}[-.][0-9]{4}"
    r"|[0-9]{3}\.[0-9]{3}\.[0-9]{4}"
)
_VERSION_RUN = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+(?:\.[0-9]+)*")
#: The rest of a phone number after its first group: "(555) 123-4567", "+44 20 7946 0958".
PHONE_TAIL = re.compile(r"\)?[ .-]?[0-9]{2,4}[ .-][0-9]{3,4}(?:[ .-][0-9]{3,4})?(?![0-9])")
INTERNATIONAL_TAIL = re.compile(r"(?:[ .-][0-9]{1,4}){2,4}(?![0-9])")


def classify_run(run: str) -> str | None:
    """Why a digit run with separators is not a figure ("date", "phone number", ...), or None.

    >>> classify_run("2021-03-04"), classify_run("24/7"), classify_run("2-72")
    ('date', '24/7', None)
    """
    if run == "24/7" or run == "24/7/365":
        return "24/7"
    if ":" in run:
        return "time of day" if _TIME.fullmatch(run) else "colon notation"
    if _PHONE_RUN.fullmatch(run):
        return "phone number"
    if _ISO_DATE.fullmatch(run) or _SLASH_DATE.fullmatch(run):
        return "date"
    if _VERSION_RUN.fullmatch(run):
        return "version"
    return None


#: A DOI starts with a "10." prefix of four or more digits and a slash: "10.1056/NEJMoa...".
DOI = re.compile(r"10\.[0-9]{4,9}/\S*")


def is_year(value: float, token: str) -> bool:
    """A bare four-digit token 1900-2099 ("2019"), not "2,019" or "2019.5"."""
    return len(token) == 4 and token.isdigit() and 1900 <= value <= 2099


def is_zip(token: str, previous: str) -> bool:
    """"CA 94105", "NY 10001-1234": five digits after a state code."""
    return previous in US_STATES and len(token) == 5 and token.isdigit()
