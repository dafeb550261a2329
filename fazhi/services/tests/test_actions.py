from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.testing import enter_year_from_notice, without_calendar_year
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.services import actions
from fazhi.services.models import Commitment, CreditRecord
from fazhi.services.stats import service_figures
from fazhi.services.tests.base import D, ServiceTestCase, on

C = Commitment.Status
CODE = "91120116MA05XXXX1M"


class MatterTests(ServiceTestCase):
    def test_an_excluded_matter_cannot_run_under_notification_commitment(self) -> None:
        with self.assertRaisesMessage(LegalGateClosed, "不适用告知承诺制"):
            self.matter(excluded_reason="直接涉及生物安全和人身健康")
        matter = self.matter(
            code="TJKJ-002", commitment_allowed=False, excluded_reason="直接涉及生物安全和人身健康"
        )
        self.assertFalse(matter.commitment_allowed)
        with self.assertRaisesMessage(LegalGateClosed, "未实行告知承诺制"):
            actions.accept_commitment(
                actor=self.reviewer,
                matter=matter,
                applicant="甲",
                applicant_code=CODE,
                signed_on=D(2026, 9, 22),
                chose_commitment=True,
            )

    def test_important_matters_involving_foreign_parties_are_among_the_exclusions(self) -> None:
        """国办发〔2020〕42号 (as the 2020-11-19 State Council briefing gives it): matters directly
        involving national security, state secrets, public safety, prudential financial supervision,
        ecological protection, personal health, life and property safety, and 重要涉外 matters are
        excluded from notification-commitment (DOMAIN.md §14)."""
        with self.assertRaisesMessage(
            LegalGateClosed, "生命财产安全以及重要涉外等事项，不适用告知承诺制（国办发〔2020〕42号）"
        ):
            self.matter(excluded_reason="重要涉外事项：涉及外方合作的审批")

    def test_a_commitment_matter_sets_its_own_verification_time(self) -> None:
        with self.assertRaisesMessage(DomainError, "核查时限"):
            self.matter(verification_days=None)
        with self.assertRaisesMessage(DomainError, "以承诺替代的证明材料"):
            self.matter(proof_replaced="")
        with self.assertRaisesMessage(DomainError, "已登记"):
            self.matter()
            self.matter()

    def test_only_the_catalog_keepers_register(self) -> None:
        with self.assertRaises(PermissionDenied):
            self.matter(actor=self.drafter)


