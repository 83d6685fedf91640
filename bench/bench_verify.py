"""How well the sentence verifier tells supported claims from inventions, on claims built from real
retrieved passages (no LLM needed, so every case has a known right answer).

For each answerable question of a questions file, the passages an LLM would be shown are retrieved,
and claims are made from their sentences:
  kept ideally:     verbatim (cites its passage), clause (its first clause only),
                    no_marker (verbatim, no [n]: should be repaired), wrong_passage (cites another
                    article's passage: should be repaired to the right one, or dropped)
  dropped ideally:  number (a number changed), name (a name swapped for one from another story),
                    negated ("not" inserted), foreign (a sentence from another story's passages),
                    padded (a true sentence + ", and " + a clause from another story)
Prints, per kind, how many were supported / repaired / dropped, then the same for a grid of
thresholds. Use: RAG_DATA_DIR=bench/out/realtimeqa-index RAG_CORPUS_DIR=../shared/bench/realtimeqa/corpus \\
    python bench/bench_verify.py ../shared/bench/realtimeqa/questions.jsonl
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from index.snapshot import load_snapshot
from rag.evaluate import read_questions
from rag.llm.claims import Claim
from rag.llm.verify import IDF, Passage, Verifier, VerifyOptions
from rag.runtime import configure_process
from rag.settings import Settings
from rag.text import normalize, numbers, words
from rag.wiring import build_answerer, build_query_encoder, store_opener

AUXILIARY = re.compile(r"\b(is|was|are|were|has|have|had|will|would|can|could|should|did|does)\b")
NAME = re.compile(r"(?<=\s)[A-Z][a-z]{3,}\b")
KEPT_KINDS = ("verbatim", "clause", "no_marker", "wrong_passage")
DROPPED_KINDS = ("number", "name", "negated", "foreign", "padded")


def make_claims(passages: list[Passage], other: list[Passage], rng: random.Random) -> list[tuple[str, Claim]]:
    first = passages[0]
    text = first.chunk.text
    sentences = [text[s.start : s.end] for s in first.sentences if len(words(text[s.start : s.end])) >= 8]
    if not sentences:
        return []
    sentence = rng.choice(sentences)
    wrong = next((p.n for p in passages if p.chunk.source != first.chunk.source), None)
    claims = [("verbatim", Claim(sentence, (1,), 0, 0)), ("no_marker", Claim(sentence, (), 0, 0))]
    if wrong is not None:
        claims.append(("wrong_passage", Claim(sentence, (wrong,), 0, 0)))
    clause = sentence.split(", ")[0]
    if len(words(clause)) >= 6 and clause != sentence:
        claims.append(("clause", Claim(clause.rstrip() + ".", (1,), 0, 0)))
    with_number = [s for s in sentences if numbers(s)]
    if with_number:
        s = rng.choice(with_number)
        n = sorted(numbers(s))[0]
        changed = re.sub(rf"(?<![\d.,]){re.escape(n)}(?![\d])", str(int(float(n)) + 7), s, count=1)
        if changed != s:
            claims.append(("number", Claim(changed, (1,), 0, 0)))
    foreign_names = [m.group() for p in other for m in NAME.finditer(p.chunk.text)]
    names_here = list(NAME.finditer(sentence))
    if names_here and foreign_names:
        target = rng.choice(names_here).group()
        replacement = next((f for f in foreign_names if f.lower() not in text.lower()), None)
        if replacement:
            claims.append(("name", Claim(sentence.replace(target, replacement, 1), (1,), 0, 0)))
    if (aux := AUXILIARY.search(sentence)) and " not " not in sentence:
        claims.append(("negated", Claim(sentence[: aux.end()] + " not" + sentence[aux.end() :], (1,), 0, 0)))
    foreign = [
        other[0].chunk.text[s.start : s.end]
        for s in other[0].sentences
        if len(words(other[0].chunk.text[s.start : s.end])) >= 8
    ]
    if foreign:
        claims.append(("foreign", Claim(rng.choice(foreign), (1,), 0, 0)))
        tail = rng.choice(foreign).rstrip(".")
        padded = sentence.rstrip(".") + ", and " + tail[:1].lower() + tail[1:] + "."
        claims.append(("padded", Claim(padded, (1,), 0, 0)))
    return claims


def verdict_of(verifier: Verifier, kind: str, claim: Claim, passages: list[Passage], idf: IDF) -> str:
    checked = verifier.check(claim, passages, idf)
    if checked.verdict == "unverified":
        return "dropped"
    cited = checked.supports[0]
    moved = cited.passage.chunk.source != passages[0].chunk.source
    # look-alike articles often repeat a sentence word for word: citing one of those is right
    if kind == "wrong_passage" and moved and normalize(cited.quote) != normalize(claim.text):
        return "wrong_source"  # kept, but citing an article that does not say it word for word
    return checked.verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--passages", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    settings = Settings()
    configure_process(settings.embed_threads)
    answerer = build_answerer(settings, build_query_encoder(settings))
    snapshot = load_snapshot(store_opener(settings), settings.data_dir)
    rows = [r for r in read_questions(args.questions) if r.get("type", "answerable") == "answerable"]
    rng = random.Random(args.seed)
    started = time.perf_counter()
    sets = []
    for row in rows:
        evidence = answerer.gather(snapshot, row["question"])
        chunks = evidence.chunks_by_evidence()[: args.passages]
        sets.append([Passage.of(n, c) for n, c in enumerate(chunks, 1)])
    cases = []
    for i, passages in enumerate(sets):
        other = sets[(i + len(sets) // 2) % len(sets)]
        if passages and other and other[0].chunk.source != passages[0].chunk.source:
            cases += [(kind, claim, passages) for kind, claim in make_claims(passages, other, rng)]
    print(f"{len(rows)} answerable questions -> {len(cases)} claims ({time.perf_counter() - started:.1f} s to build)")

    def run(options: VerifyOptions) -> dict[str, Counter]:
        verifier = Verifier(answerer.embedder.embed_cached, options)
        outcome: dict[str, Counter] = defaultdict(Counter)
        for kind, claim, passages in cases:
            outcome[kind][verdict_of(verifier, kind, claim, passages, snapshot.lexical.idf)] += 1
        return outcome

    t = time.perf_counter()
    default = run(VerifyOptions())
    per_claim_ms = (time.perf_counter() - t) / max(len(cases), 1) * 1000
    print(f"\ndefault bars {VerifyOptions()}  ({per_claim_ms:.1f} ms per claim, first pass)")
    print(f"{'kind':<14} {'n':>4} {'supported':>9} {'repaired':>9} {'wrong_src':>9} {'dropped':>8}")
    for kind in KEPT_KINDS + DROPPED_KINDS:
        c = default[kind]
        n = sum(c.values())
        print(f"{kind:<14} {n:>4} {c['supported']:>9} {c['repaired']:>9} {c['wrong_source']:>9} {c['dropped']:>8}")

    print("\nthreshold grid: share kept of the should-keep kinds vs share kept of the should-drop kinds")
    print(f"{'coverage':>8} {'similarity':>10} {'kept(good)':>10} {'kept(bad)':>9}")
    for coverage in (0.6, 0.7, 0.8):
        for similarity in (0.45, 0.55, 0.65):
            outcome = run(VerifyOptions(min_coverage=coverage, min_similarity=similarity))
            good = sum(sum(outcome[k].values()) for k in ("verbatim", "clause", "no_marker"))
            good_kept = sum(
                outcome[k]["supported"] + outcome[k]["repaired"] for k in ("verbatim", "clause", "no_marker")
            )
            bad = sum(sum(outcome[k].values()) for k in DROPPED_KINDS)
            bad_kept = sum(outcome[k]["supported"] + outcome[k]["repaired"] for k in DROPPED_KINDS)
            print(f"{coverage:>8} {similarity:>10} {good_kept / max(good, 1):>10.3f} {bad_kept / max(bad, 1):>9.3f}")


if __name__ == "__main__":
    main()
