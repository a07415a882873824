"""Ingest's doors: a key for POST /articles, JSON or JSON Lines only, docs served offline."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import httpx
import pytest

from services.ingest.api import create_app
from services.ingest.settings import Settings
from tests.support.ingest_fakes import FakePublisher

KEY = "doors-test-key"
ARTICLE = {"title": "Ministry denies report", "text": "The ministry denied the report."}


async def _ready() -> bool:
    return True


def client(publisher: FakePublisher, **settings: object) -> httpx.AsyncClient:
    app = create_app(Settings(**({"api_key": KEY} | settings)), publisher, ready_check=_ready)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ingest")


@pytest.mark.parametrize("key", [None, "", "wrong", KEY + "x"])
async def test_a_post_without_the_right_key_is_401_and_publishes_nothing(key: str | None) -> None:
    publisher = FakePublisher()
    headers = {"X-API-Key": key} if key is not None else {}
    async with client(publisher) as api:
        response = await api.post("/articles", json=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"] == "missing or wrong X-API-Key"
    assert publisher.sent == []


async def test_a_post_with_the_key_is_published() -> None:
    publisher = FakePublisher()
    async with client(publisher) as api:
        response = await api.post("/articles", json=ARTICLE, headers={"X-API-Key": KEY})
    assert response.status_code == 202
    assert len(publisher.sent) == 1


async def test_without_a_configured_key_writes_are_closed_unless_opened() -> None:
    closed, opened = FakePublisher(), FakePublisher()
    async with client(closed, api_key=None) as api:
        refused = await api.post("/articles", json=ARTICLE, headers={"X-API-Key": "anything"})
    async with client(opened, api_key=None, open_writes=True) as api:
        taken = await api.post("/articles", json=ARTICLE)
    assert refused.status_code == 401 and closed.sent == []
    assert taken.status_code == 202 and len(opened.sent) == 1


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",  # the cross-site "simple request" a web page may send without a preflight
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/html",
        None,
    ],
)
async def test_a_body_that_is_not_json_by_its_content_type_is_415(content_type: str | None) -> None:
    publisher = FakePublisher()
    headers = {"X-API-Key": KEY} | ({"content-type": content_type} if content_type else {})
    async with client(publisher) as api:
        response = await api.post("/articles", content=json.dumps(ARTICLE), headers=headers)
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]
    assert publisher.sent == []


@pytest.mark.parametrize("content_type", ["application/jsonl", "application/x-ndjson"])
async def test_json_lines_are_a_batch_published_in_order(content_type: str) -> None:
    publisher = FakePublisher()
    lines = [json.dumps({"id": f"line-{i}", "text": f"Statement {i}."}) for i in range(3)]
    body = ("\n".join(lines) + "\n\n").encode()
    headers = {"X-API-Key": KEY, "content-type": content_type}
    async with client(publisher) as api:
        response = await api.post("/articles", content=body, headers=headers)
    assert response.status_code == 202
    assert [key for key, _ in publisher.sent] == ["line-0", "line-1", "line-2"]


async def test_a_bad_json_line_names_its_line_and_publishes_nothing() -> None:
    publisher = FakePublisher()
    body = b'{"text": "Fine."}\n{oops\n'
    headers = {"X-API-Key": KEY, "content-type": "application/jsonl"}
    async with client(publisher) as api:
        response = await api.post("/articles", content=body, headers=headers)
    assert response.status_code == 422
    assert "line 2" in response.json()["error"]
    assert publisher.sent == []


async def test_docs_reference_no_remote_asset_and_their_assets_are_served() -> None:
    async with client(FakePublisher()) as api:
        page = (await api.get("/docs")).text
        assets = re.findall(r"""(?:src|href)=["']?([^"' >]+)""", page)
        assert assets, page
        assert not [a for a in assets if "//" in a], f"remote assets in /docs: {assets}"
        for asset in assets:
            assert (await api.get(asset)).status_code == 200, asset
        assert "validatorUrl" in page and '"validatorUrl": null' in page
        assert "cdn" not in page.lower()


def test_the_service_refuses_to_start_without_a_key() -> None:
    env = {"PATH": "/usr/bin:/bin", "CLAIMWATCH_PORT": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "services.ingest"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "CLAIMWATCH_API_KEY" in done.stderr
