"""Choosing the quoted sentences of an extractive answer (pure: evidence is built by hand)."""

from __future__ import annotations

import re
from datetime import date

from rag.answer.compose import ComposeOptions, compose
from rag.answer.direct import Candidate, DirectOptions, score_candidates
from rag.answer.evidence import SentenceEvidence, is_heading, type_hints
from rag.answer.question import analyze
from rag.answer.retrieve import RetrievedChunk
from rag.schemas import Answer
from rag.text import content_terms

TEXT = (
    "The council approved 48 turbines on Wednesday. Construction starts in 2026. "
    "The mayor called it a big day for the coast."
)


def chunk(source: str = "wind.txt", text: str = TEXT) -> RetrievedChunk:
    return RetrievedChunk(
        id=f"id-{source}", source=source, title="Wind farm", ordinal=0, start=0, end=len(text), text=text
    )


def sentence(text: str, score: float, source: str = "wind.txt", body: str = TEXT) -> SentenceEvidence:
    start = body.index(text)
    return SentenceEvidence(
        chunk(source, body), 0, start, start + len(text), text, set(content_terms(text)), score=score
    )


OPTIONS = ComposeOptions(abstain_below=0.4, max_sentences=2, max_words=80, follow_margin=0.12)


def answer_to(question: str, ranked: list[list[SentenceEvidence]], chunks: list[RetrievedChunk]) -> Answer:
    return compose(analyze(question), ranked, chunks, OPTIONS, DirectOptions())


def test_the_best_sentence_is_quoted_with_its_exact_span() -> None:
    best = sentence("The council approved 48 turbines on Wednesday.", 0.9)
    answer = answer_to("How many turbines?", [[best]], [best.chunk])
    assert answer.answer == "The council approved 48 turbines on Wednesday. [1]"
    citation = answer.citations[0]
    assert TEXT[citation.start : citation.end] == citation.quote and citation.source == "wind.txt"


def test_below_the_bar_the_answer_abstains_and_names_the_nearest_article() -> None:
    weak = sentence("The mayor called it a big day for the coast.", 0.2)
    answer = answer_to("Who won the election?", [[weak]], [weak.chunk])
    assert answer.abstained and answer.citations == [] and "Wind farm" in answer.answer
    assert answer.nearest[0].source == "wind.txt"


def test_a_close_second_sentence_of_the_same_article_is_added_up_to_the_limit() -> None:
    ranked = [
        sentence("The council approved 48 turbines on Wednesday.", 0.9),
        sentence("Construction starts in 2026.", 0.85),
        sentence("The mayor called it a big day for the coast.", 0.84),
    ]
    answer = answer_to("Tell me about the wind farm", [ranked], [ranked[0].chunk])
    assert [c.quote for c in answer.citations] == [s.text for s in ranked[:2]]  # max_sentences = 2


def test_a_short_answer_quotes_one_article_only() -> None:
    other_body = "Elsewhere the council approved 48 turbines too."
    ranked = [
        sentence("The council approved 48 turbines on Wednesday.", 0.9),
        sentence(other_body, 0.88, source="copy.txt", body=other_body),
    ]
    answer = answer_to("How many turbines?", [ranked], [ranked[0].chunk])
    assert {c.source for c in answer.citations} == {"wind.txt"}


def test_each_part_of_a_compound_question_gets_its_best_sentence() -> None:
    turbines = sentence("The council approved 48 turbines on Wednesday.", 0.9)
    start = sentence("Construction starts in 2026.", 0.8)
    answer = answer_to("How many turbines, and when does construction start?", [[turbines], [start]], [])
    assert [c.quote for c in answer.citations] == [turbines.text, start.text]


