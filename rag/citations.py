"""Citations and the answer text that carries their markers, shared by extractive and LLM answers.

A citation is an exact span of a corpus file: `Path(corpus, source).read_text("utf-8")[start:end]
== quote`, always; both answer paths build theirs here so the invariant has one home.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from rag.schemas import AnswerSentence, Citation, DirectAnswer

if TYPE_CHECKING:
    from collections.abc import Sequence

    from index.chunker import Chunk


def span_citation(n: int, chunk: Chunk, start: int, end: int, quote: str, score: float) -> Citation:
    """A citation of `quote`, the span [start, end) of the chunk's source file."""
    return Citation(
        n=n,
        source=chunk.source,
        title=chunk.title,
        chunk_id=chunk.id,
        start=start,
        end=end,
        quote=quote,
        score=round(score, 4),
    )


def render_text(sentences: Sequence[AnswerSentence], direct: DirectAnswer | None = None) -> str:
    """The answer as plain text: the direct answer first (with the marker of the quote it stands in),
    then each sentence with its markers; unverified ones visibly marked."""
    parts = []
    for s in sentences:
        marks = "".join(f"[{n}]" for n in s.citations)
        parts.append(f"{s.text} [unverified]" if s.verdict == "unverified" else f"{s.text} {marks}".rstrip())
    quoted = parts[0] if parts else ""
    for before, part in itertools.pairwise(parts):  # a quote of several lines (a list's entry) stands apart
        quoted += ("\n\n" if "\n" in before or "\n" in part else " ") + part
    return f"{direct.text} [{direct.n}]\n\n{quoted}" if direct else quoted


def page_label(pages: Sequence[int]) -> str:
    """ "p. 3" or "pp. 3-4" for a PDF citation's pages."""
    if not pages:
        return ""
    return f"p. {pages[0]}" if pages[0] == pages[-1] else f"pp. {pages[0]}-{pages[-1]}"
