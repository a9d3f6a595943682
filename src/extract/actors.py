"""Actors: persons, organisations and groups, once each (guidelines section 1).

Mentions come from four sources, each recorded as the mention's ``source``:

* ``ner``: spaCy's PERSON and ORG entities (and GPE/LOC/FAC ones that the
  article itself shows to be actors), with their edges repaired: whole words
  ("Liwa'a", "Tanzim-ul-Fajr"), no leading "the", no trailing possessive,
  no title ("Rabbi X" is X with the role "Rabbi"; "the Archbishop of X" is an
  office), no model number ("Navy P-8"), no parenthesis, parted at commas;
  a particle joins the given name before it ("Karim ben Said"); an unfamiliar
  given name the model took for a nationality starts a personal name;
* ``rule``: a name after a title ("Police Constable X", "Minister for Tarvin
  X"), numbered and named units ("41st Mountain Brigade", "D Company",
  "Gendarmerie Royale", "X Jamaat"), names beside a type, unit or member noun
  ("the party X", "the X detachment", "the X and Y units", "X fighters"),
  institutions named by a nationality ("the Chilean government"), a name
  before an acronym in parentheses, a name in an apposition with an
  organisation noun ("a charity, Bread for Tomorrow, which"), a quoted name
  before one ('the "Red Dawn" militia'), capitals the model leaves untagged
  when their context says they act or have members ("X said", "X officers"),
  and groups (unnamed collectives) from role nouns;
* ``infobox``: values of infobox keys that name actors (Perpetrator,
  Belligerents, Commander...); the values of other keys name none;
* ``alias``: acronyms in parentheses and names after "known as" cues.

A name before an acronym in parentheses is the one whose initials best spell
it, in order or, for a translated name, in any order; it may run through
"and" only when they spell it well.

Mentions are then grouped into actors by document-level evidence: the same
name (ignoring "the", possessives, case, periods), a nationality prefix
("French <Institution> Ministry" = "<Institution> Ministry"), a nationality with a state
institution ("the Chilean army" = the one Chilean army the article names), a
shorter form of a longer organisation name (but not a parent of its unit), an
acronym of the initials of a name, a surname or given name of a person named
in full (a surname two persons share going to the one named nearest before).
Each actor's ``kind`` is voted over all its mentions, what the sentence says
(a title, an organisation head noun or word, an acronym, an apposition "X, a
militia" / "his nephew, X,", "X, 26,", "X, who" / "X, which", "X's brother")
outweighing spaCy's label. Places (found by the places component, which runs
first, or known to the gazetteer) are left to places (section 2), unless the
words around a name say it is an organisation.

Things are no actors: a maker before a model number ("X 727"), vehicles
counted ("two X", "a pair of X", "a 1977 X Y"), what a person owns ("his
battered X"), a substance by weight ("15 kilograms of X"), faiths, time zones;
but an acronym the model calls an organisation owns the facility after it
("an X airfield"). Names are made whole: "Office of the <title>", a name opened
by a day and month, "Bureau of A, B and C", numbered units ("Squadron 42",
"1st Battalion 8th X", "24th X (24th ACR)"), an infobox name with "and" that the
article writes whole; they never run across a title before a person ("X County
District Attorney Y") nor across nationalities after "of"; an inquiry's name
runs on through what it looks into ("Commission of Inquiry into the X at Y");
a person the model split after a short entity ("the <nationality> A | B C") or
at a hyphen ("A-B C") is joined again.

Precision on unseen text: parts of a place's name are no actors (its short form
"X" of "X Mosque", "St X's Square", a lone "Masjid", a name a cue gives to a
hall or a ridge); nor a plural common noun capitalised only by its position,
nor one word written once that only the model's label calls a person and that
neither acts nor is an agent, nor what a battle is fought for. The fullest
form's votes decide a person's kind over the surname repeated alone.

Document-level consistency: names listed only with persons ("A, B and the chemist C")
are persons, as is a plain name sharing a person's surname; a name an apposition calls
a village is that place wherever it is written; the fullest form's votes decide a
person's kind over a surname the model took for a place; a shorter name is no short
form of a longer one that adds a body's own name ("X" / "X Standing Council"), while an
acronym opening a name equals its spelled-out form ("UT Police" = "Upper Tarvin Police");
a unit's name stops before "of" its parent force. A peer's title stays in the name
("Lord X of Y").

Groups come from one vocabulary of person and role nouns (any plural whose
lemma is one is a collective), from adjectives heading a noun phrase ("the
wounded", "the British dead"), from the people of a place ("Berliners"), from a
person's kin ("X's family"), and keep a participle or "in" phrase that says
which ones, the short form becoming an alias.

An office named after what it heads ("Director of Public Prosecutions") before a name
the model tags as a person's is that person's role; a name an acronym spells may run
through "in" a region ("X in the Northern Peninsula (XNP)"); a name closed by the
acronym of another name's last words is that name ("Northern NLF").

Names coordinated under one plural noun are each one of what it says ("the A and B
hotels" are places wherever the article writes them, "the A and B bombings" events,
"the A and B companies" organisations; also "two ships, the A and the B"); a person the
model cut in two at a particle ("A El | B Ben C") or around an untagged middle name is
one; an office a title heads before "of"/"for" ("the UN Special Envoy for X") and "the
X Museum in Y" are no actors.

General lexicons for unseen text: titles of many countries' offices, courts, faiths and
ranks; company closing words ("X Cruises", "X Holdings"); nationality nouns the places'
table lacks ("Britons", "Burkinabé"); the public given-name dictionary of the
``gender-guesser`` package: "<Given name> <Name>" the model calls an organisation is a
person's, a common noun that is no given name before a person's name is a title, and a lone
given name before "and" and a full name shares its surname ("Lena and Maria Varga"); an
apposition headed by an occupation the lists lack, known by its ending ("X, a florist"),
says X is a person. A faction's letter or adjective in parentheses after an organisation's
name ends that name ("the X League (N)"). A lone capitalised word the model leaves untagged
(or calls a product) right after a lowercase person noun is a person's single or pen name
("the cartoonist X"), and so is each one of a list after a plural one ("the cartoonists
X, Y and Z"). A body named after two places keeps both ("<Place> and <Place> Police"); a lone state
institution ("the Army") is the one longer name the article gives it ("the X Army").

Speed: the pattern Matcher runs only within each pattern's reach of its anchor words
(``AnchoredMatcher``), and tokens, sentences, entities and the text are read once per Doc.

Every rule is data under ``resources/actors/`` (see its README); the code
here holds the mechanisms only.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import numpy
from spacy.attrs import ENT_TYPE, IS_DIGIT, IS_LOWER, IS_TITLE, IS_UPPER, LEMMA, LOWER, ORTH, POS, SENT_START, SHAPE, TAG
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.symbols import PROPN as POS_PROPN
from spacy.tokens import Doc, Span, Token

from .entities import APOSTROPHES, Entity, EntityMention, choose_name, name_key
from .gazetteer import Gazetteer
from .given_names import given_names
from .rules import FolderRules
from .sections import INFOBOX_START, MARKDOWN_HEADING, WIKI_HEADING, WIKI_TITLE, article_text

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)

RESOURCES = Path(__file__).parent / "resources" / "actors"

PERSON, ORGANIZATION, GROUP = "person", "organization", "group"
PLACE = "place"  # a vote that a name is a place, never an actor kind
NATIONALITY_HEAD = "<nationality>"  # an apposition that is a nationality noun ("X, a Chilean")
KIND_BY_LABEL = {"PERSON": PERSON, "ORG": ORGANIZATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
CANDIDATE_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
#: labels the model gives a lone pen name or single name it does not know as a person's
#: ("the cartoonist X" read as a product); none of them an actor's or a place's by itself
UNTAGGED_NAME_LABELS = ("", "PRODUCT", "WORK_OF_ART", "FAC")

POSSESSIVES = ("'s", "\u2019s", "'", "\u2019")
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
ROMAN_NUMERAL = re.compile(r"^[IVXLC]+$")
#: A model number after a maker's name ("X 727", "X 707s", "X 747-400"); not "X P-8".
MODEL_NUMBER = re.compile(r"^\d{2,4}(-\d{1,4})?[A-Za-z]{0,3}$")
# a maker's letters and a model number: "F-16", "Mi-8", "Tu-154", "AK-47" (aircraft, weapons)
MODEL_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Za-z]{0,2}$")
#: German and Dutch compounds that end in a word for a unit ("Sondergruppe", "Sturmkommando").
UNIT_COMPOUND = re.compile(r"^\w{3,}(gruppe|kommando|einheit|staffel|abteilung|bataillon|regiment|brigade|korps|dienst)$")
#: A unit's number in any of the languages it is written in ("24th", "1er", "9e", "3rd").
NUMBERED = re.compile(r"^\d{1,3}(st|nd|rd|th|er|re|e|ème|º|°)?$", re.IGNORECASE)
#: A name that opens with an elided French or Italian particle ("d'Estaing").
ELIDED_PARTICLE = re.compile(r"^[dl]['\u2019][A-ZÀ-Þ]")
MIDDLE_INITIAL = re.compile(r"^[A-Z]\.$")
#: letters of any alphabet ("KDÜ", "ÖVP"), "&", "." and "-"
ACRONYM = re.compile(r"^[^\W\d_](?:[^\W\d_]|[&.\-]){1,14}$")
#: Lowercase words that say "the state's own" before a state institution ("the federal government").
FEDERAL_WORDS = frozenset({"federal", "central", "national"})
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    """"NLF", "TuF", "JTF-NE-CR": one word, mostly capitals."""
    if not ACRONYM.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if sum(c.isupper() for c in letters) < 2:
        return False
    return sum(c.isupper() for c in letters) * 2 >= len(letters) and not text.istitle()
HYPHENS = ("-", "\u2010", "\u2011")
#: Endings of adjectives of nationality, ethnicity, creed or creed's followers
#: ("Ossetian", "Salafist", "Alawite", "Yazidi"): such a word before "militia" is
#: an affiliation, not a unit's name.
AFFILIATION_SUFFIXES = ("ian", "ist", "ite", "ese", "ish", "i")
OPENING_QUOTES = ('"', "\u201c")
CLOSING_QUOTES = ('"', "\u201d")
PERSONAL_PRONOUNS = ("he", "him", "his", "she", "her", "himself", "herself")
#: How well the initials of a name running through "and" must spell the acronym
#: after it for "and" to be part of the name (see ``_spelling``).
ACRONYM_ACROSS_AND = 0.6
#: Lowercase words that join the parts of a name ("Front for the Defence of X").
NAME_CONNECTORS = ("of", "for", "in", "on", "at", "to", "the", "and", "&")
#: what an inquiry is called, before "into" and what it looks into (guidelines section 1: fullest name)
INQUIRY_WORDS = ("inquiry", "enquiry", "investigation", "commission")
DASHES = ("\u2013", "\u2014")


# --- a matcher run only where its patterns can match ------------------------------------


#: Words too common to say where a pattern may match ("the", "of", ","): never an anchor.
COMMON_ANCHOR_WORDS = frozenset(NAME_CONNECTORS) | {"'s", "\u2019s", ",", "."}
#: Token attributes an anchor may be known by, and the ``Doc.to_array`` column of each.
ANCHOR_ATTRS = {"LOWER": 0, "ORTH": 1, "SHAPE": 2}


def _max_repeats(op: str | None) -> float:
    """The most tokens one pattern token can take ("{0,3}" -> 3, "+" -> infinite)."""
    if op in (None, "!", "?"):
        return 1
    if op in ("*", "+"):
        return float("inf")
    bounds = op.strip("{}").split(",")
    return float("inf") if bounds[-1] == "" else int(bounds[-1])


class AnchoredMatcher:
    """spaCy's ``Matcher``, run only over the stretches of a Doc where a match can lie.

    The Matcher starts every pattern at every token, which costs more than all the
    rest of the component; yet each pattern here needs one word of a known list (its
    anchor: the "brigade" of "41st Mountain Brigade", the "which" of "the X, which"),
    with the pattern's fixed tokens right beside it. A match therefore lies within the
    pattern's reach before and after such a word; the matcher runs over those
    stretches only, merged where they touch. The matches, and their order, are those
    of the whole Doc. A pattern with no anchor, or with an unbounded token that is not
    an entity's run before it, is matched everywhere.
    """

    def __init__(self, vocab):
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        #: per pattern: (tests, reach before, reach after, unbounded entity run before),
        #: each test (offset from the anchor, attr column or -1, word list id, is title, is lowercase)
        self.anchors: list[tuple | None] = []
        #: the word lists the tests need, each once: attr column -> word hash -> bits of its lists
        self.word_lists: list[tuple[int, frozenset[str]]] = []
        self.list_bits: dict[int, dict[int, int]] = {}

    def add(self, key: str, pattern: list[dict]) -> None:
        self.matcher.add(key, [pattern])
        self.anchors.append(self._anchor(pattern))

    def _test(self, spec: dict, offset: int) -> tuple | None:
        """What a fixed pattern token needs, in ``Doc.to_array`` terms (None: nothing known)."""
        column, list_id = -1, None
        for attr, col in ANCHOR_ATTRS.items():
            value = spec.get(attr)
            words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
            if words and len(self.word_lists) < 62:  # (a bit each in an int64; beyond, no test)
                column = col
                key = (col, frozenset(words))
                if key not in self.word_lists:
                    self.word_lists.append(key)
                    bit = 1 << (len(self.word_lists) - 1)
                    table = self.list_bits.setdefault(col, {})
                    for word in key[1]:
                        h = self.vocab.strings.add(word)
                        table[h] = table.get(h, 0) | bit
                list_id = self.word_lists.index(key)
                break
        title, lower = spec.get("IS_TITLE"), spec.get("IS_LOWER")
        if list_id is None and title is None and lower is None:
            return None
        return offset, column, list_id, title, lower

    def _anchor(self, pattern: list[dict]) -> tuple | None:
        best = None
        for k, spec in enumerate(pattern):
            if spec.get("OP") is not None:
                continue
            for attr in ANCHOR_ATTRS:
                value = spec.get(attr)
                words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
                if not words or (attr != "SHAPE" and all(w.lower() in COMMON_ANCHOR_WORDS for w in words)):
                    continue
                if best is None or len(words) < best[1]:
                    best = (k, len(words))
        if best is None:
            return None
        k = best[0]
        before = after = 0.0
        entity_run = False
        for spec in pattern[:k]:
            reach = _max_repeats(spec.get("OP"))
            if reach == float("inf"):
                ent = spec.get("ENT_TYPE")
                labels = [ent] if isinstance(ent, str) else ent.get("IN") if isinstance(ent, dict) else None
                if not labels or "" in labels or spec.get("OP") == "*":
                    return None  # an unbounded run of anything: no reach to bound
                entity_run = True  # a run of entity tokens, followed token by token
                continue
            before += reach
        for spec in pattern[k + 1:]:
            after += _max_repeats(spec.get("OP"))
        if after == float("inf"):
            return None
        # the anchor, and the fixed tokens next to it up to the first optional or repeated one
        tests = [self._test(pattern[k], 0)]
        j = k - 1
        while j >= 0 and pattern[j].get("OP") is None:
            tests.append(self._test(pattern[j], j - k))
            j -= 1
        j = k + 1
        while j < len(pattern) and pattern[j].get("OP") is None:
            tests.append(self._test(pattern[j], j - k))
            j += 1
        return [t for t in tests if t is not None], int(before), int(after), entity_run

    def regions(self, doc: Doc) -> list[tuple[int, int]]:
        """The stretches of the Doc (token start, end) the patterns can match in."""
        n = len(doc)
        if not n:
            return []
        if any(anchor is None for anchor in self.anchors):
            return [(0, n)]
        arrays = doc.to_array([LOWER, ORTH, SHAPE, IS_TITLE, IS_LOWER, ENT_TYPE])
        entity = arrays[:, 5] != 0
        is_title, is_lower = arrays[:, 3] != 0, arrays[:, 4] != 0
        # which word lists each token is in, looked up once per distinct word
        bits = numpy.zeros(n, dtype=numpy.int64)
        for column, table in self.list_bits.items():
            values, inverse = numpy.unique(arrays[:, column], return_inverse=True)
            bits |= numpy.array([table.get(v, 0) for v in values.tolist()], dtype=numpy.int64)[inverse]
        windows = []
        tested: dict[tuple, numpy.ndarray] = {}  # the same test in several patterns, once
        for tests, before, after, entity_run in self.anchors:
            mask = numpy.ones(n, dtype=bool)
            for offset, column, list_id, title, lower in tests:
                fits = tested.get((list_id, title, lower))
                if fits is None:
                    fits = numpy.ones(n, dtype=bool)
                    if list_id is not None:
                        fits &= (bits >> list_id) & 1 != 0
                    if title is not None:
                        fits &= is_title == title
                    if lower is not None:
                        fits &= is_lower == lower
                    tested[(list_id, title, lower)] = fits
                # the anchor at i needs this test to hold at i + offset
                shifted = numpy.zeros(n, dtype=bool)
                if abs(offset) >= n:
                    pass  # no room for the pattern's fixed tokens
                elif offset >= 0:
                    shifted[:n - offset] = fits[offset:]
                else:
                    shifted[-offset:] = fits[:n + offset]
                mask &= shifted
            for a in numpy.flatnonzero(mask).tolist():
                start = max(0, a - before)
                if entity_run:
                    while start > 0 and entity[start - 1]:
                        start -= 1
                    start = max(0, start - before)
                windows.append((start, min(n, a + after + 1)))
        windows.sort()
        merged: list[list[int]] = []
        for start, end in windows:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [(start, end) for start, end in merged]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        out = []
        for start, end in self.regions(doc):
            out += [(key, start + s, start + e) for key, s, e in self.matcher(doc[start:end])]
        return out


# --- resources ------------------------------------------------------------------------


def _read_list(folder: Path, name: str) -> list[str]:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _read_table(folder: Path, name: str) -> list[dict[str, str]]:
    lines = [line for line in (folder / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


#: Prepositions after which a name is where something is, not who does something
#: ("in", "on", "along the <Name>"). "at", "to" and "from" are left out: people work at,
#: report to and hear from organisations.
POSITION_PREPOSITIONS = frozenset({"in", "on", "along", "near", "into", "onto", "across", "inside",
                                   "outside", "through", "toward", "towards", "around", "beside", "opposite"})

@dataclass(frozen=True)
class ActorLexicon:
    """The word lists of ``resources/actors/``, lowercased."""

    titles: frozenset[str]
    given_name_titles: frozenset[str]
    peer_titles: frozenset[str]  # titles that are part of a peer's name ("Lord X of Y")
    role_nouns: frozenset[str]
    particles: frozenset[str]
    organization_nouns: frozenset[str]
    organization_words: frozenset[str]
    facility_nouns: frozenset[str]
    facility_firsts: frozenset[str]
    non_actor_heads: frozenset[str]
    non_actor_firsts: frozenset[str]
    non_actor_names: frozenset[str]
    measure_nouns: frozenset[str]
    state_institutions: frozenset[str]
    group_nouns: dict[str, tuple[bool, bool]]  # noun -> (needs modifier, capitalised still a group)
    group_stops: frozenset[str]
    never_group_nouns: frozenset[str]  # plurals of person nouns that are no group ("heads")
    collective_adjectives: frozenset[str]  # "the wounded", "the British dead"
    kin_collectives: frozenset[str]  # "family", "relatives": "X's family" is a group named by X
    unit_nouns: frozenset[str]  # "battalion": "X Battalion of the Y Army" is a unit and its parent
    member_nouns: frozenset[str]
    person_nouns: frozenset[str]
    infobox_keys: dict[str, str]
    institution_synonyms: dict[str, int]  # head -> its line in institution_synonyms.txt
    alias_cues: tuple[str, ...]
    skip_sections: frozenset[str]
    person_noun_suffixes: tuple[str, ...] = ()  # "florist", "electrician": endings of nouns for persons
    area_nouns: frozenset[str] = frozenset()  # "republic", "province": "the republic of X" is a place
    administrative_heads: dict[str, str] = field(default_factory=dict)  # "territory" -> "always"
    place_context_words: frozenset[str] = frozenset()  # "in", "suburb": where places go

    @classmethod
    def load(cls, folder: Path = RESOURCES) -> "ActorLexicon":
        lower = lambda name: frozenset(w.lower() for w in _read_list(folder, name))  # noqa: E731
        non_actor = _read_list(folder, "non_actor_nouns.txt")
        facility = _read_list(folder, "facility_nouns.txt")
        return cls(
            titles=frozenset(w.lower().removeprefix("given:").removeprefix("peer:")
                             for w in _read_list(folder, "titles.txt")),
            peer_titles=frozenset(w.lower()[5:] for w in _read_list(folder, "titles.txt")
                                  if w.lower().startswith("peer:")),
            given_name_titles=frozenset(w.lower()[6:] for w in _read_list(folder, "titles.txt")
                                        if w.lower().startswith("given:")),
            role_nouns=lower("role_nouns.txt"),
            particles=lower("name_particles.txt"),
            organization_nouns=lower("organization_nouns.txt"),
            organization_words=frozenset(w.lower().translate(APOSTROPHES)
                                         for w in _read_list(folder, "organization_words.txt")),
            facility_nouns=frozenset(w.lower() for w in facility if not w.startswith("first:")),
            facility_firsts=frozenset(w[6:].lower() for w in facility if w.startswith("first:")),
            non_actor_heads=frozenset(w.lower() for w in non_actor if not w.startswith(("first:", "whole:"))),
            non_actor_firsts=frozenset(w[6:].lower() for w in non_actor if w.startswith("first:")),
            non_actor_names=frozenset(w[6:].lower() for w in non_actor if w.startswith("whole:")),
            measure_nouns=lower("measure_nouns.txt"),
            state_institutions=lower("state_institutions.txt"),
            group_nouns={r["noun"].lower(): (r["needs_modifier"] == "yes", r["capitalised"] == "yes")
                         for r in _read_table(folder, "group_nouns.tsv") if r["needs_modifier"] != "never"},
            never_group_nouns=frozenset(r["noun"].lower() for r in _read_table(folder, "group_nouns.tsv")
                                        if r["needs_modifier"] == "never"),
            collective_adjectives=lower("collective_adjectives.txt"),
            kin_collectives=lower("kin_collectives.txt"),
            unit_nouns=lower("unit_nouns.txt"),
            group_stops=lower("group_stop_modifiers.txt"),
            member_nouns=lower("member_nouns.txt"),
            person_nouns=lower("person_nouns.txt"),
            infobox_keys={r["key"].lower(): r["kind"] for r in _read_table(folder, "infobox_keys.tsv")},
            institution_synonyms={head.strip().lower(): n for n, line in
                                  enumerate(_read_list(folder, "institution_synonyms.txt"))
                                  for head in line.split("|")},
            alias_cues=tuple(sorted((c.lower() for c in _read_list(folder, "alias_cues.txt")),
                                    key=lambda c: -len(c))),
            skip_sections=lower("skip_sections.txt"),
            person_noun_suffixes=tuple(sorted(lower("person_noun_suffixes.txt"))),
            area_nouns=lower("area_nouns.txt"),
            administrative_heads={r["head"].lower(): r["when"]
                                  for r in _read_table(folder, "administrative_heads.tsv")},
            place_context_words=lower("place_context_words.txt"),
        )

    def infobox_kind(self, key: str) -> str | None:
        """The actor kind an infobox key implies ("Perpetrators" -> organization), None
        for keys whose values name no actors ("Location", "Deaths")."""
        key = re.sub(r"\(s\)$", "", key.strip().lower()).strip()
        return self.infobox_keys.get(key) or self.infobox_keys.get(key.rstrip("s"))

    def lists(self) -> dict[str, list[str]]:
        """Single-word entries of each list, for ``"@file"`` references in patterns."""
        named = {
            "organization_nouns": self.organization_nouns,
            "state_institutions": self.state_institutions,
            "facility_nouns": self.facility_nouns,
            "titles": self.titles,
            "role_nouns": self.role_nouns,
            "member_nouns": self.member_nouns,
            "organization_words": self.organization_words,
        }
        return {name: sorted(w for w in words if " " not in w) for name, words in named.items()}


def load_patterns(lexicon: ActorLexicon, folder: Path = RESOURCES) -> list[dict]:
    """``patterns.jsonl`` with each ``"@name"`` replaced by that lexicon list."""
    lists = lexicon.lists()

    def substitute(value):
        if isinstance(value, str) and value.startswith("@"):
            return lists[value[1:]]
        if isinstance(value, dict):
            return {k: substitute(v) for k, v in value.items()}
        if isinstance(value, list):
            return [substitute(v) for v in value]
        return value

    lines = (folder / "patterns.jsonl").read_text(encoding="utf-8").splitlines()
    return [substitute(json.loads(line)) for line in lines if line.strip()]


def _common_words(lemmatizer, parts=("verb", "adj", "adv")) -> frozenset[str]:
    """English words of these parts of speech, from the trained pipeline's lemmatizer
    tables (WordNet): a capitalised verb, adjective or adverb at a sentence's start is
    no name; a word in none of the tables at all is likely a name."""
    if lemmatizer is None or not lemmatizer.lookups.has_table("lemma_index"):
        return frozenset()
    index = lemmatizer.lookups.get_table("lemma_index")
    words: set[str] = set()
    for pos in parts:
        words.update(index.get(pos, ()))
    return frozenset(words)


# --- mentions -------------------------------------------------------------------------


@dataclass
class Candidate:
    """A span that may mention an actor, with the evidence about its kind."""

    start: int  # token offsets in the Doc
    end: int
    source: str
    votes: Counter = field(default_factory=Counter)  # kind -> weight
    strong: Counter = field(default_factory=Counter)  # structural evidence, outweighs votes
    roles: list[str] = field(default_factory=list)
    weak: bool = False  # may only join an actor found otherwise (e.g. "an NHK reporter")
    needs_evidence: bool = False  # an actor only if its context says what it is
    spelled: bool = False  # the name an acronym in parentheses after it spells
    said: bool = False  # the words around it say it is an organisation ("the party X")
    group: int = -1  # union-find id
    shared_surname: str = ""  # "Lena and Maria Varga": the surname "Lena" shares with the name after "and"

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


def _without_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _nationality_nouns() -> frozenset[str]:
    """``nationality_nouns.txt``: nouns for a people's members that the places' table of
    nationality adjectives lacks ("Briton", "Burkinabé"), lowercased, with and without
    accents; read once."""
    words = {w.lower() for w in _read_list(RESOURCES, "nationality_nouns.txt")}
    # peoples and creeds are read as nationalities are (ethnonyms.txt)
    words |= {w.lower() for w in _read_list(RESOURCES, "ethnonyms.txt")}
    return frozenset(words | {_without_accents(w) for w in words})


@lru_cache(maxsize=65536)
def _is_demonym(word: str) -> bool:
    """A nationality adjective or noun, singular or plural ("Kenyan", "Kenyans", "Britons")."""
    gazetteer = Gazetteer.shared()
    if gazetteer.demonym_country(word) is not None or (
            word.endswith("s") and gazetteer.demonym_country(word[:-1]) is not None):
        return True
    lower = word.lower()
    nouns = _nationality_nouns()
    return lower in nouns or _without_accents(lower) in nouns or (
        lower.endswith("s") and (lower[:-1] in nouns or _without_accents(lower[:-1]) in nouns))


def _add_unit_and_acronym(out: list[Candidate], links: list[tuple[Candidate, Candidate]],
                          unit: tuple[int, int], acronym: tuple[int, int]) -> None:
    """A numbered unit and its numbered acronym in parentheses: both organisations, one actor."""
    outer = Candidate(*unit, source="rule", said=True)
    outer.strong[ORGANIZATION] += 1
    acr = Candidate(*acronym, source="alias")
    acr.strong[ORGANIZATION] += 1
    out += [outer, acr]
    links.append((outer, acr))


class _Sentence(NamedTuple):
    start: int
    end: int


def _sentence_bounds(doc: Doc) -> tuple[list[int] | None, list[int] | None]:
    """Per token, the start and end of its sentence, as spaCy's ``Span.sent`` finds them
    (back to the last token that starts one, on to the next); (None, None) when the Doc
    has no sentence boundaries, where spaCy's own lookup says why."""
    n = len(doc)
    if not n or not doc.has_annotation("SENT_START"):
        return None, None
    is_start = doc.to_array([SENT_START]).astype(numpy.int64).reshape(-1) == 1
    positions = numpy.arange(n)
    starts = numpy.maximum.accumulate(numpy.where(is_start, positions, 0))
    following = numpy.minimum.accumulate(numpy.where(is_start, positions, n)[::-1])[::-1]
    ends = numpy.append(following[1:], n)
    return starts.tolist(), ends.tolist()


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        i, j = self.find(i), self.find(j)
        if i != j:
            self.parent[max(i, j)] = min(i, j)


