"""The page ``kg serve`` answers at ``/``: a SPARQL form that works offline.

One self-contained HTML page (no script or style from elsewhere): a list of
the named queries that fills the editor, a Run button that POSTs the query to
``/sparql``, the result as a table built from text nodes (document text never
becomes markup), a CSV download of the same query, and a notice when the
server cut the result at its row limit (it says so in ``X-KG-Truncated``).
"""
from __future__ import annotations

import html
import json

__all__ = ["query_page"]

_PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg SPARQL</title>
<style>
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 1.5rem; color: #222; }
h1 { font-size: 1.3rem; margin: 0 0 .8rem; }
#controls { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; margin: .5rem 0; }
textarea { width: 100%; height: 14rem; font-family: monospace; font-size: .9rem; box-sizing: border-box; }
table { border-collapse: collapse; margin-top: .8rem; font-size: .9rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; position: sticky; top: 0; }
#status { color: #555; }
#truncated { color: #a0400b; font-weight: bold; }
#error { color: #b00020; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>kg SPARQL · __SIZE__ statements</h1>
<div id="controls">
  <label>Named query <select id="named"><option value="">(your own)</option></select></label>
  <button id="run" type="button">Run</button>
  <button id="csv" type="button">Download CSV</button>
  <span id="status"></span>
</div>
<p id="about"></p>
<textarea id="query" spellcheck="false">SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)</textarea>
<p id="truncated" hidden></p>
<p id="error" hidden></p>
<div id="result"></div>
<script id="kg-queries" type="application/json">__QUERIES__</script>
<script>
(function () {
  "use strict";
  var queries = JSON.parse(document.getElementById("kg-queries").textContent);
  var named = document.getElementById("named"), editor = document.getElementById("query");
  var about = document.getElementById("about"), status = document.getElementById("status");
  var truncated = document.getElementById("truncated"), error = document.getElementById("error");
  var result = document.getElementById("result");
  queries.forEach(function (q) {
    var o = document.createElement("option");
    o.value = q.name; o.textContent = q.name;
    named.appendChild(o);
  });
  named.addEventListener("change", function () {
    var q = queries.filter(function (x) { return x.name === named.value; })[0];
    about.textContent = q ? q.description : "";
    if (q) editor.value = q.text;
  });
  function ask(accept) {
    return fetch("sparql", {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded",
                            "Accept": accept}, body: new URLSearchParams({query: editor.value})});
  }
  function cut(resp) {
    var limit = resp.headers.get("X-KG-Truncated");
    truncated.hidden = !limit;
    truncated.textContent = limit ? "Only the first " + limit + " rows are shown: the server's row limit " +
      "(kg serve --limit). Add LIMIT/OFFSET to the query, or restart the server with a larger --limit." : "";
  }
  function show(data) {
    result.textContent = "";
    if (typeof data.boolean === "boolean") { result.textContent = String(data.boolean); return 0; }
    var vars = data.head.vars, rows = data.results.bindings;
    var table = document.createElement("table"), head = table.insertRow();
    vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    rows.forEach(function (b) {
      var tr = table.insertRow();
      vars.forEach(function (v) { tr.insertCell().textContent = b[v] ? b[v].value : ""; });
    });
    result.appendChild(table);
    return rows.length;
  }
  function run() {
    status.textContent = "running…"; error.hidden = true;
    var t0 = performance.now();
    ask("application/sparql-results+json").then(function (resp) {
      cut(resp);
      if (!resp.ok) return resp.text().then(function (t) { throw new Error(t); });
      return resp.json();
    }).then(function (data) {
      var n = show(data);
      status.textContent = n + " rows in " + Math.round(performance.now() - t0) + " ms";
      window.kgRows = n;
    }).catch(function (e) {
      status.textContent = ""; result.textContent = "";
      error.hidden = false; error.textContent = e.message;
      window.kgRows = -1;
    });
  }
  document.getElementById("run").addEventListener("click", run);
  document.getElementById("csv").addEventListener("click", function () {
    ask("text/csv").then(function (resp) {
      cut(resp);
      if (!resp.ok) return resp.text().then(function (t) { throw new Error(t); });
      return resp.blob();
    }).then(function (blob) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob); a.download = "kg-result.csv";
      document.body.appendChild(a); a.click(); a.remove();
    }).catch(function (e) { error.hidden = false; error.textContent = e.message; });
  });
  editor.addEventListener("keydown", function (e) { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
  window.kgReady = true;
}());
</script>
</body>
</html>
"""


def query_page(size: int) -> bytes:
    """The page, with kg's named queries and the store's ``size`` in statements."""
    from .query import named_queries

    queries = [{"name": q.name, "description": q.description, "text": q.text} for q in named_queries().values()]
    data = json.dumps(queries, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    data = data.replace("&", "\\u0026")
    return _PAGE.replace("__SIZE__", html.escape(f"{size:,}")).replace("__QUERIES__", data).encode("utf-8")
