"""Helpers shared by the government-service pages (views/), the API (api.py) and the worklist:
the date a commitment is verified by (set per matter, shown with `{% deadline %}` and its
source), the overdue flags, the choices of the forms, and the refusal placed next to its field."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.core.calendar import Deadline
from fazhi.core.formats import date_text
from fazhi.core.formfields import filter_notes, place_error, year_from  # noqa: F401 - this app's pages import them from here
from fazhi.core.models import Organization
from fazhi.services.models import Commitment, ServiceMatter

PAGE_SIZE = 25
# Enough for the overview; the full lists are a link away.
OVERVIEW_LIMIT = 50
# How far ahead the legal affairs division is reminded of a verification date (the brief's
# choice, not a legal time limit: the date itself follows from the matter's days).
DUE_SOON_DAYS = 7
MIN_YEAR, MAX_YEAR = 2000, 2100


def verification_deadline(commitment: Commitment) -> Deadline | None:
    """The date by which the commitment is verified: the matter sets the number of days and
    their kind (no national figure), counted from the commitment's date when it was accepted.
    None while next year's calendar is missing."""
    if commitment.verification_due_on is None:
        return None
    return Deadline(
        start=commitment.signed_on,
        due=commitment.verification_due_on,
        rule_code=None,
        rule_version=None,
        rule_id=None,
        basis=_("该事项确定的核查时限（国办发〔2020〕42号未规定统一时限）"),
        period_label=_("事项确定的核查时限，自承诺之日起计算"),
    )


def mark_overdue(commitments: Iterable[Commitment], today: datetime.date) -> None:
    """Set `overdue` (still awaiting verification past its date) and `due` (the deadline) on each."""
    for commitment in commitments:
        commitment.overdue = commitment.is_overdue(today)  # type: ignore[attr-defined]
        commitment.due = verification_deadline(commitment)  # type: ignore[attr-defined]


def commitment_matters(agency_id: int | None = None) -> QuerySet[ServiceMatter]:
    """The matters under notification-commitment (告知承诺制清单) of `agency_id`, whose
    commitments are accepted (none without an agency)."""
    return ServiceMatter.objects.filter(
        agency_id=agency_id, commitment_allowed=True, verification_days__isnull=False
    ).order_by("code")


def matters_with_commitments(agency_id: int | None = None) -> QuerySet[ServiceMatter]:
    """The matters of `agency_id` a commitment may be of: those under the system now or earlier."""
    return (
        ServiceMatter.objects.filter(agency_id=agency_id)
        .filter(Q(commitment_allowed=True) | Q(commitments__isnull=False))
        .distinct()
        .order_by("code")
    )


def divisions(agency_id: int | None = None) -> QuerySet[Organization]:
    """The divisions of `agency_id` (every division when None: the form narrows it per user)."""
    queryset = Organization.objects.filter(kind=Organization.Kind.DIVISION)
    if agency_id is not None:
        queryset = queryset.filter(parent_id=agency_id)
    return queryset.order_by("sort_order", "pk")


def districts() -> QuerySet[Organization]:
    """The districts and functional zones that receive delegated powers."""
    return Organization.objects.filter(kind=Organization.Kind.DISTRICT).order_by("sort_order", "pk")


def awaiting_verification(
    today: datetime.date, *, within_days: int | None = None, agency: Any = None
) -> QuerySet[Commitment]:
    """Commitments (of `agency`, every agency's for None) accepted and not yet verified, the earliest date first (those without a date,
    waiting for next year's calendar, last); `within_days` keeps those due by then or overdue."""
    queryset = Commitment.objects.of_agency(agency).filter(status=Commitment.Status.ACCEPTED)
    if within_days is not None:
        queryset = queryset.filter(verification_due_on__lte=today + datetime.timedelta(days=within_days))
    return queryset.select_related("matter").order_by("verification_due_on", "pk")


def long_day(value: datetime.date | None) -> str:
    return date_text(value) if value else ""


def yes_no(value: Any) -> bool | None:
    """A filter's "yes"/"no" as a boolean, anything else as no filter."""
    return {"yes": True, "no": False}.get(value)
