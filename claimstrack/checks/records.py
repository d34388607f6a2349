"""A page's record (`PageResult`) as compact bytes: what the cache keeps and workers send back.

Pickling a record restores each of its ~100 attrs objects (findings, readings, figures, spans)
through attrs' `__setstate__`, a Python loop per object; at 10,000 pages that was most of a
warm run. Here each record class is a tuple of its fields in declaration order, nested records
are tuples too, and the whole is written with `marshal` (plain values only, read back in C);
decoding then calls each class once with its fields. A field this module does not know to be a
record must hold plain values: anything else (an enum, an object) makes `marshal` refuse the
record (ValueError) rather than bring it back as something else.

`FORMAT` changes whenever the layout does. Every record's bytes carry it, and bytes of another
layout are no record (`load_page` gives None: a cache miss, the page then checked afresh).
"""

from __future__ import annotations

import enum
import hashlib
import marshal
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from claimstrack.checks.context import MeasureUses, PageReadings, PageResult, Site, figure_fingerprint
from claimstrack.consistency.frames import Frame
from claimstrack.consistency.inferred import Group, Reading
from claimstrack.documents import Suppression
from claimstrack.errors import Problem
from claimstrack.model import Figure, FigureId, Finding, Kind, Location, Related, Severity, Span

#: The layout of the bytes; bumped with any change to the record classes' codecs.
#: 2: a page's declared-measure uses are bytes per measure key (`MeasureUses`), decoded lazily.
#: 3: so are its inferred-measure readings (`PageReadings`).
#: 4: the readings' bytes carry two digests (`readings_digests`).
#: 5: so do the bytes of each measure's uses (`MeasureUses.digest`).
#: 6: kept findings name their related places by number in a table written before them.
#: 7: a reading whose sentence and site repeat its page and figure is written without the repeats.
#: 8: a page's findings are bytes of their own in its record (a page whose lines are kept skips them).
FORMAT = 8
_MARSHAL_VERSION = 4
_DIGEST = 16

_Encode = Callable[[Any], Any]
_Decode = Callable[[Any], Any]


@attrs.frozen
class _Codec:
    """How values of one kind turn into plain tuples and back."""

    encode: _Encode
    decode: _Decode


def _record(cls: type, special: Mapping[str, _Codec] | None = None) -> _Codec:
    """A codec for the attrs class `cls`: its fields in order, those in `special` through their
    codec, the others as they are (they must be plain values)."""
    names = tuple(field.name for field in attrs.fields(cls))
    unknown = set(special or {}) - set(names)
    assert not unknown, f"{cls.__name__} has no fields {sorted(unknown)}"
    coded = tuple((index, special[name]) for index, name in enumerate(names) if special and name in special)
    # every field read in one call in C (a worker encodes some 30 records a page; a getattr
    # per field was most of it); one field's getter gives the value, not a 1-tuple
    fields_of = operator.attrgetter(*names) if len(names) > 1 else lambda value: (getattr(value, names[0]),)
    if not coded:
        def decode_plain(fields: Any) -> Any:
            return cls(*fields)

        return _Codec(fields_of, decode_plain)

    def encode(value: Any) -> tuple[Any, ...]:
        fields = list(fields_of(value))
        for index, codec in coded:
            fields[index] = codec.encode(fields[index])
        return tuple(fields)

    def decode(fields: Any) -> Any:
        values = list(fields)
        for index, codec in coded:
            values[index] = codec.decode(values[index])
        return cls(*values)

    return _Codec(encode, decode)


def _optional(codec: _Codec) -> _Codec:
    return _Codec(lambda value: None if value is None else codec.encode(value),
                  lambda value: None if value is None else codec.decode(value))


def _many(codec: _Codec) -> _Codec:
    encode, decode = codec.encode, codec.decode
    return _Codec(lambda values: tuple([encode(v) for v in values]), lambda values: tuple([decode(v) for v in values]))


def _word_or_text(cls: type[enum.Enum]) -> _Codec:
    """A field that holds a member of `cls` or plain text (a frame's kind): a member is written
    as a 1-tuple of its value, so that each comes back as what it was."""
    by_value = {member.value: member for member in cls}
    return _Codec(lambda value: (value._value_,) if isinstance(value, cls) else value,
                  lambda value: by_value[value[0]] if type(value) is tuple else value)


def _pair(first: _Codec, second: _Codec) -> _Codec:
    return _Codec(lambda pair: (first.encode(pair[0]), second.encode(pair[1])),
                  lambda pair: (first.decode(pair[0]), second.decode(pair[1])))


