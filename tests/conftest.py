"""Shared fixtures: paths to the development set and the project's data."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# The same examples on every run, so CI is reproducible; run with
# --hypothesis-seed=random (or HYPOTHESIS_PROFILE=explore) to search wider.
settings.register_profile("kg", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "kg"))

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


@pytest.fixture
def data_dir():
    return DATA


@pytest.fixture
def score():
    """``score(gold_dir, text_dir)`` → totals per category from ``kg eval``'s library."""
    from kg.build import graph_of_file
    from kg.evaluate import evaluate

    return lambda gold_dir, text_dir: evaluate(gold_dir, text_dir, graph_of_file).totals()
