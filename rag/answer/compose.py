"""Extractive answers: verbatim sentences with [n] markers, or a plain statement that the articles
don't say. No sentence is ever written that is not a quote of a retrieved passage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.answer.evidence import SentenceEvidence, is_near_duplicate
from rag.citations import render_text, span_citation
from rag.schemas import Answer, AnswerSentence, Citation, NearestPassage
from rag.text import words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rag.answer.retrieve import RetrievedChunk

WANTS_MORE = re.compile(
    r"\b(in detail|detailed|explain|elaborate|summari[sz]e|summary|tell me more|everything|all about|overview)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ComposeOptions:
    abstain_below: float = 0.376  # calibrated by bench/calibrate.py: best score under which we abstain
    max_sentences: int = 3
    max_words: int = 80
    long_max_sentences: int = 6
    long_max_words: int = 200
    follow_margin: float = 0.12  # a further sentence must score within this of the best one


def compose(
    question: str,
    ranked_parts: Sequence[Sequence[SentenceEvidence]],
    chunks: Sequence[RetrievedChunk],
    options: ComposeOptions,
) -> Answer:
    """`ranked_parts`: the ranked evidence for each part of the question (one part for most questions)."""
    usable_parts = [
        usable
        for ranked in ranked_parts
        if (usable := [s for s in ranked if s.answers_type]) and usable[0].score >= options.abstain_below
    ]
    if not usable_parts:
        return abstain(question, chunks)
    wants_more = bool(WANTS_MORE.search(question))
    if len(usable_parts) == 1:
        chosen = choose_sentences(usable_parts[0], options, wants_more)
    else:
        chosen = best_of_each_part(usable_parts)
    citations = [citation(n, s) for n, s in enumerate(chosen, 1)]
    sentences = [AnswerSentence(text=c.quote, citations=[c.n], verdict="quoted") for c in citations]
    return Answer(
        question=question, answer=render_text(sentences), abstained=False, citations=citations, sentences=sentences
    )


def best_of_each_part(usable_parts: Sequence[Sequence[SentenceEvidence]]) -> list[SentenceEvidence]:
    chosen: list[SentenceEvidence] = []
    for usable in usable_parts:
        best = next((s for s in usable if not any(is_near_duplicate(s, c) for c in chosen)), None)
        if best is not None:
            chosen.append(best)
    return chosen


def choose_sentences(
    usable: Sequence[SentenceEvidence], options: ComposeOptions, wants_more: bool
) -> list[SentenceEvidence]:
    max_sentences = options.long_max_sentences if wants_more else options.max_sentences
    max_words = options.long_max_words if wants_more else options.max_words
    best = usable[0]
    chosen = [best]
    used_words = len(words(best.text))
    for sentence in usable[1:]:
        if len(chosen) == max_sentences or (not wants_more and sentence.score < best.score - options.follow_margin):
            break
        if not wants_more and sentence.source != best.source:
            continue  # one article per short answer: citing look-alike articles hurt citation precision
        length = len(words(sentence.text))
        if used_words + length > max_words or any(is_near_duplicate(sentence, c) for c in chosen):
            continue
        chosen.append(sentence)
        used_words += length
    return chosen


def citation(n: int, sentence: SentenceEvidence) -> Citation:
    return span_citation(n, sentence.chunk, sentence.start, sentence.end, sentence.text, sentence.score)


def abstain(question: str, chunks: Sequence[RetrievedChunk]) -> Answer:
    nearest: list[NearestPassage] = []
    for chunk in chunks:
        if all(p.source != chunk.source for p in nearest):
            nearest.append(NearestPassage(source=chunk.source, title=chunk.title, chunk_id=chunk.id))
        if len(nearest) == 2:
            break
    text = "The indexed articles don't contain an answer to this question."
    if nearest:
        titles = " and ".join(f"“{p.title}”" for p in nearest)
        text += f" The closest material is in {titles}, but it does not answer it."
    return Answer(question=question, answer=text, abstained=True, nearest=nearest)
