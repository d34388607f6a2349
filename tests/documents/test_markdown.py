from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimstrack.documents import parse_markdown
from claimstrack.errors import DocumentError

from .helpers import span_of

POSITION_CASES = [
    # id, source, visible needle, line, column, source text of the span
    ("paragraph", "Approximately 42 million Americans.", "42 million", 1, 15, "42 million"),
    ("emphasis", "**over** 92% of patients", "over 92%", 1, 3, "over** 92%"),
    ("nested emphasis", "x *a **42** b* y", "42", 1, 8, "42"),
    ("link text", "[42 million Americans](https://x/42) agree", "42 million Americans", 1, 2,
     "42 million Americans"),
    ("after link", "[a](https://x/42 \"t 9\") then 42", "then 42", 1, 25, "then 42"),
    ("reference link", "[a][r] then 42\n\n[r]: https://x/42", "then 42", 1, 8, "then 42"),
    ("after image", "![alt 3](i/3.png) 3 cats", "3 cats", 1, 19, "3 cats"),
    ("after code span", "`x 42` and 42", "and 42", 1, 8, "and 42"),
    ("double backticks", "``a ` 42`` and 42", "and 42", 1, 12, "and 42"),
    ("heading", "intro\n\n## Over 92% of cases", "92%", 3, 9, "92%"),
    ("setext heading", "Over 92%\n========", "92%", 1, 6, "92%"),
    ("entity", "A &amp; B 42", "& B 42", 1, 3, "&amp; B 42"),
    ("numeric entity", "10&#8211;20 days", "–20", 1, 3, "&#8211;20"),
    ("escape", r"\*42", "*42", 1, 1, r"\*42"),
    ("nbsp", "42&nbsp;million", "42 million", 1, 1, "42&nbsp;million"),
    ("table cell", "| a | b |\n|---|---|\n| 42 | 43% |", "43%", 3, 8, "43%"),
    ("same value twice in a row", "| 42 | 42 |\n|---|---|\n| 42 | 42 |", "42", 1, 3, "42"),
    ("nested list", "- a\n  - b 42\n    - c 43", "c 43", 3, 7, "c 43"),
    ("ordered list", "1. First 5\n2. Second 6", "Second 6", 2, 4, "Second 6"),
    ("block quote", "> quote\n> more 42", "more 42", 2, 3, "more 42"),
    ("lazy quote", "> quote\nmore 42", "more 42", 2, 1, "more 42"),
    ("crlf", "a\r\n\r\nb 42\r\n", "b 42", 3, 1, "b 42"),
    ("bom", "\ufeffa 42", "a 42", 1, 1, "a 42"),
    ("front matter", "---\ntitle: 42\n---\nBody 7", "Body 7", 4, 1, "Body 7"),
    ("toml front matter", "+++\nx = 42\n+++\nBody 7", "Body 7", 4, 1, "Body 7"),
    ("html block", "<div>\nOver <b>92%</b>\n</div>", "92%", 2, 9, "92%"),
    ("inline html", "Over <span>92%</span>", "92%", 1, 12, "92%"),
    ("hard break", "a 5\\\nb 6", "b 6", 2, 1, "b 6"),
    ("strikethrough", "~~old 41~~ new 42", "new 42", 1, 12, "new 42"),
]


@pytest.mark.parametrize(
    ("source", "needle", "line", "column", "snippet"),
    [case[1:] for case in POSITION_CASES],
    ids=[case[0] for case in POSITION_CASES],
)
def test_markdown_positions(source: str, needle: str, line: int, column: int, snippet: str) -> None:
    document = parse_markdown(source)
    assert span_of(document, needle) == (line, column, snippet)


