"""The Kafka wire: models to bytes and back, validated on read; producer options."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from schemas.alerts import AlertSource, SourceAttached, alert_event_adapter
from schemas.articles import Article, ArticlePublished
from schemas.claims import ClaimType, Span
from services.common import kafka
from services.common.settings import KafkaSettings

ARTICLE = Article(id="a-1", title="Title", text="Someone denied it. “Quoted” – dash.")


def test_encode_is_the_models_json_in_utf8() -> None:
    event = ArticlePublished(article=ARTICLE)
    raw = kafka.encode(event)
    assert isinstance(raw, bytes)
    assert raw == event.model_dump_json().encode("utf-8")
    assert "“Quoted”".encode() in raw  # non-ASCII kept as UTF-8, not \u escapes


def test_decode_round_trips_a_model() -> None:
    event = ArticlePublished(article=ARTICLE)
    assert kafka.decode(ArticlePublished, kafka.encode(event)) == event


def test_decode_through_a_type_adapter_picks_the_union_member() -> None:
    source = AlertSource(article_id="a-1", speaker="s", sentence="x", span=Span(start=0, end=1))
    event = SourceAttached(alert_id="al-1", actor="Ruritania", type=ClaimType.DENIAL, source=source)
    decoded = kafka.decode(alert_event_adapter, kafka.encode(event))
    assert isinstance(decoded, SourceAttached) and decoded == event


@pytest.mark.parametrize(
    "raw",
    [b"", b"not json", b'{"article": {"id": "a-1"}}', b"\xff\xfe", b'{"article": null}'],
)
def test_decode_refuses_what_is_not_a_valid_message(raw: bytes) -> None:
    with pytest.raises(ValidationError):
        kafka.decode(ArticlePublished, raw)


def test_encode_key_is_utf8() -> None:
    assert kafka.encode_key("Zürich-1") == "Zürich-1".encode()


class RecordingProducer:
    def __init__(self, **options: Any) -> None:
        self.options = options


def test_make_producer_is_acks_all_and_idempotent_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(kafka, "AIOKafkaProducer", RecordingProducer)
    producer: Any = kafka.make_producer(KafkaSettings(bootstrap_servers="k1:9092,k2:9092"))
    assert producer.options["acks"] == "all"
    assert producer.options["enable_idempotence"] is True
    assert producer.options["bootstrap_servers"] == "k1:9092,k2:9092"


def test_make_producer_follows_settings_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kafka, "AIOKafkaProducer", RecordingProducer)
    settings = KafkaSettings(idempotent_producer=False)
    producer: Any = kafka.make_producer(settings, compression_type="gzip", linger_ms=5)
    assert producer.options["enable_idempotence"] is False
    assert producer.options["compression_type"] == "gzip"
    assert producer.options["linger_ms"] == 5
    assert producer.options["acks"] == "all"


def test_topic_names_lists_every_topic() -> None:
    from services.common.settings import TopicSettings

    names = kafka.topic_names(TopicSettings(articles="articles-x"))
    assert names == ["articles-x", "claims", "alerts", "dead-letters"]
