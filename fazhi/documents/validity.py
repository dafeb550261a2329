"""A published document's legal status on any date, derived from its dates and its dated
validity events (DOMAIN.md §5 "Point in time")."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.formats import cn_date
from fazhi.documents.models import NormativeDocument, ValidityEvent

E = ValidityEvent.Kind


class Validity(models.TextChoices):
    NOT_PUBLISHED = "not_published", _("未公布")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("尚未生效")
    IN_FORCE = "in_force", _("现行有效")
    AMENDED = "amended", _("已修改")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")
    DECLARED_INVALID = "declared_invalid", _("宣布失效")


TERMINAL: dict[str, Validity] = {
    E.EXPIRED: Validity.EXPIRED,
    E.REPEALED: Validity.REPEALED,
    E.DECLARED_INVALID: Validity.DECLARED_INVALID,
}


def status_on(
    document: NormativeDocument, day: datetime.date, events: Iterable[ValidityEvent] | None = None
) -> Validity:
    """The status of `document` on `day`. An unpublished document has no legal effect; before
    its effective date it is 尚未生效; after its expiry date it is 失效 even before the scheduled
    command has recorded the expiry; a repeal or declaration of invalidity ends it on its date."""
    if document.published_on is None or document.published_on > day:
        return Validity.NOT_PUBLISHED
    if document.effective_on is not None and day < document.effective_on:
        return Validity.NOT_YET_IN_FORCE
    past = sorted(
        (e for e in (document.validity_events.all() if events is None else events) if e.on <= day),
        key=lambda e: (e.on, e.pk or 0),
    )
    for event in past:
        if event.kind in TERMINAL:
            return TERMINAL[event.kind]
    if document.expires_on is not None and day > document.expires_on:
        return Validity.EXPIRED
    if any(e.kind == E.AMENDED for e in past):
        return Validity.AMENDED
    return Validity.IN_FORCE


def is_in_force(status: Validity) -> bool:
    return status in {Validity.IN_FORCE, Validity.AMENDED}


def banner(document: NormativeDocument, day: datetime.date) -> str:
    """ "截至 2026年11月27日 现行有效" — the line the library shows above a document."""
    return f"截至 {cn_date(day)} {status_on(document, day).label}"
