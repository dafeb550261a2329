"""Benchmark of the verifiable draw `fazhi-draw-v1` (DOMAIN.md §10) at registry scale.

    .venv/bin/python bench/bench_draw.py [--entities 1000000] [--inspectors 100]
                                         [--ratio 0.03] [--conflict-rate 0.01] [--cap 700]

Works in a fresh temporary FAZHI_VAR_DIR (SQLite). Builds a registry of N entities in 4
strata (the four risk levels of one domain), an inspector pool, and conflicts for a share
of the entities (each with one random inspector: 1% of 1,000,000 = 10,000 conflict lines);
publishes a plan with 2 inspectors per entity (freezing the pools), then times

- the platform's draw end to end: `actions.draw` — commitments checked, frozen pools read and
  their digests checked, seed, selection, assignment, the bundle stored, the tasks and their
  inspector rows bulk-inserted, the audit event — in a child process of its own, so that its
  peak memory is its own (target: under 10 s);
- the standalone verifier (`python verify_draw.py bundle.json`, standard library only) on
  the same bundle as downloaded, also in a child process (target: draw / verifier < 2);
- the floor, in the same run: a bare loop of `hmac.digest(seed, message, "sha256")` over
  exactly the messages the draw scores (every entity, then every inspector and expert of each
  selected entity), built in chunks outside the timed loops. Target: the draw and the
  verifier each within 2x of it.

Registry building and publication are timed too, but are not part of the target.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERIFIER = ROOT / "fazhi" / "inspections" / "verify_draw.py"
SECRETS = ["5e" * 32, "c3" * 32]


def setup_django(var_dir: str, *, migrate: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["FAZHI_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it is not inherited from
    the parent of a forked child)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# `python verify_draw.py BUNDLE`, run through runpy so that its peak memory can be printed
# on the way out (stderr); the verifier's own output and exit code are unchanged.
VERIFY_AND_MEASURE = """
import runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("peak", int(line.split()[1]) / 1024, file=sys.stderr)
"""


def timed(label: str, fn, note: str = ""):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"{label:<52} {time.perf_counter() - start:>8.2f} s {note}")
    return result


def build(args: argparse.Namespace) -> int:
    """Registry, inspectors, conflicts and a published plan; returns the plan id."""
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.core.models import Organization
    from fazhi.core.roles import Role
    from fazhi.core.testing import make_user
    from fazhi.core.uscc import check_character
    from fazhi.inspections import actions, registry
    from fazhi.inspections.draw import commitment_of
    from fazhi.inspections.models import Conflict, Entity, Inspector, RiskLevel

    # The agency whose registry, officers and plan these are (issue 12: each is an agency's).
    bureau = Organization.objects.create(code="bench-bureau", name="天津市科学技术局", kind="agency")
    division = Organization.objects.create(
        code="bench-legal", name="政策法规处", kind="division", parent=bureau
    )
    planner = make_user("bench-planner", org=division, roles=[Role.LEGAL_REVIEWER], full_name="王审核")
    # Today in Asia/Shanghai: the draw takes place on the day the plan published, no other.
    draw_on = timezone.localdate()
    levels = [RiskLevel.HIGH, RiskLevel.MEDIUM_HIGH, RiskLevel.MEDIUM, RiskLevel.LOW]
    rnd = random.Random(2026)

    def codes():  # type: ignore[no-untyped-def]
        for n in range(args.entities):
            first17 = f"911201{n % 100:02d}MA{n:07d}"
            yield n, first17 + check_character(first17)

    def insert_entities() -> None:
        now = timezone.now()
        table = Entity._meta.db_table
        sql = (
            f"INSERT INTO {table} (agency_id, name, uscc, legal_representative, address, domain, "
            "risk_level, is_active, is_natural_person, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            batch = []
            for n, code in codes():
                batch.append(
                    (
                        bureau.pk,
                        f"天津某实验动物单位{n}",
                        code,
                        "某某",
                        f"天津市南开区科研路{n}号",
                        "lab_animals",
                        levels[n % 4],
                        True,
                        False,
                        now,
                        now,
                    )
                )
                if len(batch) == 50_000:
                    cursor.executemany(sql, batch)
                    batch = []
            cursor.executemany(sql, batch)

    timed(f"build registry: {args.entities:,} entities (raw insert)", insert_entities)
    inspectors = Inspector.objects.bulk_create(
        Inspector(
            agency=bureau,
            name=f"执法人员{i}",
            certificate_number=f"1201{i:05d}",
            certificate_expires_on=draw_on + datetime.timedelta(days=365),
            domains=["lab_animals"],
        )
        for i in range(args.inspectors)
    )
    conflicted = rnd.sample(range(args.entities), int(args.entities * args.conflict_rate))
    # The raw insert into a fresh table numbered the entities first_pk, first_pk + 1, …
    first_pk = Entity.objects.order_by("pk").values_list("pk", flat=True).first() or 1
    Conflict.objects.bulk_create(
        (
            Conflict(
                entity_id=first_pk + n,
                inspector=rnd.choice(inspectors),
                reason="近亲属任职",
                created_by=planner,
            )
            for n in conflicted
        ),
        batch_size=5000,
    )
    item = registry.create_item(
        actor=planner,
        name="实验动物生产和使用单位监督检查",
        legal_basis="《实验动物管理条例》",
        inspecting_body="天津市科学技术局",
        method="现场检查",
        domain="lab_animals",
        published=True,
    )
    plan = actions.create_plan(
        actor=planner, year=draw_on.year, batch=1, item=item, draw_on=draw_on, inspector_cap=args.cap
    )
    for level in levels:
        actions.add_stratum(plan, actor=planner, domain="lab_animals", risk_level=level, ratio=args.ratio)
    actions.add_contributor(plan, actor=planner, name="政策法规处")
    actions.add_contributor(plan, actor=planner, name="科技监督与诚信建设处")
    timed(
        "publish the plan (freeze pools, digests)",
        lambda: actions.publish_plan(plan, actor=planner, commitments=[commitment_of(s) for s in SECRETS]),
    )
    print(f"{'':<52} conflict lines frozen: {plan.frozen_pools.get(kind='conflicts').size:,}")
    print(f"{'':<52} peak memory so far {peak_mb():,.0f} MB (building and publishing)")
    return plan.pk


def draw_child(var_dir: str, plan_id: int, bundle_path: str) -> None:
    """Runs in its own process: the timed draw, then the bundle written for download."""
    setup_django(var_dir, migrate=False)
    from fazhi.core.models import User
    from fazhi.inspections import actions
    from fazhi.inspections.draw import bundle_download
    from fazhi.inspections.models import Draw, InspectionPlan, InspectionTask

    planner = User.objects.get(username="bench-planner")
    plan = InspectionPlan.objects.get(pk=plan_id)
    start, cpu = time.perf_counter(), time.process_time()
    actions.draw(plan, actor=planner, secrets=SECRETS)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    draw_peak = peak_mb()
    tasks = InspectionTask.objects.filter(plan=plan).count()
    links = InspectionTask.inspectors.through.objects.filter(inspectiontask__plan=plan).count()
    start = time.perf_counter()
    made = Draw.objects.get(plan=plan)
    Path(bundle_path).write_text(bundle_download(made.bundle), encoding="utf-8")
    download = time.perf_counter() - start
    print(
        json.dumps(
            {
                "draw": seconds,
                "cpu": cpu,
                "peak": draw_peak,
                "tasks": tasks,
                "links": links,
                "download": download,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--inspectors", type=int, default=100)
    parser.add_argument("--ratio", default="0.03")
    parser.add_argument("--conflict-rate", type=float, default=0.01)
    parser.add_argument("--cap", type=int, default=700, help="inspector cap (0 for none)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and bundle")
    parser.add_argument("--child", nargs=3, metavar=("VAR_DIR", "PLAN_ID", "BUNDLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        draw_child(args.child[0], int(args.child[1]), args.child[2])
        return
    args.cap = args.cap or None

    var_dir = tempfile.mkdtemp(prefix="fazhi-bench-draw-")
    try:
        run(args, var_dir)
    finally:
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)


def run(args: argparse.Namespace, var_dir: str) -> None:
    setup_django(var_dir, migrate=True)
    print(f"SQLite in {var_dir}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    plan_id = build(args)

    bundle_path = str(Path(var_dir) / "bundle.json")
    output, *_rest = run_child([sys.executable, __file__, "--child", var_dir, str(plan_id), bundle_path])
    figures = json.loads(output.strip().splitlines()[-1])
    draw_seconds, draw_cpu = figures["draw"], figures["cpu"]
    print(
        f"{'platform draw end to end (actions.draw)':<52} {draw_seconds:>8.2f} s (CPU {draw_cpu:.2f} s) "
        f"{figures['tasks']:,} tasks, {figures['links']:,} inspector links, peak {figures['peak']:,.0f} MB"
    )
    size = Path(bundle_path).stat().st_size / 1e6
    print(f"{'bundle rendered and written for download':<52} {figures['download']:>8.2f} s {size:,.0f} MB")
    _output, verify_seconds, verify_cpu, verifier_peak = run_child(
        [sys.executable, "-c", VERIFY_AND_MEASURE, str(VERIFIER), bundle_path]
    )
    print(
        f"{'standalone verifier (python verify_draw.py)':<52} {verify_seconds:>8.2f} s (CPU {verify_cpu:.2f} s) "
        f"exit 0, peak {verifier_peak:,.0f} MB"
    )
    floor, floor_cpu, messages = hmac_floor(bundle_path)
    print(
        f"{f'floor: bare hmac.digest loop, {messages:,} messages':<52} {floor:>8.2f} s (CPU {floor_cpu:.2f} s)"
    )
    print(
        f"{'ratio draw / verifier':<52} {draw_seconds / verify_seconds:>8.2f}   "
        f"(CPU {draw_cpu / verify_cpu:.2f})"
    )
    print(f"{'ratio draw / floor':<52} {draw_seconds / floor:>8.2f}   (CPU {draw_cpu / floor_cpu:.2f})")
    print(
        f"{'ratio verifier / floor':<52} {verify_seconds / floor:>8.2f}   (CPU {verify_cpu / floor_cpu:.2f})"
    )
    print(
        f"targets: draw < 10 s: {'yes' if draw_seconds < 10 else 'NO'}; "
        f"draw within 2x of the floor: {'yes' if draw_seconds < 2 * floor else 'NO'}; "
        f"verifier within 2x of the floor: {'yes' if verify_seconds < 2 * floor else 'NO'}"
    )
    print(
        f"load average while running: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"
    )


def hmac_floor(bundle_path: str) -> tuple[float, float, int]:
    """(seconds, CPU seconds, messages) of a bare `hmac.digest` loop over the messages of the draw in the
    bundle; only the loops are timed, the messages are built between them."""
    import hmac

    bundle = json.loads(Path(bundle_path).read_text(encoding="utf-8"))
    seed = bytes.fromhex(bundle["seed"])
    digest = hmac.digest
    seconds, cpu, count = 0.0, 0.0, 0

    def loop(messages: list[bytes]) -> None:
        nonlocal seconds, cpu, count
        start, started_cpu = time.perf_counter(), time.process_time()
        for message in messages:
            digest(seed, message, "sha256")
        seconds += time.perf_counter() - start
        cpu += time.process_time() - started_cpu
        count += len(messages)

    pool = bundle.pop("pool")
    for start in range(0, len(pool), 100_000):
        loop([f"entity\n{entity}".encode() for _stratum, entity in pool[start : start + 100_000]])
    del pool
    chunk: list[bytes] = []
    for _stratum, entity in bundle["selected"]:
        chunk.extend(f"inspector\n{entity}\n{person}".encode() for person in bundle["inspectors"])
        if bundle["experts_per_entity"]:
            chunk.extend(f"expert\n{entity}\n{person}".encode() for person in bundle["experts"])
        if len(chunk) >= 100_000:
            loop(chunk)
            chunk = []
    loop(chunk)
    return seconds, cpu, count


def run_child(command: list[str]) -> tuple[str, float, float, float]:
    """(stdout, wall seconds, CPU seconds, peak memory in MB as the child printed it) of a
    child process, which must exit 0."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode != 0:
        raise SystemExit(f"exit {child.returncode}:\n{stdout}\n{stderr}")
    peaks = [float(line.split()[1]) for line in stderr.splitlines() if line.startswith("peak ")]
    return stdout, seconds, usage.ru_utime + usage.ru_stime, peaks[-1] if peaks else float("nan")


if __name__ == "__main__":
    main()
