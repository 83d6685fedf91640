"""/api: answers, citation lookup, and the corpus."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from rag.schemas import Answer, AnswerRequest, ChunkDetail, SourceDetail, SourceSummary
from rag.server.deps import ServiceDep

router = APIRouter(prefix="/api", tags=["answers"])


@router.post("/answer", summary="Answer a question from the indexed articles")
def answer(body: AnswerRequest, service: ServiceDep) -> Answer:
    return service.answer(body)


@router.get("/chunks/{chunk_id}", summary="Look up a cited passage")
def chunk(chunk_id: str, service: ServiceDep) -> ChunkDetail:
    found = service.chunk(chunk_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no chunk {chunk_id!r}")
    return found


@router.get("/sources", summary="The indexed articles")
def sources(service: ServiceDep) -> list[SourceSummary]:
    return service.sources()


@router.get("/sources/{source:path}", summary="One article: full text and metadata")
def source(source: str, service: ServiceDep) -> SourceDetail:
    found = service.source(source)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such indexed article")
    return found
