"""Complaints past what the bureau owes the complainant (each date stored on the complaint from
the rule book), for the leadership's overview (core.overdue): the acceptance decision (the legal
affairs division registers and decides) and the reply (the division that handles it)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.complaints.models import Complaint
from fazhi.core.overdue import OverdueItem, legal_affairs

S = Complaint.Status
LIMIT = 200


def overdue_complaints(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    undecided = (
        Complaint.objects.of_agency(agency)
        .filter(status=S.REGISTERED, decision_due_on__lt=today)
        .order_by("decision_due_on", "pk")[:LIMIT]
    )
    unanswered = (
        Complaint.objects.of_agency(agency)
        .filter(status=S.ACCEPTED, reply_due_on__lt=today)
        .select_related("division")
        .order_by("reply_due_on", "pk")[:LIMIT]
    )
    items: list[OverdueItem] = []
    late = list(undecided)
    if late:
        division_id, division_name = legal_affairs(agency)
        items.extend(
            OverdueItem(
                title=_("超过受理决定期限：%(s)s") % {"s": c.subject},
                url=reverse("complaints:detail", args=[c.pk]),
                kind=_("执法投诉举报"),
                due_on=c.decision_due_on,  # type: ignore[arg-type]
                division_id=division_id,
                division_name=division_name,
            )
            for c in late
        )
    items.extend(
        OverdueItem(
            title=_("超过答复期限：%(s)s") % {"s": c.subject},
            url=reverse("complaints:detail", args=[c.pk]),
            kind=_("执法投诉举报"),
            due_on=c.reply_due_on,  # type: ignore[arg-type]
            division_id=c.division_id,
            division_name=c.division.name if c.division else "",
        )
        for c in unanswered
    )
    return items
