"""The lines `claimwatch bench e2e` prints, from its measured figures (pure: no measuring here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.bench.e2e_run import PhaseResult
from services.bench.e2e_stats import Latency, cpu_bound_rate

if TYPE_CHECKING:  # the extraction bench imports spaCy; the report only reads its figures
    from services.bench.extraction import ExtractBench

TARGET_ARTICLES_PER_S = 17.0
TARGET_P99_S = 1.0


@dataclass(frozen=True)
class Machine:
    cpus: int
    load_before: float  # 1-minute load average when the run began
    load_after: float


def _lat(label: str, lat: Latency | None) -> str:
    if lat is None:
        return f"{label}: no deliveries"
    return (
        f"{label}: p50 {lat.p50 * 1000:,.0f} ms, p95 {lat.p95 * 1000:,.0f} ms, "
        f"p99 {lat.p99 * 1000:,.0f} ms, max {lat.max * 1000:,.0f} ms (n={lat.count})"
    )


def phase_lines(phase: PhaseResult) -> list[str]:
    t = phase.throughput
    lines = [
        f"throughput, {phase.workers} worker(s): {t.articles_per_s:.1f} articles/s "
        f"({t.words_per_s:,.0f} words/s): {t.articles} articles ({t.words / t.articles:.0f} "
        f"words each) in {t.seconds:.1f} s from first POST to last commit of the alerts stage "
        f"(ingest took them at {t.offered_per_s:.0f}/s)"
    ]
    if t.last_alert_seconds:
        lines.append(
            f"  last alert stored {t.last_alert_seconds:.1f} s after the first POST "
            f"({t.articles / t.last_alert_seconds:.1f} articles/s by that mark; the commit mark "
            "above lags the work by up to the worker's 1 s commit interval)"
        )
    cpu = phase.cpu
    per_article = ", ".join(
        f"{name} {secs / t.articles * 1000:,.0f} ms ({secs / t.seconds:.2f} CPU)"
        for name, secs in sorted(cpu.seconds.items(), key=lambda kv: -kv[1])
    )
    lines.append(f"  CPU per article (and CPUs busy) during that run: {per_article}")
    lines.append(
        f"  the machine's {cpu.cpus} CPUs were {cpu.machine_busy:.0%} busy, "
        f"{cpu.ours(t.seconds):.0%} with the processes above, the rest with other work"
    )
    if any(name.startswith("worker") for name in cpu.seconds):
        ceiling = cpu_bound_rate(cpu.seconds, t.articles, cpus=cpu.cpus)
        lines.append(
            f"  estimate from that CPU cost, not measured: {ceiling:.0f} articles/s with these "
            f"{phase.workers} worker(s) on {cpu.cpus} otherwise idle CPUs"
        )
    lat = phase.latency
    if lat is not None:
        lines.append(
            f"latency at {lat.offered_per_s:.1f} articles/s offered ({lat.articles} articles, "
            f"{lat.articles_notified} with a webhook; {lat.unmatched} unmatched, "
            f"{lat.duplicates} duplicate deliveries):"
        )
        lines.append("  " + _lat("ingest POST -> webhook arrival", lat.webhook))
        lines.append("  " + _lat("ingest POST -> alert stored in Redis", lat.stored))
        lines.append("  " + _lat("ingest POST answered (202)", lat.post))
    memory = ", ".join(f"{name} {mb:,.0f} MB" for name, mb in sorted(phase.peak_rss_mb.items()))
    lines.append(f"peak RSS (VmHWM), {phase.workers} worker(s): {memory}")
    return lines


def extract_line(b: ExtractBench) -> str:
    return (
        f"extraction: {b.ratio:.2f}x the plain spaCy parse ({b.extractor.articles_per_s:,.1f} "
        f"vs {b.baseline.articles_per_s:,.1f} articles/s, {b.extractor.words_per_s:,.0f} vs "
        f"{b.baseline.words_per_s:,.0f} words/s, one process, model {b.model})"
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def summary(phases: Sequence[PhaseResult], extract: ExtractBench | None, machine: Machine) -> str:
    """The one-line summary that ends the output."""
    rates = {p.workers: p.throughput.articles_per_s for p in phases}
    parts = [f"{w}w {r:.1f}/s" for w, r in sorted(rates.items())]
    one = rates.get(1)
    checks = []
    if one is not None:
        checks.append(f">={TARGET_ARTICLES_PER_S:g}/s {verdict(one >= TARGET_ARTICLES_PER_S)}")
        more = [r for w, r in rates.items() if w > 1]
        if more:
            checks.append(f"more with 2 {verdict(max(more) > one)}")
    lat = next((p.latency for p in phases if p.latency is not None), None)
    if lat is not None and lat.webhook is not None:
        w = lat.webhook
        parts.append(
            f"webhook p50/p95/p99 {w.p50:.2f}/{w.p95:.2f}/{w.p99:.2f} s "
            f"at {lat.offered_per_s:.0f}/s"
        )
        checks.append(f"p99<{TARGET_P99_S:g}s {verdict(w.p99 < TARGET_P99_S)}")
    if extract is not None:
        parts.append(f"extraction {extract.ratio:.2f}x spaCy")
    worker_peak = max(
        (mb for p in phases for n, mb in p.peak_rss_mb.items() if n.startswith("worker")),
        default=None,
    )
    if worker_peak is not None:
        parts.append(f"worker peak {worker_peak:,.0f} MB")
    parts.append(f"load {machine.load_before:.1f}->{machine.load_after:.1f} on {machine.cpus} CPUs")
    return f"bench e2e: {'; '.join(parts)} | targets: {', '.join(checks) or 'n/a'}"
