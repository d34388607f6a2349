"""CT4xx wording: absolute or risky phrases with no evidence behind them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from claimstrack.checks.context import CheckContext, PageFigures, fingerprint_window
from claimstrack.checks.examples import project
from claimstrack.checks.registry import Category, Rule
from claimstrack.documents import citations_by_sentence
from claimstrack.model import Finding, Severity
from claimstrack.positions import lower_keeping_offsets

# Each alternative is a fixed phrase with optional words; no nested quantifiers, so matching
# stays linear however hostile the text.
BUILT_IN_PHRASES = (
    r"guaranteed results|guaranteed returns?|cure[sd]?|guarantee[sd]?|"
    r"no side[- ]effects|without (?:any |the )?(?:unwanted |negative )?side[- ]effects|"
    r"free (?:of|from) side[- ]effects|"
    r"100% (?:safe|effective|natural|success)|completely safe|totally safe|perfectly safe|"
    r"clinically proven|scientifically proven|proven to|"
    r"risk[- ]free|miracle|breakthrough|permanent(?:ly)? (?:relief|cure|results)|"
    r"works for everyone|instant relief|"
    r"no risk|can'?t lose|double your money"
)
# Word edges by look-around rather than \b, so a configured phrase may end in punctuation.
RISKY_PHRASES = re.compile(rf"(?<!\w)(?:{BUILT_IN_PHRASES})(?!\w)", re.IGNORECASE)

#: Every built-in phrase holds one of these, in lower case. The regex scans a page at about
#: 8 MB/s (it tries each alternative at every word start); a test for these words runs in C,
#: so a page that holds none of them is not scanned.
_PHRASE_WORDS = ("guarantee", "cure", "side effects", "side-effects", "100% ", "ly safe", "proven", "risk", "miracle",
                 "breakthrough", "permanent", "works for everyone", "instant relief", "t lose", "double your money")
#: The letters other than ASCII that IGNORECASE takes for an ASCII one and lower() does not
#: turn into it (lower_keeping_offsets turns "İ" into "i", and lower() the Kelvin sign into "k").
_OTHER_CASES = str.maketrans({"\u017f": "s", "\u0131": "i"})


#: The most characters a built-in phrase matches ("without any unwanted side-effects"): a match
#: starts and ends no further than this from the phrase word it holds.
LONGEST_PHRASE = 33


def built_in_phrases(text: str) -> Iterator[re.Match[str]]:
    """`RISKY_PHRASES.finditer(text)`, the regex run only around the phrase words: every match
    holds one, so the rest of the page (nearly all of it) need not be tried word by word."""
    folded = _folded(text)
    hits = sorted((position, position + len(word)) for word in _PHRASE_WORDS for position in _find_all(folded, word))
    position = 0
    for start, end in _merged((max(0, start - LONGEST_PHRASE), end + LONGEST_PHRASE) for start, end in hits):
        position = max(position, start)
        # the characters after `end` let the look-ahead of a match ending there see the text
        while (match := RISKY_PHRASES.search(text, position, end + LONGEST_PHRASE + 1)) is not None:
            if match.start() >= end:
                break
            yield match
            position = match.end()


def _folded(text: str) -> str:
    folded = lower_keeping_offsets(text)
    return folded if folded.isascii() else folded.translate(_OTHER_CASES)


def _find_all(text: str, word: str) -> Iterator[int]:
    position = text.find(word)
    while position != -1:
        yield position
        position = text.find(word, position + 1)


def _merged(windows: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Windows sorted by start, overlapping ones joined."""
    current: tuple[int, int] | None = None
    for start, end in windows:
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


def phrase_pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    """The built-in phrases plus the configured ones, matched as literal words.

    Configured phrases are escaped, and any run of spaces in them matches any run of
    whitespace, so a user's list cannot make the pattern backtrack.
    """
    if not extra:
        return RISKY_PHRASES
    literal = "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in extra)
    return re.compile(rf"(?<!\w)(?:{literal}|{BUILT_IN_PHRASES})(?!\w)", re.IGNORECASE)


def risky_wording(ctx: CheckContext) -> Iterator[Finding]:
    """CT401 for each risky phrase in an unsupported sentence."""
    pattern = phrase_pattern(ctx.config.risky_phrases)
    found = [(d, list(pattern.finditer(d.text) if pattern is not RISKY_PHRASES else built_in_phrases(d.text)))
             for d in ctx.documents]
    found = [(document, matches) for document, matches in found if matches]
    if not found:
        return
    backed = {(o.path, o.document.sentence_at(o.figure.span.start)[0]) for o in ctx.occurrences if o.supported}
    for document, matches in found:
        figures = PageFigures(o for o in ctx.occurrences if o.document is document)
        cited = {start for start, keys in citations_by_sentence(document).items()
                 if any(key in ctx.bibliography for key in keys)}
        for match in matches:
            sentence = document.sentence_at(match.start())
            if (document.path, sentence[0]) in backed or sentence[0] in cited:
                continue
            phrase = match.group(0)
            # A phrase holding a figure ("100% effective") is about that figure.
            held = figures.first_overlapping(match.start(), match.end())
            window = fingerprint_window(document.text[sentence[0]:sentence[1]],
                                        match.start() - sentence[0], match.end() - sentence[0])
            yield ctx.finding("CT401", document.path, document.source_span(match.start(), match.end()),
                              f'"{phrase}" is absolute wording with no evidence behind it',
                              figure=None, figure_id=held.figure_id if held is not None else None,
                              fingerprint=f"{phrase.lower()}|{window}")


ABSOLUTE_WORDING = Rule(
    code="CT401",
    name="absolute-wording",
    severity=Severity.WARNING,
    summary="An absolute or risky phrase (\"cure\", \"no side effects\", \"clinically proven\") with no evidence.",
    description=(
        "Regulators single out absolute promises: cures, guarantees, freedom from side effects, "
        "\"clinically proven\". Such wording needs the strongest substantiation, so it is flagged "
        "in any sentence that neither states an approved claim nor cites a source."
    ),
    fix=(
        "Soften the wording (\"may relieve\"), or back the sentence with an approved claim or a "
        "citation. Suppress a deliberate use with `<!-- claimstrack: ignore[CT401] reason=\"...\" -->`. "
        "Add phrases of your field with `risky-phrases = [\"...\"]` in the configuration."
    ),
    fires=project("Our infusions are clinically proven to stop migraines.\n"),
    passes=project("Our infusions may relieve migraine pain for some patients.\n"),
    category=Category.WORDING,
    page_check=risky_wording,
)


RULES = (
    ABSOLUTE_WORDING,
)
