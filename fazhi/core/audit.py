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

from django.db import connection, models, transaction
from django.db.models import Max
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import audit_fast, publiccache
from fazhi.core.audit_read import CHAIN_FIELDS, ChainRow, iter_chain_raw, iter_chain_rows
from fazhi.core.models import AuditChainHead, AuditEvent, PublishedChainHead, User
from fazhi.core.models.canonical import CANONICAL_ENCODER, encode_string

GENESIS_HASH = "0" * 64


def canonical_json(payload: dict[str, Any]) -> str:
    return CANONICAL_ENCODER.encode(payload)


def chain_hash(prev_hash: str, payload: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical_json(payload)).encode("utf-8")).hexdigest()


def event_payload(
    *,
    seq: int,
    at: datetime.datetime,
    actor_id: int | None,
    actor_name: str,
    verb: str,
    object_type: str,
    object_id: str,
    from_status: str,
    to_status: str,
    data: Any,
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
        seq=event.seq,
        at=event.at,
        actor_id=event.actor_id,
        actor_name=event.actor_name,
        verb=event.verb,
        object_type=event.object_type,
        object_id=event.object_id,
        from_status=event.from_status,
        to_status=event.to_status,
        data=event.data,
    )


# Labels under which a model's events were recorded before it moved to another app
# (`register_former_label`): old label → current label.
_former_labels: dict[str, str] = {}


def register_former_label(former: str, model: type[models.Model]) -> None:
    """A model that moved between apps keeps its history: events recorded under its former
    label (`app.model`) are read as the model's own (its name on the 全过程记录 page, its
    timeline). The app that held the model registers it from `AppConfig.ready()`."""
    _former_labels[former] = model._meta.label_lower


def current_label(object_type: str) -> str:
    """The label a recorded object type has today (a moved model's former label → its current one)."""
    return _former_labels.get(object_type, object_type)


def labels_of(model: type[models.Model]) -> list[str]:
    """The model's label and every former label its events may carry."""
    label = model._meta.label_lower
    return [label, *sorted(former for former, now in _former_labels.items() if now == label)]


