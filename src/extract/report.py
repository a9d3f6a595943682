"""The extraction report: ``report.html``, one self-contained page per run.

A reviewer opens it in a browser, with no network: CSS and JS are inlined from
``resources/report/``. It shows, per article, the article text with every
extracted mention highlighted by type (drawn with spaCy's displaCy, ``ent``
style, manual mode), the tables of actors, places, dates and counts with their
normalised values, each row linked to its first highlighted mention, and,
where gold exists, the scores, a per-type F1 chart (inline SVG) and the
misses, false alarms and wrong values marked in the text and listed.

displaCy's ``ent`` style cannot nest, so overlapping spans are resolved first
(``resolve_overlaps``: the longer span is drawn); a span not drawn keeps its
anchor inside the span drawn in its place, is flagged on it, and is listed
under "Not drawn", so nothing is silently lost.

The page is deterministic: no timestamps, no random ids, no paths but the
ones the run was given (documents.csv ``path``). Everything taken from an
article, a table or the gold is escaped.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .ingest import ArticleError, decode_article

RESOURCES = Path(__file__).parent / "resources" / "report"

#: The longest article text drawn, in characters; a longer one is cut there,
#: with a note (its mentions beyond the cut are in the tables only). Keeps the
#: page usable for long runs: the corpus articles are 5-30k characters.
MAX_TEXT_CHARS = 150_000

#: Highlight types: CSS key, displaCy label, background, legend text.
HIGHLIGHTS = (
    ("person", "PERSON", "#c6dafc", "actor: person"),
    ("org", "ORG", "#dccbf5", "actor: organisation"),
    ("group", "GROUP", "#f7cde8", "actor: group"),
    ("place", "PLACE", "#c3ebcd", "place"),
    ("date", "DATE", "#fde3a1", "date"),
    ("count", "COUNT", "#b8e4ea", "count"),
    ("miss", "MISSED", "#fbd5d5", "missed gold mention"),
)
LABELS = {key: label for key, label, _, _ in HIGHLIGHTS}
COLORS = {label: color for _, label, color, _ in HIGHLIGHTS}
ACTOR_HIGHLIGHT = {"person": "person", "organization": "org", "group": "group"}

#: The headline score charted for each scored type (extract.evaluate.TYPES).
CHART_MEASURE = {"actors": "F1", "places": "F1", "groups": "recall",
                 "dates": "F1 end-to-end", "counts": "F1 end-to-end"}
#: Which scored type a predicted row id belongs to, by table.
TABLE_OF_TYPE = {"actors": "actors", "groups": "actors", "places": "places",
                 "dates": "dates", "counts": "counts"}

#: displaCy ``ent`` template: our classes and anchors instead of inline styling.
#: Every ``{...}`` but ``text`` (escaped by displaCy) is escaped by ``_span_params``.
ENT_TEMPLATE = ('<mark class="{classes}" id="{anchor}" data-type="{key}" title="{tip}" '
                'style="background:{bg}">{text}{extra_anchors}'
                '<a class="l" href="#{row}">{label}</a></mark>')


# --- spans and overlaps --------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """One highlight: ``[start, end)`` of the article text.

    ``key``: the highlight type (HIGHLIGHTS); ``anchor``: its element id;
    ``row``: the id of its table row; ``state``: ``""``, ``"fa"`` (false alarm),
    ``"wrong"`` (matched, a value differs) or ``"miss"`` (a gold mention not
    found), the CSS class that outlines it; ``tip``: the tooltip."""

    start: int
    end: int
    key: str
    anchor: str
    row: str = ""
    text: str = ""
    tip: str = ""
    state: str = ""
    label: str = ""  # the label drawn, when not the type's own (a miss names the type missed)

    @property
    def length(self) -> int:
        return self.end - self.start


#: Among spans of equal length, which is drawn: predictions before misses (a
#: hidden miss still flags the span drawn), then the order of the tables.
_KEY_RANK = {"date": 0, "count": 1, "person": 2, "org": 3, "group": 4, "place": 5, "miss": 6}


@dataclass
class Resolved:
    """``drawn``: non-overlapping spans in text order; ``hidden``: for each drawn
    span's index, the spans it hides (they overlap it and lost to it)."""

    drawn: list[Span] = field(default_factory=list)
    hidden: dict[int, list[Span]] = field(default_factory=dict)

    def hidden_pairs(self) -> list[tuple[Span, Span]]:
        """(hidden span, the drawn span in its place), in text order of the hidden."""
        pairs = [(h, self.drawn[i]) for i, spans in self.hidden.items() for h in spans]
        return sorted(pairs, key=lambda p: (p[0].start, p[0].end, p[0].anchor))


