"""Which questions ask about an article itself (its author, headline, date ...) and which about its news."""

from __future__ import annotations

import pytest

from index.manifest import FileEntry
from rag.answer.articles import _headlined, about_article, headline_named, headline_saying
from rag.answer.retrieve import RetrievedChunk


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
    """The author of a bill is news the article reports, not the article's byline: it is asked of an
    article only when a headline is what the question names, and none is."""
    files = {"a.txt": FileEntry(sha256="a", title="The mayor answers a letter: what it said", chunk_ids=["a0"])}
    asked = about_article(question)
    assert asked is None or (asked.by_headline and headline_named(asked.topic, files) is None)


def test_who_wrote_a_headline_asks_for_the_author_of_the_article_so_headlined() -> None:
    """News is named by its headline, or by its main part before a colon."""
    files = {
        "a.txt": FileEntry(sha256="a", title="5 things to know for August 1: Taiwan, Heat", chunk_ids=["a0"]),
        "b.txt": FileEntry(sha256="b", title="5 things to know for August 2: Al Qaeda, Weather", chunk_ids=["b0"]),
        "c.txt": FileEntry(sha256="c", title="The 5 things to know for August 2 and beyond", chunk_ids=["c0"]),
    }
    asked = about_article("Who wrote the 5 things to know for August 2?")
    assert asked is not None and asked.field == "authors" and asked.by_headline
    assert headline_named(asked.topic, files) == ("b.txt", files["b.txt"].title, "b0")


@pytest.mark.parametrize(
    "question",
    ["Which outlet published the article about the tram?", "What newspaper ran this?", "Which site is the story from?"],
)
def test_which_outlet_ran_an_article_asks_for_its_source(question: str) -> None:
    asked = about_article(question)
    assert asked is not None and asked.field == "source"


@pytest.mark.parametrize(
    "question",
    [
        "Which site for last-minute tickets reported that its cheapest tickets had fallen about 40%?",
        "Which newspaper first published the leaked memo?",
        "Which outlet was the first to report on the mayor's resignation?",
    ],
)
def test_which_outlet_reported_a_fact_asks_about_the_news(question: str) -> None:
    """An outlet that reports a figure, or publishes a document, is news in the article, not its byline."""
    assert about_article(question) is None


def chunk_of(source: str, title: str) -> RetrievedChunk:
    return RetrievedChunk(id=source, source=source, title=title, ordinal=0, start=0, end=10, text="Marijuana votes.")


def test_the_article_about_a_topic_is_the_one_whose_headline_says_it() -> None:
    """The best retrieved chunk may belong to another article on the same subject; news is named by
    its headline. With headlines alike, retrieval's order decides."""
    found = [
        chunk_of("a.txt", "When marijuana is on the ballot, it wins"),
        chunk_of("b.txt", "Recreational weed legal in 21 US states after Maryland, Missouri votes"),
        chunk_of("c.txt", "Marijuana legalization on the ballot in these states"),
    ]
    topic = "marijuana legalization on the ballot in Arkansas, Maryland and Missouri"
    assert _headlined(found, topic).source == "c.txt"
    copies = [chunk_of("x.txt", "Storm hits the coast"), chunk_of("y.txt", "Storm hits the coast")]
    assert _headlined(copies, "the storm on the coast").source == "x.txt"


def test_the_article_whose_headline_says_the_whole_topic_is_found_when_retrieval_missed_it() -> None:
    """Of many articles on one subject, the chunks retrieved for "Covid-19 shots for kids under 5" may all
    be other articles'; the one headlined with every word of the topic is the article asked about."""
    files = {
        "a.txt": FileEntry(sha256="a", title="COVID vaccine for kids 5-11 is coming", chunk_ids=["a0"]),
        "b.txt": FileEntry(sha256="b", title="Covid-19 shots for kids under 5 could begin June 21", chunk_ids=["b0"]),
        "c.txt": FileEntry(
            sha256="c",
            title="Covid-19 shots for kids under 5: what doctors, parents and schools should know",
            chunk_ids=["c0"],
        ),
    }
    topic = "Covid-19 shots for kids under 5"
    assert headline_saying(topic, "COVID vaccine for kids 5-11 is coming", files) == (
        "b.txt",
        "Covid-19 shots for kids under 5 could begin June 21",
        "b0",
    )
    assert headline_saying(topic, "Covid-19 shots for kids under 5 could begin June 21", files) is None
    assert headline_saying("the tram line", "COVID vaccine for kids 5-11 is coming", files) is None
