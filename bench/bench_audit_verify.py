"""Benchmark of the audit chain (DOMAIN.md §9): verifying, publishing daily heads, appending.

    .venv/bin/python bench/bench_audit_verify.py [--events 100000] [--appends 2000]
    DATABASE_URL=postgresql:///fazhi_bench .venv/bin/python bench/bench_audit_verify.py

On SQLite it works in a fresh temporary FAZHI_VAR_DIR. With DATABASE_URL it uses that
database as it is and EMPTIES its audit tables first, so point it at a scratch database only.
The chain is built in Python and bulk-inserted (the same hashes record_event would write,
without 100,000 round trips); then verify_chain, the `audit verify` command, the old
instance-by-instance verifier, publish_daily_heads and record_event are timed.

The floor, in the same run: a bare SHA-256 (hashlib.sha256(...).hexdigest()) over exactly the
bytes the verifier hashes (each event's previous hash, a newline and its canonical JSON),
prepared beforehand. Targets: `audit verify` under 1 s and within 10x of the floor. Times are
wall clock with the process's CPU time beside them (the machine may be shared).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


FIGURES: dict[str, float] = {}
CPU: dict[str, float] = {}


def timed(label: str, fn: Callable[[], Any], count: int | None = None) -> Any:
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    FIGURES[label], CPU[label] = seconds, cpu
    rate = f"  {count / seconds:>12,.0f} events/s" if count else ""
    print(f"{label:<44} {seconds:>8.3f} s (CPU {cpu:.3f} s){rate}")
    return result


def bare_sha256(messages: list[bytes]) -> str:
    sha256, digest = hashlib.sha256, ""
    for message in messages:
        digest = sha256(message).hexdigest()
    return digest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--appends", type=int, default=2_000)
    parser.add_argument("--days", type=int, default=200, help="spread the events over this many days")
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ["FAZHI_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.core import audit
    from fazhi.core.models import AuditChainHead, AuditEvent, PublishedChainHead, User

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}), var dir {var_dir}")
    with connection.cursor() as cursor:
        for model in (AuditEvent, AuditChainHead, PublishedChainHead):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")  # our own table names
    actor, _created = User.objects.get_or_create(username="bench-reviewer", defaults={"full_name": "王审核"})

    def build_chain() -> str:
        prev = audit.GENESIS_HASH
        start = timezone.now() - datetime.timedelta(days=args.days + 1)
        step = datetime.timedelta(days=args.days) / max(args.events, 1)
        batch: list[AuditEvent] = []
        for seq in range(1, args.events + 1):
            at = start + step * seq
            data = {
                "意见": "同意，建议按程序提交局长办公会审议。",
                "number": f"津科规〔2026〕{seq}号",
                "n": seq,
            }
            fields: dict[str, Any] = {
                "seq": seq,
                "at": at,
                "actor_id": actor.pk,
                "actor_name": actor.full_name,
                "verb": "approve" if seq % 2 else "submit",
                "object_type": "documents.normativedocument",
                "object_id": str(seq // 10),
                "from_status": "under_review",
                "to_status": "approved",
                "data": data,
            }
            digest = audit.chain_hash(prev, audit.event_payload(**fields))
            batch.append(AuditEvent(prev_hash=prev, hash=digest, **fields))
            prev = digest
            if len(batch) == 5000:
                AuditEvent.objects.bulk_create(batch)
                batch = []
        AuditEvent.objects.bulk_create(batch)
        AuditChainHead.objects.update_or_create(id=1, defaults={"seq": args.events, "hash": prev})
        return prev

    print(f"\n{args.events:,} events")
    head = timed("build and bulk-insert the chain", lambda: transaction.atomic()(build_chain)(), args.events)
    # As autovacuum would after a bulk load: without statistics PostgreSQL reads each keyset page
    # of the chain by a sequential scan and a sort (130 ms a page instead of 16 ms).
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {AuditEvent._meta.db_table}")
    result = timed("verify_chain()", audit.verify_chain, args.events)
    assert result.ok and result.count == args.events and result.head == head, result
    timed("verify_chain_and_heads() (no heads yet)", audit.verify_chain_and_heads, args.events)
    old = timed(
        "verify_events(iter_chain()) (model instances)",
        lambda: audit.verify_events(audit.iter_chain()),
        args.events,
    )
    assert old == result, (old, result)

    out = io.StringIO()
    timed("fazhi audit verify (command)", lambda: call_command("audit", "verify", stdout=out), args.events)
    assert out.getvalue().strip() == f"ok {args.events} {head}", out.getvalue()

    hashed = [f"{row[10]}\n{audit.row_json(row)}".encode() for row in audit.iter_chain_rows()]
    size = sum(len(b) for b in hashed)

    floor_head = timed("floor: bare SHA-256 over the same bytes", lambda: bare_sha256(hashed), args.events)
    assert floor_head == head
    floor = FIGURES["floor: bare SHA-256 over the same bytes"]
    command = FIGURES["fazhi audit verify (command)"]
    print(f"{'':<44} {size / 1e6:,.1f} MB hashed")
    cpu_ratio = CPU["fazhi audit verify (command)"] / CPU["floor: bare SHA-256 over the same bytes"]
    # On PostgreSQL the server's share of the work is not in this process's CPU time.
    print(f"{'ratio audit verify / floor':<44} {command / floor:>8.1f}   (CPU {cpu_ratio:.1f})")
    print(
        f"targets: audit verify < 1 s: {'yes' if command < 1 else 'NO'}; "
        f"within 10x of the floor: {'yes' if command < 10 * floor else 'NO'}"
    )
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")

    published = timed("publish_daily_heads() first run", audit.publish_daily_heads)
    timed("publish_daily_heads() again (nothing new)", audit.publish_daily_heads)
    print(f"{'':<44} {published} days published")
    result = timed("verify_chain_and_heads() (with heads)", audit.verify_chain_and_heads, args.events)
    assert result.ok, result

    middle = args.events // 2
    AuditEvent.objects.filter(seq=middle).update(verb="forged")
    broken = timed("verify_chain() on a chain broken half-way", audit.verify_chain, middle)
    assert not broken.ok and broken.broken_seq == middle, broken
    AuditEvent.objects.filter(seq=middle).update(verb="approve" if middle % 2 else "submit")

    print(f"\n{args.appends:,} record_event appends, each in its own transaction")
    start = time.perf_counter()
    for n in range(args.appends):
        with transaction.atomic():
            audit.record_event("review", actor=actor, object_type="reviews.legalityreview", object_id=str(n))
    seconds = time.perf_counter() - start
    print(f"{'record_event':<44} {seconds:>8.3f} s  {seconds / args.appends * 1000:>9.2f} ms/append")
    total = args.events + args.appends
    result = timed("verify_chain() after the appends", audit.verify_chain, total)
    assert result.ok and result.count == total, result


if __name__ == "__main__":
    main()
