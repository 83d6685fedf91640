"""Incremental indexing against a real embedded Chroma store and the real model."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from index.embedder import Embedder
from index.lexical import bm25_chunk_ids
from index.loader import read_article
from index.manifest import load_manifest
from index.pipeline import index_corpus
from tests.corpus_fixtures import write_bad_files, write_varied_corpus
from tests.helpers import new_store


def _index(corpus: Path, data_dir: Path, embedder: Embedder, **kwargs):
    store = new_store(data_dir)
    return index_corpus(corpus, data_dir, store, embedder, **kwargs), store


def _stored_ids(data_dir: Path) -> list[str]:
    return sorted(new_store(data_dir).collection.get(include=[])["ids"])


def _assert_consistent(data_dir: Path) -> None:
    """Manifest, Chroma and BM25 hold exactly the same chunk set, with no duplicates."""
    manifest_ids = [cid for e in load_manifest(data_dir).files.values() for cid in e.chunk_ids]
    assert len(manifest_ids) == len(set(manifest_ids))
    assert sorted(manifest_ids) == _stored_ids(data_dir)
    assert sorted(bm25_chunk_ids(data_dir) or []) == sorted(manifest_ids)


def test_add_modify_delete_equals_a_clean_rebuild(seeds_copy: Path, tmp_path: Path, embedder: Embedder) -> None:
    data = tmp_path / "incremental"
    first, _ = _index(seeds_copy, data, embedder)
    assert (first.added, first.updated, first.removed) == (5, 0, 0)
    write_varied_corpus(seeds_copy)
    (seeds_copy / "002_9c1a9366375f326e.txt").write_text(
        (seeds_copy / "002_9c1a9366375f326e.txt").read_text("utf-8") + "\nA late paragraph was added.\n", "utf-8"
    )
    (seeds_copy / "004_a9289a8936d71362.txt").unlink()
    second, _ = _index(seeds_copy, data, embedder)
    assert (second.added, second.updated, second.removed, second.unchanged) == (5, 1, 1, 3)
    _assert_consistent(data)

    clean, _ = _index(seeds_copy, tmp_path / "clean", embedder)
    assert _stored_ids(data) == _stored_ids(tmp_path / "clean")
    assert second.chunks == clean.chunks == len(_stored_ids(data))


def test_unchanged_corpus_embeds_nothing(seeds_copy: Path, data_dir: Path, embedder: Embedder) -> None:
    _index(seeds_copy, data_dir, embedder)
    before = _stored_ids(data_dir)
    again, _ = _index(seeds_copy, data_dir, embedder)
    assert again.chunks_embedded == 0 and again.unchanged == 5
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    assert _stored_ids(data_dir) == before


def test_bad_files_are_skipped_with_a_warning_while_the_rest_index(
    seeds_copy: Path, data_dir: Path, embedder: Embedder, caplog: pytest.LogCaptureFixture
) -> None:
    bad = write_bad_files(seeds_copy)
    with caplog.at_level(logging.WARNING):
        summary, _ = _index(seeds_copy, data_dir, embedder)
    assert summary.added == 5 and summary.skipped == len(bad)
    assert sorted(s["source"] for s in summary.skipped_files) == sorted(bad)
    for name in bad:
        assert any(name in record.getMessage() for record in caplog.records)
    assert set(load_manifest(data_dir).files) == {p.name for p in seeds_copy.glob("0*.txt")}


def test_every_stored_chunk_matches_its_file(seeds_copy: Path, data_dir: Path, embedder: Embedder) -> None:
    write_varied_corpus(seeds_copy)
    _, store = _index(seeds_copy, data_dir, embedder)
    chunks = store.all_chunks()
    assert len(chunks) == store.count() > 10
    for chunk in chunks:
        assert (seeds_copy / chunk.source).read_text("utf-8")[chunk.start : chunk.end] == chunk.text
        article = read_article(seeds_copy, seeds_copy / chunk.source)
        assert chunk.title == article.title


def test_interrupted_run_leftovers_are_repaired(seeds_copy: Path, data_dir: Path, embedder: Embedder) -> None:
    """Simulates a kill after chunks were written but before the manifest recorded them."""
    _index(seeds_copy, data_dir, embedder)
    manifest_file = data_dir / "manifest.json"
    complete_manifest = manifest_file.read_text("utf-8")
    (seeds_copy / "000_f2c692fe7068c890.txt").write_text("Changed title\n\nAll new text here.\n", "utf-8")
    _index(seeds_copy, data_dir, embedder)
    manifest_file.write_text(complete_manifest, "utf-8")  # the run "died" before saving its manifest
    shutil.rmtree(data_dir / "bm25")
    repaired, _ = _index(seeds_copy, data_dir, embedder)
    assert repaired.updated == 1
    _assert_consistent(data_dir)


def test_scope_reindexes_only_the_named_paths(seeds_copy: Path, data_dir: Path, embedder: Embedder) -> None:
    _index(seeds_copy, data_dir, embedder)
    (seeds_copy / "001_afd850a30078c760.txt").unlink()
    target = seeds_copy / "000_f2c692fe7068c890.txt"
    target.write_text(target.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    scoped, _ = _index(seeds_copy, data_dir, embedder, scope=[target])
    assert (scoped.updated, scoped.removed, scoped.unchanged) == (1, 0, 0)
    assert "001_afd850a30078c760.txt" in load_manifest(data_dir).files
