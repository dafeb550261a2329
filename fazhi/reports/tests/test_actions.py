"""The steps of the annual report: each with its gate, its actor and its audit event."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.testing import BaseTestCase
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.reports import actions
from fazhi.reports.models import AnnualReport, Part
from fazhi.reports.tests.factories import D, approved, at, drafted, in_review, published

S = AnnualReport.Status


class CreateTests(BaseTestCase):
    def test_the_legal_affairs_division_creates_a_report_with_a_section_per_part(self) -> None:
        with at("2022-01-10"):
            report = drafted(self)
        self.assertEqual(report.status, S.DRAFTING)
        self.assertEqual(report.title, "市科技局2021年法治政府建设情况报告")
        self.assertEqual(list(report.sections.values_list("part", flat=True)), report.part_order)
        self.assertTrue(AuditEvent.objects.filter(verb="report.create", object_id=str(report.pk)).exists())

    def test_the_part_order_is_a_setting_and_the_fifth_part_optional(self) -> None:
        order = [Part.DUTY, Part.MEASURES, Part.SHORTCOMINGS, Part.PLAN, Part.OTHER]
        with at("2022-01-10"):
            report = actions.create_report(
                actor=self.reviewer, agency=self.bureau, year=2021, part_order=order
            )
        self.assertEqual(report.part_order, [str(p) for p in order])

    def test_a_required_part_cannot_be_left_out(self) -> None:
        with at("2022-01-10"), self.assertRaisesMessage(DomainError, "存在的不足和原因"):
            actions.create_report(
                actor=self.reviewer,
                agency=self.bureau,
                year=2021,
                part_order=[Part.MEASURES, Part.DUTY, Part.PLAN],
            )

    def test_one_report_per_agency_and_year(self) -> None:
        with at("2022-01-10"):
            drafted(self)
            with self.assertRaisesMessage(DomainError, "已存在"):
                actions.create_report(actor=self.reviewer, agency=self.bureau, year=2021)

    def test_only_the_legal_affairs_division_creates_and_edits(self) -> None:
        with at("2022-01-10"):
            for user in (self.drafter, self.director, self.admin_user):
                with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                    actions.create_report(actor=user, agency=self.bureau, year=2021)


class ContributionTests(BaseTestCase):
    def setUp(self) -> None:
        with at("2022-01-10"):
            self.report = drafted(self)
            self.section = self.report.sections.get(part=Part.DUTY)
            self.task = actions.assign_contribution(
                self.section, actor=self.reviewer, division=self.sci_division, due_on=D(2022, 1, 20)
            )

    def test_a_division_contributes_its_section_by_the_due_date(self) -> None:
        with at("2022-01-11"):
            actions.open_contributions(self.report, actor=self.reviewer)
            actions.submit_contribution(
                self.task, actor=self.drafter, text="局主要负责人履行第一责任人职责。"
            )
        self.section.refresh_from_db()
        self.assertEqual(self.section.text, "局主要负责人履行第一责任人职责。")
        event = AuditEvent.objects.get(verb="report.submit_contribution")
        self.assertFalse(event.data["late"])

    def test_another_division_cannot_contribute(self) -> None:
        with at("2022-01-11"), self.assertRaises(PermissionDenied):
            actions.submit_contribution(self.task, actor=self.outsider, text="文字")

    def test_review_waits_for_every_contribution(self) -> None:
        with at("2022-01-11"):
            actions.generate_figures(self.report, actor=self.reviewer)
            with self.assertRaisesMessage(LegalGateClosed, "尚有处室未提交供稿"):
                actions.send_to_review(self.report, actor=self.reviewer)

    def test_a_due_date_in_the_past_is_refused(self) -> None:
        with at("2022-01-11"), self.assertRaisesMessage(DomainError, "供稿期限不能早于今天"):
            actions.assign_contribution(
                self.section, actor=self.reviewer, division=self.legal_division, due_on=D(2022, 1, 10)
            )

    def test_contributions_need_a_task(self) -> None:
        with at("2022-01-11"):
            other = actions.create_report(actor=self.reviewer, agency=self.bureau, year=2020)
            with self.assertRaisesMessage(DomainError, "请先为章节布置供稿任务"):
                actions.open_contributions(other, actor=self.reviewer)


class StepTests(BaseTestCase):
    def setUp(self) -> None:
        with at("2022-01-10"):
            self.report = drafted(self)

    def test_review_needs_the_figures_generated(self) -> None:
        with at("2022-01-10"), self.assertRaisesMessage(LegalGateClosed, "尚未生成报告数字"):
            actions.send_to_review(self.report, actor=self.reviewer)

    def test_the_director_approves_with_the_meeting_and_date(self) -> None:
        with at("2022-02-20"):
            approved(self, self.report)
        self.report.refresh_from_db()
        self.assertEqual((self.report.status, self.report.approval_meeting), (S.APPROVED, "局党委会"))
        event = AuditEvent.objects.get(verb="report.approve")
        self.assertEqual((event.from_status, event.to_status), (S.LEGAL_REVIEW, S.APPROVED))

    def test_the_legal_affairs_division_cannot_approve(self) -> None:
        with at("2022-02-20"):
            in_review(self, self.report)
            with self.assertRaises(PermissionDenied):
                actions.approve_report(
                    self.report, actor=self.reviewer, meeting="局党委会", approved_on=D(2022, 2, 18)
                )

    def test_approval_needs_the_meeting_and_a_past_date(self) -> None:
        with at("2022-02-20"):
            in_review(self, self.report)
            with self.assertRaisesMessage(DomainError, "请填写审议会议"):
                actions.approve_report(
                    self.report, actor=self.director, meeting=" ", approved_on=D(2022, 2, 18)
                )
            with self.assertRaisesMessage(DomainError, "审议日期不能晚于今天"):
                actions.approve_report(
                    self.report, actor=self.director, meeting="局党委会", approved_on=D(2022, 3, 1)
                )

    def test_a_draft_cannot_be_approved_or_submitted(self) -> None:
        with at("2022-02-20"):
            with self.assertRaises(InvalidTransition):
                actions.approve_report(
                    self.report, actor=self.director, meeting="局党委会", approved_on=D(2022, 2, 18)
                )
            with self.assertRaises(InvalidTransition):
                actions.submit_report(
                    self.report, actor=self.reviewer, submitted_to="市委", submitted_on=D(2022, 2, 18)
                )

    def test_submission_records_whom_and_whether_it_was_late(self) -> None:
        with at("2022-03-05"):
            approved(self, self.report)
            actions.submit_report(
                self.report, actor=self.reviewer, submitted_to="市委、市政府", submitted_on=D(2022, 3, 4)
            )
        event = AuditEvent.objects.get(verb="report.submit")
        self.assertEqual(event.data["due_on"], "2022-03-01")
        self.assertTrue(event.data["late"])

    def test_publication_needs_the_secrecy_check(self) -> None:
        with at("2022-03-05"):
            approved(self, self.report)
            actions.submit_report(
                self.report, actor=self.reviewer, submitted_to="市委", submitted_on=D(2022, 2, 25)
            )
            with self.assertRaisesMessage(LegalGateClosed, "保密审查"):
                actions.publish_report(self.report, actor=self.reviewer, published_on=D(2022, 3, 5))

    def test_the_secrecy_check_records_who_when_and_what_is_withheld(self) -> None:
        with at("2022-03-10"):
            published(self, self.report)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, S.PUBLISHED)
        self.assertEqual(self.report.secrecy_checked_by, "王审核")
        verbs = list(AuditEvent.objects.filter(object_id=str(self.report.pk)).values_list("verb", flat=True))
        for verb in ("report.approve", "report.submit", "report.secrecy_check", "report.publish"):
            self.assertIn(verb, verbs)

    def test_an_approved_report_cannot_be_edited_until_returned(self) -> None:
        with at("2022-02-20"):
            approved(self, self.report)
            section = self.report.sections.first()
            assert section is not None
            with self.assertRaisesMessage(DomainError, "不能再修改"):
                actions.edit_section(section, actor=self.reviewer, heading="新", text="新")
            actions.return_report(self.report, actor=self.director, reason="补充数据")
            actions.edit_section(section, actor=self.reviewer, heading="新", text="新")
        self.assertEqual(self.report.status, S.DRAFTING)


class PartOrderTests(BaseTestCase):
    def test_the_parts_are_reordered_and_the_fifth_added_or_dropped_while_empty(self) -> None:
        with at("2022-01-10"):
            report = actions.create_report(actor=self.reviewer, agency=self.bureau, year=2021)
            order = [Part.DUTY, Part.MEASURES, Part.SHORTCOMINGS, Part.PLAN, Part.OTHER]
            actions.set_part_order(report, actor=self.reviewer, part_order=order)
            self.assertTrue(report.sections.filter(part=Part.OTHER).exists())
            other = report.sections.get(part=Part.OTHER)
            actions.edit_section(other, actor=self.reviewer, heading="其他", text="有内容")
            with self.assertRaisesMessage(DomainError, "仍有正文"):
                actions.set_part_order(report, actor=self.reviewer, part_order=order[:4])
        self.assertEqual(report.part_order, [str(p) for p in order])
