"""Normative documents late for the leadership's overview (core.overdue): a published document
not yet sent for filing past its filing time limit (备案报送期限, DOMAIN.md: within 30 days of
publication, from the rule book), and a document whose comment window has closed (the stored
closing date) and still waits in solicitation. A filing date the calendar cannot compute yet
(pending) is not overdue."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.calendar import CalendarNotCovered, compute_deadline, deadline_cache
from fazhi.core.figures import agency_scope
from fazhi.core.overdue import OverdueItem
from fazhi.core.workflow import DomainError
from fazhi.documents.models import NormativeDocument

S = NormativeDocument.Status
LIMIT = 200
FIELDS = ("pk", "title", "division__name", "division_id", "published_on", "comment_closes_on", "status")


def _filing_due(published_on: datetime.date) -> datetime.date | None:
    try:
        return compute_deadline(published_on, "document.filing").due
    except (CalendarNotCovered, DomainError):
        return None  # pending: the calendar of that year is not entered yet


def overdue_documents(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    scope = NormativeDocument.objects.filter(agency_scope(agency, "agency", "division"))
    items: list[OverdueItem] = []
    unfiled = (
        scope.filter(status=S.PUBLISHED, published_on__isnull=False, filing__isnull=True)
        .select_related("division")
        .only(*FIELDS)
        .order_by("published_on", "pk")[:LIMIT]
    )
    with deadline_cache():
        for document in unfiled:
            assert document.published_on is not None
            due = _filing_due(document.published_on)
            if due is None or due >= today:
                continue
            items.append(
                OverdueItem(
                    title=_("超过备案报送期限：%(t)s") % {"t": document.title},
                    url=reverse("documents:detail", args=[document.pk]) + "#filing",
                    kind=_("规范性文件备案"),
                    due_on=due,
                    division_id=document.division_id,
                    division_name=document.division.name,
                )
            )
    closed = (
        scope.filter(status=S.SOLICITING, comment_closes_on__lt=today)
        .select_related("division")
        .only(*FIELDS)
        .order_by("comment_closes_on", "pk")[:LIMIT]
    )
    for document in closed:
        assert document.comment_closes_on is not None
        items.append(
            OverdueItem(
                title=_("征求意见期已届满，尚未送请合法性审核：%(t)s") % {"t": document.title},
                url=reverse("documents:detail", args=[document.pk]) + "#comments",
                kind=_("规范性文件征求意见"),
                due_on=document.comment_closes_on,
                division_id=document.division_id,
                division_name=document.division.name,
            )
        )
    return items
