"""Follow-up questions (resolved against the earlier turns before retrieval) and compound questions
(split into parts that are answered each)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag.text import content_terms

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rag.schemas import ChatTurn

ANAPHOR = re.compile(
    r"\b(he|she|him|her|his|hers|they|them|their|theirs|it|its|this|that|these|those|there|then|"
    r"the same|the former|the latter|the (?:article|story|report|man|woman|company|country|city))\b",
    re.IGNORECASE,
)
MIN_OWN_TERMS = 3


def needs_context(question: str) -> bool:
    """A question that points back ("he", "that") or is too short to stand alone."""
    return bool(ANAPHOR.search(question)) or len(set(content_terms(question))) < MIN_OWN_TERMS


def contextualize(question: str, history: Sequence[ChatTurn]) -> str:
    """The retrieval query: the question, preceded by the latest earlier user question when needed."""
    earlier = [turn.content for turn in history if turn.role == "user" and turn.content.strip()]
    if not earlier or not needs_context(question):
        return question
    previous = earlier[-1]
    if previous.strip() == question.strip() and len(earlier) > 1:
        previous = earlier[-2]
    return f"{previous} {question}"


COMPOUND = re.compile(r"(?:,\s*|\s+)(?:and|but|also)\s+(?=(?:how|what|who|whom|when|where|which|why)\b)", re.IGNORECASE)


def split_compound(question: str) -> list[str]:
    """ "How many X, and what is Y?" -> ["How many X", "what is Y?"]; other questions stay whole."""
    parts = [p.strip(" ,;") for p in COMPOUND.split(question)]
    parts = [p for p in parts if len(set(content_terms(p))) >= 2]
    return parts if len(parts) > 1 else [question]
