"""One glob matcher for every setting and for discovery (claimstrack.globs)."""

from __future__ import annotations

import pytest

from claimstrack.globs import could_match_below, glob_match, matches_any, search


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


@pytest.mark.parametrize(
    ("folder", "pattern", "expected"),
    [
        ("content", "content/**/*.md", True), ("content/a/b", "content/**/*.md", True),
        ("other", "content/**/*.md", False), ("content", "content/*.md", True),
        ("content/x", "content/*.md", False), ("content", "*/*.md", True), ("content/y", "*/x/*.md", False),
        ("content/x", "*/x/*.md", True), ("content/x/y", "*/x/*.md", False),
        ("drafts", "drafts/**", True), ("drafts/a", "drafts/**", True), ("a", "**", True),
        ("content", "content", False), ("content", "./content/news/*.md", True),
    ],
)  # fmt: skip
def test_could_match_below_says_which_folders_a_search_enters(folder: str, pattern: str, expected: bool) -> None:
    assert could_match_below(folder, pattern) is expected


@pytest.mark.parametrize("pattern", ["content/**/*.md", "*/x/*.md", "a/**/b/*", "**", "?/*"])
@pytest.mark.parametrize("path", ["content/x/a.md", "a/x/b/c", "a/b", "q/x/y.md"])
def test_a_folder_holding_a_match_could_match_below(path: str, pattern: str) -> None:
    parts = path.split("/")
    if glob_match(path, pattern):
        assert all(could_match_below("/".join(parts[:i]), pattern) for i in range(1, len(parts)))


def test_search_finds_files_and_folders_and_never_follows_a_link_to_a_folder(tmp_path) -> None:
    for name in ("content/b.md", "content/a/z.md", "content/a/y.txt", "elsewhere/x.md", "skip/me.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "content" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "content" / "one.md").symlink_to(tmp_path / "elsewhere" / "x.md")
    found = list(search(tmp_path, ["content/**/*.md", "content/linked"]))
    assert found == ["content/b.md", "content/linked", "content/one.md", "content/a/z.md"]
    assert sorted(search(tmp_path, ["**/*.md"], enter=lambda name: name != "skip")) == [
        "content/a/z.md", "content/b.md", "content/one.md", "elsewhere/x.md"]
    assert list(search(tmp_path, ["missing/*.md", "content/b.md/*"])) == []
