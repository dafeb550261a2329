"""An audit event's data kept as its canonical JSON text (CanonicalJSONField, migration core
0010), and the verifier that hashes that text as it is: where those bytes give the stored hash,
the reference (core.audit.row_json) gives it too, so every verdict is the reference's."""

from __future__ import annotations

import datetime
import hashlib
import importlib
import json
import unittest
from types import SimpleNamespace
from typing import Any
from unittest import mock

import hypothesis.strategies as st
import time_machine
from django.apps import apps
from django.core.exceptions import FieldError
from django.db import connection
from django.test import TestCase
from hypothesis import example, given, settings

from fazhi.core import audit, audit_fast
from fazhi.core.models import AuditEvent
from fazhi.core.models.canonical import CANONICAL_ENCODER
from fazhi.core.tests.test_audit_fast import AT, json_values, original, row

from .test_audit_rows import VARIED_DATA

migration = importlib.import_module("fazhi.core.migrations.0010_audit_data_canonical_text")
TABLE = AuditEvent._meta.db_table


def stored_text(seq: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT data FROM {TABLE} WHERE seq = %s", [seq])  # noqa: S608 - our table
        return str(cursor.fetchone()[0])


def store_at(seq: int, text: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET at = %s WHERE seq = %s", [text, seq])  # noqa: S608


def store_text(seq: int, text: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET data = %s WHERE seq = %s", [text, seq])  # noqa: S608


class StoredTextTests(TestCase):
    def test_the_column_holds_exactly_the_data_its_hash_covers(self) -> None:
        for data in VARIED_DATA:
            event = audit.record_event("approve", actor=None, data=data)
            payload = audit.payload_of(event)
            with self.subTest(data=data):
                self.assertEqual(stored_text(event.seq), CANONICAL_ENCODER.encode(payload["data"]))
                self.assertIn(
                    f',"data":{stored_text(event.seq)},"from_status":', audit.canonical_json(payload)
                )
                # Read back as a JSONField would read it.
                self.assertEqual(AuditEvent.objects.get(seq=event.seq).data, payload["data"])
                self.assertEqual(
                    AuditEvent.objects.filter(seq=event.seq).values_list("data", flat=True)[0],
                    payload["data"],
                )

    def test_a_chain_of_ordinary_events_is_verified_from_the_stored_text_alone(self) -> None:
        for data in VARIED_DATA:
            audit.record_event("approve", actor=None, data=data)
        with (
            mock.patch.object(audit_fast, "_loads", side_effect=AssertionError("decoded")),
            mock.patch.object(audit, "iter_chain_rows", side_effect=AssertionError("read again")),
            mock.patch.object(audit, "row_json", side_effect=AssertionError("reference")),
        ):
            result = audit.verify_chain()
        self.assertEqual((result.ok, result.count), (True, len(VARIED_DATA)))

    def test_times_with_a_short_fraction_pass_in_the_run_and_another_form_is_read_again(self) -> None:
        audit.record_event("approve", actor=None, data={"n": 1})
        for micro in (0, 500000, 120000, 1):  # a whole second; fractions with trailing zeros
            at = datetime.datetime(2026, 3, 2, 1, 30, 15, micro, tzinfo=datetime.UTC)
            with time_machine.travel(at, tick=False):
                audit.record_event("approve", actor=None, data={"n": micro})
        self.assertEqual((self.verified_reading_again(), audit.verify_chain().count), ([], 5))
        if connection.vendor == "sqlite":  # a form only SQLite's text can hold
            store_at(3, "2026-03-02T09:30:15.500000+08:00")  # the same instant
            self.assertEqual(self.verified_reading_again(), [3])
            store_at(3, "2026-03-02 01:30:15.")
            with self.assertRaises(ValueError):  # as the reference: not a time
                audit.verify_chain()

    def verified_reading_again(self) -> list[int]:
        read_again = []
        real = audit.iter_chain_rows

        def spy(after: int = 0, batch: int = 5000) -> Any:
            read_again.append(after + 1)
            return real(after, batch)

        with mock.patch.object(audit, "iter_chain_rows", spy):
            result = audit.verify_chain()
        self.assertTrue(result.ok, result)
        return read_again

    def test_the_same_value_stored_in_another_form_still_verifies(self) -> None:
        for n in range(3):
            audit.record_event("approve", actor=None, data={"意见": "同意", "n": n, "b": [1.5, None]})
        for form in (
            json.dumps({"意见": "同意", "n": 1, "b": [1.5, None]}),  # Django's JSONField on SQLite
            '{"b": [1.5, null], "n": 1, "意见": "同意"}',  # jsonb's text
            '{"b":[1.5,null],"n":1,"意见":"同意"} ',
        ):
            store_text(2, form)
            with self.subTest(form=form):
                result = audit.verify_chain()
                self.assertTrue(result.ok, result)
                self.assertEqual(result, audit.verify_events(audit.iter_chain()))

    def test_another_value_breaks_the_chain_at_that_event(self) -> None:
        for n in range(4):
            audit.record_event("approve", actor=None, data={"n": n})
        for text in ('{"n":9}', '{"n":2},"x":1', "not json", '{"n":2.0}', ""):
            store_text(3, text)
            with self.subTest(text=text):
                result = audit.verify_chain()
                self.assertEqual((result.ok, result.broken_seq), (False, 3))
                self.assertEqual(result.reason, "事件内容与其哈希不符")

    def test_a_field_of_another_type_is_left_to_the_reference(self) -> None:
        fields, hashed = row('{"n":1}'), original({"n": 1})
        self.assertTrue(stored_match(fields, hashed))
        for index in (3, 4, 5, 6, 7, 8):  # the six JSON strings
            for value in (None, 5, 5.0, "x", [b"x"]):
                with self.subTest(index=index, value=value):
                    self.assertFalse(stored_match(fields, hashed, {index: value}))
        odd: list[tuple[int, Any]] = [
            (2, b"3"),
            (2, "3"),
            (2, 3.0),
            (2, True),
            (9, '{"n":1}'),
            (9, None),
            (1, AT),
            (3, b"\xff"),
        ]
        for index, other in odd:
            with self.subTest(index=index, value=other):
                self.assertFalse(stored_match(fields, hashed, {index: other}))


def stored_match(fields: tuple[Any, ...], hashed: bytes, replace: dict[int, Any] | None = None) -> bool:
    """Whether the stored-text run (way 1) takes `fields` (event 7, its texts read as bytes, as
    `iter_chain_raw` reads them, then the values of `replace` put in) as the event whose
    canonical bytes were `hashed`."""
    prev = "a" * 64
    digest = hashlib.sha256(f"{prev}\n".encode() + hashed).hexdigest()
    raw = [value.encode() if isinstance(value, str) else value for value in (*fields[:10], prev, digest)]
    for index, value in (replace or {}).items():
        raw[index] = value
    left, _prev, _count = audit_fast.run_stored(iter([tuple(raw)]), prev, 6, {}, {})
    return left is None


class StoredBytesProperty(unittest.TestCase):
    """Tampering that moves text between the data and its neighbours, or stores any text at all,
    never gives a match the reference would not give."""

    @settings(max_examples=300, deadline=None)
    @given(json_values, st.text(max_size=12), st.sampled_from(["front", "back", "any"]))
    @example({"a": "x"}, "", "back")
    @example({"a": 1}, '"x"', "front")
    def test_where_the_stored_bytes_match_what_was_hashed_the_reference_matches_too(
        self, written: Any, extra: str, where: str
    ) -> None:
        hashed = original(written)
        canonical = CANONICAL_ENCODER.encode(written)
        texts = [canonical, extra, canonical + extra, extra + canonical, canonical[:-1], canonical[1:]]
        for text in texts:
            fields = row(text)
            if where == "back":  # the data swallows the start of the next field
                fields = (*fields[:7], f"{fields[7]}{extra}", *fields[8:])
            elif where == "front":
                fields = (*fields[:3], f"{extra}{fields[3]}", *fields[4:])
            if stored_match(fields, hashed):
                self.assertEqual(audit.row_json(fields).encode(), hashed, text)
        self.assertTrue(stored_match(row(canonical), hashed))


class MigrationTests(TestCase):
    def test_old_texts_become_canonical_and_every_verdict_stays(self) -> None:
        values = [{"n": n, "意见": "同意", "z": [1, {"b": 2, "a": None}]} for n in range(6)]
        for value in values:
            audit.record_event("approve", actor=None, data=value)
        # As releases before the migration wrote them: ensure_ascii and spaces (SQLite), or
        # jsonb's key order and spaces (PostgreSQL); one undecodable text.
        store_text(1, json.dumps(values[0]))
        store_text(2, '{"n": 1, "z": [1, {"a": null, "b": 2}], "意见": "同意"}')
        store_text(4, "{broken")
        before = audit.verify_chain()
        self.assertEqual((before.ok, before.broken_seq), (False, 4))

        migration.canonical_text(apps, SimpleNamespace(connection=connection))

        for seq in (1, 2, 3, 5, 6):
            self.assertEqual(stored_text(seq), CANONICAL_ENCODER.encode(values[seq - 1]))
        self.assertEqual(stored_text(4), "{broken")
        self.assertEqual(audit.verify_chain(), before)
        store_text(4, CANONICAL_ENCODER.encode(values[3]))
        with mock.patch.object(audit, "row_json", side_effect=AssertionError("reference")):
            self.assertTrue(audit.verify_chain().ok)


class LookupTests(TestCase):
    def test_json_lookups_are_refused_on_every_database_and_the_whole_value_compares(self) -> None:
        audit.record_event("approve", actor=None, data={"late": True, "n": [1, 2]})
        for lookup in ({"data__late": True}, {"data__contains": {"late": True}}, {"data__has_key": "late"}):
            with self.subTest(lookup=lookup), self.assertRaises(FieldError):
                AuditEvent.objects.filter(**lookup).exists()
        self.assertTrue(AuditEvent.objects.filter(data={"n": [1, 2], "late": True}).exists())
        self.assertFalse(AuditEvent.objects.filter(data={"n": [1, 2]}).exists())
        self.assertEqual(AuditEvent.objects.filter(data__isnull=False).count(), 1)
