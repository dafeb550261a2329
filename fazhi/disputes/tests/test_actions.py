from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.attachments import attachments_of
from fazhi.core.models import AuditEvent
from fazhi.core.testing import make_user
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.disputes import actions
from fazhi.disputes.models import Litigation, Mediation, Reconsideration
from fazhi.disputes.stats import dispute_figures
from fazhi.disputes.tests.base import D, DisputeTestCase, on
from fazhi.enforcement import actions as enforcement_actions
from fazhi.enforcement.models import EnforcementCase


def proof() -> SimpleUploadedFile:
    return SimpleUploadedFile("公务证明.pdf", b"%PDF-1.4 sealed proof", content_type="application/pdf")


class ReconsiderationTests(DisputeTestCase):
    def register(self, **overrides: object) -> Reconsideration:
        values: dict[str, object] = {
            "actor": self.reviewer,
            "applicant": "天津某生物科技有限公司",
            "challenged_act": "津科罚〔2026〕1号行政处罚决定",
            "received_on": D(2026, 9, 22),
        }
        values.update(overrides)
        return actions.register_reconsideration(**values)  # type: ignore[arg-type]

    def test_the_reply_is_due_10_working_days_after_the_copy_across_national_day(self) -> None:
        case = self.register()
        # 23, 24, 28, 29, 30 September (25 is Mid-Autumn); 8, 9, 10 (Saturday, worked), 12, 13 October.
        self.assertEqual(case.reply_due_on, D(2026, 10, 13))
        self.assertIn("第四十八条", case.reply_deadline.basis)  # type: ignore[union-attr]
        with on("2026-10-14"):
            self.assertEqual(case.overdue_steps(D(2026, 10, 14)), ["超过答复期限"])
            actions.submit_reply(
                case, actor=self.reviewer, replied_on=D(2026, 10, 13), summary="事实清楚，程序合法"
            )
        self.assertEqual(case.status, Reconsideration.Status.REPLIED)
        self.assertTrue(AuditEvent.objects.get(verb="reconsideration.reply").data["in_time"])
        with self.assertRaises(InvalidTransition):
            actions.submit_reply(case, actor=self.reviewer, replied_on=D(2026, 9, 22), summary="再次")

    def test_only_the_legal_affairs_division_handles_it(self) -> None:
        for user in (self.officer, self.drafter, self.director):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                self.register(actor=user)
        self.assertFalse(Reconsideration.objects.visible_to(self.drafter).exists())

    def test_the_head_attends_the_hearing_or_explains_and_delegates(self) -> None:
        case = self.register()
        with self.assertRaisesMessage(LegalGateClosed, "第五十一条"):
            actions.plan_reconsideration_hearing(case, actor=self.reviewer, hearing_on=D(2026, 10, 20))
        with self.assertRaisesMessage(LegalGateClosed, "负责人"):
            actions.plan_reconsideration_hearing(
                case, actor=self.reviewer, hearing_on=D(2026, 10, 20), head=self.reviewer
            )
        actions.plan_reconsideration_hearing(
            case,
            actor=self.reviewer,
            hearing_on=D(2026, 10, 20),
            absence_reason="出席全市会议",
            delegate="王审核",
        )
        self.assertEqual((case.head_attended, case.attendee), (False, "王审核"))
        actions.plan_reconsideration_hearing(
            case, actor=self.reviewer, hearing_on=D(2026, 10, 20), head=self.director
        )
        self.assertTrue(case.head_attended)

    def test_a_revoking_decision_reverses_the_penalty_and_starts_its_withdrawal(self) -> None:
        """行政处罚法 第四十八条第二款: “公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，
        行政机关应当在三日内撤回行政处罚决定信息并公开说明理由” — from the day the reversing decision
        takes legal effect: a reconsideration decision on service (行政复议决定书一经送达，即发生法律效力)."""
        penalty = self.notified()
        enforcement_actions.record_statement(penalty, actor=self.officer, waived=True)
        enforcement_actions.decide(penalty, actor=self.director, outcome="penalty", decision_text="罚款")
        enforcement_actions.publish(penalty, actor=self.officer)
        case = self.register(enforcement_case=penalty)
        with on("2026-11-24"):
            with self.assertRaisesMessage(DomainError, "复议决定书送达之日不能早于2026年11月20日"):
                actions.record_reconsideration_decision(
                    case,
                    actor=self.reviewer,
                    decided_on=D(2026, 11, 20),
                    served_on=D(2026, 11, 19),
                    outcome="revoked",
                    summary="认定事实不清",
                )
            actions.record_reconsideration_decision(
                case,
                actor=self.reviewer,
                decided_on=D(2026, 11, 20),
                served_on=D(2026, 11, 23),
                outcome="revoked",
                summary="认定事实不清",
            )
        penalty.refresh_from_db()
        self.assertEqual(
            (penalty.reversed_on, penalty.reversal_effective_on), (D(2026, 11, 20), D(2026, 11, 23))
        )
        self.assertEqual(case.decision_served_on, D(2026, 11, 23))
        self.assertIn("行政复议决定撤销", penalty.reversal_reason)
        # 3 working days from the service on Monday 23 November, not from the decision.
        self.assertEqual(penalty.withdrawal_due_on, D(2026, 11, 26))
        with on("2026-11-20"), self.assertRaisesMessage(LegalGateClosed, "第七十七条"):
            actions.close_reconsideration(case, actor=self.reviewer)
        with on("2026-11-30"):
            actions.close_reconsideration(
                case, actor=self.reviewer, performed_on=D(2026, 11, 30), note="已撤销并退还"
            )
        self.assertEqual(case.status, Reconsideration.Status.CLOSED)

    def test_an_opinion_letter_is_answered_within_60_days(self) -> None:
        case = self.register()
        with on("2026-10-20"):
            actions.record_reconsideration_decision(
                case,
                actor=self.reviewer,
                decided_on=D(2026, 10, 20),
                served_on=D(2026, 10, 20),
                outcome="upheld",
                summary="维持",
            )
            actions.record_opinion_letter(case, actor=self.reviewer, received_on=D(2026, 10, 20))
            self.assertEqual(case.correction_due_on, D(2026, 12, 21))  # 19 December is a Saturday
            with self.assertRaisesMessage(LegalGateClosed, "第七十六条"):
                actions.close_reconsideration(case, actor=self.reviewer)
            actions.report_correction(case, actor=self.reviewer, reported_on=D(2026, 10, 20))
            actions.close_reconsideration(case, actor=self.reviewer)

    def test_dates_are_checked(self) -> None:
        with self.assertRaisesMessage(DomainError, "不能晚于今天"):
            self.register(received_on=D(2026, 9, 23))
        case = self.register()
        with self.assertRaisesMessage(DomainError, "不能早于"):
            actions.submit_reply(case, actor=self.reviewer, replied_on=D(2026, 9, 21), summary="答复")


