"""Sentence spans with exact character offsets.

NLTK's Punkt (English parameters shipped inside llama-index-core, so nothing downloads) handles
abbreviations such as "U.S." and "Mr."; paragraphs (line breaks) always end a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from nltk.tokenize.punkt import PunktSentenceTokenizer

Span = tuple[int, int]
_NON_BLANK_LINE = re.compile(r"[^\n]*\S[^\n]*")


@lru_cache(maxsize=1)
def punkt() -> PunktSentenceTokenizer:
    """English Punkt, trained parameters from llama-index-core's bundled NLTK data (no download)."""
    from llama_index.core.utils import globals_helper
    from nltk.tokenize.punkt import PunktTokenizer

    globals_helper.wait_for_nltk_check()  # puts the bundled folder on NLTK's search path
    return PunktTokenizer("english")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Spans of text[start:end] that are sentences, trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    tokenizer = punkt()
    for line in _NON_BLANK_LINE.finditer(text, start, end):
        line_start = line.start()
        for s, e in tokenizer.span_tokenize(line.group()):
            yield _trim(text, line_start + s, line_start + e)


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
