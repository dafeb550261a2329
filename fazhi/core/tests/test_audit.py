"""The tamper-evident full-process record (DOMAIN.md §9): writing, verifying, publishing."""

from __future__ import annotations

import datetime
import hashlib
import io
import itertools
import json
from collections.abc import Iterator
from unittest import mock
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test import TestCase

from fazhi.core import audit
from fazhi.core.audit import (
    GENESIS_HASH,
    ChainRow,
    canonical_json,
    chain_hash,
    iter_chain,
    payload_of,
    publish_daily_heads,
    record_event,
    verify_chain,
    verify_chain_and_heads,
    verify_events,
)
from fazhi.core.models import AuditChainHead, AuditEvent, PublishedChainHead, User

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at_shanghai(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, microsecond: int = 0
) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, microsecond, tzinfo=SHANGHAI)


class ChainTestCase(TestCase):
    # Plain accounts without passwords: these tests need names on events, not sign-ins, and
    # skipping the password hasher keeps them fast.
    reviewer: User
    drafter: User

    @classmethod
    def setUpTestData(cls) -> None:
        cls.reviewer = User.objects.create(username="reviewer", full_name="王审核")
        cls.drafter = User.objects.create(username="drafter", full_name="张起草")

    def record(self, n: int) -> list[AuditEvent]:
        return [
            record_event(
                "review", actor=self.reviewer, object_type="core.user", object_id=str(i), data={"i": i}
            )
            for i in range(1, n + 1)
        ]

    def assert_broken_at(self, seq: int, reason_part: str = "") -> None:
        result = verify_chain()
        self.assertFalse(result.ok)
        self.assertEqual(result.broken_seq, seq)
        self.assertIn(reason_part, result.reason)


class RecordEventTests(ChainTestCase):
    def test_record_event_builds_a_valid_chain_linked_by_hashes(self) -> None:
        events = self.record(4)
        self.assertEqual([e.seq for e in events], [1, 2, 3, 4])
        self.assertEqual(events[0].prev_hash, GENESIS_HASH)
        for before, after in itertools.pairwise(events):
            self.assertEqual(after.prev_hash, before.hash)
        result = verify_chain()
        self.assertTrue(result.ok)
        self.assertEqual((result.count, result.head), (4, events[-1].hash))
        head = AuditChainHead.objects.get()
        self.assertEqual((head.seq, head.hash), (4, events[-1].hash))

    def test_record_event_names_the_object_and_actor(self) -> None:
        event = record_event(
            "submit", actor=self.drafter, obj=self.reviewer, from_status="draft", to_status="x"
        )
        self.assertEqual((event.object_type, event.object_id), ("core.user", str(self.reviewer.pk)))
        self.assertEqual((event.actor_id, event.actor_name), (self.drafter.pk, "张起草"))

    def test_verify_counts_events_appended_while_it_ran_instead_of_calling_them_missing(self) -> None:
        self.record(3)
        original = audit.iter_chain_raw

        def rows_then_a_concurrent_append(after: int = 0, batch: int = 5000) -> Iterator[ChainRow]:
            yield from original(after, batch)
            if after == 0:  # another request appends once the first pass has read the last page
                record_event("submit", actor=self.drafter)

        with mock.patch.object(audit, "iter_chain_raw", rows_then_a_concurrent_append):
            result = verify_chain()
        self.assertTrue(result.ok)
        self.assertEqual((result.count, result.head), (4, AuditEvent.objects.get(seq=4).hash))

    def test_an_empty_chain_verifies_as_ok_with_the_genesis_hash(self) -> None:
        result = verify_chain()
        self.assertTrue(result.ok)
        self.assertEqual((result.count, result.head), (0, GENESIS_HASH))

    def test_the_fast_verifier_agrees_with_verifying_model_instances(self) -> None:
        self.record(3)
        self.assertEqual(verify_chain(), verify_events(iter_chain()))
        AuditEvent.objects.filter(seq=2).update(verb="forged")
        self.assertEqual(verify_chain(), verify_events(iter_chain()))

    def test_the_stored_hash_is_sha256_of_previous_hash_newline_and_canonical_json(self) -> None:
        with time_machine.travel(at_shanghai(2026, 3, 2, 9, 30, 15, 123456), tick=False):
            event = record_event("review", actor=self.reviewer, data={"意见": "同意", "b": [1, 2]})
        # Written out by hand, independently of canonical_json: sorted keys, no spaces,
        # Chinese as UTF-8 rather than \\u escapes, the time in UTC with microseconds.
        expected_json = (
            f'{{"actor":"王审核","actor_id":{self.reviewer.pk},"at":"2026-03-02T01:30:15.123456+00:00",'
            '"data":{"b":[1,2],"意见":"同意"},"from_status":"","object_id":"","object_type":"",'
            '"seq":1,"to_status":"","verb":"review"}'
        )
        self.assertEqual(canonical_json(payload_of(event)), expected_json)
        expected = hashlib.sha256(("0" * 64 + "\n" + expected_json).encode("utf-8")).hexdigest()
        self.assertEqual(event.hash, expected)
        stored = AuditEvent.objects.get(seq=1)
        self.assertEqual(stored.hash, expected)
        self.assertEqual(chain_hash(stored.prev_hash, payload_of(stored)), expected)

    def test_canonical_json_sorts_keys_drops_whitespace_and_keeps_chinese(self) -> None:
        text = canonical_json({"b": 1, "a": {"z": "文件", "y": None}})
        self.assertEqual(text, '{"a":{"y":null,"z":"文件"},"b":1}')
        self.assertEqual(
            text, json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        )

    def test_an_audit_event_refuses_to_be_saved_again(self) -> None:
        (event,) = self.record(1)
        event.verb = "forged"
        with self.assertRaisesMessage(ValueError, "只能追加"):
            event.save()
        fresh = AuditEvent.objects.get(seq=1)
        with self.assertRaisesMessage(ValueError, "只能追加"):
            fresh.save()
        self.assertEqual(AuditEvent.objects.get(seq=1).verb, "review")

    def test_an_audit_event_refuses_to_be_deleted(self) -> None:
        (event,) = self.record(1)
        with self.assertRaisesMessage(ValueError, "不得删除"):
            event.delete()
        self.assertTrue(AuditEvent.objects.filter(seq=1).exists())


