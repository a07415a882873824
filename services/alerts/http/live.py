"""The live stream: alert events from the Redis event log as server-sent events, resumable."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

from sse_starlette import ServerSentEvent

from services.alerts.redis.alert_store import AlertStore, LoggedEvent

# Under redis-py's default 5 s socket timeout: a 5 s XREAD BLOCK timed out and ended the stream.
_BLOCK_MS = 2_000
# Events that carry the whole alert (a revision: the alert as it now reads).
_WHOLE_ALERT = ("raised", "revised")


def _summary(event: LoggedEvent) -> dict[str, Any]:
    """What one line of a feed needs: actor, type, speaker, evidence, source count."""
    data = event.data
    if event.kind in _WHOLE_ALERT:
        alert = data["alert"]
        source = alert["first_source"]
        fields = {
            k: alert[k] for k in ("actor", "type", "speaker", "target", "content", "confidence")
        }
    else:
        source = data["source"]
        fields = {"actor": data["actor"], "type": data["type"], "speaker": source["speaker"]}
    return {
        "kind": event.kind,
        "alert_id": event.alert_id,
        **fields,
        "sentence": source["sentence"],
        "source": source,
        "source_count": event.source_count,
        "occurred_at": data["occurred_at"],
    }


def speaker_of(event: LoggedEvent) -> str:
    if event.kind in _WHOLE_ALERT:
        return str(event.data["alert"]["speaker"])
    return str(event.data["source"]["speaker"])


def actor_of(event: LoggedEvent) -> str:
    if event.kind in _WHOLE_ALERT:
        return str(event.data["alert"]["actor"])
    return str(event.data["actor"])


async def alert_events(
    store: AlertStore,
    *,
    last_event_id: str | None,
    accept: Callable[[str, str], bool],
    block_ms: int = _BLOCK_MS,
) -> AsyncIterator[ServerSentEvent]:
    """Events after `last_event_id` (all missed ones, then live), or only new ones without it.

    Reading always continues from the last id seen, never from "$", so nothing that arrives
    between two reads is skipped.
    """
    cursor = last_event_id if last_event_id and _valid_id(last_event_id) else None
    if cursor is None:
        cursor = await store.last_event_id()
    else:
        oldest = await store.first_event_id()
        if oldest is not None and _older(cursor, oldest) and cursor != "0-0":
            # The log is capped: events between `cursor` and `oldest` were trimmed. Say so,
            # so a client reloads the list instead of silently missing them.
            yield ServerSentEvent(event="gap", data=json.dumps({"oldest": oldest}))
    while True:
        for event in await store.read_events(cursor, block_ms=block_ms):
            cursor = event.id
            if accept(actor_of(event), speaker_of(event)):
                yield ServerSentEvent(
                    id=event.id, event=event.kind, data=json.dumps(_summary(event))
                )


def _older(a: str, b: str) -> bool:
    """Whether stream id `a` is before `b`: ids only disappear by trimming the front."""
    a_ms, _, a_seq = a.partition("-")
    b_ms, _, b_seq = b.partition("-")
    return (int(a_ms), int(a_seq or 0)) < (int(b_ms), int(b_seq or 0))


def _valid_id(value: str) -> bool:
    ms, _, seq = value.partition("-")
    return ms.isdigit() and (seq == "" or seq.isdigit())
