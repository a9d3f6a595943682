"""Score a run's output against the gold set (annotation-guidelines.md section 6).

Predictions are read from the CSV files of an output folder
(output-contract.md); gold from ``gold/<doc_id>.json`` (section 5), its
mentions resolved against the article text the pipeline read.

Five types are scored, per article and micro-averaged over articles:

``actors``  persons and organisations, entity level, P/R/F1; ``kind`` accuracy.
``places``  entity level, P/R/F1; ``kind`` and ``country`` accuracy.
``groups``  recall only: a gold group is recalled when a predicted actor *of kind
            group* matches it by name or alias, one-to-one. Predicted groups are
            never false alarms, and a predicted person or organisation never
            recalls a gold group (it is an actor false alarm instead).
``dates``   mention level, detection and end-to-end (``start`` and ``end``) P/R/F1;
            ``granularity`` accuracy.
``counts``  mention level, detection and end-to-end (``value``) P/R/F1;
            ``qualifier`` and ``category`` accuracy.

Optional gold entries are matched in a second round, after every non-optional
entry has been matched: a prediction left over that matches one is absorbed by
it (neither hit nor false alarm), and an unmatched optional entry is no miss.
Accuracies are taken over the matches of non-optional entries.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .gold import (GoldDocument, GoldError, GoldProblem, find_article, gold_files, load_gold,
                   read_article, read_splits)
from .ingest import ArticleError
from .records import LIST_SEPARATOR

TYPES = ("actors", "places", "groups", "dates", "counts")


@dataclass(frozen=True)
class TypeSpec:
    """How section 6 scores one type."""

    mention_level: bool  # spans overlap (True) or names equal (False)
    value_fields: tuple[str, ...] = ()  # must be equal for an end-to-end hit
    accuracy_fields: tuple[str, ...] = ()  # accuracy reported over matches
    recall_only: bool = False


SPECS = {
    "actors": TypeSpec(False, accuracy_fields=("kind",)),
    "places": TypeSpec(False, accuracy_fields=("kind", "country")),
    "groups": TypeSpec(False, recall_only=True),
    "dates": TypeSpec(True, ("start", "end"), ("granularity",)),
    "counts": TypeSpec(True, ("value",), ("qualifier", "category")),
}


class PredictionError(ValueError):
    """An output folder that cannot be read as the output contract describes."""


# --- items and names -------------------------------------------------------------

@dataclass
class Item:
    """A gold entry or a prediction, as scored and reported.

    ``id``: for gold, the entry's place in its file (``dates[3]``); for a
    prediction, its row id (``date_id``, ``actor_id``...). ``text``: the
    mention, or an entity's name. Mentions have their span (end exclusive);
    a predicted entity has its ``first_char`` as ``start_char``; gold entities
    have no offsets. ``values``: the fields that are compared.
    """

    id: str
    text: str
    start_char: int | None = None
    end_char: int | None = None
    aliases: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)
    optional: bool = False

    def names(self) -> set[str]:
        """Name and aliases, normalised; empty forms dropped."""
        return {n for n in map(normalise_name, (self.text, *self.aliases)) if n}

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Match:
    """A gold item paired with the prediction that matched it."""

    gold: Item
    pred: Item

    def differences(self, fields: Iterable[str]) -> dict[str, tuple[Any, Any]]:
        """The compared fields whose values differ: field -> (gold, pred)."""
        return {f: (self.gold.values.get(f), self.pred.values.get(f))
                for f in fields if self.gold.values.get(f) != self.pred.values.get(f)}

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold.to_dict(), "pred": self.pred.to_dict()}


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def normalise_name(name: str) -> str:
    """The form names are compared in (section 6): case-insensitive, every
    apostrophe the same, periods and possessive 's removed, whitespace
    collapsed, a leading "the" dropped."""
    name = name.translate(_APOSTROPHES).casefold().replace(".", "")
    name = re.sub(r"'s\b", "", name)
    return " ".join(name.split()).removeprefix("the ")


# --- matching ----------------------------------------------------------------------

Pairs = list[tuple[int, int]]  # (gold index, prediction index)


def match_entities(gold: Sequence[Item], pred: Sequence[Item]) -> Pairs:
    """One-to-one name matching of entities (section 6): a pair is allowed when
    any name or alias of one equals any of the other's after normalisation.

    The matching is maximum (as many pairs as possible) and, among maximum
    matchings, has the most pairs whose names themselves are equal."""
    edges = []
    for g in gold:
        names, name = g.names(), normalise_name(g.text)
        edges.append({j: 0 if normalise_name(p.text) == name else 1
                      for j, p in enumerate(pred) if names & p.names()})
    return sorted(_cheapest_maximum_matching(edges).items())


def _cheapest_maximum_matching(edges: list[dict[int, int]]) -> dict[int, int]:
    """A maximum bipartite matching of least total cost, by successive cheapest
    augmenting paths. ``edges[g][p]`` is the cost of pairing g with p."""
    pred_of: dict[int, int] = {}
    while (path := _cheapest_augmenting_path(edges, pred_of)) is not None:
        pred_of.update(path)
    return pred_of


def _cheapest_augmenting_path(edges: list[dict[int, int]],
                              pred_of: dict[int, int]) -> list[tuple[int, int]] | None:
    """The cheapest path from a free gold to a free prediction that alternates
    unmatched and matched edges (Bellman-Ford: undoing a pair refunds its
    cost), as the pairs it creates; None when there is none."""
    gold_of = {p: g for g, p in pred_of.items()}
    gold_cost = {g: 0 for g in range(len(edges)) if g not in pred_of}
    pred_cost: dict[int, int] = {}
    reached_from: dict[int, int] = {}
    changed = True
    while changed:
        changed = False
        for g, cost in list(gold_cost.items()):
            for p, edge_cost in edges[g].items():
                if pred_of.get(g) != p and cost + edge_cost < pred_cost.get(p, sys.maxsize):
                    pred_cost[p], reached_from[p], changed = cost + edge_cost, g, True
        for p, cost in pred_cost.items():
            g = gold_of.get(p)
            if g is not None and cost - edges[g][p] < gold_cost.get(g, sys.maxsize):
                gold_cost[g], changed = cost - edges[g][p], True
    free = [p for p in pred_cost if p not in gold_of]
    if not free:
        return None
    p = min(free, key=lambda q: (pred_cost[q], q))
    path = []
    while True:
        g = reached_from[p]
        path.append((g, p))
        if g not in pred_of:
            return path
        p = pred_of[g]


def match_mentions(gold: Sequence[Item], pred: Sequence[Item]) -> Pairs:
    """One-to-one span matching of mentions (section 6): pairs whose spans
    overlap, taken largest overlap first; ties go to the earlier gold, then the
    earlier prediction, offset."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g.end_char, p.end_char) - max(g.start_char, p.start_char)
            if overlap > 0:
                candidates.append((-overlap, g.start_char, p.start_char, i, j))
    pairs, used_gold, used_pred = [], set(), set()
    for *_, i, j in sorted(candidates):
        if i not in used_gold and j not in used_pred:
            pairs.append((i, j))
            used_gold.add(i)
            used_pred.add(j)
    return sorted(pairs)


