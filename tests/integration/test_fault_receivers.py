"""Fault: one webhook receiver down for a while, one very slow; the others are served on time.

The slow one answers after SLOW_S seconds, under the delivery timeout (TIMEOUT_S): each of its
deliveries succeeds at the first attempt, so "once" is exact, with no timed-out duplicate that
the receiver would have to drop by webhook-id. (Over the timeout, every attempt would fail and
be retried, and it would never be served: that is the down receiver's case.)
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from services.common.settings import KafkaSettings
from tests.support.alerts_support import publish, raised
from tests.support.fault_stack import FAST_RETRY_ENV, Services, settled, until
from tests.support.fault_support import HookReceiver, assert_each_once

N_ALERTS = 8
SLOW_S = 3.0
TIMEOUT_S = 6.0
# Well under what waiting behind the slow receiver would take (N_ALERTS * SLOW_S = 24 s).
ON_TIME_S = 6.0


async def test_down_and_slow_receivers_do_not_hold_up_the_others(
    kafka_bootstrap: str, redis_url: str, tmp_path: Path
) -> None:
    kafka = KafkaSettings(bootstrap_servers=kafka_bootstrap)
    env = FAST_RETRY_ENV | {"CLAIMWATCH_DELIVERY__TIMEOUT_SECONDS": str(TIMEOUT_S)}
    alerts = [raised(f"al-fault-{i}") for i in range(N_ALERTS)]
    want = Counter((e.alert.alert_id, "art-1", e.alert.sentence) for e in alerts)
    down = HookReceiver()  # its port refuses connections until it comes up
    async with HookReceiver(delay={"slow": SLOW_S}).running() as receiver:
        with Services.for_test(tmp_path / "run", bootstrap=kafka_bootstrap,
                               redis_url=redis_url, **env) as services:  # fmt: skip
            services.start("alerts")
            await until(services.alerts_ready, "alert service ready", services)
            for name in ("fast", "slow", "also-fast"):
                await services.subscribe("Russia", receiver.url(name))
            await services.subscribe("Russia", down.url("down"))
            await services.subscribe("China", receiver.url("warm-up"))
            topic = services.config.topic("alerts")
            # The consumer has joined its group once this arrives: the clock starts after.
            await publish(kafka, topic, raised("al-warm-up", actor="China"))
            await until(lambda: receiver.keys("warm-up"), "the warm-up alert", services)

            sent = time.monotonic()
            await publish(kafka, topic, *alerts)
            on_time = {}
            for name in ("fast", "also-fast"):
                await until(lambda: set(receiver.times_each(name)) >= set(want),  # noqa: B023
                            f"every alert at /{name}", services, timeout=60)  # fmt: skip
                on_time[name] = time.monotonic() - sent
            await until(lambda: set(receiver.times_each("slow")) >= set(want),
                        "every alert at the slow receiver", services)  # fmt: skip
            slow_s = time.monotonic() - sent
            assert not down.hooks
            async with down.running():
                await until(lambda: set(down.times_each("down")) >= set(want),
                            "every alert at the receiver that was down", services)  # fmt: skip
                await until(lambda: settled(services, workers=False), "deliveries settled",
                            services)  # fmt: skip
    assert all(s < ON_TIME_S for s in on_time.values()), on_time
    for hooks, names in ((receiver, ("fast", "slow", "also-fast")), (down, ("down",))):
        assert_each_once(
            hooks,
            {name: want for name in names}
            | (
                {"warm-up": Counter([("al-warm-up", "art-1", alerts[0].alert.sentence)])}
                if hooks is receiver
                else {}
            ),
        )
    print(f"fast receivers served in {on_time}, slow one in {slow_s:.1f}s")
