"""Sentence-level evidence: which sentences of the retrieved chunks answer the question.

Each sentence gets cheap features first: IDF-weighted coverage of the question's content words, in the
sentence and with its neighbours and title (context); its chunk's similarity to the question; and,
for a question that expects a short answer, a hint that the sentence holds something of the right
shape that the question does not (a new number for "how many").
The best few are embedded and scored by their own similarity to the question. The weights are global
and fitted by bench/calibrate.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from index.sentences import LIST_NUMBER, sentence_spans
from rag.answer.question import AMOUNTS, TIMES
from rag.text import TermWeights, agent_nouns, amounts, content_terms, irregular_bases, stem, verb_stems, words

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from rag.answer.direct import Candidate
    from rag.answer.question import Question
    from rag.answer.retrieve import RetrievedChunk

INITIALISM = re.compile(r"\b[A-Z]{2,6}\b")  # "SEC", "FDA"
SPELLED_GLUE = r"(?:(?:and|of|for|the|on|&)\s+)*"  # lower-case words between the capitalised ones of a name
MIN_WORDS = 4  # in a sentence, but the number of a list's item ("1. Biden in Asia" is a heading's three)
LIST_ITEM = re.compile(LIST_NUMBER.pattern + r"\s+")  # an item's number, and the space after it
# a sentence too short to stand alone that goes on about what the one before it names: "He was 67."
REFERS_BACK = re.compile(r"(?:he|she|it|they)\s+(?:was|is|were|are)\s+\S", re.IGNORECASE)
# a short quotation that goes on with what the sentence before it quotes and attributes: '"It's better than
# nothing," supervisor Rod Sullivan said. "But it's too little, too late."'
QUOTED_ONLY = re.compile(r"^[“\"][^“”\"]+[”\"]$")
ATTRIBUTED = re.compile(r"[,!?][”\"]\s+[^“”\"]{0,80}\b(?:said|says|added|wrote)\b[^“”\"]{0,40}\.$")
QUOTED_WORDS = 12  # at most, in the quotation that goes on
SENTENCE_ENDS = frozenset(".!?:;\"'”’)…")
HEADING_CAPITALS = 0.6  # share of a heading's longer words that are capitalised
SCALED = re.compile(
    r"(\w+)\s+(\d[\d,]*(?:\.\d+)?)\s*(million|billion|trillion|percent|%)", re.IGNORECASE
)  # "reach 9 billion"
SCALED_SUM = re.compile(r"([$€£])\s?(\d[\d,]*(?:\.\d+)?)\s*(million|billion|trillion)\b", re.IGNORECASE)
SAME_SUM = 0.05  # a sum within this share of another is a rounding of it ("$1.34 billion" for "$1.337 billion")
# a year's edition of a named thing: "the 2021 Emmy Awards"
EDITION = re.compile(r"\b((?:19|20)\d\d)\s+((?:[A-Z][\w'’-]*\s?){1,4})")
# a link to another story, by its headline ("More:Jon Batiste to perform at ...", "READ MORE: ..."): not the article's
LINK_TO_ANOTHER = re.compile(r"(?:more|read more|related|see also|read the full story)\s*:", re.IGNORECASE)
# a link's label run into the headline it links to, with no stop at its end: "Meta layoffs:Facebook parent
# company to lay off more than 11,000 employees" (not a roundup's "Richmond:The state Department of ... .")
LINKED_HEADLINE = re.compile(r"[A-Z0-9][^:\n]{0,90}[\w?'\"’)]:[A-Z\"‘“'][^\n]*[^\s.!?\"”]")
# a list entry's line of one fact, "label: value" ("• Acceptance rate: 28.9%", "• Location: Grinnell, Iowa")
FACT_LABEL = re.compile(r"[•▪●*>–-]\s*([A-Z][^:\n]{0,60}):\s*")  # what a fact line's value is: "• Location: "
FACT_LINE = re.compile(FACT_LABEL.pattern + r"\S[^\n]*")
FACT_WORDS = 20  # at most, in one fact line
HEADING_WORDS = 8  # at most, in the heading of a list entry ("47. Grinnell College")
ENTRY_WORDS = 60  # at most, in an entry read as one
# a scraped page's video player left in its text: "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title>"
PLAYER_CAPTION = re.compile(r"\bReplay More Videos\b|\bMUST WATCH\b|^JUST WATCHED\b")
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
SHORT_MONTHS = "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"  # as news abbreviates them ("Nov. 7")
WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# a year, a month (abbreviated before a day, as news writes dates: "Nov. 7"), a weekday, a clock time ("5 p.m.")
TIME_WORDS = re.compile(
    rf"\b(1[89]\d\d|20\d\d|{MONTHS}|(?:{SHORT_MONTHS})(?=\.?\s+\d{{1,2}}\b)|"
    rf"{WEEKDAYS}|yesterday|today|tomorrow|noon|midnight|"
    r"\d{1,2}(?:am|pm|:\d\d)|\d{1,2}\s?[ap]\.m)\b",
    re.IGNORECASE,
)
NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’.-]*[A-Za-z]")
# a sentence that opens on a pronoun for what one before it named: "He died at 81 ...", "It will close March 4."
OPENS_ON_ANTECEDENT = re.compile(r"^\W*(?:[Hh]e|[Ss]he|[Ii]ts?|[Tt]hey|[Hh]is|[Hh]er|[Tt]heir)\b")
CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
ANTECEDENT_REACH = 2  # sentences back where the name such a sentence speaks of is looked for
# a sentence that opens on what the one right before it told: "That breakthrough came during a NATO summit ..."
# (not a time, "This week", nor a pronoun before its verb, "This is not ...", which may mean anything)
OPENS_ON_TOLD = re.compile(
    r"^(?:That|This|These|Those)\s+(?!(?:is|was|are|were|has|had|have|will|would|could|can|may|might|must|should|"
    r"week|month|year|day|morning|afternoon|evening|night|weekend|time|season|summer|spring|fall|autumn|winter)\b)"
    r"[a-z]+\b"
)


@dataclass(frozen=True)
class ScoringWeights:
    """Fitted on shared/bench/realtimeqa/questions.jsonl by bench/calibrate.py (global weights)."""

    dense: float = 0.3
    coverage: float = 0.2
    context: float = 0.2
    chunk_prior: float = 0.0
    hint: float = 0.05  # an amount is asked for and the sentence holds a number the question does not
    relation: float = 0.05  # the sentence has the question's verb ("won" for "which team won")
    # a sentence already quoted in this conversation loses this much: as much as makes another sentence
    # equally good in composing (ComposeOptions.follow_margin), so a close alternative answers instead
    shown: float = 0.12


@dataclass
class SentenceEvidence:
    chunk: RetrievedChunk
    chunk_rank: int
    start: int  # absolute offsets in the source file
    end: int
    text: str
    terms: set[str]
    coverage: float = 0.0
    context: float = 0.0
    dense: float = 0.0
    hint: float = 0.0
    relation: float = 0.0
    shown: bool = False
    demotion: float = 0.0  # taken off the score because the sentence was already shown
    answers_type: bool = True
    score: float = 0.0
    candidates: list[Candidate] = field(default_factory=list)
    entry: bool = False  # a list's entry, its heading and fact lines (list_entries)

    @property
    def source(self) -> str:
        return self.chunk.source

    @property
    def strength(self) -> float:
        """How well it answers, whether or not it was shown before (what abstention is decided on)."""
        return self.score + self.demotion

    def features(self) -> dict[str, float]:
        return {
            "dense": self.dense,
            "coverage": self.coverage,
            "context": self.context,
            "chunk_prior": prior(self.chunk_rank),
            "hint": self.hint,
            "relation": self.relation,
            "shown": float(self.shown),
        }


def split_sentences(chunks: Sequence[RetrievedChunk]) -> list[SentenceEvidence]:
    """Every sentence of the retrieved chunks once (the best-ranked chunk keeps a repeated one), but links
    to other stories ("More:Jon Batiste to perform at ...", "Meta layoffs:Facebook parent company to lay
    off ..."); a sentence too short to stand alone that goes on about the one before it is read with it
    ("... has died after a long illness, his family announced on Tuesday. He was 67.")."""
    seen: set[tuple[str, int, int]] = set()
    sentences: list[SentenceEvidence] = []
    for rank, chunk in enumerate(chunks):
        for s, e, entry in list_entries(chunk.text, list(sentence_spans(chunk.text))):
            key = (chunk.source, chunk.start + s, chunk.start + e)
            text = chunk.text[s:e]
            if key in seen or _links_another(text):
                continue
            if sentences and _goes_on(sentences[-1], chunk, key[1]) and _quote_goes_on(sentences[-1].text, text):
                sentences[-1] = _joined(sentences[-1], key[2])
                seen.add(key)
                continue
            if len(words(text[_list_number_end(text) :])) < MIN_WORDS:
                if REFERS_BACK.match(text) and sentences and _goes_on(sentences[-1], chunk, key[1]):
                    sentences[-1] = _joined(sentences[-1], key[2])
                continue
            seen.add(key)
            sentences.append(SentenceEvidence(chunk, rank, key[1], key[2], text, set(content_terms(text)), entry=entry))
    return sentences


def list_entries(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int, bool]]:
    """The spans, but a list's entry as one: its heading and the fact lines under it ("47. Grinnell College
    • Acceptance rate: 28.9% • ... • Location: Grinnell, Iowa"), lines too short to be read alone and that
    do not say what they are of. Each span comes with whether it is such an entry."""
    i = 0
    while i < len(spans):
        opens = _fact_line(text, spans[i]) or len(words(text[slice(*spans[i])])) <= HEADING_WORDS
        first = i if opens else i + 1  # the entry's heading, or its first fact line
        last = _entry_end(text, spans, first)
        if last > first:
            yield from ((s, e, False) for s, e in spans[i:first])
            yield spans[first][0], spans[last][1], True
            i = last + 1
        else:
            yield *spans[i], False
            i += 1


def _entry_end(text: str, spans: list[tuple[int, int]], first: int) -> int:
    """The last of the fact lines right under spans[first] (`first` itself when there is none), the entry
    kept within ENTRY_WORDS."""
    if first >= len(spans):
        return first
    last, total = first, len(words(text[slice(*spans[first])]))
    while (
        last + 1 < len(spans)
        and _fact_line(text, spans[last + 1])
        and not text[spans[last][1] : spans[last + 1][0]].strip()
    ):
        total += len(words(text[slice(*spans[last + 1])]))
        if total > ENTRY_WORDS:
            break
        last += 1
    return last


def same_list(a: SentenceEvidence, b: SentenceEvidence) -> bool:
    """Both are entries of one list (list_entries)."""
    return a.entry and b.entry and a.source == b.source


def _list_number_end(text: str) -> int:
    return number.end() if (number := LIST_ITEM.match(text)) else 0


def _fact_line(text: str, span: tuple[int, int]) -> bool:
    line = text[slice(*span)]
    return FACT_LINE.fullmatch(line) is not None and len(words(line)) <= FACT_WORDS


def _links_another(text: str) -> bool:
    """A link to another story, by its label ("More:", "READ MORE:") or its headline run into one."""
    return LINK_TO_ANOTHER.match(text) is not None or LINKED_HEADLINE.fullmatch(text) is not None


def _quote_goes_on(before: str, text: str) -> bool:
    """`text` is a short quotation that goes on with the one `before` quotes and attributes."""
    return bool(QUOTED_ONLY.match(text)) and len(words(text)) <= QUOTED_WORDS and bool(ATTRIBUTED.search(before))


def _goes_on(before: SentenceEvidence, chunk: RetrievedChunk, start: int) -> bool:
    """`before` ends in `chunk` where the sentence at `start` begins (nothing but space between)."""
    return before.chunk is chunk and not chunk.text[before.end - chunk.start : start - chunk.start].strip()


def _joined(before: SentenceEvidence, end: int) -> SentenceEvidence:
    """`before` running on to `end` in its chunk."""
    chunk = before.chunk
    text = chunk.text[before.start - chunk.start : end - chunk.start]
    return SentenceEvidence(chunk, before.chunk_rank, before.start, end, text, set(content_terms(text)))


def lexical_scores(
    sentences: list[SentenceEvidence],
    question_terms: Sequence[str],
    idf: Callable[[str], float],
    doers: frozenset[str] = frozenset(),
    spelled: Mapping[str, re.Pattern[str]] | None = None,
) -> None:
    """Coverage of the question's terms by each sentence, and by its neighbours (context). A verb
    whose doer is asked (`doers`) is said by the noun for its doer ("Who founded ...?": "founder"); an
    initialism of the question (`spelled`, by its term) by the words it stands for ("SEC": "Securities
    and Exchange Commission")."""
    weights = TermWeights(question_terms, idf)
    agents = {verb: agent_nouns(verb) for verb in doers}
    spelled = spelled or {}
    for i, sentence in enumerate(sentences):
        said = sentence.terms | irregular_bases(sentence.text)  # "who [bought] the team" says "buy"
        said |= {verb for verb, nouns in agents.items() if nouns & sentence.terms}
        said |= {term for term, words_of in spelled.items() if words_of.search(sentence.text)}
        sentence.coverage = weights.coverage(said)
        if meant := _antecedent_names(sentences, i) or _told_before(sentences, i):  # counts half: it may mean another
            sentence.coverage = (sentence.coverage + weights.coverage(said | meant)) / 2
        neighbours = set(said)
        for j in (i - 1, i + 1):
            if 0 <= j < len(sentences) and sentences[j].chunk is sentence.chunk:
                neighbours |= sentences[j].terms
        neighbours |= set(content_terms(sentence.chunk.title))
        sentence.context = weights.coverage(neighbours)


def _antecedent_names(sentences: Sequence[SentenceEvidence], i: int) -> set[str]:
    """The names a sentence that opens on an antecedent ("He died at 81") speaks of: those of the nearest
    sentence before it in its chunk that names anything."""
    if not OPENS_ON_ANTECEDENT.match(sentences[i].text):
        return set()
    for j in range(i - 1, max(-1, i - 1 - ANTECEDENT_REACH), -1):
        if sentences[j].chunk is not sentences[i].chunk:
            break
        if named := set(content_terms(" ".join(CAPITALISED.findall(sentences[j].text)))):
            return named
    return set()


def _told_before(sentences: Sequence[SentenceEvidence], i: int) -> set[str]:
    """The words of what a sentence that opens on "That breakthrough", "This decision" speaks of: the
    sentence right before it in its chunk."""
    if i == 0 or not OPENS_ON_TOLD.match(sentences[i].text) or sentences[i - 1].chunk is not sentences[i].chunk:
        return set()
    return sentences[i - 1].terms


def spelled_out(question: str) -> dict[str, re.Pattern[str]]:
    """The question's initialisms, by their term, each with the words whose capitals spell it ("SEC":
    "Securities and Exchange Commission", "FDA": "Food and Drug Administration"), which a sentence may
    say instead."""
    found = {}
    for initialism in INITIALISM.findall(question):
        terms = content_terms(initialism)
        if len(terms) == 1:
            capitals = rf"\s+{SPELLED_GLUE}".join(rf"{letter}[a-z]+" for letter in initialism)
            found[terms[0]] = re.compile(rf"\b{capitals}\b")
    return found


def type_hints(sentences: list[SentenceEvidence], question: Question) -> None:
    """Whether each sentence can answer at all (it says something the question does not, a new number
    when an amount is asked for, and is no heading, question or video player's caption), and a cheap
    hint that it holds the expected kind of answer."""
    asked_amounts = amounts(question.text)
    asked_figures = _figures(question.text)
    asked_sums = _sums(question.text)
    asked_editions = _editions(question.text)
    for sentence in sentences:
        new_number = bool(amounts(sentence.text) - asked_amounts)
        sentence.answers_type = (
            bool(sentence.terms - question.terms)
            and (
                new_number or not (question.labels and question.labels <= AMOUNTS | TIMES and question.labels & AMOUNTS)
            )
            and not is_heading(sentence)
            and not asks(sentence.text)
            and not PLAYER_CAPTION.search(sentence.text)
            and not _gives_another_figure(asked_figures, sentence.text)
            and not _gives_another_sum(asked_sums, sentence.text)
            and not _of_another_edition(asked_editions, sentence.text)
        )
        sentence.hint = _hint(sentence, question, new_number)


def _gives_another_figure(asked: set[tuple[str, str, str]], sentence: str) -> bool:
    """The question names a figure (`asked`, its _figures: "When will the world reach [9 billion]
    people?") and the sentence gives another after the same word, not it ("... would reach 8 billion by
    2020"): it speaks of another quantity, and its dates and names do not answer ("China is home to 1.4
    billion people" may still say where a leak of 1 billion people's data happened)."""
    said = _figures(sentence)
    figures = {(number, scale) for number, scale, _ in asked}
    settings = {(scale, before) for _, scale, before in asked}
    return (
        bool(asked)
        and not figures & {(number, scale) for number, scale, _ in said}
        and any((scale, before) in settings for _, scale, before in said)
    )


def _gives_another_sum(asked: set[tuple[str, float, str]], sentence: str) -> bool:
    """The question names a sum that tells what it is about (`asked`, its _sums: "the winning [$1.337
    billion] ticket") and the sentence gives another of the same currency and scale, not it nor a
    rounding of it ("The largest ever jackpot of $1.537 billion ..."): it is another sum's story."""
    said = _sums(sentence)
    kinds = {(sign, scale) for sign, _, scale in asked}
    return any((sign, scale) in kinds for sign, _, scale in said) and not any(
        sign == other_sign and scale == other_scale and abs(value - other) <= SAME_SUM * other
        for other_sign, other, other_scale in asked
        for sign, value, scale in said
    )


def _sums(text: str) -> set[tuple[str, float, str]]:
    """(currency sign, number, scale) of each sum said with a scale: "$1.337 billion" -> ($, 1.337, billion)."""
    return {(m.group(1), float(m.group(2).replace(",", "")), m.group(3).lower()) for m in SCALED_SUM.finditer(text)}


def _of_another_edition(asked: set[tuple[str, frozenset[str]]], sentence: str) -> bool:
    """The question names a year's edition of something (`asked`: "Who is hosting the [2021 Emmy]
    Awards?") and the sentence names another year's, not it ("Kenan Thompson to host 2022 Emmy Awards"):
    it answers for that other year."""
    said = _editions(sentence)
    return not any(_same_name(a, s) and year == other for year, a in asked for other, s in said) and any(
        _same_name(a, s) for _, a in asked for _, s in said
    )


def _same_name(a: frozenset[str], b: frozenset[str]) -> bool:
    """Most words of the shorter name are the other's ("NHL Stanley Cup Finals", "Stanley Cup Final")."""
    return 2 * len(a & b) > min(len(a), len(b))


def _editions(text: str) -> set[tuple[str, frozenset[str]]]:
    """(year, stems of the name after it) of each year said before a name: "2021 Emmy Awards" ->
    (2021, {emmi, award})."""
    return {(m.group(1), frozenset(stem(w.lower()) for w in m.group(2).split())) for m in EDITION.finditer(text)}


def _figures(text: str) -> set[tuple[str, str, str]]:
    """(number, scale, stem of the word before) of each figure said with a scale: "reach 9 billion" ->
    (9, billion, reach)."""
    return {
        (m.group(2).replace(",", ""), m.group(3).lower().replace("%", "percent"), stem(m.group(1).lower()))
        for m in SCALED.finditer(text)
    }


def asks(text: str) -> bool:
    """A question ("What is Title 42, and why are people talking about it again?"): an article's way
    of raising what it answers further on, never itself an answer."""
    return text.rstrip(" \"'”’)").endswith("?")


def is_heading(sentence: SentenceEvidence) -> bool:
    """A section heading ("Historical Context of U.S.-Russia Relations"): a line of its own without a
    sentence's end, its longer words capitalised. It tells what the passage under it is about (its
    words count as context of the sentences next to it), but quoted as an answer it says nothing."""
    text, chunk = sentence.text, sentence.chunk
    if text.rstrip()[-1:] in SENTENCE_ENDS or sentence.entry:
        return False  # most sentences, and a list's entries: decided without looking at the lines around them
    before = chunk.text[: sentence.start - chunk.start].rstrip(" \t")[-1:]
    after = chunk.text[sentence.end - chunk.start :].lstrip(" \t")[:1]
    if before not in ("", "\n") or after not in ("", "\n"):
        return False
    longer = [w for w in text.split() if len(w) > 3]
    return bool(longer) and sum(w[:1].isupper() for w in longer) >= HEADING_CAPITALS * len(longer)


def _hint(sentence: SentenceEvidence, question: Question, new_number: bool) -> float:
    if not question.short:
        return 0.0
    if question.labels & AMOUNTS and new_number:
        return 1.0
    if question.labels & TIMES and any(
        stem(m.group().lower()) not in question.terms for m in TIME_WORDS.finditer(sentence.text)
    ):
        return 1.0
    return 0.0


def prior(rank: int) -> float:
    return 1.0 / (1.0 + rank)


def score_sentences(
    sentences: list[SentenceEvidence],
    question: Question,
    question_vector: np.ndarray,
    embed: Callable[[list[str]], np.ndarray],
    idf: Callable[[str], float],
    weights: ScoringWeights,
    embed_top: int,
    shown: str = "",
    per_source: int = 0,
) -> list[SentenceEvidence]:
    """Sentences best first; only the `embed_top` best by their cheap features are embedded.
    `shown`: what the assistant already said in this conversation (its quotes are demoted);
    `per_source`: if set, each article's best that many go first (a question about what several
    articles say must not find one article's sentences only)."""
    if not sentences:
        return []
    doers = question.slot.words if question.slot is not None and question.slot.role == "subj" else frozenset()
    lexical_scores(sentences, sorted(question.terms), idf, doers, spelled_out(question.text))
    type_hints(sentences, question)
    asked = {stem(v) for v in question.verbs}
    for s in sentences:
        s.relation = float(bool(asked & verb_stems(s.text)))
        s.shown = bool(shown) and s.text in shown
        s.score = (
            weights.coverage * s.coverage
            + weights.context * s.context
            + weights.chunk_prior * prior(s.chunk_rank)
            + weights.hint * s.hint
            + weights.relation * s.relation
        )
        s.demotion = weights.shown if s.shown else 0.0
        s.score -= s.demotion
    # the chunk-level similarity stands for the sentence's own until that is known (not added and taken
    # off again: the same sentence in two copies of a story would differ in the last bit, and not tie)
    cheap_first = sorted(sentences, key=lambda s: -(s.score + weights.dense * s.chunk.dense))
    shortlist = with_texts(spread(cheap_first, per_source), embed_top)
    vectors = embed([s.text for s in shortlist])
    for s, vector in zip(shortlist, vectors, strict=True):
        s.dense = float(np.dot(vector, question_vector))
        s.score += weights.dense * s.dense
    return sorted(shortlist, key=lambda s: (-s.score, s.source, s.start))


def with_texts(ranked: Sequence[SentenceEvidence], count: int) -> list[SentenceEvidence]:
    """The best sentences that hold `count` different texts. Another article of the story that
    repeats a sentence word for word costs nothing more (a text is embedded and parsed once) and must
    not take another sentence's place: two copies of a story would halve the shortlist."""
    texts: set[str] = set()
    head = []
    for sentence in ranked:
        if sentence.text not in texts:
            if len(texts) == count:
                break
            texts.add(sentence.text)
        head.append(sentence)
    return head


def spread(ranked: list[SentenceEvidence], per_source: int) -> list[SentenceEvidence]:
    """`ranked`, each article's first `per_source` sentences ahead of the others (0: as it is)."""
    if not per_source:
        return ranked
    seen: dict[str, int] = {}
    first: list[SentenceEvidence] = []
    later: list[SentenceEvidence] = []
    for sentence in ranked:
        seen[sentence.source] = seen.get(sentence.source, 0) + 1
        (first if seen[sentence.source] <= per_source else later).append(sentence)
    return first + later


def is_near_duplicate(a: SentenceEvidence, b: SentenceEvidence, threshold: float = 0.6) -> bool:
    if not a.terms or not b.terms:
        return a.text == b.text
    return len(a.terms & b.terms) / len(a.terms | b.terms) >= threshold
