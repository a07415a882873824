"""The stream steps as plain calls: claims keyed by actor, alerts from the table, dead letters."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.alerts import AlertRaised, SourceAttached, alert_event_adapter
from schemas.articles import Article, ArticlePublished
from schemas.claims import Claim, ClaimExtracted, ClaimType
from schemas.dead_letters import DeadLetter
from services.common.kafka import decode, encode
from services.stream.processors import Record, article_ref, extract_claims, spot_new_claims
from services.stream.settings import NoveltySettings
from tests.support.factories import claim_in

NOW = datetime(2031, 6, 1, 12, 0, tzinfo=UTC)
TEXT = (
    "The harbour authority denied that the ferry had sailed without a licence. "
    "The union warned of strikes."
)
ARTICLE = Article(id="harbour-1", source="Coast Post", title="Ferry row", text=TEXT)


async def fake_extract(article: Article) -> list[Claim]:
    return [
        claim_in(article, article.text.split(". ")[0] + ".", "Harbour Authority", ClaimType.DENIAL),
        claim_in(article, "The union warned of strikes.", "Dockers Union", ClaimType.WARNING),
    ]


async def broken_extract(article: Article) -> list[Claim]:
    raise RuntimeError("parser fell over")


def article_record(article: Article, offset: int = 0) -> Record:
    return Record(
        topic="articles",
        value=encode(ArticlePublished(article=article)),
        key=article.id.encode(),
        partition=0,
        offset=offset,
    )


async def test_each_claim_goes_to_claims_keyed_by_its_actor() -> None:
    outs = await extract_claims(article_record(ARTICLE), extract=fake_extract)
    assert [(o.role, o.key) for o in outs] == [
        ("claims", "Harbour Authority"),
        ("claims", "Dockers Union"),
    ]
    first = decode(ClaimExtracted, outs[0].value)
    assert first.article.source == "Coast Post" and first.article.title == "Ferry row"


async def test_garbage_article_record_becomes_a_dead_letter_with_raw_and_position() -> None:
    record = Record(topic="articles", value=b"\xff\x00 not json", key=b"k", partition=3, offset=7)
    [out] = await extract_claims(record, extract=fake_extract)
    assert out.role == "dead_letters"
    letter = decode(DeadLetter, out.value)
    assert letter.stage == "extract_claims" and letter.topic == "articles"
    assert (letter.partition, letter.offset, letter.key) == (3, 7, "k")
    assert letter.raw_bytes() == b"\xff\x00 not json"
    assert "ValidationError" in letter.error


async def test_extractor_failure_costs_that_article_only() -> None:
    [out] = await extract_claims(article_record(ARTICLE), extract=broken_extract)
    assert out.role == "dead_letters"
    assert "parser fell over" in decode(DeadLetter, out.value).error
    again = await extract_claims(article_record(ARTICLE, offset=1), extract=fake_extract)
    assert len(again) == 2


async def claims_of(article: Article) -> list[Record]:
    outs = await extract_claims(article_record(article), extract=fake_extract)
    return [
        Record(topic="claims", value=o.value, key=(o.key or "").encode(), partition=0, offset=i)
        for i, o in enumerate(outs)
    ]


async def test_first_report_raises_and_second_outlet_attaches_source() -> None:
    table: dict[bytes, bytes] = {}
    novelty = NoveltySettings()
    first = [
        spot_new_claims(r, recent_acts=table, novelty=novelty, now=NOW)
        for r in await claims_of(ARTICLE)
    ]
    raised = [alert_event_adapter.validate_json(o.value) for outs in first for o in outs]
    assert all(isinstance(e, AlertRaised) for e in raised) and len(raised) == 2
    assert set(table) == {b"Harbour Authority", b"Dockers Union"}

    other = ARTICLE.model_copy(update={"id": "harbour-2", "source": "Quay Daily"})
    second = [
        spot_new_claims(r, recent_acts=table, novelty=novelty, now=NOW)
        for r in await claims_of(other)
    ]
    attached = [alert_event_adapter.validate_json(o.value) for outs in second for o in outs]
    assert all(isinstance(e, SourceAttached) for e in attached)
    assert {e.alert_id for e in attached} == {e.alert.alert_id for e in raised}  # type: ignore[union-attr]
    assert {e.source.outlet for e in attached} == {"Quay Daily"}  # type: ignore[union-attr]


async def test_redelivered_claim_re_sends_the_identical_event() -> None:
    table: dict[bytes, bytes] = {}
    novelty = NoveltySettings()
    record = (await claims_of(ARTICLE))[0]
    [once] = spot_new_claims(record, recent_acts=table, novelty=novelty, now=NOW)
    state = dict(table)
    [twice] = spot_new_claims(record, recent_acts=table, novelty=novelty, now=NOW)
    a, b = (
        alert_event_adapter.validate_json(once.value),
        alert_event_adapter.validate_json(twice.value),
    )
    assert isinstance(a, AlertRaised) and isinstance(b, AlertRaised)
    assert a.event_id == b.event_id and a.alert == b.alert
    assert table == state  # a repeat changes no state


def test_assertions_raise_nothing() -> None:
    sentence = "The union warned of strikes."
    claim = claim_in(ARTICLE, sentence, "Dockers Union", ClaimType.ASSERTION)
    record = Record(
        topic="claims",
        value=encode(ClaimExtracted(claim=claim, article=article_ref(ARTICLE))),
    )
    table: dict[bytes, bytes] = {}
    assert spot_new_claims(record, recent_acts=table, novelty=NoveltySettings(), now=NOW) == []
    assert table == {}


def test_garbage_claim_record_becomes_a_dead_letter() -> None:
    record = Record(topic="claims", value=b'{"claim": 1}', key=b"Russia", partition=1, offset=9)
    [out] = spot_new_claims(record, recent_acts={}, novelty=NoveltySettings(), now=NOW)
    letter = decode(DeadLetter, out.value)
    assert out.role == "dead_letters" and letter.stage == "spot_new_claims"
    assert letter.offset == 9 and out.key == "Russia"


def test_unreadable_table_state_becomes_a_dead_letter_not_a_crash() -> None:
    claim = claim_in(ARTICLE, "The union warned of strikes.", "Dockers Union", ClaimType.WARNING)
    record = Record(
        topic="claims",
        value=encode(ClaimExtracted(claim=claim, article=article_ref(ARTICLE))),
    )
    table = {b"Dockers Union": b'[{"not": "an act"}]'}
    [out] = spot_new_claims(record, recent_acts=table, novelty=NoveltySettings(), now=NOW)
    assert out.role == "dead_letters"


def test_an_actor_that_is_no_name_raises_nothing() -> None:
    article = Article(id="a-1", title="Ministry denies it", text="The ministry denied it.")
    table: dict[bytes, bytes] = {}
    for actor, raises in [("ministry", False), ("eBay", True)]:
        claim = claim_in(article, "The ministry denied it.", actor, ClaimType.DENIAL)
        value = encode(ClaimExtracted(claim=claim, article=article_ref(article)))
        outs = spot_new_claims(
            Record(topic="claims", value=value), recent_acts=table, novelty=NoveltySettings()
        )
        assert bool(outs) is raises, actor
