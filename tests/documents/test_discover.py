from __future__ import annotations

from pathlib import Path

import pytest

from claimstrack.documents import discover_documents, discover_from_globs
from claimstrack.documents.discover import left_out_documents, search_globs
from claimstrack.errors import UsageError

TREE = [
    "content/a.md", "content/b.html", "content/c.htm", "content/d.txt", "content/e.markdown",
    "content/f.text", "content/deep/g.md", "content/image.png", "content/notes.rst",
    "content/.hidden/h.md", "content/node_modules/i.md", "content/.git/j.md",
    "content/.venv/k.md", "content/drafts/l.md", "other/m.md",
]  # fmt: skip


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in TREE:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return tmp_path


def relative(paths: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in paths]


def test_directory_search(tree: Path) -> None:
    found = discover_documents([tree / "content"])
    assert relative(found, tree) == [
        "content/a.md", "content/b.html", "content/c.htm", "content/d.txt",
        "content/deep/g.md", "content/drafts/l.md", "content/e.markdown", "content/f.text",
    ]  # fmt: skip


def test_files_are_taken_whatever_their_extension(tree: Path) -> None:
    found = discover_documents([tree / "content/notes.rst", tree / "content/a.md"])
    assert relative(found, tree) == ["content/a.md", "content/notes.rst"]


def test_sorted_and_deduplicated(tree: Path) -> None:
    found = discover_documents([tree / "other", tree / "content/a.md", tree / "content", tree / "other/m.md"])
    names = relative(found, tree)
    assert names == sorted(names) and len(names) == len(set(names)) == 9


@pytest.mark.parametrize(
    ("exclude", "missing"),
    [(["drafts/**"], "content/drafts/l.md"), (["*.html"], "content/b.html"), (["deep/*.md"], "content/deep/g.md")],
)
def test_exclude(tree: Path, exclude: list[str], missing: str) -> None:
    names = relative(discover_documents([tree / "content"], exclude=exclude), tree)
    assert missing not in names and "content/a.md" in names


def test_include(tree: Path) -> None:
    names = relative(discover_documents([tree / "content"], include=["*.md"]), tree)
    assert names == ["content/a.md", "content/deep/g.md", "content/drafts/l.md"]


def test_missing_path_is_a_usage_error(tree: Path) -> None:
    with pytest.raises(UsageError) as error:
        discover_documents([tree / "content", tree / "nope"])
    assert "nope" in str(error.value)
    assert error.value.exit_code == 2


def test_globs_from_config(tree: Path) -> None:
    found = discover_from_globs(tree, ["content/**/*.md", "content/**/*.html"], ["content/drafts/**"])
    assert relative(found, tree) == ["content/a.md", "content/b.html", "content/deep/g.md"]


def test_a_glob_search_lists_only_folders_a_glob_could_match_below(tree: Path, folder_listings) -> None:
    found = discover_from_globs(tree, ["content/*.md", "content/deep/*.md"])
    assert relative(found, tree) == ["content/a.md", "content/deep/g.md"]
    assert sorted(folder_listings.listed_below(tree)) == ["content", "content/deep"]  # not other/, drafts/, .git/...


def test_a_folder_glob_takes_the_files_below_it(tree: Path) -> None:
    found = discover_from_globs(tree, ["content/drafts/**", "other/**"])
    assert relative(found, tree) == ["content/drafts/l.md", "other/m.md"]


def test_a_folder_that_cannot_be_listed_is_reported_unless_excluded(tree: Path, folder_listings) -> None:
    folder_listings.refuse("deep", "drafts")
    found = search_globs(tree, ["content/**/*.md"], ["content/drafts/**"])
    assert relative(found.files, tree) == ["content/a.md"]
    assert [(item.path.relative_to(tree).as_posix(), item.reason) for item in found.skipped] == [
        ("content/deep", "cannot list the folder: permission denied; documents in it are not checked")
    ]


CACHE_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# a tool's cache\n"


def test_a_folder_tagged_as_a_cache_is_not_searched(tree: Path) -> None:
    # a cache-dir that is not hidden ("build/cache") would otherwise be walked on every run
    (tree / "content" / "cache").mkdir()
    (tree / "content" / "cache" / "CACHEDIR.TAG").write_text(CACHE_TAG, encoding="utf-8")
    (tree / "content" / "cache" / "x.md").write_text("x", encoding="utf-8")
    assert "content/cache/x.md" not in relative(discover_documents([tree / "content"]), tree)
    assert "content/cache/x.md" not in relative(discover_from_globs(tree, ["content/**/*.md"]), tree)
    assert relative(discover_documents([tree / "content/cache"]), tree) == ["content/cache/x.md"]  # named


