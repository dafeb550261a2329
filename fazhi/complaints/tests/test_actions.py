"""The steps of a complaint and their rules: the portal submission and its receipt code, staff
entry of letters, visits and 12345 transfers, registration with the acceptance decision due by
the rule book, the decision to accept or pass on with a notice the complainant can receive, the
division's reply (late only with a reason), the case it led to and the judicial transfer."""

from __future__ import annotations

from io import StringIO

from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from fazhi.complaints import actions, receipt
from fazhi.complaints.models import Complaint
from fazhi.complaints.tests.base import ComplaintTestCase, D, on
from fazhi.core.calendar import create_calendar_year
from fazhi.core.models import AuditEvent, CalendarYear, User
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.enforcement.models import EnforcementCase

S = Complaint.Status
M = Complaint.NoticeMethod


def _case(officer: User, filed_on: D) -> EnforcementCase:
    assert officer.organization is not None
    return EnforcementCase.objects.create(
        title="未经许可使用实验动物",
        category=EnforcementCase.Category.PENALTY,
        division=officer.organization,
        party_name="天津某生物科技有限公司",
        party_kind=EnforcementCase.PartyKind.ORGANIZATION,
        facts="举报线索",
        discovered_on=filed_on,
        filed_on=filed_on,
        filed_by=officer,
    )


class PortalSubmissionTests(ComplaintTestCase):
    def test_an_anonymous_citizen_files_and_the_receipt_code_finds_the_complaint(self) -> None:
        complaint, code = actions.submit_public_complaint(
            kind="report", subject="执法检查走过场", content="检查只看材料不看现场。", anonymous=True
        )
        self.assertEqual(
            (complaint.status, complaint.channel, complaint.received_on),
            (S.SUBMITTED, "portal", D(2026, 11, 10)),
        )
        self.assertEqual(Complaint.objects.get(receipt_digest=receipt.digest(code.lower())), complaint)
        self.assertNotIn(code.replace("-", ""), complaint.receipt_digest)
        event = AuditEvent.objects.get(verb="complaint.submit")
        self.assertIsNone(event.actor_id)
        self.assertTrue(event.data["anonymous"])

    def test_contact_details_are_kept_but_never_enter_the_audit_chain(self) -> None:
        actions.submit_public_complaint(
            kind="complaint",
            subject="态度粗暴",
            content="执法人员态度粗暴。",
            contact_name="王五",
            contact_phone="13900000001",
        )
        event = AuditEvent.objects.get(verb="complaint.submit")
        self.assertNotIn("王五", str(event.data))
        self.assertNotIn("13900000001", str(event.data))

    def test_an_anonymous_complaint_with_contact_details_is_refused(self) -> None:
        with self.assertRaisesMessage(DomainError, "匿名投诉举报不填写姓名和联系方式"):
            actions.submit_public_complaint(
                kind="complaint", subject="事由", content="内容", anonymous=True, contact_phone="139"
            )
        self.assertFalse(Complaint.objects.exists())

    def test_two_codes_differ_and_a_malformed_code_finds_nothing(self) -> None:
        codes = {receipt.new_code() for _ in range(50)}
        self.assertEqual(len(codes), 50)
        self.assertIsNone(receipt.digest("1234"))
        self.assertIsNone(receipt.digest("UUUU-UUUU-UUUU-UUUU-UUUU"))  # U is not in the alphabet

    def test_registration_starts_the_acceptance_period_of_the_rule_book(self) -> None:
        complaint, _code = actions.submit_public_complaint(kind="complaint", subject="事由", content="内容")
        actions.register_complaint(complaint, actor=self.reviewer, registered_on=D(2026, 11, 10))
        complaint.refresh_from_db()
        # complaint.acceptance: 5 working days (待确认) from Tuesday 10 November.
        self.assertEqual((complaint.status, complaint.decision_due_on), (S.REGISTERED, D(2026, 11, 17)))
        self.assertEqual(complaint.decision_rule.code, "complaint.acceptance")  # type: ignore[union-attr]
        self.assertIn("待确认", complaint.decision_rule.basis)  # type: ignore[union-attr]
        with self.assertRaises(InvalidTransition):
            actions.register_complaint(complaint, actor=self.reviewer)

    def test_only_the_legal_affairs_division_registers(self) -> None:
        complaint, _code = actions.submit_public_complaint(kind="complaint", subject="事由", content="内容")
        for person in (self.drafter, self.director, self.officer):
            with self.assertRaises(PermissionDenied):
                actions.register_complaint(complaint, actor=person)

    def test_a_submission_is_dismissed_only_with_a_reason(self) -> None:
        complaint, _code = actions.submit_public_complaint(kind="complaint", subject="广告", content="广告")
        with self.assertRaisesMessage(DomainError, "请填写不予登记的理由"):
            actions.dismiss_complaint(complaint, actor=self.reviewer, reason=" ")
        actions.dismiss_complaint(complaint, actor=self.reviewer, reason="广告信息")
        self.assertEqual(Complaint.objects.get().status, S.DISMISSED)

    def test_a_deadline_in_a_year_without_calendar_is_pending_then_filled_by_the_command(self) -> None:
        with on("2026-12-29"):
            complaint, _code = actions.submit_public_complaint(
                kind="complaint", subject="事由", content="内容"
            )
            CalendarYear.objects.filter(year=2027).delete()
            actions.register_complaint(complaint, actor=self.reviewer)
            complaint.refresh_from_db()
            self.assertIsNone(complaint.decision_due_on)
            self.assertTrue(AuditEvent.objects.get(verb="complaint.register").data["pending"])
            self.assertEqual(actions.fill_pending_deadlines(), 0)  # still no 2027: nothing guessed
            create_calendar_year(
                2027, source="国务院办公厅关于2027年部分节假日安排的通知", actor=self.city_admin
            )
            out = StringIO()
            call_command("complaints", "deadlines", stdout=out)
        self.assertIn("已计算 1 个待定期限", out.getvalue())
        # 5 working days from Tuesday 29 December 2026 (1 January 2027 a holiday only if entered:
        # the year was entered without exception days, so weekends alone are rest days here).
        self.assertEqual(Complaint.objects.get().decision_due_on, D(2027, 1, 5))

    def test_entering_the_year_from_its_notice_fills_the_pending_due_date_at_once(self) -> None:
        from fazhi.core.testing import enter_year_from_notice, without_calendar_year

        without_calendar_year(2027)
        with on("2026-12-29"):
            complaint, _code = actions.submit_public_complaint(
                kind="complaint", subject="事由", content="内容"
            )
            actions.register_complaint(complaint, actor=self.reviewer)
            counts = enter_year_from_notice(2027, self.city_admin)
        self.assertEqual(counts["complaints"], 1)
        # 5 working days from Tuesday 29 December: 30, 31 December; 4, 5, 6 January (1–3 January
        # the New Year holiday and weekend).
        self.assertEqual(Complaint.objects.get().decision_due_on, D(2027, 1, 6))


