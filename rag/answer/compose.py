"""Extractive answers: verbatim sentences with [n] markers, or a plain statement that the articles
don't say. No sentence is ever written that is not a quote of a retrieved passage.

How an answer is put together:
- a short question's best answer candidate (direct.py), if good enough, comes first, and the sentence
  it stands in is the first quote (the best-scored sentence stays among the quotes); a person it names
  by surname only is named in full where a passage of the article does, that sentence quoted first;
- a sentence that continues the first one in its passage (the next sentence, about the same subject)
  is kept when it carries words of the question the first lacks: the second half of a two-part answer;
- further sentences of the same article follow while they score close to the best;
- a question that asks what the articles say gets the best sentence of each relevant article instead;
- a compound question gets the best sentence for each of its parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from index.sentences import sentence_spans
from rag.answer.conflicts import Place, newest, reports_of, rivals, value_variants
from rag.answer.direct import Candidate, DirectOptions, best_answers, by_surname_only, named_in_full
from rag.answer.evidence import SentenceEvidence, is_near_duplicate, same_list
from rag.citations import render_text, span_citation
from rag.schemas import Answer, AnswerSentence, Citation, Conflict, DirectAnswer, NearestPassage
from rag.text import content_terms, normalize, words

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from rag.answer.question import Question
    from rag.answer.retrieve import RetrievedChunk

RIVALLED_ANSWERS = 3  # the best answers weighed with the other values other articles give for them
CONTINUES = re.compile(
    r"^\W*(he|she|it|they|his|her|its|their|this|that|these|those|the (?:\w+ ){0,2}\w+ said)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class ComposeOptions:
    abstain_below: float = 0.4015  # calibrated by bench/calibrate.py: best score under which we abstain
    # added to a sentence's score when abstention is decided, if it says its likely answer is of the asked
    # kind ("retired judge [Dyson]" for "Which retired judge ...?"): it answers, however few of the question's
    # other words it repeats
    said_kind: float = 0.05
    max_sentences: int = 3
    max_words: int = 80
    long_max_sentences: int = 6
    long_max_words: int = 200
    follow_margin: float = 0.2  # a further sentence must score within this of the best one (calibrated)
    max_articles: int = 4  # articles quoted when a question asks what the articles say


def compose(
    question: Question,
    ranked_parts: Sequence[Sequence[SentenceEvidence]],
    chunks: Sequence[RetrievedChunk],
    options: ComposeOptions,
    direct_options: DirectOptions,
    dates: Mapping[str, date] | None = None,
    article: Callable[[str], Sequence[RetrievedChunk]] | None = None,
) -> Answer:
    """`ranked_parts`: the ranked evidence for each part of the question (one part for most questions);
    `dates`: the articles' publication dates (the newest of conflicting values is quoted); `article`:
    all chunks of an article (a surname is named in full where its retrieved passages do not)."""
    usable_parts = [
        usable
        for ranked in ranked_parts
        if (usable := [s for s in ranked if s.answers_type])
        and max(answer_strength(s, options, direct_options) for s in usable) >= options.abstain_below
    ]
    if not usable_parts:
        return abstain(question.text, chunks)
    dates = dates or {}
    place: Place | None = None  # the direct answer's span, in the first quote
    conflicts: list[Conflict] = []
    if len(usable_parts) > 1:
        chosen = best_of_each_part(usable_parts)
    elif question.wants_many:
        chosen = best_of_each_article(usable_parts[0], options)
    else:
        usable = list(usable_parts[0])
        leader, candidate, differing = _direct_and_conflicts(usable, question, direct_options, dates)
        first = leader.sentence if leader else usable[0]
        place = Place(candidate.start, candidate.end) if candidate else None
        conflicts = [conflict(c.sentence, Place(c.start, c.end), dates) for c in differing]
        if not differing:
            first, place, conflicts = newest_wording(first, place, usable, dates)
        then = candidate.said_with if candidate and first is candidate.sentence else None
        if (
            candidate
            and not conflicts
            and first is candidate.sentence
            and (full := _full_name_in_article(candidate, chunks, "PERSON" in question.labels, article))
        ):
            named = sentence_around(*full, score=first.score)  # the full name first, then what it answers
            if named is not None:
                first, place, then = named, Place(full[1], full[2]), None if same_place(named, first) else first
        chosen = choose_sentences(first, usable, question, options, then)
    citations = [citation(n, s) for n, s in enumerate(chosen, 1)]
    sentences = [AnswerSentence(text=c.quote, citations=[c.n], verdict="quoted") for c in citations]
    direct = DirectAnswer(text=place.text_in(chosen[0]), n=1, start=place.start, end=place.end) if place else None
    return Answer(
        question=question.text,
        answer=render_text(sentences, direct) + conflicts_text(conflicts),
        abstained=False,
        direct=direct,
        citations=citations,
        sentences=sentences,
        conflicts=conflicts,
    )


def _direct_and_conflicts(
    usable: Sequence[SentenceEvidence], question: Question, options: DirectOptions, dates: Mapping[str, date]
) -> tuple[Candidate | None, Candidate | None, list[Candidate]]:
    """The likeliest answer (its sentence is quoted first even when the model is too unsure of it to say
    it: the best sentence by the kind of answer it holds), the direct answer, and the other values other
    articles give for it. Values that conflict split the model's probability between them ("$22" in one
    copy, "$29" in its update), so they are weighed together, against other answers and against the bar;
    the newest is quoted."""
    if not question.short:
        return None, None, []
    weighed = []
    for candidate in best_answers(usable, RIVALLED_ANSWERS):
        others = rivals(candidate, usable)
        weighed.append((candidate.score + sum(o.score for o in others), candidate, others))
    total, top, others = max(weighed, key=lambda w: w[0], default=(0.0, None, []))
    if top is None or total < options.min_score:
        return top, None, []
    chosen = newest(top, others, dates)
    return chosen, chosen, [c for c in (top, *others) if c is not chosen]


def newest_wording(
    first: SentenceEvidence, place: Place | None, usable: Sequence[SentenceEvidence], dates: Mapping[str, date]
) -> tuple[SentenceEvidence, Place | None, list[Conflict]]:
    """When other articles say `first` word for word but for one value (the direct answer's, when there
    is one), the newest wording is quoted (its value the direct answer) and the others are conflicts.
    The direct answer may also be restated with another value in a copy of another of its reports (a
    second outlet's sentence naming it, updated in a later copy)."""
    base, variants = first, value_variants(first, usable, place)
    for report, at in reports_of(first, place, usable) if place is not None and not variants else ():
        if variants := value_variants(report, usable, at):
            base = report
            break
    if not variants:
        return first, place, []
    ours = variants[0].replaces
    wordings = [(base, ours), *((v.sentence, v.place) for v in variants if v.replaces == ours)]
    if base is not first and place is not None:
        wordings.insert(0, (first, place))
    newest_sentence, newest_place = max(wordings, key=lambda w: dates.get(w[0].source) or date.min)
    value = normalize(newest_place.text_in(newest_sentence))
    others = [conflict(s, p, dates) for s, p in wordings if normalize(p.text_in(s)) != value]
    return newest_sentence, newest_place if place is not None else None, others


def conflict(sentence: SentenceEvidence, place: Place, dates: Mapping[str, date]) -> Conflict:
    when = dates.get(sentence.source)
    return Conflict(
        value=place.text_in(sentence),
        source=sentence.source,
        title=sentence.chunk.title,
        published=when.isoformat() if when else None,
        start=place.start,
        end=place.end,
        quote=sentence.text,
        quote_start=sentence.start,
        quote_end=sentence.end,
    )


def conflicts_text(conflicts: Sequence[Conflict]) -> str:
    """ "Other articles differ: “12” (“Flood toll rises”, 2024-03-02)." after the answer."""
    if not conflicts:
        return ""
    named = "; ".join(
        f"\u201c{c.value}\u201d (\u201c{c.title}\u201d{f', {c.published}' if c.published else ''})" for c in conflicts
    )
    return f"\n\nOther articles differ: {named}."


def best_of_each_part(usable_parts: Sequence[Sequence[SentenceEvidence]]) -> list[SentenceEvidence]:
    chosen: list[SentenceEvidence] = []
    for usable in usable_parts:
        best = next((s for s in usable if not any(is_near_duplicate(s, c) for c in chosen)), None)
        if best is not None:
            chosen.append(best)
    return chosen


def best_of_each_article(usable: Sequence[SentenceEvidence], options: ComposeOptions) -> list[SentenceEvidence]:
    """The best sentence of each article that scores close to the best, saying something new."""
    chosen: list[SentenceEvidence] = []
    for sentence in usable:
        if len(chosen) == options.max_articles or sentence.score < usable[0].score - 2 * options.follow_margin:
            break
        if any(c.source == sentence.source or is_near_duplicate(sentence, c) for c in chosen):
            continue
        chosen.append(sentence)
    return chosen


def choose_sentences(
    first: SentenceEvidence,
    usable: Sequence[SentenceEvidence],
    question: Question,
    options: ComposeOptions,
    then: SentenceEvidence | None = None,
) -> list[SentenceEvidence]:
    """`first`, what continues it (`then`: the sentence that says what the answer named in `first` is),
    the best sentence if it is not first, then close sentences of its article."""
    limit = options.long_max_sentences if question.wants_more else options.max_sentences
    max_words = options.long_max_words if question.wants_more else options.max_words
    best = usable[0]
    chosen = [first]
    if (following := then or continuation(first, question)) is not None:
        chosen.append(following)
    if not any(same_place(best, c) or is_near_duplicate(best, c) for c in chosen) and not _other_item(best, first):
        chosen.append(best)  # the answer's own sentence first, and still the best evidence
    used = sum(len(words(s.text)) for s in chosen)
    for sentence in usable:
        if len(chosen) >= limit or (not question.wants_more and sentence.score < best.score - options.follow_margin):
            break
        if not question.wants_more and (sentence.source != first.source or _other_item(sentence, first)):
            continue  # one article per short answer (look-alike articles hurt citation precision), one list item
        length = len(words(sentence.text))
        if used + length > max_words or any(is_near_duplicate(sentence, c) or same_place(sentence, c) for c in chosen):
            continue
        chosen.append(sentence)
        used += length
    return chosen


def _other_item(sentence: SentenceEvidence, first: SentenceEvidence) -> bool:
    """Another entry of the list `first` is an entry of: another college's figures, not more of this one's."""
    return same_list(sentence, first) and not same_place(sentence, first)


def same_place(a: SentenceEvidence, b: SentenceEvidence) -> bool:
    """The same sentence of the same file (a continuation is found anew, as another object)."""
    return a.source == b.source and a.start == b.start


def continuation(first: SentenceEvidence, question: Question) -> SentenceEvidence | None:
    """The sentence right after `first` in its passage, if it goes on about the same subject and holds
    words of the question that `first` lacks."""
    chunk = first.chunk
    spans = list(sentence_spans(chunk.text))
    after = [(s, e) for s, e in spans if chunk.start + s >= first.end]
    if not after:
        return None
    start, end = after[0]
    text = chunk.text[start:end]
    terms = set(content_terms(text))
    missing = (question.terms - first.terms) & terms
    same_subject = bool(CONTINUES.match(text)) or bool((terms & first.terms) - question.terms)
    if not missing or not same_subject or len(words(text)) < 4:
        return None
    return SentenceEvidence(
        chunk, first.chunk_rank, chunk.start + start, chunk.start + end, text, terms, score=first.score
    )


def _full_name_in_article(
    candidate: Candidate,
    chunks: Sequence[RetrievedChunk],
    asks_person: bool,
    article: Callable[[str], Sequence[RetrievedChunk]] | None,
) -> tuple[RetrievedChunk, int, int] | None:
    """Where the article names in full the person the answer names by surname: in its retrieved passages,
    or else anywhere in it ("Reeves" is "Gov. Tate Reeves" in a passage no question word retrieved)."""
    found = named_in_full(candidate, chunks, asks_person)
    if found is None and article is not None and by_surname_only(candidate, asks_person):
        found = named_in_full(candidate, article(candidate.sentence.source), asks_person)
    return found


def sentence_around(chunk: RetrievedChunk, start: int, end: int, score: float) -> SentenceEvidence | None:
    """The sentence of `chunk` that holds file offsets [start, end), as evidence scoring `score`."""
    for s, e in sentence_spans(chunk.text):
        if chunk.start + s <= start and end <= chunk.start + e:
            text = chunk.text[s:e]
            terms = set(content_terms(text))
            return SentenceEvidence(chunk, 0, chunk.start + s, chunk.start + e, text, terms, score=score)
    return None


def citation(n: int, sentence: SentenceEvidence) -> Citation:
    return span_citation(n, sentence.chunk, sentence.start, sentence.end, sentence.text, sentence.score)


def answer_strength(sentence: SentenceEvidence, options: ComposeOptions, direct_options: DirectOptions) -> float:
    """How well the sentence answers, for abstention: its strength, and more when it says its likely
    answer, a name, is of the asked kind (not "Edmunds, [a car-buying advice site]": a description)."""
    said = any(
        c.kind_known_by == "said" and c.label != "NP" and c.score >= direct_options.min_score
        for c in sentence.candidates
    )
    return sentence.strength + (options.said_kind if said else 0.0)


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
