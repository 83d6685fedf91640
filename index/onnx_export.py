"""Export the sentence-transformers model to ONNX, pooling and normalisation included, so that answering
can run it with ONNX Runtime alone (index/encoder.py). Run once at install by scripts/setup.sh:

    python -m index.onnx_export [TARGET]

Needs torch and `onnx` (install-time only; answering needs neither). The export is checked against
the torch model on a few texts of different lengths (padded batches included) before it is kept.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
CHECK_TEXTS = [
    "Which missile did the Russian Armed Forces test?",
    "The council approved 48 turbines on Wednesday after a long debate about the coast, the fishing grounds "
    "and the birds that winter there; construction starts in 2026.",
    "Café Zürich «enough» — 東京では桜が満開",
    "a",
]
MIN_COSINE = 0.9999


def default_onnx_path() -> Path:
    """Where the export lives: beside the virtual environment's other shared files."""
    return Path(sys.prefix) / "share" / "rag-articles" / "all-MiniLM-L6-v2.onnx"


def export_onnx(model_path: Path, target: Path) -> None:
    """Write the ONNX export of the model at `model_path` to `target` (atomically), after checking it."""
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
    bert = model[0].auto_model.eval()  # type: ignore[union-attr]
    example = model.tokenizer(CHECK_TEXTS[:2], padding=True, return_tensors="pt")

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(
            self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
        ) -> torch.Tensor:
            tokens = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=1)

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, staging = tempfile.mkstemp(dir=target.parent, suffix=".onnx")
    os.close(fd)
    axes = {0: "batch", 1: "tokens"}
    with torch.inference_mode():
        torch.onnx.export(
            Pooled(),
            (example["input_ids"], example["attention_mask"], example["token_type_ids"]),
            staging,
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
    _check(model, model_path, Path(staging))
    os.replace(staging, target)


def _check(model: object, model_path: Path, exported: Path) -> None:
    from index.encoder import OnnxEncoder

    expected = model.encode(CHECK_TEXTS, normalize_embeddings=True, convert_to_numpy=True)  # type: ignore[attr-defined]
    got = OnnxEncoder(model_path, exported).embed(CHECK_TEXTS)
    cosine = float(np.min(np.sum(np.asarray(expected) * got, axis=1)))
    if cosine < MIN_COSINE:
        exported.unlink(missing_ok=True)
        raise RuntimeError(f"the ONNX export disagrees with the torch model (cosine {cosine:.6f})")
    log.info("ONNX export checked: cosine to torch >= %.6f", cosine)


def main() -> None:
    from index.embedder import default_model_path

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_onnx_path()
    if target.is_file():
        print(f"{target} exists")
        return
    export_onnx(default_model_path(), target)
    print(f"exported the embedding model to {target}")


if __name__ == "__main__":
    main()
