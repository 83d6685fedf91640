"""Stories, not copies: retrieval keeps the chunks of at most two articles of one story ahead of other
stories, and a quote names the other articles of its story that carry the same sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from index.manifest import Manifest
    from rag.answer.retrieve import RetrievedChunk

PER_STORY = 2  # articles of one story before other stories get their turn
MAX_REPORTS = 20  # other articles of a story looked into for the same sentence


def diversify(chunks: Sequence[RetrievedChunk], manifest: Manifest) -> list[RetrievedChunk]:
    """The chunks in their order, except that those of a story's third and later articles (its copies) go
    after the others. An article's own chunks are no copies: they keep their place."""
    articles: dict[str, list[str]] = {}
    first: list[RetrievedChunk] = []
    later: list[RetrievedChunk] = []
    for chunk in chunks:
        entry = manifest.files.get(chunk.source)
        told = articles.setdefault(entry.story if entry is not None and entry.story else chunk.source, [])
        if chunk.source not in told:
            told.append(chunk.source)
        (first if told.index(chunk.source) < PER_STORY else later).append(chunk)
    return first + later


SHARED_SHARE = 0.6  # the part of a quote another copy must carry word for word


def shared_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where `text` carries the quote, or the longest run of its words that is at least SHARED_SHARE
    of it (a copy may lack the outlet's dateline or its last clause): exact offsets in `text`."""
    if (start := text.find(quote)) >= 0:
        return start, start + len(quote)
    cuts = [0] + [i + 1 for i, ch in enumerate(quote) if ch == " "]
    ends = [len(quote), *[i for i, ch in enumerate(quote) if ch == " "][::-1]]
    best: tuple[int, int] | None = None
    for head in cuts:
        for tail in ends:
            piece = quote[head:tail].strip()
            if len(piece) < SHARED_SHARE * len(quote) or (best and len(piece) <= best[1] - best[0]):
                break
            if (start := text.find(piece)) >= 0:
                best = (start, start + len(piece))
                break
    return best


def stories_with_copies(manifest: Manifest) -> dict[str, list[str]]:
    """The articles of each story that has more than one (by story name)."""
    members: dict[str, list[str]] = {}
    for source, entry in manifest.files.items():
        members.setdefault(entry.story or source, []).append(source)
    return {story: sources for story, sources in members.items() if len(sources) > 1}


def story_members(manifest: Manifest, copies: Mapping[str, list[str]], source: str) -> list[str]:
    """The other articles of `source`'s story."""
    entry = manifest.files.get(source)
    story = entry.story if entry is not None and entry.story else source
    return [s for s in copies.get(story, []) if s != source][:MAX_REPORTS]
