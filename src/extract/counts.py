"""Counts: numbers of people, groups, objects and events.

Guidelines section 4. Mentions come from spaCy's CARDINAL entities, parsed to
integers from digits or number words; the counted noun is the head the
number attaches to in the dependency parse.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

if not Doc.has_extension("counts"):
    Doc.set_extension("counts", default=None)

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


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


def parse_number(text: str) -> int | None:
    """Digits ("14,000") or number words ("four", "twenty-one") to an integer."""
    cleaned = text.replace(",", "").strip()
    if cleaned.isdigit():
        return int(cleaned)
    total, current = 0, 0
    for word in cleaned.lower().replace("-", " ").split():
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in MULTIPLIERS:
            current = max(current, 1) * MULTIPLIERS[word]
            if MULTIPLIERS[word] >= 1000:
                total, current = total + current, 0
        elif word != "and":
            return None
    return total + current if (total or current or "zero" in cleaned.lower()) else None


def counted_noun(span: Span) -> str:
    """The noun the number modifies, as written."""
    head = span.root.head
    if head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
        start = min([t.i for t in head.lefts if t.i >= span.end] + [head.i])
        return span.doc[start:head.i + 1].text
    return ""


class CountFinder:
    def __init__(self, nlp: Language, name: str, labels: list[str]):
        self.name = name
        self.labels = tuple(labels)

    def __call__(self, doc: Doc) -> Doc:
        mentions = []
        for ent in doc.ents:
            if ent.label_ not in self.labels:
                continue
            value = parse_number(ent.text)
            mentions.append(CountMention(ent.start_char, ent.end_char, ent.text, value, None, None,
                                         "exact", counted_noun(ent), "other"))
        doc._.counts = mentions
        return doc


@Language.factory("extract_counts", default_config={"labels": ["CARDINAL"]})
def make_count_finder(nlp: Language, name: str, labels: list[str]) -> CountFinder:
    return CountFinder(nlp, name, labels)
