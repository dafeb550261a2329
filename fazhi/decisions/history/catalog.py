"""Entering a past year's catalog of major decisions."""

from __future__ import annotations

import datetime

from django.db import transaction

from fazhi.core.audit import record_event
from fazhi.core.models import Organization, User
from fazhi.core.workflow import DomainError, clean_text, require
from fazhi.decisions import permissions
from fazhi.decisions.history._common import C, _not_future
from fazhi.decisions.models import DecisionCatalog

# --- the catalog -------------------------------------------------------------------------------


def import_catalog(
    *,
    actor: User,
    agency: Organization,
    year: int,
    meeting: str,
    approved_on: datetime.date,
    published_on: datetime.date,
) -> DecisionCatalog:
    """A year's catalog as the Party committee meeting approved and the bureau published it;
    its matters follow with `import_decision`."""
    require(permissions.can_compile(actor, agency.pk))
    _not_future(approved_on, published_on)
    if not approved_on <= published_on:
        raise DomainError("目录应当经审议通过后公布：公布日期早于审议日期")
    if approved_on.year not in (year - 1, year):
        raise DomainError(f"{year} 年度目录的审议日期应在 {year - 1} 年或 {year} 年")
    if DecisionCatalog.objects.filter(agency=agency, year=year).exists():
        raise DomainError(f"{year} 年度目录已经存在")
    with transaction.atomic():
        catalog = DecisionCatalog.objects.create(
            agency=agency,
            year=year,
            status=C.PUBLISHED,
            approval_meeting=clean_text(meeting, "审议会议", limit=100),
            approved_on=approved_on,
            published_on=published_on,
            created_by=actor,
        )
        record_event(
            "catalog.import",
            actor=actor,
            obj=catalog,
            to_status=C.PUBLISHED,
            data={
                "year": year,
                "meeting": catalog.approval_meeting,
                "approved_on": approved_on.isoformat(),
                "published_on": published_on.isoformat(),
            },
        )
    return catalog
