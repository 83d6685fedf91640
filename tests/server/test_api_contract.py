"""The REST contract in process: FastAPI's TestClient over the app built from a real service (real
embedded Chroma, real model, the session's index of the seeds). Fast; the same routes are also
exercised over real HTTP against `rag serve` in test_api.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rag.server.app import create_app
from rag.server.options import ServerOptions
from rag.service import RagService
from tests.helpers import API_KEY, assert_citations_exact

AUTH = {"Authorization": f"Bearer {API_KEY}"}
MISSILE_Q = "Which missile did the Russian Armed Forces test?"


@pytest.fixture(scope="module")
def client(seeds_service: RagService) -> Iterator[TestClient]:
    with TestClient(create_app(seeds_service, ServerOptions(api_key=API_KEY))) as client:
        yield client


def test_answer_has_the_documented_shape_and_exact_citations(client: TestClient, indexed: tuple[Path, Path]) -> None:
    response = client.post("/api/answer", json={"question": MISSILE_Q}, headers=AUTH)
    assert response.status_code == 200
    answer = response.json()
    assert set(answer) >= {"question", "answer", "abstained", "citations", "nearest", "generator", "sentences"}
    assert answer["question"] == MISSILE_Q and answer["abstained"] is False and answer["generator"] == "extractive"
    assert answer["citations"] and all(f"[{c['n']}]" in answer["answer"] for c in answer["citations"])
    assert set(answer["citations"][0]) == {
        "n",
        "source",
        "title",
        "chunk_id",
        "start",
        "end",
        "quote",
        "score",
        "published",
        "pages",  # PDF only; null here
        "reported_by",  # the other articles of its story with the same sentence
    }
    assert answer["citations"][0]["pages"] is None and answer["citations"][0]["reported_by"] == []
    assert_citations_exact(answer, indexed[0])


def test_every_route_needs_the_key_and_health_does_not(client: TestClient) -> None:
    routes = [
        ("post", "/api/answer", {"question": MISSILE_Q}),
        ("get", "/api/chunks/abc", None),
        ("get", "/api/sources", None),
        ("get", "/api/sources/000_f2c692fe7068c890.txt", None),
        ("get", "/v1/models", None),
        ("post", "/v1/chat/completions", {"messages": [{"role": "user", "content": MISSILE_Q}]}),
        ("get", "/docs", None),
        ("get", "/openapi.json", None),
        ("get", "/no/such/route", None),
    ]
    for method, path, body in routes:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}, {"Cookie": "rag_session=x"}):
            response = client.request(method, path, json=body, headers=headers)
            assert response.status_code == 401, (method, path, headers)
            assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/health").status_code == 200


def test_a_browser_without_the_key_gets_the_login_form_and_then_a_session(seeds_service: RagService) -> None:
    with TestClient(create_app(seeds_service, ServerOptions(api_key=API_KEY))) as browser:
        page = browser.get("/api/sources", headers={"Accept": "text/html"})
        assert page.status_code == 401 and '<form method="post" action="/login">' in page.text
        wrong = browser.post("/login", data={"key": "nope"}, follow_redirects=False)
        assert wrong.status_code == 401 and "not the key" in wrong.text and "rag_session" not in browser.cookies
        right = browser.post("/login", data={"key": API_KEY}, follow_redirects=False)
        assert right.status_code == 303 and "httponly" in right.headers["set-cookie"].lower()
        assert browser.get("/api/sources").status_code == 200  # the cookie alone now
        browser.post("/logout")
        assert browser.get("/api/sources").status_code == 401


def test_the_openapi_document_declares_the_bearer_scheme(client: TestClient) -> None:
    spec = client.get("/openapi.json", headers=AUTH).json()
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/api/answer"]["post"]["security"] == [{"HTTPBearer": []}]


def test_posts_over_the_rate_limit_get_429_with_retry_after(seeds_service: RagService) -> None:
    options = ServerOptions(api_key=API_KEY, rate_limit="3/minute")
    with TestClient(create_app(seeds_service, options)) as limited:
        codes = [limited.post("/api/answer", json={"question": MISSILE_Q}, headers=AUTH).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = limited.post("/api/answer", json={"question": MISSILE_Q}, headers=AUTH)
        assert 1 <= int(refused.headers["retry-after"]) <= 60 and "too many requests" in refused.json()["detail"]
        assert limited.get("/api/sources", headers=AUTH).status_code == 200  # reading is not limited


@pytest.mark.parametrize(
    "body",
    [
        {"question": ""},
        {"question": "   "},
        {"question": "x" * 2001},
        {"question": "Who?", "top_k": 0},
        {"question": "Who?", "top_k": 51},
        {"question": "Who?", "history": [{"role": "user", "content": "hi"}] * 51},
        {"question": "Who?", "history": [{"role": "robot", "content": "hi"}]},
        {"question": "Who?", "generator": "gpt-9"},
        {"nothing": "here"},
    ],
)
def test_invalid_answer_requests_are_422(client: TestClient, body: dict[str, object]) -> None:
    response = client.post("/api/answer", json=body, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_an_llm_the_server_does_not_have_is_400(client: TestClient) -> None:
    response = client.post("/api/answer", json={"question": MISSILE_Q, "generator": "openai"}, headers=AUTH)
    assert response.status_code == 400 and "not configured" in response.json()["detail"]


def test_a_body_over_the_limit_is_413_whatever_its_transfer_encoding(client: TestClient) -> None:
    body = json.dumps({"question": "x", "history": [{"role": "user", "content": "y" * 1_000_000}]}).encode()
    headers = {**AUTH, "Content-Type": "application/json"}
    assert client.post("/api/answer", content=body, headers=headers).status_code == 413

    def chunked() -> Iterator[bytes]:  # no Content-Length: Transfer-Encoding: chunked
        for i in range(0, len(body), 8192):
            yield body[i : i + 8192]

    response = client.post("/api/answer", content=chunked(), headers=headers)
    assert response.status_code == 413


def test_a_cited_chunk_can_be_looked_up_and_an_unknown_one_is_404(client: TestClient) -> None:
    answer = client.post("/api/answer", json={"question": MISSILE_Q}, headers=AUTH).json()
    citation = answer["citations"][0]
    chunk = client.get(f"/api/chunks/{citation['chunk_id']}", headers=AUTH).json()
    assert chunk["source"] == citation["source"] and chunk["start"] <= citation["start"] < citation["end"]
    assert citation["quote"] in chunk["text"]
    assert client.get("/api/chunks/0000", headers=AUTH).status_code == 404


def test_sources_list_every_indexed_article_with_its_text(client: TestClient, indexed: tuple[Path, Path]) -> None:
    corpus = indexed[0]
    listing = client.get("/api/sources", headers=AUTH).json()
    assert sorted(s["source"] for s in listing) == sorted(p.name for p in corpus.glob("*.txt"))
    first = listing[0]["source"]
    detail = client.get(f"/api/sources/{first}", headers=AUTH).json()
    assert detail["text"] == (corpus / first).read_text("utf-8")
    assert client.get("/api/sources/../../etc/passwd", headers=AUTH).status_code == 404


def test_openai_route_answers_with_sources_and_streams_the_same_text(client: TestClient) -> None:
    body = {"model": "rag-extractive", "messages": [{"role": "user", "content": MISSILE_Q}]}
    completion = client.post("/v1/chat/completions", json=body, headers=AUTH).json()
    text = completion["choices"][0]["message"]["content"]
    assert "Oreshnik" in text and "\n\nSources:\n[1]" in text and completion["citations"]

    with client.stream("POST", "/v1/chat/completions", json=body | {"stream": True}, headers=AUTH) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line for line in response.iter_lines() if line]
    assert events[-1] == "data: [DONE]"
    chunks = [json.loads(line.removeprefix("data: ")) for line in events[:-1]]
    streamed = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert streamed == text and chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_models_list_the_extractive_answerer_first(client: TestClient) -> None:
    ids = [m["id"] for m in client.get("/v1/models", headers=AUTH).json()["data"]]
    assert ids[0] == "rag-extractive"


def test_health_counts_the_indexed_articles(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["documents"] == 5 and health["chunks"] > 5
    assert health["store"] == {"ok": True, "mode": "embedded", "error": None}


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json", headers=AUTH).json()["paths"]
    assert {"/api/answer", "/api/chunks/{chunk_id}", "/api/sources", "/v1/chat/completions", "/health"} <= set(paths)


def test_an_unknown_model_is_model_not_found_in_openais_shape(client: TestClient) -> None:
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": MISSILE_Q}]}
    response = client.post("/v1/chat/completions", json=body, headers=AUTH)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "model_not_found" and error["param"] == "model"
    assert "gpt-4o" in error["message"] and "rag-extractive" in error["message"]
    for model in ("rag", "rag-extractive"):  # the server's default, and a listed one
        ok = client.post("/v1/chat/completions", json={**body, "model": model}, headers=AUTH)
        assert ok.status_code == 200, ok.text
    listed = {m["id"] for m in client.get("/v1/models", headers=AUTH).json()["data"]}
    for model in {"rag-openai", "rag-local", "rag-"} - listed:  # names of generators this server lacks
        assert client.post("/v1/chat/completions", json={**body, "model": model}, headers=AUTH).status_code == 404


def test_a_validation_error_does_not_echo_the_input(client: TestClient) -> None:
    long_question = "why " * 600
    response = client.post("/api/answer", json={"question": long_question}, headers=AUTH)
    assert response.status_code == 422
    assert "why why why" not in response.text and len(response.text) < 1000
    assert response.json()["detail"][0]["loc"] == ["body", "question"]


def test_a_wrong_method_is_405_also_with_the_chat_window_mounted(seeds_service: RagService) -> None:
    from ui.chat import mount_ui

    app = mount_ui(create_app(seeds_service, ServerOptions()), seeds_service, "test-secret")
    with TestClient(app) as client:
        for method, path, allow in (
            ("GET", "/api/answer", "POST"),
            ("DELETE", "/v1/chat/completions", "POST"),
            ("PUT", "/api/sources", "GET"),
            ("POST", "/api/files/a.pdf", "GET"),
            ("PUT", "/api/chunks/abc", "GET"),
        ):
            response = client.request(method, path)
            assert response.status_code == 405, (method, path, response.status_code)
            assert allow in response.headers["allow"]
        assert client.get("/api/sources").status_code == 200
        assert client.get("/").status_code == 200  # the chat window still answers at /


@pytest.mark.parametrize(
    "dates",
    [
        {"since": "2024-13-01"},
        {"until": "yesterday"},
        {"since": "2024-03-02", "until": "2024-03-01"},
        {"as_of": "today"},
    ],
)
def test_a_bad_date_range_is_a_422_that_names_it(client: TestClient, dates: dict[str, str]) -> None:
    response = client.post("/api/answer", json={"question": MISSILE_Q, **dates}, headers=AUTH)
    assert response.status_code == 422
    assert any(name in response.text for name in dates)


def test_a_date_range_is_accepted_and_undated_articles_are_left_out(client: TestClient) -> None:
    response = client.post("/api/answer", json={"question": MISSILE_Q, "since": "2000-01-01"}, headers=AUTH)
    assert response.status_code == 200
    answer = response.json()
    assert answer["abstained"] and answer["citations"] == []  # the seeds carry no publication dates
