"""Splitting an LLM's output into claims and their [n] markers, the way models actually write them."""

from __future__ import annotations

from rag.verify import claim_names, missing_numbers, negations, parse_claims


def test_markers_before_and_after_the_full_stop_belong_to_their_sentence() -> None:
    claims = parse_claims("Putin spoke on Monday [1]. Biden replied. [2] Both met in Geneva [1, 3].")
    assert [(c.text, c.markers) for c in claims] == [
        ("Putin spoke on Monday.", (1,)),
        ("Biden replied.", (2,)),
        ("Both met in Geneva.", (1, 3)),
    ]


def test_list_numbers_and_marker_only_lines_are_not_claims() -> None:
    claims = parse_claims("1. The council approved 12 turbines [2].\n2.\n[3]\n- It meets in May [1][2].")
    assert [(c.text, c.markers) for c in claims] == [
        ("The council approved 12 turbines.", (2, 3)),
        ("It meets in May.", (1, 2)),
    ]


def test_offsets_let_a_stream_tell_finished_sentences_from_the_last_one() -> None:
    text = "Vladimir Konstantinov is the speaker [1]. The test took pl"
    claims = parse_claims(text)
    assert len(claims) == 2 and text[claims[1].start :].startswith("The test")


def test_numbers_are_compared_as_written_and_as_often() -> None:
    assert missing_numbers("The record is 9-9.", "He is 9-2 since.") == ["9-9"]
    assert missing_numbers("$22 above $22", "$22 above $15") == ["22"]
    assert missing_numbers("It cost 1,100 euros", "a bill of 1100 euros") == []


def test_names_after_the_first_word_and_negations() -> None:
    assert claim_names("The missile was tested by Russia in the Arctic.") == {"russia", "arctic"}
    assert negations("It did not happen, and nobody knew") == 2
    assert negations("It didn't happen") == 1


def test_an_invented_clause_does_not_ride_along_with_a_supported_one(indexed, embedder) -> None:  # noqa: ANN001
    from index.lexical import LexicalIndex
    from index.store import ChunkStore, open_client
    from rag.retrieve import hybrid_retrieve
    from rag.verify import Claim, Passage, Verifier

    corpus, data = indexed
    lexical = LexicalIndex.load(data)
    question = "Which missile did the Russian Armed Forces test?"
    candidates = hybrid_retrieve(question, embedder.embed([question])[0], ChunkStore(open_client(data)), lexical, 4)
    passages = [Passage.of(n, c) for n, c in enumerate(candidates, 1)]
    verifier = Verifier(embedder.embed_cached, lexical.idf)
    true = "The Russian Armed Forces tested and launched the Oreshnik ballistic missile"
    assert verifier.check(Claim(true + ".", (), 0, 0), passages).verdict != "unverified"
    padded = true + ", and the launch was condemned by diplomats."
    checked = verifier.check(Claim(padded, (), 0, 0), passages)
    assert checked.verdict == "unverified"
    assert "clause “the launch was condemned by diplomats”" in checked.best.missing
