"""The incremental cache: what each page contributed to a run, kept between runs (like ruff's).

An entry is one page's `PageResult`, found by a key made of the page's path and bytes and of
everything else a page's result depends on (`settings_digest`): claimstrack's version, a digest
of its own source files (so a development install never serves results of code since edited),
the Python version, the configuration (except `today`, which no page rule reads), and the bytes
of the claims library and the bibliography. Change any of them and every page misses; change one
page and only that page misses. Site-wide checks (measures across pages) always re-run over the
records, cached or fresh.

Safe to share between concurrent runs: entries are written to a temporary file and renamed into
place, and each entry carries a digest of its payload, so a torn, truncated or foreign file is a
miss (and is rewritten), never a wrong result. The folder holds a `.gitignore` of `*` and a
`CACHEDIR.TAG`, so neither git nor backup tools pick it up.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import attrs

from claimstrack._version import __version__
from claimstrack.checks.context import PageResult
from claimstrack.config import Config

#: The default cache folder, relative to the project root.
DEFAULT_CACHE_DIR = ".claimstrack_cache"
#: Bumped when the entry layout changes; older folders are then ignored.
LAYOUT = 2
_DIGEST = 16
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# claimstrack's cache: see https://bford.info/cachedir/\n"
_source_digest: str | None = None


def source_digest() -> str:
    """A digest of the installed package's own source files, computed once per process."""
    global _source_digest
    if _source_digest is None:
        package = Path(__file__).resolve().parent
        digest = hashlib.blake2b(digest_size=_DIGEST)
        for file in sorted(package.rglob("*")):
            if file.suffix in (".py", ".toml", ".json", ".j2", ".txt", ".css", ".js", ".html") and file.is_file():
                digest.update(str(file.relative_to(package)).encode("utf-8") + b"\0")
                digest.update(file.read_bytes())
        _source_digest = digest.hexdigest()
    return _source_digest


def settings_digest(config: Config, files: Iterable[Path]) -> str:
    """A digest of what page results depend on besides the page: code, settings and the bytes
    of `files` (the claims library and the bibliography; a missing file counts as absent)."""
    config = attrs.evolve(config, today=None, cache_dir="", explicit=frozenset())
    digest = hashlib.blake2b(digest_size=_DIGEST)
    digest.update(f"{LAYOUT}|{__version__}|{source_digest()}|{sys.version}|{config!r}".encode())
    for file in files:
        digest.update(b"\0" + str(file).encode("utf-8") + b"\0")
        try:
            digest.update(Path(file).read_bytes())
        except OSError:
            digest.update(b"<absent>")
    return digest.hexdigest()


class PageCache:
    """Per-page results under `folder`, for one `settings` digest."""

    def __init__(self, folder: Path, settings: str) -> None:
        self.root = Path(folder)
        self.folder = self.root / f"pages-{LAYOUT}" / settings
        self.hits = 0
        self.misses = 0
        self._ready = False

    def key(self, path: str, content: bytes) -> str:
        """The entry name of a page: its path (findings name it) and its bytes."""
        digest = hashlib.blake2b(path.encode("utf-8") + b"\0", digest_size=_DIGEST)
        digest.update(content)
        return digest.hexdigest()

    def get(self, key: str) -> PageResult | None:
        """The cached result, or None when absent or unusable (torn, corrupt, another layout)."""
        try:
            data = (self.folder / key[:2] / key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        check, payload = data[:_DIGEST], data[_DIGEST:]
        result = None
        if hashlib.blake2b(payload, digest_size=_DIGEST).digest() == check:
            try:
                result = pickle.loads(payload)
            except Exception:  # a foreign or damaged entry is a miss, whatever it raises
                result = None
        if not isinstance(result, PageResult):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: PageResult) -> None:
        """Store a result atomically; a cache that cannot be written is silently skipped."""
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        data = hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload
        try:
            self._prepare()
            folder = self.folder / key[:2]
            folder.mkdir(exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data)
                os.replace(temporary, folder / key)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            return

    def _prepare(self) -> None:
        """Create the folder with its .gitignore and CACHEDIR.TAG (once per process)."""
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# Created by claimstrack.\n*\n"), ("CACHEDIR.TAG", _TAG)):
            marker = self.root / name
            if not marker.exists():
                with contextlib.suppress(OSError):
                    marker.write_text(text, encoding="utf-8")
        self._ready = True
