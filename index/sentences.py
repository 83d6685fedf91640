"""Sentence spans with exact character offsets.

NLTK's Punkt (English parameters shipped inside llama-index-core, so nothing downloads) handles
abbreviations such as "U.S." and "Mr."; paragraphs (line breaks) always end a sentence. The data folder
is found without importing llama-index (0.8 s), and nltk without its unused scipy/sklearn (1.1 s).
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from index.imports import UNUSED_BY_NLTK, without

if TYPE_CHECKING:
    from collections.abc import Iterator

    from nltk.tokenize.punkt import PunktSentenceTokenizer

Span = tuple[int, int]
# Titles before a name that Punkt's English parameters lack: "Texas Gov. Greg Abbott" is one sentence
TITLE_ABBREVIATIONS = frozenset("gov govs sens sgt capt cmdr cpl pvt det insp supt atty rev hon pres dept".split())
# "j.m" of "J.M.", as Punkt looks words up (lower case, the last point off)
DOTTED_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_NON_BLANK_LINE = re.compile(r"[^\n]*\S[^\n]*")
# a clock time's "p.m." before its time zone ends no sentence: "until 5 p.m. ET on Thursday" (Punkt splits there)
_CLOCK_END = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_TIME_ZONE = re.compile(r"(?:[ECMP][SD]?T|GMT|UTC|BST|CET)\b")
# a dash and a lower-case word go on with the sentence before: '... a sign that read "Eat here!" - opened in 1949'
_GOES_ON = re.compile(r"[-–—]\s*[a-z]")
# a list's number goes on with its item: "48. University of Michigan-Ann Arbor" (Punkt ends a sentence at "48.")
LIST_NUMBER = re.compile(r"\d{1,3}\.")


@lru_cache(maxsize=1)
def punkt() -> PunktSentenceTokenizer:
    """English Punkt, trained parameters from llama-index-core's bundled NLTK data (no download)."""
    with without(*UNUSED_BY_NLTK):
        import nltk.data
        from nltk.tokenize.punkt import PunktTokenizer

    folder = str(nltk_data())
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    tokenizer = PunktTokenizer("english")
    tokenizer._params.abbrev_types = _Abbreviations(tokenizer._params.abbrev_types | TITLE_ABBREVIATIONS)
    return tokenizer


class _Abbreviations(set[str]):
    """Punkt's abbreviations, and every initialism: "the J.M. Smucker Co." is one sentence, as "J.P.
    Morgan" is, which Punkt happens to know. An initialism still ends a sentence before a word that
    starts sentences ("... in the U.S. The company ..."): Punkt's rule for every abbreviation."""

    def __contains__(self, word: object) -> bool:
        return super().__contains__(word) or (isinstance(word, str) and DOTTED_INITIALS.fullmatch(word) is not None)


def is_abbreviation(word: str) -> bool:
    """A word written with a point that ends no sentence ("Gov", "Mr", "Calif")."""
    return word.lower() in punkt()._params.abbrev_types


@lru_cache(maxsize=1)
def nltk_data() -> Path:
    """The NLTK data folder inside llama-index-core (Punkt, stopwords), located without importing it."""
    spec = importlib.util.find_spec("llama_index.core")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("llama-index-core is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "_static" / "nltk_cache"


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Spans of text[start:end] that are sentences, trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    tokenizer = punkt()
    for line in _NON_BLANK_LINE.finditer(text, start, end):
        line_start = line.start()
        held: Span | None = None
        for s, e in tokenizer.span_tokenize(line.group()):
            span = _trim(text, line_start + s, line_start + e)
            if held is not None and _continues(text, held, span):
                held = (held[0], span[1])
                continue
            if held is not None:
                yield held
            held = span
        if held is not None:
            yield held


def _continues(text: str, before: Span, span: Span) -> bool:
    """Punkt ended a sentence where it goes on: a clock time before its time zone ("5 p.m. | ET on
    Thursday"), a quotation's "!" or "?" before a dash and a lower-case word ("starve!" | - opened"), a
    list's number before its item ("48. | University of Michigan-Ann Arbor")."""
    clock = _CLOCK_END.search(text, before[0], before[1]) is not None and _TIME_ZONE.match(text, span[0]) is not None
    numbered = LIST_NUMBER.fullmatch(text, before[0], before[1]) is not None
    return clock or numbered or _GOES_ON.match(text, span[0]) is not None


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
