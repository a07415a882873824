"""Web dashboard: the static page, its script and styles, served with a strict CSP.

The page is plain HTML, CSS and JavaScript (no build step). It reads the alert service's own
API from the browser, so this router only serves files; every piece of data is inserted with
`textContent`, and the Content-Security-Policy forbids inline scripts, so an article that
contains `<script>` is shown as text and never runs.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, RedirectResponse, Response

STATIC = Path(__file__).parent / "static"
# The only files served: a fixed table, so no request path ever reaches the file system.
FILES = {
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}

router = APIRouter(tags=["dashboard"], include_in_schema=False)


@router.get("/")
async def root() -> Response:
    return RedirectResponse("/dashboard", status_code=307)


@router.get("/dashboard")
async def page() -> Response:
    return FileResponse(
        STATIC / "index.html", media_type="text/html; charset=utf-8", headers=SECURITY_HEADERS
    )


@router.get("/dashboard/static/{name}")
async def asset(name: str) -> Response:
    media_type = FILES.get(name)
    if media_type is None:
        raise HTTPException(404, detail="no such file")
    return FileResponse(STATIC / name, media_type=media_type, headers=SECURITY_HEADERS)
