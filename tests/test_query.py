import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import process_file


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kg.build import build_outputs

    out = tmp_path_factory.mktemp("q")
    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    build_outputs([root / "examples"], out, html=False)
    return out


def test_evidence_rows_slice_the_source_exactly(shared, tmp_path):
    seeds = sorted((shared / "corpus" / "seeds").glob("*.txt"))
    assert run("build", *seeds, "-o", tmp_path, "--no-html").exit_code == 0
    res = run("query", "-g", tmp_path / "graph.ttl", "evidence", "--format", "csv")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert {"subject", "predicate", "object", "start", "end", "text", "source"} <= set(rows[0])
    docs = {str(p.as_posix()): process_file(p) for p in seeds}
    sources = {k: d.source for k, d in docs.items()}
    assert len(rows) == sum(len(d.relations) for d in docs.values())  # one row per relation
    for r in rows:
        assert sources[r["source"]][int(r["start"]):int(r["end"])] == r["text"], r


def test_named_query_with_bound_parameter(built):
    res = run("query", "-g", built / "graph.trig", "brands", "--param", "org=国家税务总局苏州市吴江区税务局党委",
              "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    orgs = {b["organisation"]["value"] for b in data["results"]["bindings"]}
    assert orgs == {"国家税务总局苏州市吴江区税务局党委"}


def test_parameters_are_not_spliced_into_the_query(built):
    evil = '" } } SELECT * WHERE { ?s ?p ?o } #'
    res = run("query", "-g", built / "graph.ttl", "brands", "--param", f"org={evil}", "--format", "csv")
    assert res.exit_code == 0
    assert res.output.strip().splitlines() == ["organisation,brand,subBrand,confidence"]


def test_table_tsv_and_inline_sparql(built):
    res = run("query", "-g", built / "graph.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "tsv")
    assert res.exit_code == 0 and int(res.output.splitlines()[1]) > 100
    res = run("query", "-g", built / "graph.ttl", "articles")
    assert res.exit_code == 0 and "(5 rows)" in res.output


def test_list_and_bad_queries(built):
    res = run("query", "--list")
    assert "evidence" in res.output and "brands" in res.output
    res = run("query", "-g", built / "graph.ttl", "SELECT ?x WHERE { ?x ")
    assert res.exit_code == 2 and "cannot run the query" in res.output
    res = run("query", "-g", built / "nope.ttl", "evidence")
    assert res.exit_code == 2 and "nope.ttl" in res.output


@pytest.mark.parametrize("name", ["brands", "projects", "honours", "cooperation", "figures", "organisations",
                                  "evidence", "articles"])
def test_every_named_query_runs_and_returns_rows(built, name):
    res = run("query", "-g", built / "graph.ttl", name, "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["results"]["bindings"], name


def test_figures_by_unit(built):
    res = run("query", "-g", built / "graph.ttl", "figures", "--param", "unit=km", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert rows and {r["unit"] for r in rows} == {"km"}


@pytest.mark.parametrize("where", ["file", "store"])
def test_parameters_bind_inside_the_pattern_on_every_path(built, tmp_path, where):
    """A parameter filters (it is bound where the query's FILTER sees it), on a
    file and on a store alike; a hostile value stays a value."""
    examples = __import__("pathlib").Path(__file__).resolve().parent.parent / "examples"
    source = ["-g", built / "graph.trig"]
    if where == "store":
        assert run("build", examples, "--store", tmp_path / "s", "--no-html").exit_code == 0
        source = ["--store", tmp_path / "s"]
    org = "国家税务总局苏州市吴江区税务局党委"
    res = run("query", *source, "brands", "--param", f"org={org}", "--format", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)["results"]["bindings"]
    assert rows and {b["organisation"]["value"] for b in rows} == {org}
    res = run("query", *source, "brands", "--param", 'org=" ) } } SELECT * { ?s ?p ?o } #', "--format", "csv")
    assert res.exit_code == 0 and res.output.strip().splitlines() == ["organisation,brand,subBrand,confidence"]
    res = run("query", *source, "SELECT ?s WHERE { ?s ?p ?o }", "--param", "bad name=x")
    assert res.exit_code == 2 and "not a query variable name" in res.output


def test_org_parameter_matches_other_names_too(built):
    """brands, honours and projects find an organisation by any of its names, as kg viz --focus does."""
    res = run("query", "-g", built / "graph.ttl", "entities", "--format", "json")
    rows = json.loads(res.output)["results"]["bindings"]
    named = [(r["entity"]["value"], r["aliases"]["value"].split("; ")) for r in rows
             if r["entityType"]["value"].endswith("Organization") and r.get("aliases", {}).get("value")]
    hits = 0
    for label, aliases in named:
        by_label = run("query", "-g", built / "graph.ttl", "brands", "--param", f"org={label}", "--format", "csv")
        if len(by_label.output.splitlines()) > 1:
            by_alias = run("query", "-g", built / "graph.ttl", "brands", "--param", f"org={aliases[0]}", "--format", "csv")
            assert by_alias.output == by_label.output
            hits += 1
    assert hits


def test_unknown_parameter_names_the_valid_ones(built):
    res = run("query", "-g", built / "graph.ttl", "brands", "--param", "organisation=x")
    assert res.exit_code == 2 and "unknown parameter 'organisation'" in res.output and "org" in res.output
    res = run("query", "-g", built / "graph.ttl", "articles", "--param", "x=1")
    assert res.exit_code == 2 and "takes none" in res.output


@pytest.mark.parametrize("name,param", [("entities", "type=Person"), ("people", None), ("places", None)])
def test_first_question_queries(built, name, param):
    args = ["--param", param] if param else []
    res = run("query", "-g", built / "graph.ttl", name, *args, "--format", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)["results"]["bindings"]
    assert rows
    if name == "entities":
        assert {r["entityType"]["value"] for r in rows} == {"Person"}
    if name == "places":
        assert any("parent" in r for r in rows)


def test_figures_are_integers_where_integers_and_excel_csv(built):
    res = run("query", "-g", built / "graph.ttl", "figures", "--format", "csv")
    values = [r["value"] for r in csv.DictReader(io.StringIO(res.output))]
    assert values and not [v for v in values if v.endswith(".0")]
    res = CliRunner().invoke(main, ["query", "-g", str(built / "graph.ttl"), "figures", "--excel"])
    assert res.exit_code == 0
    data = res.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbfindicator,") and b"\r\n" in data
    assert data.decode("utf-8-sig").replace("\r\n", "\n") == res_plain(built)


def res_plain(built):
    return run("query", "-g", built / "graph.ttl", "figures", "--format", "csv").output
