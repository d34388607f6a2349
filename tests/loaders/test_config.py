"""Configuration: finding the file, reading settings, rule selection, and located errors."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from project_files import write_project

from claimstrack.config import (
    DEFAULT_DOCUMENTS,
    Config,
    find_config,
    load_config,
)
from claimstrack.consistency import Tolerance
from claimstrack.documents import discover_from_globs
from claimstrack.errors import ConfigError, UsageError
from claimstrack.model import Location, Severity

KNOWN = ("CT101", "CT102", "CT110", "CT201", "CT301", "CT401", "CT901")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Finding


def test_claimstrack_toml_wins_over_pyproject_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.claimstrack]\n")
    write(tmp_path / "claimstrack.toml", "")
    assert find_config(tmp_path) == (tmp_path / "claimstrack.toml").resolve()


def test_the_nearest_directory_wins(tmp_path: Path) -> None:
    write(tmp_path / "claimstrack.toml", "")
    write(tmp_path / "a" / "pyproject.toml", "[tool.claimstrack]\nclaims = 'c'\n")
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b" / "c") == (tmp_path / "a" / "pyproject.toml").resolve()


def test_a_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "claimstrack.toml", "")
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'  # claimstrack\n")
    assert find_config(tmp_path / "a") == (tmp_path / "claimstrack.toml").resolve()


def test_a_file_start_searches_from_its_directory(tmp_path: Path) -> None:
    write(tmp_path / "claimstrack.toml", "")
    page = write(tmp_path / "content" / "a.md", "x")
    assert find_config(page) == (tmp_path / "claimstrack.toml").resolve()


def test_no_config_anywhere(tmp_path: Path) -> None:
    # /tmp and / hold no claimstrack config on the test machines; guard the assumption.
    if any((p / "claimstrack.toml").exists() for p in tmp_path.parents):
        pytest.skip("a claimstrack.toml above the temporary directory")
    assert find_config(tmp_path) is None


def test_a_broken_pyproject_naming_claimstrack_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.claimstrack\n")
    with pytest.raises(ConfigError) as caught:
        find_config(tmp_path)
    assert caught.value.problems[0].location.line == 1
    assert "invalid TOML" in caught.value.problems[0].message


# ---------------------------------------------------------------------------------------------
# Loading


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(None, root=tmp_path)
    assert config == Config(root=tmp_path.resolve())
    assert config.documents == DEFAULT_DOCUMENTS
    assert (config.claims, config.bibliography, config.sources) == (
        "claims",
        "references.bib",
        "sources",
    )
    assert config.fail_on is Severity.ERROR and config.tolerance == Tolerance(0.10, 0.05, 0.05)
    assert config.review_warning_days == 30 and config.today is None and config.baseline is None
    assert config.resolve("claims") == tmp_path.resolve() / "claims"


FULL = """\
documents = ["pages/**/*.md"]
exclude = ["pages/drafts/**"]
claims = "library/claims.toml"
bibliography = "refs.bib"
sources = "src"
select = ["CT1", "CT2"]
extend-select = ["CT401"]
ignore = ["CT110"]
fail-on = "warning"
today = 2026-11-01
baseline = "baseline.json"
review-warning-days = 14

[per-file-ignores]
"legal/*.md" = ["CT4"]

[severity]
CT201 = "warning"

