"""Text folded for comparison: what matching a claim's wording, searching a quote in its source
and fingerprinting a finding each ignore; a DOI as written and as compared; and a reference's
year of publication."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})
_SPACE_RUN = re.compile(r"\s+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
#: A year of publication as references write it, 1500-2099, a whole word ("2019", not "2019b"
#: or "12019"): in a bibliography's year field, in a reference list's entries, and as the sign
#: that an unnumbered block is a reference.
PUBLICATION_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")


def normalise(text: str) -> str:
    """Lower-case, straight quotes and hyphens, single spaces."""
    return _SPACE_RUN.sub(" ", text.translate(_QUOTES).lower()).strip()


def fold(text: str) -> str:
    """Case, Unicode form and whitespace folded, so cosmetic edits keep a fingerprint."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())


def bare_doi(doi: str) -> str:
    """The DOI itself, case kept, without a doi.org address or a `doi:` prefix.

    >>> bare_doi(" https://dx.doi.org/10.1212/01.WNL.0000252808.97649.21")
    '10.1212/01.WNL.0000252808.97649.21'
    """
    return _DOI_PREFIX.sub("", doi.strip()).strip()


def doi_key(doi: str) -> str:
    """A DOI as compared: bare, lower case (DOIs are case-insensitive), without the punctuation
    that ends the sentence it was found in.

    >>> doi_key("doi:10.1212/01.WNL.0000252808.97649.21.")
    '10.1212/01.wnl.0000252808.97649.21'
    """
    return bare_doi(doi.strip().rstrip(".,;)")).lower()


def publication_year(text: str | None) -> int | None:
    """The first year of publication in a text, such as a bibliography's year field.

    >>> publication_year("Spring 2019, revised 2021"), publication_year("n.d."), publication_year("2150")
    (2019, None, None)
    """
    found = PUBLICATION_YEAR.search(text or "")
    return int(found.group()) if found else None
