"""How a candidate span is cut out of its sentence."""

from __future__ import annotations

import pytest

from rag.answer.direct import _trimmed


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("the U.S.", "U.S."),  # an initialism keeps its last point
        ("Washington, D.C.", "Washington, D.C."),
        ("Houston.", "Houston"),  # a sentence's full stop is no part of the name
        ("the Times’s", "Times"),
    ],
)
def test_a_span_loses_its_article_and_trailing_punctuation_but_not_an_initialisms_point(raw: str, kept: str) -> None:
    start, end = _trimmed(raw)
    assert raw[start:end] == kept
