"""A stand-in for a remote OpenAI-compatible LLM (the one external service we cannot run here).

It speaks the real protocol over real HTTP (uvicorn on a loopback port): POST /v1/chat/completions,
JSON or Server-Sent Events with `chat.completion.chunk` deltas and `data: [DONE]`, GET /v1/models,
401 without the expected key. What it "writes" is scripted by the test, in terms of the prompt it
actually received: `{cite:WORD}` becomes the number of the first passage containing WORD, and
`{wrong:WORD}` the number of a passage that does not contain it.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import uvicorn
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import StreamingResponse

PASSAGE = re.compile(r"^\[(\d+)\] ", re.MULTILINE)
PLACEHOLDER = re.compile(r"\{(cite|wrong):([^}]+)\}")
FAKE_KEY = "sk-fake-llm-key"


@dataclass
class FakeLLM:
    reply: str = "The articles do not say."
    token_delay: float = 0.0  # seconds between streamed pieces
    requests: list[dict] = field(default_factory=list)
    last_token_sent_at: float = 0.0

    def passages(self, prompt: str) -> dict[int, str]:
        starts = [(int(m.group(1)), m.start()) for m in PASSAGE.finditer(prompt)]
        ends = [s for _, s in starts[1:]] + [prompt.find("\n\nQuestion:")]
        return {n: prompt[s:e] for (n, s), e in zip(starts, ends, strict=True)}

    def render(self, prompt: str) -> str:
        passages = self.passages(prompt)

        def resolve(match: re.Match) -> str:
            kind, word = match.groups()
            holding = [n for n, text in passages.items() if (word.lower() in text.lower()) == (kind == "cite")]
            return str(holding[0]) if holding else "9"

        return PLACEHOLDER.sub(resolve, self.reply)


def build_app(llm: FakeLLM) -> FastAPI:
    app = FastAPI()

    @app.get("/v1/models")
    def models() -> dict:
        return {"object": "list", "data": [{"id": "fake-model", "object": "model", "created": 0, "owned_by": "test"}]}

    @app.post("/v1/chat/completions")
    async def chat(request: Request):
        if request.headers.get("authorization") != f"Bearer {FAKE_KEY}":
            raise HTTPException(401, detail={"error": {"message": "Incorrect API key provided"}})
        body = await request.json()
        llm.requests.append(body)
        prompt = "\n".join(m["content"] for m in body["messages"] if m["role"] == "user")
        text = llm.render(prompt)
        created = int(time.time())
        if body.get("stream"):
            return StreamingResponse(_sse(llm, text, body["model"], created), media_type="text/event-stream")
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": created,
            "model": body["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": len(prompt.split()), "completion_tokens": len(text.split()), "total_tokens": 0},
        }

    return app


def _sse(llm: FakeLLM, text: str, model: str, created: int) -> Iterator[str]:
    def event(delta: dict, finish: str | None = None) -> str:
        chunk = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(chunk)}\n\n"

    yield event({"role": "assistant", "content": ""})
    for piece in re.findall(r"\S+\s*", text):  # word by word, as models stream tokens
        if llm.token_delay:
            time.sleep(llm.token_delay)
        yield event({"content": piece})
    llm.last_token_sent_at = time.monotonic()
    yield event({}, "stop")
    yield "data: [DONE]\n\n"


class FakeLLMServer:
    """uvicorn in a background thread; `url` is the /v1 base URL."""

    def __init__(self, port: int) -> None:
        self.llm = FakeLLM()
        self.url = f"http://127.0.0.1:{port}/v1"
        config = uvicorn.Config(build_app(self.llm), host="127.0.0.1", port=port, log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> FakeLLMServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline:
                raise TimeoutError("fake LLM server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