def _initials(text: str) -> str:
    """Initials of a name's words and hyphen parts, function words left out
    ("Tanzim-ul-Fajr" -> "tuf", "Front for the Defence of X" -> "fdx")."""
    out = []
    for word in re.split(r"[\s\-\u2010\u2011\u2013\u2014]+", text.translate(APOSTROPHES)):
        word = word.strip("'\".,()")
        if word and word.lower() not in NAME_CONNECTORS:
            out.append(word[0])
    return "".join(out).lower()


def _spelling(initials: str, letters: str) -> float:
    """How well a name's initials spell an acronym, from 0 to 1: the letters they
    share, in order or (for a name translated from another language) in any
    order, against all letters of both, so that a word that adds no letter
    ("Troops of the X (ACR)") lowers the score."""
    if not initials or not letters:
        return 0.0
    prev = [0] * (len(letters) + 1)
    for a in initials:
        row = [0]
        for j, b in enumerate(letters):
            row.append(prev[j] + 1 if a == b else max(prev[j + 1], row[j]))
        prev = row
    in_order = prev[-1]
    any_order = sum((Counter(initials) & Counter(letters)).values())
    return (in_order + any_order) / (len(initials) + len(letters))


class ActorFinder(FolderRules):
    """Find, group and type the actors of a Doc; set ``doc._.actors``."""

    def __init__(self, nlp: Language, name: str, resources: str | None = None):
        self.name = name
        self.tokenizer = nlp.tokenizer
        self.tokenizer_special_cases = frozenset(nlp.tokenizer.rules or ())
        self.nlp_lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self.vocab = nlp.vocab
        self.resources = Path(resources) if resources else RESOURCES
        self._token_doc: Doc | None = None  # the Doc whose tokens ``_tokens`` holds
        self._token_list: list[Token] = []
        self._doc_text = ""
        self._sentence_doc: Doc | None = None  # the Doc whose sentences ``_sent`` holds
        self._ents_doc: Doc | None = None  # the Doc whose entities ``_ents`` holds
        self._ents_list: tuple[Span, ...] = ()
        self._sentences: tuple[list[int] | None, list[int] | None] = (None, None)
        self._build()

    def _build(self) -> None:
        """Read the rules and build the matchers (once, not per Doc)."""
        nlp_tokenizer = self.tokenizer
        self.lexicon = ActorLexicon.load(self.resources)
        self.matcher = AnchoredMatcher(self.vocab)
        #: match key -> how many tokens at the pattern's start and end are context,
        #: not name ("X fighters", "the party X": the name is X)
        self.pattern_context: dict[int, tuple[int, int]] = {}
        #: patterns whose context words say what the name is ("the party X"), more
        #: than a model's label or the places stage does
        self.patterns_saying_kind: set[int] = set()
        #: patterns whose match is weaker evidence, a vote like a model's label
        self.patterns_voting: set[int] = set()
        #: patterns whose lowercase first word is part of the name ("the federal government")
        self.patterns_lowercase: set[int] = set()
        #: patterns whose words before the lowercase institution must be a known place or a
        #: nationality the model left unlabelled or mislabelled ("the Upper Tarvin government")
        self.patterns_place_before: set[int] = set()
        for i, entry in enumerate(load_patterns(self.lexicon, self.resources)):
            key = f"{entry['label']}|{entry.get('id', i)}"
            self.matcher.add(key, entry["pattern"])
            self.pattern_context[self.vocab.strings[key]] = (entry.get("context_before", 0),
                                                             entry.get("context_after", 0))
            if entry.get("says_kind"):
                self.patterns_saying_kind.add(self.vocab.strings[key])
            if entry.get("votes_only"):
                self.patterns_voting.add(self.vocab.strings[key])
            if entry.get("lowercase_name"):
                self.patterns_lowercase.add(self.vocab.strings[key])
            if entry.get("place_before"):
                self.patterns_place_before.add(self.vocab.strings[key])
        # Titles are matched on lowercase text but must be capitalised in the text.
        self.titles = PhraseMatcher(self.vocab, attr="LOWER")
        self.titles.add("TITLE", list(nlp_tokenizer.pipe(sorted(self.lexicon.titles))))
        # Heads of groups and "known as" cues are found by phrase matching, not by
        # walking every token in Python.
        self.group_heads = PhraseMatcher(self.vocab, attr="LOWER")
        self.group_heads.add("GROUP", list(nlp_tokenizer.pipe(sorted(self.lexicon.group_nouns))))
        # Any plural of a noun for a person is a collective ("commuters", "sharpshooters"):
        # one vocabulary of person and role nouns serves persons and groups alike.
        strings = self.vocab.strings
        person_lemmas = (self.lexicon.person_nouns | self.lexicon.role_nouns) - {
            w[:-1] for w in self.lexicon.never_group_nouns} - {w for w in self.lexicon.never_group_nouns}
        self.person_lemmas = numpy.array(sorted(strings.add(w) for w in person_lemmas if " " not in w),
                                         dtype=numpy.uint64)
        self.plural_tags = numpy.array([strings.add("NNS"), strings.add("NNPS")], dtype=numpy.uint64)
        self.collective_adjectives = numpy.array(sorted(strings.add(w) for w in self.lexicon.collective_adjectives),
                                                 dtype=numpy.uint64)
        self.alias_cues = PhraseMatcher(self.vocab, attr="LOWER")
        self.alias_cues.add("CUE", list(nlp_tokenizer.pipe(self.lexicon.alias_cues)))
        self.open_paren = self.vocab.strings.add("(")
        self.comma = self.vocab.strings.add(",")
        self.opening_quotes = numpy.array([self.vocab.strings.add(q) for q in OPENING_QUOTES], dtype=numpy.uint64)
        self.common_words = _common_words(self.nlp_lemmatizer)
        self.english_words = _common_words(self.nlp_lemmatizer, ("noun", "verb", "adj", "adv"))
        self.adjectives = _common_words(self.nlp_lemmatizer, ("adj",))
        self.given_names = given_names()
        self.english_nouns = _common_words(self.nlp_lemmatizer, ("noun",))
        # person and role nouns, and the English nouns whose ending says person ("florist")
        self.person_noun_lemmas = numpy.union1d(self.person_lemmas, numpy.array(
            [strings.add(w) for w in self.english_nouns if self._person_noun(w)], dtype=numpy.uint64))

    # --- the component ----------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        try:
            return self._find(doc)
        finally:
            self._token_doc, self._token_list, self._doc_text = None, [], ""
            self._sentence_doc, self._sentences = None, (None, None)
            self._ents_doc, self._ents_list = None, ()

    def _tokens(self, doc: Doc) -> list[Token]:
        """The Doc's tokens, made once: ``doc[i]`` builds a new Token object at each call,
        and the rules look at the same tokens many times."""
        if self._token_doc is not doc:
            self._token_doc, self._token_list, self._doc_text = doc, list(doc), article_text(doc)
        return self._token_list

    def _ents(self, doc: Doc) -> tuple[Span, ...]:
        """``doc.ents``, made once per Doc (each access builds every entity's Span anew)."""
        if self._ents_doc is not doc:
            self._ents_doc, self._ents_list = doc, doc.ents
        return self._ents_list

    def _sent(self, doc: Doc, i: int) -> "_Sentence":
        """The sentence of token ``i``, as ``doc[i].sent`` finds it (a new Span and a walk
        through the sentence at each call), from sentence starts read once per Doc."""
        if self._sentence_doc is not doc:
            self._sentence_doc, self._sentences = doc, _sentence_bounds(doc)
        starts, ends = self._sentences
        if starts is None:
            sent = doc[i].sent
            return _Sentence(sent.start, sent.end)
        return _Sentence(starts[i], ends[i])

    def _find(self, doc: Doc) -> Doc:
        context = _DocContext(doc, self.lexicon)
        titles = self._title_spans(doc, context)
        context.title_tokens = frozenset(i for end, start in titles.items() for i in range(start, end))
        candidates = self._ner_candidates(doc, context)
        candidates += self._title_person_candidates(doc, context, titles)
        candidates += self._pattern_candidates(doc, context)
        candidates += self._acronym_candidates(doc, context)
        candidates += self._numbered_compound_candidates(doc, context)
        candidates += self._apposition_candidates(doc, context)
        candidates += self._role_noun_name_candidates(doc, context)
        links: list[tuple[Candidate, Candidate]] = []
        candidates += self._parenthesis_candidates(doc, context, links)
        candidates += self._infobox_candidates(doc, context)
        candidates += self._alias_cue_candidates(doc, context, candidates, links)
        # "the People's League (N)": a faction's letter or word in parentheses ends the name
        # (section 1: the fullest form the article uses).
        for cand in candidates:
            if cand.end + 2 < len(doc) and self._faction_qualifier(doc, cand.end, cand.end + 2):
                cand.end += 3
                cand.strong[ORGANIZATION] += 1
            if self._two_places_before(doc, cand, context):
                cand.start -= 2  # "Avon and Somerset Constabulary": a body of two places
        candidates = self._resolve_overlaps(doc, candidates, titles, links)
        groups = self._group_entities(doc, context, candidates)
        actors = self._actor_entities(doc, context, candidates, links)
        doc._.actors = sorted(actors + groups, key=lambda e: (e.first_char, e.name))
        return doc

    # --- titles -----------------------------------------------------------------------

    def _title_spans(self, doc: Doc, context: "_DocContext") -> dict[int, int]:
        """end token -> start token of each capitalised title written before a name."""
        tok = self._tokens(doc)
        matches = [(start, end) for _, start, end in self.titles(doc) if tok[start].text[:1].isupper()]
        # A title inside a longer one is none by itself ("Lord" of "Lord Advocate").
        matches = [(s, e) for s, e in matches
                   if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in matches)]
        # A one-word title right after another title, before a name of two words or
        # more, is a given name ("Interior Minister Sultan Karim Haidari").
        stacked = {start for start, end in matches if end - start == 1
                   and tok[start].lower_ in self.lexicon.given_name_titles and start in
                   {e for s, e in matches} and start + 1 < len(doc) and self._is_name_token(tok[start + 1])
                   and self._name_run_right(doc, start + 1, self._sent(doc, start).end) - start >= 3}
        # One also opening a two-word name that the article writes more than once and
        # whose second word it never writes alone is a given name too ("Sultan Karimi"
        # throughout, never "Karimi").
        # One right before a particle is a given name: a name never starts on "bin"
        # ("Sultan bin Karim al-Harbi").
        stacked |= {start for start, end in matches if end - start == 1
                    and tok[start].lower_ in self.lexicon.given_name_titles and start + 2 < len(doc)
                    and self._is_particle(tok[start + 1]) and tok[start + 1].lower_ not in ("al", "el", "ad", "as")}
        stacked |= {start for start, end in matches if end - start == 1
                    and tok[start].lower_ in self.lexicon.given_name_titles and start not in {e for s, e in matches}
                    and start + 1 < len(doc) and self._is_name_token(tok[start + 1])
                    and self._name_run_right(doc, start + 1, self._sent(doc, start).end) == start + 2
                    and tok[start + 1].text not in context.standalone_names
                    and context.text.count(f"{tok[start].text} {tok[start + 1].text}") >= 2}
        context.given_name_titles = frozenset(stacked)
        matches = [(start, end) for start, end in matches if start not in stacked]
        in_title = {i for start, end in matches for i in range(start, end)}
        found: dict[int, int] = {}
        for start, end in matches:
            if end + 1 < len(doc) and tok[end].lower_ in ("of", "for") and end not in in_title:
                # "Minister for Tarvin Province Lena Varga": the place is part of the title.
                name_start = self._place_then_name(doc, end + 1 + (tok[end + 1].lower_ == "the"), context)
                if name_start is not None:
                    found[name_start] = start
                continue
            # "Major" in "Major General X" is no title of "General X".
            if end < len(doc) and self._is_name_token(tok[end]) and end not in in_title:
                name_end = self._name_run_right(doc, end, self._sent(doc, end).end)
                if tok[name_end - 1].lower_ in self.lexicon.organization_nouns:
                    continue  # "General Security Directorate", "Major Crimes Squad": a name, no title
                if end not in found or found[end] > start:
                    found[end] = start  # the longest title ending right before a name
        # A peer's title is part of the name ("Lord X"), not a role that leaves it.
        context.peer_titles = {end: start for end, start in found.items()
                               if doc[start:end].text.lower() in self.lexicon.peer_titles}
        return {end: start for end, start in found.items() if end not in context.peer_titles}

    def _place_then_name(self, doc: Doc, start: int, context: "_DocContext") -> int | None:
        """Where the personal name starts in a capitalised run that opens with a place
        ("Northern Tarvin Lena Varga" -> "Lena"), or None."""
        tok = self._tokens(doc)
        if start >= len(doc) or not self._is_name_token(tok[start]):
            return None
        end = self._name_run_right(doc, start, self._sent(doc, start).end)
        for k in range(end - 1, start, -1):
            place = doc[start:k]
            if 1 <= end - k <= 4 and (context.is_known_place(place.text)
                                      or all(t.ent_type_ in ("GPE", "LOC") for t in place)):
                return k
        # "Director of Public Prosecutions Lena Varga": the office is named after what it
        # heads, and the model tags the name that ends the run (two words or more) as a
        # person's and nothing before it.
        for k in range(start + 1, end - 1):
            if tok[k].ent_iob_ == "B" and tok[k].ent_type_ == "PERSON" and end - k <= 4 \
                    and all(t.ent_type_ == "PERSON" and t.ent_iob_ == "I" for t in tok[k + 1:end]) \
                    and (end == len(doc) or tok[end].ent_iob_ != "I") \
                    and not any(t.ent_type_ == "PERSON" for t in tok[start:k]):
                return k
        return None

    # --- name tokens ------------------------------------------------------------------

    def _is_name_token(self, token: Token) -> bool:
        text = token.text
        if ELIDED_PARTICLE.match(text):
            return True  # "d'Estaing", "l'Aigle"
        if not text[:1].isupper() or token.is_punct:
            return False
        if token.like_num or token.lower_ in POSSESSIVES:
            return False
        return True

    @staticmethod
    def _hyphenated_name_part(doc: Doc, i: int) -> bool:
        """A lowercase word joined by a hyphen to the capitalised name word before it, as the
        second syllable of a given name ("Min-ho", "Jae-in"); not a participle or suffix
        ("X-led", "X-based", "X-style")."""
        token = doc[i]
        if i < 2 or not token.is_alpha or not token.text.islower() or doc[i - 1].text not in HYPHENS \
                or doc[i - 1].whitespace_ or doc[i - 2].whitespace_ or not doc[i - 2].text.istitle():
            return False
        if i + 1 < len(doc) and not token.whitespace_ and doc[i + 1].text[:1].isalnum():
            return False
        return token.tag_ not in ("VBN", "VBD", "VBG", "JJ") and not token.lower_.endswith(("ed", "ing", "style"))

    def _is_particle(self, token: Token) -> bool:
        return token.lower_ in self.lexicon.particles and token.text.islower()

    def _name_run_right(self, doc: Doc, i: int, limit: int) -> int:
        """End of the personal name that starts at token ``i`` (``i`` when none)."""
        tok = self._tokens(doc)
        end = i
        j = i
        while j < limit:
            token = tok[j]
            if self._is_name_token(token) and (not token.is_sent_start or j == i):
                if token.text.endswith(".") and len(token.text) > 3 and not token.text[:-1].isupper():
                    break  # a sentence's last word, not an initial
                j += 1
                end = j
            elif token.text in HYPHENS and token.whitespace_ == "" and j > i and j + 1 < limit \
                    and tok[j - 1].whitespace_ == "":
                if self._hyphenated_name_part(doc, j + 1):
                    j += 2  # "Lee Min-ho": a given name of two syllables, the second lowercase
                    end = j
                    continue
                j += 1
            elif self._is_particle(token) and j + 1 < limit and j > i:
                j += 1
            else:
                break
        return end

    # --- spaCy's entities -------------------------------------------------------------

    def _joined_person_entities(self, doc: Doc) -> list[Span]:
        """The model's entities, where a person's name it split in two is one again: "the
        Ruritanian Tomas | Ivo Karel" (a short organisation or nationality ending in a lone
        name word, then a person right after it) is the person "Tomas Ivo Karel"."""
        tok = self._tokens(doc)
        ents = list(self._ents(doc))
        out: list[Span] = []
        k = 0
        while k < len(ents):
            ent = ents[k]
            nxt = ents[k + 1] if k + 1 < len(ents) else None
            last = tok[ent.end - 1]
            if nxt is not None and nxt.start == ent.end and nxt.label_ == "PERSON" \
                    and ent.label_ in ("ORG", "NORP") and last.pos_ == "PROPN" and last.is_title \
                    and not _is_demonym(last.text) and self._is_name_token(last) \
                    and last.lower_ not in self.lexicon.organization_nouns and last.lower_ not in self.lexicon.titles \
                    and ent.end - ent.start <= 3 and not any(
                        t.lower_ in NAME_CONNECTORS[:-2] or t.lower_ in self.lexicon.organization_nouns
                        or t.lower_ in self.lexicon.titles for t in doc[ent.start:ent.end - 1] if t.lower_ != "the"):
                # only the lone name word joins: what comes before it describes the person
                out.append(Span(doc, ent.end - 1, nxt.end, label="PERSON"))
                k += 2
                continue
            if nxt is not None and ent.label_ == "PERSON" and nxt.label_ == "PERSON" \
                    and self._split_personal_name(doc, ent, nxt):
                out.append(Span(doc, ent.start, nxt.end, label="PERSON"))
                k += 2
                continue
            # "The Radio | and | Film Standards Board (RFSB)": a lone organisation noun the
            # model cut off before "and" opens the organisation named after it.
            words = [t for t in ent if t.lower_ != "the"] \
                if nxt is not None and ent.label_ == "ORG" and nxt.label_ == "ORG" else []
            if nxt is not None and ent.label_ == "ORG" and nxt.label_ == "ORG" and len(words) == 1 \
                    and words[0].lower_ in self.lexicon.organization_nouns and words[0].is_title \
                    and nxt.start == ent.end + 1 and tok[ent.end].lower_ in ("and", "&") \
                    and tok[nxt.start].is_title and nxt.end + 1 < len(doc) and tok[nxt.end].text == "(" \
                    and is_acronym(tok[nxt.end + 1].text) and tok[nxt.end + 1].text[0] == words[0].text[0]:
                # (only when the acronym after it starts with it: not "the Police and River Commandos (RICOM)")
                out.append(Span(doc, ent.start, nxt.end, label="ORG"))
                k += 2
                continue
            out.append(ent)
            k += 1
        return out

    def _split_personal_name(self, doc: Doc, ent: Span, nxt: Span) -> bool:
        """Two person entities that are one name the model cut in two: a name never ends
        on a particle ("Karim El | Said Ben Omar"), and one capitalised word the model left
        untagged between two person entities is a middle name ("Lena | Maria | Varga").
        Names of two persons are parted by a comma, "and" or a verb, never written
        side by side."""
        tok = self._tokens(doc)
        gap = tok[ent.end:nxt.start]
        if len(gap) > 1 or len(ent) + len(gap) + len(nxt) > 7 or "\n" in tok[nxt.start - 1].whitespace_:
            return False
        if gap:
            word = gap[0]
            return word.ent_type_ == "" and word.pos_ == "PROPN" and word.is_title and self._is_name_token(word) \
                and word.lower_ not in self.lexicon.titles and word.lower_ not in self.lexicon.organization_nouns \
                and word.lower_ not in self.lexicon.facility_nouns
        return tok[ent.end - 1].lower_ in self.lexicon.particles and len(ent) >= 2

    def _ner_candidates(self, doc: Doc, context: "_DocContext") -> list[Candidate]:
        tok = self._tokens(doc)
        out = []
        for ent in self._joined_person_entities(doc):
            if ent.label_ not in CANDIDATE_LABELS or context.skipped(ent.start_char):
                continue
            if ent.label_ == "NORP":
                # Nationalities are no actors (plural ones are read as groups); but an
                # unfamiliar given name is often taken for one ("Tariq" in "Tariq Benali").
                name = self._given_name_as_nationality(doc, ent)
                if name is not None:
                    out.append(name)
                continue
            # A comma parts names the model ran together ("Tarvin, Lima Province"); but not
            # the list of an organisation's name ("Bureau of Salt, Iron and Coal").
            commas = [] if self._comma_list_name(ent) else [t.i for t in ent if t.text == ","]
            # "the Nordic Council and Oxfam International": two whole names the model joined
            # (but "Ministry of Labour and Welfare" is one).
            if ent.label_ == "ORG" and not any(t.lower_ in ("of", "for", "on") for t in ent):
                commas += [t.i for t in ent if t.lower_ == "and" and t.i - 1 > ent.start and t.i + 2 < ent.end
                           and tok[t.i - 1].lower_ in self.lexicon.organization_nouns and tok[t.i + 1].is_title]
                commas.sort()
            for start, end in zip([ent.start] + [c + 1 for c in commas], commas + [ent.end]):
                roles: list[str] = []
                bounds = self._clean(doc, start, end, roles, person=ent.label_ == "PERSON",
                                     given_names=context.given_name_titles) if end > start else None
                if bounds is None:
                    continue
                label_fits = True
                bounds = self._without_trailing_demonym(doc, *bounds)
                if bounds[1] - bounds[0] == 2 and self._country_abbreviation(tok[bounds[0]]) \
                        and tok[bounds[0] + 1].lower_ not in self.english_words:
                    # "handed over to the U.S. Zamanov, a courier, ...": a sentence ends after
                    # "U.S."; the model's label was for the pair, not for the name.
                    bounds = (bounds[0] + 1, bounds[1])
                    label_fits = False
                bounds = self._without_trailing_demonym(doc, *self._extend(
                    doc, *bounds, organization=ent.label_ == "ORG", titles=context.title_tokens,
                    person=ent.label_ == "PERSON"))
                cand = Candidate(*bounds, source="ner", roles=roles)
                surname = self._shared_surname(doc, *bounds, context) if ent.label_ in ("ORG", "PERSON") else ""
                if surname:
                    cand.strong[PERSON] += 1  # "Lena and Maria Varga": Lena Varga
                    cand.shared_surname = surname
                elif label_fits and ent.label_ == "ORG" and self._personal_name_shape(doc, *bounds, context):
                    cand.votes[PERSON] += 1  # "Lena Varga", "Regis de Valmont" the model calls an organisation
                elif label_fits:
                    cand.votes[KIND_BY_LABEL[ent.label_]] += 1
                if roles:
                    cand.strong[PERSON] += 1
                out.append(cand)
        return out

    def _personal_name_shape(self, doc: Doc, start: int, end: int, context: "_DocContext") -> bool:
        """Two to four capitalised name words (particles allowed between them) that open
        with a given name of the public dictionary and hold no word that says organisation,
        facility, title, event or nationality, and whose last word is no English word nor
        place: a person's name, whatever label the model gave it ("Lena Varga", "Regis de
        Valmont"). A given name that is also a place ("Georgia", "Victoria") or a name
        particle ("Al", "Abu") opens no person by itself."""
        tok = self._tokens(doc)
        lex = self.lexicon
        if not 2 <= end - start <= 4:
            return False
        first, last = tok[start], tok[end - 1]
        if not first.is_title or first.lower_ in lex.particles or (
                first.lower_ not in self.given_names and _without_accents(first.lower_) not in self.given_names) \
                or not last.is_title or not last.is_alpha or last.lower_ in self.english_words:
            return False
        for t in tok[start:end]:
            lower = t.lower_
            if not (t.is_title and t.is_alpha) and not self._is_particle(t):
                return False
            if lower in lex.organization_nouns or lower in lex.organization_words or lower in lex.facility_nouns \
                    or lower in lex.non_actor_heads or lower in lex.titles or lower in lex.group_nouns \
                    or lower in lex.facility_firsts or _is_demonym(t.text):
                return False
        # (a surname may be a town's name too, "Lena Villers"; a state's or country's is none)
        return not (context.is_country_or_province(first.text) or context.is_country_or_province(last.text)
                    or context.is_known_place(doc[start:end].text))

    def _shared_surname(self, doc: Doc, start: int, end: int, context: "_DocContext") -> str:
        """The surname a lone given name of the public dictionary shares with the person's
        full name after "and" ("Lena and Maria Varga": "Varga", with its particles, "van
        Dorsten"); "" when the span is no such given name."""
        tok = self._tokens(doc)
        if end - start != 1 or end + 2 >= len(doc) or tok[end].lower_ != "and":
            return ""
        word, nxt = tok[start], tok[end + 1]
        lower = word.lower_
        if not word.is_title or lower in self.lexicon.particles or context.is_country_or_province(word.text) \
                or (lower not in self.given_names and _without_accents(lower) not in self.given_names):
            return ""
        if not (nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B"):
            return ""
        last = end + 1
        while last + 1 < len(doc) and tok[last + 1].ent_type_ == "PERSON" and tok[last + 1].ent_iob_ == "I":
            last += 1
        if last == end + 1:
            return ""  # "Lena and Maria": no surname after the second given name
        first = last
        while first - 1 > end + 1 and self._is_particle(tok[first - 1]):
            first -= 1
        return doc[first:last + 1].text

    def _comma_list_name(self, ent: Span) -> bool:
        """An organisation's name that lists its fields after "of": capitalised single
        words between the commas and an "and" before the last ("Bureau of Salt, Iron
        and Coal", "Ministry of Labour, Health and Welfare")."""
        words = [t for t in ent if t.lower_ != "the"]
        words = words[:next((k for k, t in enumerate(words) if t.text == "("), len(words))]
        of = next((k for k, t in enumerate(words) if t.lower_ == "of"), None)
        if of is None or of == 0 or words[of - 1].lower_ not in self.lexicon.organization_nouns:
            return False
        rest = words[of + 1:]
        if len(rest) < 5 or rest[-2].lower_ != "and":
            return False
        return all((k % 2 == 0 and t.is_title) or (k % 2 == 1 and t.text in (",", "and"))
                   for k, t in enumerate(rest))

    @staticmethod
    def _surname_in_doc(doc: Doc, stem: str) -> bool:
        """Whether ``stem`` ends a person's name of two words or more the model found in
        the text: then "the <stem>s" names that person's family."""
        return len(stem) >= 3 and any(
            ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].text == stem for ent in doc.ents)

    def _administrative_area(self, doc: Doc, span: Span, context: "_DocContext") -> bool:
        """A name ending in a capitalised administrative head (administrative_heads.tsv):
        "<Name> Territory" always; "<Name> Agency", "<Name> Division" only where the words
        before the head are no English words ("the National Border Agency" stays a
        body) and the name stands where places go ("in <Name> Agency", "a suburb of <Name>
        Division")."""
        lex = self.lexicon
        if len(span) < 2 or not span[-1].is_title:
            return False
        when = lex.administrative_heads.get(span[-1].lower_)
        if when == "always":
            return True
        if when != "place_context":
            return False
        if any(t.is_alpha and (t.lower_ in self.english_words or t.lower_ in lex.organization_words
                               or not t.is_title) for t in span[:-1]):
            return False
        k = span.start - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k < 0:
            return False
        if doc[k].lower_ in lex.place_context_words:
            return True
        return doc[k].lower_ == "of" and k >= 1 and doc[k - 1].lower_ in lex.place_context_words \
            and doc[k - 1].lower_ not in ("in", "near", "across", "within", "throughout", "into")

    @staticmethod
    def _without_trailing_demonym(doc: Doc, start: int, end: int) -> tuple[int, int]:
        """"a Force of American, French and Italian troops": the nationalities after
        "of" describe the troops, they are no part of the name."""
        if end - start >= 3 and _is_demonym(doc[end - 1].text) and doc[end - 2].lower_ == "of" \
                and end < len(doc) and (doc[end].text in (",", "and") or doc[end].text.islower()):
            return start, end - 2
        return start, end

    @staticmethod
    def _country_abbreviation(token: Token) -> bool:
        """"U.S.", "U.K.": a country written in initials with periods."""
        return len(token.text) >= 4 and token.text.endswith(".") and token.text.replace(".", "").isupper() \
            and _DocContext.is_country(token.text)

    def _given_name_as_nationality(self, doc: Doc, ent: Span) -> Candidate | None:
        """A NORP entity that is no nationality the gazetteer knows and no English word:
        made of (or followed by) singular proper nouns, a personal name; before an
        organisation or member noun, an organisation's."""
        tok = self._tokens(doc)
        lex = self.lexicon
        gazetteer = Gazetteer.shared()
        if any(t.lower_ in self.english_words or t.tag_ != "NNP" or gazetteer.demonym_country(t.text) is not None
               for t in ent):
            return None
        first = ent.end
        if first + 1 < self._sent(doc, ent.start).end and tok[first].text in HYPHENS and tok[first].whitespace_ == "" \
                and tok[first - 1].whitespace_ == "" and self._is_name_token(tok[first + 1]):
            first += 1  # "Lilly-Mae Hartley": the model took the first half of a hyphenated given name
        end = self._name_run_right(doc, first, self._sent(doc, ent.start).end) if first < len(doc) else first
        if end == first:
            end = first = ent.end
        run = doc[first:end]
        after = tok[end] if end < len(doc) else None
        if after is not None and after.text.islower() and after.lower_ in lex.organization_nouns \
                and not ent.text.lower().endswith(AFFILIATION_SUFFIXES):
            cand = Candidate(ent.start, end, source="ner")  # "the X detachment": no nationality X
            cand.votes[ORGANIZATION] += 1
            return cand
        if any(t.tag_ != "NNP" or t.lower_ in lex.titles or t.lower_ in lex.organization_nouns
               or t.lower_ in lex.group_nouns for t in run) or len(ent) + len(run) < 2:
            return None
        cand = Candidate(ent.start, end, source="ner")
        cand.votes[PERSON] += 1
        return cand

    def _clean(self, doc: Doc, start: int, end: int, roles: list[str] | None = None,
               lowercase_head: bool = False, person: bool = False,
               given_names: frozenset[int] = frozenset()) -> tuple[int, int] | None:
        """Repair the edges of an entity span; None when nothing name-like is left.

        ``lowercase_head``: the span ends in a lowercase institution noun that is
        part of the name ("the Chilean government")."""
        tok = self._tokens(doc)
        # Whole words: an entity never starts or ends inside a hyphenated word.
        while start > 0 and tok[start - 1].whitespace_ == "" and (
                tok[start - 1].text in HYPHENS or tok[start - 1].text[:1].isalnum()) \
                and tok[start - 1].text not in ("(",):
            start -= 1
        while end < len(doc) and tok[end - 1].whitespace_ == "" and (
                tok[end].text in HYPHENS or tok[end].text[:1].isalnum()) and tok[end].lower_ not in POSSESSIVES:
            end += 1
        # "King's X" cut after its owner's name: the name starts at the owner ("St Ann's Y").
        if start > 0 and start < end and tok[start].lower_ in POSSESSIVES and not tok[start - 1].whitespace_ \
                and self._is_name_token(tok[start - 1]):
            start -= 1
        # Cut at a parenthesis, a heading mark or a line break.
        for i in range(start, end):
            token = tok[i]
            if token.text in ("(", ")", "[", "]") or "=" in token.text or "#" in token.text \
                    or "\n" in token.text or ("\n" in token.whitespace_ and i < end - 1):
                end = i + 1 if ("\n" in token.whitespace_ and token.text not in ("(", ")", "[", "]")
                                and "=" not in token.text and "#" not in token.text) else i
                break
        # Cut at a model number after the name ("Coast Guard MH-65 Dolphin"); but a unit's
        # number after its head noun is its name ("Task Force 7", "Sondergruppe 4").
        for i in range(start + 1, end):
            if tok[i].text.isdigit() and i == end - 1 and self._numbered_unit_word(tok[i - 1]):
                break
            if any(c.isdigit() for c in tok[i].text) and not ORDINAL.match(tok[i].text):
                end = i
                while end > start and tok[end - 1].text in HYPHENS:
                    end -= 1
                break
        # "X Division at Camp Y": "at" says where the name's bearer is; the name ends before it.
        for i in range(start + 1, end - 1):
            if tok[i].lower_ == "at" and tok[i + 1].text[:1].isupper():
                end = i
                break
        # Leading determiners, numbers, punctuation and lowercase words ("state broadcaster X").
        while start < end and (tok[start].lower_ in ("the", "a", "an") or tok[start].is_punct
                               or (tok[start].like_num and not ORDINAL.match(tok[start].text))
                               or (tok[start].is_alpha and tok[start].is_lower and not self._is_particle(tok[start]))):
            start += 1
        # A person's name holds no lowercase word but its particles ("X the Order of Y").
        if person:
            for i in range(start + 1, end):
                if tok[i].text.islower() and not self._is_particle(tok[i]) and tok[i].text not in HYPHENS \
                        and not self._hyphenated_name_part(doc, i):
                    end = i
                    break
        # Trailing possessives, punctuation and lowercase words ("X militia").
        while end > start and (tok[end - 1].lower_ in POSSESSIVES or tok[end - 1].is_punct
                               or (tok[end - 1].text.islower() and not self._is_particle(tok[end - 1])
                                   and not lowercase_head
                                   and not (person and self._hyphenated_name_part(doc, end - 1)))):
            end -= 1
        if end - start > 1 and " ".join(t.lower_ for t in doc[start:end]) in self.lexicon.titles:
            return None  # "the Lord Chancellor": an office, no name
        # A title at the start is a role, not part of the name.
        if roles is not None and end - start > 1 and start not in given_names:
            title_end = self._leading_title(doc, start, end)
            if title_end < end and tok[title_end].lower_ in POSSESSIVES:
                title_end = start  # "King's X", "Bishop's Y": a place named after an office
            # A title is a whole hyphenated word ("Inspector-General", "Vice-Chancellor"),
            # never cut at its hyphen into a title and a name starting "-General".
            while start < title_end < end - 1 and tok[title_end].text in HYPHENS \
                    and not tok[title_end - 1].whitespace_ and not tok[title_end].whitespace_:
                title_end += 2
            if title_end > start:
                if tok[title_end].lower_ in ("of", "for", "to"):
                    return None  # "the Archbishop of X", "Inspector General of Police": an office
                roles.append(doc[start:title_end].text)
                start = title_end
            elif person and self._unlisted_title(doc, start, end):
                roles.append(tok[start].text)  # "Bailiff Lena Varga": a common noun opens no name
                start += 1
        if start >= end or not any(tok[i].text[:1].isupper() or tok[i].text[:1].isdigit()
                                   for i in range(start, end)):
            return None
        return start, end

    def _extend(self, doc: Doc, start: int, end: int, organization: bool = False,
                titles: frozenset[int] = frozenset(), person: bool = False) -> tuple[int, int]:
        """Join the parts of a name that spaCy split ("Liwa'a" + "Fajr",
        "Marine" + "Raiders", "March" + "9th Youth Brigade", "Committee" + "on X");
        never across ``titles``, the tokens of a title before a person's name
        ("X County District Attorney Lena Varga" is a place, a title and a name)."""
        tok = self._tokens(doc)
        sent = self._sent(doc, start)
        while start > sent.start:
            prev = tok[start - 1]
            if start - 1 in titles:
                break
            if start - 2 >= sent.start and self._is_particle(prev) and prev.whitespace_ \
                    and prev.pos_ not in ("ADP", "DET", "CCONJ", "SCONJ") \
                    and self._is_name_token(tok[start - 2]) and tok[start - 2].lower_ not in self.lexicon.titles:
                start -= 2  # "Karim ben" + "Said": a particle joins the name before it, whatever its label
            elif prev.pos_ == "PROPN" and self._is_name_token(prev) and prev.lower_ not in self.lexicon.titles \
                    and (prev.ent_type_ == "" or self._is_particle(tok[start])) \
                    and not (person and end - start >= 2 and self._unlisted_title(doc, start - 1, end)):
                start -= 1  # a name never starts on a particle: "Karim ben Said"
                # (but "Commandant Lena Varga": a common noun before a person's name is a title)
            else:
                break
        if start > sent.start and end - start == 1 and is_acronym(tok[start].text) \
                and NUMBERED.match(tok[start - 1].text) and not tok[start - 1].text.isdigit():
            start -= 1  # "men of the 3e RPI": a numbered unit's acronym
        if start > sent.start and ORDINAL.match(tok[start].text) and tok[start - 1].lower_ in MONTHS:
            start -= 1  # a unit named after a date
        elif start > sent.start and tok[start].lower_ in MONTHS and tok[start - 1].text.isdigit() \
                and 1 <= int(tok[start - 1].text) <= 31 and end - start > 1:
            start -= 1  # "the 9 March Commission": named after a day
        while end < sent.end and (tok[end].pos_ == "PROPN" or is_acronym(tok[end].text)) \
                and self._is_name_token(tok[end]) and tok[end].ent_type_ == "" and not tok[end].is_sent_start \
                and end not in titles:
            end += 1
        if end + 1 < sent.end and tok[end - 1].lower_ in self.lexicon.organization_nouns \
                and ORDINAL.match(tok[end].text) and tok[end + 1].is_title and tok[end + 1].pos_ in ("PROPN", "NOUN"):
            end += 2  # "1st Battalion 8th Regiment": a unit numbered within its parent
        hops = 0
        while hops < 2 and end + 1 < sent.end and (
                organization or hops or self._has_organization_head([t.lower_ for t in doc[max(start, end - 2):end]])) \
                and tok[end].lower_ in ("of", "on", "for"):
            # "<Name> Court of <Name>s for the <Ordinal> Circuit": a second connector may follow the first
            hops += 1
            j = end + 1 + (tok[end + 1].lower_ == "the")
            k = j
            while k < sent.end and not is_acronym(tok[k].text) and tok[k].ent_type_ not in ("DATE", "TIME") \
                    and not (tok[k].ent_type_ == "NORP" and k + 1 < sent.end and (
                        tok[k + 1].text == "," or tok[k + 1].text.islower())) \
                    and tok[k].lower_ not in MONTHS and (self._is_name_token(tok[k]) or (
                        tok[k].lower_ in POSSESSIVES and k > j and k + 1 < sent.end
                        and self._is_name_token(tok[k + 1])) or (
                        tok[k].is_title and tok[k].is_alpha and k + 1 < sent.end
                        and self._is_name_token(tok[k + 1])) or (
                        # "<Name> Court of X-Y": a hyphen inside a place's name, no space around it
                        tok[k].text in HYPHENS and k > j and not tok[k - 1].whitespace_ and not tok[k].whitespace_
                        and k + 1 < sent.end and self._is_name_token(tok[k + 1]))):  # "the Fifth Circuit": an ordinal word
                k += 1  # "Guardians of the Nation's Path"
            if k <= j:
                break
            if tok[end - 1].lower_ in self.lexicon.unit_nouns and tok[end].lower_ == "of" \
                    and self._has_organization_head([t.lower_ for t in doc[j:k]]) and k - j >= 2:
                break  # "the 3rd Battalion of the X Army": a unit and its parent, two names
            end = k  # "Constitutional Court of Chile", "Senate Committee on Veterans Affairs"
        # "Commission of Inquiry into the X Attack on Y Z": an inquiry's name says what it
        # looks into, with the connectors of that subject's own name.
        if end + 2 < sent.end and tok[end - 1].lower_ in INQUIRY_WORDS and tok[end].lower_ == "into":
            j = end + 1 + (tok[end + 1].lower_ == "the")
            k = j
            while k < sent.end and (self._is_name_token(tok[k]) or (
                    k > j and tok[k].lower_ in NAME_CONNECTORS and tok[k].lower_ != "and" and k + 2 < sent.end
                    and any(self._is_name_token(tok[n]) and tok[n].ent_type_ not in ("DATE", "TIME")
                            for n in (k + 1 + (tok[k + 1].lower_ == "the"),)))):
                k += 1
            if k > j and self._is_name_token(tok[k - 1]):
                end = k
        return start, end

    def _numbered_unit_word(self, token: Token) -> bool:
        """A capitalised organisation head noun, or a compound that ends in one, that
        a number names ("Detachment", "Grenzgruppe")."""
        lower = token.lower_
        return token.is_title and (lower in self.lexicon.organization_nouns or bool(UNIT_COMPOUND.match(lower)))

    def _person_noun(self, noun: str | None) -> bool:
        """A lowercase English noun for a person that the lists do not hold, known by its
        ending ("florist", "electrician", "fisherman", "employee"), and no organisation,
        facility, event or measure noun."""
        lex = self.lexicon
        return noun is not None and noun.isalpha() and noun.endswith(lex.person_noun_suffixes) \
            and len(noun) > 4 and noun in self.english_nouns and noun not in lex.organization_nouns \
            and noun not in lex.facility_nouns and noun not in lex.non_actor_heads \
            and noun not in lex.measure_nouns and noun not in lex.group_nouns

    def _unlisted_title(self, doc: Doc, start: int, end: int) -> bool:
        """The first word of a person's name of three words or more that is a common English
        noun and no given name of the public dictionary: a title or an occupation written
        before the name that titles.txt does not list ("Bailiff Lena Varga"). Not a name
        particle, nor the first word of a place's name ("Rue", "Mount")."""
        tok = self._tokens(doc)
        first = tok[start]
        lower = first.lower_
        return end - start >= 3 and first.is_title and first.is_alpha and len(lower) >= 3 \
            and lower in self.english_nouns and lower not in self.given_names \
            and lower not in self.lexicon.particles and lower not in self.lexicon.facility_firsts \
            and lower not in self.lexicon.organization_words and lower not in self.lexicon.organization_nouns \
            and all(self._is_name_token(t) and t.is_alpha for t in tok[start + 1:end])

    def _leading_title(self, doc: Doc, start: int, end: int) -> int:
        """End of the longest title at ``start`` that leaves a name after it."""
        tok = self._tokens(doc)
        best = start
        for length in range(min(4, end - start - 1), 0, -1):
            words = " ".join(t.lower_ for t in doc[start:start + length])
            if words in self.lexicon.titles and tok[start].text[:1].isupper():
                best = start + length
                break
        return best

    # --- names after titles -----------------------------------------------------------

    def _title_person_candidates(self, doc: Doc, context: "_DocContext",
                                 titles: dict[int, int]) -> list[Candidate]:
        tok = self._tokens(doc)
        out = []
        for name_start, title_start in titles.items():
            if context.skipped(tok[name_start].idx):
                continue
            limit = self._sent(doc, name_start).end
            end = self._name_run_right(doc, name_start, limit)
            # A country or a name known to the gazetteer right after the title is
            # part of the role ("Prime Minister of Iceland Lena Varga").
            while name_start < end and context.is_country(tok[name_start].text):
                name_start += 1
            if end <= name_start or end - name_start > 5:
                continue
            run = doc[name_start:end]
            if run[-1].lower_ in self.lexicon.organization_nouns or context.is_known_place(run.text) \
                    or run[-1].lower_ in self.lexicon.group_nouns:
                continue  # "General Staff", "Governor Vermont": no person follows the title
            cand = Candidate(name_start, end, source="rule")
            cand.strong[PERSON] += 2
            out.append(cand)
        for name_start, title_start in context.peer_titles.items():
            limit = self._sent(doc, name_start).end
            end = self._name_run_right(doc, name_start, limit)
            if end <= name_start or end - name_start > 3 or context.skipped(tok[name_start].idx):
                continue
            if end + 1 < limit and tok[end].lower_ == "of" and self._is_name_token(tok[end + 1]):
                end = self._name_run_right(doc, end + 1, limit)  # "Lord X of Y": the peerage's seat
            cand = Candidate(title_start, end, source="rule")
            cand.strong[PERSON] += 2
            out.append(cand)
        return out

    # --- patterns ---------------------------------------------------------------------

    def _pattern_candidates(self, doc: Doc, context: "_DocContext") -> list[Candidate]:
        tok = self._tokens(doc)
        spans = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id].split("|")[0]
            if tok[start].shape_.startswith("d") and not ORDINAL.match(tok[start].text):
                continue  # "41st" is an ordinal, "10am" is not
            if match_id in self.patterns_place_before:
                words = doc[start + (tok[start].lower_ == "the"):end - 1]
                if not len(words) or not ((context.is_country_or_province(words.text)
                                           and not any(t.ent_type_ == "PERSON" for t in words)) or (
                        len(words) == 1 and _is_demonym(words.text))):
                    continue
            before, after = self.pattern_context.get(match_id, (0, 0))
            strength = "says" if match_id in self.patterns_saying_kind else \
                "votes" if match_id in self.patterns_voting else ""
            start, end = start + before, end - after
            of = next((k for k in range(start + 1, end - 2) if tok[k].lower_ == "of"
                       and tok[k - 1].lower_ in self.lexicon.unit_nouns), None)
            if of is not None:
                # the parent's name may run on past the pattern's reach ("... of the General
                # Service Unit" matched up to "General")
                rest_end = end
                while rest_end < len(doc) and rest_end - end < 4 and self._is_name_token(tok[rest_end]) \
                        and not is_acronym(tok[rest_end].text) and not tok[rest_end].is_sent_start:
                    rest_end += 1
                rest = [t.lower_ for t in doc[of + 1:rest_end] if t.lower_ != "the"]
                if len(rest) >= 2 and self._has_organization_head(rest):
                    end = of  # "the 3rd Battalion of the X Army": the unit, its parent apart
            spans.append((start, end, label, strength, match_id in self.patterns_lowercase))
        out = []
        # Longest first so that "41st Mountain Brigade" wins over "Mountain Brigade".
        taken: set[int] = set()
        for start, end, label, says, lowercase_name in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            if any(i in taken for i in range(start, end)) or context.skipped(tok[start].idx):
                continue
            while end > start + 1 and tok[end - 1].lower_ in NAME_CONNECTORS:
                end -= 1  # an optional connector the pattern matched with no name after it
            if end - start == 1 and Gazetteer.shared().demonym_country(tok[start].text) is not None:
                continue  # "the French and British units": nationalities, not names
            lowercase_head = tok[end - 1].text.islower()
            if lowercase_head and end < len(doc) and (
                    tok[end].pos_ in ("NOUN", "PROPN") or (tok[end].text in HYPHENS and not tok[end - 1].whitespace_)):
                continue  # "Chilean government sites", "government-backed": a modifier
            bounds = self._clean(doc, start, end, lowercase_head=lowercase_head)
            if lowercase_name:
                if tok[start - 1].pos_ in ("ADJ", "PROPN") if start > 0 else False:
                    continue  # "the Nigerian federal government" is found as the Nigerian one
                bounds = (start, end)
            if bounds is None:
                continue
            if not lowercase_head:
                bounds = self._without_trailing_demonym(doc, *self._extend(doc, *bounds, titles=context.title_tokens))
            taken.update(range(start, end))
            cand = Candidate(*bounds, source="rule", said=says == "says")
            (cand.votes if says == "votes" else cand.strong)[KIND_BY_LABEL.get(label, ORGANIZATION)] += 1
            out.append(cand)
        return out

    # --- one-word names after a role noun -------------------------------------------------

    def _role_noun_name_candidates(self, doc: Doc, context: "_DocContext") -> list[Candidate]:
        """A capitalised word the model leaves untagged right after a lowercase role or person
        noun is a person's name, often a pen name, a nickname or a single name ("the
        cartoonist Varo", "the florist Tarmo"); after a plural one, each such word of the
        list that follows is ("the cartoonists Varo, Lena Karis and Pim"). Only a word that
        is no English word, place, nationality, title or organisation word."""
        tok = self._tokens(doc)
        lemmas = doc.to_array([LEMMA]).reshape(-1)
        out = []
        for i in numpy.flatnonzero(numpy.isin(lemmas, self.person_noun_lemmas)).tolist():
            noun = tok[i]
            if not noun.text.islower() or noun.pos_ not in ("NOUN", "PROPN") or i + 1 >= len(doc) \
                    or context.skipped(noun.idx):
                continue
            plural = noun.tag_ in ("NNS", "NNPS")
            limit = self._sent(doc, i).end
            j = i + 1
            while j < limit:
                if self._lone_untagged_name(doc, j, context, in_list=plural):
                    cand = Candidate(j, j + 1, source="rule")
                    cand.strong[PERSON] += 1
                    out.append(cand)
                    k = j + 1
                elif tok[j].ent_type_ == "PERSON" and tok[j].ent_iob_ == "B":
                    k = j + 1
                    while k < limit and tok[k].ent_iob_ == "I":
                        k += 1  # a full name the model tagged, one of the list
                else:
                    break
                if not plural or k + 1 >= limit or tok[k].lower_ not in (",", "and") \
                        or (tok[k].text == "," and tok[k + 1].lower_ == "and" and k + 2 >= limit):
                    break
                j = k + 1 + (tok[k].text == "," and tok[k + 1].lower_ == "and")
        return out

    def _lone_untagged_name(self, doc: Doc, j: int, context: "_DocContext", in_list: bool = False) -> bool:
        """A single capitalised word no entity covers, no English word, place, nationality,
        title or organisation word, and not followed by another capitalised word. In a list
        after a plural person noun ("the cartoonists X, Y and Z") the model's label for an
        organisation is overruled too."""
        tok = self._tokens(doc)
        word = tok[j]
        lower = word.lower_
        lex = self.lexicon
        if not (word.is_title and word.is_alpha and len(lower) >= 3) \
                or (word.ent_type_ not in UNTAGGED_NAME_LABELS and not (in_list and word.ent_type_ == "ORG")) \
                or word.is_sent_start or lower in self.english_words or lower in lex.titles \
                or lower in lex.organization_nouns or lower in lex.organization_words or lower in lex.facility_nouns \
                or lower in lex.particles or _is_demonym(word.text) or context.is_known_place(word.text):
            return False
        if word.ent_type_ and (word.ent_iob_ != "B" or (j + 1 < len(doc) and tok[j + 1].ent_iob_ == "I")):
            return False  # part of a longer name
        # no modifier of a noun after it ("the militant X group")
        return j + 1 >= len(doc) or not (self._is_name_token(tok[j + 1]) or tok[j + 1].lower_ in POSSESSIVES
                                         or (tok[j + 1].pos_ == "NOUN" and tok[j + 1].text.islower()))

    # --- acronyms the model leaves untagged ---------------------------------------------

    def _acronym_candidates(self, doc: Doc, context: "_DocContext") -> list[Candidate]:
        """Words in capitals that no entity covers ("the GEK, a police unit"): actors
        when the text around them says so (an apposition, a member noun after them)."""
        tok = self._tokens(doc)
        out = []
        for i in numpy.flatnonzero(context.upper):
            token = tok[int(i)]
            if token.ent_type_ or len(token.text) < 2 or not is_acronym(token.text) or token.pos_ not in ("PROPN", "NOUN") \
                    or ROMAN_NUMERAL.match(token.text) or context.skipped(token.idx):
                continue
            start = token.i
            if start > 0 and NUMBERED.match(tok[start - 1].text) and not tok[start - 1].text.isdigit():
                start -= 1  # "men of the 4e RCA": a numbered unit's acronym
            cand = Candidate(start, token.i + 1, source="rule", needs_evidence=True)
            cand.votes[ORGANIZATION] += 1
            out.append(cand)
        return out

    def _numbered_compound_candidates(self, doc: Doc, context: "_DocContext") -> list[Candidate]:
        """"Grenzgruppe 4": a German or Dutch compound ending in a unit word, then its
        number (a regular expression per token would cost the matcher too much)."""
        tok = self._tokens(doc)
        out = []
        for i in numpy.flatnonzero(context.digits):
            i = int(i)
            if i == 0 or context.skipped(tok[i].idx) or len(tok[i]) > 3:
                continue
            word = tok[i - 1]
            if word.is_title and word.lower_ not in self.lexicon.organization_nouns and UNIT_COMPOUND.match(word.lower_):
                cand = Candidate(i - 1, i + 1, source="rule", said=True)
                cand.strong[ORGANIZATION] += 1
                out.append(cand)
        return out

    # --- "an association, Name of Words, which ..." ---------------------------------------

    def _apposition_candidates(self, doc: Doc, context: "_DocContext") -> list[Candidate]:
        """A name set off by commas after an organisation noun is an organisation's
        whole name, connectors and all ("a charity, Bread for Tomorrow, which ...")."""
        tok = self._tokens(doc)
        out = []
        for i in numpy.flatnonzero(context.orth == self.comma):
            start = int(i) + 1
            if start >= len(doc) or not self._is_name_token(tok[start]) or context.skipped(tok[start].idx):
                continue
            end = start
            k = start
            while k < len(doc) and k - start < 8:
                token = tok[k]
                if self._is_name_token(token) and not token.is_sent_start:
                    k += 1
                    end = k
                elif (token.lower_ in NAME_CONNECTORS or self._is_particle(token) or token.text in HYPHENS) \
                        and k > start:
                    k += 1
                else:
                    break
            if end == start or end >= len(doc) or tok[end].text not in (",", ".", ";"):
                continue
            head = self._appositive_head_before(doc, start, end)
            if head in self.lexicon.organization_nouns:
                cand = Candidate(start, end, source="rule", said=True)
                cand.strong[ORGANIZATION] += 1
                out.append(cand)
            elif head in self.lexicon.role_nouns and 2 <= end - start <= 4 and all(
                    self._is_name_token(t) for t in doc[start:end]):
                # "the court's presiding judge, Ana Petrova, said": a person, whatever the
                # model made of her surname
                cand = Candidate(start, end, source="rule")
                cand.strong[PERSON] += 1
                out.append(cand)
        for i in numpy.flatnonzero(context.orth == self.comma):
            # "the Mothers of Tarvin, a group of bereaved parents": the whole name.
            comma = int(i)
            if comma == 0 or context.skipped(tok[comma].idx) or not self._is_name_token(tok[comma - 1]):
                continue
            head = self._appositive_head(doc, comma)
            start = self._name_run_left(doc, comma)
            if head in self.lexicon.organization_nouns:
                if start < comma and any(tok[k].lower_ in NAME_CONNECTORS for k in range(start, comma)):
                    cand = Candidate(start, comma, source="rule", said=True)
                    cand.strong[ORGANIZATION] += 1
                    out.append(cand)
                continue
            # "X Y, the group's chief chemist,": a personal name the model left untagged,
            # said to be a person by the role after it.
            if head in self.lexicon.role_nouns and 2 <= comma - start <= 4 and all(
                    self._is_name_token(t) and t.ent_type_ in ("", "PERSON") and t.pos_ == "PROPN"
                    for t in doc[start:comma]):
                cand = Candidate(start, comma, source="rule")
                cand.strong[PERSON] += 1
                out.append(cand)
        out += self._quoted_name_candidates(doc, context)
        return out

    def _quoted_name_candidates(self, doc: Doc, context: "_DocContext") -> list[Candidate]:
        """A name in quotes before an organisation noun: 'the "Red Dawn" militia'."""
        tok = self._tokens(doc)
        out = []
        lex = self.lexicon
        for i in numpy.flatnonzero(numpy.isin(context.orth, self.opening_quotes)):
            start = int(i) + 1
            close = next((k for k in range(start, min(start + 7, len(doc))) if tok[k].text in CLOSING_QUOTES), None)
            if close is None or close == start or context.skipped(tok[start].idx) or not all(
                    self._is_name_token(t) or t.lower_ in NAME_CONNECTORS or self._is_particle(t) for t in doc[start:close]):
                continue
            k = close + 1
            while k < len(doc) and k - close <= 3 and tok[k].text.islower() and tok[k].pos_ in ("ADJ", "NOUN") \
                    and tok[k].lower_ not in lex.organization_nouns:
                k += 1
            if k < len(doc) and tok[k].text.islower() and tok[k].lower_ in lex.organization_nouns:
                cand = Candidate(start, close, source="rule", said=True)
                cand.strong[ORGANIZATION] += 1
                out.append(cand)
        return out

    # --- "Name (ACR)" and "ACR (Full Name)" --------------------------------------------

    def _parenthesis_candidates(self, doc: Doc, context: "_DocContext",
                                links: list[tuple[Candidate, Candidate]]) -> list[Candidate]:
        tok = self._tokens(doc)
        out = []
        for i in numpy.flatnonzero(context.orth == self.open_paren):
            token = tok[int(i)]
            if context.skipped(token.idx):
                continue
            close = next((j for j in range(token.i + 1, min(token.i + 16, len(doc)))
                          if tok[j].text == ")"), None)
            if close is None or close == token.i + 1:
                continue
            inner_start, inner_end = token.i + 1, close
            inner = doc[inner_start:inner_end]
            before_end = token.i
            acronym = inner.text if is_acronym(inner.text) and " " not in inner.text.strip() else None
            if len(inner) == 2 and is_acronym(inner[1].text) and NUMBERED.match(inner[0].text):
                # "the 24th Amphibious Unit (24th AU)", "the 1st Chasseur Regiment (1er RCh)": a
                # numbered unit and its acronym with the number
                before_start = self._name_run_left(doc, before_end)
                if before_start < before_end and NUMBERED.match(tok[before_start].text):
                    _add_unit_and_acronym(out, links, (before_start, before_end), (inner_start, inner_end))
                continue
            if len(inner) == 2 and is_acronym(inner[0].text) and inner[1].text.isdigit() and before_end >= 2 \
                    and tok[before_end - 1].text == inner[1].text and self._numbered_unit_word(tok[before_end - 2]):
                # "Sondergruppe 4 (SG 4)": a numbered unit and its acronym, number and all
                _add_unit_and_acronym(out, links, (before_end - 2, before_end), (inner_start, inner_end))
                continue
            before_start = self._name_run_left(doc, before_end, acronym)
            if before_start >= before_end:
                continue
            if self._faction_qualifier(doc, before_end, close):
                continue  # "League (N)": part of the name before it, no other name (see ``_find``)
            outer = Candidate(before_start, before_end, source="rule")
            if acronym:
                # "Northern Liberation Front (NLF)": an acronym names what precedes it.
                acr = Candidate(inner_start, inner_end, source="alias")
                acr.strong[ORGANIZATION] += 1
                outer.strong[ORGANIZATION] += 1
                outer.spelled = True
                out += [outer, acr]
                links.append((outer, acr))
            elif all(self._is_name_token(t) or self._is_particle(t) or t.text in HYPHENS for t in inner) \
                    and inner[0].text[:1].isupper():
                # "al-Fajr (Jabhat al-Fajr al-Watani)": the same actor twice; but
                # "the X Army (Y Brigade)" names a unit of it, a word apart.
                full = Candidate(inner_start, inner_end, source="alias")
                out += [outer, full]
                outer_words = {name_key(t.text) for t in doc[before_start:before_end] if t.is_alpha}
                if outer_words & {name_key(t.text) for t in inner if t.is_alpha} - set(NAME_CONNECTORS):
                    links.append((outer, full))
                elif len(inner) == 1 and before_end - before_start >= 2 \
                        and self._has_organization_head([t.lower_ for t in doc[before_start:before_end]]) \
                        and not context.is_known_place(inner.text) and inner[0].lower_ not in self.english_words:
                    # "the Rural Guards Corps (Korang)": an organisation's short name in its own
                    # language, which the model may take for a person's
                    outer.strong[ORGANIZATION] += 1
                    full.strong[ORGANIZATION] += 1
                    links.append((outer, full))
        return out

    def _two_places_before(self, doc: Doc, cand: Candidate, context: "_DocContext") -> bool:
        """The name with an organisation head starts with the second of two places joined by
        "and" ("<Place> and <Place> Police", "<Place> and <Place> Council"): the body serves
        both, and its name holds them (section 1: the fullest form). Both words must be
        places the gazetteer knows, or the pair a place the article names."""
        tok = self._tokens(doc)
        start = cand.start
        if start < 2 or cand.end - start < 2 or tok[start - 1].lower_ != "and" \
                or not self._has_organization_head([t.lower_ for t in tok[max(start, cand.end - 2):cand.end]]):
            return False
        left, right = tok[start - 2], tok[start]
        if not (self._is_name_token(left) and left.is_alpha and right.is_alpha) \
                or right.lower_ in self.lexicon.organization_nouns or right.lower_ in self.lexicon.titles \
                or (start >= 3 and self._is_name_token(tok[start - 3])) or not context.is_known_place(left.text):
            return False
        return context.is_known_place(right.text) or name_key(f"{left.text} and {right.text}") in context.place_names

    def _faction_qualifier(self, doc: Doc, end: int, close: int) -> bool:
        """The parenthesis that opens at token ``end`` and closes at ``close``, after a name
        with an organisation head, holds the letter or the adjective of one faction of it
        ("League (N)", "Party (Marxist)"): no acronym, no place and no other name."""
        tok = self._tokens(doc)
        if close != end + 2 or end < 2 or close >= len(doc) or tok[end].text != "(" or tok[close].text != ")" \
                or not self._has_organization_head([tok[end - 2].lower_, tok[end - 1].lower_]):
            return False
        word = tok[end + 1].text
        if len(word) == 1:
            return word.isupper() and word.isalpha()
        return word.istitle() and word.isalpha() and word.lower() in self.adjectives \
            and not _DocContext.is_known_place(word) and not _is_demonym(word)

    def _name_run_left(self, doc: Doc, end: int, acronym: str | None = None) -> int:
        """Start of the capitalised name that ends right before token ``end``.

        With the ``acronym`` written in parentheses after it, the name may also run
        through "and" ("Front for Bread and Freedom (FBF)"), and of the possible
        starts the one whose initials best spell the acronym wins: in order, or in
        another order for a name translated from another language ("Front for
        Justice and Renewal (FRJ)" style)."""
        tok = self._tokens(doc)
        joins = ("and", "&") if acronym else ()
        connectors = ("of", "the", "for", "in", "on") + DASHES
        i = end - 1
        start = end
        starts: list[tuple[int, bool]] = []  # possible starts, and whether they cross "and"
        crossed = False
        sent_start = self._sent(doc, end - 1).start if end > 0 else 0
        while i >= sent_start:
            token = tok[i]
            if self._is_name_token(token) or ORDINAL.match(token.text) or (
                    NUMBERED.match(token.text) and not token.text.isdigit()):
                start = i
                starts.append((i, crossed))
            elif token.text in HYPHENS and token.whitespace_ == "" and i > 0 and tok[i - 1].whitespace_ == "":
                pass
            elif self._is_particle(token) and token.whitespace_ == "" and start == i + 2:
                start = i  # "al-Nasr"
                starts.append((i, crossed))
            elif (token.lower_ in connectors or token.lower_ in joins) and i > sent_start and start < end:
                crossed = crossed or token.lower_ in joins
                # "Front for the Defence of", "Joint Force – Northern Command"
            else:
                break
            i -= 1
        if acronym and starts:
            letters = re.sub(r"[^a-z]", "", acronym.lower())

            def fit(option: tuple[int, bool]) -> tuple:
                score = _spelling(_initials(doc[option[0]:end].text), letters)
                if option[1] and score < ACRONYM_ACROSS_AND:
                    score = -1.0  # "the Police and River Commandos (RICOM)": two names
                return (score, not option[1], end - option[0])

            start = max(starts, key=fit)[0]
        # Never start on a connector or a sentence-initial common word.
        while start < end and (tok[start].lower_ in connectors or tok[start].is_punct):
            start += 1
        return start

    # --- infobox ----------------------------------------------------------------------

    def _infobox_candidates(self, doc: Doc, context: "_DocContext") -> list[Candidate]:
        tok = self._tokens(doc)
        out = []
        for entry in context.infobox:
            kind = self.lexicon.infobox_kind(entry.key)
            if kind is None:
                continue
            span = doc.char_span(entry.start_char, entry.end_char, alignment_mode="expand")
            if span is None:
                continue
            # Values are lists: split at commas, semicolons, "and", line items.
            part_start = span.start
            for i in range(span.start, span.end + 1):
                if i < span.end and tok[i].lower_ == "and" and self._name_across_and(doc, part_start, i, span.end,
                                                                                     context.text):
                    continue
                if i == span.end or tok[i].text in (",", ";", "/", "(", ")") or tok[i].lower_ == "and":
                    if i > part_start:
                        roles: list[str] = []
                        stop = next((k for k in range(part_start + 1, i) if tok[k].is_alpha and tok[k].text.islower()
                                     and tok[k].lower_ not in NAME_CONNECTORS and not self._is_particle(tok[k])), i)
                        if stop < i and context.text.count(doc[part_start:i].text) >= 2:
                            stop = i  # the article writes the whole name elsewhere ("Sons of the Reef with Honour")
                        # "X with foreign backing": a lowercase word that joins no name ends it
                        bounds = self._clean(doc, part_start, stop, roles)
                        if bounds is not None:
                            cand = Candidate(*bounds, source="infobox", roles=roles)
                            if kind == "evidence":
                                cand.weak = True
                            else:
                                cand.votes[kind] += 2
                            out.append(cand)
                    part_start = i + 1
        return out

    @staticmethod
    def _name_across_and(doc: Doc, start: int, and_: int, end: int, text: str) -> bool:
        """"and" inside one name of an infobox list ("Front of Salt and the Sea"): the
        article writes the whole name, "and" and all, elsewhere."""
        stop = next((k for k in range(and_ + 1, end) if doc[k].text in (",", ";", "/", "(", ")")
                     or doc[k].lower_ == "and"), end)
        while start < and_ and doc[start].text.islower() and not doc[start].text.startswith(("al-", "el-")):
            start += 1  # "claimed by the Front of Salt and the Sea": the name starts at its capital
        if stop <= and_ + 1 or and_ <= start:
            return False
        whole = doc[start:stop].text.strip()
        return " " in whole and text.count(whole) >= 2  # here and elsewhere

    # --- "known as" -------------------------------------------------------------------

    def _alias_cue_candidates(self, doc: Doc, context: "_DocContext", candidates: list[Candidate],
                              links: list[tuple[Candidate, Candidate]]) -> list[Candidate]:
        tok = self._tokens(doc)
        out = []
        lex = self.lexicon
        starts = {c.start: c for c in candidates}
        for _, i, cue_end in self.alias_cues(doc):
            sent = self._sent(doc, i)
            if cue_end >= sent.end or context.skipped(tok[i].idx):
                continue
            start = cue_end
            if tok[start].lower_ == "the" and start + 1 < sent.end and self._is_name_token(tok[start + 1]):
                start = cue_end = start + 1  # "often called the X Commission"
            if tok[cue_end].text in OPENING_QUOTES:
                # A nickname in quotes: 'known as "the Engineer"'.
                start = cue_end + 1
                end = next((k for k in range(start, min(start + 6, sent.end)) if tok[k].text in CLOSING_QUOTES),
                           start)
                if end > start and not tok[start].text[:1].isupper():
                    end = start
            else:
                end = self._name_run_right(doc, cue_end, sent.end)
            if end <= start:
                continue
            # "whose assault force took the name X": the name is that of the common noun the
            # cue's verb says it of, not of an actor named before.
            verb = tok[i]
            if verb.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"
                                           for c in verb.children):
                continue
            # "a hall known as the X", "a square often called X": a common noun right before
            # the cue is what the name names (a place or a thing), not an actor named earlier.
            head = tok[i - 1] if i > sent.start else None
            if head is not None and head.pos_ == "NOUN" and head.text.islower() and not any(
                    head.lower_ in words for words in (lex.person_nouns, lex.role_nouns, lex.organization_nouns,
                                                       lex.member_nouns, lex.group_nouns)) \
                    and head.lemma_.lower() not in lex.person_nouns and head.lemma_.lower() not in lex.role_nouns:
                if head.lower_ in lex.facility_nouns and start in starts:
                    starts[start].weak = True  # "a hall known as the X": X is that hall
                continue
            owner = max((c for c in candidates if sent.start <= c.start and c.end <= i
                         and (c.votes[PERSON] or c.votes[ORGANIZATION] or c.strong.total())),
                        key=lambda c: c.start, default=None)
            if owner is None and any(t.lower_ in PERSONAL_PRONOUNS for t in doc[sent.start:sent.end]
                                     if not start <= t.i < end):
                # "... earned him the nickname X", "Taking the name X, he ...": the person
                # last named before.
                owner = max((c for c in candidates if c.end <= sent.start and (c.votes[PERSON] or c.strong[PERSON])),
                            key=lambda c: c.start, default=None)
            if owner is None:
                continue
            alias = starts.get(start) or Candidate(start, end, source="alias")
            if alias not in candidates:
                out.append(alias)
            links.append((owner, alias))
        return out

    # --- overlaps ---------------------------------------------------------------------

    def _resolve_overlaps(self, doc: Doc, candidates: list[Candidate], titles: dict[int, int],
                          links: list[tuple[Candidate, Candidate]]) -> list[Candidate]:
        """One candidate per stretch of text; the longest wins and takes the others' votes."""
        tok = self._tokens(doc)
        title_tokens = {i for end, start in titles.items() for i in range(start, end)}
        # "the X Group of the Y Service (YS)": the acronym says where Y's name starts,
        # so a longer span over both is two organisations, a unit and its parent.
        for outer in (c for c in candidates if c.spelled):
            k = outer.start
            while k > 0 and tok[k - 1].lower_ in ("of", "the"):
                k -= 1
            if k == outer.start or tok[outer.start - 1].lower_ not in ("of", "the"):
                continue
            if k > 0 and tok[k - 1].lower_ == "for":
                continue  # "the X Court for the Y District (YD)": one name, the court's for its district
            for cand in candidates:
                if not cand.spelled and cand.start < k and cand.end == outer.end \
                        and any(self._is_name_token(t) for t in doc[cand.start:k]):
                    cand.end = k
        priority = {"infobox": 0, "rule": 1, "alias": 1, "ner": 2}
        kept: list[Candidate] = []
        owner: dict[int, Candidate] = {}
        replaced: dict[int, Candidate] = {}
        ordered = sorted(candidates, key=lambda c: (c.start - c.end, priority[c.source], c.start))
        for cand in ordered:
            if cand.end - 1 in title_tokens:
                replaced[id(cand)] = None  # "State" in "Secretary of State", "Federal Interior" Minister
                continue
            while cand.start in title_tokens:
                cand.start += 1
            hit = next((owner[i] for i in range(cand.start, cand.end) if i in owner), None)
            if hit is None:
                kept.append(cand)
                for i in range(cand.start, cand.end):
                    owner[i] = cand
                continue
            if hit.start <= cand.start and cand.end <= hit.end:
                if cand.end == hit.end:  # same head: "Youth Brigade" in "... Youth Brigade"
                    # but a place that ends a longer name ("Court of Chile") says nothing of it
                    same = (cand.start, cand.end) == (hit.start, hit.end)
                    hit.votes.update({k: v for k, v in cand.votes.items() if k != PLACE or same})
                    hit.strong.update(cand.strong)
                hit.roles += [r for r in cand.roles if r not in hit.roles]
                hit.weak = hit.weak and cand.weak
                replaced[id(cand)] = hit
            else:
                replaced[id(cand)] = None  # crossing spans: the longer one stands
        for k, (a, b) in enumerate(links):
            links[k] = (replaced.get(id(a), a), replaced.get(id(b), b))
        links[:] = [(a, b) for a, b in links if a is not None and b is not None and a is not b]
        return sorted(kept, key=lambda c: c.start)

    # --- groups -----------------------------------------------------------------------

    def _group_entities(self, doc: Doc, context: "_DocContext", candidates: list[Candidate]) -> list[Entity]:
        """Unnamed collectives: a group role noun with its affiliation and role modifiers
        ("Rwandan-backed Congolese militia factions", "soldiers of the Peruvian Army")."""
        tok = self._tokens(doc)
        in_actor = {}
        for cand in candidates:
            for i in range(cand.start, cand.end):
                in_actor[i] = cand
        groups: dict[str, Entity] = {}
        short_forms: dict[str, list[str]] = {}
        nouns = self.lexicon.group_nouns
        # head noun's last token -> its first ("passers-by" is three tokens)
        group_heads = self.group_heads(doc)
        firsts = {start: start for _, start, end in group_heads if end == start + 1}
        firsts.update({end - 1: start for _, start, end in group_heads if end > start + 1
                       and all(not t.whitespace_ for t in doc[start:end - 1])})
        heads = set(firsts) | {ent.end - 1 for ent in self._ents(doc) if ent.label_ == "NORP"}
        arrays = doc.to_array([LEMMA, TAG, LOWER])
        plural_person = set(numpy.flatnonzero(numpy.isin(arrays[:, 0], self.person_lemmas)
                                              & numpy.isin(arrays[:, 1], self.plural_tags)).tolist())
        heads |= plural_person
        adjectives = set(numpy.flatnonzero(numpy.isin(arrays[:, 2], self.collective_adjectives)).tolist())
        heads |= {i for i in adjectives if self._adjective_as_collective(doc, i)}
        # "Muslim Australians", "Londoners": a plural of a nationality or of a place's people
        # that the model left untagged names a group like a tagged one.
        people_of_place = {i for i in numpy.flatnonzero(numpy.isin(arrays[:, 1], self.plural_tags)).tolist()
                           if tok[i].is_title and tok[i].ent_type_ != "PERSON" and self._people_of_place(tok[i].text)}
        heads |= people_of_place
        for head in sorted(heads):
            token = tok[head]
            first = firsts.get(head, head)
            info = nouns.get(doc[first:head + 1].text.lower())
            if info is None and (head in plural_person or head in adjectives) \
                    and token.lower_ not in self.lexicon.never_group_nouns:
                info = (False, False)
            plural_norp = (token.ent_type_ == "NORP" and token.text.endswith("s") and token.text[:1].isupper()) \
                or head in people_of_place
            if info is None and not plural_norp:
                continue
            needs_modifier, capitalised = info if info else (False, True)
            if context.skipped(token.idx):
                continue
            after_stop = token.i > 0 and tok[token.i - 1].text in (".", "!", "?", '"', "\u201c")
            if token.text[:1].isupper() and not (capitalised or token.is_sent_start or after_stop or plural_norp):
                continue  # "Northern Defence Forces" is a name, not a group
            nxt = tok[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and token.whitespace_ and token.dep_ == "compound" and nxt.pos_ in ("NOUN", "PROPN"):
                continue  # "police convoy", "security forces commander": a modifier, not the head
            if nxt is not None and nxt.text in HYPHENS and token.whitespace_ == "":
                continue  # "police-led"
            if first >= 2 and tok[first - 1].lower_ == "of" and self._is_role_word(tok[first - 2]):
                continue  # "chief of staff": an office
            actor = in_actor.get(token.i)
            if actor is not None and actor.end - 1 == token.i and not capitalised and not plural_norp \
                    and not (actor.start == token.i and (token.is_sent_start or after_stop)):
                continue  # the head of an organisation's name (not a plural capitalised by position)
            if actor is not None and actor.start < first and (head in plural_person and head not in firsts):
                continue  # "the Youth Workers League": a name, not a group
            start = self._group_modifiers_left(doc, first, in_actor)
            head_end = token.i + 1
            end = self._group_pp_right(doc, head_end, in_actor)
            if end == head_end:
                end = self._group_phrase_right(doc, token.i)
            if needs_modifier and start == first and end == head_end:
                continue
            span = doc[start:end]
            key = name_key(span.text)
            kind = ORGANIZATION if end == head_end and self._place_institution(doc, start, first, context) else GROUP
            entity = groups.setdefault(key, Entity(kind=kind))
            entity.mentions.append(EntityMention(span.start_char, span.end_char, span.text, kind, "rule"))
            if end > head_end and not (needs_modifier and start == first):
                # "armed volunteers from the X" is also written "armed volunteers".
                short_forms.setdefault(key, []).append(doc[start:head_end].text)
            if start < first and not needs_modifier and all(
                    (t.text.islower() or t.is_sent_start) and t.tag_ in ("JJ", "VBN", "VBG", "NN") and t.ent_type_ != "NORP"
                    for t in doc[start:first]):
                # "distraught parents" are the parents: a description, not an affiliation (and
                # a noun the parser took for a compound, "to telephone journalists", is often none)
                short_forms.setdefault(key, []).append(doc[first:head_end].text)
        for key, entity in groups.items():
            forms = entity.surface_forms
            entity.name = choose_name(forms)
            entity.aliases = [f for f in forms if name_key(f) != name_key(entity.name)]
            for form in short_forms.get(key, []):
                if name_key(form) not in {name_key(a) for a in entity.aliases}:
                    entity.aliases.append(form)
        return list(groups.values())

    def _place_institution(self, doc: Doc, start: int, head: int, context: "_DocContext") -> bool:
        """"the Lagos police", "the Tarvin council government": a state body in lower case named by the
        city or region it serves is that one organisation (guidelines section 1), while a
        nationality with it ("Kenyan police") stays a collective."""
        if start >= head or doc[head].lower_ not in self.lexicon.institution_synonyms:
            return False
        words = doc[start:head]
        if any(not (t.is_title and t.pos_ == "PROPN") or _is_demonym(t.text) for t in words):
            return False
        return context.is_place_mention(words.start_char, words.end_char) or context.is_known_place(words.text)

    @staticmethod
    def _people_of_place(word: str) -> bool:
        """"Australians", "Londoners", "Parisians": the people of a country or a place."""
        if not word.endswith("s") or len(word) < 5:
            return False
        if _is_demonym(word):
            return True
        for suffix, cut in (("ers", 3), ("ians", 4), ("ans", 3)):
            if word.endswith(suffix) and _DocContext.is_known_place(word[:-cut]):
                return True
        return False

    @staticmethod
    def _adjective_as_collective(doc: Doc, i: int) -> bool:
        """"the wounded", "the British dead": an adjective that heads its noun phrase
        after "the" (and a nationality) names the people it describes."""
        token = doc[i]
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "ADJ") or nxt.text in HYPHENS or (
                nxt.pos_ == "NUM" and not (i + 2 < len(doc) and doc[i + 2].is_punct))):
            return False  # "the dead man", "the wounded soldiers"; but "the American dead seven."
        if token.text[:1].isupper() or i == 0:
            return False
        prev = doc[i - 1]
        if prev.lower_ == "the":
            return True
        return prev.ent_type_ == "NORP" and prev.text[:1].isupper() and i >= 2 and doc[i - 2].lower_ == "the"

    def _group_phrase_right(self, doc: Doc, head: int) -> int:
        """A participle or "in" phrase that says which ones ("residents living in X",
        "officers disguised as aircrew", "police officers in plain clothes"); the group's
        name keeps it and its short form becomes an alias."""
        tok = self._tokens(doc)
        end = head + 1
        if end >= len(doc):
            return end
        k = end
        participle = tok[k].tag_ in ("VBN", "VBG") and tok[k].head.i == head and tok[k].dep_ in ("acl", "amod")
        if participle:
            k += 1
        if k >= len(doc) or tok[k].pos_ != "ADP" or tok[k].head.i != (k - 1 if participle else head):
            return end
        if not participle and tok[k].lower_ != "in":
            return end
        pobj = next((c for c in tok[k].children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.i <= k or pobj.i - k > 4:
            return end
        phrase = doc[k + 1:pobj.i + 1]
        if any(t.is_punct or t.ent_type_ in ("DATE", "TIME", "CARDINAL", "QUANTITY") for t in phrase):
            return end
        if not participle and (not pobj.text.islower() or pobj.lower_ in self.lexicon.facility_nouns
                               or pobj.lower_ in self.lexicon.non_actor_heads):
            return end  # "hostages in the building", "soldiers in the attack": where, not which
        return pobj.i + 1

    def _group_modifiers_left(self, doc: Doc, head: int, in_actor: dict[int, Candidate] | None = None) -> int:
        """Start of the modifiers before a group noun ("Rwandan-backed Congolese militia")."""
        tok = self._tokens(doc)
        start = head
        i = head - 1
        sent_start = self._sent(doc, head).start
        while i >= sent_start:
            token = tok[i]
            lower = token.lower_
            if lower in POSSESSIVES and i > sent_start and tok[i - 1].pos_ == "NOUN" and tok[i - 1].text.islower():
                start = i - 1  # "the city's crisis committee"
                i -= 2
                continue
            owner = in_actor.get(i - 1) if in_actor and lower in POSSESSIVES and start == head else None
            if owner is not None and owner.end == i and (owner.strong[ORGANIZATION] or is_acronym(
                    doc[owner.start:owner.end].text)) and not owner.strong[PERSON]:
                start = owner.start  # "the Front's leaders": the organisation's own members
                break
            if owner is not None and owner.end == i and tok[head].lower_ in self.lexicon.kin_collectives:
                start = owner.start  # "Karimi's family": the person's own kin
                break
            if lower in self.lexicon.group_stops or token.like_num or token.ent_type_ in ("DATE", "TIME") \
                    or token.pos_ in ("DET", "PRON", "NUM", "ADP") or lower in POSSESSIVES:
                break
            if token.text in HYPHENS and token.whitespace_ == "" and i > sent_start and tok[i - 1].whitespace_ == "":
                i -= 1
                continue
            if token.text == "," and start < head and _is_demonym(tok[start].text) and i > sent_start \
                    and _is_demonym(tok[i - 1].text) and tok[i - 1].text[:1].isupper() \
                    and any(t.lower_ == "and" for t in doc[start:head]):
                i -= 1  # "American, French and Italian troops": a list of nationalities
                continue
            if token.is_punct or token.pos_ in ("AUX", "SCONJ", "ADV", "PART", "INTJ", "SYM", "X"):
                break
            if token.pos_ == "VERB":
                # "armed men", "rescued miners", "Rwandan-backed"; not "escorting riot police".
                hyphenated = i > sent_start and tok[i - 1].text in HYPHENS and tok[i - 1].whitespace_ == ""
                edge = i == sent_start or tok[i - 1].lower_ in self.lexicon.group_stops \
                    or tok[i - 1].pos_ in ("DET", "NUM", "PUNCT", "ADP", "CCONJ", "PRON", "SCONJ")
                if i - 2 >= sent_start and tok[i - 2].text in HYPHENS and not tok[i - 2].whitespace_:
                    edge = False  # "passers-by pulled people": the end of a word, no edge
                if not (hyphenated or (token.tag_ == "VBN" and edge) or (token.tag_ == "VBG" and edge)):
                    break
            if lower == "and" or token.pos_ == "CCONJ":
                # "Chilean and Peruvian investigators": coordinated adjectives only.
                if start < head and tok[start].pos_ in ("ADJ", "PROPN") and i > sent_start \
                        and tok[i - 1].pos_ in ("ADJ", "PROPN") and tok[i - 1].ent_type_ in ("NORP", "GPE", ""):
                    i -= 1
                    continue
                break
            start = i
            i -= 1
        while start < head and (tok[start].is_punct or tok[start].text in HYPHENS):
            start += 1
        return start

    def _group_pp_right(self, doc: Doc, end: int, in_actor: dict[int, Candidate]) -> int:
        """Extend "soldiers" to "soldiers of the Peruvian Army", "members of the border police",
        "rulers in Lima" when an affiliation follows."""
        tok = self._tokens(doc)
        if end + 1 >= len(doc) or tok[end].lower_ not in ("of", "from", "in") or tok[end + 1].is_sent_start:
            return end
        j = end + 1
        if tok[j].lower_ == "the":
            j += 1
        if j >= len(doc):
            return end
        if j in in_actor and in_actor[j].start == j:
            return in_actor[j].end
        if tok[j].ent_type_ in ("GPE", "NORP", "ORG", "LOC") and tok[j].ent_iob_ == "B":
            k = j + 1
            while k < len(doc) and tok[k].ent_iob_ == "I":
                k += 1
            if k < len(doc) and tok[k].text.islower() and (
                    tok[k].lower_ in self.lexicon.group_nouns or tok[k].lower_ in self.lexicon.organization_nouns
                    or tok[k].tag_ == "NNS"):
                k += 1  # "from the Arab countries", "of the Chilean army"
            return k
        if tok[j].lower_ in self.lexicon.collective_adjectives and self._adjective_as_collective(doc, j):
            return j + 1  # "relatives of the dead"
        # "members of the border police": a collective as the affiliation.
        k = j
        while k < len(doc) and k - j < 3 and (tok[k].pos_ in ("ADJ", "NOUN") or tok[k].tag_ == "VBG") \
                and tok[k].text.islower():
            if tok[k].lower_ in self.lexicon.group_nouns or tok[k].lower_ in self.lexicon.organization_nouns \
                    or tok[k].lemma_ in self.lexicon.organization_nouns or (
                        tok[k].lower_ in self.lexicon.collective_adjectives and self._adjective_as_collective(doc, k)):
                return k + 1  # "members of the border police", "editors of leading newspapers", "relatives of the dead"
            k += 1
        return end

    # --- actors -----------------------------------------------------------------------

    def _actor_entities(self, doc: Doc, context: "_DocContext", candidates: list[Candidate],
                        links: list[tuple[Candidate, Candidate]]) -> list[Entity]:
        kept = []
        dropped = set()
        for cand in candidates:
            verdict = self._structure(doc, context, cand)
            if verdict == "drop":
                dropped.add(id(cand))
                continue
            kept.append(cand)
        # "the X Tribal Areas (XTA)": the acronym of an area's name is that place too,
        # wherever the article writes it (guidelines 1 and 2: aliases; areas are places).
        # (Not a facility's: "X University College (XUC)" may be the body that runs it.)
        if dropped and links:
            kept_keys = {name_key(self._text(doc, c)) for c in kept}
            no_actor = {name_key(self._text(doc, b)) for a, b in links + [(b, a) for a, b in links]
                        if id(a) in dropped and id(b) not in dropped and a.end - a.start > 1
                        and doc[a.end - 1].lower_ in self.lexicon.area_nouns
                        and is_acronym(self._text(doc, b)) and name_key(self._text(doc, a)) not in kept_keys
                        and _initials(self._text(doc, a)) == re.sub(r"[^a-z]", "", self._text(doc, b).lower())}
            if no_actor:
                kept = [c for c in kept if name_key(self._text(doc, c)) not in no_actor]
        # A name whose last word also stands alone in the article is a person's
        # ("Lena Varga" ... "Varga and Okafor"): organisations are not called
        # by their last word.
        standalone = context.standalone_names
        for cand in kept:
            span = cand.span(doc)
            if 2 <= len(span.text.split()) <= 4 and span[-1].text in standalone and not cand.strong[ORGANIZATION] \
                    and self._is_name_token(span[-2]) \
                    and span[-1].lower_ not in self.lexicon.organization_nouns:
                cand.votes[PERSON] += 1
        candidates = kept
        index = {id(c): i for i, c in enumerate(candidates)}
        uf = _UnionFind(len(candidates))
        keys = [name_key(self._text(doc, c)) for c in candidates]
        by_key: dict[str, int] = {}
        for i, key in enumerate(keys):
            if key in by_key:
                uf.union(by_key[key], i)
            else:
                by_key[key] = i
        for a, b in links:
            if id(a) in index and id(b) in index:
                uf.union(index[id(a)], index[id(b)])

        def clusters() -> dict[int, list[int]]:
            out: dict[int, list[int]] = {}
            for i in range(len(candidates)):
                out.setdefault(uf.find(i), []).append(i)
            return out

        def kind_of(members: list[int]) -> str | None:
            return self._decide_kind(doc, [candidates[i] for i in members], [keys[i] for i in members])

        self._merge_organization_forms(doc, candidates, keys, uf, clusters, kind_of)
        self._merge_person_parts(doc, candidates, keys, uf, clusters, kind_of)

        entities = []
        for members in clusters().values():
            cands = [candidates[i] for i in members]
            if all(c.weak for c in cands):
                continue
            kind = kind_of(members)
            if kind is None:
                continue
            if not self._is_real_actor(doc, context, cands, [keys[i] for i in members], kind):
                continue
            entity = Entity(kind=kind)
            for c in sorted(cands, key=lambda c: c.start):
                span = c.span(doc)
                entity.mentions.append(EntityMention(span.start_char, span.end_char, span.text, kind, c.source))
            forms = entity.surface_forms
            full_forms = [f for f in forms if not is_acronym(f)] or forms
            entity.name = choose_name(full_forms)
            surname = next((c.shared_surname for c in cands if c.shared_surname), "")
            if kind == PERSON and surname and " " not in entity.name:
                entity.name = f"{entity.name} {surname}"  # "Lena and Maria Varga": Lena Varga, "Lena" an alias
            entity.aliases = []
            seen = {name_key(entity.name)}
            for form in forms:
                if name_key(form) not in seen:
                    seen.add(name_key(form))
                    entity.aliases.append(form)
            if kind == PERSON:
                entity.roles = self._roles(doc, cands)
            entities.append(entity)
        self._add_untagged_mentions(doc, context, entities)
        return entities

    def _words(self, text: str) -> list[str]:
        """The tokens the tokenizer makes of a name. A name of plain words (letters only,
        one space apart, none a special case of the tokenizer) is its words: only other
        names pay for the tokenizer, which builds a whole Doc each time."""
        words = text.split(" ")
        if all(w.isalpha() and w not in self.tokenizer_special_cases for w in words):
            return words
        return [t.text for t in self.tokenizer(text)]

    def _add_untagged_mentions(self, doc: Doc, context: "_DocContext", entities: list[Entity]) -> None:
        """A name the article uses for an actor is that actor wherever it is written,
        even where spaCy did not tag it ("Okafor resigned")."""
        tok = self._tokens(doc)
        forms: dict[str, list[tuple[list[str], Entity]]] = {}
        covered: set[int] = set()
        for entity in entities:
            for m in entity.mentions:
                covered.update(range(m.start_char, m.end_char))
            names = {entity.name, *entity.aliases}
            if entity.kind == PERSON and " " in entity.name:
                words = entity.name.split()
                # the surname, with its particles ("Van Dorsten" of "Ana Van Dorsten")
                k = len(words) - 1
                while k > 1 and words[k - 1].lower() in self.lexicon.particles:
                    k -= 1
                names.add(" ".join(words[k:]))
            for form in names:
                words = self._words(form)
                if words and words[0][:1].isupper():
                    forms.setdefault(words[0], []).append((words, entity))
        for first, options in forms.items():
            # An ambiguous form ("Kim" of two people) is nobody's.
            if len({id(e) for _, e in options}) > 1:
                forms[first] = [o for o in options if len(o[0]) > 1]
        added = False
        firsts = numpy.array([self.tokenizer.vocab.strings.add(f) for f in forms], dtype=context.orth.dtype)
        for i in numpy.flatnonzero(numpy.isin(context.orth, firsts)):
            token = tok[int(i)]
            options = forms.get(token.text)
            if not options or token.idx in covered or context.skipped(token.idx) \
                    or token.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC", "NORP"):
                continue
            for words, entity in sorted(options, key=lambda o: -len(o[0])):
                end = token.i + len(words)
                if end > len(doc) or [t.text for t in doc[token.i:end]] != words:
                    continue
                if end < len(doc) and tok[end].whitespace_ == "" and tok[end - 1].whitespace_ == "" \
                        and tok[end].text[:1].isalnum():
                    continue  # part of a longer word
                span = doc[token.i:end]
                if any(i in covered for i in range(span.start_char, span.end_char)) \
                        or context.is_place_mention(span.start_char, span.end_char):
                    continue
                entity.mentions.append(EntityMention(span.start_char, span.end_char, span.text,
                                                     entity.kind, "alias"))
                covered.update(range(span.start_char, span.end_char))
                added = True
                break
        if added:
            for entity in entities:
                entity.mentions.sort(key=lambda m: m.start_char)
                seen = {name_key(entity.name), *(name_key(a) for a in entity.aliases)}
                for form in entity.surface_forms:
                    if name_key(form) not in seen:
                        seen.add(name_key(form))
                        entity.aliases.append(form)

    # --- structure of one candidate ---------------------------------------------------

    def _structure(self, doc: Doc, context: "_DocContext", cand: Candidate) -> str:
        """Add structural evidence to a candidate; "drop" when it names no actor."""
        tok = self._tokens(doc)
        lex = self.lexicon
        span = cand.span(doc)
        words = [t.lower_ for t in span]
        if "into" in words[1:-1] and words[words.index("into") - 1] in INQUIRY_WORDS:
            words = words[:words.index("into")]  # "Inquiry into the X Attack": the inquiry heads the name
        last, first = words[-1], words[0]
        text_key = name_key(span.text)
        before = tok[span.start - 1] if span.start > 0 else None
        after = tok[span.end] if span.end < len(doc) else None
        # An apposition types the name: "X, a Maoist militia" / "X, a walled compound".
        appositive = self._appositive_head(doc, span.end)
        if appositive and "-" in appositive and not any(
                appositive in words for words in (lex.person_nouns, lex.role_nouns, lex.organization_nouns)):
            appositive = appositive.rsplit("-", 1)[1]  # "a counter-terrorism unit": the unit
        said_organization = cand.said  # the text itself, not a label, says it is an organisation
        if appositive is not None:
            if appositive in lex.facility_nouns or appositive in lex.non_actor_heads:
                if appositive in lex.facility_nouns and not cand.strong.total():
                    context.declared_places.add(text_key)  # the name is that place throughout
                return "drop"  # "X, a walled compound", "X, the operation the police mounted"
            if appositive in lex.organization_nouns and cand.strong[PERSON]:
                pass  # "under Brigadier X, a force of 1,600 men": the force is his unit, not him
            elif appositive in lex.organization_nouns:
                cand.strong[ORGANIZATION] += 2
                said_organization = True
            elif appositive in lex.role_nouns:
                cand.strong[PERSON] += 1  # "X, a former miner"
            elif appositive in lex.person_nouns or appositive == NATIONALITY_HEAD or self._person_noun(appositive):
                # "X, a cousin of Y", "X, a Chilean", "X, a florist"; but not strong enough to
                # make a place a person ("a match against X, a fan set off a flare").
                cand.votes[PERSON] += 2
        # Names coordinated under one plural noun are each one of what it says: "the A and
        # B hotels" are hotels (places, section 2, wherever the article writes them), "the
        # A and B bombings" events, "the A and B companies" organisations.
        # "a gun shop called X", "a train named X": the noun before says what X is.
        if before is not None and before.lower_ in ("called", "named") and span.start >= 2 \
                and tok[span.start - 2].text.islower() and not cand.strong[PERSON] and not said_organization \
                and (tok[span.start - 2].lower_ in lex.facility_nouns or tok[span.start - 2].lower_ in lex.non_actor_heads):
            if tok[span.start - 2].lower_ in lex.facility_nouns and not cand.strong.total():
                context.declared_places.add(text_key)
            return "drop"
        # "the X and other hospitals": the name is one of what "other" counts it with.
        if after is not None and after.lower_ in ("and", "or") and span.end + 2 < len(doc) \
                and tok[span.end + 1].lower_ == "other" and tok[span.end + 2].tag_ == "NNS" \
                and tok[span.end + 2].text.islower() and not cand.strong[PERSON]:
            # (what the text says here outweighs a head word's guess, as an apposition does)
            other = tok[span.end + 2].lemma_.lower()
            if other in lex.facility_nouns:
                if not cand.strong.total():
                    context.declared_places.add(text_key)
                return "drop"
            if other in lex.non_actor_heads:
                return "drop"
        listed_organization = False
        if (after is not None and after.lower_ in (",", "and", "or")) \
                or (before is not None and before.lower_ in (",", "and", "or", "the")):
            shared = self._shared_head(doc, span)
            if shared is not None and not cand.strong[PERSON] and not said_organization:
                if shared in lex.facility_nouns:
                    if not cand.strong.total():  # every name of the list, tagged or not
                        start, end, _ = self._list_around(doc, span)
                        context.declared_places.update(name_key(doc[a:b].text) for a, b in self._list_names(start, end))
                    return "drop"
                if shared in lex.non_actor_heads:
                    return "drop"
            if shared is not None and shared in lex.organization_nouns and not cand.strong[PERSON]:
                cand.strong[ORGANIZATION] += 1
                said_organization = listed_organization = True
        # The same the other way round: "his own brigade, X,", "her nephew, X, said".
        before_head = self._appositive_head_before(doc, span.start, span.end)
        if before_head in lex.organization_nouns:
            cand.strong[ORGANIZATION] += 1
            said_organization = True
        elif before_head in lex.role_nouns or before_head in lex.person_nouns or self._person_noun(before_head):
            cand.votes[PERSON] += 2  # "a shop employee, X,"
        # "the wrestler X", "federal prosecutor X", "his elder brother X": a lowercase role
        # or person noun right before a name says what the name is, as a title does.
        if before is not None and before.text.islower() and before.pos_ in ("NOUN", "PROPN") \
                and not cand.said and self._is_name_token(span[0]):  # (the model may tag "florist X" PROPN)
            if before.lower_ in lex.role_nouns:
                cand.strong[PERSON] += 1
            elif before.lower_ in lex.person_nouns or self._person_noun(before.lower_):
                cand.votes[PERSON] += 2  # weaker: "its rival X", "the host X" may be said of others
        # "Lena K. Varga", "Ana van der Berg" inside a longer name: a middle initial or a
        # capitalised name particle between names is a person's.
        if len(span) >= 3 and self._is_name_token(span[0]) and self._is_name_token(span[-1]):
            inner = span[1:-1]
            if any(MIDDLE_INITIAL.match(t.text) for t in inner):
                cand.strong[PERSON] += 1
            elif any(t.lower_ in lex.particles and t.text.istitle() for t in inner):
                cand.votes[PERSON] += 1
        # "X, 26, was arrested": an age is said of a person.
        if span.end + 3 < len(doc) and tok[span.end].text == "," and tok[span.end + 2].text == "," \
                and tok[span.end + 1].text.isdigit() and 0 < int(tok[span.end + 1].text) < 120:
            cand.votes[PERSON] += 2
        # "X, who ..." is said of persons; "X, which ..." of anything else.
        if span.end + 1 < len(doc) and tok[span.end].text == ",":
            pronoun = tok[span.end + 1].lower_
            if pronoun == "who":
                cand.votes[PERSON] += 1
            elif pronoun == "which" and not (before is not None and before.lower_ == "of"):
                cand.votes[ORGANIZATION] += 1  # not "the killing of X, which ...": the killing
        # "A, B and C" / "A and the chemist B": names listed together are of one kind; a
        # plain name the model calls an organisation among names it calls persons (and
        # none it calls an organisation) is a person's.
        if self._listed_with_persons(doc, span):
            if span[-1].ent_type_ == "ORG":
                cand.votes[PERSON] += 2  # over the model's label here, not over its other mentions
            else:
                cand.strong[PERSON] += 1  # over a place reading of a foreign name, too
        # A name whose last word is the surname of a person named in full elsewhere
        # ("Judge A Rahman ... B Rahman") is a person's too.
        if 2 <= len(span) <= 3 and context.person_surnames.get(span[-1].text, {span.text}) - {span.text} \
                and span[0].text not in context.person_surnames \
                and all(self._is_name_token(t) and t.lower_ not in lex.organization_nouns for t in span):
            cand.votes[PERSON] += 1
        # "X's brother", "X's widow": a kinship is said of a person.
        if after is not None and after.lower_ in POSSESSIVES:
            k = span.end + 1
            while k < len(doc) and k < span.end + 4 and tok[k].pos_ == "ADJ":
                k += 1
            if k < len(doc) and tok[k].lower_ in lex.person_nouns and tok[k].text.islower():
                cand.votes[PERSON] += 2
        # A word meaning army, party, guard, court... ("Guardia X", "Jaish al-X").
        if any(w.translate(APOSTROPHES) in lex.organization_words for w in re.split(r"[\s\-]+", text_key)):
            cand.strong[ORGANIZATION] += 1
            said_organization = True
        # "the newspaper X", "the militia X": the noun before the name says what it is.
        if before is not None and before.text.islower() and before.pos_ in ("NOUN", "ADJ") \
                and before.ent_type_ in ("", "DATE"):  # "the daily X" is no date
            if before.lower_ in lex.organization_nouns and not self._named_before(doc, span.start - 1):
                cand.strong[ORGANIZATION] += 1
                said_organization = True
            elif before.lower_ in lex.facility_nouns:
                return "drop"
        place_end = context.place_starting_at(span.start_char)
        if place_end is None and before is not None and before.lower_ == "the":
            place_end = context.place_starting_at(before.idx)  # "The Hague" is the place
        # A name headed by an organisation noun ("X Appeals Tribunal", "X Analysis Centre"
        # with a two-word head) names the body, even where the places stage read the building.
        headed = self._has_organization_head(words) and last not in lex.facility_nouns
        if place_end is not None and place_end >= span.end_char and not cand.strong[PERSON] \
                and not said_organization and not headed:
            return "drop"  # the place itself, or the start of its name ("School No" of "School No. 7")
        # "in Lima, X,": the region or country a place lies in.
        if before is not None and before.text == "," and span.start >= 2 \
                and (len(span.text.split()) == 1 or context.is_known_place(span.text)) and (
                tok[span.start - 2].ent_type_ in ("GPE", "LOC")
                or context.place_ending_at(tok[span.start - 2].idx + len(tok[span.start - 2].text))
                or (tok[span.start - 2].ent_type_ == "" and context.is_known_place(tok[span.start - 2].text))):
            cand.votes[PLACE] += 1
        if first in lex.non_actor_firsts or last in lex.non_actor_heads or text_key in lex.non_actor_names:
            return "drop"
        # Things, not who acts: "15 kilograms of X" (a substance), "a 1977 X" (a car of
        # that model year), "two X 707s" / "a pair of X" (vehicles counted).
        # (Not "a convoy of X trucks", "a 2004 X report": there X owns or wrote the thing.)
        heads_phrase = after is None or after.pos_ not in ("NOUN",) or not after.text.islower()
        if before is not None and before.lower_ == "of" and span.start >= 2 \
                and tok[span.start - 2].lower_ in lex.measure_nouns and heads_phrase:
            return "drop"
        k = span.start - 1
        while k > 0 and span.start - k <= 2 and tok[k].pos_ == "PROPN" and tok[k].is_title:
            k -= 1  # "a 1977 X Y": the make before the model
        if k >= 1 and YEAR.match(tok[k].text) and tok[k - 1].lower_ in ("a", "an") and heads_phrase:
            return "drop"
        counted = before is not None and (
            (before.like_num and before.ent_type_ == "CARDINAL" and not YEAR.match(before.text))
            or (before.lower_ == "of" and span.start >= 2 and tok[span.start - 2].lower_ in lex.measure_nouns))
        # what is counted is the name itself, not a thing it modifies ("three X planes")
        counted = counted and (after is None or (after.pos_ not in ("NOUN", "PROPN")
                                                 and not any(c.isdigit() for c in after.text)))
        # "Transport Minister X", "Health Secretary X": a common noun before a title is the
        # office's portfolio, part of the role (section 1, roles), not an organisation.
        if len(span) == 1 and span[0].is_title and after is not None and after.is_title and after.lower_ in lex.titles \
                and span[0].lower_ in self.english_words and span[0].lower_ not in lex.organization_nouns \
                and span[0].lower_ not in lex.state_institutions and not cand.strong.total() \
                and not said_organization:
            return "drop"
        # "a Tu-154 Careless", "the X-9 Falcon": a vehicle or weapon named by its model, no actor
        # (not "M-19" alone: a designation that is the whole name may be a movement's).
        if (len(span) > 1 and MODEL_DESIGNATION.match(span[0].text) or (
                before is not None and MODEL_DESIGNATION.match(before.text))) \
                and not said_organization and not cand.strong.total():
            return "drop"
        model_number = after is not None and MODEL_NUMBER.match(after.text) and not YEAR.match(after.text)
        if (counted or model_number) and not said_organization and not (
                after is not None and after.text.islower() and (
                    after.lower_ in lex.member_nouns or after.lower_ in lex.group_nouns
                    or after.lower_ in lex.role_nouns or after.lower_ in lex.organization_nouns)):
            # "two Frelimo fighters" names fighters of an organisation; "two X 707s" names aircraft
            cand.weak = True
        # "his battered X", "its X holds ...": what someone owns, unless named otherwise.
        k = span.start - 1
        while k >= 0 and span.start - k <= 3 and ((tok[k].text.islower() and tok[k].tag_ in ("JJ", "VBN", "VBG"))
                                                   or (tok[k].pos_ == "PROPN" and tok[k].is_title)):
            k -= 1  # "his battered X Y": a make and its model
        if k >= 0 and tok[k].tag_ == "PRP$" and not said_organization and not cand.strong[PERSON] \
                and last not in lex.organization_nouns and (after is None or after.pos_ != "NOUN"):
            cand.weak = True
        if all(_is_demonym(t.text) for t in span if t.is_alpha):
            return "drop"  # "Somali Kenyans": nationalities, read as a group if anything
        if len(span) == 1 and before is not None and before.lower_ == "the" and span.text.endswith("s") \
                and span[0].is_title and not said_organization and self._surname_in_doc(doc, span.text[:-1]):
            return "drop"  # "the Varelas": a family, read as a group if anything (section 1)
        if self._administrative_area(doc, span, context) and not said_organization \
                and not cand.strong[PERSON]:
            return "drop"  # "<Name> Territory", "in <Name> Agency": an area, a place (section 2)
        if len(span) >= 2 and _is_demonym(span[-1].text) and not said_organization \
                and _DocContext.is_known_place(span[:-1].text):
            return "drop"  # "<Region> Bedouin": the people of a place, a group at most
        if len(span) == 1 and self._people_of_place(span.text) and not said_organization:
            return "drop"  # "Berliners": the people of a place, a group
        if len(span) == 3 and span[1].lower_ in POSSESSIVES and not said_organization \
                and not cand.strong[ORGANIZATION] and last not in lex.organization_nouns:
            return "drop"  # "Queen's Gate", "St Ann's": named after someone, a place, not an actor

        # "X No. 4", "X Number 7": a numbered building or thing, not who acts.
        numbered = last in ("no", "no.", "number") and after is not None and (
            after.like_num or (after.text == "." and span.end + 1 < len(doc) and tok[span.end + 1].like_num))
        if (numbered or (after is not None and after.lower_ in ("no", "no.", "number") and span.end + 1 < len(doc)
                         and tok[span.end + 1].like_num)) and not said_organization:
            return "drop"
        head_of = words.index("of") if "of" in words else len(words)  # "Office of the Surveyor General"
        if cand.spelled and "in" in words[1:head_of]:
            # "the Front in the Eastern Highlands (FEH)": the acronym after it spells the
            # whole, so the place after "in" is where the body works, not its head
            head_of = words.index("in")
        # "Followers of the X Line": the noun before "of" heads the name, not its last word.
        heads_before_of = 0 < head_of < len(words) - 1 and words[head_of - 1] not in lex.facility_nouns
        if (last in lex.facility_nouns and " ".join(words[-2:]) not in lex.organization_nouns
                and not heads_before_of) \
                or " ".join(words[-2:]) in lex.facility_nouns \
                or (first in lex.facility_firsts and len(words) > 1 and not said_organization and not headed):
            return "drop"
        # "Masjid" alone: a word that opens or heads a place's name names no actor by itself.
        if len(words) == 1 and (first in lex.facility_firsts or first in lex.facility_nouns) \
                and not cand.strong[PERSON] and not said_organization:
            return "drop"
        # "St Brendan's Square", "Victoria's Gardens": a name whose possessive opens a place's name;
        # "Founders' Day": an event's.
        if after is not None and after.lower_ in POSSESSIVES and span.end + 1 < len(doc) \
                and tok[span.end + 1].is_title and (tok[span.end + 1].lower_ in lex.facility_nouns
                                                    or tok[span.end + 1].lower_ in lex.non_actor_heads) \
                and not cand.strong[PERSON] and not said_organization:
            return "drop"
        if len(span) == 1 and after is not None and f"{first} {after.lower_}" in lex.titles:
            return "drop"  # "Supreme" of "Supreme leader"
        if text_key in lex.titles:
            return "drop"  # "the King", "the President": a title, not a name
        # (A title that is also a given name or surname ends a person's name: "Lena Karim Maulana".)
        if len(words) > 1 and last in lex.titles and last not in lex.organization_nouns \
                and last not in lex.given_name_titles \
                and words[-2] not in ("of", "for") and not cand.strong[PERSON] \
                and not (0 < head_of and words[head_of - 1] in lex.organization_nouns) \
                and not (len(words) > 2 and words[-2] in HYPHENS and words[-3] in lex.particles):
            return "drop"  # "the Nordic Council Secretary-General": an office, not its holder
        # "the UN Special Envoy for X", "the Inspector of Y": a title heads the name before
        # "of" or "for", and no organisation noun does: an office, held by a person named
        # apart (section 1: the holder is the actor, the office a role).
        connector = next((k for k in range(1, len(words) - 1) if words[k] in ("of", "for")), None)
        if connector is not None and words[connector - 1] in lex.titles and not cand.strong[PERSON] \
                and not said_organization and not any(w in lex.organization_nouns for w in words[:connector]):
            return "drop"
        # "the X Museum in Y": a facility and the town it stands in, a place (section 2).
        if "in" in words[1:-1] and words[words.index("in") - 1] in lex.facility_nouns \
                and not said_organization and not cand.strong[PERSON] \
                and not any(w in lex.organization_nouns for w in words[:words.index("in")]):
            return "drop"
        # "the city of X", "the province of X": a place.
        if before is not None and before.lower_ == "of" and span.start >= 2 and not headed \
                and tok[span.start - 2].lower_ in lex.facility_nouns and tok[span.start - 2].text.islower():
            return "drop"  # (but "a college of X University": X University is the body it belongs to)
        # The lowercase compound after the name ends in an event or a facility:
        # "the Harbourview shopping mall attack", "the 2009 X complex attack".
        j = span.end if last not in lex.organization_nouns else len(doc)
        # But an acronym the model calls an organisation owns the facility: "a former
        # ACR headquarters building", "an ACR airfield" (organisations seldom name
        # buildings with an acronym).
        owner = len(span) == 1 and is_acronym(span.text) and len(span.text) >= 3 and span[0].ent_type_ == "ORG"
        owns_facility = False
        for t in doc[span.end:span.end + 3] if owner else ():
            if not (t.is_alpha and t.text.islower()) or t.pos_ in ("DET", "ADP", "AUX", "PRON"):
                break
            if t.lower_ in lex.facility_nouns:
                owns_facility = True
                break
        # A finite verb ends the compound: "X fired rockets" says what X did, not what X is.
        while j < len(doc) and tok[j].text.islower() and tok[j].pos_ in ("NOUN", "ADJ", "VERB") \
                and not (tok[j].pos_ == "VERB" and tok[j].tag_ not in ("VBG", "VBN")) and j - span.end < 4:
            if owns_facility:
                break
            if tok[j].lower_ in lex.non_actor_heads or tok[j].lower_ in lex.facility_nouns \
                    or tok[j].lower_ in lex.area_nouns:
                # "the Sheikh X barracks": a titled person's name that "the" opens names the site
                if not cand.strong[PERSON] or (before is not None and before.lower_ == "the"):
                    return "drop"
            if tok[j].lower_ in lex.organization_nouns or tok[j].lower_ in lex.role_nouns \
                    or tok[j].lower_ in lex.group_nouns:
                break
            j += 1
        # Unnamed collectives are groups, not organisations ("Chilean Marines").
        info = lex.group_nouns.get(last)
        if info is not None and info[1] and not any(is_acronym(t.text) for t in span) \
                and not NUMBERED.match(span[0].text):  # but "2nd Battalion 9th Marines" is a unit
            return "drop"
        # "X and Shiite militias": X is an affiliation like the one it is coordinated with.
        if len(span) == 1 and after is not None and after.lower_ == "and" and span.end + 2 < len(doc) \
                and tok[span.end + 1].ent_type_ == "NORP" and tok[span.end + 2].text.islower() \
                and tok[span.end + 2].lower_ in lex.group_nouns and not said_organization:
            return "drop"
        if last in lex.organization_nouns or " ".join(words[-2:]) in lex.organization_nouns:
            cand.strong[ORGANIZATION] += 1
        if len(span) == 1 and is_acronym(span.text):
            cand.votes[ORGANIZATION] += 1  # acronyms name organisations far more often than people
        # "the X" is no person unless X modifies a following noun ("the Lincoln administration").
        if before is not None and before.lower_ == "the" and (after is None or after.pos_ not in ("NOUN", "PROPN")):
            cand.strong["not_person"] += 1
        k = span.start - 1
        while k >= 0 and span.start - k <= 3 and (tok[k].pos_ == "ADJ" or tok[k].tag_ == "VBN") \
                and tok[k].text.islower():
            k -= 1
        if len(span) == 1 and k >= 0 and tok[k].lower_ in ("a", "an") and not cand.strong[PERSON] \
                and not owns_facility:
            # "an NHK reporter", "a stolen Tarvo": only as another form of a named actor
            cand.weak = True
        if len(span) == 1 and after is not None and after.text.islower() and after.pos_ == "NOUN" \
                and not owns_facility and (
                context.capitalised_by_position(span[0], self.common_words)
                or (after.lower_ not in lex.role_nouns and after.lower_ not in lex.group_nouns
                    and after.lower_ not in lex.organization_nouns)):
            cand.weak = True  # "TNT charges", "Border police": a lone modifier, unless named otherwise
        # "X gunmen", "X spokesman Y": X is an organisation; "X leader" leans that way.
        # But "Salafist fighters", "Yazidi militia": an affiliation, not a name.
        if len(span) == 1 and after is not None and after.text.islower() and not is_acronym(span.text) \
                and span.text.lower().endswith(AFFILIATION_SUFFIXES) and (
                    after.lower_ in lex.member_nouns or after.lower_ in lex.group_nouns
                    or after.lower_ in lex.organization_nouns):
            cand.weak = True
        if after is not None and after.text.islower():
            if after.lower_ in lex.member_nouns:
                cand.strong[ORGANIZATION] += 1
            elif after.lower_ in lex.role_nouns and span.end + 1 < len(doc) \
                    and self._is_name_token(tok[span.end + 1]) and not tok[span.end + 1].is_sent_start:
                cand.strong[ORGANIZATION] += 1  # "X president Lena Varga": X is what she presides
            elif after.lower_ in lex.role_nouns or after.lower_ in lex.group_nouns or (
                    after.lower_ in lex.organization_nouns and after.lower_ not in lex.state_institutions):
                cand.votes[ORGANIZATION] += 1  # "X leader", "X detachment"; not "the X administration"
        # "the republic of X", "a district of X": a kind of area names X a place (section 2).
        if before is not None and before.lower_ == "of" and span.start >= 2 and not cand.strong.total() \
                and tok[span.start - 2].text.islower() and tok[span.start - 2].lower_ in lex.area_nouns:
            return "drop"
        # "the leader of X", "members of X": X is an organisation.
        if before is not None and before.lower_ == "of" and span.start >= 2:
            head = tok[span.start - 2] if tok[span.start - 2].lower_ != "the" else tok[span.start - 3]
            if head.lower_ in lex.role_nouns or head.lower_ in lex.group_nouns or head.lower_ in lex.member_nouns \
                    or head.lower_ in lex.organization_nouns:
                cand.votes[ORGANIZATION] += 1  # "the leader of X", "the armed wing of X"
        # "in A and X", "at A, B and X": coordinated with places after a preposition of place.
        if before is not None and before.lower_ in ("and", "or", ",") and not is_acronym(span.text):
            k = span.start - 2
            while k >= 0 and span.start - k <= 6 and (self._is_name_token(tok[k]) or tok[k].text == ","):
                k -= 1
            prev = tok[span.start - 2] if span.start >= 2 else None
            if k >= 0 and k < span.start - 2 and tok[k].lower_ in ("in", "at", "near") and prev is not None and (
                    prev.ent_type_ in ("GPE", "LOC", "FAC") or context.place_ending_at(prev.idx + len(prev.text))):
                cand.votes[PLACE] += 1
        # "X and Research Hospital": the first part of a facility's name.
        if after is not None and after.lower_ == "and":
            k = span.end + 1
            while k < len(doc) and k - span.end <= 5 and self._is_name_token(tok[k]) \
                    and tok[k].lower_ not in lex.facility_nouns:
                k += 1
            if k < len(doc) and k > span.end + 1 and tok[k].lower_ in lex.facility_nouns and tok[k].is_title:
                return "drop"
        # "the battle for X", "the fight for X": what is fought over is a place.
        if before is not None and before.lower_ == "for" and span.start >= 2 \
                and tok[span.start - 2].text.islower() and tok[span.start - 2].lower_ in lex.non_actor_heads:
            cand.votes[PLACE] += 1
        # "in X", "at X", "towards X", "from X, Peru": where something is or goes, not who.
        if before is not None and before.lower_ in ("in", "at", "near", "towards", "toward") \
                and not is_acronym(span.text):
            cand.votes[PLACE] += 1
        elif before is not None and before.lower_ in ("from", "to") and context.is_known_place(span.text):
            cand.votes[PLACE] += 1  # "a teacher from X", "flown to X" where the gazetteer knows X
        if after is not None and after.text == "," and span.end + 1 < len(doc) \
                and context.is_country(tok[span.end + 1].text):
            cand.votes[PLACE] += 1
        # The gazetteer's countries and provinces are places, whatever the label.
        if context.is_country_or_province(span.text) and not cand.strong[PERSON] and not said_organization:
            return "drop"  # but "X, the national counter-terrorism unit" is the unit
        if cand.needs_evidence and not (cand.strong[ORGANIZATION] or cand.strong[PERSON]):
            k = span.end
            while k < len(doc) and k - span.end < 2 and tok[k].text.islower() and tok[k].pos_ in ("ADJ", "NOUN") \
                    and tok[k].lower_ not in lex.member_nouns and tok[k].lower_ not in lex.group_nouns:
                k += 1
            if k < len(doc) and tok[k].text.islower() and (tok[k].lower_ in lex.member_nouns
                                                           or tok[k].lower_ in lex.group_nouns):
                cand.strong[ORGANIZATION] += 1  # "the X riot police", "X agents"
                cand.weak = False
            elif span.root.dep_ == "nsubj" and span.root.head.pos_ == "VERB":
                cand.strong[ORGANIZATION] += 1  # "X said", "X sent doctors": a body that acts
                cand.weak = False
            else:
                cand.weak = True  # "TNT", "GPS": only as another form of an actor named otherwise
        if listed_organization:
            cand.weak = False  # "the A and B companies": no lone modifier, one of the companies
        return "keep"

    def _list_around(self, doc: Doc, span: Span) -> tuple[int, int, bool] | None:
        """The coordination of names the span is part of ("the A and B", "A, the B and C"):
        its first and end token and whether a later name has its own "the", or None when
        the span stands alone."""
        tok = self._tokens(doc)
        sent = self._sent(doc, span.start)

        def name_run_left(k: int) -> int:
            while k > sent.start and (self._is_name_token(tok[k - 1]) or tok[k - 1].text in HYPHENS) \
                    and not tok[k - 1].is_sent_start:
                k -= 1
            return k

        start, end, joined, articles = span.start, span.end, False, False
        while start - 2 >= sent.start:
            k = start - (tok[start - 1].lower_ == "the")
            if k - 2 < sent.start or tok[k - 1].lower_ not in (",", "and", "or") \
                    or not self._is_name_token(tok[k - 2]):
                break  # (a "the" before the first name is the whole list's)
            joined = joined or tok[k - 1].lower_ in ("and", "or")
            articles = articles or k < start
            start = name_run_left(k - 1)
        while end + 1 < sent.end and tok[end].lower_ in (",", "and", "or"):
            j = end + 1 + (tok[end + 1].lower_ == "the")
            k = j
            while k < sent.end and (self._is_name_token(tok[k]) or (k > j and tok[k].text in HYPHENS)):
                k += 1
            if k == j:
                break
            joined = joined or tok[end].lower_ in ("and", "or")
            articles = articles or j > end + 1
            end = k
        return (start, end, articles) if joined else None

    def _list_names(self, start: int, end: int) -> list[tuple[int, int]]:
        """The names of a coordination found by ``_list_around``, without "the"."""
        tok = self._tokens(self._token_doc)
        names, a = [], start
        for k in range(start, end + 1):
            if k == end or tok[k].lower_ in (",", "and", "or", "the"):
                if k > a:
                    names.append((a, k))
                a = k + 1
        return names

    def _shared_head(self, doc: Doc, span: Span) -> str | None:
        """The common noun that a coordination of names shares: a plural head after it ("the
        A and B hotels", "the A, B and C companies") or a plural noun it stands in apposition
        to ("two cruise ships, the A and the B"). Each name is one of what that noun says."""
        listed = self._list_around(doc, span)
        if listed is None:
            return None
        tok = self._tokens(doc)
        start, end, articles = listed
        if any(t.ent_type_ == "NORP" or _is_demonym(t.text) for t in doc[start:end] if self._is_name_token(t)):
            return None  # "the Druze and Shiite militias": affiliations, not names
        # "the A and B hotels"; not "the A and the B police's unit", where each has its own
        # article and the noun after the last is that one's alone
        if end < len(doc) and tok[end].tag_ == "NNS" and tok[end].text.islower() and not articles \
                and not (end + 1 < len(doc) and tok[end + 1].lower_ in POSSESSIVES):
            return tok[end].lemma_.lower()
        k = start - (start > 0 and tok[start - 1].lower_ == "the")
        if k >= 2 and tok[k - 1].text == "," and tok[k - 2].tag_ == "NNS" and tok[k - 2].text.islower():
            return tok[k - 2].lemma_.lower()
        return None

    def _listed_with_persons(self, doc: Doc, span: Span) -> bool:
        """The span is a plain name (two to four capitalised words, none an organisation
        noun or word nor an acronym) coordinated with persons and with no organisation."""
        if not 2 <= len(span) <= 4 or not all(
                self._is_name_token(t) and not is_acronym(t.text) and t.lower_ not in self.lexicon.organization_nouns
                and t.lower_.translate(APOSTROPHES) not in self.lexicon.organization_words
                and t.lower_ not in self.adjectives for t in span):
            return False  # (an adjective says a description: "Islamic X", "Popular Y" name no person)
        root = span.root
        first = root.head if root.dep_ == "conj" and root.head.i != root.i else root
        members = [first] + [t for t in first.children if t.dep_ == "conj"]
        lex = self.lexicon
        # "A and the chemist B": a role or person noun in the list stands for a person.
        labels = ["PERSON" if t.text.islower() and (t.lower_ in lex.role_nouns or t.lower_ in lex.person_nouns)
                  else t.ent_type_ for t in members if not (span.start <= t.i < span.end)]
        return "PERSON" in labels and not any(label in ("ORG", "GPE", "LOC", "FAC", "NORP") for label in labels) \
            and not _DocContext.is_country(span.text)

    def _named_before(self, doc: Doc, noun: int) -> bool:
        """The noun phrase ending at ``noun`` holds its own name ('the "X" militia'), so a
        name after it is no name of that organisation ('... the "X" militia Y' is Y,
        its leader)."""
        tok = self._tokens(doc)
        i = noun - 1
        while i >= 0 and noun - i <= 5:
            token = tok[i]
            if token.pos_ in ("DET", "ADP", "PRON", "VERB", "AUX") or (token.is_punct and token.text not in
                                                                     OPENING_QUOTES + CLOSING_QUOTES + HYPHENS):
                return False
            if self._is_name_token(token) and token.pos_ == "PROPN" and not token.is_sent_start \
                    and token.ent_type_ not in ("NORP", "GPE") and not (i + 1 < len(doc) and tok[i + 1].text in HYPHENS):
                return True
            i -= 1
        return False

    def _appositive_head_before(self, doc: Doc, start: int, end: int) -> str | None:
        """The head noun of an apposition right before a name that is set off by commas:
        "his own brigade, X, ...", "an association, X, which ..."."""
        tok = self._tokens(doc)
        if start < 3 or tok[start - 1].text != "," or tok[start - 2].pos_ != "NOUN" \
                or not tok[start - 2].text.islower():
            return None
        if end < len(doc) and tok[end].text not in (",", ".", ";") and tok[end].lower_ not in ("who", "which"):
            return None  # "After meeting the brigade, X said": no apposition
        i = start - 3
        while i >= 0 and (tok[i].pos_ in ("ADJ", "NOUN", "NUM") or tok[i].text in HYPHENS) \
                and (not tok[i].is_punct or tok[i].text in HYPHENS):  # "a one-man farming company"
            i -= 1
        if i < 0 or not (tok[i].pos_ == "DET" or tok[i].tag_ == "PRP$" or tok[i].lower_ in POSSESSIVES):
            return None  # an apposition opens with a determiner or a possessive
        if i >= 2 and tok[i - 1].lower_ == "of" and tok[i - 2].pos_ == "NOUN" and tok[i - 2].text.islower():
            return tok[i - 2].lower_  # "the leader of the group, X": the leader is X, not the group
        return tok[start - 2].lower_

    def _appositive_head(self, doc: Doc, end: int) -> str | None:
        """The head noun of an apposition right after a name: "X (ACR), a militant organisation"."""
        tok = self._tokens(doc)
        i = end
        if i < len(doc) and tok[i].text == "(":
            close = next((j for j in range(i + 1, min(i + 12, len(doc))) if tok[j].text == ")"), None)
            if close is None:
                return None
            i = close + 1
        if i >= len(doc) or tok[i].text != ",":
            return None
        i += 1
        if i + 1 < len(doc) and tok[i].pos_ == "PROPN" and tok[i + 1].lower_ in POSSESSIVES:
            i += 1  # "X, Chile's highest court"
        elif i < len(doc) and tok[i].text.islower() and tok[i].lower_ in self.lexicon.role_nouns \
                and any(k < len(doc) and tok[k].lower_ in ("of", "for", "at", "to") for k in (i + 1, i + 2)):
            i -= 1  # "X, spokesman for the ministry", "X, commissioner general of police": no article
        elif i >= len(doc) or tok[i].lower_ not in ("a", "an", "the"):
            return None
        head = None
        last = None
        for j in range(i + 1, min(i + 8, len(doc))):
            token = tok[j]
            if token.lower_ in POSSESSIVES:
                head = None  # "the militia's finance chief": the possessor is not the head
                continue
            if token.pos_ in ("NOUN",) and token.text.islower():
                head = token.lower_
                if j >= 2 and tok[j - 1].text in HYPHENS and not tok[j - 1].whitespace_ \
                        and not tok[j - 2].whitespace_ and tok[j - 2].is_alpha:
                    head = f"{tok[j - 2].lower_}-{head}"  # "a suspected bomb-maker"
                last = token
                continue
            if token.pos_ in ("ADJ", "PROPN", "NUM") or token.text in HYPHENS or (
                    token.tag_ in ("VBN", "VBG") and j + 1 < len(doc) and tok[j + 1].pos_ in ("NOUN", "ADJ")):
                if head is not None and token.pos_ == "PROPN":
                    break
                last = token
                continue
            break
        if head is None and last is not None and last.text[:1].isupper() \
                and Gazetteer.shared().demonym_country(last.text) is not None:
            return NATIONALITY_HEAD  # "X, a 30-year-old Tunisian": a person
        return head

    # --- merging ----------------------------------------------------------------------

    def _merge_organization_forms(self, doc, candidates, keys, uf, clusters, kind_of) -> None:
        """Acronyms by initials, nationality prefixes, and shorter forms of a longer name."""
        orgs: dict[int, list[int]] = {}
        for root, members in clusters().items():
            if kind_of(members) == ORGANIZATION:
                orgs[root] = members
        names = {root: {keys[i] for i in members} for root, members in orgs.items()}
        # Acronyms whose letters are the initials of a name in the article ("AP").
        initials = {root: {_initials(self._display(doc, candidates, members, k))
                           for k in names[root] if " " in k} for root, members in orgs.items()}
        for root, members in orgs.items():
            for key in names[root]:
                text = self._display(doc, candidates, members, key)
                if not is_acronym(text):
                    continue
                letters = re.sub(r"[^a-z]", "", text.lower())
                owners = {uf.find(r) for r, ins in initials.items() if r != root and letters in ins}
                if len(owners) == 1:
                    uf.union(owners.pop(), root)
        # A name opened by an acronym of the first words of another name with the same
        # rest ("RN Standing Council" = "Riverine Nations Standing Council", "UT Police" =
        # "Upper Tarvin Police"), or closed by an acronym of its last words with the same
        # start ("Northern NLF" = "Northern National Liberation Front"): the article
        # writes the same name shorter.
        for opened in (True, False):
            for root, members in orgs.items():
                for key in names[root]:
                    words = key.split()
                    text = self._display(doc, candidates, members, key).split()
                    if len(words) < 2 or len(text) != len(words) or not is_acronym(text[0 if opened else -1]):
                        continue
                    letters = re.sub(r"[^a-z]", "", words[0 if opened else -1])
                    rest = words[1:] if opened else words[:-1]
                    owners = set()
                    for other_root, other in ((r, k) for r, ks in names.items() for k in ks):
                        other_words = other.split()
                        if uf.find(other_root) == uf.find(root) or len(other_words) <= len(words):
                            continue
                        split = len(other_words) - len(rest) if opened else len(rest)
                        spelled, shared = (other_words[:split], other_words[split:]) if opened \
                            else (other_words[split:], other_words[:split])
                        if shared == rest and _initials(" ".join(spelled)) == letters:
                            owners.add(uf.find(other_root))
                    if len(owners) == 1:
                        uf.union(owners.pop(), root)
        # Nationality prefixes and shorter forms ("<Institution> Ministry", "41st Mountain").
        base = {}
        for root, members in orgs.items():
            for i in members:
                base.setdefault(keys[i], self._without_nationality(doc, candidates[i]))
        all_keys = [(root, key) for root, ks in names.items() for key in ks]
        for root, key in all_keys:
            words = key.split()
            owners = set()
            for other_root, other in all_keys:
                if uf.find(other_root) == uf.find(root) or other == key:
                    continue
                other_words = other.split()
                if len(other_words) <= len(words):
                    continue
                if base[other].split() == words:
                    owners.add(uf.find(other_root))  # "Portuguese <Institution> Ministry" = "<Institution> Ministry"
                elif len(words) >= 2 and other_words[:len(words)] == words and (
                        other_words[len(words)] in NAME_CONNECTORS or (
                            not self._has_organization_head(words)
                            and (NUMBERED.match(words[0]) or not self._names_a_body_of(other_words[len(words):])))):
                    # "Regional Support Mission" ... "in Valdor", "41st Mountain" ... "Brigade";
                    # but the "Coast Watch" is not its "Coast Watch Reserve Command", nor the
                    # "Northern League" its "Northern League Youth Council".
                    owners.add(uf.find(other_root))
                elif (len(words) >= 2 or key in self.lexicon.state_institutions
                      or key in self.lexicon.organization_nouns) and other_words[-len(words):] == words:
                    # "Youth Brigade" of "March 9th Youth Brigade"; "the Army" of the one "Tarvin Army";
                    # a lone head ("the Bank") of the one "Reserve Bank" the article names
                    owners.add(uf.find(other_root))
            if len(owners) == 1:
                uf.union(owners.pop(), root)
        self._merge_state_bodies(all_keys, uf)

    def _merge_state_bodies(self, all_keys: list[tuple[int, str]], uf: _UnionFind) -> None:
        doc_level_state = FEDERAL_WORDS.__contains__
        """"The Chilean military" and "the Chilean army" are the one "Chilean National
        Army" the article names; without one, they are each other."""
        synonyms = self.lexicon.institution_synonyms
        gazetteer = Gazetteer.shared()
        for root, key in all_keys:
            words = key.split()
            if len(words) == 2 and doc_level_state(words[0]) and words[1] in synonyms:
                # "the federal government" is the one "<Nationality> government" the article names
                owners = {uf.find(r) for r, other in all_keys if uf.find(r) != uf.find(root)
                          and len(other.split()) >= 2 and other.split()[-1] == words[1]
                          and (gazetteer.demonym_country(other.split()[-2]) is not None
                               or gazetteer.demonym_country(" ".join(other.split()[:-1])) is not None
                               or bool(_place_kinds(gazetteer, " ".join(other.split()[:-1]))))}
                named = any(uf.find(r) == uf.find(root) and k.split()[0] not in FEDERAL_WORDS for r, k in all_keys)
                if len(owners) == 1 and not named:
                    uf.union(owners.pop(), root)
                continue
            line = synonyms.get(" ".join(words[1:]))
            if len(words) < 2 or line is None or (gazetteer.demonym_country(words[0]) is None
                                                  and not _place_kinds(gazetteer, words[0])):
                continue
            named, generic = set(), set()
            for other_root, other in all_keys:
                other_words = other.split()
                if uf.find(other_root) == uf.find(root) or other_words[0] != words[0]:
                    continue
                if synonyms.get(" ".join(other_words[1:])) == line:
                    generic.add(uf.find(other_root))
                elif len(other_words) > len(words) and synonyms.get(other_words[-1]) == line:
                    named.add(uf.find(other_root))
            owners = named or generic
            if len(owners) == 1:
                uf.union(owners.pop(), root)

    def _names_a_body_of(self, rest: list[str]) -> bool:
        """The words a longer name adds after a shorter one are a body's own name of two
        words or more with an organisation head ("... Standing Council", "... Monitoring
        Mission in X"): the longer name is a body of the shorter one's organisation, not
        its fuller form (guidelines section 1: a unit is not its parent)."""
        head = next((k for k, w in enumerate(rest) if w in NAME_CONNECTORS), len(rest))
        return head >= 2 and self._has_organization_head(rest[:head])

    def _has_organization_head(self, words: list[str]) -> bool:
        """The name ends in an organisation head noun ("Brigade", "Ministry"): it is whole."""
        return bool(words) and (words[-1] in self.lexicon.organization_nouns
                                or " ".join(words[-2:]) in self.lexicon.organization_nouns)

    def _display(self, doc, candidates, members, key) -> str:
        return next(self._text(doc, candidates[i]) for i in members
                    if name_key(self._text(doc, candidates[i])) == key)

    def _text(self, doc: Doc, cand: Candidate) -> str:
        """``cand.span(doc).text``, the Doc's text from its first token to its last."""
        if cand.end <= cand.start:
            return ""
        tok = self._tokens(doc)
        last = tok[cand.end - 1]
        return self._doc_text[tok[cand.start].idx:last.idx + len(last.text)]

    @staticmethod
    def _without_nationality(doc: Doc, cand: Candidate) -> str:
        """The name without a leading country or nationality ("U.S.", "Chile's", "British")."""
        i = cand.start
        while i < cand.end - 1 and (doc[i].ent_type_ in ("GPE", "NORP") or doc[i].lower_ in POSSESSIVES):
            i += 1
        return name_key(doc[i:cand.end].text)

    def _merge_person_parts(self, doc, candidates, keys, uf, clusters, kind_of) -> None:
        """A surname or later part of a person named in full is that person; so is a
        lone given name ("Lena" of "Lena Varga"). A part that two persons share
        ("Varga" of "Lena Varga" and "Ivan Varga") is the one named nearest before it."""
        groups = clusters()
        full: dict[int, list[list[str]]] = {}
        where: dict[int, list[int]] = {}  # person -> token offsets of its full names
        words = self._name_words
        for root, members in groups.items():
            if kind_of(members) == PERSON:
                full[root] = [words(keys[i]) for i in members if len(keys[i].split()) > 1]
                where[root] = [candidates[i].start for i in members if len(keys[i].split()) > 1]
        for root, members in groups.items():
            cands = [candidates[i] for i in members]
            if any(c.strong[ORGANIZATION] for c in cands):
                continue
            # A nickname joined by a cue ("known as X") says nothing of the name's parts.
            named = [i for i in members if candidates[i].source != "alias"] or members
            shortest = min((words(keys[i]) for i in named), key=len)
            longest = max((words(keys[i]) for i in named), key=len)
            owners = {r for r, names in full.items() if r != root and any(
                len(n) > len(longest) and n[-len(shortest):] == shortest for n in names)}
            if not owners and len(longest) == 1:
                owners = {r for r, names in full.items() if r != root and any(
                    len(n) > 1 and n[0] == longest[0] for n in names)}
            if not owners and len(longest) == 1:
                # "Governor Hodan Farah Warsame ... Farah said": a middle name used alone
                owners = {r for r, names in full.items() if r != root and any(
                    len(n) > 2 and longest[0] in n[1:-1] for n in names)}
            if len(owners) > 1:
                first = min(c.start for c in cands)
                before = [(max(p for p in where[r] if p < first), r) for r in owners
                          if any(p < first for p in where[r])]
                owners = {max(before)[1]} if before else set()
            if len(owners) == 1:
                uf.union(owners.pop(), root)

    def _name_words(self, key: str) -> list[str]:
        """The words of a name key, each without a joined particle ("al-x" -> "x"): a
        surname is written with or without its particle ("Omar al-Nadir" ... "Nadir";
        guidelines 1: a surname after the full name is an alias)."""
        out = []
        for word in key.split():
            head, hyphen, rest = word.partition("-")
            out.append(rest if hyphen and rest and head in self.lexicon.particles else word)
        return out

    # --- kinds ------------------------------------------------------------------------

    def _decide_kind(self, doc: Doc, cands: list[Candidate], keys: list[str]) -> str | None:
        strong = Counter()
        votes = Counter()
        for c in cands:
            strong.update(c.strong)
            votes.update(c.votes)
        not_person = strong.pop("not_person", 0)
        if strong[PERSON] or strong[ORGANIZATION]:
            if strong[ORGANIZATION] >= strong[PERSON] or not_person:
                return ORGANIZATION
            return PERSON
        person, org, place = votes[PERSON], votes[ORGANIZATION], votes[PLACE]
        if not_person:
            person = 0
            if org == 0 and place == 0:
                return ORGANIZATION if any(len(k.split()) > 1 for k in keys) else None
        # The model reads a full name with its given name ("Lena Varga", a person) better
        # than the surname repeated alone ("Varga", often taken for an organisation or a
        # place): the votes of the fullest forms decide, the short forms only break their tie.
        most = max(len(k.split()) for k in keys)
        if most > 1 and not not_person and any(len(k.split()) == 1 for k in keys):
            full = Counter()
            for c, k in zip(cands, keys):
                if len(k.split()) == most:
                    full.update(c.votes)
            if full[PERSON] != full[ORGANIZATION] and full[PLACE] < full[PERSON] + full[ORGANIZATION]:
                return PERSON if full[PERSON] > full[ORGANIZATION] else ORGANIZATION
        if place and place >= person + org:
            return None
        if person == org == 0:
            return None
        if person > org:
            return PERSON
        if org > person:
            return ORGANIZATION
        # A tie: names made only of capitalised name words are persons.
        longest = max(keys, key=lambda k: len(k.split()))
        return PERSON if 2 <= len(longest.split()) <= 4 else ORGANIZATION

    @staticmethod
    def _in_place_position(tok: list[Token], c: Candidate) -> bool:
        """Whether a mention stands right after a preposition of position (skipping "the"),
        with no apposition describing it."""
        k = c.start - 1
        if k > 0 and tok[k].lower_ == "the":
            k -= 1
        if c.end + 1 < len(tok) and tok[c.end].text == "," and tok[c.end + 1].lower_ in ("a", "an", "the"):
            return False  # "a phone tap on X, a cousin of Y": described, so someone
        return k >= 0 and tok[k].lower_ in POSITION_PREPOSITIONS

    def _is_real_actor(self, doc: Doc, context: "_DocContext", cands: list[Candidate], keys: list[str],
                       kind: str) -> bool:
        """Drop junk: lone capitalised common words, and names the gazetteer knows as places."""
        tok = self._tokens(doc)
        strong = sum(c.strong[PERSON] + c.strong[ORGANIZATION] for c in cands)
        multiword = any(len(k.split()) > 1 for k in keys)
        # "X, a village at the foot of ...": a name an apposition calls a place is that
        # place wherever the article writes it (document-level consistency).
        if not strong and any(k in context.declared_places for k in keys):
            return False
        # A name the places component reads as a place more often than the text
        # reads it as an actor is that place everywhere (document-level consistency).
        place_mentions = max((context.place_names[k] for k in keys), default=0)
        if place_mentions and not strong and place_mentions >= sum(
                c.votes[PERSON] + c.votes[ORGANIZATION] for c in cands):
            return False
        # "in the West Shore": a name of several words that the gazetteer knows as a place and
        # that the places component reads as a place at every mention is that place, though
        # one of its words is an organisation's ("Bank", "Coast") (sections 1 and 2).
        if multiword and not any(c.strong[PERSON] for c in cands) and all(
                context.is_place_mention(tok[c.start].idx, tok[c.end - 1].idx + len(tok[c.end - 1].text))
                for c in cands) and all(context.is_known_place(k) for k in keys):
            return False
        # "Al Huda" where the article names "Al Huda Mosque": the place's short form.
        if not strong and any(k in context.place_short_forms for k in keys):
            return False
        # A name the article only ever writes where places stand ("lived on the <Name>",
        # "a village in <Name>", "strolled along the <Name>") and never has act is a
        # place (document-level consistency), unless its last word names an organisation.
        if not strong and all(self._in_place_position(tok, c) for c in cands) \
                and not any(k.split()[-1] in self.lexicon.organization_nouns for k in keys):
            return False
        # One word, written once, that only the model's label calls a person: persons are
        # introduced by a full name or a title; a lone foreign word ("the history of X",
        # "the path known as X") is more often a place or a thing.
        if kind == PERSON and not multiword and not strong and len(cands) == 1 \
                and sum(cands[0].votes.values()) <= 1 and not (
                    cands[0].end < len(doc) and tok[cands[0].end].pos_ == "NOUN") \
                and tok[cands[0].start].dep_ not in ("nsubj", "nsubjpass") \
                and not (cands[0].start > 0 and tok[cands[0].start - 1].lower_ == "by"):
            return False  # but "ordered by X", "X said" say X acts
        if not multiword and not strong:
            if all(tok[c.start].is_sent_start or (c.start > 0 and tok[c.start - 1].text in ('"', "\u201c"))
                   for c in cands) and all(tok[c.start].pos_ != "PROPN" or context.capitalised_by_position(
                        tok[c.start], self.common_words) for c in cands):
                return False  # "Smoke grenades ...": a capitalised common word
            if all(tok[c.start].is_sent_start and tok[c.start].text not in context.capitalised_mid_sentence
                   and tok[c.start].lower_.endswith("s") and tok[c.start].lower_[:-1] in self.english_words
                   for c in cands):
                return False  # "Sandbags lay ...": the plural of a common noun, capitalised by position
            actor_votes = sum(c.votes[PERSON] + c.votes[ORGANIZATION] for c in cands)
            place_votes = sum(c.votes[PLACE] for c in cands)
            if context.is_known_place(keys[0]) and (place_votes >= actor_votes or actor_votes == 0):
                return False  # "from Tarvin, Peru"; but "Lincoln" is a person
        return True

    # --- roles ------------------------------------------------------------------------

    def _roles(self, doc: Doc, cands: list[Candidate]) -> list[str]:
        tok = self._tokens(doc)
        roles: list[str] = []
        for c in cands:
            roles += c.roles
            before = self._role_before(doc, c.start)
            if before:
                roles.append(before)
            elif c.start >= 2 and tok[c.start - 1].text == ",":
                appos = self._role_before(doc, c.start - 1, apposition=True)
                if appos:
                    roles.append(appos)
            after = self._role_after(doc, c.end)
            if after:
                roles.append(after)
        seen: dict[str, str] = {}
        for role in roles:
            role = role.strip(" ,-\u2013\u2014")
            if role and role.lower() not in seen:
                seen[role.lower()] = role
        return list(seen.values())

    def _is_role_word(self, token: Token) -> bool:
        return token.lower_ in self.lexicon.role_nouns or token.lower_ in self.lexicon.titles

    def _role_before(self, doc: Doc, start: int, apposition: bool = False) -> str | None:
        """The role phrase written right before a name ("U.S. special envoy Lena Varga")."""
        tok = self._tokens(doc)
        if start == 0:
            return None
        # The line, not the parser's sentence: it ends sentences after "U.S.".
        sent_start = start - 1
        while sent_start > 0 and not tok[sent_start - 1].is_space and "\n" not in tok[sent_start - 1].whitespace_ \
                and tok[sent_start - 1].text not in (".", "!", "?", ";", ":"):
            sent_start -= 1
        i = start - 1
        first = start
        while i >= sent_start:
            token = tok[i]
            lower = token.lower_
            if lower in POSSESSIVES and i > sent_start:
                if apposition and i - 1 >= sent_start and tok[i - 1].pos_ == "NOUN" and tok[i - 1].text.islower():
                    break  # "the militia's finance chief": the role is after the possessive
                first = i
                i -= 1
                continue
            if lower in ("of", "to") and i > sent_start and (
                    self._is_role_word(tok[i - 1]) or (tok[i - 1].pos_ == "PROPN" and tok[i - 1].is_title)):
                first = i
                i -= 1
                continue
            if lower == "the" and i > sent_start and tok[i - 1].lower_ in ("of", "to"):
                first = i
                i -= 1
                continue
            if token.text in HYPHENS and token.whitespace_ == "":
                first = i
                i -= 1
                continue
            if token.is_punct or token.pos_ in ("DET", "PRON", "CCONJ", "SCONJ", "AUX", "ADP", "NUM", "ADV",
                                                  "PART"):
                break
            if token.pos_ == "VERB" and not (token.tag_ in ("VBN", "VBG") and token.whitespace_):
                break
            if token.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
                break
            first = i
            i -= 1
        while first < start and (tok[first].is_punct or tok[first].lower_ in ("of", "to", "the")
                                 or tok[first].lower_ in POSSESSIVES):
            first += 1
        if first >= start:
            return None
        phrase = doc[first:start]
        if not any(self._is_role_word(t) for t in phrase):
            return None
        last = phrase[-1]
        if not self._is_role_word(last) and not any(t.lower_ in ("of", "to") for t in phrase):
            return None
        return phrase.text

    def _role_after(self, doc: Doc, end: int) -> str | None:
        """The role in an apposition after a name ("X, the head of the Y (ACR),")."""
        tok = self._tokens(doc)
        if end + 2 >= len(doc) or tok[end].text != ",":
            return None
        i = end + 1
        if tok[i].lower_ not in ("the", "a", "an", "its", "his", "her", "their"):
            return None
        i += 1
        # "the militia's finance chief": skip the possessor.
        if i + 1 < len(doc) and tok[i + 1].lower_ in POSSESSIVES:
            i += 2
        start = i
        sent_end = self._sent(doc, end).end
        last_role = None
        while i < sent_end:
            token = tok[i]
            if self._is_role_word(token):
                last_role = i
            elif token.lower_ in ("of", "to", "the") or token.lower_ in POSSESSIVES or token.text in HYPHENS:
                pass
            elif token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or (
                    token.tag_ in ("VBN", "VBG") and i + 1 < sent_end and tok[i + 1].pos_ in ("NOUN", "ADJ")):
                pass
            else:
                break
            i += 1
        if last_role is None:
            return None
        stop = i
        # Keep "head of the X" whole; otherwise end at the last role word.
        if not any(tok[k].lower_ in ("of", "to") for k in range(start, stop)):
            stop = last_role + 1
        while stop > start and (tok[stop - 1].is_punct or tok[stop - 1].lower_ in ("of", "to", "the")):
            stop -= 1
        return doc[start:stop].text if stop > start else None


# --- document context -------------------------------------------------------------------


class _DocContext:
    """What the component needs to know about the article around the text."""

    def __init__(self, doc: Doc, lexicon: ActorLexicon):
        self.doc = doc
        self.lexicon = lexicon
        article = doc._.article if Doc.has_extension("article") else None
        layout = article.layout if article is not None else None
        self.infobox = list(layout.infobox) if layout is not None else []
        text = article_text(doc)
        self.text = text
        self._skip = self._skipped_ranges(text, layout, lexicon)
        self._skip_starts = [a for a, _ in self._skip]
        self._skip_reach = list(accumulate((b for _, b in self._skip), max))
        #: tokens of titles written before a person's name (set by the component)
        self.title_tokens: frozenset[int] = frozenset()
        #: name start -> start of the peer's title that opens the name ("Lord X"; set by the component)
        self.peer_titles: dict[int, int] = {}
        #: name keys an apposition calls a place ("X, a village"; set by the component)
        self.declared_places: set[str] = set()
        #: titles that are given names here ("Sultan" of "Sultan Karimi"; set by the component)
        self.given_name_titles: frozenset[int] = frozenset()
        self._place_spans: set[tuple[int, int]] = set()
        self._place_starts: dict[int, int] = {}
        self._place_ends: set[int] = set()
        #: name key -> mentions of the place that bears that name (any of its forms)
        self.place_names: Counter = Counter()
        for place in doc._.places or [] if Doc.has_extension("places") else []:
            for m in place.mentions:
                self._place_spans.add((m.start_char, m.end_char))
                self._place_starts[m.start_char] = max(self._place_starts.get(m.start_char, 0), m.end_char)
                self._place_ends.add(m.end_char)
            for form in {place.name, *place.aliases, *(m.text for m in place.mentions)}:
                self.place_names[name_key(form)] = max(self.place_names[name_key(form)], len(place.mentions))

    @cached_property
    def person_surnames(self) -> dict[str, set[str]]:
        """Last word -> the names of two words or more that the model calls persons."""
        out: dict[str, set[str]] = {}
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].text[:1].isupper():
                out.setdefault(ent[-1].text, set()).add(ent.text)
        return out

    @cached_property
    def place_short_forms(self) -> frozenset[str]:
        """Names of the article's places without their facility head ("X" of "X Mosque")."""
        out = set()
        for key in self.place_names:
            words = key.split()
            if len(words) >= 2 and words[-1] in self.lexicon.facility_nouns:
                out.add(" ".join(words[:-1]))
        return frozenset(out)

    @staticmethod
    def _skipped_ranges(text: str, layout, lexicon: ActorLexicon) -> list[tuple[int, int]]:
        """Headings, the title, the infobox's keys and sections such as "See also"."""
        ranges = []
        if layout is not None and layout.title_span:
            ranges.append(layout.title_span)
        offset = 0
        for line in text.splitlines(keepends=True):
            bare = line.rstrip("\r\n")
            if WIKI_HEADING.match(bare) or WIKI_TITLE.match(bare) or INFOBOX_START.match(bare) \
                    or MARKDOWN_HEADING.match(bare):
                ranges.append((offset, offset + len(bare)))
            offset += len(line)
        if layout is not None:
            for entry in layout.infobox:
                line_start = text.rfind("\n", 0, entry.start_char) + 1
                # The key, and the whole value of a key that names no actors ("Location").
                end = entry.start_char if lexicon.infobox_kind(entry.key) else entry.end_char
                ranges.append((line_start, end))
            for span in layout.spans:
                heading = span.path.split(" > ")[-1].strip().lower()
                if heading in lexicon.skip_sections:
                    ranges.append((span.start_char, span.end_char))
        return sorted(ranges)

    @cached_property
    def _arrays(self):
        return self.doc.to_array([ORTH, IS_TITLE, IS_UPPER, POS, SENT_START, IS_DIGIT])

    @property
    def digits(self):
        return self._arrays[:, 5].astype(bool)

    @property
    def orth(self):
        return self._arrays[:, 0]

    @property
    def upper(self):
        return self._arrays[:, 2].astype(bool)

    @cached_property
    def standalone_names(self) -> frozenset[str]:
        """Capitalised proper nouns written alone, with no capitalised word beside them."""
        arrays = self._arrays
        if not len(arrays):
            return frozenset()
        title, upper = arrays[:, 1].astype(bool), arrays[:, 2].astype(bool)
        capital = title | upper
        proper = (arrays[:, 4] == 1) | (arrays[:, 3] == POS_PROPN)
        alone = numpy.ones(len(arrays), dtype=bool)
        alone[1:] &= ~capital[:-1]
        alone[:-1] &= ~capital[1:]
        strings = self.doc.vocab.strings
        return frozenset(strings[int(o)] for o in arrays[title & proper & alone, 0])

    @cached_property
    def capitalised_mid_sentence(self) -> frozenset[str]:
        """Words written with a capital somewhere other than at a sentence's start."""
        arrays = self._arrays
        if not len(arrays):
            return frozenset()
        mask = (arrays[:, 1].astype(bool) | arrays[:, 2].astype(bool)) & (arrays[:, 4] != 1)
        strings = self.doc.vocab.strings
        return frozenset(strings[int(o)] for o in set(arrays[mask, 0].tolist()))

    def capitalised_by_position(self, token: Token, common_words: frozenset[str]) -> bool:
        """A common English word that has a capital only because it starts a sentence."""
        return token.is_sent_start and token.lower_ in common_words \
            and token.text not in self.capitalised_mid_sentence

    def skipped(self, offset: int) -> bool:
        """Whether the character lies in a skipped range (the last range opening at or
        before it that reaches furthest)."""
        k = bisect_right(self._skip_starts, offset) - 1
        return k >= 0 and self._skip_reach[k] > offset

    def is_place_mention(self, start: int, end: int) -> bool:
        return (start, end) in self._place_spans

    def place_ending_at(self, end: int) -> bool:
        return end in self._place_ends

    def place_starting_at(self, start: int) -> int | None:
        """End of the place mention that starts at character ``start``, if any."""
        return self._place_starts.get(start)

    @staticmethod
    def is_country(text: str) -> bool:
        return "country" in _place_kinds(Gazetteer.shared(), text)

    @staticmethod
    def is_country_or_province(text: str) -> bool:
        return not _place_kinds(Gazetteer.shared(), text).isdisjoint(("country", "admin"))

    @staticmethod
    def is_known_place(text: str) -> bool:
        return bool(_place_kinds(Gazetteer.shared(), text))


@lru_cache(maxsize=16384)
def _place_kinds(gazetteer: Gazetteer, text: str) -> frozenset[str]:
    """The kinds of place the gazetteer knows by this name (none: no place); asked once
    per name, for names recur within an article and across articles."""
    return frozenset(e.kind for e in gazetteer.lookup(text))


@Language.factory("extract_actors", default_config={"resources": None})
def make_actor_finder(nlp: Language, name: str, resources: str | None) -> ActorFinder:
    """``resources``: a folder of actor rules laid out as ``resources/actors/`` (the default)."""
    return ActorFinder(nlp, name, resources)
