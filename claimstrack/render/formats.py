"""What an output format of `claimstrack check` is, and the list of them.

Each renderer module declares one `FORMAT = OutputFormat(...)`; `output_formats()` finds them
by looking through the modules of `claimstrack.render`, so a new format is one new module and
the CLI's `--format` choices and `-o` extensions follow from it. A format produces its output
in pieces (a finding or a file at a time), so that a large output is written as it is made and
never held whole; a format that returns one string is one piece.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping

import attrs

from claimstrack.model import Severity
from claimstrack.render._common import ReportLike

#: The format used when neither `--format` nor the `-o` file's extension says.
DEFAULT_FORMAT = "text"


@attrs.frozen
class RenderOptions:
    """What the caller may ask of every format; each reads only what concerns it."""

    color: bool = False  # terminal colours (text)
    fail_on: Severity = Severity.ERROR  # the gate's lowest failing severity (junit)
    #: told how many findings were just written, as they are (a progress bar's `advance`)
    progress: Callable[[int], object] | None = attrs.field(default=None, eq=False)


@attrs.frozen
class OutputFormat:
    """A `--format` value: its name, the `-o` extensions that imply it, and its renderer, which
    returns the output's pieces in order (or the whole output as one string)."""

    name: str
    extensions: tuple[str, ...]
    pieces: Callable[[ReportLike, RenderOptions], Iterable[str]] = attrs.field(eq=False, repr=False)

    def stream(self, report: ReportLike, options: RenderOptions) -> Iterator[str]:
        """The output piece by piece, as the renderer makes it."""
        produced = self.pieces(report, options)
        if isinstance(produced, str):
            yield produced  # one piece, not one per character
        else:
            yield from produced

    def render(self, report: ReportLike, options: RenderOptions) -> str:
        """The whole output as one string."""
        return "".join(self.stream(report, options))


def output_formats() -> tuple[OutputFormat, ...]:
    """Every output format, the default first, then by name."""
    package = sys.modules[__name__.rpartition(".")[0]]  # claimstrack.render, loaded before us
    found = []
    for module in pkgutil.iter_modules(package.__path__):
        declared = getattr(importlib.import_module(f"{package.__name__}.{module.name}"), "FORMAT", None)
        if isinstance(declared, OutputFormat):
            found.append(declared)
    return tuple(sorted(found, key=lambda f: (f.name != DEFAULT_FORMAT, f.name)))


def format_names() -> tuple[str, ...]:
    """The values `claimstrack check --format` accepts."""
    return tuple(f.name for f in output_formats())


def format_extensions() -> dict[str, str]:
    """`-o` file extension -> the format it implies when `--format` is not given."""
    return {extension: f.name for f in output_formats() for extension in f.extensions}


def format_for_path(path: str | None, extensions: Mapping[str, str] | None = None, default: str = DEFAULT_FORMAT) -> str:
    """The format an output file's name implies (`.sarif.json` before `.json`, any case), else
    `default`; `extensions` defaults to the check formats' (`format_extensions`), the review
    report passes its own."""
    extensions = format_extensions() if extensions is None else extensions
    name = (path or "").lower()
    for extension in sorted(extensions, key=len, reverse=True):
        if name.endswith(extension):
            return extensions[extension]
    return default
