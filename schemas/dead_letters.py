"""Dead letters: a message that could not be processed, kept with why."""

from __future__ import annotations

import base64

from pydantic import Field

from schemas.events import Event


class DeadLetter(Event):
    stage: str = Field(description="Which step failed, e.g. 'extract_claims'.")
    topic: str
    partition: int | None = None
    offset: int | None = None
    key: str | None = None
    raw: str = Field(description="The raw value, base64: it may not be valid UTF-8.")
    error: str

    @classmethod
    def of(
        cls,
        *,
        stage: str,
        topic: str,
        raw: bytes | None,
        error: BaseException | str,
        key: bytes | str | None = None,
        partition: int | None = None,
        offset: int | None = None,
    ) -> DeadLetter:
        if isinstance(key, bytes):
            key = key.decode("utf-8", "replace")
        message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        return cls(
            stage=stage,
            topic=topic,
            partition=partition,
            offset=offset,
            key=key,
            raw=base64.b64encode(raw or b"").decode("ascii"),
            error=message[:4000],
        )

    def raw_bytes(self) -> bytes:
        return base64.b64decode(self.raw)
