"""The output schema, defined once.

Every table of the output contract is a record type here. CSV columns, the
nested JSON per article, ``datapackage.json`` and the contract tests are all
derived from these dataclasses, so a column is named in exactly one place.

Field metadata:
  ``type``  Frictionless field type (string, integer, number, date, array)
  ``enum``  allowed values, from annotation-guidelines.md
  ``doc``   a one-line description that goes into ``datapackage.json``
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

SCHEMA_VERSION = "1.0.0"

LIST_SEPARATOR = " | "  # output-contract.md: lists are joined with " | " in CSV

ACTOR_KINDS = ("person", "organization", "group")
PLACE_KINDS = ("country", "admin", "city", "district", "region", "facility", "other")
GRANULARITIES = ("time", "day", "week", "month", "season", "year", "decade", "century")
QUALIFIERS = (
    "exact",
    "approximately",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "range",
    "vague",
)
CATEGORIES = (
    "killed",
    "injured",
    "detained",
    "people",
    "weapons",
    "vehicles",
    "facilities",
    "other",
)
STATUSES = ("ok", "failed")
ENTITY_TYPES = ("actor", "place")
MENTION_SOURCES = ("ner", "rule", "infobox", "alias", "gazetteer")


def column(type_: str = "string", doc: str = "", enum: tuple[str, ...] | None = None,
           default: Any = dataclasses.MISSING, **kwargs: Any) -> Any:
    """A dataclass field carrying its Frictionless description."""
    meta = {"type": type_, "doc": doc}
    if enum is not None:
        meta["enum"] = list(enum)
    if type_ == "array" and default is dataclasses.MISSING:
        return field(default_factory=list, metadata=meta, **kwargs)
    if default is dataclasses.MISSING:
        return field(metadata=meta, **kwargs)
    return field(default=default, metadata=meta, **kwargs)


@dataclass(frozen=True)
class Record:
    """Base of every output row."""

    table: ClassVar[str] = ""
    primary_key: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        """The column names, in order (computed once per record type)."""
        names = cls.__dict__.get("_columns")
        if names is None:
            names = tuple(f.name for f in dataclasses.fields(cls))
            setattr(cls, "_columns", names)
        return names

    @classmethod
    def schema(cls) -> dict[str, Any]:
        """The Frictionless Table Schema of this record type."""
        fields = []
        for f in dataclasses.fields(cls):
            meta = f.metadata
            spec: dict[str, Any] = {"name": f.name, "type": meta["type"], "description": meta["doc"]}
            if meta["type"] == "array":
                # In CSV an array is a " | "-joined string; say so rather than pretend.
                spec["type"] = "string"
                spec["description"] += f" (list joined with '{LIST_SEPARATOR}')"
            if "enum" in meta:
                spec["constraints"] = {"enum": meta["enum"]}
            fields.append(spec)
        schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
        if cls.primary_key:
            schema["primaryKey"] = list(cls.primary_key)
        return schema

    def as_json(self) -> dict[str, Any]:
        # Field by field rather than dataclasses.asdict, whose deep copy was most
        # of the writing cost (issue 8); record values are flat, lists are tuples.
        return {name: list(value) if isinstance(value, tuple) else value
                for name in self.columns() for value in (getattr(self, name),)}

    def as_csv_values(self) -> list[str]:
        """The row's cells in column order (what the CSV writer writes)."""
        return [_csv_cell(getattr(self, name)) for name in self.columns()]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


@dataclass(frozen=True)
class DocumentRecord(Record):
    table: ClassVar[str] = "documents"
    primary_key: ClassVar[tuple[str, ...]] = ("doc_id",)

    doc_id: str = column(doc="the article file's stem")
    title: str = column(doc="the article's title")
    path: str = column(doc="the article file as given on the command line")
    sha256: str = column(doc="SHA-256 of the article file's bytes")
    n_chars: int | None = column("integer", "characters in the decoded article text")
    status: str = column(doc="whether the article was processed", enum=STATUSES)
    error: str = column(doc="why the article failed; empty when it did not", default="")
    format: str = column(doc="the layout the article was read as (wiki, markdown, plain)", default="")
    n_sections: int | None = column("integer", "sections found, the lead and infobox included", default=None)