DROPPED_CASES = [
    # id, source, text that must not be visible
    ("fenced code", "Intro\n\n```\ncode 42\n```\n", "42"),
    ("tilde fence", "~~~python\nx = 42\n~~~", "42"),
    ("indented code", "Intro\n\n    code 42\n", "42"),
    ("code span", "Use `42` here", "42"),
    ("link url", "[text](https://x.org/42)", "42"),
    ("link title", '[text](https://x.org "title 42")', "42"),
    ("image", "![alt 42](img42.png)", "42"),
    ("autolink", "<https://example.org/42>", "42"),
    ("bare url", "See https://example.org/page/42 now", "42"),
    ("www url", "See www.example.org/42.", "42"),
    ("www url in capitals", "See WWW.Example.ORG/42.", "42"),
    ("reference definition", "[a]: https://x/42\n\ntext", "42"),
    ("yaml front matter", "---\nfigure: 42\n---\ntext", "42"),
    ("html tag", '<span data-n="42">text</span>', "42"),
    ("html comment", "text <!-- 42 -->", "42"),
    ("script in html block", "<script>\nvar x = 42;\n</script>", "42"),
    ("emphasis markers", "**bold** and _it_", "*"),
    ("citation", "Pain fell [@smith2020, p. 42].", "42"),
    ("footnote marker", "Pain fell.[^42]", "42"),
    ("footnote definition", "Pain fell.[^1]\n\n[^1]: Smith 2020, table 42.", "42"),
]


@pytest.mark.parametrize(
    ("source", "hidden"), [c[1:] for c in DROPPED_CASES], ids=[c[0] for c in DROPPED_CASES]
)
def test_markdown_drops(source: str, hidden: str) -> None:
    assert hidden not in parse_markdown(source).text


def test_blocks_are_separated_by_blank_lines() -> None:
    document = parse_markdown("# Title 1\n\nPara 2\n\n- item 3\n- item 4\n\n| a |\n|---|\n| 5 |")
    assert document.text == "Title 1\n\nPara 2\n\nitem 3\n\nitem 4\n\na\n\n5"
    assert [document.text[s:e] for s, e in document.sentences] == [
        "Title 1", "Para 2", "item 3", "item 4", "a", "5",
    ]  # fmt: skip


def test_separator_maps_to_the_end_of_the_previous_block() -> None:
    document = parse_markdown("ab\n\ncd")
    assert document.text == "ab\n\ncd"
    assert list(document.offsets) == [0, 1, 2, 2, 4, 5, 6]


def test_link_text_kept_url_dropped() -> None:
    document = parse_markdown("[42 million Americans](https://x/42) have it")
    assert document.text == "42 million Americans have it"


def test_citation_brackets_removed_with_leading_space() -> None:
    document = parse_markdown("Pain fell in 92% [@krusz2010, p. 3]. Next one.")
    assert document.text == "Pain fell in 92%. Next one."


def test_unterminated_front_matter_is_text() -> None:
    assert parse_markdown("---\ntitle: x\n").text.startswith("title: x")


def test_entity_span_covers_the_whole_entity() -> None:
    document = parse_markdown("x &amp;")
    start = document.text.find("&")
    span = document.source_span(start, start + 1)
    assert document.source[span.start : span.end] == "&amp;"


def test_nul_is_read_as_replacement_character() -> None:
    document = parse_markdown("a\0b 42")
    assert document.text == "a\ufffdb 42"
    assert span_of(document, "b 42")[:2] == (1, 3)


def test_seed_as_markdown_maps_every_character() -> None:
    seed = Path(__file__).resolve().parents[2] / "content" / "new-advances-refractory-chronic-migraine.txt"
    with open(seed, encoding="utf-8") as handle:
        source = handle.read()
    document = parse_markdown(source)
    assert "Approximately 42 million Americans" in document.text
    for index, char in enumerate(document.text):
        if document.text[index : index + 2] != "\n\n" and char != "\n":
            assert document.source[document.offsets[index]] == char


def _read_with_the_full_parser(monkeypatch: pytest.MonkeyPatch, source: str):
    """parse_markdown with markdown-it as it comes: every block rule, its own normalize rule
    and its inline parser run on every run of text, on every page (none of the reader's
    shortcuts: no list-only or prose-only page read without it)."""
    from markdown_it import MarkdownIt

    from claimstrack.documents import markdown

    full = MarkdownIt("commonmark", {"html": True, "maxNesting": markdown.MAX_NESTING}).enable(["table", "strikethrough"])
    full.disable("text_join")
    assert "normalize" in full.core.ruler.get_active_rules()
    with monkeypatch.context() as patched:
        patched.setattr(markdown, "_parser_for", lambda source: full)
        patched.setattr(markdown, "_inline_children", lambda token, parser, env: None)
        patched.setattr(markdown, "_list_only_runs", lambda source: None)
        patched.setattr(markdown, "_prose_only_runs", lambda source: None)
        return parse_markdown(source, "p.md")


