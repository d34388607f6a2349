from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimstrack.documents import Document, parse_html
from claimstrack.documents import html as html_reader

from .helpers import span_of

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bounded_inputs import HTML_INPUTS  # noqa: E402

POSITION_CASES = [
    ("paragraph", "<p>Approximately 42 million Americans</p>", "42 million", 1, 18, "42 million"),
    ("inline tags", "<p>Over <b>92%</b> of <i>patients</i></p>", "92% of patients", 1, 12,
     "92%</b> of <i>patients"),
    ("second line", "<html>\n<body>\n  <p>Over 92%</p>", "92%", 3, 11, "92%"),
    ("entity", "<p>A &amp; B 42</p>", "& B 42", 1, 6, "&amp; B 42"),
    ("numeric entity", "<p>10&#x2013;20 days</p>", "–20", 1, 6, "&#x2013;20"),
    ("legacy entity without semicolon", "<p>a &amp b</p>", "& b", 1, 6, "&amp b"),
    ("nbsp", "<p>42&nbsp;million</p>", "42 million", 1, 4, "42&nbsp;million"),
    ("collapsed whitespace", "<p>over\n   \t 92%</p>", "over 92%", 1, 4, "over\n   \t 92%"),
    ("attribute with >", '<p title="a > 5">Over 92%</p>', "Over 92%", 1, 18, "Over 92%"),
    ("crlf", "<p>a</p>\r\n<p>b 42</p>", "b 42", 2, 4, "b 42"),
    ("title", "<head><title>42 reasons</title></head><body>x</body>", "42 reasons", 1, 14,
     "42 reasons"),
    ("after script", "<script>if (a<b) x = '</p>';</script><p>Now 42</p>", "Now 42", 1, 41,
     "Now 42"),
    ("after unclosed quote", "<p a='x>Over 92%</p>", "Over 92%", 1, 9, "Over 92%"),
    ("stray lt", "<p>5 < 6 and 42</p>", "< 6 and 42", 1, 6, "< 6 and 42"),
    ("uppercase tags", "<P>Over <B>92%</B></P>", "92%", 1, 12, "92%"),
]


@pytest.mark.parametrize(
    ("source", "needle", "line", "column", "snippet"),
    [c[1:] for c in POSITION_CASES],
    ids=[c[0] for c in POSITION_CASES],
)
def test_html_positions(source: str, needle: str, line: int, column: int, snippet: str) -> None:
    assert span_of(parse_html(source), needle) == (line, column, snippet)


DROPPED_CASES = [
    ("script", "<p>a</p><script>var n = 42;</script>"),
    ("style", "<style>.c42 { width: 42px }</style><p>a</p>"),
    ("template", "<template><p>42</p></template><p>a</p>"),
    ("noscript", "<noscript>42</noscript><p>a</p>"),
    ("svg", "<svg><text>42</text></svg><p>a</p>"),
    ("head", "<head><meta content=42><script>42</script></head><body><p>a</p></body>"),
    ("comment", "<!-- 42 --><p>a</p>"),
    ("attributes", '<img alt="42 smiles" src="42.png"><p title="42">a</p>'),
    ("code", "<p>a <code>x = 42</code></p>"),
    ("pre", "<pre>42</pre><p>a</p>"),
    ("unterminated comment", "<p>a</p><!-- 42 ..."),
    ("doctype", "<!DOCTYPE html 42><p>a</p>"),
    ("processing instruction", "<?xml version='42'?><p>a</p>"),
    ("bare url", "<p>a https://x.org/42</p>"),
    ("unclosed tag at end", "<p>a</p><div class='42"),
]


@pytest.mark.parametrize("source", [c[1] for c in DROPPED_CASES], ids=[c[0] for c in DROPPED_CASES])
def test_html_drops(source: str) -> None:
    document = parse_html(source)
    assert "42" not in document.text
    assert "a" in document.text


def test_blocks_and_inline_elements() -> None:
    html = "<h1>Title 1</h1><div>Over <em>92%</em><br>next</div><ul><li>one</li><li>two</li></ul>"
    assert parse_html(html).text == "Title 1\n\nOver 92%\n\nnext\n\none\n\ntwo"


