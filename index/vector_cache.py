"""Vectors of texts embedded before, kept so that answering does not embed the same sentence twice
(a question's shortlist re-reads the same sentences often); the least recently used go first."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

CACHE_SIZE = 50_000  # vectors kept (~80 MB at 384 floats)


class VectorCache:
    """`embed` with a memory: only the texts not seen before go through it."""

    def __init__(self, embed: Callable[[Sequence[str]], np.ndarray], size: int = CACHE_SIZE) -> None:
        self.embed = embed
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return self.embed([])
        with self._lock:
            known = {t: self._vectors[t] for t in texts if t in self._vectors}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            known.update(zip(missing, self.embed(missing), strict=True))
        with self._lock:
            for text in texts:
                self._vectors[text] = known[text]
                self._vectors.move_to_end(text)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return np.stack([known[t] for t in texts])
