"""A progress bar on stderr for long runs, and the rule for when to show one.

Shown only to a person watching: stderr is a terminal, the output format is text (machine
formats are piped somewhere), no CI variable is set (CI logs are not terminals even when they
pretend to be), and the run is long: more than `MANY_DOCUMENTS` documents, or still going after
`DELAY_SECONDS`. Short runs stay silent so ordinary output is not cluttered.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import TextIO

MANY_DOCUMENTS = 200
DELAY_SECONDS = 1.0
#: Redraw at most this often; drawing every document would cost more than checking it.
REDRAW_SECONDS = 0.1
_WIDTH = 30

# Variables CI services set; any of them non-empty means "not a person at a terminal".
_CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION")


def in_ci(environ: Mapping[str, str]) -> bool:
    """True when a CI service's environment variable is set (CI=false counts as unset)."""
    return any(environ.get(name, "").strip().lower() not in ("", "0", "false") for name in _CI_VARIABLES)


def may_show_progress(*, format: str, isatty: bool, environ: Mapping[str, str]) -> bool:
    """Whether a bar may ever appear: a text run on a terminal, outside CI."""
    return format == "text" and isatty and not in_ci(environ) and not environ.get("CLAIMSTRACK_NO_PROGRESS")


def is_long(total: int, elapsed: float) -> bool:
    """A run worth a bar: many documents, or slow ones."""
    return total > MANY_DOCUMENTS or elapsed > DELAY_SECONDS


class ProgressBar:
    """`[#####.....] 120/1000 documents` redrawn in place; invisible until the run is long."""

    def __init__(self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.done = 0
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._last_draw: float | None = None

    def advance(self, count: int = 1) -> None:
        """Record finished documents and redraw when due."""
        self.done += count
        now = self._clock()
        if not is_long(self.total, now - self._started):
            return
        if self._last_draw is not None and now - self._last_draw < REDRAW_SECONDS and self.done < self.total:
            return
        self._last_draw = now
        self._stream.write("\r" + self.line())
        self._stream.flush()

    def line(self) -> str:
        """The bar as text, without the carriage return."""
        filled = _WIDTH * self.done // self.total if self.total else _WIDTH
        bar = "#" * filled + "." * (_WIDTH - filled)
        return f"[{bar}] {self.done}/{self.total} documents"

    @property
    def drawn(self) -> bool:
        return self._last_draw is not None

    def close(self) -> None:
        """Erase the bar so the report starts on a clean line."""
        if self.drawn:
            self._stream.write("\r" + " " * len(self.line()) + "\r")
            self._stream.flush()


def progress_bar(
    total: int,
    *,
    format: str = "text",
    stream: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> ProgressBar | None:
    """A bar on `stream` (stderr) for `total` documents, or None when none may be shown."""
    out = sys.stderr if stream is None else stream
    env = os.environ if environ is None else environ
    isatty = bool(getattr(out, "isatty", None) and out.isatty())
    if not may_show_progress(format=format, isatty=isatty, environ=env):
        return None
    return ProgressBar(total, out)
