"""The incremental cache: what each page contributed to a run, kept between runs (like ruff's).

An entry is one page's `PageResult` as compact bytes (`claimstrack.checks.records`), found by
a key made of the page's path and bytes and of everything else a page's result depends on
(`settings_digest`): claimstrack's version, a digest of its own source files (so a development
install never serves results of code since edited), the versions of the libraries it reads
with (markdown-it-py parses every Markdown page), the Python version, the configuration
(except `today`, which no page rule reads), and the bytes of the claims library, the
bibliography, the retraction notices and the source copies (through the input index, like
pages through the stat index below: an unchanged file is not read again). Change any of them and every page misses; change one
page and only that page misses. Site-wide checks re-run over the records, cached or fresh,
except where their findings are kept too (`site/`, under the digest of their inputs: the uses
of one declared measure, one inferred group and its pages' readings, and the inferred grouping
itself; see `claimstrack.checks.reuse`): a stage whose inputs no changed page is part of takes
its findings from there.

A stat index (`stat-index`, shared by every settings digest) remembers each page's key with the
file's size, modification and change times, inode and device when it was hashed: a warm run
takes the key of an unchanged page from there instead of reading and hashing the page. A file
changed since then has another change time (which no program can set back), and a file is only
remembered once its times are `SETTLED_SECONDS` old, so a write within the same clock tick as
the hashing cannot go unseen (git's "racy clean" problem).

A run that read many entries one file each writes those it used into one file, the pack
(`PACK`, in the settings folder: an index of keys and the entries end to end, each with its own
seal), so that the next run reads one file instead of thousands (10,000 small reads and their
copies cost about 0.3 CPU s; mapping the pack and reading its entries 0.08). An entry written
since stays a file of its own until a run reads enough of those (`PACK_AFTER`) to write the pack
again with what it used.
An entry's key names its bytes, so a pack is never wrong, only incomplete: a key it lacks, or
whose seal does not hold, is looked up as a file, and a damaged index is no pack.

Safe to share between concurrent runs: entries and the index are written to a temporary file
and renamed into place, and each carries its payload's length and CRC-32, so a torn, truncated or
foreign file is a miss (and is rewritten), never a wrong result; an index entry only ever maps
a file's state to the key of the bytes it had in that state, whichever run wrote it last. The folder holds a `.gitignore` of `*` and a
`CACHEDIR.TAG`, so neither git nor backup tools pick it up.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import marshal
import mmap
import os
import re
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from claimstrack._version import __version__
from claimstrack.checks.context import PageResult
from claimstrack.checks.records import load_page
from claimstrack.config import Config
from claimstrack.documents import read_bytes
from claimstrack.globs import CACHE_SIGNATURE, CACHE_TAG

#: The default cache folder, relative to the project root.
DEFAULT_CACHE_DIR = ".claimstrack_cache"
#: Bumped when the entry layout changes; older folders are then ignored.
#: 3: entries are marshalled records (`claimstrack.checks.records`), no longer pickles.
#: 4: sealed by their length and CRC-32 (`_sealed`), no longer a BLAKE2 digest.
LAYOUT = 4
_DIGEST = 16
_SEAL = struct.Struct("<QI")
#: The file in a settings folder that holds entries end to end (see the module's docstring).
PACK = "pack"
_PACK_HEAD = struct.Struct("<Q")  # the length of the pack's sealed index, which follows it
#: A run writes the pack when it read at least this many entries from files of their own, and
#: more than an eighth of the entries it read: a site's first warm run, or once edited pages'
#: entries add up. Fewer are not worth rewriting the pack for.
PACK_AFTER = 64
#: A file is remembered in the stat index only when its times are at least this old.
SETTLED_SECONDS = 2.0
#: A page with more figures than this gets no entry and is checked afresh on each run
#: (`worth_caching`). Its record would be tens of megabytes (about 500 bytes a figure: 22 MB for
#: a 1 MB Word export of 44,000 figures, 0.6 s to write and 1.2 s to read back), while a page of
#: copy holds a few hundred figures and a 200-page report a few thousand.
MAX_CACHED_FIGURES = 10_000
_TAG = CACHE_SIGNATURE.decode() + "\n# claimstrack's cache: see https://bford.info/cachedir/\n"
_source_digest: str | None = None
_dependency_versions: str | None = None


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


def dependency_versions() -> str:
    """The installed version of each library claimstrack requires (and of the PDF extra's), as
    `name=version` words, found once per process: an upgraded reader may read a page otherwise."""
    global _dependency_versions
    if _dependency_versions is None:
        try:
            requirements = importlib.metadata.requires("claimstrack") or []
        except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
            requirements = []
        words = []
        for requirement in requirements:
            marker = requirement.partition(";")[2]
            name = re.match(r"[A-Za-z0-9._-]+", requirement)
            if name is None or (marker and "'pdf'" not in marker):
                continue  # the test and benchmark extras read no page
            try:
                words.append(f"{name[0]}={importlib.metadata.version(name[0])}")
            except importlib.metadata.PackageNotFoundError:
                words.append(f"{name[0]}=absent")
        _dependency_versions = " ".join(sorted(words))
    return _dependency_versions


def settings_digest(config: Config, files: Iterable[Path], folder: Path | None = None) -> str:
    """A digest of what page results depend on besides the page: code (claimstrack's and the
    libraries' it reads with), settings and the bytes of `files` (the claims library, the
    bibliography, the retraction notices, the source copies; a missing file counts as absent).
    With the cache `folder`, a file unchanged since a run hashed it is not read
    again (`InputIndex`): a project's source copies can be many megabytes of PDF."""
    config = attrs.evolve(config, today=None, cache_dir="", explicit=frozenset())
    digest = hashlib.blake2b(digest_size=_DIGEST)
    digest.update(f"{LAYOUT}|{__version__}|{source_digest()}|{dependency_versions()}|{sys.version}|{config!r}".encode())
    inputs = InputIndex(folder) if folder is not None else None
    for file in files:
        digest.update(b"\0" + str(file).encode("utf-8") + b"\0")
        digest.update(inputs.digest(Path(file)) if inputs is not None else file_digest(Path(file)))
    if inputs is not None:
        inputs.save()
    return digest.hexdigest()


def file_digest(file: Path) -> bytes:
    """A digest of a file's bytes; b"<absent>" when it cannot be read."""
    try:
        return hashlib.blake2b(file.read_bytes(), digest_size=_DIGEST).digest()
    except OSError:
        return b"<absent>"


class _StatIndex:
    """Values remembered by the state of the file they were made from (`_signature`), in a
    sealed file written atomically; a damaged or foreign index is empty. Read on first use.
    A value is only remembered once the file's times are `SETTLED_SECONDS` old."""

    def __init__(self, file: Path, prepare: Callable[[], None]) -> None:
        self.file = file
        self._prepare = prepare  # makes the index's folder before it is written
        self._known: dict[str, tuple[tuple[int, ...], object]] | None = None
        self._changed = False

    def get(self, name: str, signature: tuple[int, ...] | None) -> object:
        """The value remembered for `name` in the state `signature`, or None."""
        known = self._entries().get(name)
        if signature is not None and isinstance(known, tuple) and len(known) == 2 and known[0] == signature:
            return known[1]
        return None

    def remember(self, name: str, signature: tuple[int, ...] | None, value: object) -> None:
        """Keep `value` for `name` in the state `signature`, once that state has settled."""
        if signature is not None and _settled(signature):
            self._entries()[name] = (signature, value)
            self._changed = True

    def save(self) -> None:
        """Write the index if this run added to it (atomically; skipped if unwritable)."""
        if not self._changed:
            return
        with contextlib.suppress(OSError):
            self._prepare()
            _write_atomic(self.file, _sealed(marshal.dumps(self._known)))
            self._changed = False

    def _entries(self) -> dict[str, tuple[tuple[int, ...], object]]:
        if self._known is None:
            loaded = None
            with contextlib.suppress(OSError):
                loaded = _unmarshalled(_unsealed(self.file.read_bytes()))
            self._known = loaded if isinstance(loaded, dict) else {}
        return self._known


class InputIndex:
    """The digests of the files besides the pages that results depend on, by the file's state
    when it was hashed (size, times, inode, device), as the stat index keeps pages' keys."""

    def __init__(self, folder: Path) -> None:
        root = Path(folder)
        file = root / f"pages-{LAYOUT}" / "input-index"
        self._index = _StatIndex(file, lambda: _prepare_folder(root, file.parent))

    def digest(self, file: Path) -> bytes:
        """`file_digest(file)`, from the index when the file is in the state it was hashed in."""
        signature = _signature(file)
        known = self._index.get(str(file), signature)
        if isinstance(known, bytes):
            return known
        value = file_digest(file)
        if value != b"<absent>":
            self._index.remember(str(file), signature, value)
        return value

    def save(self) -> None:
        """Write the index if this run added to it (atomically; skipped if unwritable)."""
        self._index.save()


class PageCache:
    """Per-page results under `folder`, for one `settings` digest."""

    def __init__(self, folder: Path, settings: str) -> None:
        self.root = Path(folder)
        self.folder = self.root / f"pages-{LAYOUT}" / settings
        self.hits = 0
        self.misses = 0
        #: The entries this run looked up or wrote (pruning keeps them: `claimstrack.cache_pruning`).
        self.used: set[str] = set()
        self._ready = False
        self._index = _StatIndex(self.root / f"pages-{LAYOUT}" / "stat-index", self._prepare)
        self._pack: _Pack | None = None  # read on the first lookup
        self._read_alone = 0  # entries this run read from files of their own
        #: the payloads of the entries this run read, by key, while they may go into a new pack
        self._payloads: dict[str, memoryview] = {}

    def key(self, path: str, content: bytes) -> str:
        """The entry name of a page: its path (findings name it) and its bytes."""
        digest = hashlib.blake2b(path.encode("utf-8") + b"\0", digest_size=_DIGEST)
        digest.update(content)
        return digest.hexdigest()

    def page_key(self, file: Path, shown: str) -> str:
        """`key` of a page file, from the stat index when the file has not changed since it was
        hashed (then it is not read). DocumentError when the file cannot be read."""
        signature = _signature(file)
        known = self._index.get(shown, signature)
        if isinstance(known, str):
            return known
        key = self.key(shown, read_bytes(file, shown))
        self._index.remember(shown, signature, key)
        return key

    def save_index(self) -> None:
        """Write the stat index if this run added to it (atomically; skipped if unwritable)."""
        self._index.save()

    def end_lookups(self) -> None:
        """After the run's last `get`: write the stat index and, when this run read many entries
        from files of their own (`PACK_AFTER`), the pack of every entry it read; then let go of
        the pack's bytes."""
        self.save_index()
        if self._read_alone >= PACK_AFTER and self._read_alone * 8 > len(self._payloads):
            with contextlib.suppress(OSError):
                self._prepare()
                _write_atomic(self.folder / PACK, _pack_chunks(self._payloads))
        self._pack = None
        self._payloads = {}
        self._read_alone = 0

    def get(self, key: str) -> PageResult | None:
        """The cached result, or None when absent or unusable (torn, corrupt, another layout)."""
        self.used.add(key)
        payload = self._packed(key)
        if payload is None:
            payload = self._read(self.folder, key)
            self._read_alone += payload is not None
        result = None if payload is None else load_page(payload)
        if result is None or payload is None:
            self.misses += 1
            return None
        self._payloads[key] = payload
        self.hits += 1
        return result

    def _packed(self, key: str) -> memoryview | None:
        """The payload of entry `key` from the pack, or None when the pack has no sound one."""
        if self._pack is None:
            self._pack = _read_pack(self.folder / PACK)
        place = self._pack.index.get(key)
        if place is None:
            return None
        return _unsealed(self._pack.body[place[0]:place[0] + place[1]])

    @staticmethod
    def worth_caching(page: PageResult) -> bool:
        """Whether a page's record is kept: not one of more than `MAX_CACHED_FIGURES` figures
        (a data export or a generated table, not copy). Its cold run then neither writes the
        record as bytes nor reads it back."""
        return page.figures <= MAX_CACHED_FIGURES

    def put(self, key: str, record: bytes) -> None:
        """Store a result (`dump_page`'s bytes) atomically; a cache that cannot be written is
        silently skipped."""
        self.used.add(key)
        self._write(self.folder, key, record)

    def get_findings(self, digest: str) -> bytes | None:
        """Site-wide findings kept under the digest of their inputs (`checks.reuse`), or None."""
        self.used.add(digest)
        payload = self._read(self.folder / "site", digest)
        return None if payload is None else bytes(payload)

    def has_findings(self, digest: str) -> bool:
        """Whether site-wide findings are kept under `digest` (not read: a run asks before
        deciding where to compute them)."""
        return (self.folder / "site" / digest[:2] / digest).is_file()

    def put_findings(self, digest: str, data: bytes) -> None:
        """Keep site-wide findings (`checks.records.dump_findings`) under the digest of their
        inputs, atomically; skipped when the cache cannot be written."""
        self.used.add(digest)
        self._write(self.folder / "site", digest, data)

    @staticmethod
    def _read(folder: Path, name: str) -> memoryview | None:
        """The payload of entry `name` under `folder`; None when absent, torn or damaged."""
        try:
            return _unsealed((folder / name[:2] / name).read_bytes())
        except OSError:
            return None

    def _write(self, folder: Path, name: str, payload: bytes) -> None:
        data = _sealed(payload)
        try:
            self._prepare()
            (folder / name[:2]).mkdir(parents=True, exist_ok=True)
            _write_atomic(folder / name[:2] / name, data)
        except OSError:
            return

    def _prepare(self) -> None:
        """Create the folder with its .gitignore and CACHEDIR.TAG (once per process)."""
        if self._ready:
            return
        _prepare_folder(self.root, self.folder)
        self._ready = True


def why_no_cache_folder(folder: Path) -> str | None:
    """What keeps `folder` from holding a cache (a file there or above it, a broken link), or
    None. The run goes on without the cache, which only saves time; the CLI says so, since
    every run would otherwise be a cold one without a word."""
    if folder.is_symlink() and not folder.exists():
        return "is a broken symbolic link"
    for path in (folder, *folder.parents):
        if path.exists():
            if path.is_dir():
                return None
            return "is a file, not a folder" if path == folder else f"lies below {path.as_posix()}, a file"
    return None


def _prepare_folder(root: Path, folder: Path) -> None:
    """Create `folder` (inside the cache `root`) and the root's .gitignore and CACHEDIR.TAG."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", "# Created by claimstrack.\n*\n"), (CACHE_TAG, _TAG)):
        marker = root / name
        if not marker.exists():
            with contextlib.suppress(OSError):
                marker.write_text(text, encoding="utf-8")


def _sealed(payload: bytes) -> bytes:
    """The payload behind its length and CRC-32, so that a torn or foreign file is told apart.
    Entries are renamed into place whole, so the seal guards against damage and foreign files,
    not an adversary: a CRC reads the 90 MB of a 10,000-page site's entries in 0.015 s, a
    cryptographic digest in 0.07-0.12 s (its names, the keys, are digests)."""
    return _SEAL.pack(len(payload), zlib.crc32(payload)) + payload


def _unsealed(data: bytes | memoryview) -> memoryview | None:
    """The payload of a sealed file, or None when it is torn, damaged or foreign (a view of
    `data`, not a copy: a warm run unseals 90 MB of entries)."""
    if len(data) < _SEAL.size:
        return None
    length, check = _SEAL.unpack_from(data)
    payload = memoryview(data)[_SEAL.size:]
    if length != len(payload) or zlib.crc32(payload) != check:
        return None
    return payload


@attrs.frozen
class _Pack:
    """A pack's entries: where each key's sealed bytes stand in `body` (offset, length)."""

    index: dict[str, tuple[int, int]]
    body: memoryview


def _read_pack(file: Path) -> _Pack:
    """The pack in `file`; an empty one when there is none, or its index is damaged or foreign.

    Mapped, not read: only the entries a run looks up are touched, from the system's file cache
    (at 10,000 pages, 0.06 CPU s and 90 MB of memory less than reading it). A pack is replaced
    by renaming a new one over it, never rewritten in place, so the mapping stays whole. Read
    on Windows, where a mapped file cannot be renamed over (the run's own new pack included)."""
    try:
        with open(file, "rb") as handle:
            data = memoryview(handle.read() if os.name == "nt" else mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        (length,) = _PACK_HEAD.unpack_from(data)
    except (OSError, ValueError, struct.error):  # none, empty (which cannot be mapped), or shorter than a head
        return _Pack({}, memoryview(b""))
    index = _unmarshalled(_unsealed(data[_PACK_HEAD.size:_PACK_HEAD.size + length]))
    if not (type(index) is dict and all(type(key) is str and type(place) is tuple and len(place) == 2
                                        and type(place[0]) is int and type(place[1]) is int
                                        for key, place in index.items())):
        return _Pack({}, memoryview(b""))
    return _Pack(index, data[_PACK_HEAD.size + length:])


def _pack_chunks(payloads: dict[str, memoryview]) -> Iterator[bytes | memoryview]:
    """A pack of `payloads` (by key), in the pieces it is written in: its index's length, the
    index (sealed), then each entry sealed."""
    index, offset = {}, 0
    for key, payload in payloads.items():
        index[key] = (offset, _SEAL.size + len(payload))
        offset += _SEAL.size + len(payload)
    head = _sealed(marshal.dumps(index))
    yield _PACK_HEAD.pack(len(head))
    yield head
    for payload in payloads.values():
        yield _SEAL.pack(len(payload), zlib.crc32(payload))
        yield payload


def _unmarshalled(payload: bytes | memoryview | None) -> object:
    """The value marshalled in `payload`, or None when there is none or it is damaged."""
    try:
        return None if payload is None else marshal.loads(payload)
    except Exception:  # damaged or foreign bytes are no value, whatever they raise
        return None


def _write_atomic(path: Path, data: bytes | Iterable[bytes | memoryview]) -> None:
    """`data` (bytes, or pieces written one after another) into `path` whole or not at all."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.writelines([data] if isinstance(data, bytes) else data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _signature(file: Path) -> tuple[int, ...] | None:
    """What tells a file's state without reading it: size, times (ns), inode, device."""
    try:
        stat = os.stat(file)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


def _settled(signature: tuple[int, ...]) -> bool:
    """True when the file's times are old enough that a write in the same clock tick as the
    hashing is ruled out."""
    return max(signature[1], signature[2]) < time.time_ns() - SETTLED_SECONDS * 1e9
