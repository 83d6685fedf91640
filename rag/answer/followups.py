"""Follow-up questions, resolved against the conversation; compound questions, split into parts.

"Which TV channel did he speak on?" after an answer about Vladimir Konstantinov becomes "Which TV
channel did Vladimir Konstantinov speak on?": each pronoun is replaced by the latest entity of the
earlier turns that fits it (he/she -> a person, there -> a place, then -> a date, it/they -> an
organisation, thing or the previous direct answer), looked up newest first: the previous answer's
direct answer, its quotes, then the previous question. The resolved question is what is searched; a
question that still cannot stand alone (too few words of its own, or "the statement", "that
article") also carries the previous question's words. Sentences already quoted in the conversation
are demoted in ranking (evidence.py), so a follow-up is not answered with the same quote again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.text import content_terms, verb_stems

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rag.answer.language import Annotation, Slot
    from rag.schemas import ChatTurn

PERSON = frozenset({"PERSON"})
THING = frozenset({"ORG", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "FAC", "NORP", "GPE", "DIRECT"})
GROUP = frozenset({"ORG", "NORP", "GPE", "PERSON"})
PLACE = frozenset({"GPE", "LOC", "FAC"})
TIME = frozenset({"DATE", "TIME"})
PRONOUNS: dict[str, tuple[frozenset[str], bool]] = {  # pronoun -> (labels it can stand for, possessive)
    "he": (PERSON, False), "him": (PERSON, False), "his": (PERSON, True), "she": (PERSON, False),
    "her": (PERSON, False), "hers": (PERSON, True), "it": (THING, False), "its": (THING, True),
    "they": (GROUP, False), "them": (GROUP, False), "their": (GROUP, True), "there": (PLACE, False),
    "then": (TIME, False),
}  # fmt: skip
OBJECTS = frozenset({"it", "them", "him", "her"})  # pronouns that stand for what was done, not who did it
PRONOUN = re.compile(r"\b(" + "|".join(PRONOUNS) + r")\b", re.IGNORECASE)
POINTS_BACK = re.compile(
    r"\b(the same|the former|the latter|(?:the|that|this) (?:article|story|report|statement|announcement|"
    r"decision|deal|man|woman|company|country|city|person|event|case|incident|one))\b",
    re.IGNORECASE,
)
MIN_OWN_TERMS = 3  # fewer, and the question leans on the conversation...
NAMED = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][a-z]+")  # ...unless it names something: "the population of Canada"
LEADS_ON = re.compile(r"^\s*(?:and|but|also|so|then|what about|how about)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Antecedent:
    text: str
    label: str
    slot: Slot | None = None  # the role it played where it was said


@dataclass(frozen=True)
class Resolved:
    searched: str  # what retrieval looks for (the previous question's words too, when needed)
    asked: str  # the question itself, pronouns replaced: what kind of answer it wants


def resolve(question: str, history: Sequence[ChatTurn], annotate: Callable[[list[str]], list[Annotation]]) -> Resolved:
    """The question as it should be searched: pronouns replaced from the conversation, and the previous
    question's words added when it still cannot stand alone ("Who announced it?" after "When did the
    Kremlin announce ...?" searches both, and still asks who)."""
    earlier_questions = [t.content for t in history if t.role == "user" and t.content.strip()]
    if not earlier_questions or (not PRONOUN.search(question) and not needs_context(question)):
        return Resolved(question, question)
    antecedents = _antecedents(history, annotate)
    resolved = PRONOUN.sub(lambda m: _replacement(m, question, antecedents), question)
    if needs_context(resolved) or POINTS_BACK.search(resolved):
        previous = earlier_questions[-1]
        if previous.strip() == question.strip() and len(earlier_questions) > 1:
            previous = earlier_questions[-2]
        return Resolved(f"{previous} {resolved}", resolved)
    return Resolved(resolved, resolved)


