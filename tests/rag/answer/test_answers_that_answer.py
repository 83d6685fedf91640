"""Answers that answer (real model, real store, real spaCy), on articles the tests write themselves:
the direct answer first, follow-ups resolved, questions about an article, several articles, two-part
answers. Every citation stays an exact span, and every direct answer lies inside its quote."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.embedder import Embedder
from index.encoder import TextEncoder
from rag.schemas import Answer, ChatTurn
from rag.service import RagService
from rag.settings import Settings
from rag.wiring import build_service
from tests.corpus_fixtures import write_answer_corpus, write_varied_corpus
from tests.helpers import SEEDS, ask, assert_citations_exact, index_folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("answers-corpus")
    shutil.copytree(SEEDS, root, dirs_exist_ok=True)
    write_varied_corpus(root)
    write_answer_corpus(root)
    return root


@pytest.fixture(scope="module")
def service(
    corpus: Path, embedder: Embedder, encoder: TextEncoder, tmp_path_factory: pytest.TempPathFactory
) -> RagService:
    data = tmp_path_factory.mktemp("answers-data")
    index_folder(corpus, data, embedder)
    return build_service(Settings(data_dir=data, corpus_dir=corpus), encoder=encoder)


def turns_of(*answers: Answer) -> list[ChatTurn]:
    """The conversation these answers make, each after its question."""
    return [
        turn
        for a in answers
        for turn in (ChatTurn(role="user", content=a.question), ChatTurn(role="assistant", content=a.answer))
    ]


def conversation(service: RagService, *questions: str) -> list[Answer]:
    """Each question asked after the ones before it and their answers, as the chat window asks it."""
    answers: list[Answer] = []
    for question in questions:
        answers.append(ask(service, question, turns_of(*answers)))
    return answers


def assert_direct_in_its_quote(answer: Answer, corpus: Path) -> None:
    assert answer.direct is not None, answer.answer
    cited = answer.citations[answer.direct.n - 1]
    assert cited.start <= answer.direct.start < answer.direct.end <= cited.end
    text = (corpus / cited.source).read_text("utf-8")
    assert text[answer.direct.start : answer.direct.end] == answer.direct.text
    assert answer.answer.startswith(f"{answer.direct.text} [{answer.direct.n}]")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who leads the Northfield Philharmonic Orchestra?", "Maria Okafor"),  # a person
        ("Where did Okafor study composition?", "Vienna"),  # a place
        ("When will Okafor conduct her first concert with the orchestra?", "14 March 2025"),  # a date
        ("How many musicians does the Northfield orchestra have?", "64"),  # a number
        ("Which bank will finance the construction of the Blue tram line?", "Vestra Capital"),  # an organisation
        ("Which missile did the Russian Armed Forces test?", "Oreshnik ballistic missile"),  # a thing of a kind
        ("How old is the glider pilot who crossed the Alps?", "16"),  # an age
        ("Who is Vladimir Konstantinov?", "speaker of Crimea’s parliament"),  # what the text says he is
    ],
)
def test_a_short_question_gets_the_answer_itself_first(
    question: str, expected: str, service: RagService, corpus: Path
) -> None:
    answer = ask(service, question)
    assert not answer.abstained
    assert_direct_in_its_quote(answer, corpus)
    assert answer.direct is not None and expected in answer.direct.text
    assert_citations_exact(answer, corpus)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What caused the flooding in the Brennick tunnel?", "leaking sewage pipe"),  # the subject of "caused"
        ("Which company did the harbour operator buy?", "Morland Group"),  # the object of "bought"
    ],
)
def test_the_answer_plays_the_role_the_question_asks_about(
    question: str, expected: str, service: RagService, corpus: Path
) -> None:
    """Not the phrase nearest the question's words ("the old market" stands next to "caused"; the buyer
    next to "bought"), but the one in the asked role."""
    answer = ask(service, question)
    assert_direct_in_its_quote(answer, corpus)
    assert answer.direct is not None and answer.direct.text.endswith(expected), answer.answer


def test_an_age_is_the_number_and_never_a_date(service: RagService, corpus: Path) -> None:
    """ "16" of "A 16-year-old": the age alone; the article's dates ("Saturday", "March 2024") are no age."""
    answer = ask(service, "At what age did Lena Hartwig cross the Alps?")
    assert_direct_in_its_quote(answer, corpus)
    assert answer.direct is not None and answer.direct.text == "16"


def test_a_name_given_in_part_is_answered_in_full(service: RagService, corpus: Path) -> None:
    """The sentence that answers names "Hartwig"; the article named her in full: the answer is the full
    name, quoted where it stands."""
    answer = ask(service, "Who landed in Verona after nine hours of flight?")
    assert_direct_in_its_quote(answer, corpus)
    assert answer.direct is not None and answer.direct.text == "Lena Hartwig"
    assert any("Verona" in c.quote for c in answer.citations), answer.answer
    assert len({(c.source, c.start) for c in answer.citations}) == len(answer.citations)  # none quoted twice
    assert_citations_exact(answer, corpus)


