"""/api: answers and citation lookup."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from rag.schemas import Answer, AnswerRequest, ChunkDetail
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
