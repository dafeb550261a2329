"""Every step of an enforcement case: the happy path, the wrong state, the wrong actor, the
legal gate with its citation, and the audit event."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.testing import without_calendar_year
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.enforcement import actions
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.enforcement.tests.base import D, EnforcementTestCase, on
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import ReviewRequest

S = EnforcementCase.Status
Step = CaseRecord.Step
G = EnforcementCase.MajorGround


def verbs(case: EnforcementCase) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="enforcement.enforcementcase", object_id=str(case.pk))
        .order_by("pk")
        .values_list("verb", flat=True)
    )


class FilingTests(EnforcementTestCase):
    def test_filing_sets_the_90_day_decision_limit_and_writes_the_event(self) -> None:
        case = self.file()
        self.assertEqual(case.status, S.INVESTIGATING)
        self.assertEqual(case.decision_due_on, D(2026, 12, 21))
        self.assertIn("第六十条", case.decision_deadline.basis)  # type: ignore[union-attr]
        self.assertEqual(case.division, self.officer.organization)
        self.assertEqual(verbs(case), ["enforcement.file"])
        event = AuditEvent.objects.get(verb="enforcement.file")
        self.assertEqual(event.data["officers"], ["120200001", "120200002"])
        # The agency's own serial (issue 12): its first case of the test is 0001, whatever the id.
        self.assertEqual((case.serial, case.code), (1, "ZF2026-0001"))

    def test_two_officers_with_valid_certificates_are_required(self) -> None:
        for officers in ([self.inspector1], [self.inspector1, self.lapsed], []):
            with self.subTest(officers=officers), self.assertRaisesMessage(LegalGateClosed, "第四十二条"):
                self.file(officers=officers)
        with self.assertRaisesMessage(LegalGateClosed, "执法人员3"):
            self.file(officers=[self.inspector1, self.lapsed])
        self.assertFalse(EnforcementCase.objects.exists())

    def test_a_violation_not_discovered_within_two_years_is_not_penalised(self) -> None:
        """行政处罚法 第三十六条: “违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康
        安全、金融安全且有危害后果的，上述期限延长至五年。法律另有规定的除外。前款规定的期限，从违法
        行为发生之日起计算；违法行为有连续或者继续状态的，从行为终了之日起计算。”"""
        with self.assertRaisesMessage(LegalGateClosed, "第三十六条"):
            self.file(violation_occurred_on=D(2024, 9, 20), discovered_on=D(2026, 9, 21))
        self.file(violation_occurred_on=D(2024, 9, 21), discovered_on=D(2026, 9, 21))  # the last day
        # Five years where life, health or financial security was harmed.
        self.file(violation_occurred_on=D(2022, 9, 20), discovered_on=D(2026, 9, 21), grave_harm=True)
        with self.assertRaisesMessage(LegalGateClosed, "延长至五年"):
            self.file(violation_occurred_on=D(2021, 9, 20), discovered_on=D(2026, 9, 21), grave_harm=True)

    def test_a_continuing_act_counts_from_the_day_it_ended_a_single_act_from_the_day_it_occurred(
        self,
    ) -> None:
        """行政处罚法 第三十六条第二款: "从违法行为发生之日起计算；违法行为有连续或者继续状态的，从
        行为终了之日起计算" — the platform asks which, and counts accordingly."""
        # A single act of 2024-09-20 is out of time on 2026-09-21, whatever day is called its end.
        with self.assertRaisesMessage(LegalGateClosed, "违法行为于 2024年9月20日 发生"):
            self.file(violation_occurred_on=D(2024, 9, 20), discovered_on=D(2026, 9, 21))
        # The same start, continuing until 2025-03-01: the two years run from its end.
        case = self.file(
            violation_occurred_on=D(2024, 9, 20),
            continuing_act=True,
            violation_ended_on=D(2025, 3, 1),
            discovered_on=D(2026, 9, 21),
        )
        self.assertTrue(case.continuing_act)
        self.assertEqual(case.limitation_starts_on, D(2025, 3, 1))
        with self.assertRaisesMessage(LegalGateClosed, "违法行为于 2024年9月20日 终了"):
            self.file(
                continuing_act=True,
                violation_occurred_on=D(2024, 1, 5),
                violation_ended_on=D(2024, 9, 20),
                discovered_on=D(2026, 9, 21),
            )
        with self.assertRaisesMessage(DomainError, "请填写违法行为终了之日"):
            self.file(continuing_act=True, violation_occurred_on=D(2025, 9, 20))
        with self.assertRaisesMessage(DomainError, "请填写违法行为发生之日"):
            self.file(violation_occurred_on=None, violation_ended_on=D(2025, 9, 20))

    def test_bad_input_is_refused_in_chinese(self) -> None:
        with self.assertRaisesMessage(DomainError, "发现之日不能晚于今天"):
            self.file(discovered_on=D(2026, 9, 23))
        with self.assertRaisesMessage(DomainError, "不能晚于发现之日"):
            self.file(violation_occurred_on=D(2026, 9, 22))
        with self.assertRaisesMessage(DomainError, "执法类别不正确"):
            self.file(category="fine")
        with self.assertRaisesMessage(DomainError, "案由"):
            self.file(title="  ")
        with self.assertRaisesMessage(DomainError, "情形不正确"):
            self.file(major_grounds=["because"])

    def test_only_enforcement_officers_file(self) -> None:
        for user in (self.drafter, self.director, self.reviewer):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                self.file(actor=user)