def test_two_articles_giving_two_values_outweigh_a_third_value_they_split_against() -> None:
    """An update changes "$22" to "$29": the two wordings split the answer's probability (0.3 each),
    and a value of another sentence (0.35) must not win for it; the newest wording is quoted."""
    wage = "The council could raise the wage of fast food workers to {} an hour."
    old, new = wage.format("$22"), wage.format("$29")
    floor = "The state minimum stands at $15 an hour for most workers."
    ranked = [
        sentence(old, 0.9, source="old.txt", body=old),
        sentence(new, 0.9, source="new.txt", body=new),
        sentence(floor, 0.88, source="old.txt", body=floor),
    ]
    for s, value, probability in zip(ranked, ("22", "29", "15"), (0.3, 0.3, 0.35), strict=True):
        start = s.start + s.text.index(value)
        s.candidates = [
            Candidate(s, start, start + len(value), value, "MONEY", 1.0, 1.0, 0.0, score=probability, answer=value)
        ]
    dates = {"old.txt": date(2025, 3, 1), "new.txt": date(2025, 4, 1)}
    answer = compose(analyze("To which hourly amount could the council raise the wage?"), [ranked], [], OPTIONS,
                     DirectOptions(), dates)  # fmt: skip
    assert answer.direct is not None and answer.direct.text == "29"
    assert answer.citations[0].source == "new.txt"
    assert [(c.value, c.source) for c in answer.conflicts] == [("22", "old.txt")]


def test_a_likely_answer_too_unsure_to_say_still_chooses_the_sentence_quoted_first() -> None:
    """The best-scored sentence holds no number; the next holds the count asked for, at a probability
    under the direct-answer bar: its sentence is quoted first, and nothing is said in bold."""
    vague = "The council approved the turbines after a long debate on Wednesday."
    counted = "In all 48 turbines will stand off the coast."
    body = f"{vague} {counted}"
    ranked = [sentence(vague, 0.9, body=body), sentence(counted, 0.85, body=body)]
    start = ranked[1].start + counted.index("48")
    ranked[1].candidates = [
        Candidate(ranked[1], start, start + 2, "48", "CARDINAL", 1.0, 1.0, 0.0, score=0.3, answer="48")
    ]
    answer = compose(analyze("How many turbines did the council approve?"), [ranked], [], OPTIONS, DirectOptions())
    assert answer.direct is None and answer.citations[0].quote == counted, answer.answer


def test_one_amount_written_three_ways_is_one_answer() -> None:
    """ "$22", "up to $22" and "22" are one answer: their mentions pool, and a copy's sentence (nearly
    the same words in another article) is no second report."""
    texts = [
        "The council could raise the wage to up to $22 an hour.",
        "The law caps the wage at $22 an hour, above the $15 of today.",
        "The council could lift the wage to 22 dollars, not 15.",
        "The council could raise the wage to up to $22 an hour, officials said.",  # a copy of the first
    ]
    ranked = [sentence(t, 0.9, source=f"{n}.txt", body=t) for n, t in enumerate(texts)]
    found = []
    for s in ranked:
        for value in re.findall(r"(?:up to )?\$?\d+", s.text):
            start = s.start + s.text.index(value)
            found.append(Candidate(s, start, start + len(value), value, "MONEY", 1.0, 1.0, 0.0))
    scored = score_candidates(found, 0.9, DirectOptions())
    assert scored[0].answer == "22" and scored[0].score > 0.5
    fifteen = next(c for c in scored if c.answer == "15")
    assert fifteen.support == 0.5  # 2 reports of 15 against 3 of 22 (4 if the copy counted: 1/3)


def test_an_update_that_changes_one_figure_answers_with_it_not_with_the_figure_both_keep() -> None:
    """March: "up to $22 an hour, above the $15 paid today"; April, the same sentence with $29. The
    $15 both keep is one report (the update copies it), not twice as likely as either new figure."""
    wage = "The council could raise the wage of dock workers to up to ${} an hour, above the $15 paid today."
    old, new = wage.format("22"), wage.format("29")
    ranked = [sentence(new, 0.7, source="april.txt", body=new), sentence(old, 0.7, source="march.txt", body=old)]
    found = []
    for s in ranked:
        for value in re.findall(r"up to \$\d+|\$15", s.text):
            start = s.start + s.text.index(value)
            found.append(Candidate(s, start, start + len(value), value, "MONEY", 1.0, 0.8, 0.0))
    for s in ranked:
        s.candidates = [c for c in score_candidates(found, 0.7, DirectOptions()) if c.sentence is s]
    dates = {"march.txt": date(2025, 3, 1), "april.txt": date(2025, 4, 2)}
    answer = compose(analyze("To which hourly amount could the council raise the wage?"), [ranked], [], OPTIONS,
                     DirectOptions(), dates)  # fmt: skip
    assert answer.direct is not None and answer.direct.text == "up to $29"
    assert [(c.value, c.source) for c in answer.conflicts] == [("up to $22", "march.txt")]


