"""Fixtures for the renderer tests (the helpers live in render_helpers.py)."""

from __future__ import annotations

import pytest
from render_helpers import FakeReport, hostile_report, mixed_report


@pytest.fixture
def report() -> FakeReport:
    return mixed_report()


@pytest.fixture
def hostile() -> FakeReport:
    return hostile_report()
