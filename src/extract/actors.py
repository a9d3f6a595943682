"""Actors: persons, organisations and groups, once each.

Guidelines section 1. Mentions come from spaCy's PERSON and ORG entities; a
single-word person mention that is the last word of a person named in full
is that person (a surname after the full name).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .entities import Entity, EntityMention, choose_name, name_key

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)

KIND_BY_LABEL = {"PERSON": "person", "ORG": "organization"}


class ActorFinder:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        groups: dict[str, Entity] = {}
        for ent in doc.ents:
            kind = KIND_BY_LABEL.get(ent.label_)
            if kind is None:
                continue
            entity = groups.setdefault(name_key(ent.text), Entity(kind=kind))
            entity.mentions.append(EntityMention(ent.start_char, ent.end_char, ent.text, kind))
        self._merge_surnames(groups)
        for entity in groups.values():
            forms = entity.surface_forms
            entity.name = choose_name(forms)
            entity.aliases = [f for f in forms if f != entity.name]
        doc._.actors = sorted(groups.values(), key=lambda e: e.first_char)
        return doc

    @staticmethod
    def _merge_surnames(groups: dict[str, Entity]) -> None:
        """A one-word person that ends exactly one full person name is that person."""
        full = {key: e for key, e in groups.items() if e.kind == "person" and len(key.split()) > 1}
        for key in [k for k, e in groups.items() if e.kind == "person" and len(k.split()) == 1]:
            owners = [e for k, e in full.items() if k.split()[-1] == key]
            if len(owners) == 1:
                owners[0].mentions.extend(groups.pop(key).mentions)


@Language.factory("extract_actors")
def make_actor_finder(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder(nlp, name)
