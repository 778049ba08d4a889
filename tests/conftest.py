"""Shared fixtures: paths to the development set and the project's data."""
from __future__ import annotations

from pathlib import Path

import importlib.util
import json

import pytest
from rdflib import Graph

from kg.ontology import ontology_graph
from kg.pipeline import process_file
from kg.rdf import to_graph

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
def score(shared):
    """``score(gold_dir, text_dir)`` → micro P/R/F1 per category, each text built
    alone and scored with ../shared/tools/score.py's own functions."""
    scorer = load_scorer(shared)
    return lambda gold_dir, text_dir: score_dir(scorer, gold_dir, text_dir)


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("kg_ref_score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_dir(scorer, gold_dir: Path, text_dir: Path) -> dict:
    """Micro P/R/F1 per category over every gold file with a text."""
    totals = {}
    onto = ontology_graph()
    for gf in sorted(gold_dir.glob("*.json")):
        text = text_dir / (gf.stem + ".txt")
        gold = json.loads(gf.read_text(encoding="utf-8"))
        g = to_graph([process_file(text)])
        g = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
        res = scorer.score_file(gold, g, onto + g)
        for cat, c in res.items():
            t = totals.setdefault(cat, {"tp": 0, "fp": 0, "fn": 0})
            for k in t:
                t[k] += c[k]
    return {cat: dict(zip(("p", "r", "f1"), scorer.prf(c))) for cat, c in totals.items()}
