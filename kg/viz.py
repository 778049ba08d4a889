"""Interactive HTML view of a knowledge graph.

`render_html` turns a ``networkx.MultiDiGraph`` (node attrs ``label``,
``type``, ``title``; edge attr ``label``) into one self-contained HTML page
drawn with vis-network.  The network and its options are built with pyvis,
but the page comes from this module's own Jinja2 template: vis-network's
JavaScript and CSS are inlined from the copy bundled inside pyvis, so the page
makes no network request.  Output is deterministic (sorted nodes and edges,
fixed layout seed), and all text from documents is treated as untrusted: the
embedded JSON is escaped for a ``<script>`` element and tooltips are built in
the browser as plain-text DOM nodes, never parsed as HTML.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import pyvis
from markupsafe import Markup
from pyvis.network import Network
from pyvis.options import Layout

from .layout import LEGIBLE, READABLE, box_radius, label_size, positions

if TYPE_CHECKING:  # pragma: no cover
    import networkx

__all__ = ["render_html"]

# type -> (colour, Chinese name for the legend, vis shape)
_PALETTE: dict[str, tuple[str, str, str]] = {
    "PartyOrganization": ("#d62728", "党组织", "box"),
    "GovernmentBody": ("#1f77b4", "政府机构", "box"),
    "Enterprise": ("#ff7f0e", "企业", "box"),
    "SocialOrganization": ("#9467bd", "社会组织", "box"),
    "Brand": ("#e377c2", "品牌", "ellipse"),
    "Project": ("#2ca02c", "项目", "ellipse"),
    "Honor": ("#ffd700", "荣誉", "ellipse"),
    "Place": ("#17becf", "地点", "ellipse"),
    "Facility": ("#8c564b", "设施", "ellipse"),
    "Document": ("#aec7e8", "文件", "ellipse"),
    "Activity": ("#98df8a", "活动", "ellipse"),
    "Person": ("#ff9896", "人物", "ellipse"),
    "Article": ("#c5b0d5", "文章", "ellipse"),
    "Measurement": ("#bcbd22", "数据", "diamond"),
}
_OTHER = ("#b0b0b0", "其他", "ellipse")
_OTHER_KEY = "Other"

_FONT_FACE = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
_LAYOUT_SEED = 20240521

_VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"

@functools.lru_cache(maxsize=1)
def _template_text() -> str:
    """The page's Jinja template (kg/resources/graph_page.html)."""
    from .resources import resource_path

    return resource_path("graph_page.html").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[Markup, Markup]:
    """vis-network's JS and CSS as bundled by pyvis, safe to inline."""
    js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    # Defensive: nothing in the library may close its element early.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    js = js.replace("<!--", "<\\!--")
    css = re.sub(r"</(style)", r"\\3c/\1", css, flags=re.IGNORECASE)
    return Markup(js), Markup(css)


