"""The overdue work this app lists on the leadership's overview (core.overdue), from stored due dates."""

from __future__ import annotations

from fazhi.core.tests.overdue_cases import AHEAD, LATE, TODAY, D, ProviderTestCase
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.disputes.overdue import overdue_disputes


class DisputeTests(ProviderTestCase):
    def test_a_late_reply_a_late_correction_report_and_a_late_defence(self) -> None:
        base = {"division": self.other_division, "created_by": self.reviewer}
        Reconsideration.objects.create(
            applicant="甲公司", received_on=D(2024, 5, 1), reply_due_on=LATE, **base
        )
        Reconsideration.objects.create(
            applicant="乙公司", received_on=D(2024, 5, 1), reply_due_on=LATE, replied_on=LATE, **base
        )
        Reconsideration.objects.create(
            applicant="丙公司",
            received_on=D(2024, 3, 1),
            reply_due_on=D(2024, 3, 11),
            replied_on=D(2024, 3, 8),
            correction_due_on=LATE,
            **base,
        )
        Reconsideration.objects.create(applicant="丁公司", received_on=D(2024, 6, 10), **base)
        Litigation.objects.create(
            plaintiff="戊公司",
            court="和平区人民法院",
            complaint_received_on=D(2024, 5, 1),
            defence_due_on=LATE,
            **base,
        )
        Litigation.objects.create(
            plaintiff="己公司",
            court="和平区人民法院",
            complaint_received_on=D(2024, 6, 1),
            defence_due_on=AHEAD,
            **base,
        )
        items = list(overdue_disputes(self.bureau, TODAY))
        self.assertEqual(
            sorted(i.title for i in items),
            sorted(
                [
                    "超过行政复议答复期限：甲公司申请行政复议（2024-05-01）",
                    "超过行政复议意见书整改报告期限：丙公司申请行政复议（2024-03-01）",
                    "超过行政诉讼答辩期限：戊公司诉市科技局（一审，和平区人民法院）",
                ]
            ),
        )
        self.assertTrue(all(i.due_on == LATE and i.division_id == self.other_division.pk for i in items))
        self.assertTrue(all(i.open_permission == "disputes.view_reconsideration" for i in items))
