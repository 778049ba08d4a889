"""SPARQL over kg graphs: named queries (resources/queries/*.rq) with bound
parameters, and result formats for people (table) and tools (csv, tsv, json).

>>> "evidence" in named_queries()
True
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path


from .errors import KgError
from .resources import resource_path

__all__ = ["NamedQuery", "named_queries", "check_params", "query_store", "format_result", "QueryError"]


class QueryError(KgError):
    """A query that cannot be parsed or run."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple  # (name, description)
    text: str


def named_queries() -> dict:
    """name → NamedQuery, from the package's ``queries/*.rq`` files."""
    out = {}
    for path in sorted(resource_path("queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        params = tuple((m.group(1), m.group(2).strip()) for c in comments
                       for m in [re.match(r"param (\w+):\s*(.*)", c)] if m)
        desc = next((c for c in comments if not c.startswith("param ")), "")
        out[path.stem] = NamedQuery(path.stem, desc, params, text)
    return out


def resolve_query(spec: str | None, file: str | None) -> tuple[str, tuple]:
    """The query text and its declared parameters, from a name, a file or inline SPARQL."""
    if file:
        p = Path(file)
        if not p.is_file():
            raise QueryError(f"{file}: no such query file")
        return p.read_text(encoding="utf-8"), ()
    if not spec:
        raise QueryError("give a SPARQL query, -f FILE.rq or a query name (kg query --list)")
    named = named_queries()
    if spec in named:
        return named[spec].text, named[spec].params
    if re.match(r"\s*(PREFIX|SELECT|ASK|CONSTRUCT|DESCRIBE|BASE|#)", spec, re.I):
        return spec, ()
    raise QueryError(f"{spec!r} is neither a named query nor SPARQL; named queries: {', '.join(named)}")


def check_params(spec: str | None, params: dict) -> None:
    """A named query takes only the parameters it declares; QueryError names the valid ones.

    >>> check_params("brands", {"org": "x"})
    >>> check_params("brands", {"organisation": "x"})
    Traceback (most recent call last):
    ...
    kg.query.QueryError: unknown parameter 'organisation' for the named query brands; its parameters: org
    """
    named = named_queries().get(spec or "")
    if named is None:
        return
    valid = [n for n, _d in named.params]
    unknown = sorted(set(params) - set(valid))
    if unknown:
        takes = f"its parameters: {', '.join(valid)}" if valid else "it takes none"
        raise QueryError(f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
                         f"for the named query {spec}; {takes}")


def query_store(store, text: str, params: dict | None = None) -> dict:
    """Run SPARQL on a pyoxigraph store, over the union of its graphs; return
    SPARQL 1.1 Query Results JSON as a dict.

    Each of ``params`` is bound for the whole query, as rdflib's
    ``initBindings`` does, and never pasted into the text: the query gets
    ``BIND(<urn:kg:param:NAME>() AS ?NAME)`` at the start of its pattern, and
    that function returns the value. Values that look like IRIs are bound as
    IRIs, others as plain literals.
    """
    import json

    import pyoxigraph as ox

    check_nesting(text)
    functions = {}
    if params:
        for name in params:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise QueryError(f"{name!r} is not a query variable name")
        text = _with_binds(text, sorted(params))
        for name, value in params.items():
            term = ox.NamedNode(value) if re.match(r"^https?://", value) else ox.Literal(value)
            functions[ox.NamedNode(PARAM + name)] = lambda term=term: term
    try:
        result = store.query(text, use_default_graph_as_union=True, custom_functions=functions)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"cannot run the query: {exc}") from exc
    if isinstance(result, (bool, ox.QueryBoolean)):
        return {"head": {}, "boolean": bool(result)}
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries are answered here; use kg export for graphs")
    return json.loads(result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8"))


PARAM = "urn:kg:param:"
MAX_NESTING = 64  # levels of { ( [ a query may hold; far deeper ones crash the SPARQL parser's stack
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'  # IRIs
    r"|#[^\n]*"  # comments
    r"|[{}()\[\]]"
)


def check_nesting(text: str) -> None:
    """QueryError for a query nested deeper than MAX_NESTING, found before any parser sees it.

    >>> check_nesting("SELECT * WHERE { ?s ?p ?o FILTER(?o = '{{{{') }")
    >>> check_nesting("SELECT * WHERE " + "{ " * 100 + "?s ?p ?o" + " }" * 100)
    Traceback (most recent call last):
    ...
    kg.query.QueryError: the query is nested too deeply (100 levels; at most 64)
    """
    depth = deepest = 0
    for m in _TOKENS.finditer(text):
        c = m.group()
        if c in ("{", "(", "["):
            depth += 1
            deepest = max(deepest, depth)
        elif c in ("}", ")", "]"):
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryError(f"the query is nested too deeply ({deepest} levels; at most {MAX_NESTING})")
def _with_binds(text: str, names) -> str:
    r"""``text`` with a BIND of each parameter just inside its first ``{``.

    >>> _with_binds('PREFIX a: <http://x/#{>\nSELECT * # {\nWHERE { ?s ?p ?o }', ["o"])
    'PREFIX a: <http://x/#{>\nSELECT * # {\nWHERE { BIND(<urn:kg:param:o>() AS ?o) ?s ?p ?o }'
    """
    i = next((m.start() for m in _TOKENS.finditer(text) if m.group() == "{"), None)  # not in a string, IRI or comment
    if i is None:
        raise QueryError("the query has no pattern ({ … }) to bind parameters in")
    binds = "".join(f" BIND(<{PARAM}{n}>() AS ?{n})" for n in names)
    return text[:i + 1] + binds + text[i + 1:]


def _cell(b) -> str:
    return "" if b is None else str(b.get("value", ""))


def format_result(data: dict, fmt: str = "table", excel: bool = False) -> str:
    """Render SPARQL JSON results as table, csv, tsv or JSON. ``excel``: CSV
    or TSV as Excel opens it on any Windows (a UTF-8 byte order mark, CRLF)."""
    import json

    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if "boolean" in data:
        return ("true" if data["boolean"] else "false") + "\n"
    head = data["head"]["vars"]
    rows = [[_cell(b.get(v)) for v in head] for b in data["results"]["bindings"]]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\r\n" if excel else "\n")
        writer.writerow(head)
        writer.writerows(rows)
        return ("\ufeff" if excel else "") + buf.getvalue()
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(head)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(head, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c.replace("\n", " "), w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s.replace("\n", " "))


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))
