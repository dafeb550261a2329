"""Major decisions published and not archived by their archive time limit (归档期限, stored on
the decision from the rule book), for the leadership's overview (core.overdue)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.figures import agency_scope
from fazhi.core.overdue import OverdueItem
from fazhi.decisions.models import MajorDecision

LIMIT = 200


def overdue_decisions(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    late = (
        MajorDecision.objects.filter(
            agency_scope(agency, "agency", "lead_division"),
            archived_on__isnull=True,
            published_on__isnull=False,
            archive_due_on__lt=today,
        )
        .select_related("lead_division")
        .only("pk", "title", "archive_due_on", "lead_division__name", "lead_division_id")
        .order_by("archive_due_on", "pk")[:LIMIT]
    )
    return [
        OverdueItem(
            title=_("超过归档期限：%(t)s") % {"t": decision.title},
            url=reverse("decisions:detail", args=[decision.pk]),
            kind=_("重大行政决策"),
            due_on=decision.archive_due_on,
            division_id=decision.lead_division_id,
            division_name=decision.lead_division.name,
        )
        for decision in late
        if decision.archive_due_on is not None
    ]
