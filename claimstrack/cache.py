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
except where their findings are kept too (`SITE_PREFIX` and the digest of their inputs: the uses
of one declared measure, one inferred group and its pages' readings, and the inferred grouping
itself; see `claimstrack.checks.reuse`): a stage whose inputs no changed page is part of takes
its findings from there. With an output style (`checks.lines`), a page's admitted findings are
kept as the lines that output writes, under `LINES_PREFIX` and a digest of the page's key and
the style: a warm run writes them as they are.

A stat index (`stat-index`, shared by every settings digest) remembers each page's key with the
file's size, modification and change times, inode and device when it was hashed: a warm run
takes the key of an unchanged page from there instead of reading and hashing the page. A file
changed since then has another change time (which no program can set back), and a file is only
remembered once its times are `SETTLED_SECONDS` old, so a write within the same clock tick as
the hashing cannot go unseen (git's "racy clean" problem).

Entries are records appended to pack files (`_Packs`), one pack per process of a run that
writes any (the parent, each worker, the forked copy of `parallel.Beside`), each created under a
name no other process uses: a cold run of 10,000 pages on two cores writes three files, not
10,000 (creating a file costs the file system far more than appending to one). A run maps each pack once and restores
records from views of its bytes (not a read per entry; only what is looked up is touched).

Safe to share between concurrent runs: no process writes to a pack another one writes, the
indexes are written to a temporary file and renamed into place, and each entry and index carries
its payload's length and CRC-32, so a torn, truncated or foreign record is a miss (and is
written again), never a wrong result; an index entry only ever maps a file's state to the key of
the bytes it had in that state, whichever run wrote it last. The folder holds a `.gitignore` of `*` and a
`CACHEDIR.TAG`, so neither git nor backup tools pick it up.
"""

from __future__ import annotations

import contextlib
import hashlib
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
from claimstrack.checks.lines import PageLines, dump_lines, load_lines
from claimstrack.checks.records import load_page
from claimstrack.config import Config
from claimstrack.documents import read_bytes
from claimstrack.globs import CACHE_SIGNATURE, CACHE_TAG

#: The default cache folder, relative to the project root.
DEFAULT_CACHE_DIR = ".claimstrack_cache"
#: Bumped when the entry layout changes; older folders are then ignored.
#: 3: entries are marshalled records (`claimstrack.checks.records`), no longer pickles.
#: 4: sealed by their length and CRC-32 (`_sealed`), no longer a BLAKE2 digest.
#: 5: records appended to pack files, one per writing process of a run (`_Packs`), not a file each.
LAYOUT = 5
_DIGEST = 16
_SEAL = struct.Struct("<QI")
#: What a pack file starts with; a file that does not is no pack.
_PACK_MAGIC = b"claimstrack pack\n"
#: A record's header in a pack: its name's length, its payload's length, the CRC-32 of both.
_RECORD = struct.Struct("<HQI")
#: Where the reused site-wide findings' names begin in a pack (a page's is its key alone).
SITE_PREFIX = "site/"
#: Where the names of pages' findings kept as lines begin (`checks.lines`).
LINES_PREFIX = "lines/"
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
        import importlib.metadata  # here: it loads email's modules, which `check --help` never needs

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
            entries = self._entries()
            if entries.get(name) != (signature, value):
                entries[name] = (signature, value)
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
        self._packs = _Packs(self.folder, self._prepare)

    def key(self, path: str, content: bytes) -> str:
        """The entry name of a page: its path (findings name it) and its bytes."""
        digest = hashlib.blake2b(path.encode("utf-8") + b"\0", digest_size=_DIGEST)
        digest.update(content)
        return digest.hexdigest()

    def page_key(self, file: Path, shown: str, state: os.stat_result | None = None) -> str:
        """`key` of a page file, from the stat index when the file has not changed since it was
        hashed (then it is not read). `state` is the file's (`os.stat`, or `os.lstat` of a file
        that is no link) when the caller has it, else it is taken here. DocumentError when the
        file cannot be read."""
        signature = _signature(file) if state is None else _state_signature(state)
        known = self._index.get(shown, signature)
        if isinstance(known, str):
            return known
        key = self.key(shown, read_bytes(file, shown))
        self._index.remember(shown, signature, key)
        return key

    def save_index(self) -> None:
        """Write the stat index if this run added to it (atomically; skipped if unwritable)."""
        self._index.save()

    @staticmethod
    def state(file: Path) -> tuple[int, ...] | None:
        """What the stat index knows a page file's state by (None when it cannot be stat'ed)."""
        return _signature(file)

    def learn(self, shown: str, state: tuple[int, ...] | None, key: str) -> None:
        """Remember `key` as page `shown`'s in the file state `state`, taken before the bytes the
        key was made of were read (where the page was checked without a lookup here first)."""
        self._index.remember(shown, state, key)

    def holds_entries(self) -> bool:
        """Whether the settings folder holds any entry (reads the packs: see `get`)."""
        return self._packs.holds_any()

    def end_lookups(self) -> None:
        """After the run's last page lookup (`get`): write the stat index, and let go of the
        packs' bytes read for the lookups (a later read takes its record from the file)."""
        self.save_index()
        self._packs.release()

    def get(self, key: str, *, findings: bool = True) -> PageResult | None:
        """The cached result, or None when absent or unusable (torn, corrupt, another layout);
        without its findings unless `findings` (a page whose lines are kept: `get_lines`).
        The first lookup maps every pack (`end_lookups` lets go of them)."""
        self.used.add(key)
        payload = self._packs.read(key)
        result = None if payload is None else load_page(payload, findings=findings)
        if result is None:
            self.misses += 1
            return None
        self.hits += 1
        return result

    @staticmethod
    def worth_caching(page: PageResult) -> bool:
        """Whether a page's record is kept: not one of more than `MAX_CACHED_FIGURES` figures
        (a data export or a generated table, not copy). Its cold run then neither writes the
        record as bytes nor reads it back."""
        return page.figures <= MAX_CACHED_FIGURES

    def put(self, key: str, record: bytes) -> None:
        """Store a result (`dump_page`'s bytes) in this process's pack; a cache that cannot be
        written is silently skipped."""
        self.used.add(key)
        self._packs.append(key, record)

    def get_lines(self, key: str, style: str) -> PageLines | None:
        """The admitted findings of the page `key` as the lines `style` writes them
        (`checks.lines`), or None."""
        name = _lines_name(key, style)
        self.used.add(name)
        payload = self._packs.read(name)
        return None if payload is None else load_lines(payload)

    def put_lines(self, key: str, style: str, lines: PageLines) -> None:
        """Keep the admitted findings of the page `key` as the lines `style` writes them."""
        name = _lines_name(key, style)
        self.used.add(name)
        self._packs.append(name, dump_lines(lines))

    def get_findings(self, digest: str) -> bytes | None:
        """Site-wide findings kept under the digest of their inputs (`checks.reuse`), or None."""
        self.used.add(digest)
        payload = self._packs.read(SITE_PREFIX + digest)
        return None if payload is None else bytes(payload)

    def has_findings(self, digest: str) -> bool:
        """Whether site-wide findings are kept under `digest` (not read: a run asks before
        deciding where to compute them)."""
        return self._packs.holds(SITE_PREFIX + digest)

    def put_findings(self, digest: str, data: bytes) -> None:
        """Keep site-wide findings (`checks.records.dump_findings`) under the digest of their
        inputs; skipped when the cache cannot be written."""
        self.used.add(digest)
        self._packs.append(SITE_PREFIX + digest, data)

    def pack_files(self) -> list[Path]:
        """The pack files of this settings folder (pruning judges them by age)."""
        return self._packs.files()

    @staticmethod
    def names_in(pack: Path) -> list[str]:
        """The names of the whole records in `pack` (a page's key, or `SITE_PREFIX` and a digest)."""
        return [name for name, _ in _Packs.records(pack)]

    def carry(self, names: Iterable[str]) -> bool:
        """Write the entries `names` (as `names_in` gives them) again, into this process's pack,
        so that they are as new as it; False when one could not be read or written."""
        return all(self._packs.copy(name) for name in names)

    def close(self) -> None:
        """Close the packs this process opened (the end of a run; reading again reopens them)."""
        self._packs.close()

    def _prepare(self) -> None:
        """Create the folder with its .gitignore and CACHEDIR.TAG (once per process)."""
        if self._ready:
            return
        _prepare_folder(self.root, self.folder)
        self._ready = True


