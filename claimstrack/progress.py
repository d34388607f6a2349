"""Progress on stderr for long runs, and the rule for when to show it.

Shown only to a person watching: stderr is a terminal and no CI variable is set (CI logs are
not terminals even when they pretend to be), for every output format (the output goes to stdout
or a file, the bar to stderr, and is erased before the output starts on the same terminal). A
bar appears once a stage is long: more than `MANY_DOCUMENTS` documents, or still going after
`DELAY_SECONDS`; short runs stay silent so ordinary output is not cluttered. Asked for
(`claimstrack check --progress`), progress is shown anywhere: on a stream that is not a
terminal, as a plain line now and then instead of a bar redrawn in place.

Each stage that can take more than a second has a bar: the cache lookup and reading the
documents (`documents`), the site-wide checks (`checks`), and writing the output
(`findings written`).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import TextIO

import attrs

MANY_DOCUMENTS = 200
DELAY_SECONDS = 1.0
#: Redraw at most this often; drawing every document would cost more than checking it.
REDRAW_SECONDS = 0.1
#: Where the bar cannot be redrawn in place (a log), a line at most this often.
LINE_SECONDS = 5.0
_WIDTH = 30

# Variables CI services set; any of them non-empty means "not a person at a terminal".
_CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION")


def in_ci(environ: Mapping[str, str]) -> bool:
    """True when a CI service's environment variable is set (CI=false counts as unset)."""
    return any(environ.get(name, "").strip().lower() not in ("", "0", "false") for name in _CI_VARIABLES)


def may_show_progress(*, isatty: bool, environ: Mapping[str, str], asked: bool = False) -> bool:
    """Whether progress may ever appear: asked for, or on a terminal outside CI, unless
    CLAIMSTRACK_NO_PROGRESS is set."""
    if environ.get("CLAIMSTRACK_NO_PROGRESS"):
        return False
    return asked or (isatty and not in_ci(environ))


def is_long(total: int, elapsed: float, *, eager: bool | None = None) -> bool:
    """A stage worth a bar: a large one (`eager`; by default, many documents), or a slow one."""
    large = total > MANY_DOCUMENTS if eager is None else eager
    return large or elapsed > DELAY_SECONDS


class ProgressBar:
    """`[#####.....] 120/1000 documents` redrawn in place; invisible until the stage is long.

    `unit` names what is counted; `eager` shows the bar from the start (default: when `total`
    is more than MANY_DOCUMENTS), else it appears after DELAY_SECONDS. On a stream that is not
    a terminal (`inline=False`) the line is written whole, at most every LINE_SECONDS."""

    def __init__(self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic, *,
                 unit: str = "documents", eager: bool | None = None, inline: bool = True) -> None:
        self.total = total
        self.done = 0
        self.unit = unit
        self.doing = ""
        self._stream = stream
        self._clock = clock
        self._eager = eager
        self._inline = inline
        self._started = clock()
        self._last_draw: float | None = None
        self._drawn_width = 0
        self._finished = False  # the last count was drawn

    def advance(self, count: int = 1) -> None:
        """Record finished items and redraw when due."""
        self.done += count
        self._draw_if_due()

    def start(self, doing: str) -> None:
        """Say what is being done now (shown after the count) and redraw when due."""
        self.doing = doing
        self._draw_if_due()

    def _draw_if_due(self) -> None:
        now = self._clock()
        if not is_long(self.total, now - self._started, eager=self._eager):
            return
        every = REDRAW_SECONDS if self._inline else LINE_SECONDS
        due = self._last_draw is None or now - self._last_draw >= every
        finishing = self.done >= self.total and not self._finished
        if not (due or finishing):
            return
        self._finished = self._finished or finishing
        self._last_draw = now
        line = self.line()
        if self._inline:
            # Pad over what a longer previous line left (the name of what is done shrinks).
            self._stream.write("\r" + line + " " * max(self._drawn_width - len(line), 0))
            self._drawn_width = max(self._drawn_width, len(line))
        else:
            self._stream.write("claimstrack: " + line + "\n")
        self._stream.flush()

    def line(self) -> str:
        """The bar as text, without the carriage return."""
        filled = _WIDTH * min(self.done, self.total) // self.total if self.total else _WIDTH
        bar = "#" * filled + "." * (_WIDTH - filled)
        doing = f": {self.doing}" if self.doing else ""
        return f"[{bar}] {self.done}/{self.total} {self.unit}{doing}"

    @property
    def drawn(self) -> bool:
        return self._last_draw is not None

    def close(self) -> None:
        """Erase the bar so the report starts on a clean line."""
        if self.drawn and self._inline:
            self._stream.write("\r" + " " * self._drawn_width + "\r")
            self._stream.flush()


@attrs.frozen
class Display:
    """Where progress goes and how: a terminal's bar redrawn in place, or lines in a log."""

    stream: TextIO
    inline: bool = True

    def bar(self, total: int, unit: str = "documents", *, eager: bool | None = None) -> ProgressBar:
        return ProgressBar(total, self.stream, unit=unit, eager=eager, inline=self.inline)


def progress_display(
    *, asked: bool = False, stream: TextIO | None = None, environ: Mapping[str, str] | None = None
) -> Display | None:
    """The display on `stream` (stderr), or None when no progress may be shown there."""
    out = sys.stderr if stream is None else stream
    env = os.environ if environ is None else environ
    isatty = bool(getattr(out, "isatty", None) and out.isatty())
    if not may_show_progress(isatty=isatty, environ=env, asked=asked):
        return None
    return Display(out, inline=isatty)
