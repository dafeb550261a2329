"""Task ledger items on the "我的工作" dashboard. For a division (its staff and its head): its
open tasks due within the coming days or already late, the tasks at 100% its head may submit
for sign-off, and the supervisions it has yet to answer, each with the date set for it. For the
leadership: the tasks waiting for their sign-off and the late tasks they lead.

The dates are the ones people entered — the task's due date, the answer date the leader set
when supervising — never a time limit computed from a rule (DOMAIN.md §11 sets none)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.clock import today as local_today
from fazhi.core.roles import Role
from fazhi.core.worklist import WorkItem
from fazhi.ledger import permissions
from fazhi.ledger.models import LedgerItem, Supervision
from fazhi.ledger.view_helpers import due_date, respond_date

S = LedgerItem.Status
LIMIT = 50
WORKING = [S.OPEN, S.IN_PROGRESS]  # the division works on it
# How far ahead a division is reminded of its tasks' due dates (the brief's choice, not a
# legal time limit: the due date itself is the one entered for the task).
DUE_SOON_DAYS = 30
LONG_TEXTS = ("description", "cancel_reason", "assessment_note")


def _url(item: LedgerItem, anchor: str = "") -> str:
    return reverse("ledger:detail", args=[item.pk]) + anchor


def _division_items(user: Any, today: datetime.date) -> list[WorkItem]:
    kind = _("重点任务")
    own = LedgerItem.objects.filter(division_id=user.organization_id)
    items: list[WorkItem] = []
    # A task submitted for sign-off waits for its leader (see _leader_items), not the division.
    due = (
        own.filter(status__in=WORKING, due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        .defer(*LONG_TEXTS)
        .order_by("due_on", "pk")[:LIMIT]
    )
    for item in due:
        if item.is_overdue(today):
            title = _("已超过完成时限：%(t)s") % {"t": item.title}
        else:
            title = _("临近完成时限：%(t)s") % {"t": item.title}
        items.append(WorkItem(title, _url(item), kind, due_date(item)))
    if user.has_role(Role.DIVISION_HEAD):
        ready = (
            own.filter(status__in=WORKING, progress__gte=100)
            .defer(*LONG_TEXTS)
            .order_by("due_on", "pk")[:LIMIT]
        )
        items += [
            WorkItem(_("提请分管领导确认完成：%(t)s") % {"t": item.title}, _url(item, "#signoff"), kind)
            for item in ready
        ]
    supervisions = (
        Supervision.objects.filter(item__division_id=user.organization_id, responded_on__isnull=True)
        .exclude(item__status=S.CANCELLED)
        .select_related("item")
        .defer(*(f"item__{name}" for name in LONG_TEXTS))
        .order_by("respond_by", "pk")[:LIMIT]
    )
    items += [
        WorkItem(
            _("反馈督办意见：%(t)s") % {"t": s.item.title},
            _url(s.item, "#supervision"),
            _("督办"),
            respond_date(s),
        )
        for s in supervisions
    ]
    return items


def _leader_items(user: Any, today: datetime.date) -> list[WorkItem]:
    kind = _("重点任务")
    led = (
        LedgerItem.objects.filter(lead=user)
        .filter(Q(status=S.PENDING_SIGNOFF) | Q(status__in=LedgerItem.OPEN, due_on__lt=today))
        .select_related("division")
        .defer(*LONG_TEXTS)
        .order_by("due_on", "pk")[:LIMIT]
    )
    items: list[WorkItem] = []
    for item in led:
        if item.status == S.PENDING_SIGNOFF:
            items.append(
                WorkItem(
                    _("确认完成或退回：%(t)s（%(d)s）") % {"t": item.title, "d": item.division.name},
                    _url(item, "#signoff"),
                    kind,
                )
            )
        else:
            items.append(
                WorkItem(
                    _("分管任务已超过完成时限：%(t)s（%(d)s）") % {"t": item.title, "d": item.division.name},
                    _url(item),
                    kind,
                    due_date(item),
                )
            )
    return items


def ledger_items(user: Any) -> Iterable[WorkItem]:
    if not permissions.can_open_area(user):
        return []
    today = local_today()
    items: list[WorkItem] = []
    if user.organization_id and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD):
        items += _division_items(user, today)
    if permissions.is_leader(user):
        items += _leader_items(user, today)
    return items
