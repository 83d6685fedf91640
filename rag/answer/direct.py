"""The direct answer: the span of a quoted sentence that answers a short question ("the Oreshnik
ballistic missile", "Houston", "300,000"), shown first, with the quote that proves it after it.

Candidates are the named entities of the kinds the question expects (a person, a place, a date, an
amount), and for questions of no entity kind ("which grocery item") the noun phrases, of the best
shortlisted sentences. A candidate must say something the question does not (its words are not all in
the question), and a news credit ("(CNN)", "Reuters reported") is not an answer. Each candidate is
scored by a small conditional-logit model (weights fitted by bench/calibrate.py) over:
- fit: how well its kind fits (the expected entity label, a phrase headed by the asked-for noun, a
  name the sentence or GeoNames calls that kind: "the city of Miyakonojō", "Kabul" for "which city";
  for a question of no kind, a phrase in the asked role: "feed on [jellyfish]");
- closeness: how near it stands to the question's words in its sentence (next to them when it plays
  the asked role, below, however far it stands in the text);
- evidence: how well its sentence answers relative to the best sentence (shown earlier in the
  conversation or not: a follow-up's answer may stand in a sentence already quoted);
- support: how many of the relevant shortlisted sentences name it (a repeated answer is likelier);
- title: the article's title names it, the more the nearer its start (a headline names its news
  first: "Walmart is slashing prices ..."; the "Washington" of "Texas Gov. Abbott sent more than 5,100
  migrants to Washington" does not answer "Which DC mayor ...?"); a common noun as the headline's
  subject only ("Wild boars in Europe can't shake off ..."; not the "repairs" of "Ferry resumes after
  repairs"); times its fit ("Post Malone cancels Boston concert" names no arena);
- entity: a named entity rather than a plain noun phrase;
- role: it plays the role in its sentence that the question asks about (the subject of "caused" for
  "What caused ...?", the object of "of" after "sale" for "the sale of which team?").
A candidate's probability is the softmax of its score over all the question's candidates, pooled over
the independent reports of the same answer (a copy of a sentence in another article is no second
report; "22", "$22" and "up to $22" are one amount; so are "Salem" and "Oregon" of "Salem, Oregon" for
"where", a list's names for "which companies", "Gov." and "Texas Gov." for "who is"): it is high when
one answer stands out. Spans of the right label but not of the asked kind are no candidates (kinds.py).
The best is the direct answer when that clears a bar; otherwise there is none (never a guess). Its
offsets are file offsets inside its sentence, so it lies inside the quote cited.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from index.sentences import is_abbreviation
from rag.answer.evidence import FACT_LABEL, MONTHS, SHORT_MONTHS, WEEKDAYS, is_near_duplicate, same_list, with_texts
from rag.answer.kinds import (
    COMMON_BODIES,
    COMMON_DOERS,
    FACILITIES,
    MONTH,
    PLACE_KINDS,
    SAID_IN_NAME,
    SCALES,
    YEAR,
    colors,
    degrees,
    known_place_of_kind,
    of_asked_kind,
    ratings,
    scaled_numbers,
    surely_other_place,
)
from rag.answer.language import (
    ABBREVIATED_TITLES,
    CHANGE_FROM,
    COMPARED,
    DESCRIBED,
    LIST_END,
    QUALIFIERS,
    REPORTING,
    TITLE_ROLES,
    TITLES,
)
from rag.answer.places import CITY, CONTINENT, COUNTRY, STATE
from rag.answer.question import (
    AGE_KIND,
    AMOUNTS,
    COLOR_KIND,
    COUNTS,
    NAMES,
    NUMBERS,
    PERSON,
    PLACES,
    RATING_KIND,
    TIMES,
    WHO_ANSWERS,
    asks_who_holds_role,
    labels_of_kind,
)
from rag.answer.units import with_magnitude_letter, with_rate, with_unit_sign
from rag.text import (
    AMOUNT_WORDS,
    ROLE_INITIALS,
    SPELLED_OUT,
    WORD,
    contains_words,
    content_terms,
    derived,
    normalize,
    noun_stem,
    numbers,
    stem,
    stopwords,
    verb_stem,
    verb_stems,
    word_position,
    words,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from rag.answer.evidence import SentenceEvidence
    from rag.answer.language import Annotation, Slot, Span
    from rag.answer.question import Question
    from rag.answer.retrieve import RetrievedChunk

LEADING = re.compile(  # an article or possessive, or a list's bullet ("• Buffalo Niagara International Airport");
    # not the "some" of an amount, which says it is approximate ("some 50,000 visitors")
    r"^(?:[•·▪►◦*\"“‘]\s*|(?:the|a|an|its|their|his|her|this|that|these|those|our|some(?!\s+\d))\s+)",
    re.IGNORECASE,
)
INITIALISM = re.compile(r"(?:^|[\s(])(?:[A-Z]\.){2,}$")
TRAILING = re.compile(r"(?:['’]s|[\s,;:.!?\"“”'’)(-]+)$")
DAY_OF_SOMETHING = re.compile(r"(?:first|last|final|next|same|following)\s+day", re.IGNORECASE)
NUMBER_WORDS = AMOUNT_WORDS | frozenset("one zero none no few several handful single".split())  # an amount says one
VAGUE = frozenset(
    "it he she they them this that these those who which what one thing things people someone something week "
    "year day today yesterday monday tuesday wednesday thursday friday saturday sunday millions thousands "
    "hundreds dozens billions".split()
)
CREDIT = re.compile(r"^\s*\(?[A-Z][\w .&'-]{1,40}\)\s*$|^\s*[A-Z .]{2,30}\s*[—–-]\s*$")
BARE_NUMBER = re.compile(r"\d[\d,.]*")
AMOUNT_BEFORE = re.compile(r"\d[\d,.]*\s*[^\W\d]*\s*$")  # "70 feet (21 meters)": the same amount in other units
# "Julian Finney/Getty Images ", "Ena/AP ", "Gregg Newton/AFP via Getty Images " (the model may start at "Getty")
PHOTO_CREDIT = re.compile(r"\S+/[A-Z][\w-]*(?:\s+via\s+Getty)?(?:\s+Images)?\s+|\bGetty\s+Images\s+")
# after a person's name, what names a government or a time for them: "the Biden administration", "the Trump era"
ATTRIBUTIVE = re.compile(r"['’]?\s+(?:administration|era|presidency|regime|government|campaign|doctrine)s?\b")
NUMBER_PAIR = re.compile(r"[-–]\d+(?:\.\d+)?\b(?![-–]?\w)")  # the second number of "4-1", not "4-year-old"
FILED_FROM = re.compile(r"^(?:[A-Z]{2,}[.,]?\s+)+[-–—]+\s+")  # "PHOENIX - ", "WASHINGTON — ": the dateline's city
# what the small model runs on after a name or a date: a match's result ("2-1"), the current period
SAID_AFTER = re.compile(r"\s+(?:\d{1,2}-\d{1,2}|this\s+(?:year|month|week))$", re.IGNORECASE)
# a month before the days its date runs on: "[June 14-15]" is no name run into a score
MONTH_BEFORE_DAYS = re.compile(rf"\b(?:{MONTHS}|{SHORT_MONTHS})\.?$", re.IGNORECASE)
# what makes the current period run on a time relative to it ("[earlier] this month"): nothing of it is a date
RELATIVE_BEFORE = re.compile(r"\b(?:earlier|later|early|late)$", re.IGNORECASE)
SPELLED_PERCENT = re.compile(r"\s*\bper\s?cent\b", re.IGNORECASE)  # "20 percent" is "20%"
# a name hyphened to a word before a noun, which it only says the kind of: "NFL[-record price]"
HYPHENED_WORD = re.compile(r"-(?P<word>[a-z]+)\s+(?P<noun>[a-z0-9]\w*)")
MULTIPLIER = re.compile(r"\s*(?:times|-fold)\b", re.IGNORECASE)  # "26 times the weight", "a 10-fold rise"
MULTIPLIER_WORD = "times"
CURRENCY_SIGN = re.compile(r"[$€£¥]")
RANGE_START = "between"  # "[between] $7 million and $8 million": a range's word, kept with the sum
# after a count's noun, what makes it a difference or a remainder: "three seats [short] of the 218"
COUNT_QUALIFIERS = frozenset("short shy behind ahead ago more fewer less left remaining away apart".split())
LIST_NUMBER = re.compile(r"\d{1,2}[.)]\s")  # "6. Credit Suisse denies ..."
# after a place: "Washington (CNN)", "Kyiv —" (not a ticker: "Centrica (CPYYF), a UK energy company,")
DATELINE = re.compile(r"\s*(?:\([A-Z][\w .&'-]{1,40}\)(?!\s*,)|[—–])")
# "the operator Baltica Lines", "its operator, Baltica Lines", "Gov. Matt Bevin"
KIND_BEFORE = re.compile(r"([\w-]+)\.?\s*,?\s*[“\"‘']?$")  # also before a quoted name: "her show, “Waitress,”"
PLACE_OF = re.compile(r"([\w-]+)\s+of\s*$")  # "the city of Miyakonojō", "the island of Kyushu"
TICKER = r"(?:\s*\([A-Z.]{1,8}\))?"  # "Centrica (CPYYF), a UK energy company,"
KIND_AFTER = re.compile(
    rf"^{TICKER}\s*,\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,2}}?([\w-]+)\s+(?:in|on|near|about|some|just|\d)\b"
    rf"|^{TICKER}\s*,\s*(?:the|a|an|its|their)?\s*(?:[\w'’-]+\s+){{0,2}}?([\w-]+)\s*"
    r"(?:[,.;)]|$|\b(?:that|which|who|of|for|at|to)\b)"
)  # ", the ferry operator,", ", a site that detects ...", ", the agency’s director-general,", ", head of ...",
# ", a town on the southern coast of Newfoundland", ", the first president to enjoy ..."
ONE_OF = re.compile(  # "Frostproof [was one of the few Polk County cities] where ...": one of the asked kind
    r"^\s+(?:is|was|are|were|has been|had been|will be|remains|remained)\s+(?:one of|among)\s+"
    r"((?:[\w'’.-]+\s+){0,5}[\w'’.-]+)"
)
KIND_PHRASE_ENDS = frozenset({"where", "that", "which", "who", "whose", "when", "to", "in", "since", "after"})
BECAME = re.compile(  # "Daniel Cameron [was elected attorney general]", "[was named CEO] of Twitter"
    r"^\s+(?:(?:was|is|were|has been|had been|will be)\s+)?(?:elected|appointed|chosen|selected|became|becomes|"
    r"sworn in as|hired as|named)\s+(?:as\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+)?((?:[\w'’-]+\s+){0,2}[\w'’-]+)"
)
SCALE_BEFORE = re.compile(rf"\b({SCALES})\s+$", re.IGNORECASE)
NAMED_AS = re.compile(
    r"\b(?:dubbed|named|called|nicknamed|christened|renamed|known(?:\s+[a-z]+ly)?\s+as|born|name (?:is|was))"
    r"\s*(?:the\s+)?[“\"']?\s*$",  # also "known [locally] as"
    re.IGNORECASE,
)
# "change the name of Saginaw Bay to [Skanax Bay]", "renamed the stadium to [Orion Park]": a name given
RENAMED_TO = re.compile(
    r"\b(?:renam\w*|chang\w*\s+(?:the|its|their|his|her)\s+name)\s+(?:of\s+)?[^,.;]{0,60}?\bto\s*[“\"']?\s*$",
    re.IGNORECASE,
)
PERSONS_NAME = re.compile(r"\b(?:his|her)\s+(?:\w+\s+)?name\b", re.IGNORECASE)  # "changed [his] name to"
HONORIFIC = re.compile(r"\b(?:Dr|Prof|Professor|Rev|Mr|Mrs|Ms|Miss|Sir|Dame)\.?\s*$")  # "commissioner [Dr.] Janet"
DEFINITE = re.compile(r"^(?:the|this|that)\s", re.IGNORECASE)
OPENS_ON_ARTICLE = re.compile(r"(?:an?|the)\s", re.IGNORECASE)  # a phrase with an article of its own: "[an] Emmy"
NAMED_WORDS = 4  # the words before "named", "whose name is" that say what is named
MAX_WORDS = 8  # longer spans are sentences, not answers
PEOPLES_PLACE_LENGTH = 5  # letters of a place's stem that a people's adjective is told by
AT_BEFORE = re.compile(r"\bat\s+(?:the\s+)?$", re.IGNORECASE)  # "at [the] Riverfront Events ..."
IN_TOWN_AFTER = re.compile(r",?\s+in\s+[A-Z]")  # "... in Wilmington": a venue's town
KIND_NAMED_EXTRA = 2  # sentences beyond the best parsed for naming a thing of the asked kind
# "Bridgestone [Arena]": a capitalised word after another, each such pair ("King [Power] [Stadium]")
NAME_ENDING = re.compile(r"\b(?=[A-Z][\w'’.&-]*\s+([A-Z][a-z]+)\b)")
# a name that goes on after the word ("FDA's Vaccines [and Related Biological ...]"), unless it is a person's
# title before a person's name ("City Manager [David Dyess]")
NAME_GOES_ON = re.compile(r"\s+(?:(?:and|of|for|&)\s+)?[A-Z]")
# a lower-case title right before a person's full name ("general [manager] Rick Hahn")
TITLE_BEFORE_NAME = re.compile(r"\b([a-z]+)\s+(?=[A-Z][a-z]+\s+[A-Z][a-z]+)")
OTHER_COUNT = 0.7  # the fit of an amount of something else than "how many" asks about ("14 [people]")
# nouns that count people by what befell them, and the words of a question that asks how many it befell:
# "at least 77 [deaths]" answers "How many people did Rammasun kill?"
DIED = frozenset("die dead death kill".split())
FATES = {"death": DIED, "fatal": DIED, "injuri": frozenset("injur injuri hurt wound".split())}  # stems
ROLE_UNSAID = 0.7  # the fit of a name the sentence does not call what the question asks for ("Which mayor ...?")
QUESTION_NAME = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)+")  # not its first word
# the part before a count of the whole ("At least 18 of Arizona's [22] tribes", "two of the [five] judges")
PART_OF = re.compile(
    rf"\b(?:\d[\d,.]*%?|{'|'.join(sorted(NUMBER_WORDS | {'most', 'all', 'half', 'many', 'some'}))})\s+of\s+"
    r"(?:the\s+|its\s+|their\s+|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s+)?$",
    re.IGNORECASE,
)
PART_ASKED = re.compile(r"\bhow (?:many|much) of\b", re.IGNORECASE)  # "How many of Arizona's tribes ...?"
# the part before "out of" and the whole after it: "99 out of [100] members", "nine out of [10] Americans"
COUNT = rf"(?:\d[\d,.]*|{'|'.join(sorted(NUMBER_WORDS))})"  # a count in digits or in words
OUT_OF_WHOLE = re.compile(rf"\b{COUNT}\s+out\s+of\s+$", re.IGNORECASE)
OUT_OF_AFTER = re.compile(rf"\s+out\s+of\s+{COUNT}\b", re.IGNORECASE)
# a name of the question's, its words joined by the small words names hold ("Movies at Midway", "Bank of America")
QUESTION_LONG_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?: (?:(?:at|of|on|the|and|for|de|in) )*[A-Z][\w'’.-]*)+")
POSSESSOR = re.compile(r"([\w .&-]*\w)['’]s\s")  # the name before "'s" in a name ("Harvard University's ...")
POSSESSIVE = re.compile(r"['’]s?$")
CAPITALISED_RUN = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*")  # not the first word
LAST_WORD = re.compile(r"([\w-]+)\W*$")  # a span's last word, without a point after it ("Sgt", "Biden")
SUFFIX = r",?\s+(?:Jr|Sr|II|III|IV)\b\.?"  # after a surname ("Jimmy Haslam III", "Grainger Browning Jr.")
NAME_SUFFIX = re.compile(rf"{SUFFIX}$")
TITLE_WORDS = 4  # words before a name in a title that halve its title feature (one, for a common noun)
AGENT_ENDINGS = ("er", "or")  # the stem of who does it, after the verb's ("own" -> owner, "creat" -> creator)
OPEN_WH_WORDS = frozenset({"which", "what", "who", "whom", "whose", "when", "where", "how"})  # "misstated [which] ..."
# stems of the words after which a wh-word opens a question left open, not a relative clause
LEAVES_OPEN = frozenset(
    "ask certain clear confirm debat decid determin disclos explain identifi investig know learn misidentifi "
    "misreport misstat question reveal say specifi sure tell uncertain unclear unknown wonder".split()
)
CLAUSE_TOKEN = re.compile(r"[^\W_][\w'’-]*|[,;:()—–]")
RAISED_WITHIN = 4  # words after the wh-word where the asked kind or verb stands ("which [basketball] league")
BACK_REFERENCES = frozenset({"it", "he", "she", "they", "this", "that", "these", "those"})
SHORT_ANSWER_WORDS = 12  # a sentence that answers the one before it says little else
MIN_NEW = 0.5  # share of a candidate's words the question must not already have
MIN_RESTATED = 2  # content terms a question needs before a clause saying them all restates it
# the month or year right after an amount that it is said of ("238 [in January]")
TIME_AFTER = re.compile(rf"(?:\s+\w+){{0,2}}?\s+(?:in|during|for|by)\s+({MONTHS}|(?:19|20)\d\d)\b", re.IGNORECASE)
ASKED_QUALIFIER = re.compile(
    rf"\b({'|'.join(' '.join(q) for q in QUALIFIERS)})(?:\s+(?:how\s+(?:many|much)|what)\b|\s*\?\s*$)", re.IGNORECASE
)  # "Up to how many ounces ...?", "Around what value ...?", "What were the gusts up to?"
MORE_OF = re.compile(rf"\s(?:{'|'.join(sorted(COMPARED))})\s*$", re.IGNORECASE)  # "4 million [more] gallons"
ACCORDING_TO = re.compile(r"\baccording to (?:the )?((?:[A-Z][\w.&'’-]*\s?)+)")  # the source a question names
ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)  # a question about whom a claim is credited to
ACCORD = verb_stem("accord")  # the word "according to" hangs its source on
SUPPORT_EVIDENCE = 0.5  # a mention counts as support when its sentence scores at least this share of the best
Mention = tuple[str, int]  # a candidate's file and start
AGE_SPAN = re.compile(  # "17-year-old", "17 years old", "eight months old"
    rf"(\d{{1,3}}|one|{'|'.join(sorted(AMOUNT_WORDS))})[- ](years?|months?|weeks?|days?)[- ]old\b", re.IGNORECASE
)
# a measure before a noun phrase describes the one thing, not what it is ("a [six-foot long] great white
# shark", "a [5-year-old] southern sea otter")
MEASURE_BEFORE = re.compile(
    rf"^(?:\d[\d,.]*|one|{'|'.join(sorted(AMOUNT_WORDS))})-[\w-]+(?:\s+(?:long|tall|old|wide|high|deep|heavy))?\s+(?=\w)",
    re.IGNORECASE,
)
WEEKDAY = re.compile(rf"\b(?:{WEEKDAYS})\b", re.IGNORECASE)
AGE_IN_SPAN = re.compile(r"(?:at\s+)?(?:the\s+)?(?:age(?:\s+of)?|aged)\s+(\d{1,3})", re.IGNORECASE)
# "a 16-year-old" standing for someone (a noun: a comma or a verb after it), unless said of a name before it
AGED_ONE = re.compile(r"\d{1,3}-year-old(?=\s*,|\s+(?:who|was|is|said|says|told|died|had|has)\b)", re.IGNORECASE)
INDEFINITE = re.compile(r"(?:^|\s)an?\s+$", re.IGNORECASE)
# "tools[, such as] a cap", "televangelists[ – including] Kenneth Copeland": what comes next is one of them
EXAMPLES = r"(?:,|\s+[–—])?\s+(?:such\s+as|including|like)\s"
EXAMPLES_AFTER = re.compile(EXAMPLES, re.IGNORECASE)
EXAMPLE_OF = re.compile(rf"([\w-]+){EXAMPLES}\s*(?:an?\s+|the\s+)?$", re.IGNORECASE)
SAID_OF_BEFORE = re.compile(r"(?:,|\b(?:was|is|been|as))\s+(?:an?|the)\s+$", re.IGNORECASE)
BARE_AGE = re.compile(r"\d{1,3}(?:\s+(?:months?|weeks?|days?))?")  # "Dina Boluarte, 60,", "Danielle Bell, 19 months,"
# "aged 23", "at age 23", "at the age of 23", "He was 67.", "when she was 14", "He died at 81"
AGED = re.compile(
    r"\b(?:aged?|age of|(?:died|dies|passed away)\s+at)\s+$"
    r"|(?:^|[.!?]\s+|\b(?:when|while|since)\s+)(?:he|she|i|they|we)\s+(?:was|is|were)\s+$",
    re.IGNORECASE,
)
# People and papers are named in full once, then by their last words ("Russo" for "Alessia Russo", "the
# Times" for "The New York Times"); an institution's generic last word is not followed: "the House" is not
# "the White House", though the small model calls both an ORG in one article.
ROLE_OF = re.compile(r"([\w-]+)\s+(?:of|at)\s+(?:the\s+)?$")  # "CEO of [Twitter]"
TITLE_BEFORE = 40  # characters before a name where its title stands
# the words right before a name that may be its title and the body it is of: capitalised, or "and"
TITLE_RUN = re.compile(r"(?:\b[A-Z][\w&'’.-]*|\band\b|&)(?=(?:\s+(?:[A-Z][\w&'’.-]*|and|&))*\s+$)")
MAX_TITLE_WORDS = 8
# a role in lower case after the body's name: "Subic town mayor", "Halvard's treasurer"
LOWER_TITLE = re.compile(r"(?P<body>(?:\b[A-Z][\w&'’.-]*\s+)+(?:[a-z][\w-]*\s+){0,2}?)(?P<role>[a-z][\w-]*)\s+$")
OWNER_BEFORE = re.compile(r"\b[A-Z][\w&.-]*['’]s?\s+(?:[\w-]+\s+){0,3}$")  # "Albertsons' [chief] CEO"
# a role at a body in apposition after a name: "Chris Hilton, an attorney with the Texas attorney general's office,"
APPOSED_ROLE_AT = re.compile(
    r",\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?P<role>[\w-]+)\s+(?:with|at|of|for)\s+(?:the\s+)?(?P<body>[^,;.]{2,60})"
)
OWNER_AFTER = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+)?[A-Z]")  # "CEO of Incyte"
# "Who is the UK's finance minister?" asks who holds the role now (not "Who was ...", "Who is the former ...")
ASKED_NOW = re.compile(r"^\s*who\s+(?:is|are)\b(?![^?]*\b(?:former|ex|then|previous|late)\b)", re.IGNORECASE)
FORMER_TITLE = re.compile(  # a role held before, titled right before the name (not "then sought advice from")
    r"(?:\b(?:former|onetime|one-time|erstwhile|previous)\s+|\b(?:ex|then)-)"
    r"(?:(?!(?:from|to|with|by|for|said|says|told|and|but|who|that|as|at|in|on)\s)[\w.'’&-]+\s+){1,4}$",
    re.IGNORECASE,
)
PHRASE_WORD = re.compile(r"\S+")
# the parties news names before a politician's name ("Republican Tate Reeves")
PARTIES = frozenset("republican democrat democratic gop labour conservative tory liberal independent".split())
SAME_PARTY = {"democratic": "democrat", "gop": "republican", "tory": "conservative"}
# the other end of a change or range: "[$1.9 billion] to $2.04 billion", "from $1.9 billion to [$2.04 billion]"
RANGE_AFTER = re.compile(r"\s+(?:to|and)\s+(\S*\d[\d,.]*(?:\s+(?:million|billion|trillion))?)")
CHANGE_GOES_ON = re.compile(r"\s+to\s+\S*\d")  # "from [$10] to $24": the change goes on to another amount
RANGE_BEFORE = re.compile(r"(\S*\d[\d,.]*(?:\s+(?:million|billion|trillion))?)\s+(?:to|and)\s+$")
# the other side of a comparison: "earnings of $1,173, compared with just [$712] a week for ..."
COMPARED_BEFORE = re.compile(
    r"\b(?:compared (?:with|to)|versus|vs\.?|as opposed to)\s+(?:just |only |about |roughly |nearly |almost )?$",
    re.IGNORECASE,
)
CLAUSE_END = re.compile(r"[,;.]")
# places news names one way: a US state or a city (a country goes by many names: "US", "America")
UNALIASED_SCOPES = frozenset({STATE, CITY})
DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")  # "U.S.", "u.k."
ACRONYM = re.compile(r"[A-Z]{2,8}")  # a name by its initials ("THAAD", "OSHA")
NAME_PARTS = re.compile(r"[\s-]+")
QUOTES = "\"'“”‘’"
INITIAL = re.compile(r"[A-Z]\.")  # a genus before its species ("E. coli")
# "Osama [bin] Laden", "Pinar [del] Rio"
SURNAME_PARTICLES = frozenset("de la le du da di del della dos das des von van der den al el bin ibn abu".split())
NEXT_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas)\s|;\s")  # where the clause after an answer starts
AMOUNT_HYPHENED = re.compile(r"-([A-Za-z]+)$")  # the word hyphened to the end of an amount ("7.4-magnitude")
OWNS = re.compile(r"['’]s\b")  # a possessive's ending
DESCRIBING_COMPOUND = re.compile(r"-[a-z]+$")  # "US-based", "Saudi-led": a word hyphened to a lower-case one
HYPHENED_TO_LOWER = re.compile(r"-[a-z]")  # the same, read from where the capitalised word ends
OTHER_SIDE = {"subj": "obj", "obj": "subj"}  # of a verb: who does it, and to what
# lower-case words inside names ("Committee to Protect Journalists", "al Qaeda", "Ludwig van Beethoven")
NAME_GLUE = frozenset("of the and for to".split()) | SURNAME_PARTICLES
REFERRED_BY_PART = frozenset({"PERSON", "ORG"})
GENERIC_HEADS = frozenset(
    "house senate court department party union council committee office agency bank service university "
    "association commission ministry government league board authority company group".split()
)


@dataclass(frozen=True)
class DirectOptions:
    """The candidate model: score = sum of weight x feature; probability = softmax over the question's
    candidates. Fitted on shared/bench/realtimeqa/questions.jsonl by bench/calibrate.py."""

    # Not fitted: on the dev questions nearly every candidate of an entity question fits (all ORGs for
    # "which team"), so the data cannot tell; a phrase headed by the asked-for noun, or an entity of the
    # asked-for kind, is taken to be clearly likelier than one of another kind.
    fit: float = 2.0
    closeness: float = 3.012
    evidence: float = 3.659
    support: float = 1.374
    title: float = 3.224
    entity: float = -1.224
    role: float = 0.784
    min_score: float = 0.4  # the probability under which there is no direct answer (wrong ones count against)


@dataclass(frozen=True)
class Candidate:
    sentence: SentenceEvidence
    start: int  # offsets in the source file
    end: int
    text: str
    label: str
    fit: float
    closeness: float
    title: float
    role: float = 0.0
    # how it is known to be what the question asks for: the sentence says so ("the Russian newspaper
    # [Izvestia]"), GeoNames knows the place, or only its label says so
    kind_known_by: Literal["said", "gazetteer", "label"] = "label"
    # the sentence next to its own that says with it what is asked, whose evidence counts for this name:
    # the next one, when it speaks of the asked thing as "the <kind>" ("It's called the [Salton Sea]. The
    # toxic lake is the most abundant source of lithium"), or the one before, when it asks what this one
    # answers ("... misstated which basketball league Fox Sports broadcasts. It is the [National
    # Basketball Association].")
    said_with: SentenceEvidence | None = None
    narrower: int | None = None  # file offset of a place this place says where is (language.Span.narrower)
    # its sentence, or a relative clause on it, says all the question asks, and it plays the asked role
    # ("Howard Webb, who is now in charge of Premier League officials," for "Who is in charge of Premier
    # League officials?"; "After South Korea, Pelosi will travel to [Japan]." for "Where did Pelosi
    # travel after South Korea?")
    restates: bool = False
    counts: str | None = None  # the stemmed noun a count counts: "five [people]" and "five [states]" differ
    support: float = 0.0
    evidence: float = 0.0
    score: float = 0.0  # the model's probability that this is the answer
    answer: str = ""  # the key of the answer it names (fuller_names): its own, or a fuller name's

    @property
    def key(self) -> str:
        return normalize(self.text)

    @property
    def mention(self) -> Mention:
        return (self.sentence.source, self.start)

    @property
    def in_full(self) -> bool:
        """It names its answer in full (not "Hartwig" where the article says "Lena Hartwig"); an amount
        when it says no more than its figures ("20%", "20 percent"; not "up to $22")."""
        plain = normalize(SPELLED_PERCENT.sub("%", self.text))
        return self.answer in ("", self.key, plain) or ACRONYM.fullmatch(self.text) is not None  # "THAAD" is a name too

    def features(self) -> dict[str, float]:
        return {
            "fit": self.fit,
            "closeness": self.closeness,
            "evidence": self.evidence,
            "support": self.support * self.fit,
            "title": self.title * self.fit,  # the headline names it, as what the question asks for
            "entity": float(self.label != "NP"),
            "role": self.role,
        }


def find_candidates(
    question: Question, sentences: Sequence[SentenceEvidence], annotations: Sequence[Annotation]
) -> list[Candidate]:
    """Every span of the sentences that could answer `question`, not yet scored: its entities of the
    asked kind, and noun phrases when no entity kind is asked for, or names that play the asked role or
    that the sentence says are of the asked kind (the small model misses or mislabels names: "Pfizer
    says ..." for "Which company said ...?", "Schuld is among the worst-hit villages")."""
    found: list[Candidate] = []
    for sentence, annotation in zip(sentences, annotations, strict=True):
        if raises_question(question, sentence.text):
            continue  # its names are not the answer it leaves open (the next sentence may give it)
        phrases = [p for p in annotation.phrases if _phrase_answers(question, p, annotation, sentence.text)]
        mislabelled = [  # "on [Bannon]'s talk show", a facility to the small model, for "On whose talk show ...?"
            replace(e, label="NP", proper=True)
            for e in annotation.entities
            if e.label in NAMES and e.label not in question.labels and _in_slot(question, e)
        ]
        spans = [
            *annotation.entities,
            *phrases,
            *mislabelled,
            *(annotation.lists if question.plural else ()),
            *(annotation.titles_of_names if question.describes else ()),
            *(colors(sentence.text) if question.kind == COLOR_KIND else ()),
            *(scaled_numbers(sentence.text, question.kind, annotation.entities) if question.labels & AMOUNTS else ()),
            *(ratings(sentence.text, annotation.entities) if question.kind == RATING_KIND else ()),
            *(degrees(sentence.text, annotation.entities) if question.labels & AMOUNTS else ()),
        ]
        named = _sides_named(question, annotation, sentence.text)
        spans = [s for s in spans if not _done_to_the_named(question, s, named)]
        candidates = (c for span in spans if (c := _candidate(question, sentence, span)) is not None)
        found.extend(c for c in candidates if not _cut_to_peoples_adjective(c, annotation))
    found = _answered_next(question, sentences, _referred_back(question, sentences, annotations, found))
    # a heading's, a question's names dilute no answer, nor say who holds the role ("LEAD ACTRESS, COMEDY
    # SERIES"); a question may still pair with the answer after it
    found = [c for c in found if c.sentence.answers_type]
    return _of_said_kind(question, _holders_of_role(question, _restating(_with_larger_places(question, found))))


def _sides_named(question: Question, annotation: Annotation, sentence: str) -> list[Span]:
    """The sentence's phrases in the asked role of a verb that the question names ("the Lightning" of
    "The Avalanche beat the Lightning" for "Which team did the Lightning beat?")."""
    asked = question.slot
    if asked is None or asked.role not in OTHER_SIDE:
        return []
    return [
        side
        for side in (*annotation.entities, *annotation.phrases)
        if side.slot is not None
        and side.slot.role == asked.role
        and set(terms := content_terms(sentence[side.start : side.end])) <= question.terms
        and bool(terms)
    ]


def _done_to_the_named(question: Question, span: Span, named: Sequence[Span]) -> bool:
    """The span plays the other side of the question's verb, whose asked side is what the question names
    (`named`, _sides_named: "[The Avalanche] beat the Lightning" for "Which team did the Lightning beat?"):
    the sentence tells who did it to them, not whom they did it to (nor, for "Who beat the Lightning?", whom
    they beat)."""
    asked, played = question.slot, span.slot
    if not named or asked is None or played is None or OTHER_SIDE.get(asked.role) != played.role:
        return False
    if not any(derived(a, b) for a in played.words for b in asked.words):
        return False  # another verb ("King Abdullah II told [CNN's Becky Anderson]" for "Who interviewed him?")
    return any(bool(side.slot.words & played.words) for side in named if side.slot and not side.overlaps(span))


def _without_passing_amounts(question: Question, found: list[Candidate], best: float) -> list[Candidate]:
    """Times and amounts are everywhere in the news: one that has no word of the question near it and
    plays no asked role, in a weak sentence (under half the best) or one that says no word of the
    question at all, beside a better one ("Last year the council paid ..." for "When will the ferry
    resume?", beside the ferry's own sentence; "Building work starts in March" for "When was the company
    founded?"), is of something else."""
    if not question.labels or not question.labels <= TIMES | AMOUNTS:
        return found
    return [
        c
        for c in found
        if c.closeness > 0
        or c.role > 0
        or c.title > 0
        or c.sentence.strength >= best
        or (c.sentence.strength >= SUPPORT_EVIDENCE * best and c.sentence.coverage > 0)
    ]


def _without_other_places(
    question: Question,
    asked: Sequence[Span],
    found: list[Candidate],
    annotations: Sequence[Annotation],
    sentences: Sequence[SentenceEvidence],
) -> list[Candidate]:
    """A time, an amount or a who in a sentence that names another place of the kind the question names,
    and not the question's, is of something else ("a $7 billion investment in an Arizona factory" for "How
    much will Intel invest in the Ohio site?", "In Georgia, Republican Senate nominee Herschel Walker" for
    "Who is the Republican Senate nominee in Arizona?")."""
    places = [(e.scopes & UNALIASED_SCOPES, question.text[e.start : e.end]) for e in asked]
    places = [(scopes, name) for scopes, name in places if scopes]
    if not places:
        return found
    elsewhere = {
        id(sentence)
        for sentence, annotation in zip(sentences, annotations, strict=True)
        if any(
            not re.search(rf"\b{re.escape(name)}\b", sentence.text, re.IGNORECASE)
            and any(e.scopes & scopes for e in annotation.entities)
            for scopes, name in places
        )
    }
    return [c for c in found if id(c.sentence) not in elsewhere]


def _cut_to_peoples_adjective(candidate: Candidate, annotation: Annotation) -> bool:
    """A noun phrase cut down to a people's adjective ("a [Peruvian] snake species" for "What is the name of
    the snake species ...?"): it says whose the thing is, not its name (the adjective is a candidate of its
    own, as a people)."""
    start, end = candidate.start - candidate.sentence.start, candidate.end - candidate.sentence.start
    return candidate.label == "NP" and any(
        (e.start, e.end) == (start, end) and e.label == "NORP" for e in annotation.entities
    )


def _phrase_answers(question: Question, phrase: Span, annotation: Annotation, sentence: str) -> bool:
    """A noun phrase is a candidate when the question asks a phrase, when it is a name headed by the
    asked noun, or when it is a name the sentence gives the asked role or kind and no entity's date,
    amount or other place; never when it stops short of a longer name (_cut_short)."""
    entities = annotation.entities
    if any(_cut_short(phrase, e, sentence) for e in entities):
        return False
    if question.phrase or (phrase.proper and _headed_by_kind(question, phrase) and _unnamed(phrase, entities)):
        return True  # "the Uniform Monday Holiday [Act]" for "Which act ...?", whatever the model calls its words
    return (
        phrase.proper
        and (
            _in_slot(question, phrase)
            or _kind_before_name(question, sentence[phrase.start : phrase.end], _unread(phrase, entities))
            or (_said_of_kind(question, phrase, sentence) and _unnamed(phrase, entities))
            or known_place_of_kind(question, phrase)  # "whose town of [Cayey]" for "In which town ...?"
            or _name_given(question, phrase, sentence)  # "known as [Issue 4]": no entity to the small model
        )
        and not any(_read_as(phrase, e, question, sentence) for e in entities)
    ) or _body_in_role(question, phrase, entities)


def _body_in_role(question: Question, phrase: Span, entities: Sequence[Span]) -> bool:
    """A body or people called by a common noun do what "Who ...?" asks ("[The regional council] paid for
    the repairs", "[armed guards] are providing protection"): no name, but the answer the sentence gives (a
    body with a name, "the Nordhaven council", is an entity or a proper phrase, a candidate already)."""
    return (
        question.labels == WHO_ANSWERS
        and not phrase.proper
        and stem(phrase.head) in COMMON_BODIES | COMMON_DOERS
        and _in_slot(question, phrase)
        and _unnamed(phrase, entities)
    )


def _with_larger_places(question: Question, candidates: list[Candidate]) -> list[Candidate]:
    """ "Where ...?" is answered with the larger places a comma joins on ("Smyrna, Tennessee", "Altadena,
    California"): they say where the place is. A question that asks a kind of place ("Which city ...?")
    is answered by that place alone."""
    if question.labels != PLACES or question.kind is not None:
        return candidates
    widened = []
    for c in candidates:
        end, text = c.end, c.sentence.text
        while larger := next(
            (
                d
                for d in candidates
                if _says_where(d, c, end)
                and text[end - c.sentence.start : d.start - c.sentence.start] == ", "
                and not OWNS.match(text, d.end - c.sentence.start)  # not "Port-au-Prince, [Haiti]'s capital"
            ),
            None,
        ):
            end = larger.end
        widened.append(replace(c, end=end, text=text[c.start - c.sentence.start : end - c.sentence.start]))
    return widened


def _unnamed(phrase: Span, entities: Sequence[Span]) -> bool:
    """No entity of the small model's is the phrase ("[Schuld] is among the worst-hit villages"): else
    that entity is its candidate."""
    return all((e.start, e.end) != (phrase.start, phrase.end) for e in entities)


def _kind_before_name(question: Question, phrase: str, unread: bool = False) -> bool:
    """The phrase names a thing of the asked kind, the noun right before the name ("analytics group
    Chainalysis"): the small model may see no name in it, and the phrase may play any role. When it sees
    none (`unread`), a title before the name says it too ("Mayor Bong Edding"; where it sees one, that
    name is the candidate: "Commissioner [Robert Califf]", not "Dr. Robert Califf")."""
    if not question.kind:
        return False
    said = WORD.findall(phrase)
    return any(
        question.kind in _title_stems(noun)
        and (noun.islower() or (unread and noun.lower() in TITLES))
        and _name_word(name)
        for noun, name in itertools.pairwise(said)
    )


def _unread(phrase: Span, entities: Sequence[Span]) -> bool:
    """The small model sees no entity in any word of the phrase."""
    return not any(e.overlaps(phrase) for e in entities)


def _read_as(phrase: Span, entity: Span, question: Question, sentence: str) -> bool:
    """A name's phrase in the asked role is read as the entity it overlaps, no answer of its own, when
    that is a date or an amount, or a place GeoNames knows as surely of another kind ("[Afghanistan]" for
    "In which city ...?"); a phrase cut short of a longer name is none at all (_cut_short). Otherwise the
    same name as an entity stays a phrase in the asked role: it answers when its entity's label or kind
    is wrong (GeoNames calls "New York" a state, whose city news names so)."""
    if not phrase.overlaps(entity):
        return False
    return entity.label in AMOUNTS | TIMES or surely_other_place(question, entity)


def _cut_short(phrase: Span, entity: Span, sentence: str) -> bool:
    """The phrase stops short of the longer name it begins, at a word that joins names ("the [National
    Museum] of the Marine Corps", "the [Roscoe's House] of Chicken & Waffles restaurant"): no answer of its
    own, whatever the question asks."""
    joined = sentence[phrase.end : entity.end].split()
    return phrase.overlaps(entity) and phrase.end < entity.end and bool(joined) and joined[0] in NAME_GLUE


def _restating(candidates: list[Candidate]) -> list[Candidate]:
    """When a name's sentence, or a relative clause on it, says all the question asks, the name in the
    asked role (`Candidate.restates`) is the answer, however much more the other sentences share with the
    question or its headline: the other names are not."""
    restated = {c.key for c in candidates if c.restates}
    sentences = {id(c.sentence) for c in candidates if c.restates}
    # and a name its sentence says is of the asked kind ("in a meeting room at [the Harbour Grand Hotel]")
    said = {c.key for c in candidates if id(c.sentence) in sentences and _said_name(c)}
    return [c for c in candidates if c.key in restated | said] if restated else candidates


def _said_name(candidate: Candidate) -> bool:
    """A name (not a phrase of common nouns) its sentence says is of the asked kind."""
    return candidate.kind_known_by == "said" and not candidate.text.islower()


def _referred_back(
    question: Question,
    sentences: Sequence[SentenceEvidence],
    annotations: Sequence[Annotation],
    candidates: list[Candidate],
) -> list[Candidate]:
    """A sentence that gives the asked role to "the <kind>" ("The toxic lake is the most abundant source of
    lithium" for "Which lake is ...?") speaks of the name the sentence right before it gives ("It's called
    the Salton Sea"), when it gives one name of the asked label only: that name plays the role, is of the
    kind, and has that sentence's evidence."""
    if not question.kind or not question.labels:
        return candidates
    referring = [
        sentence
        for sentence, annotation in zip(sentences, annotations, strict=True)
        if any(_describes_asked(question, p, sentence.text) for p in annotation.phrases)
    ]
    before = {id(s): later for s in sentences for later in referring if _right_before(s, later)}
    named = [c for c in candidates if id(c.sentence) in before and c.label in question.labels]
    antecedents = {id(s): names[0] for s in sentences if len(names := [c for c in named if c.sentence is s]) == 1}
    return [
        replace(c, fit=1.0, closeness=1.0, role=1.0, kind_known_by="said", said_with=before[id(c.sentence)])
        if antecedents.get(id(c.sentence)) is c
        else c
        for c in candidates
    ]


def _answered_next(
    question: Question, sentences: Sequence[SentenceEvidence], candidates: list[Candidate]
) -> list[Candidate]:
    """A sentence that says what is asked without answering it ("... gave the incorrect figure for the
    winter temperature increase in Longyearbyen.") is answered by the short one right after it when that
    one opens by referring back to it ("The increase was [18 degrees].", "He was [John Munro Longyear]."):
    its candidates have the evidence of the sentence whose question they answer. When that sentence asks
    the question itself ("... misstated which shipyard built the ferry. It is [Nordhavn Yards].") and the
    answer is the one name of the next, that name is of the asked kind and plays the asked role."""
    answering = {id(c.sentence) for c in candidates}
    asked_before = {
        id(then): first
        for first in sentences
        if id(first) not in answering
        for then in sentences
        if _right_before(first, then) and _refers_back(then.text, first.terms)
    }
    if not asked_before:
        return candidates
    names = {id(s): {c.key for c in candidates if c.sentence is s} for s in sentences}
    paired = []
    for c in candidates:
        first = asked_before.get(id(c.sentence))
        if first is None or c.said_with is not None:
            paired.append(c)
        elif len(names[id(c.sentence)]) == 1 and raises_question(question, first.text):
            paired.append(replace(c, said_with=first, fit=1.0, closeness=1.0, role=1.0, kind_known_by="said"))
        else:
            paired.append(replace(c, said_with=first))
    return paired


def raises_question(question: Question, text: str) -> bool:
    """The sentence leaves open what the question asks ("An earlier version misstated which shipyard
    built the ferry.", "It is unclear who owns the site."): a word of saying or knowing, then a wh-word and,
    within a few words, the asked kind or verb (not a relative clause: "Jones, who discovered the fish,")."""
    asked = {question.kind} if question.kind else set()
    asked |= {verb_stem(v) for v in question.verbs} | (question.slot.words if question.slot else set())
    tokens = CLAUSE_TOKEN.findall(text.lower())  # commas kept: ", which" opens a relative clause
    return any(
        word in OPEN_WH_WORDS
        and verb_stem(tokens[i - 1]) in LEAVES_OPEN
        and any(verb_stem(t) in asked for t in tokens[i + 1 : i + 1 + RAISED_WITHIN])
        for i, word in enumerate(tokens)
        if i > 0
    )


def _refers_back(text: str, before: set[str]) -> bool:
    """A short sentence that opens with a pronoun, or with "the" and a word of the sentence `before`."""
    opening = words(text)
    if not opening or len(opening) > SHORT_ANSWER_WORDS:
        return False
    first = opening[0].lower()
    return first in BACK_REFERENCES or (first == "the" and len(opening) > 1 and stem(opening[1].lower()) in before)


def _describes_asked(question: Question, phrase: Span, sentence: str) -> bool:
    """ "The toxic lake" in the asked role: a definite phrase headed by the asked noun, no name."""
    said = sentence[phrase.start : phrase.end]
    definite = DEFINITE.match(said) is not None
    named = phrase.proper or _capitalised(sentence, phrase)  # "the one-dose [Johnson & Johnson] vaccine"
    return definite and not named and _headed_by_kind(question, phrase) and _in_slot(question, phrase)


def _right_before(first: SentenceEvidence, then: SentenceEvidence) -> bool:
    """`first` ends where `then` starts in the same chunk (nothing but space between)."""
    chunk = first.chunk
    if chunk.id != then.chunk.id or not first.end <= then.start:
        return False
    return not chunk.text[first.end - chunk.start : then.start - chunk.start].strip()


def _holders_of_role(question: Question, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates for "Who is Applebee's chief marketing officer?": when the evidence calls some of
    its people the role asked about ("CMO Joel Yashinsky said Hayes' song ..."), the others are not
    who holds it. The whole role: a "Solicitor General" is no "attorney general". A role of a named
    body ("the FDA Commissioner") is held by the one whose title names it, when one's does (not the
    "Principal Deputy Commissioner" beside them). Asked who holds it now, a "former finance minister"
    does not; asked a named body's role, its holder at another body does not ("Kroger CEO" for
    Albertsons'); and a quote that does not name the role proves nobody holds it."""
    if not (question.kind and "PERSON" in question.labels and question.labels <= WHO_ANSWERS):
        return candidates  # "What is the rule called?" asks a name of any kind, no one's role
    if ASKED_NOW.match(question.text):
        candidates = [c for c in candidates if not _formerly(c)]
    if _names_a_body(question):
        candidates = [c for c in candidates if not _of_another_body(c, question)]
    if asked_party := _parties(question.text):  # "the Republican candidate": not "Katie Hobbs, Democratic candidate"
        candidates = [c for c in candidates if not _parties(_title(c)) - asked_party] or candidates
    qualifier = _role_qualifier(question)
    holders = [c for c in candidates if _holds(c, question.kind)]
    if asks_who_holds_role(question.text):  # "Who is the mayor of ...?": a quote that names no mayor proves none
        naming = _naming_role(candidates, question.kind)
        candidates = [c for c in candidates if naming[id(c.sentence)] or (c.said_with and naming[id(c.said_with)])]
    if qualifier is not None and qualifier.islower():  # part of the role: no other role will do
        return [c for c in holders if _titled_as(c, qualifier, question.kind)] or candidates
    if qualifier is not None:  # the body's acronym: a holder's title may leave it unsaid
        return [c for c in holders if _titled_as(c, qualifier.lower(), question.kind)] or holders or candidates
    return holders or candidates


def _naming_role(candidates: Sequence[Candidate], kind: str) -> dict[int, bool]:
    """Whether each of the candidates' sentences, and of those that refer to them, names the role
    ("Gov. John Carney, who called the company ..." names no CEO), by `id`: each is read once."""
    said = {id(s): s for c in candidates for s in (c.sentence, c.said_with) if s is not None}
    return {
        key: _names_role(set().union(*(_title_stems(w.group()) for w in WORD.finditer(s.text))), kind)
        for key, s in said.items()
    }


def _names_role(stems: set[str], kind: str) -> bool:
    """Stems that name the role: its word, or most of what its initials spell ("chief executive" for CEO)."""
    spelled = set(content_terms(ROLE_INITIALS.get(kind.upper(), "")))
    return kind in stems or len(spelled & stems) >= min(2, len(spelled) or 3)


def _of_said_kind(question: Question, candidates: list[Candidate]) -> list[Candidate]:
    """When the evidence calls some names what the question asks for ("the Russian newspaper Izvestia",
    "Pantelleria, an Italian island"), a name of the right label it does not call so ("the White House",
    "Tunisia") is as unsure as a person whose role goes unsaid; when it calls a name so ("LeakIX, a site
    that detects exposed databases,"), a phrase of common nouns nothing calls so ("unrestricted access")
    is no answer."""
    if not question.kind or not any(c.kind_known_by == "said" for c in candidates):
        return candidates
    unsure = [c.kind_known_by == "label" and c.fit == 1.0 and c.label in NAMES for c in candidates]
    named = any(_said_name(c) for c in candidates)
    return [
        replace(c, fit=ROLE_UNSAID) if lowered else c
        for c, lowered in zip(candidates, unsure, strict=True)
        if not (named and _common_phrase(c))
    ]


def _common_phrase(candidate: Candidate) -> bool:
    """A phrase of common nouns only, whose kind nothing says."""
    return candidate.label == "NP" and candidate.kind_known_by == "label" and candidate.text.islower()


def _holds(candidate: Candidate, role: str) -> bool:
    """A name the sentence gives the role ("Joemen Collado, police chief of ...", whatever the small model
    calls it), not a phrase of the role's noun itself ("England's Lionesses" for "which Lioness")."""
    return candidate.fit == 1.0 and role not in {stem(w) for w in words(candidate.text)}


def _role_qualifier(question: Question) -> str | None:
    """The stemmed noun before the role a question asks about: "attorney" of "attorney general"; or,
    as written, the acronym of the body whose role it is: "FDA" of "FDA Commissioner"."""
    said = [w.group() for w in WORD.finditer(question.text)]
    for before, word in itertools.pairwise(said):
        if stem(word.lower()) == question.kind:
            if ACRONYM.fullmatch(before):
                return before
            return stem(before) if before.islower() and stem(before) in question.terms else None
    return None


def _names_a_body(question: Question) -> bool:
    """The question names whose role it asks about: "Who is Albertsons' CEO?", "Who is the chief
    executive of Incyte?" (not "Which governor sent the migrants to Martha's Vineyard?")."""
    for word in WORD.finditer(question.text):
        if question.kind in _title_stems(word.group()):
            before, after = question.text[: word.start()], question.text[word.end() :]
            return bool(OWNER_BEFORE.search(before) or OWNER_AFTER.match(after))
    return False


def _of_another_body(candidate: Candidate, question: Question) -> bool:
    """The name's title gives the role of a body the question does not name ("Kroger CEO [Rodney
    McMullen]", "Kroger Chairman and Chief Executive Officer [Rodney McMullen]" for "Who is Albertsons'
    CEO?"): the capitalised words before the title's first word of a role are the body's name."""
    before = candidate.sentence.text[: candidate.start - candidate.sentence.start]
    run = [w.group() for w in TITLE_RUN.finditer(before[-TITLE_BEFORE * 2 :])][-MAX_TITLE_WORDS:]
    while run and not run[0][:1].isupper():
        run.pop(0)
    first_role = next((i for i, w in enumerate(run) if _is_title(w) or labels_of_kind(stem(w.lower())) == PERSON), None)
    if first_role is None and (lower := LOWER_TITLE.search(before[-TITLE_BEFORE * 2 :])):
        body = set(content_terms(lower.group("body")))  # "Subic town mayor [Jeffrey Khonghun]"
        return stem(lower.group("role")) == question.kind and bool(body) and not body & question.terms
    if not first_role:
        return _apposed_to_another_body(candidate, question)  # no role before it, or no body's name
    title = set().union(*(_title_stems(w) for w in run[first_role:]))
    says_role = question.kind is not None and _names_role(title, question.kind)
    return says_role and not set(content_terms(" ".join(run[:first_role]))) & question.terms


def _apposed_to_another_body(candidate: Candidate, question: Question) -> bool:
    """A description after the name gives the asked role at a body it names and the question does not
    ("Chris Hilton, an attorney with the Texas attorney general's office," for "Who is the Lake County
    State's Attorney?"; "guitarist of the band" may be the asked band's)."""
    after = candidate.sentence.text[candidate.end - candidate.sentence.start :]
    apposed = APPOSED_ROLE_AT.match(after)
    if apposed is None or stem(apposed["role"].lower()) != question.kind or apposed["body"].islower():
        return False
    body = set(content_terms(apposed["body"])) - {question.kind}
    return bool(body) and not body & question.terms


def _formerly(candidate: Candidate) -> bool:
    """The title before the name says the role was held ("Former finance minister [Rishi Sunak]",
    "then-President [Donald Trump]")."""
    before = candidate.sentence.text[: candidate.start - candidate.sentence.start]
    return FORMER_TITLE.search(before[-TITLE_BEFORE:]) is not None


def _parties(text: str) -> frozenset[str]:
    """The parties a text names, one word for each ("Democratic" and "Democrat" are one; "GOP" is Republican)."""
    named = {w.lower() for w in words(text)} & PARTIES
    return frozenset(SAME_PARTY.get(w, w) for w in named)


def _title(candidate: Candidate) -> str:
    """The words before a name where its title stands, and an apposition after it ("Katie Hobbs,
    Arizona Democratic candidate for governor")."""
    text, at = candidate.sentence.text, candidate.start - candidate.sentence.start
    after = text[at + len(candidate.text) :]
    return text[max(0, at - TITLE_BEFORE) : at] + (after[:TITLE_BEFORE] if after.startswith(",") else "")


def _titled_as(candidate: Candidate, qualifier: str, role: str) -> bool:
    """The title before the name, or in apposition after it, says the role's qualifier ("Attorney
    General Daniel Cameron", "Joemen Collado, police chief of Baybay city,"; "CMO" is a chief marketing
    officer), next to the role when it names the role ("David Daigle, spokesperson for the CDC," is a CDC
    spokesperson; "Savile Lord, the manager of the museum in the brand's hometown" is no brand manager)."""
    title = content_terms(_title(candidate))
    if role not in title:
        return qualifier in title
    return any(pair in ((qualifier, role), (role, qualifier)) for pair in itertools.pairwise(title))


def score_candidates(
    candidates: list[Candidate],
    top_strength: float,
    options: DirectOptions,
    wholes: Mapping[Mention, str] | None = None,
    source: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Candidates best first, with their support, evidence and probability. `wholes`: the answer a
    mention is part of (a chain of places for "where", a list of names for "which companies");
    `source`: the terms of the source the question names (asked_source): only passages that name it
    report an answer."""
    if not candidates:
        return []

    def evidence(c: Candidate) -> float:
        strength = max(c.sentence.strength, c.said_with.strength if c.said_with else 0.0, 0.0)
        return strength / top_strength if top_strength > 0 else 0.0

    fuller = fuller_names(candidates)  # "Russo" stands for "Alessia Russo" in the same article

    def answer_of(c: Candidate) -> str:
        if wholes and (whole := wholes.get(c.mention)):
            return whole
        if c.label in AMOUNTS and (figures := numbers(c.text)):
            return " ".join([*sorted(figures), *([c.counts] if c.counts else [])])  # "22", "$22": one amount
        key = fuller.get((c.sentence.source, c.key), c.key)
        return f"{key} {c.counts}" if c.counts else key  # "five people" is no report of "five more states"

    naming = _chunks_naming(candidates, source)
    relevant = [(c, 1.0) for c in candidates if evidence(c) >= SUPPORT_EVIDENCE and c.sentence.chunk.id in naming]
    mentions = {answer: len(said) for answer, said in _reports(relevant, answer_of).items()}
    most = max(mentions.values(), default=0)
    featured = []
    for c in candidates:
        count = mentions.get(answer_of(c), 0)
        support = (count - 1) / (most - 1) if most > 1 and count else 0.0
        featured.append(replace(c, support=support, evidence=evidence(c)))
    logits = [logit(c.features(), options) for c in featured]
    peak = max(logits)
    reports = _reports([(c, math.exp(z - peak)) for c, z in zip(featured, logits, strict=True)], answer_of)
    mass = {answer: sum(said) for answer, said in reports.items()}  # an answer's reports pool their weight
    total = sum(mass.values())
    scored = [
        (replace(c, score=mass[answer_of(c)] / total, answer=answer_of(c)), z)
        for c, z in zip(featured, logits, strict=True)
    ]
    scored.sort(key=lambda cz: (-cz[0].score, not cz[0].in_full, -cz[1], cz[0].sentence.start, cz[0].start))
    return [c for c, _ in scored]


def _chunks_naming(candidates: Sequence[Candidate], source: frozenset[str]) -> set[str]:
    """The candidates' passages that name the source the question asks about (all when it names
    none): another forecaster's figure is no report of Rystad's ("according to Rystad Energy"). Each
    passage is read once."""
    chunks = {c.sentence.chunk.id: c.sentence.chunk.text for c in candidates}
    return {chunk for chunk, text in chunks.items() if not source or source & set(content_terms(text))}


def of_articles_naming(
    candidates: list[Candidate], names: Sequence[frozenset[str]], best: SentenceEvidence
) -> list[Candidate]:
    """The candidates of the articles whose headline or passages found say one of the names the
    question gives in full, when the best sentence's article does: "What percentage of Mississippi
    residents ...?" is not answered by an article on Lake Oswego, however many such articles give one
    figure, nor "How old was Danielle Bell?" by one on Mariah Bell. (When the best evidence does not
    say the name, the question names it otherwise than the articles do, and it decides nothing.) Each
    passage is read once."""
    if not names:
        return candidates
    chunks = {c.sentence.chunk.id: c.sentence.chunk for c in candidates} | {best.chunk.id: best.chunk}
    naming = set()
    for chunk in chunks.values():
        said = set(content_terms(f"{chunk.title}\n{chunk.text}"))
        if any(name <= said for name in names):
            naming.add(chunk.source)
    return [c for c in candidates if c.sentence.source in naming] if best.source in naming else candidates


@lru_cache(maxsize=256)
def asked_names(question: str) -> tuple[frozenset[str], ...]:
    """The terms of each name a question gives ("What percentage of Mississippi residents ...?" ->
    mississippi; "How old was Danielle Bell?" -> danielle and bell), its first word aside (read once
    per question, not per candidate)."""
    runs = (frozenset(content_terms(POSSESSIVE.sub("", run))) for run in CAPITALISED_RUN.findall(question))
    return tuple(terms for terms in runs if terms)


def asked_source(question: str) -> frozenset[str]:
    """The terms of the source a question names ("according to Rystad Energy" -> rystad, energy)."""
    match = ACCORDING_TO.search(question)
    return frozenset(content_terms(match.group(1))) if match else frozenset()


def _reports(
    weighted: Sequence[tuple[Candidate, float]], answer_of: Callable[[Candidate], str]
) -> dict[str, list[float]]:
    """Each answer's independent reports, with their weight. Mentions in one sentence, or in a copy of
    it (another outlet's or an update's sentence, nearly the same words), are one report: five copies
    of one wire story do not make an answer five times likelier. In a report, a mention repeated, or
    inside another ("Russo" in "Alessia Russo"), weighs as its best; the different words of one answer
    add up ("Rainbow Bay", "Gold Coast" and "Australia" of one place split its weight between them). The
    entries of one list are one report: a value many of its entries give is many things', not one's."""
    reports: dict[str, list[tuple[SentenceEvidence, dict[str, float]]]] = {}
    for c, weight in weighted:
        said = reports.setdefault(answer_of(c), [])
        same = next((r for r in said if r[0] is c.sentence or _one_report(r[0], c.sentence)), None)
        if same is None:
            said.append((c.sentence, {c.key: weight}))
        else:
            same[1][c.key] = max(same[1].get(c.key, 0.0), weight)
    return {answer: [_weight(words) for _, words in said] for answer, said in reports.items()}


def _one_report(a: SentenceEvidence, b: SentenceEvidence) -> bool:
    """Copies of one sentence, or entries of one list."""
    return is_near_duplicate(a, b) or same_list(a, b)


def _weight(mentions: dict[str, float]) -> float:
    """A report's weight: the sum over its mentions that no other mention contains, each with the best
    weight of what it contains."""
    outer = [m for m in mentions if not any(m != o and _part_of(m, o) for o in mentions)]
    return sum(max(w for m, w in mentions.items() if _part_of(m, o)) for o in outer)


def _part_of(mention: str, other: str) -> bool:
    """A mention is part of another when the other contains it, or it is the other's initials ("the
    Terminal High-Altitude Area Defense system, or THAAD," names one thing once)."""
    return contains_words(other, mention) or (" " not in mention and mention == _initials(other))


def fuller_names(candidates: Sequence[Candidate]) -> dict[tuple[str, str], str]:
    """(article, short name) -> the one fuller name it stands for in that article (news names someone
    or something in full, then by its last words: "Russo" is "Alessia Russo", "the Times" "The New York
    Times"). A short name with two different fuller names in its article stays itself. A surname whose
    article's retrieved sentences never give it in full is the one person of that surname the others
    name ("Cheney" in one article, "Liz Cheney" in another), if only one."""
    answer_of: dict[tuple[str, str], str] = {}
    full_names = [c for c in candidates if c.label in REFERRED_BY_PART]
    for short in (c for c in candidates if c.label in NAMES):
        longest = _one_fuller(short, [c for c in full_names if c.sentence.source == short.sentence.source])
        if longest is None and short.label == "PERSON" and len(short.key.split()) == 1:
            longest = _one_fuller(short, [c for c in full_names if c.label == "PERSON"])
        if longest is not None:
            answer_of[(short.sentence.source, short.key)] = longest
    for short in (c for c in candidates if ACRONYM.fullmatch(c.text)):
        spelled = {
            c.key
            for c in candidates
            if c.sentence.source == short.sentence.source and c.text != short.text and _initials(c.text) == short.text
        }
        if len(spelled) == 1:  # "THAAD" is what its article names "Terminal High-Altitude Area Defense"
            answer_of[(short.sentence.source, short.key)] = spelled.pop()
    return answer_of


def named_in_full(
    candidate: Candidate, chunks: Sequence[RetrievedChunk], asks_person: bool
) -> tuple[RetrievedChunk, int, int] | None:
    """Where its article names in full a person the direct answer names by surname only, when no
    candidate did ("Lawshe" is "Gordon Lawshe" in "In the call, Gordon Lawshe told the dispatcher ...",
    a sentence not shortlisted): the passage and file offsets of the one fuller name `chunks` of its
    article give, if only one (however accented: "Péter" and "Peter Marki-Zay" are one name)."""
    if not by_surname_only(candidate, asks_person):
        return None
    surname = r"\s+".join(
        rf"(?i:{re.escape(w)})" if w.lower() in SURNAME_PARTICLES else re.escape(w) for w in candidate.text.split()
    )
    before_surname = re.compile(rf"((?:[A-Z][\w'’-]*\.?\s+){{1,3}}){surname}\b(?:{SUFFIX})?")
    found: dict[str, tuple[RetrievedChunk, int, int]] = {}
    for chunk in (c for c in chunks if c.source == candidate.sentence.source):
        for match in before_surname.finditer(chunk.text):
            given = list(PHRASE_WORD.finditer(match.group(1)))
            kept = list(itertools.takewhile(lambda w: _given_name(w.group()), reversed(given)))
            if kept:
                start = match.start(1) + kept[-1].start()
                name = normalize(chunk.text[start : match.end()])
                found.setdefault(name, (chunk, chunk.start + start, chunk.start + match.end()))
    return next(iter(found.values())) if len(found) == 1 else None


def by_surname_only(candidate: Candidate, asks_person: bool) -> bool:
    """The answer is a person named by one capitalised word ("Lawshe", as a name or as a phrase), or by
    one after the particles of a surname ("bin Laden", "Van Gogh")."""
    person = candidate.label == "PERSON" or (candidate.label == "NP" and asks_person)
    *particles, last = candidate.text.split() or [""]
    named = last[:1].isupper() and all(p.lower() in SURNAME_PARTICLES for p in particles)
    return person and named and len(particles) <= 1 and candidate.in_full


def _given_name(word: str) -> bool:
    """A word that can open a person's name before the surname: an initial, or no title, role,
    possessive, function word, party or sentence's end ("In", "When", "Coroner", "Gov.", "Republican",
    "Joseph.")."""
    bare = word.rstrip(".")
    return (len(bare) == 1 or not word.endswith(".")) and not (
        _is_title(bare)
        or bare.lower() in PARTIES
        or labels_of_kind(stem(bare.lower())) == PERSON
        or bare.lower() in stopwords()
        or bare.endswith(("'s", "’s"))
    )


def _one_fuller(short: Candidate, full_names: Sequence[Candidate]) -> str | None:
    """The longest of the names that end with `short`'s words, if the others are all part of it."""
    tail = short.key.split()
    fuller = {
        c.key
        for c in full_names
        if len(c.key.split()) > len(tail)
        and c.key.split()[-len(tail) :] == tail
        and (c.label == "PERSON" or (c.label == short.label and short.key not in GENERIC_HEADS))
    }  # a lone surname may be labelled a place
    longest = max(fuller, key=len, default=None)
    if longest is not None and all(longest.endswith(" " + name) for name in fuller - {longest}):
        return longest
    return None


def _initials(name: str) -> str:
    """The initials of a name, as written or as a key ("Occupational Safety and Health Administration",
    "occupational safety and health administration" -> OSHA, osha; "U.S. Geological Survey" -> USGS)."""
    parts = [w for w in NAME_PARTS.split(name) if w and w.lower() not in NAME_GLUE and w[0].isalpha()]
    return "".join(w.replace(".", "") if DOTTED_INITIALS.fullmatch(w) else w[0] for w in parts)


def place_chains(candidates: Sequence[Candidate]) -> dict[Mention, str]:
    """Each place named as part of a larger one ("Rainbow Bay on the Gold Coast, Australia", "Charleroi,
    Belgium") -> the first place of that chain: one answer to "where", however many places it names."""
    places = sorted((c for c in candidates if c.label in PLACES), key=lambda c: (c.sentence.source, c.start))
    chains: dict[Mention, str] = {}
    for place in places:
        narrower = next((c for c in places if _says_where(place, c, c.end)), None)
        chains[place.mention] = chains.get(narrower.mention, narrower.key) if narrower else place.key
    return chains


def _says_where(larger: Candidate, place: Candidate, end: int) -> bool:
    """`larger` is the place `place` (read up to `end`) is in: "California" of "Altadena, California"."""
    return larger.sentence is place.sentence and larger.narrower is not None and place.start <= larger.narrower < end


def by_head_word(candidates: Sequence[Candidate]) -> dict[Mention, str]:
    """What a person is, by its last word: "Gov.", "Republican Gov." and "Texas Gov." are one answer
    to "Who is Greg Abbott?" (each article words the title its own way)."""
    return {c.mention: f"… {stem(said[-1])}" for c in candidates if (said := words(c.text))}


def with_kind_word(candidates: Sequence[Candidate], kind: str) -> dict[Mention, str]:
    """A name given with and without the asked noun in one article is one answer: the name with it,
    when the noun is part of the name ("Columbia University", "Nara Medical University Hospital" for
    "[Nara Medical University] hospital"); without it, when the noun only says what it is ("[monkeypox]"
    for "monkeypox virus" asked "Which virus ...?")."""
    names: dict[tuple[str, str], list[Candidate]] = {}
    for c in candidates:
        names.setdefault((c.sentence.source, c.key), []).append(c)
    wholes: dict[Mention, str] = {}
    for c in candidates:
        bare = (c.sentence.source, c.key.rsplit(" ", 1)[0])
        if not _ends_with_kind(c.key, kind) or bare not in names:
            continue
        if c.text.split()[-1].istitle():
            wholes.update((short.mention, c.key) for short in names[bare])
        else:
            wholes[c.mention] = bare[1]
    return wholes


def _ends_with_kind(key: str, kind: str) -> bool:
    said = key.split()
    return len(said) > 1 and stem(said[-1]) == kind


def name_lists(candidates: Sequence[Candidate]) -> dict[Mention, str]:
    """Each name listed with others ("Randox, and Lynn's Country Foods") -> the list: for a question
    that asks for several ("which companies"), the list is one answer, said by each of its names."""
    names = [c for c in candidates if c.label != "NP"]
    wholes: dict[Mention, str] = {}
    for whole in names:
        parts = [
            c
            for c in names
            if c.sentence is whole.sentence and whole.start <= c.start and c.end <= whole.end and c.key != whole.key
        ]
        if parts and LIST_END.search(whole.text):
            wholes.update({part.mention: whole.key for part in parts} | {whole.mention: whole.key})
    return wholes


def logit(features: dict[str, float], options: DirectOptions) -> float:
    return sum(getattr(options, name) * value for name, value in features.items())


def attach_candidates(
    ranked: list[SentenceEvidence],
    question: Question,
    annotate: Callable[[list[str]], list[Annotation]],
    options: DirectOptions,
    top: int,
) -> None:
    """Find and score the answer candidates of the best sentences of `top` different texts (parsed for it),
    and of the next few that name a thing of the asked kind ("at [Bridgestone Arena]" for "In which arena
    ...?": the sentence that names the answer may say little else the question does)."""
    head = with_texts(ranked, top)
    if not head or not question.short:
        return
    head += _naming_the_kind(ranked[len(head) :], question, " ".join(s.text for s in head))
    annotations = annotate([s.text for s in head])
    found = find_candidates(question, head, annotations)
    if question.labels and (question.labels <= TIMES | AMOUNTS or question.labels <= WHO_ANSWERS):
        # the question's places (annotated only then: what, which and where questions name a place as often as
        # they ask one)
        found = _without_other_places(question, annotate([question.text])[0].entities, found, annotations, head)
    found = of_articles_naming(found, asked_names(question.text), head[0])
    found = _without_passing_amounts(question, found, max(s.strength for s in head))
    wholes = (
        place_chains(found)
        if question.labels == PLACES and question.kind is None
        else name_lists(found)
        if question.plural
        else by_head_word(found)
        if question.describes
        else with_kind_word(found, question.kind)
        if question.kind
        else None
    )
    source = asked_source(question.text)
    candidates = score_candidates(found, max(s.strength for s in head), options, wholes, source)
    for sentence in head:
        sentence.candidates = [c for c in candidates if c.sentence is sentence]


def _naming_the_kind(ranked: Sequence[SentenceEvidence], question: Question, read: str) -> list[SentenceEvidence]:
    """The first `KIND_NAMED_EXTRA` sentences that hold a name ending in the asked kind's word ("Bridgestone
    Arena" for an arena; a person's title before a name: "general manager Rick Hahn") that the sentences
    already `read` do not, parsed beyond the best ones when a thing is asked (not how many or when): another
    name of the kind, not more of the same ("CMT Music Awards")."""
    kind = question.kind
    if kind is None or question.labels & (AMOUNTS | TIMES):
        return []
    titled = "PERSON" in question.labels

    def names_kind(sentence: str) -> bool:
        return any(
            stem(m.group(1).lower()) == kind
            and sentence[m.start() : m.end(1)] not in read
            and (titled or NAME_GOES_ON.match(sentence, m.end(1)) is None)
            for m in NAME_ENDING.finditer(sentence)
        ) or (titled and any(stem(m.group(1)) == kind for m in TITLE_BEFORE_NAME.finditer(sentence)))

    return list(itertools.islice((s for s in ranked if names_kind(s.text)), KIND_NAMED_EXTRA))


def best_answers(sentences: Sequence[SentenceEvidence], count: int) -> list[Candidate]:
    """The `count` likeliest answers among the sentences' candidates, each by its best mention."""
    mentions = sorted((c for s in sentences for c in s.candidates), key=lambda c: (-c.score, not c.in_full))
    best: dict[str, Candidate] = {}
    for candidate in mentions:
        best.setdefault(candidate.answer or candidate.key, candidate)
    return list(best.values())[:count]


def _candidate(question: Question, sentence: SentenceEvidence, span: Span) -> Candidate | None:
    raw = sentence.text[span.start : span.end]
    start, end = _trimmed(raw)
    if question.kind == AGE_KIND:
        if (age := _age(sentence.text, span.start + start, span.start + end)) is None:
            return None  # a date or a count ("31 men"), not an age
        if QUESTION_NAME.search(question.text) and _unnamed_aged(sentence.text, age[0]):
            return None  # "A 16-year-old, who was on the street, told CNN ...": someone else
        start, end = age[0] - span.start, age[1] - span.start
    if span.label == "MONEY":
        start = _at_currency(raw, start, end)  # "a record [$10.1 million]"
    if span.label == "NP" and not question.labels and (measure := MEASURE_BEFORE.match(raw[start:end])):
        start += measure.end()
    if span.label == "NP" or span.label in NAMES:
        start, end = _name_of_phrase(raw, start, end, question)  # "[Berenberg] bank" for "At which bank ...?"
    if span.label == "NP" and not span.proper:
        start = _after_asked_names(raw, start, end, question)  # "the Mavericks [electric bikes]"
    titled = False  # the name follows the noun asked for ("GSK Chief Scientific Officer [Tony Wood]")
    if span.label != "NP" or span.proper:
        of_person = span.label == "PERSON" or (span.label == "NP" and "PERSON" in question.labels)
        name_start = _after_kind(question.kind, raw, start, end, of_person)
        start, titled = name_start, name_start > start
        # "captain [Steven Stamkos]" answers "Who scored?"; "Republican Rep. [Phillip Pettus]" "Which sponsor ...?"
        roled_name = (of_person and "PERSON" in question.labels) or (span.label == "NP" and not question.labels)
        if roled_name and not titled and not question.describes:
            start = _after_role(raw, start, end, opens_sentence=not sentence.text[: span.start].strip(" “\"'"))
        holder = _after_body_of_title(question, sentence.text[: span.start], raw, start) if of_person else None
        if span.label == "PERSON" and holder is not None:
            start, titled = holder, True  # "Director of [Athletics] Kortne Gosha": the model runs the body on
    if end <= start or _is_credit(sentence.text, span.start, span.end) or _is_marker(sentence.text, span):
        return None
    if span.label in NAMES and _hyphened_modifier(sentence.text, span.start + end, question):
        return None
    if not of_asked_kind(question, sentence.text, span) or _whose_role(question, sentence.text[: span.start + start]):
        return None
    if span.label in AMOUNTS and (
        _other_end_of_asked(sentence.text, span, question.text)
        or _start_of_change(sentence.text, span, question)
        or _of_another_time(sentence.text, span, question.text)
        or _multiplier(sentence.text, span.end, question.text)
        or _compared_to_asked(sentence.text, span, question)
        or _of_another_weekday(sentence.text, question.text)
        or _whole_of_part(sentence.text, span.start, question.text)
    ):
        return None
    first, last = span.start + start, span.start + end  # offsets in the sentence
    if span.label in AMOUNTS and question.kind:
        first = _with_scale(sentence.text, first, question.kind)  # "[magnitude] 4": before the span
    if span.label in AMOUNTS and (pair := NUMBER_PAIR.match(sentence.text, last)):
        last = pair.end()  # "win [4-1]", "[10-12] inches": a score or a range the small model cut at its dash
    if span.label in AMOUNTS:
        last = with_unit_sign(sentence.text, last)  # "about 7[°C]"
        if span.label == "MONEY":
            last = with_magnitude_letter(sentence.text, last)  # "$70[M]"
        last = with_rate(sentence.text, first, last, question.text)  # "about 40 feet[ per hour]"
        first = _without_asked_qualifier(sentence.text, first, question.text)
        last = _without_hyphened_kind(sentence.text, first, last, question.kind)  # "[7.4]-magnitude"
    if question.kind and question.labels and question.labels <= COUNTS | TIMES:
        last = _without_counted(sentence.text, first, last, question.kind)
        last = _without_asked_phrase(sentence.text, first, last, question.terms)
    owner = POSSESSOR.match(sentence.text, first, last) if span.label in NAMES or span.proper else None
    kind_owns = owner is not None and span.label in NAMES and _of_kind(owner, question.kind)
    if owner is not None and kind_owns:
        last = owner.end(1)  # "[Indiana University]'s Maurer School of Law" for "Which university ...?"
    elif owner is not None and _asked_owner(owner, sentence.text[owner.end() : last], question):
        first = owner.end()  # "London's [Oxford Circus]" for "Which London circus ...?"
    text = sentence.text[first:last]
    terms = set(content_terms(text)) - {question.kind}  # "Blue tram line" may repeat "which line"
    country = bool(span.scopes & {COUNTRY, CONTINENT, STATE})
    new_terms = {t for t in terms - question.terms if not (country and _place_of_asked_people(t, question.terms))}
    tokens = words(text)
    named_kind = span.proper and _headed_by_kind(question, span)  # "the Uniform [Monday Holiday] Act": its name
    # a title asked for may be made of the question's words: "[The Other Wes Moore]" for Wes Moore's memoir
    title = question.asks_name and span.label == "WORK_OF_ART" and text.lower() not in question.text.lower()
    new_enough = (len(new_terms) >= MIN_NEW * len(terms) or named_kind) and bool(new_terms)
    if not (new_enough or title) or len(tokens) > MAX_WORDS:
        return None  # an answer says mostly what the question does not (not its own subject again)
    counts_asked = span.counts is not None and _counts_asked(question, span.counts)
    if (all(t in VAGUE for t in tokens) and not counts_asked) or _names_the_asked_about(
        text, span.label, question.text
    ):
        return None  # but "within [one day] of departure" answers "Within how many days ...?"
    if _cuts_asked_name(sentence.text, first, last, question.text):
        return None  # "Rehoboth Beach's [Movies] at Midway": the theatre the question names, cut by the small model
    if span.label in TIMES and DAY_OF_SOMETHING.fullmatch(text):
        return None  # "The last day of school": a day of something else, no time
    if span.label in AMOUNTS and not any(t in NUMBER_WORDS or any(c.isdigit() for c in t) for t in tokens):
        return None  # "[as far as] 1½ miles": the small model's amount, its number left out
    if "PERSON" in question.labels and ATTRIBUTIVE.match(sentence.text, last):
        return None  # "the [Biden] administration", "the Trump era": a government or a time, named for a person
    if "PERSON" in question.labels and span.label != "PERSON" and _is_title(_last_word(text)):
        return None  # "U.S. Army Staff Sgt[.] Ty Carter": the title the name follows, no person
    if span.label == "NP" and _kind_of_examples(question, span, sentence.text, last):
        return None
    said_of_kind = _said_of_kind(question, span, sentence.text) or _example_of_kind(question, sentence.text, first)
    if _credited(span) and not said_of_kind and "PERSON" not in question.labels and not _asks_source(question):
        return None  # "Which platform ...?" is not answered by the tracker a figure is credited to ("according to
        # [Downdetector]"); a person credited may be whom "Who is ...?" asks about
    fit = 1.0 if titled or kind_owns else _fit(question, span, sentence.text, said_of_kind)
    if fit == 0.0:
        return None
    said = titled or kind_owns or said_of_kind or (fit == 1.0 and _headed_by_kind(question, span))
    known = known_place_of_kind(question, span)
    in_slot = (
        _in_slot(question, span)
        or (span.label in NAMES and _titled_doer(question, sentence.text[:first]))
        or _name_given_asked(question, span, sentence.text)  # "Manson, whose real name is [Brian Warner]"
        or _counted_as_asked(question, span, sentence.text)
        or _labelled_as_asked(question, sentence.text, first)
    )
    if question.describes and not in_slot:
        return None  # "Who is X?" is answered by what the sentence says X is, not by any phrase near X
    # holds the asked role by its title, but says nothing else the question does: other names stay
    titled_role = span.label == "PERSON" and _titled_by_asked_body(question, sentence.text[:first])
    return Candidate(
        sentence=sentence,
        start=sentence.start + first,
        end=sentence.start + last,
        text=text,
        label=span.label,
        fit=fit,
        # in the asked role, it is next to the question's word in the parse, however far in the text
        closeness=1.0
        if in_slot or titled_role
        else _closeness(sentence.text, first, _with_whole(sentence.text, last), question),
        title=_in_title(sentence.chunk.title, text, TITLE_WORDS if span.label != "NP" or span.proper else 1),
        role=float(in_slot or titled_role),
        kind_known_by="said" if said else "gazetteer" if known else "label",
        narrower=None if span.narrower is None else sentence.start + span.narrower,
        counts=noun_stem(span.counts) if span.counts and span.label in COUNTS else None,
        restates=in_slot and _restates(question, sentence.terms),
    )


def _labelled_as_asked(question: Question, sentence: str, start: int) -> bool:
    """On a list's fact line whose label says what the question asks ("• Location: Grinnell, [Iowa]" for
    "Where is Grinnell College located?", "• Acceptance rate: [28.1%]"), after the label."""
    line_start = sentence.rfind("\n", 0, start) + 1
    label = FACT_LABEL.match(sentence, line_start, start)
    said = set(content_terms(label.group(1))) if label else set()
    return bool(said) and said <= question.terms


def _venue(sentence: str, span: Span) -> bool:
    """The name is where something is, in a named town: "at [Joe's Service Center] in Altadena"."""
    return bool(AT_BEFORE.search(sentence[: span.start]) and IN_TOWN_AFTER.match(sentence, span.end))


def _with_whole(sentence: str, end: int) -> int:
    """The end of a part with the whole it is out of: "[99 out of 100] members" is next to "members"."""
    whole = OUT_OF_AFTER.match(sentence, end)
    return whole.end() if whole else end


def _counted_as_asked(question: Question, span: Span, sentence: str) -> bool:
    """The count of the asked noun followed by the word the question puts after it ("now stands
    [three] seats short of the 218 it needs" for "How many seats short of a majority ...?")."""
    counted = span.counts.lower() if span.counts else None
    if counted is None or noun_stem(counted) != question.kind:
        return False  # cheap first: the question's words are read only for a count of the asked noun
    then = _after_counted(question)
    return then is not None and words(sentence[span.end :])[:2] == [counted, then]


def _after_counted(question: Question) -> str | None:
    """The word a count question puts right after the noun it counts when it makes the count a
    difference or what is left: "short" of "How many seats short ...?", "ago", "behind"."""
    said = words(question.text)
    if "many" not in said or question.kind is None:
        return None
    at = next((i for i in range(said.index("many") + 1, len(said)) if noun_stem(said[i]) == question.kind), None)
    then = said[at + 1] if at is not None and at + 1 < len(said) else None
    return then if then in COUNT_QUALIFIERS else None


def _restates(question: Question, said: set[str]) -> bool:
    """A sentence with the terms `said` says all the question asks; a person the question names in full
    is said by any of their names ("Bale was brought down by ..." for "Who brought down Gareth Bale?")."""
    asked = set(question.terms)
    for run in CAPITALISED_RUN.findall(question.text):
        *given, surname = run.split()
        person = given and all(_given_name(g) for g in given) and labels_of_kind(stem(surname.lower())) != PERSON
        if person and stem(POSSESSIVE.sub("", surname).lower()) in said:
            asked -= {stem(g.lower()) for g in given}
    return len(question.terms) >= MIN_RESTATED and asked <= said


def _after_asked_names(phrase: str, start: int, end: int, question: Question) -> int:
    """Where a common noun phrase starts once the names the question gives are taken off its front: the
    small model runs the two objects of "gifted the Mavericks electric bikes" into one phrase, and what
    was given is "[electric bikes]". A possessive stays whole ("the Mavericks' players")."""
    tokens = list(PHRASE_WORD.finditer(phrase, start, end))
    said = [t.group() for t in tokens]
    if len(said) < 2:
        return start
    article = int(said[0] == "the")
    first = article
    while first < len(said) - 1 and said[first].istitle() and _asked_word(said[first], question):
        first += 1
    if first == article or not said[first].islower() or POSSESSIVE.search(said[first - 1]):
        return start
    return tokens[first].start()


def _place_of_asked_people(term: str, asked: frozenset[str]) -> bool:
    """The (stemmed) country of a people the question names by its adjective ("Ukraine" of "Which Ukrainian
    territory ...?", "China" of "Chinese", "Germany" of "German"): the question says it already. Asked of
    countries, states and continents only (not of the city of Chino). The adjective is the place's name but
    for its last letter, and longer ("Indian" is not "Indiana") unless the stemmer made that letter of a "y"
    ("germani"); names of five letters or more ("Iran" is no "Iraqi")."""
    if len(term) < PEOPLES_PLACE_LENGTH:
        return False
    return any(
        said != term and said.startswith(term[:-1]) and (len(said) > len(term) or term.endswith("i")) for said in asked
    )


def _asked_word(word: str, question: Question) -> bool:
    """The word is one the question says ("Mavericks")."""
    terms = set(content_terms(word))
    return bool(terms) and terms <= question.terms


def _name_of_phrase(phrase: str, start: int, end: int, question: Question) -> tuple[int, int]:
    """The name a noun phrase gives, without the words around it that only describe it: lower-case
    words before it ("the historic [Brin Building]", "most notably the [“GenX”] chemical") and words
    after it the question already says ("[BZ4X] electric SUV" asked "Which Toyota electric SUV ...?").
    Unchanged unless a name is left."""
    tokens = list(PHRASE_WORD.finditer(phrase, start, end))
    asked = question.terms | {question.kind}
    last = len(tokens)
    while last > 1 and not tokens[last - 1].group().istitle() and set(content_terms(tokens[last - 1].group())) <= asked:
        last -= 1  # "electric SUV", "system": the question's noun, not a word of the name ("Brin Building" stays)
    if not any(t.group().islower() for t in tokens[last:]):
        last = len(tokens)  # "Millet TV" asked "On which TV channel ...?": initials of its own
    first = next((i for i, t in enumerate(tokens[:last]) if _name_word(t.group())), last)
    if first == last or not all(t.group()[:1].islower() for t in tokens[:first]):
        return start, end
    article = first > 1 and tokens[first - 1].group() == "the" and tokens[first - 2].group() not in NAME_GLUE
    if first > 0 and tokens[first - 1].group() in NAME_GLUE and not article:
        return start, end  # "al Qaeda", "chairman of Acme", "president of the United States"
    name = [t.group() for t in tokens[first:last]]
    after_initial = [INITIAL.fullmatch(w) is not None for w in ["", *name[:-1]]]  # "E. coli"
    if not all(_name_word(w) or w in NAME_GLUE or initial for w, initial in zip(name, after_initial, strict=True)):
        return start, end
    if not (_name_word(name[-1]) or after_initial[-1]):
        return start, end
    return tokens[first].start(), tokens[last - 1].end()


def _name_word(word: str) -> bool:
    """A word of a name: capitalised, a code ("BZ4X"), or quoted ("“We the People”")."""
    bare = word.lstrip(QUOTES)
    if DESCRIBING_COMPOUND.search(bare):
        return False  # "the [US-based] trade association", "a Saudi-led coalition": says what it is, names nothing
    return bare[:1].isupper() or (bare[:1].isdigit() and any(c.isupper() for c in bare))


def _after_body_of_title(question: Question, before: str, name: str, start: int) -> int | None:
    """Where a person's name starts when the small model runs the asked body of the title before it into
    the name ("Director of [Athletics Kortne Gosha]" for "Who is FAMU's director of athletics?"): after
    the question's words, when a name of two words or more follows them."""
    role = ROLE_OF.search(before)
    if role is None or not (_is_title(role[1]) or stem(role[1].lower()) == question.kind):
        return None  # a title, or the noun the question asks ("Head of [FX Research George Saravelos]")
    said = list(WORD.finditer(name, start))
    glued = next((i for i, w in enumerate(said) if stem(w.group().lower()) not in question.terms), len(said))
    if glued == 0 or len(said) - glued < 2 or not said[glued].group()[:1].isupper():
        return None
    return said[glued].start()


def _whose_role(question: Question, before: str) -> bool:
    """The name after "the CEO of": whose role it is, not who holds it ("Who is the chief executive of
    Stagetext?" is not answered by the "Twitter" of "Musk will continue as CEO of Twitter")."""
    role = ROLE_OF.search(before)
    return bool(role and question.kind and "PERSON" in question.labels and question.kind in _title_stems(role[1]))


def _is_title(word: str) -> bool:
    """A person's title or role ("Sgt", "Gov", "president", "spokesman"), not a name."""
    lowered = word.lower()
    return lowered in ABBREVIATED_TITLES or f"{lowered}." in TITLES or lowered in TITLES or word in ROLE_INITIALS


def _names_the_asked_about(text: str, label: str, question: str) -> bool:
    """It holds a name of two words or more that the question names ("First lady Jill Biden" for "What
    theme did Jill Biden choose?"), or it is a person the question names by surname ("Joe Biden" for
    "Who interrupted Biden's speech?"): the one asked about, under a title, is no answer."""
    if any(contains_words(text, name.group()) for name in QUESTION_NAME.finditer(question)):
        return True
    if ACRONYM.fullmatch(text) and _initialled_in(text, question):
        return True  # "FDA" for "Who is the acting commissioner of the US Food and Drug Administration?"
    if label not in ("PERSON", "NP"):
        return False
    lone_names = {POSSESSIVE.sub("", run) for run in CAPITALISED_RUN.findall(question) if " " not in run}
    return _last_word(NAME_SUFFIX.sub("", text)) in lone_names


def _cuts_asked_name(sentence: str, start: int, end: int, question: str) -> bool:
    """The span runs into or out of a name the question gives, where the sentence says it: part of the
    thing asked about, whatever the small model took for its edges."""
    for name in QUESTION_LONG_NAME.finditer(question, 1):
        for said in re.finditer(re.escape(name.group()), sentence):
            overlaps = start < said.end() and said.start() < end
            inside = said.start() <= start and end <= said.end()
            holds = start <= said.start() and said.end() <= end  # the whole name (_names_the_asked_about)
            if overlaps and not inside and not holds:
                return True
    return False


def _initialled_in(acronym: str, question: str) -> bool:
    """The question names, in full, what the acronym stands for ("Food and Drug Administration")."""
    said = WORD.findall(question)
    for first, word in enumerate(said):
        if not word[:1].isupper():
            continue
        name = []
        for part in said[first:]:
            if not (part[:1].isupper() or part.lower() in NAME_GLUE):
                break
            name.append(part)
            if _initials(" ".join(name)) == acronym:
                return True
    return False


def _last_word(text: str) -> str:
    last = LAST_WORD.search(text)
    return last.group(1) if last else ""


def _in_title(title: str, text: str, halving: int = TITLE_WORDS) -> float:
    """1 when the title starts with `text`, halved after `halving` words before it; 0 when it lacks it."""
    before = word_position(title, text)
    return 0.0 if before is None else 1.0 / (1.0 + before / halving)


def _age(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a number or "date" says an age: "17" of "17-year-old" (years go without saying), "eight
    months old", a number set off by commas after a name ("Dina Boluarte, 60, ...", "Larry Storch, 99;")
    or after "aged" or "He was": the ways news gives ages."""
    if age := AGE_SPAN.match(sentence, start, end):
        return age.span(1) if age.group(2).lower().startswith("year") else age.span()
    if age := AGE_IN_SPAN.fullmatch(sentence, start, end):
        return age.span(1)  # "[age 67]", "[aged 23]": the model's date runs over the word that says it
    set_off = sentence[:start].rstrip().endswith(",") and sentence[end:].lstrip()[:1] in (",", ";")
    aged = AGED.search(sentence[:start]) is not None
    return (start, end) if (set_off or aged) and BARE_AGE.fullmatch(sentence, start, end) else None


def _unnamed_aged(sentence: str, start: int) -> bool:
    """The age at `start` stands for someone the sentence does not name and brings in ("A 16-year-old, who
    ..."), not for a name it is said of ("Abu Akleh, a 51-year-old journalist,", "She was a 51-year-old
    who ...") nor for someone named before ("The 44-year-old has struck ...")."""
    before = sentence[:start]
    brought_in = AGED_ONE.match(sentence, start) is not None and INDEFINITE.search(before) is not None
    return brought_in and SAID_OF_BEFORE.search(before) is None


def _is_marker(sentence: str, span: Span) -> bool:
    """The number of a list's item ("6. Credit Suisse denies wrongdoing"), or a social media handle
    ("@iNabber69"): no answer."""
    said = sentence[span.start : span.end]
    listed = not sentence[: span.start].strip() and LIST_NUMBER.match(sentence, span.start) is not None
    return said.startswith("@") or listed


def _credited(span: Span) -> bool:
    """The source a claim is credited to ("according to [Downdetector]")."""
    return span.slot is not None and span.slot.role == "to" and ACCORD in span.slot.words


def _asks_source(question: Question) -> bool:
    """The question asks who said or reported it, or whom a figure is credited to ("According to ...")."""
    return bool(verb_stems(question.text) & REPORTING) or ACCORDING.search(question.text) is not None


def _is_credit(sentence: str, start: int, end: int) -> bool:
    """A news credit or dateline: "(CNN)", "(Reuters)", "NEW YORK —", "Washington (CNN)" at the start
    of a sentence (where the story was filed, not where its news happened). (An amount in parentheses
    is the one before it in other units: "70 feet (21 meters)", no answer of its own either; a bare
    number in them after a noun counts the noun: "touchdown passes (624)".)"""
    before, after = sentence[max(0, start - 1) : start], sentence[end : end + 2]
    if before == "(" and after.startswith(")"):
        counts_noun = BARE_NUMBER.fullmatch(sentence[start:end]) and not AMOUNT_BEFORE.search(sentence, 0, start - 1)
        return not counts_noun
    return start <= 1 and bool(CREDIT.match(sentence[start : end + 3]) or DATELINE.match(sentence, end))


def _after_role(name: str, start: int, end: int, opens_sentence: bool = False) -> int:
    """Where a person's name starts after the role news gives before it ("captain [Steven Stamkos]",
    "Lionesses striker [Russo]", "President [Joe Biden]"): a role of the lexicon in lower case (or
    capitalised as the sentence's first word, "Owner [BJ Chester-Tamayo] runs ...", or before a full
    name, "OSU Provost [Edward Feser]", never "Baker [Mayfield]"), or a title; the name is the
    capitalised rest."""
    cut = start
    for word in WORD.finditer(name, start, end):
        rest = name[word.end() : end].lstrip(". ")
        said = word.group().lower()
        before_name = _full_name(rest) and not said.endswith("s")  # not "Director of Athletics Kim Sato"
        lower = word.group().islower() or (opens_sentence and word.start() == start) or before_name
        role = labels_of_kind(stem(said)) == PERSON if lower else said in TITLES
        if (role or said in ABBREVIATED_TITLES or word.group() in ROLE_INITIALS) and rest[:1].isupper():
            cut = end - len(rest)
    return cut


def _full_name(said: str) -> bool:
    """Two capitalised words or more and nothing else, none a noun of a kind: a person's full name
    ("Edward Feser"), not a body's ("Biological [Products Advisory Committee]")."""
    names = said.split()
    return len(names) >= 2 and all(name[:1].isupper() and labels_of_kind(stem(name.lower())) is None for name in names)


def _without_hyphened_kind(sentence: str, start: int, end: int, kind: str | None) -> int:
    """The end of an amount without the asked noun hyphened to it ("What was the magnitude ...?": "a
    [7.4]-magnitude earthquake"): the question already says what it measures."""
    hyphened = AMOUNT_HYPHENED.search(sentence, start, end)
    return hyphened.start() if kind and hyphened is not None and stem(hyphened.group(1).lower()) == kind else end


def _without_counted(sentence: str, start: int, end: int, counted: str) -> int:
    """The end of a count without the noun "how many" names ("How many acres ...?": "nearly 52,600",
    not "nearly 52,600 acres"), as a count of a noun outside the span is given ("14" of "14 people")."""
    said = list(WORD.finditer(sentence, start, end))
    if len(said) > 1 and stem(said[-1].group().lower()) == counted:
        before = MORE_OF.sub("", sentence[: said[-1].start()])
        return len(before.rstrip(" -"))
    return end


def _without_asked_phrase(sentence: str, start: int, end: int, asked: frozenset[str]) -> int:
    """The end of a count without the first word of a phrase the question says, which the small model ran
    into the count ("[23 grand] slam singles titles" for "How many grand slam singles titles ...?")."""
    said = list(WORD.finditer(sentence, start, end))
    after = WORD.match(sentence, end + 1) if sentence[end : end + 1] == " " else None
    last = said[-1].group().lower() if said else ""
    if len(said) > 1 and after and stem(last) in asked and stem(after.group().lower()) in asked:
        return len(sentence[: said[-1].start()].rstrip(" -"))
    return end


def _hyphened_modifier(sentence: str, end: int, question: Question) -> bool:
    """A name hyphened to the word after it, before the noun they describe, only says of what kind a
    thing is ("an [NFL]-record price", "a [Phoenix]-based group"): it does nothing the question asks
    of it, unless that word is one the question says ("Which country led ...?": "the [U.S.]-led
    coalition"). A name's own hyphen is followed by no such noun ("Yoon Seok-youl at the summit")."""
    joined = HYPHENED_WORD.match(sentence, end)
    if joined is None or joined["noun"] in stopwords():
        return False
    return not ({stem(joined["word"])} | verb_stems(joined["word"])) & question.terms


def _multiplier(sentence: str, end: int, question: str) -> bool:
    """The amount ending at `end` says how many times another ("about [26] times the weight of the
    Golden Gate Bridge"), which no question but one of times asks."""
    return MULTIPLIER.match(sentence, end) is not None and MULTIPLIER_WORD not in words(question)


def _other_end_of_asked(sentence: str, span: Span, question: str) -> bool:
    """The amount is the other end of a change or range whose one end the question gives ("adjusted the
    jackpot [from $1.9 billion] to $2.04 billion" for "What was the lump sum for the $2.04 billion
    jackpot?"): another value of the quantity the question names, not what it asks."""
    asked = numbers(question)
    after = RANGE_AFTER.match(sentence, span.end)
    before = RANGE_BEFORE.search(sentence[: span.start])
    return bool(asked) and bool(
        (after and numbers(after.group(1)) & asked) or (before and numbers(before.group(1)) & asked)
    )


def _start_of_change(sentence: str, span: Span, question: Question) -> bool:
    """The amount a change starts from ("double the fees from [$10] to $24"), when the question asks what
    it changes to ("What would the fee rise to?"): the value before, not the one asked."""
    asks_end = question.slot is not None and question.slot.role == "to"
    return asks_end and bool(CHANGE_FROM.search(sentence[: span.start]) and CHANGE_GOES_ON.match(sentence, span.end))


def _whole_of_part(sentence: str, start: int, question: str) -> bool:
    """The question asks a part ("How many of Arizona's tribes have declared ...?") and the amount counts
    the whole the part is of ("At least 18 of Arizona's [22] tribes have declared ..."). Asked otherwise,
    the whole may be what is asked ("one-third of the [30,000] Americans with the disease are children"),
    never the whole after "out of" ("99 out of [100] members voted" for "How many members voted?") unless
    the question asks what the part is out of."""
    if OUT_OF_WHOLE.search(sentence[:start]) and "out of" not in question.lower():
        return True
    return PART_ASKED.search(question) is not None and PART_OF.search(sentence[:start]) is not None


def _compared_to_asked(sentence: str, span: Span, question: Question) -> bool:
    """The amount is the other side of a comparison ("median weekly earnings of $1,173, compared with just
    [$712] a week for those who have a high school diploma" for "What are the median weekly earnings of
    Americans with a bachelor's degree?"): what it is said of, after it, is nothing the question asks
    (words both sides share, "a week", say nothing of which side)."""
    if COMPARED_BEFORE.search(sentence[: span.start]) is None:
        return False
    rest = sentence[span.end :]
    said_of = set(content_terms(rest[: m.start()] if (m := CLAUSE_END.search(rest)) else rest))
    return not (said_of - set(content_terms(sentence[: span.start]))) & question.terms


def _of_another_time(sentence: str, span: Span, question: str) -> bool:
    """The amount is said of another month or year than the one the question names ("selling [three]
    vehicles in December, 238 in January and 3,739 in February" for "How many ... in February?")."""
    said = TIME_AFTER.match(sentence, span.end)
    if said is None:
        return False
    time = said.group(1).lower()
    if time[:1].isdigit():
        asked = set(YEAR.findall(question))
    else:
        asked, time = {m[:3].lower() for m in MONTH.findall(question)}, time[:3]  # "Feb." is February
    return bool(asked) and time not in asked


def _of_another_weekday(sentence: str, question: str) -> bool:
    """The question names a day of the week and the sentence another, not it ("a record $4.87 a gallon
    Monday" for "What was the average price on Tuesday morning?"): its amounts are of that other day."""
    asked = {day.lower() for day in WEEKDAY.findall(question)}
    said = {day.lower() for day in WEEKDAY.findall(sentence)}
    return bool(asked) and bool(said) and not asked & said


def _without_asked_qualifier(sentence: str, start: int, question: str) -> int:
    """Where an amount starts without the qualifier the question already says ("Up to how many ounces
    ...?": "three", not "up to three")."""
    asked = ASKED_QUALIFIER.search(question)
    said = f"{asked.group(1).lower()} " if asked else None
    return start + len(said) if said and sentence[start:].lower().startswith(said) else start


def _with_scale(sentence: str, start: int, kind: str) -> int:
    """An amount's start in `sentence`, with the scale the question asks for right before it ("What
    magnitude ...?": "[magnitude] 4", "Which category ...?": "[Category] 4")."""
    before = SCALE_BEFORE.search(sentence[:start])
    return before.start(1) if before is not None and stem(before.group(1).lower()) == kind else start


def _of_kind(owner: re.Match[str], kind: str | None) -> bool:
    """The name before "'s" is of the asked kind, and is the answer ("[Indiana University]'s Maurer School
    of Law" for "Which university ...?")."""
    return kind is not None and stem(words(owner.group(1))[-1].lower()) == kind


def _asked_owner(owner: re.Match[str], owned: str, question: Question) -> bool:
    """A name follows its owner, and the owner is no answer: the question names it, in part ("Rupert
    Murdoch's [News Corp]" for "Which Murdoch company ...?"), or it only says where a place of the asked kind
    is ("Cuba's [Pinar del Rio]" for "In which Cuban province ...?")."""
    place_asked = bool(question.kind and question.labels and question.labels <= PLACES)
    named = bool(set(content_terms(owner.group(1))) & question.terms)
    return (named or place_asked) and owned[:1].isupper()


def _titled_doer(question: Question, before: str) -> bool:
    """The noun right before the name says it does what the question asks who does ("Cyber Ninjas
    [owner] Doug Logan" for "Who owns Cyber Ninjas?", "the band's [founder]" for "Who founded ...?")."""
    asked = question.slot
    last = words(before)[-1:]
    if asked is None or asked.role != "subj" or not last or not last[0].islower():
        return False
    return any(stem(last[0]) == verb + ending for verb in asked.words for ending in AGENT_ENDINGS)


def _titled_by_asked_body(question: Question, before: str) -> bool:
    """The name's title is the asked role of the body the question names ("[Dartmouth President] Philip
    Hanlon" for "Who is the president of Dartmouth College?"): the sentence says who holds it."""
    said = words(before)[-3:]
    if len(said) < 2 or question.kind not in _title_stems(said[-1]) or not asks_who_holds_role(question.text):
        return False
    return any(stem(word) in _terms_of_names(question.text) for word in said[:-1])


def _in_slot(question: Question, span: Span) -> bool:
    """It plays the asked role, in its sentence or in a relative clause on it ("Steven Jones, who discovered
    the fish," for "Who discovered the fish?")."""
    asked = question.slot
    if asked is not None and asked.role == "is" and span.label in AMOUNTS and _value_of(span.slot, asked):
        return True  # "What is the population?": "a population [of around 20,000]" (a name after "of" owns)
    clause = span.clause
    if clause is not None and clause.role == DESCRIBED and "PERSON" not in question.labels:
        clause = None  # "Jeff Shuren, director of ..." says who directs, not which law directed it
    return asked is not None and any(s is not None and s.matches(asked) for s in (span.slot, clause))


def _value_of(said: Slot | None, asked: Slot) -> bool:
    """An amount after "of" on the asked noun is its value ("a population of [around 20,000]")."""
    return said is not None and said.role == "of" and bool(said.words & asked.words)


def _value_of_kind(said: Slot | None, kind: str) -> bool:
    """An amount after "of" on the noun the question asks ("GDP growth of [1.7%]" for "What GDP growth ...?")."""
    return said is not None and said.role == "of" and kind in {stem(w) for w in said.words}


def _fit(question: Question, span: Span, sentence: str, said_of_kind: bool) -> float:
    """How surely the span is of the kind asked for (`said_of_kind`: the sentence says so, _said_of_kind)."""
    if question.labels and question.labels <= NUMBERS and span.label not in question.labels:
        # "How many states ...?" asks a number, not "Alabama" (a place of the kind); "How many seasons ...?" is
        # answered by "after [15 seasons]", which the small model calls a date
        return 1.0 if span.counts and _counts_asked(question, span.counts) else 0.0
    if known_place_of_kind(question, span):
        return 1.0  # also when the small model calls the town an organisation, or sees no name in it
    if question.kind and span.label in AMOUNTS and _value_of_kind(span.slot, question.kind):
        return 1.0  # "What GDP growth does Daco project?": "GDP growth of [1.7%]"
    if said_of_kind:
        return 1.0
    if question.labels and question.labels <= PLACES and span.label == "ORG" and stem(span.head) in FACILITIES:
        # "from the steps of the Lincoln Memorial": a building the small model calls a body (no state, nor a city)
        return 0.0 if question.kind in PLACE_KINDS else 1.0
    if question.labels == PLACES and question.kind is None and span.label in ("ORG", "FAC") and _venue(sentence, span):
        return 1.0  # "at [Riverfront Events] in Wilmington": where, more narrowly than the town
    if _name_given(question, span, sentence):
        return 1.0  # "dubbed [Otter 841]"
    if question.asks_name and span.label in question.labels:
        return ROLE_UNSAID
    if span.label == "NP":
        if _kind_modifies(question, span, sentence):
            return 0.0  # "a [hotel] room" is no hotel
        if _headed_by_kind(question, span):
            if span.slot is not None and span.slot.role == "is" and not span.proper and not question.describes:
                return 0.0  # "a Kestrel, [a small sailing boat]": the boat's name answers "what boat", not this
            if question.asks_name and not span.proper and not _capitalised(sentence, span):
                return 0.0  # "his [2010 bestselling memoir]" says what the thing is, not its name
            return 1.0  # "the Oreshnik ballistic missile" for "which missile"
        if question.phrase and not question.kind and _in_slot(question, span):
            return 1.0  # the asked role is all "What do sunfish feed on?" says of its answer: "on [jellyfish]"
        return 0.4 if question.phrase or _in_slot(question, span) else 0.0
    if span.label in question.labels and span.counts and question.kind and question.labels <= COUNTS | TIMES:
        return 1.0 if _counts_asked(question, span.counts) else OTHER_COUNT  # "How many states ...?": "14 people"
    if span.label in question.labels:
        asks_role = question.kind is not None and "PERSON" in question.labels  # "Which mayor ...?"
        return ROLE_UNSAID if asks_role or question.kind in SAID_IN_NAME else 1.0
    return 0.5 if question.phrase and span.label not in ("DATE", "TIME", "CARDINAL", "ORDINAL") else 0.0


def _capitalised(sentence: str, span: Span) -> bool:
    """A word of the phrase is capitalised, but at the sentence's start: it holds a name ("the [Terminal
    High-Altitude Area Defense] system", "the [THAAD] system"; not "the [US-based] trade association")."""
    return any(
        w.group()[:1].isupper() and not HYPHENED_TO_LOWER.match(sentence, w.end())
        for w in WORD.finditer(sentence, span.start, span.end)
        if w.start() > 0
    )


def _counts_asked(question: Question, counted: str) -> bool:
    """The noun an amount counts is what "how many" asks about: the same noun, or a fate of the people
    asked about that the question names ("77 deaths" for "How many people died?")."""
    kind = noun_stem(counted)
    if kind == question.kind:
        return True
    fate = FATES.get(kind)
    return question.kind == "person" and fate is not None and bool(fate & {stem(w) for w in words(question.text)})


def _name_given(question: Question, span: Span, sentence: str) -> bool:
    """A name the sentence gives something, asked by a question that asks a name ("dubbed [Otter 841]",
    "whose real name is [Brian Warner]")."""
    naming = _naming(question, span, sentence)
    return naming is not None and not _persons_name_unasked(question, span, naming)


def _persons_name_unasked(question: Question, span: Span, naming: re.Match[str]) -> bool:
    """A person's name ("West, who has legally changed his name to [Ye]") for a question that asks the name
    of something else ("What is the name of Parler's parent company?")."""
    persons = span.label == "PERSON" or PERSONS_NAME.search(naming.group()) is not None
    return persons and bool(question.labels) and "PERSON" not in question.labels


def _naming(question: Question, span: Span, sentence: str) -> re.Match[str] | None:
    """The words right before a name that give it ("dubbed", "whose real name is", "change the name of
    Saginaw Bay to"), when the question asks a name and the span is one."""
    if not question.asks_name or (span.label == "NP" and not span.proper):
        return None
    before = sentence[: span.start]
    return NAMED_AS.search(before) or RENAMED_TO.search(before)


def _name_given_asked(question: Question, span: Span, sentence: str) -> bool:
    """A name given to what the question asks the name of, said right before it ("Manson, whose real
    name is [Brian Warner]" for "What is Marilyn Manson's real name?"; not "an asteroid dubbed
    [Dimorphos]" for "What was the name of the mission?"): the asked role."""
    given = _naming(question, span, sentence)
    if given is None:
        return False
    said = words(sentence[: given.start()])[-NAMED_WORDS:] + words(given.group())  # "the name of [Saginaw Bay] to"
    named = {stem(w) for w in said}
    asked = {question.kind} if question.kind else set().union(*asked_names(question.text))
    return bool(named & asked)


def _said_of_kind(question: Question, span: Span, sentence: str) -> bool:
    """The sentence says the name is of the kind asked for, whatever the small model calls it: its head
    is the noun ("Amalie Arena" for "In which arena ...?"), it starts with it ("Hurricane Kate") or
    stands in apposition to it ("the Russian newspaper Izvestia"), also inside the phrase that ends with
    the name ("according to analytics group [Chainalysis]", where the small model sees no name). An
    amount or a date is no name ("a town [about 19 miles] south of ...")."""
    if not question.kind or (span.label == "NP" and not span.proper):
        return False
    if span.label in AMOUNTS | TIMES and not question.labels & (AMOUNTS | TIMES):
        return False
    headed = span.label != "NP" and stem(span.head) == question.kind
    name = sentence[span.start : span.end]
    in_phrase = span.label == "NP" and _kind_before_name(question, name)
    # "Brian Lillis, who has been the product's brand manager": a relative clause says what the name is, or
    # a description in apposition to the name the model sees ("Robert Austin Cho, owner and pit master of")
    clause = span.clause
    described = (
        clause is not None
        and question.kind in clause.words
        and (clause.role == "is" or (clause.role == DESCRIBED and span.label != "NP"))
    )
    return headed or in_phrase or described or _kind_first(question, name) or _named_as_kind(question, span, sentence)


def _kind_of_examples(question: Question, span: Span, sentence: str, end: int) -> bool:
    """A phrase headed by the asked noun that its examples follow names the kind, not one of it ("simple
    and practical [tools], such as a cast-iron chimney cap" for "Which tool ...?")."""
    return bool(question.kind) and stem(span.head) == question.kind and EXAMPLES_AFTER.match(sentence, end) is not None


def _example_of_kind(question: Question, sentence: str, start: int) -> bool:
    """The phrase starting at `start` is given as an example of the asked kind ("tools, such as [a
    cast-iron chimney cap]"): the sentence says it is one."""
    before = EXAMPLE_OF.search(sentence[:start])
    return bool(question.kind) and before is not None and stem(before.group(1).lower()) == question.kind


def _kind_modifies(question: Question, span: Span, sentence: str) -> bool:
    """The asked noun only modifies the phrase's own head ("a hotel room" for "In which hotel ...?"): the
    phrase names another thing, a room."""
    said = [stem(w.lower()) for w in words(sentence[span.start : span.end])]
    return bool(question.kind) and stem(span.head) != question.kind and question.kind in said[:-1]


def _headed_by_kind(question: Question, span: Span) -> bool:
    """A phrase headed by the noun asked for, in the number asked ("the Oreshnik ballistic missile")."""
    return span.label == "NP" and stem(span.head) == question.kind and (question.plural or not span.plural)


def _kind_first(question: Question, name: str) -> bool:
    """The name starts with the noun asked for ("Hurricane Kate", "Lake Kivu"; a person's title before
    a name is no part of it: _after_kind)."""
    if "PERSON" in question.labels:
        return False
    said = name.split()
    return len(said) > 1 and said[0][:1].isupper() and stem(said[0].lower()) == question.kind


def _named_as_kind(question: Question, span: Span, sentence: str) -> bool:
    """A name in apposition to the noun the question asks for ("the operator Baltica Lines", "Baltica
    Lines, the ferry operator,"), or given it as a role ("Daniel Cameron was elected attorney general"):
    it is of that kind as surely as a phrase headed by the noun."""
    if not question.kind:
        return False
    before = KIND_BEFORE.search(HONORIFIC.sub("", NAMED_AS.sub("", sentence[: span.start])))  # "a sheep (named) Dolly"
    if before is not None and "," in before.group() and (_speaks(sentence[span.end :]) or _subject(span, sentence)):
        before = None  # "... on the Orbis satellite, NASA said": the source, no apposition; nor the subject of
        # the clause a comma opens ("To contain the monkeypox virus, Gostin called for ...")
    if before is not None and OPENS_ON_ARTICLE.match(sentence, span.start):
        before = None  # "earned the actress [an Emmy]": a phrase of its own, in no apposition to the noun before it
    after = KIND_AFTER.match(sentence[span.end :])
    if after is not None and _abbreviated(after.group().rstrip()):
        after = None  # "In Nevada, incumbent Democratic Sen. Catherine Cortez Masto": the title of the next name
    of_place = PLACE_OF.search(sentence[: span.start]) if question.labels == PLACES else None
    became = BECAME.match(sentence[span.end :])
    given_role = became is not None and any(question.kind in _title_stems(w) for w in became.group(1).split())
    return (
        given_role
        or _one_of_kind(question.kind, sentence[span.end :])
        or any(
            m is not None and question.kind in _title_stems(m.group(m.lastindex or 1))
            for m in (before, after, of_place)
        )
    )


def _one_of_kind(kind: str, after: str) -> bool:
    """The name is said to be one of the kind, in the plural ("Frostproof was one of the few Polk County
    cities where ..."): the words up to the clause that may follow hold the kind's plural noun."""
    group = ONE_OF.match(after)
    said = words(group.group(1)) if group else []
    ends = next((i for i, w in enumerate(said) if w in KIND_PHRASE_ENDS), len(said))
    return any(w.endswith("s") and stem(w) == kind for w in said[:ends])


def _subject(span: Span, sentence: str) -> bool:
    """The name is the subject of a verb that follows it at once, not a phrase set off by commas."""
    return span.slot is not None and span.slot.role == "subj" and not sentence[span.end :].lstrip().startswith(",")


def _speaks(rest: str) -> bool:
    """The words after a name say it speaks ("NASA said", "NASA told CNN")."""
    said = words(rest)[:1]
    return bool(said) and verb_stem(said[0]) in REPORTING


def _title_stems(word: str) -> set[str]:
    """The stemmed nouns a word of a title says ("Gov." -> governor; "CEO" -> CEO, chief, executive,
    officer; "Justice" -> judge; "PM" -> prime, minister)."""
    lowered = word.lower().rstrip(".")
    said = ABBREVIATED_TITLES.get(lowered) or TITLE_ROLES.get(lowered)
    spelled = ROLE_INITIALS.get(word)
    return {stem(lowered), *(content_terms(said) if said else ()), *(content_terms(spelled) if spelled else ())}


def _after_kind(kind: str | None, name: str, start: int, end: int, of_person: bool) -> int:
    """Where the name proper starts in "Tory MP Chris Pincher" asked "Which MP ...?": after the noun
    the question asks for, when a capitalised name follows it (the question already says it is one).
    A capitalised noun is such a title only in a person's name ("Mayor Eric Adams"; "the Missile
    Defense Agency" is no missile)."""
    if not kind:
        return start
    cut = start
    for word in WORD.finditer(name, start, end):
        rest = name[word.end() : end].lstrip(". ")  # "Gov. [Matt Bevin]"
        titled = word.group().islower() or of_person
        if titled and kind in _title_stems(word.group()) and rest[:1].isupper():
            cut = end - len(rest)
    return cut


def _at_currency(money: str, start: int, end: int) -> int:
    """Where a sum of money starts when the small model runs a word that only praises it into it ("a
    record $10.1 million", "a whopping $1 billion"); a qualifier stays ("nearly $5", "no more than £2",
    "between $7 million and $8 million")."""
    sign = CURRENCY_SIGN.search(money, start, end)
    if sign is None or sign.start() == start:
        return start
    said = tuple(words(money[start : sign.start()]))
    qualified = any(said[-len(q) :] == q for q in QUALIFIERS) or said[-1:] == (RANGE_START,)
    return start if qualified or not said else sign.start()


def _trimmed(text: str) -> tuple[int, int]:
    """The span without a leading article or possessive, trailing punctuation, and a parenthesis it
    opens but does not close ("Proceedings of the National Academy of Sciences (PNAS": the small
    model's name ends inside the parenthesis); without a photo's credit before a caption's name, or
    a score or "this year" the model runs on after it; without a dateline before it."""
    start = 0
    if credits := list(PHOTO_CREDIT.finditer(text)):
        start = credits[-1].end()  # "Christophe Ena/AP [Croatia] players": a caption after its photo's credit
    if start == 0 and (dateline := FILED_FROM.match(text)):
        start = dateline.end()  # "PHOENIX - [Katie Hobbs]": the city the story was filed in, then the name
    while match := LEADING.match(text[start:]):
        start += match.end()
    end = text.rindex("(") if text.count("(") > text.count(")") else len(text)
    while end > start and (match := TRAILING.search(text[start:end])):
        if INITIALISM.search(text[start:end]) or _abbreviated(text[start:end]):
            break  # "U.S.", "D.C.", "Gov.": the last point is part of the name
        end = start + match.start()
    after = SAID_AFTER.search(text[start:end])
    if after and not MONTH_BEFORE_DAYS.search(text[start : start + after.start()]):  # "[June 14-15]": its days
        end = start + after.start()  # "[Morocco] 2-1", "[Monday, Sept. 4] this year": the model runs them on
        if RELATIVE_BEFORE.search(text[start:end]):
            return start, start  # "Musk earlier this month": a time relative to the article's day, no value
    return start, end


def _abbreviated(text: str) -> bool:
    """It ends with an abbreviation's point ("Republican Gov.", "Lt.")."""
    last = text.rsplit(maxsplit=1)[-1] if text.strip() else ""
    return last.endswith(".") and len(last) > 2 and is_abbreviation(last[:-1])  # "Vitamin C." is no "C."


def _closeness(sentence: str, start: int, end: int, question: Question) -> float:
    """1 next to a word of the question, falling with the number of words between. A word of a name the
    question gives counts only outside the candidate: a name built on it ("Cyber Monday" for "Who owns
    Cyber Ninjas?") is another thing, no nearer for it (but "Otter 841" answers "What name has the otter
    been given?")."""
    named = _terms_of_names(question.text)
    next_clause = NEXT_CLAUSE.search(sentence, end)  # "from $6 to [$14], and for camper vans ...": another's
    positions = [
        m.start()
        for m in re.finditer(r"[^\W_]+", sentence)
        if ((term := stem(m.group().lower())) in question.terms or _initials_asked(m.group(), question))
        and not (term in named and start <= m.start() < end)
        and not (next_clause is not None and m.start() >= next_clause.end())
    ]
    if not positions:
        return 0.0
    gap = min(_words_between(sentence, p, start, end) for p in positions)
    return 1.0 / (1.0 + gap / 4.0)


def _initials_asked(word: str, question: Question) -> bool:
    """The word is initials of words the question asks with ("CEO" for "chief executive officer"; the
    question's own "CEO" is read as those words)."""
    return word in SPELLED_OUT and bool(set(content_terms(SPELLED_OUT[word])) & question.terms)


@lru_cache(maxsize=256)
def _terms_of_names(question: str) -> frozenset[str]:
    """The content terms of the names a question gives (read once per question, not per candidate)."""
    return frozenset(content_terms(" ".join(QUESTION_NAME.findall(question))))


def _words_between(sentence: str, position: int, start: int, end: int) -> int:
    if start <= position < end:
        return 0
    low, high = (position, start) if position < start else (end, position)
    return len(words(sentence[low:high]))