class LitigationTests(DisputeTestCase):
    def register(self, **overrides: object) -> Litigation:
        values: dict[str, object] = {
            "actor": self.reviewer,
            "plaintiff": "天津某生物科技有限公司",
            "court": "天津市和平区人民法院",
            "challenged_act": "津科罚〔2026〕1号行政处罚决定",
            "complaint_received_on": D(2026, 9, 22),
        }
        values.update(overrides)
        return actions.register_litigation(**values)  # type: ignore[arg-type]

    def test_the_defence_is_due_in_15_days(self) -> None:
        case = self.register()
        # 22 Sep + 15 = 7 October, a holiday: the next working day, 8 October (民法典 Art 203).
        self.assertEqual(case.defence_due_on, D(2026, 10, 8))
        self.assertIn("第六十七条", case.defence_deadline.basis)  # type: ignore[union-attr]
        with on("2026-10-09"):
            actions.submit_defence(case, actor=self.reviewer, defended_on=D(2026, 10, 9))
        self.assertFalse(AuditEvent.objects.get(verb="litigation.defence").data["in_time"])

    def test_the_head_appears_or_a_valid_excuse_with_sealed_or_signed_proof_and_staff(self) -> None:
        """法释〔2020〕3号 第九条: “行政机关负责人有正当理由不能出庭的，应当提交相关证明材料，并加盖
        行政机关印章或者由该机关主要负责人签字认可。” The seal or the principal head's signature."""
        case = self.register(head_required=True)
        hearing = D(2026, 11, 3)
        with self.assertRaisesMessage(LegalGateClosed, "第八条"):
            actions.plan_appearance(case, actor=self.reviewer, hearing_on=hearing, appearing_staff="王审核")
        with self.assertRaisesMessage(
            LegalGateClosed, "加盖行政机关印章或者由该机关主要负责人签字认可（法释〔2020〕3号第九条）"
        ):
            actions.plan_appearance(
                case,
                actor=self.reviewer,
                hearing_on=hearing,
                excuse="official_duty",
                excuse_detail="出席国务院会议",
                proof=proof(),
                appearing_staff="王审核",
            )
        with self.assertRaisesMessage(LegalGateClosed, "第二条"):
            actions.plan_appearance(case, actor=self.reviewer, hearing_on=hearing, head=self.division_head)
        for form in ("seal", "signature"):
            actions.plan_appearance(
                case,
                actor=self.reviewer,
                hearing_on=hearing,
                excuse="official_duty",
                excuse_detail="出席国务院会议",
                proof=proof(),
                proof_form=form,
                appearing_staff="王审核",
            )
            case.refresh_from_db()
            self.assertEqual(case.proof_form, form)
        self.assertEqual([a.purpose for a in attachments_of(case)], ["负责人不能出庭的证明材料"] * 2)
        actions.plan_appearance(case, actor=self.reviewer, hearing_on=hearing, head=self.director)
        with on("2026-11-03"):
            actions.record_court_hearing(
                case, actor=self.reviewer, heard_on=hearing, head_appeared=True, head_spoke=True
            )
            actions.record_judgment(
                case,
                actor=self.reviewer,
                judged_on=hearing,
                outcome="dismissed",
                summary="驳回原告诉讼请求",
                judicial_recommendation="建议进一步规范告知程序",
            )
        figures = dispute_figures(2026)
        self.assertEqual(
            (figures.court_hearings, figures.head_appearances, figures.head_appearance_rate), (1, 1, 1.0)
        )
        self.assertEqual(figures.judicial_recommendations, 1)

    def test_a_head_in_charge_below_the_leadership_may_appear_as_the_head(self) -> None:
        """法释〔2020〕3号 第二条: “行政诉讼法第三条第三款规定的被诉行政机关负责人，包括行政机关的
        正职、副职负责人、参与分管被诉行政行为实施工作的副职级别的负责人以及其他参与分管的负责人。”"""
        in_charge = make_user("inspector2", org=self.bureau, roles=[], full_name="钱巡视员")
        case = self.register(head_required=True)
        hearing = D(2026, 11, 3)
        with self.assertRaisesMessage(LegalGateClosed, "参与分管被诉行政行为实施工作的副职级别的负责人"):
            actions.plan_appearance(case, actor=self.reviewer, hearing_on=hearing, head=in_charge)
        actions.plan_appearance(
            case,
            actor=self.reviewer,
            hearing_on=hearing,
            head=in_charge,
            head_capacity="deputy_level_in_charge",
        )
        case.refresh_from_db()
        self.assertEqual((case.head, case.head_capacity), (in_charge, "deputy_level_in_charge"))
        # A division's head is not a head of the agency, whatever capacity is claimed.
        with self.assertRaisesMessage(LegalGateClosed, "第二条"):
            actions.plan_appearance(
                case,
                actor=self.reviewer,
                hearing_on=hearing,
                head=self.division_head,
                head_capacity="other_in_charge",
            )

    def test_a_first_instance_judgment_reverses_the_penalty_only_once_in_effect(self) -> None:
        """行政处罚法 第四十八条: the 3 working days run from the day the reversing judgment takes
        legal effect; a first-instance judgment only when the appeal period has run without an
        appeal — until then it is “尚未生效”."""
        penalty = self.notified()
        enforcement_actions.record_statement(penalty, actor=self.officer, waived=True)
        enforcement_actions.decide(penalty, actor=self.director, outcome="penalty", decision_text="罚款")
        enforcement_actions.publish(penalty, actor=self.officer)
        case = self.register(enforcement_case=penalty)
        actions.record_judgment(
            case, actor=self.reviewer, judged_on=D(2026, 9, 22), outcome="revoked", summary="撤销"
        )
        penalty.refresh_from_db()
        self.assertTrue(case.awaiting_effect)
        self.assertIsNone(penalty.reversed_on)  # not yet effective: nothing to withdraw yet
        with on("2026-10-09"):
            actions.record_judgment_effect(case, actor=self.reviewer, effective_on=D(2026, 10, 9))
            with self.assertRaisesMessage(DomainError, "已记录"):
                actions.record_judgment_effect(case, actor=self.reviewer, effective_on=D(2026, 10, 9))
        penalty.refresh_from_db()
        self.assertEqual(
            (penalty.reversed_on, penalty.reversal_effective_on), (D(2026, 9, 22), D(2026, 10, 9))
        )
        # 3 working days from Friday 9 October: Saturday 10 October is a make-up working day.
        self.assertEqual(penalty.withdrawal_due_on, D(2026, 10, 13))
        self.assertEqual(AuditEvent.objects.filter(verb="litigation.judgment_effect").count(), 1)

    def test_a_second_instance_judgment_is_in_effect_when_given(self) -> None:
        penalty = self.notified()
        enforcement_actions.record_statement(penalty, actor=self.officer, waived=True)
        enforcement_actions.decide(penalty, actor=self.director, outcome="penalty", decision_text="罚款")
        case = self.register(enforcement_case=penalty, instance="second")
        actions.record_judgment(
            case, actor=self.reviewer, judged_on=D(2026, 9, 22), outcome="revoked", summary="撤销"
        )
        penalty.refresh_from_db()
        self.assertEqual((case.effective_on, penalty.reversal_effective_on), (D(2026, 9, 22), D(2026, 9, 22)))
        self.assertIsNone(penalty.withdrawal_due_on)  # it was never published


