"""Any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio), through
llama-index's OpenAILike client."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

    from rag.llm.generate import GenerationOptions


def openai_llm(base_url: str, model: str, api_key: str | None, options: GenerationOptions) -> LLM:
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(
        model=model,
        api_base=base_url,
        api_key=api_key or "not-needed",  # local servers ignore it; the client insists on one
        is_chat_model=True,
        temperature=0.0,
        max_tokens=options.max_tokens,
        timeout=options.timeout,
        max_retries=0,  # a dead endpoint should fall back to the extractive answer now, not in a minute
        context_window=8192,
    )