def object_label(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def _stored_float(text: str) -> float | int:
    """A number of the data as both databases give it back. PostgreSQL's jsonb keeps numbers as
    `numeric`: it has no negative zero and writes 1e+16 as 10000000000000000, which reads back as
    an integer — hashed as written, such an event would read as tampered. So -0.0 is stored as
    0.0 and a float written with a positive exponent (a whole number) as that integer; NaN and
    the infinities, which jsonb refuses, as their names (parse_constant)."""
    number = float(text)
    if number == 0:
        return 0.0
    if "e+" in text.lower() and number.is_integer():
        return int(number)
    return number


def record_event(
    verb: str,
    *,
    actor: User | None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    from_status: str = "",
    to_status: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain and return it.

    Runs in its own atomic block (a savepoint when the caller already has a transaction);
    the chain head row is locked for the rest of the enclosing transaction, which serialises
    concurrent writers on PostgreSQL. On SQLite the IMMEDIATE transaction already does so.
    """
    if obj is not None:
        object_type, object_id = object_label(obj)
    # Round-trip through JSON so that what is hashed is exactly what the database returns.
    clean_data = json.loads(
        json.dumps(data or {}, ensure_ascii=False, default=str),
        parse_float=_stored_float,
        parse_constant=str,
    )
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"seq": 0, "hash": GENESIS_HASH}
        )
        seq = head.seq + 1
        at = timezone.now()
        actor_id = actor.pk if actor is not None and actor.pk else None
        actor_name = actor.display_name if actor is not None and actor_id else ""
        payload = event_payload(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_name=actor_name,
            verb=verb,
            object_type=object_type,
            object_id=object_id,
            from_status=str(from_status),
            to_status=str(to_status),
            data=clean_data,
        )
        digest = chain_hash(head.hash, payload)
        event = AuditEvent(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_name=actor_name,
            verb=verb,
            object_type=object_type,
            object_id=object_id,
            from_status=str(from_status),
            to_status=str(to_status),
            data=clean_data,
            prev_hash=head.hash,
            hash=digest,
        )
        event.save(force_insert=True)
        AuditChainHead.objects.filter(id=1).update(seq=seq, hash=digest)
    # A verb that changes what the public sees renews the public pages' cache on commit.
    publiccache.event_recorded(verb)
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
    verifier = _ChainVerifier()
    failure = verifier.feed(_row_of(event) for event in events)
    return failure or verifier.result()


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
    return _verify_stored_chain(published={})


def verify_chain_and_heads() -> VerifyResult:
    """`verify_chain`, and also that every head published on the portal (PublishedChainHead)
    is still the hash of the event it named: a rewrite that recomputed the chain after a day
    was published shows up here. `fazhi audit verify` and the 全过程记录 page use this."""
    published = {
        seq: (day, digest)
        for day, seq, digest in PublishedChainHead.objects.values_list("day", "seq", "hash")
    }
    return _verify_stored_chain(published=published)


def _verify_stored_chain(*, published: dict[int, tuple[datetime.date, str]]) -> VerifyResult:
    verifier = _ChainVerifier(published)
    failure = verifier.feed(iter_chain_raw(), raw=True)
    if failure:
        return failure
    head = AuditChainHead.objects.filter(id=1).values_list("seq", "hash").first()
    # Events committed after the last page was read but before the head was: verify them
    # too rather than report a healthy, busy chain as truncated. Bounded, so a constant
    # stream of writes cannot keep a verification running for ever.
    for _round in range(5):
        if head is None or head[0] <= verifier.count:
            break
        failure = verifier.feed(iter_chain_raw(after=verifier.count), raw=True)
        if failure:
            return failure
        head = AuditChainHead.objects.filter(id=1).values_list("seq", "hash").first()
    if head is not None and head[0] > verifier.count:
        return VerifyResult(
            False,
            verifier.count,
            verifier.prev,
            verifier.count + 1,
            "链尾事件缺失：链头记录与最后一个事件不符",
        )
    if head is not None and head[0] < verifier.count:
        # Rows appended behind record_event's back: the first one the head does not cover.
        return VerifyResult(
            False,
            verifier.count,
            verifier.prev,
            head[0] + 1,
            "链头之后有多余事件：链头记录与最后一个事件不符",
        )
    if head is not None and head[1] != verifier.prev:
        return VerifyResult(
            False, verifier.count, verifier.prev, verifier.count, "链头哈希与最后一个事件不符"
        )
    missing = sorted(seq for seq in published if seq > verifier.count)
    if missing:
        day = published[missing[0]][0]
        return VerifyResult(
            False, verifier.count, verifier.prev, missing[0], f"{day:%Y-%m-%d} 公布的链头所指事件已不存在"
        )
    return verifier.result()


def _row_of(event: AuditEvent) -> ChainRow:
    """A model instance as the raw row `iter_chain_rows` reads (the time as UTC text, the data
    as JSON text), for `verify_events`."""
    row = [getattr(event, name) for name in CHAIN_FIELDS]
    row[1] = utc_text(event.at)
    row[9] = json.dumps(event.data, ensure_ascii=False)
    return tuple(row)


# The canonical JSON of `event_payload`, keys in sorted order, filled in by `row_json`.
_ROW_JSON = (
    '{"actor":%s,"actor_id":%s,"at":"%s","data":%s,"from_status":%s,"object_id":%s,'
    '"object_type":%s,"seq":%d,"to_status":%s,"verb":%s}'
)


def utc_text(at: str | datetime.datetime) -> str:
    """The time of an event as hashed: ISO 8601 in UTC with microseconds.

    Takes the text the database holds: SQLite's "YYYY-MM-DD HH:MM:SS.ffffff" (UTC, the
    connection's time zone: DATABASES sets no TIME_ZONE) and what `iter_chain_rows` asks
    PostgreSQL for are rewritten without parsing; anything else is parsed as the ORM would.
    """
    if isinstance(at, str):
        if len(at) == 26 and at[10] == " ":
            return f"{at[:10]}T{at[11:]}+00:00"
        if len(at) == 32 and at[10] == "T" and at.endswith("+00:00"):
            return at
        parsed = parse_datetime(at)
        if parsed is None:
            raise ValueError(f"not a time: {at!r}")
        at = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, connection.timezone)
    return at.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def row_json(row: ChainRow) -> str:
    """canonical_json(event_payload(...)) of a raw row, byte for byte, computed directly: the
    data decoded from its JSON text and encoded canonically, the other fields put in place."""
    seq, at, actor_id, actor_name, verb, object_type, object_id, from_status, to_status, data = row[:10]
    if data == "{}":
        data_json = "{}"
    elif data is None:
        data_json = "null"
    else:
        try:
            value = json.loads(data)
        except ValueError:  # as JSONField.from_db_value: undecodable text stays text
            value = data
        data_json = CANONICAL_ENCODER.encode(value)
    return _ROW_JSON % (
        encode_string(actor_name),
        "null" if actor_id is None else int(actor_id),
        utc_text(at),
        data_json,
        encode_string(from_status),
        encode_string(object_id),
        encode_string(object_type),
        seq,
        encode_string(to_status),
        encode_string(verb),
    )


class _ChainVerifier:
    """Walks raw rows (`iter_chain_rows`) in sequence order, remembering where it got to, so
    that verification can resume with rows appended meanwhile. `published` maps a seq to the
    (day, hash) published for it; a stored hash that no longer matches the published one is
    a break. Each event's canonical bytes are built once (`row_json`) and hashed once."""

    def __init__(self, published: dict[int, tuple[datetime.date, str]] | None = None) -> None:
        self.prev = GENESIS_HASH
        self.count = 0
        self.published = published or {}
        self.strings: dict[str, bytes] = {}

    def feed(self, rows: Iterable[ChainRow], *, raw: bool = False) -> VerifyResult | None:
        """Verify `rows` after those fed before. `raw`: rows as `iter_chain_raw` reads them,
        ordinary events passing in one tight run, the first that does not read again as text
        and checked in full; otherwise every row is checked in full."""
        rows = iter(rows)
        if not raw:
            for row in rows:
                failure = self._check(row)
                if failure:
                    return failure
            return None
        json_strings: dict[bytes, bytes] = {}
        while True:
            left, self.prev, self.count = audit_fast.run_stored(
                rows, self.prev, self.count, self.published, json_strings
            )
            if left is None:
                return None
            # The same event as text, as the reference reads it (the raw row if it is gone).
            again = next(iter_chain_rows(after=left[0] - 1, batch=1), left)
            failure = self._check(again)
            if failure:
                return failure

    def _check(self, row: ChainRow) -> VerifyResult | None:
        prev, count, published = self.prev, self.count, self.published
        seq, prev_hash, digest = row[0], row[10], row[11]
        expected_seq = count + 1
        if seq != expected_seq:
            return self._broken(prev, count, seq, f"序号不连续：应为 {expected_seq}，实为 {seq}")
        if prev_hash != prev:
            return self._broken(prev, count, seq, "前一哈希与上一事件不符")
        # orjson's re-encoding of the data, then the standard library's bytes (the reference).
        sha256 = hashlib.sha256
        fast = audit_fast.payload_bytes(row, utc_text, self.strings)
        if (fast is None or sha256(f"{prev}\n".encode() + fast).hexdigest() != digest) and sha256(
            f"{prev}\n{row_json(row)}".encode()
        ).hexdigest() != digest:
            return self._broken(prev, count, seq, "事件内容与其哈希不符")
        if seq in published and published[seq][1] != digest:
            return self._broken(prev, count, seq, f"与 {published[seq][0]:%Y-%m-%d} 公布的链头哈希不符")
        self.prev, self.count = digest, seq
        return None

    def _broken(self, prev: str, count: int, seq: int, reason: str) -> VerifyResult:
        self.prev, self.count = prev, count
        return VerifyResult(False, count, prev, seq, reason)

    def result(self) -> VerifyResult:
        return VerifyResult(True, self.count, self.prev)


def publish_daily_heads(today: datetime.date | None = None) -> int:
    """Store the chain head at the end of each completed day, for the portal to publish.

    A day is a calendar day in Asia/Shanghai (settings.TIME_ZONE), the bureau's own day, not
    UTC's. Every day strictly before `today` that has events and no PublishedChainHead yet
    gets one, naming its last event; days without events are skipped. Running it again, or
    twice at once, publishes nothing new. Returns how many days were published.
    """
    tz = timezone.get_default_timezone()
    if today is None:
        today = timezone.localdate(timezone=tz)
    start_of_today = datetime.datetime.combine(today, datetime.time.min, tzinfo=tz)
    last_seq_by_day = dict(
        AuditEvent.objects.filter(at__lt=start_of_today)
        .annotate(day=TruncDate("at", tzinfo=tz))
        .order_by()
        .values("day")
        .annotate(last=Max("seq"))
        .values_list("day", "last")
    )
    already = set(
        PublishedChainHead.objects.filter(day__in=list(last_seq_by_day)).values_list("day", flat=True)
    )
    missing = sorted(day for day in last_seq_by_day if day not in already)
    hashes: dict[int, str] = {}
    seqs = [last_seq_by_day[day] for day in missing]
    for start in range(0, len(seqs), 500):
        hashes.update(AuditEvent.objects.filter(seq__in=seqs[start : start + 500]).values_list("seq", "hash"))
    published = 0
    with transaction.atomic():
        for day in missing:
            seq = last_seq_by_day[day]
            _head, created = PublishedChainHead.objects.get_or_create(
                day=day, defaults={"seq": seq, "hash": hashes[seq]}
            )
            published += created
    return published


# --- the words of the verbs ------------------------------------------------------------------
#
# Each app registers the labels of its verbs from its AppConfig.ready(); core names no app.
# An unregistered verb is still shown in words (its app's name and the last part of the verb
# read through GENERIC_ACTIONS), never as its dotted code.

_VERB_LABELS: dict[str, Any] = {}

GENERIC_ACTIONS: dict[str, Any] = {
    "create": gettext_lazy("创建"),
    "update": gettext_lazy("修改"),
    "edit": gettext_lazy("修改"),
    "delete": gettext_lazy("删除"),
    "submit": gettext_lazy("提交"),
    "approve": gettext_lazy("批准"),
    "return": gettext_lazy("退回"),
    "reject": gettext_lazy("驳回"),
    "cancel": gettext_lazy("撤销"),
    "withdraw": gettext_lazy("撤回"),
    "publish": gettext_lazy("公布"),
    "import": gettext_lazy("导入"),
    "export": gettext_lazy("导出"),
    "upload": gettext_lazy("上传文件"),
    "attach": gettext_lazy("上传附件"),
    "record": gettext_lazy("登记"),
    "register": gettext_lazy("登记"),
    "close": gettext_lazy("办结"),
    "archive": gettext_lazy("归档"),
    "assign": gettext_lazy("分配"),
    "review": gettext_lazy("审查"),
    "sign": gettext_lazy("签发"),
    "issue": gettext_lazy("签发"),
    "revoke": gettext_lazy("吊销"),
    "accept": gettext_lazy("受理"),
    "decide": gettext_lazy("决定"),
    "draw": gettext_lazy("抽取"),
    "login": gettext_lazy("登录"),
}


def register_verbs(labels: dict[str, Any]) -> None:
    """Give audit verbs their words: {"ledger.create": gettext_lazy("列入台账"), ...}."""
    _VERB_LABELS.update(labels)


def verb_label(verb: str, labels: dict[str, Any] | None = None) -> str:
    """The words for an audit verb: the caller's labels, then the registered ones, then its
    app's name and the generic word for its last part; never the dotted code itself."""
    for table in (labels or {}, _VERB_LABELS):
        if verb in table:
            return str(table[verb])
    from django.apps import apps as django_apps

    head, _dot, tail = verb.partition(".")
    last = verb.rsplit(".", 1)[-1]
    try:
        app_name = str(django_apps.get_app_config(head).verbose_name) if tail else ""
    except LookupError:
        app_name = ""
    action = str(GENERIC_ACTIONS[last]) if last in GENERIC_ACTIONS else _("操作")
    return f"{app_name}：{action}" if app_name else action


def timeline_of(
    obj: models.Model,
    *,
    verb_labels: dict[str, Any],
    statuses: dict[str, Any],
    detail: Any,
) -> list[AuditEvent]:
    """A record's history for its page, from the audit chain: each event with the label of its
    verb, the label of the state it led to, and a one-line detail (`detail(event) -> str`)."""
    _object_type, object_id = object_label(obj)
    events = list(
        AuditEvent.objects.filter(object_type__in=labels_of(type(obj)), object_id=object_id)
        .defer("prev_hash", "hash")
        .order_by("seq")
    )
    for event in events:
        event.verb_label = verb_label(event.verb, verb_labels)  # type: ignore[attr-defined]
        event.to_label = statuses.get(event.to_status, event.to_status)  # type: ignore[attr-defined]
        event.detail = detail(event)  # type: ignore[attr-defined]
    return events
