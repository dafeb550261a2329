"""The services' filler of pending due dates (registered with core.deadlines): the 告知承诺
verification dates saved empty because the calendar of a year they need was not entered."""

from __future__ import annotations

from django.db import transaction

from fazhi.core.audit import record_event
from fazhi.core.deadlines import in_time
from fazhi.services.actions import verification_due
from fazhi.services.models import Commitment


def fill_pending_deadlines() -> int:
    filled = 0
    pending = Commitment.objects.filter(
        verification_due_on__isnull=True, matter__verification_days__isnull=False
    )
    for commitment in pending.select_related("matter"):
        due = verification_due(commitment.matter, commitment.signed_on)
        if due is None:
            continue
        with transaction.atomic():
            Commitment.objects.filter(pk=commitment.pk).update(verification_due_on=due)
            record_event(
                "services.deadline_computed",
                actor=None,
                obj=commitment,
                data={
                    "verification_due_on": due.isoformat(),
                    "verification_days": commitment.matter.verification_days,
                    "day_kind": commitment.matter.verification_day_kind,
                    "in_time": in_time(commitment.verified_on, due),
                },
            )
        filled += 1
    return filled
