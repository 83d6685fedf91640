"""/api/sources: the articles — list, read, open the original, upload, remove."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse

from rag.documents import DocumentLibrary, IndexFailed, Upload
from rag.schemas import SourceDetail, SourceSummary, UploadReport
from rag.server.deps import ServiceDep

MAX_UPLOAD_FILES = 20
SHOWN_INLINE = {".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8", ".md": "text/plain; charset=utf-8"}


def get_documents(request: Request) -> DocumentLibrary:
    documents: DocumentLibrary | None = request.app.state.documents
    if documents is None:
        raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail="this server does not manage its corpus folder")
    return documents


DocumentsDep = Annotated[DocumentLibrary, Depends(get_documents)]


def build_router(max_file_bytes: int) -> APIRouter:
    """The routes; an upload's body may hold MAX_UPLOAD_FILES files of the size limit."""
    router = APIRouter(prefix="/api", tags=["sources"])
    router.add_api_route("/sources", list_sources, methods=["GET"], summary="The indexed articles")
    router.add_api_route(
        "/sources",
        upload,
        methods=["POST"],
        summary="Add articles (multipart, one or more files), indexed before the response",
        max_body_size=MAX_UPLOAD_FILES * max_file_bytes + 1_000_000,
        response_model=UploadReport,
        responses={400: {"model": UploadReport, "description": "No file could be added; each says why."}},
    )
    router.add_api_route(
        "/sources/{source:path}", remove, methods=["DELETE"], summary="Remove an article: its file and its index entry"
    )
    router.add_api_route(
        "/files/{source:path}", original, methods=["GET"], summary="The original file of an indexed article"
    )
    router.add_api_route(
        "/sources/{source:path}", read_source, methods=["GET"], summary="One article: its text layer and metadata"
    )
    return router


def list_sources(service: ServiceDep) -> list[SourceSummary]:
    return service.sources()


def read_source(source: str, service: ServiceDep) -> SourceDetail:
    found = service.source(source)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such indexed article")
    return found


async def upload(
    documents: DocumentsDep,
    service: ServiceDep,
    files: Annotated[list[UploadFile], File(description="HTML, PDF, DOCX, TXT or MD files.")],
    replace: Annotated[bool, Form(description="Replace files of the same name.")] = False,
) -> UploadReport | JSONResponse:
    if len(files) > MAX_UPLOAD_FILES:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=f"at most {MAX_UPLOAD_FILES} files per upload")
    uploads = []
    for file in files:
        data = await file.read(documents.max_bytes + 1)
        uploads.append(Upload(file.filename or "", data, file.size if file.size is not None else len(data)))
    try:
        results = await run_in_threadpool(documents.add, uploads, replace)
    except IndexFailed as err:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail=f"indexing failed: {err}") from None
    await run_in_threadpool(service.refresh)  # answer from the new version at once, not within seconds
    report = UploadReport(files=results)
    if not any(r.status == "indexed" for r in results):
        return JSONResponse(report.model_dump(), status_code=status.HTTP_400_BAD_REQUEST)
    return report


async def remove(source: str, documents: DocumentsDep, service: ServiceDep) -> dict[str, str]:
    if service.source(source) is None and documents.original(source) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such article")
    try:
        removed = await run_in_threadpool(documents.remove, source)
    except IndexFailed as err:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail=f"indexing failed: {err}") from None
    if not removed:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such file in the corpus folder")
    await run_in_threadpool(service.refresh)
    return {"source": source, "status": "removed"}


def original(source: str, documents: DocumentsDep, service: ServiceDep) -> FileResponse:
    """PDF and plain text open in the browser; HTML and Word are downloaded (an uploaded page shown
    from this origin could run its scripts with the user's session)."""
    path = documents.original(source) if service.source(source) is not None else None
    if path is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such indexed article")
    inline = SHOWN_INLINE.get(path.suffix.lower())
    return FileResponse(
        path,
        media_type=inline or "application/octet-stream",
        filename=path.name,
        content_disposition_type="inline" if inline else "attachment",
        headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"},
    )
