"""HTML, PDF and DOCX against the plain text they were made from.

The bench articles (`.txt`) are rendered as news pages (menus, an ad, related links, comments around
the article), as PDFs (a running header, "Page n of N" footers, wrapped lines) and as Word documents,
then read back by index/formats:

- recovery: the share of each article's body sentences found in its text layer (normalised);
- boilerplate: the share of the text layer's characters in sentences that are not the article's;
- throughput: documents per second (HTML, DOCX) and pages per second (PDF) of extraction alone.

With --eval, a subset (the questions' evidence articles plus others up to --articles) is indexed as
plain text and as HTML by `rag index`, and `rag eval` runs on both, side by side.

Usage: python -m bench.bench_formats [--corpus ../shared/bench/realtimeqa/corpus] [--articles 400] [--eval]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.documents import docx_document, html_page, pdf_document
from index.formats import extract
from index.loader import parse_header
from index.sentences import sentence_spans
from rag.text import normalize

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "realtimeqa"
RENDER = {
    ".html": lambda title, meta, paragraphs: html_page(
        title, paragraphs, meta.get("published", "").replace("/", "-"), "", meta.get("source", "")
    ),
    ".pdf": lambda title, meta, paragraphs: pdf_document(
        title, paragraphs, header=meta.get("source", ""), created=meta.get("published", "").replace("/", "")[:8]
    ),
    ".docx": lambda title, meta, paragraphs: docx_document(title, [("", paragraphs)]),
}


def parts(text: str) -> tuple[str, dict[str, str], list[str]]:
    header = parse_header(text)
    paragraphs = [" ".join(p.split()) for p in text[header.body_start :].split("\n") if p.strip()]
    return header.title, header.metadata, paragraphs


def body_sentences(text: str) -> list[str]:
    return [normalize(text[start:end]) for start, end in sentence_spans(text) if end - start > 20]


def measure(articles: list[Path], suffix: str) -> dict[str, float]:
    recovered, boilerplate, seconds, pages = [], [], 0.0, 0
    for path in articles:
        title, meta, paragraphs = parts(path.read_text("utf-8"))
        data = RENDER[suffix](title, meta, paragraphs)
        started = time.perf_counter()
        layer = extract(suffix, data)
        seconds += time.perf_counter() - started
        pages += max(1, len(layer.pages))
        original = " ".join(normalize(p) for p in [title, *paragraphs])
        wanted = body_sentences("\n".join(paragraphs))
        got = normalize(layer.text)
        recovered.append(sum(s in got for s in wanted) / max(1, len(wanted)))
        layer_sentences = [layer.text[start:end] for start, end in sentence_spans(layer.text)]
        foreign = sum(len(s) for s in layer_sentences if normalize(s) not in original)
        boilerplate.append(foreign / max(1, sum(len(s) for s in layer_sentences)))
    return {
        "recovery_mean": statistics.mean(recovered),
        "recovery_min": min(recovered),
        "boilerplate_mean": statistics.mean(boilerplate),
        "boilerplate_max": max(boilerplate),
        "per_second": (pages if suffix == ".pdf" else len(articles)) / seconds,
    }


def subset(corpus: Path, questions: Path, size: int) -> tuple[list[Path], list[dict[str, object]]]:
    rows = [json.loads(line) for line in questions.read_text("utf-8").splitlines() if line.strip()]
    evidence = sorted({f for row in rows for f in row.get("evidence_files", [])})
    others = sorted(p.name for p in corpus.glob("*.txt") if p.name not in set(evidence))
    random.Random(7).shuffle(others)
    chosen = evidence + others[: max(0, size - len(evidence))]
    return [corpus / name for name in chosen], rows


def eval_side_by_side(articles: list[Path], rows: list[dict[str, object]], work: Path) -> None:
    for suffix in (".txt", ".html"):
        folder = work / suffix.strip(".")
        folder.mkdir(parents=True)
        for path in articles:
            if suffix == ".txt":
                (folder / path.name).write_bytes(path.read_bytes())
            else:
                title, meta, paragraphs = parts(path.read_text("utf-8"))
                (folder / path.with_suffix(suffix).name).write_bytes(RENDER[suffix](title, meta, paragraphs))
        questions = work / f"questions{suffix}.jsonl"
        renamed = [
            {**row, "evidence_files": [str(Path(str(f)).with_suffix(suffix)) for f in row.get("evidence_files", [])]}
            for row in rows
        ]
        questions.write_text("\n".join(json.dumps(r) for r in renamed))
        env = {**os.environ, "RAG_DATA_DIR": str(work / f"data{suffix}"), "RAG_CORPUS_DIR": str(folder)}
        indexed = subprocess.run([sys.executable, "-m", "rag", "index"], env=env, capture_output=True, text=True)
        print(f"\n== {suffix}: {indexed.stdout.splitlines()[0] if indexed.stdout else indexed.stderr[-300:]}")
        report = subprocess.run(
            [sys.executable, "-m", "rag", "eval", str(questions)], env=env, capture_output=True, text=True
        )
        print(report.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=BENCH / "corpus")
    parser.add_argument("--questions", type=Path, default=BENCH / "questions.jsonl")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--eval", action="store_true")
    args = parser.parse_args()
    articles, rows = subset(args.corpus, args.questions, args.articles)
    print(f"{len(articles)} articles ({args.corpus})")
    for suffix in RENDER:
        figures = measure(articles, suffix)
        unit = "pages/s" if suffix == ".pdf" else "docs/s"
        print(
            f"{suffix:6} recovery {figures['recovery_mean']:.3f} (min {figures['recovery_min']:.3f})  "
            f"boilerplate {figures['boilerplate_mean']:.3f} (max {figures['boilerplate_max']:.3f})  "
            f"extraction {figures['per_second']:.1f} {unit}"
        )
    if args.eval:
        with tempfile.TemporaryDirectory() as work:
            eval_side_by_side(articles, rows, Path(work))


if __name__ == "__main__":
    main()
