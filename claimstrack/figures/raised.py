"""Raised digits: a power of ten ("10⁶", "2.5 × 10⁹", "10^6") or a note mark ("42%³", "2019¹").

A page sets both in superscript (the document readers write a `<sup>` numeral as Unicode
superscript digits). Neither may be glued to the number before it: a power of ten is read as the
scale it stands for ("10⁶ cells" is a million cells, "2.5 × 10⁹" is 2.5 billion), and a note mark
leaves the text the scanner reads ("1.2 million² people" is 1.2 million people). Squares and cubes
of a unit of length ("50 m²") stay as they are.

`plain_text` gives the text to scan and a map back to the text as written, so every span still
points into the original.
"""

from __future__ import annotations

import re

import attrs

_RAISED = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_FROM_RAISED = {ord(digit): str(value) for value, digit in enumerate(_RAISED)}
_EXPONENT = rf"(?:[{_RAISED}]{{1,2}}|\^\+?[0-9]{{1,2}}(?![0-9.,]))"
#: "2.5 × 10⁶", "2.5x10^9": a mantissa times a power of ten (the mantissa is left as written).
_TIMES_POWER = re.compile(rf"(?<=[0-9])(?P<gap>\s?)[×xX*]\s?10(?P<exp>{_EXPONENT})")
#: "10⁶", "10^6" on their own.
_POWER = re.compile(rf"(?<![0-9.,])10(?P<exp>{_EXPONENT})")
#: A run of raised digits that is not a power: a note mark ("¹", "¹,³", "¹⁻³").
_MARK = re.compile(rf"[{_RAISED}]+(?:[,\u207b\u2013-][{_RAISED}]+)*")
#: A square or cube of a unit of length ("m²", "sq ft" is written out): a unit, not a mark.
_AREA_UNIT = re.compile(r"(?<![A-Za-z])(?:[mck]?m|ft|in|yd|mi)$")
_SCALES = {1: "thousand", 2: "million", 3: "billion", 4: "trillion"}


@attrs.frozen
class PlainText:
    """The text to scan and, per character of it, where it starts and ends in the original."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original range of plain text[start:end]."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else self.ends[-1] if self.ends else 0
            return at, at
        return self.starts[start], self.ends[end - 1]


def has_raised(text: str) -> bool:
    """Whether `text` holds raised digits or a written power of ten ("10^6"): anything worth
    rewriting contains one of these."""
    # eleven substring tests scan a page faster than one regex that stops at every "1"; an
    # ASCII page (a flag of the string, no scan) has no raised digit
    return (not text.isascii() and any(digit in text for digit in _RAISED)) or "10^" in text


def plain_text(text: str) -> PlainText:
    """`text` with powers of ten written as scale words and note marks left out."""
    edits = _edits(text)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for start, end, replacement in edits:
        pieces.append(text[position:start])
        starts.extend(range(position, start))
        ends.extend(range(position + 1, start + 1))
        pieces.append(replacement)
        starts.extend([start] * len(replacement))
        ends.extend([end] * len(replacement))
        position = end
    pieces.append(text[position:])
    starts.extend(range(position, len(text)))
    ends.extend(range(position + 1, len(text) + 1))
    return PlainText("".join(pieces), tuple(starts), tuple(ends))


def _edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each power of ten and note mark, in order, not overlapping."""
    edits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in _TIMES_POWER.finditer(text):
        exponent = _exponent(match.group("exp"))
        if exponent % 3 == 0 and exponent // 3 in _SCALES:  # "2.5 × 10⁶": 2.5 million
            start = match.end("gap")  # "2.5 × 10⁶" reads "2.5 million", "2.5x10^6" "2.5 million"
            edits.append((start, match.end(), ("" if match.group("gap") else " ") + _SCALES[exponent // 3]))
            taken.append((match.start(), match.end()))
    for match in _POWER.finditer(text):
        if _inside(match.start(), taken):
            continue
        exponent = _exponent(match.group("exp"))
        if 1 <= exponent <= 14:
            edits.append((match.start(), match.end(), _power_words(exponent)))
            taken.append((match.start(), match.end()))
    for match in _MARK.finditer(text):
        if _inside(match.start(), taken):
            continue
        if match.group() in "\u00b2\u00b3" and _AREA_UNIT.search(text, max(0, match.start() - 3), match.start()):
            continue
        edits.append((match.start(), match.end(), ""))
    edits.sort()
    return edits


def _exponent(written: str) -> int:
    return int(written.lstrip("^+").translate(_FROM_RAISED))


def _power_words(exponent: int) -> str:
    """10 to the `exponent`, as the scanner reads it: "100", "1 million", "10 billion"."""
    scale, rest = divmod(exponent, 3)
    if scale == 0:
        return str(10**rest)
    return f"{10**rest} {_SCALES[scale]}"


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)
