"""The dashboard router: its files, only its files, each with a strict Content-Security-Policy."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from services.alerts.http.dashboard import STATIC, router


def client() -> httpx.AsyncClient:
    app = FastAPI()
    app.include_router(router)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/dashboard", "text/html"),
        ("/dashboard/static/app.js", "text/javascript"),
        ("/dashboard/static/style.css", "text/css"),
    ],
)
async def test_files_are_served_with_a_strict_policy(path: str, kind: str) -> None:
    async with client() as http:
        response = await http.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(kind)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "name", ["index.html", "..%2Fapi.py", "..%2F..%2Fsettings.py", "missing.js", "app.js.map"]
)
async def test_nothing_else_is_served(name: str) -> None:
    async with client() as http:
        assert (await http.get(f"/dashboard/static/{name}")).status_code == 404


async def test_root_leads_to_the_dashboard() -> None:
    async with client() as http:
        response = await http.get("/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/dashboard"


def test_the_page_has_no_inline_script_and_the_script_never_parses_html() -> None:
    page = (STATIC / "index.html").read_text()
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/dashboard/static/app.js" defer>']
    script = (STATIC / "app.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink
