"""The gates of the steps after the legal review, one by one: who may take each, the dates in
order (never before the step before, never in the future), what each must record, and the
order of the steps; a refused step changes nothing and writes no audit event."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.testing import BaseTestCase
from fazhi.core.workflow import DomainError, InvalidTransition
from fazhi.reports import actions
from fazhi.reports.models import AnnualReport
from fazhi.reports.tests.factories import D, approved, at, drafted, in_review, published

S = AnnualReport.Status


class StepGateTests(BaseTestCase):
    def setUp(self) -> None:
        with at("2022-01-10"):
            self.report = drafted(self)

    def assertUnchanged(self, status: str, verb: str) -> None:
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, status)
        self.assertFalse(AuditEvent.objects.filter(verb=verb).exists())

    def test_only_the_leadership_approves_and_only_after_the_years_start(self) -> None:
        with at("2022-02-20"):
            in_review(self, self.report)
            with self.assertRaises(PermissionDenied):
                actions.approve_report(
                    self.report, actor=self.drafter, meeting="局党委会", approved_on=D(2022, 2, 18)
                )
            with self.assertRaisesMessage(DomainError, "审议日期不能早于2021年1月1日"):
                actions.approve_report(
                    self.report, actor=self.director, meeting="局党委会", approved_on=D(2020, 12, 31)
                )
        self.assertUnchanged(S.LEGAL_REVIEW, "report.approve")

    def test_submission_by_the_legal_affairs_division_to_someone_not_before_approval(self) -> None:
        with at("2022-02-25"):
            approved(self, self.report)  # approved on 18 February
            with self.assertRaises(PermissionDenied):
                actions.submit_report(
                    self.report, actor=self.director, submitted_to="市委", submitted_on=D(2022, 2, 25)
                )
            with self.assertRaisesMessage(DomainError, "请填写报送单位"):
                actions.submit_report(
                    self.report, actor=self.reviewer, submitted_to=" ", submitted_on=D(2022, 2, 25)
                )
            with self.assertRaisesMessage(DomainError, "报送日期不能早于2022年2月18日"):
                actions.submit_report(
                    self.report, actor=self.reviewer, submitted_to="市委", submitted_on=D(2022, 2, 17)
                )
            with self.assertRaisesMessage(DomainError, "报送日期不能晚于今天"):
                actions.submit_report(
                    self.report, actor=self.reviewer, submitted_to="市委", submitted_on=D(2022, 2, 26)
                )
        self.assertUnchanged(S.APPROVED, "report.submit")

    def test_the_secrecy_check_after_submission_names_who_checked(self) -> None:
        with at("2022-02-28"):
            approved(self, self.report)
            with self.assertRaises(InvalidTransition):  # not submitted yet
                actions.record_secrecy_check(
                    self.report, actor=self.reviewer, checked_by="王审核", checked_on=D(2022, 2, 28)
                )
            actions.submit_report(
                self.report, actor=self.reviewer, submitted_to="市委", submitted_on=D(2022, 2, 25)
            )
            with self.assertRaises(PermissionDenied):
                actions.record_secrecy_check(
                    self.report, actor=self.drafter, checked_by="王审核", checked_on=D(2022, 2, 28)
                )
            with self.assertRaisesMessage(DomainError, "请填写保密审查人"):
                actions.record_secrecy_check(
                    self.report, actor=self.reviewer, checked_by="", checked_on=D(2022, 2, 28)
                )
            with self.assertRaisesMessage(DomainError, "保密审查日期不能早于2022年2月25日"):
                actions.record_secrecy_check(
                    self.report, actor=self.reviewer, checked_by="王审核", checked_on=D(2022, 2, 24)
                )
        self.assertUnchanged(S.SUBMITTED, "report.secrecy_check")

    def test_publication_by_the_legal_affairs_division_not_before_the_secrecy_check_and_once(self) -> None:
        with at("2022-03-10"):
            published(self, self.report)  # checked on 28 February, published on 10 March
            with self.assertRaises(InvalidTransition):
                actions.publish_report(self.report, actor=self.reviewer, published_on=D(2022, 3, 10))
            with self.assertRaises(InvalidTransition):  # a published report is never returned
                actions.return_report(self.report, actor=self.director, reason="改")
        self.assertEqual(AuditEvent.objects.filter(verb="report.publish").count(), 1)
        with at("2022-03-10"):
            other = actions.create_report(actor=self.reviewer, agency=self.bureau, year=2020)
            approved(self, other)
            actions.submit_report(
                other, actor=self.reviewer, submitted_to="市委", submitted_on=D(2021, 2, 25)
            )
            actions.record_secrecy_check(
                other, actor=self.reviewer, checked_by="王审核", checked_on=D(2021, 2, 28)
            )
            with self.assertRaises(PermissionDenied):
                actions.publish_report(other, actor=self.director, published_on=D(2021, 3, 10))
            with self.assertRaisesMessage(DomainError, "公开日期不能早于2021年2月28日"):
                actions.publish_report(other, actor=self.reviewer, published_on=D(2021, 2, 27))
        other.refresh_from_db()
        self.assertEqual(other.status, S.SECRECY_CHECKED)

    def test_return_needs_a_reason_and_someone_who_assembles_or_approves(self) -> None:
        with at("2022-02-20"):
            approved(self, self.report)
            with self.assertRaises(PermissionDenied):
                actions.return_report(self.report, actor=self.drafter, reason="补充")
            with self.assertRaisesMessage(DomainError, "请填写退回理由"):
                actions.return_report(self.report, actor=self.director, reason="")
        self.assertUnchanged(S.APPROVED, "report.return")
