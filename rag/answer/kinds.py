"""Whether a span is of the kind a question asks for, beyond its entity label: spaCy's labels are
coarse, and a span of the right label often answers another question ("$1 million" is an amount, but
counts no tickets; "215-pound" is a quantity, but no length; the "21" of "people 21 and over" is a
"date" to the small model; the "US" of "US President Joe Biden" is a place, but nothing happened there).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag.answer.evidence import MONTHS, SHORT_MONTHS, TIME_WORDS, WEEKDAYS
from rag.answer.language import CLOCK, EMPHASES, LOCATIVE, QUALIFIERS, REPORTING, WHOSE, Span
from rag.answer.places import CITY, CONTINENT, COUNTRY, STATE
from rag.answer.question import (
    COLOR_KIND,
    COUNTS,
    DAY_KIND,
    FREQUENCY_KIND,
    MONTH_KIND,
    NAMES,
    ORGS,
    PERSON,
    PLACES,
    RATING_KIND,
    SHARE_KIND,
    TIMES,
    WHO_ANSWERS,
    YEAR_KIND,
    labels_of_kind,
)
from rag.answer.units import UNIT_SIGN, UNITS, dimension_of, other_measure, unit_of
from rag.text import AMOUNT_WORDS, FRACTION_WORDS, amounts, noun_stem, stem, verb_stem

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rag.answer.question import Question

_TIME_WORDS = sorted(UNITS["time"] - {"second", "seconds"}) + (  # "second" is as often an ordinal
    "ago morning afternoon evening night noon midnight weekend spring summer autumn fall winter season quarter".split()
)
TIME_UNITS = re.compile(  # what says a time besides TIME_WORDS' dates: "two years ago", "last week", "that night"
    rf"\b(?:{'|'.join(_TIME_WORDS)}|\d{{1,2}}(?:st|nd|rd|th))\b", re.IGNORECASE
)
PEOPLE_OR_PLACES = PLACES | frozenset({"NORP"})  # what a person's title says they are of ("Texas", "Republican")
PLACE_KINDS: dict[str, frozenset[str]] = {  # the kinds of place (places.Gazetteer) a "which <noun>" allows
    **{stem(w): frozenset({CITY}) for w in "city town village capital port".split()},
    **{stem(w): frozenset() for w in "neighborhood neighbourhood district suburb".split()},  # none it knows
    stem("county"): frozenset({CITY}),  # named for a town at times ("Rockland"), never a state or nation
    stem("country"): frozenset({COUNTRY}),
    stem("nation"): frozenset({COUNTRY}),
    stem("state"): frozenset({STATE, COUNTRY}),  # a US state, or a nation state
    stem("province"): frozenset({STATE}),
    stem("continent"): frozenset({CONTINENT}),
}
# kinds of body that exclude one another: a name headed by one ("Middletown High School", "the state
# Senate") is none of another ("Which restaurant ...?", "Which court ...?"), whatever the small model calls
# it ("house" is no kind here: "Roscoe's House of Chicken & Waffles" is a restaurant)
BODY_KIND = {
    stem(word): n
    for n, kinds in enumerate(
        (
            "team club",
            "university college school",
            "newspaper paper magazine publication journal",
            "court",
            "restaurant",
            "party",
            "band",
            "senate assembly legislature parliament congress",
            "hospital",
        )
    )
    for word in kinds.split()
}
# bodies news names by their common noun ("the regional council", "police"): in the role "Who ...?" asks
# ("The regional council paid for the repairs"), the body is the answer though it has no name
COMMON_BODIES = frozenset(
    stem(w)
    for w in "council government ministry department committee board authority agency commission court tribunal "
    "army military navy police company firm union administration cabinet parliament senate congress legislature "
    "assembly regulator team club school university hospital charity foundation bank airline municipality city "
    "county state town village office".split()
)
# people called by what they do, who may do what "Who ...?" asks when the sentence names no one ("[armed guards]
# are providing 24-hour protection"); not "officials" or "researchers", which stand in for a name said elsewhere
COMMON_DOERS = frozenset(
    stem(w)
    for w in "guard officer trooper firefighter soldier volunteer hiker fisherman fishermen rescuer deputy "
    "paramedic".split()
)
# diseases and their viruses, which the small model often takes for people or bodies ("COVID-19", "Ebola")
DISEASES = frozenset(
    "covid covid-19 covid19 coronavirus sars-cov-2 sars mers ebola mpox monkeypox influenza flu measles polio zika "
    "hiv h1n1 h5n1 cholera malaria tuberculosis dengue".split()
)
# kinds of place whose names say their kind ("the Pacific Ocean", "Lake Kivu", "Mount Etna"): a name that
# does not is less surely one ("Earth" for "Into which ocean ...?")
SAID_IN_NAME = frozenset(stem(w) for w in "ocean sea river lake mountain mount bay gulf strait canal volcano".split())
# buildings and grounds, by the noun that ends their names: where something happens, though the small model
# often calls them organisations ("the Lincoln Memorial", "Buckingham Palace")
FACILITIES = frozenset(
    stem(w)
    for w in "memorial monument stadium arena palace museum cathedral church mosque synagogue temple airport bridge "
    "tower castle square plaza park garden gardens hall center centre station hospital prison building theater "
    "theatre venue ballpark".split()
)
HOUSE_NUMBER = re.compile(r"\b\d+[A-Za-z]?\s+$")  # right before a street's name: "308 [Justison St.]"
STREET_HEADS = frozenset(
    "st street ave avenue rd road blvd boulevard ln lane dr drive hwy highway pkwy parkway".split()
)
YEAR = re.compile(r"\b(?:1[0-9]|20)\d\d(?:s)?\b")  # "2017", "the 1990s"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
MONTH = re.compile(rf"\b(?:{MONTHS}|{SHORT_MONTHS})\b", re.IGNORECASE)  # in a date
DAY = re.compile(  # what names a day: "Monday", "September 26", "26th of September", "2022-09-26", "9/26"
    rf"\b(?:{WEEKDAYS}|today|tomorrow|yesterday|tonight)\b|\b{_MONTH}\s+\d{{1,2}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}\b",
    re.IGNORECASE,
)
_HEDGES = "|".join(" ".join(words) for words in (*QUALIFIERS, *EMPHASES, ("some",)))  # "nearly", "just", ...
_COUNTS = "|".join(sorted(AMOUNT_WORDS | {"a", "an", "one", "several", "few", "a few", "many", "dozens of"}))
DURATION = re.compile(  # how long, not when: "nearly 40 years", "two weeks" (but "two weeks ago", "this week")
    rf"^(?:(?:{_HEDGES})\s+)?(?:\d[\d,.]*|{_COUNTS})\s+(?:{'|'.join(sorted(UNITS['time']))})$", re.IGNORECASE
)
IN_TIME = re.compile(r"\b(?:in|within)\s*$", re.IGNORECASE)  # "in two weeks": when
SINCE_FIRST = re.compile(r"\b(?:first|last|only|highest|lowest|biggest|worst|best|most|ever)\b[^,.;]*$", re.IGNORECASE)
TIME_UNIT_KINDS = frozenset(stem(unit) for unit in UNITS["time"])  # "How many minutes ...?" asks in minutes
MEASURED = frozenset({"QUANTITY", "DATE", "TIME"})  # what spaCy calls a measurement without a unit we know
COLOR = re.compile(  # the colours news names things by ("a gray check mark", "teal-colored armbands")
    r"\b(?:red|orange|yellow|green|blue|purple|violet|pink|brown|black|white|gr[ae]y|teal|turquoise|gold|golden|"
    r"silver|beige|maroon|navy|crimson|scarlet|magenta|cyan|indigo|lavender|khaki|bronze|ivory|amber)\b",
    re.IGNORECASE,
)
# a time of day, said any way news says one ("10:23 a.m.", "4 p.m.", "14:30", "noon"): when, never how long
TIME_OF_DAY = re.compile(r"\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\b\.?|\b\d{1,2}:\d{2}\b|\b(?:noon|midnight)\b", re.I)
ASKS_CLOCK = re.compile(r"\bwhat time\b(?!\s+of\b)", re.IGNORECASE)  # a time of day, not "what time of year"
ZERO = re.compile(r"\b(?:zero|none)\b", re.IGNORECASE)  # a count without a figure
FRACTION = re.compile(  # a share of what is counted ("about one-third", "half"), not "two and a half million"
    rf"(?<!and a )\b(?:{'|'.join(sorted(FRACTION_WORDS))})\b(?!\s+(?:million|billion|thousand|hundred|dozen))"
    r"|\d\s*/\s*\d",
    re.IGNORECASE,
)
PERSON_OF_BODY = re.compile(r"\s+([A-Za-z]+)\s+[A-Z][\w'’.-]+\s+[A-Z]")  # "[Nasa] scientist Donald Kessler"
TOLD = frozenset({verb_stem("tell"), verb_stem("told")})
HEARING = frozenset(verb_stem(w) for w in "interview ask question hear".split())  # whom a source told did this
AGED_AFTER = re.compile(r",\s*\d{1,3},")  # "Staal, 37, won a Stanley Cup ...": a person's age
COMPASS = frozenset("north south east west northeast northwest southeast southwest".split())
# what a region of a country is named by: "the Northeast", "the Midwest", "the Pacific Northwest", "the West Coast"
REGION_HEADS = COMPASS | frozenset({"midwest", "coast"})
# amount nouns that measure, never count things: a magnitude, a price or a speed is no number of people
MEASURED_KINDS = frozenset(
    stem(word)
    for word in "magnitude temperature speed distance length height depth width weight elevation altitude "
    "rainfall snowfall wind gust price cost wage salary fee fine rate value jackpot revenue budget".split()
)
IRREGULAR_PLURALS = frozenset("people children men women".split())
# the scales an amount is given on, named before it ("magnitude 4", "Category 4", "Level 5")
SCALES = "magnitude|category|level|grade|phase|stage|tier|class"
SCALED_NUMBER = re.compile(rf"\b({SCALES})\s+(\d+(?:\.\d+)?)\b", re.IGNORECASE)
RATING = re.compile(r"\bE?F-?[0-5]\b|\bCategory\s+[1-5]\b|\b\d(?:\.\d)?[- ]stars?\b", re.IGNORECASE)
DEGREES = re.compile(rf"(?<![\w.])[-−]?\d+(?:\.\d+)?(?={UNIT_SIGN.pattern})")  # "as low as [-4]°C"
INCREMENT = re.compile(r"\s+(more|additional|extra)\b", re.IGNORECASE)  # after a count: "24 [more] people"
# what says how often: "every 10 years", "twice a year", "three times a week", "annually"
FREQUENCY = re.compile(
    r"\b(?:every|each|once|twice|annually|yearly|monthly|weekly|daily|hourly|nightly)\b|\btimes?\s+(?:a|an|per|each)\b",
    re.IGNORECASE,
)
# a share said as so many in every so many ("nearly 3 in 5", "one out of four")
IN_EVERY = re.compile(r"\b\S+\s+(?:in|out of)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
GLUED_WORD = re.compile(r"-([A-Za-z]+)")  # the word a number is hyphened to ("zero-Covid")
ASKS_HOW_MUCH = re.compile(r"\bhow much\b", re.IGNORECASE)  # a sum or a measure, never a count of things
HYPHENED_WITHIN = re.compile(r"\d-([A-Za-z]+)")  # the same inside the amount ("[100,000-square-foot]")


def of_asked_kind(question: Question, sentence: str, span: Span) -> bool:
    """`span` (offsets in `sentence`) can answer `question` as far as its kind goes."""
    said = sentence[span.start : span.end]
    if question.labels & WHO_ANSWERS and said.lower() in DISEASES:
        return False  # "COVID-19 was spreading": a person to the small model, but no one nor any body
    if (span.label in NAMES or span.proper) and "PERSON" not in question.labels and _aged(sentence, span):
        return False  # "Which team won ...?" is not answered by "Staal, 37, ...", whatever the small model calls him
    if span.qualifies_title and question.labels == PLACES and not question.possessive:
        return False  # "Where ...?", "In which city ...?" are not answered by the "US" of "US President Joe Biden"
    if (
        span.qualifies_title
        and question.labels == WHO_ANSWERS
        and not _asks_owner(question)
        and (span.label in PEOPLE_OR_PLACES or _owns(span))
    ):
        return False  # "Who introduced the bill?" is not answered by the "Republican" of "Republican Rep. Ken Buck",
        # nor "Who interviewed the king?" by "[Jordan]'s king", whatever the small model calls Jordan
    if span.describes and question.labels == PLACES and stem(span.describes) not in question.terms:
        return False  # "Where did protesters storm the field?" is not answered by "their [Puerto Rico] debt holdings"
    if _other_place_kind(question, span):
        return False  # "In which city ...?" is not answered by "Japan", "Which country ...?" not by "Kabul"
    if question.kind in FACILITIES and span.scopes & {COUNTRY, STATE, CONTINENT}:
        return False  # "In which stadium ...?" is not answered by "England"
    if _other_body_kind(question, span):
        return False  # "Which restaurant ...?" is not answered by "Middletown High School"
    if not question.labels & PLACES and _street_of_address(sentence, span):
        return False  # nor by the address "(308 [Justison St.])", which the small model may call a body
    if ASKS_HOW_MUCH.search(question.text) and _counts_things(sentence, span):
        return False  # "How much is the grant for planning stations?" is not answered by "11 [stations]"
    if question.kind in MEASURED_KINDS and _counts_things(sentence, span) and _plural(span.counts):
        return False  # "What was the magnitude of the earthquake?" is not answered by "more than 1,000 [people]"
    if question.labels == WHO_ANSWERS:
        return _can_say_who(question, sentence, span)
    if question.labels == COUNTS and _increment(question, sentence, span):
        return False  # "How many people were in hospitals?" is not answered by "24 [more] people were hospitalized"
    if question.labels == COUNTS:
        return _counts(question, sentence, span)
    if question.kind == RATING_KIND:  # "What rating did the tornado get?" is not answered by "two"
        return RATING.fullmatch(said) is not None
    if question.kind == FREQUENCY_KIND:  # "How often ...?" is not answered by "10 years", "1933"
        return bool(FREQUENCY.search(said))
    if question.kind == SHARE_KIND:  # "What percentage of adults ...?" is not answered by "1,000 adults"
        return span.label == "PERCENT" or bool(FRACTION.search(said) or IN_EVERY.search(said))
    if question.measures:
        return _measures(question, sentence, span)
    if question.kind == COLOR_KIND:
        return bool(COLOR.fullmatch(said))  # "What color armbands ...?" is not answered by "armbands"
    if ASKS_CLOCK.search(question.text) and span.label in TIMES:
        return span.label == "TIME" or bool(TIME_OF_DAY.search(said))  # "What time ...?": "2 p.m.", not "1979"
    if question.labels == TIMES and question.kind == YEAR_KIND:
        return bool(YEAR.search(said))  # "In which year ...?" is not answered by "February"
    if question.labels == TIMES and question.kind == MONTH_KIND:
        return bool(MONTH.search(said))  # "By which month ...?" is not answered by "12 to 36 hours"
    if question.labels == TIMES and question.kind == DAY_KIND:
        return bool(DAY.search(said))  # "On what date ...?" is not answered by "1998"
    if question.labels == TIMES:  # not the "21" of "people 21 and over", nor how long: "nearly 40 years"
        return bool(TIME_WORDS.search(said) or TIME_UNITS.search(said)) and not _duration(sentence, span)
    return True


def _can_say_who(question: Question, sentence: str, span: Span) -> bool:
    """The name can say who did what "Who ...?" asks about: no place where it happened ("Who sold it?"
    is not answered by where it was sold, "Whose remains were found ...?" not by "[Anchorage]: The
    remains of a man found [west of] Anchorage"), no people's adjective ("the first [Islamic] country"),
    no outlet a source spoke to ("told [CNN]") unless the question asks who said or heard what ("Who
    interviewed the king?": "the king told CNN's [Becky Anderson]")."""
    if span.label in PLACES | {"NP"} and (_heads_roundup_item(sentence, span) or _off_place(span)):
        return False
    if span.label == "NORP" and span.describes:
        return False
    if _told(span) and not question.verbs & (REPORTING | HEARING):
        return False
    if span.label in ORGS and _names_a_persons_body(sentence, span):
        return False  # "the former [Nasa] scientist Donald Kessler": who is the scientist
    return span.label not in PLACES or span.slot is None or span.slot.role not in LOCATIVE


def _names_a_persons_body(sentence: str, span: Span) -> bool:
    """The body's name is followed by a noun for a person and that person's name ("Nasa scientist
    Donald Kessler", "Tesla CEO Elon Musk"): it says whose the person is."""
    after = PERSON_OF_BODY.match(sentence, span.end)
    return after is not None and labels_of_kind(stem(after.group(1).lower())) == PERSON


def _owns(span: Span) -> bool:
    """The name is a possessor ("[Jordan]'s king")."""
    return span.slot is not None and span.slot.role == WHOSE


def _asks_owner(question: Question) -> bool:
    """ "Whose king ...?": a possessor is what it asks for."""
    return question.slot is not None and question.slot.role == WHOSE


def _aged(sentence: str, span: Span) -> bool:
    """The name is followed by an age set off by commas, as news gives a person's ("Staal, 37,")."""
    return AGED_AFTER.match(sentence, span.end) is not None


def _told(span: Span) -> bool:
    """Whom a source spoke to ("told [CNN]", "said to [reporters]"): who heard it, no one who did it."""
    slot = span.slot
    return slot is not None and (
        (slot.role == "obj" and bool(slot.words & TOLD)) or (slot.role == "to" and bool(slot.words & REPORTING))
    )


def _off_place(span: Span) -> bool:
    """A place said to be near where something is ("just [west of] Anchorage", "[north of] Kyiv")."""
    return span.slot is not None and span.slot.role == "of" and bool(span.slot.words & COMPASS)


def _heads_roundup_item(sentence: str, span: Span) -> bool:
    """The place opens the sentence before a colon, as the items of a news roundup do ("Anchorage: The
    remains of a man ..."): where the news happened, no one who did anything in it."""
    return not sentence[: span.start].strip() and sentence[span.end :].lstrip().startswith(":")


def colors(sentence: str) -> list[Span]:
    """The colours a sentence names, as phrases of their own (the parse buries them in their noun's)."""
    return [Span(m.start(), m.end(), "NP", m.group().lower()) for m in COLOR.finditer(sentence)]


def scaled_numbers(sentence: str, kind: str | None, entities: Sequence[Span]) -> list[Span]:
    """The numbers after the scale the question asks for ("a [Level 5] alert" for "What level ...?") that
    no entity holds: the small model sees no number in a name it runs on."""
    return [
        Span(m.start(2), m.end(2), "CARDINAL", m.group(2))
        for m in SCALED_NUMBER.finditer(sentence)
        if stem(m.group(1).lower()) == kind and not any(e.start < m.end(2) and m.start(2) < e.end for e in entities)
    ]


def ratings(sentence: str, entities: Sequence[Span]) -> list[Span]:
    """Ratings on the scales news gives them ("an [EF-2] tornado", "a [Category 4] hurricane") that no
    number of the small model's holds (it calls "EF-2" an organisation)."""
    return [
        Span(m.start(), m.end(), "CARDINAL", m.group())
        for m in RATING.finditer(sentence)
        if not any(e.label == "CARDINAL" and e.start <= m.start() and m.end() <= e.end for e in entities)
    ]


def degrees(sentence: str, entities: Sequence[Span]) -> list[Span]:
    """Temperatures and angles in degrees ("as low as [-4]°C") that no amount of the small model's holds (it
    sees no number in "-4°C"); the sign after the number is added as any amount's is."""
    return [
        Span(m.start(), m.end(), "QUANTITY", m.group())
        for m in DEGREES.finditer(sentence)
        if not any(e.start < m.end() and m.start() < e.end for e in entities)
    ]


def known_place_of_kind(question: Question, span: Span) -> bool:
    """GeoNames knows the name as a place of the kind asked for ("Kabul" for "In which city ...?")."""
    return bool(span.scopes & place_kinds(question))


def place_kinds(question: Question) -> frozenset[str]:
    """The kinds of place the question's "which <noun>" allows: a state of the country it names, or any
    state ("Which state ...?" may ask for a nation)."""
    if question.kind == stem("state") and question.names_country:
        return frozenset({STATE})
    return PLACE_KINDS.get(question.kind or "", frozenset())


def _other_place_kind(question: Question, span: Span) -> bool:
    """GeoNames knows the name, as no place of the kind asked for ("Japan" for "In which city ...?"), or
    the name says it is a building or grounds ("Grand Army Plaza" is in a city, not one) or a region
    ("the Northeast" is no state)."""
    if question.kind not in PLACE_KINDS or known_place_of_kind(question, span):
        return False
    named_otherwise = stem(span.head) in FACILITIES or span.head in REGION_HEADS
    return bool(span.scopes) or (bool(place_kinds(question)) and named_otherwise)


def _street_of_address(sentence: str, span: Span) -> bool:
    """A street after its house number ("308 [Justison St.]"; not "Mayor [Jim Lane]")."""
    return span.head.rstrip(".") in STREET_HEADS and HOUSE_NUMBER.search(sentence, 0, span.start) is not None


def _other_body_kind(question: Question, span: Span) -> bool:
    """The name is headed by a kind of body other than the one asked for ("Middletown High School" for
    "Which restaurant ...?"), or by any body when a known kind of no organisation is asked for
    ("Washington University School of Medicine" for "What drug ...?" or "Which city ...?")."""
    kind = question.kind or ""
    asked, named = BODY_KIND.get(kind), BODY_KIND.get(stem(span.head))
    if named is None:
        return False
    if asked is None:
        return labels_of_kind(kind) not in (None, ORGS)  # "Which company ...?" may be answered by a band
    return named != asked


def surely_other_place(question: Question, span: Span) -> bool:
    """GeoNames knows the name as another kind of place only, and as no state, whose names cities share
    ("Afghanistan" for "In which city ...?"; not "New York", a state to GeoNames)."""
    return _other_place_kind(question, span) and STATE not in span.scopes


def _duration(sentence: str, span: Span) -> bool:
    """It says how long, not when ("for nearly 40 years", "the first in 40 years"; "in two weeks" is a
    when)."""
    when = IN_TIME.search(sentence[: span.start])
    since = when is not None and SINCE_FIRST.search(sentence[max(0, when.start() - 60) : when.start()])
    return (when is None or since is not None) and DURATION.match(sentence[span.start : span.end].strip()) is not None


def _increment(question: Question, sentence: str, span: Span) -> bool:
    """A count of more of something ("24 [more] people", "97 [additional] deaths") when the question
    asks for no more: it adds to a total, it is none."""
    said = INCREMENT.match(sentence, span.end)
    return said is not None and said.group(1).lower() not in question.text.lower()


def _counts(question: Question, sentence: str, span: Span) -> bool:
    """A number that can count what "How many ...?" asks about: not one hyphened to another word
    ("zero-Covid", "two-year", "100,000-square-foot") unless the question names that word or counts it,
    not a clock ("01:18"), and a number at all ("at least weekly" says how often)."""
    said = sentence[span.start : span.end]
    if CLOCK.fullmatch(said.strip()) or FRACTION.search(said):
        return False  # "01:18" is a time; "about one-third" of them is a share, no count
    if not amounts(said) and ZERO.search(said) is None:
        return False
    glued = GLUED_WORD.match(sentence, span.end) or HYPHENED_WITHIN.search(said)
    if glued is None:
        return True
    word = glued.group(1).lower()
    return stem(word) in question.terms or noun_stem(word) == question.kind  # "1,736-person" counts people


def _plural(noun: str | None) -> bool:
    """ "people", "vehicles": things counted, not the one thing a measure is of ("a magnitude 5.9 [earthquake]")."""
    said = (noun or "").lower()
    return said in IRREGULAR_PLURALS or (said.endswith("s") and not said.endswith("ss"))


def _counts_things(sentence: str, span: Span) -> bool:
    """A bare number of countable things ("11 [stations]"), in no unit ("13 inches", "23 million tons")."""
    counted = span.counts
    return (
        span.label == "CARDINAL"
        and counted is not None
        and counted.isalpha()  # "about 4[°]C" is a measure
        and unit_of(sentence, span.start, span.end) is None
    )


def _measures(question: Question, sentence: str, span: Span) -> bool:
    """A measurement of what "How long/heavy/... ?" asks: a length, not the weight beside it; a bare
    count or a sum of money measures nothing, nor does a time of day or a day ("How long did the quake
    last?" is not answered by "10:23 a.m." or "Friday")."""
    said = sentence[span.start : span.end]
    if TIME_OF_DAY.search(said) or (span.label in TIMES and DAY.search(said)):
        return False
    if other_measure(question.text, sentence, span.end):
        return False  # "100 yards long" for "How wide ...?"
    unit = unit_of(sentence, span.start, span.end)
    if unit is None:  # no unit we know: a number all the same, and no year ("annual", "2019" measure nothing)
        return span.label in MEASURED and bool(amounts(said)) and not (span.label == "DATE" and YEAR.search(said))
    if question.kind and question.kind in TIME_UNIT_KINDS:
        return stem(unit) == question.kind  # "How many minutes ...?" is not answered by "two hours"
    return dimension_of(sentence, span.start, span.end, unit) in question.measures
