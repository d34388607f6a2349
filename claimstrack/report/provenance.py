"""Where a report's inputs came from: the git commit checked out in the project and whether the
working tree differs from it. Outside a git repository, or without git, there is none."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import attrs

#: A slow or hung git (a network filesystem, a huge tree) must not hold the report up.
GIT_TIMEOUT = 10.0


@attrs.frozen
class GitState:
    """The commit checked out and whether any tracked or untracked file differs from it."""

    commit: str
    dirty: bool

    @property
    def short(self) -> str:
        return self.commit[:12]


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