class CommitmentTests(ServiceTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)  # next year missing, whatever the test clock

    def accept(self, **overrides: object) -> Commitment:
        values: dict[str, object] = {
            "actor": self.reviewer,
            "matter": self.matter(),
            "applicant": "天津某科技有限公司",
            "applicant_code": CODE,
            "signed_on": D(2026, 9, 22),
            "chose_commitment": True,
        }
        values.update(overrides)
        return actions.accept_commitment(**values)  # type: ignore[arg-type]

    def test_verification_is_due_within_the_matters_working_days_across_national_day(self) -> None:
        commitment = self.accept()
        # 23, 24, 28, 29, 30 September; 8, 9, 10 (Saturday, worked), 12, 13 October.
        self.assertEqual(commitment.verification_due_on, D(2026, 10, 13))
        with on("2026-10-14"):
            self.assertTrue(commitment.is_overdue(D(2026, 10, 14)))
            actions.verify(
                commitment, actor=self.reviewer, verified_on=D(2026, 10, 13), truthful=True, note="信息属实"
            )
        self.assertEqual(commitment.status, C.VERIFIED)
        self.assertTrue(AuditEvent.objects.get(verb="services.verify").data["in_time"])

    def test_the_applicant_chooses_freely(self) -> None:
        with self.assertRaisesMessage(LegalGateClosed, "自愿选择"):
            self.accept(chose_commitment=False)

    def test_a_false_commitment_is_dealt_with_and_bars_the_applicant_until_repaired(self) -> None:
        commitment = self.accept()
        with self.assertRaisesMessage(LegalGateClosed, "终止办理"):
            actions.verify(
                commitment,
                actor=self.reviewer,
                verified_on=D(2026, 9, 22),
                truthful=False,
                note="营业执照已吊销",
            )
        actions.verify(
            commitment,
            actor=self.reviewer,
            verified_on=D(2026, 9, 22),
            truthful=False,
            note="营业执照已吊销",
            consequence="revoke",
        )
        self.assertEqual((commitment.status, commitment.consequence), (C.FALSE, "revoke"))
        record = CreditRecord.objects.get(commitment=commitment)
        with self.assertRaisesMessage(LegalGateClosed, "信用修复前"):
            actions.accept_commitment(
                actor=self.reviewer,
                matter=commitment.matter,
                applicant="天津某科技有限公司",
                applicant_code=CODE,
                signed_on=D(2026, 9, 22),
                chose_commitment=True,
            )
        actions.repair_credit(record, actor=self.reviewer, reason="已完成信用修复")
        actions.accept_commitment(
            actor=self.reviewer,
            matter=commitment.matter,
            applicant="天津某科技有限公司",
            applicant_code=CODE,
            signed_on=D(2026, 9, 22),
            chose_commitment=True,
        )
        figures = service_figures(2026, today=D(2026, 9, 22))
        self.assertEqual((figures.commitments, figures.false_found, figures.credit_records_open), (2, 1, 0))

    def test_a_withdrawn_commitment_is_not_verified(self) -> None:
        commitment = self.accept()
        actions.withdraw_commitment(commitment, actor=self.reviewer, withdrawn_on=D(2026, 9, 22))
        with self.assertRaises(InvalidTransition):
            actions.verify(
                commitment, actor=self.reviewer, verified_on=D(2026, 9, 22), truthful=True, note="x"
            )

    def test_a_verification_due_next_year_waits_for_its_calendar(self) -> None:
        with on("2026-12-28"):
            commitment = self.accept(signed_on=D(2026, 12, 28))
        self.assertIsNone(commitment.verification_due_on)
        with on("2026-12-29"):
            actions.verify(
                commitment, actor=self.reviewer, verified_on=D(2026, 12, 29), truthful=True, note="信息属实"
            )
        self.assertIsNone(AuditEvent.objects.get(verb="services.verify").data["in_time"])  # never false
        with on("2026-12-30"):
            counts = enter_year_from_notice(2027, self.city_admin)
        self.assertEqual(counts["services"], 1)
        commitment.refresh_from_db()
        # 10 working days from 28 December: 29, 30, 31 December; 4–8 and 11, 12 January.
        self.assertEqual(commitment.verification_due_on, D(2027, 1, 12))
        self.assertIs(AuditEvent.objects.get(verb="services.deadline_computed").data["in_time"], True)


class DelegationTests(ServiceTestCase):
    def test_a_power_is_delegated_to_a_district_with_training_and_can_be_withdrawn(self) -> None:
        with self.assertRaisesMessage(DomainError, "区或者功能区"):
            actions.delegate_power(
                actor=self.reviewer,
                name="技术合同认定登记",
                recipient=self.sci_division,
                document="津政发",
                delegated_on=D(2021, 6, 1),
            )
        power = actions.delegate_power(
            actor=self.reviewer,
            name="技术合同认定登记",
            recipient=self.district,
            document="津政发〔2021〕号（演示）",
            delegated_on=D(2021, 6, 1),
        )
        actions.record_training(power, actor=self.reviewer, held_on=D(2021, 6, 15))
        actions.record_training(power, actor=self.reviewer, held_on=D(2021, 6, 10))
        self.assertEqual((power.trainings, power.last_training_on), (2, D(2021, 6, 15)))
        self.assertEqual(service_figures(2026, today=D(2026, 9, 22)).delegated_powers, 1)
        actions.withdraw_power(power, actor=self.reviewer, reason="承接条件不具备")
        with self.assertRaisesMessage(DomainError, "已收回"):
            actions.record_training(power, actor=self.reviewer, held_on=D(2026, 9, 22))
