"""Follow-up and compound questions (pure)."""

from __future__ import annotations

from rag.answer.followups import contextualize, needs_context, split_compound
from rag.schemas import ChatTurn

HISTORY = [
    ChatTurn(role="user", content="Who is the speaker of Crimea's parliament?"),
    ChatTurn(role="assistant", content="Vladimir Konstantinov, the speaker … [1]"),
]


def test_a_question_that_points_back_is_searched_with_the_earlier_question() -> None:
    assert needs_context("Which TV channel did he speak on?")
    assert contextualize("Which TV channel did he speak on?", HISTORY) == (
        "Who is the speaker of Crimea's parliament? Which TV channel did he speak on?"
    )


def test_a_question_that_stands_alone_is_searched_as_asked() -> None:
    question = "Which missile did the Russian Armed Forces test?"
    assert not needs_context(question)
    assert contextualize(question, HISTORY) == question


def test_without_earlier_questions_nothing_is_added() -> None:
    assert contextualize("What did he say?", []) == "What did he say?"


def test_a_compound_question_is_split_into_its_parts() -> None:
    parts = split_compound("How many turbines did the council approve, and what did the rover mission cost?")
    assert parts == ["How many turbines did the council approve", "what did the rover mission cost?"]


def test_a_plain_question_with_and_stays_whole() -> None:
    question = "Which parties and unions joined the strike?"
    assert split_compound(question) == [question]