def match_with_optional(gold: Sequence[Item], pred: Sequence[Item],
                        match: Callable[[Sequence[Item], Sequence[Item]], Pairs]) -> Pairs:
    """``match`` non-optional gold first, then optional gold with the predictions
    left, so an optional entry never takes a prediction from a required one."""
    pairs: Pairs = []
    free_pred = list(range(len(pred)))
    for optional in (False, True):
        golds = [i for i, g in enumerate(gold) if g.optional == optional]
        found = match([gold[i] for i in golds], [pred[j] for j in free_pred])
        pairs += [(golds[i], free_pred[j]) for i, j in found]
        taken = {free_pred[j] for _, j in found}
        free_pred = [j for j in free_pred if j not in taken]
    return sorted(pairs)


# --- scores --------------------------------------------------------------------------

def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Scores:
    """Counts behind P/R/F1. ``fp`` is None where precision is not scored (groups)."""

    tp: int = 0
    fp: int | None = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return None if self.fp is None else _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Scores) -> Scores:
        fp = None if self.fp is None or other.fp is None else self.fp + other.fp
        return Scores(self.tp + other.tp, fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.value}


@dataclass
class Tally:
    """The numbers of one type, for one article or summed over several."""

    detection: Scores
    end_to_end: Scores | None  # mention-level types only
    accuracy: dict[str, Accuracy]

    def __add__(self, other: Tally) -> Tally:
        end_to_end = None if self.end_to_end is None else self.end_to_end + other.end_to_end
        return Tally(self.detection + other.detection, end_to_end,
                     {f: a + other.accuracy[f] for f, a in self.accuracy.items()})

    def to_dict(self) -> dict[str, Any]:
        return {"detection": self.detection.to_dict(),
                "end_to_end": None if self.end_to_end is None else self.end_to_end.to_dict(),
                "accuracy": {f: a.to_dict() for f, a in self.accuracy.items()}}


