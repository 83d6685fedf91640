"""The REST API over real HTTP against `rag serve` running in a subprocess."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from tests.helpers import RunningServer


def post_answer(server: RunningServer, payload: object, **kwargs: object) -> httpx.Response:
    return httpx.post(f"{server.url}/api/answer", json=payload, headers=server.headers(), timeout=60, **kwargs)


def test_answer_returns_exact_citations(server: RunningServer) -> None:
    response = post_answer(server, {"question": "Which missile did the Russian Armed Forces test?"})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["abstained"] is False and "Oreshnik" in answer["answer"]
    for c in answer["citations"]:
        text = (server.corpus / c["source"]).read_text("utf-8")
        assert text[c["start"] : c["end"]] == c["quote"]
        assert f"[{c['n']}]" in answer["answer"]


def test_answer_uses_history_for_follow_ups(server: RunningServer) -> None:
    history = [
        {"role": "user", "content": "Who is the speaker of Crimea's parliament?"},
        {"role": "assistant", "content": "Vladimir Konstantinov ... [1]"},
    ]
    response = post_answer(server, {"question": "Which TV channel did he speak on?", "history": history})
    assert response.status_code == 200
    assert "Millet TV" in response.json()["answer"]


def test_out_of_corpus_question_abstains(server: RunningServer) -> None:
    answer = post_answer(server, {"question": "What is the population of Canada?"}).json()
    assert answer["abstained"] is True and answer["citations"] == []


def test_citation_lookup_gives_the_passage_and_its_surroundings(server: RunningServer) -> None:
    answer = post_answer(server, {"question": "Who is the speaker of Crimea's parliament?"}).json()
    citation = answer["citations"][0]
    response = httpx.get(f"{server.url}/api/chunks/{citation['chunk_id']}", headers=server.headers())
    assert response.status_code == 200
    chunk = response.json()
    text = (server.corpus / chunk["source"]).read_text("utf-8")
    assert text[chunk["start"] : chunk["end"]] == chunk["text"]
    assert chunk["start"] <= citation["start"] < citation["end"] <= chunk["end"]
    assert text[: chunk["start"]].endswith(chunk["before"]) and text[chunk["end"] :].startswith(chunk["after"])
    assert chunk["after"]


def test_sources_list_and_full_text(server: RunningServer) -> None:
    listing = httpx.get(f"{server.url}/api/sources", headers=server.headers()).json()
    names = sorted(s["source"] for s in listing)
    assert names == sorted(p.name for p in server.corpus.glob("*.txt"))
    detail = httpx.get(f"{server.url}/api/sources/{names[1]}", headers=server.headers()).json()
    assert detail["text"] == (server.corpus / names[1]).read_text("utf-8")
    assert detail["title"] and detail["chunks"] >= 1


@pytest.mark.parametrize(
    "path",
    [
        "../../etc/passwd",
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e/%2e%2e/etc/passwd",
        "%2Fetc%2Fpasswd",
        "/etc/passwd",
        "..",
        "nested/../../secret.txt",
        "does-not-exist.txt",
    ],
)
def test_source_paths_never_escape_the_corpus(server: RunningServer, path: str) -> None:
    secret = server.corpus.parent / "secret.txt"
    secret.write_text("TOP SECRET", "utf-8")
    response = httpx.get(f"{server.url}/api/sources/{path}", headers=server.headers())
    assert response.status_code == 404
    assert "TOP SECRET" not in response.text and "root:" not in response.text


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"question": ""}, 422),
        ({"question": "   \n\t "}, 422),
        ({}, 422),
        ({"question": 42}, 422),
        ({"question": "x" * 2001}, 422),
        ({"question": "ok?", "history": [{"role": "user"}]}, 422),
    ],
)
def test_bad_requests_get_a_4xx_with_a_message(server: RunningServer, payload: dict, status: int) -> None:
    response = post_answer(server, payload)
    assert response.status_code == status
    assert response.json()["detail"]


def test_malformed_json_and_oversized_bodies(server: RunningServer) -> None:
    headers = {**server.headers(), "content-type": "application/json"}
    bad = httpx.post(f"{server.url}/api/answer", content=b'{"question": ', headers=headers)
    assert bad.status_code == 422
    huge = httpx.post(f"{server.url}/api/answer", content=b" " * (70 * 1024), headers=headers)
    assert huge.status_code == 413 and "Too Large" in huge.text


def test_unknown_chunk_is_404(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/api/chunks/0123456789abcdef0123", headers=server.headers())
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/api/answer"), ("get", "/api/sources"), ("get", "/api/chunks/x"), ("post", "/v1/chat/completions")],
)
def test_api_key_is_required(server: RunningServer, method: str, path: str) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "test-key-123"}):
        response = httpx.request(method, f"{server.url}{path}", headers=headers, json={"question": "hi"})
        assert response.status_code == 401


def test_health_is_open_and_the_docs_need_the_key(server: RunningServer) -> None:
    health = httpx.get(f"{server.url}/health").json()
    assert health["status"] == "ok" and health["documents"] == 5 and health["chunks"] > 5
    assert health["version"] == health["published_version"] == 1
    assert health["store"] == {"ok": True, "mode": "embedded", "error": None}
    assert httpx.get(f"{server.url}/openapi.json").status_code == 401
    spec = httpx.get(f"{server.url}/openapi.json", headers=server.headers()).json()
    assert {"/api/answer", "/api/chunks/{chunk_id}", "/v1/chat/completions", "/health"} <= set(spec["paths"])
    assert {"Answer", "Citation", "AnswerRequest"} <= set(spec["components"]["schemas"])
    assert httpx.get(f"{server.url}/docs").status_code == 401
    assert httpx.get(f"{server.url}/docs", headers=server.headers()).status_code == 200


def test_a_chunked_body_over_the_limit_is_refused_over_real_http(server: RunningServer) -> None:
    """No Content-Length (Transfer-Encoding: chunked): the limit counts the bytes as they arrive."""
    body = json.dumps({"question": "x", "history": [{"role": "user", "content": "y" * 1_000_000}]}).encode()

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(body), 16_384):
            yield body[i : i + 16_384]

    response = httpx.post(
        f"{server.url}/api/answer",
        content=chunks(),
        headers={**server.headers(), "Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 413
    assert httpx.get(f"{server.url}/health").status_code == 200  # and the server is fine
