"""Follow-up questions, resolved against the conversation; compound questions, split into parts.

"Which TV channel did he speak on?" after an answer about Vladimir Konstantinov becomes "Which TV channel did
Vladimir Konstantinov speak on?": each pronoun is replaced by the latest thing the conversation talked about
that fits it (he/she -> a person, there -> a place, then -> a date, it/they -> an organisation, a thing, the
previous direct answer), looked up newest turn first: the answer's direct answer (a place that answered
"where" is "there", never "it"), what its question was about (what its pronouns stood for, its subject and
object phrases, its names), then the people its quotes name (he or she, never "they"). "They" may also stand
for a plural thing ("How much did they cost?" after "Who paid for the repairs?"), and for a body as well as a
person ("How much will they invest?" after "Who is Intel's CEO?"): when the newest turn offers both, both
readings are kept and the answerer takes the one the articles bear out (`plays_its_role`); so for "it", a body
or the thing the turn named ("Where is it?" after "How much will Halden Energy invest in the Malmo plant?").
"It" stands for a thing a name only qualifies ("the Ohio site") before the name, and never for what the user
called "they"; after "say" it is what was said ("When did he say it?"). A direct answer the quotes call a
person is one, whatever the small model calls it alone. Earlier questions are resolved in turn first, so "he"
stays whom the conversation is about. The resolved question is what is searched; a question that still cannot
stand alone (too few words of its own, "the statement", "that article", "say it", or a pronoun that stood for
a thing of common nouns) also carries the previous question's words. Sentences already quoted in the
conversation are demoted in ranking (evidence.py), so a follow-up is not answered with the same quote again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rag.answer.language import PLACE_LABELS
from rag.answer.question import PLACES, WHO_IS_NAME, labels_of_kind
from rag.text import content_terms, stem, verb_stems

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rag.answer.language import Annotation, Slot, Span
    from rag.schemas import ChatTurn

PERSON = frozenset({"PERSON"})
THING = frozenset({"ORG", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "FAC", "NORP", "GPE", "DIRECT", "NP"})
GROUP = frozenset({"ORG", "NORP", "GPE", "PERSON"})
PLACE = PLACE_LABELS
TIME = frozenset({"DATE", "TIME"})
PRONOUNS: dict[str, tuple[frozenset[str], bool]] = {  # pronoun -> (labels it can stand for, possessive)
    "he": (PERSON, False), "him": (PERSON, False), "his": (PERSON, True), "she": (PERSON, False),
    "her": (PERSON, False), "hers": (PERSON, True), "it": (THING, False), "its": (THING, True),
    "they": (GROUP, False), "them": (GROUP, False), "their": (GROUP, True), "there": (PLACE, False),
    "then": (TIME, False),
}  # fmt: skip
OWN_SUBJECTS = frozenset({"he", "she", "his", "they", "their"})  # stand for a name the question gives before them
OWNERS_OF_THINGS = frozenset({"its", "their"})  # ... or for a thing it names: "the league ... [its] objections"
THING_NAMED = re.compile(r"\bthe\s+[a-z]", re.IGNORECASE)
PLURAL = frozenset({"they", "them", "their"})  # may also stand for a plural thing ("the repairs")
BODIES = GROUP - PERSON  # "they" after "Who is Intel's CEO?": Intel, or the person (singular "they")
OBJECTS = frozenset({"it", "them", "him", "her"})  # pronouns that stand for what was done, not who did it
PRONOUN = re.compile(r"\b(" + "|".join(PRONOUNS) + r")\b", re.IGNORECASE)
POINTS_BACK = re.compile(
    r"\b(the same|the former|the latter|(?:the|that|this) (?:article|story|report|statement|announcement|"
    r"decision|deal|man|woman|company|country|city|person|event|case|incident|one))\b",
    re.IGNORECASE,
)
# "When did he say it?": "it" is what was said, no thing the conversation named
SAID_IT = re.compile(r"\b(?:say|said|says|tell|told|write|wrote|claim|claimed|mean|meant|tweet|tweeted)\s+(it)\b", re.I)
ABOUT_WHAT_WAS_SAID = re.compile(
    rf"\b(?:that|this)\s*\??\s*$|\b(?:that|this|the) (?:statement|claim|quote)\b|{SAID_IT.pattern}", re.I
)
MIN_OWN_TERMS = 3  # fewer, and the question leans on the conversation...
NAMED = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][a-z]+")  # ...unless it names something: "the population of Canada"
AUXILIARIES = frozenset(verb_stems("is are was were be been being has have had do does did"))  # no deed
ASKS_WHERE = re.compile(r"\bwhere\b", re.IGNORECASE)
# "In which town did the board meet?" asks where as surely: a place noun within the words after "which"
ASKS_WHICH_PLACE = re.compile(r"\b(?:in|at|from|to|near|into)\s+(?:which|what)((?:\s+[\w-]+){1,3})", re.IGNORECASE)
ASKS_WHO = re.compile(r"^\s*(?:who|whom)\b", re.IGNORECASE)
ASKED_KIND = re.compile(r"\b(?:which|what)\s+$", re.IGNORECASE)
ASKING = frozenset({"what", "which", "who", "whom", "whose", "where", "when", "how"})
POSSESSIVE = re.compile(r"\s*['’]s?$")  # "Tamir Rice’s sister": the antecedent is "Tamir Rice"
LEADS_ON = re.compile(r"^\s*(?:and|but|also|so|then|what about|how about)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Antecedent:
    text: str
    label: str
    slot: Slot | None = None  # the role it played where it was said
    plural: bool = False  # a plural noun phrase ("the repairs"): "they" may stand for it as for a group
    turn: int = 0  # how many questions back it was said (0: the latest)
    called: str = ""  # the pronoun that stood for it, when one did ("they" for Intel)
    quoted: bool = False  # a person only the answers' quotes named


@dataclass(frozen=True)
class Resolved:
    searched: str  # what retrieval looks for (the previous question's words too, when needed)
    asked: str  # the question itself, pronouns replaced: what kind of answer it wants
    about: tuple[Antecedent, ...] = ()  # what its pronouns stood for
    otherwise: Resolved | None = None  # the other reading of a "they" that may stand for a group or a thing


@dataclass(frozen=True)
class Turn:
    role: str
    content: str
    about: tuple[Antecedent, ...] = ()  # what its pronouns stood for (a question resolved in turn)


def resolve(question: str, history: Sequence[ChatTurn], annotate: Callable[[list[str]], list[Annotation]]) -> Resolved:
    """The question as it should be searched: pronouns replaced from the conversation, and the previous
    question's words added when it still cannot stand alone ("Who announced it?" after "When did the
    Kremlin announce ...?" searches both, and still asks who)."""
    return _resolve(question, _as_meant(history, annotate), annotate)