@dataclass
class TypeResult:
    """What happened to each gold item and prediction of one type in one article.

    ``hits``: matches of non-optional gold (for mentions, with right values);
    ``wrong_values``: span matches whose values are wrong (mentions only);
    ``misses``: non-optional gold left unmatched; ``false_alarms``: predictions
    left unmatched (none for groups); ``optional_matches``: predictions absorbed
    by optional gold."""

    type: str
    hits: list[Match] = field(default_factory=list)
    wrong_values: list[Match] = field(default_factory=list)
    misses: list[Item] = field(default_factory=list)
    false_alarms: list[Item] = field(default_factory=list)
    optional_matches: list[Match] = field(default_factory=list)

    @property
    def spec(self) -> TypeSpec:
        return SPECS[self.type]

    def tally(self) -> Tally:
        matched = self.hits + self.wrong_values
        fp = None if self.spec.recall_only else len(self.false_alarms)
        detection = Scores(len(matched), fp, len(self.misses))
        end_to_end = None
        if self.spec.mention_level:
            wrong = len(self.wrong_values)
            end_to_end = Scores(len(self.hits), len(self.false_alarms) + wrong, len(self.misses) + wrong)
        accuracy = {f: Accuracy(sum(not m.differences([f]) for m in matched), len(matched))
                    for f in self.spec.accuracy_fields}
        return Tally(detection, end_to_end, accuracy)

    def to_dict(self) -> dict[str, Any]:
        return {"scores": self.tally().to_dict(),
                **{name: [x.to_dict() for x in getattr(self, name)]
                   for name in ("hits", "wrong_values", "misses", "false_alarms", "optional_matches")}}


def score_type(type_: str, gold: Sequence[Item], pred: Sequence[Item]) -> TypeResult:
    """Match one type's gold and predictions of one article and sort out the outcome."""
    spec = SPECS[type_]
    pairs = match_with_optional(gold, pred, match_mentions if spec.mention_level else match_entities)
    result = TypeResult(type_)
    for i, j in pairs:
        match = Match(gold[i], pred[j])
        if gold[i].optional:
            result.optional_matches.append(match)
        elif match.differences(spec.value_fields):
            result.wrong_values.append(match)
        else:
            result.hits.append(match)
    matched_gold, matched_pred = {i for i, _ in pairs}, {j for _, j in pairs}
    result.misses = [g for i, g in enumerate(gold) if not g.optional and i not in matched_gold]
    if not spec.recall_only:
        result.false_alarms = [p for j, p in enumerate(pred) if j not in matched_pred]
    return result


# --- reading predictions ----------------------------------------------------------------

