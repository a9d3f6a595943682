"""Counts: numbers of people, groups, objects and events.

Guidelines section 4. A count is found in three steps, all driven by the data
in ``resources/counts/``:

1. Candidates. A spaCy ``Matcher`` finds number expressions (digits, number
   words, ranges, zero counts stated in words) and a ``PhraseMatcher`` the
   vague quantifiers of section 4; spaCy's CARDINAL and QUANTITY entities add
   any the rules missed. A qualifier written just before or after the number
   ("at least", "some", "or more") joins the mention. "from X to Y" is two
   counts (a change), not a range.
2. Exclusions. Dates, times, measures, money, percentages, ages, ordinals and
   numbers inside names are not counts (section 4, "Not counts").
3. Reading. The dependency parse gives what is counted (the noun the number
   modifies, the noun after a partitive "of", or for an elided head the noun
   counted earlier in the sentence) and the category, from the most local
   evidence out: an object noun (weapons, vehicles, facilities) decides by
   itself; then a participle on the counted noun ("people killed", "hostages
   later found dead"); then the clause ("died", "were wounded", "held
   hostage", "the remains of", "the toll rose to", "were among the wounded");
   then an infobox key ("Deaths:"), a casualty noun ("58 dead", "12
   hostages") and finally the counted noun's class.

Everything is built once in the component's constructor; per document the
work is two matcher passes and a few look-ups per candidate.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .rules import FolderRules

if not Doc.has_extension("counts"):
    Doc.set_extension("counts", default=None)

RESOURCES = Path(__file__).parent / "resources" / "counts"

CASUALTY_CATEGORIES = ("killed", "injured", "detained")
OBJECT_CATEGORIES = ("weapons", "vehicles", "facilities")
#: Qualifier words the parser may take for a preposition governing the number.
QUALIFIER_PREPOSITIONS = ("over", "under", "about", "around", "upwards", "up", "near", "past", "above")
#: Matcher labels in order of preference when two candidates cover the same tokens.
LABEL_PRIORITY = {"ZERO": 0, "RANGE": 1, "VAGUE": 2, "NUMBER": 3, "NER": 4}
DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
DASHED_RANGE = re.compile(r"^(\d[\d,]*)[-\u2013\u2014](\d[\d,]*)$")
YEAR = re.compile(r"^(1\d{3}|20\d{2}|2100)$")


@dataclass(frozen=True)
class CountMention:
    start_char: int
    end_char: int
    text: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    counted: str
    category: str


def parse_number(text: str, lexicons: "CountLexicons | None" = None) -> int | None:
    """Digits ("12,500", "1.5 million") or number words ("twenty-one") to an integer."""
    lexicons = lexicons or CountLexicons.default()
    words = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.lower()).split()
    value = lexicons.words_value(words)
    return int(value) if value is not None and value == int(value) else None


# ---------------------------------------------------------------- lexicons

def _rows(path: Path) -> list[list[str]]:
    """The tab-separated rows of a resource file, comments and blank lines skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@dataclass(frozen=True)
class VerbSense:
    category: str
    victim: str  # "object" or "subject"
    needs: frozenset[str]
    unless: frozenset[str] = frozenset()


