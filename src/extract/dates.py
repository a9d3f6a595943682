"""Dates: temporal expressions, normalised to calendar intervals.

Guidelines section 3. Mentions come from spaCy's DATE and TIME entities;
dateparser normalises them, configured so that nothing leaks in from the
clock: English only, day-of-month first, and a missing part makes the
expression a coarser interval (its ``period``) rather than taking today's.
An expression that cannot be resolved is still reported, with empty
``start``/``end``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)

#: dateparser's ``period`` -> guidelines granularity
GRANULARITY_BY_PERIOD = {"time": "time", "day": "day", "week": "week", "month": "month", "year": "year"}


NO_ANCHOR = dt.date(1800, 1, 1)


@dataclass(frozen=True)
class DateMention:
    start_char: int
    end_char: int
    text: str
    start: dt.date | None
    end: dt.date | None
    granularity: str
    anchor: dt.date | None = None


def interval_for_period(day: dt.date, period: str) -> tuple[dt.date, dt.date]:
    """The inclusive calendar interval of ``period`` that holds ``day``."""
    if period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return dt.date(day.year, day.month, 1), dt.date(day.year, day.month, last)
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    return day, day


class DateNormaliser:
    """dateparser, configured for articles and cached per expression and anchor."""

    def __init__(self) -> None:
        from dateparser.date import DateDataParser

        self._parser = DateDataParser(
            languages=["en"],
            settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY",
                      "RETURN_TIME_AS_PERIOD": True, "PREFER_DATES_FROM": "past"},
        )
        self._cache: dict[tuple[str, dt.date | None], tuple[dt.date, dt.date, str] | None] = {}

    def normalise(self, text: str, anchor: dt.date | None) -> tuple[dt.date, dt.date, str] | None:
        key = (text, anchor)
        if key not in self._cache:
            self._cache[key] = self._parse(text, anchor)
        return self._cache[key]

    def _parse(self, text: str, anchor: dt.date | None) -> tuple[dt.date, dt.date, str] | None:
        # Without a narrative date, relative parses are made against a sentinel
        # year and discarded: the clock must never fill a gap (issue 5).
        base = anchor or NO_ANCHOR
        self._parser._settings.RELATIVE_BASE = dt.datetime.combine(base, dt.time())
        data = self._parser.get_date_data(text)
        if data.date_obj is None or (anchor is None and data.date_obj.year == NO_ANCHOR.year):
            return None
        period = data.period or "day"
        start, end = interval_for_period(data.date_obj.date(), period)
        return start, end, GRANULARITY_BY_PERIOD.get(period, "day")


class DateFinder:
    def __init__(self, nlp: Language, name: str, labels: list[str]):
        self.name = name
        self.labels = tuple(labels)
        self.normaliser = DateNormaliser()

    def __call__(self, doc: Doc) -> Doc:
        mentions = []
        anchor: dt.date | None = None
        for ent in doc.ents:
            if ent.label_ not in self.labels:
                continue
            parsed = self.normaliser.normalise(ent.text, anchor)
            if parsed is None:
                mentions.append(DateMention(ent.start_char, ent.end_char, ent.text, None, None,
                                            "time" if ent.label_ == "TIME" else "day", anchor))
                continue
            start, end, granularity = parsed
            mentions.append(DateMention(ent.start_char, ent.end_char, ent.text, start, end,
                                        granularity, anchor))
            if granularity in ("day", "time"):
                anchor = start
        doc._.dates = mentions
        return doc


@Language.factory("extract_dates", default_config={"labels": ["DATE", "TIME"]})
def make_date_finder(nlp: Language, name: str, labels: list[str]) -> DateFinder:
    return DateFinder(nlp, name, labels)
