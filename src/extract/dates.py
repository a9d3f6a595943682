"""Dates: temporal expressions, normalised to calendar intervals (guidelines section 3).

Three parts, each built once per pipeline:

* **Detection.** ``DateGrammar`` runs the rule patterns of
  ``resources/dates/patterns.json`` (regular expressions whose macros expand the
  word lists of ``lexicon.json``) over the text: dates, ranges written as one
  expression, seasons, early/mid/late forms, decades, centuries, times joined to
  dates, times alone, and relative expressions. spaCy's DATE and TIME entities
  add what no pattern covers. What is not a date is dropped: years inside names
  (``the 2009 X attack``), durations, ages and vague references
  (``exclusions.json``).
* **Normalisation.** ``DateNormaliser`` wraps dateparser, configured for
  articles: English only, day first, a fixed sentinel base so that nothing comes
  from the clock, and its ``period`` giving the granularity. It is only given
  the calendar core of an expression (``14 October 2009``, ``May 2016``,
  ``8:25 p.m.``), once per distinct core. Ranges, seasons, thirds, decades,
  centuries, weeks and relative arithmetic are ours.
* **Anchoring.** ``Narrative`` carries the article's reference dates as the
  text moves: the main event (from the infobox, else the lead), the latest
  placed expression (for a missing year), the narrative's current day (for
  "the next day", weekdays) and the clock (for times, "that evening"). An
  expression that cannot be placed is still reported, with empty start/end.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .build_cache import cached_build, fingerprint, package_versions
from .sections import article_text

if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)

RESOURCES = Path(__file__).parent / "resources" / "dates"

#: dateparser's ``period`` -> guidelines granularity
GRANULARITY_BY_PERIOD = {"time": "time", "day": "day", "week": "week", "month": "month", "year": "year"}

#: The year dateparser is told "today" is in: a leap year long before any article,
#: so a year-less core ("29 February") parses, and a year it fills in is never
#: taken for one the text wrote (we know from the pattern whether it wrote one).
SENTINEL = dt.datetime(1904, 1, 1)


# Small patterns used per candidate, compiled once (a call to ``regex.match(str, ...)``
# looks its pattern up in the module's cache each time, which cost more than the match).
_DIGITS = regex.compile(r"\d+")
_MILITARY_CLOCK = regex.compile(r"(\d\d)(\d\d)")  # "1400 hours"
_WORD = regex.compile(r"[\w.'’]+")
_NEXT_WORD = regex.compile(r"\s*([\w'’.-]+)")
_NAME_OF_BEFORE = regex.compile(r"([A-Z][\w'’.-]*) of $")
_NAME_BEFORE = regex.compile(r"([A-Z][\w'’.-]*)[ \u00a0]$")
_LOWERCASE_WORDS_AFTER = regex.compile(r"(?:\s+[a-z][\w-]*){1,3}")
_PARAGRAPH_SUBJECT = regex.compile(r"\s*(?:The|This) ([a-z][\w-]*)(?: ([a-z][\w-]*))?")
# "the snap election of 1 November", "the failed coup attempt of 15 July": up to four lowercase
# words between "the" and "of" just before a date (one of them an event noun, checked in code).
_SHIFT_TO_NAMED = regex.compile(r" (?:the|that)((?: [a-z][\w-]*){1,4}) of ")  # "... before| the snap election of |<date>"
_VALUE_END = regex.compile(r"$|[,;\n]| \(")  # the end of an infobox value or of its first item
_NAMED_BY_DATE = regex.compile(r"\b[Tt]he((?: [a-z][\w-]*){1,4}) of $")


def load_resource(name: str) -> dict:
    return json.loads((RESOURCES / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Interval:
    """An inclusive calendar interval and the unit it was written in."""

    start: dt.date
    end: dt.date
    granularity: str

    def shifted_years(self, years: int) -> "Interval":
        return Interval(_add_years(self.start, years), _add_years(self.end, years), self.granularity)


@dataclass(frozen=True)
class DateMention:
    start_char: int
    end_char: int
    text: str
    start: dt.date | None
    end: dt.date | None
    granularity: str
    anchor: dt.date | None = None


@dataclass
class Candidate:
    """A span that may be a date, with the groups its pattern captured."""

    start_char: int
    end_char: int
    kind: str
    groups: dict[str, str]
    source: str = "rule"
    priority: int = 0

    @property
    def length(self) -> int:
        return self.end_char - self.start_char

    def overlaps(self, other: "Candidate") -> bool:
        return self.start_char < other.end_char and other.start_char < self.end_char


# --------------------------------------------------------------------------- calendar helpers

def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_years(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, _last_day(year, day.month)))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _last_day(year, month + 1)))


def month_interval(year: int, month: int) -> Interval:
    return Interval(dt.date(year, month, 1), dt.date(year, month, _last_day(year, month)), "month")


def year_interval(year: int) -> Interval:
    return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def week_interval(day: dt.date) -> Interval:
    monday = day - dt.timedelta(days=day.weekday())
    return Interval(monday, monday + dt.timedelta(days=6), "week")


def day_interval(day: dt.date, granularity: str = "day") -> Interval:
    return Interval(day, day, granularity)


def interval_for_period(day: dt.date, period: str) -> tuple[dt.date, dt.date]:
    """The inclusive calendar interval of dateparser's ``period`` that holds ``day``."""
    if period == "year":
        i = year_interval(day.year)
    elif period == "month":
        i = month_interval(day.year, day.month)
    elif period == "week":
        i = week_interval(day)
    else:
        i = day_interval(day)
    return i.start, i.end


def _gap(a: Interval, b: Interval) -> int:
    """Days between two intervals; 0 when they overlap."""
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def _in_months_of(interval: Interval, event: Interval) -> bool:
    """Whether ``interval`` lies within the calendar months that ``event`` touches."""
    return (interval.start >= event.start.replace(day=1)
            and interval.end <= dt.date(event.end.year, event.end.month, _last_day(event.end.year, event.end.month)))


def place_in_year(make: Callable[[int], Interval | None], ref: Interval, side: str) -> Interval | None:
    """Give a year-less expression the year that puts it nearest ``ref`` (guidelines 3).

    ``side``: ``nearest``; ``forward`` (holding or after ``ref``, the way a
    narrative moves); ``in_year_or_forward`` (forward, or earlier in the year ``ref``
    ends in: the year in focus); ``backward`` (holding or before it, as after "since");
    ``after`` / ``before`` (strictly). Ties go to the candidate nearest the end
    of ``ref``, where the narrative has got to.
    """
    candidates = []
    for year in range(ref.start.year - 1, ref.end.year + 2):
        try:
            interval = make(year)
        except ValueError:  # 29 February in a common year
            continue
        if interval is None:
            continue
        if side == "forward" and interval.end < ref.start:
            continue
        if side == "in_year_or_forward" and interval.end < ref.start and interval.start.year != ref.end.year:
            continue
        if side == "backward" and interval.start > ref.end:
            continue
        if side == "after" and interval.start <= ref.end:
            continue
        if side == "before" and interval.end >= ref.start:
            continue
        candidates.append(interval)
    if not candidates:
        return None
    end_point = Interval(ref.end, ref.end, ref.granularity)
    return min(candidates, key=lambda c: (_gap(c, ref), _gap(c, end_point)))


def narrow(interval: Interval, unit: str, part: str, thirds: dict) -> Interval:
    """The first, middle or last third of ``interval`` (guidelines 3: early / mid / late)."""
    low, high = thirds[unit][part]
    start, end = interval.start, interval.end
    if unit == "month":
        last = _last_day(start.year, start.month)
        return Interval(start.replace(day=low), start.replace(day=min(high, last)), interval.granularity)
    if unit == "year":
        return Interval(dt.date(start.year, low, 1), month_interval(start.year, high).end, interval.granularity)
    if unit in ("decade", "century"):
        return Interval(dt.date(start.year + low, 1, 1), dt.date(start.year + high, 12, 31), interval.granularity)
    if unit == "season":
        first = _add_months(start, low)
        return Interval(first, month_interval(first.year, first.month).end, interval.granularity)
    return interval


# --------------------------------------------------------------------------- lexicon

class DateLexicon:
    """The word lists of ``lexicon.json``, looked up case-insensitively."""

    def __init__(self, data: dict):
        self.data = data
        self.months = {k.lower().rstrip("."): v for k, v in data["months"].items()}
        self.weekdays = {k.lower(): v for k, v in data["weekdays"].items()}
        self.seasons = {k.lower(): tuple(v) for k, v in data["seasons"].items()}
        self.parts = {k.lower(): v for k, v in {**data["part_words"], **data["part_nouns"]}.items()}
        self.thirds = data["thirds"]
        self.numbers = {k.lower(): v for k, v in {**data["number_words"], **data["vague_numbers"]}.items()}
        self.ordinals = {k.lower(): v for k, v in data["ordinals"].items()}
        self.units = {k.lower(): v for k, v in data["units"].items()}
        self.times_of_day = {k.lower(): _minutes(v) for k, v in data["times_of_day"].items()}
        self.holidays = {k.lower(): v for k, v in data["holidays"].items()}
        self.weekday_abbreviations = {k[:3]: v for k, v in self.weekdays.items()}
        self.event_nouns = {w.lower() for w in data["event_nouns"]}
        self.weekly_customs = {w.lower() for w in data["weekly_customs"]}
        # words after a holiday that keep it a day: "Christmas morning", "Easter weekend", "Christmas Day"
        self.holiday_time_words = ({w.lower() for w in data["holiday_time_words"]} | set(self.units)
                                   | {w for w in self.times_of_day if " " not in w}
                                   | {w.lower() for w in data["day_parts"]})
        self.temporal_cues = {w.lower() for w in data["temporal_cues"]}
        self.backward_cues = {w.lower() for w in data["backward_cues"]}
        self.forward_cues = {w.lower() for w in data["forward_cues"]}
        self.hypothetical_aux = {w.lower() for w in data["hypothetical_aux"]}
        self.later_death_verbs = {w.lower() for w in data["later_death_verbs"]}
        self.leading_words = sorted((w.lower() for w in data["leading_words"]), key=len, reverse=True)

    def alternation(self, name: str) -> list[str]:
        value = self.data[name]
        words = list(value) if isinstance(value, dict) else list(value)
        return sorted(words, key=len, reverse=True)

    def number(self, text: str | None) -> int | None:
        if not text:
            return None
        text = text.lower().strip()
        if text.isdigit():
            return int(text)
        return self.numbers.get(text)

    def ordinal(self, text: str) -> int | None:
        text = text.lower()
        digits = _DIGITS.match(text)
        return int(digits.group()) if digits else self.ordinals.get(text)

    def month(self, text: str) -> int:
        return self.months[text.lower().rstrip(".")]


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


