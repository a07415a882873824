"""Reading /proc for the benchmark (CPU time, peak memory) and building its corpus, from text."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from schemas.articles import Article
from services.bench.e2e_corpus import build_corpus, publication_date
from services.bench.e2e_proc import CpuMeter, cpu_ticks, machine_ticks, vm_hwm_mb

STATUS = "Name:\tpython3\nVmPeak:\t  900000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  100000 kB\n"
# Field 2 holds a space and a ')', as a command name may.
STAT = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 500 0 0 0 1250 250 0 0 20 0 3 0 99 0 0"


def test_peak_memory_is_vmhwm_in_megabytes() -> None:
    assert vm_hwm_mb(STATUS) == 200.0
    assert vm_hwm_mb("Name:\tzombie\n") is None


def test_cpu_ticks_are_user_plus_system_after_the_command_name() -> None:
    assert cpu_ticks(STAT) == 1250 + 250


def test_machine_ticks_count_idle_and_iowait_as_not_busy() -> None:
    line = "cpu  100 5 45 800 50 0 0 0 0 0\ncpu0 50 2 20 400 25 0 0 0 0 0\n"
    assert machine_ticks(line) == (150, 1000)


def test_cpu_meter_reports_what_each_process_used_between_start_and_stop(tmp_path: Path) -> None:
    (tmp_path / "7").mkdir()
    stat = tmp_path / "7" / "stat"
    stat.write_text("7 (worker) R " + " ".join(["0"] * 10) + " 100 50 0")
    (tmp_path / "stat").write_text("cpu  100 0 0 900 0 0 0 0\n")
    meter = CpuMeter({"worker": 7, "gone": 99}, proc=tmp_path)
    stat.write_text("7 (worker) R " + " ".join(["0"] * 10) + " 400 150 0")
    (tmp_path / "stat").write_text("cpu  300 0 0 1000 0 0 0 0\n")
    use = meter.stop()
    assert set(use.seconds) == {"worker"}  # a process that is gone is left out
    assert use.seconds["worker"] == pytest.approx((550 - 150) / os.sysconf("SC_CLK_TCK"))
    assert use.machine_busy == 200 / 300


def seed(article_id: str, published: datetime | None) -> Article:
    return Article(id=article_id, title="T", text="Body text.", published_at=published)


def test_corpus_repeats_seeds_under_fresh_ids_moved_forward() -> None:
    dated = seed("harbour-1", datetime(2022, 3, 14, 11, tzinfo=UTC))
    undated = seed("2022-03-18-capital-wire-gas", None)
    corpus = build_corpus([dated, undated], 5, tag="t", shift=timedelta(days=10))
    assert [a.id for a in corpus] == [
        "bench-t-0-harbour-1",
        "bench-t-0-2022-03-18-capital-wire-gas",
        "bench-t-1-harbour-1",
        "bench-t-1-2022-03-18-capital-wire-gas",
        "bench-t-2-harbour-1",
    ]
    assert corpus[2].published_at == datetime(2022, 3, 24, 11, tzinfo=UTC)
    assert corpus[3].published_at == datetime(2022, 3, 28, 12, tzinfo=UTC)  # date from the id
    assert all(a.text == "Body text." for a in corpus)


def test_an_undated_seed_without_a_date_in_its_id_gets_a_fixed_date() -> None:
    assert publication_date(seed("plain", None)) == datetime(2022, 3, 14, 12, tzinfo=UTC)