@pytest.mark.parametrize(
    "question",
    [
        "Why did the council debate the tram line for so long?",  # why: no short answer
        "Describe the repairs of the Varnholt dam.",
    ],
)
def test_a_question_without_a_short_answer_gets_quotes_only(question: str, service: RagService, corpus: Path) -> None:
    answer = ask(service, question)
    assert answer.direct is None
    assert_citations_exact(answer, corpus)


def test_no_direct_answer_when_nothing_of_the_asked_kind_is_there(service: RagService, corpus: Path) -> None:
    answer = ask(service, "How many concerts did the conductor Maria Okafor cancel?")
    assert answer.direct is None or answer.direct.text.strip() != "", answer.answer
    if answer.direct is not None:  # any number given must be one the article states near these words
        assert_direct_in_its_quote(answer, corpus)
    assert_citations_exact(answer, corpus)


def test_follow_ups_name_a_new_entity_over_two_and_three_turns(service: RagService, corpus: Path) -> None:
    _, second, third = conversation(
        service,
        "Who leads the Northfield Philharmonic Orchestra?",
        "Where did she study composition?",
        "When will she conduct her first concert?",
    )
    assert second.resolved_question == "Where did Maria Okafor study composition?"
    assert second.direct is not None and second.direct.text == "Vienna"
    assert third.resolved_question == "When will Maria Okafor conduct Maria Okafor's first concert?"
    assert third.direct is not None and third.direct.text == "14 March 2025"
    assert_citations_exact(third, corpus)


def test_a_follow_up_moves_to_the_entity_the_last_answer_named(service: RagService, corpus: Path) -> None:
    first = ask(service, "Who leads the Northfield Philharmonic Orchestra?")
    second = ask(service, "Who founded the Northfield orchestra in 1931?")
    assert second.direct is not None and "Henry Castle" in second.direct.text
    history = turns_of(first, second)
    third = ask(service, "How many musicians does the orchestra he founded have?", history)
    assert third.resolved_question == "How many musicians does the orchestra Henry Castle founded have?"
    assert third.direct is not None and third.direct.text == "64"
    assert_citations_exact(third, corpus)


def test_a_follow_up_is_not_answered_with_the_same_quote_when_another_answers(service: RagService) -> None:
    first = ask(service, "Who leads the Northfield Philharmonic Orchestra?")
    history = turns_of(first)
    follow = ask(service, "When will she conduct her first concert?", history)
    assert follow.citations and follow.citations[0].quote != first.citations[0].quote
    assert "14 March 2025" in follow.answer


def test_a_follow_up_with_no_words_of_its_own_is_answered_from_the_words_searched(
    service: RagService, corpus: Path
) -> None:
    """ "Who said that?" has no content word: the sentences are weighed by the earlier question's words."""
    first = ask(service, "When will the Blue tram line connect the airport with the old town?")
    assert first.direct is not None and first.direct.text == "2027"
    history = turns_of(first)
    follow = ask(service, "Who said that?", history)
    assert not follow.abstained, follow.answer
    assert follow.citations[0].quote.endswith("the transport office said."), follow.answer
    assert_citations_exact(follow, corpus)


@pytest.mark.parametrize(
    ("follow_up", "reading", "expected"),
    [
        ("How much did they cost?", "How much did the Nordhaven harbour repairs cost?", "4.2 million kronor"),
        (
            "When did they pay for them?",
            "When did regional council pay for the Nordhaven harbour repairs?",
            "Last year",
        ),
    ],
)
def test_they_is_read_as_the_body_or_the_things_as_the_article_bears_out(
    service: RagService, corpus: Path, follow_up: str, reading: str, expected: str
) -> None:
    """ "They" after "Who paid for the repairs?" may be the body that paid or the repairs: the article
    says which did what the follow-up asks ("the repairs, which cost ...")."""
    first = ask(service, "Who paid for the Nordhaven harbour repairs?")
    assert first.direct is not None and first.direct.text == "regional council"
    history = turns_of(first)
    follow = ask(service, follow_up, history)
    assert follow.resolved_question == reading
    assert_direct_in_its_quote(follow, corpus)
    assert follow.direct is not None and follow.direct.text == expected
    assert_citations_exact(follow, corpus)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which outlet published the article about the new Northfield conductor?", "www.northfield-herald.example"),
        ("When was the article about the Blue tram line published?", "2025/04/22"),
        ("Who wrote the article about the Northfield orchestra?", "Tomas Berg"),
        ("Who wrote Northfield orchestra names a new conductor?", "Tomas Berg"),  # the article by its headline
        ("What is the headline of the article about the lunar rover?", "Lunar rover finds ice near the south pole"),
    ],
)
def test_questions_about_an_article_are_answered_from_its_head(
    question: str, expected: str, service: RagService, corpus: Path
) -> None:
    answer = ask(service, question)
    assert answer.direct is not None and answer.direct.text == expected
    assert_direct_in_its_quote(answer, corpus)
    assert_citations_exact(answer, corpus)


def test_an_article_that_does_not_name_its_author_says_so(service: RagService) -> None:
    answer = ask(service, "Who wrote the article about the Blue tram line?")
    assert answer.abstained and "does not give its author" in answer.answer and answer.citations == []


