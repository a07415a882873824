"""Is this denial or warning a new speech act, or a further report of one already alerted? (pure)"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from schemas.claims import Claim
from services.stream.act_date import act_date, after_reported, different_days
from services.stream.act_kind import is_plea, occasions, other_occasion
from services.stream.act_match import match, match_further, occasions_in
from services.stream.acts import (
    AttachSource,
    Decision,
    RaiseAlert,
    RecentAct,
    ReviseAlert,
    SourceRef,
)
from services.stream.event_order import OrderKey
from services.stream.reports import adds_an_act, alert_id, claim_terms, source_id
from services.stream.signature import name_key, person_terms, speaker_key, terms

# The decisions and what is remembered are defined in `acts`; callers import them from here.
__all__ = [
    "AttachSource",
    "Decision",
    "RaiseAlert",
    "RecentAct",
    "ReviseAlert",
    "SourceRef",
    "as_utc",
    "decide",
    "remember",
]

DEFAULT_WINDOW = timedelta(days=14)
DEFAULT_MAX_ACTS = 64
# Bounds on what one act remembers, so state stays small however often it is reported.
MAX_ACT_TERMS = 96
MAX_ACT_SOURCES = 32


def decide(
    claim: Claim,
    recent: Sequence[RecentAct],
    *,
    now: datetime,
    window: timedelta = DEFAULT_WINDOW,
    published: datetime | None = None,
    context: str = "",
    order: OrderKey | None = None,
    peers: frozenset[str] = frozenset(),
) -> Decision:
    """New act or further report, given the actor's recent acts.

    `now` is when the claim is seen and `published` the article's date, if it has one: two
    dated reports are compared by their dates (a replay of old news keeps its own time),
    anything else by when it was seen. `context` is text around the claim that names its
    matter, such as the article's headline. `order` is the claim's event time: a report older
    than an act's first report revises that act instead of attaching to it. `peers` are the
    terms of the same speaker's other claims of this type in the same article (`peer_terms`):
    one speaker's run of sentences is one statement, so its first sentence is matched on what
    the whole run says ("did not assault the woman" ... "the accusation is false").
    """
    now = as_utc(now)
    published = as_utc(published) if published else None
    sid = source_id(claim)
    for act in recent:
        if any(src.source_id == sid for src in act.sources):
            # Redelivered or replayed: give the same answer again, so that a crash between
            # saving state and sending the alert loses nothing (downstream dedups by id).
            if act.first_source_id == sid:
                return RaiseAlert(alert_id=act.alert_id, source_id=sid, act=act, repeat=True)
            return AttachSource(
                alert_id=act.alert_id, source_id=sid, act=act, reason="repeat", repeat=True
            )
    speaker = speaker_key(claim.speaker)
    day = act_date(claim.sentence, published.date() if published else None)
    plea, said_on = is_plea(claim.sentence), occasions(claim.sentence)
    # "She also denies ...": one more act of the actor's, unless its own words name one;
    # with no act of the actor's of this type earlier in the same report, "Beijing also
    # brushed the accounts aside" is the same kind of act as another party's, not a further one
    further = adds_an_act(claim) and any(
        src.article_id == claim.article_id
        for act in recent
        if act.type == claim.type
        for src in act.sources
    )
    words = claim_terms(claim) | (frozenset() if further else peers)
    wide = words | terms(f"{claim.sentence}\n{context}", drop=(claim.actor, claim.speaker))
    candidates = [
        act
        for act in recent
        if act.type == claim.type
        and name_key(act.actor) == name_key(claim.actor)
        and _within(act, now, published, window)
    ]
    best: tuple[tuple[float, ...], RecentAct, str] | None = None
    for act in candidates:
        if different_days(day, act.day) or after_reported(day, act.first_reported):
            continue  # the same person speaking on another day is another act
        if plea != act.plea or other_occasion(said_on, occasions_in(act, claim.article_id)):
            continue  # a plea in court, a statement, words to a senator: each an act
        verdict = match_further(words, act) if further else match(claim, speaker, words, wide, act)
        if verdict is None:
            continue
        rank, reason = verdict
        key = (*rank, as_utc(act.last_seen).timestamp())
        if best is None or key > best[0]:
            best = (key, act, reason)
    if best is None:
        raised = _raise(claim, sid, speaker, words, wide, now, published, order, day)
        kind = {"plea": plea, "first_reported": published.date() if published else None}
        return raised.model_copy(update={"act": raised.act.model_copy(update=kind)})
    _, act, reason = best
    attached = _attach(act, sid, claim, speaker, words, wide, now, published, day)
    reported = [d for d in (act.first_reported, published.date() if published else None) if d]
    attached = attached.model_copy(update={"first_reported": min(reported, default=None)})
    if order is not None and act.first_order is not None and order < act.first_order:
        ref = attached.sources[-1]
        revised = attached.model_copy(
            update={
                "first_source_id": sid,
                "first_order": order,
                "sources": (ref, *attached.sources[:-1]),
            }
        )
        return ReviseAlert(
            alert_id=act.alert_id,
            source_id=sid,
            act=revised,
            reason=f"{reason}; earlier than its first report",
            previous_source_id=act.first_source_id,
        )
    return AttachSource(alert_id=act.alert_id, source_id=sid, act=attached, reason=reason)


def remember(
    recent: Sequence[RecentAct],
    decision: Decision,
    *,
    now: datetime,
    window: timedelta = DEFAULT_WINDOW,
    max_acts: int = DEFAULT_MAX_ACTS,
    published: datetime | None = None,
) -> list[RecentAct]:
    """The actor's acts after `decision`: updated, then bounded in time and in number."""
    now = as_utc(now)
    published = as_utc(published) if published else None
    acts = [a for a in recent if a.alert_id != decision.act.alert_id]
    acts.append(decision.act)
    acts = [a for a in acts if _within(a, now, published, window, either_side=False)]
    acts.sort(key=lambda a: (as_utc(a.last_seen), as_utc(a.published or a.last_seen)))
    return acts[-max_acts:]


