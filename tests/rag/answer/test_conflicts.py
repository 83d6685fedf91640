"""Two wordings of one sentence that differ in one value (the sentence-level half of conflicts.py), and
two articles' values for what a question asks (its answer-level half)."""

from __future__ import annotations

import pytest

from rag.answer.conflicts import differing_value, rivals
from rag.answer.direct import find_candidates
from rag.answer.evidence import SentenceEvidence
from rag.answer.language import Language
from rag.answer.question import analyze
from rag.answer.retrieve import RetrievedChunk
from rag.text import content_terms

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


def counted_in(texts: dict[str, tuple[str, float]], question: str) -> list[SentenceEvidence]:
    """One sentence per article (source: (text, coverage of the question's words)), with its candidates."""
    language = Language()
    sentences = []
    for source, (text, coverage) in texts.items():
        chunk = RetrievedChunk(id=source, source=source, title="News", ordinal=0, start=0, end=len(text), text=text)
        terms = set(content_terms(text))
        sentences.append(SentenceEvidence(chunk, 0, 0, len(text), text, terms, coverage=coverage, score=0.6))
    asked = analyze(question, language.parse_question)
    found = find_candidates(asked, sentences, language.annotate([s.text for s in sentences]))
    for sentence in sentences:
        sentence.candidates = [c for c in found if c.sentence is sentence]
    return sentences


def test_counts_of_one_thing_in_reworded_sentences_that_each_say_all_asked_conflict() -> None:
    """An update rewrites more than its figure: "At least 27 people have died as a result of the storm in
    Halden County" and "At least 31 people died in Halden County as the storm ..." give two values for one
    count. Not when the other sentence leaves part of the question unsaid, nor for a count of homes."""
    question = "How many people died in Halden County in the storm?"
    first = (
        "At least 27 people have died as a result of the storm in Halden County, many of them in Vik, which was"
        " buried under 43 inches of snow and slammed with severe blizzard conditions."
    )
    update = "At least 31 people died in Halden County as the storm buried Vik in up to 50 inches of snow."
    sentences = counted_in({"a.txt": (first, 1.0), "b.txt": (update, 1.0)}, question)
    chosen = sentences[0].candidates[0]
    assert chosen.text == "At least 27" and [r.text for r in rivals(chosen, sentences)] == ["At least 31"]
    partly = counted_in({"a.txt": (first, 1.0), "b.txt": (update, 0.8)}, question)
    assert rivals(partly[0].candidates[0], partly) == []
    homes = "At least 31 homes were lost in Halden County as the storm buried Vik in up to 50 inches of snow."
    other = counted_in({"a.txt": (first, 1.0), "b.txt": (homes, 1.0)}, question)
    assert rivals(other[0].candidates[0], other) == []


def test_a_value_for_a_case_the_question_does_not_ask_about_is_no_conflict() -> None:
    """ "up to $10,000" for borrowers without a Pell grant is no other value for what those with one get:
    its sentence leaves out what the question asks (its coverage is far under the chosen one's)."""
    question = "How much debt will borrowers who received a Pell grant have forgiven?"
    pell = (
        "Borrowers earning under $125,000 who did receive a Pell grant will have up to $20,000 of their debt forgiven."
    )
    others = "Borrowers earning under $125,000 will have up to $10,000 of their debt forgiven."
    sentences = counted_in({"a.txt": (pell, 1.0), "b.txt": (others, 0.55)}, question)
    chosen = next(c for c in sentences[0].candidates if c.text.endswith("$20,000"))
    assert rivals(chosen, sentences) == []
    said_alike = counted_in({"a.txt": (pell, 1.0), "b.txt": (others, 0.9)}, question)
    chosen = next(c for c in said_alike[0].candidates if c.text.endswith("$20,000"))
    assert [r.text for r in rivals(chosen, said_alike)] == ["up to $10,000"]
