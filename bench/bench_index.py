"""Indexing benchmark on the RealTime QA corpus (read from ../shared; never copied into the project).

Prints, from one process run so the figures are comparable:
- ours: `index_corpus` docs/s, chunks/s, peak RSS; re-index of the unchanged corpus; then the sentence
  vectors `rag index` also works out (sentence_vectors.py), timed apart from the chunks;
- raw `SentenceTransformer.encode` on the same embedded texts, and the ratio ours/raw;
- vanilla llama-index (`VectorStoreIndex.from_documents` + `ChromaVectorStore`, same model) with its
  default 1024-token chunks and with `SentenceSplitter(256, 32)`; time ratio ours / vanilla-256;
- dense hit@5 (evidence file among the top-5 chunks' sources) of each on questions.jsonl.

Usage: python bench/bench_index.py [--corpus DIR] [--questions FILE] [--data DIR] [--skip-vanilla]
                                   [--precision auto|bf16|fp32]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from index.catalog import Catalog
from index.embedder import Embedder, default_model_path
from index.encoder import OnnxEncoder
from index.loader import Article, iter_article_paths, read_article
from index.lock import FileLock
from index.onnx_export import default_onnx_path
from index.pipeline import IndexOptions, IndexTarget, _chunk, embedded_text, index_corpus
from index.store import COLLECTION, ChunkStore, open_client
from rag.runtime import configure_process

SHARED = Path(__file__).resolve().parents[2] / "shared" / "bench" / "realtimeqa"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def answerable(questions: Path) -> list[dict]:
    rows = [json.loads(line) for line in questions.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["type"] == "answerable"]


def hit_at_5(search, questions: list[dict]) -> float:
    hits = sum(bool(set(search(q["question"])) & set(q["evidence_files"])) for q in questions)
    return hits / len(questions)


def run_ours(corpus: Path, data: Path, embedder: Embedder, questions: list[dict]) -> dict:
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    client = open_client(data, fresh=True)
    store, catalog = ChunkStore(client), Catalog(client, COLLECTION)
    lock = FileLock(data / "index.lock", wait_seconds=0)
    embedder.embed(["load the model before timing, as raw_encode does"])
    started = time.perf_counter()
    target = IndexTarget(store, catalog, lock, data)
    summary = index_corpus(corpus, target, embedder, IndexOptions())
    seconds = time.perf_counter() - started
    rss = peak_rss_mb()
    started = time.perf_counter()
    again = index_corpus(corpus, target, embedder, IndexOptions())
    reindex = time.perf_counter() - started
    assert again.chunks_embedded == 0
    started = time.perf_counter()
    encoder = OnnxEncoder(default_model_path(), default_onnx_path())
    sentences = index_corpus(corpus, target, embedder, IndexOptions(), sentence_encoder=encoder)
    sentence_seconds = time.perf_counter() - started

    def search(question: str) -> list[str]:
        nearest = store.nearest(embedder.embed([question])[0], 5)
        return [c.source for c in store.get([cid for cid, _ in nearest])]

    return {
        "docs": summary.added,
        "chunks": summary.chunks,
        "seconds": seconds,
        "docs_per_s": summary.added / seconds,
        "chunks_per_s": summary.chunks / seconds,
        "peak_rss_mb": rss,
        "reindex_unchanged_s": reindex,
        "sentences": sentences.sentences_embedded,
        "sentence_vectors_s": sentence_seconds,
        "sentence_vectors_mb": sum(f.stat().st_size for f in (data / "sentence_vectors").rglob("*")) / 2**20,
        "hit@5": hit_at_5(search, questions),
    }


def run_raw(corpus: Path, embedder: Embedder) -> dict:
    """The same embedded texts through SentenceTransformer.encode alone (same threads, batch, precision)."""
    config = IndexOptions()
    texts: list[str] = []
    for path in iter_article_paths(corpus):
        article = read_article(corpus, path)
        if isinstance(article, Article):
            chunked = _chunk(article, embedder, config)
            texts.extend(embedded_text(c, chunked.title_prefix) for c in chunked.chunks)
    started = time.perf_counter()
    embedder.embed(texts)
    seconds = time.perf_counter() - started
    return {"texts": len(texts), "seconds": seconds, "texts_per_s": len(texts) / seconds}


def run_vanilla(corpus: Path, questions: list[dict], chunk_size: int | None, threads: int) -> dict:
    import chromadb
    import torch
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import Settings, SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    torch.set_num_threads(threads)
    Settings.llm = None
    embed_model = HuggingFaceEmbedding(model_name=str(default_model_path()), device="cpu")
    with tempfile.TemporaryDirectory() as tmp:
        client = chromadb.PersistentClient(path=tmp, settings=ChromaSettings(anonymized_telemetry=False))
        collection = client.get_or_create_collection("vanilla", embedding_function=None)
        storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
        started = time.perf_counter()
        documents = SimpleDirectoryReader(str(corpus)).load_data()
        transformations = [SentenceSplitter(chunk_size=chunk_size, chunk_overlap=32)] if chunk_size else None
        index = VectorStoreIndex.from_documents(
            documents, storage_context=storage, embed_model=embed_model, transformations=transformations
        )
        seconds = time.perf_counter() - started
        retriever = index.as_retriever(similarity_top_k=5)

        def search(question: str) -> list[str]:
            return [n.node.metadata.get("file_name", "") for n in retriever.retrieve(question)]

        return {
            "nodes": collection.count(),
            "seconds": seconds,
            "nodes_per_s": collection.count() / seconds,
            "hit@5": hit_at_5(search, questions),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--questions", type=Path, default=SHARED / "questions.jsonl")
    parser.add_argument("--data", type=Path, default=Path("bench/out/realtimeqa-index"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--skip-vanilla", action="store_true")
    parser.add_argument("--precision", choices=["auto", "bf16", "fp32"], default="auto", help="ours and raw")
    parser.add_argument("--repeat", type=int, default=1, help="ours and raw alternately, N times (median ratio)")
    args = parser.parse_args()

    configure_process(args.threads)
    questions = answerable(args.questions)
    embedder = Embedder(default_model_path(), precision=args.precision)
    report: dict[str, dict] = {}
    ratios = []
    for run in range(args.repeat):  # alternating, so that a slow minute of a noisy machine hits both
        report["ours"] = run_ours(args.corpus, args.data / f"run-{run}", embedder, questions)
        print("ours", json.dumps(report["ours"]), flush=True)
        report["raw_encode"] = run_raw(args.corpus, embedder)
        print("raw_encode", json.dumps(report["raw_encode"]), flush=True)
        ratios.append(report["ours"]["chunks_per_s"] / report["raw_encode"]["texts_per_s"])
        print(f"throughput ours/raw = {ratios[-1]:.2f} (goal >= 0.95)", flush=True)
    if args.repeat > 1:
        runs = ", ".join(f"{r:.2f}" for r in ratios)
        print(f"throughput ours/raw, median of {args.repeat} = {statistics.median(ratios):.2f} ({runs})", flush=True)
    if not args.skip_vanilla:
        for name, size in [("vanilla_256", 256), ("vanilla_default", None)]:
            report[name] = run_vanilla(args.corpus, questions, size, args.threads)
            print(name, json.dumps(report[name]), flush=True)
        ratio = report["ours"]["seconds"] / report["vanilla_256"]["seconds"]
        goal = "<= 0.5 with bf16" if embedder.uses_bf16 else "<= 0.8 without bf16"
        print(f"time ours/vanilla-256 = {ratio:.2f} (goal {goal})")
    print(f"precision: {'bf16 autocast' if embedder.uses_bf16 else 'fp32'}; threads {args.threads}")
    print("summary", json.dumps(report))


if __name__ == "__main__":
    main()
