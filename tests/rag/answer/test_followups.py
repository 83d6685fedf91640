"""Follow-up questions resolved against the conversation (real spaCy), and compound questions (pure)."""

from __future__ import annotations

import pytest

from rag.answer.followups import needs_context, plays_its_role, quoted_in, resolve, split_compound
from rag.answer.language import Language
from rag.schemas import ChatTurn


@pytest.fixture(scope="module")
def language() -> Language:
    return Language()


def turns(*pairs: tuple[str, str]) -> list[ChatTurn]:
    history = []
    for question, answer in pairs:
        history += [ChatTurn(role="user", content=question), ChatTurn(role="assistant", content=answer)]
    return history


SPEAKER = (
    "Who is the speaker of Crimea's parliament?",
    "Vladimir Konstantinov [1]\n\nVladimir Konstantinov, the speaker of Crimea’s parliament, spoke on Millet TV. [1]",
)


def test_a_pronoun_is_replaced_by_the_person_the_last_answer_named(language: Language) -> None:
    resolved = resolve("Which TV channel did he speak on?", turns(SPEAKER), language.annotate).searched
    assert resolved == "Which TV channel did Vladimir Konstantinov speak on?"


@pytest.mark.parametrize("asked", ["Who does Ada Holm replace?", "Whom does Ada Holm replace?"])
def test_he_is_the_person_a_who_or_whom_question_was_answered_with(language: Language, asked: str) -> None:
    """ "Per Dahl" answered who Ada Holm replaces: "he" is him, not the name the question gave."""
    replaced = (asked, "Per Dahl [1]\n\nHolm replaces Per Dahl, who retires after 31 years at sea. [1]")
    assert resolve("How long was he at sea?", turns(replaced), language.annotate).asked == (
        "How long was Per Dahl at sea?"
    )


def test_it_stands_for_the_last_direct_answer(language: Language) -> None:
    missile = ("Which missile was tested?", "the Oreshnik ballistic missile [1]\n\nThe forces tested the Oreshnik. [1]")
    resolved = resolve("Who announced it?", turns(missile), language.annotate).searched
    assert resolved == "Who announced the Oreshnik ballistic missile?"


def test_a_possessive_pronoun_becomes_a_possessive(language: Language) -> None:
    resolved = resolve("What is his title?", turns(SPEAKER), language.annotate).searched
    assert "Vladimir Konstantinov's title" in resolved


def test_the_newest_turn_wins_over_three_turns(language: Language) -> None:
    history = turns(
        SPEAKER,
        (
            "Who leads the Northfield orchestra?",
            "Maria Okafor [1]\n\nThe Northfield Philharmonic Orchestra is now led by the conductor Maria Okafor. [1]",
        ),
    )
    assert resolve("Where did she study?", history, language.annotate).searched == "Where did Maria Okafor study?"


def test_he_is_the_person_asked_about_not_one_the_answer_names_in_passing(language: Language) -> None:
    about = (
        "Who is Dmitry Peskov?",
        "Putin’s spokesperson [1]\n\nPutin’s spokesperson, Dmitry Peskov, emphasized dialogue. [1]",
    )
    assert resolve("What did he say about talks?", turns(about), language.annotate).searched == (
        "What did Dmitry Peskov say about talks?"
    )
    # what he is ("Putin's spokesperson") is no thing "it" could stand for
    assert resolve("When did he say it?", turns(about), language.annotate).asked == "When did Dmitry Peskov say it?"


def test_it_is_not_who_did_what_the_follow_up_asks_about(language: Language) -> None:
    """ "Who announced it?" after "When did the Kremlin announce ...?": "it" is what the Kremlin
    announced; the question is searched with the one before it, and still asks who."""
    announced = (
        "When did the Kremlin announce that Putin is ready to talk?",
        "January 10, 2025 [1]\n\nOn January 10, 2025, the Kremlin announced that Putin is ready. [1]",
    )
    resolved = resolve("Who announced it?", turns(announced), language.annotate)
    assert resolved.asked == "Who announced it?"
    assert resolved.searched == f"{announced[0]} Who announced it?"


def test_it_is_what_the_last_question_was_about_and_never_the_place_that_answered_where(language: Language) -> None:
    sold = (
        "Where was the winning lottery ticket sold?",
        "Salem [1]\n\nThe winning lottery ticket was sold in Salem, Oregon, officials said. [1]",
    )
    assert resolve("Who sold it?", turns(sold), language.annotate).asked == "Who sold the winning lottery ticket?"
    assert resolve("When was it sold there?", turns(sold), language.annotate).asked == (
        "When was the winning lottery ticket sold Salem?"
    )


def test_a_pronoun_keeps_its_person_over_several_follow_ups(language: Language) -> None:
    """ "How old is he?" was about Tomas Reyes; its answer named Ann Ross in passing: the next "he" is
    still Tomas Reyes (each earlier question is resolved in turn)."""
    history = turns(
        ("Who is Tomas Reyes?", "Tomas Reyes closed the quay in Valmora on Monday. [1]"),
        ("How old is he?", "The record was set by Ann Ross, who was 18 at the time. [1]"),
    )
    assert resolve("What boat is he buying?", history, language.annotate).asked == "What boat is Tomas Reyes buying?"