#: The columns read from each table of the output contract.
COLUMNS = {
    "documents": ("doc_id", "path", "sha256", "status", "error"),
    "actors": ("doc_id", "actor_id", "name", "kind", "aliases", "first_char"),
    "places": ("doc_id", "place_id", "name", "kind", "country", "aliases", "first_char"),
    "dates": ("doc_id", "date_id", "text", "start_char", "end_char", "start", "end", "granularity"),
    "counts": ("doc_id", "count_id", "text", "start_char", "end_char", "value", "low", "high",
               "qualifier", "counted", "category"),
}


class _Row:
    """One CSV row; an empty cell reads as None."""

    def __init__(self, where: str, cells: dict[str, str]):
        self.where, self.cells = where, cells

    def text(self, column: str) -> str | None:
        return self.cells.get(column) or None

    def integer(self, column: str) -> int | None:
        value = self.text(column)
        try:
            return None if value is None else int(value)
        except ValueError:
            raise PredictionError(f"{self.where}: {column} {value!r} is not an integer") from None

    def offset(self, column: str) -> int:
        value = self.integer(column)
        if value is None:
            raise PredictionError(f"{self.where}: {column} is empty")
        return value

    def strings(self, column: str) -> tuple[str, ...]:
        value = self.text(column)
        return () if value is None else tuple(value.split(LIST_SEPARATOR))


def _read_table(pred_dir: Path, table: str) -> list[_Row]:
    path = pred_dir / f"{table}.csv"
    if not path.is_file():
        raise PredictionError(f"{path}: not found (is {pred_dir} an output folder of `extract run`?)")
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS[table] if c not in (reader.fieldnames or ())]
        if missing:
            raise PredictionError(f"{path}: missing column(s) {', '.join(missing)}")
        return [_Row(f"{path} line {reader.line_num}", row) for row in reader]


def _actor(row: _Row) -> Item:
    return Item(row.text("actor_id") or "", row.text("name") or "", row.integer("first_char"),
                aliases=row.strings("aliases"), values={"kind": row.text("kind")})


def _place(row: _Row) -> Item:
    return Item(row.text("place_id") or "", row.text("name") or "", row.integer("first_char"),
                aliases=row.strings("aliases"),
                values={"kind": row.text("kind"), "country": row.text("country") or ""})


def _date(row: _Row) -> Item:
    return Item(row.text("date_id") or "", row.text("text") or "", row.offset("start_char"),
                row.offset("end_char"),
                values={f: row.text(f) for f in ("start", "end", "granularity")})


def _count(row: _Row) -> Item:
    values = {f: row.integer(f) for f in ("value", "low", "high")}
    values.update({f: row.text(f) for f in ("qualifier", "category")})
    values["counted"] = row.text("counted") or ""
    return Item(row.text("count_id") or "", row.text("text") or "", row.offset("start_char"),
                row.offset("end_char"), values=values)


@dataclass
class PredictedDocument:
    """One row of ``documents.csv`` and the predictions of that article, by type."""

    doc_id: str
    path: str | None
    sha256: str | None
    status: str | None
    error: str | None
    items: dict[str, list[Item]] = field(default_factory=lambda: {t: [] for t in TYPES})


def read_predictions(pred_dir: Path) -> dict[str, PredictedDocument]:
    """The predictions of an output folder by doc_id (output-contract.md);
    actors of kind group go to the type ``groups``."""
    documents = {}
    for row in _read_table(pred_dir, "documents"):
        doc_id = row.text("doc_id") or ""
        documents[doc_id] = PredictedDocument(doc_id, row.text("path"), row.text("sha256"),
                                              row.text("status"), row.text("error"))
    readers = {"actors": _actor, "places": _place, "dates": _date, "counts": _count}
    for table, read in readers.items():
        for row in _read_table(pred_dir, table):
            document = documents.get(row.text("doc_id") or "")
            if document is None:
                raise PredictionError(f"{row.where}: doc_id {row.text('doc_id')!r} is not in documents.csv")
            item = read(row)
            type_ = "groups" if table == "actors" and item.values["kind"] == "group" else table
            document.items[type_].append(item)
    return documents


