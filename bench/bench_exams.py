"""Benchmark of an exam sitting at scale: candidates saving answers and handing in.

    .venv/bin/python bench/bench_exams.py [--candidates 500] [--questions 20]
    DATABASE_URL=postgresql:///fazhi_exams_bench .venv/bin/python bench/bench_exams.py

On SQLite it works in a fresh temporary FAZHI_VAR_DIR. With DATABASE_URL it adds its rows to
that database (a run prefix keeps them apart): point it at a scratch database only.

Setup (not timed): a bank of 4 × `--questions` questions, one exam whose blueprint draws
`--questions` of them, `--candidates` people on its roster, each with an account. Then, for
every candidate in turn, through the test client as that candidate: start the sitting (the
paper drawn and recorded), save every answer through the page's answer endpoint (what htmx
posts on each change), and hand in (graded at once). Reported: p50/p95 of one answer save, of
starting a sitting and of handing in with grading, and the query count of each.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def report(label: str, samples: list[float], queries: int) -> None:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(
        f"{label:<34} n {len(samples):>6}   p50 {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms"
        f"   queries {queries}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--candidates", type=int, default=500)
    parser.add_argument("--questions", type=int, default=20, help="questions per paper (a multiple of 4)")
    args = parser.parse_args()

    os.environ.setdefault("FAZHI_VAR_DIR", tempfile.mkdtemp(prefix="fazhi-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()

    from decimal import Decimal

    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from fazhi.core.models import Organization, User
    from fazhi.core.roles import Role
    from fazhi.learning import actions
    from fazhi.learning.models import Attempt, Employee, Question

    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    run = timezone.now().strftime("%H%M%S")

    bureau, _ = Organization.objects.get_or_create(
        name="天津市科学技术局", defaults={"code": "tjkjj", "kind": "agency"}
    )
    division, _ = Organization.objects.get_or_create(
        name="人事处", defaults={"code": "bench-rsc", "kind": "division", "parent": bureau}
    )
    personnel = User.objects.create_user(username=f"bench-personnel-{run}", organization=division)
    personnel.groups.add(Group.objects.get(name=Role.PERSONNEL.value))
    per_kind = args.questions // 4
    for i in range(per_kind * 4):
        for kind, options, answer in (
            ("single", ["甲", "乙", "丙", "丁"], "B"),
            ("multiple", ["甲", "乙", "丙", "丁"], "AC"),
            ("true_false", [], "对"),
            ("fill", [], "九十|90"),
        ):
            actions.create_question(
                actor=personnel,
                code=f"B{run}{kind[:2]}{i}",
                kind=kind,
                category="administrative",
                stem=f"{kind} {i}",
                options=options,
                answer=answer,
            )
    now = timezone.now()
    exam = actions.create_exam(
        actor=personnel,
        title=f"压力测试考试 {run}",
        kind="annual",
        year=now.year,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
        time_limit_minutes=120,
        blueprint=[
            actions.BlueprintSpec("administrative", k, per_kind, Decimal(5))
            for k in ("single", "multiple", "true_false", "fill")
        ],
    )
    staff = Group.objects.get(name=Role.DIVISION_STAFF.value)
    people = []
    for i in range(args.candidates):
        user = User.objects.create_user(
            username=f"bench-{run}-{i}", organization=division, full_name=f"考生{i}"
        )
        user.groups.add(staff)
        people.append(Employee.objects.create(full_name=f"考生{i}", unit=f"单位{run}", user=user))
    actions.add_candidates(exam, people, actor=personnel)
    answers = {
        q.pk: (q.accepted()[0] if q.kind == "fill" else q.answer)
        # The pool holds every usable question of the lines, an earlier run's too.
        for q in Question.objects.filter(pk__in=[i for ids in exam.pool.values() for i in ids])
    }
    print(f"setup: {args.candidates} candidates, papers of {args.questions} questions")

    starts: list[float] = []
    saves: list[float] = []
    submits: list[float] = []
    q_start = q_save = q_submit = 0
    client = Client()
    for n, person in enumerate(people):
        client.force_login(person.user)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.post(f"/work/learning/exams/{exam.pk}/start/")
            starts.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 302, response.status_code
        q_start = len(ctx)
        attempt = Attempt.objects.get(exam=exam, employee=person)
        for qid in attempt.question_ids:
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                response = client.post(
                    f"/work/learning/attempts/{attempt.pk}/answer/{qid}/",
                    {f"q-{qid}": answers[qid]},
                    HTTP_HX_REQUEST="true",
                )
                saves.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200 and "已保存" in response.content.decode(), response.content
            q_save = len(ctx)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.post(f"/work/learning/attempts/{attempt.pk}/submit/")
            submits.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 302
        q_submit = len(ctx)
        if (n + 1) % 100 == 0:
            print(f"  {n + 1} candidates done")
    graded = Attempt.objects.filter(exam=exam, passed=True).count()
    print(f"graded and passed: {graded} / {args.candidates}")
    report("start a sitting (draw the paper)", starts, q_start)
    report("save one answer (htmx endpoint)", saves, q_save)
    report("hand in and grade", submits, q_submit)


if __name__ == "__main__":
    main()