def _reading(document):
    """Everything a Document holds: its fields (text, sentences, citations, suppressions...)
    and the maps back to the source, which its equality leaves out."""
    return document, list(document.offsets), dict(document.wide)


@pytest.mark.parametrize("source", [
    "Intro\r\n\r\nOver 42% of\r\npatients.\r\n",
    "a\rb 42\rc\0d 7",
    "Text[^1] with 42%.\n\n[^1]: @smith2020, p. 3\n",
    "  [^n]: @k\n\nSee[^n] 5\0 and 6.",
    "---\ntitle: x\n---\n# H 1\n\n* item 2\r\n* item\0 3\n",
    "".join("  " * i + "- Over 90% agree\n" for i in range(10)) * 3,
    "Title 5\n---\n\nBody 6\n===\n\n- a 1\n  ---\n- b 2\n\n* * *\n\n> q 3\n> ---\n",
    ">q 4\n>---\n\n>>r 5\n>>===\n",
    "| a | b 4 |\n| --- | --- |\n| 1 | 2 |\n\n```\ncode 9\n```\n\n~~~\nx 8\n~~~\n",
    "[r]: https://e.org\n\nSee [the 5%][r] and <b>6</b> &amp; `7` ~~8~~ *9* _10_ ![i 11](s.png) <https://x.y>\n",
    "1. one 1\n2. two 2\n\n    indented 3\n\n<div>\nblock 4\n</div>\n\n## Head 5 ##\n",
    "Over 42% of\nadults agree.\nMore 5 here\n\n- a 6\n  b 7\n\n> c 8\n> d\n",  # hard-wrapped
    "a 5 \nb\n\nc 6  \nd\n\ne\n  f 7\n\ng\t\nh 8\n\ni\\\nj 9\n",  # breaks beside spaces: parsed
])
def test_the_readers_shortcuts_change_nothing(monkeypatch, source):
    """parse_markdown normalises line breaks and NUL itself (the parser's normalize rule is off),
    parses a page without the block rules that cannot fire on it, and takes a run of text with
    no inline markup as it stands: it reads every page as markdown-it does with none of that."""
    assert _reading(parse_markdown(source, "p.md")) == _reading(_read_with_the_full_parser(monkeypatch, source))


_MARKUP_PIECES = st.sampled_from([
    "- ", "* ", "+ ", "1. ", "2) ", "  ", "    ", "\t", "\n", "\n\n", "> ", ">", "#", "# ", "---", "***", "___",
    "===", "- - -", "|", " | ", "```", "~~~", "<div>", "</div>", "<b>", "<!-- x -->", "[", "]", "(", ")",
    "[a]: /u", "[a]", "![", "`", "*", "_", "~~", "\\", "&amp;", "&", "!", "42", "5%", "over", "the", ".", " ",
    "İ", "\0", "\r", "[^1]", "[^1]: @k", "[@k]", "<https://x.y>", "=",
])


@given(st.lists(_MARKUP_PIECES, max_size=40).map("".join))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_readers_shortcuts_change_nothing_on_any_markup(monkeypatch, source):
    assert _reading(parse_markdown(source, "p.md")) == _reading(_read_with_the_full_parser(monkeypatch, source))


_PLAIN_WORDS = ["Over 90% agree", "5% of 25", "a", "42 ", "İ 7\u2003", "1.5 million", "1)x", "x  ", "z\u00a0", "b.c"]
#: Items as lists are written out: at an open item's indent (an index into the open items) or
#: two spaces past the innermost (None), each with its marker and words.
_WRITTEN_ITEMS = st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 30)), st.sampled_from(["- ", "* ", "+ "]),
                                    st.sampled_from(_PLAIN_WORDS)), min_size=1, max_size=40)