def resolve_overlaps(spans: Iterable[Span]) -> Resolved:
    """Choose spans to draw so that none overlap: the longer span wins; at equal
    length, the type ranked first (_KEY_RANK), then the earlier span, then the
    smaller anchor id (so the outcome does not depend on input order). A span
    that loses is attached to the drawn span it overlaps that starts first.
    Empty or reversed spans are ignored."""
    candidates = sorted((s for s in spans if s.end > s.start),
                        key=lambda s: (-s.length, _KEY_RANK.get(s.key, 99), s.start, s.anchor))
    starts: list[int] = []  # the accepted spans, disjoint, so sorted by start and by end alike
    accepted: list[Span] = []
    losers: list[Span] = []
    for span in candidates:
        i = bisect.bisect_left(starts, span.end)  # accepted[i-1] is the last one starting before span.end
        if i and accepted[i - 1].end > span.start:
            losers.append(span)
            continue
        starts.insert(i, span.start)
        accepted.insert(i, span)
    result = Resolved(drawn=accepted)
    for span in losers:
        i = bisect.bisect_right(starts, span.start)  # the first accepted ending after span.start
        if i and accepted[i - 1].end > span.start:
            i -= 1
        result.hidden.setdefault(i, []).append(span)
    for spans_hidden in result.hidden.values():
        spans_hidden.sort(key=lambda s: (s.start, s.end, s.anchor))
    return result


# --- small HTML helpers -------------------------------------------------------------------------

def esc(value: Any) -> str:
    """Text or attribute value, escaped (quotes included); None is empty."""
    return "" if value is None else escape(str(value), quote=True)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _cell(value: Any, css: str = "") -> str:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, float):  # as in the CSV files (records.Record.as_csv_values)
        value = f"{value:.6f}".rstrip("0").rstrip(".")
    klass = f' class="{css}"' if css else ""
    return f"<td{klass}>{esc(value)}</td>"


_UNSAFE_IN_ID = re.compile(r"[^A-Za-z0-9_]+")


@lru_cache(maxsize=1 << 16)
def _id_part(part: str) -> str:
    # speed: a report has tens of thousands of anchors made of the same few parts
    return _UNSAFE_IN_ID.sub("_", part).strip("_")


def _html_id(*parts: str) -> str:
    """An element id made of safe characters only (gold ids look like ``dates[3]``)."""
    return "-".join(_id_part(p) for p in parts if p)


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _resource(name: str) -> str:
    return (RESOURCES / name).read_text(encoding="utf-8")


# --- the evaluation of one article, by prediction ------------------------------------------------

@dataclass
class Outcome:
    """What the gold says of one prediction: ``state`` (``hit``, ``fa``,
    ``wrong``, ``optional``) and a one-line explanation."""

    state: str
    detail: str = ""


def _shown(value: Any) -> str:
    return "(empty)" if value in (None, "") else str(value)


def _differences(match: Any, fields: Sequence[str]) -> str:
    return "; ".join(f"{f}: gold {_shown(g)}, predicted {_shown(p)}"
                     for f, (g, p) in match.differences(fields).items())


def _outcomes(result: Any) -> dict[tuple[str, str], Outcome]:
    """(table, predicted row id) -> Outcome, for one scored article (a DocumentResult)."""
    outcomes: dict[tuple[str, str], Outcome] = {}
    for type_, res in result.results.items():
        table = TABLE_OF_TYPE.get(type_, type_)
        spec = res.spec
        for match in res.hits:
            detail = _differences(match, spec.accuracy_fields)
            outcomes[table, match.pred.id] = Outcome("wrong" if detail else "hit",
                                                     detail or f"matches gold {match.gold.id}")
        for match in res.wrong_values:
            outcomes[table, match.pred.id] = Outcome(
                "wrong", _differences(match, spec.value_fields + spec.accuracy_fields))
        for match in res.optional_matches:
            outcomes[table, match.pred.id] = Outcome("optional", f"matches optional gold {match.gold.id}")
        for item in res.false_alarms:
            outcomes[table, item.id] = Outcome("fa", "false alarm: no gold entry matches")
    return outcomes


OUTCOME_TEXT = {"hit": "correct", "fa": "false alarm", "wrong": "wrong value", "optional": "optional"}
SPAN_STATE = {"fa": "fa", "wrong": "wrong"}  # outcome -> class of its highlight


# --- one article ------------------------------------------------------------------------------

