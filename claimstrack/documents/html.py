"""HTML: the text a browser shows, from a hand-written linear scanner.

Kept: text in the body (and the <title>), entities decoded, whitespace collapsed. Dropped:
tags and their attributes (alt and title attributes are never read), comments (claimstrack
suppression comments are recorded), and the content of elements a reader does not see as prose:
script, style, template, noscript, svg, math, head (except title), code, pre, iframe, object,
canvas, audio, video, select, textarea. Block elements end a block of text.

The scanner never backtracks: each step moves forward, and searches for a closing quote or tag
are bounded so that broken or hostile markup ("<<<<", unterminated comments and attributes,
deep nesting) costs linear time.
"""

from __future__ import annotations

import html as _html
import re
from collections import Counter
from html.entities import html5 as _HTML5

from claimstrack.documents.base import (
    Document,
    TextBuilder,
    is_own_line,
    normalise_newlines,
)
from claimstrack.documents.build import assemble_document
from claimstrack.documents.citations import find_urls, merge_ranges
from claimstrack.documents.suppressions import CommentMark

#: Elements whose content is not prose a reader sees.
HIDDEN = frozenset(
    "script style template noscript svg math head code pre iframe object canvas audio video "
    "select textarea".split()
)

#: Elements whose content is raw text: no tags inside, ended only by their closing tag.
RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())

#: Elements that start and end a block of text.
BLOCKS = frozenset(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol option p section summary table tbody td tfoot th thead title tr ul".split()
)

#: Elements with no content and no closing tag.
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

#: Elements that may sit in <head>; any other opening tag ends an unclosed head.
_HEAD_CONTENT = frozenset("title meta link style script base noscript template".split())

#: The next markup: a whole tag whose quotes all close, in one C-level match ("<", "/" for a
#: closing tag, the name, then attributes up to ">": a quoted value may hold ">"; possessive, so
#: it never backtracks), else the start of markup that `_markup` reads step by step: a comment,
#: "<!", "<?", or a tag with a quote left open or cut off by the end of input.
_MARKUP = re.compile(r"""<(/?)([A-Za-z][^\s/>]*+)(?:[^>"']++|"[^"]*+"|'[^']*+')*+>|<[A-Za-z!?]|</[A-Za-z]""")
_TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*")
_TAG_STOP = re.compile(r"[>\"']")
_WHITESPACE = " \t\n\r\f"
_SPACES = re.compile(r"[ \t\n\r\f]*")
#: Whitespace that needs collapsing (a run, or a tab/newline), and entity references.
_DATA_SPECIAL = re.compile(
    r"[ \t\n\r\f]{2,}|[\t\n\r\f]|&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)"
)
_RAW_CLOSE = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in RAW_TEXT}


def decode_entity(reference: str) -> str | None:
    """The characters an entity reference stands for, or None when it is not one."""
    if reference.startswith("&#"):
        return _html.unescape(reference)
    # html5 holds "amp;" and, for the legacy names browsers accept without ";", also "amp"
    return _HTML5.get(reference[1:])


