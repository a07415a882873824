"""Poison records at the stream processors: each one becomes a dead letter with its reason, or
valid output; the processor itself never raises (a raise would stop the Faust agent)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas.articles import Article
from schemas.claims import ArticleRef, Claim, ClaimExtracted, ClaimType, Span
from schemas.dead_letters import DeadLetter
from services.common.kafka import decode, encode
from services.stream.processors import Record, extract_claims, spot_new_claims
from services.stream.settings import NoveltySettings

NOW = datetime(2024, 5, 1, 12, tzinfo=UTC)
DEEP = b"[" * 100_000 + b"]" * 100_000
POISON = [
    pytest.param(None, id="tombstone"),
    pytest.param(b"", id="empty"),
    pytest.param(b"\x00\xff\xfe binary", id="binary"),
    pytest.param(b'{"article": {"id": "a", "text": "caf\xe9"}}', id="invalid-utf-8"),
    pytest.param(DEEP, id="100k-nested-arrays"),
    pytest.param(b'{"a":' * 100_000 + b"1" + b"}" * 100_000, id="100k-nested-objects"),
    pytest.param(b"9" * 5000, id="5000-digit-number"),
    pytest.param(b'{"article": null}', id="null-article"),
    pytest.param(b'{"claim": "nope"}', id="wrong-shape"),
    pytest.param(json.dumps({"article": {"id": "x", "text": ""}}).encode(), id="empty-text"),
    pytest.param(json.dumps({"article": {"id": "../..", "text": "t"}}).encode(), id="bad-id"),
]


async def _never_called(article: Article) -> list[Claim]:
    raise AssertionError("a poison record reached the extractor")


def _letter(outs: list, stage: str, value: bytes | None) -> DeadLetter:  # type: ignore[type-arg]
    assert [o.role for o in outs] == ["dead_letters"], outs
    letter = decode(DeadLetter, outs[0].value)
    assert letter.stage == stage
    assert letter.raw_bytes() == (value or b"")
    assert letter.key == "poison" and letter.offset == 7
    assert letter.error.strip(), "a dead letter must say why"
    return letter


@pytest.mark.parametrize("value", POISON)
async def test_poison_article_is_dead_lettered_with_its_reason(value: bytes | None) -> None:
    record = Record("articles", value, key=b"poison", partition=0, offset=7)
    outs = await extract_claims(record, extract=_never_called)
    letter = _letter(outs, "extract_claims", value)
    assert "ValidationError" in letter.error


@pytest.mark.parametrize("value", POISON)
def test_poison_claim_is_dead_lettered_with_its_reason(value: bytes | None) -> None:
    table: dict[bytes, bytes] = {}
    record = Record("claims", value, key=b"poison", partition=0, offset=7)
    outs = spot_new_claims(record, recent_acts=table, novelty=NoveltySettings(), now=NOW)
    letter = _letter(outs, "spot_new_claims", value)
    assert "ValidationError" in letter.error
    assert table == {}, "a poison claim changed the novelty state"


async def test_an_extractor_that_raises_costs_only_its_article() -> None:
    article = Article(id="boom", text="The ministry denied it.")
    value = encode_article(article)

    async def explode(_: Article) -> list[Claim]:
        raise RecursionError("maximum recursion depth exceeded")

    outs = await extract_claims(
        Record("articles", value, key=b"poison", partition=0, offset=7), extract=explode
    )
    assert "RecursionError" in _letter(outs, "extract_claims", value).error


def encode_article(article: Article) -> bytes:
    from schemas.articles import ArticlePublished

    return encode(ArticlePublished(article=article))


# Schema-valid claims with hostile content: empty and huge strings, odd unicode, extreme
# confidences, spans anywhere, all four types. Valid on the wire, so no dead letter is owed:
# the novelty step must decide, and never raise.
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=300
)
_ACTOR = st.sampled_from(["Russia", "China", "", " ", "Ünïcødé", "😀", "a" * 500]) | _TEXT
CLAIMS = st.builds(
    Claim,
    article_id=st.sampled_from(["a-1", "a-2", "a-3"]),
    type=st.sampled_from(list(ClaimType)),
    speaker=_TEXT,
    actor=_ACTOR,
    target=st.none() | _TEXT,
    content=_TEXT,
    quote=st.none() | _TEXT,
    sentence=_TEXT,
    span=st.builds(
        Span,
        field=st.sampled_from(["title", "text"]),
        start=st.integers(0, 10**9),
        end=st.just(10**9),
    ),
    cue=_TEXT,
    confidence=st.floats(0.0, 1.0),
)
REFS = st.builds(
    ArticleRef,
    article_id=st.sampled_from(["a-1", "a-2", "a-3"]),
    title=_TEXT,
    published_at=st.none()
    | st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
    ),
)


@settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(events=st.lists(st.builds(ClaimExtracted, claim=CLAIMS, article=REFS), max_size=8))
def test_schema_valid_claims_with_hostile_content_never_raise(
    events: list[ClaimExtracted],
) -> None:
    table: dict[bytes, bytes] = {}
    for offset, event in enumerate(events):
        record = Record("claims", encode(event), key=event.claim.actor.encode(), offset=offset)
        outs = spot_new_claims(record, recent_acts=table, novelty=NoveltySettings(), now=NOW)
        for out in outs:
            assert out.role in ("alerts", "dead_letters")
