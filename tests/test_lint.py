"""The code passes ruff with the project's rule set ([tool.ruff] in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    pytest.importorskip("ruff")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, (
        "ruff found problems (many are fixed by `ruff check --fix`):\n" + result.stdout + result.stderr)


def test_size_and_complexity_rules_stay_on():
    """Relaxing the guards on function size is a decision for the configuration's review, not a
    side effect: mccabe at 10 and pylint's returns, branches, statements, positional arguments."""
    import tomllib

    lint = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert "C90" in lint["select"] and lint["mccabe"]["max-complexity"] <= 10
    assert "PL" in lint["select"]
    assert not {"C901", "PLR0911", "PLR0912", "PLR0915", "PLR0917"} & set(lint["ignore"])
    package_wide = {pattern for pattern in lint["per-file-ignores"] if pattern in ("claimstrack/**", "**", "*.py")}
    assert not package_wide


def test_imports_stay_sorted():
    """Import blocks are sorted by ruff (standard library, third party, claimstrack), so a
    change's diff shows what it imports and not a reshuffle."""
    import tomllib

    lint = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert "I" in lint["select"] and lint["isort"]["known-first-party"] == ["claimstrack"]
