"""Markdown: the prose a reader of the rendered page sees, mapped back to the source.

markdown-it-py gives the block structure and each block's source lines; inline tokens carry no
positions, so each inline text run is located in its block's source lines with a cursor that
only moves forward (so a run is never matched inside markup that was skipped: a link URL, a
code span, an image). A page that is one bulleted list of plain items and nothing else
(`_list_only_runs`), and one of ATX headings and paragraphs only (`_prose_only_runs`, its runs'
inline markup parsed by markdown-it's inline parser), are read without its block parser, as it
would read them.

Kept: headings, paragraphs, list items, table cells, block quotes, link text, entities (decoded),
raw HTML blocks read as HTML. Dropped: front matter, code blocks and spans, emphasis markers,
raw inline tags, link and image URLs, images, autolinks, bare URLs, reference definitions,
citation brackets and footnote markers (parsed first), footnote definitions (parsed for the
keys they cite).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from claimstrack.documents.base import (
    Document,
    TextBuilder,
    is_own_line,
    normalise_newlines,
)
from claimstrack.documents.build import assemble_document
from claimstrack.documents.citations import (
    CitationMark,
    parse_footnote_definition,
    scan_text,
)
from claimstrack.documents.html import HtmlScanner
from claimstrack.documents.suppressions import CommentMark
from claimstrack.errors import DocumentError, Problem
from claimstrack.model import Location
from claimstrack.positions import LineIndex

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: markdown-it stops reading at this many levels of nesting (its maxNesting; 20 by default, which
#: real pages reach with 10 nested lists) and drops the text below: a page nested that deep is
#: refused (CT901) rather than passed unread. Higher, its inline parser recurses too deeply.
MAX_NESTING = 100

#: Block rules that can only fire on a page holding one of these strings (a table's header row
#: has a "|", a fence starts with three backticks or tildes, and so on). markdown-it tries every
#: rule on every line, and as a paragraph's or a list's terminator on the next; a rule that
#: cannot fire changes no token, so a page without its strings is parsed without it.
_BLOCK_RULE_MARKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("table", ("|",)),
    ("fence", ("```", "~~~")),
    ("blockquote", (">",)),
    ("html_block", ("<",)),
    ("heading", ("#",)),
    ("reference", ("[",)),
)
#: A thematic break is a line ending in three or more of one of "-", "*", "_" with only spaces
#: or tabs between; a setext underline is a line whose content is a run of "=" or "-" (after
#: the container's indentation or ">"). A page with no line like either is parsed without them.
_BLOCK_RULE_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hr", re.compile(r"[-*_](?:[ \t]*[-*_]){2,}[ \t]*$", re.MULTILINE)),
    ("lheading", re.compile(r"(?:^|[ \t>])(?:=+|-+)[ \t]*$", re.MULTILINE)),
)
#: The characters an inline rule of the parser starts at (a line break, an escape, a code span,
#: strikethrough, emphasis, a link, an image, an autolink or inline HTML, an entity). An inline
#: run with none of them is one text token of its whole content, so it is not parsed at all.
_INLINE_MARKUP = re.compile(r"[\n\\`~*_\[!<&]")
#: The same on a page with no link reference definition: there a "[" (or "![") opens a link
#: only when its "]" is followed at once by "(", so a run with brackets but no "](" is plain
#: text too (a citation "[@key]", a note mark "[^1]", "Act now!").
_INLINE_MARKUP_NO_REFERENCES = re.compile(r"[\n\\`~*_<&]|\]\(")
#: The same for a paragraph's run on a page read by `_prose_only_runs`, whose lines are the
#: source's lines as they stand: a line break there is markup only with a space before it
#: (dropped, or two making a hard break) or a space or tab after it (skipped); else the soft
#: break markdown-it makes is the "\n" itself, and a hard-wrapped paragraph is one run of text.
_PROSE_MARKUP = re.compile(r"[\\`~*_<&]|\]\(| \n|\n[ \t]")


def _holds_prose_markup(text: str) -> bool:
    """`_PROSE_MARKUP.search(text) is not None`, as substring tests in C (the regex tries its
    branches at every space: 50 us over a page's runs, against 5 here)."""
    return ("\\" in text or "`" in text or "~" in text or "*" in text or "_" in text or "<" in text
            or "&" in text or "](" in text or " \n" in text or "\n " in text or "\n\t" in text)


@functools.cache
def _parser(without: frozenset[str] = frozenset()) -> MarkdownIt:
    """The parser with the block rules in `without` switched off; inline runs are left for
    `_inline_children` (the core "inline" rule is off)."""
    # Imported here, on the first Markdown page, not with the package: markdown-it takes
    # 40 ms to import, which a run over .txt, .html or .docx pages need not pay.
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    # Keep entities and escapes as their own tokens: their `markup` is the source spelling.
    # Its "normalize" rule turns line breaks into "\n" and NUL into U+FFFD, which
    # parse_markdown has done already: two regex passes over every page for nothing.
    parser.disable(["text_join", "normalize", "inline"])
    if without:
        parser.disable(sorted(without))
    return parser


def _parser_for(source: str) -> MarkdownIt:
    """The parser for one page: without the block rules that cannot fire on it."""
    return _parser(_rules_that_cannot_fire(source))


def _rules_that_cannot_fire(source: str) -> frozenset[str]:
    without = {rule for rule, marks in _BLOCK_RULE_MARKS if not any(mark in source for mark in marks)}
    without.update(rule for rule, line in _BLOCK_RULE_LINES if line.search(source) is None)
    return frozenset(without)


class _Run(NamedTuple):
    """An inline run as markdown-it gives it (its `content` and the lines it spans, `map`),
    made without it; `children` None: plain text, taken whole (see `_inline_children`)."""

    content: str
    map: list[int]
    children: list[Token] | None = None


#: A list item of plain words on one line: "- ", "* " or "+ " after spaces, then a first
#: character that starts no other block inside the item (a marker, a heading, a quote, a fence,
#: an ordered item, a code block's indent).
_PLAIN_ITEM = re.compile(r"( *)[-*+] (?![-*+#>`~<|=_\[]|\d+[.)](?:\s|$))(\S[^\t]*)")
#: The same, line by line over a whole page (one `finditer`, not a match per line).
_PLAIN_ITEM_LINE = re.compile(r"^( *)[-*+] (?![-*+#>`~<|=_\[]|\d+[.)](?:\s|$))(\S[^\t\n]*)$", re.MULTILINE)
#: `_INLINE_MARKUP` without the line break: a page with none of these has no item with markup.
_INLINE_MARKUP_IN_LINES = re.compile(r"[\\`~*_\[!<&]")
#: The block rules of a list-only page: all but code, list and paragraph cannot fire on it.
_LIST_ONLY_RULES = frozenset(rule for rule, _ in _BLOCK_RULE_MARKS + _BLOCK_RULE_LINES)
#: A list-only page's item: its text stripped, its line and where the text starts in the page.
_Item = tuple[str, int, int]


def _list_only_runs(source: str) -> list[_Item] | None:
    """The items of a page that is one bulleted list and nothing else, read without
    markdown-it; None for any other page.

    markdown-it spends about 6 microseconds a token, and a list item makes five (a page of
    nested items in 1 MB, 260,000). The page read here is the shape a list takes when written
    out: every line an item of plain words (`_PLAIN_ITEM`, no inline markup, no tab), no blank
    line but at the end, and each item either at the indent of an open item (the next item of
    that list) or two spaces past the innermost (the first item of a list inside it). There
    each line is one paragraph of one item, as markdown-it reads it: its text stripped, and its
    line. A list nested deep enough to be refused (`_refuse_too_deep`) is left to markdown-it.
    The lines are matched by one pass over the page, and searched for markup once."""
    if _PLAIN_ITEM.match(source) is None:  # most pages: not from their first line on
        return None
    lines = source.split("\n")
    while lines and not lines[-1].strip(" "):  # blank lines at the end hold no text
        lines.pop()
    body = "\n".join(lines)
    markup = _INLINE_MARKUP_IN_LINES.search(body) is not None  # else no item has any
    items: list[_Item] = []
    markers: list[int] = []  # the indent of the marker of each open item, outermost first
    expected = 0  # where the next line starts: every line must be an item
    for number, item in enumerate(_PLAIN_ITEM_LINE.finditer(body)):
        if item.start() != expected or (markup and _INLINE_MARKUP.search(item.group(2))):
            return None
        expected = item.end() + 1
        indent = item.end(1) - item.start(1)
        if indent in markers:  # the next item of an open list: the items inside it close
            del markers[markers.index(indent):]
        elif indent != (markers[-1] + 2 if markers else 0):
            return None
        markers.append(indent)
        if 2 * len(markers) + 2 >= MAX_NESTING:  # an item's text is at level 2 per list + 1
            return None
        items.append((item.group(2).strip(), number, item.start(2)))
    if expected != len(body) + 1:
        return None
    # last, the page-wide scan (about 50 microseconds on a 3 KB page, a fifth of its parse):
    # no line that could open a table, a fence, a quote, a heading, a rule and so on
    return items if _rules_that_cannot_fire(source) >= _LIST_ONLY_RULES else None


#: What markdown-it strips from a block's text (its `mdTrim`, imported with the parser).
_MD_TRIM = "\t\n\x0b\x0c\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
#: A line opening a paragraph or going on with one, on a page read without markdown-it: it
#: starts no other block (no indent, quote, list marker, thematic break, setext underline,
#: fence, HTML block, table delimiter or footnote definition; "*" and "_" open emphasis there,
#: "`" and "~" a code span or strikethrough).
_PROSE_START = r"(?!\d{1,9}[.)](?:[ \t]|$)|[*+](?:[ \t]|$)|([*_])(?:[ \t]*\1){2,}[ \t]*$|```|~~~)"
_PROSE_LINE = re.compile(_PROSE_START + r"[^\s>\-=<|:\x02]")
#: The same where a line may be a link reference definition ("[label]: url"), which needs a
#: "]:": no line opens with "[" there.
_PROSE_LINE_NO_BRACKET = re.compile(_PROSE_START + r"[^\s>\-=<|:\[\x02]")
#: An ATX heading's opening: one to six "#" and then a space, a tab or the line's end.
_ATX_HEADING = re.compile(r"#{1,6}(?=[ \t]|$)")


def _prose_only_runs(source: str) -> list[_Run] | None:
    """The inline runs of a page made only of ATX headings and paragraphs (any inline markup:
    emphasis, links, code spans), read without markdown-it's block parser; None for any other.

    Most pages of a site are written so, and markdown-it spends most of their reading trying
    its block rules on every line. Here every line is blank (spaces and tabs only), an ATX
    heading, or a paragraph's line that no block rule could take (`_PROSE_LINE`, so nothing can
    interrupt a paragraph but a blank line or a heading); on a page that could hold a link
    reference definition (a "]:"), no line opens with "[". Each block's run is what markdown-it makes of
    it: a heading's text without its closing "#"s, a paragraph's lines joined and trimmed, and
    the lines each spans; the runs with inline markup are parsed by its inline parser, once the
    whole page is known to be so (else markdown-it parses them again)."""
    prose_line = _PROSE_LINE_NO_BRACKET if "]:" in source else _PROSE_LINE
    lines = source.split("\n")
    blocks: list[tuple[str, int, int]] = []  # each block's run, first line and end line
    opened = -1  # the first line of the open paragraph
    for number, line in enumerate(lines):
        heading = _ATX_HEADING.match(line)
        if heading is None and prose_line.match(line):
            if opened < 0:
                opened = number
            continue
        if opened >= 0:
            blocks.append(("\n".join(lines[opened:number]).strip(_MD_TRIM), opened, number))
            opened = -1
        if heading is not None:
            blocks.append((_heading_text(line[heading.end():]), number, number + 1))
        elif line.strip(" \t"):
            return None  # a line another block rule could take
    if opened >= 0:
        blocks.append(("\n".join(lines[opened:]).strip(_MD_TRIM), opened, len(lines)))
    # asked once of all the runs (the source holds NUL as U+FFFD, so the NUL between two runs
    # makes no markup of their edges): on most pages none holds any, and each is one text token
    if not _holds_prose_markup("\0".join(content for content, _, _ in blocks)):
        return [_Run(content, [first, end]) for content, first, end in blocks]
    return [_Run(content, [first, end], _parsed_run(content, None, {}, _PROSE_MARKUP)) for content, first, end in blocks]


def _heading_text(rest: str) -> str:
    """An ATX heading's text, from what follows its opening "#"s: without the closing "#"s
    (when a space or tab is before them), trimmed, as markdown-it's heading rule takes it."""
    rest = rest.rstrip(" \t")
    unclosed = rest.rstrip("#")
    if len(unclosed) < len(rest) and unclosed[-1:] in (" ", "\t"):
        rest = unclosed
    return rest.strip(_MD_TRIM)


def _inline_children(token: Token, parser: MarkdownIt, env: dict[str, Any]) -> None:
    """Parse an inline token's run into its children, unless it is plain text (no character
    an inline rule starts at): then its children are None, and the walker takes the run whole."""
    token.children = _parsed_run(token.content, parser, env)


def _parsed_run(content: str, parser: MarkdownIt | None, env: dict[str, Any],
                markup: re.Pattern[str] | None = None) -> list[Token] | None:
    """The inline tokens of one run of text; None when it is plain text (the parser, or
    `_parser()` when None, would make it one text token of its whole content). `markup`: what
    makes a run more than text (by default, for a run of any block of a page with or without
    link reference definitions)."""
    if markup is None:
        markup = _INLINE_MARKUP if "references" in env else _INLINE_MARKUP_NO_REFERENCES
    if markup.search(content) is None:
        return None
    parser = parser or _parser()
    children: list[Token] = []
    parser.inline.parse(content, parser, env, children)
    return children


_FRONT_MATTER_CLOSE = {"---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE),
                       "+++": re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)}  # fmt: skip
