"""Counts: numbers of people, groups and objects (guidelines section 4, issue 7).

Each case in ``test_counts/sentences.json`` is a small sentence of our own with
every count the pipeline must find in it, all fields pinned: qualifiers, vague
quantifiers, ranges, zero counts, categories, elided heads; the ``exclude-``
cases hold numbers that are not counts and expect none.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.counts import CountLexicons, parse_number
from extract.ingest import read_article

DATA = Path(__file__).parent / "test_counts"
CASE_IDS = [case["id"] for case in json.loads((DATA / "sentences.json").read_text(encoding="utf-8"))]
FIELDS = ("text", "value", "low", "high", "qualifier", "category", "counted")


@pytest.fixture
def cases(datadir):
    return {case["id"]: case for case in json.loads((datadir / "sentences.json").read_text(encoding="utf-8"))}


def _found(doc):
    return [{name: getattr(m, name) for name in FIELDS} for m in doc._.counts]


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_sentence_counts(nlp, cases, case_id):
    case = cases[case_id]
    doc = nlp(case["sentence"])
    assert _found(doc) == case["counts"]


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_mention_offsets_slice_back(nlp, cases, case_id):
    doc = nlp(cases[case_id]["sentence"])
    for mention in doc._.counts:
        assert doc.text[mention.start_char:mention.end_char] == mention.text


def test_every_qualifier_and_category_is_pinned(cases):
    from extract.records import CATEGORIES, QUALIFIERS

    pinned = [c for case in cases.values() for c in case["counts"]]
    assert {c["qualifier"] for c in pinned} == set(QUALIFIERS)
    assert {c["category"] for c in pinned} == set(CATEGORIES)
    assert sum(case_id.startswith("exclude-") for case_id in cases) >= 10


def _number_rows(datadir):
    for line in (datadir / "numbers.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, _, value = line.partition("\t")
            yield text, int(value) if value else None


def test_parse_number(datadir):
    rows = list(_number_rows(datadir))
    assert rows
    for text, value in rows:
        assert parse_number(text) == value, text


def test_vague_values_follow_the_guidelines():
    vague = CountLexicons.default().vague
    expected = {"a couple of": 2, "a few": 3, "several": 3, "half a dozen": 6, "a dozen": 12,
                "dozens": 24, "a score of": 20, "scores of": 40, "tens of": 20, "hundreds": 200,
                "several hundred": 300, "several hundreds": 300, "thousands": 2000,
                "several thousand": 3000, "tens of thousands": 20000,
                "hundreds of thousands": 200000, "millions": 2000000}
    assert {phrase: vague[phrase] for phrase in expected} == expected


def test_infobox_key_gives_the_category(nlp, datadir):
    article = read_article(str(datadir / "infobox_article.txt"))
    doc = nlp.make_doc(article.text)
    doc._.article = article
    doc = nlp(doc)
    found = {(m.text, m.category) for m in doc._.counts}
    assert {("3", "killed"), ("2", "killed"), ("14", "injured"), ("6", "detained"),
            ("9", "killed"), ("40", "injured")} <= found
    assert ("two", "vehicles") in found
    # a number after "Key:" stands beside the key, it is not a number naming it ("Flight 752")
    assert ("at least 11", "killed") in found
    assert not any(m.text in ("4", "2016") for m in doc._.counts)


def test_rules_travel_with_the_pipeline(nlp, tmp_path):
    """The component's patterns and lexicons serialise with it, like span_ruler's."""
    finder = nlp.get_pipe("extract_counts")
    finder.to_disk(tmp_path / "counts")
    assert (tmp_path / "counts" / "number_patterns.jsonl").exists()
    edited = tmp_path / "counts" / "vague_quantifiers.tsv"
    edited.write_text(edited.read_text(encoding="utf-8").replace("dozens\t24", "dozens\t30"), encoding="utf-8")
    from extract.counts import CountFinder

    reloaded = CountFinder(nlp, "extract_counts").from_disk(tmp_path / "counts")
    doc = reloaded(nlp("Dozens of mourners gathered outside the mosque."))
    assert [m.value for m in doc._.counts] == [30]
