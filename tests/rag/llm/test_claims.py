"""Splitting an LLM's output into claims and their [n] markers, the way models actually write them."""

from __future__ import annotations

from rag.llm.claims import parse_claims


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
