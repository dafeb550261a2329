"""Normative-document items on the "我的工作" dashboard: for the drafting division, opinions to
answer, closed comment windows, deferred filings and evaluations coming due; for the legal
affairs division, documents to issue, publish and file (with the filing deadline from the rule
book); for the Justice Bureau, filings waiting for a decision."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.agencies import agency_id_of
from fazhi.core.calendar import compute_deadline, deadline_cache
from fazhi.core.formats import date_text
from fazhi.core.permissions import is_staff_member
from fazhi.core.workflow import DomainError
from fazhi.core.worklist import WorkItem
from fazhi.documents import permissions
from fazhi.documents.models import Filing, NormativeDocument, ValidityEvent
from fazhi.documents.validity import is_in_force, status_on

S = NormativeDocument.Status
LIMIT = 50
# How far ahead an evaluation before expiry is put on the drafting division's list.
EVALUATION_NOTICE = datetime.timedelta(days=90)


def _detail(document: NormativeDocument, anchor: str = "") -> str:
    return reverse("documents:detail", args=[document.pk]) + anchor


def _deadline(start: datetime.date, code: str) -> Any:
    try:
        return compute_deadline(start, code)
    except DomainError:
        # A year the calendar lacks: the item still shows; the administrator has its own item.
        return None


def _drafter_items(user: Any, today: datetime.date) -> list[WorkItem]:
    kind = _("规范性文件")
    own = NormativeDocument.objects.filter(division_id=user.organization_id)
    items: list[WorkItem] = []
    with_unanswered = (
        own.filter(status__in=[S.SOLICITING, S.UNDER_REVIEW])
        .annotate(unanswered=Count("comments", filter=Q(comments__adoption="")))
        .filter(unanswered__gt=0)
        .order_by("comment_closes_on", "pk")
    )
    for commented in with_unanswered[:LIMIT]:
        items.append(
            WorkItem(
                _("意见待答复（%(n)s 条）：%(t)s") % {"n": commented.unanswered, "t": commented.title},
                _detail(commented, "#comments"),
                kind,
            )
        )
    for document in own.filter(status=S.SOLICITING, comment_closes_on__lt=today).order_by("pk")[:LIMIT]:
        items.append(
            WorkItem(
                _("征求意见已结束，可送请合法性审核：%(t)s") % {"t": document.title},
                _detail(document, "#step-submit_for_review"),
                kind,
            )
        )
    deferred = Filing.objects.filter(
        status=Filing.Status.DEFERRED,
        document__agency_id=agency_id_of(user),
        document__division_id=user.organization_id,
    )
    for filing in deferred.select_related("document").order_by("pk")[:LIMIT]:
        items.append(
            WorkItem(
                _("暂缓备案，请纠正后报送：%(t)s") % {"t": filing.document.title},
                _detail(filing.document, "#filing"),
                _("备案"),
            )
        )
    candidates = (
        own.filter(published_on__isnull=False, expires_on__gte=today)
        .exclude(validity_events__kind=ValidityEvent.Kind.EVALUATED)
        .prefetch_related("validity_events")
        .order_by("expires_on", "pk")
    )
    for document in candidates:
        assert document.expires_on is not None
        due = _deadline(document.expires_on, "document.evaluation_before_expiry")
        if due is None or due.due > today + EVALUATION_NOTICE or not is_in_force(status_on(document, today)):
            continue
        items.append(
            WorkItem(
                _("有效期届满前评估：%(t)s（%(d)s 届满）")
                % {"t": document.title, "d": date_text(document.expires_on)},
                _detail(document, "#validity"),
                kind,
                due=due,
            )
        )
        if len(items) >= 4 * LIMIT:
            break
    return items


def _legal_affairs_items(user: Any) -> list[WorkItem]:
    kind = _("规范性文件")
    agency = user.organization.agency
    documents = NormativeDocument.objects.filter(agency=agency)
    items: list[WorkItem] = []
    for document in documents.filter(status=S.DELIBERATED).order_by("meeting_on", "pk")[:LIMIT]:
        items.append(
            WorkItem(
                _("待统一编号印发：%(t)s") % {"t": document.title}, _detail(document, "#step-issue"), kind
            )
        )
    for document in documents.filter(status=S.ISSUED).order_by("issued_on", "pk")[:LIMIT]:
        items.append(
            WorkItem(
                _("已印发待公布：%(t)s（%(n)s）") % {"t": document.title, "n": document.number},
                _detail(document, "#step-publish"),
                kind,
            )
        )
    unfiled = documents.filter(status=S.PUBLISHED, filing__isnull=True).order_by("published_on", "pk")
    for document in unfiled[:LIMIT]:
        assert document.published_on is not None
        items.append(
            WorkItem(
                _("待报送备案：%(t)s（%(n)s）") % {"t": document.title, "n": document.number},
                _detail(document, "#step-file"),
                _("备案"),
                due=_deadline(document.published_on, "document.filing"),
            )
        )
    deferred = Filing.objects.filter(status=Filing.Status.DEFERRED, document__agency=agency)
    for filing in deferred.select_related("document").order_by("pk")[:LIMIT]:
        items.append(
            WorkItem(
                _("暂缓备案，请纠正后报送：%(t)s") % {"t": filing.document.title},
                reverse("documents:filing_detail", args=[filing.pk]) + "#correction",
                _("备案"),
            )
        )
    return items


def _filing_officer_items(user: Any) -> list[WorkItem]:
    waiting = Filing.objects.filter(
        status__in=[Filing.Status.SUBMITTED, Filing.Status.CORRECTED], authority_id=agency_id_of(user)
    )
    items = []
    for filing in waiting.select_related("document", "document__agency").order_by("submitted_on", "pk")[
        :LIMIT
    ]:
        document = filing.document
        title = (
            _("纠正后待复审：%(t)s（%(a)s）")
            if filing.status == Filing.Status.CORRECTED
            else _("待备案审查：%(t)s（%(a)s）")
        )
        items.append(
            WorkItem(
                title % {"t": f"{document.number} {document.title}", "a": document.agency.name},
                reverse("documents:filing_detail", args=[filing.pk]) + "#decide",
                _("备案审查"),
            )
        )
    return items


def document_items(user: Any) -> Iterable[WorkItem]:
    if not is_staff_member(user):
        return []
    today = timezone.localdate()
    items: list[WorkItem] = []
    with deadline_cache():
        if permissions.can_draft(user):
            items += _drafter_items(user, today)
        if permissions.can_issue(user) and user.organization_id:
            items += _legal_affairs_items(user)
    if permissions.can_review_filings(user):
        items += _filing_officer_items(user)
    # Someone both drafting and issuing would see a deferred filing twice.
    seen: set[tuple[str, str]] = set()
    unique = []
    for item in items:
        if (item.url, item.title) not in seen:
            seen.add((item.url, item.title))
            unique.append(item)
    return unique