class MediationTests(DisputeTestCase):
    def test_a_mediation_ends_in_an_agreement_after_a_meeting(self) -> None:
        mediation = actions.request_mediation(
            actor=self.reviewer,
            kind="civil",
            parties="甲公司、乙研究院",
            summary="技术合同款项纠纷",
            requested_on=D(2026, 9, 21),
        )
        actions.accept_mediation(mediation, actor=self.reviewer, accepted_on=D(2026, 9, 22))
        with self.assertRaisesMessage(LegalGateClosed, "自愿"):
            actions.conclude_mediation(
                mediation, actor=self.reviewer, agreed=True, text="分期支付", closed_on=D(2026, 9, 22)
            )
        actions.add_meeting(
            mediation, actor=self.reviewer, held_on=D(2026, 9, 22), participants="双方代表", note="达成一致"
        )
        actions.conclude_mediation(
            mediation, actor=self.reviewer, agreed=True, text="分期支付", closed_on=D(2026, 9, 22)
        )
        self.assertEqual(mediation.status, Mediation.Status.AGREED)
        with self.assertRaises(InvalidTransition):
            actions.add_meeting(
                mediation, actor=self.reviewer, held_on=D(2026, 9, 22), participants="x", note="y"
            )
        figures = dispute_figures(2026)
        self.assertEqual((figures.mediations, figures.mediations_agreed), (1, 1))

    def test_a_refused_request_states_its_reason(self) -> None:
        mediation = actions.request_mediation(
            actor=self.reviewer,
            kind="administrative",
            parties="丙",
            summary="不属于本机关职责",
            requested_on=D(2026, 9, 22),
        )
        with self.assertRaisesMessage(DomainError, "不予受理的理由"):
            actions.refuse_mediation(mediation, actor=self.reviewer, reason=" ")
        actions.refuse_mediation(
            mediation, actor=self.reviewer, reason="不属于本机关职责范围，已告知向有关部门申请"
        )
        self.assertEqual(mediation.status, Mediation.Status.REFUSED)


