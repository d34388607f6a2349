"""One glob matcher for every setting and for discovery (claimstrack.globs)."""

from __future__ import annotations

import pytest

from claimstrack.globs import glob_match, matches_any


@pytest.mark.parametrize(
    ("path", "pattern", "matches"),
    [
        ("a.md", "*.md", True), ("a/b.md", "*.md", False), ("a/b.md", "**/*.md", True),
        ("b.md", "**/*.md", True), ("c/x/y/b.md", "c/**/*.md", True), ("d/b.md", "c/**/*.md", False),
        ("c/b.md", "c/*.md", True), ("c/x/b.md", "c/*.md", False), ("a.md", "?.md", True),
        ("ab.md", "?.md", False), ("c/x", "c/**", True), ("a.md", "./a.md", True),
        ("a" * 200 + ".md", "*a*a*a*a*a*a*a*a*b", False),
    ],
)  # fmt: skip
def test_glob_match(path: str, pattern: str, matches: bool) -> None:
    assert glob_match(path, pattern) is matches


@pytest.mark.parametrize(
    ("path", "pattern", "expected"),
    [
        ("content/a.md", "content/**/*.md", True),
        ("content/x/y/a.md", "content/**/*.md", True),
        ("other/a.md", "content/**/*.md", False),
        ("content/x/a.md", "content/*.md", False),
        ("deep/down/a.md", "*.md", True),
        ("drafts/a/b.txt", "drafts/**", True),
        ("page1.md", "page?.md", True),
        ("pagex.md", "page[0-9].md", False),
        ("pagex.md", "page[!0-9].md", True),
        ("content/a.md", "./content/*.md", True),
        ("a+b.md", "a+b.md", True),
    ],
)
def test_a_glob_without_a_slash_matches_the_file_name(path: str, pattern: str, expected: bool) -> None:
    assert matches_any(path, (pattern,)) is expected
