"""Word-level helpers shared by evidence scoring, follow-up handling, verification and evaluation."""

from __future__ import annotations

import math
import re
import string
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from index.lexical import stemmer
from index.sentences import nltk_data

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable

WORD = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)
NUMBER = re.compile(r"^\d[\d.,]*$")
NUMBER_AND_UNIT = re.compile(r"^(\d[\d.,]*)(?:[a-z]{1,3})?$")  # "18cm", "5bn", "1990s"
FRACTION_WORDS = frozenset("half halves third thirds quarter quarters fifth fifths tenth tenths".split())
AMOUNT_WORDS = FRACTION_WORDS | frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands "
    "million millions billion billions trillion dozen dozens twice double doubled triple tripled quadrupled "
    "halved".split()
)
COUNTRY_INITIALS = {
    "US": "United States",
    "USA": "United States",
    "UK": "United Kingdom",
    "UAE": "United Arab Emirates",
}
ROLE_INITIALS = {  # a company's officers, as news writes them before a name ("Applebee's CMO Joel Yashinsky")
    "CEO": "chief executive officer",
    "CFO": "chief financial officer",
    "COO": "chief operating officer",
    "CTO": "chief technology officer",
    "CMO": "chief marketing officer",
    "CIO": "chief information officer",
}
SPELLED_OUT = COUNTRY_INITIALS | ROLE_INITIALS  # initials news writes for names and roles, and what they stand for
INITIALS = re.compile(  # case-sensitive: not "us"
    rf"(?<![\w.])(?:U\.S\.(?:A\.)?|USA|US|U\.K\.|UK|UAE|{'|'.join(ROLE_INITIALS)})(?![\w])"
)
PUNCTUATION_TO_SPACE = {ord(c): " " for c in string.punctuation + "“”‘’—–"}
# Words that frame a question rather than say what it is about.
QUESTION_FRAME = {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "according", "recently",
    "reportedly", "reports", "report", "week", "year", "month", "day", "today", "new", "called", "named",
    "name", "many", "much", "said", "says", "say", "did", "does", "do", "will", "would", "could", "can",
    "is", "are", "was", "were", "the", "this", "that", "these", "those", "article", "articles", "story",
    "stories",
}  # fmt: skip


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """NLTK's English stopwords, bundled with llama-index-core (nothing downloads), read as the file
    they are (one word per line) rather than through nltk's corpus reader."""
    listed = (nltk_data() / "corpora" / "stopwords" / "english").read_text("utf-8")
    return frozenset(line.strip() for line in listed.splitlines() if line.strip())