def needs_context(question: str) -> bool:
    """Too few words of its own to stand alone ("And who announced it?"); two words one of which is a
    name ("What is the population of Canada?") stand alone unless the question leads on ("And ...")."""
    own = len(set(content_terms(question)))
    if own >= MIN_OWN_TERMS:
        return False
    return own < MIN_OWN_TERMS - 1 or LEADS_ON.search(question) is not None or NAMED.search(question) is None


def quoted_in(history: Sequence[ChatTurn]) -> str:
    """Everything the assistant said in the conversation (to recognise sentences already quoted)."""
    return "\n".join(t.content for t in history if t.role == "assistant")


def _antecedents(history: Sequence[ChatTurn], annotate: Callable[[list[str]], list[Annotation]]) -> list[Antecedent]:
    """What the conversation talked about, newest turn first: a direct answer (which "it" may stand
    for), then the entities of the question it answered; the people named in quotes come last."""
    texts: list[tuple[str, str]] = []  # (text, role: "direct", "question" or "quote")
    quotes: list[tuple[str, str]] = []  # an answer's quotes, kept until its question is in
    for turn in reversed(history):
        content = turn.content.strip()
        if not content:
            continue
        if turn.role == "user":
            texts += [(content, "question"), *quotes]
            quotes = []
            continue
        head, _, rest = content.partition("\n\n")
        if rest:  # "<direct answer> [n]\n\n<quotes>"
            texts.append((_unmarked(head), "direct"))
        quotes = [(_unmarked(rest or content), "quote")]
    texts += quotes
    annotations = annotate([t for t, _ in texts])
    found: list[Antecedent] = []
    for (text, role), annotation in zip(texts, annotations, strict=True):
        if role == "direct":  # a name keeps its kind ("he" may stand for it); a phrase is a thing
            whole = [e for e in annotation.entities if e.end - e.start >= 0.8 * len(text)]
            found.append(Antecedent(text, whole[0].label if whole else "DIRECT"))
            continue
        found.extend(
            Antecedent(text[e.start : e.end], e.label, e.slot)
            for e in annotation.entities
            if role != "quote" or e.label == "PERSON"  # quotes name many things in passing
        )
    return found


def _unmarked(text: str) -> str:
    return re.sub(r"\s*\[\d+\]", "", text).strip()


def _replacement(match: re.Match[str], question: str, antecedents: Sequence[Antecedent]) -> str:
    word = match.group(0)
    labels, possessive = PRONOUNS[word.lower()]
    if word.lower() == "her" and _followed_by_noun(question, match.end()):
        possessive = True
    for antecedent in antecedents:
        if antecedent.label in labels:
            if antecedent.text.lower() in question.lower():
                continue  # the question names it already: the pronoun means something else
            if word.lower() in OBJECTS and _did(antecedent, question):
                return word  # "Who announced it?" after "When did the Kremlin announce ...?": what it announced
            return f"{antecedent.text}'s" if possessive else antecedent.text
    return word


def _did(antecedent: Antecedent, question: str) -> bool:
    """The antecedent was the subject of a verb the question asks about again."""
    slot = antecedent.slot
    return slot is not None and slot.role == "subj" and bool(slot.words & verb_stems(question))


def _followed_by_noun(question: str, position: int) -> bool:
    rest = question[position:].split()
    return bool(rest) and rest[0].isalpha() and rest[0].lower() not in {"to", "in", "on", "at", "for", "about", "and"}


COMPOUND = re.compile(r"(?:,\s*|\s+)(?:and|but|also)\s+(?=(?:how|what|who|whom|when|where|which|why)\b)", re.IGNORECASE)


def split_compound(question: str) -> list[str]:
    """ "How many X, and what is Y?" -> ["How many X", "what is Y?"]; other questions stay whole."""
    parts = [p.strip(" ,;") for p in COMPOUND.split(question)]
    parts = [p for p in parts if len(set(content_terms(p))) >= 2]
    return parts if len(parts) > 1 else [question]
