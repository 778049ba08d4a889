"""kg: Chinese party-building articles → linked-data knowledge graph.

>>> from kg import process_text
>>> doc = process_text("某某市税务局党委以“红色税苑”党建品牌为引领,开展主题党日活动。")
>>> sorted(e.label for e in doc.entities.values())
['某某市税务局党委', '红色税苑']
"""
from .doc import Doc
from .pipeline import build, process_file, process_text

__all__ = ["Doc", "build", "process_file", "process_text"]
__version__ = "0.1.0"
