"""A GGUF model run in-process by xllamacpp (llama.cpp's server loop, prebuilt wheel), wrapped as a
llama-index LLM so the answerer treats it like any other chat model.

The model loads on first use. xllamacpp answers through a callback on the calling thread; a worker
thread and a queue turn that into the iterator llama-index's `stream_chat` returns.
"""

from __future__ import annotations

import json
import queue
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
)
from llama_index.core.llms import CustomLLM
from pydantic import PrivateAttr

if TYPE_CHECKING:
    from collections.abc import Sequence

_END = object()


class XLlamaCppLLM(CustomLLM):
    model_path: str
    threads: int
    max_tokens: int
    context_window: int = 4096

    _server: Any = PrivateAttr(default=None)
    _load_lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(
            context_window=self.context_window,
            num_output=self.max_tokens,
            is_chat_model=True,
            model_name=Path(self.model_path).name,
        )

    def _server_instance(self) -> Any:
        with self._load_lock:
            if self._server is None:
                import xllamacpp

                params = xllamacpp.CommonParams()
                params.model.path = self.model_path
                params.n_ctx = self.context_window
                params.n_parallel = 1
                params.cpuparams.n_threads = self.threads
                params.cpuparams_batch.n_threads = self.threads
                params.warmup = False
                params.verbosity = -1  # llama.cpp logs every request to stderr otherwise
                self._server = xllamacpp.Server(params)
            return self._server

    def _request(self, messages: Sequence[ChatMessage], stream: bool) -> dict[str, Any]:
        return {
            "messages": [{"role": m.role.value, "content": m.content or ""} for m in messages],
            "max_tokens": self.max_tokens,
            "temperature": 0.0,
            "repeat_penalty": 1.15,  # tiny models loop on one sentence otherwise
            "stream": stream,
        }

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        result = self._server_instance().handle_chat_completions(self._request(messages, stream=False))
        _raise_if_error(result)
        text = result["choices"][0]["message"]["content"] or ""
        return ChatResponse(message=ChatMessage(role="assistant", content=text), raw=result)

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        server = self._server_instance()
        pieces: queue.Queue[object] = queue.Queue()
        stop = threading.Event()

        def on_chunk(chunk: dict[str, Any] | str) -> bool:
            pieces.put(chunk)
            return stop.is_set()  # True asks llama.cpp to stop generating

        def run() -> None:
            try:
                server.handle_chat_completions(self._request(messages, stream=True), on_chunk)
            except Exception as err:
                pieces.put(err)
            finally:
                pieces.put(_END)

        threading.Thread(target=run, name="xllamacpp", daemon=True).start()
        return self._deltas(pieces, stop)

    @staticmethod
    def _deltas(pieces: queue.Queue[object], stop: threading.Event) -> ChatResponseGen:
        text = ""
        try:
            while (item := pieces.get()) is not _END:
                if isinstance(item, Exception):
                    raise item
                chunk: dict[str, Any] = json.loads(item) if isinstance(item, str) else item  # type: ignore[assignment]
                _raise_if_error(chunk)
                delta = "".join((c.get("delta") or {}).get("content") or "" for c in chunk.get("choices", []))
                if delta:
                    text += delta
                    yield ChatResponse(message=ChatMessage(role="assistant", content=text), delta=delta)
        finally:
            stop.set()

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        response = self.chat([ChatMessage(role="user", content=prompt)])
        return CompletionResponse(text=response.message.content or "")

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        for response in self.stream_chat([ChatMessage(role="user", content=prompt)]):
            yield CompletionResponse(text=response.message.content or "", delta=response.delta)


def _raise_if_error(result: Any) -> None:
    if isinstance(result, dict) and "error" in result:
        raise RuntimeError(f"llama.cpp: {result['error']}")
