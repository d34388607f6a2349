"""One glob matcher for every setting and for discovery (claimstrack.globs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimstrack.globs import CACHE_TAG, could_match_below, glob_match, matches_any, search


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


def test_a_path_whose_last_part_fails_the_patterns_last_is_told_as_the_whole_programme_tells_it() -> None:
    from claimstrack.globs import _pattern_parts, _start, _step

    def whole_programme(relative: str, pattern: str) -> bool:
        parts = relative.split("/")
        reachable = _start(parts)
        for part in _pattern_parts(pattern):
            reachable = _step(reachable, part, parts)
        return reachable[-1]

    paths = ["a.md", "a/b.md", "c/x/y/b.html", "c/x", "c", "content/s/p.txt", "x/**", ".md", "a/b/c",
             "content", "content/a.md", "contents/a.md", "c/x/y/b.md", "c/b.md/x", "", "a//b.md", "c/x/b.md"]
    # the plain parts, `**` and one last part ("content/**/*.md") are told by a prefix (`_plain_then_any`)
    patterns = ["*.md", "**/*.md", "c/**", "c/**/*.html", "**", "c/*", "content/**/*.txt", "", "./a.md",
                "a/**/c", "**/b.*", "*", "?/b.md", "a/[!b].md", "content/**", "c/x/**/*.md", "./c/**/b.md",
                "c/[x]/**/*.md", "c/**/**", "c/**/x/*.md", "c/***/*.md", "content/**/*"]
    for path in paths:
        for pattern in patterns:
            assert glob_match(path, pattern) is whole_programme(path, pattern), (path, pattern)


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


def files(root: Path, *names: str, text: str = "x") -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_search_finds_files_and_folders_and_never_follows_a_link_to_a_folder(tmp_path) -> None:
    files(tmp_path, "content/b.md", "content/a/z.md", "content/a/y.txt", "elsewhere/x.md")
    (tmp_path / "content" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "content" / "one.md").symlink_to(tmp_path / "elsewhere" / "x.md")
    found = list(search(tmp_path, ["content/**/*.md", "content/linked"]))
    assert found == ["content/b.md", "content/linked", "content/one.md", "content/a/z.md"]
    assert list(search(tmp_path, ["missing/*.md", "content/b.md/*"])) == []


def test_a_link_to_a_folder_out_of_the_root_is_never_followed(tmp_path) -> None:
    root, outside = tmp_path / "project", tmp_path / "outside"
    files(root, "content/a.md")
    files(outside, "secret.md", "deeper/secret.md")
    (root / "content" / "shared").symlink_to(outside, target_is_directory=True)
    assert list(search(root, ["**/*.md"], hidden=True, caches=True)) == ["content/a.md"]
    assert list(search(root, ["content/**"])) == ["content/a.md", "content/shared"]  # named, not entered


def test_hidden_and_tool_folders_are_skipped_unless_asked_or_named(tmp_path) -> None:
    files(tmp_path, "a.md", ".drafts/b.md", ".git/c.md", "node_modules/d.md", ".venv/lib/e.md", "docs/.old/f.md")
    assert list(search(tmp_path, ["**/*.md"])) == ["a.md"]
    assert sorted(search(tmp_path, ["**/*.md"], hidden=True)) == [
        ".drafts/b.md", ".git/c.md", ".venv/lib/e.md", "a.md", "docs/.old/f.md", "node_modules/d.md"]
    assert list(search(tmp_path, [".drafts/*.md", "docs/.old/*.md"])) == [".drafts/b.md", "docs/.old/f.md"]


def test_a_folder_tagged_as_a_cache_is_skipped_unless_asked_or_named(tmp_path) -> None:
    files(tmp_path, "a.md", "build/cache/b.md", "notes/c.md")
    files(tmp_path, f"build/cache/{CACHE_TAG}", text="Signature: 8a477f597d28d172789f06886806bc55\n# a cache\n")
    files(tmp_path, f"notes/{CACHE_TAG}", text="not a cache tag: no signature\n")
    assert list(search(tmp_path, ["**/*.md"])) == ["a.md", "notes/c.md"]
    assert list(search(tmp_path, ["**/*.md"], caches=True)) == ["a.md", "build/cache/b.md", "notes/c.md"]
    assert list(search(tmp_path, ["build/cache/*.md"])) == ["build/cache/b.md"]


def test_a_folder_a_prune_glob_leaves_out_whole_is_never_listed(tmp_path, folder_listings) -> None:
    files(tmp_path, "content/a.md", "content/drafts/b.md", "content/old/c.md", "content/old/d.txt")
    found = list(search(tmp_path, ["content/**"], prune=["content/drafts/**", "content/old/*.md"]))
    assert found == ["content/a.md", "content/drafts", "content/old", "content/old/c.md", "content/old/d.txt"]
    assert folder_listings.listed_below(tmp_path) == ["content", "content/old"]  # "content/old/*.md" does not leave the folder out whole