@dataclass
class CountLexicons:
    """The word lists and patterns of ``resources/counts/``, read once."""

    folder: Path
    unit_words: dict[str, int] = field(default_factory=dict)
    multipliers: dict[str, int] = field(default_factory=dict)
    vague: dict[str, int] = field(default_factory=dict)
    qualifiers_before: dict[tuple[str, ...], str] = field(default_factory=dict)
    qualifiers_after: dict[tuple[str, ...], str] = field(default_factory=dict)
    units_after: set[str] = field(default_factory=set)
    unit_needs: dict[str, frozenset[str]] = field(default_factory=dict)
    units_before: set[str] = field(default_factory=set)
    calendar: set[str] = field(default_factory=set)
    verbs: dict[str, VerbSense] = field(default_factory=dict)
    casualty: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)
    people_suffixes: tuple[str, ...] = ()
    grammar: dict = field(default_factory=dict)
    patterns: list[dict] = field(default_factory=list)

    _default: ClassVar["CountLexicons | None"] = None

    @classmethod
    def default(cls) -> "CountLexicons":
        if cls._default is None:
            cls._default = cls.load(RESOURCES)
        return cls._default

    @classmethod
    def load(cls, folder: Path) -> "CountLexicons":
        lex = cls(Path(folder))
        for word, kind, value in _rows(lex.folder / "number_words.tsv"):
            (lex.unit_words if kind == "unit" else lex.multipliers)[word] = int(value)
        for phrase, value in _rows(lex.folder / "vague_quantifiers.tsv"):
            lex.vague[phrase] = int(value)
        for phrase, qualifier, position in _rows(lex.folder / "qualifiers.tsv"):
            target = lex.qualifiers_before if position == "before" else lex.qualifiers_after
            target[tuple(phrase.split())] = qualifier
        for row in _rows(lex.folder / "units.tsv"):
            word, kind, position = row[:3]
            if len(row) > 3 and row[3]:
                lex.unit_needs[word] = frozenset(row[3].split(","))
            if kind == "calendar":
                lex.calendar.add(word)
            elif position == "before":
                lex.units_before.add(word)
            else:
                lex.units_after.add(word)
        for row in _rows(lex.folder / "casualty_verbs.tsv"):
            lemma, category, victim = row[:3]
            needs = frozenset(w for w in (row[3] if len(row) > 3 else "").split(",") if w)
            unless = frozenset(w for w in (row[4] if len(row) > 4 else "").split(",") if w)
            lex.verbs[lemma] = VerbSense(category, victim, needs, unless)
        for word, category, roles in _rows(lex.folder / "casualty_words.tsv"):
            lex.casualty[word] = (category, frozenset(roles.split(",")))
        for noun, category in _rows(lex.folder / "counted_nouns.tsv"):
            if noun.startswith("-"):
                lex.people_suffixes += (noun[1:],)
            else:
                lex.nouns[noun] = category
        lex.grammar = json.loads((lex.folder / "grammar.json").read_text(encoding="utf-8"))
        with (lex.folder / "number_patterns.jsonl").open(encoding="utf-8") as lines:
            lex.patterns = [json.loads(line) for line in lines if line.strip()]
        return lex

    # -- number words

    def words_value(self, words: list[str]) -> float | None:
        """The value of a number written in digits and/or words, or None."""
        total, current, seen = 0.0, 0.0, False
        for word in words:
            if word in ("-", "and", "\u2013"):
                continue
            if word in ("a", "an"):
                current = max(current, 1)
                continue
            if DIGITS.match(word):
                current += float(word.replace(",", ""))
            elif word in self.unit_words:
                current += self.unit_words[word]
            elif word in self.multipliers:
                factor = self.multipliers[word]
                current = max(current, 1) * factor
                if factor >= 1000:
                    total, current = total + current, 0.0
            else:
                return None
            seen = True
        return total + current if seen else None

    # -- token classes used in the patterns

    def token_class(self, name: str) -> dict:
        # LIKE_NUM is a lexical attribute, far cheaper for the Matcher than a regex; it
        # also takes ordinals ("first", "41st"), which then fail to parse as values.
        classes = {
            "digits": {"LIKE_NUM": True, "IS_ALPHA": False},
            "unit_word": {"LOWER": {"IN": sorted(self.unit_words)}},
            "multiplier": {"LOWER": {"IN": sorted(self.multipliers)}},
            "number": {"LIKE_NUM": True},
            "dash": {"ORTH": {"IN": self.grammar["dashes"]}},
        }
        return dict(classes[name])

    def matcher_patterns(self, nlp: Language) -> list[tuple[str, list[dict]]]:
        """spaCy patterns: the JSONL rules with their token classes filled in."""
        out = []
        for rule in self.patterns:
            pattern = []
            for spec in rule["pattern"]:
                spec = dict(spec)
                if "CLASS" in spec:
                    spec = {**self.token_class(spec.pop("CLASS")), **spec}
                pattern.append(spec)
            out.append((rule["label"], pattern))
        return out

    # -- word look-ups

    def noun_class(self, token: Token) -> str | None:
        """The category a counted head noun gives by itself, or None."""
        word = re.sub(r"^\W+|\W+$", "", token.lower_)
        forms = [word, token.lemma_.lower(), word.rsplit("-", 1)[-1]]
        for form in list(forms):  # plural proper nouns keep their "s" as lemma: "Marines"
            if form.endswith("ies"):
                forms.append(form[:-3] + "y")
            elif form.endswith("es"):
                forms.extend((form[:-1], form[:-2]))  # "buses", "marines"
            elif form.endswith("s"):
                forms.append(form[:-1])
        for form in forms:
            if form in self.nouns:
                return self.nouns[form]
        if word in self.grammar["people_pronouns"]:
            return "people"
        # A maker's name before a capitalised plural makes it a model, not a people
        # ("four Chevrolet Suburbans", "two Dodge Caravans").
        made = any(c.dep_ == "compound" and c.ent_type_ in ("ORG", "PRODUCT") for c in token.children)
        if token.ent_type_ == "NORP" and token.tag_ in ("NNS", "NNPS") and not made:
            return "people"  # "Four Uruguayans"
        if token.tag_ == "NNPS" and word.endswith("ans") and not made:
            return "people"  # a demonym the recogniser takes for its place: "two Costa Ricans"
        lemma = forms[1] if token.pos_ == "NOUN" else word
        if any(lemma.endswith(suffix) for suffix in self.people_suffixes):
            return "people"  # role nouns: "gunmen", "separatists", "detainees", "onlookers"
        return None

    def casualty_role(self, token: Token, role: str) -> str | None:
        """The casualty category of ``token`` in ``role`` (counted, governor, state, harm, key)."""
        for form in (token.lower_, token.lemma_.lower()):
            entry = self.casualty.get(form)
            if entry and role in entry[1]:
                if role in ("counted", "governor") and any(
                        c.dep_ == "amod" and c.lower_ in self.grammar["unrealised_modifiers"]
                        for c in token.children):
                    return None  # "40 attempted murders", "a foiled kidnapping": nobody was harmed
                return entry[0]
        return None

    def casualty_word(self, word: str, role: str) -> str | None:
        entry = self.casualty.get(word.lower())
        return entry[0] if entry and role in entry[1] else None

    def verb_category(self, verb: Token, victim: str) -> str | None:
        """The category ``verb`` gives its ``victim`` argument, if it is a casualty verb."""
        sense = self.verbs.get(verb.lemma_.lower())
        if sense is None or sense.victim != victim:
            return None
        if sense.needs and not any(c.lower_ in sense.needs or c.lemma_.lower() in sense.needs
                                   for c in verb.subtree if c.i > verb.i and c.i - verb.i <= 6):
            return None
        if sense.unless and any(c.dep_ == "prep" and c.lower_ in sense.unless for c in verb.children):
            return None  # "caught beneath the wreckage", "caught in the crossfire": not arrested
        if sense.category == "detained" and victim == "object" and any(
                c.dep_ == "nsubj" and self.noun_class(c) in ("facilities", "vehicles") for c in verb.children):
            return None  # "the hotel held 140 guests", "the bus held 40 passengers": it contained them
        return sense.category

    def unit(self, token: Token, position: str) -> bool:
        if position == "before":  # by form only: "number 5" is a label, "numbering 30" is not
            return token.lower_ in self.units_before
        for form in (token.lower_, token.lemma_.lower()):
            if form in self.units_after:
                needs = self.unit_needs.get(form)
                # "three blocks away" is a distance; "270 blocks of stone" are counted
                return needs is None or (token.i + 1 < len(token.doc)
                                         and token.doc[token.i + 1].lower_ in needs)
        return False

    def is_calendar(self, token: Token) -> bool:
        return token.text[:1].isupper() and token.lower_ in self.calendar


# ---------------------------------------------------------------- candidates

@dataclass
class Candidate:
    """A number expression before it is read: its tokens and how it was found."""

    start: int  # token offsets of the number itself, qualifiers excluded
    end: int
    label: str  # NUMBER, RANGE, VAGUE, ZERO or NER
    qualifier: str = ""
    span_start: int = 0  # token offsets of the mention, qualifiers included
    span_end: int = 0


@dataclass
class Reading:
    value: int | None
    low: int | None
    high: int | None
    qualifier: str