class VisibilityTests(EnforcementTestCase):
    def test_officers_see_their_cases_the_leadership_and_legal_division_all(self) -> None:
        case = self.file()
        other = self.file(actor=self.officer2, officers=[self.inspector2, self.inspector(4)])
        self.assertEqual(set(EnforcementCase.objects.visible_to(self.officer)), {case})
        self.assertEqual(set(EnforcementCase.objects.visible_to(self.officer2)), {case, other})
        for user in (self.director, self.reviewer):
            self.assertEqual(set(EnforcementCase.objects.visible_to(user)), {case, other}, user.username)
        for user in (self.drafter, self.division_head, self.filing_officer, self.outsider, self.admin_user):
            self.assertFalse(EnforcementCase.objects.visible_to(user).exists(), user.username)


class NoticeAndHearingTests(EnforcementTestCase):
    def test_the_notice_needs_an_investigation_record(self) -> None:
        case = self.file()
        with self.assertRaisesMessage(LegalGateClosed, "第四十七条"):
            actions.notify(case, actor=self.officer, proposed_decision="拟警告", hearing_right=False)
        actions.add_record(case, actor=self.officer, step=Step.INVESTIGATION, title="询问笔录")
        actions.notify(case, actor=self.officer, proposed_decision="拟警告", hearing_right=False)
        self.assertEqual((case.status, case.notified_on), (S.NOTIFIED, D(2026, 9, 22)))
        with self.assertRaises(InvalidTransition):
            actions.notify(case, actor=self.officer, proposed_decision="再次告知", hearing_right=False)

    def test_the_hearing_request_window_is_5_working_days_across_national_day(self) -> None:
        case = self.investigated()
        with on("2026-09-28"):
            actions.notify(case, actor=self.officer, proposed_decision="拟罚款五万元", hearing_right=True)
        # 29, 30 September, then 8, 9 and 10 October (a Saturday worked in lieu).
        self.assertEqual(case.hearing_request_due_on, D(2026, 10, 10))
        self.assertIn("第八十五条", case.hearing_request_deadline.basis)  # type: ignore[union-attr]
        with on("2026-10-11"), self.assertRaisesMessage(LegalGateClosed, "第六十四条"):
            actions.request_hearing(case, actor=self.officer)
        with on("2026-10-10"):
            actions.request_hearing(case, actor=self.officer)
        self.assertEqual(case.hearing_requested_on, D(2026, 10, 10))

    def test_no_hearing_where_the_notice_gave_no_right(self) -> None:
        case = self.notified(hearing_right=False)
        with self.assertRaisesMessage(LegalGateClosed, "未告知听证权利"):
            actions.request_hearing(case, actor=self.officer)

    def test_the_hearing_is_announced_7_working_days_ahead_and_makes_the_decision_major(self) -> None:
        case = self.investigated()
        with on("2026-09-28"):
            actions.notify(case, actor=self.officer, proposed_decision="拟罚款五万元", hearing_right=True)
            actions.request_hearing(case, actor=self.officer)
            # For 12 October the notice was due by 24 September (7 working days before it).
            with self.assertRaisesMessage(LegalGateClosed, "2026年9月24日"):
                actions.schedule_hearing(case, actor=self.officer, hearing_on=D(2026, 10, 12))
            actions.schedule_hearing(case, actor=self.officer, hearing_on=D(2026, 10, 13))
        self.assertEqual(
            (case.hearing_notified_on, case.hearing_notice_due_on), (D(2026, 9, 28), D(2026, 9, 28))
        )
        with on("2026-10-12"), self.assertRaisesMessage(DomainError, "举行后方可记录"):
            actions.record_hearing(case, actor=self.officer, record="……")
        with on("2026-10-13"):
            actions.record_hearing(case, actor=self.officer, record="当事人到场陈述，承认事实")
        self.assertTrue(case.is_major)
        self.assertEqual(case.major_grounds, [G.HEARING])
        with self.assertRaisesMessage(LegalGateClosed, "第五十八条"):
            actions.set_major_grounds(case, actor=self.officer, grounds=[])

    def test_a_waiver_and_a_hearing_request_exclude_each_other(self) -> None:
        case = self.notified(hearing_right=True)
        actions.request_hearing(case, actor=self.officer)
        with self.assertRaisesMessage(DomainError, "已申请听证"):
            actions.record_statement(case, actor=self.officer, waived=True)
        with self.assertRaisesMessage(DomainError, "陈述、申辩"):
            actions.record_statement(case, actor=self.officer, statement="")