def test_whitespace_collapses_across_tags_and_trims_blocks() -> None:
    assert parse_html("<p>  a  <b> b </b>  c  </p>\n\n<p> d </p>").text == "a b c\n\nd"


def test_table_cells_are_blocks() -> None:
    html = "<table><tr><th>Group</th><th>Rate</th></tr><tr><td>A</td><td>92%</td></tr></table>"
    assert parse_html(html).text == "Group\n\nRate\n\nA\n\n92%"


def test_unclosed_head_ends_at_body_content() -> None:
    assert parse_html("<head><title>T</title><p>Over 42</p>").text == "T\n\nOver 42"


def test_nested_hidden_elements_close_in_order() -> None:
    html = "<svg><svg></svg>hidden 1</svg><p>shown 2</p><noscript><p>x</noscript>shown 3"
    assert parse_html(html).text == "shown 2\n\nshown 3"


def test_unknown_entity_stays_literal() -> None:
    assert parse_html("<p>&bogus; &#1114112; 42</p>").text == "&bogus; \ufffd 42"


@pytest.mark.parametrize("source", HTML_INPUTS.values(), ids=HTML_INPUTS.keys())
def test_hostile_html_maps_every_character_back(source: str) -> None:
    # benchmarks/bounded_inputs.py times these inputs; here, that the text is mapped back to
    # the source character for character, in order.
    document = parse_html(source)
    assert len(document.offsets) == len(document.text) + 1
    assert list(document.offsets) == sorted(document.offsets) and document.offsets[-1] <= len(source)


class _StepByStep(html_reader.HtmlScanner):
    """The scanner with every tag read step by step (`_markup`) and every run of text through
    the general path (`_run`): what the one-match tags and the plain runs must give."""

    markup = re.compile(r"(?!)(/?)()|<[A-Za-z!?]|</[A-Za-z]")  # the groups never take a tag

    def _data(self, start: int, end: int, force: bool = False) -> None:
        if start < end and (force or not self._hidden):
            self._run(start, end)


def _read_both_ways(source: str) -> tuple[Document, Document]:
    fast = parse_html(source)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(html_reader, "HtmlScanner", _StepByStep)
        return fast, parse_html(source)


MARKUP_PIECES = [
    *"ab 1.2%\n\t<>/&;=\"'!?-", "  ", "\n  ", " \n", "&amp;", "&nbsp;", "&nbsp; x", "&#8211;",
    "&bogus;", "&amp", "<!--", "-->", "<!-- claimstrack: ignore[CT101] -->", "<p>", "</p>",
    "<P class=\"x\">", "<b>", "</b>", "<div id='a>b'>", "<br/>", "<br />", "<img src=x/>",
    "<a href=\"/\">", "</a>", "<a title='x>", "<a b=\"c'>", "<sup>", "</sup>", "<script>",
    "</script>", "<style>", "</style >", "<title>", "</title>", "<head>", "</head>", "<body>",
    "<svg>", "</svg>", "<code>", "</code>", "<pre/>", "<!DOCTYPE html>", "<?xml x?>", "</ p>",
    "< p>", "<p", "</p", "<a\"b\">", "<td>", "<li>", "<textarea>", "</textarea>",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(source=st.lists(st.sampled_from(MARKUP_PIECES), max_size=40).map("".join))
def test_one_match_tags_read_as_step_by_step(source: str) -> None:
    fast, slow = _read_both_ways(source)
    # a Document's equality holds its text, sentences, citations, suppressions and reference marks
    assert (fast, list(fast.offsets), dict(fast.wide)) == (slow, list(slow.offsets), dict(slow.wide))


def test_the_benchmark_site_pages_read_as_step_by_step() -> None:
    from site_scale import page_text, quantities

    everything = quantities(60)
    rng = random.Random(7)
    for number in range(5):
        source = page_text(rng, "html", number, 5000, claims=everything[:40], inferred=everything[40:])
        fast, slow = _read_both_ways(source)
        assert fast.text and (fast.text, list(fast.offsets)) == (slow.text, list(slow.offsets))