# --- gold items ------------------------------------------------------------------------

def gold_items(gold: GoldDocument) -> dict[str, list[Item]]:
    """A gold document as items by type; actors of kind group go to ``groups``."""
    actors = [Item(f"actors[{a.index}]", a.name, aliases=a.aliases, values={"kind": a.kind},
                   optional=a.optional) for a in gold.actors]
    return {
        "actors": [a for a in actors if a.values["kind"] != "group"],
        "places": [Item(f"places[{p.index}]", p.name, aliases=p.aliases,
                        values={"kind": p.kind, "country": p.country}, optional=p.optional)
                   for p in gold.places],
        "groups": [a for a in actors if a.values["kind"] == "group"],
        "dates": [Item(f"dates[{d.index}]", d.text, d.start_char, d.end_char,
                       values={"start": d.start, "end": d.end, "granularity": d.granularity},
                       optional=d.optional) for d in gold.dates],
        "counts": [Item(f"counts[{c.index}]", c.text, c.start_char, c.end_char,
                        values={"value": c.value, "low": c.low, "high": c.high,
                                "qualifier": c.qualifier, "counted": c.counted,
                                "category": c.category}, optional=c.optional)
                   for c in gold.counts],
    }


# --- evaluation --------------------------------------------------------------------------

@dataclass
class DocumentResult:
    doc_id: str
    results: dict[str, TypeResult]

    def tallies(self) -> dict[str, Tally]:
        return {t: r.tally() for t, r in self.results.items()}


def score_document(gold: GoldDocument, predicted: PredictedDocument) -> DocumentResult:
    golds = gold_items(gold)
    return DocumentResult(gold.doc_id, {t: score_type(t, golds[t], predicted.items[t]) for t in TYPES})


@dataclass
class Evaluation:
    """The outcome of one evaluation.

    ``documents``: the scored articles; ``heldout``: the held-out doc_ids of
    ``splits.json`` (None without one); ``unpredicted``: gold documents absent
    from the predictions; ``unscored``: documents in both that could not be
    scored, with why; ``notes``: warnings worth reading before the scores."""

    documents: list[DocumentResult] = field(default_factory=list)
    heldout: frozenset[str] | None = None
    unpredicted: list[str] = field(default_factory=list)
    unscored: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def split_of(self, doc_id: str) -> str | None:
        if self.heldout is None:
            return None
        return "heldout" if doc_id in self.heldout else "development"

    def splits(self) -> dict[str, list[DocumentResult]]:
        """``all`` the scored documents and, with ``splits.json``, ``development`` and ``heldout``."""
        splits = {"all": self.documents}
        if self.heldout is not None:
            for name in ("development", "heldout"):
                splits[name] = [d for d in self.documents if self.split_of(d.doc_id) == name]
        return splits

    def micro(self, documents: Iterable[DocumentResult] | None = None) -> dict[str, Tally]:
        """Per type, the counts summed over ``documents`` (default: all scored)."""
        documents = list(self.documents if documents is None else documents)
        return {t: sum((d.results[t].tally() for d in documents), TypeResult(t).tally())
                for t in TYPES}

    def messages(self) -> list[str]:
        """One line for each thing left out of the scores or worth a warning."""
        lines = []
        if self.unpredicted:
            lines.append(f"gold documents with no prediction (not scored): {', '.join(self.unpredicted)}")
        lines += [f"{doc_id}: not scored: {why}" for doc_id, why in self.unscored.items()]
        return lines + self.notes

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [{"doc_id": d.doc_id, "split": self.split_of(d.doc_id),
                           "types": {t: r.to_dict() for t, r in d.results.items()}}
                          for d in self.documents],
            "micro": {name: {"documents": len(docs),
                             "types": {t: tally.to_dict() for t, tally in self.micro(docs).items()}}
                      for name, docs in self.splits().items()},
            "unpredicted": self.unpredicted,
            "unscored": self.unscored,
            "notes": self.notes,
        }


