"""The overdue work this app lists on the leadership's overview (core.overdue), from stored due dates."""

from __future__ import annotations

from typing import Any

from fazhi.complaints.models import Complaint
from fazhi.complaints.overdue import overdue_complaints
from fazhi.core.tests.overdue_cases import AHEAD, LATE, TODAY, D, ProviderTestCase


class ComplaintTests(ProviderTestCase):
    def complaint(self, subject: str, **fields: Any) -> Complaint:
        return Complaint.objects.create(
            agency=self.bureau,
            kind=Complaint.Kind.COMPLAINT,
            channel=Complaint.Channel.LETTER,
            subject=subject,
            received_on=D(2024, 5, 1),
            receipt_digest=subject.encode().hex()[:64],
            **fields,
        )

    def test_a_late_acceptance_decision_and_a_late_reply(self) -> None:
        S = Complaint.Status
        self.complaint("待决定超期", status=S.REGISTERED, registered_on=D(2024, 5, 2), decision_due_on=LATE)
        self.complaint("待答复超期", status=S.ACCEPTED, division=self.other_division, reply_due_on=LATE)
        self.complaint("待答复未到期", status=S.ACCEPTED, division=self.other_division, reply_due_on=AHEAD)
        self.complaint("已答复", status=S.ANSWERED, division=self.other_division, reply_due_on=LATE)
        items = {i.division_id: i for i in overdue_complaints(self.bureau, TODAY)}
        self.assertEqual(set(items), {self.legal_division.pk, self.other_division.pk})
        self.assertIn("待决定超期", items[self.legal_division.pk].title)
        self.assertIn("待答复超期", items[self.other_division.pk].title)
