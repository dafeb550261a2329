"""Cases entered from the archive: the same rules on the archive's dates."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError, LegalGateClosed
from fazhi.enforcement.history import ArchivedCase, ArchivedRecord, import_case
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.enforcement.tests.base import D, EnforcementTestCase

Step = CaseRecord.Step


def closed_case(**overrides: Any) -> ArchivedCase:
    record = ArchivedCase(
        title="实验动物生产许可证有效期届满未延续仍从事生产",
        category="penalty",
        party_name="天津某实验动物技术有限公司",
        party_kind="organization",
        facts="双随机抽查发现。",
        officers=["120200001", "120200002"],
        discovered_on=D(2026, 4, 10),
        filed_on=D(2026, 4, 14),
        records=(
            ArchivedRecord(Step.INVESTIGATION, "现场检查笔录", D(2026, 4, 15)),
            ArchivedRecord(Step.DECISION, "行政处罚决定书", D(2026, 5, 12)),
            ArchivedRecord(Step.SERVICE, "送达回证", D(2026, 5, 13)),
        ),
        notified_on=D(2026, 4, 28),
        proposed_decision="拟责令改正，给予警告",
        hearing_right=False,
        statement="当事人无异议",
        decided_on=D(2026, 5, 12),
        outcome="penalty",
        decision_text="责令限期改正，给予警告",
        fine_amount=Decimal("0.01"),
        served_on=D(2026, 5, 13),
        service_method="直接送达",
        executed_on=D(2026, 5, 20),
        execution_note="已改正",
        closed_on=D(2026, 5, 22),
        published_on=D(2026, 5, 15),
    )
    return dataclasses.replace(record, **overrides)


class ImportTests(EnforcementTestCase):
    def test_a_closed_case_keeps_the_archive_dates_and_gets_its_number(self) -> None:
        case = import_case(closed_case(), actor=self.officer)
        self.assertEqual(case.status, EnforcementCase.Status.CLOSED)
        self.assertEqual(case.decision_number, "津科罚〔2026〕1号")
        self.assertEqual(case.publicity_due_on, D(2026, 5, 21))
        self.assertTrue(case.published_in_time())
        self.assertEqual(case.records.count(), 3)
        event = AuditEvent.objects.get(verb="enforcement.import")
        self.assertEqual(event.data["filed_on"], "2026-04-14")

    def test_a_case_may_stop_at_the_notice_and_continue_live(self) -> None:
        case = import_case(
            closed_case(
                decided_on=None,
                served_on=None,
                executed_on=None,
                closed_on=None,
                published_on=None,
                hearing_right=True,
            ),
            actor=self.officer,
        )
        self.assertEqual(case.status, EnforcementCase.Status.NOTIFIED)
        self.assertEqual(
            case.hearing_request_due_on, D(2026, 5, 8)
        )  # 29, 30 Apr; 6, 7, 8 May (9 May worked too)

    def test_the_same_rules_apply_to_the_archive_dates(self) -> None:
        refusals = [
            (closed_case(officers=["120200001"]), LegalGateClosed, "第四十二条"),
            (closed_case(officers=["120200001", "999"]), DomainError, "未登记"),
            (closed_case(served_on=D(2026, 5, 11)), DomainError, "早于"),
            (closed_case(notified_on=None), DomainError, "档案缺少告知日期"),
            (closed_case(records=()), LegalGateClosed, "第四十七条"),
            (closed_case(executed_on=None), LegalGateClosed, "尚未执行完毕"),
            (closed_case(hearing_right=True, decided_on=D(2026, 5, 6)), LegalGateClosed, "第六十四条"),
            (closed_case(statement=""), LegalGateClosed, "第六十二条"),
            (closed_case(closed_on=D(2030, 1, 1)), DomainError, "不能晚于今天"),
            (closed_case(violation_occurred_on=D(2024, 4, 9)), LegalGateClosed, "第三十六条"),
        ]
        for record, error, message in refusals:
            with self.subTest(message=message), self.assertRaisesMessage(error, message):
                import_case(record, actor=self.officer)
        self.assertFalse(EnforcementCase.objects.exists())

    def test_only_enforcement_officers_enter_cases(self) -> None:
        with self.assertRaises(PermissionDenied):
            import_case(closed_case(), actor=self.reviewer)