class TamperDetectionTests(ChainTestCase):
    """Each test edits the table behind the model's back, as someone with database access would."""

    def test_verify_catches_an_edited_event(self) -> None:
        self.record(5)
        AuditEvent.objects.filter(seq=3).update(data={"i": 99})
        self.assert_broken_at(3, "事件内容与其哈希不符")

    def test_verify_catches_an_event_edited_with_raw_sql(self) -> None:
        self.record(3)
        table = AuditEvent._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET actor_name = %s WHERE seq = %s", ["李某", 2])  # noqa: S608
        self.assert_broken_at(2, "事件内容与其哈希不符")

    def test_verify_catches_an_edit_that_also_recomputes_the_edited_events_hash(self) -> None:
        events = self.record(4)
        forged = payload_of(events[1]) | {"verb": "approve"}
        AuditEvent.objects.filter(seq=2).update(verb="approve", hash=chain_hash(events[0].hash, forged))
        self.assert_broken_at(3, "前一哈希与上一事件不符")

    def test_verify_catches_a_deleted_event_in_the_middle(self) -> None:
        self.record(5)
        AuditEvent.objects.filter(seq=3)._raw_delete(connection.alias)
        self.assert_broken_at(4, "序号不连续")

    def test_verify_catches_a_deleted_last_event(self) -> None:
        self.record(5)
        AuditEvent.objects.filter(seq=5)._raw_delete(connection.alias)
        self.assert_broken_at(5, "链尾事件缺失")

    def test_verify_catches_a_head_row_whose_hash_differs_from_the_last_event(self) -> None:
        self.record(3)
        AuditChainHead.objects.update(hash="f" * 64)
        self.assert_broken_at(3, "链头哈希与最后一个事件不符")

    def test_verify_catches_a_deleted_first_event(self) -> None:
        self.record(3)
        AuditEvent.objects.filter(seq=1)._raw_delete(connection.alias)
        self.assert_broken_at(2, "序号不连续")

    def test_verify_catches_an_inserted_event_with_renumbered_successors(self) -> None:
        events = self.record(4)
        # Make room after #2, from the top down so the primary key never collides.
        for seq in (4, 3):
            AuditEvent.objects.filter(seq=seq).update(seq=F("seq") + 1)
        payload = payload_of(events[1]) | {"seq": 3, "verb": "approve", "data": {"forged": True}}
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    seq=3,
                    at=events[1].at,
                    actor_id=self.reviewer.pk,
                    actor_name="王审核",
                    verb="approve",
                    object_type="core.user",
                    object_id="2",
                    data={"forged": True},
                    prev_hash=events[1].hash,
                    hash=chain_hash(events[1].hash, payload),
                )
            ]
        )
        self.assertEqual(AuditEvent.objects.count(), 5)
        # The forged #3 itself is well formed; the event after it is not.
        self.assert_broken_at(4, "前一哈希与上一事件不符")

    def test_verify_catches_an_inserted_event_appended_without_moving_the_head(self) -> None:
        events = self.record(2)
        payload = payload_of(events[1]) | {"seq": 3, "verb": "approve"}
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    seq=3,
                    at=events[1].at,
                    actor_id=self.reviewer.pk,
                    actor_name="王审核",
                    verb="approve",
                    object_type="core.user",
                    object_id="2",
                    data={"i": 2},
                    prev_hash=events[1].hash,
                    hash=chain_hash(events[1].hash, payload),
                )
            ]
        )
        self.assert_broken_at(3, "链头记录与最后一个事件不符")

    def test_verify_catches_two_events_swapped_with_their_hashes(self) -> None:
        events = self.record(4)
        fields = ["at", "actor_name", "verb", "object_type", "object_id", "data", "prev_hash", "hash"]
        second, third = (AuditEvent.objects.filter(seq=s).values(*fields).get() for s in (2, 3))
        AuditEvent.objects.filter(seq=2).update(**{k: v if k != "hash" else "tmp" for k, v in third.items()})
        AuditEvent.objects.filter(seq=3).update(**second)
        AuditEvent.objects.filter(seq=2).update(hash=events[2].hash)
        self.assert_broken_at(2, "前一哈希与上一事件不符")

    def test_verify_catches_two_events_contents_swapped_keeping_their_hashes(self) -> None:
        self.record(4)
        fields = ["verb", "object_id", "data"]
        second, third = (AuditEvent.objects.filter(seq=s).values(*fields).get() for s in (2, 3))
        AuditEvent.objects.filter(seq=2).update(**third)
        AuditEvent.objects.filter(seq=3).update(**second)
        self.assert_broken_at(2, "事件内容与其哈希不符")

    def test_verify_catches_a_whole_chain_rewritten_after_its_head_was_published(self) -> None:
        with time_machine.travel(at_shanghai(2026, 3, 2, 10), tick=False):
            events = self.record(3)
        publish_daily_heads(today=datetime.date(2026, 3, 3))
        # Rewrite #2 and recompute every later hash and the head row: internally consistent.
        AuditEvent.objects.filter(seq=2).update(data={"i": 99})
        prev = events[0].hash
        for seq in (2, 3):
            event = AuditEvent.objects.get(seq=seq)
            digest = chain_hash(prev, payload_of(event))
            AuditEvent.objects.filter(seq=seq).update(prev_hash=prev, hash=digest)
            prev = digest
        AuditChainHead.objects.update(hash=prev)
        self.assertTrue(verify_chain().ok)
        result = verify_chain_and_heads()
        self.assertFalse(result.ok)
        self.assertEqual(result.broken_seq, 3)
        self.assertIn("2026-03-02 公布的链头哈希不符", result.reason)

    def test_verify_catches_a_truncation_behind_a_published_head(self) -> None:
        with time_machine.travel(at_shanghai(2026, 3, 2, 10), tick=False):
            self.record(3)
        publish_daily_heads(today=datetime.date(2026, 3, 3))
        AuditEvent.objects.filter(seq=3)._raw_delete(connection.alias)
        AuditChainHead.objects.update(seq=2, hash=AuditEvent.objects.get(seq=2).hash)
        self.assertTrue(verify_chain().ok)
        result = verify_chain_and_heads()
        self.assertEqual((result.ok, result.broken_seq), (False, 3))
        self.assertIn("所指事件已不存在", result.reason)


