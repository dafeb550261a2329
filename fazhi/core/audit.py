"""The tamper-evident full-process record (DOMAIN.md §9).

    hash = SHA-256(prev_hash + "\\n" + canonical JSON of the event)

where canonical JSON is UTF-8 with sorted keys and no insignificant whitespace. The first
event's prev_hash is GENESIS_HASH. `record_event` is the only writer; it must run inside the
caller's transaction so that the event commits or rolls back with the change it records.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from fazhi.core.models import AuditChainHead, AuditEvent, User

GENESIS_HASH = "0" * 64


def canonical_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def chain_hash(prev_hash: str, payload: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical_json(payload)).encode("utf-8")).hexdigest()


def event_payload(
    *, seq: int, at: datetime.datetime, actor_id: int | None, actor_name: str, verb: str,
    object_type: str, object_id: str, from_status: str, to_status: str, data: Any,
) -> dict[str, Any]:
    """The fields an event's hash covers, in the form they are hashed."""
    return {
        "seq": seq,
        "at": at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor": actor_name,
        "verb": verb,
        "object_type": object_type,
        "object_id": object_id,
        "from_status": from_status,
        "to_status": to_status,
        "data": data,
    }


def payload_of(event: AuditEvent) -> dict[str, Any]:
    return event_payload(
        seq=event.seq, at=event.at, actor_id=event.actor_id, actor_name=event.actor_name, verb=event.verb,
        object_type=event.object_type, object_id=event.object_id, from_status=event.from_status,
        to_status=event.to_status, data=event.data,
    )


def object_label(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def record_event(
    verb: str, *, actor: User | None, obj: models.Model | None = None, object_type: str = "",
    object_id: str = "", from_status: str = "", to_status: str = "", data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain and return it.

    Runs in its own atomic block (a savepoint when the caller already has a transaction);
    the chain head row is locked for the rest of the enclosing transaction, which serialises
    concurrent writers on PostgreSQL. On SQLite the IMMEDIATE transaction already does so.
    """
    if obj is not None:
        object_type, object_id = object_label(obj)
    # Round-trip through JSON so that what is hashed is exactly what the database returns.
    clean_data = json.loads(json.dumps(data or {}, ensure_ascii=False, default=str))
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"seq": 0, "hash": GENESIS_HASH}
        )
        seq = head.seq + 1
        at = timezone.now()
        actor_id = actor.pk if actor is not None and actor.pk else None
        actor_name = actor.display_name if actor_id else ""
        payload = event_payload(
            seq=seq, at=at, actor_id=actor_id, actor_name=actor_name, verb=verb, object_type=object_type,
            object_id=object_id, from_status=str(from_status), to_status=str(to_status), data=clean_data,
        )
        digest = chain_hash(head.hash, payload)
        event = AuditEvent(
            seq=seq, at=at, actor_id=actor_id, actor_name=actor_name, verb=verb, object_type=object_type,
            object_id=object_id, from_status=str(from_status), to_status=str(to_status), data=clean_data,
            prev_hash=head.hash, hash=digest,
        )
        event.save(force_insert=True)
        AuditChainHead.objects.filter(id=1).update(seq=seq, hash=digest)
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    head: str
    broken_seq: int | None = None
    reason: str = ""


def verify_events(events: Iterable[AuditEvent]) -> VerifyResult:
    """Recompute the chain over events in sequence order; name the first broken one."""
    prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    for event in events:
        if event.seq != expected_seq:
            return VerifyResult(False, count, prev, event.seq, f"序号不连续：应为 {expected_seq}，实为 {event.seq}")
        if event.prev_hash != prev:
            return VerifyResult(False, count, prev, event.seq, "前一哈希与上一事件不符")
        if chain_hash(prev, payload_of(event)) != event.hash:
            return VerifyResult(False, count, prev, event.seq, "事件内容与其哈希不符")
        prev = event.hash
        expected_seq += 1
        count += 1
    return VerifyResult(True, count, prev)


def iter_chain(batch: int = 5000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def verify_chain() -> VerifyResult:
    """Verify the whole stored chain, and that the head row agrees with its last event."""
    result = verify_events(iter_chain())
    if not result.ok:
        return result
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and (head.seq != result.count or head.hash != result.head):
        return VerifyResult(False, result.count, result.head, result.count + 1, "链尾事件缺失：链头记录与最后一个事件不符")
    return result
