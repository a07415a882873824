"""The demo follower's receiver checks signatures the way a real subscriber would."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from standardwebhooks import Webhook

from services.launcher.demo import verify_delivery

SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()
BODY = b'{"kind":"raised","alert_id":"a1"}'


def signed(body: bytes, secret: str = SECRET) -> dict[str, str]:
    now = datetime.now(UTC)
    signature = Webhook(secret).sign("msg_1", now, body.decode())
    return {
        "Webhook-Id": "msg_1",
        "Webhook-Timestamp": str(int(now.timestamp())),
        "Webhook-Signature": signature,
    }


def test_a_correctly_signed_delivery_passes() -> None:
    assert verify_delivery(SECRET, BODY, signed(BODY))


def test_tampered_body_wrong_secret_or_no_subscription_fail() -> None:
    headers = signed(BODY)
    assert not verify_delivery(SECRET, BODY.replace(b"a1", b"a2"), headers)
    other = "whsec_" + base64.b64encode(b"x" * 32).decode()
    assert not verify_delivery(other, BODY, headers)
    assert not verify_delivery(None, BODY, headers)
    assert not verify_delivery(SECRET, BODY, {})
