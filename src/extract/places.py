"""Places: named places, typed, in their country, with coordinates.

Guidelines section 2. Mentions come from spaCy's GPE, LOC and FAC entities;
each is typed and located through the offline gazetteer.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .entities import Entity, EntityMention, choose_name, name_key
from .gazetteer import Gazetteer

if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)

#: Fallback kind by spaCy label when the gazetteer does not know a name.
KIND_BY_LABEL = {"GPE": "other", "LOC": "region", "FAC": "facility"}


class PlaceFinder:
    """Group place mentions into places and resolve them in the gazetteer."""

    def __init__(self, nlp: Language, name: str, labels: list[str]):
        self.name = name
        self.labels = tuple(labels)

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = Gazetteer.shared()
        groups: dict[str, Entity] = {}
        for ent in doc.ents:
            if ent.label_ not in self.labels:
                continue
            key = name_key(ent.text)
            entity = groups.get(key)
            if entity is None:
                candidates = gazetteer.lookup(ent.text)
                best = candidates[0] if candidates else None
                entity = Entity(kind=best.kind if best else KIND_BY_LABEL[ent.label_])
                if best:
                    entity.country = best.country
                    entity.latitude, entity.longitude = best.latitude, best.longitude
                    entity.geonames_id = best.geonames_id
                groups[key] = entity
            entity.mentions.append(EntityMention(ent.start_char, ent.end_char, ent.text, entity.kind))
        for entity in groups.values():
            forms = entity.surface_forms
            entity.name = choose_name(forms)
            entity.aliases = [f for f in forms if f != entity.name]
        doc._.places = sorted(groups.values(), key=lambda e: e.first_char)
        return doc


@Language.factory("extract_places", default_config={"labels": ["GPE", "LOC", "FAC"]})
def make_place_finder(nlp: Language, name: str, labels: list[str]) -> PlaceFinder:
    return PlaceFinder(nlp, name, labels)
