"""December with next year's calendar missing (issue 9): a consultation opens and a decision is
published; the dates that need 2027 wait and are filled when it is entered."""

from __future__ import annotations

import datetime

from fazhi.core.deadlines import PendingGate
from fazhi.core.models import AuditEvent
from fazhi.core.testing import enter_year_from_notice, without_calendar_year
from fazhi.decisions import actions
from fazhi.decisions.models import Consultation, MajorDecision
from fazhi.decisions.tests.factories import (
    at,
    pdf,
    through_expert_and_risk,
    through_participation,
    through_review,
)
from fazhi.decisions.tests.test_actions import DecisionTestCase

D = datetime.date


class PendingDecisionDeadlines(DecisionTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_a_consultation_opens_on_20_december_and_a_short_window_is_extended_in_january(self) -> None:
        decision = self.new()
        with at("2026-12-03"):
            with self.assertRaisesMessage(Exception, "2027年1月2日"):
                actions.open_consultation(decision, actor=self.drafter, closes_on=D(2027, 1, 1))
            consultation = actions.open_consultation(decision, actor=self.drafter, closes_on=D(2027, 1, 2))
        self.assertEqual(consultation.short_reason, "")
        with at("2027-01-03"), self.assertRaises(PendingGate):
            actions.publish_adoption_report(decision, actor=self.drafter, report="未收到意见。")
        with at("2026-12-21"):
            counts = enter_year_from_notice(2027, self.city_admin)
        self.assertEqual(counts["decisions.consultation"], 1)
        self.assertEqual(Consultation.objects.get(pk=consultation.pk).closes_on, D(2027, 1, 4))
        self.assertTrue(AuditEvent.objects.filter(verb="decision.consultation.extended").exists())

    def test_a_decision_made_in_december_is_published_and_its_archive_date_waits(self) -> None:
        decision = through_expert_and_risk(
            through_participation(self.new(), self.drafter), self.drafter, self.expert
        )
        decision = through_review(decision, self.drafter, self.reviewer, self.counsel)
        with at("2026-12-18"):
            actions.record_collective_decision(
                decision,
                actor=self.director,
                meeting_name="局长办公会",
                meeting_on=D(2026, 12, 18),
                attendees="陈局长、周副局长",
                statements=[actions.Statement("陈局长", "同意印发实施", is_head=True)],
                adopted=True,
                decision_text="审议通过。",
                dissent="",
                minutes=pdf("会议纪要.pdf"),
            )
        with at("2026-12-20"):
            actions.publish_decision(
                MajorDecision.objects.get(pk=decision.pk),
                actor=self.reviewer,
                published_on=D(2026, 12, 20),
                channel="局网站",
            )
        decision.refresh_from_db()
        self.assertEqual((decision.stage, decision.archive_due_on), (MajorDecision.Stage.PUBLISHED, None))
        enter_year_from_notice(2027, self.city_admin)
        decision.refresh_from_db()
        # 30 days after 18 December is Sunday 17 January 2027: the next working day.
        self.assertEqual(decision.archive_due_on, D(2027, 1, 18))