class DecisionTests(EnforcementTestCase):
    def test_the_head_decides_after_hearing_the_party_with_a_number_and_the_limits(self) -> None:
        case = self.notified()
        with self.assertRaisesMessage(LegalGateClosed, "第六十二条"):
            actions.decide(case, actor=self.director, outcome="penalty", decision_text="警告")
        actions.record_statement(case, actor=self.officer, statement="当事人称不知需要许可")
        with on("2026-09-30"):
            actions.decide(
                case,
                actor=self.director,
                outcome="penalty",
                decision_text="警告，罚款一万元",
                fine_amount="10000",
            )
        self.assertEqual(case.status, S.DECIDED)
        self.assertEqual(case.decision_number, "津科罚〔2026〕1号")
        self.assertEqual(case.fine_amount, Decimal("10000.00"))
        # 7 working days: 8, 9, 10, 12, 13, 14 and 15 October.
        self.assertEqual((case.service_due_on, case.publicity_due_on), (D(2026, 10, 15), D(2026, 10, 15)))
        self.assertEqual(case.publicity_deadline.rule_code, "enforcement.publicity_penalty")  # type: ignore[union-attr]
        self.assertTrue(case.decided_in_time())
        self.assertEqual(verbs(case)[-1], "enforcement.decide")

    def test_only_the_leadership_decides(self) -> None:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        for user in (self.officer, self.reviewer, self.drafter):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                actions.decide(case, actor=user, outcome="penalty", decision_text="警告")

    def test_not_before_the_hearing_request_window_closes_unless_waived(self) -> None:
        case = self.notified(hearing_right=True)
        actions.record_statement(case, actor=self.officer, statement="无异议")
        with self.assertRaisesMessage(LegalGateClosed, "期满后"):
            actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")
        # 23, 24, 28, 29 and 30 September (25 September is the Mid-Autumn Festival).
        self.assertEqual(case.hearing_request_due_on, D(2026, 9, 30))
        with on("2026-10-08"):
            actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")

    def test_a_requested_hearing_must_be_held_first(self) -> None:
        case = self.notified(hearing_right=True)
        actions.request_hearing(case, actor=self.officer)
        with on("2026-10-30"), self.assertRaisesMessage(LegalGateClosed, "听证举行前不得作出决定"):
            actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")

    def test_a_major_decision_waits_for_a_cleared_legality_check(self) -> None:
        case = self.notified(major_grounds=[G.COMPLEX])
        actions.record_statement(case, actor=self.officer, waived=True)
        with self.assertRaisesMessage(LegalGateClosed, "第五十八条"):
            actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")
        review = actions.submit_for_review(case, actor=self.officer)
        self.assertEqual(review.subject_kind, ReviewRequest.SubjectKind.MAJOR_ENFORCEMENT)
        with self.assertRaisesMessage(LegalGateClosed, "合法性审核尚未完成"):
            actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")
        review_actions.accept_review(review, actor=self.reviewer)
        review_actions.conclude_review(
            review, actor=self.reviewer, conclusion="lawful", text="事实清楚，依据充分"
        )
        actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")
        self.assertEqual(case.status, S.DECIDED)

    def test_no_legality_check_for_a_decision_that_is_not_major(self) -> None:
        case = self.notified()
        with self.assertRaisesMessage(DomainError, "无须法制审核"):
            actions.submit_for_review(case, actor=self.officer)

    def test_after_90_days_the_decision_names_the_provision_that_allows_it(self) -> None:
        """行政处罚法 第六十条: “行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。
        法律、法规、规章另有规定的，从其规定。” A later decision names that provision as a citation;
        free text is not a provision."""
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        with on("2026-12-22"):
            with self.assertRaisesMessage(
                LegalGateClosed, "法律、法规、规章另有规定的，从其规定（《行政处罚法》第六十条）"
            ):
                actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")
            with self.assertRaisesMessage(LegalGateClosed, "第六十条"):
                actions.decide(
                    case,
                    actor=self.director,
                    outcome="penalty",
                    decision_text="罚款",
                    extension_basis="经负责人批准延长三十日",
                )
            actions.decide(
                case,
                actor=self.director,
                outcome="penalty",
                decision_text="罚款",
                extension_basis="《某部门行政处罚程序规定》第六十四条第一款",
                overdue_reason="案情复杂，经负责人批准延长三十日",
            )
        self.assertFalse(case.decided_in_time())
        stored = EnforcementCase.objects.get(pk=case.pk)
        self.assertEqual(stored.extension_basis, "《某部门行政处罚程序规定》第六十四条第一款")
        event = AuditEvent.objects.filter(verb="enforcement.decide").latest("seq")
        self.assertEqual(event.data["extension_basis"], "《某部门行政处罚程序规定》第六十四条第一款")

    def test_no_decision_before_the_party_is_told_and_heard(self) -> None:
        """行政处罚法 第四十四条 (告知拟作出的行政处罚内容及事实、理由、依据和陈述、申辩、要求听证等
        权利), 第四十五条 (充分听取当事人的意见), 第六十二条: “未依照本法第四十四条、第四十五条的规定
        ……告知……或者拒绝听取当事人的陈述、申辩，不得作出行政处罚决定；当事人明确放弃陈述或者申辩
        权利的除外。”"""
        case = self.file()
        with self.assertRaisesMessage(LegalGateClosed, "第四十四条"):
            actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")
        case = self.notified()
        with self.assertRaisesMessage(
            LegalGateClosed, "（第四十五条）；未告知或者拒绝听取的，不得作出行政处罚决定"
        ):
            actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")

    def test_a_decision_needs_a_number_series_and_a_sane_fine(self) -> None:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        for amount in ("-5", "abc", "0"):
            with self.subTest(amount=amount), self.assertRaisesMessage(DomainError, "罚款金额"):
                actions.decide(
                    case, actor=self.director, outcome="penalty", decision_text="罚款", fine_amount=amount
                )
        from fazhi.core.models import NumberSeries

        NumberSeries.objects.filter(kind=NumberSeries.Kind.PENALTY).delete()
        with self.assertRaisesMessage(DomainError, "文号序列"):
            actions.decide(case, actor=self.director, outcome="no_penalty", decision_text="违法事实不能成立")
        self.assertEqual(EnforcementCase.objects.get(pk=case.pk).status, S.NOTIFIED)

    def test_other_decisions_are_published_within_20_working_days(self) -> None:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        actions.decide(
            case, actor=self.director, outcome="no_penalty", decision_text="违法事实不能成立，不予行政处罚"
        )
        self.assertEqual(case.publicity_deadline.rule_code, "enforcement.publicity_other")  # type: ignore[union-attr]