_PLAIN = _Codec(lambda value: value, lambda value: value)
_SPAN = _record(Span)
_LOCATION = _record(Location)
_FIGURE_ID = _optional(_record(FigureId))
_FIGURE = _record(Figure, {"kind": _Codec(lambda kind: kind._value_, lambda value: value),
                           "hedge": _Codec(lambda hedge: hedge._value_, lambda value: value),
                           "span": _SPAN})
_RELATED = _record(Related, {"figure_id": _FIGURE_ID})


def _finding_codec(related: _Codec) -> _Codec:
    """Findings' codec (`related` for their related places): a warm run decodes 125,000 of them
    at 10,000 pages, and a cold one encodes as many, so each side unpacks the fields by name and
    makes the other in one call, instead of the generic codec's list, loop over the special
    fields and codec calls (the same values as the generic codec's, `_record`)."""
    severity_of = {member.value: member for member in Severity}.__getitem__
    decode_related, encode_related = related.decode, related.encode
    fields_of = operator.attrgetter(*_FINDING_FIELDS)
    names = tuple(field.name for field in attrs.fields(Finding))
    assert names == _FINDING_FIELDS, f"Finding's fields changed: {names}; update _finding_codec"

    def encode(finding: Finding) -> tuple[Any, ...]:
        (code, name, severity, path, line, column, end_line, end_column, message, claim, figure, places,
         fingerprint_text, page, page_line, figure_id, measure) = fields_of(finding)
        return (code, name, severity._value_, path, line, column, end_line, end_column, message, claim, figure,
                encode_related(places), fingerprint_text, page, page_line,
                None if figure_id is None else (figure_id.path, figure_id.start, figure_id.end), measure)

    def decode(fields: Any) -> Finding:
        (code, name, severity, path, line, column, end_line, end_column, message, claim, figure, places,
         fingerprint_text, page, page_line, figure_id, measure) = fields
        return Finding(code, name, severity_of(severity), path, line, column, end_line, end_column, message, claim,
                       figure, decode_related(places) if places else (), fingerprint_text, page, page_line,
                       None if figure_id is None else FigureId(*figure_id), measure)

    return _Codec(encode, decode)


assert tuple(field.name for field in attrs.fields(FigureId)) == ("path", "start", "end")
_FINDING_FIELDS = ("code", "name", "severity", "path", "line", "column", "end_line", "end_column", "message", "claim",
                   "figure", "related", "fingerprint_text", "page", "page_line", "figure_id", "measure")
_FINDING = _finding_codec(_many(_RELATED))
_FRAME = _optional(_record(Frame, {"kind": _word_or_text(Kind)}))
_SITE = _record(Site, {"source_span": _SPAN, "figure": _FIGURE})


def _encode_reading(reading: Reading) -> tuple[Any, ...]:
    short = _short_reading(reading)
    if short is not None:
        return short
    ref = reading.ref
    if ref is None:
        encoded_ref = None
    elif type(ref) is Site and ref.figure is reading.figure:  # one figure, written once
        encoded_ref = (True, (ref.path, _SPAN.encode(ref.source_span), None, ref.sentence, ref.fingerprint,
                              ref.claim_id))
    elif type(ref) is Site:
        encoded_ref = (False, _SITE.encode(ref))
    else:
        raise ValueError(f"a reading's ref cannot be recorded: {type(ref).__name__}")
    return (_FIGURE.encode(reading.figure), reading.path, reading.line, reading.column, reading.sentence,
            _FRAME.encode(reading.frame), encoded_ref)


def _short_reading(reading: Reading) -> tuple[Any, ...] | None:
    """A reading as nine fields without what it repeats, when it is as a page's reading nearly
    always is: its sentence is its page's path and the sentence's text, and its site is on that
    page, in that sentence, of the same figure, with the fingerprint the figure's text and the
    sentence make. Its path is then written once, its sentence once and the fingerprint not at
    all (a declared-measure use was about 370 bytes, half of them repeats). None otherwise."""
    ref, path, sentence = reading.ref, reading.path, reading.sentence
    if not (type(ref) is Site and ref.figure is reading.figure and type(path) is str and ref.path == path
            and type(ref.path) is str and type(sentence) is tuple and len(sentence) == 2
            and sentence[0] == path and type(sentence[0]) is str and type(sentence[1]) is str
            and ref.sentence == sentence[1] and type(ref.sentence) is str):
        return None
    said = sentence[1]
    fingerprint = None if ref.fingerprint == figure_fingerprint(reading.figure.text, said) else ref.fingerprint
    return (_FIGURE.encode(reading.figure), path, reading.line, reading.column, said, _FRAME.encode(reading.frame),
            _SPAN.encode(ref.source_span), fingerprint, ref.claim_id)


