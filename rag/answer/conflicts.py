"""Conflicts, shown instead of hidden: when another article says the same thing with another value
("rose to 12" / "rose to 30"), the answer quotes the most recent article and names the other value,
its article and date, each at its exact span.

Two answer candidates conflict when they are of the same kind (both amounts, both dates, both
names), differ, come from different articles, and stand in sentences that say the same otherwise
(their words without the values overlap at least SAME_CONTEXT) and that both score close to the best.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.question import AMOUNTS, NAMES, TIMES
from rag.text import contains_words, content_terms, normalize

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from rag.answer.direct import Candidate
    from rag.answer.evidence import SentenceEvidence

SAME_CONTEXT = 0.6  # Jaccard overlap of the two sentences' content words, values left out
CLOSE_EVIDENCE = 0.8  # a rival's sentence scores at least this share of the chosen one's
KINDS = (AMOUNTS, TIMES, NAMES)


def rivals(chosen: Candidate, sentences: Sequence[SentenceEvidence]) -> list[Candidate]:
    """Other articles' values for what `chosen` answers, one per article, best first."""
    context = _context(chosen)
    found: dict[str, Candidate] = {}
    for sentence in sentences:
        if sentence.source == chosen.sentence.source or sentence.source in found:
            continue
        if sentence.score < CLOSE_EVIDENCE * chosen.sentence.score:
            continue
        for candidate in sentence.candidates:
            if _same_kind(candidate, chosen) and _differ(candidate, chosen) and _overlap(_context(candidate), context):
                found[sentence.source] = candidate
                break
    return list(found.values())


def newest(chosen: Candidate, others: Sequence[Candidate], dates: Mapping[str, date]) -> Candidate:
    """The candidate from the most recently published article (the chosen one when dates tie or lack)."""
    best = chosen
    for other in others:
        when, best_when = dates.get(other.sentence.source), dates.get(best.sentence.source)
        if when is not None and (best_when is None or when > best_when):
            best = other
    return best


def _context(candidate: Candidate) -> set[str]:
    sentence = candidate.sentence
    offset = candidate.start - sentence.start
    without_value = sentence.text[:offset] + " " + sentence.text[offset + len(candidate.text) :]
    return set(content_terms(without_value))


def _same_kind(a: Candidate, b: Candidate) -> bool:
    if a.label == b.label:
        return True
    return any(a.label in kind and b.label in kind for kind in KINDS)


def _differ(a: Candidate, b: Candidate) -> bool:
    """Different values, each absent from the other's sentence (a sentence that names both is not
    another value for the same thing)."""
    x, y = normalize(a.text), normalize(b.text)
    if x == y or x in y or y in x:
        return False
    return not contains_words(b.sentence.text, a.text) and not contains_words(a.sentence.text, b.text)


def _overlap(a: set[str], b: set[str]) -> bool:
    return bool(a | b) and len(a & b) / len(a | b) >= SAME_CONTEXT
