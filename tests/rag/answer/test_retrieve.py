"""Reciprocal rank fusion (pure)."""

from __future__ import annotations

import pytest

from rag.answer.retrieve import RRF_K, reciprocal_rank_fusion


def test_a_chunk_found_by_both_retrievers_outranks_one_found_by_either() -> None:
    fused = reciprocal_rank_fusion([["a", "b"], ["c", "a"]])
    assert max(fused, key=fused.__getitem__) == "a"
    assert fused["a"] == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 2))


def test_the_weighted_ranking_wins_ties_of_rank() -> None:
    fused = reciprocal_rank_fusion([["dense"], ["lexical"]], weights=[1.0, 2.0])
    assert fused["lexical"] == pytest.approx(2 * fused["dense"])


def test_empty_rankings_fuse_to_nothing() -> None:
    assert reciprocal_rank_fusion([[], []]) == {}
