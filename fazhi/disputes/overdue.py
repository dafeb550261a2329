"""Disputes past a time limit the bureau owes (each stored on the matter from the rule book), for
the leadership's overview (core.overdue): a reconsideration's reply (答复期限) or its report on
the reconsideration opinion letter (整改报告期限), a lawsuit's defence (答辩期限)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.overdue import OverdueItem
from fazhi.disputes.models import Litigation, Reconsideration

LIMIT = 200
SEE = "disputes.view_reconsideration"


def overdue_disputes(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    items: list[OverdueItem] = []
    reconsiderations = Reconsideration.objects.of_agency(agency).select_related("division")
    for matter in reconsiderations.filter(replied_on__isnull=True, reply_due_on__lt=today).order_by(
        "reply_due_on", "pk"
    )[:LIMIT]:
        items.append(
            OverdueItem(
                title=_("超过行政复议答复期限：%(m)s") % {"m": matter},
                url=reverse("disputes:reconsideration_detail", args=[matter.pk]),
                kind=_("行政复议"),
                due_on=matter.reply_due_on,  # type: ignore[arg-type]
                division_id=matter.division_id,
                division_name=matter.division.name if matter.division else "",
                open_permission=SEE,
            )
        )
    for matter in reconsiderations.filter(
        correction_reported_on__isnull=True, correction_due_on__lt=today
    ).order_by("correction_due_on", "pk")[:LIMIT]:
        items.append(
            OverdueItem(
                title=_("超过行政复议意见书整改报告期限：%(m)s") % {"m": matter},
                url=reverse("disputes:reconsideration_detail", args=[matter.pk]),
                kind=_("行政复议"),
                due_on=matter.correction_due_on,  # type: ignore[arg-type]
                division_id=matter.division_id,
                division_name=matter.division.name if matter.division else "",
                open_permission=SEE,
            )
        )
    lawsuits = Litigation.objects.of_agency(agency).filter(defended_on__isnull=True, defence_due_on__lt=today)
    for lawsuit in lawsuits.select_related("division", "agency").order_by("defence_due_on", "pk")[:LIMIT]:
        items.append(
            OverdueItem(
                title=_("超过行政诉讼答辩期限：%(m)s") % {"m": lawsuit},
                url=reverse("disputes:litigation_detail", args=[lawsuit.pk]),
                kind=_("行政诉讼"),
                due_on=lawsuit.defence_due_on,  # type: ignore[arg-type]
                division_id=lawsuit.division_id,
                division_name=lawsuit.division.name if lawsuit.division else "",
                open_permission=SEE,
            )
        )
    return items