class AfterTheDecisionTests(EnforcementTestCase):
    def decided(self) -> EnforcementCase:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        with on("2026-09-30"):
            actions.decide(
                case, actor=self.director, outcome="penalty", decision_text="罚款一万元", fine_amount="10000"
            )
        return case

    def test_serve_execute_and_close_with_the_full_record(self) -> None:
        case = self.decided()
        with on("2026-10-16"):
            with self.assertRaisesMessage(LegalGateClosed, "第六十一条"):
                actions.serve(case, actor=self.officer, served_on=D(2026, 10, 16), method="邮寄送达")
            actions.serve(case, actor=self.officer, served_on=D(2026, 10, 15), method="直接送达")
            with self.assertRaisesMessage(LegalGateClosed, "尚未执行完毕"):
                actions.close(case, actor=self.officer)
            actions.execute(case, actor=self.officer, executed_on=D(2026, 10, 16), note="罚款已缴纳")
            with self.assertRaisesMessage(LegalGateClosed, "“决定”“送达”"):
                actions.close(case, actor=self.officer)
            actions.add_record(case, actor=self.officer, step=Step.DECISION, title="行政处罚决定书")
            actions.add_record(case, actor=self.officer, step=Step.SERVICE, title="送达回证")
            actions.close(case, actor=self.officer)
        self.assertEqual((case.status, case.closed_on), (S.CLOSED, D(2026, 10, 16)))
        with self.assertRaisesMessage(DomainError, "不再增加"):
            actions.add_record(case, actor=self.officer, step=Step.CLOSING, title="补充")
        self.assertEqual(
            verbs(case),
            [
                "enforcement.file",
                "enforcement.record",
                "enforcement.notify",
                "enforcement.statement",
                "enforcement.decide",
                "enforcement.serve",
                "enforcement.execute",
                "enforcement.record",
                "enforcement.record",
                "enforcement.close",
            ],
        )

    def test_steps_out_of_order_are_refused(self) -> None:
        case = self.file()
        with self.assertRaises(DomainError):
            actions.serve(case, actor=self.officer, served_on=D(2026, 9, 22), method="直接送达")
        with self.assertRaises(DomainError):
            actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")
        with self.assertRaises(InvalidTransition):
            actions.close(case, actor=self.officer)

    def test_someone_not_on_the_case_takes_no_step(self) -> None:
        case = self.decided()
        with self.assertRaises(PermissionDenied):
            actions.serve(case, actor=self.drafter, served_on=D(2026, 9, 30), method="直接送达")

    def test_a_reversed_published_decision_is_withdrawn_within_3_working_days(self) -> None:
        case = self.decided()
        with on("2026-10-09"):
            actions.publish(case, actor=self.officer)
            self.assertTrue(case.published_in_time())
            with self.assertRaisesMessage(LegalGateClosed, "第四十八条"):
                actions.withdraw_publicity(case, actor=self.officer)
        with on("2026-10-09"):
            actions.record_reversal(
                case, actor=self.officer, reversed_on=D(2026, 9, 30), reason="行政复议决定撤销"
            )
        # 8, 9 and 10 October.
        self.assertEqual(case.withdrawal_due_on, D(2026, 10, 10))
        self.assertIn("第四十八条", case.withdrawal_deadline.basis)  # type: ignore[union-attr]
        with on("2026-10-12"):
            self.assertIn("超过撤回公示期限", case.overdue_steps(D(2026, 10, 12)))
            actions.withdraw_publicity(case, actor=self.officer)
        self.assertEqual(case.withdrawn_on, D(2026, 10, 12))
        self.assertIn(case, EnforcementCase.objects.published())  # listed as withdrawn, with the reason
        event = AuditEvent.objects.get(verb="enforcement.withdraw_publicity")
        self.assertEqual((event.data["in_time"], event.data["reason"]), (False, "行政复议决定撤销"))

    def test_a_natural_person_is_masked_on_the_public_page(self) -> None:
        case = self.file(party_name="欧阳小明", party_kind=EnforcementCase.PartyKind.PERSON)
        self.assertEqual(case.party_shown, "欧***")
        self.assertEqual(self.file().party_shown, "天津某生物科技有限公司")

    def test_transfer_to_the_judicial_organs(self) -> None:
        case = self.investigated()
        actions.transfer(
            case, actor=self.officer, transferred_to="天津市公安局", reason="涉嫌非法采集人类遗传资源"
        )
        self.assertEqual(case.status, S.TRANSFERRED)
        with self.assertRaises(InvalidTransition):
            actions.transfer(case, actor=self.officer, transferred_to="x", reason="y")