def _decode_short_reading(fields: Any) -> Reading:
    figure_fields, path, line, column, said, frame, span, fingerprint, claim_id = fields
    figure = _FIGURE.decode(figure_fields)
    site = Site(path, _SPAN.decode(span), figure, said,
                figure_fingerprint(figure.text, said) if fingerprint is None else fingerprint, claim_id)
    return Reading(figure, path, line, column, (path, said), _FRAME.decode(frame), site)


def _decode_reading(fields: Any) -> Reading:
    if len(fields) == 9:
        return _decode_short_reading(fields)
    figure_fields, path, line, column, sentence, frame, ref = fields
    figure = _FIGURE.decode(figure_fields)
    site = None
    if ref is not None:
        shares_figure, site_fields = ref
        if shares_figure:
            path_, span, _, site_sentence, fingerprint, claim_id = site_fields
            site = Site(path_, _SPAN.decode(span), figure, site_sentence, fingerprint, claim_id)
        else:
            site = _SITE.decode(site_fields)
    return Reading(figure, path, line, column, sentence, _FRAME.decode(frame), site)


assert tuple(f.name for f in attrs.fields(Reading)) == ("figure", "path", "line", "column", "sentence", "frame", "ref")
assert tuple(f.name for f in attrs.fields(Site)) == ("path", "source_span", "figure", "sentence", "fingerprint",
                                                      "claim_id")
_READING = _Codec(_encode_reading, _decode_reading)
_SUPPRESSION = _record(Suppression, {"location": _LOCATION})
_PROBLEM = _record(Problem, {"location": _LOCATION})
_READINGS = _many(_READING)


def encode_readings(readings: Sequence[Reading]) -> bytes:
    """Readings as bytes of their own (a page's uses of one measure): what `decode_readings`
    reads back, and what names them when a site-wide stage's findings are reused."""
    return marshal.dumps(_READINGS.encode(readings), _MARSHAL_VERSION)


def decode_readings(data: bytes) -> tuple[Reading, ...]:
    """The readings `encode_readings` wrote."""
    return _READINGS.decode(marshal.loads(data))  # type: ignore[no-any-return]


def uses_bytes(uses: MeasureUses, key: str) -> bytes:
    """A page's readings of measure `key` as bytes: those it was restored from, if it was."""
    encoded = uses.encoded(key)
    if encoded is None or uses.digest(key) is None:
        encoded = encode_readings(uses.readings(key))
        uses.keep_encoded(key, encoded, hashlib.blake2b(encoded, digest_size=_DIGEST).digest())
    return encoded


def _encode_uses(uses: MeasureUses) -> tuple[tuple[str, bytes, bytes | None], ...]:
    return tuple((key, uses_bytes(uses, key), uses.digest(key)) for key in uses.measures())


def _decode_uses(fields: Any) -> MeasureUses:
    if not all(type(key) is str and type(data) is bytes and type(digest) is bytes for key, data, digest in fields):
        raise ValueError("a page's uses are not bytes and a digest by measure key")
    return MeasureUses(encoded={key: data for key, data, _ in fields}, decode=decode_readings,
                       digests={key: digest for key, _, digest in fields})


_FIGURE_SPAN = tuple(field.name for field in attrs.fields(Figure)).index("span")


def _digests(fields: tuple[Any, ...], encoded: bytes) -> tuple[bytes, bytes]:
    """The digests of readings (`fields`, their tuples; `encoded`, their bytes): of the whole,
    and of what grouping reads (`readings_digests`)."""
    grouped = tuple((reading[0][:_FIGURE_SPAN] + reading[0][_FIGURE_SPAN + 1:], reading[1], _sentence_of(reading),
                     reading[5]) for reading in fields)
    return (hashlib.blake2b(encoded, digest_size=_DIGEST).digest(),
            hashlib.blake2b(marshal.dumps(grouped, _MARSHAL_VERSION), digest_size=_DIGEST).digest())


def _sentence_of(fields: tuple[Any, ...]) -> Any:
    """The sentence of an encoded reading, as a reading holds it, whichever way it was written."""
    return (fields[1], fields[4]) if len(fields) == 9 else fields[4]


def readings_bytes(readings: PageReadings) -> bytes:
    """A page's inferred-measure readings as bytes: those they were restored from, if they were
    (else written now, with their digests)."""
    encoded = readings.encoded()
    if encoded is None:
        encoded, digests = _written(readings)
        readings.keep_encoded(encoded, digests)
    return encoded