@dataclass
class ArticleView:
    """What the report shows of one row of documents.csv."""

    number: int  # its place in documents.csv, 1-based: the prefix of its element ids
    document: dict[str, str]
    data: dict[str, Any] | None = None  # the article's JSON
    text: str | None = None
    text_problem: str = ""
    result: Any = None  # its DocumentResult, when it has gold
    split: str | None = None
    counts: dict[str, int] = field(default_factory=dict)  # rows per table, for the navigation
    has_data: bool = False  # an ok article whose JSON and text are shown

    @property
    def doc_id(self) -> str:
        return self.document.get("doc_id", "")

    @property
    def ok(self) -> bool:
        return self.document.get("status") == "ok"

    @property
    def prefix(self) -> str:
        return f"d{self.number}"

    def anchor(self, *parts: str) -> str:
        return _html_id(self.prefix, *parts)


def _load_text(document: dict[str, str]) -> tuple[str | None, str]:
    """The article text as the pipeline read it, or None and why not."""
    path = Path(document.get("path", ""))
    try:
        data = path.read_bytes()
    except OSError:
        return None, (f"the article text is not shown: {document.get('path')!r} cannot be read from "
                      "here (paths in documents.csv are as given to `extract run`)")
    if document.get("sha256") and hashlib.sha256(data).hexdigest() != document["sha256"]:
        return None, (f"the article text is not shown: {document.get('path')!r} has changed since "
                      "the run (sha256 differs), so the offsets would not line up")
    try:
        return decode_article(data, str(path)), ""
    except ArticleError as err:
        return None, f"the article text is not shown: {err}"


def _tip(*parts: Any) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, False, "", (), []))


def _prediction_spans(view: ArticleView, outcomes: dict[tuple[str, str], Outcome]) -> list[Span]:
    data = view.data or {}
    spans: list[Span] = []
    entities: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for actor in data.get("actors", []):
        entities[actor["actor_id"]] = ("actors", ACTOR_HIGHLIGHT.get(actor.get("kind"), "org"), actor)
    for place in data.get("places", []):
        entities[place["place_id"]] = ("places", "place", place)
    for mention in data.get("mentions", []):
        table, key, entity = entities.get(mention["entity_id"], ("", "", None))
        if entity is None:
            continue
        outcome = outcomes.get((table, mention["entity_id"]))
        described = (f"{entity.get('kind')}, {entity['country']}" if entity.get("country")
                     else entity.get("kind"))
        spans.append(Span(
            mention["start_char"], mention["end_char"], key, view.anchor(mention["mention_id"]),
            view.anchor("row", mention["entity_id"]), mention.get("text", ""),
            _tip(f"{mention['entity_id']} {entity.get('name')}", described,
                 f"found by {mention.get('source')}", outcome and OUTCOME_TEXT[outcome.state],
                 outcome and outcome.state != "hit" and outcome.detail),
            SPAN_STATE.get(outcome.state, "") if outcome else ""))
    for date in data.get("dates", []):
        outcome = outcomes.get(("dates", date["date_id"]))
        value = f"{date.get('start')} – {date.get('end')}" if date.get("start") else "unresolved"
        spans.append(Span(
            date["start_char"], date["end_char"], "date", view.anchor(date["date_id"]),
            view.anchor("row", date["date_id"]), date.get("text", ""),
            _tip(date["date_id"], value, date.get("granularity"),
                 outcome and OUTCOME_TEXT[outcome.state], outcome and outcome.state != "hit" and outcome.detail),
            SPAN_STATE.get(outcome.state, "") if outcome else ""))
    for count in data.get("counts", []):
        outcome = outcomes.get(("counts", count["count_id"]))
        spans.append(Span(
            count["start_char"], count["end_char"], "count", view.anchor(count["count_id"]),
            view.anchor("row", count["count_id"]), count.get("text", ""),
            _tip(count["count_id"], f"value {count.get('value')}", count.get("qualifier"),
                 count.get("category"), count.get("counted") and f"counted: {count['counted']}",
                 outcome and OUTCOME_TEXT[outcome.state], outcome and outcome.state != "hit" and outcome.detail),
            SPAN_STATE.get(outcome.state, "") if outcome else ""))
    return spans


def _gold_values(item: Any) -> str:
    return ", ".join(f"{k} {v}" for k, v in item.values.items() if v not in (None, ""))


