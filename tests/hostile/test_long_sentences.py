"""One long "sentence" (a .txt table or export with no full stops) stays bounded: sentences are
cut, fingerprints keep a window, old baselines keep working (issue 13, item 2). Timing is in
benchmarks/hostile.py; these tests assert the bounded structure that makes it linear."""

from __future__ import annotations

import json

import pytest
from project_files import write_project

from claimstrack.baseline import SCHEMA, apply_baseline, parse_baseline
from claimstrack.checks.context import FINGERPRINT_REACH, fingerprint_window
from claimstrack.documents import parse_document, split_sentences
from claimstrack.documents.sentences import MAX_SENTENCE
from claimstrack.engine import check
from claimstrack.render._common import content_fingerprint

REPRODUCERS = {
    "digits": "1234567890 " * 10_000,  # 110 KB, one line
    "shares": "5% of " * 20_000,  # 120 KB, one line
}


def sentences_of(text: str, **options: bool) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, **options)]


@pytest.mark.parametrize("text", list(REPRODUCERS.values()), ids=list(REPRODUCERS))
def test_no_sentence_is_longer_than_the_cap(text):
    for start, end in split_sentences(text):
        assert 0 < end - start <= MAX_SENTENCE


def test_a_long_sentence_is_cut_at_a_space():
    text = "word " * 1000
    cut = sentences_of(text)
    assert all(piece.endswith("word") and piece.startswith("word") for piece in cut)
    assert "".join(piece + " " for piece in cut) == text


def test_plain_text_list_items_and_table_rows_are_sentences_of_their_own():
    text = ("Results by clinic\n"
            "- Boston: 92% of patients improved\n"
            "- Denver: 88% of patients improved\n"
            "1) three visits on average\n"
            "| Austin | 75% |\n"
            "Over 90% of the patients who finished the six-week programme at our clinic reported\n"
            "fewer headaches afterwards\n")
    assert sentences_of(text, line_breaks=True) == [
        "Results by clinic", "- Boston: 92% of patients improved", "- Denver: 88% of patients improved",
        "1) three visits on average", "| Austin | 75% |",
        "Over 90% of the patients who finished the six-week programme at our clinic reported\n"
        "fewer headaches afterwards"]


def test_line_breaks_end_sentences_only_in_plain_text():
    source = "Boston\n92% of patients improved\n"
    assert [d.sentence_text(0) for d in (parse_document(source, "p.txt", "txt"),
                                          parse_document(source, "p.md", "md"))] == [
        "Boston", "Boston\n92% of patients improved"]


def test_a_long_sentence_is_fingerprinted_by_the_words_around_the_finding():
    sentence = "alpha " * 100 + "over 92% of patients" + " omega" * 100
    start = sentence.index("over")
    window = fingerprint_window(sentence, start, start + 20)
    assert "over 92% of patients" in window
    assert len(window) <= 2 * FINGERPRINT_REACH + 20
    assert not window.startswith("lpha") and not window.endswith("omeg")
    edited_far_away = "beta " + sentence[5:]
    assert fingerprint_window(edited_far_away, start, start + 20) == window


def test_a_short_sentence_is_fingerprinted_whole():
    sentence = "Over 92% of patients improved."
    assert fingerprint_window(sentence, 0, 8) == sentence


@pytest.mark.parametrize("text", list(REPRODUCERS.values()), ids=list(REPRODUCERS))
def test_findings_keep_short_fingerprints_and_occurrences_short_sentences(tmp_path, text):
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\ndocuments = ['*.txt']\n",
                             "page.txt": text})
    report = check(root=tmp_path)
    assert len(report.findings) > 100
    assert max(len(f.fingerprint_text) for f in report.findings) <= 2 * FINGERPRINT_REACH + 60
    assert max(len(o.sentence) for o in report.occurrences) <= MAX_SENTENCE


def _legacy_baseline(finding, fingerprint_text: str) -> str:
    old = finding.__class__(finding.code, finding.name, finding.severity, finding.path, 1, 1, 1, 1,
                            finding.message, figure=finding.figure, fingerprint_text=fingerprint_text)
    entry = {"code": finding.code, "path": finding.path, "fingerprint": content_fingerprint(old), "count": 1,
             "figure": finding.figure, "message": finding.message}
    return json.dumps({"schema": 1, "tool": "claimstrack", "entries": [entry]})


def test_a_schema_1_baseline_keeps_silencing_a_finding_whose_fingerprint_changed(tmp_path):
    # Before this version the whole unbounded line was fingerprinted.
    line = "Clinic results " + "and more results " * 30 + "over 92% of patients improved"
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\ndocuments = ['*.txt']\n", "page.txt": line})
    [finding] = [f for f in check(root=tmp_path).findings if f.code == "CT101"]
    old = parse_baseline(_legacy_baseline(finding, f"{finding.figure}|{line}"), "baseline.json")
    assert content_fingerprint(finding) != old.entries[0].fingerprint
    kept, baselined, stale = apply_baseline([finding], old)
    assert (kept, baselined, stale) == ([], [finding], [])
    assert SCHEMA == 2
    newer = parse_baseline(_legacy_baseline(finding, f"{finding.figure}|{line}").replace('"schema": 1', '"schema": 2'),
                           "baseline.json")
    assert apply_baseline([finding], newer)[0] == [finding]  # schema 2 matches fingerprints only
