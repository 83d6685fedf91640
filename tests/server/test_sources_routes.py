"""Uploads and removals over REST against a real `rag serve` (its child `rag index`, real Chroma):
each file says what became of it, nothing lands outside the corpus folder, a failed upload leaves
the folder and the index as they were, and questions keep being answered meanwhile."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest

from bench.documents import pdf_document
from index.lock import FileLock
from rag.documents import name_problem
from tests.helpers import RunningServer

NEWS = (
    b"Town hall gets a solar roof\n\nThe town hall will get a solar roof of 400 panels by September, the mayor said.\n"
)


def upload(server: RunningServer, files: list[tuple[str, bytes]], replace: bool = False, **kw) -> httpx.Response:
    return httpx.post(
        f"{server.url}/api/sources",
        files=[("files", (name, data)) for name, data in files],
        data={"replace": str(replace).lower()},
        headers=kw.get("headers", server.headers()),
        timeout=300,
    )


def sources(server: RunningServer) -> set[str]:
    return {s["source"] for s in httpx.get(f"{server.url}/api/sources", headers=server.headers()).json()}


def test_an_upload_indexes_what_it_can_and_says_why_not_for_the_rest(library_server: RunningServer) -> None:
    server = library_server
    response = upload(
        server,
        [
            ("solar.txt", NEWS),
            ("../escape.txt", NEWS),
            ("photo.jpg", b"\xff\xd8\xff\xe0 not text"),
            ("broken.pdf", b"%PDF-1.4 truncated"),
            ("bridge.html", b"<html><body><p>Replaced?</p></body></html>"),
            ("big.txt", b"word " * 30_000),
        ],
    )
    assert response.status_code == 200, response.text
    outcome = {f["source"]: (f["status"], f["reason"] or "") for f in response.json()["files"]}
    assert outcome["solar.txt"] == ("indexed", "")
    assert outcome["../escape.txt"][0] == "refused" and "slash" in outcome["../escape.txt"][1]
    assert outcome["photo.jpg"][0] == "refused" and "unsupported file type (.jpg)" in outcome["photo.jpg"][1]
    assert outcome["broken.pdf"][0] == "refused" and "corrupt PDF" in outcome["broken.pdf"][1]
    assert outcome["bridge.html"] == ("refused", "a file of that name exists already (ask to replace it)")
    assert outcome["big.txt"][0] == "refused" and "too large" in outcome["big.txt"][1]
    assert len(outcome) == 6
    assert sorted(p.name for p in server.corpus.iterdir()) == [
        "bridge.html", "library.docx", "solar.txt", "tram.pdf"
    ]  # fmt: skip
    assert not (server.corpus.parent / "escape.txt").exists()

    answer = httpx.post(
        f"{server.url}/api/answer", json={"question": "How many panels will the solar roof have?"},
        headers=server.headers(), timeout=60,
    ).json()  # fmt: skip
    assert "400" in answer["answer"] and answer["citations"][0]["source"] == "solar.txt"
    assert (
        (server.corpus / "solar.txt")
        .read_text()[answer["citations"][0]["start"] :]
        .startswith(answer["citations"][0]["quote"])
    )

    removed = httpx.delete(f"{server.url}/api/sources/solar.txt", headers=server.headers(), timeout=300)
    assert removed.status_code == 200 and removed.json() == {"source": "solar.txt", "status": "removed"}
    assert "solar.txt" not in sources(server) and not (server.corpus / "solar.txt").exists()
    assert httpx.delete(f"{server.url}/api/sources/solar.txt", headers=server.headers()).status_code == 404
    assert httpx.delete(f"{server.url}/api/sources/..%2Fdata", headers=server.headers()).status_code == 404


def test_a_file_is_replaced_only_when_asked(library_server: RunningServer) -> None:
    server = library_server
    page = (
        b"<html><body><article><h1>Harbour bridge reopens early</h1><p>"
        + b"The Harbour bridge reopened two weeks early on Friday after repairs to its steel deck were finished. " * 3
        + b"</p></article></body></html>"
    )
    original = (server.corpus / "bridge.html").read_bytes()
    assert upload(server, [("bridge.html", page)]).status_code == 400  # every file refused
    assert (server.corpus / "bridge.html").read_bytes() == original
    try:
        response = upload(server, [("bridge.html", page)], replace=True)
        assert response.json()["files"] == [{"source": "bridge.html", "status": "indexed", "reason": None}]
        detail = httpx.get(f"{server.url}/api/sources/bridge.html", headers=server.headers()).json()
        assert detail["title"] == "Harbour bridge reopens early" and detail["format"] == "html"
    finally:
        upload(server, [("bridge.html", original)], replace=True)


def test_a_failed_upload_leaves_the_folder_and_the_index_as_they_were(library_server: RunningServer) -> None:
    server = library_server
    before = sources(server)
    with FileLock(server.data_dir / "index.lock", wait_seconds=0):  # another indexer runs longer than we wait
        response = upload(server, [("late.txt", NEWS)])
    assert response.status_code == 503 and "another `rag index` is running" in response.json()["detail"]
    assert not (server.corpus / "late.txt").exists() and sources(server) == before


def test_questions_are_answered_while_an_upload_is_indexed(library_server: RunningServer) -> None:
    server = library_server
    failures: list[int] = []
    done = threading.Event()

    def ask_until_done() -> None:
        while not done.is_set():
            r = httpx.post(
                f"{server.url}/api/answer", json={"question": "How long will the Harbour bridge close?"},
                headers=server.headers(), timeout=60,
            )  # fmt: skip
            if r.status_code != 200:
                failures.append(r.status_code)

    asker = threading.Thread(target=ask_until_done)
    asker.start()
    try:
        pdf = pdf_document(
            "Ferry fares cut", ["Ferry fares will be cut by a third from July, the port authority said."]
        )
        assert upload(server, [("ferry.pdf", pdf)]).status_code == 200
    finally:
        done.set()
        asker.join()
    assert failures == []
    assert httpx.delete(f"{server.url}/api/sources/ferry.pdf", headers=server.headers(), timeout=300).status_code == 200


def test_the_original_file_opens_safely(library_server: RunningServer) -> None:
    server = library_server
    pdf = httpx.get(f"{server.url}/api/files/tram.pdf", headers=server.headers())
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content == (server.corpus / "tram.pdf").read_bytes()
    page = httpx.get(f"{server.url}/api/files/bridge.html", headers=server.headers())
    assert (
        page.headers["content-disposition"].startswith("attachment")
        and "sandbox" in page.headers["content-security-policy"]
    )
    assert httpx.get(f"{server.url}/api/files/..%2Fdata%2Findex.lock", headers=server.headers()).status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/api/sources"), ("DELETE", "/api/sources/tram.pdf"), ("GET", "/api/files/tram.pdf")],
)
def test_the_sources_routes_need_the_key(library_server: RunningServer, method: str, path: str) -> None:
    files = {"files": ("x.txt", NEWS)} if method == "POST" else None
    refused = httpx.request(method, library_server.url + path, files=files)
    assert refused.status_code == 401
    assert (library_server.corpus / "tram.pdf").exists() and not (library_server.corpus / "x.txt").exists()


def test_an_upload_body_over_the_limit_is_refused_whatever_its_encoding(library_server: RunningServer) -> None:
    def chunks():
        yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        for _ in range(40):
            yield b"x" * 100_000
        yield b"\r\n--b--\r\n"

    response = httpx.post(
        f"{library_server.url}/api/sources",
        content=chunks(),
        headers={**library_server.headers(), "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 413


@pytest.mark.parametrize("name", [b"nul\x00.txt", b"bell\x07.txt", b"..", b"/etc/cron.d/x.txt"])
def test_a_raw_multipart_file_name_with_nul_or_control_characters_is_refused(
    library_server: RunningServer, name: bytes
) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="' + name + b'"\r\n\r\n'
        + NEWS + b"\r\n--b--\r\n"
    )  # fmt: skip
    response = httpx.post(
        f"{library_server.url}/api/sources",
        content=body,
        headers={**library_server.headers(), "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code in (400, 422), response.text
    assert sorted(p.name for p in library_server.corpus.iterdir()) == [
        "bridge.html", "library.docx", "tram.pdf"
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["../x.txt", "a/b.txt", "a\\b.txt", "a\x00.txt", "a\x07.txt", ".hidden.txt", ".."])
def test_hostile_file_names_are_refused(name: str) -> None:
    assert name_problem(name) is not None


def test_plain_names_are_fine(tmp_path: Path) -> None:
    assert name_problem("Ukraine talks — 2025 (draft).pdf") is None
