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



def query_page(size: int) -> bytes:
    """The page (kg/resources/query_page.html), with kg's named queries and the
    store's ``size`` in statements."""
    from .query import named_queries
    from .resources import resource_path

    queries = [{"name": q.name, "description": q.description, "text": q.text} for q in named_queries().values()]
    data = json.dumps(queries, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    data = data.replace("&", "\\u0026")
    page = resource_path("query_page.html").read_text(encoding="utf-8")
    return page.replace("__SIZE__", html.escape(f"{size:,}")).replace("__QUERIES__", data).encode("utf-8")
