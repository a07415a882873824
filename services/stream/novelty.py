"""Is this denial or warning a new speech act, or a further report of one already alerted? (pure)"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from pydantic import Field

from schemas.claims import Claim, ClaimType
from schemas.events import Value
from services.stream.act_date import act_date, after_reported, different_days
from services.stream.act_kind import is_plea, occasions, other_occasion
from services.stream.event_order import OrderKey
from services.stream.reports import adds_an_act, alert_id, claim_terms, source_id
from services.stream.signature import name_key, person_terms, speaker_key, terms

DEFAULT_WINDOW = timedelta(days=14)
DEFAULT_MAX_ACTS = 64
# A claim with fewer content terms than this says nothing about its matter ("Peskov said:
# 'No.'"): it can only be a further report of the actor's latest act of that type.
MIN_TERMS = 2
# Share of the claim's terms that an earlier act must carry for the two to be one act, or
# the count of shared terms that is enough on its own for a long claim.
MIN_COVERAGE = 0.25
ENOUGH_SHARED = 3
# Across articles the claim's own words may not name the matter at all ("said he 'completely
# rejects' the allegations": the allegations are named a sentence earlier). The sentence and
# the headline around it then do: this many shared context terms, covering this share of the
# smaller side, make two reports in different articles one act.
ENOUGH_CONTEXT = 3
MIN_CONTEXT_COVERAGE = 0.2
# Bounds on what one act remembers, so state stays small however often it is reported.
MAX_ACT_TERMS = 96
MAX_ACT_SOURCES = 32


class SourceRef(Value):
    """One report of an act, as much as matching and redelivery checks need."""

    source_id: str
    article_id: str
    speaker: str
    names: tuple[str, ...] = Field(default=(), description="person_terms of the speaker")


class RecentAct(Value):
    """A speech act already alerted: what it is about and where it was reported."""

    alert_id: str
    actor: str
    type: ClaimType
    target: str | None = None
    terms: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    first_source_id: str
    sources: tuple[SourceRef, ...] = ()
    n_sources: int = 1
    first_seen: datetime
    last_seen: datetime
    published: datetime | None = Field(
        default=None, description="Latest article date among its reports, when articles had one."
    )
    first_order: OrderKey | None = Field(
        default=None, description="Event time of the first report (see event_order.order_key)."
    )
    day: date | None = Field(
        default=None, description="The day the act happened, as its first dated report says."
    )
    first_reported: date | None = Field(
        default=None,
        description="The earliest article date among its reports: it happened by then.",
    )
    plea: bool = Field(default=False, description="Whether the act is a plea in court.")
    occasions: tuple[str, ...] = Field(
        default=(), description="Occasions its reports name (act_kind.occasions)."
    )


class RaiseAlert(Value):
    """The claim is a new act: raise `alert_id`. `repeat` marks a redelivered first report."""

    alert_id: str
    source_id: str
    act: RecentAct
    repeat: bool = False


class AttachSource(Value):
    """The claim reports an act already alerted: attach it as a source of `alert_id`."""

    alert_id: str
    source_id: str
    act: RecentAct
    reason: str
    repeat: bool = False


class ReviseAlert(AttachSource):
    """The claim reports `alert_id` but happened before its first report, which arrived first:
    it becomes the first source in place (same alert id, nobody notified again)."""

    previous_source_id: str


Decision = RaiseAlert | AttachSource


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
    # "She also denies ...": one more act of the speaker's, unless its own words name one.
    further = adds_an_act(claim)
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
        if plea != act.plea or other_occasion(said_on, frozenset(act.occasions)):
            continue  # a plea in court, a statement, words to a senator: each an act
        verdict = (
            _match_further(words, act) if further else _match(claim, speaker, words, wide, act)
        )
        if verdict is None:
            continue
        rank, reason = verdict
        key = (*rank, as_utc(act.last_seen).timestamp())
        if best is None or key > best[0]:
            best = (key, act, reason)
    if best is None:
        raised = _raise(claim, sid, speaker, words, wide, now, published, order, day)
        occasion = {
            "plea": plea,
            "occasions": tuple(sorted(said_on)),
            "first_reported": published.date() if published else None,
        }
        return raised.model_copy(update={"act": raised.act.model_copy(update=occasion)})
    _, act, reason = best
    attached = _attach(act, sid, claim, speaker, words, wide, now, published, day)
    reported = [d for d in (act.first_reported, published.date() if published else None) if d]
    attached = attached.model_copy(
        update={
            "occasions": tuple(sorted(set(act.occasions) | said_on)),
            "first_reported": min(reported, default=None),
        }
    )
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


def _match(
    claim: Claim, speaker: str, words: frozenset[str], wide: frozenset[str], act: RecentAct
) -> tuple[tuple[float, ...], str] | None:
    """Why `claim` reports `act` (with a rank among candidates), or None when it does not."""
    if _other_person(claim, act):
        return None
    same_article = [s for s in act.sources if s.article_id == claim.article_id]
    same_speaker = any(s.speaker == speaker for s in same_article)
    if same_speaker:
        # One speaker's run of sentences in one article is one statement: quotes run on
        # ("Even if you've ridden out storms before, this one is different.") with words of
        # their own, and aim at whoever each sentence names.
        return (3.0, _coverage(words, act)), "same speaker, same article"
    # Targets are read off each sentence and often differ for one act ("warned China" then
    # "a lifeline to Russia"): two named targets ask for more shared words, not a new act.
    conflict = _targets_differ(claim.target, act.target)
    if len(words) < MIN_TERMS and not conflict:
        return (1.0, 0.0), "no content of its own: latest act of this actor"
    shared = len(words & set(act.terms))
    coverage = shared / max(1, len(words))
    # One shared word is weak evidence ("changes to quotas" vs "changes to tolls"): it must
    # be half of what the claim says.
    needed = MIN_COVERAGE if shared >= 2 else 2 * MIN_COVERAGE
    if shared >= ENOUGH_SHARED or (shared >= 1 and coverage >= needed and not conflict):
        return (2.0 if same_article else 1.5, coverage), f"shares {shared} terms"
    if not same_article and not conflict:
        # Within one article every claim shares the headline, so context is no evidence there.
        act_wide = set(act.terms) | set(act.context)
        shared_wide = len(wide & act_wide)
        smaller = max(1, min(len(wide), len(act_wide)))
        if shared_wide >= ENOUGH_CONTEXT and shared_wide / smaller >= MIN_CONTEXT_COVERAGE:
            return (1.0, shared_wide / smaller), f"shares {shared_wide} context terms"
    return None


def _match_further(words: frozenset[str], act: RecentAct) -> tuple[tuple[float, ...], str] | None:
    """A claim that calls itself a further act joins one only on a matter its own words share:
    no run of the speaker's sentences, no context, no latest act stands in for them. Names do
    not part it from the act: "the agency also warned" often repeats a warning its chief gave."""
    shared = len(words & set(act.terms))
    if shared >= MIN_TERMS and shared / max(1, len(words)) >= MIN_COVERAGE:
        return (2.0, shared / len(words)), f"further act, shares {shared} terms"
    return None


def _other_person(claim: Claim, act: RecentAct) -> bool:
    """Whether a named person other than everyone named in `act` makes the claim: one actor's
    spokespeople each make their own speech acts ("Mousavi warned" and "Shekarchi warned")."""
    mine = person_terms(claim.speaker, claim.actor)
    theirs = [set(s.names) for s in act.sources if s.names]
    return bool(mine and theirs and all(not (mine & t) for t in theirs))


def _targets_differ(a: str | None, b: str | None) -> bool:
    return bool(a and b and name_key(a) != name_key(b))


def _coverage(words: frozenset[str], act: RecentAct) -> float:
    return len(words & set(act.terms)) / len(words) if words else 0.0


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
    return SourceRef(source_id=sid, article_id=claim.article_id, speaker=speaker, names=names)