_FOOTNOTE_DEFINITION = re.compile(r"^[\[\x02]\^([^\s\^\[\]]+)\]:[ \t]*", re.MULTILINE)
# "[^1]: @key" starting a paragraph would parse as a link reference definition (turning every
# "[^1]" into a link); a placeholder for its "[" makes it a plain paragraph, which
# _read_footnote_definition takes. The placeholder never reaches `text` (see _text).
_FOOTNOTE_START = re.compile(r"(\A|\n[ \t]*\n)( {0,3})\[(?=\^[^\s\^\[\]]+\]:)")
_PLACEHOLDER = "\x02"
_SUP_TAG = re.compile(r"<(/?)sup[\s>]", re.IGNORECASE)


def blank_front_matter(source: str) -> str:
    """`source` with YAML (---) or TOML (+++) front matter at the top replaced by blanks."""
    fence = source[:3]
    if fence not in _FRONT_MATTER_CLOSE or source[3:4] not in ("\n", " ", "\t"):
        return source
    first_line_end = source.find("\n")
    if first_line_end == -1 or source[3:first_line_end].strip():
        return source
    close = _FRONT_MATTER_CLOSE[fence].search(source, first_line_end + 1)
    if close is None:
        return source
    blanked = re.sub(r"[^\n]", " ", source[: close.end()])
    return blanked + source[close.end() :]