def zorbit_answer(dates: dict[str, date]) -> Answer:
    """The best sentence (a third outlet's) names "Zorbit"; an agency's sentence names it too, and a
    copy of that sentence gives "Quill" instead, a name the model did not see."""
    best = "The Zorbit mission, the agency's first test of planetary defence, aims to nudge an asteroid."
    old = "The Zorbit mission, or the Asteroid Nudge Test, launched ten months ago from the coast."
    new = old.replace("Zorbit", "Quill")
    ranked = [
        sentence(best, 0.9, source="outlet.txt", body=best),
        sentence(old, 0.6, source="agency.txt", body=old),
        sentence(new, 0.6, source="agency-update.txt", body=new),
    ]
    for s in ranked[:2]:
        s.candidates = [Candidate(s, s.start + 4, s.start + 10, "Zorbit", "ORG", 1.0, 1.0, 0.0, score=0.45)]
    return compose(analyze("What was the name of the mission?"), [ranked], [], OPTIONS, DirectOptions(), dates)


def test_a_later_copy_of_another_report_that_changes_the_answer_is_quoted_and_the_others_flagged() -> None:
    """The copy is the newest: its value is the answer, and both reports of "Zorbit" are the conflict."""
    answer = zorbit_answer(
        {"outlet.txt": date(2025, 3, 5), "agency.txt": date(2025, 3, 1), "agency-update.txt": date(2025, 4, 1)}
    )
    assert answer.direct is not None and answer.direct.text == "Quill"
    assert answer.citations[0].source == "agency-update.txt"
    assert [(c.value, c.source) for c in answer.conflicts] == [("Zorbit", "outlet.txt"), ("Zorbit", "agency.txt")]
    for c in answer.conflicts:
        assert c.quote[c.start - c.quote_start : c.end - c.quote_start] == "Zorbit"


def test_when_the_best_report_is_the_newest_the_copy_that_agrees_with_it_is_no_conflict() -> None:
    answer = zorbit_answer(
        {"outlet.txt": date(2025, 5, 1), "agency.txt": date(2025, 3, 1), "agency-update.txt": date(2025, 4, 1)}
    )
    assert answer.direct is not None and answer.direct.text == "Zorbit"
    assert answer.citations[0].source == "outlet.txt"
    assert [(c.value, c.source) for c in answer.conflicts] == [("Quill", "agency-update.txt")]


def test_a_section_heading_is_context_but_never_the_answer() -> None:
    body = (
        "Talks in Valmora\nHistorical Context of Harbour Relations\nThe harbour talks began in 2019 after a strike.\n"
    )
    heading, prose = "Historical Context of Harbour Relations", "The harbour talks began in 2019 after a strike."
    ranked = [sentence(heading, 0.9, source="h.txt", body=body), sentence(prose, 0.6, source="h.txt", body=body)]
    type_hints(ranked, analyze("What do we know about the harbour relations?"))
    assert [s.answers_type for s in ranked] == [False, True]
    inline = "He said: Historical Context of Harbour Relations matters"  # the same words inside a line
    assert is_heading(sentence(heading, 0.9, source="i.txt", body=f"{inline}\n")) is False


