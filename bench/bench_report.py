"""Benchmark of the annual report's figures over large data.

    .venv/bin/python bench/bench_report.py [--documents 100000] [--cases 20000] [--entities 1000000]
    DATABASE_URL=postgresql:///fazhi_report_bench .venv/bin/python bench/bench_report.py

On SQLite it works in a fresh temporary FAZHI_VAR_DIR. With DATABASE_URL it EMPTIES the
documents, enforcement, inspection and report tables of that database first: point it at a
scratch database only.

The records are bulk-created (no audit events: acceptable for a benchmark only), with COPY on
PostgreSQL and bulk_create on SQLite, 2021–2026:
normative documents (nine in ten filed), enforcement cases (a third decided, some major), and an
inspection registry with one plan a year inspecting 3 % of the entities. Then a report of 2023
uses every registered figure, and the benchmark prints, per figure, the time and the number of
SQL queries of its function (registry.compute) and of hashing its records (the snapshot's
SHA-256 of their canonical JSON), then the time and queries of a whole generation. No figure may
issue a query per record: the query counts must not grow with the data.

Measured at the full size on 2 shared cores (load average 11–16), the whole generation of the
75 figures: 24.7 s and 124 queries on SQLite, 30.2 s and 123 queries on PostgreSQL 15; the
largest figure (30,000 units inspected) 0.5–0.7 s in one query plus 2.3–3.4 s hashing its
records in six. The per-figure table is in README.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BATCH = 5000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()

    os.environ.setdefault("FAZHI_VAR_DIR", tempfile.mkdtemp(prefix="fazhi-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()

    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from fazhi.core import figures as registry
    from fazhi.core.models import DeadlineRule, Domain, Organization, User
    from fazhi.core.roles import Role
    from fazhi.core.uscc import check_character
    from fazhi.documents.models import Filing, NormativeDocument
    from fazhi.enforcement.models import CaseRecord, EnforcementCase
    from fazhi.inspections.models import Entity, InspectionItem, InspectionPlan, InspectionTask
    from fazhi.reports import actions, snapshots
    from fazhi.reports.models import AnnualReport, Part

    def insert(model: Any, objs: Iterable[Any]) -> None:
        """Bulk insert: COPY on PostgreSQL (bulk INSERTs of a million rows take minutes there),
        bulk_create in batches elsewhere."""
        if connection.vendor != "postgresql":
            batch: list[Any] = []
            for obj in objs:
                batch.append(obj)
                if len(batch) == BATCH:
                    model.objects.bulk_create(batch)
                    batch = []
            model.objects.bulk_create(batch)
            return
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for obj in objs:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])

    def empty(*models: Any) -> None:
        """Delete every row without fetching them (the collector would read a million ids)."""
        for model in models:
            queryset = model.objects.all()
            queryset._raw_delete(queryset.db)

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    rng = random.Random(args.seed)
    day0 = datetime.date(2021, 1, 4)

    def day() -> datetime.date:
        return day0 + datetime.timedelta(days=rng.randrange(2150))

    started = lapped = time.perf_counter()

    def lap(what: str) -> None:
        nonlocal lapped
        now = time.perf_counter()
        print(f"  {what}: {now - lapped:.1f} s", flush=True)
        lapped = now

    with transaction.atomic():
        AnnualReport.objects.all().delete()
        empty(
            InspectionTask,
            InspectionPlan,
            Entity,
            CaseRecord,
            EnforcementCase.officers.through,
            EnforcementCase,
            Filing,
            NormativeDocument,
        )
        bureau, _ = Organization.objects.get_or_create(
            code="bench-bureau", defaults={"name": "基准局", "kind": "agency"}
        )
        division, _ = Organization.objects.get_or_create(
            code="bench-division", defaults={"name": "基准处", "kind": "division", "parent": bureau}
        )
        justice, _ = Organization.objects.get_or_create(
            code="bench-justice", defaults={"name": "基准司法局", "kind": "justice_bureau"}
        )
        reviewer, _ = User.objects.get_or_create(
            username="bench-reviewer", defaults={"organization": division}
        )
        reviewer.groups.add(Group.objects.get(name=Role.LEGAL_REVIEWER.value))
        filing_rule = DeadlineRule.objects.filter(code="document.filing").order_by("-version").first()

        insert(
            NormativeDocument,
            (
                NormativeDocument(
                    title=f"基准文件{n}",
                    agency=bureau,
                    division=division,
                    created_by=reviewer,
                    published_on=day(),
                )
                for n in range(args.documents)
            ),
        )
        published = (
            NormativeDocument.objects.filter(agency=bureau).order_by("pk").values_list("pk", "published_on")
        )
        filings = []
        for doc_id, published_on in published:
            if published_on is not None and rng.random() < 0.9:
                filed = published_on + datetime.timedelta(days=rng.randrange(1, 40))
                filings.append(
                    Filing(
                        document_id=doc_id,
                        authority=justice,
                        submitted_on=filed,
                        due_on=published_on + datetime.timedelta(days=30),
                        due_rule=filing_rule,
                        submitted_by=reviewer,
                    )
                )
        insert(Filing, filings)
        lap("documents and filings")

        cases = []
        for n in range(args.cases):
            filed = day()
            decided = filed + datetime.timedelta(days=rng.randrange(10, 80)) if rng.random() < 0.33 else None
            cases.append(
                EnforcementCase(
                    agency=bureau,
                    serial=n + 1,
                    title=f"基准案件{n}",
                    division=division,
                    party_name="某公司",
                    party_kind=EnforcementCase.PartyKind.ORGANIZATION,
                    facts="事实",
                    discovered_on=filed,
                    filed_on=filed,
                    filed_by=reviewer,
                    decided_on=decided,
                    outcome=EnforcementCase.Outcome.PENALTY if decided else "",
                    major_grounds=["hearing"] if decided and rng.random() < 0.1 else [],
                    published_on=decided + datetime.timedelta(days=5) if decided else None,
                    publicity_due_on=decided + datetime.timedelta(days=7) if decided else None,
                )
            )
        insert(EnforcementCase, cases)
        lap("enforcement cases")

        domains = [Domain.LAB_ANIMALS, Domain.HUMAN_GENETIC_RESOURCES]

        def entities() -> Iterator[Any]:
            for n in range(args.entities):
                first17 = f"91120104MA{n:07d}"
                yield Entity(
                    agency=bureau,
                    name=f"基准单位{n}",
                    uscc=first17 + check_character(first17),
                    legal_representative="甲",
                    address="天津",
                    domain=domains[n % 2],
                )

        insert(Entity, entities())
        lap("inspection entities")
        item = InspectionItem.objects.create(
            agency=bureau,
            name="基准事项",
            legal_basis="条例",
            inspecting_body="基准局",
            method="现场",
            domain=Domain.LAB_ANIMALS,
        )
        ids = list(Entity.objects.values_list("pk", flat=True))
        for year in range(2021, 2027):
            plan = InspectionPlan.objects.create(
                agency=bureau,
                title=f"{year}基准计划",
                year=year,
                item=item,
                draw_on=datetime.date(year, 4, 1),
                created_by=reviewer,
                status=InspectionPlan.Status.DRAWN,
            )
            chosen = rng.sample(ids, max(1, len(ids) * 3 // 100))
            insert(
                InspectionTask,
                (
                    InspectionTask(
                        plan=plan,
                        entity_id=pk,
                        stratum="基准",
                        sequence=i,
                        status=InspectionTask.Status.PUBLISHED,
                        result=InspectionTask.Result.NO_PROBLEM,
                        publicity_due_on=datetime.date(year, 12, 31),
                        published_on=datetime.date(year, 12, 20),
                    )
                    for i, pk in enumerate(chosen)
                ),
            )
        lap("inspection plans and tasks")
    if connection.vendor == "postgresql":
        # As autovacuum would in service: the planner's statistics of the new rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        lap("ANALYZE")
    print(
        f"created {args.documents} documents, {args.cases} cases, {args.entities} entities "
        f"in {time.perf_counter() - started:.1f} s"
    )

    keys = [f.key for f in registry.all_figures()]
    report = actions.create_report(actor=reviewer, agency=bureau, year=args.year)
    section = report.sections.get(part=Part.MEASURES)
    actions.edit_section(
        section, actor=reviewer, heading="数字", text="".join(f"{{{{{k}}}}}\n" for k in keys)
    )

    print(f"\n{'figure':<46}{'value':>10}{'records':>10}{'ms':>9}{'queries':>9}{'hash ms':>9}{'hash q':>8}")
    for key in keys:
        with CaptureQueriesContext(connection) as compute_q:
            t0 = time.perf_counter()
            result = registry.compute(key, bureau, args.year)
            compute_ms = (time.perf_counter() - t0) * 1000
        refs = [(r.model, r.pk) for r in result.records]
        with CaptureQueriesContext(connection) as hash_q:
            t0 = time.perf_counter()
            snapshots.records_sha256(refs)
            hash_ms = (time.perf_counter() - t0) * 1000
        print(
            f"{key:<46}{result.value!s:>10}{len(refs):>10}{compute_ms:>9.1f}{len(compute_q):>9}"
            f"{hash_ms:>9.1f}{len(hash_q):>8}"
        )
    with CaptureQueriesContext(connection) as gen_q:
        t0 = time.perf_counter()
        actions.generate_figures(report, actor=reviewer)
        gen_s = time.perf_counter() - t0
    print(f"\nwhole generation ({len(keys)} figures): {gen_s:.2f} s, {len(gen_q)} queries")


if __name__ == "__main__":
    main()
