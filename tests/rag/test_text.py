"""Word-level helpers: what counts as the same word for evidence scoring."""

from __future__ import annotations

from index.sentences import sentence_spans
from rag.text import amounts, content_terms, numbers


def test_a_country_written_as_initials_is_its_name() -> None:
    named = content_terms("the United States and the United Kingdom")
    assert content_terms("the US and the UK") == named
    assert content_terms("the U.S. and the U.K.") == named
    assert content_terms("Tell us about it") == ["tell", "us"]  # the pronoun is no country


def test_a_number_with_its_unit_glued_on_is_a_number() -> None:
    """ "an 18cm fish" states an amount as much as "an 18 cm fish" does."""
    assert numbers("an 18cm fish, a 5km run, the 1990s") == {"18", "5", "1990"}
    assert amounts("A doctor removed an 18cm fish") == {"18"}
    assert numbers("Covid19 and G7") == set()  # a name with a digit in it is no number


def test_a_title_abbreviated_before_a_name_ends_no_sentence() -> None:
    text = "Texas Gov. Greg Abbott signed the bill. Sgt. Lee Park and Capt. Ana Ruiz were there."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Texas Gov. Greg Abbott signed the bill.",
        "Sgt. Lee Park and Capt. Ana Ruiz were there.",
    ]


def test_a_role_written_as_initials_is_its_words() -> None:
    """ "Velmora's CMO" says what "Velmora's chief marketing officer" does."""
    assert content_terms("Velmora's CMO") == content_terms("Velmora's chief marketing officer")
    assert content_terms("the CEO") == content_terms("the chief executive officer")
    assert "cmo" not in content_terms("Velmora's CMO")


def test_initials_before_a_name_end_no_sentence_but_still_end_one_before_a_sentence_opener() -> None:
    text = "As a result, the K.L. Brandt Co. is recalling its jam. Sales rose in the U.S. The firm grew."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "As a result, the K.L. Brandt Co. is recalling its jam.",
        "Sales rose in the U.S.",
        "The firm grew.",
    ]


def test_a_clock_time_before_its_time_zone_ends_no_sentence() -> None:
    """ "until 5 p.m. ET on Thursday" is one sentence (Punkt ended it at "p.m."); a clock time still ends
    one before a sentence ("... at 5 p.m. The store ...") and after its time zone."""
    text = "Staff had until 5 p.m. ET on Thursday to decide. It closes at 5 p.m. The polls close at 8 p.m. EST. Then?"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Staff had until 5 p.m. ET on Thursday to decide.",
        "It closes at 5 p.m.",
        "The polls close at 8 p.m. EST.",
        "Then?",
    ]


def test_a_dash_and_a_lower_case_word_go_on_with_the_sentence_before() -> None:
    """'a sign that read "Eat here!" - opened in 1949': Punkt ends the sentence at the quotation's "!";
    the dash and "opened" go on with it. A capital after the dash starts a sentence."""
    text = 'The diner - known for a sign that read "Eat here!" - opened in 1949. He shouted "Stop!" - Then he left.'
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        'The diner - known for a sign that read "Eat here!" - opened in 1949.',
        'He shouted "Stop!"',
        "- Then he left.",
    ]


def test_a_lists_number_goes_on_with_its_item() -> None:
    """ "48. University of Michigan" is one line of a numbered list (Punkt ended a sentence at "48."); a
    sentence that ends in a number still ends there."""
    text = "48. University of Northvale\n\nThe score was 2. 5 people came."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "48. University of Northvale",
        "The score was 2.",
        "5 people came.",
    ]
