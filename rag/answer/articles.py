"""Questions about an article itself: its headline, outlet, date, author, link, or what it is about.

They are answered from the article's head (its title line and `Key: value` lines; for the outlet, the
credit at the start of its text, "(CNN)" or "WASHINGTON (AP) —", when the head names none), cited to the
exact span of the file where the answer stands. The article is found by its topic ("the article about
the lunar rover": of the articles of the best retrieved chunks for "the lunar rover", the one whose
headline says most of the topic, news being named by its headline), or, with no topic given, by the
question as resolved against the conversation ("when was that article published?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from index.loader import parse_header
from index.sentences import sentence_spans
from rag.citations import render_text
from rag.schemas import Answer, AnswerSentence, Citation, DirectAnswer
from rag.text import content_terms

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from index.manifest import FileEntry
    from index.snapshot import IndexSnapshot
    from rag.answer.retrieve import RetrievedChunk

ARTICLE = r"(?<!\bto )(?:article|story|report|piece|item)"  # not the verb: "the first [to report] on it"
OUTLET = (
    r"(?:outlet|publication|newspaper|paper|site|website|source|news (?:site|agency|organi[sz]ation|outlet)|agency)"
)
CANDIDATES = 10  # retrieved chunks whose articles may be the one a question is about
FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("title", re.compile(rf"\b(?:headline|title)\b.*\b{ARTICLE}\b|\b{ARTICLE}\b.*\b(?:headline|titled?)\b", re.I)),
    ("published", re.compile(rf"\bwhen (?:was|did) .*\b(?:published|written|posted|dated|come out)\b|"
                             rf"\b(?:publication|published) date\b|\bwhat (?:date|day) .*\b{ARTICLE}\b", re.I)),
    ("authors", re.compile(rf"\b(?:who (?:wrote|authored|is the author of|are the authors of)|authors? of)\b.*"
                           rf"\b{ARTICLE}\b", re.I)),  # not "Who authored the bill?"
    ("source", re.compile(rf"\b(?:which|what) {OUTLET}\b(?:.*\b{ARTICLE}\b|.*\b(?:publish\w*|report\w*|ran|"
                          rf"carried) (?:it|this)\W*$)|\bwho (?:published|reported|ran)\b.*\b{ARTICLE}\b|"
                          rf"\bwhere was\b.*\bpublished\b|\bsource of\b.*\b{ARTICLE}\b", re.I)),
    ("url", re.compile(rf"\b(?:url|link|web address)\b.*\b{ARTICLE}\b|\b{ARTICLE}\b.*\b(?:url|link)\b", re.I)),
    ("about", re.compile(rf"\bwhat (?:is|was) (?:the|this|that) {ARTICLE}\b.*\babout\b|\bsummari[sz]e (?:the|this|"
                         rf"that) {ARTICLE}\b", re.I)),
]  # fmt: skip
TOPIC = re.compile(
    rf"\b{ARTICLE}\s+(?:about|on|regarding|concerning|that (?:says|reports|covers))\s+(?P<topic>.+?)\??$", re.I
)
# "Who wrote 5 things to know for August 2?": an article asked about by its headline, without the word
# "article" (only when a headline is those words: "Who wrote the majority opinion?" asks of no article)
WROTE = re.compile(r"^\s*who (?:wrote|authored) (?:the )?(?P<topic>[^?]+?)\s*\??\s*$", re.I)
MAIN_HEADLINE = re.compile(r"\s(?:[:|]|-|–|—)\s|:\s")  # where a headline's main part ends ("...: Al Qaeda, ...")
CREDIT = re.compile(r"(?:[A-Z][A-Z .,'-]{1,40}\s)?\((?P<credit>[A-Za-z][\w .&'-]{0,40})\)")
FIELD_NAMES = {"title": "headline", "published": "publication date", "authors": "author", "source": "outlet",
               "url": "link", "about": "subject"}  # fmt: skip


@dataclass(frozen=True)
class ArticleQuestion:
    field: str  # title, published, authors, source, url or about
    topic: str  # what the article is about, as the question says it (or the whole question)
    by_headline: bool = False  # the topic is the article's headline, or nothing is asked of an article


def about_article(question: str) -> ArticleQuestion | None:
    """The field of the article a question asks for, if it asks about an article itself."""
    for name, pattern in FIELDS:
        if pattern.search(question):
            topic = TOPIC.search(question)
            return ArticleQuestion(name, topic.group("topic") if topic else question)
    if wrote := WROTE.match(question):
        return ArticleQuestion("authors", wrote.group("topic"), by_headline=True)
    return None


def answer_about_article(
    asked: ArticleQuestion, question: str, index: IndexSnapshot, retrieve: Callable[[str], list[RetrievedChunk]]
) -> Answer | None:
    """The answer from the head of the article the question is about; None when no article is found."""
    if asked.by_headline:
        headlined = headline_named(asked.topic, index.manifest.files)
        return None if headlined is None else _from_head(asked.field, question, index, *headlined)
    found = retrieve(asked.topic)
    if not found:
        return None
    chunk = _headlined(found, asked.topic)
    source, title, chunk_id = chunk.source, chunk.title, chunk.id
    if (
        asked.topic != question
        and (whole := headline_saying(asked.topic, chunk.title, index.manifest.files)) is not None
    ):
        source, title, chunk_id = whole
    return _from_head(asked.field, question, index, source, title, chunk_id)


def _from_head(
    field: str, question: str, index: IndexSnapshot, source: str, title: str, chunk_id: str
) -> Answer | None:
    """The answer from the head of the article `source`, cited to where the field stands in it."""
    text = index.text(source)
    if text is None:
        return None
    spans = _field_spans(field, text)
    if not spans:
        says = f"The article “{index.manifest.files[source].title}” does not give its {FIELD_NAMES[field]}."
        return Answer(question=question, answer=says, abstained=True)
    citations = [
        Citation(n=n, source=source, title=title, chunk_id=chunk_id, start=s, end=e, quote=text[s:e], score=1.0)
        for n, (s, e) in enumerate(spans, 1)
    ]
    sentences = [AnswerSentence(text=c.quote, citations=[c.n], verdict="quoted") for c in citations]
    first = citations[0]
    direct = None if field == "about" else DirectAnswer(text=first.quote, n=1, start=first.start, end=first.end)
    return Answer(
        question=question,
        answer=render_text(sentences, direct),
        abstained=False,
        direct=direct,
        citations=citations,
        sentences=sentences,
    )


def _headlined(found: list[RetrievedChunk], topic: str) -> RetrievedChunk:
    """The retrieved chunk of the article whose headline is most like the topic, by the share of their
    words they have in common (the best ranked on a tie): "the article about marijuana legalization on
    the ballot" is the one headlined so, not another article's best chunk about marijuana on a ballot."""
    asked = set(content_terms(topic))

    def likeness(chunk: RetrievedChunk) -> float:
        headline = set(content_terms(chunk.title))
        return len(asked & headline) / len(asked | headline) if asked | headline else 0.0

    return max(found, key=lambda c: (likeness(c), -found.index(c)))


