"""Inferred measure groups a reviewer rejected: `rejected-groups.toml` at the project root.

`claimstrack measures reject GROUP` adds a `[[rejected]]` table; CT210 and `claimstrack
measures` leave a rejected group out on every later run (a group's id is a hash of its frame,
so it names the same grouping every time). The file is plain TOML, meant to be committed:

```toml
[[rejected]]
group = "g3fa2b1c9"
description = "percent of people, us: migraine"
by = "a.reviewer"
on = 2026-12-01
reason = "one page counts adults, the other everyone"
```

Edits keep the rest of the file (comments included), are locked against a second writer and
written atomically.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from claimstrack.atomic import write_atomic
from claimstrack.errors import ConfigError, Problem
from claimstrack.locking import LockTimeout, locked
from claimstrack.model import Location
from claimstrack.paths import ALLOW_HINT, outside_root, why_not_a_file
from claimstrack.toml_input import TomlPositions, decode_text, read_toml, unknown_key_message

#: The file's name, at the project root.
REJECTED_FILE = "rejected-groups.toml"

_GROUP_ID = re.compile(r"g[0-9a-f]{8}")
#: what `measures reject` writes: a mistyped key ("gruop") would otherwise be taken for nothing
_TOP_KEYS = ("rejected",)
_ENTRY_KEYS = ("group", "description", "by", "on", "reason")


def rejected_path(root: Path) -> Path:
    return Path(root) / REJECTED_FILE


def load_rejected(root: Path, *, allow_outside_root: bool = False) -> frozenset[str]:
    """The ids of the rejected groups (empty when the file does not exist).

    A path that is there but no readable file (a folder, a broken symlink), one that resolves
    outside `root` (unless `allow_outside_root`), a file that is not valid TOML, a key
    `measures reject` does not write, or a `[[rejected]]` without a well-formed `group`, is a
    ConfigError naming the file and the position.
    """
    path = rejected_path(root)
    why = why_not_a_file(path)
    if why == "does not exist":
        return frozenset()
    if why is not None:  # a folder or a broken link is no file of rejections, never none rejected
        raise _cannot_read(why)
    real = None if allow_outside_root else outside_root(path, Path(root))
    if real is not None:
        raise _cannot_read(f"resolves outside the project root (to {real.as_posix()}); {ALLOW_HINT}")
    text = _text(path)
    data = _read(text)
    entries = data.get("rejected", [])
    if not isinstance(entries, list):
        at = Location(REJECTED_FILE, *TomlPositions(text).key(("rejected",)))
        raise ConfigError(f"{REJECTED_FILE}: 'rejected' must be an array of tables ([[rejected]])",
                          [Problem(at, "'rejected' must be [[rejected]] tables")])
    _refuse_unknown_keys(data, (), "the top level", _TOP_KEYS, text)
    found = set()
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, dict):
            _refuse_unknown_keys(entry, ("rejected", number - 1), f"rejected entry {number}", _ENTRY_KEYS, text)
        group = entry.get("group") if isinstance(entry, dict) else None
        if not isinstance(group, str) or not _GROUP_ID.fullmatch(group):
            # at the group's value, or the entry's [[rejected]] header when it has none
            at = Location(REJECTED_FILE, *TomlPositions(text).value(("rejected", number - 1, "group")))
            message = f"rejected entry {number} needs group = \"g\" and 8 hex digits (as `claimstrack measures` lists)"
            raise ConfigError(f"{REJECTED_FILE}: {message}", [Problem(at, message)])
        found.add(group)
    return frozenset(found)


def _cannot_read(why: str) -> ConfigError:
    """The error for a rejections path that cannot be read: `why` says what it is instead."""
    return ConfigError(f"cannot read {REJECTED_FILE}", [Problem(Location(REJECTED_FILE), f"{REJECTED_FILE} {why}")])


def _refuse_unknown_keys(table: dict[str, Any], path: tuple[str | int, ...], where: str, allowed: tuple[str, ...],
                         text: str) -> None:
    for key in table:
        if key not in allowed:
            message = unknown_key_message(key, where, allowed)
            at = Location(REJECTED_FILE, *TomlPositions(text).key((*path, key)))
            raise ConfigError(f"{REJECTED_FILE}: {message}", [Problem(at, message)])


def _text(path: Path) -> str:
    text, problems = decode_text(path.read_bytes(), REJECTED_FILE, "a TOML file")
    if text is None:
        raise ConfigError(f"cannot read {REJECTED_FILE}", problems)
    return text


def _read(text: str) -> dict[str, Any]:
    data, problems = read_toml(text, REJECTED_FILE)
    if data is None:
        raise ConfigError(f"{REJECTED_FILE} is not valid TOML", problems)
    return data


def add_rejection(
    root: Path, group: str, *, description: str, by: str, on: dt.date, reason: str | None = None,
    allow_outside_root: bool = False,
) -> bool:
    """Record a rejected group; False when it was already recorded (the file is unchanged)."""
    import tomlkit  # on first use: a check reads this file (tomllib) but never writes it

    if not _GROUP_ID.fullmatch(group):
        raise ValueError(f"not a group id: {group!r}")
    path = rejected_path(root)
    try:
        with locked(path):
            # Read through the loader first: a malformed file is refused with its position
            # before tomlkit, which would raise its own exception, sees it.
            if group in load_rejected(root, allow_outside_root=allow_outside_root):
                return False
            existing = _text(path) if path.exists() else ""
            document = tomlkit.parse(existing) if existing else tomlkit.document()
            if not existing:
                document.add(tomlkit.comment("Inferred measure groups a reviewer rejected (claimstrack measures reject)."))
            table = tomlkit.table()
            table["group"] = group
            table["description"] = description
            table["by"] = by
            table["on"] = on
            if reason:
                table["reason"] = reason
            rejected = document.get("rejected")
            if rejected is None:
                rejected = tomlkit.aot()
                document["rejected"] = rejected
            rejected.append(table)
            write_atomic(path, tomlkit.dumps(document))
    except LockTimeout:
        message = f"{REJECTED_FILE} is being edited by another process; try again in a moment"
        raise ConfigError(message, [Problem(Location(REJECTED_FILE), message)]) from None
    return True
