"""The gold loader and checker (annotation-guidelines.md section 5).

Data in tests/test_gold/: ``corpus/embassy.txt`` (three sentences),
``good/embassy.json`` (valid gold for it), and ``bad/<case>/``: a gold folder
per problem kind, each holding one file with that one problem.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from extract.gold import (GoldError, check_command, check_gold, load_gold, occurrences, read_article,
                          read_splits, resolve)

# case (folder under bad/) -> the one line check_gold reports, paths relative to datadir
BAD_CASES = {
    "not_json": "bad/not_json/embassy.json: not valid JSON: Expecting property name enclosed in "
                "double quotes at line 1 column 77",
    "not_object": "bad/not_object/embassy.json: must hold a JSON object",
    "doc_id_mismatch": "bad/doc_id_mismatch/embassy.json: \"doc_id\": 'embassy-attack' is not the "
                       "file's stem 'embassy'",
    "no_article": "bad/no_article/missing.json: no article missing.txt or .md in corpus",
    "missing_section": 'bad/missing_section/embassy.json: missing required key "counts"',
    "missing_key": 'bad/missing_key/embassy.json: dates[0]: missing required key "end"',
    "unknown_key": 'bad/unknown_key/embassy.json: counts[0]: unknown key "optinal"',
    "text_not_found": 'bad/text_not_found/embassy.json: dates[1] "text": not found at occurrence 3 '
                      "(found 2)",
    "text_wrong_case": 'bad/text_wrong_case/embassy.json: counts[0] "text": not found at '
                       "occurrence 1 (found 0)",
    "occurrence_zero": 'bad/occurrence_zero/embassy.json: dates[0] "occurrence": 0 is not a '
                       "positive integer",
    "actor_kind": "bad/actor_kind/embassy.json: actors[0] \"kind\": 'country' is not one of person, "
                  "organization, group",
    "place_kind": "bad/place_kind/embassy.json: places[0] \"kind\": 'town' is not one of country, "
                  "admin, city, district, region, facility, other",
    "country_code": "bad/country_code/embassy.json: places[0] \"country\": 'Nicaragua' is not an "
                    "ISO 3166-1 alpha-2 code or empty",
    "granularity": "bad/granularity/embassy.json: dates[0] \"granularity\": 'days' is not one of "
                   "time, day, week, month, season, year, decade, century",
    "qualifier": "bad/qualifier/embassy.json: counts[0] \"qualifier\": 'about' is not one of exact, "
                 "approximately, at_least, more_than, at_most, less_than, range, vague",
    "category": "bad/category/embassy.json: counts[0] \"category\": 'sailors' is not one of killed, "
                "injured, detained, people, weapons, vehicles, facilities, other",
    "date_format": "bad/date_format/embassy.json: dates[0] \"start\": '30/11/2014' is not a date "
                   "YYYY-MM-DD",
    "date_not_in_calendar": "bad/date_not_in_calendar/embassy.json: dates[0] \"end\": '2014-11-31' "
                            "is not a date YYYY-MM-DD",
    "start_after_end": 'bad/start_after_end/embassy.json: dates[0]: "start" 2014-12-01 is after '
                       '"end" 2014-11-30',
    "value_not_int": "bad/value_not_int/embassy.json: counts[0] \"value\": '100' is not an integer",
    "value_float": 'bad/value_float/embassy.json: counts[0] "value": 100.0 is not an integer',
    "low_not_int": "bad/low_not_int/embassy.json: counts[0] \"low\": '100' is not an integer or null",
    "low_above_high": 'bad/low_above_high/embassy.json: counts[0]: "low" 120 is greater than '
                      '"high" 80',
    "dates_overlap": "bad/dates_overlap/embassy.json: dates[1]: overlaps dates[0]: "
                     "'30 November 2014' [3:19] and 'November 2014' [6:19]",
    "counts_overlap_optional": "bad/counts_overlap_optional/embassy.json: counts[1]: overlaps "
                               "counts[0]: 'About 100' [69:78] and '100' [75:78]",
    "splits_unknown_article": "bad/splits_unknown_article/splits.json: \"heldout\": no article "
                              "'embasy' in corpus",
    "splits_malformed": 'bad/splits_malformed/splits.json: must be {"heldout": [doc_id, ...]} and '
                        "nothing else",
}


def relative(problem: object, datadir: Path) -> str:
    return str(problem).replace(f"{datadir}/", "")


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_checker_reports_each_problem_in_one_line(datadir, case):
    problems = check_gold(datadir / "bad" / case, datadir / "corpus")
    assert [relative(p, datadir) for p in problems] == [BAD_CASES[case]]


def test_every_bad_gold_folder_has_a_case(datadir):
    assert {p.name for p in (datadir / "bad").iterdir()} == set(BAD_CASES)


def test_good_gold_has_no_problems(datadir):
    assert check_gold(datadir / "good", datadir / "corpus") == []


def test_missing_gold_folder_is_a_problem(tmp_path):
    assert [str(p) for p in check_gold(tmp_path / "gold", tmp_path)] == [f"{tmp_path}/gold: not a folder"]


@pytest.mark.parametrize("text, needle, expected", [
    ("2019 and 2020", "2", [0, 9, 11]),        # inside longer strings
    ("aaa", "aa", [0, 1]),                     # from the previous hit's start + 1
    ("About 100, about 50", "about", [11]),    # case-sensitive
    ("no date here", "2020", []),
])
def test_occurrences(text, needle, expected):
    assert occurrences(text, needle) == expected


def test_resolve_counts_from_one():
    assert resolve("2019 and 2020", "2", 2) == (9, 10)
    assert resolve("2019 and 2020", "2", 4) is None


def test_load_gold_resolves_occurrences(datadir):
    text = read_article(datadir / "corpus" / "embassy.txt")
    gold = load_gold(datadir / "good" / "embassy.json", text)
    # "30 November" occurrence 2: the first occurrence is inside "30 November 2014".
    # "2" occurrence 4: after the 2 of 2014, the day 2 and the 2 of 2015.
    spans = {(m.text, m.occurrence): (m.start_char, m.end_char) for m in (*gold.dates, *gold.counts)}
    assert spans == {
        ("30 November 2014", 1): (3, 19),
        ("2 January 2015", 1): (98, 112),
        ("30 November", 2): (179, 190),
        ("About 100", 1): (69, 78),
        ("2", 4): (118, 119),
    }
    assert all(text[m.start_char:m.end_char] == m.text for m in (*gold.dates, *gold.counts))
    assert [p.name for p in gold.places if p.optional] == ["Thai embassy"]
    assert gold.counts[0].low is None and gold.counts[0].counted == "sailors"


def test_load_gold_raises_with_the_problems(datadir):
    text = read_article(datadir / "corpus" / "embassy.txt")
    with pytest.raises(GoldError) as raised:
        load_gold(datadir / "bad" / "text_not_found" / "embassy.json", text)
    assert [p.where for p in raised.value.problems] == ['dates[1] "text"']


def test_article_is_read_like_the_pipeline(tmp_path):
    """BOM removed, \\r\\n kept: the offsets count the \\r (output-contract.md, Invariants)."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    article = tmp_path / "corpus" / "crlf.txt"
    article.write_bytes("\ufeffTitle\r\n\r\nOn 1 May 2020 it rained.\r\n".encode("utf-8"))
    (tmp_path / "gold" / "crlf.json").write_text(
        '{"doc_id": "crlf", "actors": [], "places": [], "counts": [], "dates": [{"text": "1 May 2020",'
        ' "start": "2020-05-01", "end": "2020-05-01", "granularity": "day"}]}', encoding="utf-8")
    text = read_article(article)
    assert text.startswith("Title\r\n")
    gold = load_gold(tmp_path / "gold" / "crlf.json", text)
    assert (gold.dates[0].start_char, gold.dates[0].end_char) == (12, 22)


