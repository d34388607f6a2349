"""Suppression comments: `<!-- claimstrack: ignore[CT101] reason="..." -->`.

Forms (inside an HTML comment, in Markdown or HTML):

- `claimstrack: ignore[CT101] reason="..."`: the next sentence (comment inside a paragraph)
  or the next block (comment alone on its line);
- `claimstrack: ignore[CT101,CT201] reason="..."`: several codes;
- `claimstrack: ignore reason="..."` or `ignore[*]`: every code;
- `claimstrack: ignore-file[CT101] reason="..."`: the whole file.

A malformed one (no reason, unknown directive, bad code) is kept with `problem` set.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

import attrs

from claimstrack.documents.base import Suppression
from claimstrack.model import Location

_HEAD = re.compile(r"\s*claimstrack\s*:", re.IGNORECASE)
_DIRECTIVE = re.compile(r"\s*([A-Za-z][A-Za-z_-]*)")
_CODE = re.compile(r"CT[0-9]{3}")
_REASON = re.compile(r"""\s*reason\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SCOPES = {"ignore": "next", "ignore-file": "file"}


@attrs.frozen
class ParsedComment:
    """What a claimstrack comment says, before it is placed in a document."""

    codes: tuple[str, ...]
    reason: str | None
    scope: str
    problem: str | None


@attrs.frozen
class CommentMark:
    """An HTML comment seen by a reader: its body and where it sits."""

    body: str
    source_start: int
    text_position: int
    own_line: bool


def parse_comment(body: str) -> ParsedComment | None:
    """Read the body of an HTML comment; None when it is not a claimstrack comment."""
    head = _HEAD.match(body)
    if head is None:
        return None
    rest = body[head.end() :]
    directive = _DIRECTIVE.match(rest)
    if directive is None:
        return ParsedComment((), None, "next", 'expected "ignore[...]" or "ignore-file[...]"')
    name = directive.group(1).lower()
    scope = _SCOPES.get(name)
    if scope is None:
        unknown = f'unknown directive "{directive.group(1)}": use ignore[...] or ignore-file[...]'
        return ParsedComment((), None, "next", unknown)
    position = directive.end()
    codes: tuple[str, ...] = ()
    if rest.startswith("[", position):
        close = rest.find("]", position)
        if close == -1:
            return ParsedComment((), None, scope, 'unclosed "[" in the code list')
        codes, problem = _parse_codes(rest[position + 1 : close])
        if problem:
            return ParsedComment(codes, None, scope, problem)
        position = close + 1
    return _parse_reason(rest, position, codes, scope)


def _parse_codes(listing: str) -> tuple[tuple[str, ...], str | None]:
    items = [item.strip() for item in listing.split(",")]
    if items == ["*"]:
        return (), None
    for item in items:
        if not _CODE.fullmatch(item):
            shown = item or "(empty)"
            return (), f'bad code "{shown}": codes look like CT101, or use "*" for all codes'
    return tuple(dict.fromkeys(items)), None


def _parse_reason(rest: str, position: int, codes: tuple[str, ...], scope: str) -> ParsedComment:
    match = _REASON.match(rest, position)
    if match is None:
        if rest[position:].strip():
            problem = f'unexpected "{rest[position:].strip()[:40]}": expected reason="..."'
        else:
            problem = 'a suppression needs a reason: add reason="why this is fine"'
        return ParsedComment(codes, None, scope, problem)
    reason = match.group(1) if match.group(1) is not None else match.group(2)
    trailing = rest[match.end() :].strip()
    if trailing:
        return ParsedComment(codes, reason, scope, f'unexpected "{trailing[:40]}" after the reason')
    if not reason.strip():
        return ParsedComment(codes, reason, scope, "the reason is empty: say why this is fine")
    return ParsedComment(codes, reason.strip(), scope, None)


def place_suppressions(
    marks: Sequence[CommentMark],
    text_length: int,
    sentences: Sequence[tuple[int, int]],
    blocks: Sequence[tuple[int, int]],
    location_of: Callable[[int], Location],
) -> tuple[Suppression, ...]:
    """Turn comment marks into Suppressions with the text range each covers."""
    sentence_ends = [end for _, end in sentences]
    block_ends = [end for _, end in blocks]
    found: list[Suppression] = []
    for mark in marks:
        parsed = parse_comment(mark.body)
        if parsed is None:
            continue
        if parsed.scope == "file":
            start, end = 0, text_length
        elif mark.own_line:
            # the rest of the block it sits in, or else the next block
            start, end = _next_range(blocks, block_ends, mark.text_position)
            start = max(start, mark.text_position)
        else:
            # the whole sentence it sits in, or else the next sentence
            start, end = _next_range(sentences, sentence_ends, mark.text_position)
        found.append(
            Suppression(
                codes=parsed.codes,
                reason=parsed.reason,
                scope=parsed.scope,
                start=start,
                end=end,
                location=location_of(mark.source_start),
                problem=parsed.problem,
            )
        )
    return tuple(found)


def _next_range(
    ranges: Sequence[tuple[int, int]], ends: list[int], position: int
) -> tuple[int, int]:
    """The first range ending after `position` (empty at `position` when there is none)."""
    index = bisect.bisect_right(ends, position)
    if index == len(ranges):
        return position, position
    return ranges[index]

