"""`claimwatch replay PATH...`: publish article files and folders to `articles`, in order.

With `--ingest URL` the articles go through the ingest HTTP API instead (replay_ingest.py).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress

    from schemas.articles import Article
    from services.cli.replay_ingest import IngestTarget
    from services.cli.replay_target import Target
    from services.ingest.settings import Settings
    from services.ingest.sources import ReadResult, Rejection

EXIT_OK, EXIT_NOTHING_READ, EXIT_KAFKA = 0, 1, 2
_WINDOW = 200  # articles in flight at once when unpaced


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help=".txt, .json, .jsonl, .html files or folders (walked in sorted order)",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        metavar="N",
        help="at most N articles per second (default: as fast as Kafka takes them)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="read and validate only; publish nothing"
    )
    parser.add_argument(
        "--bootstrap",
        metavar="HOST:PORT",
        help="Kafka bootstrap servers (default: CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS, "
        "else the running `claimwatch up`'s)",
    )
    parser.add_argument("--topic", help="articles topic (default: CLAIMWATCH_TOPICS__ARTICLES)")
    parser.add_argument(
        "--no-idempotence",
        action="store_true",
        help="plain acks=all producer (default: detected; Tansu has no InitProducerId)",
    )
    parser.add_argument(
        "--ingest",
        metavar="URL",
        help="post through the ingest HTTP API at URL (e.g. http://ingest:8000) instead of Kafka",
    )
    parser.add_argument(
        "--api-key",
        metavar="KEY",
        help="X-API-Key for --ingest (default: CLAIMWATCH_API_KEY)",
    )
    parser.add_argument(
        "--batch", type=int, default=50, metavar="N", help="articles per request with --ingest"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")  # fmt: skip


@dataclass
class Outcome:
    published: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    import logging

    from services.cli.replay_ingest import IngestTarget
    from services.common.logs import configure_logging
    from services.common.settings import LogSettings
    from services.ingest.settings import Settings

    if args.rate is not None and args.rate <= 0:
        sys.stderr.write("error: --rate must be a positive number of articles per second\n")
        return 2
    if not 1 <= args.batch <= 1000:
        sys.stderr.write("error: --batch must be between 1 and 1000 articles\n")
        return 2
    ingest = IngestTarget.from_args(args.ingest, args.api_key, args.batch) if args.ingest else None
    target = _target(args, Settings())
    settings = target.settings
    # The summary and one-line errors are the report; library logs would only repeat them.
    configure_logging(LogSettings(level="WARNING", json=False))
    for name in ("aiokafka", "services.common.kafka"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    if not args.dry_run and ingest is None:
        sys.stderr.write(target.describe() + "\n")
    return asyncio.run(replay(args.paths, settings, rate=args.rate, dry_run=args.dry_run,
                              progress=not args.no_progress, ingest=ingest,
                              detect_idempotence=target.probe_idempotence))  # fmt: skip


def _target(args: argparse.Namespace, settings: Settings) -> Target:
    """Flags, else variables, else the stack file of a running `claimwatch up`."""
    import os

    from services.cli.replay_target import resolve
    from services.launcher import stackfile

    return resolve(args, settings, os.environ, stackfile.find())


async def replay(
    paths: list[Path],
    settings: Settings,
    *,
    rate: float | None = None,
    dry_run: bool = False,
    progress: bool = True,
    out: TextIO | None = None,
    err: TextIO | None = None,
    detect_idempotence: bool = False,
    ingest: IngestTarget | None = None,
) -> int:
    """Read, validate and publish `paths`; the summary goes to `out`, problems to `err`.

    With `detect_idempotence`, a broker without the idempotent producer gets a plain one;
    `ingest`: post through that ingest service's HTTP API instead of publishing to Kafka.
    """
    from services.ingest.sources import read_articles

    out, err = out or sys.stdout, err or sys.stderr
    outcome = Outcome()
    articles = _validated(list(read_articles(paths)), outcome)
    if not articles:
        _summary(outcome, out, dry_run=dry_run)
        err.write("error: no article could be read from the given paths\n")
        return EXIT_NOTHING_READ
    if dry_run:
        outcome.published = [a.id for a in articles]
        _summary(outcome, out, dry_run=True)
        return EXIT_OK
    if ingest is not None:
        from services.cli.replay_ingest import publish_via_ingest

        code = await publish_via_ingest(
            articles, ingest, outcome, rate=rate, progress=progress, err=err
        )
    else:
        code = await _publish(articles, settings, outcome, rate=rate, progress=progress, err=err,
                              detect_idempotence=detect_idempotence)  # fmt: skip
    _summary(outcome, out, dry_run=False)
    return code


def _validated(results: list[ReadResult], outcome: Outcome) -> list[Article]:
    from pydantic import ValidationError

    from services.ingest.sources import ReadArticle, Rejection, describe_error

    articles = []
    for result in results:
        if isinstance(result, ReadArticle):
            try:
                article = result.article.to_article()
            except ValidationError as exc:
                outcome.rejected.append(Rejection(result.path, describe_error(exc), result.line))
                continue
            language = _language_of(article)
            if language is None:
                articles.append(article)
            else:  # as ingest does: an article not in English would yield nothing, silently
                reason = f"unsupported_language: {language} (claimwatch reads English only)"
                outcome.rejected.append(Rejection(result.path, reason, result.line))
        elif result.skipped:
            outcome.skipped.append(result)
        else:
            outcome.rejected.append(result)
    return articles


async def _publish(
    articles: list[Article],
    settings: Settings,
    outcome: Outcome,
    *,
    rate: float | None,
    progress: bool,
    err: TextIO,
    detect_idempotence: bool = False,
) -> int:
    from aiokafka.errors import KafkaError

    from services.common.kafka import kafka_reachable
    from services.ingest.pacing import Pacer
    from services.ingest.publisher import open_kafka_publisher

    where = settings.kafka.bootstrap_servers
    if not await kafka_reachable(settings.kafka, settings.ready_timeout_seconds):
        err.write(f"error: Kafka at {where} is unreachable; nothing was published\n")
        return EXIT_KAFKA
    if detect_idempotence:
        from services.cli.replay_target import settle_idempotence

        settings, note = await settle_idempotence(settings)
        if note:
            err.write(note)
    pacer = Pacer(rate)
    bar = progress_bar(err, progress)
    try:
        async with open_kafka_publisher(settings.kafka, settings.topics) as publisher:
            with bar:
                task = bar.add_task(
                    f"publishing to {settings.topics.articles}", total=len(articles)
                )
                # Paced: one at a time. Unpaced: windows of articles in flight together; the
                # producer keeps their order per partition, and the bar moves per window.
                window = 1 if rate else _WINDOW
                for start in range(0, len(articles), window):
                    chunk = articles[start : start + window]
                    await pacer.wait()
                    await publisher.publish(chunk)
                    outcome.published.extend(a.id for a in chunk)
                    bar.advance(task, len(chunk))
    except (KafkaError, OSError) as exc:
        err.write(f"error: Kafka at {where} failed after {len(outcome.published)} articles: "
                  f"{type(exc).__name__}: {exc}\n")  # fmt: skip
        return EXIT_KAFKA
    return EXIT_OK


def _language_of(article: Article) -> str | None:
    from services.ingest.language import default_check

    return default_check()(article)


def progress_bar(err: TextIO, progress: bool) -> Progress:
    """The replay's bar, the same for Kafka and for ingest; on `err`, off with --no-progress."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    return Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=Console(file=err), disable=not progress,
    )  # fmt: skip


def _summary(outcome: Outcome, out: TextIO, *, dry_run: bool) -> None:
    from services.common.terminal import safe

    verb = "validated" if dry_run else "published"
    out.write(
        f"{verb} {len(outcome.published)}, rejected {len(outcome.rejected)}, "
        f"skipped {len(outcome.skipped)}\n"
    )
    for rejection in outcome.rejected:
        out.write(safe(f"  rejected {rejection.where}: {rejection.reason}") + "\n")
    for skip in outcome.skipped:
        reason = skip.reason.removeprefix("skipped: ")
        out.write(safe(f"  skipped {skip.where}: {reason}") + "\n")