def evaluate(gold_dir: Path, pred_dir: Path, corpus_dir: Path | None = None,
             doc_ids: Iterable[str] | None = None) -> Evaluation:
    """Score the documents that are both in ``gold_dir`` and in the output
    folder ``pred_dir`` (restricted to ``doc_ids`` when given).

    The article text comes from ``documents.csv`` ``path`` (relative to the
    current directory), else from ``corpus_dir``. Raises GoldError for gold
    that does not check out, PredictionError for an unreadable output folder."""
    if not gold_dir.is_dir():
        raise GoldError([GoldProblem(gold_dir, "not a folder")])
    golds = gold_files(gold_dir)
    if doc_ids is not None:
        wanted = set(doc_ids)
        golds = {d: p for d, p in golds.items() if d in wanted}
    predictions = read_predictions(pred_dir)
    evaluation = Evaluation(heldout=read_splits(gold_dir),
                            unpredicted=sorted(golds.keys() - predictions.keys()))
    for doc_id in sorted(golds.keys() & predictions.keys()):
        predicted = predictions[doc_id]
        article = _article_path(predicted, corpus_dir)
        if article is None:
            evaluation.unscored[doc_id] = (f"article not found at {predicted.path!r} "
                                           f"nor in the corpus folder {corpus_dir}")
            continue
        try:
            text = read_article(article)
        except ArticleError as exc:
            evaluation.unscored[doc_id] = str(exc)
            continue
        evaluation.notes += _document_notes(predicted, article)
        evaluation.documents.append(score_document(load_gold(golds[doc_id], text), predicted))
    return evaluation


def _article_path(predicted: PredictedDocument, corpus_dir: Path | None) -> Path | None:
    if predicted.path and Path(predicted.path).is_file():
        return Path(predicted.path)
    return None if corpus_dir is None else find_article(corpus_dir, predicted.doc_id)


def _document_notes(predicted: PredictedDocument, article: Path) -> list[str]:
    """Warnings on a scored document: the pipeline failed on it, or the article
    found is not the file the pipeline read (its offsets would not line up)."""
    notes = []
    if predicted.status == "failed":
        notes.append(f"{predicted.doc_id}: the pipeline failed ({predicted.error or 'no error given'}); "
                     "scored with no predictions")
    if predicted.sha256 and hashlib.sha256(article.read_bytes()).hexdigest() != predicted.sha256:
        notes.append(f"{predicted.doc_id}: {article} differs from the file the pipeline read "
                     "(sha256); offsets may not line up")
    return notes


# --- reports -------------------------------------------------------------------------------

def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _scores_row(label: str, scores: Scores, accuracy: dict[str, Accuracy]) -> str:
    fp = "-" if scores.fp is None else str(scores.fp)
    accuracies = ", ".join(f"{f} {_number(a.value)} ({a.correct}/{a.total})" for f, a in accuracy.items())
    return (f"{label:<18}{scores.tp:>5}{fp:>5}{scores.fn:>5}"
            f"{_number(scores.precision):>8}{_number(scores.recall):>8}{_number(scores.f1):>8}"
            f"  {accuracies}").rstrip()


def _scores_table(title: str, tallies: dict[str, Tally]) -> str:
    lines = [title, f"{'type':<18}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}  accuracy"]
    for type_, tally in tallies.items():
        if tally.end_to_end is None:
            lines.append(_scores_row(type_, tally.detection, tally.accuracy))
        else:
            lines.append(_scores_row(f"{type_} detection", tally.detection, tally.accuracy))
            lines.append(_scores_row(f"{type_} end-to-end", tally.end_to_end, {}))
    return "\n".join(lines)