def test_a_folder_exclude_leaves_out_whole_is_not_listed(tree: Path, folder_listings) -> None:
    # the folders beside it are listed: a walk the fixture did not see would pass in silence
    found = relative(discover_documents([tree / "content"], exclude=["drafts/**"]), tree)
    assert "content/drafts/l.md" not in found and "content/drafts" not in folder_listings.listed_below(tree)
    assert "content/deep" in folder_listings.listed_below(tree)
    folder_listings.listed.clear()
    found = relative(discover_from_globs(tree, ["content/**/*.md"], ["content/drafts/**"]), tree)
    assert "content/drafts/l.md" not in found and "content/drafts" not in folder_listings.listed_below(tree)
    assert "content/deep" in folder_listings.listed_below(tree)


def test_globs_root_must_exist(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a directory"):
        discover_from_globs(tmp_path / "nope", ["**/*.md"])


def test_a_glob_that_names_a_hidden_folder_enters_it(tree: Path) -> None:
    # explicit beats the default: a hidden folder a glob names is searched, its own hidden ones are not
    for name in (".site/a.md", ".site/news/b.md", ".site/.drafts/c.md", "content/.hidden/deeper/i.md"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("x", encoding="utf-8")
    assert relative(discover_from_globs(tree, [".site/**/*.md"]), tree) == [".site/a.md", ".site/news/b.md"]
    assert relative(discover_from_globs(tree, ["content/.hidden/*.md"]), tree) == ["content/.hidden/h.md"]
    assert relative(discover_from_globs(tree, ["**/.hidden/**/*.md"]), tree) == [
        "content/.hidden/deeper/i.md", "content/.hidden/h.md"]
    assert relative(discover_from_globs(tree, ["**/node_modules/*.md"]), tree) == ["content/node_modules/i.md"]
    assert ".site/a.md" not in relative(discover_from_globs(tree, ["**/*.md"]), tree)  # not named: skipped


def test_left_out_documents_does_not_walk_what_exclude_leaves_out_whole(tree: Path, folder_listings) -> None:
    taken = [tree / "content/a.md"]
    left_out = left_out_documents(tree, ["content/*.md"], ["content/drafts/**"], taken)
    assert "content/drafts/l.md" not in relative(left_out, tree) and "content/deep/g.md" in relative(left_out, tree)
    assert "content/drafts" not in folder_listings.listed_below(tree)
    assert "content/deep" in folder_listings.listed_below(tree)


def test_the_search_keeps_each_found_files_state_but_a_links(tmp_path):
    import os

    from claimstrack.documents.discover import search_globs

    (tmp_path / "content").mkdir()
    page = tmp_path / "content/a.md"
    page.write_text("A page.\n")
    (tmp_path / "content/b.md").symlink_to(page)
    found = search_globs(tmp_path, ["content/**/*.md"])
    assert [p.name for p in found.files] == ["a.md", "b.md"]
    state, linked = found.states
    assert linked is None and state is not None
    assert (state.st_ino, state.st_mtime_ns, state.st_size) == (os.stat(page).st_ino, os.stat(page).st_mtime_ns, 8)


def test_paths_named_outright_are_stated_once_and_keep_their_targets_state(tmp_path, monkeypatch):
    import os

    from claimstrack.documents.discover import search_paths

    (tmp_path / "content").mkdir()
    page = tmp_path / "content/a.md"
    page.write_text("A page.\n")
    (tmp_path / "d.md").write_text("Another page.\n")
    (tmp_path / "b.md").symlink_to(page)
    (tmp_path / "content/c.md").symlink_to(page)
    stated: list[str] = []
    original = Path.stat

    def counting(self, *args, **kwargs):
        stated.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", counting)
    found = search_paths([tmp_path / "b.md", tmp_path / "d.md", tmp_path / "content"])
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == ["b.md", "content/a.md", "content/c.md", "d.md"]
    assert stated.count("b.md") == 1 and stated.count("d.md") == 1  # named: one stat each, none more
    b, a, c, d = found.states
    assert b is not None and b.st_ino == os.stat(page).st_ino  # a named link: its target's state
    assert a is not None and d is not None and d.st_ino == os.stat(tmp_path / "d.md").st_ino
    assert c is None  # found in a folder: a link's own state says nothing of its target
