"""When a progress bar may appear, and what it draws."""

from __future__ import annotations

import io
import json
import re
import sys
from unittest.mock import ANY

import pytest
from project_files import write_project

from claimstrack.cli import main
from claimstrack.progress import (
    Display,
    ProgressBar,
    in_ci,
    is_long,
    may_show_progress,
    progress_display,
)


@pytest.mark.parametrize(
    ("isatty", "environ", "asked", "shown"),
    [
        (True, {}, False, True),
        (False, {}, False, False),
        (True, {"CI": "true"}, False, False),
        (True, {"CI": "1"}, False, False),
        (True, {"GITHUB_ACTIONS": "true"}, False, False),
        (True, {"GITLAB_CI": "true"}, False, False),
        (True, {"CI": "false"}, False, True),
        (True, {"CI": ""}, False, True),
        (True, {"CLAIMSTRACK_NO_PROGRESS": "1"}, False, False),
        # asked for (--progress): on a pipe and in CI too, unless switched off outright
        (False, {}, True, True),
        (False, {"CI": "true"}, True, True),
        (False, {"CLAIMSTRACK_NO_PROGRESS": "1"}, True, False),
    ],
)
def test_may_show_progress(isatty: bool, environ: dict[str, str], asked: bool, shown: bool) -> None:
    assert may_show_progress(isatty=isatty, environ=environ, asked=asked) is shown


@pytest.mark.parametrize(
    ("total", "elapsed", "long"), [(10, 0.1, False), (200, 0.5, False), (201, 0.0, True), (10, 1.5, True)]
)
def test_is_long(total: int, elapsed: float, long: bool) -> None:
    assert is_long(total, elapsed) is long


def test_in_ci_ignores_empty_and_false() -> None:
    assert not in_ci({"CI": "0", "GITHUB_ACTIONS": ""}) and in_ci({"BUILDKITE": "true"})


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_display_factory_checks_the_stream_and_environment() -> None:
    assert progress_display(stream=io.StringIO(), environ={}) is None
    assert progress_display(stream=TTY(), environ={"CI": "true"}) is None
    display = progress_display(stream=TTY(), environ={})
    assert display is not None and isinstance(display.bar(500), ProgressBar)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_short_run_draws_nothing() -> None:
    stream, clock = TTY(), Clock()
    bar = ProgressBar(10, stream, clock)
    for _ in range(10):
        clock.now += 0.01
        bar.advance()
    bar.close()
    assert stream.getvalue() == ""


def test_slow_run_appears_after_the_delay_and_is_erased() -> None:
    stream, clock = TTY(), Clock()
    bar = ProgressBar(10, stream, clock)
    bar.advance()
    assert stream.getvalue() == ""
    clock.now = 1.5
    bar.advance()
    assert stream.getvalue() == "\r[######........................] 2/10 documents"
    bar.close()
    assert stream.getvalue().endswith("\r" + " " * len(bar.line()) + "\r")


def test_many_documents_draw_at_once_but_throttled() -> None:
    stream, clock = TTY(), Clock()
    bar = ProgressBar(1000, stream, clock)
    for _ in range(999):
        bar.advance()  # the clock does not move: only the first draw happens
    assert stream.getvalue().count("\r") == 1
    bar.advance()
    assert stream.getvalue().endswith("[##############################] 1000/1000 documents")


def test_empty_run() -> None:
    assert ProgressBar(0, TTY()).line() == "[##############################] 0/0 documents"


def test_a_stage_names_its_unit_and_what_it_is_doing() -> None:
    stream, clock = TTY(), Clock()
    bar = ProgressBar(4, stream, clock, unit="checks", eager=True)
    bar.start("CT201-CT212 and more")
    bar.advance()
    clock.now += 1
    bar.start("CT301")
    padding = " " * len(" and more" + "-CT212")  # over what the longer line before left
    assert stream.getvalue().endswith("\r[#######.......................] 1/4 checks: CT301" + padding)
    bar.close()
    assert stream.getvalue().endswith("\r" + " " * len("[#######.......................] 0/4 checks: CT201-CT212 and more") + "\r")


def test_a_slow_stage_that_is_not_eager_waits_for_the_delay() -> None:
    stream, clock = TTY(), Clock()
    bar = ProgressBar(5000, stream, clock, unit="findings written", eager=False)
    bar.advance(4000)
    assert stream.getvalue() == ""
    clock.now = 1.5
    bar.advance()
    assert stream.getvalue() == "\r[########################......] 4001/5000 findings written"