@dataclass(frozen=True)
class ActorRecord(Record):
    table: ClassVar[str] = "actors"
    primary_key: ClassVar[tuple[str, ...]] = ("doc_id", "actor_id")

    doc_id: str = column(doc="the article")
    actor_id: str = column(doc="the actor, stable within the article")
    name: str = column(doc="the fullest proper form the article uses")
    kind: str = column(doc="annotation-guidelines.md section 1", enum=ACTOR_KINDS)
    aliases: tuple[str, ...] = column("array", "other forms the article makes equal")
    roles: tuple[str, ...] = column("array", "titles or offices the article gives the person")
    n_mentions: int = column("integer", "mentions of the actor in the article", default=0)
    first_char: int = column("integer", "offset of the first mention", default=0)


@dataclass(frozen=True)
class PlaceRecord(Record):
    table: ClassVar[str] = "places"
    primary_key: ClassVar[tuple[str, ...]] = ("doc_id", "place_id")

    doc_id: str = column(doc="the article")
    place_id: str = column(doc="the place, stable within the article")
    name: str = column(doc="the fullest proper form the article uses")
    kind: str = column(doc="annotation-guidelines.md section 2", enum=PLACE_KINDS)
    country: str = column(doc="ISO 3166-1 alpha-2 code of the country the place lies in", default="")
    latitude: float | None = column("number", "WGS84 latitude from the gazetteer", default=None)
    longitude: float | None = column("number", "WGS84 longitude from the gazetteer", default=None)
    aliases: tuple[str, ...] = column("array", "other forms the article makes equal")
    n_mentions: int = column("integer", "mentions of the place in the article", default=0)
    first_char: int = column("integer", "offset of the first mention", default=0)
    geonames_id: int | None = column("integer", "GeoNames id where the gazetteer knows it", default=None)


@dataclass(frozen=True)
class DateRecord(Record):
    table: ClassVar[str] = "dates"
    primary_key: ClassVar[tuple[str, ...]] = ("doc_id", "date_id")

    doc_id: str = column(doc="the article")
    date_id: str = column(doc="the mention, stable within the article")
    text: str = column(doc="the expression exactly as in the article")
    start_char: int = column("integer", "offset of the mention (Python index)")
    end_char: int = column("integer", "end offset of the mention, exclusive")
    section: str = column(doc="heading path of the mention, outermost first")
    start: str | None = column("date", "first day of the interval; empty when unresolved", default=None)
    end: str | None = column("date", "last day of the interval, inclusive; empty when unresolved",
                             default=None)
    granularity: str = column(doc="unit of the expression", enum=GRANULARITIES, default="day")
    anchor: str | None = column("date", "the narrative date a relative or year-less expression "
                                "was resolved against", default=None)


@dataclass(frozen=True)
class CountRecord(Record):
    table: ClassVar[str] = "counts"
    primary_key: ClassVar[tuple[str, ...]] = ("doc_id", "count_id")

    doc_id: str = column(doc="the article")
    count_id: str = column(doc="the mention, stable within the article")
    text: str = column(doc="the number or quantity expression exactly as in the article")
    start_char: int = column("integer", "offset of the mention (Python index)")
    end_char: int = column("integer", "end offset of the mention, exclusive")
    section: str = column(doc="heading path of the mention, outermost first")
    value: int | None = column("integer", "the number; the lower bound for ranges and 'at least'")
    low: int | None = column("integer", "lower bound where the text gives one", default=None)
    high: int | None = column("integer", "upper bound where the text gives one", default=None)
    qualifier: str = column(doc="annotation-guidelines.md section 4", enum=QUALIFIERS, default="exact")
    counted: str = column(doc="the noun phrase counted, as written", default="")
    category: str = column(doc="what is counted", enum=CATEGORIES, default="other")


@dataclass(frozen=True)
class MentionRecord(Record):
    table: ClassVar[str] = "mentions"
    primary_key: ClassVar[tuple[str, ...]] = ("doc_id", "mention_id")

    doc_id: str = column(doc="the article")
    mention_id: str = column(doc="the mention, stable within the article")
    entity_id: str = column(doc="actor_id or place_id of the entity mentioned")
    entity_type: str = column(doc="which table entity_id refers to", enum=ENTITY_TYPES)
    text: str = column(doc="the mention exactly as in the article")
    start_char: int = column("integer", "offset of the mention (Python index)")
    end_char: int = column("integer", "end offset of the mention, exclusive")
    section: str = column(doc="heading path of the mention, outermost first")
    source: str = column(doc="what found the mention", enum=MENTION_SOURCES, default="ner")


#: The tables of a run, in the order they are written and described.
TABLES: tuple[type[Record], ...] = (
    DocumentRecord,
    ActorRecord,
    PlaceRecord,
    DateRecord,
    CountRecord,
    MentionRecord,
)
