"""The ontology expresses the annotation scheme and declares what graphs use."""
import re

from rdflib import OWL, RDF, RDFS

from kg.iri import KG
from kg.ontology import ontology_graph
from kg.rdf import to_graph

SCHEMA_CLASSES = {"PartyOrganization", "GovernmentBody", "Enterprise", "SocialOrganization", "Brand", "Project",
                  "Honor", "Place", "Facility", "Document", "Activity", "Person", "Measurement"}
SCHEMA_PROPERTIES = {"subOrganizationOf", "hasBrand", "subBrandOf", "undertakes", "receivedHonor", "locatedIn",
                     "cooperatesWith", "established", "issued", "organized", "value", "unit", "indicator", "about"}


def declared(onto):
    return {str(s)[len(str(KG)):] for s in onto.subjects(RDF.type, None) if str(s).startswith(str(KG))}


def test_schema_names_are_declared(shared):
    onto = ontology_graph()
    text = (shared / "gold" / "SCHEMA.md").read_text(encoding="utf-8")
    in_schema = set(re.findall(r"^\| `(\w+)` \|", text, re.M))
    assert in_schema <= declared(onto)
    assert SCHEMA_CLASSES | SCHEMA_PROPERTIES <= declared(onto)


def test_every_term_has_zh_and_en_labels_and_a_comment():
    onto = ontology_graph()
    for s in set(onto.subjects(RDF.type, OWL.Class)) | set(onto.subjects(RDF.type, OWL.ObjectProperty)) | \
            set(onto.subjects(RDF.type, OWL.DatatypeProperty)):
        if not str(s).startswith(str(KG)):
            continue
        langs = sorted(l.language for l in onto.objects(s, RDFS.label))
        assert langs == ["en", "zh"], s
        assert onto.value(s, RDFS.comment) is not None, s


def test_graph_uses_only_declared_terms(examples):
    from kg.pipeline import process_file

    onto = ontology_graph()
    names = declared(onto)
    g = to_graph([process_file(p) for p in sorted(examples.glob("*.txt"))])
    used = {str(p) for p in g.predicates()} | {str(o) for o in g.objects(None, RDF.type)}
    undeclared = sorted(u for u in used if u.startswith(str(KG)) and u[len(str(KG)):] not in names)
    assert undeclared == []


def test_article_is_not_counted_as_a_document():
    onto = ontology_graph()
    supers = {str(o) for o in onto.transitive_objects(KG.Article, RDFS.subClassOf)}
    assert not any(s.endswith(("#Document", "/Document")) for s in supers)
