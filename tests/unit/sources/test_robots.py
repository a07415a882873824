"""robots.txt: its rules for pages, its Crawl-delay for the host, and what a missing or broken
one means."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.sources.fetch import Fetched
from services.sources.hosts import HostGate
from services.sources.robots import Robots


@dataclass
class FakeFetcher:
    """Answers robots.txt with a fixed status and body; counts the requests."""

    status: int
    body: str = ""
    gate: HostGate = field(default_factory=lambda: HostGate(1.0))
    asked: list[str] = field(default_factory=list)

    async def get(self, url: str, *, max_bytes: int, headers: object = None) -> Fetched:
        self.asked.append(url)
        return Fetched(url, self.status, self.body.encode())


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def robots(fetcher: FakeFetcher, clock: Clock | None = None) -> Robots:
    return Robots(fetcher, cache_seconds=3600, clock=clock or Clock())  # type: ignore[arg-type]


RULES = (
    "User-agent: *\nDisallow: /private/\n\nUser-agent: claimwatch-sources\nDisallow: /no-bots/\n"
)


async def test_rules_are_honoured_for_us_and_for_everyone() -> None:
    fetcher = FakeFetcher(200, RULES)
    check = robots(fetcher)
    assert await check.allows("https://news.example.org/world/story.html")
    assert not await check.allows("https://news.example.org/no-bots/story.html")
    assert fetcher.asked == ["https://news.example.org/robots.txt"]  # once per site


async def test_no_robots_txt_allows_everything_and_a_broken_one_nothing_for_a_minute() -> None:
    assert await robots(FakeFetcher(404)).allows("https://a.example/x")
    clock = Clock()
    broken = FakeFetcher(503)
    check = robots(broken, clock)
    assert not await check.allows("https://a.example/x")
    clock.now = 59
    assert not await check.allows("https://a.example/y")
    assert len(broken.asked) == 1
    broken.status = 404
    clock.now = 61  # asked again after a minute, not after the hour a good answer is kept
    assert await check.allows("https://a.example/y")


async def test_crawl_delay_slows_the_host_down_up_to_a_minute() -> None:
    fetcher = FakeFetcher(200, "User-agent: *\nCrawl-delay: 5\n")
    await robots(fetcher).allows("https://slow.example/a")
    assert fetcher.gate.interval("slow.example", 443) == 5
    assert fetcher.gate.interval("other.example", 443) == 1.0
    greedy = FakeFetcher(200, "User-agent: *\nCrawl-delay: 3600\n")
    await robots(greedy).allows("http://greedy.example/a")
    assert greedy.gate.interval("greedy.example", 80) == 60
