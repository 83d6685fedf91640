"""The chat window's HTML (pure): article text is escaped, markers link to exact spans."""

from __future__ import annotations

from rag.schemas import Answer, AnswerSentence, Citation, NearestPassage, SourceDetail
from ui.render import copy_text, render_article, render_final, render_partial

CITATION = Citation(
    n=1, source="a.txt", title="<b>Title</b>", chunk_id="abc123", start=4, end=9, quote="<i>x", score=0.9
)
ANSWER = Answer(
    question="q",
    answer="<script>alert(1)</script> [1]",
    abstained=False,
    citations=[CITATION],
    sentences=[AnswerSentence(text="<script>alert(1)</script>", citations=[1], verdict="quoted")],
)


def test_answer_text_is_escaped_and_each_marker_links_to_its_span() -> None:
    html = render_partial(ANSWER)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="#cite-abc123-4-9"' in html and ">[1]</a>" in html


def test_the_final_answer_lists_its_sources_with_escaped_titles() -> None:
    html = render_final(ANSWER)
    assert "answer-sources" in html and "&lt;b&gt;Title&lt;/b&gt;" in html


def test_unverified_sentences_are_marked_and_cite_nothing() -> None:
    answer = ANSWER.model_copy(
        update={"sentences": [AnswerSentence(text="Invented.", verdict="unverified", reason="not in any passage")]}
    )
    html = render_partial(answer)
    assert "class='unverified'" in html and "not in any passage" in html and "#cite-" not in html


def test_the_article_panel_highlights_exactly_the_cited_span() -> None:
    article = SourceDetail(source="a.txt", title="T", chunks=1, text="One <two> three", metadata={"published": "2024"})
    html = render_article(article, 4, 9)
    assert "<mark id='cited-passage'>&lt;two&gt;</mark>" in html and "published: 2024" in html


def test_the_direct_answer_is_bold_first_and_its_marker_carries_its_span() -> None:
    from rag.schemas import DirectAnswer

    answer = ANSWER.model_copy(
        update={"direct": DirectAnswer(text="<x>", n=1, start=5, end=8), "resolved_question": "Q?"}
    )
    html = render_partial(answer)
    assert html.index("Understood as: <i>Q?</i>") < html.index("<b>&lt;x&gt;</b>") < html.index("&lt;script&gt;")
    assert 'href="#cite-abc123-4-9-5-8"' in html


def test_the_article_panel_marks_the_direct_answer_inside_the_passage() -> None:
    article = SourceDetail(source="a.txt", title="T", chunks=1, text="One two three four", metadata={})
    html = render_article(article, 4, 13, inner=(8, 13))
    assert "<mark id='cited-passage'>two <strong class='direct-answer'>three</strong></mark>" in html


def test_quotes_stay_verbatim_while_llm_sentences_render_inline_markdown_without_raw_html() -> None:
    quoted = ANSWER.model_copy(
        update={"sentences": [AnswerSentence(text="A **starred** quote", citations=[1], verdict="quoted")]}
    )
    assert "A **starred** quote" in render_partial(quoted)
    written = ANSWER.model_copy(
        update={
            "generator": "openai",
            "sentences": [
                AnswerSentence(text="It was **big** <img src=x onerror=1>", citations=[1], verdict="supported")
            ],
        }
    )
    html = render_partial(written)
    assert "<strong>big</strong>" in html and "<img" not in html and "&lt;img" in html


def test_an_abstention_links_the_closest_articles_it_names() -> None:
    nearest = [NearestPassage(source="a.txt", title="Talks <begin>", chunk_id="abc123")]
    answer = Answer(
        question="q",
        answer="The indexed articles don't contain an answer. The closest material is in “Talks <begin>”, but no.",
        abstained=True,
        nearest=nearest,
    )
    html = render_partial(answer)
    assert '“<a class="cite" href="#cite-abc123"' in html and "Talks &lt;begin&gt;</a>”" in html


def test_copied_text_carries_each_marker_with_its_file_span_and_quote() -> None:
    text = copy_text(ANSWER)
    assert text.startswith("<script>alert(1)</script> [1]\n\n")
    assert text.endswith("[1] <b>Title</b>. a.txt, characters 4-9: “<i>x”")
    assert "data-copy=" in render_final(ANSWER) and "<script>" not in render_final(ANSWER)


def test_a_quote_of_several_lines_keeps_its_lines_apart_and_escaped() -> None:
    """A list's entry ("47. <Kelso> College", "• Location: Kelso, Iowa") is shown line by line, its text
    still escaped."""
    entry = "47. <Kelso> College\n\n• Location: Kelso, Iowa"
    answer = ANSWER.model_copy(update={"sentences": [AnswerSentence(text=entry, citations=[1], verdict="quoted")]})
    html = render_partial(answer)
    assert "47. &lt;Kelso&gt; College<br>• Location: Kelso, Iowa" in html, html
