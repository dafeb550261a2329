"""The audit chain's fast canonical bytes (core.audit_fast, orjson) beside the reference
(core.audit.row_json, the standard library's json): where the fast bytes give the stored hash,
the reference gives it too — so the verifier says exactly what the reference alone would say —
and for ordinary data the fast bytes are the reference's, so the fast path is the one taken."""

from __future__ import annotations

import json
import unittest
from typing import Any
from unittest import mock

import hypothesis.strategies as st
from django.test import TestCase
from hypothesis import example, given, settings

from fazhi.core import audit
from fazhi.core.audit_fast import payload_bytes
from fazhi.core.models import AuditEvent

AT = "2026-03-02 01:30:15.123456"


def row(data_text: str | None, *, at: str = AT) -> tuple[Any, ...]:
    """A raw chain row (audit.CHAIN_FIELDS) holding `data_text`, as iter_chain_rows reads it."""
    return (
        7,
        at,
        3,
        '王"审核"',
        "approve",
        "documents.normativedocument",
        "5",
        "draft",
        "审核中",
        data_text,
        "",
        "",
    )


def reference(data_text: str | None) -> bytes:
    return audit.row_json(row(data_text)).encode()


def original(value: Any) -> bytes:
    """The bytes the chain was written with for data `value`."""
    return reference(json.dumps(value, ensure_ascii=False))


scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
json_values = st.recursive(
    scalars | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)
float_free = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


def stored_forms(value: Any) -> list[str]:
    """Texts a database may hold for `value`: Django's json.dumps on SQLite, the canonical text,
    a spaced and indented one (PostgreSQL's jsonb reads back with spaces)."""
    return [
        json.dumps(value),
        json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        json.dumps(value, ensure_ascii=False, indent=1),
    ]


class FastBytesTests(unittest.TestCase):
    @settings(max_examples=300, deadline=None)
    @given(json_values, json_values)
    @example({"x": 1.8446744073709552e19}, {"x": 2**64})
    @example({"x": -9.223372036854776e18}, {"x": -(2**63) - 1})
    @example({"x": 1.0}, {"x": 1})
    @example({"a": 2}, {"a": 2.0})
    @example({"x": 1e-7}, {"x": 1e-7})
    def test_where_the_fast_bytes_match_what_was_hashed_the_reference_matches_too(
        self, written: Any, stored: Any
    ) -> None:
        hashed = original(written)
        for text in [*stored_forms(stored), *stored_forms(written)]:
            fast = payload_bytes(row(text), audit.utc_text)
            if fast == hashed:
                self.assertEqual(reference(text), hashed, text)

    @settings(max_examples=200, deadline=None)
    @given(float_free)
    def test_for_data_without_floats_the_fast_bytes_are_the_references(self, value: Any) -> None:
        for text in stored_forms(value):
            if any(len(str(abs(n))) >= 19 for n in _integers(value)):
                continue  # beyond 64 bits orjson reads a float: the reference decides
            if "e+" in text:
                continue  # so does any text holding "e+", even inside a string (the guard is blunt)
            self.assertEqual(payload_bytes(row(text), audit.utc_text), reference(text))

    def test_the_time_in_each_stored_form_is_written_as_the_reference_writes_it(self) -> None:
        for at in (
            AT,
            "2026-03-02 01:30:15",
            "2026-03-02T01:30:15.123456+00:00",
            "2026-03-02T09:30:15+08:00",
        ):
            with self.subTest(at=at):
                fast = payload_bytes(row('{"n":1}', at=at), audit.utc_text)
                self.assertEqual(fast, audit.row_json(row('{"n":1}', at=at)).encode())

    def test_text_only_the_reference_can_read_is_left_to_it(self) -> None:
        for text in ('{"x": NaN}', '{"x": Infinity}', '"\\ud800"', "not json", '{"x": 18446744073709551616}'):
            with self.subTest(text=text):
                self.assertIsNone(payload_bytes(row(text), audit.utc_text))


def _integers(value: Any) -> list[int]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, list):
        return [n for item in value for n in _integers(item)]
    if isinstance(value, dict):
        return [n for item in value.values() for n in _integers(item)]
    return []


class FastVerificationTests(TestCase):
    def test_a_large_float_rewritten_as_the_integer_orjson_would_read_back_breaks_the_chain(self) -> None:
        audit.record_event("approve", actor=None, data={"n": 1})
        # Written as a release before numbers were normalised (audit._stored_float) wrote it.
        with mock.patch.object(audit, "_stored_float", float):
            audit.record_event("approve", actor=None, data={"x": 1.8446744073709552e19})
        audit.record_event("approve", actor=None, data={"n": 3})
        self.assertTrue(audit.verify_chain().ok)  # the stored text keeps the number as written
        AuditEvent.objects.filter(seq=2).update(data={"x": 2**64})
        result = audit.verify_chain()
        self.assertEqual((result.ok, result.broken_seq, result.reason), (False, 2, "事件内容与其哈希不符"))
        self.assertEqual(result, audit.verify_events(audit.iter_chain()))

    def test_a_chain_of_ordinary_events_is_verified_by_the_fast_bytes_alone(self) -> None:
        for n in range(5):
            audit.record_event("approve", actor=None, data={"意见": "同意", "n": n, "list": [n, None, True]})
        with self._reference_counted() as calls:
            self.assertTrue(audit.verify_chain().ok)
        self.assertEqual(calls, [])

    def _reference_counted(self) -> Any:
        from contextlib import contextmanager

        @contextmanager
        def counting() -> Any:
            calls: list[Any] = []
            real = audit.row_json

            def spy(r: Any) -> str:
                calls.append(r)
                return real(r)

            with mock.patch.object(audit, "row_json", spy):
                yield calls

        return counting()
