"""The ledger's overdue tasks for the leadership's overview (core.overdue), each with the link
to supervise it (督办, on the task's page). The date is the task's due date as entered."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.figures import agency_scope
from fazhi.core.overdue import OverdueItem
from fazhi.ledger.models import LedgerItem
from fazhi.ledger.worklist import LIMIT, LONG_TEXTS


def overdue_tasks(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    late = (
        LedgerItem.objects.filter(agency_scope(agency, "agency"))
        .overdue(today)
        .select_related("division")
        .defer(*LONG_TEXTS)
        .order_by("due_on", "pk")[: LIMIT * 4]
    )
    items = []
    for item in late:
        url = reverse("ledger:detail", args=[item.pk])
        items.append(
            OverdueItem(
                title=item.title,
                url=url,
                kind=_("重点任务"),
                due_on=item.due_on,
                division_id=item.division_id,
                division_name=item.division.name,
                supervise_url=url + "#supervision",
            )
        )
    return items
