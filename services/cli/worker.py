"""`claimwatch worker`: one stream worker; start two with the same settings to share partitions."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bootstrap", help="Kafka bootstrap servers (default: settings)")
    parser.add_argument("--app-id", help="Faust app id = consumer group (default: settings)")
    parser.add_argument("--partitions", type=int, help="partitions of topics it creates")
    parser.add_argument(
        "--metrics-port", type=int, help="port of its Prometheus /metrics (0: off; default 9102)"
    )


def run(args: argparse.Namespace) -> int:
    from services.stream.runner import run_worker
    from services.stream.settings import Settings

    settings = Settings()
    if args.bootstrap:
        settings.kafka = settings.kafka.model_copy(update={"bootstrap_servers": args.bootstrap})
    if args.app_id:
        settings.faust = settings.faust.model_copy(update={"app_id": args.app_id})
    if args.partitions:
        settings.topics = settings.topics.model_copy(update={"partitions": args.partitions})
    if args.metrics_port is not None:
        settings.metrics_port = args.metrics_port
    return run_worker(settings)
