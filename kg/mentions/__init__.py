"""The ``mentions`` stage: every finder proposes names, one step selects.

Each module holds one family of finders (quotes, lists, honours, suffix
names, places, persons, self-references, the name finder's names); each
finder reads the Doc and yields ``Mention`` candidates. ``select`` keeps
the best non-overlapping ones, and places, which may nest in names.
"""
from __future__ import annotations

from ..doc import Doc
from .common import _Tokens
from .honors import find_honors, honour_list_items
from .lists import find_lists
from .model import bound_places, confirm_persons, find_model_names, trim_by_model
from .persons import find_persons
from .places import (find_local_places, find_local_short_names, find_listed_places, find_one_character_villages, find_places, join_unnested, name_with_parents,
                     find_ports, find_town_villages)
from .quotes import find_quotes, find_titles
from .select import _select, _select_places
from .selfref import find_bare_heads, find_selfrefs
from .suffix import find_roads, find_suffix_names

__all__ = ["mentions"]


def mentions(doc: Doc) -> Doc:
    """Fill ``doc.mentions`` sorted by position."""
    tok = _Tokens(doc)
    places = find_places(doc, tok)
    places += list(find_local_places(doc, tok))
    places += list(find_town_villages(doc, tok, places))
    places += list(find_local_short_names(doc, tok, places))
    places += list(find_one_character_villages(doc, places))
    places += find_listed_places(doc, places)
    places = join_unnested(doc, bound_places(doc, places))
    name_with_parents(doc, places)
    places_at = {}
    for p in places:
        places_at.setdefault(p.start, p)
    cands = list(find_titles(doc))
    cands += list(find_lists(doc, places))
    cands += list(find_honors(doc))
    cands += list(find_quotes(doc, tok))
    cands += list(find_suffix_names(doc, tok, places_at))
    cands += list(find_roads(doc, tok))
    cands += list(find_ports(doc, places))
    cands += list(find_selfrefs(doc, tok))
    cands += list(find_bare_heads(doc, tok))
    cands += list(find_persons(doc))
    cands += list(find_model_names(doc))
    cands += list(honour_list_items(doc, cands))
    names = _select(confirm_persons(doc, trim_by_model(doc, cands)))
    kept_places = _select_places(places, names)
    doc.mentions = sorted(names + kept_places, key=lambda m: (m.start, -m.end, m.type))
    return doc
