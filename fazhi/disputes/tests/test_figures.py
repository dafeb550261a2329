"""The reconsideration, litigation and mediation figures of the annual report."""

from __future__ import annotations

from typing import Any

from fazhi.core.tests.figure_cases import LAST_DAY, NEXT_YEAR, FigureTestCase
from fazhi.disputes.models import CourtObservation, Litigation, Mediation, Reconsideration


class DisputeFigureTests(FigureTestCase):
    def reconsideration(self, day: Any, division: Any = None) -> None:
        Reconsideration.objects.create(
            applicant="申请人",
            challenged_act="处罚决定",
            division=division or self.other_division,
            received_on=day,
            created_by=self.reviewer,
        )

    def litigation(self, day: Any, *, division: Any = None, **fields: Any) -> None:
        Litigation.objects.create(
            plaintiff="原告",
            court="一中院",
            challenged_act="处罚决定",
            division=division or self.other_division,
            complaint_received_on=day,
            created_by=self.reviewer,
            **fields,
        )

    def test_cases_received_in_the_year_by_the_agency(self) -> None:
        self.reconsideration(LAST_DAY)
        self.reconsideration(NEXT_YEAR)
        self.reconsideration(LAST_DAY, self.foreign_division)
        self.litigation(LAST_DAY, heard_on=LAST_DAY, head_appeared=True)
        self.litigation(NEXT_YEAR, heard_on=NEXT_YEAR, head_appeared=True)
        self.litigation(LAST_DAY, division=self.foreign_division, heard_on=LAST_DAY, head_appeared=True)
        self.litigation(LAST_DAY, heard_on=LAST_DAY, head_appeared=False)
        self.assertFigure("disputes.reconsiderations", 1)
        self.assertFigure("disputes.reconsiderations", 2, agency=None)
        self.assertFigure("disputes.litigations", 2)
        self.assertFigure("disputes.head_appearances", 1)
        self.assertFigure("disputes.head_appearances", 2, agency=None)

    def test_mediations_requested_in_the_year_by_the_agency(self) -> None:
        for day, division in ((LAST_DAY, None), (NEXT_YEAR, None), (LAST_DAY, self.foreign_division)):
            Mediation.objects.create(
                kind=Mediation.Kind.CIVIL,
                parties="甲公司与乙公司",
                summary="技术合同纠纷",
                requested_on=day,
                division=division or self.sci_division,
                created_by=self.reviewer,
            )
        self.assertFigure("disputes.mediations", 1)
        self.assertFigure("disputes.mediations", 2, agency=None)

    def test_court_observations_and_the_staff_who_attended(self) -> None:
        """Observations have no link to an agency: every agency's count."""
        for day, people in ((LAST_DAY, 18), (LAST_DAY, 5), (NEXT_YEAR, 9)):
            CourtObservation.objects.create(
                held_on=day, court="一中院", case_name="案", attendees=people, created_by=self.reviewer
            )
        self.assertFigure("disputes.court_observations", 2)
        result = self.figure("disputes.court_observers")
        self.assertEqual((result.value, len(result.records)), (23, 2))