class PendingCalendarTests(EnforcementTestCase):
    """Late in the year a limit may need next year's calendar, which the State Council publishes
    late: the step is taken, the due date waits for the calendar and is never guessed."""

    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_a_case_filed_in_december_waits_for_next_years_calendar(self) -> None:
        from fazhi.core.calendar import create_calendar_year

        with on("2026-12-10"):
            case = self.file(discovered_on=D(2026, 12, 9), violation_occurred_on=D(2026, 12, 9))
            self.assertIsNone(case.decision_due_on)
            self.assertIsNone(case.decision_deadline)
            self.assertEqual(case.overdue_steps(D(2026, 12, 10)), [])
            self.assertEqual(actions.fill_pending_deadlines(case, actor=self.officer), [])
            create_calendar_year(
                2027, source="国务院办公厅关于2027年部分节假日安排的通知", actor=self.city_admin
            )
            self.assertEqual(actions.fill_pending_deadlines(case, actor=self.officer), ["decision_due_on"])
        self.assertEqual(case.decision_due_on, D(2027, 3, 10))
        event = AuditEvent.objects.get(verb="enforcement.deadlines_computed")
        self.assertEqual(event.data["decision_due_on"]["due"], "2027-03-10")
        self.assertEqual(
            EnforcementCase.objects.get(pk=case.pk).decision_rule.code, "enforcement.decision_max"
        )  # type: ignore[union-attr]

    def test_a_decision_waits_for_a_hearing_window_that_cannot_be_computed_yet(self) -> None:
        requested, waiting, other = self.investigated(), self.investigated(), self.notified()
        with on("2026-12-28"):  # 5 working days from here run into 2027
            for case in (requested, waiting):
                actions.notify(case, actor=self.officer, proposed_decision="拟罚款", hearing_right=True)
                self.assertIsNone(case.hearing_request_due_on)
            actions.request_hearing(requested, actor=self.officer)  # the party is never refused for it
            actions.record_statement(waiting, actor=self.officer, statement="有异议")
            with self.assertRaisesMessage(LegalGateClosed, "2027 年的工作日历"):
                actions.decide(waiting, actor=self.director, outcome="penalty", decision_text="罚款")
            # A decision whose service and publicity limits run into 2027 is still made.
            actions.record_statement(other, actor=self.officer, waived=True)
            actions.decide(
                other,
                actor=self.director,
                outcome="penalty",
                decision_text="罚款",
                extension_basis="《某部门行政处罚程序规定》第六十四条",
            )
        self.assertEqual(
            (other.status, other.service_due_on, other.publicity_due_on), (S.DECIDED, None, None)
        )
        self.assertIsNone(other.service_deadline)
        with on("2026-12-29"):
            actions.serve(other, actor=self.officer, served_on=D(2026, 12, 29), method="直接送达")
        self.assertEqual(other.status, S.SERVED)


