"""Verifying the audit chain from raw rows (core.audit.iter_chain_rows, row_json): the bytes it
hashes are the canonical JSON the chain was written with, for every kind of event."""

from __future__ import annotations

import datetime
import decimal
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.test import TestCase

from fazhi.core import audit
from fazhi.core.audit import canonical_json, iter_chain, payload_of, record_event, row_json, utc_text
from fazhi.core.models import AuditEvent, User

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Data as actions pass it: record_event turns it into what the database gives back.
VARIED_DATA: list[Any] = [
    {},
    {"意见": "同意，建议按程序提交局长办公会审议。", "number": "津科规〔2021〕5号"},
    {"nested": {"b": [1, 2, {"z": None, "a": "中"}], "a": {"deeper": {"x": [[], {}]}}}, "none": None},
    {"day": datetime.date(2026, 3, 2), "moment": datetime.datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)},
    {"amount": decimal.Decimal("12.50"), "ratio": 0.03, "tiny": 1e-7, "big": 10**30, "neg": -1.5},
    {"quote": 'a "b" \\ c', "lines": "one\ntwo\tthree\r", "control": "\x01\x1f", "sep": "\u2028\u2029"},
    {"emoji": "🙂 𠀀", "latin": "Ünïcödé", "empty": "", "bool": [True, False]},
    {"z": 1, "a": 2, "m": 3, "中": 4, "A": 5, "_": 6},
    {"list_at_the_end": list(range(20))},
]


class RawRowVerificationTests(TestCase):
    reviewer: User

    @classmethod
    def setUpTestData(cls) -> None:
        cls.reviewer = User.objects.create(username="reviewer", full_name='王"审核"\\')

    def record_varied_events(self) -> None:
        moments = [
            datetime.datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=SHANGHAI),
            # Whole seconds: SQLite stores the time without a fraction.
            datetime.datetime(2026, 3, 2, 23, 59, 59, tzinfo=SHANGHAI),
            datetime.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.UTC),
            datetime.datetime(2027, 1, 1, 0, 0, 0, 1, tzinfo=SHANGHAI),
        ]
        for n, data in enumerate(VARIED_DATA):
            with time_machine.travel(moments[n % len(moments)], tick=False):
                record_event(
                    "review" if n % 2 else "文件.提交",
                    actor=None if n % 3 == 0 else self.reviewer,
                    object_type="documents.normativedocument" if n % 2 else "",
                    object_id=str(n) if n % 2 else '编号-"7"',
                    from_status="draft" if n % 2 else "",
                    to_status="审核中",
                    data=data,
                )

    def test_the_raw_row_bytes_are_the_canonical_json_the_chain_was_written_with(self) -> None:
        self.record_varied_events()
        rows = list(audit.iter_chain_rows())
        events = list(iter_chain())
        self.assertEqual(len(rows), len(VARIED_DATA))
        for row, event in zip(rows, events, strict=True):
            with self.subTest(seq=event.seq):
                self.assertEqual(row_json(row), canonical_json(payload_of(event)))
                self.assertEqual(audit.chain_hash(event.prev_hash, payload_of(event)), event.hash)
        result = audit.verify_chain()
        self.assertTrue(result.ok, result)
        self.assertEqual(result, audit.verify_events(iter_chain()))

    def test_an_edited_value_deep_in_the_data_breaks_the_chain_at_that_event(self) -> None:
        self.record_varied_events()
        event = AuditEvent.objects.get(seq=3)
        data = event.data
        data["nested"]["b"][2]["a"] = "改"
        AuditEvent.objects.filter(seq=3).update(data=data)
        result = audit.verify_chain()
        self.assertFalse(result.ok)
        self.assertEqual((result.broken_seq, result.reason), (3, "事件内容与其哈希不符"))
        self.assertEqual(result, audit.verify_events(iter_chain()))

    def test_the_time_is_hashed_in_utc_with_microseconds_whatever_form_it_is_read_in(self) -> None:
        expected = "2026-03-02T01:30:15.000000+00:00"
        self.assertEqual(utc_text("2026-03-02 01:30:15"), expected)
        self.assertEqual(utc_text("2026-03-02 01:30:15.000000"), expected)
        self.assertEqual(utc_text(expected), expected)
        self.assertEqual(utc_text("2026-03-02T09:30:15+08:00"), expected)
        self.assertEqual(utc_text(datetime.datetime(2026, 3, 2, 9, 30, 15, tzinfo=SHANGHAI)), expected)
        with self.assertRaises(ValueError):
            utc_text("not a time")


class NumbersBothDatabasesKeepTests(TestCase):
    """Numbers PostgreSQL's jsonb cannot give back as written (no negative zero; 1e+16 comes
    back as 10000000000000000; no NaN) are stored in the form both databases return, so the
    chain verifies on both (the PostgreSQL run of the suite runs this too)."""

    def test_negative_zero_large_floats_and_nan_are_stored_as_both_databases_return_them(self) -> None:
        data = {
            "neg_zero": -0.0,
            "big": 1e16,
            "huge": 1e300,
            "nested": [-0.0, 2.5e20, {"x": -3e17}],
            "small": 1e-7,
            "plain": 12.5,
            "nan": float("nan"),
            "inf": float("inf"),
            "minus_inf": float("-inf"),
        }
        record_event("review", actor=None, data=data)
        record_event("review", actor=None, data={"after": 1})
        stored = AuditEvent.objects.get(seq=1).data
        self.assertEqual(
            stored,
            {
                "neg_zero": 0.0,
                "big": 10**16,
                "huge": int(1e300),
                "nested": [0.0, 250000000000000000000, {"x": -300000000000000000}],
                "small": 1e-7,
                "plain": 12.5,
                "nan": "NaN",
                "inf": "Infinity",
                "minus_inf": "-Infinity",
            },
        )
        self.assertEqual(str(stored["neg_zero"]), "0.0")
        result = audit.verify_chain()
        self.assertTrue(result.ok, result)
        self.assertEqual(result, audit.verify_events(iter_chain()))
