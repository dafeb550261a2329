"""Unified numbering (统一编号, DOMAIN.md §4).

A number is `<prefix>〔<year>〕<n>号` with the hexagonal brackets of GB/T 9704 (U+3014/U+3015).
`n` starts at 1 each year per series, has no gaps and is never reused. The counter row is
locked for the issuing transaction (select_for_update on PostgreSQL; on SQLite the IMMEDIATE
transaction already holds the write lock), and the number record commits or rolls back with
the caller's transaction, so a failed issuance leaves no gap.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F

from fazhi.core import agencies, permissions
from fazhi.core.audit import object_label, record_event
from fazhi.core.models import IssuedNumber, NumberCounter, NumberSeries, Organization, User
from fazhi.core.workflow import DomainError

OPEN_BRACKET = "\u3014"  # 〔
CLOSE_BRACKET = "\u3015"  # 〕


def format_number(prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}{OPEN_BRACKET}{year}{CLOSE_BRACKET}{sequence}号"


def issue_number(
    series: NumberSeries, *, year: int, actor: User, subject: models.Model | None = None, title: str = ""
) -> IssuedNumber:
    """Issue the next number of `series` for `year` and record it (audited).

    Call it inside the transaction that issues the document, so that the number and the
    document commit together.
    """
    if not permissions.can_issue_number(actor, series):
        raise PermissionDenied
    if not 1949 <= year <= 9999:
        raise DomainError(f"年度 {year} 不正确")
    subject_type, subject_id = object_label(subject)
    with transaction.atomic():
        NumberCounter.objects.get_or_create(series=series, year=year)
        counter = NumberCounter.objects.select_for_update().get(series=series, year=year)
        NumberCounter.objects.filter(pk=counter.pk).update(last_value=F("last_value") + 1)
        sequence = counter.last_value + 1
        issued = IssuedNumber.objects.create(
            series=series,
            year=year,
            sequence=sequence,
            number=format_number(series.prefix, year, sequence),
            subject_type=subject_type,
            subject_id=subject_id,
            title=title[:300],
            issued_by=actor,
        )
        record_event(
            "number.issue",
            actor=actor,
            obj=issued,
            data={
                "number": issued.number,
                "series": series.prefix,
                "year": year,
                "sequence": sequence,
                "subject_type": subject_type,
                "subject_id": subject_id,
                "title": issued.title,
            },
        )
    return issued


def create_series(organization: Organization, *, kind: str, prefix: str, actor: User) -> NumberSeries:
    """Register a number series (e.g. 津科规 for normative documents); audited."""
    if not permissions.is_system_admin(actor):
        raise PermissionDenied
    if not (actor.has_perm("core.manage_city") or agencies.same_agency(actor, organization.agency_id)):
        # Issue 12: a department's administrator registers series of their own department only.
        raise PermissionDenied
    prefix = prefix.strip()
    if not prefix or any(c in prefix for c in "〔〕[]()（）号"):
        raise DomainError("发文机关代字不能为空，也不能包含括号或“号”字")
    if NumberSeries.objects.filter(
        models.Q(prefix=prefix) | models.Q(organization=organization, kind=kind)
    ).exists():
        raise DomainError("该代字或该机关的同类序列已存在")
    with transaction.atomic():
        series = NumberSeries.objects.create(organization=organization, kind=kind, prefix=prefix)
        record_event("number.series_create", actor=actor, obj=series, data={"prefix": prefix, "kind": kind})
    return series