class RefusalTests(EnforcementTestCase):
    def test_an_officer_without_a_valid_certificate_is_not_carried_on_the_case(self) -> None:
        with self.assertRaisesMessage(LegalGateClosed, "执法人员3"):
            self.file(officers=[self.inspector1, self.inspector2, self.lapsed])

    def test_one_legality_check_at_a_time(self) -> None:
        case = self.notified(major_grounds=[G.COMPLEX])
        actions.record_statement(case, actor=self.officer, waived=True)
        review = actions.submit_for_review(case, actor=self.officer)
        with self.assertRaisesMessage(DomainError, review.code):
            actions.submit_for_review(case, actor=self.officer)
        self.assertEqual(ReviewRequest.objects.filter(subject_id=str(case.pk)).count(), 1)

    def test_a_reversed_decision_is_neither_served_nor_executed_nor_published(self) -> None:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        actions.decide(case, actor=self.director, outcome="penalty", decision_text="罚款")
        actions.record_reversal(case, actor=self.officer, reversed_on=D(2026, 9, 22), reason="本机关自行撤销")
        self.assertIsNone(case.withdrawal_due_on)  # never published: nothing to withdraw
        with self.assertRaisesMessage(LegalGateClosed, "不再送达"):
            actions.serve(case, actor=self.officer, served_on=D(2026, 9, 22), method="直接送达")
        with self.assertRaisesMessage(LegalGateClosed, "第四十八条"):
            actions.publish(case, actor=self.officer)

    def test_no_fine_without_a_penalty(self) -> None:
        case = self.notified()
        actions.record_statement(case, actor=self.officer, waived=True)
        with self.assertRaisesMessage(DomainError, "不能有罚款"):
            actions.decide(
                case, actor=self.director, outcome="no_penalty", decision_text="不予处罚", fine_amount="100"
            )