class _InlineWalker:
    """Maps the children of inline tokens to source offsets with a forward-only cursor."""

    def __init__(
        self, source: str, original: str, starts: list[int], comments: list[CommentMark]
    ) -> None:
        self.source = source
        self.original = original
        self.starts = starts
        self.comments = comments
        self.cursor = 0
        #: text ranges set in inline <sup> (reference marks, exponents)
        self.superscripts: list[tuple[int, int]] = []
        self._open_superscripts: list[int] = []

    def line_offset(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.source)

    def _enter(self, token: Token | _Run) -> int:
        """Move the cursor to the first line of `token`; the end of its last line (its limit)."""
        first, last = token.map or (0, len(self.starts))
        self.cursor = max(self.cursor, self.line_offset(first))
        return max(self.line_offset(last), self.cursor)

    def plain_blocks(self, runs: Sequence[_Run]) -> Iterator[tuple[str, int]]:
        """Each run of plain text (no children: `_parsed_run`) and where `walk` finds it in the
        source, for `TextBuilder.add_blocks`: what walking each run then ending its block gives."""
        for run in runs:
            limit = self._enter(run)
            found = self.source.find(run.content, self.cursor, limit)
            if found != -1:  # else not in the run's lines: dropped, as `_text` drops it
                self.cursor = found + len(run.content)
                yield run.content, found

    def walk(self, token: Token | _Run, builder: TextBuilder) -> None:
        """Add the visible text of one inline token to `builder`."""
        limit = self._enter(token)
        if token.children is None:  # plain text, not parsed (see _inline_children)
            self._text(token.content, builder, limit)
            return
        in_autolink = False  # an autolink's text is its destination: skipped up to its ">"
        for child in token.children:
            if in_autolink:
                if child.type == "link_close":
                    in_autolink = False
                    self._skip_past(">", limit)
            elif child.type == "link_open" and child.markup == "autolink":
                in_autolink = True
            else:
                self._child(child, builder, limit)

    def _child(self, child: Token, builder: TextBuilder, limit: int) -> None:
        """Add what one inline child shows (text, entities, breaks, comments) and move the cursor
        past its markup (code spans, link destinations, images are not prose)."""
        kind = child.type
        if kind == "text":
            self._text(child.content, builder, limit)
        elif kind == "text_special":
            self._special(child, builder, limit)
        elif kind in ("softbreak", "hardbreak"):
            self._text("\n", builder, limit)
        elif kind == "code_inline":
            self.cursor = _skip_code_span(self.source, self.cursor, limit, len(child.markup))
        elif kind == "html_inline":
            self._html_inline(child.content, builder, limit)
        elif kind == "link_close":
            close = self.source.find("]", self.cursor, limit)
            if close != -1:
                self.cursor = _skip_destination(self.source, close + 1, limit)
        elif kind == "image":
            self.cursor = _skip_image(self.source, self.cursor, limit)

    def _text(self, content: str, builder: TextBuilder, limit: int) -> None:
        found = self.source.find(content, self.cursor, limit)
        if found == -1:
            return  # not in this block's lines: drop it rather than map it wrongly
        if _PLACEHOLDER in content:  # restore the "[" of a footnote definition from the source
            content = self.original[found : found + len(content)]
        builder.add(content, found)
        self.cursor = found + len(content)

    def _special(self, child: Token, builder: TextBuilder, limit: int) -> None:
        found = self.source.find(child.markup, self.cursor, limit)
        if found == -1:
            return
        end = found + len(child.markup)
        builder.add_decoded(child.content.replace("\xa0", " "), found, end)
        self.cursor = end

    def _html_inline(self, content: str, builder: TextBuilder, limit: int) -> None:
        found = self.source.find(content, self.cursor, limit)
        if found == -1:
            return
        end = found + len(content)
        if content.startswith("<!--"):
            body = content[4:-3] if content.endswith("-->") else content[4:]
            own_line = is_own_line(self.source, found, end)
            self.comments.append(CommentMark(body, found, builder.length, own_line))
        else:
            self._superscript_tag(content, builder)
        self.cursor = end

    def _superscript_tag(self, tag: str, builder: TextBuilder) -> None:
        """Record where an inline `<sup>` starts and ends in the text."""
        name = _SUP_TAG.match(tag)
        if name is None:
            return
        if not name.group(1):
            self._open_superscripts.append(builder.length)
        elif self._open_superscripts:
            self.superscripts.append((self._open_superscripts.pop(), builder.length))

    def _skip_past(self, char: str, limit: int) -> None:
        found = self.source.find(char, self.cursor, limit)
        if found != -1:
            self.cursor = found + 1


