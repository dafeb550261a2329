"""Validity: amendment, repeal, declared invalid, expiry and evaluation before expiry."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction

from fazhi.core.audit import record_event
from fazhi.core.calendar import compute_deadline
from fazhi.core.clock import today as _today
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    require,
)
from fazhi.documents import permissions
from fazhi.documents.actions._common import E
from fazhi.documents.models import (
    CleanupCampaign,
    NormativeDocument,
    ValidityEvent,
)

# --- validity ----------------------------------------------------------------------------------

REQUIRES_BY_DOCUMENT = {E.AMENDED, E.REPEALED}


def record_validity_event(
    document: NormativeDocument,
    *,
    actor: User,
    kind: str,
    on: datetime.date,
    by_document: NormativeDocument | None = None,
    note: str = "",
    campaign: CleanupCampaign | None = None,
) -> ValidityEvent:
    """Amendment, repeal, declaration of invalidity or the evaluation before expiry, with its
    date; amendment and repeal name the document that made them."""
    require(permissions.can_record_validity(actor, document))
    if kind not in {E.AMENDED, E.REPEALED, E.DECLARED_INVALID, E.EVALUATED}:
        raise DomainError("事项不正确")
    if kind in REQUIRES_BY_DOCUMENT and by_document is None and campaign is None:
        raise DomainError("修改或废止应当载明据以修改、废止的文件")
    if by_document is not None and by_document.pk == document.pk:
        raise DomainError("文件不能修改或废止自身")
    if by_document is not None and (by_document.published_on is None or by_document.published_on > on):
        raise DomainError("据以修改、废止的文件应当在该日期前已公布")
    assert document.published_on is not None
    if on < document.published_on:
        raise DomainError("日期不能早于文件公布日期")
    from fazhi.documents.validity import TERMINAL, status_on

    if kind in TERMINAL and status_on(document, on) in {TERMINAL[k] for k in TERMINAL}:
        raise DomainError("该文件在该日期已经失效或废止")
    with transaction.atomic():
        event = ValidityEvent.objects.create(
            document=document,
            kind=kind,
            on=on,
            by_document=by_document,
            campaign=campaign,
            note=note.strip(),
            recorded_by=actor,
        )
        record_event(
            f"document.validity.{kind}",
            actor=actor,
            obj=document,
            data={
                "on": on.isoformat(),
                "by_document": by_document.number if by_document else None,
                "campaign_id": campaign.pk if campaign else None,
                "note": note.strip(),
            },
        )
    return event


def expire_documents(*, today: datetime.date | None = None) -> int:
    """Record 失效 for every published document past its expiry date. Safe to run any number of
    times, and twice at once: the expiry event is unique per document."""
    today = today or _today()
    candidates = NormativeDocument.objects.filter(published_on__isnull=False, expires_on__lt=today).exclude(
        validity_events__kind__in=[E.EXPIRED, E.REPEALED, E.DECLARED_INVALID]
    )
    count = 0
    for document in candidates.iterator():
        assert document.expires_on is not None
        on = document.expires_on + datetime.timedelta(days=1)
        try:
            with transaction.atomic():
                ValidityEvent.objects.create(
                    document=document, kind=E.EXPIRED, on=on, note="有效期届满自动失效"
                )
                record_event(
                    "document.validity.expired",
                    actor=None,
                    obj=document,
                    data={"on": on.isoformat(), "expires_on": document.expires_on.isoformat()},
                )
        except IntegrityError:
            continue  # another run recorded it first
        count += 1
    return count


def evaluation_due_on(document: NormativeDocument) -> datetime.date | None:
    """When the evaluation before expiry is due (rule `document.evaluation_before_expiry`)."""
    if document.expires_on is None:
        return None
    return compute_deadline(document.expires_on, "document.evaluation_before_expiry").due
