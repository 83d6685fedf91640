"""Importing a library without the optional extras it would load but we never call.

nltk imports scipy and scikit-learn when they are installed (sentence-transformers installs both) for
classifiers and statistics we don't use; spaCy's thinc imports torch when it is installed, for models
we don't run (en_core_web_sm is numpy). Measured here: punkt + spaCy import in 0.7 s with the extras
hidden, 2.4 s without: most of a cold `rag ask`. Hiding a module is Python's documented way to make
its import fail (`sys.modules[name] = None`); the entry is removed again afterwards, so a later
`import torch` (indexing, tests) works as usual.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

UNUSED_BY_NLTK = ("scipy.stats", "sklearn")
UNUSED_BY_SPACY = ("torch",)


@contextmanager
def without(*modules: str) -> Iterator[None]:
    """Imports inside the block see `modules` as not installed (unless already imported)."""
    hidden = [name for name in modules if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
