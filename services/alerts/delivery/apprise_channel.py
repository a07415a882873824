"""Apprise channel: Slack, Telegram, e-mail, ntfy... through one URL, run off the event loop."""

from __future__ import annotations

import asyncio
import warnings
from typing import Any
from urllib.parse import urlsplit

from services.alerts.delivery.webhooks import SendResult
from services.common.ssrf import AllowList, BlockedAddress, Resolver, check_url, system_resolver

# Apprise's generic HTTP notifiers post to any host the URL names, so they get the webhook's
# SSRF check. Service schemes (slack://, tgram://...) talk to their fixed public APIs.
_HOST_SCHEMES = {"json": "http", "jsons": "https", "xml": "http", "xmls": "https",
                 "form": "http", "forms": "https"}  # fmt: skip


def _apprise() -> Any:
    """A fresh Apprise instance. Apprise's plugins import the stdlib's deprecated `imghdr` as
    they load; that warning is theirs to fix, so it is silenced for the (cached) first load."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import apprise

        instance = apprise.Apprise()
        instance.add("json://localhost/")  # loads the plugins now, under the filter
    return apprise.Apprise()


def is_valid_apprise_url(url: str) -> bool:
    return bool(_apprise().add(url))


async def check_apprise_host(url: str, *, allow: AllowList, resolve: Resolver) -> None:
    """Raise BlockedAddress when a generic HTTP Apprise URL points at a non-global host.

    Apprise makes its own connection, so unlike webhooks it is checked but not pinned.
    """
    parts = urlsplit(url)
    http = _HOST_SCHEMES.get(parts.scheme.lower())
    if http is not None and parts.hostname:
        port = f":{parts.port}" if parts.port else ""
        await check_url(f"{http}://{parts.hostname}{port}/", allow=allow, resolve=resolve)


def _notify(app: Any, url: str, title: str, body: str) -> bool:
    if not app.add(url):
        raise ValueError("not an Apprise URL this installation supports")
    return bool(app.notify(title=title, body=body))


class AppriseSender:
    def __init__(self, *, allow: AllowList, resolve: Resolver = system_resolver) -> None:
        self._allow = allow
        self._resolve = resolve

    async def send(self, url: str, title: str, body: str) -> SendResult:
        try:
            await check_apprise_host(url, allow=self._allow, resolve=self._resolve)
            # Apprise's notify is blocking network I/O: a worker thread keeps the loop free.
            # (The instance is made here: catch_warnings is not thread-safe.)
            ok = await asyncio.to_thread(_notify, _apprise(), url, title, body)
        except (ValueError, BlockedAddress) as exc:
            return SendResult(ok=False, error=f"refused: {exc}", permanent=True)
        return SendResult(ok=ok, error=None if ok else "apprise reported failure")