_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def _script_json(value: Any) -> Markup:
    """JSON that is safe verbatim inside a <script> element.

    The escaped characters can only occur inside JSON strings, where the
    ``\\uXXXX`` form decodes back to the same text.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(_SCRIPT_ESCAPE_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], text))


def _style(node_type: str) -> tuple[str, str, str, str]:
    """(legend key, colour, Chinese name, shape) for a node type."""
    if node_type in _PALETTE:
        color, name, shape = _PALETTE[node_type]
        return node_type, color, name, shape
    color, name, shape = _OTHER
    return _OTHER_KEY, color, name, shape


def _darken(hex_color: str, factor: float = 0.7) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _text_color(hex_color: str) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.299 * r + 0.587 * g + 0.114 * b
    return "#111111" if luminance > 150 else "#ffffff"


def _as_text(value: Any, default: str = "") -> str:
    if value is None:
        return default
    return str(value)


def _build_network(graph: "networkx.MultiDiGraph") -> tuple[Network, list[str]]:
    """Fill a pyvis Network from `graph`; return it and the legend keys used."""
    net = Network(directed=True, height="100%", width="100%")
    net.barnes_hut(
        gravity=-3000,
        central_gravity=0.4,
        spring_length=140,
        spring_strength=0.04,
        damping=0.12,
        overlap=0.5,
    )
    net.toggle_stabilization(True)
    net.options.physics.stabilization.iterations = 250
    layout = Layout(randomSeed=_LAYOUT_SEED, improvedLayout=False)
    layout.hierarchical.enabled = False
    net.options.layout = layout

    ids = {node: _as_text(node) for node in graph.nodes}
    labels: dict[Any, str] = {}
    used_keys: set[str] = set()
    # the layout is computed here, once: the page opens frozen (kg.layout)
    ranked = sorted(graph.nodes, key=lambda n: (-float(graph.nodes[n].get("weight") or 0), ids[n]))
    sizes = {node: label_size(i, float(graph.nodes[node].get("weight") or 0)) for i, node in enumerate(ranked)}
    texts = {node: _as_text(graph.nodes[node].get("label"), ids[node]) or ids[node] for node in graph.nodes}
    where = positions(graph, {node: box_radius(texts[node], sizes[node]) for node in graph.nodes})
    top = set(ranked[:LEGIBLE])
    for node in sorted(graph.nodes, key=lambda n: ids[n]):
        attrs = graph.nodes[node]
        node_id = ids[node]
        label = _as_text(attrs.get("label"), node_id) or node_id
        labels[node] = label
        node_type = _as_text(attrs.get("type"))
        key, color, type_name, shape = _style(node_type)
        used_keys.add(key)
        tip = _as_text(attrs.get("title"))
        if not tip:
            tip = f"{label}\n类型：{node_type or '未知'}"
        border = _darken(color)
        extra: dict[str, Any] = {"kgType": key, "x": where[node][0], "y": where[node][1],
                                 "kgCentral": node in top,
                                 "kgAliases": [_as_text(a) for a in attrs.get("aliases") or []],
                                 "widthConstraint": {"maximum": sizes[node] * 14 + 16}}
        if shape == "diamond":
            extra["size"] = 12
        net.add_node(
            node_id,
            label=label,
            shape=shape,
            color={
                "background": color,
                "border": border,
                "highlight": {"background": color, "border": "#000000"},
                "hover": {"background": color, "border": "#000000"},
            },
            font={
                "color": "#111111" if shape == "diamond" else _text_color(color),
                "face": _FONT_FACE,
                "size": sizes[node],
            },
            title=tip,
            **extra,
        )

    # Sort edges, then number parallel edges per (unordered) node pair so each
    # one gets its own curve and none hides another.
    edge_rows = []
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        label = _as_text(attrs.get("label"))
        edge_rows.append((ids[u], ids[v], label, _as_text(k), u, v, attrs))
    edge_rows.sort(key=lambda row: row[:4])
    pair_count: dict[tuple[str, str], int] = defaultdict(int)
    for row in edge_rows:
        pair_count[tuple(sorted(row[:2]))] += 1
    pair_seen: dict[tuple[str, str], int] = defaultdict(int)
    for index, (src, dst, label, _key, u, v, attrs) in enumerate(edge_rows):
        pair = tuple(sorted((src, dst)))
        extra: dict[str, Any] = {}
        rank = pair_seen[pair]
        pair_seen[pair] += 1
        if src == dst:
            extra["selfReference"] = {"size": 18 + 12 * rank, "angle": 0.785}
        elif pair_count[pair] > 1:
            extra["smooth"] = {
                "enabled": True,
                "type": "curvedCW",
                "roundness": round(0.15 + 0.2 * rank, 3),
            }
        tip = _as_text(attrs.get("title")) or f"{labels[u]} —{label}→ {labels[v]}"
        confidence = attrs.get("confidence")
        if confidence is not None:
            tip += f"\n置信度 {float(confidence):.2f}"
            extra["kgConfidence"] = float(confidence)
            if float(confidence) < WEAK_EDGE:  # a weak fact does not look like a strong one
                extra["dashes"] = True
                extra["color"] = {"color": "#c4c4c4", "highlight": "#777777", "hover": "#777777", "inherit": False}
        net.add_edge(
            src,
            dst,
            id=f"e{index}",
            label=label,
            title=tip,
            kgRelation=_as_text(attrs.get("relation")) or label,
            **extra,
        )
    return net, sorted(used_keys, key=_legend_order)


WEAK_EDGE = 0.6  # edges whose best evidence is less sure than this are drawn dashed and faint


def _legend_order(key: str) -> int:
    order = list(_PALETTE) + [_OTHER_KEY]
    return order.index(key)


def _options(net: Network) -> dict[str, Any]:
    options = json.loads(net.options.to_json())
    options["edges"]["color"] = {
        "color": "#8a8a8a",
        "highlight": "#333333",
        "hover": "#333333",
        "inherit": False,
    }
    options["edges"]["font"] = {
        "size": 12,
        "face": _FONT_FACE,
        "color": "#333333",
        "strokeWidth": 3,
        "strokeColor": "#ffffff",
        "align": "middle",
    }
    options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.6}}
    options["edges"]["width"] = 1.2
    options["nodes"] = {
        "margin": 8,
        "borderWidth": 1,
        "font": {"size": 14, "face": _FONT_FACE},
        "widthConstraint": {"maximum": 220},
        # a label smaller than 8 px on screen is not drawn; none grows past 30 px
        "scaling": {"label": {"enabled": False, "drawThreshold": 8, "maxVisible": 30}},
    }
    options["physics"]["enabled"] = False  # the layout is computed before (kg.layout): the page opens frozen
    options["interaction"].update({"hover": True, "tooltipDelay": 150, "navigationButtons": False})
    return options


def render_html(graph: "networkx.MultiDiGraph", title: str = "kg", notes=()) -> str:
    """Return a self-contained HTML page drawing `graph` with vis-network.

    ``notes`` (plain text) say what a selection left out."""
    title = _as_text(title)
    env = _env()
    template = env.from_string(_template_text())
    if graph.number_of_nodes() == 0:
        return template.render(title=title, empty=True, font_face=Markup(_FONT_FACE), notes=[], relations=[])

    net, legend_keys = _build_network(graph)
    legend = []
    for key in legend_keys:
        if key == _OTHER_KEY:
            color, name, shape = _OTHER
        else:
            color, name, shape = _PALETTE[key]
        legend.append({"type": key, "color": color, "name": name, "shape": shape})
    vis_js, vis_css = _vis_assets()
    rels = {}
    for _u, _v, attrs in graph.edges(data=True):
        name = _as_text(attrs.get("relation")) or _as_text(attrs.get("label"))
        rels.setdefault(name, _as_text(attrs.get("label")) or name)
    return template.render(
        notes=[_as_text(n) for n in notes],
        relations=[{"name": k, "label": rels[k]} for k in sorted(rels)],
        title=title,
        empty=False,
        font_face=Markup(_FONT_FACE),
        vis_js=vis_js,
        vis_css=vis_css,
        readable=int(READABLE),
        n_nodes=len(net.nodes),
        n_edges=len(net.edges),
        legend=legend,
        nodes_json=_script_json(net.nodes),
        edges_json=_script_json(net.edges),
        options_json=_script_json(_options(net)),
    )
