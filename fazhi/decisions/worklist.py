"""Major-decision items on the "我的工作" dashboard: for the lead division, the next procedure of
each of its matters, closed consultations with comments unanswered, and the archive hand-over
(with its deadline from the rule book); for the legal affairs division, the catalogs to compile,
approve and publish; for the leadership, the matters waiting for the collective decision."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.agencies import wording
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role
from fazhi.core.worklist import WorkItem
from fazhi.decisions import permissions
from fazhi.decisions.models import DecisionCatalog, MajorDecision
from fazhi.decisions.view_helpers import archive_deadline, next_step

G = MajorDecision.Stage
C = DecisionCatalog.Status
LIMIT = 50
# Stages in which the lead division has the next move.
RUNNING = [
    G.DRAFTING,
    G.PUBLIC_PARTICIPATION,
    G.EXPERT_ARGUMENTATION,
    G.RISK_ASSESSMENT,
    G.LEGALITY_REVIEW,
    G.DECIDED,
]


def _detail(decision: MajorDecision, anchor: str = "") -> str:
    return reverse("decisions:detail", args=[decision.pk]) + anchor


def _lead_items(user: Any, today: datetime.date) -> list[WorkItem]:
    kind = _("重大行政决策")
    own = MajorDecision.objects.filter(lead_division_id=user.organization_id)
    items: list[WorkItem] = []
    running = (
        own.filter(stage__in=RUNNING)
        .select_related("consultation")
        .annotate(unanswered=Count("consultation__comments", filter=Q(consultation__comments__adoption="")))
        .order_by("planned_end", "pk")
    )
    for decision in running[:LIMIT]:
        consultation = getattr(decision, "consultation", None)
        if (
            decision.stage == G.PUBLIC_PARTICIPATION
            and consultation is not None
            and consultation.closes_on < today
            and decision.unanswered  # type: ignore[attr-defined]
        ):
            items.append(
                WorkItem(
                    _("征求意见已结束，%(n)s 条意见待答复：%(t)s")
                    % {"n": decision.unanswered, "t": decision.title},  # type: ignore[attr-defined]
                    _detail(decision, "#comments"),
                    kind,
                )
            )
            continue
        step = next_step(decision, today)
        items.append(
            WorkItem(
                _("%(s)s：%(t)s") % {"s": step.text, "t": decision.title},
                _detail(decision, step.anchor),
                kind,
            )
        )
    unarchived = own.filter(stage=G.PUBLISHED, archived_on__isnull=True).select_related("archive_rule")
    for published in unarchived.order_by("archive_due_on", "pk")[:LIMIT]:
        items.append(
            WorkItem(
                _("决策档案待移交：%(t)s") % {"t": published.title},
                _detail(published, "#archive"),
                _("归档"),
                due=archive_deadline(published),
            )
        )
    return items


def _legal_affairs_items(user: Any, today: datetime.date) -> list[WorkItem]:
    kind = _("决策事项目录")
    agency = user.organization.agency
    words = wording(agency)
    items: list[WorkItem] = []
    catalogs = DecisionCatalog.objects.filter(agency=agency).exclude(status=C.PUBLISHED)
    for catalog in catalogs.order_by("year", "version"):
        title = (
            _("目录编制中，待%(meeting)s审议：%(c)s")
            if catalog.status == C.DRAFT
            else _("目录已审议通过，待公布：%(c)s")
        )
        items.append(
            WorkItem(
                title % {"c": catalog, "meeting": words.party_meeting},
                reverse("decisions:catalog_detail", args=[catalog.pk]) + "#steps",
                kind,
            )
        )
    proposed = (
        MajorDecision.objects.filter(agency=agency, stage=G.PROPOSED)
        .exclude(entries__catalog__status__in=[C.DRAFT, C.APPROVED])
        .order_by()
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    for row in proposed:
        items.append(
            WorkItem(
                _("%(y)s 年度有 %(n)s 个处室提出的事项待编入目录") % {"y": row["year"], "n": row["n"]},
                reverse("decisions:catalogs"),
                kind,
            )
        )
    return items


def _leadership_items() -> list[WorkItem]:
    waiting = MajorDecision.objects.filter(stage=G.COLLECTIVE_DECISION).order_by("planned_end", "pk")
    return [
        WorkItem(
            _("待集体讨论决定：%(t)s") % {"t": decision.title},
            _detail(decision, "#meeting"),
            _("重大行政决策"),
        )
        for decision in waiting[:LIMIT]
    ]


def decision_items(user: Any) -> Iterable[WorkItem]:
    if not is_staff_member(user):
        return []
    today = timezone.localdate()
    items: list[WorkItem] = []
    if permissions.can_propose(user):
        items += _lead_items(user, today)
    if permissions.can_compile(user) and user.organization_id:
        items += _legal_affairs_items(user, today)
    if user.has_role(Role.LEADERSHIP) and user.has_perm("decisions.decide"):
        items += _leadership_items()
    return items
