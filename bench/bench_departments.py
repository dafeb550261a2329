"""Benchmark of one installation for a whole city (issue 12): 50 departments and 100,000
published normative documents. Do a department's figures and the portal's lists stay within
the times of a single agency holding the same library?

    .venv/bin/python bench/bench_departments.py [--departments 50] [--documents 100000]
    .venv/bin/python bench/bench_departments.py --small        # a quick check: 10 × 5,000
    DATABASE_URL=postgresql:///fazhi_departments_bench .venv/bin/python bench/bench_departments.py

On SQLite it works in a fresh temporary FAZHI_VAR_DIR (or --var-dir, kept). With DATABASE_URL it
uses that database as it is and EMPTIES its normative-document tables first: point it at a
scratch database only.

The library is bench_library.py's (synthetic Chinese titles and bodies, bulk-created with
their search fields; the database's triggers keep the index), with filings for 85 % of the
documents. Two phases of the same run, on the same rows:

1. single agency: every document belongs to one department (as before issue 12);
2. city: the same documents spread over the departments (document i to department i mod N,
   each department with its own division), by two UPDATEs per department.

Measured in each phase: the city overview's figures (`core.figures.compute` of the keys of
`core.views.city.CITY_FIGURES`) for one department — in phase 1 the only one, in phase 2 each
department in turn (p50, p95) — and the whole overview table (every department) in phase 2;
the floor of a figure, the bare count of a department's documents of the year in SQL; the
public list /policies/ and, in phase 2, /policies/?dept=<code> through the test client (p50,
p95, query count). Not part of the test suite.

A run on SQLite (2 shared cores, 50 departments, 100,000 documents, 2026-12-07):

    phase 1: every document in one department
    the department figures (one department)           710.1 ms   floor 83.1 ms
    /policies/                                        179.6 ms    215.4 ms     6 queries
    phase 2: the documents spread over 50 departments
    the department figures (each department)          392.3 ms    439.7 ms   floor p50 71.0 ms
    the city overview table (every department)      18206.7 ms   50 rows
    /policies/                                        138.7 ms    215.6 ms     6 queries
    /policies/?dept=bench-d25                         148.6 ms    179.9 ms     6 queries

A department's figures and both lists stay within the single agency's times; the overview of
every department is 50 × 12 figures computed one by one (seconds), so the page keeps its table
for up to ten minutes (`core.views.city.kept_rows`). (That run's documents app did not yet read
`?dept=`: the filtered list then shows every department.)
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
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from bench_library import make_body, make_title, ms, percentile, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20, help="requests of each list page")
    parser.add_argument("--small", action="store_true", help="a quick check: 10 departments, 5,000 documents")
    parser.add_argument("--var-dir", help="SQLite: use (and keep) this FAZHI_VAR_DIR")
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress as it comes
    if args.small:
        args.departments, args.documents, args.runs = 10, 5_000, 5

    var_dir = args.var_dir or tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ["FAZHI_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    os.environ.setdefault("FAZHI_PUBLIC_CACHE", "0")  # time the pages, not the cache
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from fazhi.core import figures
    from fazhi.core.models import DeadlineRule, Organization, User
    from fazhi.core.views.city import columns, department_rows
    from fazhi.documents.models import Filing, NormativeDocument, ValidityEvent
    from fazhi.documents.search import search_fields

    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}), var dir {var_dir}")
    print(f"{args.departments} departments, {args.documents:,} published documents")
    today = timezone.localdate()
    year = today.year
    rng = random.Random(args.seed)
    doc_table = NormativeDocument._meta.db_table

    # --- build ----------------------------------------------------------------------------------
    with connection.cursor() as cursor:
        for model in (Filing, ValidityEvent, NormativeDocument):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")
    justice, _ = Organization.objects.get_or_create(
        code="bench-sfj", defaults={"name": "市司法局（基准）", "kind": "justice_bureau"}
    )
    departments: list[tuple[Organization, Organization]] = []
    for n in range(args.departments):
        agency, _ = Organization.objects.get_or_create(
            code=f"bench-d{n:02d}",
            defaults={
                "name": f"基准部门{n:02d}",
                "short_name": f"部门{n:02d}",
                "kind": "agency",
                "sort_order": n,
                "filing_authority": justice,
            },
        )
        division, _ = Organization.objects.get_or_create(
            code=f"bench-d{n:02d}-fg",
            defaults={"name": "政策法规处", "kind": "division", "parent": agency, "is_legal_affairs": True},
        )
        departments.append((agency, division))
    author, _ = User.objects.get_or_create(username="bench-drafter", defaults={"full_name": "张起草"})
    filing_rule = DeadlineRule.objects.filter(code="document.filing").order_by("-version").first()
    first_agency, first_division = departments[0]
    years = list(range(2010, year + 1))
    per_year = args.documents // len(years)
    batch: list[NormativeDocument] = []
    filings: list[tuple[int, datetime.date, datetime.date]] = []
    count = 0
    for y in years:
        n_year = per_year + (args.documents - per_year * len(years) if y == years[-1] else 0)
        last_day = min(datetime.date(y, 12, 31), today)
        span = (last_day - datetime.date(y, 1, 1)).days
        for seq, offset in enumerate(sorted(rng.randint(0, span) for _ in range(n_year)), 1):
            published_on = datetime.date(y, 1, 1) + datetime.timedelta(days=offset)
            title = make_title(rng)
            number = f"基准规〔{y}〕{seq}号"
            body = make_body(rng, title)
            batch.append(
                NormativeDocument(
                    title=title,
                    agency=first_agency,
                    division=first_division,
                    created_by=author,
                    status=NormativeDocument.Status.PUBLISHED,
                    number=number,
                    signed_by="主要负责人",
                    issued_on=published_on,
                    published_on=published_on,
                    effective_on=published_on,
                    expires_on=published_on.replace(
                        year=published_on.year + 5, day=min(published_on.day, 28)
                    ),
                    body=body,
                    **search_fields(title, number, body),
                )
            )
            if rng.random() < 0.85:
                filings.append(
                    (count, published_on + datetime.timedelta(days=rng.randint(1, 40)), published_on)
                )
            count += 1
    start = time.perf_counter()
    with transaction.atomic():
        for i in range(0, len(batch), 2000):
            NormativeDocument.objects.bulk_create(batch[i : i + 2000])
        ids = list(NormativeDocument.objects.order_by("pk").values_list("pk", flat=True))
        Filing.objects.bulk_create(
            [
                Filing(
                    document_id=ids[index],
                    authority=justice,
                    status=Filing.Status.FILED,
                    submitted_on=submitted,
                    due_on=published + datetime.timedelta(days=30),
                    due_rule=filing_rule,
                    submitted_by=author,
                    decided_on=submitted,
                )
                for index, submitted, published in filings
            ],
            batch_size=5000,
        )
    print(f"{'bulk-created (documents, filings, index)':<52} {time.perf_counter() - start:>8.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    shown = columns()
    print(f"figures of the city overview: {len(shown)} ({', '.join(f.key for f in shown)})")
    client = Client()

    def department_figures(agency: Organization) -> None:
        for figure in shown:
            figures.compute(figure.key, agency, year)

    def floor(agency: Organization) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {doc_table} WHERE agency_id = %s AND published_on >= %s AND published_on <= %s",
                [agency.pk, datetime.date(year, 1, 1), datetime.date(year, 12, 31)],
            )
            return int(cursor.fetchone()[0])

    def page_times(url: str) -> tuple[float, float, int]:
        client.get(url)  # warm
        times = []
        queries = 0
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as captured:
                t, response = timed(lambda: client.get(url))
            assert response.status_code == 200, (url, response.status_code)
            times.append(t)
            queries = len(captured.captured_queries)
        return percentile(times, 50), percentile(times, 95), queries

    results: dict[str, Any] = {}

    # --- phase 1: a single agency ---------------------------------------------------------------
    print("\nphase 1: every document in one department")
    runs = [timed(lambda: department_figures(first_agency))[0] for _ in range(5)]
    floors = [timed(lambda: floor(first_agency))[0] for _ in range(5)]
    results["single figures"] = statistics.median(runs)
    print(
        f"{'the department figures (one department)':<52}{ms(statistics.median(runs)):>12}   floor {ms(statistics.median(floors))}"
    )
    p50, p95, q = page_times("/policies/")
    results["single list"] = (p50, p95)
    print(f"{'/policies/':<52}{ms(p50):>12}{ms(p95):>12}{q:>6} queries")

    # --- phase 2: the city ----------------------------------------------------------------------
    start = time.perf_counter()
    n = len(departments)
    with transaction.atomic(), connection.cursor() as cursor:
        for k, (agency, division) in enumerate(departments[1:], 1):
            cursor.execute(
                f"UPDATE {doc_table} SET agency_id = %s, division_id = %s WHERE id %% %s = %s",
                [agency.pk, division.pk, n, k],
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"\nphase 2: the documents spread over {n} departments ({time.perf_counter() - start:.1f} s)")
    per_department = []
    per_floor = []
    for agency, _division in departments:
        per_department.append(timed(lambda agency=agency: department_figures(agency))[0])
        per_floor.append(timed(lambda agency=agency: floor(agency))[0])
    print(
        f"{'the department figures (each department)':<52}{ms(percentile(per_department, 50)):>12}"
        f"{ms(percentile(per_department, 95)):>12}   floor p50 {ms(percentile(per_floor, 50))}"
    )
    t_table, rows = timed(lambda: department_rows(year))
    print(f"{'the city overview table (every department)':<52}{ms(t_table):>12}   {len(rows)} rows")
    p50_all, p95_all, q_all = page_times("/policies/")
    print(f"{'/policies/':<52}{ms(p50_all):>12}{ms(p95_all):>12}{q_all:>6} queries")
    code = departments[n // 2][0].code
    p50_dept, p95_dept, q_dept = page_times(f"/policies/?dept={code}")
    print(f"{'/policies/?dept=' + code:<52}{ms(p50_dept):>12}{ms(p95_dept):>12}{q_dept:>6} queries")

    single = results["single figures"]
    _single_p50, single_p95 = results["single list"]
    print("\nagainst the single agency:")
    print(
        f"{'  a department figures p95 / single agency':<52}{percentile(per_department, 95) / single:>11.2f}×"
    )
    print(f"{'  /policies/ p95 / single agency':<52}{p95_all / single_p95:>11.2f}×")
    print(f"{'  /policies/?dept= p95 / single agency /policies/':<52}{p95_dept / single_p95:>11.2f}×")


if __name__ == "__main__":
    main()
