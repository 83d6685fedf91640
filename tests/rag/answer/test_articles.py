"""Which questions ask about an article itself (its author, headline, date ...) and which about its news."""

from __future__ import annotations

import pytest

from rag.answer.articles import about_article


@pytest.mark.parametrize(
    "question", ["Who wrote the article about the Blue tram line?", "Who is the author of that story?"]
)
def test_who_wrote_an_article_asks_for_its_author(question: str) -> None:
    asked = about_article(question)
    assert asked is not None and asked.field == "authors"


@pytest.mark.parametrize(
    "question", ["Who authored the No TikTok on Government Devices Act?", "Who wrote the letter to the mayor?"]
)
def test_who_wrote_a_bill_or_a_letter_asks_about_the_news(question: str) -> None:
    """The author of a bill is news the article reports, not the article's byline."""
    assert about_article(question) is None
