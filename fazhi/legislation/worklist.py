"""Legislation items on the "我的工作" dashboard: the citations to check after a law changed (a
document's drafter or division; a rule-book row's keepers), and for the legal affairs division
the comments on an open draft still to answer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.agencies import agency_id_of
from fazhi.core.formats import date_text
from fazhi.core.permissions import can_manage_rulebook, is_staff_member
from fazhi.core.roles import Role
from fazhi.core.worklist import WorkItem
from fazhi.legislation import permissions
from fazhi.legislation.models import CitationFlag, LegislativeProject

LIMIT = 50


def flags_for(user: Any) -> Q | None:
    """The flags `user` is asked to check, as a filter (None: none)."""
    if not is_staff_member(user):
        return None
    own = Q(subject=CitationFlag.Subject.DOCUMENT, agency_id=agency_id_of(user))
    scope = own & Q(owner_id=user.pk)
    if user.organization_id and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD):
        scope |= own & Q(division_id=user.organization_id)
    if can_manage_rulebook(user):
        scope |= Q(subject=CitationFlag.Subject.RULE)
    return scope


def legislation_items(user: Any) -> Iterable[WorkItem]:
    items: list[WorkItem] = []
    scope = flags_for(user)
    if scope is not None:
        flags = (
            CitationFlag.objects.filter(scope, status=CitationFlag.Status.OPEN)
            .select_related("version__law")
            .order_by("created_at", "pk")[:LIMIT]
        )
        for flag in flags:
            items.append(
                WorkItem(
                    _("请核对：%(t)s 引用的《%(l)s》已%(k)s，自 %(d)s 起施行")
                    % {
                        "t": flag.title,
                        "l": flag.version.law.title,
                        "k": flag.version.get_kind_display(),
                        "d": date_text(flag.version.effective_on),
                    },
                    reverse("legislation:flag_detail", args=[flag.pk]),
                    _("法规修改后核对"),
                )
            )
    if permissions.can_manage(user):
        projects = (
            LegislativeProject.objects.filter(
                stage=LegislativeProject.Stage.PUBLIC_COMMENT, comments__adoption=""
            )
            .distinct()
            .order_by("comment_closes_on", "pk")[:LIMIT]
        )
        for project in projects:
            items.append(
                WorkItem(
                    _("草案意见待答复：%(t)s") % {"t": project.title},
                    reverse("legislation:project_detail", args=[project.pk]) + "#comments",
                    _("立法项目"),
                )
            )
    return items
