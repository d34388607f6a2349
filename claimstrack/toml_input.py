"""Reading the project's TOML files: what every loader of one needs (settings, claims
library, rejected groups, the claims editor).

Decoding bytes into text with the first bad byte's position (`decode_text`), parsing TOML while
reporting a syntax error at its line and column (`read_toml`), locating keys and values in a
valid document (`TomlPositions`), "did you mean" suggestions and unknown-key messages, and the
readings of values the files share (`parse_date`, `describe_type` for messages).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from typing import Any

from claimstrack.errors import Problem
from claimstrack.model import Location
from claimstrack.positions import LineIndex

#: A path into a TOML document: table keys and array indexes, `("claim", 2, "evidence", 0)`.
KeyPath = tuple[str | int, ...]

# ---------------------------------------------------------------------------------------------
# Suggestions


def suggest(name: str, allowed: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest allowed name, or '' when none is close.

    Underscores and dashes are compared alike, so `fail_on` suggests `fail-on`.
    """
    allowed = list(allowed)
    by_normal = {a.replace("_", "-").lower(): a for a in allowed}
    normal = name.replace("_", "-").lower()
    if normal in by_normal:
        return f" (did you mean '{by_normal[normal]}'?)"
    close = difflib.get_close_matches(normal, list(by_normal), n=1, cutoff=0.6)
    return f" (did you mean '{by_normal[close[0]]}'?)" if close else ""


def unknown_key_message(key: str, where: str, allowed: Sequence[str]) -> str:
    """The message for a key that is not allowed in `where`, with a suggestion."""
    listed = ", ".join(f"'{a}'" for a in allowed)
    return f"unknown key '{key}' in {where}{suggest(key, allowed)}; allowed: {listed}"


# ---------------------------------------------------------------------------------------------
# Reading TOML with positions

