"""What a measurement measures, and what "How long/heavy/... ?" asks for (pure)."""

from __future__ import annotations

import pytest

from rag.answer.units import DIMENSION_OF_UNIT, asked_dimensions, unit_of


@pytest.mark.parametrize(
    ("text", "measurement", "dimension"),
    [
        ("a record breaking 215-pound, 18-foot-long python", "215-pound", "weight"),
        ("a record breaking 215-pound, 18-foot-long python", "18-foot", "length"),
        ("an 18cm fish", "18cm", "length"),
        ("it measured 18 feet from head to tail", "18", "length"),
        ("a cruising speed reaching 186 mph", "186", "speed"),
        ("the talks lasted two years", "two years", "time"),
        ("the jackpot of $40 million", "$40 million", None),  # no unit we know: left to the model
    ],
)
def test_a_measurements_unit_says_what_it_measures(text: str, measurement: str, dimension: str | None) -> None:
    start = text.index(measurement)
    unit = unit_of(text, start, start + len(measurement))
    assert (DIMENSION_OF_UNIT[unit] if unit else None) == dimension


def test_how_long_asks_for_a_length_or_a_time_and_how_heavy_for_a_weight() -> None:
    assert asked_dimensions("How long was the python?") == {"length", "time"}
    assert asked_dimensions("How heavy was the python?") == {"weight"}
    assert asked_dimensions("How many pythons were caught?") == frozenset()
