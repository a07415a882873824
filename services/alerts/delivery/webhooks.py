"""Standard Webhooks: signed headers, and one POST to the address the SSRF guard checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Protocol

import httpx
from standardwebhooks.webhooks import Webhook

from services.common.pinned_http import pinned_client
from services.common.ssrf import AllowList, BlockedAddress, Resolver, check_url, system_resolver


def signed_headers(
    secret: str, msg_id: str, body: str, *, now: datetime | None = None
) -> dict[str, str]:
    when = (now or datetime.now(UTC)).astimezone(UTC)
    signature = Webhook(secret).sign(msg_id=msg_id, timestamp=when, data=body)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
    }


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status: int | None = None
    retry_after: float | None = None
    error: str | None = None
    permanent: bool = False  # 410 Gone or a URL the guard refuses: retrying cannot help


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class WebhookPoster(Protocol):
    """Where the delivery worker posts a signed webhook; WebhookSender is the real one."""

    async def send(self, url: str, body: str, headers: dict[str, str]) -> SendResult: ...


class WebhookSender:
    """Posts with redirects off, to the checked IP with Host and SNI set to the URL's name, so a
    second DNS answer (rebinding) cannot move the connection elsewhere."""

    def __init__(
        self,
        *,
        allow: AllowList,
        timeout: float,
        resolve: Resolver = system_resolver,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._allow = allow
        self._resolve = resolve
        self._client = client or pinned_client(timeout)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send(self, url: str, body: str, headers: dict[str, str]) -> SendResult:
        try:
            target = await check_url(url, allow=self._allow, resolve=self._resolve)
        except BlockedAddress as exc:
            return SendResult(ok=False, error=f"refused: {exc}", permanent=True)
        original = httpx.URL(url)
        pinned = original.copy_with(host=target.ip)
        host_header = original.netloc.decode("ascii")
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        try:
            response = await self._client.post(
                pinned,
                content=body.encode(),
                headers={**headers, "host": host_header},
                extensions=extensions,
            )
        except httpx.HTTPError as exc:
            return SendResult(ok=False, error=f"{type(exc).__name__}: {exc}"[:500])
        status = response.status_code
        if 200 <= status < 300:
            return SendResult(ok=True, status=status)
        retry_after = None
        if status in (429, 503):
            retry_after = parse_retry_after(response.headers.get("retry-after"))
        return SendResult(
            ok=False,
            status=status,
            retry_after=retry_after,
            error=f"HTTP {status}",
            permanent=status == 410,
        )