_TOMLLIB_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOMLLIB_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def decode_text(data: bytes, path: str, what: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (an optional BOM is dropped); a binary or badly encoded file is a Problem.

    The Problem for bad UTF-8 points at the line and column of the first bad byte.
    """
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return None, [Problem(Location(path, line, 1), f"binary file (NUL byte), not {what}")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        prefix = data[line_start : exc.start].decode("utf-8", errors="replace")
        message = f"not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded"
        return None, [Problem(Location(path, line, len(prefix) + 1), message)]


def read_toml(text: str, path: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse TOML text; a syntax error becomes a Problem at the line and column tomllib gives."""
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line, column = 1, 1
        if match := _TOMLLIB_POSITION.search(message):
            line, column = int(match.group(1)), int(match.group(2))
            message = message[: match.start()]
        elif match := _TOMLLIB_AT_END.search(message):
            line, column = LineIndex(text).position(len(text))
            message = message[: match.start()] + " at end of file"
        return None, [Problem(Location(path, line, column), f"invalid TOML: {message}")]


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BLANKS = re.compile(r"[ \t]*")
_SCALAR_END = re.compile(r"[^,\]}#\r\n]*")


class TomlPositions:
    """Where each key and value of a *valid* TOML document starts (1-based line, column).

    tomllib gives no positions, so this walks the source once, in linear time, tracking
    [table] and [[array]] headers (with the index of each array element), dotted keys,
    inline tables, arrays and multi-line strings. Paths are tuples such as
    `("claim", 2, "evidence", 0, "n")`; array-of-tables elements point at their header.
    Lookups of an unknown path fall back to the nearest known ancestor, so a scanner gap
    can cost precision but never raises.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines = LineIndex(text)
        self.keys: dict[KeyPath, tuple[int, int]] = {}
        self.values: dict[KeyPath, tuple[int, int]] = {}
        self._arrays_of_tables: dict[KeyPath, int] = {}
        #: Each [table] or [[array]] header: the table's path and the header's offset.
        self.headers: list[tuple[KeyPath, int]] = []
        #: Each top-level `key = value` statement: its table's path and the offset just after it.
        self.statement_ends: list[tuple[KeyPath, int]] = []
        self._pos = 0
        try:
            self._document()
        except (IndexError, ValueError, tomllib.TOMLDecodeError):
            pass  # only for text tomllib rejected; the positions found so far stay usable

    # -- lookups ------------------------------------------------------------------------------

    def key(self, path: KeyPath) -> tuple[int, int]:
        """Line and column of the key at `path` (or of its nearest known ancestor)."""
        return self._nearest(self.keys, path)

    def value(self, path: KeyPath) -> tuple[int, int]:
        """Line and column of the value at `path` (falls back to its key, then ancestors)."""
        if path in self.values:
            return self.values[path]
        return self._nearest(self.keys, path)

    def _nearest(self, table: dict[KeyPath, tuple[int, int]], path: KeyPath) -> tuple[int, int]:
        for end in range(len(path), 0, -1):
            if path[:end] in table:
                return table[path[:end]]
        return (1, 1)

    # -- scanning -----------------------------------------------------------------------------

    def _at(self, offset: int) -> tuple[int, int]:
        return self._lines.position(offset)

    def _skip_blanks(self) -> None:
        self._pos = _BLANKS.match(self._text, self._pos).end()  # type: ignore[union-attr]

    def _skip_space_and_comments(self) -> None:
        """Skip whitespace, newlines and comments (between statements and array items)."""
        text = self._text
        while self._pos < len(text):
            char = text[self._pos]
            if char in " \t\r\n":
                self._pos += 1
            elif char == "#":
                newline = text.find("\n", self._pos)
                self._pos = len(text) if newline == -1 else newline + 1
            else:
                return

    def _document(self) -> None:
        table: KeyPath = ()
        text = self._text
        while True:
            self._skip_space_and_comments()
            if self._pos >= len(text):
                return
            if text.startswith("[[", self._pos):
                table = self._header(array=True)
            elif text[self._pos] == "[":
                table = self._header(array=False)
            else:
                self._key_value(table)
                self.statement_ends.append((table, self._pos))

    def _header(self, *, array: bool) -> KeyPath:
        start = self._pos
        self._pos += 2 if array else 1
        names = self._dotted_key()
        self._pos += 2 if array else 1
        path: KeyPath = ()
        for i, name in enumerate(names):
            path += (name,)
            if i < len(names) - 1 and path in self._arrays_of_tables:
                path += (self._arrays_of_tables[path] - 1,)
        self.keys.setdefault(path, self._at(start))
        if array:
            index = self._arrays_of_tables.get(path, 0)
            self._arrays_of_tables[path] = index + 1
            path += (index,)
            self.keys[path] = self._at(start)
        self.headers.append((path, start))
        return path

    def _dotted_key(self) -> list[str]:
        names = []
        while True:
            self._skip_blanks()
            names.append(self._simple_key())
            self._skip_blanks()
            if self._text[self._pos] != ".":
                return names
            self._pos += 1

    def _simple_key(self) -> str:
        text = self._text
        char = text[self._pos]
        if char == '"' or char == "'":
            start = self._pos
            self._skip_string()
            raw = text[start : self._pos]
            return tomllib.loads(f"k = {raw}")["k"] if char == '"' else raw[1:-1]
        match = _BARE_KEY.match(text, self._pos)
        if match is None or match.end() == self._pos:
            raise ValueError("expected a key")
        self._pos = match.end()
        return match.group()

    def _key_value(self, table: KeyPath) -> None:
        start = self._pos
        names = self._dotted_key()
        path = table + tuple(names)
        self.keys[path] = self._at(start)
        self._skip_blanks()
        self._pos += 1  # "="
        self._skip_blanks()
        self._value(path)

    def _value(self, path: KeyPath) -> None:
        self.values[path] = self._at(self._pos)
        char = self._text[self._pos]
        if char in "\"'":
            self._skip_string()
        elif char == "[":
            self._array(path)
        elif char == "{":
            self._inline_table(path)
        else:
            self._pos = _SCALAR_END.match(self._text, self._pos).end()  # type: ignore[union-attr]

    def _array(self, path: KeyPath) -> None:
        self._pos += 1
        index = 0
        while True:
            self._skip_space_and_comments()
            if self._text[self._pos] == "]":
                self._pos += 1
                return
            self._value(path + (index,))
            index += 1
            self._skip_space_and_comments()
            if self._text[self._pos] == ",":
                self._pos += 1

    def _inline_table(self, path: KeyPath) -> None:
        self._pos += 1
        while True:
            self._skip_blanks()
            if self._text[self._pos] == "}":
                self._pos += 1
                return
            self._key_value(path)
            self._skip_blanks()
            if self._text[self._pos] == ",":
                self._pos += 1

    def _skip_string(self) -> None:
        """Move past a basic, literal or multi-line string starting at the current position."""
        text = self._text
        quote = text[self._pos]
        if text.startswith(quote * 3, self._pos):
            end = self._find_unescaped(quote * 3, self._pos + 3, escapes=quote == '"')
            end += 3
            while end < len(text) and text[end] == quote:  # up to two quotes may close it
                end += 1
            self._pos = end
        else:
            self._pos = self._find_unescaped(quote, self._pos + 1, escapes=quote == '"') + 1

    def _find_unescaped(self, closing: str, start: int, *, escapes: bool) -> int:
        text = self._text
        position = start
        while True:
            found = text.find(closing, position)
            if found == -1:
                raise ValueError("unterminated string")
            if not escapes or _backslashes_before(text, found) % 2 == 0:
                return found
            position = found + 1


def _backslashes_before(text: str, index: int) -> int:
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count


# ---------------------------------------------------------------------------------------------
# Values


def parse_date(value: object) -> dt.date | None:
    """A TOML date, or a "YYYY-MM-DD" string; None when it is neither (date-times included)."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


#: TOML-ish names of value types, for messages; bool before int and datetime before date, as
#: each is a subclass of the next.
_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a float"),
    (str, "a string"),
    (list, "an array"),
    (dict, "a table"),
    (dt.datetime, "a date-time"),
    (dt.date, "a date"),
    (dt.time, "a time"),
)


def describe_type(value: object) -> str:
    """A TOML-ish name for a value's type, for messages ("an integer", "a table")."""
    return next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)), type(value).__name__)
