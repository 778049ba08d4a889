"""Measure each rule's precision on annotated texts and write it as the rule's
confidence (kg/resources/confidence.tsv).

usage: python benchmarks/calibrate_confidence.py GOLD_DIR TEXT_DIR [GOLD_DIR TEXT_DIR ...]

Precision is smoothed, (tp + 1) / (tp + fp + 2), so a rule seen rarely stays
near 0.5. Optional gold items count for neither side.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from kg.evaluate import _entities, _gold_names, norm_unit
from kg.iri import DEFAULT_BASE, entity_iri
from kg.ontology import ontology_graph
from kg.pipeline import process_file
from kg.rdf import doc_place, scope, to_graph
from kg.resolve import rule_family

OUT = Path(__file__).resolve().parent.parent / "kg" / "resources" / "confidence.tsv"


def tally(gold_dir: Path, text_dir: Path, counts: dict) -> None:
    onto = ontology_graph()
    for gf in sorted(gold_dir.glob("*.json")):
        tf = text_dir / (gf.stem + ".txt")
        if not tf.is_file():
            continue
        gold = json.loads(gf.read_text(encoding="utf-8"))
        gents = {e["id"]: e for e in gold["entities"]}
        doc = process_file(tf)
        g = to_graph([doc])
        ents = _entities(g, onto + g)
        home = doc_place(doc)
        iri = {k: entity_iri(e.type, e.label, DEFAULT_BASE, scope(doc, k, home)) for k, e in doc.entities.items()}
        denotes = {k: {gid for gid, ge in gents.items() if _gold_names(ge) & ents[iri[k]]["labels"]}
                   for k in doc.entities if iri[k] in ents}
        for k, e in doc.entities.items():
            hits = denotes.get(k, set())
            fam = "entity\t" + rule_family(e)
            if hits and all(gents[h].get("optional") for h in hits):
                continue
            good = any(gents[h]["type"] == e.type for h in hits)
            counts[fam][0 if good else 1] += 1
        gold_rel = {}
        for r in gold["relations"]:
            key = (r["s"], r["p"], r["o"])
            gold_rel[key] = bool(r.get("optional"))
            if r["p"] == "cooperatesWith":
                gold_rel[(r["o"], r["p"], r["s"])] = bool(r.get("optional"))
        for m in doc.measurements:
            same = [gm for gm in gold.get("measurements", []) if norm_unit(gm["unit"]) == norm_unit(m.unit)
                    and abs(m.value - gm["value"]) <= 0.005 * max(abs(gm["value"]), 1e-9)]
            if same and all(gm.get("optional") for gm in same):
                continue
            counts["measurement\t" + m.rule][0 if same else 1] += 1
        for r in doc.relations:
            keys = {(a, r.predicate, b) for a in denotes.get(r.subject, ()) for b in denotes.get(r.object, ())}
            status = [gold_rel[k] for k in keys if k in gold_rel]
            if status and all(status):
                continue
            counts["relation\t" + r.rule][0 if status else 1] += 1


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        sys.exit(__doc__)
    counts = defaultdict(lambda: [0, 0])
    for gold_dir, text_dir in zip(argv[::2], argv[1::2]):
        tally(Path(gold_dir), Path(text_dir), counts)
    lines = ["# kind\trule\tconfidence\ttp\tfp", "# Written by benchmarks/calibrate_confidence.py: smoothed precision per rule."]
    for fam in sorted(counts):
        tp, fp = counts[fam]
        lines.append(f"{fam}\t{(tp + 1) / (tp + fp + 2):.2f}\t{tp}\t{fp}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
