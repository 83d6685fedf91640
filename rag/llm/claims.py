"""The LLM's output as claims: its sentences, each with the [n] markers it carries.

Markers are read wherever small models put them: after the full stop ("... Geneva. [2]"), on a line
of their own, grouped ("[1, 3]", "[1][2]"); list numbers ("2.") are not sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.sentences import sentence_spans

MARKER = re.compile(r"\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]")
LEADING_MARKERS = re.compile(r"^(?:\s*\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*\])+")
LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•])\s+")


@dataclass(frozen=True)
class Claim:
    """A sentence of the LLM's output: its text without markers, and the passages it cites."""

    text: str
    markers: tuple[int, ...]
    start: int  # offsets in the LLM's output, for streaming
    end: int


def parse_claims(text: str) -> list[Claim]:
    """Sentences with their [n] markers. A marker written after the full stop ("... Geneva. [2]")
    belongs to the sentence before it."""
    claims: list[Claim] = []
    for s, e in sentence_spans(text):
        raw = text[s:e]
        leading = LEADING_MARKERS.match(raw)
        if leading and claims:
            prev = claims[-1]
            claims[-1] = Claim(prev.text, prev.markers + _marker_numbers(leading.group()), prev.start, prev.end)
            raw, s = raw[leading.end() :], s + leading.end()
        body = _clean(LIST_NUMBER.sub("", MARKER.sub(" ", raw)))
        markers = _marker_numbers(raw)
        if not re.search(r"[^\W\d_]", body):  # only markers, or a list number such as "2."
            if claims and markers:
                prev = claims[-1]
                claims[-1] = Claim(prev.text, prev.markers + markers, prev.start, prev.end)
            continue
        claims.append(Claim(body, markers, s, e))
    return claims


def _marker_numbers(text: str) -> tuple[int, ...]:
    return tuple(int(n) for group in MARKER.findall(text) for n in re.split(r"\s*[,;]\s*", group))


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(r"\s+([.,;:!?])", r"\1", text).strip()
