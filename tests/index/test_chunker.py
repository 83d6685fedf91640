import itertools
from pathlib import Path

import pytest

from index.chunker import Chunk, chunk_article
from index.embedder import Embedder
from index.loader import Article, iter_article_paths, read_article
from tests.corpus_fixtures import write_varied_corpus
from tests.helpers import SEEDS

BUDGET = 200


def _articles(corpus: Path) -> list[Article]:
    articles = [read_article(corpus, p) for p in iter_article_paths(corpus)]
    assert all(isinstance(a, Article) for a in articles)
    return articles  # type: ignore[return-value]


def chunk(article: Article | object, embedder: Embedder, budget: int = BUDGET) -> list[Chunk]:
    assert isinstance(article, Article)
    return chunk_article(article, embedder.tokenize(article.text), budget, 32)


@pytest.fixture
def varied(tmp_path: Path) -> Path:
    write_varied_corpus(tmp_path)
    return tmp_path


@pytest.mark.parametrize("corpus_name", ["seeds", "varied"])
def test_every_chunk_is_an_exact_slice_of_the_file_as_read(corpus_name: str, varied: Path, embedder: Embedder) -> None:
    corpus = SEEDS if corpus_name == "seeds" else varied
    for article in _articles(corpus):
        chunks = chunk_article(article, embedder.tokenize(article.text), BUDGET, 32)
        assert chunks, article.source
        on_disk = (corpus / article.source).read_text("utf-8")
        for chunk in chunks:
            assert on_disk[chunk.start : chunk.end] == chunk.text
            assert chunk.text == chunk.text.strip() and chunk.text
            assert chunk.token_count <= BUDGET
            assert len(embedder.tokenize(chunk.text).ids) <= BUDGET + 2  # re-tokenizing a slice may merge a piece


def test_chunks_cover_the_body_in_order_with_overlap(embedder: Embedder) -> None:
    article = read_article(SEEDS, SEEDS / "001_afd850a30078c760.txt")
    assert isinstance(article, Article)
    chunks = chunk_article(article, embedder.tokenize(article.text), 120, 32)
    assert len(chunks) > 3
    for before, after in itertools.pairwise(chunks):
        assert before.start < after.start <= before.end  # overlapping or touching, never a gap
    body_words = set(article.text[article.body_start :].split())
    assert body_words == set(" ".join(c.text for c in chunks).split())


def test_crlf_offsets_index_the_newline_translated_text(varied: Path, embedder: Embedder) -> None:
    article = read_article(varied, varied / "crlf.txt")
    assert isinstance(article, Article)
    assert "\r" not in article.text
    chunk = chunk_article(article, embedder.tokenize(article.text), BUDGET, 32)[0]
    assert (varied / "crlf.txt").read_text("utf-8")[chunk.start : chunk.end] == chunk.text
    assert chunk.text.startswith("The harbour bridge reopened")


def test_sentence_without_punctuation_is_cut_at_the_token_budget(varied: Path, embedder: Embedder) -> None:
    article = read_article(varied, varied / "long_run_on.txt")
    assert isinstance(article, Article)
    chunks = chunk_article(article, embedder.tokenize(article.text), BUDGET, 32)
    assert len(chunks) > 10
    assert max(c.token_count for c in chunks) == BUDGET


def test_chunk_ids_are_stable_and_change_with_content(tmp_path: Path, embedder: Embedder) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nOne sentence here. Another one there.\n", "utf-8")
    first, again = (chunk(read_article(tmp_path, tmp_path / "a.txt"), embedder) for _ in range(2))
    assert [c.id for c in first] == [c.id for c in again]
    (tmp_path / "a.txt").write_text("Title\n\nOne sentence here. Another one elsewhere.\n", "utf-8")
    changed = chunk(read_article(tmp_path, tmp_path / "a.txt"), embedder)
    assert {c.id for c in changed}.isdisjoint(c.id for c in first)
