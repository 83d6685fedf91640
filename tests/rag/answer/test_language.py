"""What the answerer takes from spaCy's parse (real model): the role a question asks about and the role
each phrase of a sentence plays, and names kept whole without the words of other entities."""

from __future__ import annotations

import pytest

from rag.answer.language import Language, Slot
from rag.text import verb_stem


@pytest.fixture(scope="module")
def language() -> Language:
    return Language()


def slots_in(language: Language, text: str, entities: bool = False) -> dict[str, Slot | None]:
    """The role of each noun phrase (or named entity) of `text`, by its words."""
    (annotation,) = language.annotate([text])
    return {text[s.start : s.end]: s.slot for s in (annotation.entities if entities else annotation.phrases)}


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Thousands of users were unable to access which platform this week?", "access"),  # a noun to the model
        ("Which leader did the president welcome to the White House?", "welcome"),  # an adjective to it
        ("Which ferry did the council buy?", "buy"),
    ],
)
def test_a_word_an_auxiliary_makes_a_verb_is_one_of_the_questions_verbs(
    language: Language, question: str, verb: str
) -> None:
    assert verb in language.parse_question(question).verbs


@pytest.mark.parametrize(
    ("question", "role", "word"),
    [
        ("What caused the flooding in the tunnel?", "subj", "caus"),
        ("Who leads the orchestra?", "subj", "lead"),
        ("A sea otter keeps stealing what?", "obj", "steal"),
        ("Which tram line did the mayor announce to connect the airport?", "obj", "announc"),  # fronted
        ("NFL owners approved the sale of which football team?", "of", "sale"),
        ("What is the main obstacle to the harbour deal?", "is", "obstacl"),  # the other side of a copula
        ("Which team did Tom Brady sign with as a free agent?", "with", "sign"),  # a stranded preposition
        ("What is the Orla probe designed to study?", "obj", "studi"),  # what the infinitive takes
        ("What is the solvent known to cause?", "obj", "caus"),
        ("Which moon did the NASA probe crash into?", "into", "crash"),  # "into" on "did" to the small model
        ("Who was the Tern Bay bridge named after?", "after", "name"),  # on the participle of the subject
        ("Whom does Ada Holm replace?", "obj", "replac"),  # "whom", a subject to the small model here
        ("What crypto firm did the Trump family launch in September?", "obj", "launch"),  # "launch", a noun to it
    ],
)
def test_a_question_asks_about_a_role(language: Language, question: str, role: str, word: str) -> None:
    slot = language.parse_question(question).slot
    assert slot is not None and slot.role == role and word in slot.words


def test_a_preposition_matches_whichever_word_the_parser_hung_it_on(language: Language) -> None:
    """ "raise the wage to which amount?": "to" on "wage" in the question, on "raise" in the sentence."""
    asked = Slot("to", frozenset({"wage", "rais"}))
    said = Slot("to", frozenset({"rais", "could"}))
    assert asked.matches(said) and not asked.matches(Slot("above", said.words))


def test_each_phrase_of_a_sentence_has_its_role(language: Language) -> None:
    text = "The Northfield orchestra is led by Maria Okafor, and owners approved the sale of the Denver Broncos."
    (annotation,) = language.annotate([text])
    roles = {text[s.start : s.end]: s.slot for s in (*annotation.entities, *annotation.phrases)}
    assert roles["Maria Okafor"] == Slot("subj", frozenset({"lead"}))  # a passive verb's agent is its subject
    assert roles["the Denver Broncos"] is not None and roles["the Denver Broncos"].role == "of"
    assert "sale" in roles["the Denver Broncos"].words


def test_what_a_copula_says_something_is_plays_the_role_a_what_is_question_asks(language: Language) -> None:
    """ "What is the main obstacle ...?" is answered by "The main obstacle remains [the toll] ..." and
    "[The toll] is the main obstacle ...", whichever side the answer stands on."""
    asked = language.parse_question("What is the main obstacle to the harbour deal?").slot
    for text, answer in [
        ("The main obstacle remains the toll on heavy lorries, officials said.", "the toll"),
        ("The toll on heavy lorries is the main obstacle, officials said.", "The toll"),
    ]:
        slots = slots_in(language, text)
        assert asked is not None and slots[answer] is not None and slots[answer].matches(asked), (text, slots)
        assert not any(s is not None and s.matches(asked) for phrase, s in slots.items() if phrase != answer)


def test_a_name_is_widened_over_proper_nouns_but_not_over_a_date(language: Language) -> None:
    text = "Owners approved the sale of the Denver Broncos Tuesday, reported the New York Times."
    (annotation,) = language.annotate([text])
    names = [text[s.start : s.end] for s in annotation.entities]
    assert not any("Tuesday" in name and "Broncos" in name for name in names), names
    assert any(name.endswith("New York Times") for name in names), names


