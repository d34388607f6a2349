"""Page records as compact bytes (the cache's entries, what workers send back): exact round trips."""

from __future__ import annotations

import marshal
import pickle

import attrs
import pytest

import claimstrack.engine as engine
from claimstrack.checks import all_rules
from claimstrack.checks.records import FORMAT, dump_page, load_page
from claimstrack.engine import check
from claimstrack.model import FigureId, Related, Severity
from tests.project_files import write_project
from tests.test_cache import _outcome, _page_entries, _site


def _pages(root):
    """The pages' records as the page stage made them (documents kept: no trip through bytes)."""
    return check(root=root).pages


def _assert_round_trip(page) -> None:
    data = dump_page(page)
    back = load_page(data)
    assert back == page
    assert dump_page(back) == data  # the fields equality leaves out (a reading's place, aliases) too
    for before, after in zip(page.readings, back.readings):
        assert after.ref == before.ref and after.frame == before.frame
        assert (after.ref.figure is after.figure) == (before.ref.figure is before.figure)
        if after.frame is not None:
            assert after.frame.aliases == before.frame.aliases and type(after.frame.kind) is type(before.frame.kind)
    for before, after in zip(page.findings, back.findings):
        assert after.severity is before.severity and after.fingerprint_text == before.fingerprint_text


def test_every_rule_example_page_comes_back_exactly(tmp_path):
    count = 0
    for rule in all_rules():
        for name, example in (("fires", rule.fires), ("passes", rule.passes)):
            root = write_project(tmp_path / f"{rule.code}-{name}", example.files)
            for page in _pages(root):
                _assert_round_trip(page)
                count += 1
    assert count > 50


def test_a_site_with_measures_suppressions_and_unreadable_pages_comes_back_exactly(tmp_path):
    pages = _pages(_site(tmp_path))
    assert any(p.readings for p in pages) and any(p.uses for p in pages)
    assert any(p.suppressions for p in pages) and any(p.problems for p in pages)
    for page in pages:
        _assert_round_trip(page)


def test_related_places_and_pdf_pages_come_back_exactly(tmp_path):
    page = next(p for p in _pages(_site(tmp_path, pages=2)) if p.findings)
    related = (Related("content/a.md", 3, 4, "the other side", figure_id=FigureId("content/a.md", 10, 14)),
               Related("content/b.pdf", 40, 1, "on a page", page=2, page_line=7))
    finding = attrs.evolve(page.findings[0], related=related, page=3, page_line=9, measure="m1", claim="claim-1",
                            figure="12%", figure_id=FigureId("content/b.pdf", 3, 6))  # every field set
    _assert_round_trip(attrs.evolve(page, findings=(finding, *page.findings), pages=(30, 28, 41)))


def test_damaged_foreign_or_older_bytes_are_no_record(tmp_path):
    page = next(p for p in _pages(_site(tmp_path, pages=2)) if p.readings)
    data = dump_page(page)
    _, fields = marshal.loads(data)
    for bad in (b"", data[:-7], data[:1] + b"\xff" + data[2:], pickle.dumps(page),
                marshal.dumps((FORMAT + 1, fields)), marshal.dumps((FORMAT, fields[:3]))):
        assert load_page(bad) is None


def test_a_value_the_bytes_cannot_hold_is_refused_not_changed(tmp_path):
    page = next(p for p in _pages(_site(tmp_path, pages=2)) if p.findings)
    odd = attrs.evolve(page.findings[0], claim=Severity.ERROR)  # an enum where text belongs
    with pytest.raises(ValueError, match="unmarshallable"):
        dump_page(attrs.evolve(page, findings=(odd,)))


def test_a_record_the_bytes_cannot_hold_is_sent_back_whole_and_not_cached(tmp_path, monkeypatch):
    root = _site(tmp_path)
    reference = check(root=root, keep_documents=False)

    def refuse(page):
        raise ValueError("unmarshallable object")

    monkeypatch.setattr(engine, "dump_page", refuse)
    report = check(root=root, keep_documents=False, cache_dir="cache")
    assert _outcome(report) == _outcome(reference)
    assert not _page_entries(root / "cache")


