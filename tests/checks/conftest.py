from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from project_files import write_project


@pytest.fixture
def make_project(tmp_path):
    def make(files: Mapping[str, str | bytes]) -> Path:
        return write_project(tmp_path, files)

    return make
