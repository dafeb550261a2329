"""The overdue work this app lists on the leadership's overview (core.overdue), from stored due dates."""

from __future__ import annotations

from fazhi.core.tests.overdue_cases import AHEAD, LATE, TODAY, D, ProviderTestCase
from fazhi.services.models import Commitment, ServiceMatter
from fazhi.services.overdue import overdue_commitments


class ServiceTests(ProviderTestCase):
    def test_a_commitment_not_verified_in_time(self) -> None:
        matter = ServiceMatter.objects.create(
            code="120000-XK-001",
            name="技术合同登记",
            kind=ServiceMatter.Kind.GOVERNMENT,
            division=self.sci_division,
            basis="《技术合同认定登记管理办法》",
        )
        base = {
            "matter": matter,
            "applicant_code": "91120000MA05000000",
            "signed_on": D(2024, 3, 1),
            "created_by": self.drafter,
        }
        Commitment.objects.create(applicant="甲公司", verification_due_on=LATE, **base)
        Commitment.objects.create(applicant="乙公司", verification_due_on=AHEAD, **base)
        Commitment.objects.create(
            applicant="丙公司",
            verification_due_on=LATE,
            verified_on=LATE,
            status=Commitment.Status.VERIFIED,
            **base,
        )
        self.assert_one(
            overdue_commitments(self.bureau, TODAY), words="甲公司", due=LATE, division=self.sci_division
        )