def _as_meant(history: Sequence[ChatTurn], annotate: Callable[[list[str]], list[Annotation]]) -> list[Turn]:
    """The conversation with each earlier question resolved in turn ("How old is he?" -> "How old is Mack
    Rutherford?", about a person): a later "he" finds whom it was about, not a name its answer quoted."""
    turns: list[Turn] = []
    for turn in history:
        if turn.role == "user" and PRONOUN.search(turn.content):
            resolved = _resolve(turn.content, turns, annotate)
            turns.append(Turn(turn.role, resolved.asked, resolved.about))
        else:
            turns.append(Turn(turn.role, turn.content))
    return turns


def _resolve(question: str, history: Sequence[Turn], annotate: Callable[[list[str]], list[Annotation]]) -> Resolved:
    earlier_questions = [t.content for t in history if t.role == "user" and t.content.strip()]
    if not earlier_questions or (not PRONOUN.search(question) and not needs_context(question)):
        return Resolved(question, question)
    antecedents = _antecedents(history, annotate)
    reading = _reading(question, earlier_questions, antecedents, things_first=False)
    other = _reading(question, earlier_questions, antecedents, things_first=True)
    return replace(reading, otherwise=other) if other.asked != reading.asked else reading


def _reading(
    question: str, earlier_questions: Sequence[str], antecedents: Sequence[Antecedent], things_first: bool
) -> Resolved:
    """The question with its pronouns replaced; `things_first`: the other reading (_chosen)."""
    about: list[Antecedent] = []
    resolved = PRONOUN.sub(lambda m: _replacement(m, question, antecedents, about, things_first), question)
    # "the Ohio site" is the one the conversation talked about ("the Tesla Cybertruck" is a name)
    common = any(a.label == "NP" and a.text.split()[-1][:1].islower() for a in about)
    if needs_context(resolved) or POINTS_BACK.search(resolved) or common or SAID_IT.search(resolved):
        previous = earlier_questions[-1]
        if previous.strip() == question.strip() and len(earlier_questions) > 1:
            previous = earlier_questions[-2]
        return Resolved(f"{previous} {resolved}", resolved, tuple(about))
    return Resolved(resolved, resolved, tuple(about))


