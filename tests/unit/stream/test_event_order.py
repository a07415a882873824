"""Event time of reports, the per-actor reorder buffer, and revising an act's first report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from schemas.claims import Claim, ClaimType, Span
from services.stream.event_order import ReorderBuffer, order_key
from services.stream.novelty import (
    AttachSource,
    RaiseAlert,
    ReviseAlert,
    decide,
    remember,
)
from services.stream.reports import alert_id, source_id

T0 = datetime(2031, 5, 4, 9, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def claim(article: str, sentence: str, *, start: int = 0, field: str = "text") -> Claim:
    return Claim(
        article_id=article,
        type=ClaimType.DENIAL,
        speaker="Astrid Lund",
        actor="Norway",
        content=sentence,
        sentence=sentence,
        span=Span(field=field, start=start, end=start + len(sentence)),  # type: ignore[arg-type]
        cue="denied",
        confidence=0.9,
    )


def test_reports_order_by_publication_then_ingest_then_place_in_the_article() -> None:
    c = claim("a", "Norway denied selling boats.")
    older = order_key(c, published=T0, ingested=T0 + 9 * SECOND)
    newer = order_key(c, published=T0 + SECOND, ingested=T0)
    assert older < newer
    same_day_first_in = order_key(c, published=T0, ingested=T0 + SECOND)
    assert same_day_first_in < older
    title = order_key(claim("a", "Norway denies", field="title"), published=T0, ingested=T0)
    body = order_key(claim("a", "x", start=0), published=T0, ingested=T0)
    assert title < body


def test_undated_article_counts_from_when_it_was_ingested() -> None:
    c = claim("a", "Norway denied selling boats.")
    assert order_key(c, published=None, ingested=T0) == order_key(c, published=T0, ingested=T0)


def test_a_claim_that_has_waited_the_window_goes_with_every_earlier_one_of_its_actor() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(2 * SECOND)
    buf.add("Norway", (3.0, 0.0, "c", 1, 0), "late-dated", now=T0)
    buf.add("Norway", (1.0, 0.0, "a", 1, 0), "early-dated", now=T0 + SECOND)
    buf.add("Norway", (5.0, 0.0, "d", 1, 0), "later-still", now=T0 + SECOND)
    buf.add("Chile", (2.0, 0.0, "b", 1, 0), "chile", now=T0 + SECOND)
    assert buf.ripe(T0 + SECOND) == []
    # "late-dated" has waited 2 s: it goes, after the earlier-dated claim that came after it;
    # the later-dated one waits its own 2 s.
    assert buf.ripe(T0 + 2 * SECOND) == ["early-dated", "late-dated"]
    assert buf.ripe(T0 + 3 * SECOND) == ["later-still", "chile"]
    assert len(buf) == 0


def test_no_claim_waits_longer_than_the_window_however_busy_its_actor() -> None:
    buf: ReorderBuffer[int] = ReorderBuffer(SECOND)
    released: list[int] = []
    for i in range(20):  # a claim of one actor every half second
        now = T0 + i * SECOND / 2
        buf.add("Norway", (float(i), 0.0, "a", 1, 0), i, now=now)
        released += buf.ripe(now)
        assert all(n >= i - 2 for n in range(i + 1) if n not in released)
    assert released == sorted(released)


def test_everything_releases_all_held_claims() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(2 * SECOND)
    buf.add("Norway", (1.0, 0.0, "a", 1, 0), "x", now=T0)
    assert buf.ripe(T0, everything=True) == ["x"]


def test_a_late_older_report_revises_the_first_source_in_place() -> None:
    later = claim("later", "Norway denied it had sold patrol boats to the junta.")
    earlier = claim("earlier", "Norway denied selling patrol boats to the junta.", start=40)
    k_later = order_key(later, published=T0 + 3600 * SECOND, ingested=T0)
    k_earlier = order_key(earlier, published=T0, ingested=T0 + SECOND)
    first = decide(later, [], now=T0, order=k_later)
    assert isinstance(first, RaiseAlert)
    recent = remember([], first, now=T0)
    revised = decide(earlier, recent, now=T0, order=k_earlier)
    assert isinstance(revised, ReviseAlert)
    assert revised.alert_id == alert_id(later)  # no second alert: the id stays
    assert revised.previous_source_id == source_id(later)
    assert revised.act.first_source_id == source_id(earlier)
    assert [s.source_id for s in revised.act.sources] == [source_id(earlier), source_id(later)]
    # Redelivered, each report gives its answer again without changing anything.
    recent = remember(recent, revised, now=T0)
    again = decide(earlier, recent, now=T0, order=k_earlier)
    assert isinstance(again, RaiseAlert) and again.repeat and again.alert_id == alert_id(later)
    old_first = decide(later, recent, now=T0, order=k_later)
    assert isinstance(old_first, AttachSource) and old_first.repeat


def test_a_later_report_attaches_and_does_not_revise() -> None:
    first = claim("a", "Norway denied it had sold patrol boats to the junta.")
    k1 = order_key(first, published=T0, ingested=T0)
    recent = remember([], decide(first, [], now=T0, order=k1), now=T0)
    later = claim("b", "Norway denied selling patrol boats to the junta.")
    d = decide(later, recent, now=T0, order=order_key(later, published=T0, ingested=T0 + SECOND))
    assert type(d) is AttachSource


def test_source_id_ignores_the_actor_a_replay_may_read_differently() -> None:
    c = claim("a", "Astrid Lund denied it.")
    assert source_id(c) == source_id(c.model_copy(update={"actor": "Astrid Lund"}))
    assert source_id(c) != source_id(c.model_copy(update={"type": ClaimType.WARNING}))


def test_named_people_of_one_actor_make_acts_of_their_own() -> None:
    from services.stream.signature import person_terms

    assert person_terms("Abbas Mousavi", "Iran") == {"abba", "mousavi"}
    for speaker, actor in [
        ("Kremlin", "Russia"),
        ("Chinese spokesman", "China"),
        ("Norwegian Foreign Ministry", "Norway"),
        ("CDC", "Centers for Disease Control and Prevention"),
        ("Maxwell's lawyer", "Ghislaine Maxwell"),
    ]:
        assert person_terms(speaker, actor) == frozenset(), speaker
    mousavi = claim("a", "Iran will respond firmly to any threat.").model_copy(
        update={"speaker": "Abbas Mousavi", "actor": "Iran"}
    )
    first = decide(mousavi, [], now=T0)
    recent = remember([], first, now=T0)
    other = mousavi.model_copy(update={"speaker": "Abolfazl Shekarchi", "article_id": "b"})
    assert isinstance(decide(other, recent, now=T0), RaiseAlert)
    same = mousavi.model_copy(update={"speaker": "Mousavi", "article_id": "c"})
    assert type(decide(same, recent, now=T0)) is AttachSource


def test_a_speakers_first_sentence_is_matched_on_their_whole_run_in_the_article() -> None:
    from services.stream.reports import peer_terms

    act = claim("a", "Lund said the report about the harbour contract was false and malicious.")
    recent = remember([], decide(act, [], now=T0), now=T0)
    # Elsewhere the first sentence alone names nothing the act named; the next one does.
    run = [
        claim("b", "Lund denied any wrongdoing at the ferry terminal.", start=0),
        claim("b", "She called the harbour contract report false.", start=40),
    ]
    alone = decide(run[0], recent, now=T0)
    assert isinstance(alone, RaiseAlert)
    peers = peer_terms(run)
    assert peers[0] == peers[1]
    together = decide(run[0], recent, now=T0, peers=peers[0])
    assert type(together) is AttachSource and together.alert_id == alert_id(act)


def test_acks_follow_offset_order_per_partition_whatever_the_decision_order() -> None:
    from services.stream.event_order import AckOrder

    acks: AckOrder[str] = AckOrder()
    for offset, item in [(10, "a10"), (11, "b11"), (12, "a12")]:
        acks.hold("p0", offset, item)
    acks.hold("p1", 3, "c3")
    assert acks.done("p0", 11) == []  # 10 is still held: acking 11 would let 10 be committed
    assert acks.done("p1", 3) == ["c3"]
    assert acks.done("p0", 10) == ["a10", "b11"]
    assert acks.done("p0", 12) == ["a12"]


def test_an_articles_claims_are_released_together() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(2 * SECOND)
    buf.add("Norway", (1.0, 0.0, "a", 0, 0), "title", now=T0)
    buf.add("Norway", (1.0, 0.0, "a", 1, 90), "body", now=T0 + SECOND)
    buf.add("Norway", (2.0, 0.0, "b", 1, 0), "next", now=T0 + SECOND)
    assert buf.ripe(T0 + 2 * SECOND) == ["title", "body"]
    assert buf.ripe(T0 + 3 * SECOND) == ["next"]
