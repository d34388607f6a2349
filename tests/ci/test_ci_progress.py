"""When a progress bar may appear, and what it draws."""

from __future__ import annotations

import io

import pytest

from claimstrack.progress import (
    ProgressBar,
    in_ci,
    is_long,
    may_show_progress,
    progress_bar,
)


@pytest.mark.parametrize(
    ("format", "isatty", "environ", "shown"),
    [
        ("text", True, {}, True),
        ("text", False, {}, False),
        ("json", True, {}, False),
        ("sarif", True, {}, False),
        ("github", True, {}, False),
        ("text", True, {"CI": "true"}, False),
        ("text", True, {"CI": "1"}, False),
        ("text", True, {"GITHUB_ACTIONS": "true"}, False),
        ("text", True, {"GITLAB_CI": "true"}, False),
        ("text", True, {"CI": "false"}, True),
        ("text", True, {"CI": ""}, True),
        ("text", True, {"CLAIMSTRACK_NO_PROGRESS": "1"}, False),
    ],
)
def test_may_show_progress(format: str, isatty: bool, environ: dict[str, str], shown: bool) -> None:
    assert may_show_progress(format=format, isatty=isatty, environ=environ) is shown


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


def test_progress_bar_factory_checks_the_stream_and_environment() -> None:
    assert progress_bar(500, stream=io.StringIO(), environ={}) is None
    assert progress_bar(500, stream=TTY(), environ={"CI": "true"}) is None
    assert progress_bar(500, stream=TTY(), environ={}, format="json") is None
    assert isinstance(progress_bar(500, stream=TTY(), environ={}), ProgressBar)


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