def format_scores(evaluation: Evaluation) -> str:
    """Fixed-width tables: each article, then the micro-averages, overall and per split."""
    tables = [_scores_table(f"article {d.doc_id}", d.tallies()) for d in evaluation.documents]
    for name, documents in evaluation.splits().items():
        tables.append(_scores_table(f"micro-average: {name} ({len(documents)} document(s))",
                                    evaluation.micro(documents)))
    return "\n\n".join(tables)


def _span(item: Item) -> str:
    if item.start_char is None:
        return "-"
    if item.end_char is None:
        return f"@{item.start_char}"
    return f"[{item.start_char}:{item.end_char}]"


def _described(item: Item, fields: Iterable[str]) -> str:
    values = " ".join(f"{f}={item.values.get(f)}" for f in fields)
    return f"{item.id} {_span(item)} {item.text!r} {values}".rstrip()


def _difference_line(label: str, type_: str, doc_id: str, match: Match, fields: Sequence[str]) -> str:
    changes = "; ".join(f"{f}: gold {g}, pred {p}" for f, (g, p) in match.differences(fields).items())
    return (f"{label:<6} {type_:<7} {doc_id}  gold {_described(match.gold, ())} ~ "
            f"pred {_described(match.pred, ())}  {changes}")


def _error_lines(doc_id: str, result: TypeResult) -> list[str]:
    spec = result.spec
    fields = spec.value_fields + spec.accuracy_fields
    lines = [f"{'FP':<6} {result.type:<7} {doc_id}  pred {_described(p, fields)}"
             for p in result.false_alarms]
    lines += [f"{'MISS':<6} {result.type:<7} {doc_id}  gold {_described(g, fields)}" for g in result.misses]
    lines += [_difference_line("WRONG", result.type, doc_id, m, fields) for m in result.wrong_values]
    lines += [_difference_line("ATTR", result.type, doc_id, m, spec.accuracy_fields)
              for m in result.hits if m.differences(spec.accuracy_fields)]
    return lines


def format_errors(evaluation: Evaluation) -> str:
    """Every false alarm (FP), miss (MISS) and wrong value (WRONG: an end-to-end
    error; ATTR: a hit with a wrong kind, country, granularity, qualifier or
    category), one per line with type, document, id, offsets and text."""
    lines = [line for d in evaluation.documents for r in d.results.values()
             for line in _error_lines(d.doc_id, r)]
    return "\n".join(lines) if lines else "no errors"


def headline(evaluation: Evaluation) -> str:
    """A few lines for ``extract run``: each type's headline score, micro-averaged."""
    tallies = evaluation.micro()
    lines = [f"scores over {len(evaluation.documents)} gold document(s), micro-averaged:"]
    for type_, tally in tallies.items():
        if tally.detection.fp is None:
            lines.append(f"  {type_:<7} recall {_number(tally.detection.recall)}")
        elif tally.end_to_end is None:
            lines.append(f"  {type_:<7} F1 {_number(tally.detection.f1)}")
        else:
            lines.append(f"  {type_:<7} F1 {_number(tally.end_to_end.f1)} end-to-end "
                         f"({_number(tally.detection.f1)} detection)")
    return "\n".join(lines)


def evaluate_command(args: Any) -> int:
    """``extract evaluate``: scores on stdout, what was left out on stderr.

    ``args`` has ``gold``, ``pred``, ``corpus`` (Path or None), ``errors`` and
    ``json`` (bools). 0 when something was scored: scores are information, not
    failure. 1 when nothing could be."""
    try:
        evaluation = evaluate(args.gold, args.pred, args.corpus)
    except (GoldError, PredictionError) as exc:
        print(f"cannot evaluate:\n{exc}", file=sys.stderr)
        return 1
    for line in evaluation.messages():
        print(line, file=sys.stderr)
    if not evaluation.documents:
        print(f"nothing to score: no document of {args.gold} could be scored against {args.pred}",
              file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(evaluation.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_scores(evaluation))
        if args.errors:
            print()
            print(format_errors(evaluation))
    return 0