def _skip_code_span(source: str, position: int, limit: int, ticks: int) -> int:
    """The end of the code span whose opening run of `ticks` backticks is the next one."""
    opening = source.find("`" * ticks, position, limit)
    if opening == -1:
        return position
    index = opening + ticks
    while True:
        run_start = source.find("`", index, limit)
        if run_start == -1:
            return opening + ticks
        run_end = run_start
        while run_end < limit and source[run_end] == "`":
            run_end += 1
        if run_end - run_start == ticks:
            return run_end
        index = run_end


def _skip_destination(source: str, position: int, limit: int) -> int:
    """Skip a link tail after "]": "(url "title")", "[label]" or nothing."""
    if position >= limit:
        return position
    if source[position] == "[":
        close = source.find("]", position, limit)
        return position if close == -1 else close + 1
    if source[position] != "(":
        return position
    depth = 0
    index = position
    while index < limit:
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        elif char in "\"'" and depth == 1:
            close = source.find(char, index + 1, limit)
            index = index if close == -1 else close
        index += 1
    return position


def _skip_image(source: str, position: int, limit: int) -> int:
    """Skip "![alt](src)" starting at or after `position`."""
    start = source.find("![", position, limit)
    if start == -1:
        return position
    depth = 0
    index = start + 1
    while index < limit:
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return _skip_destination(source, index + 1, limit)
        index += 1
    return position


