"""The complaints on "我的工作": for the legal affairs division, portal submissions to register
and registered complaints awaiting the acceptance decision; for a division, the complaints it
handles and must answer — each with its due date and the rule behind it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.complaints import permissions
from fazhi.complaints.models import Complaint
from fazhi.core.agencies import scoped
from fazhi.core.calendar import stored_deadline
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role
from fazhi.core.worklist import WorkItem

S = Complaint.Status


def complaint_items(user: Any) -> Iterable[WorkItem]:
    if not is_staff_member(user):
        return []
    items: list[WorkItem] = []
    kind = _("执法投诉举报")
    own = scoped(Complaint.objects.all(), user)
    if permissions.can_register(user):
        for c in own.filter(status=S.SUBMITTED).order_by("received_on", "pk")[:50]:
            items.append(
                WorkItem(
                    title=_("网上投诉举报待登记：%(s)s") % {"s": c.subject},
                    url=reverse("complaints:detail", args=[c.pk]),
                    kind=kind,
                )
            )
        waiting = own.filter(status=S.REGISTERED).select_related("decision_rule")
        for c in waiting.order_by("decision_due_on", "pk")[:50]:
            items.append(
                WorkItem(
                    title=_("投诉举报待作出受理决定：%(s)s") % {"s": c.subject},
                    url=reverse("complaints:detail", args=[c.pk]),
                    kind=kind,
                    due=stored_deadline(c.registered_on, c.decision_due_on, c.decision_rule),
                )
            )
    if user.organization_id and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD):
        mine = own.filter(status=S.ACCEPTED, division_id=user.organization_id)
        for c in mine.select_related("reply_rule").order_by("reply_due_on", "pk")[:50]:
            items.append(
                WorkItem(
                    title=_("投诉举报待答复：%(s)s") % {"s": c.subject},
                    url=reverse("complaints:detail", args=[c.pk]),
                    kind=kind,
                    due=stored_deadline(c.decided_on, c.reply_due_on, c.reply_rule),
                )
            )
    return items
