"""Word-level helpers: what counts as the same word for evidence scoring."""

from __future__ import annotations

from rag.text import content_terms


def test_a_country_written_as_initials_is_its_name() -> None:
    named = content_terms("the United States and the United Kingdom")
    assert content_terms("the US and the UK") == named
    assert content_terms("the U.S. and the U.K.") == named
    assert content_terms("Tell us about it") == ["tell", "us"]  # the pronoun is no country
