"""The webhook POST: pinned to the checked address, Host and SNI kept, no redirects, statuses."""

from __future__ import annotations

import httpx

from services.alerts.delivery.webhooks import WebhookSender
from services.common.ssrf import AllowList

PUBLIC = "93.184.216.34"


async def _dns(host: str, port: int) -> list[str]:
    return {"hooks.example.org": [PUBLIC], "rebind.example.org": ["127.0.0.1"]}[host]


def sender(respond: httpx.Response) -> tuple[WebhookSender, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return respond

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler), follow_redirects=False)
    return WebhookSender(allow=AllowList.parse([]), timeout=1, resolve=_dns, client=client), seen


async def test_connects_to_the_checked_ip_with_the_original_host_and_sni() -> None:
    send, seen = sender(httpx.Response(204))
    result = await send.send("https://hooks.example.org:8443/in?x=1", "{}", {"webhook-id": "m1"})
    assert result.ok and result.status == 204
    request = seen[0]
    assert request.url.host == PUBLIC and request.url.port == 8443 and request.url.query == b"x=1"
    assert request.headers["host"] == "hooks.example.org:8443"
    assert request.extensions["sni_hostname"] == "hooks.example.org"
    assert request.headers["webhook-id"] == "m1"


async def test_redirects_are_not_followed() -> None:
    send, seen = sender(httpx.Response(302, headers={"location": "http://169.254.169.254/"}))
    result = await send.send("http://hooks.example.org/in", "{}", {})
    assert not result.ok and result.status == 302 and not result.permanent
    assert len(seen) == 1


async def test_retry_after_only_on_429_and_503_and_410_is_permanent() -> None:
    send, _ = sender(httpx.Response(429, headers={"retry-after": "120"}))
    assert (await send.send("http://hooks.example.org/in", "{}", {})).retry_after == 120
    send, _ = sender(httpx.Response(500, headers={"retry-after": "120"}))
    assert (await send.send("http://hooks.example.org/in", "{}", {})).retry_after is None
    send, _ = sender(httpx.Response(410))
    assert (await send.send("http://hooks.example.org/in", "{}", {})).permanent


async def test_a_name_resolving_to_loopback_is_refused_without_connecting() -> None:
    send, seen = sender(httpx.Response(204))
    result = await send.send("http://rebind.example.org/in", "{}", {})
    assert not result.ok and result.permanent and "loopback" in (result.error or "")
    assert seen == []
