"""Score graphs against gold annotations in the SCHEMA format (micro P/R/F1).

The rules are those of the annotation scheme (../shared/gold/SCHEMA.md) and
agree with its reference scorer: labels compared after NFKC folding without
white space and punctuation; an entity matches by label or alias and by type
(subclasses count); relations by both ends and property (either direction for
cooperatesWith); measurements by unit and value within 0.5 %; optional gold
items count for neither side.

>>> prf({"tp": 3, "fp": 1, "fn": 1})
(0.75, 0.75, 0.75)
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from .errors import InputError
from .text import norm

__all__ = ["score_graph", "evaluate", "prf", "Report", "CATEGORIES"]

ENTITY_TYPES = {"PartyOrganization", "GovernmentBody", "Enterprise", "SocialOrganization", "Brand", "Project",
                "Honor", "Place", "Facility", "Document", "Activity", "Person"}
RELATIONS = {"subOrganizationOf", "hasBrand", "subBrandOf", "undertakes", "receivedHonor", "locatedIn",
             "cooperatesWith", "established", "issued", "organized"}
SYMMETRIC = {"cooperatesWith"}
UNIT_SYNONYMS = {"km": {"km", "公里", "千米", "kilom", "kilometre", "kilometer"},
                 "CNY": {"cny", "元", "人民币", "yuan", "rmb"},
                 "%": {"%", "percent", "百分比", "pct"},
                 "TEU": {"teu", "标箱"}}
# Traditional measure words compare equal to their simplified forms (個 = 个), as in the reference scorer.
UNIT_T2S = str.maketrans("個條項場萬張輛戶處間臺組隊門區億頭篇屆員筆噸畝", "个条项场万张辆户处间台组队门区亿头篇届员笔吨亩")
CATEGORIES = ("entities_typed", "entities_label", "relations", "measurements")


def local(term) -> str:
    return re.split(r"[#/:]", str(term))[-1]


def norm_unit(u) -> str:
    """A unit's canonical form; traditional measure words are their simplified forms.

    >>> norm_unit("公里"), norm_unit("個"), norm_unit("万元")
    ('km', '个', '万元')
    """
    u = local(u) if isinstance(u, URIRef) else str(u)
    key = (norm(u) or u.strip()).translate(UNIT_T2S)
    for canon, syn in UNIT_SYNONYMS.items():
        if key in {norm(x) or x for x in syn}:
            return canon
    return key


def prf(c: dict) -> tuple:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _superclasses(cls, schema, memo):
    if cls not in memo:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in schema.objects(todo.pop(), RDFS.subClassOf):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        memo[cls] = seen
    return memo[cls]


def _entities(g, schema):
    memo, ents = {}, {}
    for node, cls in sorted(g.subject_objects(RDF.type)):  # (in a fixed order: the listing is stable)
        types = {local(c) for c in _superclasses(cls, schema, memo)} & ENTITY_TYPES
        if types:
            ents.setdefault(node, {"types": set(), "labels": set()})["types"] |= types
    for node, e in ents.items():
        for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            e["labels"] |= {norm(o) for o in g.objects(node, p) if norm(o)}
        e["display"] = min((str(o) for o in g.objects(node, RDFS.label)), default=None) or \
            min((str(o) for o in g.objects(node, SKOS.prefLabel)), default=str(node))
    return ents


def _measurements(g, schema):
    memo, out = {}, []
    for node, cls in sorted(g.subject_objects(RDF.type)):
        if "Measurement" not in {local(c) for c in _superclasses(cls, schema, memo)}:
            continue
        props = {}
        for p, o in sorted(g.predicate_objects(node)):
            props.setdefault(local(p), []).append(o)
        try:
            value = float(props.get("value", [None])[0])
        except (TypeError, ValueError):
            continue
        unit = (props.get("unit") or props.get("unitText") or props.get("unitCode") or [None])[0]
        out.append({"value": value, "unit": norm_unit(unit) if unit is not None else None,
                    "about": props.get("about", [None])[0]})
    return out


def _gold_names(e):
    return {norm(e["label"])} | {norm(a) for a in e.get("aliases", []) if norm(a)}


def _close(a, b):
    return abs(a - b) <= 0.005 * max(abs(b), 1e-9)


def score_graph(gold: dict, g: Graph, schema: Graph | None = None) -> dict:
    """Counts and itemised misses/spurious items of one graph against one gold file."""
    schema = schema if schema is not None else g
    ents = _entities(g, schema)
    gents = {e["id"]: e for e in gold["entities"]}
    denotes = {n: {gid for gid, ge in gents.items() if _gold_names(ge) & e["labels"]} for n, e in ents.items()}
    res = {}
    for mode in ("typed", "label"):
        used, tp, fn_list = set(), 0, []
        for gid, ge in gents.items():
            if ge.get("optional"):
                continue
            cand = [n for n in ents if gid in denotes[n] and n not in used
                    and (mode == "label" or ge["type"] in ents[n]["types"])]
            if cand:
                used.add(cand[0])
                tp += 1
            else:
                fn_list.append(f'{ge["label"]} ({ge["type"]})')
        fp_list = []
        for n, e in ents.items():
            if n in used:
                continue
            hits = denotes[n]
            if hits and all(gents[h].get("optional") for h in hits):
                continue
            if hits and mode == "typed" and not any(gents[h]["type"] in e["types"] for h in hits) and \
                    all(not gents[h].get("optional") for h in hits):
                fp_list.append(f'{e["display"]} {sorted(e["types"])} (wrong type)')
                continue
            fp_list.append(f'{e["display"]} {sorted(e["types"])}' + (" (duplicate)" if hits else ""))
        res[f"entities_{mode}"] = {"tp": tp, "fp": len(fp_list), "fn": len(fn_list),
                                   "fp_list": sorted(fp_list), "fn_list": fn_list}

    def key(s, p, o):
        return (s, p, o) if p not in SYMMETRIC else (min(s, o), p, max(s, o))

    gold_rel = {key(r["s"], r["p"], r["o"]): bool(r.get("optional")) for r in gold["relations"]}
    sys_keys = set()
    for s, p, o in g:
        name = local(p)
        if name in RELATIONS and s in ents and o in ents:
            ss = denotes[s] or {"?" + ents[s]["display"]}
            oo = denotes[o] or {"?" + ents[o]["display"]}
            ks = {key(a, name, b) for a in ss for b in oo}
            hit = sorted(k for k in ks if k in gold_rel and not gold_rel[k]) or sorted(k for k in ks if k in gold_rel)
            sys_keys.add(hit[0] if hit else sorted(ks)[0])
    req = {k for k, opt in gold_rel.items() if not opt}
    fp_keys = sorted(k for k in sys_keys if k not in gold_rel)

    def name(i):
        return gents[i]["label"] if i in gents else i

    res["relations"] = {"tp": len(req & sys_keys), "fp": len(fp_keys), "fn": len(req - sys_keys),
                        "fp_list": [f"{name(s)} {p} {name(o)}" for s, p, o in fp_keys],
                        "fn_list": sorted(f"{name(s)} {p} {name(o)}" for s, p, o in req - sys_keys)}
    sysm = _measurements(g, schema)
    used, tp, attributed, fn_list = set(), 0, 0, []
    for gm in gold.get("measurements", []):
        if gm.get("optional"):
            continue
        unit = norm_unit(gm["unit"])
        cand = [i for i, m in enumerate(sysm) if i not in used and m["unit"] == unit and _close(m["value"], gm["value"])]
        if cand:
            used.add(cand[0])
            tp += 1
            about = sysm[cand[0]]["about"]
            if gm.get("about") and about in denotes and gm["about"] in denotes[about]:
                attributed += 1
        else:
            fn_list.append(f'{gm.get("indicator")} {gm["text"]}')
    opt = [gm for gm in gold.get("measurements", []) if gm.get("optional")]
    fp_list = [f'{m["value"]:g} {m["unit"]}' for i, m in enumerate(sysm) if i not in used and not any(
        norm_unit(o["unit"]) == m["unit"] and _close(m["value"], o["value"]) for o in opt)]
    res["measurements"] = {"tp": tp, "fp": len(fp_list), "fn": len(fn_list), "attributed": attributed,
                           "fp_list": fp_list, "fn_list": fn_list}
    return res


@dataclass
class Report:
    """Per-file results and micro-averaged totals."""

    files: dict = field(default_factory=dict)

    def totals(self) -> dict:
        out = {}
        for res in self.files.values():
            for cat, c in res.items():
                t = out.setdefault(cat, {"tp": 0, "fp": 0, "fn": 0})
                for k in t:
                    t[k] += c[k]
        overall = {k: sum(out[c][k] for c in ("entities_typed", "relations", "measurements") if c in out)
                   for k in ("tp", "fp", "fn")}
        if out:
            out["overall"] = overall
        return {cat: dict(c, **dict(zip(("p", "r", "f1"), (round(x, 3) for x in prf(c))))) for cat, c in out.items()}

    def to_json(self) -> dict:
        return {"summary": self.totals(), "files": self.files}


def evaluate(gold_dir, text_dir, build_graph) -> Report:
    """Build each ``TEXT_DIR/X.txt`` that has a ``GOLD_DIR/X.json`` and score it.

    ``build_graph(path) -> (graph, schema)`` builds one text alone.
    """
    gold_dir, text_dir = Path(gold_dir), Path(text_dir)
    if not gold_dir.is_dir():
        raise InputError(gold_dir, "gold folder not found")
    if not text_dir.is_dir():
        raise InputError(text_dir, "text folder not found")
    report = Report()
    pairs = [(gf, text_dir / (gf.stem + ".txt")) for gf in sorted(gold_dir.glob("*.json"))]
    pairs = [(gf, tf) for gf, tf in pairs if tf.is_file()]
    if not pairs:
        raise InputError(gold_dir, f"no X.json here has a matching X.txt in {text_dir}")
    for gf, tf in pairs:
        try:
            gold = json.loads(gf.read_text(encoding="utf-8"))
            gold["entities"], gold["relations"]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(gf, f"not a gold file in the SCHEMA format ({exc})") from exc
        g, schema = build_graph(tf)
        report.files[gf.stem] = score_graph(gold, g, schema)
    return report
