"""The same MiniLM, in plain numpy: how a question and a few sentences are embedded when answering.

Answering embeds one short question and a dozen sentences at a time. Loading torch and transformers
for that costs about 9 s of imports per process, more than everything else a `rag ask` does; this
encoder needs numpy, HF `tokenizers` (the model folder's own tokenizer.json) and `safetensors` (its
own weights), and loads in well under a second. It is the BERT forward pass written out (embeddings,
6 layers of self-attention and feed-forward, mean pooling, L2 norm), in float32, so its vectors agree
with the torch embedder's (which embeds the corpus, and may use bf16) to cosine >= 0.9999 (tested).
"""

from __future__ import annotations

import json
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from tokenizers import Tokenizer

LAYER_NORM_EPS = 1e-12


@dataclass
class Layer:
    query: tuple[np.ndarray, np.ndarray]  # (weight transposed, bias)
    key: tuple[np.ndarray, np.ndarray]
    value: tuple[np.ndarray, np.ndarray]
    attention_out: tuple[np.ndarray, np.ndarray]
    attention_norm: tuple[np.ndarray, np.ndarray]  # (weight, bias)
    intermediate: tuple[np.ndarray, np.ndarray]
    output: tuple[np.ndarray, np.ndarray]
    output_norm: tuple[np.ndarray, np.ndarray]


@dataclass
class NumpyMiniLM:
    """Embeds texts as sentence-transformers does (mean pooling, unit length), with numpy."""

    model_path: Path
    batch_size: int = 16
    cache_size: int = 50_000  # vectors kept by embed_cached (~80 MB at 384 floats)
    _cache: OrderedDict[str, np.ndarray] = field(default_factory=OrderedDict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @cached_property
    def _config(self) -> dict[str, int]:
        config: dict[str, int] = json.loads((self.model_path / "config.json").read_text("utf-8"))
        return config

    @cached_property
    def max_tokens(self) -> int:
        bert = json.loads((self.model_path / "sentence_bert_config.json").read_text("utf-8"))
        return int(bert["max_seq_length"])

    @cached_property
    def tokenizer(self) -> Tokenizer:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.enable_padding(pad_id=self._config.get("pad_token_id", 0))
        return tokenizer

    @cached_property
    def _weights(self) -> tuple[dict[str, np.ndarray], list[Layer]]:
        from safetensors.numpy import load_file

        raw = load_file(str(self.model_path / "model.safetensors"))

        def linear(name: str) -> tuple[np.ndarray, np.ndarray]:
            return np.ascontiguousarray(raw[f"{name}.weight"].T), raw[f"{name}.bias"]

        def norm(name: str) -> tuple[np.ndarray, np.ndarray]:
            return raw[f"{name}.weight"], raw[f"{name}.bias"]

        layers = []
        for i in range(self._config["num_hidden_layers"]):
            p = f"encoder.layer.{i}"
            layers.append(
                Layer(
                    query=linear(f"{p}.attention.self.query"),
                    key=linear(f"{p}.attention.self.key"),
                    value=linear(f"{p}.attention.self.value"),
                    attention_out=linear(f"{p}.attention.output.dense"),
                    attention_norm=norm(f"{p}.attention.output.LayerNorm"),
                    intermediate=linear(f"{p}.intermediate.dense"),
                    output=linear(f"{p}.output.dense"),
                    output_norm=norm(f"{p}.output.LayerNorm"),
                )
            )
        return raw, layers

    @property
    def dimension(self) -> int:
        return int(self._config["hidden_size"])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors; texts are batched by length to cut padding."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            vectors[batch] = self._forward([texts[i] for i in batch])
        return vectors

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray:
        """Like `embed`, remembering vectors of texts seen before (answering re-reads the same sentences)."""
        if not texts:
            return self.embed([])
        with self._lock:
            known = {t: self._cache[t] for t in texts if t in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            known.update(zip(missing, self.embed(missing), strict=True))
        with self._lock:
            for text in texts:
                self._cache[text] = known[text]
                self._cache.move_to_end(text)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return np.stack([known[t] for t in texts])

    def _forward(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        raw, layers = self._weights
        _batch, length = ids.shape
        hidden = (
            raw["embeddings.word_embeddings.weight"][ids]
            + raw["embeddings.position_embeddings.weight"][:length][None, :, :]
            + raw["embeddings.token_type_embeddings.weight"][0][None, None, :]
        )
        hidden = _layer_norm(hidden, raw["embeddings.LayerNorm.weight"], raw["embeddings.LayerNorm.bias"])
        heads = self._config["num_attention_heads"]
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for layer in layers:
            hidden = _encoder_layer(hidden, layer, heads, bias)
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _encoder_layer(hidden: np.ndarray, layer: Layer, heads: int, bias: np.ndarray) -> np.ndarray:
    batch, length, width = hidden.shape
    size = width // heads

    def project(weights: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        out = hidden @ weights[0] + weights[1]
        return out.reshape(batch, length, heads, size).transpose(0, 2, 1, 3)

    q, k, v = project(layer.query), project(layer.key), project(layer.value)
    scores = (q @ k.transpose(0, 1, 3, 2)) / math.sqrt(size) + bias
    scores -= scores.max(axis=-1, keepdims=True)
    probabilities = np.exp(scores)
    probabilities /= probabilities.sum(axis=-1, keepdims=True)
    context = (probabilities @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
    attended = _layer_norm(hidden + context @ layer.attention_out[0] + layer.attention_out[1], *layer.attention_norm)
    inner = _gelu(attended @ layer.intermediate[0] + layer.intermediate[1])
    return _layer_norm(attended + inner @ layer.output[0] + layer.output[1], *layer.output_norm)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), with erf from Abramowitz & Stegun 7.1.26 (error < 1.5e-7)."""
    z = x / math.sqrt(2.0)
    sign = np.sign(z)
    a = np.abs(z)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = sign * (1.0 - poly * np.exp(-a * a))
    return (0.5 * x * (1.0 + erf)).astype(np.float32)