def test_read_splits(datadir):
    assert read_splits(datadir / "good") is None
    assert read_splits(datadir / "bad" / "splits_unknown_article") == {"embassy", "embasy"}


def test_check_command_when_clean(datadir, capsys):
    args = SimpleNamespace(gold_dir=datadir / "good", corpus=datadir / "corpus")
    assert check_command(args) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == f"checked 1 gold file(s) in {datadir / 'good'} against {datadir / 'corpus'}: no problems\n"


def test_check_command_with_problems(datadir, capsys):
    args = SimpleNamespace(gold_dir=datadir / "bad" / "text_not_found", corpus=datadir / "corpus")
    assert check_command(args) == 1
    out, err = capsys.readouterr()
    assert relative(err, datadir) == BAD_CASES["text_not_found"] + "\n"
    assert out.endswith(": 1 problem(s)\n")


def test_project_gold_set_is_valid_and_covers_the_corpus(root):
    """Every article of corpus/ has gold, and the gold set passes `extract gold check`."""
    from extract.gold import check_gold

    assert [str(p) for p in check_gold(root / "gold", root / "corpus")] == []
    articles = {p.stem for p in (root / "corpus").iterdir() if p.suffix in (".txt", ".md")}
    golds = {p.stem for p in (root / "gold").glob("*.json") if p.name != "splits.json"}
    assert articles == golds and len(articles) >= 7
