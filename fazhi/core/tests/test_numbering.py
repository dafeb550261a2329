from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test import TransactionTestCase

from fazhi.core.models import AuditEvent, IssuedNumber, NumberSeries, Organization
from fazhi.core.numbering import create_series, format_number, issue_number
from fazhi.core.roles import Role
from fazhi.core.testing import BaseTestCase, make_user
from fazhi.core.workflow import DomainError


class FormatNumberTests(BaseTestCase):
    def test_number_uses_hexagonal_brackets_of_gb_t_9704(self) -> None:
        number = format_number("津科规", 2026, 3)
        self.assertEqual(number, "津科规〔2026〕3号")
        self.assertIn("\u3014", number)
        self.assertIn("\u3015", number)


class IssueNumberTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.normative = NumberSeries.objects.create(
            organization=cls.bureau, kind="normative", prefix="津科规"
        )
        cls.ordinary = NumberSeries.objects.create(organization=cls.bureau, kind="ordinary", prefix="津科")

    def test_sequence_starts_at_one_and_has_no_gaps(self) -> None:
        numbers = [issue_number(self.normative, year=2026, actor=self.reviewer).number for _ in range(3)]
        self.assertEqual(numbers, ["津科规〔2026〕1号", "津科规〔2026〕2号", "津科规〔2026〕3号"])

    def test_each_year_and_each_series_count_separately(self) -> None:
        issue_number(self.normative, year=2025, actor=self.reviewer)
        issue_number(self.normative, year=2025, actor=self.reviewer)
        self.assertEqual(issue_number(self.normative, year=2026, actor=self.reviewer).sequence, 1)
        self.assertEqual(
            issue_number(self.ordinary, year=2026, actor=self.reviewer).number, "津科〔2026〕1号"
        )

    def test_a_rolled_back_issuance_leaves_no_gap(self) -> None:
        issue_number(self.normative, year=2026, actor=self.reviewer)
        with self.assertRaises(RuntimeError), transaction.atomic():
            issue_number(self.normative, year=2026, actor=self.reviewer)
            raise RuntimeError("document issuance failed after numbering")
        self.assertEqual(issue_number(self.normative, year=2026, actor=self.reviewer).sequence, 2)

    def test_issued_numbers_are_never_reused(self) -> None:
        first = issue_number(self.normative, year=2026, actor=self.reviewer)
        # A withdrawn document keeps its number; the next issuance takes the next one.
        self.assertEqual(
            issue_number(self.normative, year=2026, actor=self.reviewer).sequence, first.sequence + 1
        )

    def test_issuing_writes_an_audit_event_with_the_number(self) -> None:
        issued = issue_number(self.normative, year=2026, actor=self.reviewer, title="关于科技计划管理的规定")
        event = AuditEvent.objects.get(verb="number.issue")
        self.assertEqual(event.data["number"], issued.number)
        self.assertEqual(event.actor, self.reviewer)

    def test_drafter_may_not_issue_numbers(self) -> None:
        with self.assertRaises(PermissionDenied):
            issue_number(self.normative, year=2026, actor=self.drafter)
        self.assertFalse(IssuedNumber.objects.exists())

    def test_series_prefix_with_brackets_is_refused(self) -> None:
        agency = Organization.objects.create(
            name="另一处室", code="other", kind="division", parent=self.bureau
        )
        with self.assertRaisesMessage(DomainError, "括号"):
            create_series(agency, kind="normative", prefix="津X〔", actor=self.admin_user)

    def test_only_a_system_administrator_creates_a_series(self) -> None:
        agency = Organization.objects.create(
            name="另一处室", code="other", kind="division", parent=self.bureau
        )
        with self.assertRaises(PermissionDenied):
            create_series(agency, kind="normative", prefix="津另规", actor=self.reviewer)
        series = create_series(agency, kind="normative", prefix="津另规", actor=self.admin_user)
        self.assertEqual(series.prefix, "津另规")


class NumberingPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ordinary = NumberSeries.objects.create(organization=cls.bureau, kind="ordinary", prefix="津科")

    def test_reviewer_registers_an_ordinary_document_number(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            "/work/numbering/",
            {"issue-series": self.ordinary.pk, "issue-year": 2026, "issue-title": "关于开展检查的通知"},
            follow=True,
        )
        self.assertContains(response, "津科〔2026〕1号")

    def test_bad_year_shows_a_chinese_error_and_issues_nothing(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            "/work/numbering/",
            {"issue-series": self.ordinary.pk, "issue-year": "二〇二六", "issue-title": "x"},
        )
        self.assertContains(response, "年度须为四位数字")
        self.assertFalse(IssuedNumber.objects.exists())

    def test_drafter_gets_404(self) -> None:
        self.login(self.drafter)
        self.assertEqual(self.client.get("/work/numbering/").status_code, 404)

    def test_reviewer_cannot_create_a_series(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            "/work/numbering/",
            {
                "series-organization": self.justice_bureau.pk,
                "series-kind": "normative",
                "series-code": "津司规",
            },
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(NumberSeries.objects.filter(prefix="津司规").exists())


@pytest.mark.postgres
class ConcurrentNumberingTests(TransactionTestCase):
    """Many threads issue numbers at once: no duplicate, no gap (DOMAIN.md §4)."""

    def test_concurrent_issuance_produces_no_duplicate_and_no_gap(self) -> None:
        from django.contrib.auth.models import Group

        from fazhi.core.roles import sync_role_groups

        sync_role_groups()
        self.assertTrue(Group.objects.filter(name=Role.LEGAL_REVIEWER).exists())
        bureau = Organization.objects.create(name="天津市科学技术局", code="tjkjj", kind="agency")
        series = NumberSeries.objects.create(organization=bureau, kind="normative", prefix="津科规")
        reviewer = make_user("reviewer", org=bureau, roles=[Role.LEGAL_REVIEWER])
        threads, per_thread, errors = 8, 12, []
        barrier = threading.Barrier(threads)

        def work() -> None:
            try:
                barrier.wait()
                for _ in range(per_thread):
                    with transaction.atomic():
                        issue_number(series, year=2026, actor=reviewer)
            except Exception as exc:  # collected and asserted below
                errors.append(exc)
            finally:
                connection.close()

        pool = [threading.Thread(target=work) for _ in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        self.assertEqual(errors, [])
        sequences = sorted(
            IssuedNumber.objects.filter(series=series, year=2026).values_list("sequence", flat=True)
        )
        self.assertEqual(sequences, list(range(1, threads * per_thread + 1)))
        self.assertEqual(AuditEvent.objects.filter(verb="number.issue").count(), threads * per_thread)
