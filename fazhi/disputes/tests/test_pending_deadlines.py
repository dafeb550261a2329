"""Issue 9: a reply or defence filed on the day of receipt, while its due date is pending, is
never written to the audit chain as late; the figures count it once 2027 is entered."""

from __future__ import annotations

import datetime

from fazhi.core.models import AuditEvent
from fazhi.core.testing import enter_year_from_notice, without_calendar_year
from fazhi.disputes import actions
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.disputes.stats import dispute_figures
from fazhi.disputes.tests.base import DisputeTestCase
from fazhi.enforcement.tests.base import on

D = datetime.date


class RepliesAndDefencesOnTheDayOfReceipt(DisputeTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_in_time_is_decided_when_the_date_is_known_and_counted_then(self) -> None:
        with on("2026-12-28"):
            reconsideration = actions.register_reconsideration(
                actor=self.reviewer,
                applicant="天津某生物科技有限公司",
                challenged_act="津科罚〔2026〕9号行政处罚决定",
                received_on=D(2026, 12, 28),
            )
            actions.submit_reply(
                reconsideration, actor=self.reviewer, replied_on=D(2026, 12, 28), summary="答复"
            )
            lawsuit = actions.register_litigation(
                actor=self.reviewer,
                plaintiff="天津某生物科技有限公司",
                court="天津市和平区人民法院",
                challenged_act="津科罚〔2026〕9号行政处罚决定",
                complaint_received_on=D(2026, 12, 28),
            )
            actions.submit_defence(lawsuit, actor=self.reviewer, defended_on=D(2026, 12, 28))
        for verb in ("reconsideration.reply", "litigation.defence"):
            self.assertIsNone(AuditEvent.objects.get(verb=verb).data["in_time"], verb)
        figures = dispute_figures(2026)
        self.assertEqual((figures.replies_in_time, figures.defences_in_time), (0, 0))
        with on("2026-12-29"):
            counts = enter_year_from_notice(2027, self.city_admin)
        self.assertEqual(counts["disputes"], 2)
        self.assertEqual(Reconsideration.objects.get().reply_due_on, D(2027, 1, 12))
        self.assertEqual(Litigation.objects.get().defence_due_on, D(2027, 1, 12))
        for verb in ("reconsideration.deadlines_computed", "litigation.deadlines_computed"):
            data = AuditEvent.objects.get(verb=verb).data
            self.assertTrue(all(limit["in_time"] is True for limit in data.values()), data)
        figures = dispute_figures(2026)
        self.assertEqual((figures.replies_in_time, figures.defences_in_time), (1, 1))
