"""`claimwatch alerts --stats`: ingest's outcomes read from its real metrics, alerts by actor."""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from schemas.articles import Article
from services.cli.stats import ingest_outcomes, stats_lines
from services.ingest.api import create_app
from services.ingest.publisher import Published
from services.ingest.settings import Settings


class Publisher:
    async def publish(self, articles: Sequence[Article]) -> list[Published]:
        return [Published(a.id, "articles", 0, n) for n, a in enumerate(articles)]


async def ready() -> bool:
    return True


GERMAN = (
    "Der Sprecher des Ministeriums wies am Dienstag die Berichte zurück, wonach die Regierung "
    "um militärische Hilfe gebeten habe. Das sei eine Erfindung, sagte er vor Journalisten."
)


async def test_outcomes_come_from_ingest_metrics_as_ingest_counts_them() -> None:
    app = create_app(Settings(api_key="k"), Publisher(), ready_check=ready)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://ingest", headers={"X-API-Key": "k"}
    ) as api:
        await api.post("/articles", json={"id": "en", "text": "The ministry denied it."})
        await api.post("/articles", json={"id": "de", "text": GERMAN})
        await api.post("/articles", json={"title": "no text"})
        metrics = (await api.get("/metrics")).text
    outcomes = ingest_outcomes(metrics)
    assert outcomes == {"accepted": 1, "unsupported_language": 1, "invalid": 1}
    lines = stats_lines([{"actor": "Russia", "alerts": 3}], outcomes, "http://ingest")
    assert "  Russia                        3" in lines
    assert "  unsupported_language          1" in lines


def test_an_unreachable_ingest_is_said_so() -> None:
    lines = stats_lines([], None, "http://127.0.0.1:1")
    assert lines[-1] == "articles at ingest (http://127.0.0.1:1): not reachable"
