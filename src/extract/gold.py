"""The gold set: load it and check it.

The format is annotation-guidelines.md section 5: one ``gold/<doc_id>.json``
per article of the corpus. Date and count mentions are anchored by ``text``
and ``occurrence``; loading resolves each anchor to a character span in the
article text, read exactly as the pipeline reads it (output-contract.md,
Invariants), so gold and predicted offsets can be compared.

``gold/splits.json`` (``{"heldout": ["doc_id", ...]}``), when present, names
the articles kept apart from development.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from .ingest import ARTICLE_SUFFIXES, ArticleError, decode_article
from .records import ACTOR_KINDS, CATEGORIES, GRANULARITIES, PLACE_KINDS, QUALIFIERS

SPLITS_FILE = "splits.json"
SECTIONS = ("actors", "places", "dates", "counts")
MENTION_SECTIONS = ("dates", "counts")


# --- records -----------------------------------------------------------------

@dataclass(frozen=True)
class GoldActor:
    """An actor entry (guidelines section 1). ``index``: its place in the file's list."""

    index: int
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    optional: bool = False
    note: str = ""


@dataclass(frozen=True)
class GoldPlace:
    """A place entry (guidelines section 2)."""

    index: int
    name: str
    kind: str
    country: str = ""
    aliases: tuple[str, ...] = ()
    optional: bool = False
    note: str = ""


@dataclass(frozen=True)
class GoldDate:
    """A date mention (guidelines section 3), with its resolved span (end exclusive)."""

    index: int
    text: str
    occurrence: int
    start_char: int
    end_char: int
    start: str
    end: str
    granularity: str
    optional: bool = False
    note: str = ""


@dataclass(frozen=True)
class GoldCount:
    """A count mention (guidelines section 4), with its resolved span (end exclusive)."""

    index: int
    text: str
    occurrence: int
    start_char: int
    end_char: int
    value: int
    low: int | None
    high: int | None
    qualifier: str
    counted: str
    category: str
    optional: bool = False
    note: str = ""


@dataclass(frozen=True)
class GoldDocument:
    """One gold file, its mentions resolved against the article text."""

    doc_id: str
    actors: tuple[GoldActor, ...]
    places: tuple[GoldPlace, ...]
    dates: tuple[GoldDate, ...]
    counts: tuple[GoldCount, ...]


@dataclass(frozen=True)
class GoldProblem:
    """One thing wrong with a gold file, printed as one line.

    ``where`` locates it inside the file (``dates[3] "text"``; list indices
    count from 0); empty for problems of the whole file.
    """

    path: Path
    message: str
    where: str = ""

    def __str__(self) -> str:
        if self.where:
            return f"{self.path}: {self.where}: {self.message}"
        return f"{self.path}: {self.message}"


