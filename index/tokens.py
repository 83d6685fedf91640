"""A text's model tokens, kept from chunking to embedding so that no chunk is tokenised twice."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from index.sentences import Span


@dataclass(frozen=True)
class Tokens:
    """Token ids of a text (special tokens excluded), each token's character span, and the word of the
    text it belongs to (the tokenizer's pre-tokenisation: words and punctuation)."""

    ids: Sequence[int]
    offsets: Sequence[Span]
    words: Sequence[int | None]

    @cached_property
    def starts(self) -> list[int]:
        return [s for s, _ in self.offsets]

    @cached_property
    def ends(self) -> list[int]:
        return [e for _, e in self.offsets]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indexes [i, j) of the tokens that lie inside text[start:end]."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_right(self.ends, end)

    def count(self, start: int, end: int) -> int:
        i, j = self.token_range(start, end)
        return max(j - i, 0)

    def ids_alone(self, start: int, end: int) -> list[int] | None:
        """The ids that tokenising text[start:end] by itself gives: this text's own when the span starts
        and ends between words (each word is tokenised on its own), None when it cuts a word or a token
        (WordPiece may split the cut word otherwise)."""
        i, j = self.token_range(start, end)
        if i >= j:
            return None
        cut_before = i > 0 and (self.ends[i - 1] > start or self.words[i - 1] == self.words[i])
        cut_after = j < len(self.ids) and (self.starts[j] < end or self.words[j - 1] == self.words[j])
        return None if cut_before or cut_after else list(self.ids[i:j])