class RecordsAndFiguresTests(DisputeTestCase):
    def test_a_year_without_disputes_counts_zero(self) -> None:
        figures = dispute_figures(2021)
        self.assertEqual((figures.reconsiderations, figures.litigations, figures.court_hearings), (0, 0, 0))
        self.assertIsNone(figures.head_appearance_rate)

    def test_observations_and_screenings_are_counted(self) -> None:
        actions.record_observation(
            actor=self.reviewer,
            held_on=D(2026, 9, 18),
            court="天津市第一中级人民法院",
            case_name="某行政诉讼案件",
            attendees=12,
            leaders=3,
        )
        actions.record_screening(
            actor=self.reviewer, screened_on=D(2026, 9, 20), scope="科技计划项目", found=2, resolved=2
        )
        with self.assertRaisesMessage(DomainError, "不能超过"):
            actions.record_screening(
                actor=self.reviewer, screened_on=D(2026, 9, 20), scope="x", found=1, resolved=2
            )
        with self.assertRaisesMessage(DomainError, "不能超过"):
            actions.record_observation(
                actor=self.reviewer, held_on=D(2026, 9, 18), court="x", case_name="y", attendees=1, leaders=2
            )
        figures = dispute_figures(2026)
        self.assertEqual((figures.observations, figures.observers, figures.disputes_found), (1, 12, 2))
        self.assertEqual(EnforcementCase.objects.count(), 0)