def plays_its_role(
    question: str, reading: Resolved, sentence: str, annotate: Callable[[list[str]], list[Annotation]]
) -> bool:
    """What the question's first pronoun stood for does, in the sentence, what the question says it does:
    "How much did they cost?" read as the repairs is borne out by "... paid for the repairs, which cost
    4.2 million kronor", read as the council (which paid) is not. (The question's first pronoun is taken
    for the one the readings differ in; a follow-up rarely has two.)"""
    pronoun = PRONOUN.search(question)
    if pronoun is None or not reading.about:
        return False
    asked, said = annotate([question, sentence])
    role = next((p.slot for p in asked.phrases if p.start <= pronoun.start() < p.end), None)
    head = reading.about[0].text.split()[-1].lower()  # "the Nordhaven harbour [repairs]"
    return role is not None and any(
        p.head == head and any(slot is not None and slot.matches(role) for slot in (p.slot, p.clause))
        for p in said.phrases
    )


def needs_context(question: str) -> bool:
    """Too few words of its own to stand alone ("And who announced it?"); two words one of which is a
    name ("What is the population of Canada?") stand alone unless the question leads on ("And ...")."""
    own = len(set(content_terms(question)))
    if own >= MIN_OWN_TERMS:
        return False
    return own < MIN_OWN_TERMS - 1 or LEADS_ON.search(question) is not None or NAMED.search(question) is None


def quoted_in(history: Sequence[ChatTurn], question: str) -> str:
    """Everything the assistant said in the conversation (to recognise sentences already quoted), unless
    the question asks about what was just said ("Who said that?"): then its sentence may answer again."""
    if ABOUT_WHAT_WAS_SAID.search(question):
        return ""
    return "\n".join(t.content for t in history if t.role == "assistant")


def _antecedents(history: Sequence[Turn], annotate: Callable[[list[str]], list[Annotation]]) -> list[Antecedent]:
    """What the conversation talked about, newest turn first: a direct answer (which "it" may stand
    for, or "there" when it is a place), then what the question it answered was about (its subjects and
    objects, its names); the people named in quotes come last."""
    texts: list[tuple[str, str, int]] = []  # (text, role: "direct", "place", "who", "question" or "quote", turn)
    quotes: list[tuple[str, str]] = []  # an answer's quotes, kept until its question is in
    about: dict[int, tuple[Antecedent, ...]] = {}  # a question's place in `texts` -> what it was about
    direct: str | None = None  # an answer's direct answer, likewise
    asked = 0  # questions met so far, newest first
    for turn in reversed(history):
        content = turn.content.strip()
        if not content:
            continue
        if turn.role == "user":
            if WHO_IS_NAME.search(content):
                direct = None  # what the person is: "he" is the person asked about
            if direct is not None:  # "Where ...?" is answered by a place ("there", never "it"), "Who ...?" by someone
                role = "place" if _asks_where(content) else "who" if ASKS_WHO.match(content) else "direct"
                texts.append((direct, role, asked))
            about[len(texts)] = turn.about
            texts += [(content, "question", asked), *((quote, role, asked) for quote, role in quotes)]
            quotes, direct, asked = [], None, asked + 1
            continue
        head, _, rest = content.partition("\n\n")
        direct = _unmarked(head) if rest else None  # "<direct answer> [n]\n\n<quotes>"
        quotes = [(_unmarked(rest or content), "quote")]
    texts += [(quote, role, asked) for quote, role in quotes]
    annotations = annotate([t for t, _, _ in texts])
    found: list[Antecedent] = []
    for i, ((text, role, turn_back), annotation) in enumerate(zip(texts, annotations, strict=True)):
        found.extend(replace(a, turn=turn_back) for a in _said(text, role, annotation, about.get(i, ())))
    return _people_as_quoted(found)


def _asks_where(question: str) -> bool:
    """ "Where ...?", or "In which town ...?": a place answers it, which a later "there" stands for, never "it"."""
    if ASKS_WHERE.search(question):
        return True
    which = ASKS_WHICH_PLACE.search(question)
    return which is not None and any(labels_of_kind(stem(w.lower())) == PLACES for w in which.group(1).split())


def _people_as_quoted(found: list[Antecedent]) -> list[Antecedent]:
    """A direct answer the small model labels otherwise alone ("Borland" a company) is the person its
    turn's quotes name ("Borland replaced Willis"): "he" may stand for it."""
    people = {(a.text, a.turn) for a in found if a.label == "PERSON"}
    return [
        replace(a, label="PERSON") if a.slot is None and a.label in GROUP and (a.text, a.turn) in people else a
        for a in found
    ]


