"""Two wordings of one sentence that differ in one value (the sentence-level half of conflicts.py)."""

from __future__ import annotations

import pytest

from rag.answer.conflicts import differing_value

TOLL = "The death toll from the floods in Valmora rose to {} on Saturday, officials said."


def places(ours: str, theirs: str, named: bool = True) -> tuple[str, str] | None:
    found = differing_value(ours, theirs, named)
    if found is None:
        return None
    (a, b), (c, d) = found
    return ours[a:b], theirs[c:d]


def test_a_changed_number_is_found_at_its_place_in_each_wording() -> None:
    assert places(TOLL.format("12"), TOLL.format("30")) == ("12", "30")
    assert places(TOLL.format("12"), TOLL.format("more than 30")) == ("12", "more than 30")


def test_a_changed_name_is_found_whole() -> None:
    ours = "The operator Nordlys Shipping lost its licence, the harbour office said."
    theirs = "The operator Baltica Lines lost its licence, the harbour office said."
    assert places(ours, theirs) == ("Nordlys Shipping", "Baltica Lines")


def test_one_value_that_stands_twice_is_one_value_near_the_answer() -> None:
    ours = "Brothers of Italy leader Mara Conti won, and will be Italy's first female prime minister."
    theirs = "Brothers of Eastmark leader Mara Conti won, and will be Eastmark's first female prime minister."
    second = ours.rindex("Italy")
    assert places(ours, theirs) == ("Italy", "Eastmark")
    found = differing_value(ours, theirs, near=(second, second + 5))
    assert found is not None and found[0] == (second, second + 5)
    assert theirs[found[1][0] : found[1][1]] == "Eastmark"
    assert places(ours, theirs.replace("Eastmark's", "Norvale's")) is None  # two values, not one


@pytest.mark.parametrize(
    "theirs",
    [
        TOLL.format("12"),  # the same sentence
        "The death toll from the floods in Valmora rose to 30 on Sunday, officials said.",  # two places
        "Officials said on Saturday that 30 people had died in the Valmora floods.",  # another sentence
        "VALMORA (Wire) — " + TOLL.format("12"),  # words added, none replaced
    ],
)
def test_no_value_differs_between_these(theirs: str) -> None:
    assert places(TOLL.format("12"), theirs) is None


def test_a_changed_common_word_is_a_value_only_where_it_is_the_answer() -> None:
    ours, theirs = "People are panic buying canned peaches.", "People are panic buying canned apricots."
    assert places(ours, theirs) is None  # an editor's word, not a value
    assert places(ours, theirs, named=False) == ("peaches", "apricots")
