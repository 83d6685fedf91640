"""Conflicts, shown instead of hidden: when another article says the same thing with another value
("rose to 12" / "rose to 30"), the answer quotes the most recent article and names the other value,
its article and date, each at its exact span.

Two answer candidates conflict when they are of the same kind (both amounts, both dates, both
names), differ, come from different articles, and stand in sentences that say the same otherwise
(their words without the values overlap at least SAME_CONTEXT) and that both score close to the best.
Counts of the same thing conflict also when their sentences are worded apart, if each says all the
question asks ("At least 27 people have died as a result of the storm in Erie County" / "At least 31
people died in Erie County as the storm ..."): an update rewrites more than its figure.
Without such candidates (no short answer asked for, or none found), two articles still conflict when
the quoted sentence stands in another article word for word but for one value: a wire story updated
("the toll rose to 12" / "the toll rose to 30"), a figure corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from rag.answer.question import AMOUNTS, NAMES, TIMES
from rag.text import contains_words, content_terms, normalize

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from rag.answer.direct import Candidate
    from rag.answer.evidence import SentenceEvidence

SAME_CONTEXT = 0.6  # Jaccard overlap of the two sentences' content words, values left out
FULL_COVERAGE = 0.95  # a sentence says all the question asks: its share of the question's (IDF-weighted) words
CLOSE_EVIDENCE = 0.8  # a rival's sentence scores, and covers the question's words, at least this share of the chosen's
KINDS = (AMOUNTS, TIMES, NAMES)
TOKEN = re.compile(r"\w+|[^\w\s]")
SAME_SENTENCE = 0.7  # share of the longer sentence's words that two wordings of one sentence share, in order
MAX_CHANGED_TOKENS = 6  # words (and signs) of the one place where they differ


def rivals(chosen: Candidate, sentences: Sequence[SentenceEvidence]) -> list[Candidate]:
    """Other articles' values for what `chosen` answers, one per article, best first."""
    context = _context(chosen)
    found: dict[str, Candidate] = {}
    for sentence in sentences:
        if sentence.source == chosen.sentence.source or sentence.source in found:
            continue
        best = chosen.sentence  # a rival scores near it, and says near as much of what the question asks
        if sentence.score < CLOSE_EVIDENCE * best.score or sentence.coverage < CLOSE_EVIDENCE * best.coverage:
            continue
        for candidate in sentence.candidates:
            same = _overlap(_context(candidate), context) or _same_count(candidate, chosen)
            if _same_kind(candidate, chosen) and _differ(candidate, chosen) and same:
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


def _same_count(a: Candidate, b: Candidate) -> bool:
    """Two counts of one noun, each in a sentence that says all the question asks."""
    return (
        a.counts is not None and a.counts == b.counts and min(a.sentence.coverage, b.sentence.coverage) >= FULL_COVERAGE
    )


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


@dataclass(frozen=True)
class Place:
    """A value's span, offsets in its sentence's file."""

    start: int
    end: int

    def text_in(self, sentence: SentenceEvidence) -> str:
        return sentence.text[self.start - sentence.start : self.end - sentence.start]

    def overlaps(self, other: Place) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Variant:
    """Another article's sentence that says ours with one value changed ("rose to 12" / "rose to 30")."""

    sentence: SentenceEvidence
    place: Place  # its value
    replaces: Place  # the value of ours it gives instead


def value_variants(
    chosen: SentenceEvidence, sentences: Sequence[SentenceEvidence], answer: Place | None = None
) -> list[Variant]:
    """Sentences of other articles that are `chosen` but for one value, one per article, best first.
    `answer`: the direct answer's place in `chosen`: the value must be there, and then any words are a
    value ("canned peaches" / "canned apricots"); without it, a number or a name."""
    found: dict[str, Variant] = {}
    for sentence in sentences:
        if sentence.source == chosen.source or sentence.source in found:
            continue
        near = (answer.start - chosen.start, answer.end - chosen.start) if answer else None
        if (places := differing_value(chosen.text, sentence.text, answer is None, near)) is None:
            continue
        (ours_start, ours_end), (start, end) = places
        replaces = Place(chosen.start + ours_start, chosen.start + ours_end)
        if answer is None or replaces.overlaps(answer):
            found[sentence.source] = Variant(sentence, Place(sentence.start + start, sentence.start + end), replaces)
    return list(found.values())


def reports_of(
    chosen: SentenceEvidence, answer: Place, sentences: Sequence[SentenceEvidence]
) -> list[tuple[SentenceEvidence, Place]]:
    """Sentences of other articles that name the answer `chosen` gives at `answer`, with its place in each."""
    value = re.compile(rf"(?<!\w){re.escape(answer.text_in(chosen))}(?!\w)", re.IGNORECASE)
    found = []
    for sentence in sentences:
        if sentence.source != chosen.source and (match := value.search(sentence.text)):
            found.append((sentence, Place(sentence.start + match.start(), sentence.start + match.end())))
    return found


def differing_value(
    ours: str, theirs: str, named: bool = True, near: tuple[int, int] | None = None
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where two sentences differ, when they differ in one value only (and, if `named`, it is a number
    or a name in both): its (start, end) in each; None otherwise. One value may stand in several places
    ("Brothers of Italy ... Italy's first" / "... Eastmark's first"): each place replaces the same words
    with the same words, and the place returned is the first one overlapping `near`, if given."""
    a = [(m.start(), m.end()) for m in TOKEN.finditer(ours)]
    b = [(m.start(), m.end()) for m in TOKEN.finditer(theirs)]
    words_a, words_b = [ours[s:e].lower() for s, e in a], [theirs[s:e].lower() for s, e in b]
    if len(set(words_a) - set(words_b)) > MAX_CHANGED_TOKENS:
        return None  # cannot be one value of at most MAX_CHANGED_TOKENS (the diff below is the slow part)
    changed = [op for op in SequenceMatcher(None, words_a, words_b, False).get_opcodes() if op[0] != "equal"]
    replaced = {(tuple(words_a[i1:i2]), tuple(words_b[j1:j2])) for _, i1, i2, j1, j2 in changed}
    if not changed or any(op[0] != "replace" for op in changed) or len(replaced) != 1:
        return None
    kept = len(a) - sum(i2 - i1 for _, i1, i2, _, _ in changed)
    if max(changed[0][2] - changed[0][1], changed[0][4] - changed[0][3]) > MAX_CHANGED_TOKENS or kept < (
        SAME_SENTENCE * max(len(a), len(b))
    ):
        return None
    pairs = [((a[i1][0], a[i2 - 1][1]), (b[j1][0], b[j2 - 1][1])) for _, i1, i2, j1, j2 in changed]
    place, other = next((p for p in pairs if near is None or (p[0][0] < near[1] and near[0] < p[0][1])), pairs[0])
    if named and not (_is_value(ours[place[0] : place[1]]) and _is_value(theirs[other[0] : other[1]])):
        return None
    return place, other


def _is_value(text: str) -> bool:
    return any(c.isdigit() for c in text) or any(w[:1].isupper() for w in text.split())