def _miss_spans(view: ArticleView) -> list[Span]:
    """The gold mentions missed (dates, counts: they have offsets) as spans."""
    if view.result is None:
        return []
    spans = []
    for type_, res in view.result.results.items():
        for item in res.misses:
            if item.start_char is None or item.end_char is None:
                continue
            spans.append(Span(item.start_char, item.end_char, "miss", view.anchor("gold", item.id),
                              view.anchor("row", "gold", item.id), item.text,
                              _tip(f"missed gold {type_[:-1]} {item.id}", repr(item.text),
                                   f"at {item.start_char}", _gold_values(item)), "miss",
                              f"MISSED {type_.rstrip('s').upper()}"))
    return spans


def _span_params(span: Span, hidden: list[Span]) -> dict[str, Any]:
    classes = ["e", f"t-{span.key}"] + ([span.state] if span.state else [])
    tip = span.tip
    if hidden:
        classes += ["hides", "hides-miss"] if any(h.key == "miss" for h in hidden) else ["hides"]
        tip = _tip(tip, "also here: " + "; ".join(
            f"{h.label or LABELS[h.key]} {h.text!r} at {h.start}" for h in hidden))
    label = span.label or LABELS[span.key]
    return {"key": span.key, "classes": " ".join(classes), "anchor": esc(span.anchor), "row": esc(span.row),
            "tip": esc(tip), "label": esc(label),
            "extra_anchors": "".join(f'<a id="{esc(h.anchor)}"></a>' for h in hidden)}


def render_text(text: str, resolved: Resolved) -> str:
    """The article text with the drawn spans highlighted (displaCy, manual mode)."""
    from spacy import displacy

    ents = [{"start": s.start, "end": s.end, "label": LABELS[s.key],
             "params": _span_params(s, resolved.hidden.get(i, []))}
            for i, s in enumerate(resolved.drawn)]
    return displacy.render([{"text": text, "ents": ents, "title": None}], style="ent", manual=True,
                           jupyter=False, options={"colors": COLORS, "template": ENT_TEMPLATE})


def _text_block(view: ArticleView, spans: list[Span], max_chars: int) -> tuple[str, Resolved]:
    if view.text is None:
        return f'<p class="note">{esc(view.text_problem)}</p>', Resolved()
    text, note = view.text, ""
    if len(text) > max_chars:
        beyond = sum(s.end > max_chars for s in spans)
        spans = [s for s in spans if s.end <= max_chars]
        text = text[:max_chars]
        note = (f'<p class="note cut">The text is cut at {max_chars:,} of {len(view.text):,} '
                f'characters; {beyond} mention(s) beyond the cut are in the tables only.</p>')
    resolved = resolve_overlaps(spans)
    return f'{note}<div class="text-box">{render_text(text, resolved)}</div>', resolved


def _link(href: str, text: Any, known: set[str]) -> str:
    """A link to an element of the page, or the bare text when there is none."""
    return f'<a href="#{esc(href)}">{esc(text)}</a>' if href in known else esc(text)


def _outcome_cells(view: ArticleView, outcome: Outcome | None) -> tuple[str, str]:
    """(row class attribute, outcome cell) for a prediction's table row."""
    if view.result is None:
        return "", ""
    if outcome is None:
        return "", '<td class="outcome">–</td>'
    klass = f' class="{outcome.state}"' if outcome.state in ("fa", "wrong") else ""
    title = f' title="{esc(outcome.detail)}"' if outcome.state != "fa" else ""
    return klass, f'<td class="outcome {outcome.state}"{title}>{esc(OUTCOME_TEXT[outcome.state])}</td>'



