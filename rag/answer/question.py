"""What a question asks for: the kind of short answer it expects (a person, a place, a date, an amount,
a thing of some kind), or none (why, how, describe); whether it asks about an article itself; whether
it wants what several articles say, or more than a short answer.

Plain rules over the question's words, no model: wh-word first, then the noun after "which"/"what"
("which team" -> an organisation, "which city" -> a place), looked up in a small lexicon of kinds. A
kind the lexicon does not know ("which grocery item") still expects a noun phrase: the answer is then
a phrase of the sentence, not a named entity.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rag.answer.language import COMPARED, PLACE_LABELS, REPORTING, TITLES, WHEN, Slot
from rag.answer.units import UNITS, asked_dimensions
from rag.text import WORD, content_terms, noun_stem, stem, verb_stem, words

if TYPE_CHECKING:
    from collections.abc import Callable

    from rag.answer.language import QuestionParse

PERSON = frozenset({"PERSON"})
NAMES = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
PLACES = PLACE_LABELS
ORGS = frozenset({"ORG"})
TIMES = frozenset({"DATE", "TIME"})
AMOUNTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
WHO_ANSWERS = PERSON | ORGS | frozenset({"NORP", "GPE"})  # "Who won?": a person, a body, a people, a country
NUMBERS = AMOUNTS | frozenset({"DATE", "TIME", "ORDINAL"})

# The kinds of things a "which X" / "what X" question names, and the entity labels that answer them.
KINDS: dict[frozenset[str], str] = {
    PLACES: "country nation state province region city town capital village island continent ocean sea river "
    "lake mountain county neighborhood neighbourhood area place port airport district territory",
    ORGS: "company firm retailer chain brand airline bank carmaker automaker manufacturer giant network channel "
    "newspaper paper outlet publication magazine journal broadcaster team club university college school party agency "
    "organization organisation group union league supermarket store restaurant startup studio label band charity "
    "court ministry department government association institute federation",
    PERSON: "person man woman player actor actress singer star leader president minister politician mp senator "
    "governor mayor ceo chef author writer artist athlete quarterback lioness cricketer golfer candidate official "
    "judge founder billionaire rapper musician journalist scientist king queen prince princess pope footballer "
    "striker coach manager boss director presenter host comedian chancellor lawmaker spokesperson spokesman "
    "spokeswoman rider driver swimmer boxer champion astronaut officer coroner sheriff provost strategist professor "
    "executive editor economist analyst researcher doctor physician nurse lawyer attorney prosecutor detective "
    "adviser advisor aide chairman chairwoman treasurer administrator superintendent dean commander captain "
    "lieutenant sergeant inspector investigator historian curator designer architect engineer pilot producer "
    "photographer novelist poet teacher nominee ambassador envoy deputy secretary justice representative congressman "
    "congresswoman admiral colonel meteorologist forecaster chief soldier sailor marine veteran victim suspect "
    "survivor witness activist protester student teenager child worker employee resident citizen "
    "refugee migrant immigrant fan owner winner inmate prisoner patient commissioner premier speaker solicitor "
    "surgeon postmaster adjutant comptroller auditor registrar marshal character expert specialist scholar "
    "biologist ecologist conservationist geologist volcanologist seismologist epidemiologist virologist chemist "
    "physicist astronomer psychologist sociologist pollster consultant entrepreneur investor banker rancher farmer "
    "archbishop bishop cardinal rabbi imam priest pastor reverend cleric monarch emperor empress duke duchess sultan "
    "emir member celebrity influencer teen democrat republican baby infant toddler daughter son wife "
    "husband mother father sister brother grandmother grandfather grandson granddaughter uncle aunt cousin nephew "
    "niece spouse widow widower girlfriend boyfriend fiance fiancee friend colleague neighbor neighbour mentor legend "
    "icon hero rookie",
    TIMES: "year month day date deadline decade season time",
    frozenset({"LANGUAGE", "NORP"}): "language",
    frozenset({"NORP"}): "religion ethnicity",
    frozenset({"EVENT"}): "event festival tournament war competition championship",
    frozenset({"PRODUCT", "ORG", "WORK_OF_ART"}): "product phone device car model vehicle drug vaccine app "
    "platform software console show series film movie documentary video podcast book song album game website "
    "musical play opera ballet",
    frozenset({"LAW"}): "law act bill treaty",
    AMOUNTS: "amount sum figure price cost wage salary fee fine rate total number percentage toll tally count "
    "population turnout score magnitude margin distance length height depth width weight speed vote jackpot "
    "revenue budget level wind gust rainfall snowfall temperature elevation altitude value attendance viewership "
    "headcount",
}
KIND_OF: dict[str, frozenset[str]] = {stem(word): labels for labels, kind in KINDS.items() for word in kind.split()}
KIND_WORDS = frozenset(word for kind in KINDS.values() for word in kind.split())  # as written

# "how <word>" asks an amount
HOW_MUCH = "many|much|old|long|far|tall|big|often|fast|high|low|deep|large|small|heavy|wide|hot|cold|strong"
HOW_WELL_WORDS = "effective|accurate"  # how well something works, said as a share: "85% effective"
QUANTITY = re.compile(
    rf"\b(how (?:{HOW_MUCH})|what (?:percentage|percent|proportion|"
    r"share|number|age|amount|fraction|sum|size)|which amount)\b",
    re.IGNORECASE,
)
# "How many tickets ...?" counts things: no sum of money or share answers it ("$1 million", "9%")
HOW_MANY_THINGS = re.compile(
    r"\bhow many\b(?! (?:percent|percentage|dollars|pounds|euros|yuan|yen|cents|millions|billions|trillions)\b)",
    re.IGNORECASE,
)
COUNTS = frozenset({"CARDINAL", "QUANTITY"})
HOW_MANY_TIMES = re.compile(  # "How many years ...?": "for 17 years" is what the small model calls a date
    rf"\bhow many (?:(?:{'|'.join(sorted(COMPARED))}) )?({'|'.join(sorted(UNITS['time'], key=len, reverse=True))})\b",
    re.IGNORECASE,
)
# "How much money ...?", "How much does it cost?", "For how much did it sell?", "How much did the state
# collect?": a sum of money, not a count beside it ("18,000 accounts", "about two blocks")
HOW_MUCH_MONEY = re.compile(
    r"\bhow much (?:money|cash|funding|revenue|profit|debt|rent)\b"
    r"|\bhow much\b[^?]*\b(?:cost|costs|pay|paid|pays|raise|raised|earn|earned|spend|spent|fetch|owe|owes"
    r"|sell|sells|sold|buy|buys|bought|charge|charges|charged|fine|fined|worth|collect|collects|collected"
    r"|donate|donates|donated|invest|invests|invested|award|awards|awarded|pledge|pledges|pledged|lend|lent)\b"
    r"|\bhow much (?:is|was|are|were)\b[^?]*\b(?:grant|loan|budget|salary|fee|prize|bonus|settlement|bail|reward"
    r"|price|donation|subsidy|ransom)s?\b",  # "How much was the loan ...?": a sum
    re.IGNORECASE,
)
# "What is the average price ...?", "What was Dunkin's median wait time?": a statistic is an amount
AVERAGE = re.compile(r"^\s*what (?:is|was|are|were)\b[^?]*?\b(?:average|median|mean|typical)\s+([^?]*)", re.IGNORECASE)
# what an average of is how long ("the average wait time", "the average life expectancy")
DURATIONS = frozenset("time times wait delay duration commute stay expectancy lifespan tenure".split())
BEFORE_WHEN = "what|which|who|whom|whose|where|how"  # question words that make a later "when" a conjunction
AGE = re.compile(r"\b(how old|what (?:\w+ )?age|aged? how many)\b", re.IGNORECASE)  # "what minimum age"
AGE_KIND = "age"
YEAR_KIND = "year"  # "In which year ...?": a year, not "February"
WHICH_YEAR = re.compile(r"\b(?:what|which) year\b", re.IGNORECASE)
DAY_KIND = "day"  # "On what date ...?": a day ("September 26", "Monday"), not "1998" nor "September"
WHICH_DAY = re.compile(r"\b(?:what|which) (?:date|day)(?![\w-])", re.IGNORECASE)
MONTH_KIND = "month"  # "By which month ...?": a month ("September"), not "12 to 36 hours"
COLOR_KIND = "color"  # "What color armbands ...?": a colour ("teal"), not the armbands
WHICH_COLOR = re.compile(r"\b(?:what|which) colou?rs?\b", re.IGNORECASE)
WHICH_MONTH = re.compile(r"\b(?:what|which) month\b", re.IGNORECASE)
SHARE_KIND = "share"  # "What percentage of adults ...?": a share ("69%", "about half"), not "1,000 adults"
RATING_KIND = "rating"  # "What rating did the tornado get?": a rating on a scale ("EF-2", "Category 4"), no rate
WHAT_RATING = re.compile(r"\b(?:what|which)\s+(?:\w+\s+)?rating\b", re.IGNORECASE)
FREQUENCY_KIND = "often"  # "How often ...?": a frequency ("every 10 years", "twice a year"), not a count or date
HOW_OFTEN = re.compile(r"\bhow often\b", re.IGNORECASE)
WHICH_SHARE = re.compile(r"\bwhat (?:percentage|percent|proportion|share|fraction)\b|\bhow many percent\b", re.I)
HOW_WELL = re.compile(rf"\bhow (?:{HOW_WELL_WORDS})\b", re.IGNORECASE)
TIME = re.compile(
    rf"^(?:(?!\b(?:{BEFORE_WHEN})\b).)*\bwhen\b"
    r"|\b(?:what (?:year|date|day|month|time)|which (?:year|date|day|month)|how soon)\b",
    re.IGNORECASE,
)  # "when" asks only before any other question word: "What was the score when ... beat ...?" asks no time
PLACE = re.compile(r"\bwhere\b", re.IGNORECASE)
# "Where does he work?": at a place, or at a company, a school, a team (an organisation)
WHERE_EMPLOYED = re.compile(
    r"\bwhere\s+(?:does|did|do|is|was|has|have|had)\b[^?]{1,60}?\b(?:work|works|worked|working|teach|teaches|"
    r"taught|teaching|study|studies|studied|studying|play|plays|played|playing|employed)\b",
    re.IGNORECASE,
)
WHO = re.compile(r"\b(who|whom|whose)\b", re.IGNORECASE)
# "Who is the lead guitarist of ...?", "Who is head of ...?", "Who is Albertsons' CEO?", "Who is Michigan's
# Chief Medical Executive?", "Who is the Facebook spokesperson who said ...?": the role asked about, the
# noun before "of" (before "who" or "that", a title only: "Who is the man who ...?" asks no role)
WHO_IS_ROLE = re.compile(
    r"^\s*[Ww]ho\s+(?:is|was|are|were)\s+(?P<article>the\s+|an?\s+)?(?P<before>(?:[\w'’.-]+\s+){0,5}?)"
    r"(?P<role>[A-Za-z][a-z-]+|C[A-Z]O)"
    r"\s*(?:\b(?:of|for|at|in|on)\b|\?|$|(?P<clause>\bwho\b|\bthat\b))"
)
# "Who is the syndrome named after?", "Who was the ship called?": a name given, no role held
NAMED_FOR = re.compile(r"\b(?:named|called|nicknamed|dubbed)\s+(?:after|for)?\s*\??\s*$", re.IGNORECASE)
NOT_IN_ROLE = frozenset("the a an behind against among between through during under over into onto".split())
# "Who is Dmitry Peskov?" (capitals: a name, not "who is the speaker?", nor "Who is Albertsons' CEO?")
WHO_IS_NAME = re.compile(r"^\s*[Ww]ho\s+(?:is|was)\s+(?![^?]*['’]s?\s)((?:[A-Z][\w'’.-]*\s*){1,4})\?*\s*$")
NAME_OF = re.compile(
    r"\b(what (?:is|was|are|were) (?:it|he|she|they|this|that|the [^?]{1,120}?) called|called what|named what|"
    r"known as what|what (?:is|was|were|are) (?:the |its |their |his |her )?names?|what name|"
    r"what (?:is|was) [^?]{1,40}?['’]s? (?:\w+ )?name|"  # "What was PnB Rock's birth name?"
    r"what (?:is|was|are|were) [^?]{1,120}? (?:known|referred to) as|"  # "What is the law known as?"
    r"what (?:did|do|does|has|have|had|will) [^?]{1,120}?\b(?:dub|nickname|christen|rename|name)d?)\b"
    r"(?![^?]*\b(?:for|after)\s*\??\s*$)",  # "What did Musk dub the event?" (not what it was named after)
    re.IGNORECASE,
)
# "What is the name of the missile defense system ...?" asks "Which missile defense system ...?", "What was
# the title of Lewis's autobiography?" "Which autobiography ...?"
NAME_OF_THE = re.compile(  # also "... the name of Bannon's talk show?" (any word's possessive: case is ignored)
    r"^\s*what (?:is|was|are|were) the (?:names?|titles?) of (?:the|a|an|this|that|its|their|his|her|"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*['’]s)\s+(?=\w)",
    re.IGNORECASE,
)
RELATIVE = re.compile(r"\b(?:that|which|who)\s+(?=\w)", re.IGNORECASE)  # "the sheep [that] was ..."
# "Under the Kaibab proposal, what would the fee rise to?": a phrase fronted before the wh-word, read where it
# would otherwise stand, after the question (the rules, and the small model, expect the wh-word first)
FRONTED = re.compile(
    r"^\s*(?P<front>(?:according to|under|in|on|at|after|before|during|since|for|by|with|from|as of|among|amid|"
    r"despite|following|last|this|next)\s[^,?]{1,80}),\s*(?P<asked>(?:what|which|who|whom|whose|where|when|how)\b"
    r"[^?]*?)\s*\?*\s*$",
    re.IGNORECASE,
)
PARSED = re.compile(r"\b(which|what|who|whom|whose|where)\b", re.IGNORECASE)  # the parse tells these apart
# words ending in "ist" that name no person
NOT_PEOPLE_IST = frozenset(
    "list wrist fist mist gist twist heist exist insist assist resist persist consist desist enlist subsist".split()
)
WHICH_WORDS = re.compile(r"\bwhich\s+([^?,;.]{1,60})", re.IGNORECASE)
KIND_OF_PHRASE = re.compile(r"^\s*(?:type|kind|sort|form)s?\s+of\s+", re.IGNORECASE)
STOP_KIND = frozenset(
    "is are was were be been did does do has have had will would could can should may might from in on at for of "
    "to by with about as that this these those it its their his her he she they we you i "
    "when where while after before since if because who which whose".split()
)
WHAT_IS = re.compile(r"(?:^|[.?!]\s+)what (?:is|was|are|were) (?:the|a|an|its|their|his|her)\b", re.IGNORECASE)
EMBEDDED_ASK = re.compile(  # "Who did Biden confirm [would be his running mate]?"
    r"^\s*(who|what)\s+(?:did|does|do)\s+(?:[\w.'’-]+\s+){1,6}?"
    r"((?:would|will|was|is|were|are|had|has|could|should|might|may)\s[^?]*\??)$",
    re.IGNORECASE,
)
STRANDED_END = re.compile(r"\b(of|with|for|from|by|to|about|on|in|as|at|after|into)\s*\?\s*$", re.IGNORECASE)
PARTICIPLE = re.compile(r"\w+[^e]ed")  # "designed", "named", "used" (not "speed", "seed")
TIME_AFTER = frozenset({"last", "this", "next"})  # "revenue [last] year": a time after the noun, not its head
NAMED_OWNER = r"(?-i:(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)['’]s?"  # "Apple's", "Denver's", "Albertsons'"
WHAT_IS_THE = re.compile(
    r"(?:^|[.?!]\s+)what (?:is|was|are|were) "
    rf"(?:the|its|their|his|her|{NAMED_OWNER})"  # "Apple's revenue"
    r" (?:latest |current |new |total |final )?"
    r"([^?,;.]{1,40})",
    re.IGNORECASE,
)
# "What has the death toll ... risen to?", "What will the price ... rise to?": a value of the amount the
# subject is (toll, price, rate)
WHAT_HAS_THE = re.compile(
    r"(?:^|[.?!]\s+)what (?:has|have|had|will|would|did|does|do) "
    rf"(?:the|its|their|{NAMED_OWNER}) "  # "Denver's minimum wage"
    r"([^?,;.]{1,40})",
    re.IGNORECASE,
)
TRAILING_WHAT = re.compile(r"\bwhat\s*(?:\?|,|$|according\b)", re.IGNORECASE)
SUBJECT_WHAT = re.compile(
    r"(?:^|[.?!]\s+)what\s+(?!is\b|are\b|was\b|were\b|did\b|does\b|do\b)\w+(?:ed|s)\b", re.IGNORECASE
)
WHAT_FIRST = re.compile(r"^\s*what\b", re.IGNORECASE)
# verbs whose object is no thing a sentence names ("What did they do?"), or what a report says
OPEN_VERBS = REPORTING | frozenset(
    verb_stem(w) for w in "do happen mean think feel find show reveal conclude learn discover see".split()
)
NO_SHORT_ANSWER = re.compile(
    rf"^\s*(why|how(?! (?:{HOW_MUCH}|{HOW_WELL_WORDS}|soon))|describe|explain|"
    r"summari[sz]e|tell me|what (?:did|does|do|has|have|had|is|are|was|were) \S+(?: \S+)? (?:say|said|says|"
    r"announce|announced|report|reported|think|claim|claimed|write|wrote)|what happened)\b",
    re.IGNORECASE,
)
YES_NO = re.compile(r"^\s*(is|are|was|were|do|does|did|can|could|will|would|has|have|had|should|shall)\b", re.I)
MANY_ARTICLES = re.compile(
    r"\b(what do (?:the )?(?:articles|reports|sources|stories|outlets|papers) say|according to (?:the )?"
    r"articles|(?:all|different|several|the) (?:articles|reports|sources|outlets) "
    r"(?:say|report|describe)|compare|in (?:the|all) articles|across (?:the )?articles|how did .{2,60} react|"
    r"what (?:are|were) (?:the )?(?:reactions?|responses?))\b",
    re.IGNORECASE,
)
WANTS_MORE = re.compile(
    r"\b(in detail|detailed|explain|elaborate|summari[sz]e|summary|tell me more|everything|all about|overview)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Question:
    text: str
    labels: frozenset[str] = frozenset()  # entity labels of a short answer; empty when none is expected
    kind: str | None = None  # the stemmed noun of "which X" / "what X", when there is one
    phrase: bool = False  # the answer is a noun phrase of that kind (no entity label fits it)
    wants_many: bool = False  # what several articles say
    wants_more: bool = False  # more than a short answer
    terms: frozenset[str] = field(default_factory=frozenset)  # its content terms
    verbs: frozenset[str] = frozenset()  # lemmas of its main verbs (the relation it asks about)
    slot: Slot | None = None  # the role its answer plays in a sentence that says it (language._slot)
    describes: bool = False  # "Who is X?": the answer is only what a sentence says X is
    asks_name: bool = False  # "What name was it given?": the name a sentence gives it ("dubbed Otter 841")
    plural: bool = False  # "Which companies ...?": names listed together are one answer
    possessive: bool = False  # "Which country's lawmakers ...?": the kind is a possessor
    measures: frozenset[str] = frozenset()  # "How long ...?": a length or a time (units.asked_dimensions)
    names_country: bool = False  # "In which state is the US case?": a state of that country, no nation

    @property
    def short(self) -> bool:
        """It asks for a name, place, date, number or a short phrase."""
        return bool(self.labels) or self.phrase


def analyze(text: str, parse: Callable[[str], QuestionParse] | None = None) -> Question:
    """What `text` asks for. `parse` (spaCy's parse of the question) finds the noun a "which"/"what"
    determines; without it, a word of the kind lexicon right after "which" is taken."""
    if fronted := FRONTED.match(text):
        asked, front = fronted.group("asked"), fronted.group("front")
        return replace(analyze(f"{asked[:1].upper()}{asked[1:]} {front[:1].lower()}{front[1:]}?", parse), text=text)
    wants_many = bool(MANY_ARTICLES.search(text))
    plain = Question(
        text, wants_many=wants_many, wants_more=bool(WANTS_MORE.search(text)), terms=frozenset(content_terms(text))
    )
    if NO_SHORT_ANSWER.search(text) or YES_NO.search(text) or wants_many:
        return plain
    if AGE.search(text):
        return replace(plain, labels=AMOUNTS | frozenset({"DATE"}), kind=AGE_KIND)  # "a 17-year-old" is a DATE
    if unit := HOW_MANY_TIMES.search(text):  # the unit is the kind: "two hours" counts no minutes
        return replace(plain, labels=COUNTS | TIMES, kind=stem(unit[1].lower()), measures=frozenset({"time"}))
    if HOW_MANY_THINGS.search(text):  # the noun counted is the kind: "12 [states]", not "14 [people]"
        counted = parse(text).counted if parse is not None else None
        return replace(plain, labels=COUNTS, kind=noun_stem(counted.lower()) if counted else None)
    if HOW_MUCH_MONEY.search(text):
        return replace(plain, labels=frozenset({"MONEY"}))
    if WHAT_RATING.search(text):
        return replace(plain, labels=frozenset({"CARDINAL"}), kind=RATING_KIND)
    if HOW_OFTEN.search(text):
        return replace(plain, labels=AMOUNTS | TIMES, kind=FREQUENCY_KIND)
    if QUANTITY.search(text) or HOW_WELL.search(text):
        amounts = AMOUNTS | TIMES if re.search(r"\bhow long\b", text, re.I) else AMOUNTS
        kind = SHARE_KIND if WHICH_SHARE.search(text) or HOW_WELL.search(text) else None
        return replace(plain, labels=amounts, kind=kind, measures=asked_dimensions(text))
    if averaged := AVERAGE.search(text):  # "What was Dunkin's average service time?": how long, not when
        if set(words(averaged.group(1))) & DURATIONS:
            return replace(plain, labels=AMOUNTS | TIMES, measures=frozenset({"time"}))
        return replace(plain, labels=AMOUNTS, measures=asked_dimensions(text))
    if TIME.search(text):
        kinds = ((WHICH_YEAR, YEAR_KIND), (WHICH_DAY, DAY_KIND), (WHICH_MONTH, MONTH_KIND))
        kind = next((kind for asked, kind in kinds if asked.search(text)), None)
        return replace(plain, labels=TIMES, kind=kind, slot=_time_slot(text, parse))
    if (name_of := NAME_OF_THE.match(text)) and parse is not None:
        which = analyze("Which " + RELATIVE.sub("", text[name_of.end() :], count=1), parse)
        if which.kind:
            return replace(which, text=text, terms=plain.terms, asks_name=True)
    if NAME_OF.search(text):  # "What is the documentary about ... called?": a name of that kind, when known
        described = _head_of_what_is(text)  # what is named, known kind or not ("the amendment ... known as")
        described = None if described == stem("name") else described  # "What was the name of the mission?"
        of_kind = KIND_OF.get(described or "", NAMES) & NAMES
        return replace(plain, labels=of_kind or NAMES, kind=described, asks_name=True)
    parsed = parse(text) if parse is not None and PARSED.search(text) else None
    if parsed is not None:
        plain = replace(plain, verbs=parsed.verbs, slot=_embedded_slot(text, parse) or parsed.slot)
    if parsed is not None and _of_stranded_preposition(text, parsed.slot):
        return replace(plain, phrase=True)  # "What was the company accused of?" asks no company
    kind = COLOR_KIND if WHICH_COLOR.search(text) else _kind(text, parsed)
    if kind is not None:
        labels = labels_of_kind(kind) or (PERSON if _person_noun_written(text, kind) else None)
        if parsed is not None and parsed.kind and stem(parsed.kind) == kind:
            plural, possessive = parsed.plural, parsed.possessive
        else:  # the parse missed the kind ("A chef banned which diners ...?"): its word as written
            plural, possessive = _written_plural(text, kind), False
        return replace(
            plain,
            labels=labels or frozenset(),
            kind=kind,
            phrase=labels is None,
            plural=plural,
            possessive=possessive,
            names_country=parsed is not None and parsed.names_country,
        )
    if PLACE.search(text):
        return replace(plain, labels=PLACES | ({"ORG"} if WHERE_EMPLOYED.search(text) else set()))
    if named := WHO_IS_NAME.search(text):  # "Who is Dmitry Peskov?": what he is, said of his surname
        surname = words(named.group(1))[-1]
        return replace(plain, phrase=True, describes=True, slot=Slot("is", frozenset({verb_stem(surname)})))
    if WHO.search(text):  # "Who is the president of ...?" asks for a person; "Who won ...?" a person or a body
        role = _role_asked(text)
        labels = PERSON if role is not None and labels_of_kind(role) == PERSON else WHO_ANSWERS
        return replace(plain, labels=labels, kind=role)
    if SUBJECT_WHAT.search(text) or WHAT_IS.search(text) or TRAILING_WHAT.search(text) or _asks_a_thing(plain):
        return replace(plain, phrase=True)  # "What caused ...?", "What is the biggest ...?", "... stealing what?"
    return plain


def _of_stranded_preposition(text: str, slot: Slot | None) -> bool:
    """ "What was the company accused of?", "What are the models priced from?": "what" is the object of
    the preposition the question ends with, and the noun after "what is the" its subject, no kind asked."""
    stranded = STRANDED_END.search(text)
    asks_what_is = WHAT_IS.match(text) is not None
    return stranded is not None and asks_what_is and slot is not None and slot.role == stranded[1].lower()


def _embedded_slot(text: str, parse: Callable[[str], QuestionParse] | None) -> Slot | None:
    """The role asked in the clause a verb of saying or thinking reports: "Who did Biden confirm would be
    his running mate?" asks who would be his running mate (the small model reads "who" as what was confirmed)."""
    embedded = EMBEDDED_ASK.match(text)
    return parse(f"{embedded[1]} {embedded[2]}").slot if embedded and parse is not None else None


def _person_noun_written(text: str, kind: str) -> bool:
    """The question writes the kind as a noun for a person by its ending ("neurologist", "pianists"): the
    lexicon cannot list every field's, and the stemmer makes "neurologist" the "neurology" it studies."""
    for word in words(text):
        singular = word.removesuffix("s")
        if stem(word) == kind and singular.endswith("ist") and singular not in NOT_PEOPLE_IST:
            return not singular.endswith(("klist", "ylist", "tlist", "hlist"))  # "checklist", "playlist"
    return False


def _written_plural(text: str, kind: str) -> bool:
    """The question writes the kind's noun in the plural ("which diners")."""
    return any(stem(w) == kind and w != kind and w.endswith("s") and not w.endswith("ss") for w in words(text))


def _time_slot(text: str, parse: Callable[[str], QuestionParse] | None) -> Slot | None:
    """ "When did GLAAD add the Q?", "In which year did GLAAD add the Q?": the time of "add" (a date after
    "in", "on", "during", ... of that verb plays it: "added the Q [in 2016]")."""
    parsed = parse(text) if parse is not None else None
    return Slot(WHEN, parsed.slot.words) if parsed is not None and parsed.slot is not None else None


def labels_of_kind(kind: str) -> frozenset[str] | None:
    """The entity labels of a (stemmed) kind of thing; a compound's are its first known part's
    ("director-general", "editor-in-chief": a person)."""
    if kind in KIND_OF:
        return KIND_OF[kind]
    return next((KIND_OF[stem(part)] for part in kind.split("-") if stem(part) in KIND_OF), None)


def _asks_a_thing(question: Question) -> bool:
    """ "What do sunfish feed on?", "What did Brent crude average?": "what" is what a verb or its
    preposition takes, a thing the sentence names (not "What did they do?", nor what a study found)."""
    slot = question.slot
    if slot is None or not WHAT_FIRST.match(question.text) or slot.role in ("subj", "is"):
        return False
    return not slot.words & OPEN_VERBS


def _kind(text: str, parsed: QuestionParse | None) -> str | None:
    """The stemmed noun a "which"/"what" determines ("which major US retailer" -> retailer): from the
    parse when there is one, else the last word of "which ..." before a function word or punctuation.
    A parse with no verb went wrong ("Which Alabama governor loosened coronavirus restrictions ...?" read
    as one noun phrase, "loosened" a name in it): a noun of the kind lexicon as written answers then,
    unless the parse's own kind is one."""
    written = _written_kind(text)
    if parsed is not None and parsed.kind and (parsed.verbs or written not in KIND_OF or stem(parsed.kind) in KIND_OF):
        return stem(parsed.kind)  # also "Which immigrant advocacy group does ...?": a group, whatever the verbs
    return written or _kind_of_what_is(text)


def _written_kind(text: str) -> str | None:
    """The stemmed last word of "which ..." before a function word or punctuation, or its first word of
    the kind lexicon."""
    for match in WHICH_WORDS.finditer(text):  # "which ..." only: after "what" a verb may come next
        phrase = KIND_OF_PHRASE.sub("", match.group(1))
        chosen = None
        for word in words(phrase):
            if word in STOP_KIND:
                break
            if word.lower().endswith("al") and word.lower()[:-2] in KIND_WORDS:
                continue  # "national", "regional", "personal": an adjective the stemmer makes the noun it is of
            chosen = word
            if stem(word) in KIND_OF:
                break
        if chosen:
            return stem(chosen)
    return None


def _role_asked(text: str) -> str | None:
    """The stemmed role "Who is the lead guitarist of ...?" asks who holds (not "Who was behind ...?")."""
    match = _who_is_role(text)
    if match is None or set(words(match.group("before"))) & (STOP_KIND | NOT_IN_ROLE):
        return None
    role = stem(match.group("role").lower())
    if match.group("role")[:1].isupper() and labels_of_kind(role) != PERSON:
        return None  # a capitalised word is a role only when it is a person's ("Chief Medical Executive")
    return role


def asks_who_holds_role(text: str) -> bool:
    """ "Who is the mayor of ...?", "Who is the spokesperson who said ...?": a question of who holds a
    role (a quote that names no mayor proves none)."""
    return _who_is_role(text) is not None


def _who_is_role(text: str) -> re.Match[str] | None:
    """WHO_IS_ROLE's match, when the role before a relative clause is a title ("Who is the spokesperson
    who said ...?"; "Who is the man who ...?" asks no role)."""
    match = WHO_IS_ROLE.search(text)
    if match is None or (match.group("clause") and match.group("role").lower() not in TITLES):
        return None
    if NAMED_FOR.search(match.group(0)):
        return None  # "Who is the Kessler Syndrome named after?" asks whom it is named for, no role
    if not (match.group("article") or match.group("before")) and match.group("role").lower().endswith("ed"):
        return None  # "Who was arrested in ...?": a passive verb, no role held (not "Who was the deceased?")
    return match


def _kind_of_what_is(text: str) -> str | None:
    """ "What was the death toll ...?" -> toll: the head noun after "what is the", when the kind
    lexicon knows it (otherwise the answer is a phrase of no known kind, as before)."""
    if (match := WHAT_IS_THE.search(text)) is not None:
        head = _head_of(match.group(1))
        return head if head in KIND_OF else None
    has = WHAT_HAS_THE.search(text)
    return _amount_before_verb(has.group(1)) if has else None


def _amount_before_verb(phrase: str) -> str | None:
    """ "What has the death toll risen to?" -> toll: the last amount noun of the subject, a verb after it
    ("What has the company done?" asks no company)."""
    written = WORD.findall(phrase)
    run = list(itertools.takewhile(lambda w: w.lower() not in STOP_KIND, written))
    last = len(written) - 1  # an amount noun with a word after it (its verb): "toll [risen]"
    amounts = [i for i, w in enumerate(run) if KIND_OF.get(stem(w.lower())) == AMOUNTS and i < last]
    return stem(run[amounts[-1]].lower()) if amounts else None


def _head_of_what_is(text: str) -> str | None:
    """ "What is the Arkansas constitutional amendment on cannabis known as?" -> amend: the stemmed head
    noun after "what is the", whether or not the kind lexicon knows it."""
    match = WHAT_IS_THE.search(text)
    return _head_of(match.group(1)) if match else None


def _ends_phrase(head: str, written: str) -> bool:
    """The word `written` after a noun `head` opens what is said of it: a time, a participle, a name."""
    word = written.lower()
    return word in TIME_AFTER or PARTICIPLE.fullmatch(word) is not None or (head.islower() and written[:1].isupper())


def _head_of(phrase: str) -> str | None:
    """The stem of the last word before the first function word ("Arkansas constitutional [amendment] on"),
    or before a name after a common noun, which opens a clause on it ("the last [day] Jack Simpson had"),
    or before a time or a participle after it ("Apple's [revenue] last year", "the [probe] designed to")."""
    head = None
    for written in WORD.findall(phrase):
        word = written.lower()
        if word in STOP_KIND or (head is not None and _ends_phrase(head, written)):
            break
        head = written
    return stem(head.lower()) if head else None
