"""The same MiniLM through ONNX Runtime: how a question and a few sentences are embedded when answering.

Answering embeds one short question and a dozen sentences at a time. Importing torch and transformers
for that costs about 9 s per process, more than everything else `rag ask` does; ONNX Runtime (already
installed with Chroma) imports in 0.1 s and opens the model in 0.15 s. The model is the torch one,
exported once to ONNX by `python -m index.onnx_export` (scripts/setup.sh runs it; if the file is
missing, the first use exports it), with mean pooling and normalisation inside the graph, and the
tokenizer is the model folder's own tokenizer.json run by HF `tokenizers`. Measured here: cosine to
the torch vectors >= 0.99999 on 216 bench questions and passages; 12 sentences in 41 ms vs 57 ms
(torch fp32) and 34 ms (torch bf16 autocast, where the CPU has it).
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

import numpy as np

from index.vector_cache import CACHE_SIZE, VectorCache

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from onnxruntime import InferenceSession
    from tokenizers import Tokenizer

log = logging.getLogger(__name__)


class TextEncoder(Protocol):
    """What answering needs of an embedding model (OnnxEncoder here; index.embedder.Embedder too)."""

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass
class OnnxEncoder:
    """Unit-length vectors as sentence-transformers gives them, without torch."""

    model_path: Path  # the sentence-transformers folder (tokenizer, config)
    onnx_path: Path  # its export (index/onnx_export.py)
    threads: int = 2
    batch_size: int = 16
    cache_size: int = CACHE_SIZE  # vectors kept by embed_cached
    _cached: VectorCache = field(init=False, repr=False, compare=False)
    _load_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._cached = VectorCache(self.embed, self.cache_size)

    @cached_property
    def max_tokens(self) -> int:
        bert = json.loads((self.model_path / "sentence_bert_config.json").read_text("utf-8"))
        return int(bert["max_seq_length"])

    @cached_property
    def dimension(self) -> int:
        config = json.loads((self.model_path / "config.json").read_text("utf-8"))
        return int(config["hidden_size"])

    @cached_property
    def tokenizer(self) -> Tokenizer:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.enable_padding()
        return tokenizer

    @property
    def session(self) -> InferenceSession:
        with self._load_lock:
            return self._session

    @cached_property
    def _session(self) -> InferenceSession:
        import onnxruntime

        if not self.onnx_path.is_file():
            from index.onnx_export import export_onnx

            log.warning(
                "exporting the embedding model to %s (once; scripts/setup.sh does it at install)", self.onnx_path
            )
            export_onnx(self.model_path, self.onnx_path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        return onnxruntime.InferenceSession(str(self.onnx_path), options, providers=["CPUExecutionProvider"])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors; texts are batched by length to cut padding."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            vectors[batch] = self._run([texts[i] for i in batch])
        return vectors

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray:
        """Like `embed`, remembering vectors of texts seen before (answering re-reads the same sentences)."""
        return self._cached(texts)

    def _run(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (vectors,) = self.session.run(["embedding"], feeds)
        return np.asarray(vectors, dtype=np.float32)