def _table(caption: str, css: str, headers: Sequence[str], rows: list[str], numeric: set[str],
           outcome: bool) -> str:
    if not rows:
        return f'<h3>{esc(caption)}</h3><p class="muted">none</p>'
    heads = "".join(f'<th class="num">{esc(h)}</th>' if h in numeric else f"<th>{esc(h)}</th>"
                    for h in headers)
    if outcome:
        heads += "<th>outcome</th>"
    return (f'<h3>{esc(caption)} <span class="badge">{len(rows)}</span></h3>'
            f'<table class="{css}"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _entity_tables(view: ArticleView, outcomes: dict[tuple[str, str], Outcome], first_mention: dict[str, str],
                   known: set[str]) -> str:
    data = view.data or {}
    scored = view.result is not None
    actor_rows, place_rows = [], []
    for a in data.get("actors", []):
        klass, outcome = _outcome_cells(view, outcomes.get(("actors", a["actor_id"])))
        actor_rows.append(
            f'<tr id="{esc(view.anchor("row", a["actor_id"]))}"{klass} data-kind="{esc(a.get("kind"))}">'
            f'{_cell(a["actor_id"])}<td>{_link(first_mention.get(a["actor_id"], ""), a.get("name"), known)}</td>'
            f'{_cell(a.get("kind"))}{_cell(a.get("aliases"))}{_cell(a.get("roles"))}'
            f'{_cell(a.get("n_mentions"), "num")}{_cell(a.get("first_char"), "num")}{outcome}</tr>')
    for p in data.get("places", []):
        klass, outcome = _outcome_cells(view, outcomes.get(("places", p["place_id"])))
        place_rows.append(
            f'<tr id="{esc(view.anchor("row", p["place_id"]))}"{klass}>'
            f'{_cell(p["place_id"])}<td>{_link(first_mention.get(p["place_id"], ""), p.get("name"), known)}</td>'
            f'{_cell(p.get("kind"))}{_cell(p.get("country"))}{_cell(p.get("latitude"), "num")}'
            f'{_cell(p.get("longitude"), "num")}{_cell(p.get("aliases"))}{_cell(p.get("n_mentions"), "num")}'
            f'{_cell(p.get("first_char"), "num")}{outcome}</tr>')
    return (_table("Actors", "actors", ("id", "name", "kind", "aliases", "roles", "mentions", "first at"),
                   actor_rows, {"mentions", "first at"}, scored)
            + _table("Places", "places", ("id", "name", "kind", "country", "lat", "lon", "aliases",
                                          "mentions", "first at"),
                     place_rows, {"lat", "lon", "mentions", "first at"}, scored))


def _mention_tables(view: ArticleView, outcomes: dict[tuple[str, str], Outcome], known: set[str]) -> str:
    data = view.data or {}
    scored = view.result is not None
    date_rows, count_rows = [], []
    for d in data.get("dates", []):
        klass, outcome = _outcome_cells(view, outcomes.get(("dates", d["date_id"])))
        date_rows.append(
            f'<tr id="{esc(view.anchor("row", d["date_id"]))}"{klass}>{_cell(d["date_id"])}'
            f'<td>{_link(view.anchor(d["date_id"]), d.get("text"), known)}</td>'
            f'{_cell(d.get("start_char"), "num")}{_cell(d.get("section"))}{_cell(d.get("start"))}'
            f'{_cell(d.get("end"))}{_cell(d.get("granularity"))}{_cell(d.get("anchor"))}{outcome}</tr>')
    for c in data.get("counts", []):
        klass, outcome = _outcome_cells(view, outcomes.get(("counts", c["count_id"])))
        count_rows.append(
            f'<tr id="{esc(view.anchor("row", c["count_id"]))}"{klass}>{_cell(c["count_id"])}'
            f'<td>{_link(view.anchor(c["count_id"]), c.get("text"), known)}</td>'
            f'{_cell(c.get("start_char"), "num")}{_cell(c.get("section"))}{_cell(c.get("value"), "num")}'
            f'{_cell(c.get("low"), "num")}{_cell(c.get("high"), "num")}{_cell(c.get("qualifier"))}'
            f'{_cell(c.get("counted"))}{_cell(c.get("category"))}{outcome}</tr>')
    return (_table("Dates", "dates", ("id", "text", "at", "section", "start", "end", "granularity",
                                      "anchor"), date_rows, {"at"}, scored)
            + _table("Counts", "counts", ("id", "text", "at", "section", "value", "low", "high",
                                          "qualifier", "counted", "category"),
                     count_rows, {"at", "value", "low", "high"}, scored))


def _hidden_table(view: ArticleView, resolved: Resolved) -> str:
    pairs = resolved.hidden_pairs()
    if not pairs:
        return ""
    rows = "".join(
        f'<tr>{_cell(h.label or LABELS[h.key])}<td><a href="#{esc(h.anchor)}">{esc(h.text)}</a></td>'
        f'{_cell(h.start, "num")}{_cell(d.label or LABELS[d.key])}{_cell(d.text)}{_cell(d.start, "num")}</tr>'
        for h, d in pairs)
    return (f'<h3>Not drawn <span class="badge">{len(pairs)}</span></h3>'
            '<p class="muted">Mentions that overlap a longer one: their anchor is inside the span drawn '
            'instead (marked <code>+</code>), and their rows are in the tables.</p>'
            '<table class="hidden-mentions"><thead><tr><th>type</th><th>mention</th><th class="num">at</th>'
            '<th>drawn instead</th><th>text</th><th class="num">at</th></tr></thead>'
            f'<tbody>{rows}</tbody></table>')


