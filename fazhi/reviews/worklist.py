"""Legality-review items on the "我的工作" dashboard."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.worklist import WorkItem
from fazhi.reviews import permissions
from fazhi.reviews.models import ReviewRequest

S = ReviewRequest.Status


def review_items(user: Any) -> Iterable[WorkItem]:
    if not permissions.is_staff_member(user):
        return []
    items: list[WorkItem] = []
    visible = ReviewRequest.objects.visible_to(user).select_related("due_rule")
    if permissions.is_reviewer(user):
        for r in visible.filter(status=S.SUBMITTED)[:50]:
            items.append(
                WorkItem(
                    _("待受理：%(t)s") % {"t": r.title},
                    reverse("reviews:detail", args=[r.pk]),
                    _("合法性审核"),
                )
            )
        mine = visible.filter(status=S.UNDER_REVIEW, reviewers=user)
        for r in mine[:50]:
            items.append(
                WorkItem(
                    _("审核中：%(t)s") % {"t": r.title},
                    reverse("reviews:detail", args=[r.pk]),
                    _("合法性审核"),
                    due=r.deadline,
                )
            )
    if user.has_role("legal_advisor"):
        for r in visible.filter(status=S.UNDER_REVIEW, counsel__user=user)[:50]:
            items.append(
                WorkItem(
                    _("请提出法审意见：%(t)s") % {"t": r.title},
                    reverse("reviews:detail", args=[r.pk]),
                    _("法律顾问"),
                    due=r.deadline,
                )
            )
    if permissions.can_create(user):
        own = visible.filter(division_id=user.organization_id)
        for r in own.filter(status=S.RETURNED)[:50]:
            items.append(
                WorkItem(
                    _("退回补充材料：%(t)s") % {"t": r.title},
                    reverse("reviews:detail", args=[r.pk]),
                    _("合法性审核"),
                )
            )
        for r in own.filter(status=S.CONCLUDED)[:50]:
            items.append(
                WorkItem(
                    _("请答复法审意见：%(t)s") % {"t": r.title},
                    reverse("reviews:detail", args=[r.pk]),
                    _("合法性审核"),
                )
            )
    return items
