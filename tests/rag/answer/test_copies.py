"""One story told by three outlets: grouped at index time, quoted once and counted, every other
article reachable at its own exact span; retrieval is not filled with copies."""

from __future__ import annotations

import pytest

from index.embedder import Embedder
from index.encoder import TextEncoder
from index.manifest import FileEntry, Manifest
from index.stories import signature, stories
from rag.answer.answerer import Answerer, AnswerOptions
from rag.answer.copies import diversify
from rag.answer.language import Language
from rag.answer.retrieve import RetrievedChunk
from rag.schemas import AnswerRequest
from rag.settings import Settings
from rag.wiring import build_service
from tests.helpers import index_folder, published

WIRE = (
    "The Valmora city council voted on Tuesday to build a cable car across the river gorge, at a cost of 80 "
    "million euros. Construction is due to start next spring and the line should carry 2,000 passengers an hour. "
    "Opponents said the money would be better spent on buses, and a local group promised to challenge the vote "
    "in court. The mayor called the decision a turning point for the town's tourism."
)
OUTLETS = {
    "gazette.txt": ("Valmora votes for cable car", "VALMORA (Wire) — "),
    "herald.txt": ("Council backs gorge cable car", "By our correspondent. "),
    "times.txt": ("Cable car approved in Valmora", ""),
}
OTHER = ("Valmora museum reopens", "The Valmora museum reopened on Sunday after a two-year renovation of its roof.")


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder):
    root = tmp_path_factory.mktemp("wire")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, (title, lead) in OUTLETS.items():
        (corpus / name).write_text(f"{title}\n\n{lead}{WIRE}\n")
    (corpus / "museum.txt").write_text(f"{OTHER[0]}\n\n{OTHER[1]}\n")
    index_folder(corpus, root / "data", embedder)
    return corpus, root / "data", build_service(Settings(data_dir=root / "data", corpus_dir=corpus))


def test_copies_of_a_story_are_grouped_at_index_time(wire) -> None:
    _, data, _ = wire
    files = published(data).files
    assert {files[name].story for name in OUTLETS} == {"gazette.txt"}
    assert files["museum.txt"].story == "museum.txt"


def test_an_answer_quotes_one_copy_and_counts_the_others_at_their_exact_spans(wire) -> None:
    corpus, _, service = wire
    answer = service.answer(AnswerRequest(question="How much will the Valmora cable car cost?"))
    assert not answer.abstained and "80 million euros" in answer.answer
    cited = answer.citations[0]
    assert {r.source for r in cited.reported_by} == set(OUTLETS) - {cited.source}
    for report in cited.reported_by:
        shared = (corpus / report.source).read_text()[report.start : report.end]
        assert shared in cited.quote and "80 million euros" in shared
    assert len({c.source for c in answer.citations}) == len(answer.citations)  # no copy quoted twice
    assert answer.conflicts == []  # copies that agree are no conflict


def test_a_copy_that_gives_another_value_is_a_conflict_not_a_report(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> None:
    """An update of the wire story says 95 million: the same story, but it does not report the quoted
    sentence (the chat window would say "reported by 2 articles" of a sentence one of them contradicts)."""
    root = tmp_path_factory.mktemp("update")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "march.txt").write_text(f"Valmora votes for cable car\nPublished: 2025-03-01\n\n{WIRE}\n")
    updated = WIRE.replace("80 million", "95 million")
    (corpus / "april.txt").write_text(f"Valmora votes for cable car\nPublished: 2025-04-01\n\n{updated}\n")
    index_folder(corpus, root / "data", embedder)
    service = build_service(Settings(data_dir=root / "data", corpus_dir=corpus))
    answer = service.answer(AnswerRequest(question="How much will the Valmora cable car cost?"))
    cited = answer.citations[0]
    assert cited.source == "april.txt" and "95 million" in cited.quote
    assert [(c.source, c.value) for c in answer.conflicts] == [("march.txt", "80 million euros")]
    assert cited.reported_by == []


def test_a_sentence_the_copies_repeat_takes_one_place_in_the_shortlists(wire, encoder: TextEncoder) -> None:
    """Copies repeat their story's sentences word for word. The sentences embedded, and those parsed
    for a short answer, are counted by text: two copies of a story must not halve either shortlist
    (the bench's answer sentence fell out of the parsed ones when an update of its article came in)."""
    _, _, service = wire
    answerer = Answerer(encoder, Language(), AnswerOptions(embed_top=3, parse_top=1))
    ranked = answerer.gather(service.snapshot, "How many passengers an hour will the cable car carry?").ranked_parts[0]
    assert len({s.text for s in ranked}) == 3 and len(ranked) > 3
    parsed = {s.text for s in ranked if s.candidates}
    assert len(parsed) == 1
    assert all(s.candidates for s in ranked if s.text in parsed)  # every copy of the parsed text


def test_retrieval_keeps_other_stories_ahead_of_a_third_copy(wire) -> None:
    _, _, service = wire
    snapshot = service._snapshot
    chunks = service._answerer.retrieve(snapshot, "Valmora cable car council vote museum", 4)
    ordered = diversify(chunks, snapshot.manifest)
    stories_in_order = [snapshot.manifest.files[c.source].story for c in ordered]
    assert stories_in_order[:3].count("gazette.txt") <= 2


def test_an_articles_own_chunks_keep_their_place_and_only_a_third_copy_waits() -> None:
    """Copies of a story are other articles, not the other chunks of the best one: its lede (ranked
    third here) must not wait behind weaker chunks of other stories, a third copy must."""
    story = {"a.txt": "a.txt", "a-copy.txt": "a.txt", "a-copy2.txt": "a.txt", "b.txt": "b.txt", "c.txt": "c.txt"}
    manifest = Manifest(files={s: FileEntry(sha256=s, title=s, chunk_ids=[], story=told) for s, told in story.items()})
    order = ["a.txt", "a.txt", "a.txt", "a-copy.txt", "a-copy2.txt", "b.txt", "c.txt"]
    chunks = [
        RetrievedChunk(id=f"{n}", source=s, title=s, ordinal=n, start=0, end=1, text="x") for n, s in enumerate(order)
    ]
    assert [c.source for c in diversify(chunks, manifest)] == [*order[:4], "b.txt", "c.txt", "a-copy2.txt"]


def test_near_duplicates_are_linked_and_different_texts_are_not() -> None:
    changed = WIRE.replace("80 million", "85 million").replace("Tuesday", "Wednesday")
    other = "A completely different text about a football match in which the home side won three goals to one."
    signatures = {"a": signature(WIRE), "b": signature(changed), "c": signature(other), "d": signature("Too short.")}
    titles = {"a": "Valmora votes for cable car", "b": "Cable car vote in Valmora - Gazette", "c": "Match", "d": ""}
    assert stories(signatures, titles) == {"a": "a", "b": "a", "c": "c", "d": "d"}
    boilerplate = {"x": signature(WIRE), "y": signature(WIRE)}  # the same scraped ad survey on two pages
    titles = {"x": "Musk no longer richest - CNN", "y": "Giuliani on Masked Singer - CNN"}
    assert stories(boilerplate, titles) == {"x": "x", "y": "y"}
    assert signature(WIRE) == signature(WIRE)  # the same in every process and run