def _errors_table(view: ArticleView, known: set[str]) -> str:
    """Every miss, false alarm and wrong value of the article, as ``extract evaluate --errors``."""
    rows = []
    for type_, res in view.result.results.items():
        for item in res.misses:
            where = "–" if item.start_char is None else item.start_char
            rows.append(
                f'<tr class="miss" id="{esc(view.anchor("row", "gold", item.id))}">'
                f'<td class="outcome miss">miss</td>{_cell(type_)}{_cell(item.id)}'
                f'<td>{_link(view.anchor("gold", item.id), item.text, known)}</td>{_cell(where, "num")}'
                f'{_cell(_gold_values(item) + (" · aliases: " + "; ".join(item.aliases) if item.aliases else ""))}</tr>')
        for item in res.false_alarms:
            rows.append(
                f'<tr class="fa"><td class="outcome fa">false alarm</td>{_cell(type_)}{_cell(item.id)}'
                f'<td><a href="#{esc(view.anchor("row", item.id))}">{esc(item.text)}</a></td>'
                f'{_cell(item.start_char, "num")}{_cell("no gold entry matches")}</tr>')
        fields = res.spec.value_fields + res.spec.accuracy_fields
        wrong = list(res.wrong_values) + [m for m in res.hits if m.differences(res.spec.accuracy_fields)]
        for match in sorted(wrong, key=lambda m: (m.pred.start_char or 0, m.pred.id)):
            rows.append(
                f'<tr class="wrong"><td class="outcome wrong">wrong value</td>{_cell(type_)}'
                f'{_cell(match.pred.id)}<td><a href="#{esc(view.anchor("row", match.pred.id))}">'
                f'{esc(match.pred.text)}</a></td>{_cell(match.pred.start_char, "num")}'
                f'{_cell(_differences(match, fields) + f" (gold {match.gold.id} {match.gold.text!r})")}</tr>')
    if not rows:
        return '<h3>Misses and false alarms</h3><p class="muted">none</p>'
    return (f'<h3>Misses and false alarms <span class="badge">{len(rows)}</span></h3>'
            '<table class="errors"><thead><tr><th>outcome</th><th>type</th><th>id</th><th>text</th>'
            f'<th class="num">at</th><th>details</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


# --- scores --------------------------------------------------------------------------------

def _headline(type_: str, tally: Any) -> float | None:
    if type_ == "groups" or tally.detection.fp is None:
        return tally.detection.recall
    if tally.end_to_end is not None:
        return tally.end_to_end.f1
    return tally.detection.f1


def _scores_table(tallies: dict[str, Any]) -> str:
    rows = []
    for type_, tally in tallies.items():
        measures = [("detection", tally.detection)]
        if tally.end_to_end is not None:
            measures.append(("end-to-end", tally.end_to_end))
        for i, (measure, s) in enumerate(measures):
            accuracy = "; ".join(f"{f} {_number(a.value)} ({a.correct}/{a.total})"
                                 for f, a in tally.accuracy.items()) if i == 0 else ""
            fp = "–" if s.fp is None else s.fp
            rows.append(
                f'<tr data-type="{esc(type_)}" data-measure="{measure}">{_cell(type_ if i == 0 else "")}'
                f'{_cell(measure)}{_cell(s.tp, "num")}{_cell(fp, "num")}{_cell(s.fn, "num")}'
                f'{_cell(_number(s.precision), "num p")}{_cell(_number(s.recall), "num r")}'
                f'{_cell(_number(s.f1), "num f1")}{_cell(accuracy)}</tr>')
    return ('<table class="scores"><thead><tr><th>type</th><th>measure</th><th class="num">tp</th>'
            '<th class="num">fp</th><th class="num">fn</th><th class="num">P</th><th class="num">R</th>'
            f'<th class="num">F1</th><th>accuracy</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def f1_chart(tallies: dict[str, Any]) -> str:
    """Inline SVG: one horizontal bar per type, its headline score (F1; recall for groups)."""
    label_w, bar_w, row_h = 190, 240, 24
    height = row_h * len(tallies) + 8
    parts = [f'<svg class="chart" role="img" aria-label="headline score per type" width="{label_w + bar_w + 60}" '
             f'height="{height}" viewBox="0 0 {label_w + bar_w + 60} {height}">']
    for i, (type_, tally) in enumerate(tallies.items()):
        value = _headline(type_, tally)
        measure = "recall" if type_ == "groups" or tally.detection.fp is None else CHART_MEASURE.get(type_, "F1")
        y = 4 + i * row_h
        width = 0.0 if value is None else round(bar_w * value, 1)
        css = "bar recall" if measure == "recall" else "bar"
        parts.append(
            f'<g class="bar-row" data-type="{esc(type_)}">'
            f'<text x="0" y="{y + 15}">{esc(type_)} <tspan class="muted">({esc(measure)})</tspan></text>'
            f'<rect class="track" x="{label_w}" y="{y + 3}" width="{bar_w}" height="16"/>'
            f'<rect class="{css}" data-type="{esc(type_)}" data-value="{_number(value)}" x="{label_w}" '
            f'y="{y + 3}" width="{width}" height="16"><title>{esc(type_)} {esc(measure)} {_number(value)}'
            f'</title></rect>'
            f'<text class="value" x="{label_w + bar_w + 6}" y="{y + 15}">{_number(value)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _scores_block(title: str, tallies: dict[str, Any], extra: str = "") -> str:
    return (f'<section class="scores"><h3>{esc(title)}</h3>{extra}<div class="score-figures">'
            f'{_scores_table(tallies)}{f1_chart(tallies)}</div></section>')


# --- the page -----------------------------------------------------------------------------------

def _legend() -> str:
    items = "".join(
        f'<label><input type="checkbox" checked data-toggle="{key}"><span class="swatch t-{key}" '
        f'style="background:{color}">{label}</span> {esc(text)}</label>'
        for key, label, color, text in HIGHLIGHTS)
    return (f'<div class="legend">{items}'
            '<span><span class="swatch fa">&nbsp;</span> false alarm</span>'
            '<span><span class="swatch wrong">&nbsp;</span> wrong value</span></div>')


def _article_section(view: ArticleView, max_chars: int) -> str:
    doc = view.document
    facts = [f"<code>{esc(view.doc_id)}</code>", esc(doc.get("path"))]
    if view.ok:
        facts += [esc(doc.get("format")), f'{esc(doc.get("n_chars"))} characters',
                  f'{esc(doc.get("n_sections"))} sections']
    if view.split:
        facts.append(f"{esc(view.split)} split")
    meta = f'<p class="meta">{" · ".join(f for f in facts if f)}</p>'
    head = f'<section class="article" id="{view.prefix}" data-doc-id="{esc(view.doc_id)}"><h2>{esc(doc.get("title") or view.doc_id)}</h2>{meta}'
    if not view.ok:
        return f'{head}<p class="error">failed: {esc(doc.get("error"))}</p></section>'
    if view.data is None:
        return f'{head}<p class="note">{esc(view.doc_id)}.json is missing from the run folder.</p></section>'
    outcomes = _outcomes(view.result) if view.result is not None else {}
    spans = _prediction_spans(view, outcomes) + _miss_spans(view)
    text_html, resolved = _text_block(view, spans, max_chars)
    known = {s.anchor for s in resolved.drawn} | {h.anchor for hs in resolved.hidden.values() for h in hs}
    first_mention: dict[str, str] = {}
    for mention in sorted(view.data.get("mentions", []), key=lambda m: (m["start_char"], m["end_char"])):
        anchor = view.anchor(mention["mention_id"])
        if anchor in known:
            first_mention.setdefault(mention["entity_id"], anchor)
    scores = ""
    if view.result is not None:
        scores = _scores_block("Scores against the gold", view.result.tallies()) + _errors_table(view, known)
    return (f'{head}{scores}<h3>Text</h3>{text_html}{_hidden_table(view, resolved)}'
            f'{_entity_tables(view, outcomes, first_mention, known)}{_mention_tables(view, outcomes, known)}'
            '</section>')


def _nav(views: list[ArticleView]) -> str:
    items = []
    for v in views:
        if v.ok:
            counts = ", ".join(f"{v.counts.get(t, 0)} {t}" for t in ("actors", "places", "dates", "counts"))
            gold = ""
            if v.result is not None:
                tallies = v.result.tallies()
                gold = '<span class="badge gold">gold: ' + esc(" ".join(
                    f"{t[:-1]}{' recall' if t == 'groups' else ''} {_number(_headline(t, tallies[t]))}"
                    for t in tallies)) + "</span>"
            items.append(f'<li><a href="#{v.prefix}">{esc(v.document.get("title") or v.doc_id)}</a> '
                         f'<span class="muted">{esc(v.doc_id)} · {esc(counts)}</span>{gold}</li>')
        else:
            items.append(f'<li class="failed"><a href="#{v.prefix}">{esc(v.doc_id)}</a>'
                         f'<span class="badge failed">failed</span> {esc(v.document.get("error"))}</li>')
    return f'<nav class="articles"><h2>Articles</h2><ol>{"".join(items)}</ol></nav>'


def _evaluation_block(evaluation: Any) -> str:
    if evaluation is None:
        return ""
    notes = "".join(f'<p class="note">{esc(line)}</p>' for line in evaluation.messages())
    if not evaluation.documents:
        return f'<section class="scores overall"><h2>Scores</h2>{notes}<p>no article could be scored</p></section>'
    blocks = []
    for name, documents in evaluation.splits().items():
        if not documents:
            continue
        label = "all articles with gold" if name == "all" else f"{name} split"
        blocks.append(_scores_block(f"Micro-average: {label} ({len(documents)} article(s))",
                                    evaluation.micro(documents)))
    return f'<section class="scores overall" id="scores"><h2>Scores</h2>{notes}{"".join(blocks)}</section>'


def _views(run_dir: Path, evaluation: Any) -> list[ArticleView]:
    """One light view per row of documents.csv: the article's JSON and text are
    loaded by ``_loaded`` only while its section is rendered, so memory does not
    grow with the number of articles (issue 8)."""
    results = {d.doc_id: d for d in evaluation.documents} if evaluation is not None else {}
    counts = _row_counts(run_dir)
    views, seen = [], set()
    for number, document in enumerate(_read_csv(run_dir / "documents.csv"), 1):
        view = ArticleView(number, document)
        doc_id = view.doc_id
        view.counts = counts.get(doc_id, {})
        if view.ok and doc_id not in seen:
            seen.add(doc_id)
            view.has_data = True
            view.result = results.get(doc_id)
            if view.result is not None and hasattr(evaluation, "split_of"):
                view.split = evaluation.split_of(doc_id)
        views.append(view)
    return views


def _row_counts(run_dir: Path) -> dict[str, dict[str, int]]:
    """Rows per article in each entity and mention table, read as a stream."""
    counts: dict[str, dict[str, int]] = {}
    for table in ("actors", "places", "dates", "counts"):
        path = run_dir / f"{table}.csv"
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                per_doc = counts.setdefault(row["doc_id"], {})
                per_doc[table] = per_doc.get(table, 0) + 1
    return counts


@contextmanager
def _loaded(view: ArticleView, run_dir: Path) -> Iterator[ArticleView]:
    """The view with its JSON and text, released again after use."""
    if view.has_data:
        path = run_dir / f"{view.doc_id}.json"
        if path.is_file():
            view.data = json.loads(path.read_text(encoding="utf-8"))
        view.text, view.text_problem = _load_text(view.document)
    try:
        yield view
    finally:
        view.data, view.text = None, None


def iter_report(run_dir: Path, evaluation=None, max_text_chars: int = MAX_TEXT_CHARS) -> Iterator[str]:
    """The report of the run in ``run_dir`` (its staged CSV and JSON files), with the
    scores of ``evaluation`` (``extract.evaluate.evaluate``) when given, as chunks of
    HTML, one article at a time. Texts longer than ``max_text_chars`` are shown cut."""
    run_dir = Path(run_dir)
    views = _views(run_dir, evaluation)
    n_ok = sum(v.ok for v in views)
    n_failed = len(views) - n_ok
    summary = (f'<p class="meta">{len(views)} article(s): {n_ok} processed'
               + (f', <span class="error">{n_failed} failed</span>' if n_failed else "")
               + (f'; {len(evaluation.documents)} scored against gold' if evaluation is not None else "")
               + ". Hover a highlight for its values; its label links to its table row, "
               "and each row's text links back to its first highlight.</p>")
    yield ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
           '<meta name="viewport" content="width=device-width, initial-scale=1">'
           '<title>extract report</title>'
           f'<style>{_resource("report.css")}</style></head>\n'
           f'<body><header><h1>Extraction report</h1>{summary}{_legend()}</header>\n'
           f'{_nav(views)}\n{_evaluation_block(evaluation)}\n')
    for view in views:
        with _loaded(view, run_dir):
            yield _article_section(view, max_text_chars)
    yield f'\n<script>{_resource("report.js")}</script></body></html>\n'


def render_report(run_dir: Path, evaluation=None, max_text_chars: int = MAX_TEXT_CHARS) -> str:
    """The whole report as one string (see ``iter_report``)."""
    return "".join(iter_report(run_dir, evaluation, max_text_chars))


def write_report(path: Path, run_dir: Path, evaluation=None, max_text_chars: int = MAX_TEXT_CHARS) -> None:
    """Write the report to ``path`` chunk by chunk, never holding the whole page."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for chunk in iter_report(run_dir, evaluation, max_text_chars):
            handle.write(chunk)
