"""Sentence-aware chunks that fit the embedding model, with exact character offsets.

A chunk is always a slice of the article's text: ``article.text[chunk.start:chunk.end] == chunk.text``.
Sentences are packed greedily up to the token budget; consecutive chunks share trailing sentences up
to the overlap budget; a sentence longer than the budget is cut at token boundaries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.sentences import sentence_spans

if TYPE_CHECKING:
    from index.loader import Article
    from index.tokens import Tokens


@dataclass(frozen=True)
class Chunk:
    """A slice of an article: ``text == article.text[start:end]``; the one chunk type of the project
    (the answering side extends it with retrieval scores)."""

    id: str
    source: str  # POSIX path relative to the corpus folder
    title: str
    ordinal: int  # position of the chunk in its article
    start: int
    end: int
    text: str
    token_count: int = 0  # model tokens, without special tokens (0 when read back from an older store)


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    tokens: int


def chunk_id(source: str, sha256: str, start: int, end: int) -> str:
    """Stable for the same file content and span; changes when the file changes."""
    return hashlib.sha1(f"{source}\0{sha256}\0{start}\0{end}".encode()).hexdigest()[:20]


def chunk_article(article: Article, tokens: Tokens, max_tokens: int, overlap_tokens: int) -> list[Chunk]:
    """The article's chunks; `tokens` are the model tokens of its whole text."""
    if max_tokens < 8:
        raise ValueError(f"chunk token budget too small: {max_tokens}")
    pieces: list[_Piece] = []
    for start, end in sentence_spans(article.text, article.body_start):
        pieces.extend(_fit_sentence(start, end, tokens, max_tokens))
    return [
        _make_chunk(article, ordinal, first.start, last.end, tokens.count(first.start, last.end))
        for ordinal, (first, last) in enumerate(_pack(pieces, max_tokens, overlap_tokens))
    ]


def _fit_sentence(start: int, end: int, tokens: Tokens, max_tokens: int) -> list[_Piece]:
    """The sentence itself, or token-boundary windows of it when it exceeds the budget."""
    i, j = tokens.token_range(start, end)
    if j - i <= max_tokens:
        return [_Piece(start, end, max(j - i, 1))]
    pieces = []
    for k in range(i, j, max_tokens):
        last = min(k + max_tokens, j) - 1
        piece_start = start if k == i else tokens.starts[k]
        piece_end = end if last == j - 1 else tokens.ends[last]
        pieces.append(_Piece(piece_start, piece_end, last - k + 1))
    return pieces


def _pack(pieces: list[_Piece], max_tokens: int, overlap_tokens: int) -> list[tuple[_Piece, _Piece]]:
    """Greedy packing into (first piece, last piece) pairs, backing up for overlap."""
    packed: list[tuple[_Piece, _Piece]] = []
    i = 0
    while i < len(pieces):
        j, total = i, 0
        while j < len(pieces) and (j == i or total + pieces[j].tokens <= max_tokens):
            total += pieces[j].tokens
            j += 1
        packed.append((pieces[i], pieces[j - 1]))
        if j == len(pieces):
            break
        k, shared = j, 0
        while k - 1 > i and shared + pieces[k - 1].tokens <= overlap_tokens:
            k -= 1
            shared += pieces[k].tokens
        i = k
    return packed


def _make_chunk(article: Article, ordinal: int, start: int, end: int, tokens: int) -> Chunk:
    return Chunk(
        id=chunk_id(article.source, article.sha256, start, end),
        source=article.source,
        title=article.title,
        ordinal=ordinal,
        start=start,
        end=end,
        text=article.text[start:end],
        token_count=tokens,
    )
