"""Reconsideration, litigation and mediation items on the "我的工作" dashboard. For the legal
affairs division: replies and defences due (with their rule-book deadlines), correction reports
on an opinion letter due, the hearings planned (reconsideration hearings and court sessions
ahead; a court session passed and not yet recorded), and mediation requests waiting for an
answer. For the leadership: the court sessions and reconsideration hearings where they are the
planned head."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.agencies import wording
from fazhi.core.clock import today as local_today
from fazhi.core.formats import date_text
from fazhi.core.roles import Role
from fazhi.core.worklist import WorkItem
from fazhi.disputes import permissions
from fazhi.disputes.models import Litigation, Mediation, Reconsideration
from fazhi.disputes.view_helpers import (
    LITIGATION_LONG,
    LITIGATION_RULES,
    RECONSIDERATION_LONG,
    RECONSIDERATION_RULES,
)

R = Reconsideration.Status
L = Litigation.Status
LIMIT = 50
BEFORE_DECISION = [R.RECEIVED, R.REPLIED]
BEFORE_HEARING = [L.RECEIVED, L.DEFENDED]


def _day(value: datetime.date | None) -> str:
    return date_text(value) if value else ""


def _url(name: str, obj: Any, anchor: str) -> str:
    return reverse(name, args=[obj.pk]) + anchor


def _reconsideration_items(user: Any, today: datetime.date) -> list[WorkItem]:
    kind = _("行政复议")
    detail = "disputes:reconsideration_detail"
    cases = (
        Reconsideration.objects.visible_to(user)
        .filter(
            Q(status=R.RECEIVED)
            | Q(opinion_letter_on__isnull=False, correction_reported_on__isnull=True)
            | Q(status__in=BEFORE_DECISION, hearing_on__gte=today)
        )
        .select_related(*RECONSIDERATION_RULES)
        .defer(*RECONSIDERATION_LONG)
        .order_by("received_on", "pk")[:LIMIT]
    )
    items: list[WorkItem] = []
    for case in cases:
        if case.status == R.RECEIVED:
            items.append(
                WorkItem(
                    _("提交复议答复和证据：%(a)s") % {"a": case.applicant},
                    _url(detail, case, "#reply"),
                    kind,
                    case.reply_deadline,
                )
            )
        if case.opinion_letter_on and case.correction_reported_on is None:
            items.append(
                WorkItem(
                    _("报送行政复议意见书整改情况：%(a)s") % {"a": case.applicant},
                    _url(detail, case, "#opinion"),
                    kind,
                    case.correction_deadline,
                )
            )
        if case.status in BEFORE_DECISION and case.hearing_on and case.hearing_on >= today:
            items.append(
                WorkItem(
                    _("%(d)s 复议听证（%(who)s 参加）：%(a)s")
                    % {"d": _day(case.hearing_on), "who": case.attendee, "a": case.applicant},
                    _url(detail, case, "#hearing"),
                    kind,
                )
            )
    return items


def _litigation_items(user: Any, today: datetime.date) -> list[WorkItem]:
    kind = _("行政诉讼")
    detail = "disputes:litigation_detail"
    cases = (
        Litigation.objects.visible_to(user)
        .filter(Q(status=L.RECEIVED) | Q(status__in=BEFORE_HEARING, hearing_on__isnull=False))
        .select_related("head", *LITIGATION_RULES)
        .defer(*LITIGATION_LONG)
        .order_by("complaint_received_on", "pk")[:LIMIT]
    )
    items: list[WorkItem] = []
    for case in cases:
        label = f"{case.plaintiff}（{case.court}）"
        if case.status == L.RECEIVED:
            items.append(
                WorkItem(
                    _("提交答辩状和证据：%(c)s") % {"c": label},
                    _url(detail, case, "#defence"),
                    kind,
                    case.defence_deadline,
                )
            )
        if case.hearing_on is None:
            continue
        if case.hearing_on >= today:
            who = case.head.display_name if case.head else case.appearing_staff
            items.append(
                WorkItem(
                    _("%(d)s 开庭（%(who)s 出庭）：%(c)s")
                    % {"d": _day(case.hearing_on), "who": who, "c": label},
                    _url(detail, case, "#appearance"),
                    kind,
                )
            )
        else:
            items.append(
                WorkItem(
                    _("记录开庭情况：%(c)s") % {"c": label},
                    _url(detail, case, "#hearing"),
                    kind,
                )
            )
    return items


def _mediation_items(user: Any) -> list[WorkItem]:
    requests = (
        Mediation.objects.visible_to(user)
        .filter(status=Mediation.Status.REQUESTED)
        .order_by("requested_on", "pk")
    )
    return [
        WorkItem(
            _("受理或不予受理调解申请：%(p)s") % {"p": m.parties},
            _url("disputes:mediation_detail", m, "#accept"),
            _("行政调解"),
        )
        for m in requests.only("parties", "requested_on")[:LIMIT]
    ]


def _head_items(user: Any, today: datetime.date) -> list[WorkItem]:
    """The court sessions and reconsideration hearings ahead where this head appears."""
    items: list[WorkItem] = []
    lawsuits = (
        Litigation.objects.visible_to(user)
        .filter(head=user, status__in=BEFORE_HEARING, hearing_on__gte=today)
        .select_related("agency")
        .order_by("hearing_on", "pk")
    )
    for case in lawsuits[:LIMIT]:
        items.append(
            WorkItem(
                _("%(d)s 出庭应诉：%(p)s诉%(a)s（%(c)s）")
                % {
                    "d": _day(case.hearing_on),
                    "p": case.plaintiff,
                    "a": wording(case.agency).short_name,
                    "c": case.court,
                },
                _url("disputes:litigation_detail", case, "#appearance"),
                _("出庭应诉"),
            )
        )
    hearings = (
        Reconsideration.objects.visible_to(user)
        .filter(head=user, status__in=BEFORE_DECISION, hearing_on__gte=today)
        .order_by("hearing_on", "pk")
    )
    for rec in hearings[:LIMIT]:
        items.append(
            WorkItem(
                _("%(d)s 参加复议听证：%(a)s申请行政复议（%(o)s）")
                % {"d": _day(rec.hearing_on), "a": rec.applicant, "o": rec.organ},
                _url("disputes:reconsideration_detail", rec, "#hearing"),
                _("复议听证"),
            )
        )
    return items


def dispute_items(user: Any) -> Iterable[WorkItem]:
    if not permissions.can_see(user):
        return []
    today = local_today()
    items: list[WorkItem] = []
    if permissions.can_handle(user):
        items += _reconsideration_items(user, today)
        items += _litigation_items(user, today)
        items += _mediation_items(user)
    if user.has_role(Role.LEADERSHIP):
        items += _head_items(user, today)
    return items
