"""Seeding the calendar from the chinesecalendar package."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from fazhi.core.calendar.basics import HOLIDAY_NAMES
from fazhi.core.models import CalendarDay, CalendarYear

# --- seeding from the chinesecalendar package --------------------------------------------


def package_source() -> str:
    from importlib.metadata import version

    return f"chinesecalendar {version('chinesecalendar')}（据国务院办公厅节假日安排通知）"


def package_years() -> list[int]:
    from chinese_calendar.constants import holidays

    return sorted({d.year for d in holidays})


def holiday_name(english: str) -> str:
    if english in HOLIDAY_NAMES:
        return HOLIDAY_NAMES[english]
    from chinese_calendar.constants import Holiday

    try:
        return str(Holiday(english).chinese)
    except ValueError:
        return english


def package_days(year: int) -> list[tuple[datetime.date, bool, str]]:
    """(date, is_working_day, name) of every exception day the package lists for `year`:
    holidays (weekend ones too, for their name) as rest days, make-up days as working days."""
    from chinese_calendar.constants import holidays, workdays

    days = [(d, False, holiday_name(name)) for d, name in holidays.items() if d.year == year]
    days += [(d, True, holiday_name(name)) for d, name in workdays.items() if d.year == year]
    return sorted(days)


def seed_calendar_years(
    years: Iterable[int] | None = None,
    *,
    overwrite: bool = False,
    year_model: Any = None,
    day_model: Any = None,
) -> tuple[int, int]:
    """Fill the calendar from the package for `years` (default: all it covers). Idempotent.

    Adds missing years and days; a day already stored (perhaps corrected by an administrator)
    is rewritten only with `overwrite`. Returns (years created, days written). The model
    arguments let a data migration pass its historical models.
    """
    year_model = year_model or CalendarYear
    day_model = day_model or CalendarDay
    wanted = sorted(set(package_years() if years is None else years) & set(package_years()))
    source = package_source()
    existing_years = set(year_model.objects.filter(year__in=wanted).values_list("year", flat=True))
    year_model.objects.bulk_create(
        [year_model(year=y, source=source) for y in wanted if y not in existing_years]
    )
    stored = {
        d: (working, name)
        for d, working, name in day_model.objects.filter(year_id__in=wanted).values_list(
            "date", "is_working_day", "name"
        )
    }
    new_days, changed_days = [], []
    for year in wanted:
        for d, working, name in package_days(year):
            row = day_model(date=d, year_id=year, is_working_day=working, name=name)
            if d not in stored:
                new_days.append(row)
            elif overwrite and stored[d] != (working, name):
                changed_days.append(row)
    day_model.objects.bulk_create(new_days)
    if changed_days:
        day_model.objects.bulk_update(changed_days, ["is_working_day", "name"])
    return len(wanted) - len(existing_years), len(new_days) + len(changed_days)