class StaffEntryTests(ComplaintTestCase):
    def test_a_hotline_transfer_needs_its_ticket_and_a_ticket_is_entered_once(self) -> None:
        with self.assertRaisesMessage(DomainError, "应填写 12345 工单号"):
            self.entered(hotline_ticket="")
        self.entered()
        with self.assertRaisesMessage(DomainError, "已登记"):
            self.entered()
        self.assertEqual(Complaint.objects.count(), 1)

    def test_a_letter_has_no_ticket_and_the_portal_is_not_a_staff_channel(self) -> None:
        with self.assertRaisesMessage(DomainError, "只有12345热线转办"):
            self.entered(channel="letter")
        with self.assertRaisesMessage(DomainError, "来源应为来信、来访或12345热线转办"):
            self.entered(channel="portal", hotline_ticket="")

    def test_dates_are_not_after_today_and_registration_not_before_receipt(self) -> None:
        with self.assertRaisesMessage(DomainError, "收到日期不能晚于今天"):
            self.entered(received_on=D(2026, 11, 11))
        with self.assertRaisesMessage(DomainError, "登记日期不能早于收到日期"):
            self.entered(registered_on=D(2026, 11, 1))

    def test_entry_registers_with_the_acceptance_due_date(self) -> None:
        complaint = self.entered()
        self.assertEqual((complaint.status, complaint.decision_due_on), (S.REGISTERED, D(2026, 11, 9)))
        with self.assertRaises(PermissionDenied):
            self.entered(actor=self.drafter, hotline_ticket="GD2")


class DecisionTests(ComplaintTestCase):
    def test_accepting_names_the_division_and_starts_the_reply_period(self) -> None:
        complaint = self.accepted()
        complaint.refresh_from_db()
        # complaint.reply: 30 calendar days (待确认) from Tuesday 3 November.
        self.assertEqual(
            (complaint.status, complaint.division, complaint.reply_due_on),
            (S.ACCEPTED, self.sci_division, D(2026, 12, 3)),
        )
        event = AuditEvent.objects.get(verb="complaint.accept")
        self.assertEqual((event.data["division"], event.data["in_time"]), ("基础研究处", True))

    def test_a_notice_goes_only_by_a_way_the_complainant_can_be_reached(self) -> None:
        complaint = self.entered(contact_phone="", contact_name="", anonymous=True)
        for method in (M.PHONE, M.EMAIL, M.LETTER, M.IN_PERSON):
            with self.subTest(method=method), self.assertRaises(LegalGateClosed):
                self.accepted(complaint, notice_method=method)
        self.accepted(complaint, notice_method=M.PORTAL)
        self.assertEqual(Complaint.objects.get().status, S.ACCEPTED)

    def test_the_handling_unit_must_be_a_division_and_the_reason_is_required(self) -> None:
        complaint = self.entered()
        with self.assertRaisesMessage(DomainError, "承办处室应当是本机关处室"):
            self.accepted(complaint, division=self.justice_bureau)
        with self.assertRaisesMessage(DomainError, "请填写决定理由"):
            self.accepted(complaint, reason="")
        with self.assertRaisesMessage(DomainError, "决定日期不能早于登记日期"):
            self.accepted(complaint, decided_on=D(2026, 11, 1))
        self.assertEqual(Complaint.objects.get().status, S.REGISTERED)

    def test_a_complaint_outside_the_bureaus_powers_is_passed_on_with_a_notice(self) -> None:
        complaint = self.entered()
        actions.transfer_complaint(
            complaint,
            actor=self.reviewer,
            decided_on=D(2026, 11, 4),
            authority="天津市市场监督管理委员会",
            reason="反映的是市场监管部门的执法行为，不属于本局职责。",
            notice="您反映的问题已转交天津市市场监督管理委员会处理。",
            notice_method=M.PHONE,
        )
        complaint.refresh_from_db()
        self.assertEqual(
            (complaint.status, complaint.competent_authority), (S.TRANSFERRED, "天津市市场监督管理委员会")
        )
        with self.assertRaises(InvalidTransition):
            self.accepted(complaint)