class GoldError(ValueError):
    """Gold that cannot be used; carries every problem found."""

    def __init__(self, problems: list[GoldProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# --- article text and anchors --------------------------------------------------

def read_article(path: Path) -> str:
    """The article text exactly as the pipeline decodes it (UTF-8, a leading
    byte-order mark removed, newlines kept: output-contract.md, Invariants).
    Raises ``ArticleError`` for a file the pipeline would refuse."""
    return decode_article(path.read_bytes(), str(path))


def find_article(corpus_dir: Path, doc_id: str) -> Path | None:
    """The corpus article whose stem is ``doc_id``, in the pipeline's order of suffixes."""
    for suffix in ARTICLE_SUFFIXES:
        path = corpus_dir / f"{doc_id}{suffix}"
        if path.is_file():
            return path
    return None


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every occurrence of ``needle`` (section 5): case-sensitive,
    found by repeated ``str.find`` from the previous hit's start + 1, so hits
    inside longer strings and overlapping hits count."""
    starts = []
    start = text.find(needle)
    while start != -1:
        starts.append(start)
        start = text.find(needle, start + 1)
    return starts


def resolve(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The span of the ``occurrence``-th (1-based) ``needle``; None when there are fewer."""
    starts = occurrences(text, needle)
    if occurrence > len(starts):
        return None
    start = starts[occurrence - 1]
    return start, start + len(needle)


# --- field checks --------------------------------------------------------------

Check = Callable[[Any], "str | None"]  # a value -> what is wrong with it, or None


class Field(NamedTuple):
    required: bool
    check: Check


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _nonempty_string(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


def _string(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a string"


def _strings(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    return None if ok else "must be a list of non-empty strings"


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _integer(value: Any) -> str | None:
    return None if _is_int(value) else f"{value!r} is not an integer"


def _integer_or_null(value: Any) -> str | None:
    return None if value is None or _is_int(value) else f"{value!r} is not an integer or null"


def _occurrence(value: Any) -> str | None:
    return None if _is_int(value) and value >= 1 else f"{value!r} is not a positive integer"


def _one_of(allowed: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        return None if value in allowed else f"{value!r} is not one of {', '.join(allowed)}"
    return check


def _iso_date(value: Any) -> str | None:
    """Guidelines section 3: all dates as ISO YYYY-MM-DD."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"{value!r} is not a date YYYY-MM-DD"


def _country(value: Any) -> str | None:
    """Guidelines section 2: an ISO 3166-1 alpha-2 code, or empty."""
    ok = isinstance(value, str) and re.fullmatch(r"([A-Z]{2})?", value)
    return None if ok else f"{value!r} is not an ISO 3166-1 alpha-2 code or empty"


_COMMON = {"optional": Field(False, _flag), "note": Field(False, _string)}
_ANCHOR = {"text": Field(True, _nonempty_string), "occurrence": Field(False, _occurrence)}

#: The keys of each kind of entry (section 5). Required: what anchors an entry
#: and what section 6 scores; the others default to empty.
FIELDS: dict[str, dict[str, Field]] = {
    "actors": {
        "name": Field(True, _nonempty_string),
        "kind": Field(True, _one_of(ACTOR_KINDS)),
        "aliases": Field(False, _strings),
        "roles": Field(False, _strings),
        **_COMMON,
    },
    "places": {
        "name": Field(True, _nonempty_string),
        "kind": Field(True, _one_of(PLACE_KINDS)),
        "country": Field(True, _country),
        "aliases": Field(False, _strings),
        **_COMMON,
    },
    "dates": {
        **_ANCHOR,
        "start": Field(True, _iso_date),
        "end": Field(True, _iso_date),
        "granularity": Field(True, _one_of(GRANULARITIES)),
        **_COMMON,
    },
    "counts": {
        **_ANCHOR,
        "value": Field(True, _integer),
        "low": Field(False, _integer_or_null),
        "high": Field(False, _integer_or_null),
        "qualifier": Field(True, _one_of(QUALIFIERS)),
        "counted": Field(False, _string),
        "category": Field(True, _one_of(CATEGORIES)),
        **_COMMON,
    },
}


# --- validation ----------------------------------------------------------------

def validate(path: Path, data: Any, text: str | None) -> list[GoldProblem]:
    """Every problem of one parsed gold file (section 5). Anchors are resolved,
    and checked for overlaps, only when the article ``text`` is given."""
    if not isinstance(data, dict):
        return [GoldProblem(path, "must hold a JSON object")]
    problems = list(_top_level_problems(path, data))
    for section in SECTIONS:
        entries = data.get(section)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            problems += _entry_problems(path, section, index, entry)
        if text is not None and section in MENTION_SECTIONS:
            problems += _anchor_problems(path, section, entries, text)
    return problems


def _top_level_problems(path: Path, data: dict[str, Any]) -> Iterator[GoldProblem]:
    for key in ("doc_id", *SECTIONS):
        if key not in data:
            yield GoldProblem(path, f'missing required key "{key}"')
    for key in sorted(data.keys() - {"doc_id", *SECTIONS}):
        yield GoldProblem(path, f'unknown key "{key}"')
    doc_id = data.get("doc_id", path.stem)
    if doc_id != path.stem:
        yield GoldProblem(path, f"{doc_id!r} is not the file's stem {path.stem!r}", '"doc_id"')
    for section in SECTIONS:
        if section in data and not isinstance(data[section], list):
            yield GoldProblem(path, "must be a list", f'"{section}"')


def _entry_problems(path: Path, section: str, index: int, entry: Any) -> Iterator[GoldProblem]:
    where = f"{section}[{index}]"
    if not isinstance(entry, dict):
        yield GoldProblem(path, "must be an object", where)
        return
    fields = FIELDS[section]
    for key, spec in fields.items():
        if spec.required and key not in entry:
            yield GoldProblem(path, f'missing required key "{key}"', where)
    for key, value in entry.items():
        if key not in fields:
            yield GoldProblem(path, f'unknown key "{key}"', where)
        elif (message := fields[key].check(value)) is not None:
            yield GoldProblem(path, message, f'{where} "{key}"')
    if section in _ORDERED:
        yield from _order_problems(path, section, where, entry)


#: Bounds that must be in order: ``start`` <= ``end`` (section 3), ``low`` <= ``high`` (section 4).
_ORDERED = {"dates": ("start", "end", "is after"), "counts": ("low", "high", "is greater than")}


def _order_problems(path: Path, section: str, where: str, entry: dict[str, Any]) -> Iterator[GoldProblem]:
    first_key, last_key, wrong_order = _ORDERED[section]
    check = FIELDS[section][first_key].check
    first, last = entry.get(first_key), entry.get(last_key)
    if first is None or last is None or check(first) or check(last):
        return
    if first > last:
        yield GoldProblem(path, f'"{first_key}" {first} {wrong_order} "{last_key}" {last}', where)


def _anchor_problems(path: Path, section: str, entries: list[Any], text: str) -> Iterator[GoldProblem]:
    """Each mention found at its occurrence; no two mentions of the section
    overlapping, optional ones included."""
    spans = []
    for index, entry in enumerate(entries):
        if not _anchorable(entry):
            continue
        needle, occurrence = entry["text"], entry.get("occurrence", 1)
        found = len(occurrences(text, needle))
        if occurrence > found:
            yield GoldProblem(path, f"not found at occurrence {occurrence} (found {found})",
                              f'{section}[{index}] "text"')
        else:
            start, end = resolve(text, needle, occurrence)
            spans.append((start, end, index, needle))
    spans.sort()
    for i, (start, end, index, needle) in enumerate(spans):
        for other_start, other_end, other_index, other_needle in spans[i + 1:]:
            if other_start >= end:
                break
            yield GoldProblem(
                path,
                f"overlaps {section}[{index}]: {needle!r} [{start}:{end}] and "
                f"{other_needle!r} [{other_start}:{other_end}]",
                f"{section}[{other_index}]",
            )


def _anchorable(entry: Any) -> bool:
    return (isinstance(entry, dict)
            and _nonempty_string(entry.get("text")) is None
            and _occurrence(entry.get("occurrence", 1)) is None)


# --- loading -------------------------------------------------------------------

def gold_files(gold_dir: Path) -> dict[str, Path]:
    """The gold files of a folder by doc_id (file stem), ``splits.json`` excluded."""
    return {path.stem: path for path in sorted(gold_dir.glob("*.json")) if path.name != SPLITS_FILE}


def read_json(path: Path) -> Any:
    """A JSON file's content; GoldError when it does not parse."""
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise GoldError([GoldProblem(path, f"not UTF-8: {exc.reason} at byte {exc.start}")]) from exc
    except json.JSONDecodeError as exc:
        raise GoldError([GoldProblem(path, f"not valid JSON: {exc.msg} at line {exc.lineno} "
                                           f"column {exc.colno}")]) from exc


def load_gold(path: Path, text: str) -> GoldDocument:
    """One gold file, checked and with its mentions resolved against the article
    ``text``; GoldError listing every problem when it does not check out."""
    data = read_json(path)
    problems = validate(path, data, text)
    if problems:
        raise GoldError(problems)
    return GoldDocument(
        doc_id=data["doc_id"],
        actors=tuple(_actor(i, e) for i, e in enumerate(data["actors"])),
        places=tuple(_place(i, e) for i, e in enumerate(data["places"])),
        dates=tuple(_date(i, e, text) for i, e in enumerate(data["dates"])),
        counts=tuple(_count(i, e, text) for i, e in enumerate(data["counts"])),
    )


def read_splits(gold_dir: Path) -> frozenset[str] | None:
    """The held-out doc_ids of ``splits.json``; None when the folder has no such file."""
    path = gold_dir / SPLITS_FILE
    if not path.is_file():
        return None
    data = read_json(path)
    heldout = data.get("heldout") if isinstance(data, dict) else None
    if (not isinstance(heldout, list) or not all(isinstance(d, str) for d in heldout)
            or set(data) != {"heldout"}):
        raise GoldError([GoldProblem(path, 'must be {"heldout": [doc_id, ...]} and nothing else')])
    return frozenset(heldout)


def _common(entry: dict[str, Any]) -> dict[str, Any]:
    return {"optional": entry.get("optional", False), "note": entry.get("note", "")}


def _actor(index: int, e: dict[str, Any]) -> GoldActor:
    return GoldActor(index, e["name"], e["kind"], tuple(e.get("aliases", ())),
                     tuple(e.get("roles", ())), **_common(e))


def _place(index: int, e: dict[str, Any]) -> GoldPlace:
    return GoldPlace(index, e["name"], e["kind"], e["country"], tuple(e.get("aliases", ())),
                     **_common(e))


def _date(index: int, e: dict[str, Any], text: str) -> GoldDate:
    occurrence = e.get("occurrence", 1)
    start_char, end_char = resolve(text, e["text"], occurrence)
    return GoldDate(index, e["text"], occurrence, start_char, end_char, e["start"], e["end"],
                    e["granularity"], **_common(e))


def _count(index: int, e: dict[str, Any], text: str) -> GoldCount:
    occurrence = e.get("occurrence", 1)
    start_char, end_char = resolve(text, e["text"], occurrence)
    return GoldCount(index, e["text"], occurrence, start_char, end_char, e["value"],
                     e.get("low"), e.get("high"), e["qualifier"], e.get("counted", ""),
                     e["category"], **_common(e))


# --- checking a folder ---------------------------------------------------------

def check_gold(gold_dir: Path, corpus_dir: Path) -> list[GoldProblem]:
    """Every problem of a gold folder (section 5): each file parses and is
    well-formed, has its article in ``corpus_dir``, and its mentions are found
    there without overlapping; ``splits.json`` names articles of the corpus."""
    if not gold_dir.is_dir():
        return [GoldProblem(gold_dir, "not a folder")]
    files = gold_files(gold_dir)
    problems = []
    for path in files.values():
        problems += _file_problems(path, corpus_dir)
    problems += _split_problems(gold_dir, corpus_dir)
    return problems


def _file_problems(path: Path, corpus_dir: Path) -> list[GoldProblem]:
    problems = []
    text = None
    article = find_article(corpus_dir, path.stem)
    if article is None:
        problems.append(GoldProblem(path, f"no article {path.stem}.txt or .md in {corpus_dir}"))
    else:
        try:
            text = read_article(article)
        except ArticleError as exc:
            problems.append(GoldProblem(path, f"article {exc}"))
    try:
        data = read_json(path)
    except GoldError as exc:
        return problems + exc.problems
    return problems + validate(path, data, text)


def _split_problems(gold_dir: Path, corpus_dir: Path) -> list[GoldProblem]:
    """``splits.json`` well-formed and naming articles of the corpus (gold for
    a held-out article may come later)."""
    try:
        heldout = read_splits(gold_dir)
    except GoldError as exc:
        return exc.problems
    return [GoldProblem(gold_dir / SPLITS_FILE, f'"heldout": no article {doc_id!r} in {corpus_dir}')
            for doc_id in sorted(heldout or ()) if find_article(corpus_dir, doc_id) is None]


def check_command(args: Any) -> int:
    """``extract check-gold``: problems on stderr, a summary on stdout; 0 when clean.

    ``args`` has ``gold_dir`` and ``corpus`` (Paths)."""
    problems = check_gold(args.gold_dir, args.corpus)
    for problem in problems:
        print(problem, file=sys.stderr)
    n_files = len(gold_files(args.gold_dir)) if args.gold_dir.is_dir() else 0
    verdict = f"{len(problems)} problem(s)" if problems else "no problems"
    print(f"checked {n_files} gold file(s) in {args.gold_dir} against {args.corpus}: {verdict}")
    return 1 if problems else 0