class HtmlScanner:
    """Reads source[start:end] as HTML into a TextBuilder, recording comments."""

    #: where the next markup starts, and the whole tag when one match takes it
    markup = _MARKUP

    def __init__(self, source: str, builder: TextBuilder, comments: list[CommentMark]) -> None:
        self.source = source
        self.builder = builder
        self.comments = comments
        self._hidden: list[str] = []
        self._hidden_count: Counter[str] = Counter()
        #: text ranges set in <sup> (reference marks, when a reference list follows)
        self.superscripts: list[tuple[int, int]] = []
        self._open_superscripts: list[int] = []

    def scan(self, start: int = 0, end: int | None = None) -> None:
        """Scan one stretch of HTML (a whole file, or an HTML block inside Markdown)."""
        end = len(self.source) if end is None else end
        source = self.source
        self._last_quote = {q: source.rfind(q, start, end) for q in "\"'"}
        search = self.markup.search
        position = start
        while position < end:
            match = search(source, position, end)
            if match is None:
                self._data(position, end)
                break
            at = match.start()
            if at > position:
                self._data(position, at)
            name = match.group(2)
            if name is None:
                position = self._markup(at, end)
            elif match.group(1):
                self._close_tag(name.lower())
                position = match.end()
            else:
                position = match.end()
                position = self._open_tag(name.lower(), position, source[position - 2] == "/", end)

    # -- text -----------------------------------------------------------------------------

    def _data(self, start: int, end: int, force: bool = False) -> None:
        if start >= end or (self._hidden and not force):
            return
        source, builder = self.source, self.builder
        if source[start] in _WHITESPACE:
            if _SPACES.match(source, start, end).end() == end:  # type: ignore[union-attr]
                builder.add_space(start)  # only whitespace: the line break between two tags
                return
        elif source[end - 1] not in _WHITESPACE and _DATA_SPECIAL.search(source, start, end) is None:
            builder.add(source[start:end], start)  # the common run: nothing to collapse or decode
            return
        self._run(start, end)

    def _run(self, start: int, end: int) -> None:
        """Any run of text: whitespace collapsed, entities decoded (`_data` takes the common
        runs, which need neither, in one step)."""
        source, builder = self.source, self.builder
        # Whitespace at either edge may join whitespace across a tag, so it goes through
        # add_space; a single space inside the run is kept as it is (the common, fast case).
        inner_start = _SPACES.match(source, start, end).end()  # type: ignore[union-attr]
        if inner_start > start:
            builder.add_space(start)
        inner_end = inner_start + len(source[inner_start:end].rstrip(_WHITESPACE))
        position = inner_start
        for match in _DATA_SPECIAL.finditer(source, inner_start, inner_end):
            if match.start() > position:
                builder.add(source[position : match.start()], position)
            token = match.group()
            if token[0] == "&":
                decoded = decode_entity(token)
                if decoded is None:
                    builder.add(token, match.start())
                else:
                    builder.add_decoded(decoded.replace("\xa0", " "), match.start(), match.end())
            else:
                builder.add_space(match.start())
            position = match.end()
        if position < inner_end:
            builder.add(source[position:inner_end], position)
        if inner_end < end and inner_end > inner_start:
            builder.add_space(inner_end)

    # -- markup ---------------------------------------------------------------------------

    def _markup(self, start: int, end: int) -> int:
        """Handle the markup at `start` ("<" then a letter, "!", "?" or "/"); return where next."""
        source = self.source
        if source.startswith("<!--", start):
            return self._comment(start, end)
        if source[start + 1] in "!?":
            close = source.find(">", start + 2, end)
            return end if close == -1 else close + 1
        closing = source[start + 1] == "/"
        name_match = _TAG_NAME.match(source, start + (2 if closing else 1), end)
        assert name_match is not None  # guaranteed by _MARKUP
        name = name_match.group().lower()
        after, self_closing = self._tag_end(name_match.end(), end)
        if closing:
            self._close_tag(name)
            return after
        return self._open_tag(name, after, self_closing, end)

    def _comment(self, start: int, end: int) -> int:
        close = self.source.find("-->", start + 4, end)
        after = end if close == -1 else close + 3
        body = self.source[start + 4 : end if close == -1 else close]
        own_line = is_own_line(self.source, start, after)
        self.comments.append(CommentMark(body, start, self.builder.length, own_line))
        return after

    def _tag_end(self, position: int, end: int) -> tuple[int, bool]:
        """Where a tag whose name ends at `position` ends, and whether it closes itself ("/>")."""
        source = self.source
        while True:
            stop = _TAG_STOP.search(source, position, end)
            if stop is None:
                return end, False  # a tag cut off by the end of input: browsers drop it
            at = stop.start()
            char = source[at]
            if char == ">":
                return at + 1, source[at - 1] == "/"
            if at >= self._last_quote[char]:  # an unterminated quote: fall back to the next ">"
                close = source.find(">", at + 1, end)
                return (end, False) if close == -1 else (close + 1, False)
            position = source.find(char, at + 1, end) + 1

    def _open_tag(self, name: str, after: int, self_closing: bool, end: int) -> int:
        if self._hidden and self._hidden[-1] == "head" and name not in _HEAD_CONTENT:
            self._pop_hidden("head")  # an unclosed <head> ends where body content starts
        if name in BLOCKS:
            self.builder.end_block()
        if name == "sup" and not self_closing:
            self._open_superscripts.append(self.builder.length)
        if name in RAW_TEXT and not self_closing:
            return self._raw_text(name, after, end)
        if name in HIDDEN and not self_closing and name not in VOID:
            self._hidden.append(name)
            self._hidden_count[name] += 1
        return after

    def _raw_text(self, name: str, after: int, end: int) -> int:
        close = _RAW_CLOSE[name].search(self.source, after, end)
        content_end = end if close is None else close.start()
        if name == "title" and all(hidden == "head" for hidden in self._hidden):
            self._data(after, content_end, force=True)
            self.builder.end_block()
        if close is None:
            return end
        tag_end, _ = self._tag_end(close.end() - 1, end)
        return tag_end

    def _close_tag(self, name: str) -> None:
        if name == "sup" and self._open_superscripts:
            self.superscripts.append((self._open_superscripts.pop(), self.builder.length))
        if self._hidden_count[name]:
            self._pop_hidden(name)
        if name in BLOCKS:
            self.builder.end_block()

    def _pop_hidden(self, name: str) -> None:
        """Close `name` and any hidden element left open inside it."""
        while self._hidden:
            top = self._hidden.pop()
            self._hidden_count[top] -= 1
            if top == name:
                return


def parse_html(source: str, path: str = "<string>") -> Document:
    """A Document holding the visible text of an HTML page."""
    source = normalise_newlines(source)
    builder = TextBuilder()
    comments: list[CommentMark] = []
    scanner = HtmlScanner(source, builder, comments)
    scanner.scan()
    text, offsets = builder.finish()
    return assemble_document(
        path,
        "html",
        source,
        text,
        offsets,
        wide=builder.wide,
        blocks=builder.blocks,
        comments=comments,
        deletions=merge_ranges(find_urls(text)),
        superscripts=scanner.superscripts,
    )
