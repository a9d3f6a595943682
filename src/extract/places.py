"""Places: every named place, typed, in its country, on the map.

Guidelines section 2. Mentions come from three sources, longest first where
they overlap:

* rules (``resources/places/patterns.jsonl``, spaCy Matcher patterns over
  token attributes defined here, ``name_word``, ``place_roles`` and
  ``of_kind``): named facilities closed or opened by a head noun ("...
  Airport", "Camp ...", "Rue ...", "Embassy of ..."), venues named before a
  lowercase head noun ("the <Name> theatre", "the <Name> gas facility"),
  embassies named by their country or city ("the Portuguese embassy", "the
  Lima embassy"), "X province", districts ("... Zone", "the old city"), numbered
  areas of a city ("the 5th arrondissement"), numbered streets ("Road 27"),
  "the town of <Name>" ("the
  <City> suburb of <Name>", "the counties of A, B and C", "the island of
  <Name>", "the port of <Name>"), "<town>, <country>" after a preposition, a
  venue named right before "on <Street>", one-word street names of other
  languages ("<Name>straße 12", ``street_suffixes.txt``), lettered parts of
  buildings ("the C-block"), venues named after a date ("9 April Square",
  "March 3rd Memorial Park"), "the lake <Name>", and "<noun> known as (the)
  <Name>"; a short lowercase word joining capitalised parts of one name
  ("<Name>-i-<Name>", "<Name> es <Name>" inside the model's place entity) is
  part of it, and a verb before a lowercase head means no venue;
* spaCy's GPE, LOC and FAC entities (with a capitalised joining word that
  opens the name: "In <Name>");
* the infobox's location, part by part ("<Venue>, <District>, <City>,
  <Country>"): each part the gazetteer knows, and an unknown part right
  before a city, a district of it;
* the gazetteer's minor places (lower ISO subdivisions, GeoNames towns of
  5,000 to 15,000 people), whatever the model's label, only where the text
  puts a place ("near <Town>", "<Town>, <Country>", "the <Name> department")
  and in a country the article names, never as a person's name, nor as a
  facility's name said short ("<Name>" after "<Name> Airport");
* the gazetteer: entities of other labels that are exactly a country,
  province or city name (the small model files some cities under ORG,
  PERSON or PRODUCT; a "person" only after a place preposition), country,
  region and big city names the model left untagged ("Down with Portugal"), and
  "the <first word>" of a facility named before ("the Meridian").

Not mentions: nationality adjectives (NORP), a place that is part of an
event's name ("2009 Port Arlen attack"; but a venue the text also calls by
its head noun, "the arena", is the event's place), a court's "Southern
District of <State>", or a place that is part of an organisation's ("High Tribunal
of Chile", "<Group> of <Country> and the <Region>", "<Group> in <Region>"),
items of a "See also" list, a section heading that names nothing else, an
organisation's acronym, a name the article uses for a person ("Chad" in "Chad
Morris"; "<Name> ben <Name>"; a surname the model took for a town) or for an
institution (an unknown "facility" that only ever acts, or stands in
apposition with "court", "party", "the head of ...").

Grouping also joins a name's short form ("Federal Republic", "<Surname>
Building", "<Name>" of "<Name>-Saint-<Name>"), its other-language form
("<Place>, known in <Language> as <Name>") and a town to its "<Town> air
base" (but "the <Name> Centre in <Name>" names the town too); a state and the
county named after it stay apart. A GeoNames town a few
kilometres from a far bigger city the article names is a district of it; a
lake or sea whose country the text does not say gets none.

Each mention is resolved in the offline gazetteer (``gazetteer.py``), with
the article's countries as context (infobox location, title and first
sentence weigh most); mentions of one gazetteer place are one place ("U.S.",
"USA", "America"), embassies are one per sending country and city, "Valdor"
joins "Valdor province". A facility, district or unknown town lies in the
country named in its name or before its noun ("the <Nationality> town of"),
else of the place said right after it ("... in Peru"), else of a city a few
words away, else of the article's dominant country. Kinds the gazetteer
cannot give come from the head noun, an apposition ("Marbury, the district
..."; "<Name>, in the north of the city"), a compass word ("North <Name>";
"North West <Province>" a region), "Greater <City>" (admin) or the model's label.
"""

from __future__ import annotations

import calendar
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import srsly
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.attrs import LOWER, ORTH, SPACY
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from .entities import Entity, EntityMention, choose_name, name_key
from .gazetteer import BIG_CITY, GROUPING_TYPES, Candidate, Gazetteer, GazetteerEntry, fold
from .given_names import given_names, without_accents
from .rules import FolderRules
from .sections import article_text

if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)

#: The rules folder: patterns and word lists (the gazetteer's own data files live
#: there too but belong to ``gazetteer.py``).
RULES_DIR = Path(str(resources.files("extract").joinpath("resources", "places")))


