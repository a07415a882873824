"""A notification is built once as a structure; the webhook body is the same bytes every time."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from schemas.alerts import SourceAttached
from services.alerts.models import DeliveryJob
from services.alerts.notification import from_webhook_body, notification, webhook_body
from tests.support.factories import make_alert, raised


def job_of(event_told: object) -> DeliveryJob:
    return DeliveryJob.model_validate(
        {
            "delivery_id": "msg_1",
            "subscription_id": "sub_1",
            "channel_index": 0,
            "kind": "raised",
            "alert_id": "al_1",
            "notification": event_told,
        }
    )


def test_the_webhook_body_is_the_standard_webhooks_envelope() -> None:
    event = raised()
    body = webhook_body(notification(event, event.alert))
    assert json.loads(body) == {
        "type": "alert.raised",
        "timestamp": event.occurred_at.isoformat(),
        "data": {"alert": event.alert.model_dump(mode="json")},
    }
    assert ", " not in body[:40] and '": ' not in body  # compact separators, as receivers saw


def test_a_further_report_carries_its_source() -> None:
    alert = make_alert()
    source = alert.first_source.model_copy(update={"article_id": "art_2"})
    event = SourceAttached(
        alert_id=alert.alert_id,
        actor=alert.actor,
        type=alert.type,
        source=source,
        occurred_at=datetime(2022, 3, 15, tzinfo=UTC),
    )
    data = json.loads(webhook_body(notification(event, alert)))
    assert data["type"] == "alert.source_attached"
    assert data["data"]["source"]["article_id"] == "art_2"


def test_a_stored_job_renders_the_same_body_after_a_round_trip() -> None:
    event = raised()
    job = job_of(notification(event, event.alert))
    again = DeliveryJob.model_validate_json(job.model_dump_json())
    assert again.payload == job.payload == webhook_body(job.notification)


def test_a_job_queued_with_only_its_body_still_loads_with_the_same_body() -> None:
    event = raised()
    body = webhook_body(notification(event, event.alert))
    legacy = json.dumps(
        {
            "delivery_id": "msg_1",
            "subscription_id": "sub_1",
            "channel_index": 0,
            "kind": "raised",
            "alert_id": "al_1",
            "payload": body,
        }
    )
    job = DeliveryJob.model_validate_json(legacy)
    assert job.payload == body
    assert from_webhook_body(body) == job.notification
