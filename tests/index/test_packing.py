"""Packing sentences into chunks (pure functions, token counts given)."""

from __future__ import annotations

import itertools

from index.chunker import _fit_sentence, _pack, _Piece
from index.tokens import Tokens


def pieces(*tokens: int) -> list[_Piece]:
    """Consecutive pieces, one character per token, separated by one space."""
    out, start = [], 0
    for count in tokens:
        out.append(_Piece(start, start + count, count))
        start += count + 1
    return out


def test_pieces_are_packed_greedily_up_to_the_budget() -> None:
    packed = _pack(pieces(4, 4, 4, 4), max_tokens=8, overlap_tokens=0)
    assert [(first.start, last.end) for first, last in packed] == [(0, 9), (10, 19)]


def test_consecutive_chunks_share_trailing_pieces_up_to_the_overlap() -> None:
    packed = _pack(pieces(3, 3, 3, 3, 3), max_tokens=9, overlap_tokens=3)
    spans = [(first.start, last.end) for first, last in packed]
    assert spans[0] == (0, 11) and spans[1][0] == 8  # the third piece (8-11) starts the next chunk
    assert packed[-1][1].end == 19  # everything is covered


def test_overlap_never_stalls_on_a_piece_as_large_as_the_budget() -> None:
    packed = _pack(pieces(8, 8, 8), max_tokens=8, overlap_tokens=8)
    assert len(packed) == 3  # one piece per chunk, no endless repeat


def test_a_sentence_over_the_budget_is_cut_at_token_boundaries() -> None:
    offsets = [(i * 2, i * 2 + 1) for i in range(10)]  # "a b c d ..." one-char tokens
    cut = _fit_sentence(0, 19, Tokens(range(10), offsets, range(10)), max_tokens=4)
    assert [p.tokens for p in cut] == [4, 4, 2]
    assert cut[0].start == 0 and cut[-1].end == 19
    assert all(a.end < b.start for a, b in itertools.pairwise(cut))


def test_a_sentence_within_the_budget_stays_whole() -> None:
    tokens = Tokens([1, 2], [(0, 3), (4, 7)], [0, 1])
    assert _fit_sentence(0, 7, tokens, max_tokens=4) == [_Piece(0, 7, 2)]