def words(text: str) -> list[str]:
    """Lower-cased words; numbers keep inner separators ("1,100", "3.5")."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return word if NUMBER.match(word) else str(stemmer().stemWord(word.strip("'")))


# Past forms of common irregular verbs, so that "won" matches the "win" a question asks about.
IRREGULAR = dict(
    pair.split(":")
    for pair in (
        "won:win beat:beat began:begin begun:begin bought:buy brought:bring built:build caught:catch chose:choose "
        "chosen:choose came:come cut:cut drew:draw drawn:draw drove:drive driven:drive ate:eat eaten:eat fell:fall "
        "fallen:fall fought:fight found:find flew:fly flown:fly forgot:forget froze:freeze frozen:freeze gave:give "
        "given:give went:go gone:go grew:grow grown:grow held:hold hit:hit hid:hide hidden:hide hurt:hurt kept:keep "
        "knew:know known:know laid:lay led:lead left:leave lent:lend lost:lose made:make meant:mean met:meet paid:pay "
        "put:put quit:quit ran:run rang:ring rose:rise risen:rise said:say sold:sell sent:send set:set shook:shake "
        "shot:shoot shut:shut sang:sing sung:sing sank:sink sat:sit slept:sleep spoke:speak spoken:speak spent:spend "
        "split:split spread:spread stood:stand stole:steal stolen:steal struck:strike swore:swear swam:swim took:take "
        "taken:take taught:teach tore:tear told:tell thought:think threw:throw thrown:throw understood:understand "
        "woke:wake wore:wear worn:wear wrote:write written:write withdrew:withdraw arose:arise arisen:arise "
        "awoke:awake became:become bent:bend bitten:bite bled:bleed blew:blow blown:blow bound:bind bred:breed "
        "broke:break broken:break crept:creep dealt:deal did:do done:do drank:drink drunk:drink dug:dig felt:feel "
        "fled:flee forbade:forbid forbidden:forbid forgave:forgive forgiven:forgive foresaw:foresee foreseen:foresee "
        "got:get gotten:get heard:hear hung:hang knelt:kneel leapt:leap lit:light misled:mislead mistook:mistake "
        "mistaken:mistake overcame:overcome overran:overrun oversaw:oversee overseen:oversee overtook:overtake "
        "overtaken:overtake overthrew:overthrow overthrown:overthrow rebuilt:rebuild rewrote:rewrite "
        "rewritten:rewrite rode:ride ridden:ride saw:see seen:see shone:shine shrank:shrink shrunk:shrink "
        "slain:slay slew:slay slid:slide sought:seek sped:speed spun:spin sprang:spring sprung:spring stuck:stick "
        "stung:sting strode:stride strove:strive swept:sweep swung:swing undertook:undertake undertaken:undertake "
        "underwent:undergo undergone:undergo upheld:uphold wept:weep withheld:withhold withstood:withstand"
    ).split()
)


# Plurals the stemmer leaves apart from their singular, so that "How many people ...?" counts the "1,736" of
# "a 1,736-person trial".
IRREGULAR_PLURALS = dict(
    pair.split(":")
    for pair in "people:person men:man women:woman children:child feet:foot teeth:tooth mice:mouse geese:goose".split()
)


def noun_stem(word: str) -> str:
    """The stem of a lower-cased noun, an irregular plural taken back to its singular ("people" -> person)."""
    return stem(IRREGULAR_PLURALS.get(word, word))


def verb_stem(word: str) -> str:
    """The stem of a lower-cased word, an irregular past form taken back to its base ("won" -> win)."""
    return stem(IRREGULAR.get(word, word))


# What the stemmer leaves on a noun made from a verb ("discovery" discoveri / "discovered" discov,
# injuri / injur, burial / buri, marriag / marri, departur / depart, creation / creat).
NOUN_ENDINGS = ("eri", "i", "al", "ag", "ur", "ion")
MIN_DERIVED_FROM = 4  # shorter stems make too many nouns of other words ("part" / "parti")


def derived(a: str, b: str) -> bool:
    """The same stem, or one is of the noun made from the other ("since its [discovery] in 1817" says when
    it was discovered)."""
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= MIN_DERIVED_FROM and long.startswith(short) and long[len(short) :] in NOUN_ENDINGS)


def agent_nouns(verb: str) -> frozenset[str]:
    """The stems of the nouns that name who does what the verb (a stem) says: "founder" of "found",
    "winner" of "win", "director" of "direct", "head" of "head"."""
    return frozenset({verb, f"{verb}er", f"{verb}or", f"{verb}r", f"{verb}{verb[-1:]}er"})


def irregular_bases(text: str) -> set[str]:
    """The stems of the bases of the irregular past forms in `text` ("bought" -> buy)."""
    return {stem(IRREGULAR[w]) for w in words(text) if w in IRREGULAR}


def verb_stems(text: str) -> set[str]:
    """Stems of the words of `text`, irregular past forms taken back to their base."""
    return {verb_stem(w) for w in words(text)}


def content_terms(text: str) -> list[str]:
    """Stemmed words that carry meaning: no stopwords, no question framing. Countries and roles that
    news writes as initials count as their words ("US" is a stopword's spelling, and "U.S." no word at
    all; "Applebee's CMO" answers "Who is Applebee's chief marketing officer?")."""
    expanded = INITIALS.sub(lambda m: SPELLED_OUT[m.group().replace(".", "")], text)
    return [stem(w) for w in words(expanded) if w not in _skipped() and (len(w) > 1 or w.isdigit())]


@lru_cache(maxsize=1)
def _skipped() -> frozenset[str]:
    return stopwords() | QUESTION_FRAME


def numbers(text: str) -> set[str]:
    """Numbers in digits, a unit glued to one left off ("18cm", "5bn", "1990s" -> "18", "5", "1990")."""
    return {m.group(1).replace(",", "") for w in words(text) if (m := NUMBER_AND_UNIT.match(w))}


def amounts(text: str) -> set[str]:
    """Numbers in digits and in words ("a third", "twelve", "twice"): what an amount is said with.
    "one" is left out: it is mostly a pronoun ("one of the...")."""
    return numbers(text) | {w for w in words(text) if w in AMOUNT_WORDS}


def normalize(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form, for "answer contains gold" checks."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.translate(PUNCTUATION_TO_SPACE)
    return " ".join(text.split())


def contains_words(text: str, gold: str) -> bool:
    """The normalised gold stands in the normalised text as whole words."""
    return word_position(text, gold) is not None


def word_position(text: str, gold: str) -> int | None:
    """How many normalised words of the text stand before the gold's first whole-word place in it."""
    needle = normalize(gold).split()
    hay = normalize(text).split()
    if not needle:
        return None
    return next((i for i in range(len(hay) - len(needle) + 1) if hay[i : i + len(needle)] == needle), None)


class TermWeights:
    """The content terms of a text, each weighted by its IDF: rare words (names) weigh most, so
    "how much of this text does that one cover" counts what matters."""

    def __init__(self, terms: Iterable[str], idf: Callable[[str], float]) -> None:
        self.weights = {t: idf(t) for t in set(terms)}
        self.total = math.fsum(self.weights.values()) or 1.0

    def __bool__(self) -> bool:
        return bool(self.weights)

    def coverage(self, found: Collection[str]) -> float:
        """The weighted share of these terms that `found` contains (0 when there are none). Summed
        exactly (`fsum`): a set's order changes with each process's string hashing, and a plain sum
        with it in the last bit, enough to swap two sentences that tie."""
        return math.fsum(w for t, w in self.weights.items() if t in found) / self.total