class PendingDeadlineCommandTests(EnforcementTestCase):
    def test_the_daily_command_fills_pending_limits_once_the_year_is_entered(self) -> None:
        from io import StringIO

        from django.core.management import call_command

        from fazhi.core.calendar import create_calendar_year

        without_calendar_year(2027)
        with on("2026-12-10"):
            case = self.file(discovered_on=D(2026, 12, 9))
            out = StringIO()
            call_command("deadlines", "fill", stdout=out)
            self.assertIn("enforcement: 已计算 0 条", out.getvalue())
            self.login(self.officer)
            page = self.client.get(f"/work/enforcement/{case.pk}/")
            self.assertContains(page, "待录入 2027 年工作日历后计算")
            create_calendar_year(2027, source="国务院办公厅通知", actor=self.city_admin)
            call_command("enforcement", "deadlines", stdout=out)
            call_command("enforcement", "deadlines", stdout=out)  # the former name: the same command
        self.assertIn("enforcement: 已计算 1 条", out.getvalue())
        self.assertEqual(AuditEvent.objects.filter(verb="enforcement.deadlines_computed").count(), 1)
        case.refresh_from_db()
        self.assertEqual(case.decision_due_on, D(2027, 3, 10))


class PartyCodeTests(EnforcementTestCase):
    def test_an_organizations_code_is_checked_as_a_unified_social_credit_code(self) -> None:
        with self.assertRaisesMessage(DomainError, "GB 32100-2015"):
            self.file(party_code="91120116MA05XXXX1X")
        self.assertEqual(self.file(party_code=" 91120116ma05xxxx1m ").party_code, "91120116MA05XXXX1M")
        # A natural person's identity number is kept as given.
        person = self.file(
            party_name="王某", party_kind=EnforcementCase.PartyKind.PERSON, party_code="120101198001011234"
        )
        self.assertEqual(person.party_code, "120101198001011234")
