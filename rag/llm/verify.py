"""Checks every sentence an LLM wrote against the passage it cites, before anyone sees it.

A sentence (a claim) is supported by a passage when one sentence of it, or two adjacent ones (a
window), say the same thing:
- coverage: the IDF-weighted share of the claim's content words found in the window or the
  article's title is high (rare words such as names weigh most, "said" next to nothing);
- every number of the claim (as written, and as often), and every capitalised name after its first
  word, is in the window;
- the claim has no more negations than the window ("did not" never passes as "did"), and each clause
  of a compound claim is covered on its own (an invented "…, and it was appealed" does not ride along);
- the claim and the window mean the same to the embedding model (cosine similarity).

The first three catch the inventions small models make (a number, a name, a flipped statement), the
last catches word salad made of the passage's own words. A missing or wrong marker is repaired to the
passage that supports the claim best, if that support clears a stricter bar. Citations point at the
window: an exact span of the source file, like every other citation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from index.sentences import sentence_spans
from rag.text import TermWeights, content_terms, stem, stopwords, words

if TYPE_CHECKING:
    import numpy as np

    from rag.answer.retrieve import RetrievedChunk
    from rag.llm.claims import Claim

IDF = Callable[[str], float]

NAME = re.compile(r"\b[A-Z][\w'’.-]*[A-Za-z0-9]|\b[A-Z]\b")
NUMERIC = re.compile(r"\d+(?:[.,]\d+)*(?:[-–/:]\d+(?:[.,]\d+)*)*")
CLAUSE_BREAK = re.compile(r"[,;]?\s+(?:and|but|while|whereas|although|though|yet)\s+|;\s+", re.IGNORECASE)
NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "hundred", "thousand", "million", "billion", "trillion", "dozen", "dozens", "half", "twice", "double", "triple",
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last",
})  # fmt: skip
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"})
OFF_TOPIC = "a passage supports it, but it does not address the question"
Verdict = Literal["supported", "repaired", "unverified"]


@dataclass(frozen=True)
class VerifyOptions:
    """Bars a claim must clear; measured on synthetic claims by bench/bench_verify.py."""

    min_coverage: float = 0.7
    min_similarity: float = 0.55
    repair_coverage: float = 0.8  # moving a claim to a passage it did not cite needs stronger support
    repair_similarity: float = 0.65
    # share of the question's content words (IDF-weighted) that a kept sentence and its quote must
    # mention: a true sentence about something else (a model repeating its prompt) is not an answer
    min_relevance: float = 0.2


@dataclass(frozen=True)
class PassageSentence:
    start: int  # offsets in the chunk's text
    end: int
    terms: frozenset[str]


@dataclass(frozen=True)
class Passage:
    """One numbered passage of the prompt: a retrieved chunk, split into sentences."""

    n: int
    chunk: RetrievedChunk
    sentences: tuple[PassageSentence, ...]
    title_terms: frozenset[str]

    @classmethod
    def of(cls, n: int, chunk: RetrievedChunk) -> Passage:
        text = chunk.text
        sentences = tuple(PassageSentence(s, e, frozenset(content_terms(text[s:e]))) for s, e in sentence_spans(text))
        return cls(n, chunk, sentences, frozenset(content_terms(chunk.title)))


@dataclass(frozen=True)
class Support:
    """How well one window of one passage supports a claim. `start`/`end` are file offsets."""

    passage: Passage
    start: int
    end: int
    quote: str
    coverage: float
    similarity: float
    missing: tuple[str, ...]  # numbers, names or negations of the claim the window lacks

    def clears(self, min_coverage: float, min_similarity: float) -> bool:
        return not self.missing and self.coverage >= min_coverage and self.similarity >= min_similarity

    @property
    def strength(self) -> float:
        return (self.coverage + self.similarity) / 2 - 0.5 * len(self.missing)


@dataclass(frozen=True)
class CheckedClaim:
    claim: Claim
    verdict: Verdict
    supports: tuple[Support, ...]  # what the kept claim cites (empty when unverified)
    best: Support | None  # the best support found anywhere, kept for reporting
    note: str | None = None  # why a supported claim was still not kept

    def reason(self, options: VerifyOptions) -> str | None:
        """Why an unverified claim failed, in words a reader can check against the passage."""
        if self.verdict != "unverified":
            return None
        if self.note:
            return self.note
        best = self.best
        if best is None:
            return "it says nothing a passage could support"
        if best.missing:
            return "not in any passage: " + ", ".join(best.missing)
        if best.coverage < options.min_coverage:
            return f"the closest passage holds only {best.coverage:.0%} of its content words"
        return f"the closest passage does not say the same (similarity {best.similarity:.2f})"


def claim_names(claim: str) -> set[str]:
    """Stems of capitalised words after the first one: the names a claim must not invent."""
    found = [m.group() for m in NAME.finditer(claim)]
    first_word = words(claim)[:1]
    names = set()
    for name in found:
        for w in words(name):
            if first_word and w == first_word[0] and claim.lstrip().lower().startswith(w):
                continue
            if w not in stopwords():
                names.add(stem(w))
    return names


def number_counts(text: str) -> Counter[str]:
    """Numeric expressions as written ("9-2" stays one, "1,100" is "1100") and number words ("second",
    "million"), counted: "$22 ... $22" is not supported by "$22 ... $15", nor "first" by "second"."""
    found = Counter(m.group().replace(",", "") for m in NUMERIC.finditer(text))
    found.update(w for w in words(text) if w in NUMBER_WORDS)
    return found


def negations(text: str) -> int:
    return sum(1 for w in words(text) if w in NEGATIONS or w.endswith("n't"))


def missing_numbers(claim: str, window: str) -> list[str]:
    return sorted((number_counts(claim) - number_counts(window)).keys())


def relevance(question: str, text: str, idf: IDF) -> float:
    """IDF-weighted share of the question's content words that `text` mentions (1 when it has none)."""
    weights = TermWeights(content_terms(question), idf)
    return weights.coverage(set(content_terms(text))) if weights else 1.0


