"""LLM answers over HTTP: `rag serve` with the scripted OpenAI-compatible LLM as its 'openai' generator."""

from __future__ import annotations

from pathlib import Path

import httpx
from openai import OpenAI

from tests.fake_openai import FakeLLMServer
from tests.helpers import API_KEY, RunningServer

MISSILE_Q = "Which missile did the Russian Armed Forces test?"
TRUE_AND_INVENTED = (
    "The Russian Armed Forces tested and launched the Oreshnik ballistic missile [{cite:Oreshnik}]. "
    "The missile flew 5,800 kilometres in 12 minutes [{cite:Oreshnik}]."
)


def assert_exact(citations: list[dict], corpus: Path) -> None:
    assert citations
    for c in citations:
        assert Path(corpus, c["source"]).read_text("utf-8")[c["start"] : c["end"]] == c["quote"]


def test_models_list_the_configured_generators(server: RunningServer) -> None:
    ids = [m["id"] for m in httpx.get(f"{server.url}/v1/models", headers=server.headers()).json()["data"]]
    assert ids[0] == "rag-extractive" and "rag-openai" in ids


def test_api_answer_with_the_llm_drops_the_invented_sentence(
    server: RunningServer, fake_llm_server: FakeLLMServer
) -> None:
    fake_llm_server.llm.reply = TRUE_AND_INVENTED
    body = {"question": MISSILE_Q, "generator": "openai"}
    answer = httpx.post(f"{server.url}/api/answer", json=body, headers=server.headers(), timeout=60).json()
    assert answer["generator"] == "openai"
    assert answer["verification"]["generated"] == 2 and answer["verification"]["dropped"] == 1
    assert "Oreshnik" in answer["answer"] and "5,800" not in answer["answer"]
    assert_exact(answer["citations"], server.corpus)
    default = httpx.post(f"{server.url}/api/answer", json={"question": MISSILE_Q}, headers=server.headers()).json()
    assert default["generator"] == "extractive"


def test_api_rejects_an_unknown_generator(server: RunningServer) -> None:
    body = {"question": MISSILE_Q, "generator": "gpt-7"}
    response = httpx.post(f"{server.url}/api/answer", json=body, headers=server.headers())
    assert response.status_code == 422 and "generator" in response.text


def test_openai_route_streams_only_verified_sentences(server: RunningServer, fake_llm_server: FakeLLMServer) -> None:
    fake_llm_server.llm.reply = TRUE_AND_INVENTED + (
        " The decision lifted certain restrictions on missile strikes deep into Russian territory [{cite:Oreshnik}]."
    )
    client = OpenAI(base_url=f"{server.url}/v1", api_key=API_KEY)
    stream = client.chat.completions.create(
        model="rag-openai", messages=[{"role": "user", "content": MISSILE_Q}], stream=True
    )
    chunks = list(stream)
    pieces = [c.choices[0].delta.content for c in chunks if c.choices[0].delta.content]
    text = "".join(pieces)
    assert "Oreshnik" in text and "restrictions on missile strikes" in text and "5,800" not in text
    assert len(pieces) >= 3  # two verified sentences as they completed, then the sources list
    last = chunks[-1].model_extra
    assert last["abstained"] is False
    assert_exact(last["citations"], server.corpus)
