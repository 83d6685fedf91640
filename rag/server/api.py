"""/api: answers, citation lookup, and the corpus."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status

from rag.schemas import Answer, AnswerRequest, ChunkDetail, SourceDetail, SourceSummary
from rag.service import RagService

router = APIRouter(prefix="/api", tags=["answers"])


def service(request: Request) -> RagService:
    return request.app.state.service


@router.post("/answer", response_model=Answer, summary="Answer a question from the indexed articles")
def answer(body: AnswerRequest, request: Request) -> Answer:
    return service(request).answer(body.question, body.history, body.top_k, body.generator, body.show_unverified)


@router.get("/chunks/{chunk_id}", response_model=ChunkDetail, summary="Look up a cited passage")
def chunk(chunk_id: str, request: Request) -> ChunkDetail:
    found = service(request).chunk(chunk_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no chunk {chunk_id!r}")
    return found


@router.get("/sources", response_model=list[SourceSummary], summary="The indexed articles")
def sources(request: Request) -> list[SourceSummary]:
    return service(request).sources()


@router.get("/sources/{source:path}", response_model=SourceDetail, summary="One article: full text and metadata")
def source(source: str, request: Request) -> SourceDetail:
    found = service(request).source(source)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such indexed article")
    return found