class Verifier:
    """Checks claims against numbered passages; `idf` weighs words by the index the passages came from."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray], options: VerifyOptions | None = None) -> None:
        self.embed = embed
        self.options = options or VerifyOptions()

    def check(self, claim: Claim, passages: Sequence[Passage], idf: IDF, question: str | None = None) -> CheckedClaim:
        """Supported, repaired or unverified; with `question`, a supported claim must also address it."""
        checked = self._check_support(claim, passages, idf)
        if question is None or checked.verdict == "unverified":
            return checked
        said = claim.text + " " + " ".join(s.quote for s in checked.supports)
        if relevance(question, said, idf) < self.options.min_relevance:
            return CheckedClaim(claim, "unverified", (), checked.best, note=OFF_TOPIC)
        return checked

    def _check_support(self, claim: Claim, passages: Sequence[Passage], idf: IDF) -> CheckedClaim:
        by_n = {p.n: p for p in passages}
        best_each = self._best_windows(claim.text, passages, idf)
        cited = [best_each[n] for n in dict.fromkeys(claim.markers) if n in by_n and best_each.get(n)]
        opts = self.options
        kept = [s for s in cited if s.clears(opts.min_coverage, opts.min_similarity)]
        best_anywhere = max(best_each.values(), key=lambda s: s.strength, default=None)
        if kept:
            return CheckedClaim(claim, "supported", (max(kept, key=lambda s: s.strength),), best_anywhere)
        if len(cited) > 1 and (joint := self._joint(claim.text, cited, idf)) is not None:
            return CheckedClaim(claim, "supported", joint, best_anywhere)
        if best_anywhere is not None and best_anywhere.clears(opts.repair_coverage, opts.repair_similarity):
            return CheckedClaim(claim, "repaired", (best_anywhere,), best_anywhere)
        return CheckedClaim(claim, "unverified", (), best_anywhere)

    # -- scoring --------------------------------------------------------------------------------
    def _best_windows(self, claim: str, passages: Sequence[Passage], idf: IDF) -> dict[int, Support]:
        """For each passage, its window that covers the claim best, with its similarity and the hard
        facts of the claim that the window lacks."""
        weights = TermWeights(content_terms(claim), idf)
        if not weights:
            return {}
        found: dict[int, tuple[int, int, float]] = {}
        for passage in passages:
            windows = [(i, j) for i in range(len(passage.sentences)) for j in (i, i + 1) if j < len(passage.sentences)]
            if windows:
                # best coverage; on a tie, one sentence rather than two
                found[passage.n] = max(
                    ((i, j, self._coverage(weights, passage, i, j)) for i, j in windows),
                    key=lambda w: (w[2], w[0] - w[1]),
                )
        quotes = {n: self._quote(passages, n, i, j) for n, (i, j, _) in found.items()}
        similarity = self._similarities(claim, quotes) if quotes else {}
        by_n = {p.n: p for p in passages}
        supports: dict[int, Support] = {}
        for n, (i, j, coverage) in found.items():
            passage = by_n[n]
            offset = passage.chunk.start
            start, end = offset + passage.sentences[i].start, offset + passage.sentences[j].end
            missing = self._missing_facts(claim, quotes[n], passage.chunk.title, idf)
            supports[n] = Support(passage, start, end, quotes[n], coverage, similarity[n], missing)
        return supports

    @staticmethod
    def _coverage(weights: TermWeights, passage: Passage, i: int, j: int) -> float:
        window_terms = set(passage.title_terms)
        for k in range(i, j + 1):
            window_terms |= passage.sentences[k].terms
        return weights.coverage(window_terms)

    def _similarities(self, claim: str, quotes: dict[int, str]) -> dict[int, float]:
        """Claim vs each quote, as the best match over the quote and its claim-sized stretches: a short
        claim drawn from a long sentence should not lose to the sentence's other clauses."""
        pieces = {n: claim_sized_pieces(quote, len(words(claim))) for n, quote in quotes.items()}
        flat = [piece for group in pieces.values() for piece in group]
        vectors = self.embed([claim, *flat])
        scores = vectors[1:] @ vectors[0]
        result: dict[int, float] = {}
        k = 0
        for n, group in pieces.items():
            result[n] = float(scores[k : k + len(group)].max())
            k += len(group)
        return result

    @staticmethod
    def _quote(passages: Sequence[Passage], n: int, i: int, j: int) -> str:
        passage = next(p for p in passages if p.n == n)
        return passage.chunk.text[passage.sentences[i].start : passage.sentences[j].end]

    def _unsupported_clauses(self, claim: str, window_terms: set[str], idf: IDF) -> list[str]:
        """Clauses of a compound claim that the window does not cover: "X was ruled lawful, and it is
        being appealed" must not pass on the strength of its first half."""
        clauses = [c.strip(" ,.;") for c in CLAUSE_BREAK.split(claim)]
        if len(clauses) < 2:
            return []
        unsupported = []
        for clause in clauses:
            weights = TermWeights(content_terms(clause), idf)
            if len(weights.weights) < 2:
                continue
            if weights.coverage(window_terms) < self.options.min_coverage:
                unsupported.append(clause)
        return unsupported

    def _missing_facts(self, claim: str, quote: str, title: str, idf: IDF) -> tuple[str, ...]:
        """Numbers, names, negations and clauses of the claim that the quote (or the title) lacks."""
        window = quote + " " + title
        window_terms = set(content_terms(window)) | {stem(w) for w in words(window)}
        missing = [f"number {x}" for x in missing_numbers(claim, window)]
        missing += [f"name {x}" for x in sorted(claim_names(claim) - window_terms)]
        if negations(claim) > negations(quote):
            missing.append("negation")
        missing += [f"clause “{c}”" for c in self._unsupported_clauses(claim, window_terms, idf)]
        return tuple(missing)

    def _joint(self, claim: str, cited: Sequence[Support], idf: IDF) -> tuple[Support, ...] | None:
        """A claim that joins facts from two or more cited passages: judged on their windows together."""
        union: set[str] = set()
        for s in cited:
            union |= set(content_terms(s.quote + " " + s.passage.chunk.title))
        coverage = TermWeights(content_terms(claim), idf).coverage(union)
        joined_text = " ".join(s.quote + " " + s.passage.chunk.title for s in cited)
        missing = bool(missing_numbers(claim, joined_text)) or bool(claim_names(claim) - union - _word_stems(cited))
        if negations(claim) > negations(" ".join(s.quote for s in cited)):
            missing = True
        similarity = max(s.similarity for s in cited)
        if missing or coverage < self.options.min_coverage or similarity < self.options.min_similarity:
            return None
        return tuple(s for s in cited if s.coverage > 0)


def claim_sized_pieces(quote: str, claim_words: int) -> list[str]:
    """The quote, and if it is much longer than the claim, overlapping stretches about twice the
    claim's length."""
    tokens = list(re.finditer(r"\S+", quote))
    size = max(8, 2 * claim_words)
    if len(tokens) <= size * 1.5:
        return [quote]
    step = max(1, size // 2)
    starts = range(0, len(tokens) - size + step, step)
    stretches = [quote[tokens[i].start() : tokens[min(i + size, len(tokens)) - 1].end()] for i in starts]
    return [quote, *stretches]


def _word_stems(supports: Iterable[Support]) -> set[str]:
    return {stem(w) for s in supports for w in words(s.quote + " " + s.passage.chunk.title)}