class CountFinder(FolderRules):
    """The ``extract_counts`` component: sets ``doc._.counts``."""

    def __init__(self, nlp: Language, name: str, labels: list[str] | None = None,
                 resources: str | None = None):
        self.name = name
        self.nlp = nlp
        self.resources = Path(resources) if resources else RESOURCES
        self.labels = tuple(labels or ())
        self._build()

    def _build(self) -> None:
        nlp = self.nlp
        self.lex = CountLexicons.load(self.resources)
        grammar = self.lex.grammar
        self.labels = self.labels or tuple(grammar["ner_count_labels"])
        self.not_count_labels = frozenset(grammar["ner_not_count_labels"])
        self.name_labels = frozenset(grammar["ner_name_labels"])
        self.matcher = Matcher(nlp.vocab)
        for label, pattern in self.lex.matcher_patterns(nlp):
            self.matcher.add(label, [pattern])
        # Vague quantifiers are fixed phrases: a PhraseMatcher finds them far faster.
        self.vague_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.vague_matcher.add("VAGUE", [nlp.make_doc(phrase) for phrase in self.lex.vague])
        self._max_qualifier = max(len(k) for k in (*self.lex.qualifiers_before, *self.lex.qualifiers_after))

    # -- the component

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[CountMention] = []
        sentence_counts: dict[int, list[tuple[CountMention, Token | None]]] = {}
        # Per-document indexes, set afresh on every call (doc.ents and doc.sents are
        # rebuilt on every access, so they are read once here).
        ents = doc.ents
        self._name_ents = {i: ent for ent in ents if ent.label_ in self.name_labels
                           for i in range(ent.start, ent.end)}
        self._sent_starts = [sent.start for sent in doc.sents] if doc.has_annotation("SENT_START") else [0]
        for cand in self._candidates(doc, ents):
            for mention, head in self._read(doc, cand, sentence_counts):
                sentence_counts.setdefault(self._sentence_of(cand.start), []).append((mention, head))
                mentions.append(mention)
        doc._.counts = sorted(mentions, key=lambda m: (m.start_char, m.end_char))
        return doc

    def _sentence_of(self, i: int) -> int:
        return self._sent_starts[bisect.bisect_right(self._sent_starts, i) - 1]

    def _candidates(self, doc: Doc, ents) -> list[Candidate]:
        found = [(start, end, doc.vocab.strings[key]) for key, start, end in self.matcher(doc)]
        found += [(start, end, "VAGUE") for _, start, end in self.vague_matcher(doc)]
        # The longest rule match wins, on equal length the more specific kind; the
        # entity recogniser's CARDINAL/QUANTITY spans only add what no rule matched.
        found.sort(key=lambda f: (-(f[1] - f[0]), LABEL_PRIORITY[f[2]], f[0]))
        found.extend((ent.start, ent.end, "NER") for ent in ents if ent.label_ in self.labels)
        taken = bytearray(len(doc))
        chosen = []
        for start, end, label in found:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            if label == "RANGE":
                chosen.extend(self._range_or_change(doc, start, end))
            else:
                chosen.append(Candidate(start, end, label))
        chosen.sort(key=lambda c: c.start)
        for cand in chosen:
            if cand.label == "NER":
                self._strip_leading_qualifier(doc, cand)
            if cand.label == "VAGUE" and doc[cand.end - 1].lower_ == "of":
                cand.end -= 1  # "tens of", "scores of": the mention is the quantifier
            self._attach_qualifiers(doc, cand)
        return chosen

    def _range_or_change(self, doc: Doc, start: int, end: int) -> list[Candidate]:
        """A range, or two numbers when "X to Y" is a change: "rose from 200 to 300",
        "revised from 359 to 253" are two counts, not a range."""
        words = [t.lower_ for t in doc[start:end]]
        after = doc[end] if end < len(doc) else None
        if after is not None and (self.lex.is_calendar(after) or self.lex.unit(after, "after")):
            return [Candidate(start, end, "RANGE")]  # "from 12 to 15 May": excluded as a whole
        # "rose from 200 to 300" is a change; "ranged from one to four" is a range.
        is_change = (start > 0 and doc[start - 1].lower_ == "from"
                     and not (start > 1 and doc[start - 2].lemma_.lower() in self.lex.grammar["range_verbs"]))
        if not is_change and (len(words) == 1 or self._range(words) is not None):
            return [Candidate(start, end, "RANGE")]
        first = start + 1 if words[0] == "between" else start
        link = next((i for i in range(first + 1, end) if doc[i].lower_ in ("to", "or", "and")
                     or doc[i].text in self.lex.grammar["dashes"]), None)
        if link is None:
            return []
        return [Candidate(first, link, "NUMBER"), Candidate(link + 1, end, "NUMBER")]

    def _strip_leading_qualifier(self, doc: Doc, cand: Candidate) -> None:
        for n in range(min(self._max_qualifier, cand.end - cand.start - 1), 0, -1):
            words = tuple(t.lower_ for t in doc[cand.start:cand.start + n])
            if words in self.lex.qualifiers_before:
                cand.qualifier = self.lex.qualifiers_before[words]
                cand.span_start = cand.start
                cand.start += n
                return

    def _attach_qualifiers(self, doc: Doc, cand: Candidate) -> None:
        if not cand.span_start or cand.span_start > cand.start:
            cand.span_start = cand.start
        cand.span_end = cand.end
        if cand.label == "ZERO":
            return
        if not cand.qualifier:
            for n in range(self._max_qualifier, 0, -1):
                if cand.start - n < 0:
                    continue
                words = tuple(t.lower_ for t in doc[cand.start - n:cand.start])
                if words in self.lex.qualifiers_before:
                    if words == ("some",) and cand.label == "VAGUE":
                        continue
                    cand.qualifier = self.lex.qualifiers_before[words]
                    cand.span_start = cand.start - n
                    break
        for n in range(self._max_qualifier, 0, -1):
            words = tuple(t.lower_ for t in doc[cand.end:cand.end + n])
            if len(words) == n and words in self.lex.qualifiers_after:
                cand.qualifier = cand.qualifier or self.lex.qualifiers_after[words]
                cand.span_end = cand.end + n
                break

    # -- values

    def _value(self, doc: Doc, cand: Candidate) -> Reading | None:
        tokens = doc[cand.start:cand.end]
        words = [t.lower_ for t in tokens]
        qualifier = cand.qualifier
        if cand.label == "ZERO":
            return Reading(0, None, None, "exact")
        if cand.label in ("VAGUE", "NER"):
            for phrase in (" ".join(words), " ".join(words + ["of"])):  # "scores (of)"
                if phrase in self.lex.vague:
                    return self._bounds(self.lex.vague[phrase], qualifier or "vague")
        if cand.label in ("RANGE", "NER"):
            bounds = self._range(words)
            if bounds is not None:
                low, high = bounds
                return Reading(low, low, high, "range")
        if cand.label == "RANGE":
            return None
        value = self.lex.words_value(words)
        if value is None or value != int(value):
            return None
        return self._bounds(int(value), qualifier or "exact")

    @staticmethod
    def _bounds(value: int, qualifier: str) -> Reading:
        """Guidelines section 4: the text's bound goes to low or high."""
        low = value if qualifier in ("at_least", "more_than") else None
        high = value if qualifier in ("at_most", "less_than") else None
        return Reading(value, low, high, qualifier)

    def _range(self, words: list[str]) -> tuple[int, int] | None:
        if len(words) == 1:
            m = DASHED_RANGE.match(words[0])
            if not m:
                return None
            sides = [[m.group(1)], [m.group(2)]]
        else:
            if words[0] in ("between", "from"):
                words = words[1:]
            split = next((i for i, w in enumerate(words) if i and w in ("-", "\u2013", "\u2014", "to", "or", "and")), None)
            if split is None:
                return None
            sides = [words[:split], words[split + 1:]]
        low, high = (self.lex.words_value(side) for side in sides)
        if low is None or high is None:
            return None
        # "two to three thousand": the multiplier of the upper side carries over.
        multiplier = next((self.lex.multipliers[w] for w in reversed(sides[1]) if w in self.lex.multipliers), None)
        if multiplier and not any(w in self.lex.multipliers for w in sides[0]) and low * multiplier <= high:
            low *= multiplier
        if low != int(low) or high != int(high) or low > high:
            return None
        return int(low), int(high)

    # -- reading a candidate

    def _read(self, doc: Doc, cand: Candidate, sentence_counts) -> list[tuple[CountMention, Token | None]]:
        reading = self._value(doc, cand)
        if reading is None:
            return []
        core = doc[cand.start:cand.end]
        root = self._number_root(core)
        head, partitive = self._counted_head(doc, cand, root)
        anchor = root if (partitive or head is None) else head
        while anchor.dep_ == "quantmod" and anchor.head.pos_ == "NUM" and anchor.head != anchor:
            anchor = anchor.head  # "from 200 to 300": the first number shares the second's clause
        while (cand.span_start <= anchor.head.i < cand.start and anchor.head != anchor
               and anchor.head.pos_ != "VERB"):
            # "Over 40 were injured" parsed as a preposition: it holds the role (a verb, "had
            # passed 230", is the clause itself)
            anchor = anchor.head
        if self._excluded(doc, cand, core, root, head, anchor, reading):
            return []
        earlier = sentence_counts.get(self._sentence_of(cand.start), [])
        category = self._category(doc, cand, head, partitive, anchor, earlier)
        if cand.label == "ZERO" and category is None and head is None and self._nobody_as_subject(doc, cand):
            category = "people"  # "no one was convicted": the subject of a clause counts nobody
        if cand.label == "ZERO":
            if category not in CASUALTY_CATEGORIES and category != "people" and (
                    head is None or self.lex.noun_class(head) not in ("event", "people", *OBJECT_CATEGORIES)):
                return []  # "no plans", "answerable to no one": not a count ("no boats", "no survivors" are)
            if (category not in CASUALTY_CATEGORIES and head is not None and head.dep_ == "attr"
                    and not any(c.dep_ == "expl" for c in head.head.children)):
                return []  # "was no stranger to": a description ("there were no survivors" counts)
            if category is None:
                category = "other"
        counted = self._counted_text(doc, cand, head, partitive)
        if head is None and earlier:
            counted = earlier[-1][0].counted
        if head is None and not counted:
            counted = self._size_subject(anchor)
        if category is None and earlier == [] and (head is None or head.lower_ in self.lex.grammar["people_pronouns"]):
            carried = self._previous_objects(sentence_counts, cand.start)
            if carried is not None:
                category = carried.category
                if head is None:
                    counted = carried.counted
        if category is None:
            category = self._fallback_category(head, earlier)
        if category == "people" and earlier:
            category = self._listed_after_colon(doc, cand, earlier) or category
        if (reading.value == 1 and reading.qualifier == "exact" and cand.label != "ZERO"
                and category not in CASUALTY_CATEGORIES and not self._counts_one_thing(doc, cand, head, category)):
            return []  # a single "one" names an individual (guidelines 4: optional)
        span = doc[cand.span_start:cand.span_end]  # (Doc.text would join the whole document)
        mention = CountMention(span.start_char, span.end_char, span.text, reading.value,
                               reading.low, reading.high, reading.qualifier, counted, category)
        out = [(mention, head)]
        if cand.label == "ZERO" and head is not None:
            out.extend(self._zero_conjuncts(doc, head))
        return out

    def _counts_one_thing(self, doc: Doc, cand: Candidate, head: Token | None, category: str | None) -> bool:
        """"only one explosion", "one bag of the gas": "one" before an object or event noun of its
        own counts it (the optional "one" of guidelines 4 names one individual)."""
        if head is None or head.i != cand.end or doc[cand.start].lower_ != "one":
            return False
        return category in OBJECT_CATEGORIES or self.lex.noun_class(head) == "event"

    @staticmethod
    def _nobody_as_subject(doc: Doc, cand: Candidate) -> bool:
        """"no one", "nobody" as the passive subject of its clause (not "answerable to no one")."""
        # Only a passive subject: something done to people ("no one was arrested", "nobody has
        # been charged"); "no one claimed responsibility", "nobody knows" count nobody.
        return any(t.dep_ == "nsubjpass" for t in doc[cand.start:cand.end]) and \
            doc[cand.end - 1].lower_ in ("one", "nobody", "no-one")

    @staticmethod
    def _listed_after_colon(doc: Doc, cand: Candidate, earlier) -> str | None:
        """"That left 106 hostages: 94 passengers and the 12 crew": a list after a colon
        breaks down the casualty count before it, and its parts share its category."""
        sentence_start = doc[cand.start].sent.start if doc.has_annotation("SENT_START") else 0
        for i in range(cand.span_start - 1, sentence_start - 1, -1):
            token = doc[i]
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "acl"):
                return None  # a clause of its own between the colon and the count
            if token.text == ":":
                before = [m for m, _ in earlier if m.end_char <= token.idx]
                if before and before[-1].category in CASUALTY_CATEGORIES:
                    return before[-1].category
                return None
        return None

    @staticmethod
    def _number_root(core: Span) -> Token:
        """The token of the number whose head lies outside it (a number word before a range's
        "between": "between 33 and 45 soldiers" hangs from "soldiers" by its 33)."""
        for token in core:
            if token.like_num and (token.head.i < core.start or token.head.i >= core.end):
                return token
        for token in core:
            if token.head.i < core.start or token.head.i >= core.end or token.head == token:
                return token
        return core[-1]

    def _counted_head(self, doc: Doc, cand: Candidate, root: Token) -> tuple[Token | None, bool]:
        """The head noun counted and whether it follows a partitive "of"."""
        if cand.label == "ZERO":
            tokens = [t for t in doc[cand.start:cand.end] if t.lower_ not in self.lex.grammar["zero_negators"]]
            if not tokens or tokens[-1].pos_ not in ("NOUN", "PROPN"):
                return None, False
            return tokens[-1], False
        after = doc[cand.span_end] if cand.span_end < len(doc) else None
        if after is not None and after.lower_ in self.lex.grammar["partitive_prepositions"]:
            objects = [c for c in after.children if c.dep_ == "pobj"]
            if objects:
                return objects[0], True
            for token in doc[after.i + 1:after.i + 6]:
                if token.pos_ == "ADP":
                    break  # "seven of the accused to death": what is counted ends before "to"
                nominal = token.pos_ in ("NOUN", "PROPN", "PRON") or (
                    token.pos_ in ("ADJ", "VERB") and doc[token.i - 1].pos_ == "DET")  # "of the accused"
                if nominal and (token.i + 1 >= len(doc)
                                                                or doc[token.i + 1].pos_ not in ("NOUN", "PROPN")):
                    return token, True
            return None, False
        if (after is not None and after.pos_ == "ADV" and after.i + 1 < len(doc)
                and self.lex.casualty_role(doc[after.i + 1], "state")
                and doc[after.i + 1].pos_ in ("ADJ", "VERB")):
            after = doc[after.i + 1]  # "50 seriously injured", "three critically wounded"
            return after, False
        if (after is not None and self.lex.casualty_role(after, "counted") and after.pos_ in ("ADJ", "VERB", "NOUN")
                and not (after.dep_ == "compound" and after.head.i > after.i)):
            return after, False  # "8 wounded", "58 dead" (not "12 hostage deaths": the deaths are counted)
        head = root.head
        while (head.i >= cand.end and head.head.i > head.i
               and ((head.pos_ in ("NUM", "PROPN", "ADJ") and head.dep_ in ("nummod", "compound", "nmod", "amod"))
                    or (head.pos_ == "NOUN" and head.dep_ == "compound"))):
            head = head.head  # "eight XY-12 Falcon helicopters", "40 mortar rounds"
        if (head.i >= cand.end and head.pos_ in ("NOUN", "PROPN")
                and root.dep_ in ("nummod", "amod", "quantmod", "compound", "nmod", "det", "npadvmod")):
            return head, False
        return None, False

    def _excluded(self, doc: Doc, cand: Candidate, core: Span, root: Token, head: Token | None,
                  anchor: Token, reading: Reading) -> bool:
        """Guidelines section 4, "Not counts"."""
        if cand.label == "ZERO":
            return False
        definite = head is not None and (self.lex.noun_class(head) in ("people", *OBJECT_CATEGORIES)
                                         or self.lex.casualty_role(head, "counted") is not None)
        # Dates, times, money, percentages, ordinals as the entity recogniser sees them.
        countable = definite or (head is not None and head.tag_ == "NNS" and not self.lex.unit(head, "after"))
        if cand.label != "VAGUE" and not countable:
            if any(t.ent_type_ in self.not_count_labels for t in core) and \
                    self._governing_category(anchor, []) not in CASUALTY_CATEGORIES:
                return True  # ("killed over 40", tagged DATE, is still a count)
        # Measures, durations, money, ages: a unit word after or before the number.
        after = doc[cand.end] if cand.end < len(doc) else None
        if after is not None and after.text in self.lex.grammar["dashes"] and after.i + 1 < len(doc):
            joined = not doc[cand.end - 1].whitespace_ and not after.whitespace_
            after = doc[after.i + 1]  # "16-foot", "three-day", "19-year-old"
            if (joined and after.is_alpha and after.is_lower and not after.like_num
                    and after.lower_ not in self.lex.unit_words and after.lower_ not in self.lex.multipliers):
                return True  # a word-built modifier: "four-wheel-drive vehicles", "a three-man cell"
        if after is not None and self.lex.unit(after, "after"):
            return True
        if head is not None and self.lex.unit(head, "after"):
            return True
        for i in {cand.start - 1, cand.span_start - 1}:
            if i >= 0 and self.lex.unit(doc[i], "before"):
                return True
        # "October 14", "14 October"
        if core[0].is_digit or DASHED_RANGE.match(core[0].text):
            if (cand.start > 0 and self.lex.is_calendar(doc[cand.start - 1])) or (
                    after is not None and self.lex.is_calendar(after)):
                return True
        # Years: "in 2006", "the 2009 attack", "(1961-1967)".
        if self._year_like(core) and (not definite or reading.qualifier == "range"):
            return True
        # Numbers inside names: "Flight 752", "Resolution 1441", a name entity around it.
        if head is None and root.head.i < cand.start and (
                (root.head.pos_ == "PROPN" and (root.head.i == cand.span_start - 1
                                                or root.dep_ not in ("appos", "conj")))
                or (root.head.i == cand.span_start - 1 and root.dep_ == "nummod")):
            # a number naming what stands before it: "Flight 752", "Route 66"; not one set
            # beside a name ("Deaths: at least 75", "(213 in <city>, 11 in <city>)") or
            # coordinated with one ("12 were Americans and 32 were Kenyans")
            return True
        if (head is None and root.head.pos_ == "PROPN" and root.head.i < cand.start and cand.span_start > 0
                and doc[cand.span_start - 1].text == "," and after is not None
                and after.text in (",", ".", ";", ")", ":")):
            return True  # "<Name>, 28, was killed": an age set beside a name
        if head is None and cand.span_start > 0 and doc[cand.span_start - 1].pos_ == "PROPN" \
                and doc[cand.span_start - 1].is_title:
            return True
        for token in core:
            if token.ent_type_ in self.name_labels and token.ent_iob_ == "I":
                return True
        name = self._name_ents.get(root.i)
        if head is not None and head.pos_ == "PROPN" and name is not None and name.start <= head.i < name.end:
            return True  # the number opens a name: an address, "Route 9", a unit
        # "the mayor, at 71 the oldest, ...": a bare number in an aside after "at" is an age
        # ("put the number at about 1,000" is still a count).
        if (head is None and root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.i < cand.span_start
                and root.head.i > 0 and doc[root.head.i - 1].text == ","):
            return True
        # Age thresholds: "children under 15", "residents over 60".
        if (head is None and cand.span_start > 0 and doc[cand.span_start].lower_ in ("under", "over")
                and doc[cand.span_start - 1].pos_ == "NOUN"):
            return True
        # A number word written capitalised inside a sentence, before a capitalised word, opens
        # a name: "a Three Rivers school", "the Nine Elms depot" (not "Two Killed" at a line start).
        if (core[0].is_alpha and core[0].is_title and not core[0].is_sent_start
                and cand.span_start == cand.start and after is not None and after.is_title
                and after.is_alpha):
            return True
        # "called 911", "dial 999": a telephone number.
        if cand.span_start > 0 and core[0].is_digit and head is None and \
                doc[cand.span_start - 1].lemma_.lower() in self.lex.grammar["telephone_verbs"]:
            return True  # (not "called 45 witnesses": a noun says what is counted)
        # "known as 22 Elm", "at 3 Larch Court": a number before a singular proper noun that
        # names no kind of thing, and that the recogniser does not take for a cardinal, is a
        # house number, part of an address or a name (not "killed 5 Zorvani": members of a
        # group, a cardinal to the recogniser).
        if (core[0].is_digit and head is not None and head.i == cand.end and head.tag_ == "NNP"
                and head.ent_type_ in ("", "FAC", "GPE", "LOC") and core[0].ent_type_ != "CARDINAL"
                and self.lex.noun_class(head) is None and reading.value != 1):
            return True
        # Citation marks and list numbers: "[3]", "1." at the start of a line.
        before = doc[cand.span_start - 1] if cand.span_start > 0 else None
        if before is not None and before.text == "[" and after is not None and after.text == "]":
            return True
        if after is not None and after.text in (".", ")") and (before is None or "\n" in before.text
                                                                or "\n" in before.whitespace_):
            return True
        return False

    def _year_like(self, core: Span) -> bool:
        """Every number in the expression is a plain four-digit year."""
        connectors = ("to", "or", "and", "between", "from", *self.lex.grammar["dashes"])
        parts = [p for t in core if t.lower_ not in connectors for p in re.split(r"[-\u2013\u2014]", t.text)]
        return bool(parts) and all(YEAR.match(p) for p in parts)

    # -- what is counted and its category

    def _category(self, doc: Doc, cand: Candidate, head: Token | None, partitive: bool, anchor: Token,
                  earlier) -> str | None:
        lex = self.lex
        head_class = lex.noun_class(self._collective_member(head) or head) if head is not None else None
        if head_class is None and head is not None and head.tag_ == "NN":
            # "set three parked cars alight", parsed with "cars" as a compound of a singular
            # word: the plural the number agrees with is what is counted
            plural = next((c for c in head.children if c.dep_ == "compound" and c.tag_ == "NNS"), None)
            if plural is not None and cand.end <= plural.i:
                head_class = lex.noun_class(plural)
        if head_class in OBJECT_CATEGORIES:
            return head_class
        casualty_head = head is not None and lex.casualty_role(head, "counted") is not None
        may_be_harmed = head is None or head_class == "people" or casualty_head
        if head is not None and not partitive and self._is_whole_of_partitive(head):
            # "Four of the nine raiders were killed": the nine are the whole, not the killed;
            # but "one of the two guards killed": the whole's own participle says what they were.
            own = self._modifier_category(head)
            if own is not None:
                return own
            return head_class if head_class == "people" else (
                lex.casualty_role(head, "counted") or ("other" if head_class is None else head_class))
        # the casualties the count is placed among: "about twelve among the injured"
        category = self._placed_among(head, anchor)
        if category is None and head is not None:  # what the counted noun itself carries: "people killed in"
            category = self._modifier_category(head) or self._window_category(doc, head)
        elif category is None:  # or the number standing for it: "the second one taken alive"
            category = self._modifier_category(anchor)
        if category is None:
            category = self._governing_category(anchor, earlier)
        if (category is None and earlier and head is not None
                and head.lower_ in lex.grammar["people_pronouns"]):
            category = earlier[-1][0].category  # "48 were seized, five of them at ..."
        if (category is None and earlier and head is not None and head_class == "people"
                and earlier[-1][0].category in CASUALTY_CATEGORIES and self._among_them(head, earlier)):
            category = earlier[-1][0].category  # "left 12 dead, five guards among them"
        if category is not None and (may_be_harmed or category in ("killed", "injured")):
            return category
        if casualty_head and head.pos_ in ("ADJ", "VERB"):
            return lex.casualty_role(head, "counted")  # "Casualties: 9 killed, 40 injured"
        key = self._infobox_key_category(doc, cand)
        if key is not None:
            return key
        if casualty_head:
            return lex.casualty_role(head, "counted")
        if head_class == "people":
            return "people"
        if head_class == "event":
            return "other"
        return None

    def _collective_member(self, head: Token) -> Token | None:
        """"five pairs of soldiers", "two teams of medics": the members a collective noun
        counts in groups give its class."""
        if head.lemma_.lower() not in self.lex.grammar["collective_nouns"] and \
                head.lower_ not in self.lex.grammar["collective_nouns"]:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in self.lex.grammar["partitive_prepositions"]:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None

    def _is_whole_of_partitive(self, head: Token) -> bool:
        prep = head.head
        return (head.dep_ == "pobj" and prep.lower_ in self.lex.grammar["partitive_prepositions"]
                and prep.head.pos_ == "NUM" and prep.head.i < head.i)

    def _governing_category(self, anchor: Token, earlier) -> str | None:
        """The category the clause gives the count: its verb, a governing noun, a state."""
        lex = self.lex
        x = anchor
        for _ in range(8):  # "four members and two personnel": the conjunct's clause
            if (x.dep_ == "conj" and x.pos_ in ("NOUN", "PROPN") and x.head.pos_ == "VERB"
                    and any(c.dep_ == "dobj" and c.i < x.i for c in x.head.children)):
                # "killed 13 soldiers and at least 170 civilians", the second object hung on
                # the verb: it is the verb's object too
                return lex.verb_category(x.head, "object") or self._taken_to_place(x.head)
            if x.dep_ in ("conj", "appos", "compound") and x.head != x:
                x = x.head
            elif (x.dep_ == "pobj" and x.head.lower_ in lex.grammar["partitive_prepositions"]
                  and x.head.head.lemma_.lower() in lex.grammar["size_nouns"]):
                x = x.head.head  # "a total of 18 militants were killed": the total's clause
            else:
                break
        found = self._modifier_category(x) if x is not anchor else None
        if found:
            return found
        companion = self._companion_verb(x)
        if companion is not None:
            return self._clause_category(companion)
        verb, dep = x.head, x.dep_
        if dep == "prep" and x.lower_ in ("past", "above") and x.i > verb.i:
            verb, dep = x, "pobj"  # "the toll climbed past 70": read as "the toll rose to 70"
        elif dep == "prep" and x.lower_ in QUALIFIER_PREPOSITIONS:
            # a qualifier parsed as the preposition holding the number: its place in the
            # clause is the count's ("Over 40 were injured", "killed over 40")
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            dep = ("nsubjpass" if passive else "nsubj") if x.i < verb.i else "dobj"
        if dep == "nsubjpass":
            return lex.verb_category(verb, "object") or self._state_category(verb)
        if (dep == "nsubj" and verb.lemma_ in ("be", "do") and verb.dep_ == "advcl"
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)):
            # "Two tourists were killed, as were a teacher and two pupils", "... died, as did": the ellipsis
            # shares the clause it follows
            return self._clause_category(verb.head)
        if dep == "nsubj":
            has_object = any(c.dep_ == "dobj" for c in verb.children)
            return (lex.verb_category(verb, "subject")
                    or (lex.verb_category(verb, "object") if verb.tag_ == "VBN" and not has_object else None)
                    or (self._state_category(verb) if not has_object else None)
                    or self._harm_category(verb)
                    or self._coordinated_category(verb)
                    or next((found for c in verb.children if c.dep_ == "xcomp"  # "failed to explode"
                             for found in [lex.verb_category(c, "subject")] if found), None))
        if dep in ("dobj", "oprd"):
            if verb.lemma_.lower() in lex.grammar["size_verbs"]:
                for subject in verb.children:  # "the foreign dead numbered 12"
                    if subject.dep_ == "nsubj":
                        return lex.casualty_role(subject, "counted") or self._number_of(subject)
            if verb.lemma_.lower() in lex.grammar["threshold_verbs"]:
                for subject in verb.children:  # "the toll had passed 230": what the toll counts
                    if subject.dep_ == "nsubj":
                        return lex.casualty_role(subject, "governor") or self._number_of(subject)
            if verb.lemma_.lower() in lex.grammar["inclusion_verbs"]:
                for subject in verb.children:  # "the dead included 20 adults"
                    if subject.dep_ in ("nsubj", "nsubjpass"):
                        return lex.casualty_role(subject, "counted")
            # where the object was taken says harm only of people ("took 12 boxes to hospital")
            return lex.verb_category(verb, "object") or (
                self._taken_to_place(verb) if anchor.pos_ == "NUM" or lex.noun_class(anchor) == "people" else None)
        if dep in ("attr", "pobj"):
            # "the toll was 140 victims", "the death toll rose to 290"
            clause = verb.head if dep == "pobj" and verb.dep_ == "prep" else verb
            if (dep == "pobj" and clause.dep_ == "acl" and clause.pos_ == "VERB"
                    and (clause.head.lemma_.lower() in lex.grammar["size_nouns"]
                         or self._number_of(clause.head.head.head) is not None)):
                # "put the number of civilians killed at 170": the participle on the number
                found = lex.verb_category(clause, "object")
                if found:
                    return found
            for subject in clause.children:  # (or "put the number of dead at 36")
                if subject.dep_ in ("nsubj", "nsubjpass", "dobj") and subject.i < anchor.i:
                    found = lex.casualty_role(subject, "governor") or self._number_of(subject)
                    if found:
                        return found
            if dep == "attr" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                found = self._state_category(verb)  # "Among the dead were 12 children"
                if found:
                    return found
        if dep == "pobj":
            prep = verb
            if prep.lower_ in lex.grammar["partitive_prepositions"]:
                found = lex.casualty_role(prep.head, "governor")
                if found:
                    return found
                if prep.head.pos_ == "NUM":
                    return None
            if prep.lower_ in lex.grammar["inclusion_prepositions"] and earlier and \
                    self._hangs_from_clause_or_count(prep, earlier):
                previous = earlier[-1][0].category
                if previous in CASUALTY_CATEGORIES:
                    return previous
        return None

    @staticmethod
    def _hangs_from_clause_or_count(word: Token, earlier) -> bool:
        """"30 were killed, including four children": 'including' hangs from the casualty
        clause's verb or from the noun just counted; "blamed on a gang including three
        teenagers" takes in members of something else."""
        governor = word.head
        return governor.pos_ in ("VERB", "AUX") or any(h is not None and governor == h for _, h in earlier)

    def _among_them(self, head: Token, earlier) -> bool:
        """"five guards among them", "two nurses, among them", "not counting the two gunmen":
        part of (or set aside from) a group just counted, in the same casualty category (the
        parser may hang "among them" from the noun or from the clause's verb)."""
        doc = head.doc
        end = head.sent.end if doc.has_annotation("SENT_START") else len(doc)
        for t in doc[head.i + 1:end]:
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("acl", "amod") or t.text in (";", ":"):
                break  # a clause of its own
            if (t.lower_ in self.lex.grammar["inclusion_prepositions"] and t.i + 1 < len(doc)
                    and doc[t.i + 1].lower_ in self.lex.grammar["people_pronouns"]):
                return True
        before = head.left_edge.i - 1
        if before >= 0 and doc[before].lower_ in self.lex.grammar["set_aside_words"]:
            # "45 people died, not counting the three attackers": the same toll, when the word
            # hangs from the clause or from the noun just counted (not "a gang including three").
            if self._hangs_from_clause_or_count(doc[before], earlier):
                return True
        start = head.sent.start if doc.has_annotation("SENT_START") else 0
        for t in reversed(doc[start:head.left_edge.i]):  # "freed 13 hostages, among them two nurses"
            if t.pos_ in ("VERB", "AUX") or t.text in (";", ":"):
                return False
            if (t.lower_ in self.lex.grammar["people_pronouns"] and t.i > 0
                    and doc[t.i - 1].lower_ in self.lex.grammar["inclusion_prepositions"]):
                return True
        return False

    def _companion_verb(self, x: Token) -> Token | None:
        """"30 were killed along with the three bombers", "arrested him along with four other
        men": the verb the companions share with the clause's own victims."""
        prep = x.head
        if x.dep_ != "pobj" or prep.lower_ != "with" or prep.i == 0:
            return None
        if x.doc[prep.i - 1].lower_ not in self.lex.grammar["companion_words"]:
            return None
        verb = prep.head
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        return verb if verb.pos_ in ("VERB", "AUX") else None

    def _clause_category(self, verb: Token) -> str | None:
        """What a verb does to its victims: the object of a passive or transitive verb ("were
        killed", "arrested X"), else the subject ("died"), or their state ("were shot dead")."""
        deps = {c.dep_ for c in verb.children}
        if "auxpass" in deps or "dobj" in deps:
            return self.lex.verb_category(verb, "object") or self._state_category(verb)
        return self.lex.verb_category(verb, "subject") or self._state_category(verb)

    def _coordinated_category(self, verb: Token) -> str | None:
        """"two guards challenged the car and were shot dead": a coordinated verb without a
        subject of its own says what happened to the first verb's subject."""
        for conj in verb.children:
            if conj.dep_ == "conj" and conj.pos_ in ("VERB", "AUX") and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "dobj", "ccomp") for c in conj.children):
                # ("seized the hotel and held 30 people hostage": the hostages are the object's)
                found = self._clause_category(conj) if "auxpass" in {c.dep_ for c in conj.children} \
                    else (self.lex.verb_category(conj, "subject") or self._state_category(conj))
                if found:
                    return found
        return None

    def _number_of(self, subject: Token) -> str | None:
        """"the number of dead rose to 300": the casualty word after "number of"."""
        if subject.lemma_.lower() not in self.lex.grammar["size_nouns"]:
            return None
        for prep in subject.children:
            if prep.dep_ == "prep" and prep.lower_ in self.lex.grammar["partitive_prepositions"]:
                for obj in prep.children:
                    if obj.dep_ == "pobj":  # "the number of dead", "the number of people in custody"
                        return self.lex.casualty_role(obj, "counted") or self._modifier_category(obj)
        return None

    def _modifier_category(self, token: Token) -> str | None:
        """A participle, relative clause or adjective on the counted noun itself:
        "people killed", "hostages who were freed", "wounded soldiers"."""
        lex = self.lex
        for child in token.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                for verb in (child, *(c for c in child.children if c.dep_ == "conj")):
                    found = lex.verb_category(verb, "object") or self._state_category(verb)
                    if found:  # "prisoners freed", "miners trapped and killed"
                        return found
            elif child.dep_ == "relcl":
                deps = {c.dep_ for c in child.children}
                if "nsubjpass" in deps:
                    found = lex.verb_category(child, "object")
                elif "dobj" not in deps:
                    found = lex.verb_category(child, "subject") or self._state_category(child)
                else:
                    found = None
                if found:
                    return found
            elif child.dep_ == "amod" and child.i < token.i:
                found = lex.casualty_role(child, "counted")
                if found and found != "detained":
                    return found
            elif child.dep_ == "prep" and child.lower_ in lex.grammar["place_prepositions"]:
                for obj in child.children:  # "59 people in hospital", "12 men in custody"
                    # (not "two nurses in the hospital": with a determiner it is where they work)
                    found = lex.casualty_role(obj, "place") if obj.dep_ == "pobj" and not any(
                        c.dep_ in ("det", "poss") for c in obj.children) else None
                    if found:
                        return found
        return None

    def _state_category(self, verb: Token) -> str | None:
        """"found dead", "were in custody", "was held hostage"."""
        for child in verb.children:
            if child.dep_ in ("acomp", "oprd", "xcomp", "advmod", "ccomp", "attr"):
                found = self.lex.casualty_role(child, "state")
                if found:
                    return found
            elif child.dep_ == "prep":
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    found = self.lex.casualty_role(obj, "place")
                    if not found and child.lower_ in self.lex.grammar["inclusion_prepositions"]:
                        # "20 foreigners were among the wounded / the 259 people killed"
                        found = self.lex.casualty_role(obj, "counted") or self._modifier_category(obj)
                    if found:
                        return found
        return None

    def _placed_among(self, head: Token | None, anchor: Token) -> str | None:
        """"listed five tourists among the dead", "and about twelve among the injured": a
        count placed among casualties (an "among" phrase on the number, on the counted noun,
        or on the verb whose object it is) is of that casualty category (guidelines 4).
        ("among them" refers back to a count: see _among_them.)"""
        holders = [anchor]
        if head is not None:
            holders.append(head)
            if head.dep_ == "dobj":
                holders.append(head.head)
        elif anchor.dep_ == "dobj":
            holders.append(anchor.head)
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in self.lex.grammar["among_prepositions"]:
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found = self.lex.casualty_role(obj, "counted") or self._modifier_category(obj)
                        if found in CASUALTY_CATEGORIES:
                            return found
        return None

    def _taken_to_place(self, verb: Token) -> str | None:
        """"sent 200 to hospitals", "took 12 men into custody": where the object was taken."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in self.lex.grammar["destination_prepositions"]:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self.lex.casualty_role(obj, "place")
                        if found:
                            return found
        return None

    def _harm_category(self, verb: Token) -> str | None:
        """"40 workers suffered burns", "lost their lives"."""
        for child in verb.children:
            if child.dep_ == "dobj":
                found = self.lex.casualty_role(child, "harm")
                if found:
                    return found
        return None

    def _window_category(self, doc: Doc, head: Token) -> str | None:
        """A casualty participle right after the counted noun, when the parse did not
        attach it: "four miners later found dead", "40 civilians reportedly killed"."""
        skip = self.lex.grammar["window_skip_pos"]
        for token in doc[head.i + 1:min(head.i + 5, len(doc))]:
            if token.pos_ == "VERB" and any(c.dep_ == "dobj" for c in token.children):
                return None  # "11 militants killed seven hostages": they did the killing
            state = self.lex.casualty_role(token, "state")
            if state:
                return state  # "held 30 people hostage", "left 20 people dead"
            if token.pos_ in skip:
                continue
            if token.pos_ == "VERB":
                deps = {c.dep_ for c in token.children}
                if "dobj" in deps:
                    return None
                if token.tag_ == "VBN" or (token.tag_ == "VBD" and not deps & {"nsubj", "nsubjpass"}):
                    return self.lex.verb_category(token, "object") or self._state_category(token)
                return None
            return None
        return None

    def _infobox_key_category(self, doc: Doc, cand: Candidate) -> str | None:
        """"Deaths: 3 guards, 4 attackers": the infobox key says what the numbers are."""
        article = doc._.article if Doc.has_extension("article") else None
        if article is None:
            return None
        offset = doc[cand.start].idx
        for entry in article.layout.infobox:
            if entry.start_char <= offset < entry.end_char:
                for word in re.findall(r"[A-Za-z]+", entry.key):
                    found = self.lex.casualty_word(word, "key")
                    if found:
                        return found
        return None

    def _previous_objects(self, sentence_counts, i: int) -> CountMention | None:
        """A number with no noun (or "of them") opening its sentence's counts after a sentence
        that ended counting objects counts those objects ("fired 40 shells. Nine hit the
        depot", "Four failed to explode. Police defused two of them"). People are not
        carried over: a bare number stands for people anyway."""
        k = bisect.bisect_right(self._sent_starts, i) - 1
        if k <= 0:
            return None
        previous = sentence_counts.get(self._sent_starts[k - 1])
        if previous and previous[-1][0].category in OBJECT_CATEGORIES:
            return previous[-1][0]
        return None

    def _fallback_category(self, head: Token | None, earlier) -> str:
        if head is None:
            # An elided head counts what was counted before in the sentence ("of the 300
            # killed, 120 were children"); with none before, the number stands for people.
            return earlier[-1][0].category if earlier else "people"
        return "other"

    def _counted_text(self, doc: Doc, cand: Candidate, head: Token | None, partitive: bool) -> str:
        """The noun phrase counted, as written, without the number."""
        if head is None:
            return ""
        if cand.label == "ZERO":
            tokens = [t for t in doc[cand.start:cand.end] if t.lower_ not in self.lex.grammar["zero_negators"]]
            return doc[tokens[0].i:tokens[-1].i + 1].text if tokens else ""
        start = head.left_edge.i if partitive else cand.span_end
        while start < head.i and (doc[start].pos_ in ("DET", "PUNCT", "NUM", "ADV") or doc[start].dep_ == "poss"
                                  or doc[start].text in self.lex.grammar["dashes"]):
            if (doc[start].like_num and not doc[start].whitespace_ and start + 1 < head.i
                    and doc[start + 1].text in self.lex.grammar["dashes"]):
                break  # "four-wheel-drive trucks": the number is part of the modifier
            start += 1
        end = head.i
        for child in head.children:
            if child.dep_ == "conj" and not any(c.dep_ == "nummod" or c.like_num for c in child.children):
                end = max(end, child.i)
            elif child.dep_ == "prep" and child.lower_ in self.lex.grammar["partitive_prepositions"] and not partitive:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    end = max(end, objects[0].i)
        if start > head.i:
            start = head.i
        return doc[start:end + 1].text

    def _size_subject(self, anchor: Token) -> str:
        """"the mob, which numbered several hundred": what numbered."""
        verb = anchor.head
        if anchor.dep_ == "pobj":
            verb = verb.head
        if verb.lemma_.lower() not in self.lex.grammar["size_verbs"]:
            return ""
        if verb.dep_ in ("relcl", "acl"):
            return verb.head.text  # "the mob, which numbered ...", "the attackers, numbering ..."
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child.text
        return ""

    def _zero_conjuncts(self, doc: Doc, head: Token) -> list[tuple[CountMention, Token]]:
        """"No deaths or arrests": the negation covers the conjunct too."""
        out = []
        for child in head.children:
            if child.dep_ != "conj":
                continue
            category = self.lex.casualty_role(child, "counted")
            if category is None and self.lex.noun_class(child) != "event":
                continue
            start = child.left_edge.i
            while start < child.i and doc[start].pos_ in ("DET", "CCONJ", "PUNCT"):
                start += 1
            span = doc[start:child.i + 1]
            out.append((CountMention(span.start_char, span.end_char, span.text, 0, None, None, "exact",
                                     span.text, category or "other"), child))
        return out


@Language.factory("extract_counts", default_config={"labels": ["CARDINAL", "QUANTITY"], "resources": None})
def make_count_finder(nlp: Language, name: str, labels: list[str], resources: str | None) -> CountFinder:
    return CountFinder(nlp, name, labels, resources)
