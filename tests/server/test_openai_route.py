"""The OpenAI-compatible route, driven by the official `openai` client against the running server."""

from __future__ import annotations

import openai
import pytest
from openai import OpenAI

from tests.helpers import API_KEY, RunningServer


@pytest.fixture
def client(server: RunningServer) -> OpenAI:
    return OpenAI(base_url=f"{server.url}/v1", api_key=API_KEY, max_retries=0, timeout=60)


def test_non_streaming_completion_carries_markers_sources_and_citations(client: OpenAI, server: RunningServer) -> None:
    completion = client.chat.completions.create(
        model="rag-extractive",
        messages=[{"role": "user", "content": "Which missile did the Russian Armed Forces test?"}],
    )
    text = completion.choices[0].message.content
    assert "Oreshnik" in text and "[1]" in text and "\n\nSources:\n[1]" in text
    citations = completion.model_extra["citations"]
    assert citations and citations[0]["n"] == 1
    for c in citations:
        assert (server.corpus / c["source"]).read_text("utf-8")[c["start"] : c["end"]] == c["quote"]


def test_streaming_completion_ends_with_done_and_matches_the_full_text(client: OpenAI) -> None:
    messages = [
        {"role": "system", "content": "You answer from articles."},
        {"role": "user", "content": "Who is the speaker of Crimea's parliament?"},
        {"role": "assistant", "content": "Vladimir Konstantinov [1]"},
        {"role": "user", "content": "Which TV channel did he speak on?"},
    ]
    stream = client.chat.completions.create(model="rag-extractive", messages=messages, stream=True)
    pieces, finish, extra = [], None, {}
    for chunk in stream:  # the client stops at "data: [DONE]"
        delta = chunk.choices[0].delta
        pieces.append(delta.content or "")
        finish = chunk.choices[0].finish_reason or finish
        extra = chunk.model_extra or extra
    text = "".join(pieces)
    assert finish == "stop"
    assert "Millet TV" in text and "Sources:" in text
    assert extra.get("citations")
    full = client.chat.completions.create(model="rag-extractive", messages=messages)
    assert full.choices[0].message.content == text


def test_wrong_key_is_rejected(server: RunningServer) -> None:
    bad = OpenAI(base_url=f"{server.url}/v1", api_key="nope", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])


def test_empty_question_is_a_bad_request(client: OpenAI) -> None:
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "  "}])


def test_an_unknown_model_is_refused_not_impersonated(client: OpenAI) -> None:
    with pytest.raises(openai.NotFoundError, match=r"does not exist"):
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Which missile?"}])


def test_models_lists_the_answerer(client: OpenAI) -> None:
    ids = [m.id for m in client.models.list()]
    assert ids[0] == "rag-extractive" and set(ids) <= {"rag-extractive", "rag-openai", "rag-local"}


def test_raw_sse_stream_is_well_formed(server: RunningServer) -> None:
    import json

    import httpx

    body = {"model": "rag", "stream": True, "messages": [{"role": "user", "content": "Which missile was tested?"}]}
    with httpx.stream(
        "POST", f"{server.url}/v1/chat/completions", json=body, headers=server.headers(), timeout=60
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line for line in response.iter_lines() if line]
    assert all(line.startswith("data: ") for line in events)
    assert events[-1] == "data: [DONE]"
    chunks = [json.loads(line[6:]) for line in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