def test_a_question_the_article_asks_is_never_the_answer() -> None:
    body = "What is the harbour levy, and why does it matter again? The harbour levy is a fee on every ship."
    raised, answered = (
        "What is the harbour levy, and why does it matter again?",
        "The harbour levy is a fee on every ship.",
    )
    ranked = [sentence(raised, 0.9, source="l.txt", body=body), sentence(answered, 0.6, source="l.txt", body=body)]
    type_hints(ranked, analyze("What is the harbour levy?"))
    assert [s.answers_type for s in ranked] == [False, True]


def test_a_video_players_caption_left_in_a_page_is_never_the_answer() -> None:
    """A scraped page keeps its video player's text ("JUST WATCHED <title> Replay More Videos ... MUST
    WATCH <title> 02:19"): a title said twice, no sentence of the article."""
    caption = (
        "JUST WATCHED Harbour master interrupts the mayor's speech Replay More Videos ... "
        "MUST WATCH Harbour master interrupts the mayor's speech 02:19"
    )
    prose = "During her remarks, the mayor was interrupted by the harbour master, Ilse Marken."
    body = f"{caption}\n\n{prose}\n"
    ranked = [sentence(caption, 0.9, source="v.txt", body=body), sentence(prose, 0.6, source="v.txt", body=body)]
    type_hints(ranked, analyze("Who interrupted the mayor's speech?"))
    assert [s.answers_type for s in ranked] == [False, True]


def test_the_words_of_one_place_add_up_and_outweigh_another_place() -> None:
    """ "Rainbow Bay on the Gold Coast, Australia" is one answer said in three names: their weights add
    up against "Belfast", which alone weighs more than any one of them."""
    chain = "The duck became a popular sight in Rainbow Bay on the Gold Coast, Australia."
    other = "Belfast: an inflatable duck disappeared."
    ranked = [sentence(chain, 0.8, source="a.txt", body=chain), sentence(other, 0.8, source="b.txt", body=other)]
    found = [
        Candidate(s, s.start + s.text.index(name), s.start + s.text.index(name) + len(name), name, "GPE", 1.0, c, 0.0)
        for s, names in zip(ranked, [["Rainbow Bay", "Gold Coast", "Australia"], ["Belfast"]], strict=True)
        for name, c in zip(names, [0.3, 0.25, 0.2] if len(names) == 3 else [0.5], strict=True)
    ]
    wholes = {c.mention: "rainbow bay" for c in found if c.sentence is ranked[0]}
    scored = score_candidates(found, 0.8, DirectOptions(), wholes)
    belfast = next(c for c in scored if c.text == "Belfast")
    assert belfast.score > max(c.score for c in score_candidates(found, 0.8, DirectOptions()) if c.text != "Belfast")
    assert scored[0].text == "Rainbow Bay" and scored[0].score > belfast.score


def test_the_sentence_that_says_what_the_answer_is_follows_the_one_that_names_it() -> None:
    """ "Orsa Sea" is named in one sentence and said to be the lake asked about in the next: both are
    quoted, in that order, though a sentence of another article scores best."""
    body = "It is called the Orsa Sea, though it is not really a sea at all. The toxic lake holds the most lithium."
    named = sentence("It is called the Orsa Sea, though it is not really a sea at all.", 0.5, "lake.txt", body)
    described = sentence("The toxic lake holds the most lithium.", 0.85, "lake.txt", body)
    other = "Salt flats in Chile hold much of the world's lithium, the survey found."
    elsewhere = sentence(other, 0.95, "chile.txt", other)
    start = named.start + named.text.index("Orsa Sea")
    named.candidates = [
        Candidate(named, start, start + 8, "Orsa Sea", "LOC", 1.0, 1.0, 0.0, score=0.9, said_with=described)
    ]
    answer = compose(analyze("Which lake holds the most lithium?"), [[elsewhere, described, named]], [], OPTIONS,
                     DirectOptions())  # fmt: skip
    assert answer.direct is not None and answer.direct.text == "Orsa Sea"
    assert [c.quote for c in answer.citations][:2] == [named.text, described.text]


