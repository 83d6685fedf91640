"""The article manager in the chat window, in real Chromium: upload a PDF, ask about it, open the
passage (with its page and a link to the original file), remove it after confirming."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from bench.documents import pdf_document
from tests.helpers import API_KEY, RunningServer
from tests.ui.browser import ask, shoot

FERRY = "Ferry fares will be cut by a third from July, the port authority said on Wednesday."


def open_library(page, server: RunningServer) -> int:
    """Sign in, open the article manager; the number of articles indexed."""
    page.goto(server.url + "/", wait_until="domcontentloaded")
    page.locator("input#key").fill(API_KEY)
    page.locator("button[type=submit]").click()
    documents = httpx.get(f"{server.url}/health").json()["documents"]
    page.get_by_text(f"{documents} articles").wait_for(timeout=30_000)
    page.locator("#documents").get_by_text("Articles: add, list, remove").click()
    return int(documents)


@pytest.mark.parametrize("width", [1366, 420])
def test_upload_ask_open_and_remove_from_the_chat_window(
    page, library_server: RunningServer, tmp_path: Path, width: int
) -> None:
    server = library_server
    page.set_viewport_size({"width": width, "height": 900})
    page.on("dialog", lambda dialog: dialog.accept())  # "Remove … from the corpus folder and the index?"
    chosen = tmp_path / "ferry.pdf"
    filler = [f"Commuters in district {n} said the ferry is quicker than the bridge at rush hour." for n in range(10)]
    chosen.write_bytes(pdf_document("Ferry fares cut", [*filler, None, FERRY], header="Port News"))
    before = open_library(page, server)
    shoot(page, tmp_path / f"library-{width}.png")

    page.locator("#upload-files input[type=file]").set_input_files(str(chosen))
    page.locator("#upload").click()
    page.locator("#upload-outcome").get_by_text("ferry.pdf: indexed").wait_for(timeout=120_000)
    assert "Ferry fares cut" in page.locator("#document-list").inner_text()
    assert (server.corpus / "ferry.pdf").read_bytes() == chosen.read_bytes()
    page.get_by_text(f"{before + 1} articles").wait_for(timeout=15_000)  # the polled status follows
    shoot(page, tmp_path / f"uploaded-{width}.png")

    ask(page, "By how much will ferry fares be cut?")
    assert "cut by a third" in page.locator("#chat").inner_text()
    assert "ferry.pdf, p. 2" in page.locator("#chat .answer-sources").last.inner_text()
    page.locator("#chat .answer-sources a.cite").last.click()
    page.locator("#source-panel mark#cited-passage").wait_for(timeout=30_000)
    meta = page.locator("#source-panel .meta")
    assert "passage on p. 2" in meta.inner_text()
    assert meta.locator("a.original").get_attribute("href") == "/api/files/ferry.pdf"
    shoot(page, tmp_path / f"ferry-passage-{width}.png")
    if width < 900:
        page.locator("button.panel-close").click()

    page.locator("#remove-source input").click()
    page.get_by_role("option", name="ferry.pdf").click()
    page.locator("#remove").click()
    page.locator("#upload-outcome").get_by_text("Removed ferry.pdf").wait_for(timeout=120_000)
    assert "Ferry fares cut" not in page.locator("#document-list").inner_text()
    assert not (server.corpus / "ferry.pdf").exists()


def test_a_refused_upload_says_why_and_changes_nothing(page, library_server: RunningServer, tmp_path: Path) -> None:
    chosen = tmp_path / "notes.pdf"  # the chooser offers article types only; this one lies about its type
    chosen.write_text("{\\rtf1 not a PDF at all}")
    open_library(page, library_server)
    page.locator("#upload-files input[type=file]").set_input_files(str(chosen))
    page.locator("#upload").click()
    outcome = page.locator("#upload-outcome")
    outcome.get_by_text("refused").wait_for(timeout=60_000)
    assert "corrupt PDF" in outcome.inner_text()
    assert not (library_server.corpus / "notes.pdf").exists()


def test_a_date_range_in_the_chat_window_keeps_answers_inside_it(
    page, library_server: RunningServer, tmp_path: Path
) -> None:
    open_library(page, library_server)
    page.locator("#since textarea, #since input").first.fill("2025-05-01")
    ask(page, "How long will the Harbour bridge close?")
    sources = page.locator("#chat .answer-sources").last.inner_text()
    assert "bridge.html" in sources and "2025-05-12" in sources  # the date beside the citation
    shoot(page, tmp_path / "since.png")
    page.locator("#since textarea, #since input").first.fill("")
    page.locator("#until textarea, #until input").first.fill("2025-04-30")
    ask(page, "How long will the Harbour bridge close?")
    last_answer = json.loads(page.locator("#chat .copy-answer").last.get_attribute("data-copy") or '""')
    assert "bridge.html" not in last_answer and "2025-05-12" not in last_answer
    page.locator("#until textarea, #until input").first.fill("2025-13-01")
    page.locator("#question textarea").fill("How long will the Harbour bridge close?")
    page.locator("#ask").click()
    page.wait_for_function("() => document.querySelector('#chat').innerText.includes('valid date')", timeout=10_000)
