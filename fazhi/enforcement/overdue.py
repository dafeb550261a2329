"""Enforcement cases past their decision time limit (computed from the rule book and stored on
the case) and still undecided, for the leadership's overview (core.overdue)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.overdue import OverdueItem
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.view_helpers import LONG_TEXTS

S = EnforcementCase.Status
LIMIT = 200


def overdue_cases(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    late = (
        EnforcementCase.objects.of_agency(agency)
        .filter(
            status__in=[S.INVESTIGATING, S.NOTIFIED],
            decision_due_on__lt=today,
        )
        .select_related("division")
        .defer(*LONG_TEXTS)
        .order_by("decision_due_on", "pk")[:LIMIT]
    )
    return [
        OverdueItem(
            title=_("超过决定期限：%(c)s %(t)s") % {"c": case.code, "t": case.title},
            url=reverse("enforcement:detail", args=[case.pk]),
            kind=_("执法案件"),
            due_on=case.decision_due_on,
            division_id=case.division_id,
            division_name=case.division.name,
            open_permission="enforcement.view_enforcementcase",
        )
        for case in late
        if case.decision_due_on is not None
    ]