def test_a_surname_is_named_in_full_from_a_passage_of_its_article_that_was_not_retrieved() -> None:
    """The answer's sentence says "Orwell"; the article names "Gov. Tate Orwell" in a passage retrieval
    did not bring: it is read, and the full name comes first, without the title, where it stands."""
    said = "Orwell signed the drought bill on Monday."
    signed = sentence(said, 0.9, source="bill.txt", body=said)
    start = signed.start
    signed.candidates = [
        Candidate(signed, start, start + len("Orwell"), "Orwell", "PERSON", 1.0, 1.0, 0.0, score=0.9, answer="orwell")
    ]
    head = "Jackson: Republican Gov. Tate Orwell took office in January."
    at = 900  # a later passage of the article
    elsewhere = RetrievedChunk(
        id="bill-3", source="bill.txt", title="Bill", ordinal=3, start=at, end=at + len(head), text=head
    )
    question = analyze("Who signed the drought bill?")
    alone = compose(question, [[signed]], [signed.chunk], OPTIONS, DirectOptions())
    assert alone.direct is not None and alone.direct.text == "Orwell"
    read: list[str] = []
    answer = compose(
        question, [[signed]], [signed.chunk], OPTIONS, DirectOptions(), article=lambda s: read.append(s) or [elsewhere]
    )
    assert read == ["bill.txt"] and answer.direct is not None and answer.direct.text == "Tate Orwell"
    assert (
        answer.citations[0].chunk_id == "bill-3"
        and head[answer.direct.start - at : answer.direct.end - at] == "Tate Orwell"
    )
    assert [c.quote for c in answer.citations] == [head, said], answer.answer


def test_a_sentence_just_under_the_bar_answers_when_it_says_its_answer_is_of_the_asked_kind() -> None:
    """ "The mayor [Ana Ruiz] called it a big day" for "Which mayor ...?" answers although its score is
    a little under the bar: it says the name is a mayor's. Said only by its label, said of a description
    (a noun phrase, no name), or far under the bar, it does not."""
    said = "The mayor Ana Ruiz called it a big day for the coast."
    body = f"The council approved 48 turbines on Wednesday. {said}"
    question = analyze("Which mayor praised the turbines?")

    def answered(score: float, known: str, label: str = "PERSON") -> bool:
        weak = sentence(said, score, body=body)
        start = weak.start + said.index("Ana Ruiz")
        name = Candidate(weak, start, start + 8, "Ana Ruiz", label, 1.0, 1.0, 0.0, kind_known_by=known, score=0.9)
        weak.candidates = [name]
        return not compose(question, [[weak]], [weak.chunk], OPTIONS, DirectOptions()).abstained

    margin = OPTIONS.said_kind
    assert answered(OPTIONS.abstain_below - margin / 2, "said")
    assert not answered(OPTIONS.abstain_below - margin / 2, "label")
    assert not answered(OPTIONS.abstain_below - margin / 2, "said", label="NP")
    assert not answered(OPTIONS.abstain_below - 2 * margin, "said")


def test_a_lists_entry_is_quoted_alone_and_apart() -> None:
    """The entry that answers is quoted without the list's next entry (another college's figures, however
    close its score), and a quote of several lines stands apart from the others in the answer's text."""
    first = "49. Kelso College\n\n• Acceptance rate: 28.1%\n\n• Location: Kelso, Iowa"
    second = "48. Norland University\n\n• Acceptance rate: 26.5%\n\n• Location: Norland, Ohio"
    said = "Both colleges admitted more students in 2019 than in any year before."
    body = f"{first}\n\n{second}\n\n{said}"
    ranked = [sentence(first, 0.9, body=body), sentence(second, 0.88, body=body), sentence(said, 0.87, body=body)]
    ranked[0].entry = ranked[1].entry = True
    answer = compose(analyze("What is Kelso College's acceptance rate?"), [ranked], [], OPTIONS, DirectOptions())
    assert [c.quote for c in answer.citations] == [first, said], [c.quote for c in answer.citations]
    assert answer.answer == f"{first} [1]\n\n{said} [2]", answer.answer
