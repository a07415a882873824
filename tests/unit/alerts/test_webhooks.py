"""Standard Webhooks signing: what we send verifies with the reference verifier, and only then."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from services.alerts.delivery.webhooks import parse_retry_after, signed_headers
from services.alerts.models import webhook_id
from services.alerts.redis.subscription_store import new_webhook_secret

BODY = '{"type":"alert.raised","data":{"alert":{"actor":"Russia"}}}'


def test_signature_verifies_with_the_reference_verifier() -> None:
    secret = new_webhook_secret()
    headers = signed_headers(secret, "msg_1", BODY)
    assert Webhook(secret).verify(BODY, headers) == {
        "type": "alert.raised",
        "data": {"alert": {"actor": "Russia"}},
    }
    assert headers["webhook-signature"].startswith("v1,")
    assert headers["webhook-id"] == "msg_1"


def test_tampered_body_fails_verification() -> None:
    secret = new_webhook_secret()
    headers = signed_headers(secret, "msg_1", BODY)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY.replace("Russia", "China"), headers)


def test_wrong_key_fails_verification() -> None:
    headers = signed_headers(new_webhook_secret(), "msg_1", BODY)
    with pytest.raises(WebhookVerificationError):
        Webhook(new_webhook_secret()).verify(BODY, headers)


def test_stale_timestamp_fails_verification() -> None:
    secret = new_webhook_secret()
    headers = signed_headers(secret, "msg_1", BODY, now=datetime.now(UTC) - timedelta(minutes=10))
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(secret).verify(BODY, headers)


def test_changed_webhook_id_fails_verification() -> None:
    secret = new_webhook_secret()
    headers = signed_headers(secret, "msg_1", BODY) | {"webhook-id": "msg_2"}
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY, headers)


def test_secret_is_whsec_base64_of_32_random_bytes() -> None:
    first, second = new_webhook_secret(), new_webhook_secret()
    assert first.startswith("whsec_") and first != second
    assert len(base64.b64decode(first.removeprefix("whsec_"))) == 32


def test_webhook_id_is_stable_per_event_subscription_and_channel() -> None:
    one = webhook_id("raised:a1", "sub_1", 0)
    assert one == webhook_id("raised:a1", "sub_1", 0)
    assert len({one, webhook_id("raised:a1", "sub_2", 0), webhook_id("raised:a1", "sub_1", 1),
                webhook_id("raised:a2", "sub_1", 0)}) == 4  # fmt: skip


def test_retry_after_seconds_and_http_date() -> None:
    now = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Sat, 14 Mar 2026 12:01:00 GMT", now=now) == 60.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
