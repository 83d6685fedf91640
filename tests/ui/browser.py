"""What a user does in the chat window, as steps the browser tests share."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import API_KEY, RunningServer


def open_chat(page, server: RunningServer) -> None:
    """Sign in with the server's key through the login form, as a user does, and wait for the chat."""
    page.goto(server.url + "/", wait_until="domcontentloaded")
    page.locator("input#key").fill(API_KEY)
    page.locator("button[type=submit]").click()
    page.get_by_text("5 articles").wait_for(timeout=30_000)


def choose_llm(page, show_unverified: bool = False) -> None:
    """Answers written by the (fake) OpenAI-compatible LLM, as a user picks them in the menu."""
    page.locator("#generator input").click()
    page.get_by_role("option", name="LLM, OpenAI-compatible (verified)").click()
    if show_unverified:
        page.locator("#show-unverified input").check()


def ask(page, question: str) -> None:
    """Ask through the input box and wait for the finished answer (its copy button comes last)."""
    before = page.locator("#chat .copy-answer").count()
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    page.wait_for_function(f"() => document.querySelectorAll('#chat .copy-answer').length > {before}", timeout=30_000)


def shoot(page, path: Path) -> None:
    page.screenshot(path=str(path))
    assert path.stat().st_size > 5_000
