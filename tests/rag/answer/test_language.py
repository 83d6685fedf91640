"""What the answerer takes from spaCy's parse (real model): the role a question asks about and the role
each phrase of a sentence plays, and names kept whole without the words of other entities."""

from __future__ import annotations

import pytest

from rag.answer.language import Language


@pytest.fixture(scope="module")
def language() -> Language:
    return Language()


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("What caused the flooding in the tunnel?", ("caus", "subj")),
        ("Who leads the orchestra?", ("lead", "subj")),
        ("A sea otter keeps stealing what?", ("steal", "obj")),
        ("Which tram line did the mayor announce to connect the airport?", ("announc", "obj")),  # fronted: no subject
        ("NFL owners approved the sale of which football team?", ("sale", "of")),
    ],
)
def test_a_question_asks_about_a_role(language: Language, question: str, slot: tuple[str, str]) -> None:
    assert language.parse_question(question).slot == slot


def test_each_phrase_of_a_sentence_has_its_role(language: Language) -> None:
    text = "The Northfield orchestra is led by Maria Okafor, and owners approved the sale of the Denver Broncos."
    (annotation,) = language.annotate([text])
    roles = {text[s.start : s.end]: s.slot for s in (*annotation.entities, *annotation.phrases)}
    assert roles["Maria Okafor"] == ("lead", "subj")  # the agent of a passive verb is its subject
    assert roles["the Denver Broncos"] == ("sale", "of")


def test_a_name_is_widened_over_proper_nouns_but_not_over_a_date(language: Language) -> None:
    text = "Owners approved the sale of the Denver Broncos Tuesday, reported the New York Times."
    (annotation,) = language.annotate([text])
    names = [text[s.start : s.end] for s in annotation.entities]
    assert not any("Tuesday" in name and "Broncos" in name for name in names), names
    assert any(name.endswith("New York Times") for name in names), names
