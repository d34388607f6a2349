"""The package ships py.typed, so its annotations must check, in mypy's strict mode."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_package_type_checks_with_mypy(tmp_path):
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "claimstrack", "--cache-dir", str(tmp_path / "cache")],
        cwd=REPO, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_py_typed_marker_ships_with_the_package():
    import claimstrack

    assert (Path(claimstrack.__file__).parent / "py.typed").is_file()
