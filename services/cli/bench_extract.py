"""`claimwatch bench extract [PATH...]`: extractor against a plain full spaCy parse, same run."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        default=["seeds"],
        metavar="PATH",
        help="article files or folders (default: seeds)",
    )
    parser.add_argument(
        "--min-words",
        type=int,
        default=60_000,
        help="repeat the articles until the corpus holds this many words",
    )
    parser.add_argument(
        "--rounds", type=int, default=5, help="timed rounds; the median round counts"
    )


def run(args: argparse.Namespace) -> int:
    from services.bench.extraction import bench_extract
    from services.ingest.sources import read_articles

    articles = [r.article.to_article() for r in read_articles(args.paths) if r.ok]
    if not articles:
        sys.stderr.write(f"bench extract: no articles in {' '.join(args.paths)}\n")
        return 1
    out = sys.stdout.write
    b = bench_extract(articles, min_words=args.min_words, rounds=args.rounds)
    out(f"model: {b.model}\n")
    e, base = b.extractor, b.baseline
    out(
        f"corpus: {len(articles)} articles repeated to {e.articles} ({e.words:,} words), "
        f"median of {args.rounds} alternating rounds (the ratio: median of the rounds' ratios)\n"
    )
    out(
        f"extractor: {e.articles_per_s:,.1f} articles/s, {e.words_per_s:,.0f} words/s, "
        f"{b.claims:,} claims, {b.sentences_parsed:.0%} of sentences parsed, "
        f"peak RSS {b.peak_rss_extractor_mb:,.0f} MB\n"
    )
    out(
        f"baseline (full nlp.pipe, all components): {base.articles_per_s:,.1f} articles/s, "
        f"{base.words_per_s:,.0f} words/s\n"
    )
    if len(b.round_ratios) > 1:
        each = ", ".join(f"{r:.2f}x" for r in b.round_ratios)
        out(f"rounds (baseline time over extractor time, back to back): {each}\n")
    out(
        f"bench extract: {b.ratio:.2f}x the full-parse baseline "
        f"({e.words_per_s:,.0f} vs {base.words_per_s:,.0f} words/s), "
        f"extractor peak RSS {b.peak_rss_extractor_mb:,.0f} MB "
        f"(process with both models {b.peak_rss_mb:,.0f} MB)\n"
    )
    return 0