def test_a_place_or_body_is_not_widened_over_a_title_or_a_persons_name(language: Language) -> None:
    text = "Preparations for a meeting between U.S. President Mark Delaney and Kremlin spokesman Ivo Laar began."
    (annotation,) = language.annotate([text])
    names = [text[s.start : s.end] for s in annotation.entities]
    assert not any("President" in name or "spokesman" in name for name in names), names


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("The harbour master, Tomas Reyes, closed the quay on Monday.", "The harbour master"),
        ("Tomas Reyes, the harbour master of Valmora, closed the quay on Monday.", "the harbour master of Valmora"),
    ],
)
def test_a_description_in_apposition_says_what_the_name_is(language: Language, text: str, description: str) -> None:
    """ "Who is Tomas Reyes?" asks what the text says he is: a phrase in apposition to his name, either
    way round, with its prepositions ("of Valmora")."""
    slots = slots_in(language, text)
    assert slots.get(description) == Slot("is", frozenset({"rey"})), slots


def test_who_said_is_asked_of_any_verb_of_saying(language: Language) -> None:
    asked = language.parse_question("Who said that the harbour will close in May?").slot
    for text, speaker in [
        ("Harbour master Ann Ross emphasized that the harbour will close in May.", "Ann Ross"),
        ("The closure in May was confirmed by Ann Ross on Friday.", "Ann Ross"),
    ]:
        slots = slots_in(language, text, entities=True)
        assert asked is not None and any(
            name.endswith(speaker) and slot is not None and slot.matches(asked) for name, slot in slots.items()
        ), (text, slots)
    (annotation,) = language.annotate(["Ann Ross closed the harbour in May."])  # closing is no saying
    assert not any(s.slot is not None and s.slot.matches(asked) for s in annotation.entities)


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("What boat is the harbour master buying?", "buy"),  # "what boat" read as the complement of "is"
        ("What are the dock workers building?", "build"),
    ],
)
def test_what_an_ing_verb_is_doing_asks_for_its_object(language: Language, question: str, verb: str) -> None:
    slot = language.parse_question(question).slot
    assert slot is not None and slot.role == "obj" and verb in slot.words, slot


def test_where_asks_for_the_place_of_the_questions_verb(language: Language) -> None:
    asked = language.parse_question("Where was the winning ticket sold?").slot
    slots = slots_in(language, "The winning ticket was sold in Salem on Friday, officials said.", entities=True)
    assert asked is not None and slots["Salem"] is not None and slots["Salem"].matches(asked), (asked, slots)
    assert not any(s is not None and s.matches(asked) for s in slots_in(language, "Salem sold the ticket.").values())


def test_a_place_said_to_be_in_another_is_one_place_and_a_list_is_not(language: Language) -> None:
    chain, listed = (
        "The ticket was sold in Salem, Oregon, on Friday.",
        "Leaders of India, Australia and Japan met in Tokyo.",
    )
    narrower = {}
    for text, annotation in zip([chain, listed], language.annotate([chain, listed]), strict=True):
        narrower |= {text[s.start : s.end]: s.narrower for s in annotation.entities}
    assert narrower["Oregon"] == chain.index("Salem")
    assert narrower["Australia"] is None and narrower["Japan"] is None and narrower["Tokyo"] is None


def test_a_place_before_a_title_qualifies_the_title(language: Language) -> None:
    text = "Oregon Governor Alan Pryce presented the check in Salem."
    (annotation,) = language.annotate([text])
    titles = {text[s.start : s.end]: s.qualifies_title for s in annotation.entities}
    assert titles["Oregon"] and not titles["Salem"]


def test_names_listed_together_are_one_span_and_a_quoted_title_is_a_name(language: Language) -> None:
    text = (
        "The draw helped two charities – the rowing club Corvex, and Pellow’s Lifeboat Trust – in “Ticket to Salem,” "
        "a film."
    )
    (annotation,) = language.annotate([text])
    assert [text[s.start : s.end] for s in annotation.lists] == ["Corvex, and Pellow’s Lifeboat Trust"]
    names = {text[s.start : s.end]: s.label for s in annotation.entities}
    assert names.get("Ticket to Salem") == "WORK_OF_ART" and "Salem" not in names  # no place inside a title


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        # the small model hangs "Nehalem’s Lifeboat Trust" on the verb, not on "Columbia Oars"
        ("The draw was run for two charities – the club Columbia Oars, and Nehalem’s Lifeboat Trust – for free.",
         ["Columbia Oars, and Nehalem’s Lifeboat Trust"]),
        ("Teams from France, Germany and Spain took part.", ["France, Germany and Spain"]),
        ("The ticket was sold in Salem, Oregon, on Friday.", []),  # a place in a place is no list
    ],
)  # fmt: skip
def test_a_list_of_names_is_read_from_the_words_between_them(language: Language, text: str, listed: list[str]) -> None:
    (annotation,) = language.annotate([text])
    assert [text[s.start : s.end] for s in annotation.lists] == listed


