"""The chat window end to end in real headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.helpers import API_KEY, RunningServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page(tmp_path: Path):
    if CHROMIUM is None:
        pytest.fail("Debian chromium is not installed (scripts/setup.sh --test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        yield context.new_page()
        context.close()
        browser.close()


def open_chat(page, server: RunningServer) -> None:
    """Sign in with the server's key through the login form, as a user does, and wait for the chat."""
    page.goto(server.url + "/", wait_until="domcontentloaded")
    page.locator("input#key").fill(API_KEY)
    page.locator("button[type=submit]").click()
    page.get_by_text("5 articles").wait_for(timeout=30_000)


def test_ask_click_marker_and_see_highlighted_passage(page, server: RunningServer, tmp_path: Path) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", "localhost") and not r.url.startswith("data:")
            else None
        ),
    )
    open_chat(page, server)

    page.locator("#question textarea").fill("Who is the speaker of Crimea's parliament?")
    page.locator("#ask").click()
    marker = page.locator("#chat a.cite", has_text="[1]").first
    marker.wait_for(timeout=30_000)
    page.locator("#chat .answer-sources li").first.wait_for(timeout=30_000)  # the last streamed step
    assert "Konstantinov" in page.locator("#chat").inner_text()

    marker.click()
    highlighted = page.locator("#source-panel mark#cited-passage")
    highlighted.wait_for(timeout=30_000)
    assert "Vladimir Konstantinov" in highlighted.inner_text()
    page.wait_for_timeout(600)  # smooth scroll
    box, panel = highlighted.bounding_box(), page.locator("#source-panel").bounding_box()
    assert box and panel and panel["y"] <= box["y"] <= panel["y"] + panel["height"]
    page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
    assert (tmp_path / "chat.png").stat().st_size > 10_000

    page.locator("#new-chat").click()
    page.wait_for_timeout(500)
    assert page.locator("#chat a.cite").count() == 0
    assert outside == [], f"the page loaded from the internet: {outside}"


def test_abstention_is_shown_plainly(page, server: RunningServer) -> None:
    open_chat(page, server)
    page.locator("#question textarea").fill("What is the population of Canada?")
    page.locator("#ask").click()
    page.locator("#chat .abstained").wait_for(timeout=30_000)
    assert "don't contain" in page.locator("#chat .abstained").inner_text()


def test_llm_answer_shows_verified_sentences_and_marks_unverified_ones(
    page, server: RunningServer, fake_llm_server, tmp_path: Path
) -> None:
    fake_llm_server.llm.reply = (
        "The Russian Armed Forces tested and launched the Oreshnik ballistic missile [{cite:Oreshnik}]. "
        "The missile flew 5,800 kilometres in 12 minutes [{cite:Oreshnik}]."
    )
    open_chat(page, server)
    page.locator("#generator input").click()
    page.get_by_role("option", name="LLM, OpenAI-compatible (verified)").click()
    page.locator("#show-unverified input").check()
    page.locator("#question textarea").fill("Which missile did the Russian Armed Forces test?")
    page.locator("#ask").click()
    page.locator("#chat .answer-check").wait_for(timeout=60_000)  # the finished answer's footer
    chat = page.locator("#chat")
    assert "Oreshnik" in chat.inner_text()
    unverified = page.locator("#chat .unverified")
    assert unverified.count() == 1 and "5,800" in unverified.inner_text()
    assert "1 dropped" in page.locator("#chat .answer-check").inner_text()
    page.screenshot(path=str(tmp_path / "llm.png"), full_page=True)

    page.locator("#chat a.cite", has_text="[1]").first.click()
    highlighted = page.locator("#source-panel mark#cited-passage")
    highlighted.wait_for(timeout=30_000)
    assert "Oreshnik" in highlighted.inner_text()


