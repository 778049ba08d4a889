"""kg: Chinese party-building articles → linked-data knowledge graph.

>>> from kg import process_text
>>> doc = process_text("某某市税务局党委以“红色税苑”党建品牌为引领,开展主题党日活动。")
>>> sorted((e.type, e.label) for e in doc.entities.values())
[('Brand', '红色税苑'), ('GovernmentBody', '某某市税务局'), ('PartyOrganization', '某某市税务局党委')]
>>> sorted((doc.entities[r.subject].label, r.predicate, doc.entities[r.object].label) for r in doc.relations)
[('某某市税务局党委', 'hasBrand', '红色税苑'), ('某某市税务局党委', 'subOrganizationOf', '某某市税务局')]
"""
from .doc import Doc
from .pipeline import build, process_file, process_text

__all__ = ["Doc", "build", "process_file", "process_text"]
__version__ = "0.1.0"