def _refuse_too_deep(tokens: list[Token], path: str) -> None:
    """A DocumentError where nesting reaches the parser's limit: the text below it is not read."""
    for token in tokens:
        if token.level >= MAX_NESTING - 1:
            line = token.map[0] + 1 if token.map else 1
            message = (f"blockquotes and lists nested too deeply ({MAX_NESTING} levels, a list "
                       "counting two): the text inside them cannot be read")
            raise DocumentError(f"{path}: {message}", [Problem(Location(path, line, 1), message)])


def parse_markdown(source: str, path: str = "<string>") -> Document:
    """A Document holding the visible prose of a Markdown file."""
    source = normalise_newlines(source)
    # markdown-it turns NUL into U+FFFD; do the same (one char for one) in the copy we search.
    searchable = blank_front_matter(source).replace("\0", "\ufffd")
    if "[^" in searchable:  # else no footnote definition to protect (and no regex pass)
        searchable = _FOOTNOTE_START.sub("\\1\\2" + _PLACEHOLDER, searchable)
    line_index = LineIndex(source)
    starts = line_index.starts
    builder = TextBuilder()
    comments: list[CommentMark] = []
    walker = _InlineWalker(searchable, source, starts, comments)
    footnotes: dict[str, list[tuple[str, str | None, int]]] = {}
    items = _list_only_runs(searchable)
    if items is not None and _PLACEHOLDER not in searchable:
        # items of plain words, none a footnote definition (an item starts with no "[", and no
        # placeholder is on the page): their text goes in as blocks, in one loop, each where
        # its line's item starts (no marker or space before it can begin its stripped text)
        builder.add_blocks((content, start) for content, _, start in items)
    else:
        runs = None if items is None else [_Run(content, [line, line + 1]) for content, line, _ in items]
        if runs is None:
            runs = _prose_only_runs(searchable)
        if runs is None:
            _read_blocks(searchable, path, walker, builder, footnotes)
        elif _plain_text_only(runs, searchable):
            builder.add_blocks(walker.plain_blocks(runs))  # most pages: their runs in one loop
        else:
            for run in runs:
                _read_run(run, walker, builder, footnotes)
    text, offsets = builder.finish()
    scan = scan_text(text, offsets)
    citations = list(scan.citations)
    for ref in scan.footnote_refs:
        for key, locator, source_offset in footnotes.get(ref.label, ()):
            citations.append(CitationMark(key, locator, ref.text_position, source_offset))
    return assemble_document(
        path,
        "md",
        source,
        text,
        offsets,
        wide=builder.wide,
        blocks=builder.blocks,
        comments=comments,
        citations=sorted(citations, key=lambda mark: mark.text_position),
        deletions=scan.deletions,
        superscripts=sorted(walker.superscripts),
        line_index=line_index,
    )


