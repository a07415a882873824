"""Security of the alert service without sockets: every management route needs the key, and
webhook URLs that are or resolve to private addresses are refused at creation and at delivery."""

from __future__ import annotations

import re
from typing import Any, cast

import httpx
import pytest

from services.alerts.components import Components
from services.alerts.delivery.webhooks import WebhookSender
from services.alerts.http.api import create_app
from services.alerts.settings import Settings
from services.common.ssrf import AllowList, Resolver

KEY = "unit-security-key-5b1e"
PUBLIC = "93.184.216.34"
DNS_TABLE = {
    "hooks.example.org": [PUBLIC],
    "internal.example.org": ["10.0.0.7"],
    "metadata.example.org": ["169.254.169.254"],
    "split.example.org": [PUBLIC, "127.0.0.1"],
    "v6-loopback.example.org": ["::1"],
    "mapped.example.org": ["::ffff:192.168.0.1"],
    "localhost": ["127.0.0.1", "::1"],
}
# Reading is open by default (read_requires_key=False); these prefixes are management.
MANAGEMENT = re.compile(r"^/(subscriptions|deliveries)(/|$)")


async def table_dns(host: str, port: int) -> list[str]:
    if host not in DNS_TABLE:
        raise OSError(f"{host}: name not known")
    return DNS_TABLE[host]


class UnreachableStore:
    """Any call means a request got past the key check (or the SSRF check) into the service."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"store.{name} reached without passing the checks")


def app_with(dns: Resolver = table_dns, allow: list[str] | None = None) -> Any:
    comp = Components(
        redis=cast(Any, UnreachableStore()),
        store=cast(Any, UnreachableStore()),
        subscriptions=cast(Any, UnreachableStore()),
        queue=cast(Any, UnreachableStore()),
        resolve=lambda name: None,
        allow=AllowList.parse(allow or []),
        dns=dns,
    )
    return create_app(Settings(api_key=KEY), components=comp)


def management_routes() -> list[tuple[str, str]]:
    """Every (method, path) in the app's OpenAPI that is not a plain read, from the app itself,
    so that a route added later without the key check fails here."""
    found = []
    for path, operations in app_with().openapi()["paths"].items():
        for method in operations:
            if method != "get" or MANAGEMENT.match(path):
                found.append((method.upper(), re.sub(r"\{[^}]+\}", "x1", path)))
    return sorted(found)


def test_the_route_list_is_not_empty() -> None:
    routes = management_routes()
    assert ("POST", "/subscriptions") in routes
    assert ("DELETE", "/subscriptions/x1") in routes
    assert ("POST", "/deliveries/dead/replay") in routes


@pytest.mark.parametrize(("method", "path"), management_routes())
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-API-Key": ""},
        {"X-API-Key": "wrong"},
        {"X-API-Key": KEY[:-1]},  # a prefix of the key
        {"X-API-Key": KEY + " "},
        {"x-api-key": KEY.upper()},
        {"Authorization": f"Bearer {KEY}"},  # the key, but not where it is expected
    ],
    ids=["none", "empty", "wrong", "prefix", "trailing-space", "case", "bearer"],
)
async def test_every_management_route_refuses_a_missing_or_wrong_key(
    method: str, path: str, headers: dict[str, str]
) -> None:
    transport = httpx.ASGITransport(app=app_with())
    async with httpx.AsyncClient(transport=transport, base_url="http://alerts") as api:
        response = await api.request(method, path, headers=headers, json={})
    assert response.status_code in (401, 403), (method, path, response.status_code)
    assert KEY not in response.text


@pytest.mark.parametrize(
    "url",
    [
        "http://internal.example.org/hook",
        "http://metadata.example.org/latest/meta-data/",
        "http://split.example.org/hook",
        "http://v6-loopback.example.org/hook",
        "http://mapped.example.org/hook",
        "http://localhost:8001/subscriptions",
        "http://LOCALHOST./hook",
        "http://127.0.0.1/hook",
        "http://2130706433/hook",  # 127.0.0.1 as one decimal number
        "http://0x7f000001/hook",
        "http://0177.0.0.1/hook",
        "http://127.1/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::]/hook",
        "http://user:pw@10.1.2.3/hook",
        "http://nowhere.example.org/hook",
    ],
)
async def test_subscription_to_a_private_target_is_refused_with_a_reason(url: str) -> None:
    spec = {"actor": "Russia", "channels": [{"kind": "webhook", "url": url}]}
    transport = httpx.ASGITransport(app=app_with())
    async with httpx.AsyncClient(transport=transport, base_url="http://alerts") as api:
        response = await api.post("/subscriptions", json=spec, headers={"X-API-Key": KEY})
    assert response.status_code == 422, response.text
    assert "channels" in response.text or "url" in response.text


async def test_a_name_that_rebinds_to_a_private_address_at_delivery_is_refused() -> None:
    """Public when the subscription was made, 10.x when the alert is sent: no request goes out."""
    answers = iter([[PUBLIC], ["10.0.0.7"]])

    async def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    sent: list[httpx.Request] = []
    client = httpx.AsyncClient(
        transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(204))
    )  # type: ignore[func-returns-value]
    sender = WebhookSender(allow=AllowList.parse([]), timeout=1.0, resolve=rebinding, client=client)
    first = await sender.send("http://rebind.example.org/hook", "{}", {})
    second = await sender.send("http://rebind.example.org/hook", "{}", {})
    await sender.aclose()
    assert first.ok and [r.url.host for r in sent] == [PUBLIC]  # pinned to the checked address
    assert sent[0].headers["host"] == "rebind.example.org"
    assert not second.ok and second.permanent and "10.0.0.7" in (second.error or "")
    assert len(sent) == 1