def _words(folder: Path, name: str) -> set[str]:
    return {line.strip() for line in (folder / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def _head_nouns(folder: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    heads = {}
    for line in (folder / "head_nouns.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind, roles = line.split("\t")
            heads[word.lower()] = (kind, tuple(roles.split(",")))
    return heads


#: The word lists of the rules in force, filled by ``load_rules`` (the token
#: attributes the patterns use read them, so they are module state, replaced in
#: place when a component loads rules from another folder).
HEAD_NOUNS: dict[str, tuple[str, tuple[str, ...]]] = {}
COMPASS_WORDS: set[str] = set()
METROPOLITAN_WORDS: set[str] = set()  # "Greater <City>"
SAINT_WORDS: set[str] = set()  # "St <Name>'s Square"
APPOSITIVE_KINDS: dict[str, str] = {}
OF_KINDS: dict[str, str] = {}  # "the town of <Name>": noun -> kind
WEAK_OF_NOUNS: set[str] = set()  # "the commune of <Name>": a kind that yields to geography
NAME_PARTICLES: set[str] = set()
PERSON_PARTICLES: set[str] = set()
EVENT_NOUNS: set[str] = set()
STREET_SUFFIXES: set[str] = set()
OPERATION_WORDS: set[str] = set()  # "Operation <Name>": an operation, no place
ROUTE_WORDS: set[str] = set()  # "<Street> towards <Square>": never inside one name
STATE_FORMS: set[str] = set()
ADMIN_ENDINGS: set[str] = set()  # "<Name>shire": a county
EDGE_NOUNS: set[str] = set()  # "<Name> Crescent on the southern edge of <Town>"
MEDIA_NOUNS: set[str] = set()  # "the <Name> Center website": a publisher
POSITION_PREPOSITIONS: set[str] = set()  # "in <Village>": a place's position
POSITION_KINDS: dict[str, str] = {}  # "outside <Name>": a building
NAME_OPENING_WORDS: set[str] = set()  # "New <Name>": dictionary words opening places' names
PERSON_CUE_NOUNS: set[str] = set()  # "his counterpart, <Name>,": a person
VENUE_STATE_VERBS: set[str] = set()  # "<Name> stayed closed": a venue, not an organisation acting
#: verbs of travel (``motion_verbs.txt``): "headed for <Town>"; those of leaving: "left <Town>"
MOTION_FOR_VERBS: set[str] = set()
LEAVING_VERBS: set[str] = set()


def _gregorian_calendar_words() -> frozenset[str]:
    """Months, weekdays and the holidays of dates/lexicon.json, lowercase: names that
    are no places (the feasts of other calendars come with the rules:
    ``calendar_names.txt``)."""
    lexicon = resources.files("extract").joinpath("resources", "dates", "lexicon.json")
    holidays = json.loads(lexicon.read_text(encoding="utf-8"))["holidays"]
    return frozenset(w.lower() for w in (*calendar.month_name[1:], *calendar.day_name, *holidays))


GREGORIAN_CALENDAR_WORDS = _gregorian_calendar_words()
#: Calendar names, which the small model sometimes tags as places (filled by ``load_rules``).
CALENDAR_WORDS: set[str] = set(GREGORIAN_CALENDAR_WORDS)


def load_rules(folder: Path) -> list[dict]:
    """Read a rules folder into the word lists above; return its Matcher patterns."""
    HEAD_NOUNS.clear()
    HEAD_NOUNS.update(_head_nouns(folder))
    for target, name in ((COMPASS_WORDS, "compass_words.txt"), (METROPOLITAN_WORDS, "metropolitan_words.txt"),
                         (SAINT_WORDS, "saint_words.txt"),
                         (NAME_PARTICLES, "name_particles.txt"),
                         (EVENT_NOUNS, "event_nouns.txt"), (PERSON_PARTICLES, "person_particles.txt"),
                         (STREET_SUFFIXES, "street_suffixes.txt"), (STATE_FORMS, "state_forms.txt"),
                         (ADMIN_ENDINGS, "admin_endings.txt"), (EDGE_NOUNS, "edge_nouns.txt"),
                         (MEDIA_NOUNS, "media_nouns.txt"), (PERSON_CUE_NOUNS, "person_cue_nouns.txt"),
                         (VENUE_STATE_VERBS, "venue_state_verbs.txt"),
                         (NAME_OPENING_WORDS, "name_opening_words.txt"),
                         (OPERATION_WORDS, "operation_words.txt"), (ROUTE_WORDS, "route_words.txt")):
        target.clear()
        target.update(_words(folder, name))
    POSITION_PREPOSITIONS.clear()
    POSITION_KINDS.clear()
    for row in _words(folder, "position_prepositions.txt"):
        preposition, *kind = row.split("\t")
        POSITION_PREPOSITIONS.add(preposition)
        if kind:
            POSITION_KINDS[preposition] = kind[0]
    CALENDAR_WORDS.clear()
    CALENDAR_WORDS.update(GREGORIAN_CALENDAR_WORDS, (w.lower() for w in _words(folder, "calendar_names.txt")))
    MOTION_FOR_VERBS.clear()
    LEAVING_VERBS.clear()
    for row in _words(folder, "motion_verbs.txt"):
        verb, cues = row.split("\t")
        if "for" in cues.split(","):
            MOTION_FOR_VERBS.add(verb)
        if "leave" in cues.split(","):
            LEAVING_VERBS.add(verb)
    APPOSITIVE_KINDS.clear()
    OF_KINDS.clear()
    WEAK_OF_NOUNS.clear()
    for row in _words(folder, "appositive_nouns.tsv"):
        noun, kind, *of = row.split("\t")
        APPOSITIVE_KINDS[noun] = kind
        if of and of[0] == "of":
            OF_KINDS[noun] = kind
            if of[1:] == ["weak"]:
                WEAK_OF_NOUNS.add(noun)
    return list(srsly.read_jsonl(folder / "patterns.jsonl"))


load_rules(RULES_DIR)
#: Function words are not name words even when capitalised at a sentence start,
#: but all-capital forms are ("US" is the country, "us" the pronoun).
FUNCTION_WORDS = frozenset(STOP_WORDS)
JOINING_WORDS = frozenset({"the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by",
                           "with", "from", "as"})
#: Joining words that open some place names ("In <Name>", "As <Name>"); articles
#: are left out: a name is compared without "the".
OPENING_WORDS = JOINING_WORDS - {"the", "a", "an"}
MARKUP_CHARACTERS = frozenset("=#*|[]{}<>")


def _is_name_word(token: Token) -> bool:
    text = token.text
    if any(c in MARKUP_CHARACTERS for c in text):
        return False  # "Name==" in a wiki heading the tokenizer did not split: markup, no name
    if text[:1].isupper():
        lower = text.lower()
        if text.isupper() or lower not in FUNCTION_WORDS:
            return True
        # Mid-sentence, a capitalised stop word is part of a name ("... Front for the
        # Defence of ..."), unless it is a word that only joins names.
        if token.is_sent_start:
            return False
        return lower not in JOINING_WORDS or _opens_name(token)
    if text in NAME_PARTICLES or text.lower() in NAME_PARTICLES:
        return True
    if _inner_particle(token):
        return True
    if text[:2].lower() in ("d'", "l'", "d\u2019", "l\u2019") and text[2:3].isupper():
        return True  # an elided French article: "Porte d'Orient"
    if text in ("\u2013", "\u2010", "\u2011") and 0 < token.i < len(token.doc) - 1:
        # an en dash joining two names into one: "the <Town>\u2013<Town> Highway"
        before, after = token.doc[token.i - 1], token.doc[token.i + 1]
        doc = token.doc
        return not before.whitespace_ and not token.whitespace_ and before.text[:1].isupper() \
            and after.text[:1].isupper() and before.is_alpha and after.is_alpha \
            and after.i + 1 < len(doc) and doc[after.i + 1].text[:1].isupper() and doc[after.i + 1].is_alpha \
            and doc[after.i + 1].lower_ not in EVENT_NOUNS
        # (not "the <City>\u2013<City> train", "the <Country>\u2013<Country> War": two places)
    if text == "-" and 0 < token.i < len(token.doc) - 1:  # a hyphen inside a name: "al-Rashidi"
        before, after = token.doc[token.i - 1], token.doc[token.i + 1]
        return not before.whitespace_ and not token.whitespace_ and \
            (_capitalised_or_particle(before) or _inner_particle(before)) and \
            (_capitalised_or_particle(after) or _inner_particle(after))
    return False


def _inner_particle(token: Token) -> bool:
    """A short lowercase word that joins two capitalised parts of one name, in any
    language, so that a rule does not cut the name at it: hyphenated on both
    sides ("<Name>-i-<Name>", "<Name>-upon-<Name>"), or, when no English stop
    word ("and", "of"), inside a place entity of the model ("<Name> es <Name>")."""
    text, doc, i = token.text, token.doc, token.i
    if not (text.isalpha() and text.islower() and len(text) <= 4) or i == 0 or i + 1 >= len(doc):
        return False
    if doc[i - 1].text == "-" and doc[i + 1].text == "-" and not doc[i - 1].whitespace_ \
            and not token.whitespace_ and i >= 2 and i + 2 < len(doc) \
            and not doc[i - 2].whitespace_ and not doc[i + 1].whitespace_ \
            and doc[i - 2].text[:1].isupper() and doc[i + 2].text[:1].isupper():
        return True
    return text not in FUNCTION_WORDS and token.ent_iob_ == "I" and token.ent_type_ in ("GPE", "LOC", "FAC") \
        and doc[i + 1].ent_iob_ == "I" and doc[i + 1].text[:1].isupper() and doc[i - 1].text[:1].isupper()


def _opens_name(token: Token) -> bool:
    """A capitalised joining word mid-sentence that opens a name, as in towns
    called "In <Name>" or "The <Name>": a capitalised word follows, and no name
    word comes before it (only a determiner, a lowercase word or punctuation)."""
    doc, i = token.doc, token.i
    if i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper() or doc[i + 1].lower_ in FUNCTION_WORDS:
        return False
    if i == 0:
        return False
    before = doc[i - 1]
    return not before.text[:1].isupper() or before.lower_ in ("the", "a", "an")


def _capitalised_or_particle(token: Token) -> bool:
    return token.text[:1].isupper() or token.lower_ in NAME_PARTICLES


def _of_kind(token: Token) -> str:
    return _of_kind_of_text(token.text)


def _of_kind_of_text(text: str) -> str:
    return OF_KINDS.get(text, "") or OF_KINDS.get(_singular(text), "")  # lowercase only:
    # "City of <Name>" is a name


def _singular(noun: str) -> str:
    """ "counties" -> "county", "towns" -> "town" (the nouns of ``appositive_nouns.tsv``)."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") else noun


def _place_roles(token: Token) -> list[str]:
    head = HEAD_NOUNS.get(token.lower_)
    return list(head[1]) if head else []


def _native_token_pattern(spec: dict) -> dict:
    """A pattern token with the word-list attributes the rules are written in
    (``place_roles``, ``of_kind``) turned into the word lists they stand for
    (``LOWER``/``ORTH`` ``IN``), which the matcher tests on the token's own
    attributes instead of calling an extension getter per token (the rules stay
    data over the head nouns; the lists are derived here, when the matcher is
    built)."""
    extension = spec.get("_")
    if not isinstance(extension, dict):
        return spec
    spec, extension = dict(spec), dict(extension)
    roles = extension.get("place_roles")
    if isinstance(roles, dict) and set(roles) == {"INTERSECTS"} and "LOWER" not in spec:
        wanted = set(roles["INTERSECTS"])
        spec["LOWER"] = {"IN": sorted(w for w, (_, r) in HEAD_NOUNS.items() if wanted & set(r))}
        del extension["place_roles"]
    kinds = extension.get("of_kind")
    if isinstance(kinds, dict) and set(kinds) == {"IN"} and "ORTH" not in spec:
        # every text ``_of_kind`` gives a kind: the nouns and their plurals
        texts = set(OF_KINDS) | {n + "s" for n in OF_KINDS} | {n[:-1] + "ies" for n in OF_KINDS if n.endswith("y")}
        spec["ORTH"] = {"IN": sorted(t for t in texts if _of_kind_of_text(t) in kinds["IN"])}
        del extension["of_kind"]
    if extension:
        spec["_"] = extension
    else:
        del spec["_"]
    return spec


class _DocView:
    """Token attributes of the Doc being processed, read once: a ``doc[i]`` or a
    ``doc.ents`` builds new Python objects on every access (``doc.ents`` one per
    token of the Doc), and the rules ask for the same words many times."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.ents = doc.ents
        strings = doc.vocab.strings
        # (from the Doc's arrays: no Token object is made)
        self.texts = [strings[key] for key in doc.to_array(ORTH).tolist()]
        self.lowers = [strings[key] for key in doc.to_array(LOWER).tolist()]
        self._name_words: list[bool | None] = [None] * len(doc)
        self._sentences: list[tuple[int, int]] | None = None
        self._spaces: list[str] | None = None

    @property
    def spaces(self) -> list[str]:
        if self._spaces is None:
            self._spaces = [" " if space else "" for space in self.doc.to_array(SPACY).tolist()]
        return self._spaces

    def text(self, start: int, end: int) -> str:
        """The text of tokens ``start:end`` (no Span is made)."""
        texts, spaces = self.texts, self.spaces
        return "".join(texts[k] + spaces[k] for k in range(start, end - 1)) + texts[end - 1]

    def name_word(self, i: int) -> bool:
        value = self._name_words[i]
        if value is None:
            value = self._name_words[i] = _is_name_word(self.doc[i])
        return value

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = [(s.start, s.end) for s in self.doc.sents]
        return self._sentences


#: The view of the Doc the component is processing (set for the time of one call).
_ACTIVE: list[_DocView | None] = [None]


def _view(doc: Doc) -> _DocView:
    view = _ACTIVE[0]
    return view if view is not None and view.doc is doc else _DocView(doc)


def _ents(doc: Doc) -> tuple[Span, ...]:
    view = _ACTIVE[0]
    return view.ents if view is not None and view.doc is doc else doc.ents


def _name_word_attribute(token: Token) -> bool:
    view = _ACTIVE[0]
    if view is not None and view.doc is token.doc:
        return view.name_word(token.i)
    return _is_name_word(token)


def _required_words(pattern: list[dict]) -> list[tuple[str, frozenset[str]]]:
    """The words a match of a Matcher pattern must have: for each token that is
    not optional, its ``LOWER`` or ``ORTH`` value or list."""
    required = []
    for spec in pattern:
        if spec.get("OP", "1") not in ("1", "+"):
            continue  # ("?", "*", "!" and counted operators: no word it must have)
        for attr in ("LOWER", "ORTH", "TEXT"):
            value = spec.get(attr)
            if isinstance(value, str):
                words = frozenset((value,))
            elif isinstance(value, dict) and set(value) == {"IN"}:
                words = frozenset(value["IN"])
            else:
                continue
            required.append(("LOWER" if attr == "LOWER" else "ORTH", words))
    return required


if not Token.has_extension("name_word"):
    Token.set_extension("name_word", getter=_name_word_attribute)
if not Token.has_extension("place_roles"):
    Token.set_extension("place_roles", getter=_place_roles)
if not Token.has_extension("of_kind"):
    Token.set_extension("of_kind", getter=_of_kind)

#: Fallback kind by spaCy label when the gazetteer does not know a name.
KIND_BY_LABEL = {"GPE": "city", "LOC": "region", "FAC": "facility"}
LABEL_BY_KIND = {kind: label for label, kind in KIND_BY_LABEL.items()}
#: Place labels of the trained model, and labels it sometimes gives to places.
PLACE_LABELS = ("GPE", "LOC", "FAC")
MISLABELS = ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE")
#: Entities whose words are names of their own: no place is looked for inside them.
NAME_LABELS = ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "PRODUCT", "EVENT", "LAW", "LANGUAGE")
#: Kinds that lie inside a country we must find from context.
LOCAL_KINDS = ("facility", "district", "city", "other")
#: Kinds of place a bare name may stand for more than once in one article (``_merge_same_names``).
AREA_KINDS = ("country", "admin", "region", "city", "district")
#: "<noun> known as <Name>" (also "known locally as", "better known as").
KNOWN_AS = re.compile(r"\b([a-z]+) (?:(?:also|locally|commonly|simply|now|better) )?known (?:locally )?as (?:the )?(\w+)")
#: Where a facility's location is said right after it: "Aviano Air Base in Italy".
LOCATIVE = {"in", "at", "near", "outside", "of", "inside"}
#: A name's biggest place stands for it before context when it is this many
#: times bigger than the biggest namesake in another country.
CLEAR_WINNER = 10
#: A city this large is looked for where the model tagged nothing.
SCANNED_CITY = 1_000_000
#: A city this large is taken from an entity of another label (if the article
#: names its country: ``_plausible``).
TRUSTED_CITY = 15_000
#: A city this large inside a facility's name is where it is ("<City> International Airport").
NAMED_CITY = 100_000
TRUSTED_CITY_ALTERNATE = 100_000  # when the entity is one of the city's alternate spellings
#: What marks a possessive in "<Name>'s Pub", "St <Name>s' Hospital".
POSSESSIVE_MARKS = ("'s", "\u2019s", "'", "\u2019")
#: Words that open "<Name> and <Name> <plural head>" as a list of venues ("the ... hotels",
#: "between ... stations"); any other word before it may end a longer phrase.
SHARED_HEAD_OPENERS = {"the", "its", "their", "between", "at", "near", "outside", "to", "from", "in"}
#: Where a bare name after one of these is a place, not a person ("fired from <Name>").
PLACE_PREPOSITIONS = {"in", "at", "from", "near", "to", "into", "toward", "towards", "outside", "of",
                      "across", "around", "through", "via", "inside", "between", "and"}
#: Where a name with a weak street head is a street ("on <Name> Crescent"); "of" and
#: "from" are left out: "a convoy of <Name> Crescent trucks", "aid from the <Name> Crescent".
#: Where a minor place of the gazetteer (a lower subdivision, a small town) may
#: stand: "near <Town>", "came from nearby <Town>". Not "of", "and", "between",
#: "to": "the son of <Surname>", "<Name> and <Surname>", "wrote to <Surname>".
MINOR_PREPOSITIONS = {"in", "at", "from", "near", "nearby", "into", "outside", "around", "across", "through",
                      "via", "inside", "towards", "toward"}
STREET_PREPOSITIONS = {"on", "in", "at", "along", "off", "near", "into", "onto", "down", "up", "across",
                       "outside", "beside", "opposite"}
#: A GeoNames town this close (km) to a city this many times bigger that the
#: article names is a part of it: the communes and boroughs of a capital.
PART_OF_CITY_KM = 4.5
# ... and further out round a bigger city: the radius grows with the square root of
# its population (a city's area grows with its people), up to a cap that keeps
# neighbouring cities apart
PART_OF_CITY_KM_PER_SQRT_MILLION = 3.0
PART_OF_CITY_MAX_KM = 20.0
PART_OF_CITY_RATIO = 5
#: A city this populous, the first its headline names, is where the article is
#: set: names the gazetteer lacks are its quarters unless the words place them
#: elsewhere (``_quarters_of_the_scene_city``)
SCENE_CITY_POPULATION = 1_000_000
#: How many words after a name may still place it: "<Name>, near <Town>", "<Name>
#: in the province of <Name>", "<Name> and several other towns"
PLACING_WORDS = 6
#: "the <Town> district" is the district round <Town> when the town lies this near
#: the city the article names most (``_districts_named_after_towns``)
NEAR_MAIN_CITY_KM = 100.0
#: How close a city must be, in tokens, to lend a facility its country.
NEAR_TOKENS = 8
#: Weights of a place mention when finding the article's dominant country.
WEIGHT_LOCATION = 10.0  # in the infobox's location
WEIGHT_HEADLINE = 3.0  # in the title or the first sentence
WEIGHT_LOCAL = 2.0  # a city, province, district or facility
WEIGHT_COUNTRY = 1.0
WEIGHT_MODIFIER = 0.3  # "U.S. warships": the country as a noun modifier
#: Rules whose match must take every name word before it.
LEFT_MAXIMAL = ("diplomatic", "diplomatic_in_city", "admin_head", "district_head", "possessive_head", "common_head",
                "admin_prefix")
#: The kind of an appositive noun that names an institution, not a place.
NOT_A_PLACE = "-"
#: Entity labels that make a name before a lowercase head noun no venue's name:
#: "the Sunday market", "the Catholic church", "the 1990 stadium".
NOT_VENUE_NAMES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "NORP", "MONEY", "PERCENT", "QUANTITY", "LAW", "EVENT")
#: Dependencies of a name that acts: the subject of a verb, or the agent after "by".
ACTING = ("nsubj", "nsubjpass")
#: Admin head nouns that also close names of organisations ("Mahdist State").
AMBIGUOUS_ADMIN_HEADS = {"state", "region"}
#: Sections whose items name other articles, not places of this one (section 2:
#: "2009 Port Arlen attack" in a See also list is no mention of Port Arlen).
BACK_MATTER = {"see also", "references", "external links", "further reading", "notes", "bibliography"}
#: Infobox keys that give where the event took place.
LOCATION_KEYS = {"location", "place", "site", "locale", "venue"}
SOURCE_PRIORITY = {"rule": 3, "ner": 2, "gazetteer": 1}


@dataclass
class PlaceMention:
    """A place mention being resolved."""

    start: int  # token offsets
    end: int
    source: str  # rule, ner, gazetteer
    kind: str = ""  # from a rule or resolution
    rule: str = ""
    entry: GazetteerEntry | None = None
    country: str = ""
    sender: str = ""  # an embassy's country ("Portuguese" in "the Portuguese embassy")
    city: GazetteerEntry | None = None  # the city named with it
    excluded: bool = False  # in an event's name or a "See also" list: no mention of its own
    retagged: bool = False  # an ORG or PERSON entity that the gazetteer knows as a place
    opening: bool = False  # "the Meridian": the first word of a facility's name
    kind_sure: bool = False  # the kind comes from the words, not the model's label
    #: Forms of the name without a qualifier the article gives it: "Valdor"
    #: for "Valdor province", "Portuguese embassy" for "Portuguese embassy in Lima".
    short_forms: tuple[str, ...] = ()
    same_as: "PlaceMention | None" = None  # an acronym in parentheses after a name
    name_end: int = 0  # "the <Name> theatre": where the name before a lowercase head ends
    named_with: "PlaceMention | None" = None  # "the <City> suburb of <Name>": the city
    #: The name the words stand for when they are not a whole name themselves:
    #: "3rd ward" for "3rd" in "the 3rd and 5th wards".
    canonical: str = ""
    partial: bool = False  # its words are only part of the name (not an alias)
    city_named: bool = False  # that name is also a city's: decided with the article's context
    weak_kind: bool = False  # "the commune of <Name>": a kind that yields to geography
    void: bool = False  # words that name no place ("a <Brand> hotel"): they only keep others out
    #: A minor place of the gazetteer (a lower subdivision, a small town) said where
    #: places stand: kept only if it lies in a country the article names.
    minor: bool = False

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


@dataclass
class PlaceGroup:
    mentions: list[PlaceMention] = field(default_factory=list)
    kind: str = ""
    entry: GazetteerEntry | None = None
    country: str = ""


class PlaceFinder(FolderRules):
    """Find, resolve and group place mentions (guidelines section 2)."""

    def __init__(self, nlp: Language, name: str, labels: list[str], rules: str | None = None):
        self.name = name
        self.labels = tuple(labels)
        self.vocab = nlp.vocab
        self.nlp_lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self.gazetteer = Gazetteer.shared()
        self._facility_words: set[str] = set()  # of the Doc being read (``_facility_name_words``)
        self.resources = Path(rules) if rules else RULES_DIR
        self._build()

    def _build(self) -> None:
        """Read the rules and build the matcher (once, not per Doc)."""
        self.matcher = Matcher(self.vocab)
        self.rule_kinds: dict[str, str] = {}
        self.patterns: list[tuple[str, list[dict]]] = []
        for row in load_rules(self.resources):
            pattern = [_native_token_pattern(spec) for spec in row["pattern"]]
            self.matcher.add(row["id"], [pattern])
            self.patterns.append((row["id"], pattern))
            self.rule_kinds[row["id"]] = row["label"]
        # The words each pattern cannot match without: a sentence is matched only
        # against the patterns whose words it has (the matcher's cost grows with
        # its patterns times the tokens), by a matcher of those patterns, made the
        # first time a sentence needs that set and kept.
        self.required = [_required_words(pattern) for _, pattern in self.patterns]
        self.sub_matchers: dict[tuple[int, ...], Matcher] = {}
        # Every pattern needs a head noun, an old-city phrase, or a comma before a country
        # or province name: the matcher runs only on sentences that have one.
        self.title_triggers = frozenset(HEAD_NOUNS) | {"old"}
        self.lettered_triggers = frozenset(w for w, (_, roles) in HEAD_NOUNS.items() if "lettered" in roles)
        self.before_triggers = frozenset(w for w, (_, roles) in HEAD_NOUNS.items() if "before" in roles)
        self.lowercase_triggers = frozenset(w for w, (_, roles) in HEAD_NOUNS.items() if "lowercase" in roles)
        self.any_case_triggers = frozenset(w for w, (_, roles) in HEAD_NOUNS.items()
                                           if {"diplomatic", "admin", "district"} & set(roles))
        # Nouns that need more around them: a capitalised word a few words before
        # ("the <Name> gas plant"), "of" and a capitalised word after ("the town of
        # <Name>"), or an ordinal before ("the 5th arrondissement").
        self.common_triggers = frozenset(w for w, (_, roles) in HEAD_NOUNS.items() if "common" in roles)
        self.of_triggers = frozenset(OF_KINDS) | {n[:-1] + "ies" if n.endswith("y") else n + "s" for n in OF_KINDS}
        # plural venue nouns one head of several names ("the <Name> and <Name> hotels"): plural -> noun
        self.plural_heads = {(n[:-1] + "ies" if n.endswith("y") else n + "s"): n for n, (_, roles) in HEAD_NOUNS.items()
                             if "common" in roles and "suffix" in roles and n.isalpha()}
        self.numbered_triggers = frozenset(w for w, (_, roles) in HEAD_NOUNS.items()
                                           if {"numbered", "numbered_of"} & set(roles))
        self.after_comma = self.gazetteer.first_words(("country", "admin"))
        # every word that may open a sentence's check, for a quick first test
        self.triggers = self.title_triggers | self.any_case_triggers | self.common_triggers | self.of_triggers \
            | self.numbered_triggers | self.lettered_triggers | self.before_triggers | self.lowercase_triggers | {","}
        # one-word street names of other languages: "<Name>gata", "<Name>straße"
        endings = "|".join(sorted((re.escape(e) for e in STREET_SUFFIXES), key=len, reverse=True))
        self.street_word = re.compile(rf"\b[^\W\d_][^\W_]{{3,}}?(?:{endings})\b") if endings else None
        # ... and names joined to the ending by hyphens: "<Given>-<Name>-Platz", "<Name>-Straße"
        titled = "|".join(sorted((re.escape(e.capitalize()) for e in STREET_SUFFIXES), key=len, reverse=True))
        self.hyphenated_street = re.compile(rf"\b(?:[^\W\d_][^\W_]+-)+(?:{titled})\b") if titled else None
        # English words with such an ending ("brigade") are no street names: the
        # lemmatizer's word index says which words are English
        self.english_words = _english_words(self.nlp_lemmatizer)

    # -- the component -------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        _ACTIVE[0] = _DocView(doc)
        try:
            return self._find(doc)
        finally:
            _ACTIVE[0] = None

    def _find(self, doc: Doc) -> Doc:
        mentions = self._candidates(doc)
        mentions = self._filter(doc, mentions)
        mentions += _acronyms(doc, mentions)
        context = self._context(doc, mentions)
        self._facility_words = self._facility_name_words(doc, mentions)
        kept = [m for m in mentions if (self._minor_fits(doc, m, context) if m.minor else
                                        (not m.retagged or self._plausible(doc, m, context))
                                        and not self._building_taken_for_town(doc, m, mentions))]
        if len(kept) < len(mentions):
            # an organisation dropped as no place must not pull the article towards
            # its namesake's country (an armed group's one-word name can also be a town in GeoNames)
            context = self._context(doc, kept)
        mentions = kept
        for m in mentions:
            if m.city_named:
                self._city_before_head(doc, m, context)
        for m in mentions:
            self._resolve(doc, m, context)
        groups = self._group(doc, mentions)
        _parts_of_cities(groups, self.gazetteer)
        self._districts_named_after_towns(doc, groups, context)
        self._districts_of_provinces(doc, groups, context)
        self._locate(doc, groups, context)
        self._quarters_of_the_scene_city(doc, groups)
        doc._.places = self._entities(doc, groups)
        return doc

    # -- candidates ----------------------------------------------------------

    def _candidates(self, doc: Doc) -> list[PlaceMention]:
        found: list[PlaceMention] = []
        found.extend(self._rule_mentions(doc))
        # names that open places' names the rules found ("<Town> County", "<Town>
        # Airport"): a town of that name is no person
        openings = {fold(doc[m.start:k].text) for m in found if m.source == "rule" and m.kind in ("admin", "facility")
                    for k in range(m.start + 1, m.end)}
        for ent in _ents(doc):
            if ent.label_ == "NORP":
                # The model files some countries and cities as nationalities ("into <Country>",
                # "came from <City>"): a name that is exactly a country or a sizeable city, no
                # nationality word, said where places stand, is the place (guidelines section 2)
                start, end = _trim(ent)
                while start < end < len(doc) and not doc[end - 1].whitespace_ and doc[end]._.name_word:
                    end += 1  # the rest of a hyphenated town's name: "<Name>-Sainte-<Name>"
                text = doc[start:end].text
                if start < end and self._trusted_name(text) and _said_as_place(doc, start) \
                        and self.gazetteer.demonym_country(text) is None \
                        and self.gazetteer.demonym_country(text[:-1]) is None:
                    found.append(PlaceMention(start, end, "gazetteer", retagged=True))
                elif start < end and self.gazetteer.demonym_country(text) is None:
                    found.extend(self._minor_mention(doc, start, end))  # "in the <Name> department"
                continue
            if ent.label_ in self.labels or ent.label_ in MISLABELS:
                start, end = _trim(ent)
                if start >= end or any(c in MARKUP_CHARACTERS for t in doc[start:end] for c in t.text):
                    continue  # (a wiki heading's markup glued to the name: the heading names it no more)
                if end - start > 1 and doc[start].is_title and doc[start].lower_ in OPENING_WORDS \
                        and self._preposition_before_country(doc, start + 1, end):
                    start += 1  # "In <Country>" opening a heading or sentence: the model took the preposition in
                if ent.label_ in MISLABELS and end - start > 2 and doc[start].is_sent_start \
                        and doc[start].tag_ == "NNS" and doc[start + 1].lower_ == "of":
                    start += 2  # "Citizens of <Country>": a common plural the model took into a name
                while start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ in OPENING_WORDS \
                        and doc[start - 1]._.name_word and not self._preposition_before_country(doc, start, end):
                    start -= 1  # the model leaves out a capitalised word opening the name: "In <Name>"
                # ... or parts of a hyphenated name: "<Name>-i-<Name>"
                while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1]._.name_word:
                    start -= 1
                while end < len(doc) and not doc[end - 1].whitespace_ and doc[end]._.name_word:
                    end += 1
                if end < len(doc) and end - start > 1 and doc[end]._.name_word and doc[end].text[:1].isupper() \
                        and {"admin", "district"} & set(doc[end - 1]._.place_roles):
                    end -= 1  # "<Name> County District Attorney": the title's district word is no place's
                if ent.label_ in MISLABELS:
                    parts = self._listed_places(doc, start, end)
                    if parts:
                        found.extend(parts)
                        continue
                start, end = self._joined_by_and(doc, start, end)
                split = next((k for k in range(start + 1, end - 1) if doc[k].lower_ in ROUTE_WORDS
                              and doc[k].is_lower and doc[k + 1].text[:1].isupper()), None)
                if split is not None:
                    # "<Street> towards <Square>": the model ran two places together across a
                    # word of direction; each is a place of its own
                    found.append(PlaceMention(split + 1, end, "ner"))
                    end = split
                text = doc[start:end].text
                if ent.label_ in self.labels:
                    if not any(t.text[:1].isupper() for t in doc[start:end]):
                        continue  # "mosques": a common noun, no name
                    if not self.gazetteer.candidates(text) and (
                            self.gazetteer.demonym_country(text) is not None
                            or text.endswith("s") and self.gazetteer.demonym_country(text[:-1]) is not None):
                        continue  # "Chilean", "Chileans": a nationality or its people, not a place
                    if text.lower() in CALENDAR_WORDS:
                        continue
                    of = next((i for i in range(end - 2, start, -1) if doc[i].lower_ == "of"), None)
                    if of is not None and {"admin", "district"} & set(doc[of - 1]._.place_roles) \
                            and not self.gazetteer.candidates(text) \
                            and self.gazetteer.resolve(doc[of + 1:end].text, kinds=("country",)) is not None:
                        # "the Luapula Province of <Country>": the province, and the country
                        country = self.gazetteer.resolve(doc[of + 1:end].text, kinds=("country",)).entry.country
                        found.append(PlaceMention(start, of, "ner", kind=HEAD_NOUNS[doc[of - 1].lower_][0],
                                                  rule="part_of_country", country=country, kind_sure=True))
                        found.append(PlaceMention(of + 1, end, "gazetteer"))
                        continue
                    found.append(PlaceMention(start, end, "ner"))
                elif self._trusted_name(text) and (ent.label_ != "PERSON" or _said_as_place(doc, start)
                                                   or self.gazetteer.resolve(text).entry.kind != "city"
                                                   or fold(text) in openings
                                                   or end - start == 1 and self._city_of_a_million(text)):
                    # (a city of a million said alone, "<Capital> dismissed the claim": its government)
                    found.append(PlaceMention(start, end, "gazetteer", retagged=True))
                else:
                    kind = ""
                    if _after_place_preposition(doc, start) and doc[start - 1].lower_ != "of" \
                            and not self.gazetteer.candidates(text):
                        # "in <Name>, a village at ...": the apposition says it is a place, whatever
                        # the model's label
                        kind = _appositive_kind(doc, PlaceMention(start, end, "ner"))
                    if kind in ("city", "district", "admin"):
                        found.append(PlaceMention(start, end, "rule", kind=kind, rule="appositive", kind_sure=True))
                    else:
                        # "near <Town>" the model calls a person or an organisation
                        found.extend(self._minor_mention(doc, start, end))
        found.extend(self._location_parts(doc, found))
        found.extend(self._scan(doc, found))
        found.extend(self._names_at_place_positions(doc, found))
        # ... and at a sentence start, when the article names the place with it elsewhere
        keys = {fold(m.span(doc).text) for m in found}
        for m in found:
            if m.start > 0 and doc[m.start - 1].is_title and doc[m.start - 1].lower_ in OPENING_WORDS \
                    and fold(doc[m.start - 1:m.end].text) in keys:
                m.start -= 1
        kept = _longest_first(found)
        # "the <City> suburb of <Name>" names the city too, whatever the model's label
        spans = {(m.start, m.end) for m in kept}  # (another rule may have matched the same words)
        named_with = [m.named_with for m in found if m.named_with is not None and (m.start, m.end) in spans]
        if named_with:
            by_token = {i: m for m in kept for i in range(m.start, m.end)}
            for city in named_with:
                other = by_token.get(city.start)
                if other is None or other.retagged or city.entry is not None and \
                        (other.start, other.end) == (city.start, city.end) and other.source != "rule":
                    kept = [m for m in kept if m is not other] + [city]
            kept.sort(key=lambda m: m.start)
        return kept + [city for m in kept for city in _qualifying_city(doc, m)]

    def _names_at_place_positions(self, doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
        """A proper name no gazetteer knows, said right after a preposition of
        position ("in <Name>", "near <Name>", "outside <Name>"), or further on in a
        list that opens there ("in <Town>, <Name> and <Name>"), is a place
        (guidelines section 2: villages, quarters and venues below any
        gazetteer's cut-off), unless the words say otherwise (``_unplaced_name``)."""
        by_start = {m.start: m for m in found}
        taken = {i for m in found for i in range(m.start, m.end)}
        ents = {i: e for e in _ents(doc) for i in range(e.start, e.end)}
        out = []
        view = _view(doc)
        texts, lowers = view.texts, view.lowers
        for i in range(len(texts) - 1):
            if lowers[i] not in POSITION_PREPOSITIONS or not texts[i + 1][:1].isupper() or i in taken:
                continue
            start, last = i + 1, False
            while True:
                if start in by_start:  # a place already found: the list may go on
                    end = by_start[start].end
                else:
                    end = self._name_end(doc, start)
                    if end == start or any(k in taken for k in range(start, end)) \
                            or self._unplaced_name(doc, doc[start:end], ents):
                        break
                    out.append(PlaceMention(start, end, "ner", rule="place_position"))
                if last:  # the name after "and" ends the list
                    break
                # ", <Name>", " and <Name>", ", and <Name>": the next name of the list
                k = end
                if k < len(doc) and texts[k] == ",":
                    k += 1
                last = k < len(doc) and lowers[k] == "and"
                if last:
                    k += 1
                if k == end or k >= len(doc) or not texts[k][:1].isupper():
                    break
                start = k
        return out

    @staticmethod
    def _name_end(doc: Doc, start: int) -> int:
        """Where a run of capitalised name words from ``start`` ends (at most four)."""
        end = start
        while end < len(doc) and end - start < 5 and doc[end]._.name_word \
                and (doc[end].text[:1].isupper() or doc[end].text in ("-", "\u2013") or _inner_particle(doc[end])) \
                and not (end > start and doc[end].is_sent_start):
            end += 1
        while end > start and not doc[end - 1].text[:1].isupper():
            end -= 1
        return start if end - start > 4 else end

    def _unplaced_name(self, doc: Doc, name: Span, ents: dict[int, Span]) -> bool:
        """Whether words at a place's position are no place's name all the same: a
        nationality or a date to the model, part of a longer name, an acronym, a
        dictionary word ("in Parliament"), a feast or month, a possessive, a
        person's name (by particle, given name, or surname of one named in full),
        the modifier of a common noun ("in <Brand> posts"), or a name that acts
        elsewhere in prose ("<Firm> said ...": an organisation)."""
        start, end = name.start, name.end
        labels = {ents[k].label_ for k in range(start, end) if k in ents}
        if labels - {"ORG", "PERSON"} or any(ents[k].start < start or ents[k].end > end
                                              for k in range(start, end) if k in ents):
            return True
        return len(name) == 1 and (name[0].is_upper or name[0].lower_ in self.english_words or len(name.text) < 3) \
            or name[0].lower_ in self.english_words and name[0].lower_ not in NAME_OPENING_WORDS \
            and name[0].lower_ not in COMPASS_WORDS \
            or name.text.lower() in CALENDAR_WORDS \
            or self.gazetteer.demonym_country(name.text) is not None \
            or end < len(doc) and doc[end].text in POSSESSIVE_MARKS \
            or _person_particle_follows(doc, end) \
            or self._person_by_given_name(doc, name) \
            or _surname_of_a_person(doc, name) \
            or end < len(doc) and doc[end].is_lower and doc[end].pos_ == "NOUN" and doc[end].lower_ not in HEAD_NOUNS \
            or _acts_unplaced(doc, name)

    def _preposition_before_country(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the capitalised word before a name is a preposition opening the
        sentence or a heading ("In <Country>"), not the first word of a place's own
        name ("In <Name>", an oasis town): the name alone is a country or region
        and the two words together name nothing the gazetteer knows."""
        top = self.gazetteer.resolve(doc[start:end].text)
        if top is None or not top.primary or top.entry.kind not in ("country", "region"):
            return False
        return not self.gazetteer.candidates(doc[start - 1:end].text) \
            and not self.gazetteer.minor_candidates(doc[start - 1:end].text)

    def _minor_mention(self, doc: Doc, start: int, end: int, in_list: bool = False) -> list[PlaceMention]:
        """A minor place said where places stand (``_minor_cue``), with the noun of
        its division when one follows; kept after the article's countries are
        known (``_minor_fits``)."""
        cue = self._minor_cue(doc, start, end, in_list)
        if cue == "division":
            return [PlaceMention(start, end + 1, "gazetteer", retagged=True, minor=True, kind="admin")]
        return [PlaceMention(start, end, "gazetteer", retagged=True, minor=True)] if cue else []

    def _minor_cue(self, doc: Doc, start: int, end: int, in_list: bool = False) -> str:
        """Whether words that are no main gazetteer name but a minor place's (a lower
        subdivision, a small town) stand where places stand (guidelines section 2):
        after a preposition of place ("near <Town>", "came from nearby <Town>"),
        before ", <Province or Country>", after a town in a list (``in_list``:
        "<City>, <Name> and <Name>"), or before the lowercase noun of its ISO
        division ("the <Name> department"): "place" or "division"; "" when not, or
        when the words are a person's ("<Name> ben <Name>", "by <Name>")."""
        text = doc[start:end].text
        minor = self.gazetteer.minor_candidates(text)
        if not minor or text.lower() in CALENDAR_WORDS or self.gazetteer.candidates(text) \
                or _person_particle_follows(doc, end) or _person_by_context(doc, start, end):
            return ""
        if end < len(doc) and doc[end].is_lower \
                and any(e.kind == "admin" and e.division.lower().split()[-1] == doc[end].lower_ for e in minor):
            return "division"
        if start > 0 and doc[start - 1].lower_ in MINOR_PREPOSITIONS or in_list:
            return "place"
        outer = self._outer_country(doc, end)
        if outer and any(e.country == outer for e in minor):
            return "place"
        if _appositive_kind(doc, PlaceMention(start, end, "gazetteer")) in ("city", "district", "admin"):
            return "place"  # "<Town>, a town in the north"
        return ""

    def _outer_country(self, doc: Doc, end: int) -> str:
        """The country of the country or province said right after a name, that
        holds it: "<Town>, <Country>", "<Town> in <Province>", "<Town> in
        eastern <Country>"; "" when none."""
        if end + 1 >= len(doc) or doc[end].text not in (",", "in"):
            return ""
        start = end + 1
        while start < len(doc) - 1 and (doc[start].lower_ == "the" or doc[start].lower_ in COMPASS_WORDS
                                        and doc[start].is_lower) and doc[end].text == "in":
            start += 1  # "in the east of" is no name: only "in (the) eastern <Country>"
        after = start
        while after < min(len(doc), start + 4) and doc[after]._.name_word and doc[after].text[:1].isupper():
            after += 1
        if after == start:
            return ""
        outer = self.gazetteer.resolve(doc[start:after].text, kinds=("country", "admin"))
        return outer.entry.country if outer is not None and outer.primary else ""

    def _facility_name_words(self, doc: Doc, mentions: list[PlaceMention]) -> set[str]:
        """The words of facilities' names before their head noun ("<City> <Name>" of
        "<City> <Name> Airport", and each part): a minor place of such a name is the
        facility said short, not a town of the name."""
        out = set()
        for m in mentions:
            if m.kind == "facility" or m.source == "ner" and doc[m.start].ent_type_ == "FAC":
                end = m.end - 1 if m.end - m.start > 1 else m.end
                out.update(fold(doc[a:b].text) for a in range(m.start, end) for b in range(a + 1, min(end, a + 3) + 1))
        return out

    def _minor_fits(self, doc: Doc, m: PlaceMention, context: dict[str, float]) -> bool:
        """A minor place is kept when it lies in a country the article names (or, for
        "<Name> department", the one country with such a division of that name)."""
        name = doc[m.start:m.end - 1] if m.kind == "admin" else m.span(doc)
        found = self.gazetteer.resolve_minor(name.text, context, kinds=("admin",) if m.kind == "admin" else None)
        if found is None and m.kind == "admin":
            head = doc[m.end - 1].lower_
            fitting = {e.country: e for e in self.gazetteer.minor_candidates(name.text)
                       if e.kind == "admin" and e.division.lower().split()[-1] == head}
            found = Candidate(next(iter(fitting.values())), True) if len(fitting) == 1 else None
        if found is None:
            return False
        if fold(name.text) in self._facility_words:
            return False  # "left <Name>" after "<City> <Name> Airport": the airport's short form
        if m.kind != "admin" and self._said_after_given_name(doc, name):
            return False  # "the singer Ana <Name>" elsewhere: a surname, whatever the model says
        division = m.end - m.start > len(name)
        m.entry, m.kind, m.country, m.kind_sure = found.entry, found.entry.kind, found.entry.country, division
        if division:
            m.short_forms = (name.text,)  # "<Name> department" is also <Name>
        return True

    def _districts_named_after_towns(self, doc: Doc, groups: list[PlaceGroup], context: dict[str, float]) -> None:
        """ "<Town> District" ("the <Town> district") named after a town of the article's
        country that is no part of a bigger city the article names is the administrative district
        round that town, a province-like unit (guidelines section 2: admin), not an
        area inside a city ("the <Name> district of <City>" stays one)."""
        located = [g for g in groups if g.kind == "city" and g.entry is not None and g.entry.latitude is not None]
        cities = [g.entry for g in located]
        main_city = max(located, key=lambda g: len(g.mentions), default=None)  # the one the article names most
        for g in groups:
            if g.kind != "district" or g.entry is not None:
                continue
            m = next((m for m in g.mentions if m.rule == "district_head" and m.end - m.start > 1
                      and doc[m.end - 1].lower_ == "district"), None)
            if m is None or m.end < len(doc) and doc[m.end].lower_ == "of":
                continue
            name = doc[m.start:m.end - 1].text
            town = self.gazetteer.resolve(name, context, kinds=("city",)) \
                or self.gazetteer.resolve_minor(name, context, kinds=("city",))
            if town is None or not town.primary or context.get(town.entry.country, 0.0) <= 0 \
                    or town.entry.latitude is None:
                continue
            if any(big.country == town.entry.country and big.population >= PART_OF_CITY_RATIO * max(
                    town.entry.population, 1) and _km(town.entry, big) <= _city_radius(big) for big in cities):
                continue  # a part of that city
            outer = self.gazetteer.resolve(doc[m.end + 1].text, context, kinds=("city",)) \
                if m.end + 1 < len(doc) and doc[m.end].lower_ in ("in", ",") else None
            if outer is not None and outer.entry.population >= PART_OF_CITY_RATIO * max(town.entry.population, 1):
                continue  # "<Name> District in <City>": a part of that city
            if doc[m.end - 1].is_lower and not (
                    main_city is not None and town.entry.country == main_city.entry.country
                    and _km(town.entry, main_city.entry) <= NEAR_MAIN_CITY_KM):
                # the lowercase noun is as often a city's quarter named like some town
                # elsewhere: the town must lie near the city the article names most
                continue
            g.kind, g.country = "admin", town.entry.country

    def _districts_of_provinces(self, doc: Doc, groups: list[PlaceGroup], context: dict[str, float]) -> None:
        """"<Name> district" is an area inside a city or an administrative division of
        a province (guidelines section 2: district vs admin); the text says which by
        the place it belongs to: "<Province>'s <Name> district", "the <Name> district
        of <Province>", "<Name> District, <Province>" (a province or country: admin;
        a city: it stays a district). A "Federal District" is a division of a state."""
        kinds = {}
        for g in groups:
            for m in g.mentions:
                kinds.setdefault(fold(m.span(doc).text), g.kind)

        def kind_at(start: int, end: int) -> str:
            text = doc[start:end].text
            if fold(text) in kinds:
                return kinds[fold(text)]
            found = self.gazetteer.resolve(text, context)
            return found.entry.kind if found is not None and found.primary else ""

        def name_after(i: int) -> tuple[int, int]:
            if i < len(doc) and doc[i].lower_ == "the":
                i += 1
            end = i
            while end < len(doc) and end - i < 5 and (doc[end]._.name_word and doc[end].text[:1].isupper()
                                                       or doc[end].lower_ == "and" and end > i):
                end += 1
            while end > i and not doc[end - 1].text[:1].isupper():
                end -= 1
            return i, end

        for g in groups:
            if g.kind != "district" or g.entry is not None:
                continue
            owner = ""
            for m in g.mentions:
                if m.source != "rule" or m.end - m.start < 2 or doc[m.end - 1].lower_ != "district":
                    continue
                if doc[m.end - 2].lower_ == "federal":
                    owner = "admin"
                    break
                if m.end < len(doc) and doc[m.end].lower_ in ("of", ","):
                    start, end = name_after(m.end + 1)
                    if end > start:
                        owner = kind_at(start, end)
                if not owner and m.start >= 2 and doc[m.start - 1].text in ("'s", "’s"):
                    end = m.start - 1
                    start = end
                    while start > 0 and end - start < 4 and doc[start - 1]._.name_word \
                            and doc[start - 1].text[:1].isupper():
                        start -= 1
                    if end > start:
                        owner = kind_at(start, end)
                if owner:
                    break
            if owner in ("admin", "country"):
                g.kind = "admin"

    def _said_after_given_name(self, doc: Doc, name: Span) -> bool:
        """Whether the article writes the name after a capitalised word that is no
        place, compass word, head noun or nationality ("Ana <Name>", "Omar <Name>"),
        as a person's surname (document-level consistency, guidelines section 2)."""
        view = _view(doc)
        texts, first = view.texts, name[0].text
        for k in range(1, len(texts)):
            if texts[k] != first or doc[k:k + len(name)].text != name.text:
                continue
            before = doc[k - 1]
            lower = before.lower_
            if before.is_alpha and before.text[:1].isupper() and not before.is_upper and not before.is_sent_start \
                    and lower not in FUNCTION_WORDS and lower not in COMPASS_WORDS and lower not in HEAD_NOUNS \
                    and lower not in METROPOLITAN_WORDS and lower not in SAINT_WORDS and lower not in APPOSITIVE_KINDS \
                    and before.ent_type_ not in PLACE_LABELS and before.ent_type_ != "NORP" \
                    and self.gazetteer.demonym_country(before.text) is None and not self.gazetteer.candidates(before.text):
                return True
        return False

    def _location_parts(self, doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
        """The parts of the infobox's location ("<Venue>, <District>, <City>,
        <Country>": innermost first) that no other source found: a gazetteer place,
        a minor place of a country the article names, or an unknown name right
        before a city of the gazetteer, a district of it (guidelines section 2)."""
        article = doc._.article
        if article is None:
            return []
        taken = {k for m in found for k in range(m.start, m.end)}
        out = []
        for entry in article.layout.infobox:
            if entry.key.strip().lower() not in LOCATION_KEYS:
                continue
            parts = []
            offset = entry.start_char
            for piece in entry.value.split(","):
                lead = len(piece) - len(piece.lstrip())
                span = doc.char_span(offset + lead, offset + len(piece.rstrip()))
                offset += len(piece) + 1
                parts.append(span)
            for k, span in enumerate(parts):
                if span is None or not len(span) or len(span) > 4 or any(t.i in taken for t in span) \
                        or not all(t._.name_word or t.text == "-" for t in span) \
                        or not span[0].text[:1].isupper() or span.text.lower() in CALENDAR_WORDS:
                    continue
                if self.gazetteer.candidates(span.text):
                    out.append(PlaceMention(span.start, span.end, "gazetteer"))
                elif self.gazetteer.minor_candidates(span.text):
                    out.append(PlaceMention(span.start, span.end, "gazetteer", retagged=True, minor=True))
                elif k + 1 < len(parts) and parts[k + 1] is not None \
                        and not any(t.lower_ in HEAD_NOUNS for t in span):
                    city = self.gazetteer.resolve(parts[k + 1].text, kinds=("city",))
                    if city is not None and city.primary:
                        out.append(PlaceMention(span.start, span.end, "rule", kind="district", rule="location_part",
                                                country=city.entry.country, kind_sure=True))
        return out

    def _joined_by_and(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """The whole of a country's or province's name with "and" in it, of which the
        model tagged one half ("<Name> and <Name>": ISO writes such names whole)."""
        def known(a: int, b: int) -> bool:
            return any(c.primary and c.entry.kind in ("country", "admin")
                       for c in self.gazetteer.candidates(doc[a:b].text))
        if start >= 2 and doc[start - 1].lower_ == "and":
            for k in range(start - 2, max(start - 5, -1), -1):
                if not (doc[k]._.name_word and doc[k].text[:1].isupper()):
                    break
                if known(k, end):
                    return k, end
        if end + 1 < len(doc) and doc[end].lower_ == "and":
            last = end + 1
            while last < min(end + 4, len(doc)) and doc[last]._.name_word and doc[last].text[:1].isupper():
                last += 1
            for k in range(last, end + 1, -1):  # the longest name first
                if known(start, k):
                    return start, k
        return start, end

    def _rule_mentions(self, doc: Doc) -> list[PlaceMention]:
        out = self._rule_matches(doc) + self._street_words(doc) + self._known_as(doc) + self._shared_heads(doc) \
            + _numbered_venues(doc)
        return out + self._venues_on_streets(doc, out) + self._divisions_of(doc, out)

    def _divisions_of(self, doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
        """ "the <Name> district of <Province>": the province or country a division is
        said to lie in is a place too, though the model may not tag it."""
        out = []
        taken = {i for m in found for i in range(m.start, m.end)}
        for m in found:
            if m.kind not in ("admin", "district") or m.source != "rule" or not doc[m.end - 1].is_lower:
                continue
            if m.end + 1 >= len(doc) or doc[m.end].lower_ != "of" or m.end + 1 in taken:
                continue
            end = m.end + 1
            while end < len(doc) and end - m.end <= 4 and doc[end]._.name_word and doc[end].text[:1].isupper():
                end += 1
            known = self.gazetteer.resolve(doc[m.end + 1:end].text) if end > m.end + 1 else None
            if known is not None and known.primary and known.entry.kind in ("admin", "country"):
                out.append(PlaceMention(m.end + 1, end, "gazetteer"))
        return out

    def _shared_heads(self, doc: Doc) -> list[PlaceMention]:
        """ "the <Name> and <Name> hotels", "the <Name>, <Name> and <Name> stadiums", "between
        <Name> and <Name> stations": names
        coordinated before one plural head noun are as many venues of the head's kind, each
        named by its own words (guidelines section 2: one entry per named place). Not when a
        name is a place or nationality of its own ("the <City> and <City> airports" name the
        cities; the model's entities say so), a date or a number."""
        lowers = _view(doc).lowers
        out: list[PlaceMention] = []
        if self.plural_heads.keys().isdisjoint(lowers):
            return out
        for i in range(2, len(doc)):
            if lowers[i] not in self.plural_heads or lowers[i - 1] in JOINING_WORDS:
                continue
            names, end, joined = [], i, False
            while True:
                start = end
                while start > 0 and doc[start - 1]._.name_word and doc[start - 1].lower_ not in JOINING_WORDS:
                    start -= 1
                if start == end or not doc[start].text[:1].isupper():
                    return_names = False
                    break
                names.append((start, end))
                if start >= 2 and lowers[start - 1] in ("and", "&") and not joined:
                    joined, end = True, start - 1
                elif start >= 2 and lowers[start - 1] == "," and joined:  # (read backwards: "A, B and C")
                    end = start - 1
                else:
                    return_names = joined
                    break
            if not return_names or len(names) < 2 or doc[names[-1][0] - 1].lower_ not in SHARED_HEAD_OPENERS:
                continue
            kind = HEAD_NOUNS[self.plural_heads[lowers[i]]][0]
            if any(any(c.primary for c in self.gazetteer.candidates(doc[a:b].text))
                   or self.gazetteer.demonym_country(doc[a:b].text) is not None
                   or any(t.ent_type_ in NOT_VENUE_NAMES for t in doc[a:b])
                   for a, b in names):
                continue
            out.extend(PlaceMention(a, b, "rule", kind=kind, rule="shared_head", kind_sure=True) for a, b in names)
        return out

    def _known_as(self, doc: Doc) -> list[PlaceMention]:
        """ "the old footpath known as <Name>", "a camp known locally as <Name>": a
        common noun of a place (a head noun or an apposition noun of a place kind)
        names the place its kind."""
        out = []
        for match in KNOWN_AS.finditer(article_text(doc)):
            noun = match.group(1).lower()
            kind = HEAD_NOUNS[noun][0] if noun in HEAD_NOUNS else APPOSITIVE_KINDS.get(noun, NOT_A_PLACE)
            if kind == NOT_A_PLACE:
                continue
            first = doc.char_span(match.start(2), match.end(2), alignment_mode="expand")
            if first is None or not first[0].text[:1].isupper() or first[0].ent_type_ in ("PERSON", "NORP", "DATE"):
                continue
            end = first.start
            while end < len(doc) and doc[end]._.name_word and doc[end].text[:1].isupper():
                end += 1
            if end > first.start:
                out.append(PlaceMention(first.start, end, "rule", kind=kind, rule="known_as", kind_sure=True))
        return out

    def _street_words(self, doc: Doc) -> list[PlaceMention]:
        """ "<Name>gata", "<Name>straße 31": a capitalised word with the ending of a
        street's name in another language (``street_suffixes.txt``), and its house
        number, is a street; not a town the gazetteer knows, a person or an
        organisation."""
        out = []
        if self.street_word is None:
            return out
        text = article_text(doc)
        for match in self.street_word.finditer(text):
            span = doc.char_span(match.start(), match.end())
            if span is None or len(span) != 1 or span[0].lower_ in self.english_words:
                continue
            start = _street_name_before(doc, span.start)
            if not match.group()[0].isupper() and start == span.start:
                continue  # a lowercase word is a street's head only after its name ("<Name>s kyrkogata")
            if span[0].ent_type_ in ("PERSON", "NORP", "DATE") and start == span.start \
                    or self.gazetteer.candidates(span.text) or _acts_elsewhere(doc, span, anywhere=True, strict=True):
                continue  # (the model often calls such a word an organisation: one that acts is one)
            span = doc[start:span.end]
            end = span.end
            if end < len(doc) and doc[end].like_num and doc[end].text.isdigit() and len(doc[end].text) <= 4:
                end += 1  # the house number: "<Name>straße 12"
            out.append(PlaceMention(span.start, end, "rule", kind="facility", rule="street_word", kind_sure=True))
        taken = {i for m in out for i in range(m.start, m.end)}
        for match in self.hyphenated_street.finditer(text) if self.hyphenated_street is not None else ():
            span = doc.char_span(match.start(), match.end())
            if span is None or not match.group()[0].isupper() or any(i in taken for i in range(span.start, span.end)):
                continue
            out.append(PlaceMention(span.start, span.end, "rule", kind="facility", rule="street_word", kind_sure=True))
        # the ending written as a word of its own after the name: "<Given> <Name>s gata", "<Name>s torg"
        taken = {i for m in out for i in range(m.start, m.end)}
        for i, word in enumerate(_view(doc).texts):
            if word in STREET_SUFFIXES and i not in taken and word not in self.english_words:
                start = _street_name_before(doc, i)
                if start < i and not self.gazetteer.candidates(doc[start:i].text):
                    out.append(PlaceMention(start, i + 1, "rule", kind="facility", rule="street_word", kind_sure=True))
        return out

    def _venues_on_streets(self, doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
        """ "<Name> on <Street>": a name right before "on" and a street or square
        found by a rule is a venue on it ("the terrace of <Name> on Rue <Name>"),
        unless it is a person's, a known place, or an organisation that acts."""
        out = []
        taken = {i for m in found for i in range(m.start, m.end)}
        for street in found:
            head = _head_of(street.span(doc), street.rule) if street.kind == "facility" else None
            if head is None or "street" not in HEAD_NOUNS[head.lower_][1]:
                continue
            on = street.start - 1
            if on < 2 or doc[on].lower_ != "on" or on - 1 in taken:
                continue
            start = on
            while start > 0 and doc[start - 1]._.name_word and (start - 1) not in taken:
                start -= 1
            if start == on or not doc[start].text[:1].isupper() or not doc[on - 1].text[:1].isupper():
                continue
            name = doc[start:on]
            if doc[on - 1].lower_ in EVENT_NOUNS:
                continue  # "the <City> Marathon on <Street>": an event held there, no venue
            if any(e.label_ in ("NORP", "DATE", "TIME") and e.start < on and e.end > start
                   or e.label_ == "PERSON" and (_trim(e)) == (start, on) for e in _ents(doc)):
                continue  # a person's name (not one the model only half took for one)
            known = self.gazetteer.resolve(name.text)
            if len(name) == 1 and name[0].is_sent_start or known is not None and known.entry.kind != "city" \
                    or self.gazetteer.demonym_country(name.text) is not None or _acts_elsewhere(doc, name):
                continue
            venue = PlaceMention(start, on, "rule", kind="facility", rule="on_street", kind_sure=True)
            venue.name_end, venue.city_named = on, known is not None and known.primary
            out.append(venue)
        return out

    def _rule_matches(self, doc: Doc) -> list[PlaceMention]:
        out = []
        listed: set[int] = set()
        for match_id, start, end in self._matches(doc):
            rule = doc.vocab.strings[match_id]
            if rule in ("numbered_area", "numbered_areas"):
                out.extend(self._numbered_areas(doc, start, end))
                continue
            if rule == "kind_of" and doc[start].text not in OF_KINDS:
                if start not in listed:  # "the counties of A, B and C": each one
                    listed.add(start)
                    out.extend(self._kind_of_list(doc, start))
                continue
            if rule == "kind_such_as":
                if start not in listed and doc[start].text not in OF_KINDS:
                    # "neighbourhoods such as A and B", "towns including A, B and C": places
                    # of the noun's kind, like "the towns of A and B"
                    listed.add(start)
                    first = start + 2 + (start + 2 < len(doc) and doc[start + 2].lower_ == "as")
                    out.extend(self._kind_of_list(doc, start, first=first))
                continue
            mention = self._validate(doc, rule, start, end)
            if mention is not None:
                mention.short_forms = _short_forms(doc, mention)
                mention.kind_sure = not mention.weak_kind
                out.append(mention)
        return out

    def _numbered_areas(self, doc: Doc, start: int, end: int) -> list[PlaceMention]:
        """ "the 5th arrondissement", "the 3rd and 4th arrondissements", "the 2nd
        district of <City>": numbered areas of a city, one place per number.
        Nouns that also number other things ("the 3rd district" of a court or an
        election) count only with "of" or "in" and a city after them."""
        head = doc[end - 1]
        kind, roles = HEAD_NOUNS[head.lower_]
        if "numbered" not in roles:
            if end + 1 >= len(doc) or doc[end].lower_ not in ("of", "in"):
                return []
            after = end + 1
            while after < len(doc) and doc[after]._.name_word:
                after += 1
            city = self.gazetteer.resolve(doc[end + 1:after].text, kinds=("city",))
            if after == end + 1 or city is None or not city.primary:
                return []
        noun = head.lower_
        if noun.endswith("s") and noun[:-1] in HEAD_NOUNS:
            noun = noun[:-1]  # one area per number: "arrondissements" -> "arrondissement"
        last = PlaceMention(end - 2, end, "rule", kind=kind, rule="numbered_area", kind_sure=True,
                            canonical=f"{doc[end - 2].text} {noun}")
        if end - start == 2:
            return [last]
        first = PlaceMention(start, start + 1, "rule", kind=kind, rule="numbered_area", kind_sure=True,
                             canonical=f"{doc[start].text} {noun}", partial=True)
        last.partial = noun != head.lower_
        return [first, last]

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matcher's matches, from the sentences that can hold one, each
        matched against the patterns whose words it has (the matcher is still
        a good part of the component's cost)."""
        title_triggers, any_case_triggers, after_comma = self.title_triggers, self.any_case_triggers, self.after_comma
        view = _view(doc)
        texts, lowers = view.texts, view.lowers
        # (the words of the Doc, read once: ``is_title`` and ``is_lower`` are the
        # lexeme's ``str.istitle`` and ``str.islower``)
        triggers = self.triggers
        found = []
        for start, end in view.sentences:
            hit = False
            for i in range(start, end):
                lower = lowers[i]
                if lower not in triggers:
                    continue
                if lower in any_case_triggers or lower in title_triggers and (texts[i].istitle() or texts[i].isupper()) \
                        or lower == "," and i + 1 < end and texts[i + 1].istitle() \
                        and fold(texts[i + 1]) in after_comma \
                        or lower in self.common_triggers \
                        and any(texts[k][:1].isupper() for k in range(max(start, i - 3), i)) \
                        or lower in self.of_triggers and i + 2 < end and (
                            lowers[i + 1] == "of" and texts[i + 2][:1].isupper()
                            or lowers[i + 1] in ("such", "including")) \
                        or lower in self.numbered_triggers and i > start and texts[i - 1][:1].isdigit() \
                        or lower in self.lettered_triggers and i > start and texts[i - 1] == "-" \
                        or lower in self.before_triggers and texts[i].islower() and i + 1 < end \
                        and texts[i + 1][:1].isupper() \
                        or lower in self.lowercase_triggers and texts[i].islower() and i + 1 < end:
                    hit = True
                    break
            if hit:
                matcher = self._matcher_for(set(lowers[start:end]), set(texts[start:end]))
                if matcher is not None:
                    found.extend((key, start + s, start + e) for key, s, e in matcher(doc[start:end]))
        return found

    def _matcher_for(self, lowers: set[str], texts: set[str]) -> Matcher | None:
        """The matcher of the patterns a sentence with these words can match (in
        the order of the rules, so that matches come in the full matcher's order)."""
        usable = tuple(k for k, required in enumerate(self.required)
                       if all(not words.isdisjoint(lowers if attr == "LOWER" else texts) for attr, words in required))
        if not usable:
            return None
        matcher = self.sub_matchers.get(usable)
        if matcher is None:
            matcher = self.sub_matchers[usable] = Matcher(self.vocab)
            for k in usable:
                matcher.add(self.patterns[k][0], [self.patterns[k][1]])
        return matcher

    def _validate(self, doc: Doc, rule: str, start: int, end: int) -> PlaceMention | None:
        """A rule match made into a mention, or None when the words do not bear it out."""
        gaz = self.gazetteer
        span = doc[start:end]
        if rule in LEFT_MAXIMAL and start > 0 and doc[start - 1]._.name_word:
            return None  # a longer name holds this one: "Northern Peace Mission"
        if rule == "city_comma_country":
            comma = next(t.i for t in span if t.text == ",")
            country = gaz.resolve(doc[comma + 1:end].text, kinds=("country", "admin"))
            town = doc[start + 1:comma]
            if country is None or country.entry.kind == "country" and comma + 1 < end - 3:
                return None
            if end < len(doc) and doc[end]._.name_word and doc[end].text[:1].isupper() \
                    and "admin" not in doc[end]._.place_roles:
                return None  # the name after the comma goes on: "in <State>, U.S. District Judge ..."
            in_it = gaz.resolve(town.text, kinds=("city",), country=country.entry.country)
            if town.text.lower() in CALENDAR_WORDS or any(
                    t.ent_type_ in ("DATE", "TIME", "NORP") or t.ent_type_ == "ORG" and in_it is None for t in town):
                return None  # (an organisation's name only when no such town lies in that country)
            own = gaz.resolve(town.text)
            if own is not None and own.entry.kind in ("country", "region"):
                return None
            listed = end + 1 < len(doc) and doc[end].lower_ in ("and", ",") and doc[end + 1].text[:1].isupper()
            if country.entry.kind != "country" and (in_it is None or listed):
                # ("in <City>, <Name> and <Name>": a list, when <Name> is a city too)
                after = gaz.resolve(doc[comma + 1:end].text)
                if after is not None and after.entry.kind == "city":
                    return None  # "from Yerevan, Sharjah and ...": a list of cities
            if own is not None and own.primary and own.entry.kind == "city" and \
                    own.entry.country != country.entry.country and own.entry.population >= NAMED_CITY \
                    and in_it is None:
                return None  # a known city elsewhere: a list, not "<town>, <country>"
            mention = PlaceMention(start + 1, comma, "rule", rule=rule, country=country.entry.country)
            mention.kind = "city"
            # the province or country after the comma is the one the rule read
            mention.named_with = PlaceMention(comma + 1, end, "rule", entry=country.entry)
            return mention
        if rule == "kind_of":
            return self._kind_of(doc, start, end)
        if rule == "noun_before_name":
            # "the lake <Name>", "the island <Name>": a place of no kind of its own,
            # unless the name goes on or the gazetteer knows it
            name = doc[start + 2:end]
            if end < len(doc) and doc[end]._.name_word and doc[end].text[:1].isupper() \
                    or not name[0].text[:1].isupper() or gaz.candidates(name.text) \
                    or any(t.ent_type_ in NOT_VENUE_NAMES for t in name):
                return None
            return PlaceMention(start + 2, end, "rule", kind="other", rule=rule)
        head = _head_of(span, rule)
        head_kind = HEAD_NOUNS[head.lower_][0] if head is not None else self.rule_kinds[rule]
        if rule in ("suffix_head", "possessive_head", "district_head") and end < len(doc) and doc[end]._.name_word \
                and doc[end].text[:1].isupper():
            return None  # the name goes on: "Sea King helicopters"
        if head is not None and "surname" in HEAD_NOUNS[head.lower_][1] and _person_by_context(doc, start, end):
            return None  # "directed by Lena Bay"
        if head is not None and "institution" in HEAD_NOUNS[head.lower_][1] and (
                _acts_elsewhere(doc, span, anywhere=True, strict=True) or _member_of(doc, start)):
            return None  # "<Name> Club beat ...", "a member of the <Name> Club": an organisation
        if head is not None and "weak" in HEAD_NOUNS[head.lower_][1] and not _street_cue(doc, span):
            return None  # "a convoy of <Name> Crescent trucks": an organisation, no street
        if rule in ("diplomatic", "diplomatic_in_city"):
            return self._diplomatic(doc, rule, start, end, head)
        if rule == "of_head_city":
            comma = max(t.i for t in span if t.text == ",")
            city = gaz.resolve(doc[comma + 1:end].text, kinds=("city", "admin"))
            if city is None:
                return None
            if "diplomatic" not in HEAD_NOUNS[head.lower_][1]:
                # "Palace of <Name>, <City>": the venue (``of_head``), and the city where it
                # is; only a mission is named with its city ("Embassy of <Country>, <City>")
                venue = PlaceMention(start, comma, "rule", kind=head_kind, rule="of_head")
                venue.named_with = PlaceMention(comma + 1, end, "rule", kind=city.entry.kind, entry=city.entry,
                                                country=city.entry.country)
                return venue
            mention = PlaceMention(start, end, "rule", kind=head_kind, rule=rule, city=city.entry)
            if "diplomatic" in HEAD_NOUNS[head.lower_][1]:
                of = next(t.i for t in span if t.lower_ == "of")
                mention.sender = self._country_of_words(doc[of + 1:comma]) or ""
            return mention
        if rule == "of_head" and "diplomatic" in HEAD_NOUNS[head.lower_][1]:
            of = next(t.i for t in span if t.lower_ == "of")
            sender = self._country_of_words(doc[of + 1:end])
            if not sender:
                return None
            return PlaceMention(start, end, "rule", kind=head_kind, rule=rule, sender=sender)
        if rule == "possessive_head":
            if "route" in HEAD_NOUNS[head.lower_][1]:
                return None  # "the <Name>'s line": a person's line of thought, no railway
            mark = next(t for t in span if t.text in POSSESSIVE_MARKS)
            if mark.text in ("'", "\u2019") and not (doc[mark.i - 1].text.endswith("s") and not doc[mark.i - 1].whitespace_):
                return None  # a bare apostrophe is a possessive only after a name in -s ("St <Name>s' Hospital")
            owner = doc[start:mark.i]
            known = gaz.resolve(owner.text)
            if owner[0].text in SAINT_WORDS and len(owner) > 1:
                pass  # "St <Name>'s Square": a saint's name, the venue's whatever the model says
            elif owner.end + 1 == head.i and (known is None or known.entry.kind == "city" and (
                    not known.primary or known.entry.population < NAMED_CITY)) \
                    and not any(e.label_ == "PERSON" and e.start <= owner.start < e.end and owner.end < e.end < end
                                for e in _ents(doc)):
                pass  # "<Name>'s Pub": the owner's name is the venue's (not a place's: "<City>'s Airport")
            elif known is not None or any(e.label_ == "PERSON" and e.start <= owner.start < e.end < end
                                          for e in _ents(doc)):
                return None  # "Lima's ... Airport": a place's or a person's, not a name
            # (a "person" the model reads up to the head noun itself is the venue: "St <Name>'s Square")
            return PlaceMention(start, end, "rule", kind=head_kind, rule=rule)
        if rule == "admin_head":
            name = doc[start:end - 1]
            if gaz.demonym_country(name.text) is not None:
                return None
            if head.lower_ != _singular(head.lower_) and len(name) == 1 and name[0].lower_ in self.english_words:
                return None  # "Rural Areas": a plural head after one common word describes, names nothing
            # "the <Name> Province of <Country>": a province of that country
            after = end + 1
            while after < len(doc) and doc[after]._.name_word and doc[after].text[:1].isupper():
                after += 1
            said = gaz.resolve(doc[end + 1:after].text, kinds=("country",)) \
                if after > end + 1 and doc[end].lower_ == "of" else None
            said_country = said.entry.country if said is not None else None
            wholes = gaz.ranked(span.text, kinds=("admin",), country=said_country)
            if wholes:  # "Free State" is the ISO name itself; which country's, the context
                # decides when several have it
                countries = {c.entry.country for c in wholes}
                return PlaceMention(start, end, "rule", kind="admin", rule=rule,
                                    country=wholes[0].entry.country if len(countries) == 1 else "")
            known = gaz.resolve(name.text, kinds=("admin", "city", "region", "country"))
            if known is not None and known.entry.kind == "country" and not head.is_lower:
                # "<Name> State" with the head capitalised names a subdivision when one of
                # the country's name exists ("<Name>" both a country and another country's
                # state): the subdivision, not the country
                namesake = gaz.resolve(name.text, kinds=("admin",))
                if namesake is not None and namesake.entry.kind == "admin" \
                        and namesake.entry.country != known.entry.country and _division_fits(head, namesake.entry):
                    return PlaceMention(start, end, "rule", kind="admin", rule=rule,
                                        country=namesake.entry.country)
            if known is not None and known.entry.kind == "country":
                return None  # "the U.S. state of ...": a country and a common noun
            if known is None and head.lower_ in AMBIGUOUS_ADMIN_HEADS and not head.is_lower:
                return None  # "Mahdist State": these capitalised heads need a known name
            mention = PlaceMention(start, end, "rule", rule=rule)
            mention.kind = "region" if known is not None and known.entry.kind == "region" else "admin"
            admins = [c for c in gaz.ranked(name.text, kinds=("admin",), country=said_country)
                      if _division_fits(head, c.entry)]
            if admins:
                # a name several countries give a province: the context decides ("Los Ríos")
                several = len({c.entry.country for c in admins}) > 1
                mention.country = "" if several else admins[0].entry.country
            elif said_country:
                mention.country = said_country
            elif known is not None and known.entry.kind != "city":
                mention.country = known.entry.country
            # (a town of the name says nothing: "<Town> County" may lie in another
            # country than GeoNames' biggest <Town>; the context decides)
            return mention
        if rule == "common_head":
            return self._common_head(doc, start, end, head)
        if rule == "admin_prefix":
            return self._admin_prefix(doc, start, end, head)
        if rule == "district_head":
            name = doc[start:end - 1]
            if gaz.demonym_country(name.text) is not None or gaz.resolve(name.text, kinds=("country",)):
                return None
            if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper():
                # "the <City> district of <Name>": the district is <Name>, unless <Name>
                # is the bigger city ("the <Part> district of <Capital>")
                city = gaz.resolve(name.text, kinds=("city",))
                after = end + 1
                while after < len(doc) and doc[after]._.name_word:
                    after += 1
                other = gaz.resolve(doc[end + 1:after].text, kinds=("city",))
                owner = any(c.entry.kind in ("admin", "country") for c in gaz.candidates(doc[end + 1:after].text))
                if city is not None and city.primary and not owner and (
                        other is None or not other.primary or other.entry.population < city.entry.population):
                    # (unless <Name> is a province or country: "the <Town> district of
                    # <Province>" is the district round that town, in that province)
                    return None
            if head.text.islower() and len(name) == 1 and name[0].is_sent_start:
                return None
            return PlaceMention(start, end, "rule", kind="district", rule=rule)
        if rule == "suffix_head" and end - start > 2 and gaz.demonym_country(doc[start].text) is not None \
                and gaz.resolve(doc[start + 1:end].text, kinds=("region",)) is not None:
            # "the <Nationality> Red Sea resort": the adjective says whose shore, the
            # name is the sea's own (guidelines 2: nationality adjectives are no places)
            start += 1
        if rule == "suffix_head" and head_kind == "facility":
            start = _name_across_and(doc, start)
        return PlaceMention(start, end, "rule", kind=head_kind, rule=rule)

    def _admin_prefix(self, doc: Doc, start: int, end: int, head: Token) -> PlaceMention | None:
        """ "County <Name>": the division <Name>, in the country where ISO has such
        a division of that name, else where the context puts it. Not when a head
        noun or a nationality closes the words ("County Hall", "County Road 5"),
        nor past the division the gazetteer knows ("County <Name> Police")."""
        name = doc[start + 1:end]
        if any(t.lower_ in HEAD_NOUNS or t.lower_ in APPOSITIVE_KINDS for t in name) \
                or self.gazetteer.demonym_country(name.text) is not None \
                or any(t.ent_type_ in NOT_VENUE_NAMES for t in name):
            return None
        if any(self.gazetteer.resolve(doc[start + 1:k].text, kinds=("admin",)) is not None for k in range(start + 2, end)):
            return None
        mention = PlaceMention(start, end, "rule", kind="admin", rule="admin_prefix")
        known = self.gazetteer.resolve(name.text, kinds=("admin",))
        if known is not None and _division_fits(head, known.entry):
            mention.entry, mention.country = known.entry, known.entry.country
        return mention

    def _kind_of_list(self, doc: Doc, start: int, first: int = 0) -> list[PlaceMention]:
        """ "the counties of A, B and C", "the towns of A and B": places of the
        noun's kind, one per name of the list (which opens at ``first`` when not
        right after "of")."""
        kind = doc[start]._.of_kind
        out = []
        containers = False  # "the suburbs of <City>, <City> and <City>": the cities that hold them
        i = first or start + 2
        while i < len(doc) and doc[i].text[:1].isupper():
            end = i
            while end < len(doc) and doc[end]._.name_word and doc[end].lower_ != "and":
                end += 1
            name = doc[i:end]
            if end == i or any(t.ent_type_ in NOT_VENUE_NAMES for t in name) \
                    or self.gazetteer.demonym_country(name.text) is not None:
                break
            known = self.gazetteer.resolve(name.text)
            if known is not None and known.primary and known.entry.kind == "admin" and kind in ("city", "district"):
                break  # "other towns of <Province>": the province holds the towns, no town itself
            if known is not None and known.primary and known.entry.kind == "city" and kind == "district" \
                    and known.entry.population >= NAMED_CITY and i == (first or start + 2):
                containers = True  # "the eastern districts of <City>": the city holds the districts
            if containers:
                if known is None or known.entry.kind != "city":
                    break
                out.append(PlaceMention(i, end, "rule", kind="city", rule="kind_of"))
            elif known is None or known.entry.kind not in ("country", "region"):
                mention = PlaceMention(i, end, "rule", kind=kind, rule="kind_of", kind_sure=True)
                mention.weak_kind = _singular(doc[start].text) in WEAK_OF_NOUNS
                mention.kind_sure = not mention.weak_kind
                out.append(mention)
            if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "and":
                end += 1  # the serial comma
            if end + 1 >= len(doc) or doc[end].lower_ not in (",", "and"):
                break
            i = end + 1
        return out

    def _kind_of(self, doc: Doc, start: int, end: int) -> PlaceMention | None:
        """ "the town of <Name>", "the <Nationality> town of <Name>", "the <City>
        district of <Name>", "the province of <Name>": <Name> is a place of the
        noun's kind, in the country the words before the noun name."""
        gaz = self.gazetteer
        noun = doc[start]
        name = doc[start + 2:end]
        if not name[0].text[:1].isupper() or end < len(doc) and doc[end]._.name_word and doc[end].text[:1].isupper():
            return None  # the name goes on, or starts with a particle
        if any(t.ent_type_ in NOT_VENUE_NAMES and t.ent_type_ != "EVENT" for t in name) \
                or gaz.demonym_country(name.text) is not None:
            return None
        kind = noun._.of_kind
        country, where = "", None
        k = start - 1
        while k > max(start - 5, -1):  # "the southern <Nationality> town of"
            word = doc[k]
            if word.lower_ in ("the", "a", "an", "its", "their", "his", "her") \
                    or not (word.is_alpha or word.text == "."):
                break
            country = gaz.demonym_country(word.text) or ""
            if country:
                break
            if word.text[:1].isupper():
                # the whole name before the noun: "the <City> commune of", "the Central <Name> city of"
                first = k
                while first - 1 > max(start - 5, -1) and doc[first - 1].text[:1].isupper() \
                        and doc[first - 1]._.name_word and not doc[first - 1].is_sent_start:
                    first -= 1
                words = doc[first:k + 1]
                place = gaz.resolve(words.text, kinds=("country", "city", "admin"))
                if place is not None and place.primary:
                    # a country says where; a city's namesakes wait for the context
                    country = place.entry.country if place.entry.kind == "country" else ""
                    where = (first, k + 1, place.entry)
                    if place.entry.kind == "city" and kind == "city":
                        kind = "district"  # "the <City> commune of <Name>": a part of that city
                elif len(words) > 1 and words[0].lower_ in COMPASS_WORDS and words[1].text[:1].isupper():
                    where = (first, k + 1, None)  # "the Central <Name> city of": a province, unknown
                break
            k -= 1
        known = gaz.resolve(name.text)
        if kind == "district" and start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1]._.name_word \
                and any(c.entry.kind == "admin" for c in gaz.candidates(name.text)):
            return None  # "the <Name> district of <Province>": the province that district belongs to
        if kind == "other" and any(c.primary and c.entry.kind in ("country", "admin") for c in gaz.candidates(name.text)):
            return None  # "the island of <Province>": the province, which the gazetteer gives
        if known is not None and known.primary and (
                known.entry.kind in ("country", "region")
                or kind == "district" and known.entry.kind == "city"
                and not name[0].is_sent_start and known.entry.population >= NAMED_CITY
                and (where is None or where[2] is None or where[2].population < known.entry.population)):
            # "the region of <Country>", "the (<Part>) district of <City>": a part of a named place
            return None
        mention = PlaceMention(start + 2, end, "rule", kind=kind, rule="kind_of", country=country)
        mention.weak_kind = noun.text in WEAK_OF_NOUNS and kind == noun._.of_kind
        if where is not None:  # the place named before the noun is named too: "the <City> suburb of"
            mention.named_with = PlaceMention(where[0], where[1], "gazetteer", rule="named_before")
        return mention

    def _common_head(self, doc: Doc, start: int, end: int, head: Token) -> PlaceMention | None:
        """ "the <Name> theatre", "the <Name> gas facility", "<Name> station": a
        name with a lowercase head noun is a venue, unless the name is already a
        place ("the <City> airport" names the city), a nationality, a date or a
        number, a common word opening the sentence, or an organisation that acts
        elsewhere in the article ("<Firm> said ...": "the <Firm> plant" is
        theirs, not a name)."""
        if "premises" in HEAD_NOUNS.get(head.lower_, ("", ()))[1] and start >= 2 and doc[start - 1].lower_ == "of":
            # "the <Ministry> of <Name> building": the organisation's whole name, which the
            # model gives, owns the building
            owner = next((e for e in _ents(doc) if e.label_ in ("ORG", "FAC") and e.start < start - 1 < e.end - 1
                          and e.end <= head.i), None)
            if owner is not None:
                start = _trim(owner)[0]
        name_end = start
        while name_end < end and doc[name_end]._.name_word and not doc[name_end].is_lower:
            name_end += 1
        while name_end < end and doc[name_end]._.name_word and doc[name_end].text in NAME_PARTICLES \
                and name_end + 1 < end and doc[name_end + 1].text[:1].isupper():
            name_end += 1  # "Quinta do Lago"
            while name_end < end and doc[name_end]._.name_word and not doc[name_end].is_lower:
                name_end += 1
        if name_end == start or not doc[name_end - 1].text[:1].isupper() and doc[name_end - 1].text not in ("-",):
            return None
        name = doc[start:name_end]
        if any(t.ent_type_ in NOT_VENUE_NAMES for t in name) or name.text.lower() in CALENDAR_WORDS:
            return None
        if any("route" in t._.place_roles for t in doc[name_end:head.i]):
            return None  # "the <Name> line tunnel": the first head noun closes the venue's name
        if any(t.pos_ in ("VERB", "AUX") or t.tag_ in ("VBD", "VBZ", "VBP") for t in doc[name_end:head.i]):
            return None  # the modifiers of a lowercase head are nouns or adjectives: "<Group> began building"
        if self.gazetteer.demonym_country(name.text) is not None:
            return None
        roles = HEAD_NOUNS[head.lower_][1]
        own_name = "own_name" in roles  # "<Town> station": the station, named after the town
        known = self.gazetteer.resolve(name.text)
        if known is not None and known.primary and known.entry.kind != "city" and not own_name:
            return None  # "the Peru embassy", "the Kivu mine": the place, with a common noun
        if len(name) == 1 and name[0].is_sent_start and name[0].pos_ != "PROPN" \
                and not (known is not None and known.primary):
            return None  # "Police station ..." opening a sentence (a town's name is a name there too)
        k = start - 1
        while k > 0 and start - k <= 2 and doc[k].is_lower and doc[k].pos_ == "ADJ":
            k -= 1
        if k >= 0 and doc[k].lower_ in ("a", "an") and not ("route" in roles and head.dep_ == "compound"):
            # ("a <Name> line train": the article is the train's; the line is named)
            # "a <Brand> hotel", "a former <Organisation> airfield": one of many, no
            # name; the words stand for no place of their own either, unless they are a
            # sizeable city's name: "a <City> school" names the city
            if known is not None and known.primary and known.entry.kind == "city" \
                    and known.entry.population >= NAMED_CITY and not own_name:
                return None
            return PlaceMention(start, end, "rule", rule="common_head", void=True)
        if "premises" not in roles and _acts_elsewhere(doc, name, strict=own_name):
            # (a station or line named after a place only acts when it does more than stand;
            # an organisation that acts still has its "<Org> headquarters")
            return None
        if "network" in roles and head.i + 1 < len(doc) and "common" in HEAD_NOUNS.get(
                doc[head.i + 1].lower_.strip("".join(MARKUP_CHARACTERS)), ("", ()))[1]:
            return None  # "<Name> metro station": the station, whose head comes next
        modified = "modified" in roles
        if modified and name_end == head.i:
            return None  # "the <Name> base": the noun needs its modifier ("air base")
        mention = PlaceMention(start, end, "rule", kind=HEAD_NOUNS[head.lower_][0], rule="common_head")
        mention.name_end = name_end
        # "the <City> airport" may name the city; "<Town> air base" is the base
        mention.city_named = known is not None and known.primary and not modified and not own_name
        return mention

    def _diplomatic(self, doc: Doc, rule: str, start: int, end: int, head: Token) -> PlaceMention | None:
        """ "the Portuguese embassy", "the Italian embassy", "the Lima embassy",
        "Portuguese Embassy in Lima": who sends it, and where it is."""
        gaz = self.gazetteer
        city = None
        if rule == "diplomatic_in_city":
            resolved = gaz.resolve(doc[head.i + 2:end].text, kinds=("city",))
            if resolved is None:
                return None
            city = resolved.entry
        name = doc[start:head.i]
        # The sender or city opens the name; at most two capitalised words may
        # follow it ("the Portuguese Trade Mission").
        for cut in range(len(name), 0, -1):
            if len(name) - cut > 2:
                break
            words = name[:cut]
            sender = self._country_of_words(words)
            if sender:
                return PlaceMention(start, end, "rule", kind="facility", rule=rule, sender=sender, city=city)
            at = gaz.resolve(words.text, kinds=("city",))
            if at is not None and at.primary and city is None and len(name) == cut:
                return PlaceMention(start, end, "rule", kind="facility", rule=rule, city=at.entry)
        return None

    def _country_of_words(self, words: Span) -> str | None:
        """The country a name or nationality stands for: "U.S.", "American"."""
        code = self.gazetteer.demonym_country(words.text)
        if code:
            return code
        found = self.gazetteer.resolve(words.text, kinds=("country",))
        return found.entry.country if found is not None else None

    def _plausible(self, doc: Doc, m: PlaceMention, context: dict[str, float]) -> bool:
        """An organisation or person the gazetteer calls a province or city is that
        place only in a country the article otherwise names ("Aurora" the
        company is no Philippine province in an article about Ohio)."""
        found = self.gazetteer.resolve(m.span(doc).text, context)
        if found is None:
            return False
        entry = found.entry
        if entry.kind in ("country", "region") or context.get(entry.country, 0.0) > WEIGHT_LOCAL:
            return True
        # A big city that stands out among its namesakes, said where places are:
        # "a man from <City>", "the districts of <City>".
        return entry.kind == "city" and entry.population >= NAMED_CITY and m.start > 0 \
            and doc[m.start - 1].lower_ in LOCATIVE | {"from", "into", "across", "through"} \
            and self._clear_winner(m.span(doc).text) is not None

    def _building_taken_for_town(self, doc: Doc, m: PlaceMention, mentions: list[PlaceMention]) -> bool:
        """A one-word name the model calls a facility that is only a town in a
        country the article otherwise never names ("<Word> services resumed" where
        GeoNames has a town <Word> abroad): neither the town nor a building."""
        if m.source != "ner" or m.end - m.start != 1 or doc[m.start].ent_type_ != "FAC":
            return False
        text = m.span(doc).text
        if not self.gazetteer.candidates(text):
            return False
        others = self._context(doc, [x for x in mentions if fold(x.span(doc).text) != fold(text)])
        found = self.gazetteer.resolve(text, others)
        return found is not None and found.entry.kind == "city" and others.get(found.entry.country, 0.0) == 0

    def _city_before_head(self, doc: Doc, m: PlaceMention, context: dict[str, float]) -> None:
        """ "the <City> airport" names the city, when the article is about its
        country or the city is far bigger than its namesakes; a small namesake
        elsewhere leaves the venue's name alone ("the <Name> restaurant")."""
        name = doc[m.start:m.name_end].text
        found = self.gazetteer.resolve(name, context, kinds=("city",))
        if found is None:
            return
        if context.get(found.entry.country, 0.0) > 0 or self._clear_winner(name) is not None \
                and found.entry.population >= NAMED_CITY:
            m.end, m.rule, m.kind, m.kind_sure, m.short_forms = m.name_end, "", "", False, ()
            m.source = "gazetteer"

    def _listed_places(self, doc: Doc, start: int, end: int) -> list[PlaceMention]:
        """The places of a list the model took as one organisation or person
        ("<City>, <City>", "<Town> and <Town>"): each part that is a country,
        province, region or sizeable city, in a country the article names
        (``_plausible``); none when any part has a lowercase word or is no name
        the gazetteer knows (guidelines section 2: one mention per place)."""
        parts, part_start = [], start
        for k in range(start, end + 1):
            if k == end or doc[k].text == "," or doc[k].lower_ == "and":
                if k > part_start:
                    parts.append((part_start, k))
                part_start = k + 1
        if len(parts) < 2 or any(not doc[k].text[:1].isupper() for a, b in parts for k in range(a, b)) \
                or not all(self.gazetteer.candidates(doc[a:b].text) for a, b in parts):
            return []  # (a part no gazetteer knows: "<Agency> and <Town>" is no list of places)
        return [PlaceMention(a, b, "gazetteer", retagged=True) for a, b in parts
                if self._trusted_name(doc[a:b].text)]

    def _trusted_name(self, text: str) -> bool:
        """Whether an ORG or PERSON entity is a place after all: exactly a country,
        province, region or sizeable city name."""
        found = self.gazetteer.resolve(text)
        if found is None:
            return False
        entry = found.entry
        if entry.kind == "city":
            return entry.population >= (TRUSTED_CITY if found.primary else TRUSTED_CITY_ALTERNATE)
        return entry.kind in ("country", "region", "admin") and found.primary

    def _settlement(self, text: str) -> bool:
        """Whether a name is exactly a town, province or country of the gazetteer
        (whatever label the model gave it: "from <Town> and <Town>")."""
        found = self.gazetteer.resolve(text)
        return found is not None and found.primary and found.entry.kind in ("city", "admin", "country")

    def _city_of_a_million(self, text: str) -> bool:
        found = self.gazetteer.resolve(text)
        return found is not None and found.primary and found.entry.kind == "city" \
            and found.entry.population >= BIG_CITY

    def _scan(self, doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
        """Country, region and big city names outside any entity, further
        occurrences of names already found as places, and "the <first word>" of a
        facility's name ("the Meridian" after "the Meridian Grand hotel")."""
        covered = set()
        for ent in _ents(doc):  # inside a title or a slogan a country is still named
            if ent.label_ in NAME_LABELS:
                # "<Name> Place in <City>" as one organisation: the model glued on where it is
                cut = next((t.i for t in ent[1:-1] if t.lower_ in ("in", "at") and ent.label_ == "ORG"), ent.end)
                covered.update(range(ent.start, cut))
        for m in found:
            covered.update(range(m.start, m.end))
        known = {fold(doc[m.start:m.end].text) for m in found}
        # where a town or country ends: a name after it in a list is a place too
        place_ends = {m.end for m in found if m.source == "gazetteer" and not m.opening
                      or m.source == "ner" and (doc[m.start].ent_type_ == "GPE" or self._settlement(m.span(doc).text))}
        # "at <Name>" after "<Name> Airport": the facility said short, no province of the name
        facility_openings = {fold(doc[m.start:k].text) for m in found if m.source == "rule" and m.kind == "facility"
                             for k in range(m.start + 1, m.end)}
        out = []
        view = _view(doc)
        texts, lowers = view.texts, view.lowers
        spaces = view.spaces
        n = len(texts)
        next_covered = [n] * (n + 1)  # the first covered token at or after each index
        for k in range(n - 1, -1, -1):
            next_covered[k] = k if k in covered else next_covered[k + 1]
        i = 0
        while i < n:
            if not texts[i][:1].isupper() or next_covered[i] == i or not view.name_word(i):
                i += 1
                continue
            for j in range(min(n, i + 5, next_covered[i]), i, -1):
                last = texts[j - 1]
                if not (last.isalpha() or last.endswith(".") and len(last) > 1) and not (last.isdigit() and j - i > 1):
                    continue  # (a sentence's full stop is no abbreviation's: "... of <Name>.")
                text = view.text(i, j)
                key = fold(text)
                if key.rstrip(".") in CALENDAR_WORDS:
                    continue  # "in August.": a month closing a sentence, never a town of that name
                trusted = key in known
                vouched = False  # a town said after a preposition: only in the article's country
                if not trusted:
                    if not self.gazetteer.candidates(text):
                        # "near <Town>", "the <Name> department", "in <City>, <Town> and <Town>"
                        minor = self._minor_mention(doc, i, j, _in_place_list(doc, i, place_ends)) \
                            if self.gazetteer.minor_candidates(text) else None
                        if minor:
                            out.extend(minor)
                            i = minor[0].end - 1
                            break
                        continue
                    top = self.gazetteer.resolve(text)
                    trusted = top is not None and top.primary and (
                        top.entry.kind in ("country", "region") or top.entry.population >= SCANNED_CITY)
                    if not trusted and top is not None and top.primary and i > 0 \
                            and (top.entry.kind == "city" and top.entry.population >= TRUSTED_CITY
                                 or top.entry.kind == "admin" and key not in COMPASS_WORDS
                                 and key.rstrip(".") not in facility_openings) \
                            and (lowers[i - 1] in LOCATIVE and (j - i == 1 or " " not in spaces[i:j - 1])
                                 or _in_place_list(doc, i, place_ends)
                                 or self._outer_country(doc, j) == top.entry.country):
                        # (one word, or one hyphenated word: "<Name>-sur-<River>")
                        # "a university in <Town>", "a hangar at <Town>", "in <City>, <Town> and
                        # <Town>", "the governor of <Province>": only in a country the article
                        # names (``_plausible``)
                        trusted = vouched = True
                if not trusted:
                    continue
                if _joined_to_name(doc, i, j):
                    break  # "Jordan Peterson": a place name inside a longer name
                out.append(PlaceMention(i, j, "gazetteer", retagged=vouched))
                place_ends.add(j)
                i = j - 1
                break
            i += 1
        # "<Town>, <Name>shire", "in <Name>shire": a county the gazetteer lacks, after a
        # place or a place preposition
        ends = {m.end for m in found}
        alone = {e.start for e in _ents(doc) if len(e) == 1 and e.label_ in MISLABELS}  # the model's "person"
        lowered = article_text(doc).lower() if ADMIN_ENDINGS else ""
        for k in (range(1, n) if any(e in lowered for e in ADMIN_ENDINGS) else ()):
            if (k not in covered or k in alone) and texts[k][:1].isupper() and texts[k].isalpha() and any(
                    texts[k].lower().endswith(e) and len(texts[k]) >= len(e) + 3 for e in ADMIN_ENDINGS) \
                    and (lowers[k - 1] in PLACE_PREPOSITIONS or texts[k - 1] == "," and k - 1 in ends) \
                    and not (k + 1 < n and view.name_word(k + 1) and texts[k + 1][:1].isupper()):
                out.append(PlaceMention(k, k + 1, "rule", kind="admin", rule="county_ending", kind_sure=True))
        taken = {k for m in found for k in range(m.start, m.end)} | {k for m in out for k in range(m.start, m.end)}
        openings = {fold(doc[m.start].text) for m in found
                    if m.source == "rule" and m.kind == "facility" and m.end - m.start > 1}
        for i in (range(n) if openings else ()):
            if texts[i][:1].isupper() and fold(texts[i]) in openings and i not in taken \
                    and i > 0 and texts[i - 1].lower() == "the" \
                    and not (i + 1 < n and view.name_word(i + 1)):
                ent = next((e for e in _ents(doc) if e.start <= i < e.end), None)
                if ent is None or len(ent) == 1 or (len(ent) == 2 and ent[0].lower_ == "the"):
                    out.append(PlaceMention(i, i + 1, "gazetteer", opening=True))
        return out

    # -- filters -------------------------------------------------------------

    def _filter(self, doc: Doc, mentions: list[PlaceMention]) -> list[PlaceMention]:
        # Document-level consistency: the words of a person's full name elsewhere in
        # the article ("<Given> <Surname>", or "<Surname> <Given>" in East Asian
        # order) name that person when said alone, whatever the model's label.
        surnames, given_names = set(), set()
        lone_persons = set()  # a name the model calls a person said alone ("<Surname> said")
        for ent in _ents(doc):
            if ent.label_ == "PERSON":
                start, end = _trim(ent)
                if end - start == 1:
                    lone_persons.add(fold(doc[start].text))
                if end - start > 1:
                    surnames.add(fold(doc[end - 1].text))
                    given_names.update(fold(t.text) for t in doc[start:end - 1]
                                       if t.text[:1].isupper() and t.is_alpha and t.text not in NAME_PARTICLES)
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        positions = {m.start for m in mentions if m.rule == "place_position"}
        person_elsewhere: Counter[str] = Counter()  # a person to the model, not at a place's position
        for ent in _ents(doc):
            start, end = _trim(ent)
            if ent.label_ == "PERSON" and _in_event_name(doc, start, end):
                continue  # "The <Town> shootings": the model's person is the event's place
            labels[fold(doc[start:end].text)][ent.label_] += 1
            if ent.label_ == "PERSON" and start not in positions:
                person_elsewhere[fold(doc[start:end].text)] += 1
        in_places = {i for m in mentions if m.source == "rule" for i in range(m.start, m.end)}
        acronyms = _organisation_acronyms(doc)
        acting = _acting_facilities(doc, mentions, self.gazetteer)
        # Document-level: a name no gazetteer knows that the article never puts where a
        # place goes (after "in", "at", "from" ...) but has act as the subject of a
        # verb ("<Name> ordered the attack") is a person or a group, not a place.
        unknown: dict[str, list[PlaceMention]] = defaultdict(list)
        for m in mentions:
            if m.source == "ner" and doc[m.start].ent_type_ in ("GPE", "LOC") \
                    and not self.gazetteer.candidates(m.span(doc).text) \
                    and not any(t.lower_ in STATE_FORMS for t in m.span(doc)):  # ("the Republic ratified")
                unknown[fold(m.span(doc).text)].append(m)
        # ... and one only ever said as a modifier of a common noun ("a <Name> rebellion",
        # "the <Name> branch") is an adjective of a people or a group.
        agents = {key for key, ms in unknown.items()
                  if not any(_after_place_preposition(doc, m.start) for m in ms)
                  and (any(_acts(m.span(doc)) for m in ms)
                       or all(m.end - m.start == 1 and m.end < len(doc) and doc[m.end].is_lower
                              and doc[m.end].pos_ == "NOUN" and doc[m.start].head.i == m.end for m in ms))}
        article = doc._.article
        text = article_text(doc)
        # Document-level: a name the article once says is a website or a news agency
        # ("the <Name> Center website", "<Name> Center, a website ...") is a publisher
        # wherever it is said ("a video posted on <Name> Center")
        publishers = {fold(m.span(doc).text) for m in mentions if m.kind in ("facility", "")
                      and (_said_as_media(doc, m) and not self.gazetteer.candidates(m.span(doc).text)
                           or _media_noun_before(doc, m.start))}
        persons = set()  # unknown names dropped as persons: their repeats the scan found go too
        named_countries: set[str] | None = None  # read only when a surname meets a province
        kept = []
        for m in mentions:
            if m.void or publishers and fold(m.span(doc).text) in publishers:
                continue
            span = m.span(doc)
            m.excluded = _in_event_name(doc, m.start, m.end) and not _venue_said_again(doc, span) \
                or article is not None and \
                article.section_at(span.start_char).split(" > ")[-1].strip().lower() in BACK_MATTER
            if span[0].lower_ in OPERATION_WORDS and span[0].is_title or m.start > 0 \
                    and doc[m.start - 1].lower_ in OPERATION_WORDS and doc[m.start - 1].is_title:
                continue  # "Operation <Name>": a military operation's name
            if m.source != "rule" and len(span) == 1 and fold(span.text) in self.gazetteer.languages \
                    and not self.gazetteer.candidates(span.text) and self._said_as_language(doc, m.start):
                continue  # "signs in <Language> and <Language>": a language, no place
            if m.source != "rule":
                found = self.gazetteer.resolve(span.text)
                # (a group's branch is named after a region of several countries: "<Group> in
                # <Continent>"; "held by <Group> in <the Strip>" says where, within one country)
                region = found is not None and found.entry.kind == "region" and not found.entry.country
                if _in_organisation_name(doc, m.start, m.end, in_places, region=region):
                    continue
                if span.text in acronyms:
                    continue  # "<Party> (PP)": the acronym names the organisation
                if _person_particle_follows(doc, m.end) and (found is None or found.entry.kind == "city"):
                    continue  # "<Given name> ben <Name>": a person
            if len(span) == 2 and span[0].lower_ in COMPASS_WORDS and span[1].lower_ == "district" \
                    and m.end + 1 < len(doc) and doc[m.end].lower_ == "of" and self._names_state(doc, m.end + 1):
                continue  # "the Southern District of <State>": a court's judicial district, no place
            if m.source == "ner" and not self.gazetteer.candidates(span.text):
                votes = labels[fold(span.text)]
                if m.rule == "place_position":
                    # where the text puts a place the words outweigh the model's label; only
                    # a name the model calls a person where no place stands is one
                    votes = Counter({"PERSON": person_elsewhere[fold(span.text)]})
                if votes["ORG"] + votes["PERSON"] > sum(votes[label] for label in PLACE_LABELS):
                    continue  # the model mostly calls it an organisation or a person
                if not _after_place_preposition(doc, m.start) and span[-1].lower_ not in HEAD_NOUNS \
                        and all(t.text[:1].isupper() for t in span) and (
                        votes["PERSON"] and votes["PERSON"] >= sum(votes[label] for label in PLACE_LABELS)
                        or len(span) > 1 and fold(span[-1].text) in lone_persons
                        or _after_person_noun(doc, m.start)):
                    # a person: as often a person as a place to the model, or the full name of
                    # one said alone by surname ("<Given> <Surname>" ... "<Surname> said"), or
                    # in apposition to a person's office ("his counterpart, <Name>,")
                    persons.add(fold(span.text))
                    continue
                if self._person_by_given_name(doc, span):
                    continue  # "the government of <Given> <Surname>": a person the model called a place
                if sum(votes.values()) == 1 and _is_heading(text, span):
                    continue  # a section's title ("Background"), named nowhere else
                if fold(span.text) in acting or fold(span.text) in agents:
                    continue  # "<Name> detained ...": an institution or a person, not a building or town
                if _appositive_kind(doc, m) == NOT_A_PLACE:
                    continue  # "<Name>, the country's highest court"
                last = span[-1].lower_
                if last in CALENDAR_WORDS and len(span) > 1:
                    continue  # "<Feast> Sunday": a day, not a place
                if last in EVENT_NOUNS and span[-1].is_title and len(span) > 1:
                    continue  # "the <City> Marathon", "the <Name> Festival": an event, not a venue
                if span[-1].ent_type_ == "FAC" and last not in HEAD_NOUNS and last.endswith("s") \
                        and last[:-1] in self.english_words and last[:-1] not in HEAD_NOUNS:
                    continue  # "the United <Plural noun>": a body of members, no building
            if m.source != "rule" and not m.opening and m.rule != "named_before":
                key = fold(span.text)
                if len(span) == 1 and key.endswith("s") and key[:-1] in surnames \
                        and not self.gazetteer.candidates(span.text):
                    continue  # "the <Surname>s": the family of a person named in full, no town
                votes = labels[key]
                if m.rule == "place_position":
                    votes = Counter()
                if key in surnames or not m.retagged and votes["PERSON"] > sum(votes[l] for l in PLACE_LABELS):
                    found = self.gazetteer.resolve(span.text)
                    town_here = found is not None and found.entry.kind == "city" \
                        and m.start > 0 and doc[m.start - 1].lower_ in POSITION_PREPOSITIONS \
                        and not _person_particle_follows(doc, m.end)
                    # ("in <Town>" names the town, though a group's name ends on it elsewhere)
                    if not town_here and (found is None or not (found.entry.kind in ("country", "region", "admin")
                                                                 and found.primary)):
                        continue  # a person the model took for a place
                    if key in surnames and found.entry.kind == "admin":
                        if named_countries is None:
                            named_countries = {c.entry.country for x in mentions
                                               if (c := self.gazetteer.resolve(x.span(doc).text)) is not None
                                               and c.primary and c.entry.kind == "country"}
                        if found.entry.country not in named_countries:
                            continue  # "<Given> <Surname>" ... "<Surname> warned": a province abroad by chance
                elif key in given_names:
                    found = self.gazetteer.resolve(span.text)
                    if found is None or not found.primary or found.entry.kind == "city" \
                            and found.entry.population < NAMED_CITY:
                        continue  # a given name (or an East Asian surname) of a person named in full
            kept.append(m)
        if persons:
            kept = [m for m in kept if m.source != "gazetteer" or fold(m.span(doc).text) not in persons]
        return kept

    def _said_as_language(self, doc: Doc, start: int) -> bool:
        """Whether a language's name is said as the language: after "in", alone or in
        a list of languages ("written in <Language> and <Language>"); not a village of
        that name ("gunmen struck <Name> in <County>")."""
        k = start - 1
        while k >= 1 and doc[k].lower_ in (",", "and", "or") and fold(doc[k - 1].text) in self.gazetteer.languages:
            k -= 2
        return k >= 0 and doc[k].lower_ == "in"

    def _person_by_given_name(self, doc: Doc, span: Span) -> bool:
        """Whether two or three capitalised words the gazetteer does not know are a
        person's name: one end is a given name of the public dictionary ("<Given>
        <Surname>", or "<Surname> <Given>" in East Asian order), no word is a place,
        nationality or head noun, and no preposition of place stands before them
        ("at <Given> <Surname>" may be a hospital named after one)."""
        if not 2 <= len(span) <= 3 or not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in span) \
                or _after_place_preposition(doc, span.start) and doc[span.start - 1].lower_ != "of":
            return False
        names = given_names()
        if not (span[0].lower_ in names or without_accents(span[0].lower_) in names
                or span[-1].lower_ in names or without_accents(span[-1].lower_) in names):
            return False
        return not any(t.lower_ in HEAD_NOUNS or t.lower_ in COMPASS_WORDS or t.text in NAME_PARTICLES
                       or self.gazetteer.candidates(t.text) or self.gazetteer.demonym_country(t.text) is not None
                       for t in span)

    def _names_state(self, doc: Doc, start: int) -> bool:
        """Whether the capitalised words from ``start`` name a province or state."""
        end = start
        while end < len(doc) and end - start < 4 and doc[end]._.name_word and doc[end].text[:1].isupper():
            end += 1
        return end > start and self.gazetteer.resolve(doc[start:end].text, kinds=("admin",)) is not None

    # -- context -------------------------------------------------------------

    def _context(self, doc: Doc, mentions: list[PlaceMention]) -> dict[str, float]:
        """Country code -> weight of the article's place mentions in it.

        The heaviest is the article's dominant country: where its facilities,
        districts and unknown towns are taken to lie. Places in the infobox's
        location, the title and the first sentence weigh most; a country used
        as a modifier ("U.S. warships") least.
        """
        headline = _headline_ranges(doc)
        weights: Counter[str] = Counter()
        for m in mentions:
            span = m.span(doc)
            bonus = sum(w for (a, b), w in headline if a <= span.start_char < b)
            if m.rule in ("kind_of", "admin_head") and m.country:  # "the <Nationality> town of <Name>",
                weights[m.country] += WEIGHT_LOCAL + bonus  # "<Province> County"
                continue
            if m.source == "rule" and m.kind in ("facility", "district", "other") and not m.country:
                # its name is no place name (an old city's name is also a town in GeoNames),
                # but a country named in it counts: "Stade de Suisse"
                code = self._nested_country(doc, m, {}) if not m.sender else ""
                if code:
                    weights[code] += WEIGHT_COUNTRY
                continue
            if m.sender and m.city is None:
                continue
            if m.city is not None:
                weights[m.city.country] += WEIGHT_LOCAL
                continue
            top = self._clear_winner(span.text)
            if top is None:
                continue
            code = top.entry.country
            if not code:
                continue
            if top.entry.kind == "country":
                weight = WEIGHT_MODIFIER if span.root.dep_ in ("compound", "nmod", "amod") else WEIGHT_COUNTRY
            else:
                weight = WEIGHT_LOCAL
            weights[code] += weight + bonus
        return dict(weights)

    def _clear_winner(self, name: str) -> Candidate | None:
        """The place a name stands for before any context, when one stands out:
        a country, or a city far bigger than its namesakes elsewhere ("Lima",
        not "Córdoba", which names big cities in two countries)."""
        ranked = self.gazetteer.ranked(name)
        if not ranked:
            return None
        top = ranked[0]
        if top.entry.kind in ("country", "region"):
            return top
        if not top.primary and top.entry.population < NAMED_CITY:
            return None  # a town's rare other spelling says nothing about the article
        if any(c.entry.kind == "admin" and c.primary and c.entry.country != top.entry.country for c in ranked[1:]):
            return None  # a province's size is unknown: its name is no clear city
        rival = next((c for c in ranked[1:] if c.entry.country != top.entry.country and c.primary), None)
        if rival is None or top.entry.population >= CLEAR_WINNER * max(rival.entry.population, 1):
            return top
        return None

    # -- resolution ----------------------------------------------------------

    def _resolve(self, doc: Doc, m: PlaceMention, context: dict[str, float]) -> None:
        gaz = self.gazetteer
        span = m.span(doc)
        if m.rule == "kind_of":  # a town or province the gazetteer may know; a suburb that is a town
            if m.kind == "other":
                return  # "the island of <Name>": no town of that name
            kinds = ("admin",) if m.kind == "admin" else ("city",)
            found = gaz.resolve(span.text, context, kinds=kinds, country=m.country or None) \
                or gaz.resolve_minor(span.text, context, kinds=kinds, country=m.country or None)  # a small town
            if found is None and m.kind == "admin":  # "the republic of <English name>"
                similar = gaz.similar_subdivision(span.text, [m.country] if m.country else _named_countries(context))
                found = Candidate(similar, True) if similar is not None else None
            if found is None or not (m.country or context.get(found.entry.country, 0.0) > 0):
                return
            if m.kind == "district" and not m.weak_kind:
                # a part of a city that GeoNames lists as a town: that town, if it lies
                # in the article's own country (not a namesake abroad), kept a district
                # ("the <City> suburb of <Name>" is the town GeoNames knows)
                if m.country or found.entry.country == max(context, key=context.get):
                    m.entry, m.country = found.entry, found.entry.country
                return
            m.entry, m.kind, m.country = found.entry, found.entry.kind, found.entry.country
            return
        if m.source == "rule" and m.kind in ("facility", "district", "other"):
            return
        if m.entry is not None:
            m.kind, m.country = m.entry.kind, m.entry.country
            return
        if m.opening:  # "the Meridian": the facility, whatever else the word names
            m.kind = "facility"
            return
        if m.rule == "city_comma_country":
            # a town, else a province; a name that is a town's only as an alternate
            # spelling is the province of that name ("<State>, <Country>")
            found = min((c for c in (gaz.resolve(span.text, kinds=("city",), country=m.country),
                                     gaz.resolve(span.text, kinds=("admin",), country=m.country)) if c is not None),
                        key=lambda c: not c.primary, default=None)
            if found is not None:
                m.entry, m.kind = found.entry, found.entry.kind
            return
        if m.kind == "admin":
            country = m.country if m.rule in ("part_of_country", "admin_head") and m.country else None
            found = gaz.resolve(span.text, context, kinds=("admin",), country=country)
            if found is None and m.rule in ("admin_head", "part_of_country"):  # "Valdor province" is Valdor
                found = gaz.resolve(doc[m.start:m.end - 1].text, context, kinds=("admin",), country=country)
                if found is not None and not _division_fits(span[-1], found.entry):
                    found = None
            if found is not None:
                m.entry = found.entry
            return
        if m.kind == "region":  # "Red Sea", "Rift Valley", "Baltic region"
            found = gaz.resolve(span.text, kinds=("region",))
            if found is None and m.rule == "admin_head":
                found = gaz.resolve(doc[m.start:m.end - 1].text, kinds=("region",))
            if found is None and m.source == "rule":
                town = gaz.resolve(span.text, context, kinds=("city",))
                if town is not None and town.primary and context.get(town.entry.country, 0.0) > 0:
                    # "<Name> Hills", "<Name> Island": a town's whole name, in the article's country
                    m.entry, m.kind, m.country, m.kind_sure = town.entry, "city", town.entry.country, False
                    return
            if found is not None:
                m.entry = found.entry
            return
        found = gaz.resolve(span.text, context) or self._state_form(doc, m, context)
        if found is not None and not found.primary and found.entry.population < NAMED_CITY \
                and (context.get(found.entry.country, 0.0) == 0 or found.entry.kind == "city"
                     and found.entry.country != max(context, key=context.get)):
            # another town's rare spelling, abroad (for a town, outside the article's own
            # country): an unknown name of this article's
            found = None
        if found is None and (m.source == "ner" or m.rule == "appositive") and len(span) <= 4:
            # a lower subdivision or small town of a country the article names; the words
            # around still say its kind ("<Name>, in the south of the city")
            minor = gaz.resolve_minor(span.text, context)
            if minor is not None and fold(span.text) not in self._facility_words:  # (not "<Name> station" said short)
                m.entry, m.country = minor.entry, minor.entry.country
                m.kind = _appositive_kind(doc, m)
                m.kind_sure = bool(m.kind)
                if not m.kind:
                    m.kind = minor.entry.kind
                    if m.kind == "city" and self._next_to_city(doc, m, context):
                        m.kind, m.kind_sure = "district", True
                return
        if found is not None:
            m.entry, m.kind, m.country = found.entry, found.entry.kind, found.entry.country
            return
        similar = gaz.similar_subdivision(span.text, _named_countries(context)) if len(span) <= 3 \
            and HEAD_NOUNS.get(span[-1].lower_, ("",))[0] != "facility" else None
        if similar is not None:
            # a province the index knows only by ISO's own spelling ("<Name>ia" for
            # "<Name>skaya Respublika"), in a country the article names: that province
            m.entry, m.kind, m.country, m.kind_sure = similar, "admin", similar.country, True
            return
        label = next((e.label_ for e in _ents(doc) if e.start <= m.start and m.end <= e.end), "GPE")
        if m.rule == "place_position":
            # the model's label was overruled: a name closing on a common word is a venue
            # ("at <Name> Ground"); else the preposition may say the kind ("outside <Name>":
            # a building, ``position_prepositions.txt``); else a town
            kind = "facility" if len(span) > 1 and span[-1].lower_ in self.english_words \
                else POSITION_KINDS.get(doc[m.start - 1].lower_ if m.start else "", "city")
            label = LABEL_BY_KIND[kind]
        m.kind = _appositive_kind(doc, m)
        m.kind_sure = bool(m.kind)
        if not m.kind and label in ("GPE", "LOC") and span[0].lower_ in METROPOLITAN_WORDS and len(span) > 1:
            # "Greater <City>": the city's metropolitan county or area, an administrative unit
            rest = gaz.resolve(span[1:].text, context, kinds=("city",))
            if rest is not None and rest.primary and rest.entry.country in context:
                m.kind, m.kind_sure, m.country = "admin", True, rest.entry.country
        if not m.kind and label in ("GPE", "LOC") and span[0].lower_ in COMPASS_WORDS and len(span) > 1:
            # "East <City>": part of a city; "Northern Chile", "North West <Province>": a
            # region of a country or province; "North Valdor": a province
            skip = 1
            while skip < len(span) - 1 and (span[skip].lower_ in COMPASS_WORDS or span[skip].text == "-"):
                skip += 1
            rest = gaz.resolve(span[skip:].text, context, kinds=("city", "country", "admin", "region"))
            known = rest is not None and rest.primary and (rest.entry.country in context or rest.entry.kind == "region")
            # (a compass part of an ISO grouping of provinces is one of its provinces: "East <Island group>")
            m.kind = "admin" if not known or rest.entry.division in GROUPING_TYPES \
                else "district" if rest.entry.kind == "city" else "region"
            m.kind_sure = True
            if known:
                m.country = rest.entry.country
        if not m.kind and label in ("GPE", "LOC") and len(span) == 1 and any(
                span.text.lower().endswith(e) and len(span.text) >= len(e) + 3 for e in ADMIN_ENDINGS):
            m.kind, m.kind_sure = "admin", True  # "<Name>shire": a county the gazetteer lacks
        if not m.kind and span[-1].text[:1].isupper() and HEAD_NOUNS.get(span[-1].lower_, ("",))[0] == "facility":
            m.kind = "facility"  # "the Metro", "<Name> Hotel" the model calls a town: the head says
        if not m.kind:
            m.kind = KIND_BY_LABEL.get(label, "other")
            if m.kind == "city" and self._next_to_city(doc, m, context):
                m.kind, m.kind_sure = "district", True  # "<District>, <City>": part of that city

    def _state_form(self, doc: Doc, m: PlaceMention, context: dict[str, float]) -> Candidate | None:
        """ "Republic of <Country>", "Federal Republic of <Country>": that country;
        "the Kingdom", "the Republic" alone: the country the article is about."""
        words = [t.lower_ for t in m.span(doc)]
        if "of" in words:
            of = words.index("of")
            if 0 < of < len(words) - 1 and all(w in STATE_FORMS for w in words[:of]):
                return self.gazetteer.resolve(doc[m.start + of + 1:m.end].text, kinds=("country",))
            return None
        if len(words) == 1 and words[0] in STATE_FORMS and doc[m.start].is_title and not doc[m.start].is_sent_start \
                and m.start > 0 and doc[m.start - 1].lower_ == "the" and context:
            dominant = max(context, key=context.get)
            entry = self.gazetteer.country(dominant)
            return Candidate(entry, True) if entry is not None else None
        return None

    # -- grouping ------------------------------------------------------------

    def _group(self, doc: Doc, mentions: list[PlaceMention]) -> list[PlaceGroup]:
        groups: dict[tuple, PlaceGroup] = {}
        embassies: list[PlaceMention] = []
        for m in mentions:
            if m.same_as is not None:
                continue
            if m.sender or (m.city is not None and m.kind == "facility"):
                embassies.append(m)
                continue
            if m.entry is not None:
                key: tuple = ("entry", m.entry.identity)
            else:
                key = ("name", name_key(m.canonical or m.span(doc).text))
            group = groups.setdefault(key, PlaceGroup(kind=m.kind, entry=m.entry))
            group.mentions.append(m)
        for group in groups.values():
            # the kind the words give ("the <City> commune of <Name>": a district,
            # though GeoNames lists a town), else the gazetteer's, else the model's
            # (what a rule read in the words, "the town of <Name>", before a guess from
            # the neighbourhood, "<Name>, <City>")
            sure = [m.kind for m in sorted(group.mentions, key=lambda m: m.source != "rule") if m.kind_sure]
            if sure:
                group.kind = sure[0]
            elif group.entry is None:
                group.kind = Counter(m.kind for m in group.mentions).most_common(1)[0][0]
        out = list(groups.values())
        out.extend(_group_embassies(embassies))
        for m in mentions:
            if m.same_as is not None:
                owner = next((g for g in out if m.same_as in g.mentions), None)
                if owner is not None:
                    owner.mentions.append(m)
        out = self._local_names(doc, out)
        out = _merge_province_names(doc, out)
        out = _merge_short_forms(doc, out)
        out = _merge_premises(doc, out)
        out = _merge_name_parts(doc, out, self.gazetteer)
        out = _merge_same_names(doc, out)
        return [g for g in out if not all(m.excluded for m in g.mentions)]

    def _local_names(self, doc: Doc, groups: list[PlaceGroup]) -> list[PlaceGroup]:
        """The name a place has in another language is that place (guidelines
        section 2, aliases): "<Place>, known in <Language> as <Name>", "<Place>
        (<Name>)" with a name the gazetteer does not know."""
        by_token = {i: (g, m) for g in groups for m in g.mentions for i in range(m.start, m.end)}
        merged: set[int] = set()
        for g in list(groups):
            for m in list(g.mentions):
                i = m.end
                if i + 3 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ == "known":
                    i += 2
                    if doc[i].lower_ in ("in", "locally"):
                        i += 2 if doc[i].lower_ == "in" else 1
                    if i >= len(doc) or doc[i].lower_ != "as":
                        continue
                    start = i + 1
                elif i + 2 < len(doc) and doc[i].text == "(" and doc[i + 1].text[:1].isupper():
                    start = i + 1
                else:
                    continue
                end = start
                while end < len(doc) and doc[end]._.name_word and doc[end].text[:1].isupper():
                    end += 1
                if end == start or doc[start - 1].text == "(" and (end >= len(doc) or doc[end].text != ")"):
                    continue
                other = by_token.get(start)
                if other is not None:
                    owner, mention = other
                    if owner is g or id(owner) in merged or owner.entry is not None \
                            or (mention.start, mention.end) != (start, end):
                        continue
                    g.mentions.extend(owner.mentions)
                    merged.add(id(owner))
                elif not self.gazetteer.candidates(doc[start:end].text) and not (end - start == 1 and (
                        doc[start].is_upper or doc[start].is_alpha and not doc[start].text[1:].islower())):
                    # (not an acronym, "(<ACR>)" or "(<AcR>)": an organisation whose name ends on the place)
                    g.mentions.append(PlaceMention(start, end, "rule", kind=m.kind, rule="local_name",
                                                   entry=m.entry, country=m.country))
        return [g for g in groups if id(g) not in merged]

    # -- location ------------------------------------------------------------

    def _locate(self, doc: Doc, groups: list[PlaceGroup], context: dict[str, float]) -> None:
        dominant = max(context, key=context.get) if context else ""
        by_token: dict[int, PlaceGroup] = {}
        for g in groups:
            for m in g.mentions:
                for i in range(m.start, m.end):
                    by_token[i] = g
        for g in groups:
            if g.entry is not None and g.kind not in ("facility", "district"):
                g.country = g.entry.country
                continue
            if g.kind == "region" and g.entry is not None:
                g.country = g.entry.country
                continue
            votes: list[str] = []
            nested: list[str] = []
            for m in g.mentions:
                code = m.country or (m.city.country if m.city is not None else "")
                if not code:
                    # where the text puts it ("the <Name> Israel Synagogue in <District>") before a
                    # country named inside its name ("Stade de Suisse"), at any of its mentions
                    code = _after_locative(doc, m, by_token, g)
                if code:
                    votes.append(code)
                elif not m.sender:
                    code = self._nested_country(doc, m, context)
                    if code:
                        nested.append(code)
            votes = votes or nested
            if not votes and g.kind == "region" and any(
                    m.source == "rule" and "water" in HEAD_NOUNS.get(_head_text(doc, m), ("", ()))[1]
                    for m in g.mentions):
                g.country = ""  # a lake or sea with no country said may be shared by several
                continue
            if not votes and (g.kind in LOCAL_KINDS or g.kind == "region"):
                for m in g.mentions:
                    code = _nearest_city_country(doc, m, by_token, g)
                    if code:
                        votes.append(code)
            g.country = Counter(votes).most_common(1)[0][0] if votes else dominant

    def _quarters_of_the_scene_city(self, doc: Doc, groups: list[PlaceGroup]) -> None:
        """An article set in a city of a million people names its quarters without
        saying what they are ("a car bomb went off in <Name>"): a name no gazetteer
        knows, in that city's country, that the words do not place elsewhere ("<Name>,
        <Province>", "<Name>, near <Town>", "<Name> and other towns") is an area inside
        that city, a district (guidelines section 2), not a town. So is any such name
        said as "the <Name> area"."""
        scene = self._scene_city(doc, groups)
        by_token = {i: g for g in groups for m in g.mentions for i in range(m.start, m.end)}
        title = doc._.article.layout.title_span if doc._.article is not None else None
        for g in groups:
            if g.entry is not None or g.kind not in ("city", "region") or any(m.kind_sure for m in g.mentions):
                continue
            if any(m.end < len(doc) and doc[m.end].is_lower and APPOSITIVE_KINDS.get(doc[m.end].lower_) == "district"
                   for m in g.mentions):
                g.kind = "district"  # "the <Name> area", "the <Name> neighbourhood" (appositive_nouns.tsv)
                continue
            if g.kind != "city":
                continue
            if scene is None or g is scene or g.country != scene.entry.country:
                continue
            if title and any(title[0] <= doc[m.start].idx < title[1] for m in g.mentions):
                continue  # the title's own place is what the article is about
            if not any(self._placed_elsewhere(doc, m, by_token, scene) for m in g.mentions):
                g.kind = "district"

    def _scene_city(self, doc: Doc, groups: list[PlaceGroup]) -> PlaceGroup | None:
        """The city the article is set in: the first city of its title, else of the
        infobox's location, else of its first sentence, when it has a million people."""
        cities = sorted((doc[m.start].idx, g) for g in groups if g.kind == "city" for m in g.mentions)
        title = tuple(doc._.article.layout.title_span or ()) if doc._.article is not None else ()
        ranges = [r for r, _ in _headline_ranges(doc)]
        for start, end in sorted(ranges, key=lambda r: r != title):  # the title first
            first = next((g for at, g in cities if start <= at < end), None)
            if first is not None:
                big = first.entry is not None and first.entry.population >= SCENE_CITY_POPULATION
                return first if big else None
        return None

    def _placed_elsewhere(self, doc: Doc, m: PlaceMention, by_token: dict[int, PlaceGroup],
                          scene: PlaceGroup) -> bool:
        """Whether the words right after a name (or after the list it closes) put it
        in another place: a province, country or town ("<Name>, <Province>", "<Name>,
        near <Town>", "<Name> in the province of ..."), or among towns ("<Name> and
        other towns"). Not "<Name> in the town of <Town>": that is a part of the town."""
        own = by_token.get(m.start)
        i = m.end
        while i + 1 < len(doc) and doc[i].text in (",", "and", "or"):
            # the rest of the list the name opens: "at <Name> and <Name> on the coast of ..."
            j = i + 1 if doc[i + 1].text not in ("and", "or") else i + 2
            nxt = by_token.get(j)
            if nxt is None or nxt is own or nxt.entry is not None or nxt.kind != "city" or nxt is scene:
                break
            i = next((n.end for n in nxt.mentions if n.start == j), None)
            if i is None:
                break
        for k in range(i, min(i + PLACING_WORDS, len(doc))):
            word = doc[k]
            if word.is_sent_end and k > i or word.text in (";", "(", ")"):
                break
            other = by_token.get(k)
            if other is not None and other is not own:
                if other is scene:
                    return False
                if other.kind in ("country", "admin", "region", "city"):
                    return not (k >= 2 and doc[k - 1].lower_ == "of" and OF_KINDS.get(doc[k - 2].lower_) == "city")
                continue
            if word.is_lower and APPOSITIVE_KINDS.get(word.lower_) == "admin":
                return True  # "<Name>, in the province of ...", "<Name> in the same district"
            if word.lower_ == "other" and k + 1 < len(doc) \
                    and APPOSITIVE_KINDS.get(_singular(doc[k + 1].lower_)) == "city":
                return True  # "<Name> and several other towns"
        return False

    def _next_to_city(self, doc: Doc, m: PlaceMention, context: dict[str, float]) -> bool:
        """Whether a known city follows right after: "X, <City>", "X of <City>", "X in <City>",
        "X, in <City>'s west". Not a province of the article's country that is also a
        city's name abroad: "<Town>, <Province>" names the town's province."""
        i = m.end
        if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ == "in":
            i += 1
        if i < len(doc) and doc[i].lower_ in (",", "of", "in"):
            j = i + 1
            while j < len(doc) and j - i <= 3 and doc[j]._.name_word:
                j += 1
            if j > i + 1:
                found = self.gazetteer.resolve(doc[i + 1:j].text, kinds=("city",))
                best = self.gazetteer.resolve(doc[i + 1:j].text, context)
                return found is not None and found.primary and best is not None and best.entry.kind == "city"
        return False

    def _nested_country(self, doc: Doc, m: PlaceMention, context: dict[str, float]) -> str:
        """The country named inside a facility's name ("Stade de Suisse"), or the
        country of a city named in it ("<City> International Airport") when the
        article names that country (a hospital named after a person is not in a
        town of that name). Not a street's: "<City> Road" leads to that city from
        wherever it is."""
        span = m.span(doc)
        if m.source == "rule" and "street" in HEAD_NOUNS.get(_head_text(doc, m), ("", ()))[1]:
            return ""
        for length in range(len(span) - 1, 0, -1):
            for start in range(span.start, span.end - length + 1):
                words = doc[start:start + length]
                if not words[0].text[:1].isupper():
                    continue
                if start > span.start and start + length < span.end - 1 \
                        and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ not in HEAD_NOUNS \
                        and doc[start + length].text[:1].isupper():
                    continue  # inside a longer proper name: "<Name> <Country> <Name> Hospital"
                    # (but "Royal <City> Hospital" names the city)
                found = self.gazetteer.resolve(words.text, context)
                if found is None or not found.primary:
                    continue
                entry = found.entry
                if entry.kind == "country" or entry.kind == "city" and entry.country in context \
                        and entry.population >= NAMED_CITY and (
                            entry.country == max(context, key=context.get)
                            or self._clear_winner(words.text) is not None):
                    # (a city's name with namesakes abroad says the article's own country
                    # only: "<Name> Abbey" in an article about another <Name>)
                    return entry.country
        return ""

    # -- entities ------------------------------------------------------------

    def _entities(self, doc: Doc, groups: list[PlaceGroup]) -> list[Entity]:
        article = doc._.article
        entities = []
        for g in groups:
            entity = Entity(kind=g.kind, country=g.country)
            if g.entry is not None and g.kind not in ("facility", "district"):
                entity.latitude, entity.longitude = g.entry.latitude, g.entry.longitude
                entity.geonames_id = g.entry.geonames_id
            for m in sorted(g.mentions, key=lambda m: m.start):
                if m.excluded:
                    continue
                span = m.span(doc)
                source = m.source
                if article is not None and article.section_at(span.start_char) == "Infobox":
                    source = "infobox"
                entity.mentions.append(EntityMention(span.start_char, span.end_char, span.text, g.kind, source))
            partial = {m.span(doc).text for m in g.mentions if m.partial}
            canonical = [m.canonical for m in g.mentions if m.canonical]
            forms = [f for f in entity.surface_forms if f not in partial]
            if canonical and canonical[0] not in forms:
                forms.insert(0, canonical[0])
            entity.name = canonical[0] if canonical else choose_name(forms)
            keys = {name_key(f) for f in forms}
            for m in g.mentions:
                for form in m.short_forms:
                    if name_key(form) not in keys:
                        keys.add(name_key(form))
                        forms.append(form)
            entity.aliases = [f for f in forms if f != entity.name]
            entities.append(entity)
        return sorted(entities, key=lambda e: e.first_char)


# -- helpers -----------------------------------------------------------------

def _acts_unplaced(doc: Doc, name: Span) -> bool:
    """Whether the article has a name, where no preposition of position stands
    before it, act as the subject of a verb ("<Firm> said ..."): an organisation
    or a person. Only sentences of prose count: a title or heading parses badly."""
    texts = _view(doc).texts
    words = texts[name.start:name.end]
    n = len(words)
    for i in range(len(doc) - n + 1):
        if texts[i] != words[0] or texts[i:i + n] != words \
                or i > 0 and doc[i - 1].lower_ in POSITION_PREPOSITIONS:
            continue
        span = doc[i:i + n]
        if _acts(span) and span.root.head.lemma_ not in VENUE_STATE_VERBS \
                and span.sent[-1].text in (".", "!", "?", '"', "”"):
            return True
    return False


def _surname_of_a_person(doc: Doc, name: Span) -> bool:
    """Whether the words of a name close a longer name the model calls a person
    elsewhere in the article ("at <Surname>" after "<Given> <Surname>")."""
    words = [t.text for t in name]
    for ent in _ents(doc):
        if ent.label_ == "PERSON" and len(ent) > len(words) and [t.text for t in ent[-len(words):]] == words:
            return True
    return False


def _named_countries(context: dict[str, float]) -> list[str]:
    """The countries the article names, heaviest first."""
    return sorted((c for c, w in context.items() if w > 0), key=lambda c: -context[c])


def _after_person_noun(doc: Doc, start: int) -> bool:
    """Whether a name stands in apposition right after a noun for a person's office
    or relation: "his counterpart, <Name>", "the chairman, <Name>"."""
    return start >= 2 and doc[start - 1].text == "," and doc[start - 2].is_lower \
        and doc[start - 2].lower_ in PERSON_CUE_NOUNS


def _name_across_and(doc: Doc, start: int) -> int:
    """Where a venue's name opens when "and" joins two of its own words: "<City>
    <Name> Training and Research Hospital" is one hospital, while "<Name> Hospital and
    <Name> Hospital" are two (the words before "and" end with a head noun) and
    "<Town> and <Name> Hospital" is a list (one word before "and": a town, a person).
    Two or more capitalised words before "and", none a head noun, no comma."""
    if start < 3 or doc[start - 1].lower_ != "and" or not doc[start].text[:1].isupper():
        return start
    first = start - 1
    while first > 0 and start - 1 - first < 7 and doc[first - 1].text[:1].isupper() \
            and (doc[first - 1].is_alpha or doc[first - 1].text.endswith(".") and len(doc[first - 1]) <= 4) \
            and doc[first - 1].lower_ not in HEAD_NOUNS:  # ("<Name> Dr. <Given> <Surname> Training and ...")
        first -= 1
        if doc[first].is_sent_start:
            break
    if start - 1 - first < 2 or doc[start - 2].lower_ in HEAD_NOUNS \
            or not doc[first].is_sent_start and first > 0 and doc[first - 1].text[:1].isupper():
        return start
    if doc[first].is_sent_start and doc[first].lower_ in FUNCTION_WORDS:
        first += 1  # "The <Name> Training and Research Hospital" opening a sentence
    if any(e.label_ in ("GPE", "LOC") and _trim(e) == (first, start - 1) for e in _ents(doc)):
        return start  # "at <Place> and <Name> Hospital": the model's place, then the hospital
    return first if start - 1 - first >= 2 else start


def _numbered_venues(doc: Doc) -> list[PlaceMention]:
    """ "Building 7", "Terminal 2", "Hangar 4": a capitalised facility head noun and
    the number that names it are one venue (guidelines section 2: facility)."""
    view = _view(doc)
    texts, lowers = view.texts, view.lowers
    return [PlaceMention(i, i + 2, "rule", kind="facility", rule="numbered_venue", kind_sure=True)
            for i in range(len(texts) - 1)
            if texts[i + 1].isdigit() and len(texts[i + 1]) <= 4 and texts[i][:1].isupper() and texts[i][1:].islower()
            and HEAD_NOUNS.get(lowers[i], ("", ()))[0] == "facility" and "suffix" in HEAD_NOUNS[lowers[i]][1]]


def _media_noun_before(doc: Doc, start: int) -> bool:
    """Whether a name follows the noun of its medium: "the news agency <Name>",
    "the broadcaster <Name>", "the website <Name>" (even a town's name: a publisher)."""
    if start < 1 or not doc[start - 1].is_lower:
        return False
    before = doc[start - 1].lower_
    return before in MEDIA_NOUNS or before == "agency" and start >= 2 and doc[start - 2].lower_ == "news"


def _said_as_media(doc: Doc, m: PlaceMention) -> bool:
    """Whether a name is said as a website or agency: a media noun right after it
    ("the <Name> Center website") or opening its apposition ("<Name> Center, a
    website close to ...", "<Name>, the official news agency")."""
    i = m.end
    if i < len(doc) and doc[i].is_lower and doc[i].lower_ in MEDIA_NOUNS:
        return True
    if not (i + 2 < len(doc) and doc[i].text == ","):
        return False
    i += 1
    if doc[i].lower_ in ("the", "a", "an"):
        i += 1
    for k in range(i, min(i + 4, len(doc))):
        if doc[k].lower_ in MEDIA_NOUNS:
            return True
        if not (doc[k].is_alpha and doc[k].is_lower and doc[k].pos_ in ("ADJ", "NOUN")):
            return False
    return False


def _division_fits(head: Token, entry: GazetteerEntry) -> bool:
    """Whether "<Name> <head>" can be the first-level division <Name>: a noun of a
    level that may lie below ("county", "municipality") only where ISO calls that
    division so ("<Name> County" of a Kenyan county, not a US county named after
    its state)."""
    roles = HEAD_NOUNS.get(head.lower_, ("", ()))[1]
    return "sublevel" not in roles or head.lower_ in entry.division.lower()


def _english_words(lemmatizer) -> frozenset[str]:
    """The words of the lemmatizer's index (nouns, verbs, adjectives, adverbs)."""
    try:
        table = lemmatizer.lookups.get_table("lemma_index")
    except (AttributeError, KeyError):
        return frozenset()
    words: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        if pos in table:
            words.update(table[pos])
    return frozenset(words)


def _member_of(doc: Doc, start: int) -> bool:
    """ "a member of the <Name> ...", "the head of <Name> ...": a name of an
    organisation (the nouns of people's roles in ``appositive_nouns.tsv``)."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ == "of" and APPOSITIVE_KINDS.get(doc[i - 1].lower_) == NOT_A_PLACE


def _head_text(doc: Doc, m: PlaceMention) -> str:
    """The head noun of a rule's mention, lowercase ("lake" in "Lake <Name>")."""
    head = _head_of(m.span(doc), m.rule)
    return head.lower_ if head is not None else ""


def _trim(ent: Span) -> tuple[int, int]:
    """Token offsets of an entity without a leading "the" or a trailing "'s"."""
    start, end = ent.start, ent.end
    if start < end and ent.doc[start].lower_ == "the":
        start += 1
    if end > start and ent.doc[end - 1].text in POSSESSIVE_MARKS:
        end -= 1
    return start, end


def _acts_elsewhere(doc: Doc, name: Span, anywhere: bool = False, strict: bool = False) -> bool:
    """Whether the article uses ``name`` elsewhere, bare, as the subject of a
    verb or the agent after "by": an organisation ("<Firm> pulled its staff
    out"), whose "<Firm> plant" is no place's name. ``anywhere``: this
    occurrence counts too. ``strict``: only the active subject of a verb other
    than "be", "have" or a venue's state (a venue is "packed", "parked by", "was a
    bar", "stayed closed": ``venue_state_verbs.txt``)."""
    texts = _view(doc).texts
    words = texts[name.start:name.end]
    n = len(words)
    for i in range(len(doc) - n + 1):
        if i == name.start and not anywhere or texts[i] != words[0] or texts[i:i + n] != words:
            continue
        if i + n < len(doc) and texts[i + n].islower() and texts[i + n].lower() in HEAD_NOUNS:
            continue  # the same venue again
        root = doc[i:i + n].root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if strict:
            if root.dep_ == "nsubj" and root.head.lemma_ not in ("be", "have") \
                    and root.head.lemma_ not in VENUE_STATE_VERBS:
                return True
        elif root.dep_ in ACTING or root.dep_ == "pobj" and root.head.dep_ == "agent":
            return True
    return False


def _acts(span: Span) -> bool:
    """Whether a name is the active subject of a verb other than "be" or "have" here
    ("<Name> ordered the attack"; not "<Name> was a bar")."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ == "nsubj" and root.head.lemma_ not in ("be", "have")


def _head_of(span: Span, rule: str) -> Token | None:
    for token in (reversed(span) if rule in ("suffix_head", "possessive_head", "admin_head", "district_head",
                                             "common_head")
                  else span):
        if token._.place_roles:
            return token
    return None


def _longest_first(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Non-overlapping mentions: the longest wins, then the surest source."""
    taken: set[int] = set()
    out = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), -SOURCE_PRIORITY[m.source], m.start)):
        if any(i in taken for i in range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        out.append(m)
    return sorted(out, key=lambda m: m.start)


def _joined_to_name(doc: Doc, start: int, end: int) -> bool:
    """A capitalised name word right before or after: part of a longer name."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    for token in (before, after):
        if token is not None and token.text[:1].isupper() and token._.name_word \
                and not token.is_sent_start and token.text not in (",",):
            return True
    return False


_YEARISH = re.compile(r"^\d{4}(?:[\u2013\u2014-]\d{2,4})?$")


def _venue_said_again(doc: Doc, span: Span) -> bool:
    """A venue in the event's name ("the <Name> Arena bombing") is where the event
    took place, a place of the article, when the text also calls it by its
    head noun ("the arena"), which a city in an event's name cannot be."""
    head = span[-1].lower_
    if HEAD_NOUNS.get(head, ("",))[0] != "facility" or not span[-1].is_title:
        return False  # (a lowercase head names a kind: "the <Country> embassy bombings")
    return any(t.lower_ == head and t.is_lower and t.i > 0 and doc[t.i - 1].lower_ == "the" for t in doc)


def _in_event_name(doc: Doc, start: int, end: int) -> bool:
    """Whether a place is part of an event's name: "2009 Port Arlen attack",
    "the 2011-2013 Valdor crisis", "- Peru hostage crisis" (section 2)."""
    i = end
    if i < len(doc) and doc[i].is_lower and doc[i].is_alpha and doc[i].lower_ not in EVENT_NOUNS:
        i += 1  # one modifier: "hostage crisis"
    if i >= len(doc) or doc[i].lower_ not in EVENT_NOUNS:
        return False
    j = start - 1
    if j >= 2 and doc[j - 1].text in ("\u2013", "\u2014", "-") and _YEARISH.match(doc[j].text):
        j -= 2  # a range of years: "2011-2013"
    if j < 0:
        return True
    prev = doc[j]
    if _YEARISH.match(prev.text) or prev.lower_ in ("the", "a", "an") or prev.is_space:
        return True
    # a list item: "- Peru hostage crisis"
    return prev.text in ("-", "*", "\u2022") and (j == 0 or doc[j - 1].is_space or "\n" in doc[j - 1].whitespace_)


def _in_organisation_name(doc: Doc, start: int, end: int, in_places: set[int], depth: int = 0,
                          region: bool = False) -> bool:
    """Whether a place closes a longer capitalised name (section 2: a place that
    is only part of a name is no mention of it):

    * joined by "of" or "for": "... Front for the Defence of <Place>", "Supreme
      Court of <Place>"; not when that name is a place itself ("the old city of
      <Place>");
    * joined by "and" to a place that closes such a name: "Islamic Front of
      <Place> and the <Region>" (not a plain list: "<Country> and the <Region>");
    * joined by "in" when an acronym of the whole name follows: "Union for
      Peace in <Region> (UPR)", or when a region follows an organisation's
      name ("<Group> in <Region>" is a branch's name); "<Ministry> in <City>"
      says where the ministry is.
    """
    j = start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    if j < 1 or j - 1 in in_places:
        return False
    joiner = doc[j].lower_
    if joiner == "and":
        if depth or not doc[j - 1]._.name_word or not doc[j - 1].text[:1].isupper():
            return False
        k = j - 1  # the start of the name before "and"
        while k > 0 and doc[k - 1]._.name_word and doc[k - 1].text[:1].isupper() and k - 1 not in in_places:
            k -= 1
        return _in_organisation_name(doc, k, j, in_places, depth + 1)
    if joiner == "in":
        if region and any(e.label_ == "ORG" and e.end == j for e in _ents(doc)):
            return True
        if not (end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")"
                and doc[end + 1].is_upper and len(doc[end + 1]) >= 3):
            return False
    elif joiner not in ("of", "for"):
        return False
    if joiner == "of" and doc[j - 1].ent_type_ == "PERSON":
        return False  # "<Title> <Person> of <Country>": where the person is from, a mention of it
    if joiner == "of" and doc[j - 1].lower_ in PERSON_CUE_NOUNS:
        return False  # "the Chief Minister of <State>", "the Mayor of <City>": the office's place
    capitalised = 0
    j -= 1
    while j >= 0 and (doc[j]._.name_word or doc[j].lower_ in ("of", "for", "the", "and")):
        if doc[j].text[:1].isupper():
            if "of" in HEAD_NOUNS.get(doc[j].lower_, ("", ()))[1] and capitalised == 0:
                return False  # a place's own name: "Embassy of ...", "Gulf of ..."
            capitalised += 1
        j -= 1
    return capitalised >= 2


def _headline_ranges(doc: Doc) -> list[tuple[tuple[int, int], float]]:
    """Character ranges that say where the event took place, with their weight:
    the infobox's location, the title, the first sentence of the text."""
    article = doc._.article
    if article is None:
        return []
    layout = article.layout
    ranges = [((e.start_char, e.end_char), WEIGHT_LOCATION) for e in layout.infobox
              if e.key.strip().lower() in LOCATION_KEYS]
    if layout.title_span:
        ranges.append((tuple(layout.title_span), WEIGHT_HEADLINE))
    title_end = layout.title_span[1] if layout.title_span else 0
    for sent in doc.sents:
        if sent.start_char >= title_end and sent.text.strip() and len(sent) > 5 \
                and article.section_at(sent.start_char) not in ("Infobox",):
            ranges.append(((sent.start_char, sent.end_char), WEIGHT_HEADLINE))
            break
    return ranges


def _organisation_acronyms(doc: Doc) -> set[str]:
    """Acronyms the article defines for organisations: "People's Front (PF)"."""
    out = set()
    for ent in _ents(doc):
        e = ent.end
        if ent.label_ == "ORG" and e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" \
                and doc[e + 1].is_upper and doc[e + 1].is_alpha:
            out.add(doc[e + 1].text)
    return out


def _acting_facilities(doc: Doc, mentions: list[PlaceMention], gazetteer: Gazetteer) -> set[str]:
    """Names the model calls facilities that only ever act: the subject of a verb
    or the agent after "by" ("<Name> detained twenty suspects", "arrests by
    <Name>"): institutions, not buildings."""
    acting: dict[str, bool] = {}
    for m in mentions:
        if m.source != "ner":
            continue
        span = m.span(doc)
        if any(doc[i].ent_type_ != "FAC" for i in range(m.start, m.end)):
            continue
        key = fold(span.text)
        if key in acting and not acting[key] or gazetteer.candidates(span.text):
            acting[key] = False
            continue
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        acting[key] = root.dep_ in ACTING or root.dep_ == "pobj" and root.head.dep_ == "agent"
    return {key for key, acts in acting.items() if acts}


def _street_name_before(doc: Doc, head: int) -> int:
    """Where a street's name opens before a head of another language: the
    capitalised words right before it ("Mäster <Name>gatan", "<Given> <Name>s gata",
    "<Name>s torg"); ``head`` itself when there are none (guidelines section 2:
    the whole name is the street)."""
    start = head
    while start > 0 and head - start < 3 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha \
            and doc[start - 1].whitespace_ and doc[start - 1].ent_type_ not in ("DATE", "TIME", "NORP") \
            and not (doc[start - 1].is_sent_start and doc[start - 1].lower_ in FUNCTION_WORDS):
        start -= 1
    return start


def _in_place_list(doc: Doc, start: int, place_ends: set[int]) -> bool:
    """Whether a name follows a town or country in a list: "<City>, <Name>",
    "<City> and <Name>", "<City>, <Town>, and <Name>"."""
    before = doc[start - 1].text if start > 0 else ""
    return before in (",", "and") and start - 1 in place_ends \
        or before == "and" and start > 1 and doc[start - 2].text == "," and start - 2 in place_ends


def _person_particle_follows(doc: Doc, end: int) -> bool:
    """ "<Name> ben <Name>", "<Name> ould <Name>": the name is a person's."""
    return end + 1 < len(doc) and doc[end].text in PERSON_PARTICLES and doc[end + 1].text[:1].isupper()


_HEADING_MARKS = "#=*-: \t"


def _is_heading(text: str, span: Span) -> bool:
    """Whether a span is the whole of its line of ``text`` (the Doc's), apart from
    heading marks: a section's title such as "## Background"."""
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:span.start_char].strip(_HEADING_MARKS) \
        and not text[span.end_char:line_end].strip(_HEADING_MARKS)


def _said_as_place(doc: Doc, start: int) -> bool:
    """Whether a name the model calls a person stands where places do: after a
    preposition ("fired from <Name>", "in the <Name>") or in a list of names
    ("<City>, <Name>")."""
    if start == 0:
        return False
    before = doc[start - 2].lower_ if doc[start - 1].lower_ == "the" and start > 1 else doc[start - 1].lower_
    return _after_place_preposition(doc, start) \
        or before == "," and start > 1 and doc[start - 2].text[:1].isupper()


def _after_motion_verb(doc: Doc, start: int) -> bool:
    """Whether a name follows a verb of travel and "for" ("sailed for <Name>",
    "bound for <Name>") or a verb of leaving ("fled <Name>", "left <Name>"): a
    place's position, like after "in" or "from"."""
    k = start - 1
    if k > 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1:
        return False
    if doc[k].lower_ == "for":
        verb = doc[k - 1]
        return verb.lemma_.lower() in MOTION_FOR_VERBS or verb.lower_ in MOTION_FOR_VERBS
    return doc[k].pos_ == "VERB" and doc[k].lemma_.lower() in LEAVING_VERBS


def _street_cue(doc: Doc, name: Span) -> bool:
    """Whether the article says a name somewhere as a street: after a preposition of
    position ("on <Name> Crescent", "at the <Name> Grove") or a house number ("4 <Name>
    Crescent")."""
    text = article_text(doc)
    for found in re.finditer(re.escape(name.text), text):
        span = doc.char_span(found.start(), found.end())
        if span is None or span.start == 0:
            continue
        k = span.start - 1
        if doc[k].lower_ == "the" and k > 0:
            k -= 1
        if doc[k].lower_ in STREET_PREPOSITIONS or doc[span.start - 1].like_num:
            return True
        # located by what follows: "<Name> Crescent on the southern edge of <Town>"
        after = [t.lower_ for t in doc[span.end:span.end + 6]]
        if after[:2] in (["on", "the"], ["at", "the"]) and "of" in after[3:] and \
                any(w in EDGE_NOUNS for w in after[2:after.index("of", 3)]):
            return True
    return False


def _after_place_preposition(doc: Doc, start: int) -> bool:
    """Whether a name follows a preposition of place ("in <Name>", "from the <Name>")."""
    k = start - 1
    if k > 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 0 and doc[k].lower_ in PLACE_PREPOSITIONS or _after_motion_verb(doc, start)


def _person_by_context(doc: Doc, start: int, end: int) -> bool:
    """A name the model calls a person, said of a person: "directed by <Name>"."""
    if not any(e.label_ == "PERSON" and e.start <= start and end <= e.end for e in _ents(doc)):
        return False
    return start > 0 and doc[start - 1].lower_ == "by"


def _qualifying_city(doc: Doc, m: PlaceMention) -> list[PlaceMention]:
    """The city that qualifies an embassy's name is named too: "Irbid" in "the
    Portuguese embassy in Irbid", "Embassy of Iceland, Irbid"."""
    if m.rule not in ("diplomatic_in_city", "of_head_city") or m.city is None:
        return []
    span = m.span(doc)
    at = max(t.i for t in span if (t.lower_ == "in" if m.rule == "diplomatic_in_city" else t.text == ","))
    return [PlaceMention(at + 1, m.end, "rule", kind="city", entry=m.city, country=m.city.country)]


def _short_forms(doc: Doc, m: PlaceMention) -> tuple[str, ...]:
    """The name without the qualifier a rule matched with it."""
    span = m.span(doc)
    if m.rule == "common_head":
        cut = next(t.i for t in reversed(span) if t.text[:1].isupper())
        return (doc[m.start:cut + 1].text,)
    if m.rule in ("admin_head", "district_head") and span[-1].is_lower:
        return (doc[m.start:m.end - 1].text,)
    if m.rule == "diplomatic_in_city":
        at = max(t.i for t in span if t.lower_ == "in")
        return (doc[m.start:at].text,)
    if m.rule == "of_head_city":
        at = max(t.i for t in span if t.text == ",")
        return (doc[m.start:at].text,)
    return ()


def _appositive_kind(doc: Doc, m: PlaceMention) -> str:
    """The kind an apposition gives: "Marbury, the district at ..." -> district;
    "the suburb of Elmsby", "Elmsby, in the north of the city" -> district; "Valdor, Peru's highest court" ->
    "-", no place at all."""
    noun = doc[m.start - 2].lower_ if m.start >= 2 else ""
    if doc[m.start - 1].lower_ == "of" and noun in APPOSITIVE_KINDS \
            and (APPOSITIVE_KINDS[noun] not in ("facility", "other") or noun in OF_KINDS) \
            and (m.start < 3 or doc[m.start - 3].lower_ in ("the", "a", "an")):
        return APPOSITIVE_KINDS[noun]  # (not "the headquarters of <Name>": a facility's owner)
    i = m.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return ""
    i += 1
    # "<Name>, in the north of the city", "<Name>, north of the city centre": a part of the city
    after = [t.lower_ for t in doc[i:min(i + 8, len(doc))]]
    part_of_city = any(word in COMPASS_WORDS and after[k + 1:k + 4] == ["of", "the", "city"]
                       for k, word in enumerate(after[:4]))
    if doc[i].lower_ in ("the", "a", "an"):
        i += 1
    for k in range(i, min(i + 6, len(doc))):
        kind = APPOSITIVE_KINDS.get(doc[k].lower_)
        if kind and k == i and doc[k].is_title and k + 1 < len(doc) and doc[k + 1].is_title \
                and "admin_prefix" in HEAD_NOUNS.get(doc[k].lower_, ("", ()))[1]:
            return ""  # "<Town>, County <Name>": the county the town lies in, no apposition
        if kind and not (k + 1 < len(doc) and doc[k + 1].text == "-" and not doc[k].whitespace_):
            return kind  # (first: "<Name>, a town east of the city"; not "a state-owned firm")
        if doc[k].text in ("'s", "\u2019s") and k > i:
            continue  # "<Country>'s highest court"
        if not doc[k].is_alpha or doc[k].pos_ not in ("ADJ", "NOUN", "PROPN"):
            break
    return "district" if part_of_city else ""


def _acronyms(doc: Doc, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """An acronym in parentheses right after a place's name is that place:
    "Central Union Station (CUS)" (guidelines sections 1 and 2)."""
    out = []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        i = m.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and i + 1 not in taken:
            acronym = doc[i + 1].text
            initials = "".join(t.text[0] for t in m.span(doc) if t.text[:1].isupper())
            if acronym.isupper() and len(acronym) >= 2 and acronym == initials:
                out.append(PlaceMention(i + 1, i + 2, m.source, kind=m.kind, same_as=m))
    return out


def _group_embassies(mentions: list[PlaceMention]) -> list[PlaceGroup]:
    """Embassies are one place per sending country and city: "the Portuguese embassy",
    "the Lima embassy" and "Embassy of Portugal, Lima" are one
    when the article names one Portuguese embassy, in Lima."""
    full: dict[tuple[str, str], PlaceGroup] = {}
    partial: list[PlaceMention] = []
    for m in mentions:
        if m.sender and m.city is not None:
            full.setdefault((m.sender, m.city.identity), PlaceGroup(kind="facility")).mentions.append(m)
        else:
            partial.append(m)
    by_sender = defaultdict(list)
    by_city = defaultdict(list)
    for (sender, city), g in full.items():
        by_sender[sender].append(g)
        by_city[city].append(g)
    loose: dict[tuple, PlaceGroup] = {}
    for m in partial:
        if m.sender:
            owners = by_sender.get(m.sender, [])
            key = ("sender", m.sender)
        else:
            owners = by_city.get(m.city.identity, [])
            key = ("city", m.city.identity)
        if len(owners) == 1:
            owners[0].mentions.append(m)
        else:
            loose.setdefault(key, PlaceGroup(kind="facility")).mentions.append(m)
    # With no full name, one embassy named by its sender and one by its city
    # are the same when there is one of each.
    senders = [k for k in loose if k[0] == "sender"]
    cities = [k for k in loose if k[0] == "city"]
    if len(senders) == 1 and len(cities) == 1 and not full:
        loose[senders[0]].mentions.extend(loose.pop(cities[0]).mentions)
    return list(full.values()) + list(loose.values())


def _merge_province_names(doc: Doc, groups: list[PlaceGroup]) -> list[PlaceGroup]:
    """"Valdor" after "Valdor province" is that province (guidelines section 2);
    "Marbury" after "the Marbury district" that district."""
    provinces = {}
    sublevel = set()  # "<Name> County": a town <Name> the gazetteer knows is a place of its own
    for g in groups:
        if g.kind in ("admin", "district"):
            for m in g.mentions:
                if m.rule == "admin_prefix":  # "<Name>" after "County <Name>"
                    provinces.setdefault(fold(doc[m.start + 1:m.end].text), g)
                elif m.source == "rule" and m.end - m.start > 1:
                    provinces.setdefault(fold(doc[m.start:m.end - 1].text), g)
                    if "sublevel" in doc[m.end - 1]._.place_roles:
                        sublevel.add(id(g))
        elif g.kind == "facility":  # "<Town>" after "<Town> air base": the base
            for m in g.mentions:
                if m.rule == "common_head" and "modified" in doc[m.end - 1]._.place_roles:
                    provinces.setdefault(fold(doc[m.start:m.name_end].text), g)
    if not provinces:
        return groups
    out = []
    merged: dict[int, PlaceGroup] = {}  # id of a group merged away -> the group that took it
    for g in groups:
        keys = {fold(m.span(doc).text) for m in g.mentions}
        owner = next((provinces[k] for k in sorted(keys) if k in provinces and provinces[k] is not g), None)
        while owner is not None and id(owner) in merged:
            owner = merged[id(owner)]
        if owner is g or owner is not None and g.entry is not None and g.entry.kind == "admin" \
                and g.entry != owner.entry:
            owner = None  # a state is no county named after it
        if owner is not None and owner.kind == "facility" and g.entry is not None \
                and g.entry.population >= NAMED_CITY:
            owner = None  # a city of its own, not only its base
        if owner is not None and id(owner) in sublevel and g.entry is not None and g.entry.kind == "city":
            owner = None  # the county seat, not the county
        if owner is not None and owner.kind == "admin" and g.entry is not None and g.entry.kind == "city" \
                and g.entry.population >= BIG_CITY:
            owner = None  # a city of a million goes by its own name; its province is said with the head
        if owner is not None and owner.kind in ("admin", "district") and g.kind == "city" \
                and any(m.kind_sure and m.kind == "city" for m in g.mentions):
            owner = None  # "the city of <Name>", "the towns of <Name> and ...": the text says the town
        if owner is not None and (g.kind in ("city", "admin", "district")
                                  or g.kind == "facility" and owner.kind == "facility" and g.entry is None):
            owner.mentions.extend(g.mentions)
            merged[id(g)] = owner
        else:
            out.append(g)
    return out


def _merge_same_names(doc: Doc, groups: list[PlaceGroup]) -> list[PlaceGroup]:
    """One name, one place within an article (guidelines section 2: one entry per
    place): a bare name said again where the gazetteer could not be asked, or
    read as a province from a list ("<Town>, <Town> and other provinces"), is the
    place the article first meant by that name. Two places the
    gazetteer puts in different countries stay apart (a country and a namesake
    state abroad)."""
    view = _view(doc)
    owners: dict[str, PlaceGroup] = {}
    out: list[PlaceGroup] = []
    for g in sorted(groups, key=lambda g: min(m.start for m in g.mentions)):
        if g.kind not in AREA_KINDS or any(m.sender for m in g.mentions):
            out.append(g)
            continue
        keys = {fold(view.text(m.start, m.end)) for m in g.mentions
                if not m.canonical and not m.partial and not m.excluded}
        owner = next((owners[k] for k in sorted(keys) if k in owners), None)
        if owner is not None and g.entry is not None and owner.entry is not None \
                and g.entry.country != owner.entry.country:
            owner = None
        if owner is None:
            for k in keys:
                owners.setdefault(k, g)
            out.append(g)
            continue
        owner.mentions.extend(g.mentions)
    return sorted(out, key=lambda g: min(m.start for m in g.mentions))


def _merge_short_forms(doc: Doc, groups: list[PlaceGroup]) -> list[PlaceGroup]:
    """A facility's shortened name is that facility: "the Meridian" after "the
    Meridian Grand hotel", when exactly one facility name starts that way."""
    facilities = [g for g in groups if g.kind in ("facility", "district")]
    out = []
    for g in groups:
        if g.kind in ("country", "region", "admin") or g.entry is not None and g.entry.population >= NAMED_CITY:
            out.append(g)
            continue
        words = {tuple(name_key(m.span(doc).text).split()) for m in g.mentions}
        # the model's facility may also be the middle of the name ("<City> <Name> Airport")
        inside = g.kind == "facility" and all(m.source != "rule" for m in g.mentions)
        owners = [f for f in facilities if f is not g and any(
            len(w) < len(fw) and (fw[:len(w)] == w or inside and any(
                fw[k:k + len(w)] == w for k in range(1, len(fw) - len(w) + 1)))
            for w in words for fw in {tuple(name_key(m.span(doc).text).split()) for m in f.mentions})]
        after_the = any(m.start > 0 and doc[m.start - 1].lower_ == "the" for m in g.mentions)
        # "<Name> station" said again as "<Name>", a name the gazetteer does not know:
        # the station (a known town of the name stays the town)
        served = len(owners) == 1 and g.entry is None and not any(m.kind_sure for m in g.mentions) and all(
            "own_name" in doc[m.end - 1]._.place_roles and doc[m.end - 1].is_lower for m in owners[0].mentions
            if m.source == "rule")
        if len(owners) == 1 and (after_the or served or inside) and all(m.source != "rule" for m in g.mentions):
            owners[0].mentions.extend(g.mentions)
        else:
            out.append(g)
    return out


def _merge_premises(doc: Doc, groups: list[PlaceGroup]) -> list[PlaceGroup]:
    """An organisation's building said again with another premises noun, or with
    its owner's name cut before "of" ("the <Bank> of <Country> headquarters" ...
    "the <Bank> building"), is that building."""
    def owner(m: PlaceMention) -> tuple[str, ...] | None:
        span = m.span(doc)
        if len(span) < 2 or "premises" not in span[-1]._.place_roles:
            return None
        return tuple(name_key(span[:-1].text).split()) or None

    def same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        short, long = sorted((a, b), key=len)
        return short == long or long[:len(short)] == short and long[len(short)] == "of"

    out: list[PlaceGroup] = []
    for g in groups:
        keys = {owner(m) for m in g.mentions} - {None} if g.kind == "facility" and g.entry is None else set()
        target = next((h for h in out if h.kind == "facility" and h.entry is None and any(
            same(k, hk) for k in keys for hk in {owner(m) for m in h.mentions} - {None})), None)
        if target is not None:
            target.mentions.extend(g.mentions)
        else:
            out.append(g)
    return out


def _parts_of_cities(groups: list[PlaceGroup], gazetteer: Gazetteer) -> None:
    """A town GeoNames lists on its own that lies a few kilometres from the centre
    of a far bigger city the article names is a part of that city (a commune or
    borough of a capital): a district (guidelines section 2), unless the words
    said its kind, or it is a country's capital (a city of its own beside a bigger
    one)."""
    cities = [g.entry for g in groups if g.kind == "city" and g.entry is not None and g.entry.latitude is not None]
    if len(cities) < 2:
        return
    for g in groups:
        e = g.entry
        if g.kind != "city" or e is None or e.latitude is None or any(m.kind_sure for m in g.mentions) \
                or gazetteer.is_capital(e):
            continue
        if any(big.country == e.country and big.population >= PART_OF_CITY_RATIO * max(e.population, 1)
               and _km(e, big) <= _city_radius(big) for big in cities):
            g.kind = "district"


def _city_radius(city: GazetteerEntry) -> float:
    """How far from a city's centre its districts reach, in kilometres."""
    grown = PART_OF_CITY_KM_PER_SQRT_MILLION * math.sqrt(city.population / 1e6)
    return min(PART_OF_CITY_MAX_KM, max(PART_OF_CITY_KM, grown))


def _km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Great-circle distance between two gazetteer places."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


_NAME_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")


def _name_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _NAME_SPLIT.split(name_key(text)) if w)


def _is_part_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether ``short`` is ``long`` with words left out, keeping its first or last
    word: "Federal Republic" of "Federal Republic of Germany", "<Name> station"
    of "<Name> metro station", "<Surname> Building" of "<Given> <Surname> Federal
    Building", "<Name>" of "<Name>-Saint-<Name>"."""
    if len(short) >= len(long) or short[0] != long[0] and short[-1] != long[-1]:
        return False
    words = iter(long)
    if not all(w in words for w in short):
        return False
    left_out = list(long)
    for w in short:
        left_out.remove(w)
    # "<District> Causeway" is a street named after the district, not its long name
    # (but "<Name> station" is "<Name> metro station": the same head closes both)
    return short[-1] == long[-1] or not all(w in HEAD_NOUNS for w in left_out)


def _splits_a_word(short: tuple[str, ...], long_text: str) -> bool:
    """Whether ``short`` keeps only part of a hyphenated word of ``long_text``."""
    for word in long_text.split():
        parts = [p for p in re.split(r"[\-\u2010\u2011]+", name_key(word)) if p]
        if len(parts) > 1 and any(p in short for p in parts) and not all(p in short for p in parts):
            return True
    return False


def _names_place_and_head(gazetteer: Gazetteer, words: tuple[str, ...]) -> bool:
    """ "<City> Airport": a known place and head nouns, a whole name of its own."""
    k = len(words)
    while k > 0 and words[k - 1] in HEAD_NOUNS:
        k -= 1
    if k == len(words) or k == 0:
        return False
    found = gazetteer.resolve(" ".join(words[:k]))
    return found is not None and found.primary


def _merge_name_parts(doc: Doc, groups: list[PlaceGroup], gazetteer: Gazetteer) -> list[PlaceGroup]:
    """A name the gazetteer does not know that is part of exactly one longer name
    of the article is that place: its short form (guidelines section 2, aliases),
    unless it is a whole name of its own ("<City> Airport" beside "<City> <Name>
    Airport")."""
    names = {id(g): {_name_words(m.canonical or m.span(doc).text) for m in g.mentions} for g in groups}
    out = []
    merged: dict[int, PlaceGroup] = {}
    for g in groups:
        if g.entry is not None or g.kind in ("country", "region", "admin") \
                or g.kind != "facility" and any(m.source == "rule" for m in g.mentions):
            out.append(g)
            continue
        shorts = {w for w in names[id(g)] if w and any(word not in HEAD_NOUNS for word in w)
                  and not _names_place_and_head(gazetteer, w)}
        owners = [h for h in groups if h is not g and any(
            _is_part_of(short, long) for short in shorts for long in names[id(h)] if long)]
        if len(owners) == 1 and any(_splits_a_word(short, m.canonical or m.span(doc).text)
                                    for short in shorts if short[-1] in HEAD_NOUNS for m in owners[0].mentions):
            owners = []  # "<Name> station" beside "<Prefix>-<Name> station": two stations
        if len(owners) != 1:
            out.append(g)
            continue
        if any(m.start > 0 and doc[m.start - 1].lower_ in ("in", "at") and om.end == m.start - 1
               for m in g.mentions for om in owners[0].mentions):
            out.append(g)  # "the <Name> Centre in <Name>": where the venue is, a place of its own
            continue
        owner = owners[0]
        while id(owner) in merged:
            owner = merged[id(owner)]
        owner.mentions.extend(g.mentions)
        merged[id(g)] = owner
    return out


def _after_locative(doc: Doc, m: PlaceMention, by_token: dict[int, PlaceGroup], own: PlaceGroup) -> str:
    """The country of the place said right after: "Aviano Air Base in Italy";
    "<Venue>, <City>" when that is a town, province or country the gazetteer knows."""
    i = m.end
    if i + 1 < len(doc) and doc[i].text == ",":
        other = by_token.get(i + 1)
        if other is not None and other is not own and other.entry is not None \
                and other.kind in ("city", "admin", "country") and min(x.start for x in other.mentions
                                                                       if x.start >= i + 1) == i + 1:
            return other.entry.country
    if i < len(doc) and doc[i].lower_ in LOCATIVE:
        i += 1
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        other = by_token.get(i)
        if other is not None and other is not own:
            if other.entry is not None and other.kind not in ("facility", "district"):
                return other.entry.country
            return next((x.country or (x.entry.country if x.entry else "") for x in other.mentions
                         if x.country or x.entry), "")
    return ""


def _nearest_city_country(doc: Doc, m: PlaceMention, by_token: dict[int, PlaceGroup], own: PlaceGroup) -> str:
    """The country of the nearest city or province in the same sentence, a few words away."""
    sent = doc[m.start].sent
    best, best_distance = "", None
    for i in range(sent.start, sent.end):
        other = by_token.get(i)
        if other is None or other is own or other.entry is None or other.kind not in ("city", "admin"):
            continue
        distance = min(abs(i - m.start), abs(i - m.end))
        if distance <= NEAR_TOKENS and (best_distance is None or distance < best_distance):
            best, best_distance = other.entry.country, distance
    return best


@Language.factory("extract_places", default_config={"labels": ["GPE", "LOC", "FAC"], "rules": None})
def make_place_finder(nlp: Language, name: str, labels: list[str], rules: str | None) -> PlaceFinder:
    """``labels``: the model's place labels; ``rules``: a folder laid out as
    ``resources/places/`` (the default)."""
    return PlaceFinder(nlp, name, labels, rules)
