"""Incremental indexing against a real embedded Chroma store and the real model."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from index.embedder import Embedder
from index.loader import read_article
from index.lock import FileLock, IndexBusy
from index.manifest import Manifest
from index.pipeline import IndexSummary
from tests.corpus_fixtures import write_bad_files, write_varied_corpus
from tests.helpers import bm25_ids, index_folder, new_catalog, new_store, published, stored_ids


def _index(corpus: Path, data_dir: Path, embedder: Embedder, **options: object) -> IndexSummary:
    return index_folder(corpus, data_dir, embedder, **options)


def _assert_consistent(data_dir: Path) -> None:
    """The published manifest, Chroma and BM25 hold exactly the same chunk set, with no duplicates."""
    manifest_ids = published(data_dir).chunk_ids()
    assert len(manifest_ids) == len(set(manifest_ids))
    assert sorted(manifest_ids) == stored_ids(data_dir)
    assert bm25_ids(data_dir) == sorted(manifest_ids)


def test_add_modify_delete_equals_a_clean_rebuild(seeds_copy: Path, tmp_path: Path, embedder: Embedder) -> None:
    data = tmp_path / "incremental"
    first = _index(seeds_copy, data, embedder)
    assert (first.added, first.updated, first.removed, first.version) == (5, 0, 0, 1)
    write_varied_corpus(seeds_copy)
    (seeds_copy / "002_9c1a9366375f326e.txt").write_text(
        (seeds_copy / "002_9c1a9366375f326e.txt").read_text("utf-8") + "\nA late paragraph was added.\n", "utf-8"
    )
    (seeds_copy / "004_a9289a8936d71362.txt").unlink()
    second = _index(seeds_copy, data, embedder)
    assert (second.added, second.updated, second.removed, second.unchanged) == (5, 1, 1, 3)
    assert second.version == 2
    _assert_consistent(data)

    clean = _index(seeds_copy, tmp_path / "clean", embedder)
    assert stored_ids(data) == stored_ids(tmp_path / "clean")
    assert second.chunks == clean.chunks == len(stored_ids(data))


def test_unchanged_corpus_embeds_nothing_and_publishes_no_new_version(
    seeds_copy: Path, data_dir: Path, embedder: Embedder
) -> None:
    _index(seeds_copy, data_dir, embedder)
    before = stored_ids(data_dir)
    again = _index(seeds_copy, data_dir, embedder)
    assert again.chunks_embedded == 0 and again.unchanged == 5
    assert (again.added, again.updated, again.removed, again.version) == (0, 0, 0, 1)
    assert stored_ids(data_dir) == before


def test_bad_files_are_skipped_with_a_warning_while_the_rest_index(
    seeds_copy: Path, data_dir: Path, embedder: Embedder, caplog: pytest.LogCaptureFixture
) -> None:
    bad = write_bad_files(seeds_copy)
    with caplog.at_level(logging.WARNING):
        summary = _index(seeds_copy, data_dir, embedder)
    assert summary.added == 5 and summary.skipped == len(bad)
    assert sorted(s["source"] for s in summary.skipped_files) == sorted(bad)
    for name in bad:
        assert any(name in record.getMessage() for record in caplog.records)
    assert set(published(data_dir).files) == {p.name for p in seeds_copy.glob("0*.txt")}


def test_every_stored_chunk_and_text_matches_its_file(seeds_copy: Path, data_dir: Path, embedder: Embedder) -> None:
    write_varied_corpus(seeds_copy)
    _index(seeds_copy, data_dir, embedder)
    store, catalog = new_store(data_dir), new_catalog(data_dir)
    chunks = store.all_chunks()
    assert len(chunks) == store.count() > 10
    for chunk in chunks:
        text = (seeds_copy / chunk.source).read_text("utf-8")
        assert text[chunk.start : chunk.end] == chunk.text
        article = read_article(seeds_copy, seeds_copy / chunk.source)
        assert chunk.title == article.title
        assert catalog.text(article.sha256) == text  # the text citations index, kept in the store


def test_a_killed_runs_chunks_are_reused_and_its_leftovers_collected(
    seeds_copy: Path, data_dir: Path, embedder: Embedder
) -> None:
    """A run that stored chunks but died before publishing: the next run embeds nothing again."""
    _index(seeds_copy, data_dir, embedder)
    before = published(data_dir)
    (seeds_copy / "000_f2c692fe7068c890.txt").write_text("Changed title\n\nAll new text here.\n", "utf-8")
    _index(seeds_copy, data_dir, embedder)  # stores the new chunks; then "dies" before publishing:
    new_catalog(data_dir).publish(Manifest.model_validate(before.model_dump() | {"version": 3}))
    shutil.rmtree(data_dir / "bm25")
    repaired = _index(seeds_copy, data_dir, embedder)
    assert repaired.updated == 1 and repaired.chunks_embedded == 0 and repaired.version == 4
    _assert_consistent(data_dir)


def test_chunks_no_published_version_uses_are_deleted(seeds_copy: Path, data_dir: Path, embedder: Embedder) -> None:
    before = _index(seeds_copy, data_dir, embedder)
    old = published(data_dir)
    extra = seeds_copy / "extra.txt"
    extra.write_text("Extra story\n\nA stray article that a killed run stored and nobody published.\n", "utf-8")
    _index(seeds_copy, data_dir, embedder)
    new_catalog(data_dir).publish(Manifest.model_validate(old.model_dump() | {"version": 5}))  # as if unpublished
    extra.unlink()
    again = _index(seeds_copy, data_dir, embedder)
    assert again.chunks_deleted >= 1 and again.chunks == before.chunks
    _assert_consistent(data_dir)


def test_missing_chunks_of_a_published_file_are_indexed_again(
    seeds_copy: Path, data_dir: Path, embedder: Embedder
) -> None:
    _index(seeds_copy, data_dir, embedder)
    lost = published(data_dir).files["001_afd850a30078c760.txt"].chunk_ids[:2]
    new_store(data_dir).delete_ids(lost)
    repaired = _index(seeds_copy, data_dir, embedder)
    assert repaired.updated == 1 and repaired.chunks_embedded == 2
    _assert_consistent(data_dir)


def test_scope_reindexes_only_the_named_paths(seeds_copy: Path, data_dir: Path, embedder: Embedder) -> None:
    _index(seeds_copy, data_dir, embedder)
    (seeds_copy / "001_afd850a30078c760.txt").unlink()
    target = seeds_copy / "000_f2c692fe7068c890.txt"
    target.write_text(target.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    scoped = _index(seeds_copy, data_dir, embedder, scope=[target])
    assert (scoped.updated, scoped.removed, scoped.unchanged) == (1, 0, 0)
    assert "001_afd850a30078c760.txt" in published(data_dir).files


def test_a_second_indexer_is_refused_while_the_first_holds_the_lock(
    seeds_copy: Path, data_dir: Path, embedder: Embedder
) -> None:
    with FileLock(data_dir / "index.lock", wait_seconds=0), pytest.raises(IndexBusy, match="another `rag index`"):
        _index(seeds_copy, data_dir, embedder)
    assert _index(seeds_copy, data_dir, embedder).added == 5  # free again once released
