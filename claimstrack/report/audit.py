"""The report's audit trail: every file the run read with its SHA-256, and the git commit the
project is at with whether its working tree differs from it (none outside git)."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from claimstrack.engine import Report
from claimstrack.paths import shown_path
from claimstrack.report.views import GitState, InputFile

#: A slow or hung git (a network filesystem, a huge tree) must not hold the report up.
GIT_TIMEOUT = 10.0


def collect_inputs(report: Report) -> list[InputFile]:
    """Every file the run read, with its SHA-256, in a stable order."""
    root = Path(report.root)
    listed: list[tuple[str, str]] = []
    if report.config.path:
        listed.append(("configuration", shown_path(Path(report.config.path), root)))
    listed += [("claims library", path) for path in report.library.files]
    if report.bibliography.path:
        listed.append(("bibliography", shown_path(Path(report.bibliography.path), root)))
    listed += [("document", d.path) for d in report.documents]
    sources = {d.path: d.source for d in report.documents}
    return [_input(role, path, root, sources.get(path)) for role, path in dict.fromkeys(listed)]


def _input(role: str, path: str, root: Path, source: str | None) -> InputFile:
    file = Path(path) if Path(path).is_absolute() else root / path
    try:
        data = file.read_bytes()
    except OSError:
        # A document given as text rather than read from disk: hash what was checked.
        if source is None:
            return InputFile(role, path, None, None)
        data = source.encode("utf-8")
    return InputFile(role, path, hashlib.sha256(data).hexdigest(), len(data))


def git_state(root: str | os.PathLike[str]) -> GitState | None:
    """The git commit and dirty state of the repository holding `root`, or None when `root` is
    not in a git work tree, git is not installed, or git fails."""
    commit = _git(root, "rev-parse", "--verify", "HEAD")
    if commit is None:
        return None
    status = _git(root, "status", "--porcelain", "--untracked-files=normal")
    if status is None:
        return None
    return GitState(commit=commit.strip(), dirty=bool(status.strip()))


def _git(root: str | os.PathLike[str], *args: str) -> str | None:
    # GIT_OPTIONAL_LOCKS=0: a status run never takes the index lock a user's git may want.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        result = subprocess.run(
            ["git", "-C", str(Path(root)), *args],
            capture_output=True, text=True, timeout=GIT_TIMEOUT, env=env, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
