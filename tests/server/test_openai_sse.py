"""The OpenAI-compatible stream's events, from answers built by hand (pure)."""

from __future__ import annotations

import json

from rag.schemas import Answer, AnswerSentence, Citation
from rag.server.openai_chat import _stream, completion_text
from rag.service import growing

CITATION = Citation(n=1, source="a.txt", title="A", chunk_id="c1", start=0, end=5, quote="Hello", score=0.9)
ANSWER = Answer(
    question="q",
    answer="Hello. [1] World. [1]",
    abstained=False,
    citations=[CITATION],
    sentences=[
        AnswerSentence(text="Hello.", citations=[1], verdict="quoted"),
        AnswerSentence(text="World.", citations=[1], verdict="quoted"),
    ],
)


def events(answers: list[Answer]) -> list[dict]:
    lines = list(_stream(iter(answers), "chatcmpl-x", 0, "rag-extractive"))
    assert lines[-1] == "data: [DONE]\n\n"
    return [json.loads(line.removeprefix("data: ")) for line in lines[:-1]]


def test_deltas_add_up_to_the_non_streamed_text() -> None:
    chunks = events(list(growing(ANSWER)))
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert text == completion_text(ANSWER)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"


def test_the_last_event_carries_the_citations_and_the_finish_reason() -> None:
    last = events([ANSWER])[-1]
    assert last["choices"][0]["finish_reason"] == "stop"
    assert last["citations"][0]["quote"] == "Hello" and last["abstained"] is False


def test_an_answer_that_is_rewritten_restarts_with_a_space_instead_of_a_wrong_delta() -> None:
    first = ANSWER.model_copy(update={"answer": "Draft"})
    chunks = events([first, ANSWER])
    contents = [c["choices"][0]["delta"].get("content") for c in chunks]
    assert contents[1] == "Draft" and contents[2] == " " + ANSWER.answer