def _within(
    act: RecentAct,
    now: datetime,
    published: datetime | None,
    window: timedelta,
    *,
    either_side: bool = True,
) -> bool:
    """Whether `act` is inside the window of a claim seen `now` from an article of `published`.

    For matching, a later-dated act also counts (`either_side`): articles arrive out of date
    order. For forgetting, only acts older than the window are dropped.
    """
    if published is not None and act.published is not None:
        gap = published - as_utc(act.published)
    else:
        gap = now - as_utc(act.last_seen)
    return abs(gap) <= window if either_side else gap <= window


def as_utc(moment: datetime) -> datetime:
    """Dates from articles may be naive: they are read as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _raise(
    claim: Claim,
    sid: str,
    speaker: str,
    words: frozenset[str],
    wide: frozenset[str],
    now: datetime,
    published: datetime | None,
    order: OrderKey | None,
    day: date | None,
) -> RaiseAlert:
    act = RecentAct(
        alert_id=alert_id(claim),
        actor=claim.actor,
        type=claim.type,
        target=claim.target,
        terms=tuple(sorted(words))[:MAX_ACT_TERMS],
        context=tuple(sorted(wide - words))[:MAX_ACT_TERMS],
        first_source_id=sid,
        sources=(_ref(claim, sid, speaker),),
        first_seen=now,
        last_seen=now,
        published=published,
        first_order=order,
        day=day,
    )
    return RaiseAlert(alert_id=act.alert_id, source_id=sid, act=act)


def _attach(
    act: RecentAct,
    sid: str,
    claim: Claim,
    speaker: str,
    words: frozenset[str],
    wide: frozenset[str],
    now: datetime,
    published: datetime | None,
    day: date | None,
) -> RecentAct:
    # Later reports add their words (paraphrases widen what the act matches), up to a bound;
    # the earliest words stay, as they name the act best.
    known = set(act.terms)
    added = sorted(words - known)[: max(0, MAX_ACT_TERMS - len(known))]
    near = set(act.context) | known | set(added)
    more = sorted(wide - near)[: max(0, MAX_ACT_TERMS - len(act.context))]
    ref = _ref(claim, sid, speaker)
    return act.model_copy(
        update={
            "terms": (*act.terms, *added),
            "context": (*act.context, *more),
            "target": act.target or claim.target,
            "day": act.day or day,
            # The first report is always kept: a replay of it must raise the same alert again.
            "sources": (act.sources[0], *(*act.sources[1:], ref)[1 - MAX_ACT_SOURCES :]),
            "n_sources": act.n_sources + 1,
            "last_seen": max(as_utc(act.last_seen), now),
            "published": max(
                (as_utc(p) for p in (act.published, published) if p is not None), default=None
            ),
        }
    )


def _ref(claim: Claim, sid: str, speaker: str) -> SourceRef:
    names = tuple(sorted(person_terms(claim.speaker, claim.actor)))
    return SourceRef(
        source_id=sid,
        article_id=claim.article_id,
        speaker=speaker,
        names=names,
        occasions=tuple(sorted(occasions(claim.sentence))),
    )
