from pathlib import Path

from claimstrack.paths import shown_path


def test_inside_the_root_relative_posix(tmp_path):
    assert shown_path(tmp_path / "content" / "a.md", tmp_path) == "content/a.md"


def test_outside_the_root_as_given(tmp_path):
    outside = Path("/elsewhere/a.md")
    assert shown_path(outside, tmp_path) == "/elsewhere/a.md"


def test_a_symlink_inside_the_project_keeps_its_own_name(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("x")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    assert shown_path(tmp_path / "alias" / "a.md", tmp_path) == "alias/a.md"


def test_a_relative_path_is_taken_from_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path / "content")
    assert shown_path(Path("a.md"), tmp_path) == "content/a.md"


def test_a_path_below_the_root_is_shown_as_relative_to_tells_it() -> None:
    from pathlib import PurePosixPath

    roots = ["/", "/x", "/x/y", "//x", "x", "x/y", ".", "/x/y/.."]
    paths = ["/x/y/z", "/x/yz/a", "/x/y", "/x/y/../z", "//x/a", "x/y/z", "x/yy", "z", "/", "/x/y/z/w.md"]
    for root in roots:
        for path in paths:
            try:
                expected = PurePosixPath(path).relative_to(PurePosixPath(root)).as_posix()
            except ValueError:
                continue  # shown some other way (resolved, or as given)
            assert shown_path(Path(path), Path(root)) == expected, (path, root)
