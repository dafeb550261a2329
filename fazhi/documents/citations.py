"""What the documents app tells other apps about the laws its documents cite.

A document records its legal basis only as text (its summary, its body, its draft versions), so a
citation is found by the law's title in book-title marks, e.g. 《天津市科学技术普及条例》. The
legislation app asks this when a new version of a law takes effect, to ask the drafters to check.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from fazhi.documents.models import NormativeDocument, ValidityEvent

ENDED = (ValidityEvent.Kind.EXPIRED, ValidityEvent.Kind.REPEALED, ValidityEvent.Kind.DECLARED_INVALID)


def documents_citing(names: Iterable[str], *, on: datetime.date) -> QuerySet[NormativeDocument]:
    """Documents still being drafted or in force on `on` whose text cites one of `names`
    (each searched as 《name》)."""
    match = Q()
    for name in names:
        cited = f"《{name}》"
        match |= Q(summary__contains=cited) | Q(body__contains=cited) | Q(versions__text__contains=cited)
    if not match:
        return NormativeDocument.objects.none()
    ended = ValidityEvent.objects.filter(kind__in=ENDED, on__lte=on).values("document_id")
    return (
        NormativeDocument.objects.filter(match)
        .exclude(status__in=[NormativeDocument.Status.NOT_ADOPTED, NormativeDocument.Status.ABANDONED])
        .exclude(expires_on__lt=on)
        .exclude(pk__in=ended)
        .distinct()
        .order_by("pk")
    )