# --------------------------------------------------------------------------- detection

#: Every character a temporal expression can begin with (see DateGrammar).
FIRST_CHARACTERS = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                    "'’\"(-–—")

MACRO = regex.compile(r"\{([A-Z][A-Z0-9_]*)(?::([a-z][a-z0-9_#]*))?(?:#(\w*))?\}")
LEXICON_REF = regex.compile(r"@(?:(i|c|l):)?([a-z_]+)")


def word_trie_pattern(words: Iterable[str]) -> str:
    """One regex for a list of literal words, written as a trie ("ma(?:rch|y)"): it
    matches where the plain alternation does, but stdlib ``re`` tries each next
    character once instead of each word in turn. An apostrophe matches either form,
    as in ``DateGrammar._words``."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict) -> str:
        alternatives = [("['’]" if ch == "'" else re.escape(ch)) + branch(node[ch])
                        for ch in sorted(k for k in node if k)]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + branch(trie) + ")"


def possible_first_characters(source: str) -> str:
    """The characters of FIRST_CHARACTERS a match of the pattern can begin with, found
    by partial matching: a lookahead for them never changes what the pattern matches."""
    pattern = regex.compile(source)
    return "".join(ch for ch in FIRST_CHARACTERS if pattern.match(ch, partial=True))


class DateGrammar:
    """The rule patterns, macros expanded and compiled once."""

    def __init__(self, lexicon: DateLexicon, spec: dict):
        self.lexicon = lexicon
        self.macros = spec["macros"]
        # Start and end at a word boundary; a "$" or a digit run does not start a date.
        sources = [rf"(?<![\w$£€/]|\d[.,:])(?:{self.expand(entry['pattern'], '')})(?!\w)"
                   for entry in spec["patterns"]]
        # Speed: fail at once where a pattern cannot start. Finding those characters
        # compiles every pattern once more, so it is kept in the build cache, keyed by
        # the patterns themselves.
        starts = cached_build("date-pattern-starts",
                              fingerprint(package_versions("regex") + ["\0".join(sources)]),
                              lambda: [possible_first_characters(source) for source in sources])
        self.patterns: list[tuple[str, regex.Pattern]] = [
            (entry["kind"], regex.compile(f"(?=[{regex.escape(first)}])" + source if first else source))
            for entry, source, first in zip(spec["patterns"], sources, starts)]
        # Speed: most patterns need a word most lines lack (a month, a weekday, a season...).
        # Each gate is one fast scan of the lowercased text (stdlib ``re``: no case folding),
        # and a pattern then runs only over the lines that hold all the gates it needs.
        # speed: a gate's word lists are written as tries, which ``re`` scans about twice
        # as fast as the plain alternation; the lines they pass are the same.
        self.gates = {name: re.compile(self.expand(self._gate_source(source), ""))
                      for name, source in spec["gates"].items() if not name.startswith("_")}
        self.needs = [tuple(entry["needs"]) for entry in spec["patterns"]]
        unknown = {n for needs in self.needs for n in needs} - set(self.gates)
        if unknown:
            raise ValueError(f"patterns.json: patterns need undefined gates {sorted(unknown)}")

    def _words(self, flag: str | None, name: str) -> str:
        # (an apostrophe in a listed name matches either form: "Valentine's", "Valentine’s")
        words = [regex.escape(w).replace("\\'", "'").replace("'", "['’]") for w in self.lexicon.alternation(name)]
        if flag == "i":
            return "(?i:" + "|".join(words) + ")"
        if flag == "l":
            return "(?:" + "|".join(w.lower() for w in words) + ")"
        if flag == "c":
            return "(?:" + "|".join(f"[{w[0].upper()}{w[0].lower()}]{w[1:]}" if w[0].isalpha() else w
                                    for w in words) + ")"
        return "(?:" + "|".join(words) + ")"

    def _gate_source(self, source: str) -> str:
        """A gate with its lowercased word lists ("@l:months") written as tries."""
        def trie(m: regex.Match) -> str:
            if m.group(1) != "l":
                return m.group(0)  # (gates are written in lowercase; other forms expand as usual)
            return word_trie_pattern(w.lower() for w in self.lexicon.alternation(m.group(2)))
        return LEXICON_REF.sub(trie, source)

    def expand(self, text: str, suffix: str) -> str:
        text = LEXICON_REF.sub(lambda m: self._words(m.group(1), m.group(2)), text)

        def macro(m: regex.Match) -> str:
            name, group, inner = m.group(1), m.group(2), m.group(3)
            body = self.expand(self.macros[name], suffix if inner is None else inner)
            if group:
                return f"(?P<{group.replace('#', suffix)}>{body})"
            return f"(?:{body})"

        text = MACRO.sub(macro, text)
        return regex.sub(r"\(\?P<(\w+)#>", lambda m: f"(?P<{m.group(1)}{suffix}>", text)

    def find(self, text: str, gated: bool = True) -> list[Candidate]:
        """Every match of every pattern (overlaps are settled later). ``gated=False`` scans
        the whole text with each pattern: the reference the gates must agree with."""
        spans = self._gated_spans(text) if gated else None
        found = []
        for priority, (kind, pattern) in enumerate(self.patterns):
            for start, end in ([(0, len(text))] if spans is None else spans[priority]):
                for m in pattern.finditer(text, start, end):
                    groups = {k: v for k, v in m.groupdict().items() if v is not None}
                    found.append(Candidate(m.start(), m.end(), kind, groups, "rule", priority))
        return found

    def _gated_spans(self, text: str) -> list[list[tuple[int, int]]] | None:
        """For each pattern, the runs of consecutive lines holding all the gates it needs
        (as (start, end) offsets), or None where the gates cannot be read."""
        lowered = text.lower()
        if len(lowered) != len(text):
            # speed: "İ" (Turkish dotted capital I, common in place names) lowercases to two
            # characters, which would shift every offset after it and leave the whole
            # article to the ungated scan (2-3x the time). Read as "i" it keeps the
            # offsets, and a gate can only let more lines through for it, never fewer.
            lowered = text.replace("\u0130", "i").lower()
            if len(lowered) != len(text):
                return None  # another letter whose lowercase is longer: offsets would shift
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        hits: dict[str, frozenset[int]] = {}
        for name, gate in self.gates.items():
            lines, pos = set(), 0
            while (m := gate.search(lowered, pos)) is not None:
                line = bisect.bisect_right(line_starts, m.start()) - 1
                lines.add(line)
                if line + 1 >= len(line_starts):
                    break
                pos = line_starts[line + 1]  # one hit is enough: go to the next line
            hits[name] = frozenset(lines)
        spans_by_needs: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        result = []
        for needs in self.needs:
            if needs not in spans_by_needs:
                lines = sorted(frozenset.intersection(*(hits[n] for n in needs)))
                runs: list[tuple[int, int]] = []
                for line in lines:
                    end = line_starts[line + 1] - 1 if line + 1 < len(line_starts) else len(text)
                    if runs and runs[-1][1] + 1 == line_starts[line]:
                        runs[-1] = (runs[-1][0], end)
                    else:
                        runs.append((line_starts[line], end))
                spans_by_needs[needs] = runs
            result.append(spans_by_needs[needs])
        return result


def select_longest(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then by pattern order."""
    chosen: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-c.length, c.priority, c.start_char)):
        if not any(c.overlaps(o) for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start_char)


# --------------------------------------------------------------------------- normalisation

class DateNormaliser:
    """dateparser, configured for articles, once per distinct calendar core."""

    def __init__(self) -> None:
        from dateparser.date import DateDataParser

        self._parser = DateDataParser(
            languages=["en"],
            settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                      "PREFER_DATES_FROM": "current_period", "RETURN_TIME_AS_PERIOD": True,
                      "RELATIVE_BASE": SENTINEL},
        )
        self._cache: dict[str, tuple[dt.datetime, str] | None] = {}

    def parse(self, core: str) -> tuple[dt.datetime, str] | None:
        """(datetime, period) for a calendar core; its year is SENTINEL's when none was written."""
        if core not in self._cache:
            data = self._parser.get_date_data(core)
            self._cache[core] = None if data.date_obj is None else (data.date_obj, data.period or "day")
        return self._cache[core]

    def interval(self, core: str) -> Interval | None:
        parsed = self.parse(core)
        if parsed is None:
            return None
        day, period = parsed
        start, end = interval_for_period(day.date(), period)
        return Interval(start, end, GRANULARITY_BY_PERIOD.get(period, "day"))

    def minutes(self, clock: str) -> int | None:
        parsed = self.parse(clock)
        if parsed is None or parsed[1] != "time":
            return None
        return parsed[0].hour * 60 + parsed[0].minute


# --------------------------------------------------------------------------- anchoring

@dataclass
class Narrative:
    """Where the article's story is, as the walk through its mentions goes on."""

    seed: Interval | None = None       # the main event: infobox Date, else the lead's first date
    last: Interval | None = None       # the latest placed expression: gives a missing year
    day: dt.date | None = None         # the narrative's current day: "the next day", weekdays
    clock_day: dt.date | None = None   # the day the clock has reached: times, "that evening"
    clock: int | None = None           # minutes after midnight of the latest time
    clock_dated: bool = False          # that time was written with its day ("3:30 a.m. on 26 May")
    section: str | None = None
    told_day: dt.date | None = None    # the day of the latest day or time written, looked back on or not
    left_behind: Interval | None = None  # the last date of the section before, when it lay past the event

    @property
    def seed_day(self) -> dt.date | None:
        return self.seed.start if self.seed else None


@dataclass
class Placement:
    """A resolved (or unresolvable) expression and how it bears on the narrative."""

    interval: Interval | None
    granularity: str
    anchor: dt.date | None = None
    role: str = "absolute"   # absolute | relative | clock | backward | hypothetical | background
    minutes: int | None = None


