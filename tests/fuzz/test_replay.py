"""Every input the fuzz harness (tests/fuzz/harness.py) once found failing, replayed: each must
now pass its target's invariants. A new case file fails here until its bug is fixed."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from fuzz.harness import CASES, TARGETS, fuzz, new_case, save

CASE_FILES = sorted(CASES.glob("*.json"))


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_a_recorded_failing_input_now_passes(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    TARGETS[case["target"]](case)


def test_there_are_recorded_cases_to_replay() -> None:
    targets = {json.loads(p.read_text(encoding="utf-8"))["target"] for p in CASE_FILES}
    assert targets and targets <= set(TARGETS)


def test_a_short_run_of_each_target_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("fuzz.harness.CASES", tmp_path)
    assert fuzz(minutes=0.02, seed=13, targets=list(TARGETS)) == 0
    assert not list(tmp_path.iterdir())


def test_a_failing_input_is_saved_as_a_case_the_replay_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("fuzz.harness.CASES", tmp_path)
    case = new_case("check", random.Random(1))
    path = save(case, "AssertionError: example")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["text"] == case["text"] and saved["claims"] == case["claims"]
    assert saved["error"] == "AssertionError: example" and path.parent == tmp_path
