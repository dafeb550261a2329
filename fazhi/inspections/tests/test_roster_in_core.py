"""The roster of enforcement officers lives in core (core.models.officers) in the table it always
had; the events recorded before the move, under the label `inspections.inspector`, still read
as the officer's."""

from __future__ import annotations

from fazhi.core.audit import record_event, timeline_of
from fazhi.core.models import AuditEvent, Inspector
from fazhi.core.views.audit import model_label
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import make_inspector


class RosterInCoreTests(InspectionTestCase):
    def test_the_roster_keeps_its_table(self) -> None:
        self.assertEqual(Inspector._meta.db_table, "inspections_inspector")
        self.assertEqual(Inspector._meta.label_lower, "core.inspector")

    def test_events_recorded_under_the_former_label_stay_the_officers(self) -> None:
        inspector = make_inspector(self.reviewer, 1)
        record_event(
            "inspection.inspector_update",
            actor=self.reviewer,
            object_type="inspections.inspector",
            object_id=str(inspector.pk),
        )
        self.assertEqual(model_label("inspections.inspector"), "执法检查人员")
        events = timeline_of(inspector, verb_labels={}, statuses={}, detail=lambda event: "")
        self.assertEqual(
            [event.object_type for event in events],
            list(
                AuditEvent.objects.filter(object_id=str(inspector.pk), object_type__endswith=".inspector")
                .order_by("seq")
                .values_list("object_type", flat=True)
            ),
        )
        self.assertIn("inspections.inspector", [event.object_type for event in events])
        self.assertIn("core.inspector", [event.object_type for event in events])
