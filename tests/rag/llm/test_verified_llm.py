"""LLM answers through a scripted OpenAI-compatible server (real HTTP, streaming): only sentences the
cited passage supports reach the user, markers are repaired, and citations stay exact spans."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from index.encoder import TextEncoder
from rag.errors import GeneratorUnavailable
from rag.schemas import Answer, AnswerRequest
from rag.service import RagService
from tests.fake_openai import FakeLLMServer
from tests.helpers import assert_citations_exact, free_port, make_service

SPEAKER_Q = "Who is the speaker of Crimea's parliament?"
MISSILE_Q = "Which missile did the Russian Armed Forces test?"


@pytest.fixture(scope="module")
def fake_llm(fake_llm_server: FakeLLMServer) -> FakeLLMServer:
    return fake_llm_server


@pytest.fixture
def service(indexed: tuple[Path, Path], encoder: TextEncoder, fake_llm: FakeLLMServer) -> RagService:
    fake_llm.llm.token_delay = 0.0
    fake_llm.llm.requests.clear()
    return make_service(indexed, encoder, fake_llm.url)


def assert_only_supported(answer: Answer) -> None:
    assert answer.verification is not None
    for sentence in answer.sentences:
        assert sentence.verdict in ("supported", "repaired")
        assert sentence.citations, sentence


def ask(service: RagService, fake: FakeLLMServer, question: str, reply: str, **fields: object) -> Answer:
    fake.llm.reply = reply
    return service.answer(AnswerRequest.model_validate({"question": question, **fields}))


def test_a_correct_cited_answer_is_kept(
    service: RagService, fake_llm: FakeLLMServer, indexed: tuple[Path, Path]
) -> None:
    reply = "Vladimir Konstantinov is the speaker of Crimea's parliament [{cite:Konstantinov, the speaker}]."
    answer = ask(service, fake_llm, SPEAKER_Q, reply)
    assert answer.generator == "openai" and not answer.abstained
    assert answer.verification.generated == 1 and answer.verification.kept == 1
    assert answer.sentences[0].verdict == "supported"
    assert answer.answer == "Vladimir Konstantinov is the speaker of Crimea's parliament. [1]"
    assert "Konstantinov, the speaker of Crimea’s parliament" in answer.citations[0].quote
    assert_citations_exact(answer, indexed[0])
    sent = fake_llm.llm.requests[-1]
    assert sent["stream"] is True and sent["model"] == "fake-model"
    assert "[1] " in sent["messages"][-1]["content"] and SPEAKER_Q in sent["messages"][-1]["content"]


def test_b_an_invented_number_is_dropped(
    service: RagService, fake_llm: FakeLLMServer, indexed: tuple[Path, Path]
) -> None:
    reply = (
        "The Russian Armed Forces tested and launched the Oreshnik ballistic missile [{cite:Oreshnik}]. "
        "The missile flew 5,800 kilometres in 12 minutes [{cite:Oreshnik}]."
    )
    answer = ask(service, fake_llm, MISSILE_Q, reply)
    assert answer.verification.generated == 2 and answer.verification.dropped == 1
    assert "Oreshnik" in answer.answer and "5,800" not in answer.answer and "12 minutes" not in answer.answer
    assert_only_supported(answer)
    assert_citations_exact(answer, indexed[0])


def test_c_a_claim_citing_the_wrong_passage_is_repaired_or_dropped(
    service: RagService, fake_llm: FakeLLMServer, indexed: tuple[Path, Path]
) -> None:
    reply = "Vladimir Konstantinov is the speaker of Crimea's parliament [{wrong:Konstantinov}]."
    answer = ask(service, fake_llm, SPEAKER_Q, reply)
    if answer.generator == "openai":  # repaired: now cites a passage that says it
        assert answer.sentences[0].verdict == "repaired"
        assert "Konstantinov" in answer.citations[0].quote
    else:  # dropped: the extractive answer stands in
        assert answer.verification.dropped == 1 and answer.verification.fell_back
    assert_citations_exact(answer, indexed[0])


def test_d_a_correct_answer_without_markers_is_repaired(
    service: RagService, fake_llm: FakeLLMServer, indexed: tuple[Path, Path]
) -> None:
    answer = ask(service, fake_llm, SPEAKER_Q, "Vladimir Konstantinov is the speaker of Crimea's parliament.")
    assert answer.generator == "openai"
    assert answer.sentences[0].verdict == "repaired" and answer.sentences[0].citations == [1]
    assert "Konstantinov" in answer.citations[0].quote
    assert_citations_exact(answer, indexed[0])


def test_e_world_knowledge_is_dropped(service: RagService, fake_llm: FakeLLMServer) -> None:
    """The articles talk about the missile test; the LLM answers from what it knows instead."""
    reply = (
        "Russia's RS-28 Sarmat missile carries up to 15 warheads [1]. "
        "Canada has a population of about 40 million people [2]."
    )
    answer = ask(service, fake_llm, MISSILE_Q, reply)
    assert answer.verification.generated == 2 and answer.verification.kept == 0
    assert answer.verification.fell_back and answer.generator == "extractive"
    assert "Sarmat" not in answer.answer and "Canada" not in answer.answer
    assert all(s.verdict == "quoted" for s in answer.sentences)


def test_e_an_out_of_corpus_question_abstains_without_asking_the_llm(
    service: RagService, fake_llm: FakeLLMServer
) -> None:
    reply = "Canada has a population of about 40 million people [1]."
    answer = ask(service, fake_llm, "What is the population of Canada?", reply)
    assert answer.abstained and answer.citations == [] and "Canada" not in answer.answer.split("closest")[0]
    assert fake_llm.llm.requests == [] and answer.notice and "not asked" in answer.notice


def test_unverified_sentences_are_shown_marked_only_when_asked(service: RagService, fake_llm: FakeLLMServer) -> None:
    reply = (
        "The Russian Armed Forces tested and launched the Oreshnik ballistic missile [{cite:Oreshnik}]. "
        "The test took place on 3 March in the Arctic [{cite:Oreshnik}]."
    )
    hidden = ask(service, fake_llm, MISSILE_Q, reply)
    shown = ask(service, fake_llm, MISSILE_Q, reply, show_unverified=True)
    assert "Arctic" not in hidden.answer
    assert "The test took place on 3 March in the Arctic. [unverified]" in shown.answer
    assert [s.verdict for s in shown.sentences] == ["supported", "unverified"]
    assert len(shown.citations) == len(hidden.citations) == 1  # an unverified sentence cites nothing


def test_a_true_sentence_that_does_not_address_the_question_is_dropped(
    service: RagService, fake_llm: FakeLLMServer
) -> None:
    reply = (
        "The Russian Armed Forces tested and launched the Oreshnik ballistic missile [{cite:Oreshnik}]. "
        "Konstantinov warned that missing a Moscow-Washington encounter could push global tensions higher "
        "[{cite:global tensions}]."
    )
    answer = ask(service, fake_llm, MISSILE_Q, reply, show_unverified=True)
    assert [s.verdict for s in answer.sentences] == ["supported", "unverified"]
    assert "does not address the question" in answer.sentences[1].reason


def test_flipped_negation_is_dropped(service: RagService, fake_llm: FakeLLMServer) -> None:
    reply = "The Russian Armed Forces did not test the Oreshnik ballistic missile [{cite:Oreshnik}]."
    answer = ask(service, fake_llm, MISSILE_Q, reply)
    assert answer.verification.kept == 0 and answer.verification.fell_back


def test_verified_sentences_stream_before_the_llm_finishes(service: RagService, fake_llm: FakeLLMServer) -> None:
    fake_llm.llm.token_delay = 0.05
    fake_llm.llm.reply = (
        "The Russian Armed Forces tested and launched the Oreshnik ballistic missile [{cite:Oreshnik}]. "
        "Trump faces a tough tradeoff after the Russian Armed Forces tested the Oreshnik missile [{cite:Oreshnik}]. "
        "The decision lifted certain restrictions on missile strikes deep into Russian territory [{cite:Oreshnik}]."
    )
    arrivals: list[tuple[float, int]] = []
    for partial in service.stream(AnswerRequest(question=MISSILE_Q)):
        arrivals.append((time.monotonic(), len(partial.sentences)))
    assert [n for _, n in arrivals] == [1, 2, 3, 3]  # one sentence at a time, then the finished answer
    assert arrivals[0][0] < fake_llm.llm.last_token_sent_at  # the first one before the LLM was done


def test_unreachable_llm_falls_back_to_the_extractive_answer(indexed: tuple[Path, Path], encoder: TextEncoder) -> None:
    dead = make_service(indexed, encoder, f"http://127.0.0.1:{free_port()}/v1")
    answer = dead.answer(AnswerRequest(question=SPEAKER_Q))
    assert answer.generator == "extractive" and not answer.abstained
    assert answer.notice and "could not answer" in answer.notice
    assert_citations_exact(answer, indexed[0])


def test_generator_is_chosen_per_request(
    service: RagService, fake_llm: FakeLLMServer, indexed: tuple[Path, Path], encoder: TextEncoder
) -> None:
    fake_llm.llm.reply = "Vladimir Konstantinov is the speaker of Crimea's parliament [1]."
    before = len(fake_llm.llm.requests)
    extractive = service.answer(AnswerRequest(question=SPEAKER_Q, generator="extractive"))
    assert extractive.generator == "extractive" and len(fake_llm.llm.requests) == before
    assert all(s.verdict == "quoted" for s in extractive.sentences)
    without_local = make_service(indexed, encoder, fake_llm.url, llm_gguf=Path("/nonexistent.gguf"))
    with pytest.raises(GeneratorUnavailable, match="local"):
        without_local.answer(AnswerRequest(question=SPEAKER_Q, generator="local"))