def test_the_words_before_a_persons_name_say_what_they_are(language: Language) -> None:
    text = "Kremlin spokesman Dmitry Peskov said on Monday that no talks were planned."
    (annotation,) = language.annotate([text])
    assert {text[s.start : s.end]: s.slot for s in annotation.titles_of_names} == {
        "Kremlin spokesman": Slot("is", frozenset({"peskov"}))
    }


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Which company did Lena Ortiz leave to join Arcadia?", "leav"),  # "did" read as the main verb
        ("Which team did Harbour City defeat in the final?", "defeat"),  # and "defeat" as its object
        ("This week, which color did Twitter use as its new check mark?", "use"),  # "color" hung on "did"
    ],
)
def test_a_which_phrase_before_did_is_the_object_of_the_verb_after_it(
    language: Language, question: str, verb: str
) -> None:
    slot = language.parse_question(question).slot
    assert slot is not None and slot.role == "obj" and verb in slot.words, slot
    slot = language.parse_question("Which company did the deal?").slot  # here "did" is the verb
    assert slot is None or slot.role == "subj", slot


def test_the_noun_right_after_which_is_its_kind_wherever_the_parser_hangs_which(language: Language) -> None:
    """The small model hangs "Which" of "Which CNN meteorologist said ...?" on the verb; the kind is still
    the meteorologist, not a noun further on ("ocean")."""
    parsed = language.parse_question("Which CNN meteorologist said warmer ocean waters could lead to a hurricane?")
    assert parsed.kind == "meteorologist", parsed


@pytest.mark.parametrize(
    ("question", "kind", "role", "word"),
    [
        ("Which collective published archives of the group's private chats?", "collective", "subj", "publish"),
        ("Which AC/DC member plays lead guitar in the reunion?", "member", "subj", "play"),
        ("Which think tank recorded at least 79 protests?", "tank", "subj", "record"),
        ("Which was the last hurricane to strike the US in November?", "hurricane", "is", "hurrican"),
    ],
)
def test_the_words_between_which_and_its_verb_name_the_kind_whatever_the_parser_calls_them(
    language: Language, question: str, kind: str, role: str, word: str
) -> None:
    """The small model calls "collective" an adjective, "think" a verb, and hangs "AC/DC member" on
    the verb; the kind is the last of the words before the verb, asked in the verb's role ("Which was
    the last hurricane ...?" asks what the last hurricane is)."""
    parsed = language.parse_question(question)
    assert parsed.kind == kind and parsed.slot is not None, parsed
    assert parsed.slot.role == role and word in parsed.slot.words, parsed


def test_a_common_nouns_phrase_takes_the_name_it_is_of(language: Language) -> None:
    """ "the moons of Saturn": the name says which moons; "the rest of the crew" names none; a name that
    owns a thing ("the captain of Norway's team") takes the thing along."""
    slots = slots_in(language, "The Kestrel probe will study the moons of Saturn while the rest of the crew rests.")
    assert "the moons of Saturn" in slots and "the rest of the crew" not in slots, slots
    owned = slots_in(language, "Lena Berg, the captain of Norway's team, said the match would go ahead.")
    assert "the captain of Norway's team" in owned, owned


def test_which_before_a_name_that_owns_a_noun_asks_for_the_noun(language: Language) -> None:
    """ "Which classic Acme's mascot ...?" asks which mascot (the small model hangs "which" on the owner);
    "Which country's lawmakers ...?" still asks which country."""
    assert language.parse_question("Which classic Acme's mascot returned last month?").kind == "mascot"
    assert language.parse_question("Which country's lawmakers voted for the ban?").kind == "country"


def test_a_persons_name_runs_past_a_nickname_in_quotes(language: Language) -> None:
    """'William "Pudge" Heffelfinger': the small model ends the name inside the quotes."""
    text = 'When Walter "Pudge" Hoffmann, the sport\'s first paid player, received $300 from the club, fans cheered.'
    (annotation,) = language.annotate([text])
    people = [text[e.start : e.end] for e in annotation.entities if e.label == "PERSON"]
    assert 'Walter "Pudge" Hoffmann' in people, people


