"""Sentence scores are the same in every process, to the last bit: a tie between two sentences is
broken by their file and place, never by the process's string hashing or by rounding residue (the same
question gave one answer in one run and another in the next)."""

from __future__ import annotations

import os
import subprocess
import sys

from index.encoder import TextEncoder
from rag.answer.evidence import (
    ScoringWeights,
    lexical_scores,
    score_sentences,
    spelled_out,
    split_sentences,
    type_hints,
)
from rag.answer.question import analyze
from rag.answer.retrieve import RetrievedChunk
from rag.text import content_terms

COVERAGE_IN_A_PROCESS = """
from rag.text import TermWeights
idf = {"ferry": 0.1, "operator": 0.2, "valmora": 0.3, "harbour": 1 / 3, "route": 0.7, "winter": 1e-3,
       "crossing": 2.9, "island": 0.15, "timetable": 0.45, "fares": 0.05}
weights = TermWeights(list(idf), idf.__getitem__)
print(repr(weights.coverage(set(idf) - {"fares"})), repr(weights.total))
"""


def test_coverage_does_not_depend_on_the_string_hashing_of_the_process() -> None:
    """A set's order changes with PYTHONHASHSEED, and a float sum in that order changes in its last bit."""
    outputs = set()
    for seed in range(12):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        run = subprocess.run(
            [sys.executable, "-c", COVERAGE_IN_A_PROCESS], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1, outputs


SENTENCE = "Vice President Marta Ilves replaced Juri Kask as head of the Valmora harbour board on Monday."


def chunk(source: str, rank_text: str, dense: float) -> RetrievedChunk:
    text = f"{rank_text} {SENTENCE}"
    return RetrievedChunk(
        id=source, source=source, title="Harbour board", ordinal=0, start=0, end=len(text), text=text, dense=dense
    )


def test_one_sentence_in_two_copies_scores_the_same_and_the_first_file_goes_first(encoder: TextEncoder) -> None:
    """Two outlets carry the same sentence in passages the question is not equally close to: the
    sentence is as good in either, so the order is the files' (the better passage's similarity stood
    in for the sentence's own before it was known, and its residue decided)."""
    question = analyze("Who replaced Juri Kask as head of the Valmora harbour board?")
    chunks = [
        chunk("b.txt", "The ferries ran late all week.", 0.7824543714523315),
        chunk("a.txt", "Storms closed the port twice.", 0.6400810480117798),
    ]
    ranked = score_sentences(
        split_sentences(chunks),
        question,
        encoder.embed([question.text])[0],
        encoder.embed_cached,
        lambda term: 1.0 + len(term) / 10,
        ScoringWeights(),
        embed_top=4,
    )
    copies = [s for s in ranked if s.text == SENTENCE]
    assert [s.source for s in copies] == ["a.txt", "b.txt"]
    assert copies[0].score == copies[1].score


def test_a_sentence_that_gives_another_figure_of_the_asked_scale_does_not_answer() -> None:
    """ "When will the world reach 9 billion people?": a sentence about reaching 8 billion by 2020 speaks
    of another quantity (its year is no answer); one that says 9 billion, no figure of that scale, or one
    of another measure ("home to 1.4 billion people") may."""
    question = analyze("In what year will the world population reach 9 billion people?")
    said = {
        "In 1994, experts projected the population would grow by 2.5 billion to reach 8 billion by 2020.": False,
        "This should keep the world from reaching 9 billion people until 2037.": True,
        "The United Nations expects the milestone in 2037.": True,
        "India, home to 1.4 billion people, will be the most populous nation.": True,  # another measure
    }
    chunks = [chunk(f"{n}.txt", text, 0.5) for n, text in enumerate(said)]
    sentences = [s for s in split_sentences(chunks) if s.text in said]
    type_hints(sentences, question)
    assert {s.text: s.answers_type for s in sentences} == said


def test_a_sentence_that_gives_another_sum_of_the_asked_scale_does_not_answer() -> None:
    """ "... the winning $1.337 billion ticket ...?": a sentence on a $1.537 billion jackpot tells another
    jackpot's story, whatever word stands before its sum; the sum itself, a rounding of it, or a sum of
    another scale or currency ("$500,000", "EUR") may answer."""
    question = analyze("In which town was the winning $1.337 billion Mega Millions ticket sold?")
    said = {
        "The largest ever Mega Millions jackpot of $1.537 billion was won by a ticket sold in Carolina.": False,
        "The nearly $1.34 billion prize was won by a ticket sold in Des Plaines.": True,
        "The jackpot rose to $1.337 billion, up from an estimate of $1.28 billion.": True,
        "The store in Des Plaines will receive $500,000 for selling the winning ticket.": True,
        "A ticket sold in Lyon won a €2 billion prize.": True,
    }
    chunks = [chunk(f"{n}.txt", text, 0.5) for n, text in enumerate(said)]
    sentences = [s for s in split_sentences(chunks) if s.text in said]
    type_hints(sentences, question)
    assert {s.text: s.answers_type for s in sentences} == said


def test_a_clock_time_hints_at_an_answer_to_when() -> None:
    """ "5 p.m. ET", "noon": news writes clock times with points and words, and a time is what a
    deadline question asks for."""
    question = analyze("What was the deadline for staff to respond to the ultimatum?")
    said = {
        "Staff had until 5 p.m. ET to decide whether to stay.": 1.0,
        "Staff had until noon to decide whether to stay.": 1.0,
        "Staff had little time to decide whether to stay.": 0.0,
    }
    chunks = [chunk(f"{n}.txt", text, 0.5) for n, text in enumerate(said)]
    sentences = [s for s in split_sentences(chunks) if s.text in said]
    type_hints(sentences, question)
    assert {s.text: s.hint for s in sentences} == said


def test_a_sentence_about_another_years_edition_does_not_answer() -> None:
    """ "Who is hosting the 2021 Emmy Awards?": a sentence on the 2022 Emmy Awards answers for another
    year; one on the 2021 awards, or one naming no year, may. A name shares most of its words across
    editions ("the 2004 Stanley Cup Final" for the "2022 NHL Stanley Cup Finals"), not one of two ("the
    2018 World Series" is no edition of the World Cup)."""
    said = {
        "Comedian Kenan Thompson will host the 2022 Emmy Awards in September.": False,
        "Cedric the Entertainer will host the 2021 Emmy Awards, and the 2022 Emmy Awards go to NBC.": True,
        "The awards show will be hosted by a comedian this year.": True,
    }
    chunks = [chunk(f"{n}.txt", text, 0.5) for n, text in enumerate(said)]
    sentences = [s for s in split_sentences(chunks) if s.text in said]
    type_hints(sentences, analyze("Who is hosting the 2021 Emmy Awards?"))
    assert {s.text: s.answers_type for s in sentences} == said
    finals = [chunk("f.txt", "In a rematch of the 2004 Stanley Cup Final, Tampa Bay won.", 0.5)]
    series = [chunk("s.txt", "The 2018 World Series drew millions of viewers.", 0.5)]
    for chunks, question, answers in [
        (finals, "Which team won the 2022 NHL Stanley Cup Finals?", False),
        (series, "Who won the 2022 World Cup?", True),
    ]:
        sentences = split_sentences(chunks)
        type_hints(sentences, analyze(question))
        assert sentences[0].answers_type is answers, question


def test_a_short_sentence_that_goes_on_about_the_one_before_is_read_with_it() -> None:
    """ "He was 67." after an obituary's first sentence says how old the man it names was: too short to
    stand alone, it is quoted with that sentence (exact offsets over both); another short one is dropped."""
    text = "Tom Brandt, a comedian with a famous voice, has died, his family said.\n\nHe was 67. Thanks, all. He sang."
    chunk = RetrievedChunk(id="a", source="a.txt", title="Obituary", ordinal=0, start=10, end=10 + len(text), text=text)
    sentences = split_sentences([chunk])
    joined = "Tom Brandt, a comedian with a famous voice, has died, his family said.\n\nHe was 67."
    assert [s.text for s in sentences] == [joined], [s.text for s in sentences]
    assert (sentences[0].start, sentences[0].end) == (10, 10 + len(joined))


def test_a_link_to_another_story_is_no_evidence() -> None:
    """ "More:<headline>" links another story: its words are not the article's, and never its quote."""
    text = "More:Tom Brandt to sing at the dinner\n\nREAD MORE: Ferries run late\n\nMore than 200 guests will dine."
    chunk = RetrievedChunk(id="a", source="a.txt", title="Dinner", ordinal=0, start=0, end=len(text), text=text)
    assert [s.text for s in split_sentences([chunk])] == ["More than 200 guests will dine."]


def test_a_headline_run_into_its_links_label_is_no_evidence_but_a_roundups_item_is() -> None:
    """ "Ferry cuts:Harbour Lines to lay off 300 workers" (no stop at its end) links another story; a
    roundup's "Kelso:The ferry ... ." is the article's own news."""
    text = (
        "Ferry cuts:Harbour Lines to lay off 300 workers\n\n"
        "Kelso:The ferry to Norland will stop running in May.\n\nMore than 200 guests will dine."
    )
    chunk = RetrievedChunk(id="a", source="a.txt", title="Dinner", ordinal=0, start=0, end=len(text), text=text)
    kept = [s.text for s in split_sentences([chunk])]
    assert kept == ["Kelso:The ferry to Norland will stop running in May.", "More than 200 guests will dine."], kept


def test_a_short_quotation_that_goes_on_with_an_attributed_one_is_read_with_it() -> None:
    """'"It is better than nothing," supervisor Ana Ruiz said. "But it is too little, too late."': the
    second half of what she said is hers, and quoted with its speaker; a longer quotation stands alone."""
    first = '"It is better than nothing," supervisor Ana Ruiz said Thursday.'
    goes_on = '"But it is too little, too late."'
    longer = '"We will keep asking the state for more help for every bar and every school in the county."'
    for said, read in (([first, goes_on], [f"{first} {goes_on}"]), ([first, longer], [first, longer])):
        text = " ".join(said)
        chunk = RetrievedChunk(id="a", source="a.txt", title="Bars", ordinal=0, start=0, end=len(text), text=text)
        assert [s.text for s in split_sentences([chunk])] == read


def test_a_link_to_another_story_is_no_sentence_of_the_article() -> None:
    """ "Meta layoffs:Facebook parent company to lay off ..." and "10 cheap weekend getaways:Chicago,
    Denver and more" are links' labels run into other stories' headlines; a roundup's "Richmond:The state
    said ..." is the article's."""
    text = (
        "Meta layoffs:Facebook parent company to lay off more than 11,000 employees\n"
        "10 cheap Labor Day weekend getaways:Chicago, Denver, Vancouver and more\n"
        "Richmond:The state Department of Health said cases rose."
    )
    chunk = RetrievedChunk(id="a", source="a.txt", title="News", ordinal=0, start=0, end=len(text), text=text)
    assert [s.text for s in split_sentences([chunk])] == ["Richmond:The state Department of Health said cases rose."]


def test_a_lists_entry_is_read_as_one_with_its_heading() -> None:
    """ "47. Northvale College" and the "• label: value" lines under it are one entry: each line alone is
    too short to stand and does not say what it is of. A fact line after a long sentence stays its own; a
    short numbered heading ("2. Rivers in Asia": three words and its number) is dropped as short."""
    entry = "47. Northvale College\n\n• Acceptance rate: 28.9%\n\n• Location: Kelso, Iowa"
    founded = "The college was founded by a group of ministers in the spring of 1846."
    text = f"2. Rivers in Asia\n\n{entry}\n\n{founded}\n• Motto: Veritas et lux"
    chunk = RetrievedChunk(id="a", source="a.txt", title="Colleges", ordinal=0, start=5, end=5 + len(text), text=text)
    sentences = split_sentences([chunk])
    assert [s.text for s in sentences][:2] == [
        entry,
        "The college was founded by a group of ministers in the spring of 1846.",
    ]
    start = 5 + len("2. Rivers in Asia\n\n")
    assert (sentences[0].start, sentences[0].end, sentences[0].entry) == (start, start + len(entry), True)
    assert not sentences[1].entry


def test_a_lists_entry_of_capitalised_labels_is_no_heading() -> None:
    """ "2. Norland University • Acceptance rate: 6.1% • Location: Norland, Maine": most of its longer
    words are capitalised and it ends without a stop, as a heading does, but it is an entry that answers."""
    entry = "2. Norland University\n\n• Acceptance rate: 6.1%\n\n• Student to faculty ratio: 6:1\n\n"
    entry += "• Location: Norland, Maine"
    text = f"{entry}\n\nThe index uses admissions data the colleges reported for the fall of 2025."
    chunk = RetrievedChunk(id="a", source="a.txt", title="Colleges", ordinal=0, start=0, end=len(text), text=text)
    sentences = split_sentences([chunk])
    type_hints(sentences, analyze("What is Norland University's acceptance rate?"))
    assert sentences[0].text == entry and sentences[0].answers_type


def test_an_initialism_of_the_question_is_said_by_the_words_it_stands_for() -> None:
    """ "Which company did the SEC name?": a sentence that says "the Securities and Exchange Commission"
    says the SEC; one that says "security" and "exchange" apart does not."""
    text = (
        "The names cited by the Securities and Exchange Commission include Korvel Pharma. "
        "Security at the exchange was tight on Thursday."
    )
    sentences = split_sentences(
        [RetrievedChunk(id="c", source="a.txt", title="Filings", ordinal=0, start=0, end=len(text), text=text)]
    )
    lexical_scores(sentences, ["sec", "name"], lambda term: 1.0, spelled=spelled_out("Whom did the SEC name?"))
    assert [s.coverage for s in sentences] == [1.0, 0.0], [(s.text, s.coverage) for s in sentences]


def test_an_irregular_past_says_the_verb_the_question_asks_in_its_base() -> None:
    """ "In what year did Bowlen buy the team?": "Bowlen, who bought the team in 1984" says "buy" (the stemmer
    leaves "bought" as it is), and "was sold" says "sell"."""
    text = "Bowlen, who bought the team in 1984, died in 2019. The team was sold to the Waltons."
    sentences = split_sentences(
        [RetrievedChunk(id="c", source="a.txt", title="Sale", ordinal=0, start=0, end=len(text), text=text)]
    )
    lexical_scores(sentences, ["buy", "bowlen", "sell"], lambda term: 1.0)
    assert [round(s.coverage, 2) for s in sentences] == [0.67, 0.33], [(s.text, s.coverage) for s in sentences]


def test_a_sentence_that_opens_on_a_pronoun_says_the_names_of_the_one_before() -> None:
    """ "How old was Allan Metcalf when he died?": "He died at 81" says Metcalf, whom the sentence before names
    (at half weight: "he" may mean another); a sentence that names someone itself borrows no name."""
    text = "Allan Metcalf wrote eight books about English. He died at 81 in Jacksonville. Rosa Ilves died in May."
    sentences = split_sentences(
        [RetrievedChunk(id="c", source="a.txt", title="Obituary", ordinal=0, start=0, end=len(text), text=text)]
    )
    lexical_scores(sentences, ["allan", "metcalf", "die"], lambda term: 1.0)
    assert [round(s.coverage, 2) for s in sentences] == [0.67, 0.67, 0.33], [(s.text, s.coverage) for s in sentences]


def test_a_sentence_that_opens_on_that_event_says_the_words_of_the_one_before() -> None:
    """ "Where was the summit at which Eastmark dropped its objections?": "That breakthrough came during a summit
    in Norvik" speaks of what the sentence before it told (at half weight, as a pronoun's names); a sentence
    that opens on anything else borrows nothing."""
    text = (
        "The last hurdle was removed when Eastmark dropped its objections on Tuesday. "
        "That breakthrough came during a summit in Norvik. "
        "A second summit came later."
    )
    sentences = split_sentences(
        [RetrievedChunk(id="c", source="a.txt", title="Talks", ordinal=0, start=0, end=len(text), text=text)]
    )
    lexical_scores(sentences, content_terms("summit Eastmark dropped objections"), lambda term: 1.0)
    assert [round(s.coverage, 2) for s in sentences] == [0.75, 0.62, 0.25], [(s.text, s.coverage) for s in sentences]
