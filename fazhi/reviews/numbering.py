"""The opinion letter's number (法律审核意见书文号): `津科法审〔2026〕68号`, its own series, starting at
1 each year with no gaps, issued with the conclusion through core.numbering (GB/T 9704-2012
§7.2.5: the year in 〔〕, the sequence without leading zeros, 不编虚位; no internal codes).

Each department numbers its own letters (issue 12): the series of kind REVIEW_LETTER owned by
the department or one of its divisions (normally its legal affairs division, which issues the
letters). A department that has none gets one on first use only when its prefix can be derived
without guessing — from its own 发文机关代字 as its other series carry it: the normative series
less 规 (津科规 → 津科法审, 津教规 → 津教法审), the penalty series less 罚, or the ordinary series
as it is — and only when it has a legal affairs division to own it. Otherwise the
conclusion is refused, naming what the administrator has to set up: the letter is an official
document and its 发文机关代字 is the department's to choose, not the platform's to invent.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from fazhi.core.models import NumberSeries, Organization, User
from fazhi.core.numbering import issue_number
from fazhi.core.workflow import DomainError
from fazhi.reviews.models import ReviewRequest

LETTER_SUFFIX = "法审"
# The series the agency's own 发文机关代字 is read from, in order, with the mark each adds to it.
DERIVED_FROM = (
    (NumberSeries.Kind.NORMATIVE, "规"),
    (NumberSeries.Kind.PENALTY, "罚"),
    (NumberSeries.Kind.ORDINARY, ""),
)


def _of_agency(agency: Organization) -> Q:
    return Q(organization=agency) | Q(organization__parent=agency)


def derived_prefix(agency: Organization) -> str | None:
    """津科规 → 津科法审: the letter prefix derived from the agency's own series, if any."""
    prefixes = dict(
        NumberSeries.objects.filter(_of_agency(agency), kind__in=[k for k, _m in DERIVED_FROM])
        .order_by("-pk")
        .values_list("kind", "prefix")
    )
    for kind, mark in DERIVED_FROM:
        prefix = prefixes.get(kind, "")
        if prefix and prefix.endswith(mark) and len(prefix) > len(mark):
            return prefix[: len(prefix) - len(mark)] + LETTER_SUFFIX
    return None


def letter_series(agency: Organization) -> NumberSeries:
    """The agency's own letter series, registered on first use when its prefix is derivable."""
    agency = agency.agency
    series = (
        NumberSeries.objects.filter(_of_agency(agency), kind=NumberSeries.Kind.REVIEW_LETTER)
        .order_by("pk")
        .first()
    )
    if series is not None:
        return series
    division = agency.legal_affairs_division()
    prefix = derived_prefix(agency)
    if division is None or prefix is None or NumberSeries.objects.filter(prefix=prefix).exists():
        raise DomainError(
            f"{agency.name}尚未设置法律审核意见书的文号序列，无法出具审核意见。"
            "请系统管理员在本机关的法制机构（政策法规处等，须标为法制机构）下登记"
            "“法律审核意见书”编号序列及其发文机关代字（如“××法审”）"
        )
    series, _created = NumberSeries.objects.get_or_create(
        prefix=prefix, defaults={"organization": division, "kind": NumberSeries.Kind.REVIEW_LETTER}
    )
    return series


def number_letter(review: ReviewRequest, *, actor: User, on: datetime.date) -> str:
    """Issue the next number of `on`'s year for the review's letter, from the series of the
    review's agency; call it inside the transaction that concludes the review, so that a
    failed conclusion leaves no gap."""
    issued = issue_number(
        letter_series(review.agency), year=on.year, actor=actor, subject=review, title=review.title
    )
    return issued.number