REPAIRS = (
    "Who paid for the Nordhaven harbour repairs?",
    "regional council [1]\n\nLast year the regional council paid for the repairs, which cost 4.2 million kronor. [1]",
)


def test_they_is_read_both_as_the_body_that_answered_and_as_the_things_asked_about(language: Language) -> None:
    resolved = resolve("How much did they cost?", turns(REPAIRS), language.annotate)
    assert resolved.asked == "How much did regional council cost?"
    assert resolved.otherwise is not None
    assert resolved.otherwise.asked == "How much did the Nordhaven harbour repairs cost?"


def test_it_never_stands_for_a_plural_thing_nor_them_for_what_they_stood_for(language: Language) -> None:
    assert resolve("When did they pay for them?", turns(REPAIRS), language.annotate).asked == (
        "When did regional council pay for the Nordhaven harbour repairs?"
    )
    assert "repairs" not in resolve("Who announced it?", turns(REPAIRS), language.annotate).asked


def test_a_reading_is_borne_out_when_its_thing_does_in_the_sentence_what_the_question_asks(language: Language) -> None:
    sentence = REPAIRS[1].split("\n\n")[1]
    resolved = resolve("How much did they cost?", turns(REPAIRS), language.annotate)
    assert resolved.otherwise is not None
    assert plays_its_role("How much did they cost?", resolved.otherwise, sentence, language.annotate)
    assert not plays_its_role("How much did they cost?", resolved, sentence, language.annotate)  # the council paid
    paid = resolve("How much did they pay?", turns(REPAIRS), language.annotate)
    assert plays_its_role("How much did they pay?", paid, sentence, language.annotate)


def test_a_question_that_stands_alone_is_searched_as_asked(language: Language) -> None:
    question = "Which missile did the Russian Armed Forces test?"
    assert resolve(question, turns(SPEAKER), language.annotate).searched == question


def test_a_question_too_short_to_stand_alone_carries_the_previous_question(language: Language) -> None:
    assert needs_context("And why?")
    resolved = resolve("And why?", turns(SPEAKER), language.annotate)
    assert resolved.searched == "Who is the speaker of Crimea's parliament? And why?"
    assert resolved.asked == "And why?"


@pytest.mark.parametrize(
    ("question", "leans_on_context"),
    [
        ("What is the population of Canada?", False),  # two words, one a name: a new question
        ("What about Canada?", True),
        ("And the population of Canada?", True),
        ("What did the minister say?", True),
    ],
)
def test_a_short_question_that_names_something_stands_alone(question: str, leans_on_context: bool) -> None:
    assert needs_context(question) is leans_on_context


def test_without_earlier_questions_nothing_changes(language: Language) -> None:
    assert resolve("What did he say?", [], language.annotate).searched == "What did he say?"


def test_what_the_assistant_said_is_remembered_to_avoid_repeating_it() -> None:
    assert "spoke on Millet TV" in quoted_in(turns(SPEAKER), "Which channel did he speak on?")


@pytest.mark.parametrize("question", ["Who said that?", "When was this?", "Who made the statement?"])
def test_a_question_about_what_was_just_said_may_be_answered_by_it_again(question: str) -> None:
    assert quoted_in(turns(SPEAKER), question) == ""


def test_a_compound_question_is_split_into_its_parts() -> None:
    parts = split_compound("How many turbines did the council approve, and what did the rover mission cost?")
    assert parts == ["How many turbines did the council approve", "what did the rover mission cost?"]


def test_a_plain_question_with_and_stays_whole() -> None:
    question = "Which parties and unions joined the strike?"
    assert split_compound(question) == [question]


CHIEF = (
    "Who is Vestra Bank's chief executive?",
    "Maria Lindqvist [1]\n\nVestra Bank's chief executive, Maria Lindqvist, spoke in Malmo on Monday. [1]",
)


def test_they_after_a_persons_role_at_a_body_reads_the_body_first_and_the_person_otherwise(
    language: Language,
) -> None:
    """ "they" after "Who is Vestra Bank's chief executive?" is the bank (singular "they" for the person is
    the other reading, which the answerer weighs against it)."""
    resolved = resolve("How much will they invest in the Malmo plant?", turns(CHIEF), language.annotate)
    assert resolved.asked == "How much will Vestra Bank invest in the Malmo plant?"
    assert resolved.otherwise is not None
    assert resolved.otherwise.asked == "How much will Maria Lindqvist invest in the Malmo plant?"


