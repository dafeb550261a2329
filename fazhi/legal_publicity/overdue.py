"""Items of the 谁执法谁普法 responsibility list not done by their due date (完成时限, as listed),
for the leadership's overview (core.overdue)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from fazhi.core.figures import agency_scope
from fazhi.core.overdue import OverdueItem
from fazhi.legal_publicity.models import ResponsibilityItem

LIMIT = 200


def overdue_responsibilities(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    late = (
        ResponsibilityItem.objects.filter(
            agency_scope(agency, "agency"), done_on__isnull=True, due_on__lt=today
        )
        .select_related("division")
        .only("pk", "content", "audience", "due_on", "division__name", "division_id")
        .order_by("due_on", "pk")[:LIMIT]
    )
    return [
        OverdueItem(
            title=_("普法责任清单事项超过完成时限：%(c)s") % {"c": Truncator(item.content).chars(40)},
            url=reverse("legal_publicity:responsibility_detail", args=[item.pk]),
            kind=_("普法责任清单"),
            due_on=item.due_on,
            division_id=item.division_id,
            division_name=item.division.name,
        )
        for item in late
    ]
