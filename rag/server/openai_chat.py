"""/v1: an OpenAI-compatible chat endpoint, so OpenAI clients and chat apps can use the answerer.

The text carries the [n] markers and ends with a sources list; the structured citations travel in an
extra `citations` field of the response (and of the last streamed chunk).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag.schemas import MAX_HISTORY_TURNS, MAX_QUESTION_CHARS, MAX_TURN_CHARS, Answer, ChatTurn, Citation
from rag.service import RagService

MODEL_ID = "rag-extractive"
router = APIRouter(prefix="/v1", tags=["openai-compatible"])


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: str
    content: str | list[dict] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return " ".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    model: str = MODEL_ID
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
        ChatTurn(role=m.role, content=m.text()[:MAX_TURN_CHARS])
        for m in messages[:last_user]
        if m.role in ("user", "assistant")
    ]
    return messages[last_user].text(), history


@router.get("/models", summary="The one model this server offers")
def models() -> dict:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "rag"}]}


@router.post("/chat/completions", response_model=ChatCompletion, summary="OpenAI-compatible chat")
def chat_completions(body: ChatCompletionRequest, request: Request):  # noqa: ANN201 - JSON or SSE
    service: RagService = request.app.state.service
    question, history = split_turns(body.messages)
    if not question.strip():
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail="empty question")
    answer = service.answer(question, history)
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    if body.stream:
        return StreamingResponse(_stream(answer, completion_id, created, body.model), media_type="text/event-stream")
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
    )


def text_pieces(answer: Answer) -> Iterator[str]:
    """The answer sentence by sentence (each with its marker), then the sources list."""
    if answer.abstained or not answer.citations:
        yield answer.answer
        return
    for i, c in enumerate(answer.citations):
        yield ("" if i == 0 else " ") + f"{c.quote} [{c.n}]"
    yield sources_block(answer.citations)


def _stream(answer: Answer, completion_id: str, created: int, model: str) -> Iterator[str]:
    def chunk(delta: dict, finish: str | None = None, **extra: object) -> str:
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
    for piece in text_pieces(answer):
        yield chunk({"content": piece})
    citations = [c.model_dump() for c in answer.citations]
    yield chunk({}, "stop", citations=citations, abstained=answer.abstained)
    yield "data: [DONE]\n\n"