def test_site_wide_findings_come_back_exactly_with_their_shared_related_places(tmp_path):
    from claimstrack.checks.records import dump_findings, load_findings

    report = check(root=_site(tmp_path))
    findings = report.findings
    assert any(f.related for f in findings)
    side = Related("content/a.md", 3, 4, "the other side", figure_id=FigureId("content/a.md", 10, 14))
    shared = tuple(attrs.evolve(f, related=(side, *f.related)) for f in findings[:3])
    back = load_findings(dump_findings((*findings, *shared)))
    assert back == (*findings, *shared)
    assert [f.fingerprint_text for f in back] == [f.fingerprint_text for f in (*findings, *shared)]
    assert back[-1].related[0] is back[-2].related[0] is back[-3].related[0]  # made once, as the check made it
    # findings naming the same places in the same order share one tuple of them (the text writer
    # writes its lines once); other places, or the same in another order, are a tuple of their own
    places = next(f.related for f in findings if f.related)
    twins = (attrs.evolve(findings[0], related=(side, *places)), attrs.evolve(findings[1], related=(side, *places)),
             attrs.evolve(findings[2], related=(*places, side)))
    back = load_findings(dump_findings(twins))
    assert back == twins
    assert back[0].related is back[1].related
    assert back[2].related is not back[0].related and back[2].related[-1] is back[0].related[0]
    data = dump_findings(findings)
    _, table, fields = marshal.loads(data)
    no_places = marshal.dumps((FORMAT, (), fields), 4)  # findings naming places past the table
    other_layout = marshal.dumps((FORMAT + 1, table, fields), 4)  # sound bytes of another FORMAT
    for bad in (b"", data[:-5], other_layout, marshal.dumps((FORMAT, table, ((1, 2),))), no_places):
        assert load_findings(bad) is None


def test_an_inferred_group_comes_back_from_its_places_and_damage_is_no_group(tmp_path):
    from claimstrack.checks.records import dump_grouping, load_group, load_grouping
    from claimstrack.checks.reuse import _grouping

    report = check(root=_site(tmp_path, pages=8), keep_documents=False)
    groups = report.inferred.groups()
    grouping = _grouping(groups, report.inferred)
    assert groups and grouping is not None and len(grouping) == len(groups)
    assert load_grouping(dump_grouping(grouping)) == grouping
    for group, (pages, data) in zip(groups, grouping):
        back = load_group(data, lambda page: report.pages[page].readings)
        assert back is not None and back == group and back.frame.describe() == group.frame.describe()
        assert [back.confidence_of(r) for r in back.readings] == [group.confidence_of(r) for r in group.readings]
        assert [r.ref for r in back.readings] == [r.ref for r in group.readings]
        paths = [page.path for page in report.pages]
        assert pages == tuple(sorted({paths.index(r.path) for r in group.readings}))
        assert load_group(data[:-3], lambda page: report.pages[page].readings) is None
        # from bytes, a group's members are decoded one by one, the other readings of their pages
        # left as bytes; the page's readings decoded later are the same objects
        restored = [load_page(dump_page(page)) for page in report.pages]
        again = load_group(data, lambda page: restored[page].readings)
        assert again == group
        members = {(r.path, r.line, r.column) for r in again.readings}
        for page in restored:
            before = {id(r) for r in again.readings}
            readings = list(page.readings)
            assert {id(r) for r in readings if (r.path, r.line, r.column) in members} <= before
        assert [r for page in restored for r in page.readings] == [r for page in report.pages for r in page.readings]
        assert load_group(data, lambda page: ()) is None  # names readings these pages do not have
    assert load_grouping(b"\x00garbage") is None
    assert load_grouping(marshal.dumps((FORMAT - 1, ()))) is None


