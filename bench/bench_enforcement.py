"""Benchmark of the enforcement pages over many cases.

    .venv/bin/python bench/bench_enforcement.py [--cases 20000] [--runs 30]
    DATABASE_URL=postgresql:///fazhi_enforcement_bench .venv/bin/python bench/bench_enforcement.py

On SQLite it works in a fresh temporary FAZHI_VAR_DIR. With DATABASE_URL it EMPTIES the
enforcement tables of that database first: point it at a scratch database only.

The cases are bulk-created (no audit events: acceptable for a benchmark only), 2021–2026, in
every status, each with two of 60 officers, a third of them decided and published. Measured
through the test client, p50/p95 and the query count: the case list of an officer (their own
cases, through the officers join) and of the director (all), with a status filter; the case
page; the dashboard with the enforcement worklist; the public publicity page, rendered (its
cache off), rendered with the year's figures kept since the last publication (another page of
the list each time), and served from the public pages' cache; and the yearly figures
(`stats.year_figures`).
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
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(
    label: str, runs: int, call: Callable[[], object], queries: Callable[[], int] | None = None
) -> None:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    extra = f"   queries {queries()}" if queries else ""
    print(f"{label:<44} p50 {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()

    os.environ.setdefault("FAZHI_VAR_DIR", tempfile.mkdtemp(prefix="fazhi-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()

    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.models import DeadlineRule, Inspector, Organization, User
    from fazhi.core.roles import Role
    from fazhi.enforcement.models import CaseRecord, EnforcementCase
    from fazhi.enforcement.stats import year_figures

    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    rng = random.Random(args.seed)
    S, O = EnforcementCase.Status, EnforcementCase.Outcome  # noqa: E741

    started = time.perf_counter()
    with transaction.atomic():
        CaseRecord.objects.all().delete()
        EnforcementCase.officers.through.objects.all().delete()
        EnforcementCase.objects.all().delete()
        bureau, _ = Organization.objects.get_or_create(
            code="bench-bureau", defaults={"name": "基准局", "kind": "agency"}
        )
        division, _ = Organization.objects.get_or_create(
            code="bench-division", defaults={"name": "基准处", "kind": "division", "parent": bureau}
        )
        officers_group = Group.objects.get(name=Role.ENFORCEMENT_OFFICER.value)
        users = []
        for i in range(60):
            user, _ = User.objects.get_or_create(
                username=f"bench-officer-{i}", defaults={"full_name": f"执法{i}", "organization": division}
            )
            user.groups.add(officers_group)
            users.append(user)
        director, _ = User.objects.get_or_create(username="bench-director", defaults={"organization": bureau})
        director.groups.add(Group.objects.get(name=Role.LEADERSHIP.value))
        inspectors = []
        for i, user in enumerate(users):
            inspector, _ = Inspector.objects.get_or_create(
                certificate_number=f"BENCH{i:05d}",
                defaults={
                    "name": user.full_name,
                    "certificate_expires_on": datetime.date(2030, 12, 31),
                    "user": user,
                },
            )
            inspectors.append(inspector)
        rule = DeadlineRule.objects.filter(code="enforcement.decision_max").order_by("-version").first()
        publicity = (
            DeadlineRule.objects.filter(code="enforcement.publicity_penalty").order_by("-version").first()
        )
        statuses = [
            S.INVESTIGATING,
            S.NOTIFIED,
            S.DECIDED,
            S.SERVED,
            S.EXECUTED,
            S.CLOSED,
            S.CLOSED,
            S.CLOSED,
        ]
        cases = []
        for n in range(args.cases):
            filed = datetime.date(2021, 1, 4) + datetime.timedelta(days=rng.randrange(2170))
            status = rng.choice(statuses)
            decided = (
                filed + datetime.timedelta(days=rng.randrange(10, 80))
                if status not in (S.INVESTIGATING, S.NOTIFIED)
                else None
            )
            published = (
                decided + datetime.timedelta(days=rng.randrange(1, 9))
                if decided and rng.random() < 0.9
                else None
            )
            cases.append(
                EnforcementCase(
                    agency=bureau,
                    serial=n + 1,
                    title=f"基准案件{n}：未取得许可从事实验动物生产",
                    division=division,
                    party_name=f"天津某公司{n}" if n % 5 else f"王某{n}",
                    party_kind="organization" if n % 5 else "person",
                    facts="检查发现" * 20,
                    discovered_on=filed,
                    filed_on=filed,
                    filed_by=users[n % len(users)],
                    status=status,
                    decision_due_on=filed + datetime.timedelta(days=90),
                    decision_rule=rule,
                    decided_on=decided,
                    outcome=O.PENALTY if decided else "",
                    decision_text="罚款" if decided else "",
                    decision_number=f"津科罚〔{decided.year}〕{n}号" if decided else "",
                    publicity_due_on=decided + datetime.timedelta(days=9) if decided else None,
                    publicity_rule=publicity if decided else None,
                    published_on=published,
                )
            )
        EnforcementCase.objects.bulk_create(cases, batch_size=2000)
        through = EnforcementCase.officers.through
        links = []
        for case in EnforcementCase.objects.only("pk"):
            a, b = rng.sample(inspectors, 2)
            links += [
                through(enforcementcase_id=case.pk, inspector_id=a.pk),
                through(enforcementcase_id=case.pk, inspector_id=b.pk),
            ]
        through.objects.bulk_create(links, batch_size=5000)
    print(f"built {args.cases} cases in {time.perf_counter() - started:.1f} s")

    officer, client_officer, client_director, anonymous = users[0], Client(), Client(), Client()
    client_officer.force_login(officer)
    client_director.force_login(director)
    own = EnforcementCase.objects.visible_to(officer).count()
    print(f"the officer is on {own} cases; the director sees {EnforcementCase.objects.count()}")
    sample = EnforcementCase.objects.visible_to(officer).order_by("pk").first()
    assert sample is not None

    def page(client: Client, url: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return get

    def count_queries(call: Callable[[], object]) -> Callable[[], int]:
        def run() -> int:
            with CaptureQueriesContext(connection) as ctx:
                call()
            return len(ctx.captured_queries)

        return run

    # Rendered every time first (the public pages' cache off: what a request costs after a
    # publication renewed it), then served from the cache as a visitor mostly gets them.
    settings.FAZHI_PUBLIC_CACHE = False
    for label, call in [
        ("officer: /work/enforcement/", page(client_officer, "/work/enforcement/")),
        ("director: /work/enforcement/", page(client_director, "/work/enforcement/")),
        (
            "director: /work/enforcement/?status=notified",
            page(client_director, "/work/enforcement/?status=notified"),
        ),
        ("officer: the case page", page(client_officer, f"/work/enforcement/{sample.pk}/")),
        ("officer: /work/ (worklist)", page(client_officer, "/work/")),
        ("public: /enforcement/", page(anonymous, "/enforcement/")),
        ("public: /enforcement/?year=2024", page(anonymous, "/enforcement/?year=2024")),
        ("stats.year_figures(2025)", lambda: year_figures(2025)),
    ]:
        timed(label, args.runs, call, count_queries(call))
    settings.FAZHI_PUBLIC_CACHE = True
    pages = iter(range(2, 10**6))

    def next_page() -> object:
        # A page not yet in the cache, its years and figures kept since the last publication.
        response = anonymous.get(f"/enforcement/?page={next(pages)}")
        assert response.status_code == 200
        return response

    anonymous.get("/enforcement/?page=1")
    for label, call in [
        ("public, figures kept: /enforcement/?page=N", next_page),
        ("public, cached: /enforcement/", page(anonymous, "/enforcement/")),
        ("public, cached: /enforcement/?year=2024", page(anonymous, "/enforcement/?year=2024")),
    ]:
        timed(label, args.runs, call, count_queries(call))


if __name__ == "__main__":
    main()