def headline_saying(topic: str, found_title: str, files: Mapping[str, FileEntry]) -> tuple[str, str, str] | None:
    """(source, title, first chunk id) of the article whose headline says every word of the topic, the
    most like it first, when the headline of the one retrieval found does not: of many articles on one
    subject ("Covid-19 shots for kids under 5"), the chunks retrieved may all be other articles'."""
    asked = set(content_terms(topic))
    if not asked or asked <= set(content_terms(found_title)):
        return None
    whole = [
        (len(asked) / len(asked | headline), source, entry.title, entry.chunk_ids[0])
        for source, entry in sorted(files.items())
        if entry.chunk_ids and asked <= (headline := headline_terms(entry.title))
    ]
    if not whole:
        return None
    _, source, title, chunk_id = max(whole, key=lambda w: w[0])  # the first of equals, by file name
    return source, title, chunk_id


def headline_named(topic: str, files: Mapping[str, FileEntry]) -> tuple[str, str, str] | None:
    """(source, title, first chunk id) of the article whose headline, or its main part before a colon
    or dash, says the topic's words and no others ("5 things to know for August 2" of "5 things to know
    for August 2: Al Qaeda, Taiwan, ..."); the first by file name of several."""
    asked = set(content_terms(topic))
    if not asked:
        return None
    for source, entry in sorted(files.items()):
        if not entry.chunk_ids or not asked <= (headline := headline_terms(entry.title)):
            continue  # the main part's words are some of the whole's
        if asked in (headline, headline_terms(MAIN_HEADLINE.split(entry.title, maxsplit=1)[0])):
            return source, entry.title, entry.chunk_ids[0]
    return None


@lru_cache(maxsize=16384)
def headline_terms(headline: str) -> frozenset[str]:
    """A headline's content terms, read once per headline (every headline of the corpus is compared with
    the topic of a question about an article: 30-50 ms a question when read anew)."""
    return frozenset(content_terms(headline))


def _field_spans(field: str, text: str) -> list[tuple[int, int]]:
    """Where the field stands in the text: the value of its header line, or (outlet) the credit at the
    start of the body, or (about) the headline and the first sentence of the body."""
    header = parse_header(text)
    if field == "title":
        return [header.title_span] if header.title_span else []
    if field == "about":
        lead = next(iter(sentence_spans(text, header.body_start)), None)
        return [s for s in (header.title_span, lead) if s is not None]
    keys = {"authors": ("authors", "author"), "published": ("published", "date")}.get(field, (field,))
    for key in keys:
        if key in header.spans:
            return [header.spans[key]]
    if field == "source":
        body = text[header.body_start :]
        credit = CREDIT.match(text, header.body_start + len(body) - len(body.lstrip()))
        if credit:
            return [(credit.start("credit"), credit.end("credit"))]
    return []
