"""Who may post articles, and in which formats: the key, the content type, JSON or JSON Lines.

A browser may send a cross-site POST with `Content-Type: text/plain` (a "simple request",
no CORS preflight) to a service on loopback. Taking only JSON types, which need a preflight
that this API never grants, and requiring a key, closes that door.
"""

from __future__ import annotations

import json
import secrets
from typing import Any, Literal

from services.ingest.settings import Settings

Format = Literal["json", "jsonl"]
JSON_TYPES = {"application/json": "json"}
JSONL_TYPES = {"application/jsonl", "application/x-ndjson", "application/jsonlines",
               "application/x-jsonlines", "application/json-lines"}  # fmt: skip


class Refused(Exception):
    """A request the API refuses: its status, reason label (for metrics) and body."""

    def __init__(
        self,
        status: int,
        reason: str,
        body: dict[str, Any],
        count: int = 1,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(body.get("error", reason))
        self.status, self.reason, self.body, self.count = status, reason, body, count
        self.headers = headers or {}


def check_key(settings: Settings, given: str | None) -> None:
    """Raise 401 unless the X-API-Key matches (or the service was configured open)."""
    if settings.api_key is None:
        if settings.open_writes:
            return
        # __main__ refuses to start like this; an app built without a key stays closed.
        raise Refused(401, "unauthorized", {"error": "ingest has no API key configured"})
    expected = settings.api_key.get_secret_value().encode()
    # compare_digest: the time taken says nothing about how much of the key matched.
    if not given or not secrets.compare_digest(given.encode(), expected):
        raise Refused(
            401,
            "unauthorized",
            {"error": "missing or wrong X-API-Key"},
            headers={"WWW-Authenticate": "ApiKey"},
        )


def body_format(content_type: str | None) -> Format:
    """`json` or `jsonl` from the Content-Type; anything else is refused with 415."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media in JSON_TYPES:
        return "json"
    if media in JSONL_TYPES:
        return "jsonl"
    accepted = ", ".join(["application/json", *sorted(JSONL_TYPES)])
    message = f"Content-Type {media or 'none'} is not accepted; send one of: {accepted}"
    raise Refused(415, "unsupported_media_type", {"error": message})


def parse(body: bytes, fmt: Format) -> tuple[list[Any], bool]:
    """The items of a body and whether it was a batch (an array, or JSON Lines)."""
    if fmt == "jsonl":
        lines = [line for line in body.split(b"\n") if line.strip()]
        items = []
        for number, line in enumerate(lines, 1):
            try:
                items.append(json.loads(line))
            except (ValueError, RecursionError) as exc:
                reason = f"invalid JSON on line {number}: {exc}"
                raise Refused(422, "invalid_json", {"error": reason, "detail": []}) from exc
        return items, True
    try:
        payload = json.loads(body)
    # ValueError covers bad syntax, bad UTF-8 and integers over Python's 4300-digit limit;
    # the decoder recurses per nesting level, so '[' * 100_000 raises RecursionError.
    except (ValueError, RecursionError) as exc:
        reason = f"invalid JSON: {exc}"
        raise Refused(422, "invalid_json", {"error": reason, "detail": []}) from exc
    if isinstance(payload, list):
        return payload, True
    return [payload], False
