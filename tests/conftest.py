"""Shared fixtures: paths to the development set and the project's data."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def shared():
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared (development set) is not beside the project")
    return SHARED


@pytest.fixture
def examples():
    return ROOT / "examples"
