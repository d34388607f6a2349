"""Text folded for comparison: what matching a claim's wording, searching a quote in its source
and fingerprinting a finding each ignore."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})
_SPACE_RUN = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, straight quotes and hyphens, single spaces."""
    return _SPACE_RUN.sub(" ", text.translate(_QUOTES).lower()).strip()


def fold(text: str) -> str:
    """Case, Unicode form and whitespace folded, so cosmetic edits keep a fingerprint."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())
