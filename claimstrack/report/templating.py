"""The Jinja2 environment the report's templates are rendered in (the HTML and Markdown reports)."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimstrack._version import __version__

if TYPE_CHECKING:
    import jinja2

# Where compiled templates are kept: beside the package's compiled modules, as Python keeps them.
COMPILED_FOLDER = Path(__file__).resolve().parent / "__pycache__"


def template_environment(*, autoescape: bool, filters: dict[str, Callable[..., Any]], **options: Any) -> jinja2.Environment:
    """An environment over the package's `report/templates` with `filters`, where a value the
    template names and the view lacks is an error; `options` are Jinja2's own. Compiled templates
    are kept between runs (Jinja2's bytecode cache, in COMPILED_FOLDER): compiling the HTML
    report's templates took about 50 ms of every run."""
    import jinja2  # here, not at the top: a check never renders a report, and Jinja2 takes 25 ms to import

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimstrack.report", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_bytecode_cache(f"{__version__}|{autoescape}|{sorted(options.items())!r}"),
        **options,
    )
    env.filters.update(filters)
    return env


def _bytecode_cache(settings: str) -> jinja2.BytecodeCache | None:
    """Jinja2's file cache of compiled templates in COMPILED_FOLDER, its entries named after
    `settings` too (the code compiled from a template depends on them, and on the template's
    source, which Jinja2 checks); None where that folder cannot be made (a read-only install). An
    entry that cannot be read or written is compiled again, never an error. Like Python's own
    compiled modules, entries are read but never written when `sys.dont_write_bytecode` is set
    (`python -B`, PYTHONDONTWRITEBYTECODE)."""
    import jinja2

    class _QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a garbled or foreign file: compile the template
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            if sys.dont_write_bytecode:  # asked at write time, as Python's import system does
                return
            try:
                super().dump_bytecode(bucket)
            except OSError:  # a full or read-only disk: this run compiled it, the next one will too
                pass

    if not sys.dont_write_bytecode:
        try:
            COMPILED_FOLDER.mkdir(exist_ok=True)
        except OSError:
            return None
    key = hashlib.blake2b(settings.encode(), digest_size=8).hexdigest()
    return _QuietCache(str(COMPILED_FOLDER), pattern=f"jinja2-{key}-%s.cache")
