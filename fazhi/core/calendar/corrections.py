"""The administrators' corrections of the calendar, each an audited write."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.audit import record_event
from fazhi.core.models import CalendarDay, CalendarYear
from fazhi.core.permissions import can_manage_rulebook
from fazhi.core.workflow import DomainError

# --- administrators' corrections ---------------------------------------------------------

MIN_YEAR, MAX_YEAR = 1990, 2100


def create_calendar_year(year: int, *, source: str, actor: Any) -> CalendarYear:
    """Register a year whose official calendar (the State Council's notice) is now known."""
    if not can_manage_rulebook(actor):
        raise PermissionDenied
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": f"年份须在 {MIN_YEAR} 至 {MAX_YEAR} 之间。"})
    source = source.strip()
    if not source:
        raise ValidationError({"source": "请注明来源，如国务院办公厅关于该年部分节假日安排的通知。"})
    with transaction.atomic():
        if CalendarYear.objects.filter(year=year).exists():
            raise DomainError(f"{year} 年的工作日历已经录入。")
        entry = CalendarYear.objects.create(year=year, source=source, updated_by=actor)
        record_event("calendar.year_created", actor=actor, obj=entry, data={"year": year, "source": source})
    return entry


def set_calendar_day(day: datetime.date, *, is_working_day: bool, name: str, actor: Any) -> CalendarDay:
    """Add or correct one exception day: a holiday (rest) or a make-up working day on a weekend."""
    if not can_manage_rulebook(actor):
        raise PermissionDenied
    name = name.strip()
    if is_working_day and day.weekday() < 5:
        raise ValidationError(
            {
                "is_working_day": (
                    "周一至周五本来就是工作日，无需登记为调休上班日；若要取消某日的假期，请删除该日。"
                )
            }
        )
    if not is_working_day and day.weekday() < 5 and not name:
        raise ValidationError({"name": "工作日放假须注明节日名称。"})
    with transaction.atomic():
        year = CalendarYear.objects.filter(year=day.year).first()
        if year is None:
            raise DomainError(f"{day.year} 年的工作日历尚未登记，请先登记该年度及其来源。")
        previous = CalendarDay.objects.filter(date=day).first()
        entry, _created = CalendarDay.objects.update_or_create(
            date=day, defaults={"year": year, "is_working_day": is_working_day, "name": name}
        )
        year.updated_by = actor
        year.save(update_fields=["updated_by", "updated_at"])
        record_event(
            "calendar.day_set",
            actor=actor,
            obj=entry,
            data={
                "date": day.isoformat(),
                "is_working_day": is_working_day,
                "name": name,
                "previous": None
                if previous is None
                else {
                    "is_working_day": previous.is_working_day,
                    "name": previous.name,
                },
            },
        )
    return entry


def delete_calendar_day(day: datetime.date, *, actor: Any) -> None:
    """Remove an exception day: the date follows the Monday–Friday rule again."""
    if not can_manage_rulebook(actor):
        raise PermissionDenied
    with transaction.atomic():
        entry = CalendarDay.objects.select_related("year").filter(date=day).first()
        if entry is None:
            raise DomainError(f"{day.isoformat()} 不是已登记的节假日或调休日。")
        data = {"date": day.isoformat(), "is_working_day": entry.is_working_day, "name": entry.name}
        record_event("calendar.day_deleted", actor=actor, obj=entry, data=data)
        entry.delete()
        entry.year.updated_by = actor
        entry.year.save(update_fields=["updated_by", "updated_at"])