def _said(text: str, role: str, annotation: Annotation, resolved: Sequence[Antecedent]) -> list[Antecedent]:
    """What one text of the conversation talked about, by the role it played."""
    if role == "place":
        return [Antecedent(text, "LOC")]
    if role in ("direct", "who"):  # a name keeps its kind ("he" may stand for it); a phrase is a thing...
        kind = "PERSON" if role == "who" else "DIRECT"  # ...or someone ("Putin's spokesperson")
        return [Antecedent(text, _label_of_whole(text, annotation.entities) or kind)]
    if role == "question":
        return [*resolved, *_talked_about(text, annotation)]
    return [  # quotes name many things in passing: only their people
        Antecedent(_bare(text[e.start : e.end]), e.label, e.slot, quoted=True)
        for e in annotation.entities
        if e.label == "PERSON"
    ]


def _talked_about(question: str, annotation: Annotation) -> list[Antecedent]:
    """A question's subjects and objects ("the winning ticket" of "Where was the winning ticket sold?"),
    its plural things in any role, and its names, in their order; "Who is Mack Rutherford?" names a
    person, whatever the model says."""
    asked = WHO_IS_NAME.search(question)
    people = [Antecedent(asked.group(1).strip(), "PERSON")] if asked else []
    phrases = [
        p
        for p in annotation.phrases
        if p.slot is not None
        and (p.slot.role in ("subj", "obj") or p.plural or p.proper)  # "they" may stand for what was paid [for];
        # a name in any role is talked about, whether or not the small model saw an entity ("the Tesla Cybertruck")
        and not _asked(question, p)
        and p.head not in PRONOUNS
    ]
    qualified = [p for p in annotation.phrases if p not in phrases and _qualified_by_name(p, annotation.entities)]
    names = [e for e in annotation.entities if not any(p.start <= e.start and e.end <= p.end for p in phrases)]
    spans = sorted([*names, *phrases, *qualified], key=lambda s: (s.start, s.label != "NP"))
    return people + [_antecedent(question, s, annotation.entities) for s in spans]


def _asked(question: str, phrase: Span) -> bool:
    """The phrase is what the question asks, not what it talks about: it holds the wh-word ("which team"), or
    follows it ("In which [town] ...?", where the small model leaves "which" out)."""
    return bool(ASKING & set(question[phrase.start : phrase.end].lower().split())) or bool(
        ASKED_KIND.search(question[: phrase.start])
    )


def _qualified_by_name(phrase: Span, entities: Sequence[Span]) -> bool:
    """A thing of a common noun that a name only says which it is ("the Ohio site" of "How much will Intel
    invest in the Ohio site?"): "it" stands for the site, ahead of Ohio ("Where is it?")."""
    return (
        phrase.slot is not None
        and not phrase.proper
        and not phrase.plural
        and phrase.head not in PRONOUNS
        and labels_of_kind(stem(phrase.head)) != PERSON  # "Intel's CEO" is someone
        and any(phrase.start <= e.start and e.end < phrase.end for e in entities)
    )


def _antecedent(text: str, span: Span, entities: Sequence[Span]) -> Antecedent:
    said = _bare(text[span.start : span.end])
    if span.label != "NP":
        return Antecedent(said, span.label, span.slot)
    inside = [e for e in entities if span.start <= e.start and e.end <= span.end]
    return Antecedent(said, _label_of_whole(said, inside) or "NP", span.slot, plural=span.plural)


def _label_of_whole(text: str, entities: Sequence[Span]) -> str | None:
    """The label of an entity that is nearly all of `text` ("the Kremlin" is the Kremlin)."""
    whole = [e for e in entities if e.end - e.start >= 0.8 * len(_bare(text))]
    return whole[0].label if whole else None


def _bare(text: str) -> str:
    return POSSESSIVE.sub("", text.strip())


def _unmarked(text: str) -> str:
    return re.sub(r"\s*\[\d+\]", "", text).strip()


