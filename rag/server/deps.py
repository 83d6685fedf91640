"""FastAPI dependencies shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from rag.service import RagService


def get_service(request: Request) -> RagService:
    service: RagService = request.app.state.service
    return service


ServiceDep = Annotated[RagService, Depends(get_service)]