#: Where a record is: the pack's descriptor, the record's offset, its payload's length and CRC-32.
_Place = tuple[int, int, int, int]


class _Packs:
    """The entries of one settings folder, as records appended to pack files.

    A pack starts with `_PACK_MAGIC`; each record is a `_RECORD` header (the name's and the
    payload's lengths, the CRC-32 of both), the name and the payload. A process appends to one
    pack of its own, created on its first write under a name no other process takes (its pid, the
    time and random bits; a forked process makes its own), with a single write per record, so
    that what a crash leaves is at worst a torn last record. Reading maps every pack and indexes
    its headers once, the least recently written pack first: the newest record of a name is the one read (a
    result written again supersedes the one before), and when its CRC does not match, the one
    before it. A record that runs past its file's end ends what is read of that pack.
    """

    def __init__(self, folder: Path, prepare: Callable[[], None]) -> None:
        self.folder = folder
        self._prepare = prepare  # makes the folder before the first pack is written
        self._where: dict[str, _Place] | None = None  # each name's newest record
        self._copies: dict[str, list[_Place]] = {}  # its older ones, newest first (read when it is damaged)
        self._bodies: dict[int, memoryview] = {}  # each pack's bytes, mapped, by its descriptor
        self._opened: list[int] = []
        self._writer: tuple[int, int, int] | None = None  # pid, fd, size so far
        self._broken_in: int | None = None  # the pid whose writes failed: it writes no more

    def files(self) -> list[Path]:
        """The packs, the least recently written first."""
        try:
            with os.scandir(self.folder) as listing:
                packs = [(entry.stat(follow_symlinks=False).st_mtime_ns, entry.name, Path(entry.path))
                         for entry in listing if entry.name.endswith(".pack") and entry.is_file(follow_symlinks=False)]
        except OSError:
            return []
        return [path for _, _, path in sorted(packs)]

    def read(self, name: str) -> bytes | memoryview | None:
        """The payload of the record `name` (its newest whole, undamaged copy); None when there
        is none."""
        place = self._index().get(name)
        if place is None:
            return None
        payload = self._payload(name, place)
        for other in self._copies.get(name, ()) if payload is None else ():
            payload = self._payload(name, other)
            if payload is not None:
                break
        return payload

    def holds(self, name: str) -> bool:
        return name in self._index()

    def holds_any(self) -> bool:
        return bool(self._index())

    def release(self) -> None:
        """Let go of the packs' bytes mapped for the lookups; reads then take a record from its
        file."""
        self._bodies = {}

    def append(self, name: str, payload: bytes) -> bool:
        """Append the record `name` to this process's pack; False when it cannot be written."""
        pid = os.getpid()
        if self._broken_in == pid:
            return False
        encoded = name.encode("utf-8")
        body = encoded + payload
        check = zlib.crc32(body)
        record = _RECORD.pack(len(encoded), len(payload), check) + body
        try:
            fd, size = self._pack_of(pid)
            _write_all(fd, record)
        except OSError:
            self._broken_in = pid  # a torn record ends what readers take from this pack
            return False
        self._writer = (pid, fd, size + len(record))
        if self._where is not None:
            self._found(name, (fd, size, len(payload), check))
        return True

    def copy(self, name: str) -> bool:
        """Append the record `name` again, to this process's pack; False when it cannot be read
        or written."""
        payload = self.read(name)
        return payload is not None and self.append(name, bytes(payload))

    def close(self) -> None:
        for fd in self._opened:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._opened = []
        self._where = None
        self._copies = {}
        self._bodies = {}
        self._writer = None

    @staticmethod
    def records(pack: Path) -> Iterator[tuple[str, tuple[int, int, int]]]:
        """(name, (offset, payload length, CRC)) of each whole record in `pack`, in order."""
        try:
            data = memoryview(pack.read_bytes())
        except OSError:
            return
        yield from _records_in(data)

    def _index(self) -> dict[str, _Place]:
        if self._where is None:
            self._where = {}
            for pack in self.files():
                with contextlib.suppress(OSError, ValueError):  # ValueError: an empty file cannot be mapped
                    fd = os.open(pack, os.O_RDONLY)
                    self._opened.append(fd)
                    body = self._bodies[fd] = _mapped(fd)
                    for name, (offset, length, check) in _records_in(body):
                        self._found(name, (fd, offset, length, check))
        return self._where

    def _payload(self, name: str, place: _Place) -> bytes | memoryview | None:
        """The payload of the record of `name` at `place` (a view of its pack's bytes while they
        are mapped); None when it is damaged or cannot be read."""
        fd, offset, length, check = place
        named = len(name.encode("utf-8"))
        end = offset + _RECORD.size + named + length
        body = self._bodies.get(fd)
        try:
            data = body[offset:end] if body is not None else memoryview(_read_at(fd, end - offset, offset))
        except OSError:
            return None
        if len(data) != end - offset or _RECORD.unpack_from(data) != (named, length, check) \
                or zlib.crc32(data[_RECORD.size:]) != check:
            return None
        return data[_RECORD.size + named:]

    def _found(self, name: str, place: _Place) -> None:
        """Index the record of `name` at `place`, newer than those of it indexed before."""
        assert self._where is not None
        older = self._where.get(name)
        self._where[name] = place
        if older is not None:
            self._copies.setdefault(name, []).insert(0, older)

    def _pack_of(self, pid: int) -> tuple[int, int]:
        """This process's pack (its descriptor and size), created on its first write."""
        if self._writer is not None and self._writer[0] == pid:
            return self._writer[1], self._writer[2]
        self._prepare()
        name = f"{pid}-{time.time_ns():x}-{os.urandom(4).hex()}.pack"
        fd = os.open(self.folder / name, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
        self._opened.append(fd)
        _write_all(fd, _PACK_MAGIC)
        self._writer = (pid, fd, len(_PACK_MAGIC))
        return fd, len(_PACK_MAGIC)


def _lines_name(key: str, style: str) -> str:
    """The name of a page's lines in one style: its key and the style's name, hashed."""
    return LINES_PREFIX + hashlib.blake2b(f"{key}\0{style}".encode(), digest_size=_DIGEST).hexdigest()


def _mapped(fd: int) -> memoryview:
    """A pack's bytes, mapped, not read: only the records a run looks up are touched, from the
    system's file cache (at 10,000 pages, 0.06 CPU s and 90 MB of memory less than reading it).
    A pack is only ever appended to, by the process that made it, or removed: what is mapped
    stays whole. Read on Windows, where a mapped file cannot be removed."""
    if os.name == "nt":
        with os.fdopen(os.dup(fd), "rb") as handle:
            return memoryview(handle.read())
    return memoryview(mmap.mmap(fd, 0, access=mmap.ACCESS_READ))


def _read_at(fd: int, size: int, offset: int) -> bytes:
    """`size` bytes of `fd` from `offset` (fewer at its end): `os.pread` where there is one (not
    on Windows, where the descriptor's position is moved instead; a run reads from one thread)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)


def _records_in(data: memoryview) -> Iterator[tuple[str, tuple[int, int, int]]]:
    """The records of a pack's bytes: (name, (offset, payload length, CRC)), up to the first
    that is not whole; none when `data` is no pack."""
    if data[:len(_PACK_MAGIC)] != _PACK_MAGIC:
        return
    size = len(data)
    offset = len(_PACK_MAGIC)
    while offset + _RECORD.size <= size:
        named, length, check = _RECORD.unpack_from(data, offset)
        end = offset + _RECORD.size + named + length
        if end > size:
            return
        try:
            name = str(data[offset + _RECORD.size:offset + _RECORD.size + named], "utf-8")
        except UnicodeDecodeError:
            return
        yield name, (offset, length, check)
        offset = end


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


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
    """The payload behind its length and CRC-32, so that a torn or foreign index file is told
    apart (the indexes are renamed into place whole; a pack's records carry the same seal in
    their headers, `_RECORD`). It guards against damage and foreign files, not an adversary: a
    CRC reads the 90 MB of a 10,000-page site's entries in 0.015 s, a cryptographic digest in
    0.07-0.12 s (the entries' names, the keys, are digests)."""
    return _SEAL.pack(len(payload), zlib.crc32(payload)) + payload


def _unsealed(data: bytes) -> bytes | None:
    """The payload of a sealed file, or None when it is torn, damaged or foreign."""
    if len(data) < _SEAL.size:
        return None
    length, check = _SEAL.unpack_from(data)
    payload = data[_SEAL.size:]
    if length != len(payload) or zlib.crc32(payload) != check:
        return None
    return payload


def _unmarshalled(payload: bytes | None) -> object:
    """The value marshalled in `payload`, or None when there is none or it is damaged."""
    try:
        return None if payload is None else marshal.loads(payload)
    except Exception:  # damaged or foreign bytes are no value, whatever they raise
        return None


def _write_atomic(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _signature(file: Path) -> tuple[int, ...] | None:
    """What tells a file's state without reading it: size, times (ns), inode, device."""
    try:
        return _state_signature(os.stat(file))
    except OSError:
        return None


def _state_signature(state: os.stat_result) -> tuple[int, ...]:
    """`_signature` of a file in the state `state`."""
    return (state.st_size, state.st_mtime_ns, state.st_ctime_ns, state.st_ino, state.st_dev)


def _settled(signature: tuple[int, ...]) -> bool:
    """True when the file's times are old enough that a write in the same clock tick as the
    hashing is ruled out."""
    return max(signature[1], signature[2]) < time.time_ns() - SETTLED_SECONDS * 1e9