def test_what_the_articles_say_cites_each_article(service: RagService, corpus: Path) -> None:
    answer = ask(service, "What do the articles say about the Varnholt dam?")
    assert {c.source for c in answer.citations} >= {"dam_north.txt", "dam_south.txt"}
    assert_citations_exact(answer, corpus)


def test_what_the_articles_say_is_not_one_articles_sentences_nor_its_headings(
    service: RagService, corpus: Path
) -> None:
    """One seed article says "United States", "Russia" and "talks" in every paragraph and section
    heading; others speak of the same talks in other words: they are cited too, and no heading is."""
    answer = ask(service, "What do the articles say about talks between Russia and the United States?")
    assert len({c.source for c in answer.citations}) >= 2, answer.answer
    assert all(c.quote.rstrip()[-1] in '.!?”"' for c in answer.citations), answer.answer
    assert_citations_exact(answer, corpus)


def test_the_second_half_of_a_two_part_answer_is_kept(service: RagService, corpus: Path) -> None:
    answer = ask(service, "Which tram line did the mayor announce to connect the airport with the old town?")
    quotes = " ".join(c.quote for c in answer.citations)
    assert "Blue tram line" in quotes and "connect the airport" in quotes
    assert_citations_exact(answer, corpus)


def test_citations_carry_the_articles_published_date(service: RagService) -> None:
    answer = ask(service, "When will Okafor conduct her first concert with the orchestra?")
    assert answer.citations and answer.citations[0].published == "2025/02/03"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Where was the winning Northstar ticket sold?", "Salem, Oregon"),  # one place, with the larger one it is in
        ("Where did Alan Pryce present the check?", "Riverside Hall"),  # not the "Oregon" of "Oregon Governor"
        ("How many tickets won smaller cash prizes?", "More than 1.2 million"),  # a count, not "$98 million"
        ("How tall was the glass trophy the Northstar winner received?", "30cm"),  # a length, not the weight
        ("How heavy was the glass trophy the Northstar winner received?", "2kg"),  # a weight, not the length
        ("What is the documentary about the lottery winner called?", "Ticket to Salem"),  # a quoted title
        ("Which charities was the Northstar draw run for?", "Corvex, and Pellow’s Lifeboat Trust"),  # a list
        ("Who is Alan Pryce?", "Oregon Governor"),  # the title before his name says what he is
        ("Who sold the winning Northstar ticket?", "Dana Okoro"),  # not "Oregon", where it was sold
        ("What boat is the Northstar winner buying?", "Kestrel"),  # the object of "buying"
    ],
)
def test_the_answer_is_whole_and_of_the_asked_kind(
    question: str, expected: str, service: RagService, corpus: Path
) -> None:
    answer = ask(service, question)
    assert_direct_in_its_quote(answer, corpus)
    assert answer.direct is not None and answer.direct.text == expected, answer.model_dump_json()[:3000]


def test_a_follow_up_about_a_body_and_then_its_thing_is_understood_and_answered(
    service: RagService, corpus: Path
) -> None:
    """ "they" after "Who is Halden Energy's chief executive?" is the company (the article bears it out:
    the company invests, the chief executive only speaks); "it" next is the plant, which the company
    invests in, not the company the user called "they"; what the chat shows is the question as understood."""
    first, second, third = conversation(
        service,
        "Who is Halden Energy's chief executive?",
        "How much will they invest in the Malmo plant?",
        "Where is it?",
    )
    assert first.direct is not None and first.direct.text == "Maria Lindqvist"
    assert second.resolved_question == "How much will Halden Energy invest in the Malmo plant?"
    assert second.direct is not None and second.direct.text == "2 billion kronor"
    assert third.resolved_question == "Where is the Malmo plant?"
    assert "Sorgenfri district" in third.citations[0].quote, third.answer
    assert_citations_exact(third, corpus)


def test_it_after_a_question_about_a_body_and_its_thing_is_the_thing_the_article_bears_out(
    service: RagService, corpus: Path
) -> None:
    """ "Where is it?" after "How much will Halden Energy invest in the Malmo plant?" may be the company
    or the plant: the article says where the plant stands."""
    first = ask(service, "How much will Halden Energy invest in the Malmo plant?")
    third = ask(service, "Where is it?", turns_of(first))
    assert third.resolved_question == "Where is the Malmo plant?"
    assert "Sorgenfri district" in third.citations[0].quote, third.answer


def test_a_lists_entry_answers_what_its_lines_say(service: RagService, corpus: Path) -> None:
    """ "2. Norland University" and its "• label: value" lines are one entry: its acceptance rate and its
    location are answered from it, quoted alone (not with the next college's entry)."""
    rate = ask(service, "What is Norland University's acceptance rate?")
    assert rate.direct is not None and rate.direct.text == "6.1%", rate.answer
    assert rate.citations[0].quote.startswith("2. Norland University") and "Kelso" not in rate.citations[0].quote
    where = ask(service, "Where is Norland University located?")
    assert where.direct is not None and "Maine" in where.direct.text, where.answer
    for answer in (rate, where):
        assert_citations_exact(answer, corpus)
        assert_direct_in_its_quote(answer, corpus)