class AuditCommandTests(ChainTestCase):
    def run_verify(self) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("audit", "verify", stdout=out, stderr=err)
        except SystemExit as exc:
            return int(exc.code or 0), out.getvalue(), err.getvalue()
        return 0, out.getvalue(), err.getvalue()

    def test_audit_verify_prints_ok_count_and_head_and_exits_0(self) -> None:
        events = self.record(3)
        code, out, _err = self.run_verify()
        self.assertEqual(code, 0)
        self.assertEqual(out.strip(), f"ok 3 {events[-1].hash}")

    def test_audit_verify_names_the_first_broken_event_and_exits_1(self) -> None:
        self.record(5)
        AuditEvent.objects.filter(seq__in=[2, 4]).update(verb="forged")
        code, out, err = self.run_verify()
        self.assertEqual(code, 1)
        self.assertEqual(out, "")
        self.assertEqual(err.strip(), "broken at event #2: 事件内容与其哈希不符")

    def test_audit_publish_heads_prints_how_many_days_were_published(self) -> None:
        with time_machine.travel(at_shanghai(2026, 3, 2, 10), tick=False):
            self.record(1)
        with time_machine.travel(at_shanghai(2026, 3, 4, 1), tick=False):
            out = io.StringIO()
            call_command("audit", "publish-heads", stdout=out)
            self.assertIn("published 1", out.getvalue())
            out = io.StringIO()
            call_command("audit", "publish-heads", stdout=out)
            self.assertIn("published 0", out.getvalue())