[tolerance]
approximate = 0.2
differ = 0.1
"""


def test_every_setting_is_read(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "claimstrack.toml", FULL), known_codes=KNOWN)
    assert config.root == tmp_path.resolve()
    assert config.documents == ("pages/**/*.md",) and config.exclude == ("pages/drafts/**",)
    assert (config.claims, config.bibliography, config.sources) == (
        "library/claims.toml",
        "refs.bib",
        "src",
    )
    assert (config.select, config.extend_select, config.ignore) == (
        ("CT1", "CT2"),
        ("CT401",),
        ("CT110",),
    )
    assert config.per_file_ignores == (("legal/*.md", ("CT4",)),)
    assert config.severity == (("CT201", Severity.WARNING),)
    assert config.fail_on is Severity.WARNING and config.today == dt.date(2026, 11, 1)
    assert config.baseline == "baseline.json" and config.review_warning_days == 14
    assert config.tolerance == Tolerance(approximate=0.2, hedge=0.05, differ=0.1)
    assert config.is_explicit("claims") and not Config(root=tmp_path).is_explicit("claims")


def test_pyproject_settings_and_a_string_date(tmp_path: Path) -> None:
    text = '[project]\nname = "x"\n\n[tool.claimstrack]\ntoday = "2026-01-31"\n'
    config = load_config(write(tmp_path / "pyproject.toml", text))
    assert config.today == dt.date(2026, 1, 31) and config.explicit == frozenset({"today"})


def test_an_explicit_root_overrides_the_config_directory(tmp_path: Path) -> None:
    path = write(tmp_path / "conf" / "claimstrack.toml", "colour = 1\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, root=tmp_path)
    assert caught.value.problems[0].location == Location("conf/claimstrack.toml", 1, 1)
    assert load_config(write(path, ""), root=tmp_path).root == tmp_path.resolve()


# Each case: file name, text, expected (line, column), message fragment, count.
BAD_CASES = [
    (
        "unknown key",
        "claimstrack.toml",
        'claims = "c"\nbibliografy = "r.bib"\n',
        (2, 1),
        "unknown key 'bibliografy' in claimstrack.toml (did you mean 'bibliography'?)",
        1,
    ),
    (
        "snake_case key",
        "claimstrack.toml",
        'fail_on = "error"\n',
        (1, 1),
        "(did you mean 'fail-on'?)",
        1,
    ),
    (
        "unknown key in pyproject",
        "pyproject.toml",
        '[project]\nname = "x"\n[tool.claimstrack]\nselct = []\n',
        (4, 1),
        "unknown key 'selct' in [tool.claimstrack] (did you mean 'select'?)",
        1,
    ),
    (
        "bad select code",
        "claimstrack.toml",
        'select = ["CT1", "E501"]\n',
        (1, 18),
        "'E501' is not a rule code or prefix",
        1,
    ),
    (
        "unknown select code",
        "claimstrack.toml",
        'ignore = [\n  "CT999",\n]\n',
        (2, 3),
        "unknown rule code or prefix 'CT999'",
        1,
    ),
    (
        "select not a list",
        "claimstrack.toml",
        'select = "CT1"\n',
        (1, 10),
        "must be an array of strings",
        1,
    ),
    (
        "bad per-file code",
        "claimstrack.toml",
        '[per-file-ignores]\n"a/*.md" = ["CT5"]\n',
        (2, 13),
        "unknown rule code or prefix 'CT5'",
        1,
    ),
    (
        "bad severity",
        "claimstrack.toml",
        '[severity]\nCT101 = "fatal"\n',
        (2, 9),
        "must be one of error",
        1,
    ),
    (
        "bad fail-on",
        "claimstrack.toml",
        'fail-on = "info"\n',
        (1, 11),
        "'fail-on' must be 'error' or 'warning'",
        1,
    ),
    ("bad today", "claimstrack.toml", 'today = "tomorrow"\n', (1, 9), "'today' must be a date", 1),
    (
        "impossible today",
        "claimstrack.toml",
        'today = "2026-02-30"\n',
        (1, 9),
        "'today' must be a date",
        1,
    ),
    (
        "today a date-time",
        "claimstrack.toml",
        "today = 2026-02-03T01:02:03\n",
        (1, 9),
        "must be a date",
        1,
    ),
    (
        "unknown tolerance",
        "claimstrack.toml",
        "[tolerance]\nhedges = 0.1\n",
        (2, 1),
        "unknown key 'hedges' in 'tolerance' (did you mean 'hedge'?)",
        1,
    ),
    (
        "tolerance too big",
        "claimstrack.toml",
        "[tolerance]\ndiffer = 1.5\n",
        (2, 10),
        "from 0 up to",
        1,
    ),
    (
        "negative days",
        "claimstrack.toml",
        "review-warning-days = -1\n",
        (1, 23),
        "whole number of days",
        1,
    ),
    ("empty claims", "claimstrack.toml", 'claims = ""\n', (1, 10), "'claims' is empty; it must name a path", 1),
    ("cache-dir a number", "claimstrack.toml", "cache-dir = 3\n", (1, 13), "'cache-dir' must be a string naming a path, not an integer", 1),
    ("blank cache-dir", "claimstrack.toml", 'cache-dir = " "\n', (1, 13), "'cache-dir' is blank; it must name a path", 1),
    ("empty cache-dir", "claimstrack.toml", 'cache-dir = ""\n', (1, 13), "'cache-dir' is empty; it must name a path", 1),
    ("malformed TOML", "claimstrack.toml", "claims = [\n", (2, 1), "invalid TOML", 1),
    ("several", "claimstrack.toml", "a = 1\nb = 2\nfail-on = 3\n", (1, 1), "unknown key 'a'", 3),
]


@pytest.mark.parametrize(
    ("name", "text", "where", "fragment", "count"),
    [case[1:] for case in BAD_CASES],
    ids=[case[0] for case in BAD_CASES],
)
def test_bad_settings_are_located(
    tmp_path: Path, name: str, text: str, where: tuple[int, int], fragment: str, count: int
) -> None:
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, known_codes=KNOWN)
    error = caught.value
    assert error.exit_code == 2
    first = error.problems[0]
    assert first.location == Location(name, *where)
    assert fragment in first.message
    assert len(error.problems) == count, [str(p) for p in error.problems]


def test_codes_are_checked_for_shape_only_without_a_registry(tmp_path: Path) -> None:
    path = write(tmp_path / "claimstrack.toml", 'select = ["CT999", "ALL"]\n')
    assert load_config(path).select == ("CT999", "ALL")


def test_an_unreadable_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "missing.toml")
    assert "cannot read file" in caught.value.problems[0].message


# ---------------------------------------------------------------------------------------------
# Selection


@pytest.mark.parametrize(
    ("select", "extend", "ignore", "code", "expected"),
    [
        (("ALL",), (), (), "CT101", True),
        (("ALL",), (), ("CT1",), "CT101", False),
        (("ALL",), (), ("CT1",), "CT201", True),
        (("CT1",), (), (), "CT201", False),
        (("CT1",), ("CT201",), (), "CT201", True),
        (("CT101",), (), ("CT1",), "CT101", True),  # the more specific select wins
        (("CT1",), (), ("CT101",), "CT101", False),
        (("CT1",), (), ("CT101",), "CT102", True),
        (("CT101",), (), ("CT101",), "CT101", False),  # a tie goes to ignore
        ((), (), (), "CT101", False),
        (("CT",), (), ("ALL",), "CT101", True),
    ],
)
def test_is_selected_follows_ruff(
    select: tuple[str, ...],
    extend: tuple[str, ...],
    ignore: tuple[str, ...],
    code: str,
    expected: bool,
) -> None:
    config = Config(root=Path("."), select=select, extend_select=extend, ignore=ignore)
    assert config.is_selected(code) is expected


@pytest.mark.parametrize(
    ("path", "code", "expected"),
    [
        ("legal/terms.md", "CT401", False),
        ("legal/terms.md", "CT101", True),
        ("content/legal/terms.md", "CT401", True),
        ("content/x.html", "CT201", False),
        ("x.html", "CT201", False),
        ("content/x.md", "CT201", True),
    ],
)
def test_per_file_ignores(path: str, code: str, expected: bool) -> None:
    config = Config(
        root=Path("."), per_file_ignores=(("legal/*.md", ("CT4",)), ("*.html", ("CT201",)))
    )
    assert config.is_selected(code, path) is expected


def test_a_callers_selection_replaces_select_and_extends_the_rest() -> None:
    config = Config(root=Path("."), select=("CT1",), extend_select=("CT4",), ignore=("CT101",))
    assert config.with_selection() == config
    chosen = config.with_selection(select=["CT2"], extend_select=["CT3"], ignore=["CT201"], known_codes=KNOWN + ("CT2", "CT3"))
    assert (chosen.select, chosen.extend_select, chosen.ignore) == (("CT2",), ("CT4", "CT3"), ("CT101", "CT201"))
    assert not chosen.is_selected("CT102") and chosen.is_selected("CT301") and not chosen.is_selected("CT201")


def test_an_unknown_code_in_a_callers_selection_is_a_usage_error() -> None:
    config = Config(root=Path("."))
    with pytest.raises(UsageError, match=r"unknown rule code or prefix 'CT1011' in ignore \(did you mean 'CT101'\?\)"):
        config.with_selection(ignore=["CT1011"], known_codes=KNOWN)
    assert config.with_selection(ignore=["CT1011"]).ignore == ("CT1011",)  # no registry given: not checked


def test_today_and_the_review_window() -> None:
    configured = Config(root=Path("."), today=dt.date(2026, 11, 21), review_warning_days=14)
    assert configured.today_for() == dt.date(2026, 11, 21)
    assert configured.today_for(dt.date(2027, 1, 1)) == dt.date(2027, 1, 1)
    assert Config(root=Path(".")).today_for() == dt.date.today()
    assert configured.review_due_by(dt.date(2026, 11, 21)) == dt.date(2026, 12, 5)
    assert configured.review_due_by(dt.date(9999, 12, 30)) == dt.date.max


def test_severity_for_prefers_the_most_specific_setting() -> None:
    config = Config(root=Path("."), severity=(("CT1", Severity.INFO), ("CT101", Severity.ERROR)))
    assert config.severity_for("CT101", Severity.WARNING) is Severity.ERROR
    assert config.severity_for("CT102", Severity.WARNING) is Severity.INFO
    assert config.severity_for("CT201", Severity.WARNING) is Severity.WARNING


def test_excludes(tmp_path: Path) -> None:
    write_project(tmp_path, {"content/drafts/a.md": "x", "content/a.md": "x"})
    config = Config(root=tmp_path, exclude=("content/drafts/**",))
    assert discover_from_globs(config.root, config.documents, config.exclude) == [tmp_path / "content/a.md"]


# ---------------------------------------------------------------------------------------------
# Any settings file


SETTING_LINES = [
    'claims = "c"\n',
    "claims = 1\n",
    'select = ["CT1"]\n',
    'select = ["X"]\n',
    "today = 2026-01-01\n",
    'today = "x"\n',
    "[tolerance]\n",
    "hedge = 2\n",
    "[per-file-ignores]\n",
    '"*.md" = ["CT1"]\n',
    "[severity]\n",
    'CT1 = "loud"\n',
    "a.b.c = 1\n",
    "x = [1, [2, {y = 3}]]\n",
    '"""\n',
    "[[t]]\n",
    "\x00",
    "\xe9",
    "= 1\n",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(SETTING_LINES), max_size=10)
    | st.lists(st.text(max_size=30), max_size=3)
)
def test_arbitrary_settings_give_a_config_or_a_config_error(parts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "claimstrack.toml"
        path.write_bytes("".join(parts).encode("utf-8", "surrogatepass"))
        try:
            load_config(path, known_codes=KNOWN)
        except ConfigError as error:
            assert error.problems and all(p.location.line >= 1 for p in error.problems)
