"""Dates (issue 5): detection, exclusion, normalisation and narrative anchoring.

Every case is a sentence written for the test, kept as data in tests/test_dates/;
the real pipeline (the session fixture ``nlp``) runs on it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from extract.dates import DateLexicon, Interval, load_resource, month_interval, narrow, place_in_year
from extract.extraction import _make_doc
from extract.ingest import read_article

DATA = Path(__file__).parent / "test_dates"
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))
ARTICLES = json.loads((DATA / "articles.json").read_text(encoding="utf-8"))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _found(doc) -> list[list]:
    return [[m.text, _iso(m.start), _iso(m.end), m.granularity] for m in doc._.dates]


def _params():
    for group, cases in CASES.items():
        if group.startswith("_"):
            continue
        for case in cases:
            yield pytest.param(case["text"], case["expected"], id=f"{group}: {case['text'][:50]}")


@pytest.mark.parametrize("text, expected", list(_params()))
def test_sentence(nlp, text, expected):
    assert _found(nlp(text)) == expected


@pytest.mark.parametrize("name", [k for k in ARTICLES if not k.startswith("_")])
def test_article(nlp, datadir, name):
    article = read_article(str(datadir / name))
    doc = nlp(_make_doc(nlp, article))
    assert _found(doc) == ARTICLES[name]
    for m in doc._.dates:
        assert article.text[m.start_char:m.end_char] == m.text


def test_unresolved_expression_reports_what_it_was_read_against(nlp):
    doc = nlp("The depot burned on 14 March 2016. The inquiry opened in October 2016, and its chair quit the next day.")
    last = doc._.dates[-1]
    assert (last.text, last.start, last.end) == ("the next day", None, None)
    assert doc._.dates[0].anchor is None  # absolute: read against nothing


def test_anchor_is_the_date_a_relative_expression_was_read_against(nlp):
    doc = nlp("The depot burned on 14 March 2016. Two days later the owner was arrested.")
    assert doc._.dates[1].anchor == dt.date(2016, 3, 14)


@pytest.mark.parametrize("side, expected", [
    ("nearest", 2019), ("backward", 2019), ("forward", 2020), ("after", 2020), ("before", 2019),
])
def test_place_in_year_keeps_to_the_side(side, expected):
    ref = Interval(dt.date(2020, 1, 3), dt.date(2020, 1, 3), "day")
    placed = place_in_year(lambda y: Interval(dt.date(y, 12, 29), dt.date(y, 12, 29), "day"), ref, side)
    assert placed.start.year == expected


@pytest.mark.parametrize("unit, part, start, end", [
    ("month", "early", "2020-02-01", "2020-02-10"),
    ("month", "late", "2020-02-21", "2020-02-29"),
    ("year", "mid", "2020-05-01", "2020-08-31"),
    ("decade", "late", "1997-01-01", "1999-12-31"),
])
def test_thirds(unit, part, start, end):
    thirds = DateLexicon(load_resource("lexicon.json")).thirds
    base = {"month": month_interval(2020, 2),
            "year": Interval(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "year"),
            "decade": Interval(dt.date(1990, 1, 1), dt.date(1999, 12, 31), "decade")}[unit]
    got = narrow(base, unit, part, thirds)
    assert (got.start.isoformat(), got.end.isoformat()) == (start, end)


def test_matchers_are_built_once(nlp):
    finder = nlp.get_pipe("extract_dates")
    grammar, resolver = finder.grammar, finder.resolver
    nlp("The port reopened on 2 May 2011.")
    nlp("The port closed on 3 May 2012.")
    assert finder.grammar is grammar and finder.resolver is resolver


def test_dateparser_sees_only_calendar_cores(nlp):
    normaliser = nlp.get_pipe("extract_dates").resolver.norm
    nlp("The siege lasted for 444 days; a 21-year-old guard said that at one point the talks "
        "went on for five hours. It ended on 20 January 1981, and the guards left that evening.")
    seen = set(normaliser._cache)
    assert "20 January 1981" in seen
    assert not any(word in key for key in seen for word in ("days", "hours", "year-old", "evening", "point"))


def test_each_expression_is_placed_once_per_anchor(nlp):
    resolver = nlp.get_pipe("extract_dates").resolver
    resolver._placed.clear()
    nlp("The port closed on 3 May 2012. It reopened on 9 June. The strike ended on 9 June.")
    keys = [k for k in resolver._placed if k[0] == ("date", "9 June")]
    assert len(keys) == 2  # two different anchors (3 May, then 9 June itself), each placed once


def _candidates(grammar, text: str, gated: bool) -> list[tuple]:
    return sorted((c.start_char, c.end_char, c.kind, c.priority, tuple(sorted(c.groups.items())))
                  for c in grammar.find(text, gated=gated))


def _case_sentences() -> str:
    return "\n".join(case["text"] for group, cases in CASES.items() if not group.startswith("_")
                     for case in cases)


@pytest.mark.parametrize("name", ["case sentences"] + [k for k in ARTICLES if not k.startswith("_")])
def test_gated_scan_finds_what_a_full_scan_finds(nlp, datadir, name):
    """The gates only skip lines where a pattern cannot match: a gate missing a word that a
    pattern needs would lose dates silently, and this catches it."""
    grammar = nlp.get_pipe("extract_dates").grammar
    text = _case_sentences() if name == "case sentences" else read_article(str(datadir / name)).text
    full = _candidates(grammar, text, gated=False)
    assert full and _candidates(grammar, text, gated=True) == full


def test_gates_skip_lines_without_the_words_a_pattern_needs(nlp):
    grammar = nlp.get_pipe("extract_dates").grammar
    text = "The convoy left at dawn.\nThe port reopened on 2 May 2011."
    spans = grammar._gated_spans(text)
    second_line = (text.index("The port"), len(text))
    for needs, runs in zip(grammar.needs, spans):
        if needs == ("month",):
            assert runs == [second_line]
        if needs == ("weekday",):
            assert runs == []


def test_gates_read_a_dotted_capital_i_without_shifting_offsets(nlp):
    """"İ" lowercases to two characters; the gates still apply, and still agree with
    the full scan, after a line that holds one."""
    grammar = nlp.get_pipe("extract_dates").grammar
    text = "Flights to İnegöl resumed at dawn.\nThe port reopened on 2 May 2011.\nİNDEX: no dates here."
    spans = grammar._gated_spans(text)
    assert spans is not None
    for needs, runs in zip(grammar.needs, spans):
        if needs == ("month",):
            assert runs == [(text.index("The port"), text.index("\nİNDEX"))]
    full = _candidates(grammar, text, gated=False)
    assert full and _candidates(grammar, text, gated=True) == full


def _match_starts(pattern, text: str) -> set[int]:
    starts, pos = set(), 0
    while (m := pattern.search(text, pos)) is not None:
        starts.add(m.start())
        pos = m.start() + 1
    return starts


def test_gates_written_as_tries_match_where_the_word_lists_do(nlp, datadir):
    """The gates' word lists are compiled as tries for speed: they must match at the
    same places as the plain alternations they replace."""
    import re

    grammar = nlp.get_pipe("extract_dates").grammar
    spec = load_resource("patterns.json")
    texts = [_case_sentences()] + [read_article(str(datadir / k)).text for k in ARTICLES if not k.startswith("_")]
    texts = [t.lower() for t in texts] + ["at o'clock on st. patrick’s day and st. patrick's eve, mid-march"]
    tried = 0
    for name, source in spec["gates"].items():
        if name.startswith("_") or "@l:" not in source:
            continue
        plain = re.compile(grammar.expand(source, ""))
        assert grammar.gates[name].pattern != plain.pattern
        for text in texts:
            assert _match_starts(grammar.gates[name], text) == _match_starts(plain, text), name
        tried += 1
    assert tried >= 5


def test_pattern_starts_from_the_build_cache_are_the_computed_ones(tmp_path, monkeypatch):
    from extract.dates import DateGrammar

    def grammar():
        return DateGrammar(DateLexicon(load_resource("lexicon.json")), load_resource("patterns.json"))

    monkeypatch.setenv("EXTRACT_CACHE_DIR", "")
    computed = [p.pattern for _, p in grammar().patterns]
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path))
    grammar()  # builds the entry
    assert list(tmp_path.glob("date-pattern-starts-*.pickle"))
    assert [p.pattern for _, p in grammar().patterns] == computed
    assert all(p.startswith("(?=[") for p in computed[:5])


@pytest.mark.parametrize("source, starts", [
    (r"\d{4}", "0123456789"),
    (r"(?:January|june)\s\d+", "jJ"),
    (r"(?i:spring)", "sS"),
])
def test_possible_first_characters(source, starts):
    from extract.dates import possible_first_characters

    assert possible_first_characters(source) == starts
