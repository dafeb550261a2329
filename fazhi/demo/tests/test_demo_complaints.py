"""The demo's complaints: none in 2021, as the report says; in 2026 one at each stage, one of
them linked to the enforcement case it led to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from django.test import TestCase, override_settings

from fazhi.complaints import receipt
from fazhi.complaints.models import Complaint
from fazhi.complaints.stats import complaint_figures
from fazhi.core import figures
from fazhi.demo.complaints import DEMO_RECEIPT_CODE
from fazhi.demo.data import load_demo


@pytest.fixture(autouse=True, scope="module")
def _demo_media_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")):
        yield


@time_machine.travel("2026-12-07 10:00 +08:00", tick=False)
class DemoComplaintTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.notes = load_demo()["notes"]

    def test_2021_had_no_complaint_about_enforcement(self) -> None:
        self.assertEqual(complaint_figures(2021).received, 0)
        self.assertEqual(figures.compute("complaints.received", None, 2021).value, 0)

    def test_2026_has_a_complaint_at_every_stage_and_one_led_to_a_case(self) -> None:
        statuses = set(Complaint.objects.values_list("status", flat=True))
        self.assertEqual(statuses, {"submitted", "accepted", "answered", "transferred"})
        got = complaint_figures(2026)
        self.assertEqual(
            (got.received, got.accepted, got.answered_in_time, got.led_to_cases, got.transferred),
            (4, 3, 2, 1, 1),
        )
        (linked,) = Complaint.objects.filter(enforcement_case__isnull=False)
        self.assertEqual(linked.enforcement_case.title, "举报未经许可使用实验动物开展实验")  # type: ignore[union-attr]
        self.assertEqual(self.notes, [])
        # The receipt code the README gives opens the linked report's status.
        self.assertEqual(linked.receipt_digest, receipt.digest(DEMO_RECEIPT_CODE))
