"""Notification-commitment matters whose verification (核查期限, stored on the commitment) is
overdue, for the leadership's overview (core.overdue); the division is the matter's."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.overdue import OverdueItem
from fazhi.services.models import Commitment

LIMIT = 200


def overdue_commitments(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    late = (
        Commitment.objects.of_agency(agency)
        .filter(
            status=Commitment.Status.ACCEPTED,
            verification_due_on__lt=today,
        )
        .select_related("matter__division")
        .order_by("verification_due_on", "pk")[:LIMIT]
    )
    return [
        OverdueItem(
            title=_("告知承诺超过核查期限：%(a)s（%(m)s）") % {"a": c.applicant, "m": c.matter.name},
            url=reverse("services:commitment_detail", args=[c.pk]),
            kind=_("告知承诺核查"),
            due_on=c.verification_due_on,  # type: ignore[arg-type]
            division_id=c.matter.division_id,
            division_name=c.matter.division.name,
            open_permission="services.view_servicematter",
        )
        for c in late
    ]
