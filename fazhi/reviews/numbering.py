"""The opinion letter's number (法律审核意见书文号): `津科法审〔2026〕68号`, its own series, starting at
1 each year with no gaps, issued with the conclusion through core.numbering (GB/T 9704-2012
§7.2.5: the year in 〔〕, the sequence without leading zeros, 不编虚位; no internal codes)."""

from __future__ import annotations

import datetime

from fazhi.core.models import NumberSeries, Organization, User
from fazhi.core.numbering import issue_number
from fazhi.core.workflow import DomainError
from fazhi.reviews.models import ReviewRequest

LETTER_PREFIX = "津科法审"


def letter_series(actor: User) -> NumberSeries:
    """The series, registered on first use for the legal affairs division that issues letters."""
    series = NumberSeries.objects.filter(kind=NumberSeries.Kind.REVIEW_LETTER).order_by("pk").first()
    if series is not None:
        return series
    division = Organization.objects.filter(is_legal_affairs=True).order_by("pk").first() or actor.organization
    if division is None:
        raise DomainError("尚未设置政策法规处，无法为法律审核意见书编号")
    series, _created = NumberSeries.objects.get_or_create(
        prefix=LETTER_PREFIX, defaults={"organization": division, "kind": NumberSeries.Kind.REVIEW_LETTER}
    )
    return series


def number_letter(review: ReviewRequest, *, actor: User, on: datetime.date) -> str:
    """Issue the next number of `on`'s year for the review's letter; call it inside the
    transaction that concludes the review, so that a failed conclusion leaves no gap."""
    issued = issue_number(letter_series(actor), year=on.year, actor=actor, subject=review, title=review.title)
    return issued.number
