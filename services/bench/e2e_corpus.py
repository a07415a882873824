"""The benchmark corpus: the seed articles repeated under fresh ids, moved forward in time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from schemas.articles import Article

_DATE_IN_ID = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
FALLBACK_DATE = datetime(2022, 3, 14, 12, tzinfo=UTC)


def publication_date(article: Article) -> datetime:
    """The article's date; a .txt seed has none, but its file name starts with it."""
    if article.published_at is not None:
        return article.published_at
    found = _DATE_IN_ID.search(article.id)
    if found is None:
        return FALLBACK_DATE
    year, month, day = (int(part) for part in found.groups())
    return datetime(year, month, day, 12, tzinfo=UTC)


def build_corpus(
    seeds: Sequence[Article],
    count: int,
    *,
    tag: str,
    shift: timedelta = timedelta(days=10),
    start: timedelta = timedelta(0),
) -> list[Article]:
    """`count` articles: round r is every seed under the id `bench-{tag}-{r}-{seed id}`, dated
    `start + r * shift` after the seed's own date.

    With `shift` shorter than the novelty window (14 days) the next round repeats what the last
    one said (further reports that attach to an alert) and the round after raises it anew, so
    the stream sees both kinds of decision, as a real news feed does. The URL is dropped: it
    would tie every copy to one id.
    """
    if not seeds:
        raise ValueError("no seed articles to build a corpus from")
    out: list[Article] = []
    round_no = 0
    while len(out) < count:
        moved = start + round_no * shift
        for seed in seeds:
            if len(out) == count:
                break
            out.append(
                seed.model_copy(
                    update={
                        "id": f"bench-{tag}-{round_no}-{seed.id}"[:200],
                        "url": None,
                        "published_at": publication_date(seed) + moved,
                    }
                )
            )
        round_no += 1
    return out


def word_count(article: Article) -> int:
    return len(article.title.split()) + len(article.text.split())
