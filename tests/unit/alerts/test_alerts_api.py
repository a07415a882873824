"""API auth: management needs X-API-Key; so does reading, unless configured open (as `up` does)."""

from __future__ import annotations

import re
from typing import Any, cast

import httpx
import pytest

from services.alerts.components import Components
from services.alerts.http.api import create_app
from services.alerts.settings import Settings
from services.common.ssrf import AllowList
from tests.support.alert_fakes import FakeAlertStore, FakeDeliveryQueue, FakeSubscriptionStore
from tests.support.factories import resolve

KEY = "test-key-123"


async def _no_dns(host: str, port: int) -> list[str]:
    return ["93.184.216.34"]


def components() -> Components:
    return Components(
        redis=cast(Any, None),  # no route under test here reads Redis directly
        store=FakeAlertStore(),
        subscriptions=FakeSubscriptionStore(),
        queue=FakeDeliveryQueue(),
        resolve=resolve,
        allow=AllowList.parse([]),
        dns=_no_dns,
    )


def client(**settings: Any) -> httpx.AsyncClient:
    app = create_app(Settings(api_key=KEY, **settings), components=components())
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/subscriptions"),
        ("POST", "/subscriptions"),
        ("GET", "/subscriptions/sub_1"),
        ("PATCH", "/subscriptions/sub_1"),
        ("DELETE", "/subscriptions/sub_1"),
        ("GET", "/deliveries/dead"),
        ("POST", "/deliveries/dead/replay"),
    ],
)
@pytest.mark.parametrize("key", [None, "wrong", ""])
async def test_management_without_the_right_key_is_401(
    method: str, path: str, key: str | None
) -> None:
    headers = {"X-API-Key": key} if key is not None else {}
    async with client() as api:
        response = await api.request(method, path, headers=headers, json={})
    assert response.status_code == 401


async def test_management_with_the_key_works_and_shows_the_secret_once() -> None:
    spec = {"actor": "Kremlin", "channels": [{"kind": "webhook", "url": "https://h.example/x"}]}
    async with client() as api:
        created = await api.post("/subscriptions", json=spec, headers={"X-API-Key": KEY})
        listed = await api.get("/subscriptions", headers={"X-API-Key": KEY})
    assert created.status_code == 201
    assert created.json()["secret"].startswith("whsec_")
    assert listed.status_code == 200 and len(listed.json()) == 1
    assert "whsec_" not in listed.text


async def test_reading_alerts_needs_the_key_by_default_and_is_open_only_when_configured() -> None:
    async with client() as api:
        assert (await api.get("/alerts")).status_code == 401
        assert (await api.get("/alerts", headers={"X-API-Key": "wrong"})).status_code == 401
        assert (await api.get("/alerts", headers={"X-API-Key": KEY})).status_code == 200
    async with client(read_requires_key=False) as api:
        assert (await api.get("/alerts")).status_code == 200


def test_api_key_is_required_in_settings() -> None:
    with pytest.raises(ValueError, match="api_key"):
        Settings()  # type: ignore[call-arg]


def test_openapi_lists_the_api_and_the_key_scheme() -> None:
    app = create_app(Settings(api_key=KEY), components=components())
    schema = app.openapi()
    assert {"/subscriptions", "/alerts", "/alerts/stream", "/actors"} <= set(schema["paths"])
    assert "APIKeyHeader" in schema["components"]["securitySchemes"]


async def test_docs_reference_no_remote_asset_and_their_assets_are_served() -> None:
    async with client() as api:
        page = (await api.get("/docs")).text
        assets = re.findall(r"""(?:src|href)=["']?([^"' >]+)""", page)
        assert assets, page
        assert not [a for a in assets if "//" in a], f"remote assets in /docs: {assets}"
        for asset in assets:
            assert (await api.get(asset)).status_code == 200, asset
        assert '"validatorUrl": null' in page