class ReplyTests(ComplaintTestCase):
    def test_the_division_answers_in_time(self) -> None:
        complaint = self.answered()
        complaint.refresh_from_db()
        self.assertEqual(
            (complaint.status, complaint.replied_by, complaint.answered_in_time()),
            (S.ANSWERED, self.drafter, True),
        )

    def test_only_the_handling_division_answers(self) -> None:
        complaint = self.accepted()
        for person in (self.reviewer, self.director, self.outsider):
            with self.subTest(who=person.username), self.assertRaises(PermissionDenied):
                actions.answer_complaint(
                    complaint,
                    actor=person,
                    replied_on=D(2026, 11, 10),
                    findings="f",
                    reply="r",
                    reply_method="portal",
                )

    def test_a_late_reply_states_why(self) -> None:
        complaint = self.accepted()
        with on("2026-12-07"):
            kwargs = {
                "replied_on": D(2026, 12, 7),
                "findings": "核实情况",
                "reply": "答复",
                "reply_method": "phone",
            }
            with self.assertRaisesMessage(DomainError, "请填写超过答复期限的理由"):
                actions.answer_complaint(complaint, actor=self.division_head, **kwargs)
            actions.answer_complaint(
                complaint, actor=self.division_head, late_reason="需调取外单位记录", **kwargs
            )
        complaint.refresh_from_db()
        self.assertIs(complaint.answered_in_time(), False)
        self.assertFalse(AuditEvent.objects.get(verb="complaint.answer").data["in_time"])

    def test_a_reply_is_not_dated_before_the_decision_nor_given_twice(self) -> None:
        complaint = self.accepted()
        with self.assertRaisesMessage(DomainError, "答复日期不能早于受理日期"):
            actions.answer_complaint(
                complaint,
                actor=self.drafter,
                replied_on=D(2026, 11, 2),
                findings="f",
                reply="r",
                reply_method="phone",
            )
        self.answered(complaint)
        with self.assertRaises(InvalidTransition):
            self.answered(complaint)


class OutcomeTests(ComplaintTestCase):
    def test_the_case_it_led_to_is_linked_once(self) -> None:
        complaint = self.accepted()
        case = _case(self.officer, D(2026, 11, 5))
        actions.link_enforcement_case(complaint, actor=self.reviewer, case=case)
        self.assertEqual(Complaint.objects.get().enforcement_case, case)
        with self.assertRaisesMessage(InvalidTransition, "已关联执法案件"):
            actions.link_enforcement_case(complaint, actor=self.reviewer, case=case)

    def test_a_case_filed_before_the_complaint_did_not_come_from_it(self) -> None:
        complaint = self.accepted()
        with self.assertRaisesMessage(LegalGateClosed, "不是由本件投诉举报引起的"):
            actions.link_enforcement_case(
                complaint, actor=self.reviewer, case=_case(self.officer, D(2026, 10, 1))
            )

    def test_nothing_is_linked_before_acceptance(self) -> None:
        complaint = self.entered()
        with self.assertRaises(InvalidTransition):
            actions.link_enforcement_case(
                complaint, actor=self.reviewer, case=_case(self.officer, D(2026, 11, 5))
            )
        with self.assertRaises(InvalidTransition):
            actions.record_judicial_transfer(
                complaint,
                actor=self.reviewer,
                transferred_on=D(2026, 11, 6),
                organ="公安机关",
                reason="涉嫌犯罪",
            )

    def test_the_judicial_transfer_is_recorded_once(self) -> None:
        complaint = self.answered()
        actions.record_judicial_transfer(
            complaint,
            actor=self.reviewer,
            transferred_on=D(2026, 11, 10),
            organ="天津市公安局",
            reason="涉嫌犯罪",
        )
        self.assertEqual(Complaint.objects.get().judicial_organ, "天津市公安局")
        with self.assertRaises(InvalidTransition):
            actions.record_judicial_transfer(
                complaint, actor=self.reviewer, transferred_on=D(2026, 11, 10), organ="公安", reason="x"
            )
