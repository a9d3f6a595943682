"""The evaluator (annotation-guidelines.md section 6).

Data in tests/test_evaluate/: three articles in ``corpus/``, their gold in
``gold/`` (``splits.json`` holds ``protest`` out) and an output folder
``pred/`` with predictions for ``strike`` and ``protest`` (none for ``unrun``;
``extra`` has no gold). The scores, worked out by hand:

strike.txt
  actors (persons, organisations): gold Lena Varga, Saraya'at Nooriya,
  Treasury, National Defence Volunteers.
    a1 "SN" [alias Saraya'at Nooriya]   FP: a2 wins the tie, its name is equal
    a2 "Saraya’at Nooriya"              hit (curly apostrophe)
    a4 "Varga" [Secretary Varga | Lena Varga]   hit Lena Varga through an alias
    a5 "Defense Secretary"              FP
    a6 "the Treasury’s", person         hit Treasury ("the", 's, ’); kind wrong
    a8 "Greek soldiers", organization   FP (gold has it as a group)
    National Defence Volunteers         miss
    tp 3 fp 3 fn 1: P 3/6, R 3/4, F1 0.6; kind 2/3
  groups: gold protesters, Greek soldiers, militiamen (optional).
    a7 "protesters" recalls protesters; a3 "U.S. aircraft" is no false alarm;
    militiamen is no miss. recall 1/2
  places: gold United States [U.S.], Laos, Nepal, Thai embassy (optional).
    p1 "US" hit United States (periods); p2 Laos, country TH: hit, country
    wrong; p3 Nepal, kind city: hit, kind wrong; p4 "the Thai embassy"
    absorbed by the optional entry; p5 "Treasury" FP.
    tp 3 fp 1 fn 0: P 3/4, R 1, F1 6/7; kind 2/3; country 2/3
  dates: gold "14 November 2011" [3:19], "The next day" [125:137],
  "by mid-afternoon" [215:231] (optional), "early 2012" [290:300].
    d1 "On 14 November" [0:14] overlaps the first by 11 and d2
    "14 November 2011" [3:19] by 16: d2 is matched, d1 is a FP although
    it comes first
    d3 "next day" [129:137] values right, granularity week (wrong)
    d4 "mid-afternoon" absorbed by the optional entry
    d5 "early 2012" end 2012-12-31: span match, wrong value
    detection tp 3 fp 1 fn 0: P 3/4, R 1, F1 6/7
    end-to-end tp 2, fp 1 + 1, fn 0 + 1: P 2/4, R 2/3, F1 4/7
    granularity 2/3
  counts: gold five, at least 31, about 50, dozens, several, 120, and the
  optional "an" (its 5th occurrence: the first four are inside "and").
    c1 "14" FP; c2 five, c3 at least 31 right; c4 about 50 qualifier wrong;
    c5 dozens value 12: wrong value; c6 120 category wrong; c7 "an"
    absorbed; several missed.
    detection tp 5 fp 1 fn 1: P, R, F1 5/6
    end-to-end tp 4, fp 1 + 1, fn 1 + 1: P, R, F1 2/3
    qualifier 4/5, category 4/5
protest.txt (held out)
  group Protesters recalled by "protesters"; date "2 January 2012" right.
micro, all: as strike, but groups recall 2/3; dates detection tp 4 fp 1
  fn 0 (P 4/5, R 1, F1 8/9), end-to-end tp 3 fp 2 fn 1 (P 3/5, R 3/4,
  F1 2/3), granularity 3/4.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from extract.evaluate import (Evaluation, Item, Scores, evaluate, evaluate_command, format_errors,
                              format_scores, headline, match_entities, match_mentions,
                              match_with_optional, normalise_name)
from extract.gold import GoldError


@pytest.fixture
def evaluation(datadir, monkeypatch) -> Evaluation:
    monkeypatch.chdir(datadir)  # documents.csv paths are relative to the current directory
    return evaluate(Path("gold"), Path("pred"))


def counts(scores: Scores) -> tuple:
    return scores.tp, scores.fp, scores.fn


def prf(scores: Scores) -> tuple:
    return scores.precision, scores.recall, scores.f1


def result(evaluation: Evaluation, doc_id: str, type_: str):
    return next(d for d in evaluation.documents if d.doc_id == doc_id).results[type_]


def pairs(matches) -> set[tuple[str, str]]:
    return {(m.gold.text, m.pred.text) for m in matches}


# --- strike, type by type ------------------------------------------------------

@pytest.mark.parametrize("type_, detection, detection_prf, end_to_end, end_to_end_prf, accuracy", [
    ("actors", (3, 3, 1), (3 / 6, 3 / 4, 0.6), None, None, {"kind": (2, 3)}),
    ("places", (3, 1, 0), (3 / 4, 1, 6 / 7), None, None, {"kind": (2, 3), "country": (2, 3)}),
    ("groups", (1, None, 1), (None, 1 / 2, None), None, None, {}),
    ("dates", (3, 1, 0), (3 / 4, 1, 6 / 7), (2, 2, 1), (2 / 4, 2 / 3, 4 / 7), {"granularity": (2, 3)}),
    ("counts", (5, 1, 1), (5 / 6, 5 / 6, 5 / 6), (4, 2, 2), (2 / 3, 2 / 3, 2 / 3),
     {"qualifier": (4, 5), "category": (4, 5)}),
])
def test_strike_scores(evaluation, type_, detection, detection_prf, end_to_end, end_to_end_prf, accuracy):
    tally = result(evaluation, "strike", type_).tally()
    assert counts(tally.detection) == detection
    assert prf(tally.detection) == pytest.approx(detection_prf)
    if end_to_end is None:
        assert tally.end_to_end is None
    else:
        assert counts(tally.end_to_end) == end_to_end
        assert prf(tally.end_to_end) == pytest.approx(end_to_end_prf)
    assert {f: (a.correct, a.total) for f, a in tally.accuracy.items()} == accuracy


def test_optional_gold_absorbs_predictions_and_is_never_missed(evaluation):
    def absorbed(type_):
        return pairs(result(evaluation, "strike", type_).optional_matches)

    assert absorbed("places") == {("Thai embassy", "the Thai embassy")}
    assert absorbed("dates") == {("by mid-afternoon", "mid-afternoon")}
    assert absorbed("counts") == {("an", "an")}
    assert [g.text for g in result(evaluation, "strike", "groups").misses] == ["Greek soldiers"]


def test_names_match_through_aliases_and_normalisation(evaluation):
    assert pairs(result(evaluation, "strike", "actors").hits) == {
        ("Lena Varga", "Varga"),
        ("Saraya'at Nooriya", "Saraya’at Nooriya"),
        ("Treasury", "the Treasury’s"),
    }
    assert ("United States", "US") in pairs(result(evaluation, "strike", "places").hits)


def test_one_to_one_entities_prefer_an_equal_name(evaluation):
    actors = result(evaluation, "strike", "actors")
    assert [p.text for p in actors.false_alarms] == ["SN", "Defense Secretary", "Greek soldiers"]
    assert [g.text for g in actors.misses] == ["National Defence Volunteers"]


def test_one_to_one_mentions_take_the_largest_overlap(evaluation):
    dates = result(evaluation, "strike", "dates")
    assert ("14 November 2011", "14 November 2011") in pairs(dates.hits)
    assert [(p.id, p.start_char, p.end_char) for p in dates.false_alarms] == [("d1", 0, 14)]


def test_wrong_values_count_for_detection_not_end_to_end(evaluation):
    assert pairs(result(evaluation, "strike", "dates").wrong_values) == {("early 2012", "early 2012")}
    [wrong] = result(evaluation, "strike", "counts").wrong_values
    assert (wrong.gold.values["value"], wrong.pred.values["value"]) == (24, 12)
    assert wrong.differences(["value", "qualifier"]) == {"value": (24, 12)}


def test_groups_are_scored_by_recall_only(evaluation):
    groups = result(evaluation, "strike", "groups")
    assert pairs(groups.hits) == {("protesters", "protesters")}
    assert groups.false_alarms == []  # "U.S. aircraft"


# --- over articles ------------------------------------------------------------------

def test_micro_average_and_splits(evaluation):
    splits = evaluation.splits()
    assert {name: [d.doc_id for d in docs] for name, docs in splits.items()} == {
        "all": ["protest", "strike"], "development": ["strike"], "heldout": ["protest"]}
    micro = evaluation.micro()
    assert counts(micro["dates"].detection) == (4, 1, 0)
    assert prf(micro["dates"].detection) == pytest.approx((4 / 5, 1, 8 / 9))
    assert counts(micro["dates"].end_to_end) == (3, 2, 1)
    assert prf(micro["dates"].end_to_end) == pytest.approx((3 / 5, 3 / 4, 2 / 3))
    assert micro["groups"].detection.recall == pytest.approx(2 / 3)
    granularity = micro["dates"].accuracy["granularity"]
    assert (granularity.correct, granularity.total) == (3, 4)
    heldout = evaluation.micro(splits["heldout"])
    assert counts(heldout["dates"].end_to_end) == (1, 0, 0)
    assert counts(heldout["actors"].detection) == (0, 0, 0)
    assert heldout["actors"].detection.f1 is None  # nothing to score is no score, not 0
    assert counts(evaluation.micro(splits["development"])["counts"].end_to_end) == (4, 2, 2)


def test_documents_left_out_are_reported(evaluation):
    assert evaluation.unpredicted == ["unrun"]  # "extra" has no gold: ignored
    assert evaluation.unscored == {}
    assert evaluation.notes == []


def test_doc_ids_restrict_the_evaluation(datadir, monkeypatch):
    monkeypatch.chdir(datadir)
    evaluation = evaluate(Path("gold"), Path("pred"), doc_ids=["protest"])
    assert [d.doc_id for d in evaluation.documents] == ["protest"]
    assert evaluation.unpredicted == []


def test_article_from_the_corpus_when_the_path_is_not_found(datadir, elsewhere):
    evaluation = evaluate(datadir / "gold", datadir / "pred", datadir / "corpus")
    assert [d.doc_id for d in evaluation.documents] == ["protest", "strike"]
    assert counts(evaluation.micro()["counts"].end_to_end) == (4, 2, 2)
    unscored = evaluate(datadir / "gold", datadir / "pred")
    assert unscored.documents == [] and sorted(unscored.unscored) == ["protest", "strike"]


def test_an_article_changed_since_the_run_is_noted(datadir, monkeypatch):
    monkeypatch.chdir(datadir)
    with open("corpus/protest.txt", "a", encoding="utf-8") as f:
        f.write("Edited.\n")
    notes = evaluate(Path("gold"), Path("pred")).notes
    assert notes == ["protest: corpus/protest.txt differs from the file the pipeline read (sha256); "
                     "offsets may not line up"]


# --- matching, unit by unit ------------------------------------------------------------

@pytest.mark.parametrize("name, normalised", [
    ("The Treasury", "treasury"),
    ("U.S.", "us"),
    ("US", "us"),
    ("the Treasury’s", "treasury"),
    ("Saraya’at Nooriya", "saraya'at nooriya"),
    ("Saraya‘at Nooriya", "saraya'at nooriya"),
    ("Saraya`at Nooriya", "saraya'at nooriya"),
    ("  U.S.   Energy\nDepartment's ", "us energy department"),
    ("Theodore", "theodore"),  # "the" only as a word
])
def test_normalise_name(name, normalised):
    assert normalise_name(name) == normalised


def entity(name: str, *aliases: str, optional: bool = False) -> Item:
    return Item(name, name, aliases=aliases, optional=optional)


def mention(start: int, end: int, optional: bool = False) -> Item:
    return Item(f"{start}-{end}", "x" * (end - start), start, end, optional=optional)


def test_entity_matching_is_maximum_not_greedy():
    # Greedy would give Mendoza the first prediction (equal name) and leave the
    # province unmatched; the maximum matching pairs both.
    gold = [entity("Mendoza"), entity("Mendoza Province", "Mendoza Region")]
    pred = [entity("Mendoza", "Mendoza Region"), entity("Mendoza")]
    assert match_entities(gold, pred) == [(0, 1), (1, 0)]


def test_entity_matching_prefers_equal_names_among_maximum_matchings():
    gold = [entity("Saraya'at Nooriya", "SN")]
    assert match_entities(gold, [entity("SN", "Saraya'at Nooriya"), entity("Saraya'at Nooriya")]) == [(0, 1)]
    # Every gold matches every prediction (a duplicated entry, say): of the two
    # maximum matchings, the one pairing equal names wins over index order.
    gold = [entity("Valdor Front", "VF"), entity("VF", "Valdor Front")]
    pred = [entity("VF", "Valdor Front"), entity("Valdor Front", "VF")]
    assert match_entities(gold, pred) == [(0, 1), (1, 0)]


@pytest.mark.parametrize("gold, pred, expected", [
    # two predictions over one gold: the larger overlap, whatever the order
    ([mention(10, 20)], [mention(5, 12), mention(11, 20)], [(0, 1)]),
    # one prediction over two gold: the larger overlap
    ([mention(0, 10), mention(10, 30)], [mention(8, 20)], [(1, 0)]),
    # equal overlaps: the earlier gold
    ([mention(0, 10), mention(10, 20)], [mention(5, 15)], [(0, 0)]),
    # taken largest first, the rest still pair up
    ([mention(0, 10), mention(10, 20)], [mention(2, 12), mention(12, 20)], [(0, 0), (1, 1)]),
    # spans that only touch do not overlap
    ([mention(0, 10)], [mention(10, 15)], []),
])
def test_mention_matching(gold, pred, expected):
    assert match_mentions(gold, pred) == expected


def test_optional_gold_is_matched_after_the_rest():
    # The prediction overlaps the optional entry more, yet goes to the required one;
    # the optional entry takes what is left.
    gold = [mention(0, 30, optional=True), mention(20, 25)]
    pred = [mention(10, 24), mention(0, 5)]
    assert match_with_optional(gold, pred, match_mentions) == [(0, 1), (1, 0)]


def test_scores_of_nothing_are_none():
    assert prf(Scores()) == (None, None, None)
    assert prf(Scores(0, 2, 0)) == (0.0, None, None)
    assert prf(Scores(0, 1, 1)) == (0.0, 0.0, 0.0)


# --- reports and the command -------------------------------------------------------------

def test_to_dict_is_json(evaluation):
    data = json.loads(json.dumps(evaluation.to_dict()))
    assert set(data["micro"]) == {"all", "development", "heldout"}
    assert data["micro"]["all"]["types"]["counts"]["end_to_end"]["f1"] == pytest.approx(2 / 3)
    strike = next(d for d in data["documents"] if d["doc_id"] == "strike")
    assert strike["split"] == "development"
    [miss] = strike["types"]["counts"]["misses"]
    assert ((miss["id"], miss["text"], miss["start_char"], miss["end_char"])
            == ("counts[4]", "several", 368, 375))


def test_format_errors_lists_every_error(evaluation):
    lines = format_errors(evaluation).splitlines()
    kinds = sorted((line.split()[0], line.split()[1]) for line in lines)
    assert kinds == sorted([("FP", "actors")] * 3 + [("FP", "places"), ("FP", "dates"), ("FP", "counts")]
                           + [("MISS", "actors"), ("MISS", "groups"), ("MISS", "counts")]
                           + [("WRONG", "dates"), ("WRONG", "counts")]
                           + [("ATTR", "actors"), ("ATTR", "places"), ("ATTR", "places"),
                              ("ATTR", "dates"), ("ATTR", "counts"), ("ATTR", "counts")])
    assert ("WRONG  dates   strike  gold dates[3] [290:300] 'early 2012' ~ pred d5 [290:300] 'early 2012'"
            "  end: gold 2012-04-30, pred 2012-12-31") in lines
    assert ("MISS   counts  strike  gold counts[4] [368:375] 'several' value=3 qualifier=vague "
            "category=weapons") in lines


def test_format_scores_has_articles_and_splits(evaluation):
    text = format_scores(evaluation)
    for title in ("article protest", "article strike", "micro-average: all (2 document(s))",
                  "micro-average: development (1 document(s))", "micro-average: heldout (1 document(s))"):
        assert title in text.splitlines()
    assert ("dates end-to-end      3    2    1   0.600   0.750   0.667") in text
    assert ("places                3    1    0   0.750   1.000   0.857  kind 0.667 (2/3), country 0.667 (2/3)"
            in text)


def test_headline(evaluation):
    assert headline(evaluation) == (
        "scores over 2 gold document(s), micro-averaged:\n"
        "  actors  F1 0.600\n"
        "  places  F1 0.857\n"
        "  groups  recall 0.667\n"
        "  dates   F1 0.667 end-to-end (0.889 detection)\n"
        "  counts  F1 0.667 end-to-end (0.833 detection)")


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> None:
    """A working directory from which the relative paths of documents.csv lead nowhere."""
    monkeypatch.chdir(tmp_path)


def command_args(datadir: Path, **flags) -> SimpleNamespace:
    defaults = {"gold": datadir / "gold", "pred": datadir / "pred", "corpus": datadir / "corpus",
                "errors": False, "json": False}
    return SimpleNamespace(**{**defaults, **flags})


@pytest.mark.parametrize("flags, expected_in_output", [
    ({}, "micro-average: heldout (1 document(s))"),
    ({"errors": True}, "MISS   groups  strike  gold actors[5] - 'Greek soldiers'"),
    ({"json": True}, '"unpredicted": [\n    "unrun"\n  ]'),
])
def test_evaluate_command(datadir, elsewhere, capsys, flags, expected_in_output):
    assert evaluate_command(command_args(datadir, **flags)) == 0
    out, err = capsys.readouterr()
    assert expected_in_output in out
    assert err == "gold documents with no prediction (not scored): unrun\n"


def test_evaluate_command_with_nothing_to_score(datadir, tmp_path, elsewhere, capsys):
    (tmp_path / "gold").mkdir()
    assert evaluate_command(command_args(datadir, gold=tmp_path / "gold")) == 1
    assert "nothing to score" in capsys.readouterr().err


@pytest.mark.parametrize("broken, message", [
    ("missing pred", "pred/documents.csv: not found"),
    ("bad gold", 'gold/strike.json: dates[0] "text": not found at occurrence 2 (found 1)'),
])
def test_evaluate_command_cannot_evaluate(datadir, elsewhere, capsys, broken, message):
    if broken == "missing pred":
        (datadir / "pred" / "documents.csv").unlink()
    else:
        gold = datadir / "gold" / "strike.json"
        gold.write_text(gold.read_text(encoding="utf-8").replace(
            '"text": "14 November 2011",', '"text": "14 November 2011", "occurrence": 2,'), encoding="utf-8")
    assert evaluate_command(command_args(datadir)) == 1
    assert message in capsys.readouterr().err


def test_invalid_gold_stops_the_evaluation(datadir, monkeypatch):
    monkeypatch.chdir(datadir)
    (datadir / "gold" / "protest.json").write_text("{}", encoding="utf-8")
    with pytest.raises(GoldError):
        evaluate(Path("gold"), Path("pred"))
