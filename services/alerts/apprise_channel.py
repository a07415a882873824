"""Apprise channel: Slack, Telegram, e-mail, ntfy... through one URL, run off the event loop."""

from __future__ import annotations

import asyncio

from services.alerts.webhooks import SendResult


def is_valid_apprise_url(url: str) -> bool:
    import apprise

    return bool(apprise.Apprise().add(url))


def _notify(url: str, title: str, body: str) -> bool:
    import apprise

    app = apprise.Apprise()
    if not app.add(url):
        raise ValueError("not an Apprise URL this installation supports")
    return bool(app.notify(title=title, body=body))


async def send_apprise(url: str, title: str, body: str) -> SendResult:
    # Apprise's notify is synchronous network I/O: a worker thread keeps the loop responsive.
    try:
        ok = await asyncio.to_thread(_notify, url, title, body)
    except ValueError as exc:
        return SendResult(ok=False, error=str(exc), permanent=True)
    return SendResult(ok=ok, error=None if ok else "apprise reported failure")