#: One line that makes the page something else (None: no such line): its indent, marker, words.
_FLAW = st.one_of(st.none(), st.tuples(
    st.integers(0, 12), st.sampled_from(["- ", "-  ", "-", "1. ", "-\t", "* "]),
    st.sampled_from(["# h", "> q", "- x", "*x*", "a | b", "    code 4", "b\tc", "[a]", "", "12. y", "1) x", "\u00a0z", "a"])))


@given(_WRITTEN_ITEMS, _FLAW, st.integers(0, 40), st.sampled_from(["\n", "", "\n\n", "\n    ", "\n  \n \n"]))
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_list_only_page_reads_as_markdown_it_reads_it(monkeypatch, items, flaw, flaw_at, end):
    """A page that is one bulleted list written out (each item at an open item's indent or two
    past the innermost) is read without markdown-it (`_list_only_runs`); with one other line in
    it (another indent, marker or block), by markdown-it. Either way as markdown-it reads it."""
    markers: list[int] = []
    lines = []
    for open_item, marker, words in items:
        indent = markers[open_item % len(markers)] if markers and open_item is not None else (markers[-1] + 2 if markers else 0)
        markers = [m for m in markers if m < indent] + [indent]
        lines.append(" " * indent + marker + words)
    if flaw is not None:
        lines.insert(flaw_at % (len(lines) + 1), " " * flaw[0] + flaw[1] + flaw[2])
    source = "\n".join(lines) + end
    assert _reading(parse_markdown(source, "p.md")) == _reading(_read_with_the_full_parser(monkeypatch, source))


@pytest.mark.parametrize("source", [
    "".join("  " * i + "- Over 90% agree\n" for i in range(10)) * 3,
    "- a 1\n  - b 2\n    * c 3\n  + d 4\n- e 5",
    "- a 1\n  - b 2\n- c 3\n  - d 4\n    - e 5\n  - f 6\n",
    "".join("  " * i + "- deep 5\n" for i in range(48)),  # the deepest markdown-it reads
])
def test_a_written_out_list_is_read_without_markdown_it(monkeypatch, source):
    from claimstrack.documents import markdown

    assert markdown._list_only_runs(source) is not None
    assert _reading(parse_markdown(source, "p.md")) == _reading(_read_with_the_full_parser(monkeypatch, source))


def test_a_list_too_deep_to_read_is_refused_as_markdown_it_refuses_it():
    source = "".join("  " * i + "- deep 5\n" for i in range(49))
    with pytest.raises(DocumentError, match="p.md:49:1: blockquotes and lists nested too deeply"):
        parse_markdown(source, "p.md")


_PROSE_LINES = [
    "# Page 879: living with 5 cats", "## Section 2 ##", "### x 3 #", "#", "# ", "####### 7 x", "#hashtag 5",
    "# [^1]: @k", "#\tTab 3", "# a 1 \\#", "About 23.9% of adults [@source0142].", "Act now! 5 [^1] and [b] 4",
    "*Over* 90% of [us](https://x.y) agree", "see [a][b] 4", "`code 5` and &amp; 6", "x 5  ", "z\u00a0",
    "2024 was 5% up", "1.5 million", "a\tb 3", "İ 7", "\ufeff5 x", "text 9 #", "![i 3](s.png) <b>4</b>",
    "12345678901. long 3", "[@k] opens 4", "_under_ 8", "~~gone~~ 9", "x <!-- y --> 5", "**Bold 5** x", "+5% up",
    "*a* 6", "[Read 7](https://e.org) more", "[a] [b]: c 8", "_ _ x 9", "*x* * *",
    "``two`` 5", "~~x~~ 6", "`` ` `` 7",
]
#: Lines that make a page something more than headings and paragraphs (or may: "[r]: /u").
_OTHER_BLOCK_LINES = ["> q 1", "- x 2", "1. y 3", "2) z 4", "    code 4", " lead 3", "---", "===", "| a | b |",
                      "[r]: /u", "<div>", "```", "~~~", "\u00a0z 5", ":-- | --:", "* * *", "+ p", "\x0cff 6",
                      "***", "_ _ _", "* x", "[r]:\n/u 5", "[^1]: @k", "````", "~~~ x", "*\tx", "+", "<!-- x --> 5"]