def test_the_chat_window_and_every_gradio_route_need_the_key(page, server: RunningServer) -> None:
    import httpx

    for method, path in [
        ("GET", "/"),
        ("GET", "/config"),
        ("GET", "/gradio_api/info"),
        ("POST", "/gradio_api/call/respond"),
    ]:
        refused = httpx.request(method, server.url + path, json={"data": ["Who?"]} if method == "POST" else None)
        assert refused.status_code == 401, path
        assert "Konstantinov" not in refused.text
    assert httpx.get(server.url + "/config", headers=server.headers()).status_code == 200

    page.goto(server.url + "/", wait_until="domcontentloaded")
    page.locator("input#key").fill("not-the-key")
    page.locator("button[type=submit]").click()
    page.get_by_text("That is not the key.").wait_for(timeout=10_000)
    assert page.locator("#question").count() == 0
    open_chat(page, server)
    page.reload(wait_until="domcontentloaded")  # the session cookie keeps the browser signed in
    page.get_by_text("5 articles").wait_for(timeout=30_000)


def test_the_direct_answer_comes_first_in_bold_and_is_highlighted_in_its_passage(page, server: RunningServer) -> None:
    open_chat(page, server)
    page.locator("#question textarea").fill("Which missile did the Russian Armed Forces test?")
    page.locator("#ask").click()
    page.locator("#chat .answer-sources li").first.wait_for(timeout=30_000)
    direct = page.locator("#chat .direct b").first
    assert "Oreshnik" in direct.inner_text()
    page.locator("#chat .direct a.cite").first.click()
    inner = page.locator("#source-panel mark#cited-passage strong.direct-answer")
    inner.wait_for(timeout=30_000)
    assert inner.inner_text() == direct.inner_text()


def test_a_follow_up_shows_how_it_was_understood(page, server: RunningServer, tmp_path: Path) -> None:
    open_chat(page, server)
    page.locator("#question textarea").fill("Who is the speaker of Crimea's parliament?")
    page.locator("#ask").click()
    page.locator("#chat .answer-sources li").first.wait_for(timeout=30_000)
    page.locator("#question textarea").fill("Which TV channel did he speak on?")
    page.locator("#ask").click()
    resolved = page.locator("#chat .resolved")
    resolved.wait_for(timeout=30_000)
    assert "Which TV channel did Vladimir Konstantinov speak on?" in resolved.inner_text()
    page.locator("#chat .answer-sources li").nth(0).wait_for(timeout=30_000)
    assert "Millet TV" in page.locator("#chat .direct").last.inner_text()
    page.screenshot(path=str(tmp_path / "follow-up.png"), full_page=True)


@pytest.mark.parametrize("width", [1366, 420])
def test_examples_ask_about_the_indexed_articles(page, server: RunningServer, tmp_path: Path, width: int) -> None:
    import httpx

    headlines = {s["title"] for s in httpx.get(f"{server.url}/api/sources", headers=server.headers()).json()}
    page.set_viewport_size({"width": width, "height": 900})
    open_chat(page, server)
    examples = page.locator("#examples").get_by_text("What is the article")
    examples.first.wait_for(timeout=30_000)
    shown = [examples.nth(i).inner_text().strip().removesuffix("...") for i in range(examples.count())]
    questions = [f"What is the article “{h}” about?" for h in headlines]
    assert shown and all(any(q.startswith(text) for q in questions) for text in shown)  # Gradio may shorten
    examples.first.click()
    page.wait_for_function("() => document.querySelector('#question textarea').value.length > 0", timeout=10_000)
    asked = page.locator("#question textarea").input_value()
    assert asked in questions and asked.startswith(shown[0])
    page.locator("#ask").click()
    page.locator("#chat .answer-sources li").first.wait_for(timeout=30_000)
    headline = asked.split("“")[1].split("”")[0]
    assert headline in page.locator("#chat .answer-sources").inner_text()
    page.screenshot(path=str(tmp_path / f"examples-{width}.png"), full_page=True)
