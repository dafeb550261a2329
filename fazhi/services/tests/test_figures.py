"""The government-service figures of the annual report: every figure is scoped to the year, so
a later year's credit record never counts for an earlier report."""

from __future__ import annotations

from typing import Any

from fazhi.core.tests.figure_cases import LAST_DAY, NEXT_YEAR, YEAR, D, FigureTestCase
from fazhi.services.models import Commitment, CreditRecord, DelegatedPower, ServiceMatter
from fazhi.services.stats import service_figures


class ServiceFigureTests(FigureTestCase):
    def setUp(self) -> None:
        self.matter = ServiceMatter.objects.create(
            code="M1",
            name="技术合同认定登记",
            kind="government",
            division=self.sci_division,
            basis="办法",
            commitment_allowed=True,
            supervision_rules="细则",
        )
        ServiceMatter.objects.create(
            code="M2", name="许可", kind="government", division=self.sci_division, basis="条例"
        )
        # Another agency's matter under notification-commitment: never the bureau's.
        self.foreign_matter = ServiceMatter.objects.create(
            code="M3",
            name="另一局的事项",
            kind="government",
            division=self.foreign_division,
            basis="办法",
            commitment_allowed=True,
            supervision_rules="细则",
        )

    def commitment(self, day: Any, status: str = Commitment.Status.ACCEPTED, matter: Any = None) -> Any:
        return Commitment.objects.create(
            matter=matter or self.matter,
            applicant="某公司",
            applicant_code="91120116MA07AB1C28",
            signed_on=day,
            created_by=self.reviewer,
            status=status,
        )

    def test_commitments_false_ones_and_credit_records_of_the_year_only(self) -> None:
        self.commitment(LAST_DAY)
        false = self.commitment(LAST_DAY, Commitment.Status.FALSE)
        later = self.commitment(NEXT_YEAR, Commitment.Status.FALSE)
        CreditRecord.objects.create(
            applicant="某公司", applicant_code="x", commitment=false, recorded_on=LAST_DAY
        )
        CreditRecord.objects.create(
            applicant="某公司", applicant_code="x", commitment=later, recorded_on=D(2026, 11, 1)
        )
        foreign = self.commitment(LAST_DAY, Commitment.Status.FALSE, self.foreign_matter)
        CreditRecord.objects.create(
            applicant="某公司", applicant_code="x", commitment=foreign, recorded_on=LAST_DAY
        )
        self.assertFigure("services.commitment_matters", 1)
        self.assertFigure("services.commitments", 2)
        self.assertFigure("services.false_found", 1)
        self.assertFigure("services.credit_records", 1)
        self.assertFigure("services.commitment_matters", 2, agency=None)
        self.assertFigure("services.false_found", 2, agency=None)
        self.assertFigure("services.credit_records", 2, agency=None)

    def test_the_years_statistics_no_longer_count_a_later_credit_record(self) -> None:
        later = self.commitment(D(2026, 10, 1), Commitment.Status.FALSE)
        CreditRecord.objects.create(
            applicant="某公司", applicant_code="x", commitment=later, recorded_on=D(2026, 11, 1)
        )
        self.assertEqual(service_figures(YEAR, today=D(2026, 12, 1)).credit_records_open, 0)
        self.assertEqual(service_figures(2026, today=D(2026, 12, 1)).credit_records_open, 1)

    def test_powers_delegated_at_the_years_end(self) -> None:
        """A delegated power records who received it, not which agency delegated it: every
        agency's count."""

        def power(delegated: Any, withdrawn: Any = None) -> None:
            DelegatedPower.objects.create(
                name="权力",
                recipient=self.bureau,
                document="决定",
                delegated_on=delegated,
                created_by=self.reviewer,
                withdrawn_on=withdrawn,
            )

        power(D(2021, 4, 1))
        power(D(2021, 4, 1), withdrawn=LAST_DAY)  # withdrawn within the year
        power(D(2021, 4, 1), withdrawn=NEXT_YEAR)  # still delegated at the year's end
        power(NEXT_YEAR)
        self.assertFigure("services.delegated_powers", 2)