@given(st.lists(st.one_of(st.sampled_from(_PROSE_LINES), st.sampled_from(["", "  ", "\t"])), max_size=30),
       st.one_of(st.none(), st.tuples(st.sampled_from(_OTHER_BLOCK_LINES), st.integers(0, 30))),
       st.sampled_from(["", "---\ntitle: x\n---\n"]), st.sampled_from(["\n", "", "\n\n", "\n  "]))
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_page_of_headings_and_paragraphs_reads_as_markdown_it_reads_it(monkeypatch, lines, other, front, end):
    """A page of ATX headings and paragraphs (any inline markup) is read without markdown-it's
    block parser (`_prose_only_runs`); with a line another block rule could take, by
    markdown-it. Either way as markdown-it reads it."""
    from claimstrack.documents import markdown

    if other is not None:
        lines.insert(other[1] % (len(lines) + 1), other[0])
    source = front + "\n".join(lines) + end
    may_define_a_reference = "]:" in source and any(line.startswith("[") for line in lines)
    if other is None and not may_define_a_reference:
        assert markdown._prose_only_runs(markdown.blank_front_matter(source)) is not None
    assert _reading(parse_markdown(source, "p.md")) == _reading(_read_with_the_full_parser(monkeypatch, source))


@pytest.mark.parametrize("source", [
    "---\ntitle: Page 5\n---\n\n# Page 5: tinnitus\n\nAbout 23.9% of adults [@source0142].\nOver 5 million.\n\n## Section 1\n"
    "Roughly 34.0% of women.\n",
    "# [^1]: @smith2020, p. 3\n\nText[^1] with 42%.\n",  # a heading read as a footnote definition, as markdown-it's
    "Intro 5 *emphasis* and [a link](https://e.org/5) and `code 6`.\n# H 7 ##\nnext 8\n",
])
def test_a_page_of_headings_and_paragraphs_is_read_without_markdown_it(monkeypatch, source):
    from claimstrack.documents import markdown

    assert markdown._prose_only_runs(markdown.blank_front_matter(source)) is not None
    assert _reading(parse_markdown(source, "p.md")) == _reading(_read_with_the_full_parser(monkeypatch, source))


def test_the_readers_trim_is_markdown_its():
    from markdown_it.common.utils import MD_TRIM_CHARS

    from claimstrack.documents import markdown

    assert sorted(markdown._MD_TRIM) == sorted(MD_TRIM_CHARS)


def test_a_hard_wrapped_paragraph_is_one_run_of_text():
    from claimstrack.documents import markdown

    prose = markdown._PROSE_MARKUP
    assert markdown._parsed_run("Over 42% of\nadults agree [@k].", None, {}, prose) is None
    assert markdown._parsed_run("Over 42% of \nadults agree.", None, {}, prose) is not None
    assert markdown._parsed_run("Over 42% of\n  adults agree.", None, {}, prose) is not None


@given(text=st.text(alphabet=" \t\n\\`~*_<&]([@kx.", max_size=40))
def test_the_markup_test_in_c_is_the_regex(text: str) -> None:
    from claimstrack.documents import markdown

    assert markdown._holds_prose_markup(text) == (markdown._PROSE_MARKUP.search(text) is not None)


def test_prose_runs_with_markup_on_another_line_of_the_page_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimstrack.documents import markdown

    source = "---\ntitle: x\n---\n# Title \n\nOver 42% of adults agree [@k].\n\nSome *emphasis* here.\n"
    runs = markdown._prose_only_runs(markdown.blank_front_matter(source))
    assert runs is not None and [run.children is None for run in runs] == [True, True, False]
    document = parse_markdown(source, "p.md")
    assert document.text.endswith("Some emphasis here.")
    assert _reading(document) == _reading(_read_with_the_full_parser(monkeypatch, source))