def _replacement(
    match: re.Match[str],
    question: str,
    antecedents: Sequence[Antecedent],
    about: list[Antecedent],
    things_first: bool,
) -> str:
    word = match.group(0)
    if any(said.start(1) == match.start() for said in SAID_IT.finditer(question)):
        return word  # what was said: the question before it is searched too (_reading)
    _, possessive = PRONOUNS[word.lower()]
    if word.lower() == "her" and _followed_by_noun(question, match.end()):
        possessive = True
    if _names_it_before(question, word.lower(), possessive, match.start()):
        return word
    fitting = [a for a in antecedents if _fits(a, word.lower(), question)]
    if word.lower() in OBJECTS and not possessive:  # "When did they pay for them?": not what "they" stood for
        fitting = [a for a in fitting if a.text not in {b.text for b in about}]
    # what the user called "they" is not "it" (nor the reverse): "Where is it?" after "How much will they
    # invest in the Ohio site?" asks where the site is, not Intel
    otherwise_called = {a.text for a in antecedents if a.called and (a.called in PLURAL) != (word.lower() in PLURAL)}
    fitting = [a for a in fitting if a.text not in otherwise_called] or fitting
    if not fitting:
        return word
    chosen = _chosen(word.lower(), fitting, things_first)
    about.append(replace(chosen, called=word.lower()))
    return f"{chosen.text}'s" if possessive else chosen.text


def _names_it_before(question: str, pronoun: str, possessive: bool, position: int) -> bool:
    """A subject's or owner's pronoun after a name the question gives stands for that name ("How old was
    Ellen Sato when [she] died?"), not for the one the conversation named last; so does an owner's "its" or
    "their" after a thing the question names ("When did the league drop [its] objections?")."""
    of_subject_or_owner = pronoun in OWN_SUBJECTS or (pronoun == "her" and possessive)
    if of_subject_or_owner and NAMED.search(question, 0, position) is not None:
        return True
    return possessive and pronoun in OWNERS_OF_THINGS and THING_NAMED.search(question, 0, position) is not None


def _chosen(pronoun: str, fitting: Sequence[Antecedent], things_first: bool) -> Antecedent:
    """The antecedent the pronoun stands for, from those that fit it, newest first. "They" of the newest
    turn: a body before a person ("Intel" of "Who is Intel's CEO?"), or in the other reading (`things_first`)
    its plural thing ("the repairs" of "Who paid for the repairs?"), or the person after all (singular
    "they"). "It": the newest, or in the other reading the thing a body of that turn named ("the Malmo plant"
    of "How much will Halden Energy invest in the Malmo plant?")."""
    chosen = fitting[0]
    same_turn = [a for a in fitting if a.turn == chosen.turn]
    if pronoun in PLURAL:
        body = next((a for a in same_turn if a.label in BODIES), None) if chosen.label == "PERSON" else None
        if things_first:
            return next((a for a in same_turn if a.plural), chosen)
        return body or chosen
    if things_first and chosen.label in BODIES:
        return next((a for a in same_turn if a.label == "NP"), chosen)
    return chosen


def _fits(antecedent: Antecedent, pronoun: str, question: str) -> bool:
    labels, _ = PRONOUNS[pronoun]
    if antecedent.plural:  # "the repairs" are "they", never "it"
        return pronoun in PLURAL
    if antecedent.label not in labels or (antecedent.quoted and pronoun in PLURAL):
        return False  # "they" is a body or things, not someone only a quote named ("Lindqvist told reporters")
    if antecedent.text.lower() in question.lower():
        return False  # the question names it already: the pronoun means something else
    # "Who announced it?" after "When did the Kremlin announce ...?": what it announced
    return not (pronoun in OBJECTS and _did(antecedent, question))


def _did(antecedent: Antecedent, question: str) -> bool:
    """The antecedent was the subject of a verb the question asks about again."""
    slot = antecedent.slot
    return slot is not None and slot.role == "subj" and bool((slot.words - AUXILIARIES) & verb_stems(question))


def _followed_by_noun(question: str, position: int) -> bool:
    """ "her [daughter]": the pronoun owns the word after it (also the question's last: "daughter?")."""
    rest = question[position:].split()
    after = rest[0].rstrip("?.!,;:") if rest else ""
    return after.isalpha() and after.lower() not in {"to", "in", "on", "at", "for", "about", "and"}


COMPOUND = re.compile(r"(?:,\s*|\s+)(?:and|but|also)\s+(?=(?:how|what|who|whom|when|where|which|why)\b)", re.IGNORECASE)


def split_compound(question: str) -> list[str]:
    """ "How many X, and what is Y?" -> ["How many X", "what is Y?"]; other questions stay whole."""
    parts = [p.strip(" ,;") for p in COMPOUND.split(question)]
    parts = [p for p in parts if len(set(content_terms(p))) >= 2]
    return parts if len(parts) > 1 else [question]