def _plain_text_only(runs: Sequence[_Run], source: str) -> bool:
    """True when every run is plain text that no footnote definition or placeholder is in:
    then each is added as it stands, a block of its own (`_InlineWalker.plain_blocks`)."""
    return _PLACEHOLDER not in source and all(
        run.children is None and _FOOTNOTE_DEFINITION.match(run.content) is None for run in runs)


def _read_blocks(source: str, path: str, walker: _InlineWalker, builder: TextBuilder,
                 footnotes: dict[str, list[tuple[str, str | None, int]]]) -> None:
    """Add the text of every block markdown-it finds in `source` to `builder`."""
    parser = _parser_for(source)
    env: dict[str, Any] = {}  # what the block parser found for the inline one (link references)
    tokens = parser.parse(source, env)
    _refuse_too_deep(tokens, path)
    for token in tokens:
        if token.type == "inline":
            _inline_children(token, parser, env)
            _read_run(token, walker, builder, footnotes)
        elif token.type == "html_block" and token.map:
            start, end = walker.line_offset(token.map[0]), walker.line_offset(token.map[1])
            scanner = HtmlScanner(source, builder, walker.comments)
            scanner.scan(start, end)
            walker.superscripts.extend(scanner.superscripts)
            builder.end_block()
            walker.cursor = max(walker.cursor, end)


def _read_run(run: Token | _Run, walker: _InlineWalker, builder: TextBuilder,
              footnotes: dict[str, list[tuple[str, str | None, int]]]) -> None:
    """Add the text of one block's inline run to `builder`, or read it as footnote definitions."""
    if not _read_footnote_definition(run, walker, footnotes):
        walker.walk(run, builder)
        builder.end_block()


def _read_footnote_definition(
    token: Token | _Run, walker: _InlineWalker, footnotes: dict[str, list[tuple[str, str | None, int]]]
) -> bool:
    """Parse `[^label]: ...` paragraphs for the keys they cite; True when it was one.

    Consecutive definitions without blank lines between them share one paragraph; each line
    starting with `[^label]:` begins the next definition. The first definition of a label wins.
    """
    if _FOOTNOTE_DEFINITION.match(token.content) is None:
        return False
    scratch = TextBuilder()
    walker.walk(token, scratch)
    text, offsets = scratch.finish()
    starts = list(_FOOTNOTE_DEFINITION.finditer(text))
    for index, label in enumerate(starts):
        body_end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        cited = parse_footnote_definition(text[label.end() : body_end], offsets[label.end() :])
        # the first definition of a label counts (a repeated label must not multiply citations)
        footnotes.setdefault(label.group(1), cited)
    return True
