"""Entity-level aggregation shared by actors and places.

Both actors (guidelines section 1) and places (section 2) are counted once per
distinct real-world entity: mentions found in the text are grouped into
entities, each with its fullest name, the aliases the article makes equal,
its number of mentions and its first offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"['\u2019]s$")


@dataclass(frozen=True)
class EntityMention:
    """One mention of an actor or a place in the article text."""

    start_char: int
    end_char: int
    text: str
    kind: str
    source: str = "ner"


@dataclass
class Entity:
    """Mentions grouped as one actor or place."""

    kind: str
    mentions: list[EntityMention] = field(default_factory=list)
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None

    @property
    def first_char(self) -> int:
        return min(m.start_char for m in self.mentions)

    @property
    def surface_forms(self) -> list[str]:
        """Distinct mention texts, without a leading "the", in order of appearance."""
        seen: dict[str, None] = {}
        for mention in sorted(self.mentions, key=lambda m: m.start_char):
            seen.setdefault(strip_article(mention.text), None)
        return list(seen)


@lru_cache(maxsize=1 << 16)
def strip_article(text: str) -> str:
    """The name without a leading "the" and a trailing possessive."""
    text = text.strip()
    # The regexes only where they can apply: this runs for every gazetteer name.
    if text[:3].lower() == "the" and text[3:4].isspace():
        text = LEADING_THE.sub("", text)
    if text.endswith(("'s", "\u2019s")):
        text = POSSESSIVE.sub("", text)
    return text


@lru_cache(maxsize=1 << 16)  # pure, and asked thousands of times per article for the same words
def name_key(text: str) -> str:
    """How two names are compared: case, "the", periods, possessives, apostrophes ignored."""
    text = strip_article(text.translate(APOSTROPHES)).replace(".", "").lower()
    return " ".join(text.split())


def choose_name(forms: list[str]) -> str:
    """The fullest form: most words, then longest, then first seen."""
    return max(forms, key=lambda f: (len(f.split()), len(f), -forms.index(f)))
