"""Apprise channel: URL validation, the SSRF check of generic HTTP notifiers, message text."""

from __future__ import annotations

import pytest

from schemas.alerts import AlertRaised, SourceAttached
from services.alerts.delivery.apprise_channel import check_apprise_host, is_valid_apprise_url
from services.alerts.notification import apprise_text, notification
from services.common.ssrf import AllowList, BlockedAddress
from tests.support.factories import make_alert


async def _dns(host: str, port: int) -> list[str]:
    return {"internal.example.org": ["10.9.8.7"]}.get(host, ["93.184.216.34"])


def test_supported_and_unsupported_urls() -> None:
    assert is_valid_apprise_url("json://hooks.example.org/notify")
    assert is_valid_apprise_url("ntfy://claimwatch-alerts")
    assert not is_valid_apprise_url("nosuchscheme://x")


@pytest.mark.parametrize(
    "url", ["json://127.0.0.1:8080/x", "forms://internal.example.org/x", "xml://[::1]/x"]
)
async def test_generic_http_notifiers_are_ssrf_checked(url: str) -> None:
    with pytest.raises(BlockedAddress):
        await check_apprise_host(url, allow=AllowList.parse([]), resolve=_dns)


async def test_service_schemes_and_allow_listed_hosts_pass() -> None:
    await check_apprise_host("ntfy://claimwatch-alerts", allow=AllowList.parse([]), resolve=_dns)
    await check_apprise_host(
        "json://127.0.0.1:8080/x", allow=AllowList.parse(["127.0.0.1"]), resolve=_dns
    )


def test_message_text_for_new_alerts_and_further_reports() -> None:
    alert = make_alert(sentence="The Kremlin denied it.")
    title, body = apprise_text(notification(AlertRaised(alert=alert), alert))
    assert (title, body) == ("Russia: denial by Dmitry Peskov", "The Kremlin denied it.")
    again = alert.first_source.model_copy(update={"sentence": "Moscow denied it again."})
    attached = SourceAttached(
        alert_id=alert.alert_id, actor=alert.actor, type=alert.type, source=again
    )
    title, body = apprise_text(notification(attached, alert))
    assert title.startswith("Further report") and body == "Moscow denied it again."
