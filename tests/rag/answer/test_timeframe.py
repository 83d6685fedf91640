"""Dated evidence: a date range filters, a named time and recency words reorder (dated articles
written by the test, indexed with the real model)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index.embedder import Embedder
from rag.answer.timeframe import (
    mentions_named_time,
    named_window,
    parse_date,
    relative_window,
    searched,
    time_frame,
    without_named_time,
)
from rag.schemas import AnswerRequest
from rag.settings import Settings
from rag.wiring import build_service
from tests.helpers import assert_citations_exact, index_folder

ARTICLES = {
    "early.txt": (
        "Flood toll rises in Valmora",
        "2024-03-02",
        "The death toll from the floods in Valmora rose to 12 on Saturday, officials said. "
        "Rescue teams were still searching the riverside villages.",
    ),
    "later.txt": (
        "Valmora flood toll climbs again",
        "2024/03/09",
        "The death toll from the floods in Valmora rose to 30 on Saturday, officials said. "
        "The government declared three days of mourning.",
    ),
    "bridge.txt": (
        "Valmora opens new bridge",
        "June 1, 2023",
        "The town of Valmora opened a new bridge over the river on Monday, the mayor said.",
    ),
    "undated.txt": ("Valmora river notes", "", "The river through Valmora floods most springs, residents said."),
    "ferry_first.txt": (
        "Lindqvist ferry suspended",
        "2024-05-01",
        "The ferry service between Lindqvist and Ostra was suspended after the operator Nordlys Shipping lost "
        "its licence, the harbour office said.",
    ),
    "ferry_update.txt": (
        "Lindqvist ferry suspended",
        "2024-05-04",
        "The ferry service between Lindqvist and Ostra was suspended after the operator Baltica Lines lost "
        "its licence, the harbour office said.",
    ),
}


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder):
    root = tmp_path_factory.mktemp("dated")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, (title, published, body) in ARTICLES.items():
        head = f"{title}\nPublished: {published}\n" if published else f"{title}\n"
        (corpus / name).write_text(f"{head}\n{body}\n")
    index_folder(corpus, root / "data", embedder)
    return corpus, build_service(Settings(data_dir=root / "data", corpus_dir=corpus))


def ask(service, question: str, **dates: date):
    return service.answer(AnswerRequest(question=question, **dates))


def test_a_date_range_keeps_answers_inside_it(dated) -> None:
    corpus, service = dated
    before = ask(service, "What was the death toll from the Valmora floods?", until=date(2024, 3, 5))
    assert "12" in before.answer and {c.source for c in before.citations} <= {"early.txt", "bridge.txt"}
    after = ask(service, "What was the death toll from the Valmora floods?", since=date(2024, 3, 5))
    assert "30" in after.answer and {c.source for c in after.citations} == {"later.txt"}
    for answer in (before, after):
        assert_citations_exact(answer, corpus)
        assert all(c.published for c in answer.citations)  # the date beside every citation


def test_nothing_in_the_range_is_an_abstention_and_undated_articles_are_left_out(dated) -> None:
    _, service = dated
    answer = ask(service, "What did Valmora open?", since=date(2025, 1, 1))
    assert answer.abstained and not answer.citations
    springs = ask(service, "When does the river through Valmora flood?", since=date(2000, 1, 1))
    assert all(c.source != "undated.txt" for c in springs.citations)


def test_recency_words_prefer_the_newest_evidence(dated) -> None:
    _, service = dated
    for question in (
        "What is the latest death toll from the Valmora floods?",
        "How high is the Valmora flood death toll now?",
    ):
        answer = ask(service, question)
        assert not answer.abstained and answer.citations[0].source == "later.txt", (question, answer.answer)


def test_a_time_named_in_the_question_prefers_that_time(dated) -> None:
    _, service = dated
    answer = ask(service, "What did Valmora open in June 2023?")
    assert answer.citations and answer.citations[0].source == "bridge.txt"


def test_a_time_relative_to_the_day_of_asking_reads_the_articles_of_that_time(dated) -> None:
    """ "this week" asked on 4 March is the week of the first toll, asked on 10 March that of the second;
    a year later no article is of that week, and the answer says which dates it read."""
    corpus, service = dated
    question = "What was the death toll from the Valmora floods this week?"
    first = ask(service, question, as_of=date(2024, 3, 4))
    assert not first.abstained and "12" in first.answer and "30" not in first.answer
    second = ask(service, question, as_of=date(2024, 3, 10))
    assert not second.abstained and "30" in second.answer and "12" not in second.answer
    assert {c.source for c in first.citations} | {c.source for c in second.citations} <= {"early.txt", "later.txt"}
    assert_citations_exact(second, corpus)
    later = ask(service, question, as_of=date(2025, 3, 10))
    assert later.abstained and not later.citations and "from 2025-03-03 to 2025-03-10" in later.answer
    year = ask(service, "What did Valmora open this year?", as_of=date(2023, 9, 1))
    assert year.citations and year.citations[0].source == "bridge.txt"
    assert ask(service, "What did Valmora open this year?", as_of=date(2024, 9, 1)).abstained


def test_relative_times_count_from_the_day_of_asking() -> None:
    asked = date(2025, 8, 8)
    assert relative_window("Which team won this week?", asked) == (date(2025, 8, 1), asked)
    assert relative_window("What happened this past  week?", asked) == (date(2025, 8, 1), asked)
    assert relative_window("Who resigned yesterday?", asked) == (date(2025, 8, 7), asked)
    assert relative_window("What burned last month?", asked) == (date(2025, 6, 7), asked)
    assert relative_window("Which blaze is the largest this year?", asked) == (date(2025, 1, 1), asked)
    assert relative_window("Which blaze is the largest?", asked) is None
    assert relative_window("Which team won this week?", None) is None
    frame = time_frame("Which team won this week?", asked_on=asked)
    assert frame.filters and frame.admits(None) and frame.admits(date(2025, 8, 3))
    assert not frame.admits(date(2025, 7, 31)) and not frame.admits(date(2025, 8, 9))


def test_the_range_is_validated() -> None:
    with pytest.raises(ValueError, match="since is after until"):
        AnswerRequest(question="q", since=date(2024, 2, 1), until=date(2024, 1, 1))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020/03/16", date(2020, 3, 16)),
        ("2025-01-10T08:00:00Z", date(2025, 1, 10)),
        ("March 16, 2020", date(2020, 3, 16)),
        ("16 March 2020", date(2020, 3, 16)),
        ("Sept. 2021", None),
        ("2024", date(2024, 1, 1)),
        ("yesterday", None),
        ("2024-02-30", None),
    ],
)
def test_publication_dates_are_read_in_the_forms_articles_give_them(raw: str, expected: date | None) -> None:
    assert parse_date(raw) == expected


def test_the_time_a_question_names_and_its_recency_words_are_not_searched_for() -> None:
    assert named_window("What happened in March 2020?") == (date(2020, 3, 1), date(2020, 3, 31))
    assert named_window("Who won in 2024?") == (date(2024, 1, 1), date(2024, 12, 31))
    assert named_window("Who won the 2024 election?") is None  # a year as a name, not a time to prefer
    question = "What is the latest toll of the floods in March 2024?"
    assert searched(question, time_frame(question)) == "What is the toll of the floods in March 2024?"
    assert without_named_time(searched(question, time_frame(question))) == "What is the toll of the floods?"
    assert mentions_named_time("Who plans to merge in 2024?", ["The merger should close in early 2024."])
    assert not mentions_named_time("What opened in June 2023?", ["It opened in July 2023."])
    assert time_frame("What is the toll today?").newest and time_frame("Who is in charge now?").newest
    assert not time_frame("Which country banned tobacco for today’s teens?").newest  # people of our time
    for question in ("Who told USA Today about the ban?", "Who founded FLORIDA TODAY?"):  # newspapers, no time
        assert not time_frame(question).newest and searched(question, time_frame(question)) == question
    question = "Who told USA TODAY about the ban today?"
    assert searched(question, time_frame(question)) == "Who told USA TODAY about the ban?"


def test_an_undated_corpus_needs_no_dates(tmp_path: Path) -> None:
    assert not time_frame("Who is the speaker?").filters


def test_a_changed_figure_is_flagged_and_the_newest_is_quoted_with_both_spans_exact(dated) -> None:
    corpus, service = dated
    answer = ask(service, "What was the death toll from the Valmora floods?")
    assert answer.direct is not None and answer.direct.text == "30"
    assert answer.citations[0].source == "later.txt"
    [other] = answer.conflicts
    text = (corpus / other.source).read_text()
    assert other.source == "early.txt" and other.value == "12" and other.published == "2024-03-02"
    assert text[other.start : other.end] == "12" and text[other.quote_start : other.quote_end] == other.quote
    assert "Other articles differ: “12”" in answer.answer


def test_a_sentence_reworded_with_another_name_is_a_conflict_without_a_short_answer(dated) -> None:
    """A "why" question has no direct answer; the newer wording of the same sentence is quoted and the
    older one's different name is shown, at its exact span."""
    corpus, service = dated
    answer = ask(service, "Why was the ferry service between Lindqvist and Ostra suspended?")
    assert answer.direct is None and answer.citations[0].source == "ferry_update.txt"
    assert "Baltica Lines" in answer.citations[0].quote
    assert all(c.source != "ferry_first.txt" for c in answer.citations)  # the older wording is not quoted too
    [other] = answer.conflicts
    text = (corpus / other.source).read_text()
    assert other.source == "ferry_first.txt" and other.value == "Nordlys Shipping"
    assert text[other.start : other.end] == "Nordlys Shipping"
    assert text[other.quote_start : other.quote_end] == other.quote
    assert_citations_exact(answer, corpus)
