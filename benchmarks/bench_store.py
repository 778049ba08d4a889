"""rdflib in memory versus the embedded pyoxigraph store, in one run.

usage: python benchmarks/bench_store.py [--triples N]   (default 1,000,000)

Generates a synthetic kg graph of about N triples (organisations, brands,
projects, places, figures and evidence nodes shaped like kg's output), then
times, for each engine: loading N-Triples, exporting Turtle, and the named
queries of kg/resources/queries. Prints seconds and the rdflib/pyoxigraph ratio.
"""
from __future__ import annotations

import argparse
import gc
import io
import time

KG = "https://w3id.org/dangjian-kg/ontology#"
ID = "https://w3id.org/dangjian-kg/id/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def generate(n_triples: int) -> bytes:
    """N-Triples of a kg-shaped graph with about ``n_triples`` triples."""
    out = io.StringIO()
    w = out.write
    per_article = 100
    i = 0
    art_no = 0
    while i < n_triples:
        art = f"<{ID}article/{art_no:016x}>"
        w(f'{art} <{RDF}type> <{KG}Article> .\n{art} <{KG}sourcePath> "corpus/{art_no}.txt" .\n')
        i += 2
        org = f"<{ID}PartyOrganization/单位{art_no % 5000}党委>"
        w(f'{org} <{RDF}type> <{KG}PartyOrganization> .\n{org} <{RDFS}label> "单位{art_no % 5000}党委"@zh .\n')
        w(f"{org} <{KG}mentionedIn> {art} .\n")
        i += 3
        for k in range(per_article // 10):
            brand = f"<{ID}Brand/品牌{art_no}-{k}>"
            proj = f"<{ID}Project/工程{art_no}-{k}>"
            w(f'{brand} <{RDF}type> <{KG}Brand> .\n{brand} <{RDFS}label> "品牌{art_no}-{k}"@zh .\n')
            w(f'{proj} <{RDF}type> <{KG}Project> .\n{proj} <{RDFS}label> "工程{art_no}-{k}"@zh .\n')
            w(f"{org} <{KG}hasBrand> {brand} .\n{org} <{KG}undertakes> {proj} .\n")
            ev = f"<{ID}evidence/{art_no:016x}-{k}>"
            w(f"{ev} <{RDF}type> <{KG}Evidence> .\n{ev} <{RDF}subject> {org} .\n{ev} <{RDF}predicate> <{KG}hasBrand> .\n")
            w(f'{ev} <{RDF}object> {brand} .\n{ev} <{KG}start> "{k * 10}"^^<{XSD}integer> .\n')
            w(f'{ev} <{KG}end> "{k * 10 + 9}"^^<{XSD}integer> .\n{ev} <{KG}text> "以品牌为引领"@zh .\n')
            w(f'{ev} <{PROV}wasDerivedFrom> {art} .\n{ev} <{KG}rule> "brand-subject" .\n')
            w(f'{ev} <{KG}confidence> "0.95"^^<{XSD}decimal> .\n')
            m = f"<{ID}measurement/{art_no:016x}-{k}>"
            w(f'{m} <{RDF}type> <{KG}Measurement> .\n{m} <{KG}value> "{k * 1000}.5"^^<{XSD}decimal> .\n')
            w(f'{m} <{KG}unit> "CNY" .\n{m} <{KG}indicator> "投资"@zh .\n{m} <{KG}text> "{k}亿元"@zh .\n')
            w(f"{m} <{KG}about> {org} .\n{m} <{KG}mentionedIn> {art} .\n")
            i += 23
        art_no += 1
    return out.getvalue().encode("utf-8")


def timed(fn):
    gc.collect()
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, default=1_000_000)
    args = ap.parse_args()

    import pyoxigraph as ox
    from rdflib import Graph

    from kg.query import named_queries

    data = generate(args.triples)
    queries = {k: q.text for k, q in named_queries().items() if k in ("brands", "projects", "figures", "evidence")}
    results = []

    t_rdf_load, g = timed(lambda: Graph().parse(data=data, format="nt"))
    t_ox_load, st = timed(lambda: (lambda s: (s.bulk_load(data, format=ox.RdfFormat.N_TRIPLES), s)[1])(ox.Store()))
    print(f"graph: {len(g):,} triples (rdflib) / {len(st):,} (pyoxigraph)")
    results.append(("load N-Triples", t_rdf_load, t_ox_load))

    t_rdf_ttl, _ = timed(lambda: g.serialize(format="turtle"))
    t_ox_ttl, _ = timed(lambda: st.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()))
    results.append(("export Turtle", t_rdf_ttl, t_ox_ttl))

    for name, text in queries.items():
        t_r, res_r = timed(lambda: len(list(g.query(text))))
        t_o, res_o = timed(lambda: len(list(st.query(text))))
        assert res_r == res_o, (name, res_r, res_o)
        results.append((f"query {name} ({res_r:,} rows)", t_r, t_o))

    print(f"{'operation':32s} {'rdflib s':>10s} {'pyoxigraph s':>13s} {'ratio':>8s}")
    for name, a, b in results:
        print(f"{name:32s} {a:10.2f} {b:13.2f} {a / b if b else float('inf'):7.1f}x")


if __name__ == "__main__":
    main()
