"""Sentence vectors worked out at index time: every sentence of the published chunks, carried over
from version to version, and what answering reads instead of embedding (real store, real model)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import numpy as np

from index.sentence_vectors import SENTENCES_DIR, SentenceVectors
from index.sentences import sentence_spans
from index.snapshot import load_snapshot
from rag.answer.timeframe import ANY_TIME
from rag.settings import Settings
from rag.wiring import build_answerer, store_opener
from tests.corpus_fixtures import write_varied_corpus
from tests.helpers import index_folder, new_store, published, rag_cli, rag_env

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from index.embedder import Embedder
    from index.encoder import TextEncoder


class CountingEncoder:
    """The real encoder, counting the texts it is asked to embed."""

    def __init__(self, encoder: TextEncoder) -> None:
        self.encoder = encoder
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return self.encoder.embed(texts)

    embed_cached = embed  # what answering calls: counted alike


def _sentences_by_chunk(data_dir: Path) -> dict[str, list[str]]:
    manifest = published(data_dir)
    chunks = new_store(data_dir).get(manifest.chunk_ids())
    return {c.id: [c.text[s:e] for s, e in sentence_spans(c.text)] for c in chunks}


def _stored(data_dir: Path) -> SentenceVectors:
    stored = SentenceVectors.load(data_dir, published(data_dir).version)
    assert stored is not None
    return stored


def test_every_sentence_of_the_published_chunks_has_the_encoders_vector(
    seeds_copy: Path, data_dir: Path, embedder: Embedder, encoder: TextEncoder
) -> None:
    summary = index_folder(seeds_copy, data_dir, embedder, sentence_encoder=encoder)
    sentences = _sentences_by_chunk(data_dir)
    texts = sorted({t for chunk in sentences.values() for t in chunk})
    assert summary.sentences_embedded == len(texts) == len(_stored(data_dir))
    stored = _stored(data_dir)
    assert set(stored.row_chunks.tolist()) == set(sentences)
    fails = CountingEncoder(encoder)
    vectors = stored.embedded(texts, fails.embed)
    assert fails.texts == []  # all were stored
    cosines = np.sum(vectors * encoder.embed(texts), axis=1)
    assert cosines.min() > 0.9999


def test_a_new_version_embeds_only_new_sentences_and_drops_those_of_removed_chunks(
    seeds_copy: Path, data_dir: Path, embedder: Embedder, encoder: TextEncoder
) -> None:
    index_folder(seeds_copy, data_dir, embedder, sentence_encoder=encoder)
    removed = seeds_copy / "004_a9289a8936d71362.txt"
    removed_text = removed.read_text("utf-8")
    gone = {removed_text[s:e] for s, e in sentence_spans(removed_text)}
    removed.unlink()
    write_varied_corpus(seeds_copy)
    before = {t for chunk in _sentences_by_chunk(data_dir).values() for t in chunk}
    second = index_folder(seeds_copy, data_dir, embedder, sentence_encoder=encoder)
    assert second.version == 2
    now = _sentences_by_chunk(data_dir)
    texts = {t for chunk in now.values() for t in chunk}
    assert second.sentences_embedded == len(texts - before) > 0
    stored = _stored(data_dir)
    assert set(stored.row_chunks.tolist()) == set(now)
    assert len(stored) == len(texts)
    missing = CountingEncoder(encoder)
    stored.embedded(sorted(gone - texts), missing.embed)
    assert sorted(missing.texts) == sorted(gone - texts) != []


def test_an_unchanged_corpus_embeds_nothing_and_a_lost_file_is_made_again(
    seeds_copy: Path, data_dir: Path, embedder: Embedder, encoder: TextEncoder
) -> None:
    index_folder(seeds_copy, data_dir, embedder)  # indexed without sentence vectors
    assert SentenceVectors.load(data_dir, 1) is None
    backfilled = index_folder(seeds_copy, data_dir, embedder, sentence_encoder=encoder)
    assert backfilled.version == 1 and backfilled.sentences_embedded == len(_stored(data_dir)) > 0
    again = index_folder(seeds_copy, data_dir, embedder, sentence_encoder=encoder)
    assert again.version == 1 and again.sentences_embedded == 0


def test_old_versions_are_pruned(seeds_copy: Path, data_dir: Path, embedder: Embedder, encoder: TextEncoder) -> None:
    index_folder(seeds_copy, data_dir, embedder, sentence_encoder=encoder)
    for n in range(2):
        (seeds_copy / f"late_{n}.txt").write_text(f"Late news {n}\n\nA late paragraph number {n} was added.\n", "utf-8")
        index_folder(seeds_copy, data_dir, embedder, sentence_encoder=encoder)
    assert sorted(p.name for p in (data_dir / SENTENCES_DIR).iterdir()) == ["v2", "v3"]


def test_answering_embeds_the_question_only_and_answers_as_without_stored_vectors(
    seeds_copy: Path, tmp_path: Path, embedder: Embedder, encoder: TextEncoder
) -> None:
    with_vectors, without = tmp_path / "with", tmp_path / "without"
    index_folder(seeds_copy, with_vectors, embedder, sentence_encoder=encoder)
    index_folder(seeds_copy, without, embedder)
    questions = ["Which missile did the Russian Armed Forces test?", "What did the articles say about the election?"]
    answers = {}
    for data in (with_vectors, without):
        counting = CountingEncoder(encoder)
        settings = Settings(data_dir=data, corpus_dir=seeds_copy)
        answerer, snapshot = build_answerer(settings, counting), load_snapshot(store_opener(settings), data)
        answers[data] = []
        for question in questions:
            counting.texts.clear()
            evidence = answerer.gather(snapshot, question, frame=ANY_TIME)
            answers[data].append(answerer.compose(evidence).model_dump())
            shortlist = {s.text for part in evidence.ranked_parts for s in part}
            embedded_sentences = shortlist & set(counting.texts)
            assert (embedded_sentences == set()) if data == with_vectors else (embedded_sentences == shortlist)
    assert answers[with_vectors] == answers[without]


def test_rag_index_embeds_sentences_unless_the_setting_says_not_to(seeds_copy: Path, data_dir: Path) -> None:
    """`RAG_SENTENCE_VECTORS=false rag index` leaves answering to embed what it reads; the next run
    with the default makes the vectors of the published version without a new version."""
    off = rag_cli("index", "--json", env=rag_env(data_dir, seeds_copy, RAG_SENTENCE_VECTORS="false"))
    assert off.returncode == 0, off.stderr
    assert json.loads(off.stdout)["sentences_embedded"] == 0 and not (data_dir / SENTENCES_DIR).exists()
    on = rag_cli("index", "--json", env=rag_env(data_dir, seeds_copy))
    summary = json.loads(on.stdout)
    assert summary["version"] == 1 and summary["sentences_embedded"] == len(_stored(data_dir)) > 0
