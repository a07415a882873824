"""Security of the running alert service (`python -m services.alerts`) on real Kafka and Redis:
key checks over HTTP, no secret in its JSON logs, and SSRF over real sockets (redirects, names)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from aiohttp import web
from standardwebhooks.webhooks import Webhook

from services.alerts.bootstrap import build_components
from services.alerts.delivery.webhooks import WebhookSender
from services.alerts.http.api import create_app
from services.alerts.settings import Settings
from services.common.kafka import ensure_topics
from services.common.settings import KafkaSettings, RedisSettings
from services.common.ssrf import AllowList
from tests.support.alerts_support import publish, raised
from tests.support.polling import eventually

ROOT = Path(__file__).resolve().parents[2]
API_KEY = f"live-key-{uuid.uuid4().hex}"
REDIS_PASSWORD = f"redis-pw-{uuid.uuid4().hex}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Hook:
    """A loopback HTTP endpoint that records requests and answers with `reply`."""

    def __init__(self, reply: Callable[[], web.StreamResponse] | None = None) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.reply = reply or (lambda: web.Response(status=204))
        self.port = 0

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append((dict(request.headers), await request.read()))
        return self.reply()


@pytest.fixture
async def hooks() -> AsyncIterator[Callable[..., Any]]:
    runners: list[web.AppRunner] = []

    async def start(hook: Hook) -> Hook:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", hook.handle)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        hook.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        runners.append(runner)
        return hook

    yield start
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
def redis_user(redis_url: str) -> Iterator[tuple[str, str]]:
    """A Redis ACL user with a password, for this test only: (url without password, password)."""
    name = f"cw-sec-{uuid.uuid4().hex[:8]}"
    admin = redis.Redis.from_url(redis_url)
    admin.acl_setuser(name, enabled=True, passwords=[f"+{REDIS_PASSWORD}"], keys=["*"],
                      channels=["*"], commands=["+@all"])  # fmt: skip
    where = admin.connection_pool.connection_kwargs
    host, port = where["host"], where["port"]
    try:
        yield f"redis://{name}@{host}:{port}/0", REDIS_PASSWORD
    finally:
        admin.acl_deluser(name)
        admin.close()


@pytest.fixture
def service(
    kafka_bootstrap: str,
    redis_user: tuple[str, str],
    unique_topic: Callable[..., str],
    unique_group: Callable[..., str],
    key_prefix: str,
    tmp_path: Path,
) -> Iterator[dict[str, Any]]:
    """The alert service as its own process, JSON logs at DEBUG captured to a file."""
    import asyncio

    alerts_topic, dead = unique_topic("alerts"), unique_topic("dead-letters")
    kafka = KafkaSettings(bootstrap_servers=kafka_bootstrap)
    asyncio.run(ensure_topics(kafka, [alerts_topic, dead], 1))
    port = free_port()
    url, password = redis_user
    env = {
        **os.environ,
        "CLAIMWATCH_API_KEY": API_KEY,
        "CLAIMWATCH_PORT": str(port),
        "CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS": kafka_bootstrap,
        "CLAIMWATCH_TOPICS__ALERTS": alerts_topic,
        "CLAIMWATCH_TOPICS__DEAD_LETTERS": dead,
        "CLAIMWATCH_CONSUMER_GROUP": unique_group(),
        "CLAIMWATCH_REDIS__URL": url,
        "CLAIMWATCH_REDIS__PASSWORD": password,
        "CLAIMWATCH_REDIS__KEY_PREFIX": key_prefix,
        "CLAIMWATCH_DELIVERY__ALLOW_HOSTS": '["127.0.0.1"]',
        "CLAIMWATCH_DELIVERY__POLL_SECONDS": "0.1",
        "CLAIMWATCH_LOG__LEVEL": "DEBUG",
        "CLAIMWATCH_LOG__JSON": "true",
    }
    log_path = tmp_path / "alerts.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "services.alerts"], cwd=ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/livez", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"alert service did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        running = {"base": base, "kafka": kafka, "alerts": alerts_topic, "log": log_path,
                   "proc": proc}  # fmt: skip
        try:
            yield running
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/subscriptions"), ("POST", "/subscriptions"), ("DELETE", "/subscriptions/x"),
     ("GET", "/deliveries/dead"), ("POST", "/deliveries/dead/replay")],
)  # fmt: skip
def test_running_service_refuses_management_without_or_with_a_wrong_key(
    service: dict[str, Any], method: str, path: str
) -> None:
    spec = {"actor": "Russia", "channels": [{"kind": "webhook", "url": "http://127.0.0.1:9/x"}]}
    for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": API_KEY[:-1]}):
        response = httpx.request(
            method, service["base"] + path, headers=headers, json=spec, timeout=10
        )
        assert response.status_code in (401, 403), (headers, response.status_code)


async def test_no_secret_reaches_the_logs_through_a_subscription_and_a_delivery(
    service: dict[str, Any], hooks: Callable[..., Any]
) -> None:
    hook = await hooks(Hook())
    async with httpx.AsyncClient(base_url=service["base"], timeout=10) as api:
        created = await api.post(
            "/subscriptions",
            headers={"X-API-Key": API_KEY},
            json={"actor": "Kremlin", "channels": [
                {"kind": "webhook", "url": f"http://127.0.0.1:{hook.port}/hook?token=t0ken-in-url"}
            ]},
        )  # fmt: skip
        assert created.status_code == 201, created.text
        secret = created.json()["secret"]
    await publish(service["kafka"], service["alerts"], raised("al-sec-1"))

    async def delivered() -> bool:
        return bool(hook.requests)

    await eventually(delivered, timeout=60)
    headers, body = hook.requests[0]
    Webhook(secret).verify(body, headers)  # the delivery we logged is a real, signed one
    service["proc"].terminate()
    service["proc"].wait(timeout=15)

    text = service["log"].read_text()
    assert "POST /subscriptions" in text, "the capture saw no request: it would prove nothing"
    assert "127.0.0.1" in text
    for name, value in {
        "webhook secret": secret,
        "webhook secret body": secret.removeprefix("whsec_"),
        "API key": API_KEY,
        "Redis password": REDIS_PASSWORD,
        "token in the webhook URL": "t0ken-in-url",
    }.items():
        assert value not in text, f"the {name} is in the logs"


async def _sender(allow: list[str], dns_table: dict[str, list[str]] | None = None) -> WebhookSender:
    if dns_table is None:
        return WebhookSender(allow=AllowList.parse(allow), timeout=5.0)

    async def table(host: str, port: int) -> list[str]:
        return dns_table[host]

    return WebhookSender(allow=AllowList.parse(allow), timeout=5.0, resolve=table)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("allow", [["hooks.test"], ["127.0.0.0/8"]], ids=["by-name", "by-net"])
async def test_a_redirect_from_an_allowed_receiver_to_loopback_is_not_followed(
    hooks: Callable[..., Any], status: int, allow: list[str]
) -> None:
    stolen = await hooks(Hook())
    location = f"http://127.0.0.1:{stolen.port}/admin/steal"
    allowed = await hooks(Hook(lambda: web.Response(status=status, headers={"Location": location})))
    sender = await _sender(allow, {"hooks.test": ["127.0.0.1"]})
    try:
        result = await sender.send(f"http://hooks.test:{allowed.port}/hook", '{"a": 1}', {})
    finally:
        await sender.aclose()
    assert len(allowed.requests) == 1
    assert stolen.requests == [], "the redirect was followed"
    assert not result.ok and result.status == status


@pytest.mark.parametrize(
    "host", ["localhost", "LOCALHOST", "localhost.", "127.1", "2130706433", "0x7f000001", "0"]
)
async def test_names_that_resolve_to_loopback_are_refused_by_the_system_resolver(
    hooks: Callable[..., Any], host: str
) -> None:
    """The real resolver, no allow-list: a listening loopback receiver gets nothing."""
    hook = await hooks(Hook())
    sender = await _sender([])
    try:
        result = await sender.send(f"http://{host}:{hook.port}/hook", "{}", {})
    finally:
        await sender.aclose()
    assert not result.ok and result.permanent, result
    assert "refused" in (result.error or "")
    assert hook.requests == []


async def test_subscribing_localhost_is_refused_by_the_real_api(
    redis_url: str, key_prefix: str
) -> None:
    settings = Settings(api_key=API_KEY, redis=RedisSettings(url=redis_url, key_prefix=key_prefix))
    client = redis.asyncio.Redis.from_url(redis_url)
    comp = build_components(settings, client, resolve=lambda name: None)
    transport = httpx.ASGITransport(app=create_app(settings, components=comp))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://alerts") as api:
            # "localhost." may not resolve at all on a machine: refused either way.
            for url, why in (("http://localhost:8001/subscriptions", "loopback"),
                             ("http://localhost./x", "")):  # fmt: skip
                spec = {"actor": "Russia", "channels": [{"kind": "webhook", "url": url}]}
                response = await api.post(
                    "/subscriptions", json=spec, headers={"X-API-Key": API_KEY}
                )
                assert response.status_code == 422, response.text
                assert "channels[0]" in response.json()["detail"] and why in response.text
            assert (await api.get("/subscriptions", headers={"X-API-Key": API_KEY})).json() == []
    finally:
        await client.aclose()
