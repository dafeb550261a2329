"""December with next year's calendar missing (issue 9): a draft's comment window opens on the
bound no calendar can shorten and is extended, if need be, once the year is entered."""

from __future__ import annotations

from fazhi.core.models import AuditEvent
from fazhi.core.testing import enter_year_from_notice, without_calendar_year
from fazhi.core.workflow import LegalGateClosed
from fazhi.legislation import actions
from fazhi.legislation.tests.base import D, LegislationTestCase, on


class PendingCommentWindow(LegislationTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_comments_open_in_december_on_the_bound_and_are_extended_once_the_year_is_entered(self) -> None:
        """30 calendar days from 3 December end on Saturday 2 January 2027; a period whose last day
        is a rest day ends on the next working day (民法典 Art 203), which 2027's calendar decides."""
        with on("2026-12-03"):
            project = self.drafted()
            with self.assertRaisesMessage(LegalGateClosed, "2027年1月2日"):
                actions.open_comment(project, actor=self.reviewer, closes_on=D(2027, 1, 1))
            actions.open_comment(project, actor=self.reviewer, closes_on=D(2027, 1, 2))
        project.refresh_from_db()
        self.assertEqual(project.stage, "public_comment")
        with on("2026-12-21"):
            counts = enter_year_from_notice(2027, self.city_admin)
        self.assertEqual(counts["legislation.comment"], 1)
        project.refresh_from_db()
        self.assertEqual(project.comment_closes_on, D(2027, 1, 4))  # 1–3 January are the holiday
        event = AuditEvent.objects.get(verb="legislation.comment_extended")
        self.assertEqual(event.data["previous"], "2027-01-02")

    def test_a_window_long_enough_is_left_as_it_is(self) -> None:
        with on("2026-12-03"):
            project = self.drafted()
            actions.open_comment(project, actor=self.reviewer, closes_on=D(2027, 1, 20))
        with on("2026-12-21"):
            enter_year_from_notice(2027, self.city_admin)
        project.refresh_from_db()
        self.assertEqual(project.comment_closes_on, D(2027, 1, 20))
        self.assertFalse(AuditEvent.objects.filter(verb="legislation.comment_extended").exists())