def test_off_a_terminal_progress_is_a_line_now_and_then_and_the_last_count_once() -> None:
    stream, clock = io.StringIO(), Clock()
    bar = ProgressBar(1000, stream, clock, inline=False)
    for _ in range(40):
        clock.now += 0.25  # ten seconds in all: a line at the start and every five seconds
        bar.advance(25)
    bar.advance(0)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert [line.split()[-2] for line in lines] == ["25/1000", "525/1000", "1000/1000"]
    assert all(line.startswith("claimstrack: [") for line in lines)


def test_the_display_follows_its_stream() -> None:
    assert progress_display(stream=io.StringIO(), environ={}) is None
    assert progress_display(stream=io.StringIO(), environ={}, asked=True) == Display(ANY, inline=False)
    assert progress_display(stream=TTY(), environ={}) == Display(ANY, inline=True)


# -- every stage of `claimstrack check`, end to end ----------------------------------------


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A small project, with every stage's bar shown from the start (as on a large site)."""
    import claimstrack.checks.runner as runner
    import claimstrack.progress as progress

    monkeypatch.setattr(progress, "MANY_DOCUMENTS", 0)
    monkeypatch.setattr(runner, "MANY_DOCUMENTS", 0)
    for name in ("CI", "GITHUB_ACTIONS", "CLAIMSTRACK_NO_PROGRESS"):
        monkeypatch.delenv(name, raising=False)
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\n",
                             "content/a.md": "Over 90% of patients improve.\n",
                             "content/b.md": "About 12% of adults and 40% of children agree.\n"})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_asked_for_progress_shows_reading_checks_and_writing_in_a_log(site, capsys) -> None:
    assert main(["check", "--progress", "--no-cache", "-o", "out.json"]) == 1
    err = capsys.readouterr().err
    assert "claimstrack: [##############################] 2/2 documents\n" in err
    assert re.search(r"claimstrack: \[\.+\] 0/\d+ checks: CT\d+", err)
    assert re.search(r"claimstrack: \[#+\] (\d+)/\1 checks", err)
    assert "claimstrack: [##############################] 3/3 findings written\n" in err
    assert len(json.loads((site / "out.json").read_text(encoding="utf-8"))) == 3


def test_on_a_terminal_every_stage_draws_and_erases_its_bar(site, capsys, monkeypatch) -> None:
    terminal = TTY()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["check", "--no-cache", "--format", "sarif", "-o", "out.sarif"]) == 1
    drawn = terminal.getvalue()
    for unit in ("2/2 documents", "checks", "3/3 findings written"):
        assert unit in drawn
    assert drawn.endswith(" \r") and "\n" not in drawn  # erased, ending on a clean line
    assert capsys.readouterr().out == ""


def test_no_writing_bar_while_the_output_goes_to_the_same_terminal(site, capsys, monkeypatch) -> None:
    terminal = TTY()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(sys, "stdout", TTY())
    assert main(["check", "--no-cache", "--no-color"]) == 1
    assert "documents" in terminal.getvalue() and "findings written" not in terminal.getvalue()
    assert "Found 3 errors" in sys.stdout.getvalue()


@pytest.mark.parametrize("args", [["--quiet"], []], ids=["quiet", "not a terminal"])
def test_quiet_or_off_a_terminal_no_progress_at_all(site, capsys, args: list[str]) -> None:
    assert main(["check", "--no-cache", "-o", "out.json", *args]) == 1
    assert capsys.readouterr().err == ""


def test_quiet_and_progress_are_exclusive(site, capsys) -> None:
    assert main(["check", "--quiet", "--progress"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_the_review_report_shows_progress_when_asked_and_not_when_quiet(site, capsys) -> None:
    assert main(["report", "--progress", "-o", "report.html"]) == 0
    assert "claimstrack: [##############################] 2/2 documents\n" in capsys.readouterr().err
    assert main(["report", "--quiet", "-o", "report.html"]) == 0
    assert "documents" not in capsys.readouterr().err


def test_a_short_run_stays_silent_even_when_asked(tmp_path, monkeypatch, capsys) -> None:
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\n",
                             "content/a.md": "Over 90% of patients improve.\n"})
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMSTRACK_NO_PROGRESS", raising=False)
    assert main(["check", "--progress", "--no-cache", "-o", "out.json"]) == 1
    assert capsys.readouterr().err == ""  # every stage took well under a second
