"""Enforcement items on the "我的工作" dashboard, each with its deadline from the rule book: for
an officer, the next step of each case they file or handle (the decision within its limit, the
party's hearing-request window, service of the decision) and the publicity of its decision
(publication, withdrawal of a reversed one); for the leadership, the cases waiting for their
decision."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.agencies import scoped
from fazhi.core.worklist import WorkItem
from fazhi.enforcement import permissions
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.view_helpers import (
    DEADLINE_RULES,
    LEADERSHIP,
    LONG_TEXTS,
    OFFICERS,
    OPEN_STATUSES,
    next_step,
    publicity_steps,
    review_states,
)

S = EnforcementCase.Status
LIMIT = 50


def _cases(queryset: Any) -> list[EnforcementCase]:
    return list(
        queryset.select_related(*DEADLINE_RULES).defer(*LONG_TEXTS).order_by("decision_due_on", "pk")[:LIMIT]
    )


def _url(case: EnforcementCase, anchor: str) -> str:
    return reverse("enforcement:detail", args=[case.pk]) + anchor


def _officer_items(user: Any, today: datetime.date) -> list[WorkItem]:
    kind = _("执法案件")
    pending = (
        Q(status__in=OPEN_STATUSES)
        | Q(decided_on__isnull=False, published_on__isnull=True, reversed_on__isnull=True)
        | Q(withdrawal_due_on__isnull=False, withdrawn_on__isnull=True)
    )
    handled = (
        scoped(EnforcementCase.objects.all(), user)
        .filter(Q(filed_by=user) | Q(officers__user=user))
        .filter(pending)
        .distinct()
    )
    cases = _cases(handled)
    states = review_states(cases)
    items: list[WorkItem] = []
    for case in cases:
        label = f"{case.code} {case.title}"
        step = next_step(case, today, states.get(case.pk))
        if case.is_open and step.by == OFFICERS:
            items.append(
                WorkItem(
                    _("%(s)s：%(c)s") % {"s": step.text, "c": label}, _url(case, step.anchor), kind, step.due
                )
            )
        for extra in publicity_steps(case):
            items.append(
                WorkItem(
                    _("%(s)s：%(c)s") % {"s": extra.text, "c": label},
                    _url(case, extra.anchor),
                    kind,
                    extra.due,
                )
            )
    return items


def _leadership_items(user: Any, today: datetime.date) -> list[WorkItem]:
    cases = _cases(EnforcementCase.objects.visible_to(user).filter(status=S.NOTIFIED))
    states = review_states(cases)
    items = []
    for case in cases:
        step = next_step(case, today, states.get(case.pk))
        if step.by == LEADERSHIP:
            items.append(
                WorkItem(
                    _("待作出决定：%(c)s %(t)s") % {"c": case.code, "t": case.title},
                    _url(case, step.anchor),
                    _("执法决定"),
                    step.due,
                )
            )
    return items


def enforcement_items(user: Any) -> Iterable[WorkItem]:
    if not permissions.can_open_area(user):
        return []
    today = timezone.localdate()
    items: list[WorkItem] = []
    if permissions.can_file(user):
        items += _officer_items(user, today)
    if user.has_perm("enforcement.decide_case"):
        items += _leadership_items(user, today)
    return items
