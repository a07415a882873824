"""The ingest HTTP API: POST /articles (one or a batch) onto Kafka, health and metrics."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager, suppress
from typing import Any

from aiokafka.errors import KafkaError
from fastapi import FastAPI, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from fastapi_offline import FastAPIOffline
from prometheus_client import CollectorRegistry
from pydantic import ValidationError

from schemas.articles import Article, ArticleIn
from services.common.kafka import kafka_reachable
from services.common.metrics import HttpMetrics, metrics_router, new_registry
from services.ingest.admission import Refused, body_format, check_key, parse
from services.ingest.language import LanguageOf, default_check
from services.ingest.observe import CachedProbe, IngestMetrics
from services.ingest.publisher import ArticlePublisher, open_kafka_publisher
from services.ingest.settings import Settings

log = logging.getLogger(__name__)
UNSUPPORTED = "unsupported_language"  # the outcome (and metrics reason) of non-English articles
_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)

_ARTICLE_SCHEMA_REF = ArticleIn.model_json_schema()  # flat: no $defs to place
_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            # JSON Lines (application/jsonl, one article a line) is taken too.
            "application/json": {
                "schema": {
                    "oneOf": [
                        _ARTICLE_SCHEMA_REF,
                        {"type": "array", "items": _ARTICLE_SCHEMA_REF, "minItems": 1},
                    ]
                }
            }
        },
    }
}


def create_app(
    settings: Settings,
    publisher: ArticlePublisher | None = None,
    *,
    ready_check: Callable[[], Awaitable[bool]] | None = None,
    registry: CollectorRegistry | None = None,
    language_of: LanguageOf | None = None,
) -> FastAPI:
    """The app. Without a `publisher`, its lifespan opens a Kafka one from `settings`.
    `language_of` defaults to the packaged detector when `settings.language_check` is on."""
    registry = registry or new_registry()
    if language_of is None and settings.language_check:
        language_of = default_check()
    metrics = IngestMetrics(registry)
    check = ready_check or (lambda: kafka_reachable(settings.kafka, settings.ready_timeout_seconds))
    probe = CachedProbe(check, settings.ready_cache_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if publisher is not None:
            app.state.publisher = publisher
            yield
            return
        async with AsyncExitStack() as stack:
            # Serve at once: /readyz says 503 until Kafka answers, then the publisher is set.
            connecting = asyncio.create_task(_connect(app, stack, settings))
            try:
                yield
            finally:
                connecting.cancel()
                with suppress(asyncio.CancelledError):
                    await connecting

    # FastAPIOffline serves the docs page's scripts and styles itself: /docs works offline.
    app = FastAPIOffline(
        title="claimwatch ingest",
        version="0.1.0",
        lifespan=lifespan,
        swagger_ui_parameters={"validatorUrl": None},  # no call to an online validator
    )
    app.state.publisher = publisher
    app.state.metrics = metrics
    app.add_middleware(HttpMetrics, registry=registry, prefix="claimwatch_ingest_http")
    app.include_router(metrics_router(registry))

    @app.get("/livez")
    async def livez() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", response_model=None)
    async def readyz(request: Request) -> JSONResponse:
        if request.app.state.publisher is None:
            return JSONResponse({"status": "starting"}, status_code=503)
        if not await probe():
            return JSONResponse({"status": "kafka unreachable"}, status_code=503)
        return JSONResponse({"status": "ready"})

    @app.post("/articles", status_code=202, openapi_extra=_BODY_DOC, response_model=None)
    async def post_articles(
        request: Request, api_key: str | None = Security(_key_header)
    ) -> JSONResponse:
        try:
            check_key(settings, api_key)
            articles = await _read_articles(request, settings)
            # About 3 ms an article: off the event loop, so other requests are not held up.
            articles, foreign = await asyncio.to_thread(_by_language, articles, language_of)
        except Refused as refused:
            metrics.rejected.labels("http", refused.reason).inc(refused.count)
            log.info(
                "articles refused",
                extra={"reason": refused.reason, "error": refused.body.get("error")},
            )
            return JSONResponse(refused.body, status_code=refused.status, headers=refused.headers)
        if foreign:
            metrics.rejected.labels("http", UNSUPPORTED).inc(len(foreign))
            log.info("articles not in English", extra={"articles": foreign})
        publisher_now: ArticlePublisher | None = request.app.state.publisher
        if publisher_now is None:
            metrics.rejected.labels("http", "not_ready").inc(len(articles))
            return _unavailable("the service is starting")
        start = time.perf_counter()
        try:
            published = await asyncio.wait_for(
                publisher_now.publish(articles), settings.publish_timeout_seconds
            )
        except (KafkaError, TimeoutError) as exc:
            metrics.rejected.labels("http", "kafka_unavailable").inc(len(articles))
            log.warning("publish failed", extra={"error": f"{type(exc).__name__}: {exc}"})
            return _unavailable("Kafka did not acknowledge the articles; retry later")
        metrics.publish_latency.observe(time.perf_counter() - start)
        metrics.accepted.labels("http").inc(len(published))
        positions = [
            {"id": p.article_id, "topic": p.topic, "partition": p.partition, "offset": p.offset}
            for p in published
        ]
        ids = [p.article_id for p in published]
        body: dict[str, Any] = {"count": len(published), "ids": ids, "published": positions}
        if foreign:
            body[UNSUPPORTED] = foreign
        return JSONResponse(body, status_code=202)

    return app


async def _connect(app: FastAPI, stack: AsyncExitStack, settings: Settings) -> None:
    """Open the Kafka publisher, retrying with backoff while the broker is not up yet."""
    delay = 0.5
    while True:
        try:
            app.state.publisher = await stack.enter_async_context(
                open_kafka_publisher(
                    settings.kafka, settings.topics, create_topics=settings.create_topics
                )
            )
        except (KafkaError, OSError, TimeoutError) as exc:
            log.warning(
                "kafka not reachable yet; retrying",
                extra={"error": f"{type(exc).__name__}: {exc}", "retry_in_s": delay},
            )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)
        else:
            log.info("publishing to kafka", extra={"topic": settings.topics.articles})
            return


def _unavailable(message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=503, headers={"Retry-After": "5"})


async def _read_articles(request: Request, settings: Settings) -> list[Article]:
    fmt = body_format(request.headers.get("content-type"))
    body = await _read_body(request, settings.max_body_bytes)
    items, batch = parse(body, fmt)
    if batch and not items:
        raise Refused(422, "empty_batch", {"error": "the batch is empty", "detail": []}, 0)
    if len(items) > settings.max_batch:
        message = f"batch of {len(items)} articles exceeds the limit of {settings.max_batch}"
        raise Refused(413, "batch_too_large", {"error": message}, len(items))
    return _validate(items, batch=batch)


def _by_language(
    articles: list[Article], language_of: LanguageOf | None
) -> tuple[list[Article], list[dict[str, str]]]:
    """(articles to publish, {id, language} of those not in English).

    A request of only such articles is refused (422: nothing could be taken); in a batch
    with English ones the rest is published and these are listed in the answer.
    """
    if language_of is None:
        return articles, []
    kept, foreign = [], []
    for article in articles:
        language = language_of(article)
        if language is None:
            kept.append(article)
        else:
            foreign.append({"id": article.id, "language": language})
    if foreign and not kept:
        found = ", ".join(sorted({f["language"] for f in foreign}))
        message = f"claimwatch reads English only; detected language: {found}"
        raise Refused(422, UNSUPPORTED, {"error": message, UNSUPPORTED: foreign}, len(foreign))
    return kept, foreign


def _validate(items: list[Any], *, batch: bool) -> list[Article]:
    """All or nothing: one invalid article in a batch refuses the whole batch."""
    articles, detail = [], []
    for index, item in enumerate(items):
        prefix: list[str | int] = ["body", index] if batch else ["body"]
        try:
            if not isinstance(item, dict):
                raise ValueError(f"expected an article object, got {type(item).__name__}")
            articles.append(ArticleIn.model_validate(item).to_article())
        except ValidationError as exc:
            detail += [
                {"loc": [*prefix, *err["loc"]], "msg": err["msg"], "type": err["type"]}
                for err in exc.errors(include_url=False, include_context=False)
            ]
        except ValueError as exc:
            detail.append({"loc": prefix, "msg": str(exc), "type": "type_error"})
    if detail:
        reason = "; ".join(
            f"{'.'.join(str(p) for p in d['loc'][1:]) or 'body'}: {d['msg']}" for d in detail
        )
        raise Refused(422, "invalid", {"error": reason, "detail": detail}, len(items))
    return articles


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed `limit` bytes.

    The Content-Length header is checked first (cheap), then the streamed bytes are
    counted too: the header may be absent (chunked) or lie.
    """
    too_large = Refused(413, "too_large", {"error": f"request body exceeds {limit} bytes"})
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)