def _written(readings: Sequence[Reading]) -> tuple[bytes, tuple[bytes, bytes]]:
    """Readings as bytes, with their digests."""
    fields = _READINGS.encode(readings)
    encoded = marshal.dumps(fields, _MARSHAL_VERSION)
    return encoded, _digests(fields, encoded)


_NO_READINGS = _written(())[1]


def readings_digests(readings: PageReadings) -> tuple[bytes, bytes] | None:
    """Two digests of a page's readings, to name them for reuse without writing them out: of
    the readings whole (every field: the figure's place, the sentence, the finding's site), and
    of what grouping them reads, which leaves out where each figure stands on its page (line,
    column, the figure's span, the site), so that an edit that only moves a page's figures
    keeps the grouping. None when the readings were never written as bytes (a page the cache
    does not keep), except that no readings at all have the digests of none."""
    digests = readings.digests()
    if digests is None and readings.encoded() is None and not readings:
        return _NO_READINGS
    return digests


def _encode_page_readings(readings: PageReadings) -> tuple[bytes, bytes, bytes]:
    encoded = readings_bytes(readings)
    digests = readings.digests()
    if digests is None:  # bytes kept without them
        encoded, digests = _written(readings)
        readings.keep_encoded(encoded, digests)
    return (encoded, *digests)


def _decode_page_readings(data: Any) -> PageReadings:
    encoded, whole, grouped = data
    if not (type(encoded) is bytes and type(whole) is bytes and type(grouped) is bytes):
        raise ValueError("a page's readings are not bytes with their digests")
    return PageReadings(encoded=encoded, decode=decode_readings, digests=(whole, grouped),
                        one_by_one=(marshal.loads, _READING.decode))


_FINDINGS = _many(_FINDING)


def encode_findings(findings: Sequence[Finding]) -> bytes:
    """Findings as bytes of their own (a page's, in its record), what `decode_findings` reads.
    ValueError when a field holds what `marshal` cannot."""
    return marshal.dumps(_FINDINGS.encode(findings), _MARSHAL_VERSION)


def decode_findings(data: bytes) -> tuple[Finding, ...]:
    """The findings `encode_findings` wrote."""
    return _FINDINGS.decode(marshal.loads(data))  # type: ignore[no-any-return]


def _left_out(_: object) -> tuple[Finding, ...]:
    return ()


_PAGE_FIELDS = {
    "findings": _Codec(encode_findings, decode_findings),
    "suppressions": _many(_pair(_SUPPRESSION, _SPAN)),
    "uses": _Codec(_encode_uses, _decode_uses),
    "readings": _Codec(_encode_page_readings, _decode_page_readings),
    "problems": _many(_PROBLEM),
}
_PAGE = _record(PageResult, _PAGE_FIELDS)
_PAGE_WITHOUT_FINDINGS = _record(PageResult, {**_PAGE_FIELDS, "findings": _Codec(encode_findings, _left_out)})


def dump_page(page: PageResult) -> bytes:
    """The record as bytes; ValueError when a field holds something that is not a plain value
    nor a record this module knows."""
    return marshal.dumps((FORMAT, _PAGE.encode(page)), _MARSHAL_VERSION)


def load_page(data: bytes | memoryview, *, findings: bool = True) -> PageResult | None:
    """The record `dump_page` wrote, or None when `data` is not one (another layout, damage).
    Without `findings`, the page's findings are left out (not decoded): a run that keeps them
    as the lines it writes (`checks.lines`) never reads them."""
    try:
        layout, fields = marshal.loads(data)
        if layout != FORMAT:
            return None
        page = (_PAGE if findings else _PAGE_WITHOUT_FINDINGS).decode(fields)
    except Exception:  # damaged or foreign bytes are no record, whatever they raise
        return None
    return page if isinstance(page, PageResult) else None



def _findings_codec(related: _Codec) -> _Codec:
    return _many(_finding_codec(related))


def dump_findings(findings: Sequence[Finding]) -> bytes:
    """Findings as bytes (a site-wide stage's, kept for reuse). The related places are written
    once each, in a table before the findings, which name theirs by their numbers there: the
    findings of one disagreement name the same other sides (354,000 places at 10,000 pages,
    5,500 of them distinct), and a place several findings named comes back one object they
    share, as do findings that name the same places in the same order (their `related` is one
    tuple: 35,000 findings name 165 lists of places there, which the text writer then writes
    once each, `render.text`). ValueError when a field holds what `marshal` cannot."""
    numbers: dict[int, int] = {}  # a place's number by its id (the findings keep every place alive)
    table: list[Any] = []

    def numbered(places: Sequence[Related]) -> tuple[int, ...]:
        for place in places:
            if id(place) not in numbers:
                numbers[id(place)] = len(table)
                table.append(_RELATED.encode(place))
        return tuple([numbers[id(place)] for place in places])

    encoded = _findings_codec(_Codec(numbered, _PLAIN.decode)).encode(findings)
    return marshal.dumps((FORMAT, tuple(table), encoded), _MARSHAL_VERSION)


