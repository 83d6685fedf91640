"""/login: the form a browser uses to present the API key once; it sets the session cookie."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rag.server.security import SESSION_COOKIE, key_matches, login_page, session_token

router = APIRouter(tags=["login"], include_in_schema=False)


@router.get("/login")
def form(request: Request) -> Response:
    if not request.app.state.options.api_key:
        return RedirectResponse("/", status_code=303)
    return HTMLResponse(login_page())


@router.post("/login")
async def log_in(request: Request) -> Response:
    api_key: str | None = request.app.state.options.api_key
    if not api_key:
        return RedirectResponse("/", status_code=303)
    offered = str((await request.form()).get("key", ""))
    if not key_matches(offered, api_key):
        return HTMLResponse(login_page("That is not the key."), status_code=401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session_token(api_key),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
def log_out() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
