"""Which subscriptions an alert event reaches: pure matching over values."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from schemas.alerts import Alert, AlertRaised, SourceAttached
from schemas.subscriptions import Subscription

Resolve = Callable[[str], "str | None"]


def canonical_name(name: str, resolve: Resolve) -> str:
    """'Kremlin' -> 'Russia' through the actors KB; a person or unknown name stays as written."""
    cleaned = " ".join(name.split())
    return resolve(cleaned) or cleaned


def follows(sub: Subscription, *, actor: str, speaker: str, resolve: Resolve) -> bool:
    """Following a country brings its spokespeople (their alerts carry the country as `actor`);
    following a person matches them as the speaker."""
    wanted = sub.actor_canonical.casefold()
    candidates = {actor.casefold(), speaker.casefold(), canonical_name(speaker, resolve).casefold()}
    return wanted in candidates or " ".join(sub.actor.split()).casefold() == speaker.casefold()


def _keywords_hit(keywords: Iterable[str], *texts: str) -> bool:
    words = [k.casefold() for k in keywords if k.strip()]
    if not words:
        return True
    haystack = " ".join(texts).casefold()
    return any(word in haystack for word in words)


def matches_alert(
    sub: Subscription, alert: Alert, resolve: Resolve, *, sentence: str | None = None
) -> bool:
    return (
        alert.type in sub.types
        and alert.confidence >= sub.min_confidence
        and follows(sub, actor=alert.actor, speaker=alert.speaker, resolve=resolve)
        and _keywords_hit(sub.keywords, sentence or alert.sentence, alert.content)
    )


def matching(
    subs: Iterable[Subscription],
    event: AlertRaised | SourceAttached,
    resolve: Resolve,
    *,
    alert: Alert | None = None,
) -> list[Subscription]:
    """Subscriptions an event is for. A SourceAttached needs the stored `alert` (its type,
    speaker, confidence) and only reaches subscriptions that asked for updates."""
    if isinstance(event, AlertRaised):
        return [s for s in subs if matches_alert(s, event.alert, resolve)]
    if alert is None:
        return []
    return [
        s
        for s in subs
        if s.include_updates and matches_alert(s, alert, resolve, sentence=event.source.sentence)
    ]


def live_filter(actor_query: str | None, resolve: Resolve) -> Callable[[str, str], bool]:
    """The live stream's `?actor=` filter, with the same alias and speaker rules."""
    if not actor_query:
        return lambda _actor, _speaker: True
    wanted = canonical_name(actor_query, resolve).casefold()
    raw = " ".join(actor_query.split()).casefold()

    def accept(actor: str, speaker: str) -> bool:
        names = {actor.casefold(), speaker.casefold(), canonical_name(speaker, resolve).casefold()}
        return wanted in names or raw == speaker.casefold()

    return accept
