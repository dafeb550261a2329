"""The one transition helper. There is no domain model in core with a status field, so these
tests move a user's `title` (a plain CharField) as the "status": what is tested is the helper's
conditional UPDATE, its audit event and its transaction, not the field."""

from __future__ import annotations

from django.db import transaction
from django.test import TestCase

from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditEvent, User
from fazhi.core.workflow import InvalidTransition, Transition, apply_transition

PROMOTE = Transition({"科员", "副主任科员"}, "主任科员", label="晋升", rule="须满足任职年限")


class ApplyTransitionTests(TestCase):
    actor: User
    subject: User

    @classmethod
    def setUpTestData(cls) -> None:
        cls.actor = User.objects.create(username="director", full_name="陈局长")
        cls.subject = User.objects.create(username="clerk", full_name="张科员", title="科员")

    def promote(self, subject: User, **updates: str) -> None:
        apply_transition(
            subject,
            PROMOTE,
            actor=self.actor,
            verb="promote",
            data={"理由": "考核优秀"},
            status_field="title",
            **updates,
        )

    def test_apply_transition_moves_the_status_and_writes_one_audit_event(self) -> None:
        self.promote(self.subject, full_name="张主任科员")
        self.assertEqual(self.subject.title, "主任科员")
        self.assertEqual(self.subject.full_name, "张主任科员")
        self.subject.refresh_from_db()
        self.assertEqual((self.subject.title, self.subject.full_name), ("主任科员", "张主任科员"))
        event = AuditEvent.objects.get()
        self.assertEqual(event.verb, "promote")
        self.assertEqual((event.from_status, event.to_status), ("科员", "主任科员"))
        self.assertEqual((event.object_type, event.object_id), ("core.user", str(self.subject.pk)))
        self.assertEqual((event.actor_id, event.actor_name), (self.actor.pk, "陈局长"))
        self.assertEqual(event.data, {"理由": "考核优秀"})
        self.assertTrue(verify_chain().ok)

    def test_apply_transition_from_a_wrong_state_names_the_current_state_and_writes_nothing(self) -> None:
        User.objects.filter(pk=self.subject.pk).update(title="处长")
        stale = User.objects.get(pk=self.subject.pk)
        with self.assertRaises(InvalidTransition) as raised:
            self.promote(stale)
        message = str(raised.exception)
        self.assertIn("当前状态为“处长”", message)
        self.assertIn("不能晋升", message)
        self.assertIn("须满足任职年限", message)
        self.assertEqual(raised.exception.status_code, 409)
        self.assertEqual(User.objects.get(pk=self.subject.pk).title, "处长")
        self.assertFalse(AuditEvent.objects.exists())

    def test_apply_transition_checks_the_stored_state_not_the_objects_stale_copy(self) -> None:
        # Another request has already moved the record; this copy still says 科员.
        stale = User.objects.get(pk=self.subject.pk)
        User.objects.filter(pk=self.subject.pk).update(title="退休")
        with self.assertRaisesMessage(InvalidTransition, "当前状态为“退休”"):
            self.promote(stale)
        self.assertFalse(AuditEvent.objects.exists())

    def test_the_event_records_the_stored_source_state_when_the_copy_is_stale(self) -> None:
        # Both states are sources of PROMOTE; the event must name the one actually stored.
        stale = User.objects.get(pk=self.subject.pk)
        User.objects.filter(pk=self.subject.pk).update(title="副主任科员")
        self.promote(stale)
        event = AuditEvent.objects.get()
        self.assertEqual((event.from_status, event.to_status), ("副主任科员", "主任科员"))

    def test_apply_transition_on_a_missing_record_says_it_does_not_exist(self) -> None:
        ghost = User(pk=999_999, username="ghost", title="科员")
        with self.assertRaisesMessage(InvalidTransition, "当前状态为“不存在”"):
            self.promote(ghost)
        self.assertFalse(AuditEvent.objects.exists())

    def test_the_status_change_and_its_event_roll_back_with_a_failing_outer_transaction(self) -> None:
        with self.assertRaises(RuntimeError), transaction.atomic():
            self.promote(self.subject)
            self.assertEqual(AuditEvent.objects.count(), 1)
            raise RuntimeError("a later step of the same action failed")
        self.assertEqual(User.objects.get(pk=self.subject.pk).title, "科员")
        self.assertFalse(AuditEvent.objects.exists())
        self.assertTrue(verify_chain().ok)
        # The chain continues from where it was, with no gap left by the rolled-back event.
        other = User.objects.create(username="clerk2", title="副主任科员")
        self.promote(other)
        self.assertEqual(list(AuditEvent.objects.values_list("seq", flat=True)), [1])
        self.assertTrue(verify_chain().ok)
