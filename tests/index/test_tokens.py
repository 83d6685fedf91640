"""Chunks are embedded from their article's tokens (no second tokenisation): the model reads exactly
what tokenising the chunk's embedded text would give it, and the vectors are the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pytest

from index.loader import Article, iter_article_paths, read_article
from index.pipeline import IndexOptions, _chunk, embedded_text
from tests.corpus_fixtures import write_varied_corpus
from tests.helpers import SEEDS

if TYPE_CHECKING:
    from pathlib import Path

    from index.embedder import Embedder


def chunked(corpus: Path, embedder: Embedder) -> list:
    articles = [read_article(corpus, p) for p in iter_article_paths(corpus)]
    return [_chunk(a, embedder, IndexOptions()) for a in articles if isinstance(a, Article)]


@pytest.mark.parametrize("corpus_name", ["seeds", "varied", "cut words"])
def test_chunk_ids_are_those_of_its_embedded_text(corpus_name: str, tmp_path: Path, embedder: Embedder) -> None:
    """Including chunks that cut a long sentence inside a word (tokenised alone: WordPiece splits the
    piece of a word otherwise than the word)."""
    if corpus_name == "varied":
        write_varied_corpus(tmp_path)
    if corpus_name == "cut words":  # one sentence of 1,600 tokens, four to a word: cut inside words
        (tmp_path / "cut.txt").write_text("Cut\n\n" + " ".join(["Flabbergasted"] * 400) + ".\n", "utf-8")
    items = chunked(SEEDS if corpus_name == "seeds" else tmp_path, embedder)
    checked = cut = 0
    for item in items:
        tokens = embedder.tokenize(item.article.text)
        for chunk, ids in zip(item.chunks, item.inputs, strict=True):
            whole = embedder.model_input(embedder.tokenize(embedded_text(chunk, item.title_prefix)).ids)
            assert ids.tolist() == whole.tolist(), (chunk.source, chunk.ordinal)
            assert len(ids) <= embedder.max_tokens
            checked += 1
            cut += tokens.ids_alone(chunk.start, chunk.end) is None
    assert checked > 5
    assert cut > 0 or corpus_name != "cut words"


def test_a_span_that_cuts_a_word_or_a_token_is_not_read_from_the_text(embedder: Embedder) -> None:
    text = "Flabbergasted stories, told twice."
    tokens = embedder.tokenize(text)
    assert tokens.ends[0] < 13  # "flabbergasted" is several WordPiece tokens
    assert tokens.ids_alone(0, len(text)) == list(tokens.ids)
    assert tokens.ids_alone(14, 21) == embedder.tokenize("stories").ids
    assert tokens.ids_alone(14, 22) == embedder.tokenize("stories,").ids
    assert tokens.ids_alone(0, tokens.ends[0]) is None  # ends inside "flabbergasted"
    assert tokens.ids_alone(tokens.starts[1], 13) is None  # starts inside it
    assert tokens.ids_alone(15, 21) is None  # starts inside the token "stories"


def test_vectors_from_the_kept_tokens_are_the_encoders(embedder: Embedder) -> None:
    items = chunked(SEEDS, embedder)
    texts = [embedded_text(c, item.title_prefix) for item in items for c in item.chunks]
    inputs = [ids for item in items for ids in item.inputs]
    from_tokens, from_texts = embedder.embed_inputs(inputs), embedder.embed(texts)
    assert from_tokens.shape == from_texts.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(from_tokens, axis=1), 1.0, atol=1e-5)
    assert float(np.min(np.sum(from_tokens * from_texts, axis=1))) >= 0.999
    assert embedder.embed_inputs(inputs[:1]).shape == (1, 384)
