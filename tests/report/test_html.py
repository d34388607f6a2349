from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import attrs
import pytest

from claimstrack.errors import UsageError
from claimstrack.report import render_report
from claimstrack.report.html import stylesheet

from .conftest import CLAIM_92, CLAIM_PREVALENCE, PAGE_B, build_report

WHEN = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)
HOSTILE_CLAIM = "over 92% of patients <script>alert('claim')</script> reported relief"
HOSTILE_PAGE = PAGE_B + '\nSee <img src=x onerror="document.title=\'pwned\'"> for more.\n'


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []

    def handle_starttag(self, tag, attrs_):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs_)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture
def hostile_html(project) -> str:
    claim = attrs.evolve(CLAIM_92, text=HOSTILE_CLAIM, approved_by='<b onmouseover="x()">Mallory</b>')
    report = build_report(project, page_b=HOSTILE_PAGE, claims=(claim, CLAIM_PREVALENCE))
    return render_report(report, "html", title="Review <i>draft</i>", generated_at=WHEN)


def test_hostile_text_renders_as_text(hostile_html):
    assert "&lt;script&gt;alert(&#39;claim&#39;)&lt;/script&gt;" in hostile_html
    assert "&lt;img src=x onerror=&#34;document.title=&#39;pwned&#39;&#34;&gt;" in hostile_html
    assert "&lt;b onmouseover=&#34;x()&#34;&gt;Mallory&lt;/b&gt;" in hostile_html
    assert "Review &lt;i&gt;draft&lt;/i&gt;" in hostile_html
    elements = parse(hostile_html)
    for tag in ("script", "img", "iframe", "object", "embed", "b", "i", "link"):
        assert elements.named(tag) == [], tag
    assert not any(key.startswith("on") for _, attributes in elements.tags for key in attributes)


def test_no_javascript_or_external_resources(hostile_html):
    elements = parse(hostile_html)
    for _, attributes in elements.tags:
        for key in ("src", "srcset", "poster", "background"):
            assert key not in attributes
    hrefs = [a["href"] or "" for a in elements.named("a")]
    assert hrefs and all(h.startswith(("#", "https://doi.org/", "https://", "http://")) for h in hrefs)
    assert not any(h.lower().startswith("javascript:") for h in hrefs)
    # nothing is fetched: no url() in the stylesheet, no @import, no external font
    assert "url(" not in hostile_html and "@import" not in hostile_html


def test_content_security_policy_forbids_scripts(hostile_html):
    (csp,) = [m for m in parse(hostile_html).named("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    policy = {d.split()[0]: d.split()[1:] for d in (csp["content"] or "").split(";") if d.strip()}
    assert policy["script-src"] == ["'none'"] and policy["default-src"] == ["'none'"]


def test_accessible_structure(hostile_html):
    elements = parse(hostile_html)
    (html_tag,) = elements.named("html")
    assert html_tag["lang"] == "en"
    assert elements.headings[0] == 1 and elements.headings.count(1) == 1
    # heading levels never skip: h1 -> h2 -> h3, never h1 -> h3
    assert all(b <= a + 1 for a, b in zip(elements.headings, elements.headings[1:]))
    tables = hostile_html.count("<table")
    assert tables == hostile_html.count("<caption>") == len(elements.named("thead"))
    header_cells = elements.named("th")
    assert header_cells and all(cell.get("scope") in ("col", "row") for cell in header_cells)
    svgs = elements.named("svg")
    assert svgs and all(s.get("role") == "img" and s.get("aria-labelledby") for s in svgs)


def test_status_is_told_by_text_not_colour_alone(project):
    html = render_report(build_report(project), "html", generated_at=WHEN)
    for label in ("Supported", "Unsupported", "Conflicting", "Suppressed"):
        assert f'<span class="visually-hidden"> ({label})</span>' in html
    assert "Reason: family history figure is under legal review" in html


def test_summary_verdict_and_sections(project):
    html = render_report(build_report(project), "html", generated_at=WHEN)
    assert "CI gate: FAIL" in html and "exit code 1" in html
    for anchor in ("summary", "documents", "claims", "inconsistencies", "findings", "references", "sign-off", "audit"):
        assert f'id="{anchor}"' in html
    assert "claimstrack 0.1.0" in html and "2026-11-21 09:30:00+00:00" in html
    assert html.count("Signature") >= 1 and "Approved with changes" in html
    assert 'href="https://doi.org/10.1111/j.1526-4637.2011.01234.x"' in html


def test_every_internal_link_has_a_target(project):
    html = render_report(build_report(project), "html", generated_at=WHEN)
    elements = parse(html)
    ids = {a["id"] for _, a in elements.tags if a.get("id")}
    targets = {a["href"][1:] for a in elements.named("a") if (a.get("href") or "").startswith("#")}
    assert targets and targets <= ids
    assert len(ids) == sum(1 for _, a in elements.tags if a.get("id"))  # ids are unique


def test_print_css_keeps_rows_whole_and_repeats_headers():
    css = str(stylesheet())
    print_block = css[css.index("@media print"):]
    assert "break-inside: avoid" in print_block
    assert "thead { display: table-header-group; }" in print_block
    assert "break-before: page" in print_block


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", ["ok", "bad", "clash", "quiet"])
def test_status_colours_meet_wcag_aa_contrast(name):
    css = str(stylesheet())
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    assert _contrast(colours[name], colours[f"{name}-bg"]) >= 4.5
    assert _contrast(colours["muted"], colours["band"]) >= 4.5


def test_unknown_format_is_a_usage_error(report):
    with pytest.raises(UsageError, match="unknown report format 'pdf'"):
        render_report(report, "pdf")


def test_empty_run_renders(project):
    report = build_report(project)
    empty = attrs.evolve(report, findings=(), suppressed=(), documents=(), occurrences=(),
                         library=attrs.evolve(report.library, claims=()), bibliography=attrs.evolve(report.bibliography, references=()))
    html = render_report(empty, "html", generated_at=WHEN)
    assert "No documents were checked." in html and "CI gate: PASS" in html
    assert "No figures disagree across documents." in html


def test_the_html_is_written_in_pieces_that_join_to_the_whole(report, monkeypatch):
    import claimstrack.report.html as html_module
    from claimstrack.report import stream_report

    when = dt.datetime(2026, 11, 21, tzinfo=dt.timezone.utc)
    monkeypatch.setattr(html_module, "_PIECE", 10**12)  # one piece: the template's whole output
    (whole,) = list(stream_report(report, "html", generated_at=when))
    monkeypatch.setattr(html_module, "_PIECE", 2000)
    pieces = list(stream_report(report, "html", generated_at=when))
    assert "".join(pieces) == whole == render_report(report, "html", generated_at=when)
    # every piece but the last is at least _PIECE long, or goes just before a stretch that long,
    # which is written as it is rather than copied into a piece
    assert len(pieces) > 3 and all(len(piece) >= 2000 or len(following) >= 2000
                                   for piece, following in zip(pieces, pieces[1:]))
    # and a long stretch does go on as it is: some piece before the last is short because of one
    assert any(len(piece) < 2000 for piece in pieces[:-1])
    assert list(stream_report(report, "markdown", generated_at=when)) == [
        render_report(report, "markdown", generated_at=when)]
    with pytest.raises(UsageError):
        stream_report(report, "pdf")  # at once, before anything is written
