"""The chat window end to end in real headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.helpers import RunningServer
from tests.ui.browser import ask, choose_llm, open_chat, shoot


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
    choose_llm(page, show_unverified=True)
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


@pytest.mark.parametrize("width", [1366, 420])
def test_a_passage_opens_without_scrolling_the_chat_away(
    page, server: RunningServer, tmp_path: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    open_chat(page, server)
    ask(page, "Who is the speaker of Crimea's parliament?")
    ask(page, "What did Konstantinov warn about a missed Moscow-Washington encounter?")
    shoot(page, tmp_path / f"answers-{width}.png")
    question_box = page.locator("#question textarea").bounding_box()
    assert question_box and question_box["y"] + question_box["height"] <= 800, "the input is off screen"

    link = page.locator("#chat .answer-sources a.cite").last
    link.scroll_into_view_if_needed()  # where the user sees it
    scrolled = page.evaluate("window.scrollY")
    link.click()
    mark = page.locator("#source-panel mark#cited-passage")
    mark.wait_for(timeout=30_000)
    page.wait_for_timeout(700)  # smooth scroll
    shoot(page, tmp_path / f"passage-{width}.png")
    assert page.evaluate("window.scrollY") == scrolled, "the page scrolled instead of the source panel"
    box, panel = mark.bounding_box(), page.locator("#source-panel").bounding_box()
    assert box and panel and panel["y"] <= box["y"] <= panel["y"] + panel["height"] <= 800
    # on screen across too: a long article's text once pushed the phone's sheet off its right edge
    assert 0 <= panel["x"] <= box["x"] and box["x"] + box["width"] <= panel["x"] + panel["width"] <= width, (box, panel)
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.closest('#source-panel') !== null",
        [box["x"] + box["width"] / 2, box["y"] + min(box["height"], 20) / 2],
    )
    assert hit, "the marked passage is covered or off the panel"
    if width < 900:  # a sheet over the chat, closed by its button: the conversation is where it was
        page.locator("button.panel-close").click()
        page.locator("#source-column").wait_for(state="hidden", timeout=5_000)
        assert page.locator("#chat a.cite").first.is_visible() or page.locator("#chat").is_visible()
        shoot(page, tmp_path / f"closed-{width}.png")
    else:  # side by side: the chat stays visible while the passage is read
        assert page.locator("#chat").is_visible() and page.locator("button.panel-close").is_hidden()


def test_the_closest_articles_of_an_abstention_open_in_the_panel(page, server: RunningServer) -> None:
    open_chat(page, server)
    ask(page, "What is the population of Canada?")
    abstained = page.locator("#chat .abstained")
    assert "don't contain" in abstained.inner_text()
    assert "Understood as" not in page.locator("#chat").inner_text()
    closest = abstained.locator("a.cite").first
    title = closest.inner_text()
    closest.click()
    page.locator("#source-panel mark#cited-passage").wait_for(timeout=30_000)
    assert title.removesuffix("…") in page.locator("#source-panel h3").inner_text()


def test_a_conversation_survives_a_reload_and_new_chat_keeps_it_in_the_list(
    page, server: RunningServer, tmp_path: Path
) -> None:
    open_chat(page, server)
    ask(page, "Who is the speaker of Crimea's parliament?")
    page.wait_for_timeout(500)  # the browser writes its storage after the answer
    page.reload(wait_until="domcontentloaded")
    page.locator("#chat .direct").first.wait_for(timeout=30_000)
    assert "Konstantinov" in page.locator("#chat .direct").inner_text()
    page.locator("#chat .direct a.cite").click()  # restored markers still open their passage
    page.locator("#source-panel mark#cited-passage strong.direct-answer").wait_for(timeout=30_000)

    ask(page, "Which TV channel did he speak on?")  # the restored turns still resolve a follow-up
    assert "Millet TV" in page.locator("#chat .direct").last.inner_text()
    page.locator("#new-chat").click()
    page.wait_for_function("() => document.querySelectorAll('#chat .message, #chat a.cite').length === 0")
    ask(page, "Which missile did the Russian Armed Forces test?")
    shoot(page, tmp_path / "second-chat.png")

    page.locator("#chats input").click()
    page.get_by_role("option", name="Who is the speaker of Crimea's parliament?").click()
    page.wait_for_function("() => document.querySelector('#chat').innerText.includes('Millet TV')", timeout=10_000)
    assert "Which missile did the Russian Armed Forces test?" not in page.locator("#chat").inner_text()


def test_regenerate_asks_the_last_question_again_in_place(page, server: RunningServer, fake_llm_server) -> None:
    fake_llm_server.llm.reply = "The Russian Armed Forces tested the Oreshnik ballistic missile [{cite:Oreshnik}]."
    open_chat(page, server)
    ask(page, "Which missile did the Russian Armed Forces test?")
    assert page.locator("#chat .answer-check").count() == 0  # extractive: no LLM footer
    choose_llm(page)  # e.g. to have the answer written by the LLM instead
    page.locator("#regenerate").click()
    page.locator("#chat .answer-check").wait_for(timeout=30_000)
    text = page.locator("#chat").inner_text()
    assert text.count("Which missile did the Russian Armed Forces test?") == 1, text
    assert page.locator("#chat .copy-answer").count() == 1, text
    assert "Oreshnik" in text


def test_stop_cancels_an_answer_while_it_streams(page, server: RunningServer, fake_llm_server) -> None:
    fake_llm_server.llm.reply = " ".join(
        ["The Russian Armed Forces tested and launched the Oreshnik ballistic missile [{cite:Oreshnik}]."] * 6
    )
    fake_llm_server.llm.token_delay = 0.3
    try:
        open_chat(page, server)
        choose_llm(page)
        page.locator("#question textarea").fill("Which missile did the Russian Armed Forces test?")
        page.locator("#ask").click()
        page.locator("#stop").wait_for(state="visible", timeout=10_000)
        assert page.locator("#ask").is_hidden()
        page.locator("#stop").click()
        page.locator("#chat .stopped").wait_for(timeout=10_000)
        page.locator("#ask").wait_for(state="visible", timeout=10_000)
        shown = page.locator("#chat").inner_text()
        page.wait_for_timeout(2_000)
        assert page.locator("#chat").inner_text() == shown, "the answer kept growing after Stop"
        assert page.locator("#chat .answer-check").count() == 0  # it never finished
    finally:
        fake_llm_server.llm.token_delay = 0.0


def test_llm_markdown_is_rendered_and_cannot_inject_markup(page, server: RunningServer, fake_llm_server) -> None:
    fake_llm_server.llm.reply = (
        "The Russian Armed Forces tested the **Oreshnik** ballistic missile [{cite:Oreshnik}]. "
        "It said <img src=x onerror=alert(document.cookie)> [{cite:Oreshnik}]."
    )
    open_chat(page, server)
    choose_llm(page, show_unverified=True)
    ask(page, "Which missile did the Russian Armed Forces test?")
    assert page.locator("#chat strong", has_text="Oreshnik").count() >= 1, page.locator("#chat .bot").last.inner_html()
    assert page.locator("#chat img[src=x]").count() == 0


def test_copy_with_citations_puts_the_answer_and_its_sources_on_the_clipboard(page, server: RunningServer) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_chat(page, server)
    ask(page, "Who is the speaker of Crimea's parliament?")
    page.locator("#chat .copy-answer").click()
    page.locator("#chat .copy-answer.copied").wait_for(timeout=5_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    first_line, sources = copied.split("\n\n", 1)[0], copied.rsplit("\n\n", 1)[1]
    assert first_line.startswith("Vladimir Konstantinov [1]")
    assert sources.startswith("[1] ") and ".txt, characters " in sources and "Millet TV" in sources


def test_the_index_status_shows_a_run_in_progress(page, server: RunningServer, tmp_path: Path) -> None:
    import httpx

    from index.lock import FileLock

    page.set_viewport_size({"width": 420, "height": 800})
    open_chat(page, server)
    with FileLock(server.data_dir / "index.lock", wait_seconds=5) as lock:  # what `rag index` holds
        lock.report(3, 10)
        page.get_by_text("indexing… 3/10 files").wait_for(timeout=15_000)
        indexing = httpx.get(f"{server.url}/health").json()["indexing"]
        assert indexing["done"] == 3 and indexing["total"] == 10
        shoot(page, tmp_path / "indexing-420.png")
    page.get_by_text("indexing…").wait_for(state="detached", timeout=15_000)
    assert httpx.get(f"{server.url}/health").json()["indexing"] is None
