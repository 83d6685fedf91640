"""The sentence check: numbers, names, negations and clauses of an LLM's claim against real passages."""

from __future__ import annotations

from index.encoder import TextEncoder
from rag.answer.retrieve import hybrid_retrieve
from rag.llm.claims import Claim
from rag.llm.verify import Passage, Verifier, claim_names, missing_numbers, negations
from rag.service import RagService


def test_numbers_are_compared_as_written_and_as_often() -> None:
    assert missing_numbers("The record is 9-9.", "He is 9-2 since.") == ["9-9"]
    assert missing_numbers("$22 above $22", "$22 above $15") == ["22"]
    assert missing_numbers("It cost 1,100 euros", "a bill of 1100 euros") == []


def test_names_after_the_first_word_and_negations() -> None:
    assert claim_names("The missile was tested by Russia in the Arctic.") == {"russia", "arctic"}
    assert negations("It did not happen, and nobody knew") == 2
    assert negations("It didn't happen") == 1


def test_an_invented_clause_does_not_ride_along_with_a_supported_one(
    seeds_service: RagService, encoder: TextEncoder
) -> None:
    snapshot = seeds_service.snapshot
    lexical = snapshot.lexical
    question = "Which missile did the Russian Armed Forces test?"
    chunks = hybrid_retrieve(question, encoder.embed([question])[0], snapshot, 4)
    passages = [Passage.of(n, c) for n, c in enumerate(chunks, 1)]
    verifier = Verifier(encoder.embed_cached)
    true = "The Russian Armed Forces tested and launched the Oreshnik ballistic missile"
    assert verifier.check(Claim(true + ".", (), 0, 0), passages, lexical.idf).verdict != "unverified"
    padded = true + ", and the launch was condemned by diplomats."
    checked = verifier.check(Claim(padded, (), 0, 0), passages, lexical.idf)
    assert checked.verdict == "unverified" and checked.best is not None
    assert "clause “the launch was condemned by diplomats”" in checked.best.missing
