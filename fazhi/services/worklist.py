"""Government-service items on the "我的工作" dashboard: for the legal affairs division, the
commitments whose verification is due within the coming days or overdue, each with its date
(set by the matter's days, not by a national time limit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.agencies import agency_id_of
from fazhi.core.clock import today as local_today
from fazhi.core.worklist import WorkItem
from fazhi.services import permissions
from fazhi.services.view_helpers import (
    DUE_SOON_DAYS,
    awaiting_verification,
    verification_deadline,
)

LIMIT = 50


def service_items(user: Any) -> Iterable[WorkItem]:
    if not permissions.can_manage(user):
        return []
    today = local_today()
    kind = _("告知承诺")
    items: list[WorkItem] = []
    for commitment in awaiting_verification(today, within_days=DUE_SOON_DAYS, agency=agency_id_of(user) or 0)[
        :LIMIT
    ]:
        names = {"a": commitment.applicant, "m": commitment.matter.name}
        if commitment.is_overdue(today):
            title = _("已超过核查期限：%(a)s（%(m)s）") % names
        else:
            title = _("临近核查期限：%(a)s（%(m)s）") % names
        items.append(
            WorkItem(
                title,
                reverse("services:commitment_detail", args=[commitment.pk]) + "#verify",
                kind,
                verification_deadline(commitment),
            )
        )
    return items
