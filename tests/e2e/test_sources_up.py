"""`claimwatch up --feed`: a local feed's article page with a denial becomes an alert."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
from aiokafka import AIOKafkaConsumer
from test_up import CLAIMWATCH, ROOT, Up, cleanup, free_port, start_up, stop_and_check_nothing_left

from schemas.articles import ArticlePublished, derive_article_id
from tests.support.feed_site import DENIAL_STORY, RSS, WARNING_STORY, FeedSite, article_page, rss
from tests.support.polling import eventually_blocking

__all__ = ["cleanup"]  # the fixture, used by name


def wait_for(what: str, up: Up, check: Callable[[], bool], deadline_s: float) -> float:
    """Seconds until `check()` held; fails with the stack's output after `deadline_s`."""
    start = time.monotonic()
    eventually_blocking(
        check,
        what=what,
        timeout=deadline_s,
        interval=0.5,
        alive=up.assert_running,
        detail=up.output,
    )
    return time.monotonic() - start


def alert_types(up: Up) -> set[tuple[str, str]]:
    try:
        found = httpx.get(f"{up.alerts_url}/alerts?limit=200", timeout=5).json()
    except (httpx.HTTPError, ValueError):
        return set()
    return {(a["actor"], a["type"]) for a in found}


def test_up_watches_a_local_feed_alerts_once_per_page_and_polls_conditionally(
    tmp_path: Path, cleanup: list[Up]
) -> None:
    with FeedSite().serving() as site:
        denial, warning = "/world/kremlin-denies.html", "/world/china-warns.html"
        site.put(denial, article_page("Kremlin denies troop moves", DENIAL_STORY))
        site.put(warning, article_page("China warns on tariffs", WARNING_STORY))
        items = [("Kremlin denies troop moves", site.url(denial))]
        site.put("/feed.xml", rss("The Test Ledger", items), RSS)
        sources_port = free_port()
        up = start_up(
            tmp_path, "--no-replay", "--feed", site.url("/feed.xml"), "--feed-every", "5",
            "--sources-port", str(sources_port),
        )  # fmt: skip
        cleanup.append(up)
        wait_for("the feed watched", up, lambda: "✓ watching" in up.out.read_text(), 180)
        took = wait_for("Russia's denial", up, lambda: ("Russia", "denial") in alert_types(up), 60)
        # An item added to the feed later is picked up on a later poll.
        items.append(("China warns on tariffs", site.url(warning)))
        site.put("/feed.xml", rss("The Test Ledger", items), RSS)
        later = wait_for("China's warning", up, lambda: ("China", "warning") in alert_types(up), 60)
        # Then the feed is unchanged: the next polls are conditional and answered 304.
        changed_at = len(site.hits_of("/feed.xml"))
        wait_for(
            "two 304s", up, lambda: site.statuses("/feed.xml")[changed_at:].count(304) >= 2, 30
        )
        records = up.records()
        key = re.search(r"#key=(\S+)", up.out.read_text())
        assert key, up.output()

        def feeds(*args: str) -> subprocess.CompletedProcess[str]:
            api = ["--api", f"http://127.0.0.1:{sources_port}", "--api-key", key.group(1)]
            return subprocess.run(
                [*CLAIMWATCH, "feeds", *args, *api],
                cwd=ROOT, capture_output=True, text=True, timeout=30, check=False,
            )  # fmt: skip

        other = site.url("/other.xml")
        added = feeds("add", other, "--every", "600", "--label", "Other")
        refused = feeds("add", f"http://127.0.0.1:{free_port()}/feed.xml")  # not allowed by up
        removed = feeds("remove", other)
        # With no flags and no key: `feeds` finds the stack's sources service and key in the
        # stack file `up` wrote (named here, since this run dir is not ./.run).
        no_flags_env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
        no_flags_env["CLAIMWATCH_STACK_FILE"] = str(up.run_dir / "stack.json")
        listed = subprocess.run(
            [*CLAIMWATCH, "feeds", "list"], cwd=ROOT, env=no_flags_env,
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        dashboard_feeds = httpx.get(f"{up.alerts_url}/feeds", timeout=5).json()
        stop_and_check_nothing_left(up, records)

    feed_hits = site.hits_of("/feed.xml")
    print(
        f"\nsources e2e: denial alert {took:.1f} s after the feed was watched, the added "
        f"item's alert {later:.1f} s after it was added; feed answers "
        f"{[h.status for h in feed_hits]}"
    )
    assert took < 60
    # Each page fetched once, for all the polls.
    assert site.statuses(denial) == [200] and site.statuses(warning) == [200]
    assert all(h.conditional for h in feed_hits[1:])
    assert [h.status for h in feed_hits].count(200) == 2  # first poll and the change
    assert added.returncode == 0 and "watching" in added.stdout, added.stderr
    assert refused.returncode == 1 and "refused" in refused.stderr, refused.stdout
    assert removed.returncode == 0 and "removed feed-" in removed.stdout, removed.stderr
    assert listed.returncode == 0, listed.stderr
    assert "ok " in listed.stdout and "published 2" in listed.stdout, listed.stdout
    [shown] = dashboard_feeds
    assert shown["healthy"] and shown["health"]["published"] == 2
    assert shown["health"]["not_modified"] >= 2


def test_on_real_kafka_and_redis_a_restart_fetches_and_publishes_nothing_again(
    tmp_path: Path, cleanup: list[Up], kafka_bootstrap: str, redis_url: str
) -> None:
    namespace = uuid.uuid4().hex[:10]
    with FeedSite().serving() as site:
        denial = "/world/kremlin-denies.html"
        site.put(denial, article_page("Kremlin denies troop moves", DENIAL_STORY))
        site.put("/feed.xml", rss("Ledger", [("Kremlin denies", site.url(denial))]), RSS)
        args = ["--no-replay", "--feed", site.url("/feed.xml"), "--feed-every", "5"]
        args += ["--kafka", kafka_bootstrap, "--redis-url", redis_url, "--namespace", namespace]
        for run in ("first", "second"):
            (tmp_path / run).mkdir()
        first = start_up(tmp_path / "first", *args)
        cleanup.append(first)
        wait_for("Russia's denial", first, lambda: ("Russia", "denial") in alert_types(first), 90)
        # (demo_ran=False: whether its webhook was delivered before the stop is not the point)
        stop_and_check_nothing_left(first, first.records(), demo_ran=False)
        polls_before = len(site.hits_of("/feed.xml"))

        second = start_up(tmp_path / "second", *args)
        cleanup.append(second)
        wait_for(
            "two polls after the restart", second,
            lambda: len(site.hits_of("/feed.xml")) >= polls_before + 2, 90,
        )  # fmt: skip
        stop_and_check_nothing_left(second, second.records(), demo_ran=False)

    # The restart kept the feed's validators and the pages it had fetched.
    after = site.hits_of("/feed.xml")[polls_before:]
    assert after and all(h.conditional and h.status == 304 for h in after)
    assert site.statuses(denial) == [200]
    published = asyncio.run(count_published(kafka_bootstrap, f"articles-{namespace}"))
    assert published == {derive_article_id(site.url(denial), "", ""): 1}


async def count_published(bootstrap: str, topic: str) -> dict[str, int]:
    """Article id -> how many times it is on `topic` (read to its end)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False
    )
    await consumer.start()
    counts: dict[str, int] = {}
    try:
        partitions = consumer.assignment() or set()
        while not partitions:
            await consumer.getmany(timeout_ms=200)
            partitions = consumer.assignment()
        ends = await consumer.end_offsets(list(partitions))

        async def behind() -> bool:
            return any([await consumer.position(p) < end for p, end in ends.items()])

        while await behind():
            for records in (await consumer.getmany(timeout_ms=500)).values():
                for record in records:
                    article = ArticlePublished.model_validate_json(record.value).article
                    counts[article.id] = counts.get(article.id, 0) + 1
    finally:
        await consumer.stop()
    return counts