def test_it_is_the_thing_a_name_qualifies_and_never_what_the_user_called_they(language: Language) -> None:
    """ "Where is it?" after "How much will they invest in the Malmo plant?" asks where the plant is: not
    the bank, which the user called "they", nor Malmo, which only says which plant; a thing of common
    nouns leans on the conversation, so the question before it is searched too."""
    plant = (
        "How much will they invest in the Malmo plant?",
        "2 billion kronor [1]\n\nVestra Bank will invest 2 billion kronor in the Malmo plant. [1]",
    )
    resolved = resolve("Where is it?", turns(CHIEF, plant), language.annotate)
    assert resolved.asked == "Where is the Malmo plant?"
    assert resolved.searched == "How much will Vestra Bank invest in the Malmo plant? Where is the Malmo plant?"


def test_he_may_be_a_direct_answer_the_model_calls_a_company_alone_when_its_quote_names_a_person(
    language: Language,
) -> None:
    """ "Halloway" alone is a company to the small model; the quote that answered names a person."""
    replaced = (
        "Who replaced Ola Berg in the lineup?",
        "Halloway [1]\n\nCoach Lind said Halloway replaced Berg in the lineup. [1]",
    )
    assert resolve("How old is he?", turns(replaced), language.annotate).asked == "How old is Halloway?"


def test_it_after_say_is_what_was_said_and_leans_on_the_question_before_it(language: Language) -> None:
    """ "When did he say it?": "it" is the statement quoted, no thing named; the earlier question is
    searched too, and its quote may answer again."""
    said = (
        "What did Erik Lund say about the bridge?",
        "“The bridge will stay closed,” Erik Lund said at a meeting with engineers. [1]",
    )
    resolved = resolve("When did he say it?", turns(said), language.annotate)
    assert resolved.asked == "When did Erik Lund say it?"
    assert resolved.searched == "What did Erik Lund say about the bridge? When did Erik Lund say it?"
    assert quoted_in(turns(said), "When did he say it?") == ""


def test_it_may_be_a_name_the_small_model_sees_no_entity_in(language: Language) -> None:
    """ "the Tesla Cybertruck" after "of" is a name the question talked about, entity or not."""
    price = (
        "What is the starting price of the Tesla Cybertruck?",
        "$39,900 [1]\n\nWith a starting price of $39,900, the Tesla Cybertruck is unlike any other pickup. [1]",
    )
    resolved = resolve("When will it begin production?", turns(price), language.annotate)
    assert resolved.asked == resolved.searched == "When will the Tesla Cybertruck begin production?"


def test_they_is_not_someone_only_a_quote_named(language: Language) -> None:
    """ "Lindqvist told reporters" in a later answer's quote does not make her "they": the company the
    conversation asked about is."""
    history = turns(
        CHIEF,
        ("Where is the plant?", 'Sorgenfri [1]\n\n"We chose Malmo for its port," Lindqvist told reporters. [1]'),
        ("When does building work start?", "March [1]\n\nBuilding work starts in March, the company said. [1]"),
    )
    assert resolve("Why did they choose Malmo?", history, language.annotate).asked == (
        "Why did Vestra Bank choose Malmo?"
    )


def test_her_before_the_questions_last_word_is_a_possessive(language: Language) -> None:
    """ "What is the name of her daughter?": "her" owns "daughter" though a question mark follows it."""
    cafe = ("Who runs the only café?", "Maja Lind [1]\n\nOwner Maja Lind runs the only café with her daughter. [1]")
    resolved = resolve("What is the name of her daughter?", turns(cafe), language.annotate).asked
    assert resolved == "What is the name of Maja Lind's daughter?", resolved


def test_a_pronoun_after_a_name_the_question_gives_is_that_name(language: Language) -> None:
    """ "How old was Ellen Sato when she died?" asks about Ellen Sato twice: its "she" is not the person
    the conversation named last."""
    cafe = ("Which café serves hot food at the rink?", "Café Lind [1]\n\nThe rink has teamed up with Café Lind. [1]")
    asked = "How old was Ellen Sato when she died?"
    assert resolve(asked, turns(cafe), language.annotate).asked == asked
    assert resolve("How old was she?", turns(cafe), language.annotate).asked != "How old was she?"


def test_its_after_a_thing_the_question_names_is_that_thing(language: Language) -> None:
    """ "When did the league drop its objections?" asks about the league's objections, not those of the
    thing the conversation named last."""
    share = ("Who put the share at 90%?", "Maja Lind [1]\n\nGeneral manager Maja Lind put the share at 90%. [1]")
    asked = "When did the league drop its objections?"
    assert resolve(asked, turns(share), language.annotate).asked == asked
    assert resolve("When did it drop its objections?", turns(share), language.annotate).asked != (
        "When did it drop its objections?"
    )


def test_a_town_that_answered_in_which_town_is_there_not_it(language: Language) -> None:
    """ "In which town did the board meet?" is answered by a place, which a later "there" may stand for;
    "How did it vote?" asks about what the question talked about, not the town, nor the asked "which town"."""
    met = ("In which town did the harbour board meet?", "Sundby [1]\n\nThe harbour board met in Sundby. [1]")
    resolved = resolve("How did it vote?", turns(met), language.annotate).asked
    assert "Sundby" not in resolved and "town" not in resolved, resolved
