"""Shared test settings.

In CI (the CI variable set; .ci/run sets it) Hypothesis runs derandomized: the same examples every run, so a
submission is judged on its code, not on which random inputs a run happened to draw. Locally it
explores new examples every run, which is where new bugs are found.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline anywhere: speed lives in benchmarks/, and on a loaded machine an
# example of a few hundred milliseconds is not a failure.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


class FolderListings:
    """The folders `os.scandir` listed during a test (`listed`, in order), and the folder names
    it refuses to list (`refuse`), as a folder without read permission does for a user who is
    not root (the tests run as root too, where a chmod would not do)."""

    def __init__(self) -> None:
        self.listed: list[Path] = []
        self.refused: set[str] = set()

    def refuse(self, *names: str) -> None:
        self.refused.update(names)

    def listed_below(self, root: Path) -> list[str]:
        return [path.relative_to(root).as_posix() for path in self.listed]


@pytest.fixture
def folder_listings(monkeypatch: pytest.MonkeyPatch) -> FolderListings:
    """Every folder walk's listings recorded, some refused: see `FolderListings`."""
    listings = FolderListings()
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> Iterator[os.DirEntry[str]]:
        folder = Path(os.fspath(path))
        if folder.name in listings.refused:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        listings.listed.append(folder)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return listings
