"""/v1: an OpenAI-compatible chat endpoint, so OpenAI clients and chat apps can use the answerer.

The text carries the [n] markers and ends with a sources list; the structured citations travel in an
extra `citations` field of the response (and of the last streamed chunk). The `model` picks how
answers are written: `rag-extractive` (quotes), or `rag-openai` / `rag-local` (an LLM, each sentence
verified) when the server has them; any other name gets the server's default.
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag.schemas import (
    MAX_HISTORY_TURNS,
    MAX_QUESTION_CHARS,
    MAX_TURN_CHARS,
    Answer,
    AnswerRequest,
    ChatTurn,
    Citation,
    GeneratorName,
)
from rag.server.deps import ServiceDep
from rag.service import RagService

MODEL_PREFIX = "rag-"
DEFAULT_MODEL = "rag"  # the server's default generator; `rag-<name>` asks for one of /v1/models
router = APIRouter(prefix="/v1", tags=["openai-compatible"])


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: str
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return " ".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    model: str = DEFAULT_MODEL
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_HISTORY_TURNS + 1)
    stream: bool = False

    @field_validator("messages")
    @classmethod
    def _ends_with_a_question(cls, messages: list[ChatMessage]) -> list[ChatMessage]:
        users = [m for m in messages if m.role == "user"]
        if not users or not users[-1].text().strip():
            raise ValueError("the last user message is empty: there is no question to answer")
        if len(users[-1].text()) > MAX_QUESTION_CHARS:
            raise ValueError(f"the question is over {MAX_QUESTION_CHARS} characters")
        return messages


class ChoiceMessage(BaseModel):
    role: str = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: ChoiceMessage
    finish_reason: str = "stop"


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletion(BaseModel):
    id: str
    object: str = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage
    citations: list[Citation] = Field(default_factory=list)
    abstained: bool = False
    notice: str | None = None


def sources_block(citations: list[Citation]) -> str:
    if not citations:
        return ""
    lines = [f"[{c.n}] {c.title} — {c.source} (characters {c.start}–{c.end})" for c in citations]
    return "\n\nSources:\n" + "\n".join(lines)


def completion_text(answer: Answer) -> str:
    return answer.answer + sources_block(answer.citations)


def split_turns(messages: list[ChatMessage]) -> tuple[str, list[ChatTurn]]:
    last_user = max(i for i, m in enumerate(messages) if m.role == "user")
    history = [
        ChatTurn(role="user" if m.role == "user" else "assistant", content=m.text()[:MAX_TURN_CHARS])
        for m in messages[:last_user]
        if m.role in ("user", "assistant")
    ]
    return messages[last_user].text(), history


@router.get("/models", summary="How this server can write answers: quotes, or a verified LLM")
def models(service: ServiceDep) -> dict[str, Any]:
    data = [
        {"id": MODEL_PREFIX + name, "object": "model", "created": 0, "owned_by": "rag"}
        for name in service.generator_names()
    ]
    return {"object": "list", "data": data}


class ModelNotFound(LookupError):
    """A model name this server does not have (answering under it would pretend to be that model)."""


def generator_for(model: str, service: RagService) -> GeneratorName | None:
    """The generator a model name asks for (`rag-<name>`), or None for the server's default (`rag`)."""
    if model == DEFAULT_MODEL:
        return None
    for name in service.generator_names():
        if model == MODEL_PREFIX + name:
            return name
    raise ModelNotFound(model)


def model_not_found(model: str, service: RagService) -> JSONResponse:
    """OpenAI's error shape, so that OpenAI clients raise their NotFoundError with our message."""
    known = ", ".join([DEFAULT_MODEL, *(MODEL_PREFIX + name for name in service.generator_names())])
    shown = model if len(model) <= 80 else model[:80] + "…"
    error = {
        "message": f"The model '{shown}' does not exist on this server; use one of: {known}",
        "type": "invalid_request_error",
        "param": "model",
        "code": "model_not_found",
    }
    return JSONResponse({"error": error}, status_code=status.HTTP_404_NOT_FOUND)


@router.post(
    "/chat/completions",
    response_model=ChatCompletion,
    summary="OpenAI-compatible chat",
    responses={
        200: {"content": {"text/event-stream": {}}},
        404: {"description": "`model_not_found`: not `rag` nor one of /v1/models (OpenAI's error shape)"},
    },
)
def chat_completions(
    body: ChatCompletionRequest, service: ServiceDep
) -> ChatCompletion | StreamingResponse | JSONResponse:
    question, history = split_turns(body.messages)
    if not question.strip():
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail="empty question")
    try:
        generator = generator_for(body.model, service)
    except ModelNotFound:
        return model_not_found(body.model, service)
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    request = AnswerRequest(question=question, history=history, generator=generator)
    if body.stream:
        partials = service.stream(request)
        first = next(partials)  # errors (store down) become a status code before the stream starts
        events = _stream(itertools.chain([first], partials), completion_id, created, body.model)
        return StreamingResponse(events, media_type="text/event-stream")
    answer = service.answer(request)
    text = completion_text(answer)
    prompt_tokens = sum(len(m.text().split()) for m in body.messages)
    return ChatCompletion(
        id=completion_id,
        created=created,
        model=body.model,
        choices=[Choice(message=ChoiceMessage(content=text))],
        usage=Usage(
            prompt_tokens=prompt_tokens,
            completion_tokens=len(text.split()),
            total_tokens=prompt_tokens + len(text.split()),
        ),
        citations=answer.citations,
        abstained=answer.abstained,
        notice=answer.notice,
    )


def _stream(partials: Iterator[Answer], completion_id: str, created: int, model: str) -> Iterator[str]:
    """SSE chunks: the text each partial answer adds (whole sentences, once verified), then the sources."""

    def chunk(delta: dict[str, str], finish: str | None = None, **extra: object) -> str:
        payload = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    sent, answer = "", None
    for answer in partials:
        new = answer.answer[len(sent) :] if answer.answer.startswith(sent) else " " + answer.answer
        if new:
            yield chunk({"content": new})
        sent = answer.answer
    if answer is not None:
        yield chunk({"content": sources_block(answer.citations)})
        citations = [c.model_dump() for c in answer.citations]
        yield chunk({}, "stop", citations=citations, abstained=answer.abstained, notice=answer.notice)
    yield "data: [DONE]\n\n"
