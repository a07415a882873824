"""`claimwatch replay --ingest`: batches, the API key, retries with backoff, refusals."""

from __future__ import annotations

import argparse
import io
import json

import httpx
import pytest

from schemas.articles import Article, ArticleIn
from services.cli import replay as replay_cli
from services.cli import replay_ingest
from services.cli.replay import Outcome
from services.cli.replay_ingest import IngestTarget, body_of, pause_before, publish_via_ingest


def articles(n: int) -> list[Article]:
    return [
        ArticleIn(
            url=f"https://news.example.org/{i}",  # type: ignore[arg-type]
            source="Example Wire",
            title=f"Ministry denies report {i}",
            text=f"The ministry denied report {i} on Tuesday.",
        ).to_article()
        for i in range(n)
    ]


class Server:
    """Answers POST /articles from a script of status codes, recording what it was sent."""

    def __init__(self, *statuses: int, retry_after: str | None = None) -> None:
        self.statuses = list(statuses)
        self.retry_after = retry_after
        self.bodies: list[list[dict[str, object]]] = []
        self.keys: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/articles" and request.method == "POST"
        body = json.loads(request.content)
        self.bodies.append(body)
        self.keys.append(request.headers.get("X-API-Key"))
        status = self.statuses.pop(0) if self.statuses else 202
        if status == 202:
            ids = [item["id"] for item in body]
            return httpx.Response(202, json={"count": len(ids), "ids": ids})
        headers = {"Retry-After": self.retry_after} if self.retry_after else {}
        return httpx.Response(status, json={"error": f"scripted {status}"}, headers=headers)


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)

    monkeypatch.setattr(replay_ingest.asyncio, "sleep", sleep)
    return pauses


async def send(server: Server, items: list[Article], **target: object) -> tuple[int, Outcome, str]:
    outcome, err = Outcome(), io.StringIO()
    settings = IngestTarget(url="http://ingest:8000", **target)  # type: ignore[arg-type]
    code = await publish_via_ingest(
        items, settings, outcome, rate=None, progress=False, err=err,
        transport=httpx.MockTransport(server),
    )  # fmt: skip
    return code, outcome, err.getvalue()


async def test_posts_in_batches_in_order_with_the_api_key(no_sleep: list[float]) -> None:
    server = Server()
    items = articles(7)
    code, outcome, err = await send(server, items, batch=3, api_key="k-123")
    assert (code, err) == (0, "")
    assert [len(body) for body in server.bodies] == [3, 3, 1]
    assert outcome.published == [a.id for a in items]
    assert server.keys == ["k-123"] * 3
    assert no_sleep == []


async def test_a_body_is_what_ingest_accepts_and_keeps_the_id() -> None:
    [article] = articles(1)
    assert ArticleIn.model_validate(body_of(article)).to_article() == article


async def test_passing_failures_are_retried_with_growing_pauses(no_sleep: list[float]) -> None:
    server = Server(503, 502, 429)
    code, outcome, _ = await send(server, articles(2), batch=2)
    assert code == 0 and len(outcome.published) == 2
    assert len(server.bodies) == 4 and server.bodies[0] == server.bodies[3]  # same batch again
    assert no_sleep == [0.5, 1.0, 2.0]


async def test_retry_after_lengthens_a_pause_up_to_the_cap(no_sleep: list[float]) -> None:
    server = Server(503, retry_after="5")
    assert (await send(server, articles(1)))[0] == 0
    assert no_sleep == [5.0]
    target = IngestTarget(url="u", max_backoff_seconds=15)
    assert pause_before(1, target, "3600") == 15
    assert pause_before(10, target, None) == 15
    assert pause_before(2, target, "soon") == 1.0


async def test_gives_up_after_the_attempts_and_says_how_far_it_got(
    no_sleep: list[float],
) -> None:
    server = Server(202, *[503] * 6)
    code, outcome, err = await send(server, articles(2), batch=1, attempts=6)
    assert code == replay_ingest.EXIT_INGEST
    assert len(outcome.published) == 1
    assert "failed after 1 articles" in err and "gave up after 6 attempts" in err
    assert "HTTP 503: scripted 503" in err
    assert len(no_sleep) == 5


async def test_a_connection_error_is_retried(no_sleep: list[float]) -> None:
    calls = []

    def flaky(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            raise httpx.ConnectError("connection refused")
        return Server()(request)

    outcome = Outcome()
    code = await publish_via_ingest(
        articles(1), IngestTarget(url="http://x"), outcome, rate=None, progress=False,
        err=io.StringIO(), transport=httpx.MockTransport(flaky),
    )  # fmt: skip
    assert code == 0 and len(calls) == 2 and no_sleep == [0.5]


async def test_a_refused_batch_is_reported_and_the_rest_goes_on(no_sleep: list[float]) -> None:
    server = Server(422)
    items = articles(3)
    code, outcome, _ = await send(server, items, batch=2)
    assert code == 0
    assert [r.reason for r in outcome.rejected] == ["ingest: HTTP 422: scripted 422"] * 2
    assert outcome.published == [items[2].id]
    assert no_sleep == []  # a refusal is final: never resent


@pytest.mark.parametrize("status", [401, 403])
async def test_a_refused_key_stops_the_replay_with_the_fix(
    status: int, no_sleep: list[float]
) -> None:
    code, outcome, err = await send(Server(status), articles(3), batch=1, api_key="wrong")
    assert code == replay_ingest.EXIT_INGEST and outcome.published == []
    assert "refused the API key" in err and "CLAIMWATCH_API_KEY" in err
    assert "wrong" not in err  # the key itself is never printed


def test_the_key_comes_from_the_flag_else_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMWATCH_API_KEY", "from-env")
    assert IngestTarget.from_args("http://i:8000/", None, 10).api_key == "from-env"
    assert IngestTarget.from_args("http://i:8000/", "flag", 10).api_key == "flag"
    assert IngestTarget.from_args("http://i:8000/", None, 10).url == "http://i:8000"
    monkeypatch.delenv("CLAIMWATCH_API_KEY")
    assert IngestTarget.from_args("http://i:8000", None, 10).api_key is None


def test_the_command_line_takes_ingest_options(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    replay_cli.add_arguments(parser)
    args = parser.parse_args(["seeds", "--ingest", "http://ingest:8000", "--api-key", "k"])
    assert (args.ingest, args.api_key, args.batch) == ("http://ingest:8000", "k", 50)
    args = parser.parse_args(["seeds", "--ingest", "http://i", "--batch", "0"])
    assert replay_cli.run(args) == 2
    assert "--batch" in capsys.readouterr().err