def test_a_name_after_a_place_kind_and_of_plays_the_kinds_role(language: Language) -> None:
    """ "struck the village of Norlund": Norlund is what was struck (not the object of "of" only)."""
    slots = slots_in(language, "The tremor struck the village of Norlund before dawn.")
    assert slots["Norlund"] == Slot("obj", frozenset({"strike"})), slots


def test_a_name_a_phrase_is_known_as_plays_the_phrases_role(language: Language) -> None:
    """ "launched by a person known as Satoshi Nakamoto": Nakamoto launched it (not only "known as")."""
    text = "The coin was launched in 2009 by a person known as Satoshi Nakamoto."
    slots = slots_in(language, text, entities=True)
    assert slots["Satoshi Nakamoto"] == Slot("subj", frozenset({"launch"})), slots


def test_the_agent_of_a_passive_verb_is_its_doer_when_the_parser_hangs_it_on_a_noun(language: Language) -> None:
    """ "Brandt would be succeeded as chief curator by Lena Moss": the parser hangs "by Lena Moss" on the
    curator; she is the one who succeeds him, as "Who will succeed Brandt?" asks."""
    text = "The museum confirmed that Tom Brandt would be succeeded as chief curator by Lena Moss, his deputy."
    slot = slots_in(language, text, entities=True)["Lena Moss"]
    asked = language.parse_question("Who will succeed Tom Brandt as chief curator?").slot
    assert slot is not None and asked is not None and slot.matches(asked), slot


def test_a_description_the_parser_reads_as_a_verb_and_its_object_is_the_noun(language: Language) -> None:
    """ "Tom Brandt, a USGS geophysicist and lead author of the study,": the parser reads "lead" as a verb
    with "author" its object; he is described as an author all the same."""
    text = (
        "Tom Brandt, a USGS geophysicist and lead author of the study, said the new forecast was created using a model."
    )
    clause = next(e.clause for e in language.annotate([text])[0].entities if text[e.start : e.end] == "Tom Brandt")
    assert clause is not None and "author" in clause.words, clause


def test_which_kind_before_a_name_that_does_the_verb_asks_for_the_kind(language: Language) -> None:
    """ "Which rock Perseverance studied ...?": the parser heads "rock" by the rover's name, but the rock
    is asked for; "Which Ivy League university ...?" still asks for the university."""
    assert language.parse_question("Which rock Perseverance studied with its robotic arm?").kind == "rock"
    assert language.parse_question("Which Ivy League university did she attend?").kind == "university"


def test_a_phrase_after_a_participle_on_the_object_plays_its_role_for_the_verb_too(language: Language) -> None:
    """ "sent two planes carrying migrants [to Kelso]": where the planes carried them is where he sent them."""
    text = "Tom Brandt sent two planes carrying migrants to Kelso Island on Wednesday."
    slots = {text[e.start : e.end]: e.slot for e in language.annotate([text])[0].entities}
    slot = slots.get("Kelso Island")
    assert slot is not None and slot.role == "to" and verb_stem("sent") in slot.words, slots


def test_a_stranded_preposition_on_a_participle_inside_the_subject_is_the_asked_role(language: Language) -> None:
    """ "What were the 12 women detained in Leeds charged with?": the small model hangs "charged" on "Leeds";
    the question still asks the object of "with" after "charge"."""
    parsed = language.parse_question("What were the 12 women detained in Leeds charged with?")
    assert parsed.slot == Slot("with", frozenset({"charg"})), parsed.slot


def test_a_verb_joined_to_the_next_one_shares_its_object(language: Language) -> None:
    """ "the forces tested and launched the Kestrel missile": the missile is what was tested too; "arrived
    and bought a car" gives "arrived" no object it already has."""
    said = language.annotate(["After that, the forces tested and launched the Kestrel ballistic missile."])[0]
    missile = next(p for p in said.phrases if p.head == "missile")
    assert missile.slot is not None and {"test", "launch"} <= missile.slot.words, missile.slot
    said = language.annotate(["The forces tested the radar and launched the Kestrel ballistic missile."])[0]
    missile = next(p for p in said.phrases if p.head == "missile")
    assert missile.slot is not None and "test" not in missile.slot.words, missile.slot


def test_a_date_right_after_its_verb_is_when_it_happens(language: Language) -> None:
    """ "It will close March 4.": no preposition says it, but the date is when it will close."""
    slots = slots_in(language, "The rink will close March 4.", entities=True)
    assert slots["March 4"] == Slot("when", frozenset({verb_stem("close")})), slots
