"""Layout parsing for the three article formats (issue 2)."""

from __future__ import annotations

import json

import pytest

from extract.ingest import read_article
from extract.sections import parse_layout

CASES = ["wiki.txt", "markdown.md", "plain.txt", "crlf_bom.md"]


@pytest.fixture
def expected(datadir):
    return json.loads((datadir / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CASES)
def test_layout_matches_expected(datadir, expected, name):
    article = read_article(str(datadir / name))
    want = expected[name]
    layout = article.layout
    assert layout.format == want["format"]
    assert article.title == want["title"]
    assert layout.section_paths == want["sections"]
    assert {e.key: e.value for e in layout.infobox} == want["infobox"]
    for probe, section in want["probes"].items():
        assert article.section_at(article.text.index(probe)) == section, probe


@pytest.mark.parametrize("name", CASES)
def test_spans_cover_the_text_in_order_and_slice_back(datadir, name):
    article = read_article(str(datadir / name))
    spans = article.layout.spans
    assert spans[0].start_char == 0 and spans[-1].end_char == len(article.text)
    for left, right in zip(spans, spans[1:]):
        assert left.end_char == right.start_char
    for entry in article.layout.infobox:
        assert article.text[entry.start_char:entry.end_char] == entry.value
    start, end = article.layout.title_span
    assert article.text[start:end] == article.title


def test_bom_removed_and_crlf_kept(datadir):
    article = read_article(str(datadir / "crlf_bom.md"))
    assert not article.text.startswith("\ufeff")
    assert "\r\n" in article.text


def test_first_line_heading_is_not_a_title():
    layout = parse_layout("## Background\n\nA riot broke out.\n", ".md")
    assert layout.title == "" and layout.title_span is None
    assert layout.section_paths == ["Background"]


def test_line_breaks_start_sentences(nlp):
    doc = nlp("==Background==\nThe convoy left Monday\n- Location: the border crossing")
    starts = [sent[0].text for sent in doc.sents]
    assert "The" in starts and "-" in starts
