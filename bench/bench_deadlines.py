"""Benchmark: compute many deadlines from the rule book and the working-day calendar.

    .venv/bin/python bench/bench_deadlines.py [--n 100000] [--seed 2026]

Sets up Django against a fresh SQLite database in a temporary directory (migrations seed the
calendar and the rule book), then computes N deadlines with mixed rules and random start
days in 2020–2026, twice: each call on its own (one query for the rule, one per calendar year
touched — what a single page or API call does) and all inside one `deadline_cache()` (what a
list page or batch job should do). Prints total seconds, µs per deadline and p50/p95/p99.
Deadlines that run into 2027, which the calendar does not cover yet, raise
CalendarNotCovered; they are counted and timed like the others. Not part of the test run.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path


def setup_django(var_dir: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["FAZHI_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def percentile(sorted_values: list[float], p: float) -> float:
    index = min(len(sorted_values) - 1, round(p / 100 * (len(sorted_values) - 1)))
    return sorted_values[index]


def run(label: str, jobs: list[tuple[datetime.date, str]], shared: bool) -> None:
    from contextlib import nullcontext

    from fazhi.core.calendar import CalendarNotCovered, compute_deadline, deadline_cache

    timings: list[float] = []
    uncovered = 0
    context = deadline_cache() if shared else nullcontext()
    started = time.perf_counter()
    with context:
        for start, code in jobs:
            t0 = time.perf_counter_ns()
            try:
                compute_deadline(start, code)
            except CalendarNotCovered:
                uncovered += 1
            timings.append((time.perf_counter_ns() - t0) / 1000)
    total = time.perf_counter() - started
    timings.sort()
    print(
        f"{label:<28} total {total:7.2f} s   {total / len(jobs) * 1e6:8.1f} µs/deadline   "
        f"p50 {percentile(timings, 50):7.1f} µs   p95 {percentile(timings, 95):7.1f} µs   "
        f"p99 {percentile(timings, 99):7.1f} µs   mean {statistics.fmean(timings):7.1f} µs   "
        f"(uncovered year: {uncovered})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as var_dir:
        t0 = time.perf_counter()
        setup_django(var_dir)
        print(f"setup (migrate + seed): {time.perf_counter() - t0:.2f} s")

        from fazhi.core.models import CalendarDay, DeadlineRule

        codes = sorted(set(DeadlineRule.objects.values_list("code", flat=True)))
        print(f"{len(codes)} rules, {CalendarDay.objects.count()} calendar exception days, N = {args.n}")
        rng = random.Random(args.seed)
        first, last = datetime.date(2020, 1, 1).toordinal(), datetime.date(2026, 12, 31).toordinal()
        jobs = [
            (datetime.date.fromordinal(rng.randint(first, last)), rng.choice(codes)) for _ in range(args.n)
        ]

        run("each call on its own", jobs, shared=False)
        run("one deadline_cache()", jobs, shared=True)


if __name__ == "__main__":
    main()
