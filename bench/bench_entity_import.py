"""Benchmark of the entity registry import from .xlsx (fazhi/inspections/excel.py).

    .venv/bin/python bench/bench_entity_import.py [--rows 100000]

Generates a workbook of N entities (valid unified social credit codes, both domains, four
risk levels, some natural persons, one bad row in 1,000), then imports it into a fresh
temporary SQLite database the way the import page does: `read_entity_import` (parse and
check every row, nothing saved) and `import_entities` with the good rows (all or none, one
audit event), both with a progress callback. Each import runs in a child process of its own:
once for the times and the peak resident memory (VmHWM, the whole process with Django), and
once under tracemalloc for the peak of Python allocations by the import itself.

openpyxl writes strings inline, which it also reads more slowly than the shared-string
table of a workbook saved by Excel or WPS: the read time here is on the slow side.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def generate(path: Path, rows: int) -> int:
    """The workbook (write-only, streamed); returns the number of bad rows written."""
    sys.path.insert(0, str(ROOT))
    from openpyxl import Workbook

    from fazhi.core.uscc import check_character

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("检查对象名录")
    ws.append(
        ["统一社会信用代码", "名称", "法定代表人（负责人）", "住所（地址）", "领域", "风险等级", "自然人"]
    )
    levels = ["高风险", "较高风险", "一般风险", "低风险"]
    bad = 0
    for n in range(rows):
        first17 = f"911201{n % 100:02d}MA{n:07d}"
        code = first17 + check_character(first17)
        if n % 1000 == 999:
            code = code[:-1] + ("0" if code[-1] != "0" else "1")  # a wrong check character
            bad += 1
        natural = n % 50 == 0
        ws.append(
            [
                code,
                f"王{n}" if natural else f"天津某生物科技有限公司{n}",
                f"王{n}" if natural else "赵某",
                f"天津市南开区科研西路{n}号",
                "实验动物" if n % 3 else "人类遗传资源",
                levels[n % 4],
                "是" if natural else "否",
            ]
        )
    wb.save(path)
    return bad


def child(var_dir: str, path: str, trace: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["FAZHI_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from fazhi.core.models import Organization
    from fazhi.core.roles import Role
    from fazhi.core.testing import make_user
    from fazhi.inspections.excel import import_entities, read_entity_import
    from fazhi.inspections.models import Entity

    # The registry is an agency's (issue 12): the importer works in its legal affairs division.
    bureau = Organization.objects.create(code="bench-bureau", name="天津市科学技术局", kind="agency")
    division = Organization.objects.create(
        code="bench-legal", name="政策法规处", kind="division", parent=bureau, is_legal_affairs=True
    )
    actor = make_user("bench-registry", org=division, roles=[Role.LEGAL_REVIEWER], full_name="王审核")
    baseline = peak_mb()
    calls = {"read": 0, "save": 0}

    def progress(phase: str, done: int, total: int) -> None:
        calls[phase] += 1

    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    with open(path, "rb") as upload:
        report = read_entity_import(upload, size=os.path.getsize(path), progress=progress, agency=bureau)
    read_seconds = time.perf_counter() - start
    start = time.perf_counter()
    saved = import_entities(report.rows, actor=actor, filename=Path(path).name, progress=progress)
    save_seconds = time.perf_counter() - start
    traced = tracemalloc.get_traced_memory()[1] / 1e6 if trace else None
    figures = {
        "read": read_seconds,
        "save": save_seconds,
        "good": len(report.rows),
        "errors": report.error_lines,
        "first_error": report.errors[0] if report.errors else None,
        "saved": saved,
        "in_db": Entity.objects.count(),
        "progress_calls": calls,
        "baseline_mb": baseline,
        "peak_mb": peak_mb(),
        "traced_peak_mb": traced,
    }
    print(json.dumps(figures, ensure_ascii=False))


def run_child(path: Path, trace: bool) -> dict:  # type: ignore[type-arg]
    var_dir = tempfile.mkdtemp(prefix="fazhi-bench-import-")
    # Migrated by a process of its own, so that the child's peak memory is the import's.
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0", "--skip-checks"],
        env={**os.environ, "FAZHI_VAR_DIR": var_dir},
        check=True,
    )
    command = [sys.executable, __file__, "--child", var_dir, str(path)] + (["--trace"] if trace else [])
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, metavar=("VAR_DIR", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.trace)
        return

    folder = Path(tempfile.mkdtemp(prefix="fazhi-bench-xlsx-"))
    path = folder / "检查对象名录.xlsx"
    start = time.perf_counter()
    bad = generate(path, args.rows)
    print(
        f"{'generate the workbook (openpyxl write-only)':<48} {time.perf_counter() - start:>7.2f} s  "
        f"{args.rows:,} rows, {bad} bad, {path.stat().st_size / 1e6:.1f} MB"
    )
    figures = run_child(path, trace=False)
    total = figures["read"] + figures["save"]
    print(
        f"{'read and check every row (read_entity_import)':<48} {figures['read']:>7.2f} s  "
        f"{figures['good']:,} good, {figures['errors']} rows with errors, first: {figures['first_error']}"
    )
    print(
        f"{'save the good rows (import_entities)':<48} {figures['save']:>7.2f} s  "
        f"{figures['saved']:,} saved, {figures['in_db']:,} in the registry"
    )
    print(
        f"{'total':<48} {total:>7.2f} s  {figures['good'] / total:,.0f} rows/s; "
        f"progress callbacks: {figures['progress_calls']}"
    )
    print(
        f"{'peak resident memory (whole process)':<48} {figures['peak_mb']:>7.0f} MB  "
        f"(Django and an empty database before the import: {figures['baseline_mb']:.0f} MB)"
    )
    traced = run_child(path, trace=True)
    print(
        f"{'peak Python allocations during the import':<48} {traced['traced_peak_mb']:>7.0f} MB  (tracemalloc, separate run)"
    )
    shutil.rmtree(folder, ignore_errors=True)
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