def load_findings(data: bytes) -> tuple[Finding, ...] | None:
    """The findings `dump_findings` wrote, or None when `data` holds none (another layout, damage)."""
    try:
        layout, table, fields = marshal.loads(data)
        if layout != FORMAT:
            return None
        places = tuple([_RELATED.decode(place) for place in table])
        findings = _findings_codec(_Codec(_PLAIN.encode, _shared_places(places))).decode(fields)
    except Exception:  # damaged or foreign bytes are no findings, whatever they raise
        return None
    return findings if all(isinstance(f, Finding) for f in findings) else None


def _shared_places(places: Sequence[Related]) -> _Decode:
    """The decoder of a finding's related places (their numbers in `places`): one tuple for
    every finding that names the same numbers."""
    take = places.__getitem__
    made: dict[tuple[int, ...], tuple[Related, ...]] = {}

    def decode(numbers: tuple[int, ...]) -> tuple[Related, ...]:
        related = made.get(numbers)
        if related is None:
            related = made[numbers] = tuple(map(take, numbers))
        return related

    return decode


#: Where a member of an inferred group stands among the run's readings: its page's number (in
#: the run's order), its index among that page's readings, and the frame it was grouped by
#: when that is not its own (a name the pages give an alias for, said one way: `with_aliases`).
GroupPlace = tuple[int, int, "Frame | None"]


def dump_group(group: Group, places: Sequence[GroupPlace]) -> bytes:
    """An inferred group as bytes that name its members by their places (`places`, one per
    reading of the group, in its order) rather than hold them: with the pages' readings, what
    `load_group` makes the group again from."""
    members = tuple((page, index, _FRAME.encode(frame), group.joined.get(id(reading)),
                     group.confidences.get(id(reading)))
                    for reading, (page, index, frame) in zip(group.readings, places, strict=True))
    return marshal.dumps((FORMAT, group.id, _FRAME.encode(group.frame), group.confidence, members), _MARSHAL_VERSION)


def load_group(data: bytes, readings_of: Callable[[int], Sequence[Reading]]) -> Group | None:
    """The group `dump_group` wrote, its members taken from `readings_of(page number)`; None
    when `data` is not one (another layout, damage) or names a reading the pages do not have."""
    try:
        layout, group_id, frame, confidence, members = marshal.loads(data)
        if layout != FORMAT:
            return None
        readings, joined, confidences = [], {}, {}
        for page, index, own_frame, factor, member_confidence in members:
            reading = readings_of(page)[index]
            if own_frame is not None:
                reading = attrs.evolve(reading, frame=_FRAME.decode(own_frame))
            readings.append(reading)
            if factor is not None:
                joined[id(reading)] = factor
            if member_confidence is not None:
                confidences[id(reading)] = member_confidence
        group = Group(group_id, _FRAME.decode(frame), tuple(readings), confidence, joined, confidences)
    except Exception:  # damaged or foreign bytes are no group, whatever they raise
        return None
    return group if isinstance(group.frame, Frame) else None


def group_id(data: bytes) -> str | None:
    """The id of the group `dump_group` wrote, or None."""
    try:
        fields = marshal.loads(data)
    except Exception:  # damaged or foreign bytes are no group, whatever they raise
        return None
    return fields[1] if type(fields) is tuple and len(fields) == 5 and type(fields[1]) is str else None


def dump_grouping(groups: Sequence[tuple[tuple[int, ...], bytes]]) -> bytes:
    """The run's inferred groups as bytes: each as the numbers of the pages its members stand
    on and its `dump_group` bytes."""
    return marshal.dumps((FORMAT, tuple(groups)), _MARSHAL_VERSION)


def load_grouping(data: bytes) -> tuple[tuple[tuple[int, ...], bytes], ...] | None:
    """What `dump_grouping` wrote, or None when `data` holds no grouping."""
    try:
        layout, groups = marshal.loads(data)
        if layout != FORMAT:
            return None
        if all(type(pages) is tuple and type(group) is bytes for pages, group in groups):
            return tuple(groups)
    except Exception:  # damaged or foreign bytes are no grouping, whatever they raise
        return None
    return None
