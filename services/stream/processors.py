"""The two stream steps as plain functions: a record in, the records to send (or a dead letter)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from pydantic import ValidationError

from schemas.alerts import AlertRaised, AnyAlertEvent
from schemas.articles import Article, ArticlePublished
from schemas.claims import ALERT_TYPES, ArticleRef, Claim, ClaimExtracted
from schemas.dead_letters import DeadLetter
from services.common.kafka import decode, encode
from services.stream.alerting import alert_event, dump_acts, load_acts
from services.stream.article_actors import canonical_actors
from services.stream.event_order import OrderKey, order_key
from services.stream.metrics import NO_RECORDING, StreamRecorder
from services.stream.novelty import Decision, decide, remember
from services.stream.reports import peer_terms
from services.stream.settings import NoveltySettings

Role = Literal["claims", "alerts", "dead_letters"]
ExtractFn = Callable[[Article], Awaitable[list[Claim]]]


@dataclass(frozen=True)
class Record:
    """A consumed message, with where it came from (for dead letters)."""

    topic: str
    value: bytes | None
    key: bytes | None = None
    partition: int | None = None
    offset: int | None = None


@dataclass(frozen=True)
class Out:
    """A message to send: to which topic (by role), under which key."""

    role: Role
    key: str | None
    value: bytes


async def extract_claims(
    record: Record, *, extract: ExtractFn, recorder: StreamRecorder = NO_RECORDING
) -> list[Out]:
    """An `ArticlePublished` in, one `ClaimExtracted` per claim out (keyed by actor)."""
    try:
        published = decode(ArticlePublished, record.value or b"")
    except ValidationError as exc:
        return _refused_article("extract_claims", record, exc, recorder)
    article = published.article
    started = time.perf_counter()
    try:
        # One actor, one spelling per article: the actor is the key alerts are decided under.
        claims = canonical_actors(await extract(article), f"{article.title}\n{article.text}")
    # The extractor is a large body of heuristics over arbitrary text: whatever it raises
    # for one article must cost that article only, never the stream.
    except Exception as exc:
        return _refused_article("extract_claims", record, exc, recorder)
    recorder.extraction_took(time.perf_counter() - started)
    ref = article_ref(article, ingested_at=published.occurred_at)
    outs = [
        Out("claims", claim.actor, encode(ClaimExtracted(claim=claim, article=ref)))
        for claim in claims
    ]
    recorder.claims_extracted(claims)
    # The caller sends these next (the producer only buffers them), so "now" is when the
    # article's claims go out.
    recorder.article_processed("ok", published_at=published.occurred_at, now=datetime.now(UTC))
    return outs


def _refused_article(
    stage: str, record: Record, error: BaseException, recorder: StreamRecorder
) -> list[Out]:
    recorder.dead_lettered(stage)
    recorder.article_processed("dead_lettered", now=datetime.now(UTC))
    return [dead_letter(stage, record, error)]


def spot_new_claims(
    record: Record,
    *,
    recent_acts: MutableMapping[bytes, bytes],
    novelty: NoveltySettings,
    now: datetime | None = None,
    recorder: StreamRecorder = NO_RECORDING,
    peers: frozenset[str] = frozenset(),
) -> list[Out]:
    """A `ClaimExtracted` in; for denials and warnings an `AlertRaised` or `SourceAttached` out.

    `recent_acts` is the Faust table `recent_acts_by_actor` (a dict in tests), keyed by the
    actor like the `claims` topic, so each worker holds the state of its own partitions.
    """
    try:
        event = decode(ClaimExtracted, record.value or b"")
    except ValidationError as exc:
        recorder.dead_lettered("spot_new_claims")
        return [dead_letter("spot_new_claims", record, exc)]
    try:
        judged = judge(event, recent_acts=recent_acts, novelty=novelty, now=now, peers=peers)
    except ValidationError as exc:  # state written by an incompatible version
        recorder.dead_lettered("spot_new_claims")
        return [dead_letter("spot_new_claims", record, exc)]
    if judged is None:
        return []
    _, alert = judged
    # A revision is a further report as far as counting goes: it raises nothing new.
    recorder.alert_event("new" if isinstance(alert, AlertRaised) else "further_report")
    return [Out("alerts", event.claim.actor, encode(alert))]


def claim_order(record: Record) -> tuple[str, OrderKey] | None:
    """Which actor's buffer a `ClaimExtracted` waits in, and its event time; None when it
    cannot be read (it is then decided at once, which dead-letters it)."""
    try:
        event = decode(ClaimExtracted, record.value or b"")
    except ValidationError:
        return None
    claim, article = event.claim, event.article
    return claim.actor, order_key(
        claim, published=article.published_at, ingested=article.ingested_at
    )


def peers_of(records: list[Record]) -> list[frozenset[str]]:
    """`novelty.peer_terms` over claims released together (unreadable records get none)."""
    claims: list[Claim] = []
    readable: list[int] = []
    for i, record in enumerate(records):
        try:
            claims.append(decode(ClaimExtracted, record.value or b"").claim)
            readable.append(i)
        except ValidationError:
            continue
    out = [frozenset[str]() for _ in records]
    for i, terms in zip(readable, peer_terms(claims), strict=True):
        out[i] = terms
    return out


def judge(
    event: ClaimExtracted,
    *,
    recent_acts: MutableMapping[bytes, bytes],
    novelty: NoveltySettings,
    now: datetime | None = None,
    peers: frozenset[str] = frozenset(),
) -> tuple[Decision, AnyAlertEvent] | None:
    """The novelty step itself (shared with `claimwatch simulate`): decide, remember, describe."""
    claim = event.claim
    if claim.type not in ALERT_TYPES or not names_someone(claim.actor):
        return None
    key = claim.actor.encode("utf-8")
    recent = load_acts(recent_acts.get(key))
    seen = now or datetime.now(UTC)
    published = event.article.published_at
    decision = decide(
        claim,
        recent,
        now=seen,
        window=novelty.window,
        published=published,
        context=event.article.title,
        order=order_key(claim, published=published, ingested=event.article.ingested_at),
        peers=peers,
    )
    if not decision.repeat:
        acts = remember(
            recent,
            decision,
            now=seen,
            window=novelty.window,
            max_acts=novelty.max_acts_per_actor,
            published=published,
        )
        recent_acts[key] = dump_acts(acts)
    return decision, alert_event(decision, claim, event.article)


def names_someone(actor: str) -> bool:
    """Whether an actor is a name at all. Actors are canonical names ("Russia", "eBay", "Pfizer");
    one without a capital letter is a common noun the extractor took for one ("ministry",
    "player"): nobody follows it, and an alert keyed by it would split its real actor's acts."""
    return any(ch.isupper() for ch in actor)


def article_ref(article: Article, *, ingested_at: datetime | None = None) -> ArticleRef:
    return ArticleRef(
        article_id=article.id,
        source=article.source,
        url=str(article.url) if article.url else None,
        title=article.title,
        published_at=article.published_at,
        ingested_at=ingested_at,
    )


def dead_letter(stage: str, record: Record, error: BaseException | str) -> Out:
    letter = DeadLetter.of(
        stage=stage,
        topic=record.topic,
        raw=record.value,
        error=error,
        key=record.key,
        partition=record.partition,
        offset=record.offset,
    )
    return Out(
        "dead_letters",
        record.key.decode("utf-8", "replace") if record.key else None,
        encode(letter),
    )