class DateResolver:
    """Turns candidates into intervals against a ``Narrative``; one per pipeline."""

    def __init__(self, lexicon: DateLexicon, normaliser: DateNormaliser):
        self.lex = lexicon
        self.norm = normaliser
        self._placed: dict[tuple, Interval | None] = {}
        self._handlers = {
            "date": self._date, "range": self._range, "season": self._season, "part": self._part,
            "decade": self._decade, "century": self._century, "holiday": self._holiday,
            "month": self._month, "year": self._year, "time_on_date": self._time_on_date,
            "weekday": self._weekday, "clock": self._clock, "tod": self._tod, "shift": self._shift,
            "period": self._period, "ordinal_day": self._ordinal_day, "vague": self._vague,
            "clock_range": self._clock_range, "event_day": self._event_day, "ner": self._ner,
            "anniversary": self._anniversary,
            "month_of_year": self._month_of_year, "week_of_month": self._week_of_month,
        }
        zones = "|".join(regex.escape(z) for z in lexicon.alternation("time_zones"))
        # What follows the clock itself: "07:58 CET", "1400 hours", "8:45 a.m. Varnel time"
        # (guidelines 3: part of the time); the named zones as the ZONE macro of patterns.json.
        self._clock_suffix = regex.compile(
            rf"\s*(?:hours|hrs|{zones}|(?:[A-Z][a-z]+ ){{1,2}}(?:[Ss]tandard |[Ss]ummer |[Dd]aylight )?[Tt]ime)$")

    def resolve(self, c: Candidate, state: Narrative, side: str) -> Placement:
        return self._handlers[c.kind](c.groups, state, side)

    def place(self, key: tuple, make: Callable[[int], Interval | None], ref: Interval,
              side: str) -> Interval | None:
        """``place_in_year``, once per (expression, anchor, side)."""
        cache_key = (key, ref, side)
        if cache_key not in self._placed:
            self._placed[cache_key] = place_in_year(make, ref, side)
        return self._placed[cache_key]

    # -- pieces ---------------------------------------------------------------

    def _year(self, g: dict, state: Narrative, side: str) -> Placement:
        return Placement(year_interval(int(g["y"])), "year")

    def _day_month(self, g: dict) -> tuple[str, Callable[[int], Interval | None], bool]:
        """The calendar core, a maker of its interval in a given year, and whether the text wrote the year."""
        d, m, y = g.get("d"), g.get("m"), g.get("y")
        core = " ".join(x for x in (d, m) if x)
        if y is not None:
            core = f"{core} {y}".strip()
            interval = self.norm.interval(core)
            return core, (lambda year, i=interval: i), True
        base = self.norm.interval(core)  # in the sentinel year

        def make(year: int, b: Interval | None = base) -> Interval | None:
            if b is None:
                return None
            if b.start.month == 2 and b.start.day == 29 and not calendar.isleap(year):
                return None
            return b.shifted_years(year - b.start.year)

        return core, make, False

    def _place(self, core: str, make: Callable[[int], Interval | None], has_year: bool,
               state: Narrative, side: str) -> tuple[Interval | None, dt.date | None]:
        if has_year:
            return make(0), None
        ref = state.last or state.seed
        if ref is None:
            return None, None
        placed = self.place(("date", core), make, ref, side)
        if (placed is not None and side == "nearest" and state.left_behind is not None
                and ref is state.seed and placed.end < ref.start):
            # A new section read against the main event, after the section before had taken the
            # story past it: a date the event would put before itself ("the report, released on
            # 8 December", after a sentencing in August of the next year) keeps to the story, the
            # year nearest the closest earlier date (guidelines 3).
            later = self.place(("date", core), make, state.left_behind, side)
            if later is not None:
                return later, state.left_behind.end
        seed = state.seed
        if (placed is not None and side == "nearest" and seed is not None and ref is not seed
                and ref.end < seed.start and placed.end < ref.start):
            # Background before the main event ("the first war ended in June of the year
            # before"), then a year-less date that the nearest year would put further back still:
            # a narrative that has moved on from a background date does not go back in time
            # silently (guidelines 3: "on the side the text implies"). When the date falls in the
            # main event's month(s), the story has returned to the event ("On January 9" in an
            # article on a January raid): it takes the event's year.
            own = self.place(("date", core), make, seed, side)
            if own is not None and _in_months_of(own, seed):
                return own, seed.end
        return placed, ref.end

    # -- absolute forms -------------------------------------------------------

    def _date(self, g: dict, state: Narrative, side: str) -> Placement:
        if "mm" in g:  # ISO
            return Placement(self.norm.interval(f"{g['y']}-{g['mm']}-{g['dd']}"), "day")
        core, make, has_year = self._day_month(g)
        interval = None
        if "wd" in g and "d" in g and not has_year:
            # "Sunday, April 23": the year in which the date falls on that weekday, if one is near.
            weekday = self.lex.weekdays[g["wd"].lower()]

            def on_weekday(year: int, make=make) -> Interval | None:
                i = make(year)
                return i if i is not None and i.start.weekday() == weekday else None

            interval, anchor = self._place(f"{g['wd']} {core}", on_weekday, False, state, side)
        if interval is None:
            interval, anchor = self._place(core, make, has_year, state, side)
        gran = interval.granularity if interval else ("day" if "d" in g else "month")
        return Placement(interval, gran, anchor, "absolute" if has_year else "relative")

    def _month(self, g: dict, state: Narrative, side: str) -> Placement:
        month = self.lex.month(g["m"])
        ref = state.last or state.seed
        if ref is None:
            return Placement(None, "month")
        if side == "backward" and state.seed is not None and ref.end < state.seed.start:
            # In background before the event, "had claimed bombings in February" points back
            # from the event the article tells, not from the background date just read.
            ref = state.seed
        # A bare month name stays in the year the story is in ("in late May" after 2 June is
        # that May), else the story moves forward to it ("In March" after 1 December 2010 is
        # March 2011, not the nearer March 2010 of the year before).
        interval = self.place(("month", month), lambda year: month_interval(year, month), ref,
                              "in_year_or_forward" if side == "nearest" else side)
        return Placement(interval, "month", ref.end, "relative")

    def _month_of_year(self, g: dict, state: Narrative, side: str) -> Placement:
        """"in June of that year", "March of the following year": the month of the year in focus."""
        ref = state.last or state.seed
        if ref is None:
            return Placement(None, "month")
        step = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}.get(
            g["rel"].lower(), 0)
        interval = month_interval(ref.start.year + step, self.lex.month(g["m"]))
        return Placement(interval, "month", ref.start, "relative")

    def _week_of_month(self, g: dict, state: Narrative, side: str) -> Placement:
        """"the second week of May 2010": days 8-14 of that month; "the last week" its last 7 days
        (guidelines 3: granularity week)."""
        if "y" in g:
            month, anchor, role = month_interval(int(g["y"]), self.lex.month(g["m"])), None, "absolute"
        else:
            placed = self._month({"m": g["m"]}, state, side)
            month, anchor, role = placed.interval, placed.anchor, "relative"
        if month is None:
            return Placement(None, "week", anchor)
        o = g["o"].lower()
        if o in ("last", "final"):
            start = month.end - dt.timedelta(days=6)
        else:
            start = month.start + dt.timedelta(days=7 * (self.lex.ordinal(o) - 1))
        return Placement(Interval(start, start + dt.timedelta(days=6), "week"), "week", anchor, role)

    def _range(self, g: dict, state: Narrative, side: str) -> Placement:
        if "y" in g and "m" not in g and "d" not in g:   # years only
            first = int(g["y"])
            if "ys" in g:
                last = first // 100 * 100 + int(g["ys"])
                if last < first:
                    last += 100
            else:
                last = int(g["y2"])
            if last < first:
                return Placement(None, "year")
            return Placement(Interval(dt.date(first, 1, 1), dt.date(last, 12, 31), "year"), "year")
        # The end is written in full (or as full as it gets); the start borrows what it lacks.
        right = dict(d=g.get("d2"), m=g.get("m2") or g.get("m"), y=g.get("y2"))
        left = dict(d=g.get("d"), m=g.get("m") or right["m"], y=g.get("y") or right["y"])
        right = {k: v for k, v in right.items() if v}
        left = {k: v for k, v in left.items() if v}
        core, make_right, has_year = self._day_month(right)
        end, anchor = self._place(core, make_right, has_year, state, side)
        if end is None:
            return Placement(None, "day" if "d" in right else "month", anchor)
        left["y"] = left.get("y") or str(end.start.year)
        start = self._day_month(left)[1](0)
        if start is None:
            return Placement(None, end.granularity, anchor)
        if start.start > end.end and "y" not in g:  # "30 December – 2 January 2020"
            start = start.shifted_years(-1)
        gran = "day" if "d" in g or "d2" in g else "month"
        minutes = None
        if "tod" in g:  # "the night of 5-6 June": a part of day, so a time (guidelines 3)
            gran, minutes = "time", self._clock_minutes(g["tod"])
        return Placement(Interval(start.start, end.end, gran), gran, anchor,
                         "absolute" if has_year else "relative", minutes)

    def _season_interval(self, season: str, year: int) -> Interval:
        first, last = self.lex.seasons[season.lower()]
        start = dt.date(year, first, 1)
        end_year = year + 1 if last < first else year
        return Interval(start, month_interval(end_year, last).end, "season")

    def _season(self, g: dict, state: Narrative, side: str) -> Placement:
        season = g["s"]
        if "y" in g:
            interval = self._season_interval(season, int(g["y"]))
            anchor, role = None, "absolute"
        else:
            ref = state.last or state.seed
            if ref is None:
                return Placement(None, "season")
            rel = (g.get("rel") or "").lower()
            side = _side_of_rel(rel, side, default="forward")
            interval = self.place(("season", season.lower()), lambda year: self._season_interval(season, year),
                                  ref, side)
            anchor, role = ref.end, "relative"
        if interval is not None and "p" in g:
            interval = narrow(interval, "season", self.lex.parts[g["p"].lower()], self.lex.thirds)
        return Placement(interval, "season", anchor, role)

    def _decade_interval(self, text: str) -> Interval:
        digits = _DIGITS.search(text).group()
        if len(digits) == 2:  # '90s: the twentieth century's, except '00s and '10s
            digits = ("20" if digits in ("00", "10") else "19") + digits
        first = int(digits)
        if first % 100 == 0 and first < 2000:  # "the 1800s" is a century
            return Interval(dt.date(first, 1, 1), dt.date(first + 99, 12, 31), "century")
        return Interval(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade")

    def _century_interval(self, text: str) -> Interval | None:
        n = self.lex.ordinal(text)
        if not n:
            return None
        first = (n - 1) * 100  # the guidelines' decades run 0-9, so centuries run 00-99
        return Interval(dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), "century")

    def _decade(self, g: dict, state: Narrative, side: str) -> Placement:
        interval = self._decade_interval(g["dec"])
        return Placement(interval, interval.granularity)

    def _century(self, g: dict, state: Narrative, side: str) -> Placement:
        interval = self._century_interval(g["cen"])
        return Placement(interval, "century")

    def _part(self, g: dict, state: Narrative, side: str) -> Placement:
        part = self.lex.parts[g["p"].lower().rstrip("-")]
        if "dec" in g:
            base, unit, anchor, role = self._decade_interval(g["dec"]), None, None, "absolute"
            unit = base.granularity
        elif "cen" in g:
            base, unit, anchor, role = self._century_interval(g["cen"]), "century", None, "absolute"
        elif "m" in g:
            if "y" in g:
                base, anchor, role = self.norm.interval(f"{g['m']} {g['y']}"), None, "absolute"
            else:
                placed = self._month({"m": g["m"]}, state, side)
                base, anchor, role = placed.interval, placed.anchor, "relative"
            unit = "month"
        else:
            base, unit, anchor, role = year_interval(int(g["y"])), "year", None, "absolute"
        if base is None:
            return Placement(None, unit or "year", anchor)
        narrowed = narrow(base, unit, part, self.lex.thirds)
        # "the first months of 2010", "the last weeks of May": the part names its own, finer
        # unit, which is the expression's granularity (guidelines 3); "the end of 2010" keeps
        # the year's.
        named = self.lex.units.get(g["p"].lower().rstrip("-").split()[-1])
        if named in PART_UNITS and base.granularity in ("year", "month") and \
                PART_UNITS.index(named) < PART_UNITS.index(base.granularity):
            narrowed = replace(narrowed, granularity=named)
        return Placement(narrowed, narrowed.granularity, anchor, role)

    def _holiday(self, g: dict, state: Narrative, side: str) -> Placement:
        rule = self.lex.holidays[g["hol"].lower().replace("’", "'")]
        # "the morning of Bastille Day": a part of that day, so a time (guidelines 3)
        gran = "time" if "tod" in g else "day"
        minutes = self._clock_minutes(g["tod"]) if "tod" in g else None

        def make(year: int) -> Interval:
            if rule.startswith("easter"):
                from dateutil.easter import easter

                return day_interval(easter(year) + dt.timedelta(days=int(rule[6:])), gran)
            month, day = rule.split("-", 1)
            if "#" in day:  # "11-thu#4": the fourth Thursday of November; "#-1": the last one
                weekday, nth = day.split("#")
                target = self.lex.weekday_abbreviations[weekday]
                days = [d for d in range(1, _last_day(year, int(month)) + 1)
                        if dt.date(year, int(month), d).weekday() == target]
                return day_interval(dt.date(year, int(month), days[int(nth) - 1 if int(nth) > 0 else int(nth)]), gran)
            return day_interval(dt.date(year, int(month), int(day)), gran)

        if "y" in g:
            return Placement(make(int(g["y"])), gran, None, "absolute", minutes)
        ref = state.last or state.seed
        if ref is None:
            return Placement(None, gran, None, "relative", minutes)
        # Like a bare month name, a bare holiday stays in the year the story is in or comes
        # after it ("reopened at Christmas" after 9 March 2014 is Christmas 2014).
        return Placement(self.place(("holiday", rule, gran), make, ref,
                                    "in_year_or_forward" if side == "nearest" else side),
                         gran, ref.end, "relative", minutes)

    def _event_day(self, g: dict, state: Narrative, side: str) -> Placement:
        """"the day of the attack", "the eve of the election": the main event's first day."""
        if state.seed is None:
            return Placement(None, "day")
        unit = g["u"].lower()
        day = state.seed.start - dt.timedelta(days=1 if unit == "eve" else 0)
        gran = "day" if unit in ("day", "eve") else "time"
        return Placement(day_interval(day, gran), gran, state.seed.start, "relative")

    def _anniversary(self, g: dict, state: Narrative, side: str) -> Placement:
        """"the first anniversary", "the eve of the tenth anniversary": whole years from the
        main event's first day (the day before it for "the eve of")."""
        n = self.lex.ordinal(g["o"])
        if not n or state.seed is None:
            return Placement(None, "day", state.seed_day)
        day = _add_years(state.seed.start, n)
        unit = (g.get("u") or "day").lower()
        if unit == "eve":
            day -= dt.timedelta(days=1)
        gran = "day" if unit in ("day", "eve") else "time"
        return Placement(day_interval(day, gran), gran, state.seed.start, "relative")

    def _ordinal_day(self, g: dict, state: Narrative, side: str) -> Placement:
        """"the fourth day": counted from the main event's first day."""
        n = self.lex.ordinal(g["o"])
        if not n or state.seed is None:
            return Placement(None, "day", state.seed_day)
        return Placement(day_interval(state.seed.start + dt.timedelta(days=n - 1)), "day",
                         state.seed.start, "relative")

    # -- times ----------------------------------------------------------------

    def _clock_minutes(self, text: str | None) -> int | None:
        if not text:
            return None
        key = text.lower().strip()
        if key in self.lex.times_of_day:
            return self.lex.times_of_day[key]
        clock = self._clock_suffix.sub("", text)
        military = _MILITARY_CLOCK.fullmatch(clock)  # "1400 hours"
        if military:
            return int(military.group(1)) * 60 + int(military.group(2))
        return self.norm.minutes(clock)

    def _time_on_date(self, g: dict, state: Narrative, side: str) -> Placement:
        placed = self._date({k: v for k, v in g.items() if k in ("d", "m", "y", "wd", "mm", "dd")}, state, side)
        # "14 May, 09:10–09:40": the clock moves on to the end of the span.
        minutes = self._clock_minutes(g.get("clk2") or g.get("clk") or g.get("tod"))
        interval = day_interval(placed.interval.start, "time") if placed.interval else None
        return Placement(interval, "time", placed.anchor, placed.role, minutes)

    def _clock(self, g: dict, state: Narrative, side: str) -> Placement:
        """A time alone: on the day the clock has reached, the next day once it passes midnight."""
        minutes = self._clock_minutes(g.get("clk") or g.get("tod"))
        if minutes is not None and g.get("cdir") and self.lex.number(g.get("n") or "") is not None:
            # "one minute before midnight": the clock moved by its distance (still that day).
            before = g["cdir"].lower() in ("before", "to")
            if before and minutes == 0:
                minutes = 24 * 60
            minutes = min(max(minutes + (-1 if before else 1) * self.lex.number(g["n"]), 0), 24 * 60 - 1)
        day = state.clock_day or state.day
        if day is None:
            return Placement(None, "time", None, "clock", minutes)
        rolled = (side != "backward" and minutes is not None and state.clock is not None
                  and state.clock >= 18 * 60 and minutes < 12 * 60)
        if rolled:
            day = day + dt.timedelta(days=1)
        return Placement(day_interval(day, "time"), "time", state.clock_day or state.day, "clock",
                         minutes)

    def _clock_range(self, g: dict, state: Narrative, side: str) -> Placement:
        """"from 6 p.m. to 6 a.m.": one mention, on the clock's day; the clock moves to its end."""
        placed = self._clock({"clk": g.get("clk")}, state, side)
        end = self._clock_minutes(g.get("clk2"))
        return replace(placed, minutes=end if end is not None else placed.minutes)

    def _tod(self, g: dict, state: Narrative, side: str) -> Placement:
        rel = (g.get("rel") or "").lower()
        # "9:30 p.m. that night": the clock, when written, says the time within the part of day.
        minutes = self._clock_minutes(g.get("clk") or g["tod"])
        if rel in ("the next", "the following"):
            if state.day is None:
                return Placement(None, "time")
            if (minutes is not None and minutes < 12 * 60 and state.clock is not None
                    and state.clock < SMALL_HOURS_END and state.clock_day is not None
                    and not state.clock_dated):
                # The story has run past midnight ("by 1 a.m. ..."): "the next morning" is the
                # morning after that night, the day the clock is already on. A small hour written
                # with its own day ("at 3:30 a.m. on 26 May") is that day's: the next morning is
                # the day after it.
                return Placement(day_interval(state.clock_day, "time"), "time", state.clock_day,
                                 "relative", minutes)
            return Placement(day_interval(state.day + dt.timedelta(days=1), "time"), "time",
                             state.day, "relative", minutes)
        if rel in ("the previous", "the preceding"):
            if state.day is None:
                return Placement(None, "time")
            return Placement(day_interval(state.day - dt.timedelta(days=1), "time"), "time",
                             state.day, "backward", minutes)
        if rel:  # "that evening", "the same evening": the day in focus
            day = state.clock_day or state.day
            if day is None:
                return Placement(None, "time")
            return Placement(day_interval(day, "time"), "time", day, "clock", minutes)
        return self._clock({"clk": g["tod"]}, state, side)  # "by late afternoon", "at lunchtime"

    def _weekday(self, g: dict, state: Narrative, side: str) -> Placement:
        """The nearest such day to the narrative's day, on the side the words imply (guidelines 3)."""
        gran = "time" if ("tod" in g or "clk" in g or "tp" in g) else "day"  # ("early on Friday")
        minutes = self._clock_minutes(g.get("clk") or g.get("tod"))
        target = self.lex.weekdays[g["wd"].lower()]
        if state.day is None:
            if state.last is not None and state.last.granularity == "week":
                # "The next week ... on Friday": that week's Friday.
                day = state.last.start + dt.timedelta(days=(target - state.last.start.weekday()) % 7)
                return Placement(day_interval(day, gran), gran, state.last.start, "relative", minutes)
            return Placement(None, gran, None, "relative", minutes)
        offset = (target - state.day.weekday()) % 7     # 0..6 forward
        rel = (g.get("rel") or "").lower()
        side = _side_of_rel(rel, side, default="nearest")
        if side in ("after",):
            offset = offset or 7
        elif side in ("before",):
            offset = offset - 7 if offset else -7
        elif side == "backward":
            offset = offset - 7 if offset else 0
        elif side == "nearest" and offset > 3:
            offset -= 7
        day = state.day + dt.timedelta(days=offset)
        interval = day_interval(day, gran)
        if "wd2" in g:  # "the following Monday and Tuesday": from the first to the next such second day
            last = day + dt.timedelta(days=(self.lex.weekdays[g["wd2"].lower()] - target) % 7 or 7)
            interval = Interval(day, last, gran)
        return Placement(interval, gran, state.day, "backward" if offset < 0 else "relative", minutes)

    # -- relative forms -------------------------------------------------------

    def _shift(self, g: dict, state: Narrative, side: str) -> Placement:
        """"two days later", "three weeks earlier", "two days after the attack"."""
        unit = self.lex.units[g["u"].lower()]
        # "Minutes later": no number, so no shift at the clock's grain; "Hours after the attack"
        # is within the event's day.
        n = self.lex.number(g["n"]) if "n" in g else (0 if unit in ("minute", "hour") else None)
        direction = g["dir"].lower()
        backward = direction in ("earlier", "before", "prior", "beforehand")
        sign = -1 if backward else 1
        base = self._event_base(g, state)
        role = "backward" if backward else "relative"
        if "on_year" in g:  # counted from a year naming an event: a year, or nothing finer
            if unit != "year" or n is None:
                return Placement(None, "year")
            interval = year_interval(int(g["on_year"]) + sign * n)
            return Placement(interval, "year", dt.date(int(g["on_year"]), 1, 1), role)
        if unit in ("minute", "hour"):
            day = base if "ev" in g else (state.clock_day or state.day)
            if unit == "minute" and "ev" in g and state.day is not None:
                # "Minutes after the assault in <town>": an event minutes away is the scene
                # just told, on the story's day, not the main event days before.
                day = state.clock_day or state.day
            if day is None or n is None:
                return Placement(None, "time")
            # From the clock when it is known (else midday), so that "48 hours later" changes day.
            start = state.clock if state.clock is not None and "ev" not in g else 12 * 60
            minutes = start + sign * n * (60 if unit == "hour" else 1)
            shifted = day + dt.timedelta(days=minutes // (24 * 60))
            # "two hours after the attack" returns the story to the event's day.
            return Placement(day_interval(shifted, "time"), "time", day,
                             "backward" if backward else ("relative" if "ev" in g else "clock"),
                             minutes % (24 * 60))
        ref = state.last
        if (base is None and n is not None and ref is not None and "ev" not in g
                and direction in ("later", "earlier", "afterwards", "afterward", "beforehand")
                and unit in ("month", "year") and ref.granularity in ("month", "year")
                and not (unit == "month" and ref.granularity == "year")):
            # "In June 2012 ... three months earlier": from a month or year, not a day, the
            # shift lands on a month (or year) of the same unit as the anchor ("N years after
            # <something>" counts from that something, not from the narrative). Months from a
            # year alone ("in 2012 ... three months earlier") say no year: left unplaced.
            first = _add_months(ref.start.replace(day=1), sign * n * (12 if unit == "year" else 1))
            interval = (month_interval(first.year, first.month) if ref.granularity == "month"
                        else year_interval(first.year))
            return Placement(interval, interval.granularity, ref.start, role)
        if base is None or n is None:
            return Placement(None, "day", base)
        if unit == "day":
            day = base + dt.timedelta(days=sign * n)
        elif unit in ("week", "fortnight"):
            day = base + dt.timedelta(days=sign * n * (14 if unit == "fortnight" else 7))
        elif unit == "month":
            day = _add_months(base, sign * n)
            if "exact" not in g and n != 1:
                # "Three months later": the unit of the expression is the month (guidelines 3:
                # granularity), so it denotes that month, as "June 2015" does; "three months to
                # the day after" keeps the day, and so does a single month counted from a day
                # ("a month after the attack", like "a year after the attack"): the day one
                # month on.
                return Placement(month_interval(day.year, day.month), "month", base, role)
        elif unit == "year":
            day = _add_years(base, sign * n)
        else:
            return Placement(None, "day", base)
        return Placement(day_interval(day), "day", base, role)

    @staticmethod
    def _event_base(g: dict, state: Narrative) -> dt.date | None:
        """The day a shift counts from. After "the <event>", the article's main event; after
        "that <event>" (a demonstrative: the one just told, "three years to the day after
        that raid"), the latest day written; otherwise the story's day."""
        if "on" in g:  # counted from a date naming the event ("before the vote of 5 May")
            return dt.date.fromisoformat(g["on"])
        if "ev" in g and (g.get("evdet") or "").lower() == "that" and (state.told_day or state.day):
            return state.told_day or state.day  # (even one told looking back: "had raided ... on 15 May")
        if "ev" in g and state.seed:
            return state.seed_day
        return state.day

    def _period(self, g: dict, state: Narrative, side: str) -> Placement:
        """"the next day", "the following week", "that month", "the day before"."""
        rel = g["rel"].lower()
        unit = g.get("u", "day").lower()
        step = {"the next": 1, "the following": 1, "the subsequent": 1, "after": 1,
                "the previous": -1, "the preceding": -1, "the prior": -1, "before": -1}.get(rel, 0)
        role = "backward" if step < 0 else "relative"
        if unit in ("day", "weekend", "week", "fortnight"):
            base = self._event_base(g, state)
            if base is None:
                return Placement(None, "week" if unit != "day" else "day")
            if unit == "day" and "tod" in g:  # "the evening after the vote"
                return Placement(day_interval(base + dt.timedelta(days=step), "time"), "time", base,
                                 role, self._clock_minutes(g["tod"]))
            if unit == "day":
                return Placement(day_interval(base + dt.timedelta(days=step)), "day", base, role)
            if unit == "weekend":
                saturday = base + dt.timedelta(days=(5 - base.weekday()) % 7 + 7 * max(step - 1, 0)
                                               if step >= 0 else -((base.weekday() - 5) % 7 or 7))
                return Placement(Interval(saturday, saturday + dt.timedelta(days=1), "week"),
                                 "week", base, role)
            interval = week_interval(base + dt.timedelta(days=7 * step))
            return Placement(interval, "week", base, role)
        ref = state.last or state.seed
        if ref is None:
            return Placement(None, unit)
        if unit == "month":
            first = _add_months(ref.start.replace(day=1), step)
            interval = month_interval(first.year, first.month)
        else:
            interval = year_interval(ref.start.year + step)
        if "p" in g:  # "early the following year": its first third (guidelines 3)
            interval = narrow(interval, unit, self.lex.parts[g["p"].lower()], self.lex.thirds)
        return Placement(interval, unit, ref.start, role)

    def _vague(self, g: dict, state: Narrative, side: str) -> Placement:
        """"over the next few days": optional in the gold; the span the words suggest."""
        unit = self.lex.units[g["u"].lower()]
        n = self.lex.number(g.get("n")) or 3
        if unit == "hour":
            day = state.clock_day or state.day
            return Placement(day_interval(day, "time") if day else None, "time", day, "background")
        if unit == "month":
            ref = state.last or state.seed
            if ref is None:
                return Placement(None, "month")
            first = _add_months(ref.end.replace(day=1), 1)
            last = _add_months(first, n - 1)
            return Placement(Interval(first, month_interval(last.year, last.month).end, "month"),
                             "month", ref.end, "background")
        if state.day is None:
            return Placement(None, "day")
        days = n * (7 if unit == "week" else 1)
        return Placement(Interval(state.day + dt.timedelta(days=1), state.day + dt.timedelta(days=days),
                                  "day" if unit == "day" else "week"),
                         "day" if unit == "day" else "week", state.day, "background")

    def _ner(self, g: dict, state: Narrative, side: str) -> Placement:
        """A spaCy entity no pattern covers: dateparser alone, a missing year from the narrative."""
        text = g["text"]
        parsed = self.norm.interval(text)
        gran = "time" if g.get("label") == "TIME" else "day"
        if parsed is None:
            return Placement(None, gran)
        if YEAR_IN_TEXT.search(text):
            return Placement(parsed, parsed.granularity)
        ref = state.last or state.seed
        if ref is None or parsed.start.year != SENTINEL.year:
            return Placement(None, parsed.granularity)
        interval = self.place(("ner", text), lambda year: parsed.shifted_years(year - parsed.start.year),
                              ref, side)
        return Placement(interval, parsed.granularity, ref.end, "relative")


#: A paragraph whose last date lies further than this (in days) from the main event was an aside.
DIGRESSION_DAYS = 365
#: How far past the main event a story may have moved for a dateless paragraph to return it there.
DATELESS_RETURN_DAYS = 2

#: How near the main event (in days) the story must still be for a paragraph that has lost its day
#: to return to the event's day.
LOST_DAY_RETURN_DAYS = 62

#: Units a part of a month or year may name ("the first weeks of"), finest first.
PART_UNITS = ("day", "week", "month", "year")

#: Expressions that are read against the narrative's day, and those of them that are a time alone.
DAY_READING_KINDS = frozenset({"clock", "clock_range", "tod", "period", "weekday", "shift"})
CLOCK_KINDS = frozenset({"clock", "clock_range", "tod"})

#: A placed span longer than this (in days) does not move the narrative (see DateFinder._advance).
LONG_SPAN_DAYS = 366

#: Minutes after midnight before which a time still belongs to the night before (for "the next morning").
SMALL_HOURS_END = 5 * 60

YEAR_IN_TEXT = regex.compile(r"(?<!\d)(?:1[0-9]\d\d|20\d\d)(?!\d)")


def _side_of_rel(rel: str, side: str, default: str) -> str:
    """Which side of the anchor a determiner puts an expression on."""
    if rel in ("the following", "the next", "next", "the subsequent"):
        return "after"
    if rel in ("the previous", "the preceding", "last", "the prior"):
        return "before"
    if rel in ("that", "this", "the same"):
        return "nearest"
    return side if side != "nearest" else default


# --------------------------------------------------------------------------- the component

class DateFinder:
    """The ``extract_dates`` component: detect, exclude, anchor, normalise."""

    def __init__(self, nlp: Language, name: str, labels: list[str]):
        self.name = name
        self.labels = tuple(labels)
        self.lexicon = DateLexicon(load_resource("lexicon.json"))
        self.grammar = DateGrammar(self.lexicon, load_resource("patterns.json"))
        exclusions = load_resource("exclusions.json")
        self.not_dates = [regex.compile(p, regex.IGNORECASE)
                          for key in ("durations", "ages", "vague") for p in exclusions[key]]
        self.generic_tod = {p.lower() for p in exclusions["generic_times_of_day"]}
        self.number_label_nouns = {w.lower() for w in exclusions["number_label_nouns"]}
        self.infobox_count_keys = {w.lower() for w in exclusions["infobox_count_keys"]}
        self.resolver = DateResolver(self.lexicon, DateNormaliser())
        months = "|".join(regex.escape(m) for m in self.lexicon.alternation("months"))
        # What a spaCy entity needs before it is worth dateparser's time.
        self.calendar_signal = regex.compile(
            rf"(?<!\d)(?:1[0-9]\d\d|20\d\d)(?!\d)|\b(?:{months})(?!\w)|\b(?:{'|'.join(self.lexicon.weekdays)})\b"
            r"|\d\s?(?:[ap]\.?m\b|[ap]\.m\.)|\b\d{1,2}:\d\d\b", regex.IGNORECASE)
        leading = "|".join(regex.escape(w) for w in self.lexicon.leading_words)
        self.leading = regex.compile(rf"^(?:(?:{leading})\s+)+", regex.IGNORECASE)

    # -- detection --------------------------------------------------------------

    def candidates(self, doc: Doc, text: str) -> tuple[list[Candidate], list[Candidate]]:
        """(accepted, excluded) rule and entity candidates, in text order (``text`` is
        ``doc.text``, which spaCy rebuilds on every access)."""
        accepted, excluded = [], []
        for c in self.grammar.find(text):
            (accepted if self._accept(c, doc, text) else excluded).append(c)
        chosen = select_longest(accepted)
        blocked = chosen + excluded
        for ent in doc.ents:
            if ent.label_ not in self.labels:
                continue
            probe = Candidate(ent.start_char, ent.end_char, "ner", {})
            if any(probe.overlaps(o) for o in blocked):
                continue
            c = self._entity_candidate(ent)
            if c is not None:
                chosen.append(c)
        return sorted(chosen, key=lambda c: c.start_char), excluded

    def _entity_candidate(self, ent) -> Candidate | None:
        raw = ent.text
        trimmed = self.leading.sub("", raw)
        start = ent.start_char + (len(raw) - len(trimmed))
        trimmed = trimmed.rstrip(" ,.;:")
        if not trimmed or any(p.search(trimmed) for p in self.not_dates):
            return None
        if not self.calendar_signal.search(trimmed):
            return None
        if trimmed.lower().rstrip(".") in self.lexicon.months and (
                ent.start == 0 or ent.doc[ent.start - 1].lower_ not in self.lexicon.temporal_cues):
            return None  # a month name alone needs a temporal word before it ("a March on X")
        return Candidate(start, start + len(trimmed), "ner", {"text": trimmed, "label": ent.label_}, "ner", 99)

    def _words_before(self, text: str, start: int, n: int = 3) -> list[str]:
        before = text[max(0, start - 40):start]
        return _WORD.findall(before)[-n:]

    def _accept(self, c: Candidate, doc: Doc, text: str) -> bool:
        """Rule candidates that need their context: bare years, months, weekdays, times of day."""
        before = [w.lower() for w in self._words_before(text, c.start_char)]
        prev = before[-1] if before else ""
        prev2 = " ".join(before[-2:])
        after = text[c.end_char:c.end_char + 40]
        next_word = (_NEXT_WORD.match(after) or [None, ""])[1]
        cue = prev in self.lexicon.temporal_cues or prev2 in self.lexicon.temporal_cues
        g = c.groups
        if c.kind == "year" or (c.kind == "range" and set(g) <= {"y", "y2", "ys"}):
            if self._inside_name(c, text, next_word, cue) or self._counts_something(doc, c):
                return False
            if not cue and self._after_name_word(c, doc, text):
                return False  # "Resolution 1973", "Flight 1549": a number inside a name
            if prev in self.number_label_nouns and text[c.start_char - 1:c.start_char] == " ":
                return False  # "room 1808", "platform 1912": a number the noun is labelled by
            if prev == "of" and self._name_of_year(c, doc, text):
                return False  # "the Reform Act of 1832", "the War of 1812"
            in_brackets = text[c.start_char - 1:c.start_char] == "(" and after[:1] == ")"
            # "the 1982–1984 deployment": a span of years before a lowercase noun dates it (a
            # number that counted something was dropped above; a capitalised word makes a name).
            spans_years = (c.kind == "range" and "y2" in g and next_word[:1].islower()
                           and self._modifies_singular_noun(doc, c))
            return (cue or in_brackets or spans_years or self._labelled_date(doc, c)
                    or self._opens_infobox_value(doc, c, text))
        if c.kind == "weekday":
            if not (g.get("rel") or g.get("tod") or g.get("clk") or g.get("tp") or cue):
                if prev == "the" and set(g) <= {"wd"} and self._event_noun_follows(c, text):
                    # "the Friday raid" dates the event it names: kept, like "the 12 October
                    # attack", only when it falls on the main event (checked in __call__).
                    c.groups["names_event"] = "1"
                    return True
                return False
            if set(g) <= {"wd"} and self._names_a_custom(doc, c):
                return False  # "during Friday prayers", "after Sunday mass": a weekly custom, not a day
            # "Bloody Sunday": a capitalised word before the weekday makes it a name
            # (not before "the following Sunday", where the determiner starts the mention).
            if not g.get("rel") and self._after_name_word(c, doc, text):
                return prev in self.lexicon.temporal_cues
            return True
        if c.kind == "tod" and not g.get("rel"):
            phrase = f"{prev} {text[c.start_char:c.end_char]}".lower()
            return phrase not in self.generic_tod
        if c.kind in ("month", "date") and set(g) <= {"m"}:
            return not self._in_named_entity(doc, c, ("PERSON", "ORG", "WORK_OF_ART"))
        if c.kind == "holiday" and not cue and "tod" not in g and self._after_name_word(c, doc, text):
            # "the Riverton Easter bombing", "Orthodox Christmas": a capitalised word before the
            # holiday makes it part of a name (or another calendar's feast), as for "Bloody Sunday".
            return False
        if c.kind == "holiday" and "tod" not in g and self._holiday_modifies_noun(doc, c):
            return False  # "the Christmas fair", "Easter shopping": a kind of thing, no day
        if c.kind in ("date", "holiday") and "y" not in g:
            # "the 17 March Brigade", "the September 11 attacks", "the Easter riots",
            # "Christmas Island": a date inside a name.
            if prev == "the" and next_word[:1].isupper() or c.kind == "holiday" and next_word[:1].isupper():
                return False
            if not cue and self._event_noun_follows(c, text):
                # "the September 11 attacks" names another event; "the 12 October attack" in
                # an article on that attack describes it: kept only if it falls on the main
                # event (checked once the event is known, in __call__).
                c.groups["names_event"] = "1"
        return True

    def _inside_name(self, c: Candidate, text: str, next_word: str, cue: bool) -> bool:
        """A year inside a name: "the 2009 X attack", "2011–2013 X crisis" (guidelines 3): no
        temporal word before it and a capitalised word after it. Before lowercase words ("the
        1992 standoff", "a 1971 coup") the year describes the event and is a date."""
        if cue or not next_word:
            return False
        return next_word[:1].isupper() and next_word.lower() not in self.lexicon.months

    def _name_of_year(self, c: Candidate, doc: Doc, text: str) -> bool:
        """"<Name> of <year>": a capitalised word, not a month or season and not the first of its
        sentence, before the "of" that leads to the year makes the year part of a name."""
        m = _NAME_OF_BEFORE.search(text[max(0, c.start_char - 40):c.start_char])
        if m is None or m.group(1).lower().rstrip(".") in self.lexicon.months or \
                m.group(1).lower() in self.lexicon.seasons:
            return False
        return not self._sentence_start(doc, c.start_char - len(m.group(0)))

    def _after_name_word(self, c: Candidate, doc: Doc, text: str) -> bool:
        """A capitalised word, not the first of its sentence, just before the candidate."""
        m = _NAME_BEFORE.search(text[max(0, c.start_char - 40):c.start_char])
        if m is None:
            return False
        word_start = c.start_char - len(m.group(0))
        return not self._sentence_start(doc, word_start)

    def _holiday_modifies_noun(self, doc: Doc, c: Candidate) -> bool:
        """A holiday right before a lowercase common noun that is no word of time ("the Christmas
        market", "Easter holidays shopping", "a Christmas tree") describes a kind of thing, not a
        day (guidelines 3: only expressions that place something on the calendar). "Christmas
        morning", "the Easter weekend" stay dates; an event noun ("the Easter bombings") is left
        to the check for a named event."""
        span = doc.char_span(c.start_char, c.end_char, alignment_mode="expand")
        if span is None or span.end >= len(doc):
            return False
        after = doc[span.end]
        return (after.pos_ == "NOUN" and after.text[:1].islower() and after.idx == c.end_char + 1
                and after.lower_ not in self.lexicon.holiday_time_words
                and after.lower_ not in self.lexicon.event_nouns)

    def _event_noun_follows(self, c: Candidate, text: str) -> bool:
        """An event noun among the (up to three) lowercase words after the candidate."""
        following = _LOWERCASE_WORDS_AFTER.match(text[c.end_char:c.end_char + 60])
        words = following.group().split() if following else []
        return any(w in self.lexicon.event_nouns for w in words)

    @staticmethod
    def _lone_leap(mentions: list[DateMention], seed: Interval, text: str) -> bool:
        """The paragraph that ended far from the main event held just that date, or began near
        the event: it wandered off in an aside ("she was murdered on 4 July ... Halvorsen died in May 1978 when ..."). A
        paragraph that began far away (a trial two years on, told date by date) is a story
        that has moved on."""
        para_start = text.rfind("\n\n", 0, mentions[-1].start_char)
        first = next((m for m in mentions if m.start_char >= para_start and m.start is not None), None)
        if first is None or first is mentions[-1]:
            return True  # the paragraph's only date: a lone aside
        return _gap(Interval(first.start, first.end, first.granularity), seed) <= DIGRESSION_DAYS

    def _count_from_named_event(self, shift: Candidate, named: Candidate, doc: Doc, text: str,
                                state: Narrative) -> None:
        """"three weeks before the snap election of 30 March 2014": the shift counts from the
        date that names the event right after it (guidelines 3: a relative expression resolves
        against the event it is told from), not from the story's day."""
        between = text[shift.end_char:named.start_char]
        if between == " the " and named.kind == "year" and self._event_noun_follows(named, text):
            # "a year after the 2014 riots": years from that year
            shift.groups["on_year"] = named.groups["y"]
            return
        m = _SHIFT_TO_NAMED.fullmatch(between)
        if m is None or not any(w in self.lexicon.event_nouns for w in m.group(1).split()):
            return
        placed = self.resolver.resolve(named, state, self._side(named, doc, text))
        if placed.interval is not None:
            shift.groups["on"] = placed.interval.start.isoformat()

    def _names_other_event(self, c: Candidate, text: str) -> bool:
        """The date closes "the <event noun phrase> of" (it names an event by its date), or a
        year opens "the <year> <event noun>" ("the 2014 riots")."""
        if c.kind == "year" or (c.kind == "range" and set(c.groups) <= {"y", "y2", "ys"}):
            return (text[max(0, c.start_char - 4):c.start_char].lower() == "the "
                    and self._event_noun_follows(c, text))
        if c.kind not in ("date", "range", "time_on_date", "month", "holiday"):
            return False
        m = _NAMED_BY_DATE.search(text[max(0, c.start_char - 60):c.start_char])
        return m is not None and any(w in self.lexicon.event_nouns for w in m.group(1).split())

    def _paragraph_opens_on_event(self, doc: Doc, text: str, after: int, start: int) -> bool:
        """A paragraph break between ``after`` and ``start``, and the paragraph holding ``start``
        opens with "The <event noun>" as its sentence's subject ("The attack was ...", "The
        siege had ended ..."); not a noun it modifies ("The siege memorial was unveiled ...",
        "The attack suspect appeared ...": another thing, on another day)."""
        brk = text.rfind("\n\n", after, start)
        if brk < 0:
            return False
        m = _PARAGRAPH_SUBJECT.match(text[brk:start])
        if m is None:
            return False
        for k in (1, 2):
            if m.group(k) and m.group(k) in self.lexicon.event_nouns:
                span = doc.char_span(brk + m.start(k), brk + m.end(k), alignment_mode="expand")
                if span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "ROOT"):
                    return True
        return False

    @staticmethod
    def _sentence_start(doc: Doc, char: int) -> bool:
        span = doc.char_span(char, char + 1, alignment_mode="expand") if char >= 0 else None
        return span is None or span[0].is_sent_start

    @staticmethod
    def _labelled_date(doc: Doc, c: Candidate) -> bool:
        span = doc.char_span(c.start_char, c.end_char, alignment_mode="expand")
        return span is not None and any(t.ent_type_ == "DATE" for t in span)

    def _counts_something(self, doc: Doc, c: Candidate) -> bool:
        """"1500 soldiers": a number that counts a plural noun is no year (but "the 1998
        bombings" dates events: an event noun is not what a year-like number counts)."""
        span = doc.char_span(c.start_char, c.end_char, alignment_mode="expand")
        return span is not None and any(
            t.like_num and t.dep_ == "nummod" and t.head.tag_ == "NNS" and t.head.i > t.i
            and t.head.lower_ not in self.lexicon.event_nouns for t in span)

    def _names_event_weekday(self, c: Candidate, seed: Interval) -> bool:
        """"when the gunmen struck on Friday morning": the weekday the main event fell on."""
        wd = c.groups.get("wd") if c.kind == "weekday" else None
        return bool(wd) and self.lexicon.weekdays.get(wd.lower()) == seed.start.weekday()

    @staticmethod
    def _modifies_singular_noun(doc: Doc, c: Candidate) -> bool:
        """The span stands between a determiner and a singular noun phrase, as a modifier:
        "the 2003–2005 mission", "its 1998–2001 peacekeeping role". Not "1200–1500 refugees"
        (it counts them), "rooms 1201–1210 were sealed", "cost 1500–2000 each"."""
        span = doc.char_span(c.start_char, c.end_char, alignment_mode="expand")
        if span is None or span.start == 0 or span.end >= len(doc):
            return False
        before, after = doc[span.start - 1], doc[span.end]
        return (before.pos_ == "DET" or before.dep_ == "poss") and after.tag_ in ("NN", "JJ", "VBG")

    def _opens_infobox_value(self, doc: Doc, c: Candidate, text: str) -> bool:
        """"Trial: 2016–2018, <court>", "Date: 1979": a year or span of years that opens an
        infobox value, alone or before a comma, is that entry's date; not under a key that
        counts ("Deaths: 1500")."""
        article = getattr(doc._, "article", None)
        if article is None or not _VALUE_END.match(text, c.end_char):
            return False
        for entry in article.layout.infobox:
            if entry.start_char == c.start_char:
                return not any(w in self.infobox_count_keys for w in _WORD.findall(entry.key.lower()))
        return False

    def _names_a_custom(self, doc: Doc, c: Candidate) -> bool:
        """The weekday is a compound on a custom noun after it ("Friday prayers", "Sunday
        service"): a custom held that day of every week (lexicon weekly_customs). Other nouns
        after it ("the Friday raid", "Monday programmes") are dated by it instead."""
        span = doc.char_span(c.start_char, c.end_char, alignment_mode="expand")
        if span is None or span.end >= len(doc):
            return False
        after = doc[span.end]
        return after.lower_ in self.lexicon.weekly_customs and span[-1].dep_ == "compound"

    @staticmethod
    def _in_named_entity(doc: Doc, c: Candidate, labels: tuple[str, ...]) -> bool:
        span = doc.char_span(c.start_char, c.end_char, alignment_mode="expand")
        return span is not None and any(t.ent_type_ in labels for t in span)

    # -- anchoring --------------------------------------------------------------

    def _side(self, c: Candidate, doc: Doc, text: str) -> str:
        """Which side of the anchor the text puts the expression on (guidelines 3): the word
        just before ("since August"), an adverb a little before ("Earlier, at 10 a.m."), or
        the pluperfect of its verb ("had bought rifles in August"), except after "by" ("by
        5 a.m. the crews had cleared"), where the narrative goes on forward."""
        before = [w.lower() for w in self._words_before(text, c.start_char, 3)]
        prev = before[-1] if before else ""
        clock_first = c.kind in ("clock", "clock_range", "tod") or (
            c.kind == "time_on_date" and ("clk" in c.groups or "tod" in c.groups))
        if prev == "before" and clock_first:
            pass  # "shortly before midnight on 5 May": before the time, not before the narrative
        elif prev in self.lexicon.backward_cues or any(w in ("earlier", "previously") for w in before):
            return "backward"
        if prev in ("until", "till"):
            return "forward"
        verb = self._governing_verb(c, doc)
        if prev != "by" and self._pluperfect(verb) and not (
                "y" not in c.groups and self._fronted_in_own_clause(c, verb)):
            return "backward"
        return "nearest"

    @staticmethod
    def _governing_verb(c: Candidate, doc: Doc):
        """The verb the expression hangs from (its root if none is near)."""
        span = doc.char_span(c.start_char, c.end_char, alignment_mode="expand")
        if span is None:
            return None
        token = span.root
        for _ in range(4):
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        return token

    @staticmethod
    def _fronted_in_own_clause(c: Candidate, verb) -> bool:
        """"had found the papers, and on 21 May the police issued a warrant": a date that opens a
        coordinated clause, before that clause's own subject, sets that clause's time; the
        clause goes on with the story rather than sharing the pluperfect of the one before.
        (Asked only for a year-less date, whose year depends on it: a date with its year keeps
        to the background role the pluperfect gives it.)"""
        if verb is None or verb.dep_ != "conj":
            return False
        subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
        return bool(subjects) and verb.head.i < subjects[0].i and c.end_char <= subjects[0].idx \
            and c.start_char > verb.head.idx

    @staticmethod
    def _pluperfect(verb) -> bool:
        """"had bought rifles in August", and a verb coordinated with one ("had sold it, and he
        drove it north in May"): the second verb shares the first one's past."""
        def had(v) -> bool:
            return v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in v.children)
        if verb is None:
            return False
        # (a coordinated verb with an auxiliary of its own has its own tense: "had destroyed a
        # warehouse in 2012, and on 9 January the owner was arrested")
        own_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        return had(verb) or (verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and had(verb.head)
                             and not own_aux)

    def _dates_a_death(self, c: Candidate, doc: Doc) -> bool:
        """The expression hangs from a verb of dying (lexicon later_death_verbs)."""
        verb = self._governing_verb(c, doc)
        return verb is not None and verb.lemma_.lower() in self.lexicon.later_death_verbs

    def _hypothetical(self, c: Candidate, doc: Doc) -> bool:
        """A relative date in a plan, threat or condition ("threatened to act the next day")."""
        verb = self._governing_verb(c, doc)
        return verb is not None and any(
            child.dep_ in ("aux", "mark") and child.lower_ in self.lexicon.hypothetical_aux
            for child in verb.children)

    def _seed(self, doc: Doc, chosen: list[Candidate], excluded: list[Candidate]) -> Interval | None:
        """The article's main event: the infobox Date, else the lead's first full date, else the title's year."""
        article = getattr(doc._, "article", None)
        empty = Narrative()

        def absolute(c: Candidate) -> Interval | None:
            """The interval of an expression that needs no anchor (with none, others fail)."""
            if c.kind in ("decade", "century", "part"):
                return None
            return self.resolver.resolve(c, empty, "nearest").interval

        if article is not None:
            for entry in article.layout.infobox:
                if "date" in entry.key.lower():
                    for c in chosen:
                        if entry.start_char <= c.start_char < entry.end_char and (i := absolute(c)):
                            return i
            lead = [c for c in chosen if article.section_at(c.start_char) in ("Lead", "Infobox")]
        else:
            lead = chosen
        placed = [(c, i) for c in lead if (i := absolute(c)) is not None]
        for wanted in (("day", "time"), ("month", "week", "season"), ("year",)):
            for c, interval in placed:
                if interval.granularity in wanted:
                    return interval
        if article is not None and article.layout.title_span:
            first, last = article.layout.title_span
            for c in excluded:
                if first <= c.start_char < last and "y" in c.groups:
                    return year_interval(int(c.groups["y"]))
        return None

    def __call__(self, doc: Doc) -> Doc:
        article = getattr(doc._, "article", None)
        text = article_text(doc)
        chosen, excluded = self.candidates(doc, text)
        seed = self._seed(doc, chosen, excluded)
        state = Narrative(seed=seed, last=seed, day=seed.start if seed and seed.granularity in ("day", "time") else None)
        state.clock_day = state.day
        mentions = []
        clocks_told: dict[int, dt.date] = {}  # a minute of the day written with its day -> that day
        told_days: set[dt.date] = set()        # the single days the story has placed so far
        event_named_until = -1   # end of a sentence that named the main event by its date
        opening_end = self._opening_paragraph_end(chosen, article, text)
        # the day the opening paragraph left the story on (a day written after it is the story's)
        summary_day: dt.date | None = None
        no_day = dt.date.min
        for k, c in enumerate(chosen):
            aside_from_day: dt.date | None = None  # the story's day before a far aside just left
            if opening_end is not None and c.start_char > opening_end:
                if summary_day is None:
                    summary_day = state.day or no_day
                if c.kind in DAY_READING_KINDS and "ev" not in c.groups:
                    opening_end = None
                if (opening_end is None and c.kind in CLOCK_KINDS and seed is not None
                        and seed.granularity in ("day", "time") and state.day is not None
                        and state.day == summary_day and state.day > seed.start):
                    # The article's opening paragraph sums up the whole story ("... the following
                    # day", "twelve days later, warplanes struck"); when the text after it first
                    # needs a day for a time alone ("At about 3 p.m., the convoy ..."), it is
                    # telling the main event in detail, from the event's day, not from where the
                    # summary ran ahead to (guidelines 3: relative expressions resolve against the
                    # event they follow). A relative day first ("The next day ...") goes on.
                    state.day = state.clock_day = seed.start
                    state.clock = None
            if c.kind == "shift" and "ev" not in c.groups and k + 1 < len(chosen):
                self._count_from_named_event(c, chosen[k + 1], doc, text, state)
            section = article.section_at(c.start_char) if article is not None else "Lead"
            if section != state.section:
                # A new section starts a new thread: its first year-less date is read
                # against the main event, not against the last date of the section before.
                state.section = section
                if seed is not None:
                    # (where the section before had taken the story past the event, kept for a
                    # first date that the event alone would put before the event: see _place)
                    state.left_behind = state.last if state.last is not None and state.last.start > seed.end else None
                    state.last = seed
                    if seed.granularity in ("day", "time") and (
                            state.day is None or state.day < seed.start
                            or (state.day - seed.end).days > LOST_DAY_RETURN_DAYS):
                        # Leaving background that lies before the main event, or a thread
                        # that had run months past it (an arrest, a later strike): the story
                        # returns to the event's first day (a section on the event itself
                        # need not repeat its date before "At 6:15 a.m.", and "the following
                        # day" in an Aftermath section is the day after the event). A section
                        # within weeks of the event goes on from its day.
                        state.day = state.clock_day = seed.start
                        state.clock = None
            if (seed is not None and state.last is not None and mentions
                    and "\n\n" in text[mentions[-1].end_char:c.start_char]
                    and _gap(state.last, seed) > DIGRESSION_DAYS
                    and (state.last.end < seed.start or self._lone_leap(mentions, seed, text))):
                # A paragraph that ended far (years) from the main event was an aside ("he
                # died in May 1978 when ..."); the next paragraph's year-less date is read
                # against the main event again, as after a new section. (A story that has moved
                # on for good, a trial two years on told date by date, stays where it is.)
                state.last = seed
                aside_from_day = state.told_day
            if (seed is not None and mentions and state.day is None and seed.granularity in ("day", "time")
                    and c.kind in ("weekday", "period", "shift", "tod")
                    and "\n\n" in text[mentions[-1].end_char:c.start_char]
                    and state.last is not None and _gap(state.last, seed) <= LOST_DAY_RETURN_DAYS
                    and (state.last.start <= seed.end or self._names_event_weekday(c, seed))):
                # The story had moved on to a coarser time near the event ("in early December")
                # and lost its day; a new paragraph that counts days or names a weekday tells of
                # the event again ("when the gunmen struck on Friday", "the following day").
                # When that coarser time began after the event ("In late June ... On Friday"),
                # only the event's own weekday goes back to it: otherwise the story has moved on
                # past the event, not lost its place in it.
                state.day = state.clock_day = seed.start
                state.clock = None
                if (aside_from_day is not None and c.kind in ("period", "shift")
                        and 0 < (aside_from_day - seed.start).days <= LOST_DAY_RETURN_DAYS):
                    # Back from an aside years away ("he later took part in another raid in
                    # 2001"): "the following week" goes on from the day the story had reached
                    # in the event before the aside, not from the event's first day (guidelines
                    # 3: relative expressions resolve against the event they follow).
                    state.day = state.clock_day = aside_from_day
            if (seed is not None and mentions and state.day is not None and seed.granularity in ("day", "time")
                    and 0 < (state.day - seed.start).days <= DATELESS_RETURN_DAYS
                    and c.kind in ("period", "shift", "tod")
                    and self._paragraph_opens_on_event(doc, text, mentions[-1].end_char, c.start_char)):
                # "The siege had barely ended when ... Three days later, ...": a paragraph that
                # opens on the main event itself tells its days from the event again.
                state.day = state.clock_day = seed.start
                state.clock = None
            if c.kind in ("shift", "period") and c.start_char < event_named_until:
                # "the response to the Friday raid came two days later": counted from the
                # main event that the sentence has just named, as after "two days after the raid".
                c.groups.setdefault("ev", "named")
            if (seed is not None and mentions and state.day is not None and seed.granularity in ("day", "time")
                    and 0 < (state.day - seed.start).days <= DATELESS_RETURN_DAYS
                    and text[mentions[-1].end_char:c.start_char].count("\n\n") >= 2
                    and c.kind in ("period", "shift", "tod")):
                # A whole paragraph without a date after the story had moved a day or two past
                # the main event goes back to the event itself (the rescue, the first
                # reactions): a relative day that follows is read from the event's day.
                state.day = state.clock_day = seed.start
                state.clock = None
            side = self._side(c, doc, text)
            placed = self.resolver.resolve(c, state, side)
            if "names_event" in c.groups:
                if placed.interval and seed and _gap(placed.interval, seed) == 0:
                    span = doc.char_span(c.start_char, c.end_char, alignment_mode="expand")
                    event_named_until = span.sent.end_char if span is not None else c.end_char
                elif not (placed.interval and placed.interval.start == placed.interval.end
                          and placed.interval.start in told_days):
                    # "the September 11 attacks" in a story of another year names an event; but
                    # "the May 29 strike" after the story told that day ("Three days later, a
                    # drone fired ...") dates an event of the story itself.
                    continue
            if (c.kind == "weekday" and placed.role == "backward" and side != "backward" and mentions
                    and "\n\n" in text[mentions[-1].end_char:c.start_char]):
                # A paragraph whose first date is a weekday just past, in the plain past ("Speaking
                # on Thursday evening, the president said ..."), takes the story back to that day;
                # "had announced on Saturday" (pluperfect) only looks back.
                placed = replace(placed, role="relative")
            if (placed.interval is not None and seed is not None and _gap(placed.interval, seed) > 0
                    and self._names_other_event(c, text)):
                # "the snap election of 1 November 2015", "the coup attempt of 15 July": the date
                # labels another event the sentence refers to; the story does not move there
                # (guidelines 3: relative dates resolve against the event they follow, and a
                # missing year comes from the story, not from an event only named in passing).
                placed = replace(placed, role="background")
            if (placed.interval is not None and seed is not None and placed.interval.start > seed.end
                    and placed.interval.granularity in ("day", "time")
                    and (placed.interval.start - seed.end).days <= LOST_DAY_RETURN_DAYS
                    and placed.role not in ("backward", "hypothetical")
                    and self._dates_a_death(c, doc)):
                # "she died at the scene; he died of his wounds two days later": a victim's death
                # days or weeks after the main event is that person's fate told ahead; the story
                # stays on its day, so "that night" or "Minutes later" after it still mean the
                # event's. (A death years on, "its captain died in May 1998", is a later time the
                # story moves to.)
                placed = replace(placed, role="background")
            if placed.role in ("relative", "clock") and self._hypothetical(c, doc):
                placed = replace(placed, role="hypothetical")
            if side == "backward":
                placed = replace(placed, role="backward")
            if c.groups.get("clk", "").lower() == "midnight" and [
                    w.lower() for w in self._words_before(text, c.start_char, 1)] == ["before"]:
                placed = replace(placed, minutes=24 * 60 - 1)  # "before midnight": the end of that day
            clock = c.groups.get("clk", "")
            if (":" in clock and placed.interval is not None and placed.interval.granularity == "time"
                    and placed.minutes is not None):
                # Keyed by the minute of the day, so "5:50 p.m." and "17:50" are one moment.
                told = clocks_told.get(placed.minutes)
                if told is not None and c.kind == "clock" and told != placed.interval.start:
                    # "when he first fired at 2:03 am": a time to the minute told before with its
                    # day is that moment again, looked back on; it does not move the story.
                    placed = replace(placed, interval=day_interval(told, "time"), role="backward")
                elif told is None and (c.kind != "clock" or (
                        seed is not None and placed.interval.start == seed.start
                        and placed.minutes % 15 != 0)):
                    # told with its day, or alone on the main event's day at an odd minute (the
                    # event's own moment, which the story may recall later: "reports timed the
                    # blast at 17:50"; a round "10:00" or "9:30" recurs on other days)
                    clocks_told[placed.minutes] = placed.interval.start
            interval = placed.interval
            mentions.append(DateMention(
                c.start_char, c.end_char, text[c.start_char:c.end_char],
                interval.start if interval else None, interval.end if interval else None,
                interval.granularity if interval else placed.granularity,
                placed.anchor if placed.role != "absolute" else None))
            self._advance(state, placed)
            if interval is not None and interval.granularity in ("day", "time") and interval.start == interval.end:
                state.told_day = interval.start
                told_days.add(interval.start)
        doc._.dates = mentions
        return doc

    @staticmethod
    def _opening_paragraph_end(chosen: list[Candidate], article, text: str) -> int | None:
        """The end of the article's opening paragraph: the lead's paragraph with its first date."""
        for c in chosen:
            if article is None or article.section_at(c.start_char) == "Lead":
                end = text.find("\n\n", c.end_char)
                return end if end >= 0 else None
        return None

    @staticmethod
    def _advance(state: Narrative, placed: Placement) -> None:
        """Move the narrative on after an expression (guidelines 3: the anchor moves as the text does)."""
        interval = placed.interval
        if interval is None or placed.role in ("backward", "hypothetical", "background"):
            return
        if interval.granularity in ("decade", "century"):
            return
        if (interval.end - interval.start).days > LONG_SPAN_DAYS and state.seed is not None and \
                _gap(interval, state.seed) == 0:
            # "lasted from May 2015 to May 2017", "between 2006 and 2008": a span of years that
            # holds the main event sums up a stretch around it; the story stays at the event, so
            # a year-less date after it is placed near the event, not near the span's end.
            state.last = state.seed
            return
        state.last = interval
        state.left_behind = None
        if interval.granularity in ("day", "time"):
            if placed.role == "clock":
                state.clock_day = interval.end
            elif interval.start < interval.end and (interval.end - interval.start).days <= 3:
                # "on 15–16 May", "(May 3–4)": a span of a day or two that the story then tells
                # from its beginning ("that night", "the following day" count from its first day).
                state.day = state.clock_day = interval.start
            else:
                state.day = state.clock_day = interval.end
            state.clock = placed.minutes if placed.minutes is not None else (
                state.clock if placed.role == "clock" else None)
            state.clock_dated = placed.role != "clock" and placed.minutes is not None
        elif state.day is not None and interval.start > state.day:
            # The story has moved past its day to a coarser time: "the next day" is now unknown.
            # A time alone still most likely belongs to the day the clock was on.
            state.day = None
            state.clock = None


@Language.factory("extract_dates", default_config={"labels": ["DATE", "TIME"]})
def make_date_finder(nlp: Language, name: str, labels: list[str]) -> DateFinder:
    return DateFinder(nlp, name, labels)