class PublishDailyHeadsTests(ChainTestCase):
    def test_publish_daily_heads_stores_each_completed_days_last_event(self) -> None:
        with time_machine.travel(at_shanghai(2026, 3, 2, 9), tick=False):
            self.record(2)
        with time_machine.travel(at_shanghai(2026, 3, 2, 23, 59), tick=False):
            last_of_day = self.record(1)[0]
        # No events on 3 March; two on 4 March.
        with time_machine.travel(at_shanghai(2026, 3, 4, 0, 1), tick=False):
            self.record(2)
        with time_machine.travel(at_shanghai(2026, 3, 5, 8), tick=False):
            self.assertEqual(publish_daily_heads(), 2)
        heads = list(PublishedChainHead.objects.order_by("day").values_list("day", "seq", "hash"))
        self.assertEqual(heads[0], (datetime.date(2026, 3, 2), 3, last_of_day.hash))
        self.assertEqual(heads[1][:2], (datetime.date(2026, 3, 4), 5))

    def test_publish_daily_heads_skips_today_and_is_idempotent(self) -> None:
        with time_machine.travel(at_shanghai(2026, 3, 2, 9), tick=False):
            self.record(1)
        with time_machine.travel(at_shanghai(2026, 3, 3, 9), tick=False):
            self.record(1)
            self.assertEqual(publish_daily_heads(), 1)
            self.assertEqual(publish_daily_heads(), 0)
            self.record(1)
            self.assertEqual(publish_daily_heads(), 0)
        self.assertEqual(
            list(PublishedChainHead.objects.values_list("day", "seq")), [(datetime.date(2026, 3, 2), 1)]
        )
        with time_machine.travel(at_shanghai(2026, 3, 4, 0, 5), tick=False):
            self.assertEqual(publish_daily_heads(), 1)
        self.assertEqual(PublishedChainHead.objects.get(day=datetime.date(2026, 3, 3)).seq, 3)

    def test_publish_daily_heads_uses_the_shanghai_day_not_the_utc_day(self) -> None:
        # 23:30 and 00:10 Shanghai time are both 1 March in UTC, but two different local days.
        with time_machine.travel(at_shanghai(2026, 3, 1, 23, 30), tick=False):
            self.record(1)
        with time_machine.travel(at_shanghai(2026, 3, 2, 0, 10), tick=False):
            self.record(1)
        self.assertEqual(publish_daily_heads(today=datetime.date(2026, 3, 3)), 2)
        self.assertEqual(
            list(PublishedChainHead.objects.order_by("day").values_list("day", "seq")),
            [(datetime.date(2026, 3, 1), 1), (datetime.date(2026, 3, 2), 2)],
        )

    def test_publish_daily_heads_with_no_events_publishes_nothing(self) -> None:
        self.assertEqual(publish_daily_heads(today=datetime.date(2026, 3, 3)), 0)
        self.assertFalse(PublishedChainHead.objects.exists())


class CanonicalJsonTests(TestCase):
    def test_canonical_json_of_nested_unicode_is_stable_across_key_order(self) -> None:
        a = canonical_json({"甲": 1, "data": {"x": [1, "二"], "a": True}})
        b = canonical_json({"data": {"a": True, "x": [1, "二"]}, "甲": 1})
        self.assertEqual(a, b)
        self.assertEqual(a, '{"data":{"a":true,"x":[1,"二"]},"甲":1}')
