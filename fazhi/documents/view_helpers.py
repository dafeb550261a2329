"""Helpers shared by the staff pages of normative documents (views/): deadlines shown with their
basis, filter notes, action messages placed next to their field, the timeline of a record and
who sees which filings."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.audit import verb_label
from fazhi.core.calendar import compute_deadline
from fazhi.core.formfields import filter_notes, place_error  # noqa: F401 - this app's pages import them from here
from fazhi.core.models import AuditEvent
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role
from fazhi.core.workflow import DomainError
from fazhi.documents import permissions
from fazhi.documents.models import (
    Comment,
    Filing,
    NormativeDocument,
)
from fazhi.reviews.models import ReviewRequest

S = NormativeDocument.Status
F = Filing.Status
PAGE_SIZE = 25
DOCUMENT_TYPE = "documents.normativedocument"


VERB_LABELS: dict[str, Any] = {
    "filing.deadline_computed": gettext_lazy("工作日历录入后计算期限"),
    "document.solicitation_extended": gettext_lazy("征求意见期顺延至最短期限"),
    "document.create": gettext_lazy("起草"),
    "document.version": gettext_lazy("保存新版本"),
    "document.open_solicitation": gettext_lazy("公开征求意见"),
    "document.comment": gettext_lazy("收到意见"),
    "document.comment_answer": gettext_lazy("答复意见"),
    "document.submit_for_review": gettext_lazy("送请合法性审核"),
    "document.deliberate": gettext_lazy("集体审议"),
    "document.issue": gettext_lazy("统一编号印发"),
    "document.publish": gettext_lazy("公布"),
    "document.abandon": gettext_lazy("终止制定"),
    "document.validity.amended": gettext_lazy("记录修改"),
    "document.validity.repealed": gettext_lazy("记录废止"),
    "document.validity.declared_invalid": gettext_lazy("记录宣布失效"),
    "document.validity.evaluated": gettext_lazy("记录有效期届满前评估"),
    "document.validity.expired": gettext_lazy("有效期届满失效"),
    "attachment.upload": gettext_lazy("上传附件"),
    "filing.submit": gettext_lazy("报送备案"),
    "filing.filed": gettext_lazy("予以备案"),
    "filing.rejected": gettext_lazy("不予备案"),
    "filing.deferred": gettext_lazy("暂缓备案"),
    "filing.corrected": gettext_lazy("报送纠正情况"),
}


def is_leadership(user: Any) -> bool:
    return is_staff_member(user) and user.has_role(Role.LEADERSHIP)


def reviews_of(document: NormativeDocument) -> list[ReviewRequest]:
    content_type = ContentType.objects.get_for_model(NormativeDocument)
    return list(
        ReviewRequest.objects.filter(
            agency_id=document.agency_id, subject_type=content_type, subject_id=str(document.pk)
        ).order_by("-pk")
    )


def _choice(choices: Any, value: Any) -> str:
    return str(dict(choices).get(value, value or ""))


def _event_detail(event: AuditEvent) -> str:
    data = event.data if isinstance(event.data, dict) else {}
    verb = event.verb
    if verb == "document.version":
        note = _("第 %(n)s 版") % {"n": data.get("version")}
        return note + (f"：{data['note']}" if data.get("note") else "")
    if verb == "document.open_solicitation":
        return _("征求意见期 %(a)s 至 %(b)s") % {"a": data.get("opens_on"), "b": data.get("closes_on")}
    if verb == "document.comment":
        return _choice(Comment.Source.choices, data.get("source"))
    if verb == "document.comment_answer":
        return _choice(Comment.Adoption.choices, data.get("adoption"))
    if verb == "document.deliberate":
        return f"{data.get('meeting', '')} {data.get('meeting_on', '')}：" + _choice(
            NormativeDocument.Outcome.choices, data.get("outcome")
        )
    if verb == "document.issue":
        return _("%(number)s，签发人：%(who)s") % {"number": data.get("number"), "who": data.get("signed_by")}
    if verb == "document.publish":
        return _("公布 %(p)s，施行 %(e)s，有效期至 %(x)s") % {
            "p": data.get("published_on"),
            "e": data.get("effective_on"),
            "x": data.get("expires_on"),
        }
    if verb == "document.abandon":
        return _("理由：%(r)s") % {"r": data.get("reason", "")}
    if verb.startswith("document.validity."):
        parts = [str(data.get("on", ""))]
        if data.get("by_document"):
            parts.append(_("依据 %(n)s") % {"n": data["by_document"]})
        if data.get("note"):
            parts.append(str(data["note"]))
        return "；".join(parts)
    if verb == "filing.submit":
        return _("报送期限 %(d)s") % {"d": data.get("due_on")}
    if verb.startswith("filing."):
        return str(data.get("correction_request") or data.get("note") or data.get("answer") or "")
    if verb == "attachment.upload":
        return str(data.get("name", ""))
    return ""


def timeline(document: NormativeDocument, filing: Filing | None) -> list[AuditEvent]:
    scope = Q(object_type=DOCUMENT_TYPE, object_id=str(document.pk))
    if filing is not None:
        scope |= Q(object_type="documents.filing", object_id=str(filing.pk))
    events = list(AuditEvent.objects.filter(scope).defer("prev_hash", "hash").order_by("seq"))
    statuses = dict(S.choices) | dict(F.choices)
    for event in events:
        event.verb_label = verb_label(event.verb, VERB_LABELS)  # type: ignore[attr-defined]
        event.from_label = statuses.get(event.from_status, event.from_status)  # type: ignore[attr-defined]
        event.to_label = statuses.get(event.to_status, event.to_status)  # type: ignore[attr-defined]
        event.detail = _event_detail(event)  # type: ignore[attr-defined]
    return events


def safe_deadline(start: datetime.date, code: str) -> tuple[Any, str]:
    """A deadline from the rule book, or the reason it cannot be computed (a missing calendar
    year, a missing rule) to show instead."""
    try:
        return compute_deadline(start, code), ""
    except DomainError as exc:
        return None, str(exc)


def filings_visible_to(user: Any) -> QuerySet[Filing]:
    """A justice bureau's filing officers see exactly the filings addressed to their bureau,
    from every department; a department's legal affairs division sees its own agency's; nobody
    else sees the filing pages."""
    return permissions.filings_visible_to(user)