def test_a_record_is_written_as_its_fields_in_declaration_order_whatever_their_count():
    # the codecs read every field in one attrgetter call, which gives a bare value for one
    # field: a record of one field must still be a 1-tuple, and of several, all of them in order
    from claimstrack.checks.records import _record

    @attrs.frozen
    class One:
        only: int

    @attrs.frozen
    class Three:
        a: int
        b: str
        c: tuple[int, ...]

    for value in (One(7), Three(1, "x", (2, 3))):
        codec = _record(type(value))
        fields = tuple(getattr(value, field.name) for field in attrs.fields(type(value)))
        assert codec.encode(value) == fields
        assert codec.decode(codec.encode(value)) == value
    wrapped = _record(Three, {"b": _record(One)})
    assert wrapped.encode(Three(1, One(5), ())) == (1, (5,), ())


def test_readings_from_bytes_are_decoded_one_by_one_when_asked_by_index_and_stay_one_object_each(tmp_path):
    from claimstrack.checks.context import PageReadings
    from claimstrack.checks.records import _READING, decode_readings, readings_bytes

    page = next(page for page in _pages(_site(tmp_path, pages=3)) if len(page.readings) > 2)
    data = readings_bytes(page.readings)
    whole: list[bytes] = []
    ones: list[object] = []
    readings = PageReadings(encoded=data, decode=lambda b: (whole.append(b), decode_readings(b))[1],
                            one_by_one=(marshal.loads, lambda fields: (ones.append(fields), _READING.decode(fields))[1]))
    second = readings[1]
    assert second == page.readings[1] and readings[1] is second and readings[-1] == page.readings[-1]
    assert whole == [] and len(ones) == 2  # the two asked for, each once
    everything = list(readings)
    assert everything == list(page.readings) and everything[1] is second and readings[1] is second
    assert whole == [] and len(ones) == len(page.readings)  # the others decoded once, not the whole again
    with pytest.raises(IndexError):
        PageReadings(encoded=data, decode=decode_readings, one_by_one=(marshal.loads, _READING.decode))[len(everything)]



def test_readings_that_repeat_their_page_and_figure_are_written_short_and_the_others_whole(tmp_path):
    from claimstrack.checks.records import decode_readings, encode_readings

    page = next(page for page in _pages(_site(tmp_path, pages=3)) if len(page.readings) > 1)
    usual = page.readings[0]
    site = usual.ref
    assert usual.sentence == (usual.path, site.sentence) and site.figure is usual.figure
    unusual = (
        attrs.evolve(usual, ref=attrs.evolve(site, fingerprint="a window|of the sentence")),  # kept as it is
        attrs.evolve(usual, ref=attrs.evolve(site, sentence="Another sentence.")),
        attrs.evolve(usual, ref=attrs.evolve(site, path="content/other.md")),
        attrs.evolve(usual, sentence=("content/other.md", site.sentence)),
        attrs.evolve(usual, ref=attrs.evolve(site, figure=attrs.evolve(usual.figure))),  # an equal figure, not the same
    )
    for reading in (usual, *unusual):
        back = decode_readings(encode_readings((reading,)))[0]
        assert back == reading and back.ref == reading.ref and back.sentence == reading.sentence
        assert back.ref.fingerprint == reading.ref.fingerprint and (back.ref.figure is back.figure) == (
            reading.ref.figure is reading.figure)
    short, whole = (len(encode_readings((reading,))) for reading in (usual, unusual[1]))
    assert short < whole - len(site.sentence) - len(usual.path)  # the repeats left out


def test_findings_are_written_as_the_generic_codec_writes_them(tmp_path):
    # the findings' own encoder (records._finding_codec) must give the generic codec's values
    from claimstrack.checks import records
    from claimstrack.model import Finding

    generic = records._record(Finding, {
        "severity": records._Codec(lambda severity: severity._value_, Severity), "related": records._many(records._RELATED),
        "figure_id": records._FIGURE_ID})
    findings = [f for page in _pages(_site(tmp_path)) for f in page.findings]
    findings.append(attrs.evolve(findings[0], related=(Related("a.md", 1, 2, "x", figure_id=FigureId("a.md", 3, 4)),),
                                 figure_id=FigureId("b.md", 5, 6), page=2, page_line=7, measure="m"))
    assert len(findings) > 20
    for finding in findings:
        assert records._FINDING.encode(finding) == generic.encode(finding)
        assert records._FINDING.decode(records._FINDING.encode(finding)) == finding
